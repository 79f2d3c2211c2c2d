//! The theme lexicon panel: see, add, edit and delete themes and their cues, import a
//! lexicon file, export the one in use, or go back to the built-in default. Every change is
//! a whole new lexicon sent to the worker, which validates it and re-tags the workspace.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::i18n::{self, Lang};
use crate::core::themes::{cue_lines, parse_cue_lines, Lexicon, LexiconError, Theme};

#[derive(Properties, PartialEq)]
pub struct LexiconProps {
    pub lexicon: Rc<Lexicon>,
    pub error: Option<LexiconError>,
    pub lang: Lang,
    /// A new lexicon, as TOML, for the worker to validate and use.
    pub on_submit: Callback<String>,
    pub on_reset: Callback<()>,
}

#[derive(Clone, PartialEq)]
struct Editing {
    /// The theme being edited (None: a new one).
    original: Option<String>,
    theme: Theme,
}

fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("application/toml;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn value(node: &NodeRef) -> String {
    if let Some(i) = node.cast::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(t) = node.cast::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else {
        String::new()
    }
}

#[function_component(LexiconView)]
pub fn lexicon_view(props: &LexiconProps) -> Html {
    let t = i18n::lexicon_text(props.lang);
    let editing = use_state(|| None::<Editing>);
    let local_error = use_state(|| None::<String>);
    let refs: [NodeRef; 6] = use_memo((), |_| std::array::from_fn(|_| NodeRef::default()))
        .as_ref()
        .clone();

    let submit_without = {
        let lex = props.lexicon.clone();
        let on_submit = props.on_submit.clone();
        move |id: String| {
            let mut next = (*lex).clone();
            next.themes.retain(|t| t.id != id);
            on_submit.emit(next.to_toml());
        }
    };

    let on_import = {
        let on_submit = props.on_submit.clone();
        let local_error = local_error.clone();
        Callback::from(move |e: Event| {
            let Some(file) = super::side::take_files(&e).into_iter().next() else {
                return;
            };
            let (on_submit, local_error) = (on_submit.clone(), local_error.clone());
            let reader =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                    match text {
                        Ok(text) => {
                            local_error.set(None);
                            on_submit.emit(text);
                        }
                        Err(err) => local_error.set(Some(format!("{}{err}", t.unreadable))),
                    }
                });
            std::mem::forget(reader);
        })
    };
    let on_export = {
        let lex = props.lexicon.clone();
        Callback::from(move |_| download("unsc-lens-themes.toml", &lex.to_toml()))
    };
    let on_reset = {
        let cb = props.on_reset.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let on_add = {
        let editing = editing.clone();
        Callback::from(move |_| {
            editing.set(Some(Editing {
                original: None,
                theme: Theme {
                    id: String::new(),
                    name_zh: String::new(),
                    name_en: String::new(),
                    definition: String::new(),
                    colour: "#1f5fa8".into(),
                    cues: Default::default(),
                },
            }))
        })
    };
    let on_save = {
        let editing = editing.clone();
        let local_error = local_error.clone();
        let lex = props.lexicon.clone();
        let on_submit = props.on_submit.clone();
        let refs = refs.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(ed) = (*editing).clone() else { return };
            let cues = match parse_cue_lines(&value(&refs[5])) {
                Ok(c) => c,
                Err(err) => {
                    local_error.set(Some(format!("{}{err}", t.cues_error)));
                    return;
                }
            };
            let theme = Theme {
                id: value(&refs[0]).trim().to_string(),
                name_zh: value(&refs[1]).trim().to_string(),
                name_en: value(&refs[2]).trim().to_string(),
                definition: value(&refs[3]).trim().to_string(),
                colour: value(&refs[4]),
                cues,
            };
            let mut next = (*lex).clone();
            match ed
                .original
                .as_ref()
                .and_then(|o| next.themes.iter().position(|t| &t.id == o))
            {
                Some(i) => next.themes[i] = theme,
                None => next.themes.push(theme),
            }
            local_error.set(None);
            editing.set(None);
            on_submit.emit(next.to_toml());
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };

    let error = props
        .error
        .as_ref()
        .map(|e| format!("{}{e}", t.rejected))
        .or_else(|| (*local_error).clone());
    html! {
        <section id="lexicon" class="lexicon" aria-labelledby="lexicon-title">
            <h2 id="lexicon-title">{ t.title }</h2>
            <p class="hint">{ t.hint }</p>
            <div class="lexicon-actions">
                <button type="button" id="theme-add" onclick={on_add}>{ t.add }</button>
                <label class="button-like" for="lexicon-file">{ t.import }</label>
                <input id="lexicon-file" class="visually-hidden" type="file" accept=".toml,text/plain" onchange={on_import} />
                <button type="button" id="lexicon-export" onclick={on_export}>{ t.export }</button>
                <button type="button" id="lexicon-reset" onclick={on_reset}>{ t.reset }</button>
            </div>
            if let Some(e) = error {
                <p class="lexicon-error" role="alert">{ e }</p>
            }
            if let Some(ed) = (*editing).clone() {
                <form class="theme-editor" onsubmit={on_save}>
                    <label>{ "id" }<input id="theme-id" ref={refs[0].clone()} value={ed.theme.id.clone()} required=true pattern="[a-z0-9_]+" /></label>
                    <label>{ t.name_zh }<input id="theme-zh" ref={refs[1].clone()} value={ed.theme.name_zh.clone()} required=true /></label>
                    <label>{ t.name_en }<input id="theme-en" ref={refs[2].clone()} value={ed.theme.name_en.clone()} required=true /></label>
                    <label>{ t.definition }<input id="theme-def" ref={refs[3].clone()} value={ed.theme.definition.clone()} /></label>
                    <label>{ t.colour }<input id="theme-colour" type="color" ref={refs[4].clone()} value={ed.theme.colour.clone()} /></label>
                    <label class="wide">{ t.cues }<textarea id="theme-cues" ref={refs[5].clone()} rows="8" value={cue_lines(&ed.theme)} /></label>
                    <div class="editor-actions">
                        <button type="submit" id="theme-save">{ t.save }</button>
                        <button type="button" onclick={on_cancel}>{ t.cancel }</button>
                    </div>
                </form>
            }
            <table class="lexicon-table">
                <thead><tr><th>{ "id" }</th><th>{ t.name_zh }</th><th>{ t.name_en }</th><th>{ t.cues }</th><th></th></tr></thead>
                <tbody>
                    { for props.lexicon.themes.iter().map(|th| {
                        let edit = {
                            let editing = editing.clone();
                            let th = th.clone();
                            Callback::from(move |_| editing.set(Some(Editing { original: Some(th.id.clone()), theme: th.clone() })))
                        };
                        let delete = {
                            let submit_without = submit_without.clone();
                            let id = th.id.clone();
                            Callback::from(move |_| submit_without(id.clone()))
                        };
                        html! {
                            <tr class="lex-theme" data-theme={th.id.clone()}>
                                <td><span class="swatch" style={format!("background: {}", th.colour)}></span>{ &th.id }</td>
                                <td>{ &th.name_zh }</td>
                                <td>{ &th.name_en }</td>
                                <td class="num">{ th.cues.len() }</td>
                                <td class="row-actions">
                                    <button type="button" class="theme-edit" onclick={edit}>{ t.edit }</button>
                                    <button type="button" class="theme-delete" onclick={delete}>{ t.delete }</button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
