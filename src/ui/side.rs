//! The documents panel: the workspace's documents (the seed always first and marked),
//! each with its own progress and error; renaming and removing; the drop zone, which is
//! also a button; pasting text; clearing the workspace; the selected document's contents.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::doc_view::part_anchor;
use super::i18n::{self, Lang};
use super::state::{DocEntry, DocStatus};
use crate::core::structure::PartKind;

pub enum SideEvent {
    Files(Vec<web_sys::File>),
    /// A name and the pasted text.
    Paste(String, String),
    Rename(u32, String),
    Remove(u32),
    /// Remove these uploads (all of them), after the user confirmed.
    Reset(Vec<u32>),
    Select(u32),
}

#[derive(Properties, PartialEq)]
pub struct SideProps {
    pub docs: Vec<DocEntry>,
    pub selected: u32,
    pub lang: Lang,
    pub restored: Option<(usize, usize)>,
    pub on_event: Callback<SideEvent>,
    /// The reader is shown: list the selected document's parts.
    pub reader: bool,
}

/// The files chosen in a file input, which is then cleared so the same file can be chosen
/// again.
pub(crate) fn take_files(e: &Event) -> Vec<web_sys::File> {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    files
}

fn input_value(node: &NodeRef) -> String {
    if let Some(el) = node.cast::<web_sys::HtmlInputElement>() {
        return el.value();
    }
    node.cast::<web_sys::HtmlTextAreaElement>()
        .map(|el| el.value())
        .unwrap_or_default()
}

fn clear(node: &NodeRef) {
    if let Some(el) = node.cast::<web_sys::HtmlInputElement>() {
        el.set_value("");
    } else if let Some(el) = node.cast::<web_sys::HtmlTextAreaElement>() {
        el.set_value("");
    }
}

/// A name for pasted text: the user's, else the first words of the text; always with an
/// extension so it is read as plain text.
fn paste_name(given: &str, text: &str, lang: Lang, n: usize) -> String {
    let given = given.trim();
    let base = if given.is_empty() {
        let first: String = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control())
            .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
            .take(24)
            .collect();
        let first = first.trim_matches('-').trim().to_string();
        if first.is_empty() {
            format!("{} {n}", i18n::view_text(lang).paste_default_name)
        } else {
            first
        }
    } else {
        given.to_string()
    };
    let known = [".txt", ".text", ".html", ".htm"];
    if known.iter().any(|e| base.to_ascii_lowercase().ends_with(e)) {
        base
    } else {
        format!("{base}.txt")
    }
}

#[function_component(Side)]
pub fn side(p: &SideProps) -> Html {
    let lang = p.lang;
    let t = i18n::text(lang);
    let m = i18n::meta_text(lang);
    let v = i18n::view_text(lang);
    let renaming = use_state(|| None::<u32>);
    let rename_input = use_node_ref();
    let paste_text = use_node_ref();
    let paste_name_input = use_node_ref();
    let pastes = use_mut_ref(|| 0usize);
    // The entries get callbacks that stay the same object across renders, so an entry whose
    // document has not changed is not drawn again: while letters stream in, the panel is
    // redrawn for every group of files and batch of analyses.
    let latest = use_mut_ref(|| p.on_event.clone());
    *latest.borrow_mut() = p.on_event.clone();
    let on_event = use_memo((), move |_| {
        Callback::from(move |e: SideEvent| {
            let current = latest.borrow().clone();
            current.emit(e)
        })
    });
    let on_rename = {
        let setter = renaming.setter();
        use_memo((), move |_| Callback::from(move |id| setter.set(id)))
    };

    let on_files = {
        let on_event = p.on_event.clone();
        Callback::from(move |e: Event| {
            let files = take_files(&e);
            if !files.is_empty() {
                on_event.emit(SideEvent::Files(files));
            }
        })
    };
    let on_paste = {
        let on_event = p.on_event.clone();
        let (paste_text, paste_name_input) = (paste_text.clone(), paste_name_input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input_value(&paste_text);
            if text.trim().is_empty() {
                return;
            }
            *pastes.borrow_mut() += 1;
            let name = paste_name(
                &input_value(&paste_name_input),
                &text,
                lang,
                *pastes.borrow(),
            );
            on_event.emit(SideEvent::Paste(name, text));
            clear(&paste_text);
            clear(&paste_name_input);
        })
    };
    let uploads: Vec<u32> = p.docs.iter().filter(|d| !d.seed).map(|d| d.id).collect();
    let on_reset = {
        let (on_event, uploads) = (p.on_event.clone(), uploads.clone());
        Callback::from(move |_| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(v.reset_confirm).ok())
                .unwrap_or(false);
            if confirmed {
                on_event.emit(SideEvent::Reset(uploads.clone()));
            }
        })
    };
    let selected = p.docs.iter().find(|d| d.id == p.selected);

    html! {
        <nav class="side" aria-label={t.documents}>
            <h2>{ t.documents }</h2>
            <ul class="doc-list">
                { for p.docs.iter().map(|d| html! {
                    <DocItem key={d.id} doc={d.clone()} current={d.id == p.selected}
                        editing={*renaming == Some(d.id)} lang={lang} on_event={(*on_event).clone()}
                        on_rename={(*on_rename).clone()} rename_input={rename_input.clone()} />
                }) }
            </ul>
            if let Some((n, skipped)) = p.restored.filter(|(n, s)| n + s > 0) {
                <p class="restored hint">{ i18n::restored(lang, n, skipped) }</p>
            }
            <div class="add">
                <input id="file-input" class="visually-hidden" type="file" multiple=true onchange={on_files}
                    accept=".txt,.text,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf" />
                <label class="drop-zone add-button" for="file-input">
                    <span class="drop-title">{ m.add_files }</span>
                    <span class="drop-text">{ v.drop }</span>
                </label>
                <p class="hint">{ m.add_hint }</p>
                <details class="paste">
                    <summary>{ v.paste }</summary>
                    <form onsubmit={on_paste}>
                        <textarea id="paste-text" ref={paste_text} rows="6" placeholder={v.paste_placeholder} aria-label={v.paste} />
                        <input id="paste-name" ref={paste_name_input} placeholder={v.paste_name} aria-label={v.paste_name} />
                        <button type="submit" id="paste-submit">{ v.paste_submit }</button>
                    </form>
                </details>
                if !uploads.is_empty() {
                    <button type="button" id="workspace-reset" class="danger" onclick={on_reset}>{ v.reset }</button>
                }
            </div>
            if let (true, Some(doc)) = (p.reader, selected.and_then(|d| d.document())) {
                <h2>{ t.contents }</h2>
                <ol class="toc">
                    { for doc.parts.iter().enumerate().map(|(i, part)| {
                        let id = part_anchor(i);
                        let label = match part.kind {
                            PartKind::Annex => i18n::annex_label(lang, part.annex.unwrap_or(1)),
                            _ => t.cover.to_string(),
                        };
                        let title = part.heading.map(|h| doc.slice(h).to_string()).unwrap_or_default();
                        html! {
                            <li><button type="button" class="toc-link" title={title}
                                onclick={Callback::from(move |_| super::scroll_to(&id))}>{ label }</button></li>
                        }
                    }) }
                </ol>
            }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    doc: DocEntry,
    current: bool,
    editing: bool,
    lang: Lang,
    on_event: Callback<SideEvent>,
    /// Starts (`Some`) or ends renaming.
    on_rename: Callback<Option<u32>>,
    rename_input: NodeRef,
}

/// One document of the list.
#[function_component(DocItem)]
fn doc_item(p: &ItemProps) -> Html {
    let (d, lang) = (&p.doc, p.lang);
    let t = i18n::text(lang);
    let m = i18n::meta_text(lang);
    let v = i18n::view_text(lang);
    let id = d.id;
    let select = {
        let on_event = p.on_event.clone();
        Callback::from(move |_| on_event.emit(SideEvent::Select(id)))
    };
    let (kind, detail) = match &d.status {
        DocStatus::Pending => ("pending", m.reading.to_string()),
        DocStatus::Ready(a, _) => (
            "ready",
            format!(
                "{} · {} {}",
                a.doc
                    .meta
                    .date
                    .clone()
                    .unwrap_or_else(|| a.source.encoding.clone()),
                a.doc.annexes().count(),
                t.statements
            ),
        ),
        DocStatus::Failed(e) => ("error", i18n::error_message(lang, e)),
    };
    let title = match &d.status {
        DocStatus::Ready(a, _) => a.doc.meta.symbol.clone().unwrap_or_else(|| d.name.clone()),
        _ => d.name.clone(),
    };
    let current = p.current;
    let start_rename = p.on_rename.reform(move |_| Some(id));
    let remove = {
        let on_event = p.on_event.clone();
        Callback::from(move |_| on_event.emit(SideEvent::Remove(id)))
    };
    let save = {
        let (on_event, on_rename, input) = (
            p.on_event.clone(),
            p.on_rename.clone(),
            p.rename_input.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_value(&input).trim().to_string();
            if !name.is_empty() {
                on_event.emit(SideEvent::Rename(id, name));
            }
            on_rename.emit(None);
        })
    };
    html! {
        <li class={classes!("doc-entry", d.seed.then_some("seed"), current.then_some("current"))}
            data-state={kind} data-name={d.name.clone()} data-id={id.to_string()}>
            if p.editing {
                <form class="rename-form" onsubmit={save}>
                    <input class="rename-input" ref={p.rename_input.clone()} value={d.name.clone()} aria-label={v.rename} />
                    <button type="submit" class="rename-save">{ v.rename_save }</button>
                </form>
            } else {
                <button type="button" class="doc-select" onclick={select} aria-current={current.then_some("true")}>
                    <span class="doc-symbol">{ if d.seed { "★ " } else { "" } }{ title }</span>
                    if d.seed { <span class="tag">{ t.seed }</span> }
                    if !d.seed && d.status != DocStatus::Pending { <span class="doc-file">{ &d.name }</span> }
                    <span class={classes!("doc-sub", (kind == "error").then_some("doc-error"))}>{ detail }</span>
                </button>
                if !d.seed {
                    <span class="doc-actions">
                        <button type="button" class="doc-rename" onclick={start_rename} title={v.rename} aria-label={format!("{} {}", v.rename, d.name)}>{ "✎" }</button>
                        <button type="button" class="doc-remove" onclick={remove} title={v.remove} aria-label={format!("{} {}", v.remove, d.name)}>{ "✕" }</button>
                    </span>
                }
            }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_named_by_its_first_line() {
        assert_eq!(
            paste_name("", "\n  S/2021/1/致 秘书长 \n正文", Lang::Zh, 1),
            "S-2021-1-致 秘书长.txt"
        );
        assert_eq!(paste_name("", "   \n", Lang::En, 2), "pasted text 2.txt");
        assert_eq!(
            paste_name("my letter.html", "x", Lang::En, 3),
            "my letter.html"
        );
        assert_eq!(paste_name(" 草稿 ", "x", Lang::Zh, 3), "草稿.txt");
    }
}
