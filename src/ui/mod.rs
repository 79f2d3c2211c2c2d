//! The Yew interface. It renders what the core computed and owns no analysis logic.

mod doc_view;
mod engine;
pub mod i18n;
mod lexicon_view;
mod state;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::analysis::read_structure;
use crate::core::structure::PartKind;
use crate::core::themes::DEFAULT_LEXICON;
use crate::core::{SEED_NAME, SEED_ZH};
use crate::protocol::{FromWorker, ToWorker};
use doc_view::{part_anchor, DocView};
use engine::Engine;
use i18n::Lang;
use lexicon_view::LexiconView;
use state::{Action, DocStatus, EngineState, State};

const LANG_KEY: &str = "unsc-lens.lang";
/// The user's theme lexicon (TOML), when it is not the default.
const LEXICON_KEY: &str = "unsc-lens.lexicon";
const SEED_ID: u32 = 1;
/// Key terms shown per statement.
const KEY_TERMS: usize = 8;

fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

fn set_html_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.html_lang());
    }
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

fn scroll_to(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        lang: LocalStorage::get::<String>(LANG_KEY)
            .ok()
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default(),
        docs: vec![state::DocEntry {
            id: SEED_ID,
            name: SEED_NAME.to_string(),
            seed: true,
            // The structure needs no dictionary: paint it at once, segment in the worker.
            status: DocStatus::Pending(Some(Rc::new(read_structure(SEED_ZH)))),
        }],
        selected: SEED_ID,
        engine: EngineState::Loading,
        lexicon: None,
        lexicon_error: None,
        show_lexicon: false,
    });
    // A lexicon sent to the worker and not yet accepted: stored once the worker takes it.
    let pending_lexicon: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    let engine: Rc<RefCell<Option<Engine>>> = use_mut_ref(|| None);
    let next_id = use_mut_ref(|| SEED_ID + 1);

    {
        let dispatch = state.dispatcher();
        let engine = engine.clone();
        let pending_lexicon = pending_lexicon.clone();
        use_effect_with((), move |_| {
            mark("shell-painted");
            let on_msg = {
                let dispatch = dispatch.clone();
                let pending_lexicon = pending_lexicon.clone();
                move |msg: FromWorker| match msg {
                    FromWorker::LexiconSet { lexicon } => {
                        if let Some(toml) = pending_lexicon.borrow_mut().take() {
                            if let Err(e) = LocalStorage::set(LEXICON_KEY, toml) {
                                dispatch.dispatch(Action::EngineFailed(e.to_string()));
                            }
                        }
                        dispatch.dispatch(Action::LexiconSet(lexicon))
                    }
                    FromWorker::LexiconRejected { error } => {
                        pending_lexicon.borrow_mut().take();
                        dispatch.dispatch(Action::LexiconRejected(error))
                    }
                    FromWorker::Retagged { id, themes } => {
                        dispatch.dispatch(Action::Retagged(id, themes))
                    }
                    FromWorker::Ready { lexicon, .. } => {
                        dispatch.dispatch(Action::EngineReady(lexicon))
                    }
                    FromWorker::Done { id, result, ms } => {
                        dispatch.dispatch(Action::Finished(id, result, ms))
                    }
                    FromWorker::Rejected { reason } => {
                        dispatch.dispatch(Action::EngineFailed(reason))
                    }
                }
            };
            let on_err = {
                let dispatch = dispatch.clone();
                move |msg: String| dispatch.dispatch(Action::EngineFailed(msg))
            };
            match Engine::spawn(on_msg, on_err) {
                Ok(w) => {
                    // The user's lexicon first, so the seed is tagged with it.
                    if let Ok(toml) = LocalStorage::get::<String>(LEXICON_KEY) {
                        *pending_lexicon.borrow_mut() = Some(toml.clone());
                        let _ = w.send(&ToWorker::SetLexicon { toml });
                    }
                    let seed = ToWorker::Ingest {
                        id: SEED_ID,
                        name: SEED_NAME.to_string(),
                        bytes: SEED_ZH.as_bytes().to_vec(),
                    };
                    if let Err(e) = w.send(&seed) {
                        dispatch.dispatch(Action::EngineFailed(e));
                    }
                    *engine.borrow_mut() = Some(w);
                }
                Err(e) => dispatch.dispatch(Action::EngineFailed(e)),
            }
        });
    }

    let lang = state.lang;
    use_effect_with(lang, |lang| set_html_lang(*lang));
    let seed_done = state
        .docs
        .iter()
        .any(|d| d.seed && matches!(d.status, DocStatus::Ready(..)));
    use_effect_with(seed_done, |done| {
        if *done {
            mark("seed-analysed");
        }
    });

    let t = i18n::text(lang);
    let m = i18n::meta_text(lang);
    let toggle = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| {
            let next = lang.other();
            let _ = LocalStorage::set(LANG_KEY, next.code());
            dispatch.dispatch(Action::SetLang(next));
        })
    };

    // Each file is read and sent on its own, so one failing never holds up the others.
    let on_files = {
        let dispatch = state.dispatcher();
        let engine = engine.clone();
        let next_id = next_id.clone();
        Callback::from(move |e: Event| {
            let files = take_files(&e);
            for file in files {
                let id = {
                    let mut n = next_id.borrow_mut();
                    *n += 1;
                    *n - 1
                };
                let name = file.name();
                dispatch.dispatch(Action::Added(id, name.clone()));
                dispatch.dispatch(Action::Select(id));
                let dispatch = dispatch.clone();
                let engine = engine.clone();
                let reader = gloo::file::callbacks::read_as_bytes(
                    &gloo::file::File::from(file),
                    move |bytes| {
                        let sent = bytes
                            .map_err(|e| e.to_string())
                            .and_then(|bytes| match engine.borrow().as_ref() {
                                Some(w) => w.send(&ToWorker::Ingest { id, name, bytes }),
                                None => Err("worker not running".into()),
                            });
                        if let Err(e) = sent {
                            dispatch.dispatch(Action::EngineFailed(e));
                        }
                    },
                );
                // The read completes on its own; dropping the handle would cancel it.
                std::mem::forget(reader);
            }
        })
    };

    // Key terms weigh every statement against all statements in the workspace, so they are
    // recomputed when the workspace changes, not per document.
    let key_terms = use_memo(state.docs.clone(), |docs| {
        let ready: Vec<(u32, Vec<&[crate::core::stats::TermCount]>)> = docs
            .iter()
            .filter_map(|d| match &d.status {
                DocStatus::Ready(a, _) => Some((
                    d.id,
                    a.summary.parts.iter().map(|p| p.terms.as_slice()).collect(),
                )),
                _ => None,
            })
            .collect();
        let lists: Vec<Vec<&[crate::core::stats::TermCount]>> =
            ready.iter().map(|(_, p)| p.clone()).collect();
        ready
            .iter()
            .map(|(id, _)| *id)
            .zip(
                crate::core::stats::workspace_key_terms(&lists, KEY_TERMS)
                    .into_iter()
                    .map(Rc::new),
            )
            .collect::<std::collections::HashMap<u32, Rc<crate::core::stats::DocKeyTerms>>>()
    });
    let submit_lexicon = {
        let engine = engine.clone();
        let pending_lexicon = pending_lexicon.clone();
        let dispatch = state.dispatcher();
        Callback::from(move |toml: String| {
            *pending_lexicon.borrow_mut() = Some(toml.clone());
            if let Some(Err(e)) = engine
                .borrow()
                .as_ref()
                .map(|w| w.send(&ToWorker::SetLexicon { toml }))
            {
                dispatch.dispatch(Action::EngineFailed(e));
            }
        })
    };
    let reset_lexicon = {
        let engine = engine.clone();
        let pending_lexicon = pending_lexicon.clone();
        Callback::from(move |_: ()| {
            LocalStorage::delete(LEXICON_KEY);
            pending_lexicon.borrow_mut().take();
            if let Some(w) = engine.borrow().as_ref() {
                let _ = w.send(&ToWorker::SetLexicon {
                    toml: DEFAULT_LEXICON.to_string(),
                });
            }
        })
    };
    let toggle_lexicon = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::ToggleLexicon))
    };
    let lx = i18n::lexicon_text(lang);
    let selected = state
        .docs
        .iter()
        .find(|d| d.id == state.selected)
        .or(state.docs.first())
        .cloned();
    let ready_docs = state
        .docs
        .iter()
        .filter(|d| matches!(d.status, DocStatus::Ready(..)))
        .count();
    // The status line speaks of the engine and the seed; a file's own error stays beside it.
    let status_state = match &state.engine {
        EngineState::Failed(_) => "error",
        _ if seed_done => "ready",
        _ => "loading",
    };
    let status_text = match (&state.engine, selected.as_ref().map(|d| &d.status)) {
        (EngineState::Failed(msg), _) => format!("{}{msg}", t.failed),
        (_, Some(DocStatus::Ready(a, ms))) => i18n::status_ready(
            lang,
            a.doc.parts.len(),
            a.summary.word_count,
            *ms,
            ready_docs,
        ),
        (_, Some(DocStatus::Failed(e))) => i18n::error_message(lang, e),
        (EngineState::Loading, _) => t.loading.to_string(),
        _ => t.pending.to_string(),
    };

    html! {
        <div class="app">
            <header class="top">
                <h1><span class="brand">{ "UNSC Lens" }</span>{ " · " }<span class="brand-zh">{ "安理会文件透镜" }</span></h1>
                <p class="subtitle">{ t.subtitle }</p>
                <button id="lexicon-toggle" type="button" onclick={toggle_lexicon} aria-pressed={state.show_lexicon.to_string()}>
                    { if state.show_lexicon { lx.close } else { lx.open } }
                </button>
                <button id="lang-toggle" type="button" onclick={toggle} aria-label={t.toggle_label}>{ t.toggle }</button>
            </header>
            <div class="main">
                <nav class="side" aria-label={t.documents}>
                    <h2>{ t.documents }</h2>
                    <ul class="doc-list">
                        { for state.docs.iter().map(|d| {
                            let id = d.id;
                            let select = {
                                let dispatch = state.dispatcher();
                                Callback::from(move |_| dispatch.dispatch(Action::Select(id)))
                            };
                            let (kind, detail) = match &d.status {
                                DocStatus::Pending(_) => ("pending", m.reading.to_string()),
                                DocStatus::Ready(a, _) => ("ready", format!(
                                    "{} · {} {}",
                                    a.doc.meta.date.clone().unwrap_or_else(|| a.source.encoding.clone()),
                                    a.doc.annexes().count(),
                                    t.statements
                                )),
                                DocStatus::Failed(e) => ("error", i18n::error_message(lang, e)),
                            };
                            let title = match &d.status {
                                DocStatus::Ready(a, _) => a.doc.meta.symbol.clone().unwrap_or_else(|| d.name.clone()),
                                DocStatus::Pending(Some(doc)) => doc.meta.symbol.clone().unwrap_or_else(|| d.name.clone()),
                                _ => d.name.clone(),
                            };
                            let current = d.id == state.selected;
                            html! {
                                <li class={classes!("doc-entry", d.seed.then_some("seed"), current.then_some("current"))}
                                    data-state={kind} data-name={d.name.clone()}>
                                    <button type="button" class="doc-select" onclick={select} aria-current={current.then_some("true")}>
                                        <span class="doc-symbol">{ if d.seed { "★ " } else { "" } }{ title }</span>
                                        if d.seed { <span class="tag">{ t.seed }</span> }
                                        <span class={classes!("doc-sub", (kind == "error").then_some("doc-error"))}>{ detail }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                    <div class="add">
                        <label class="add-button" for="file-input">{ m.add_files }</label>
                        <input id="file-input" type="file" multiple=true onchange={on_files}
                            accept=".txt,.text,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf" />
                        <p class="hint">{ m.add_hint }</p>
                    </div>
                    if let Some(doc) = selected.as_ref().and_then(|d| d.document()) {
                        <h2>{ t.contents }</h2>
                        <ol class="toc">
                            { for doc.parts.iter().enumerate().map(|(i, p)| {
                                let id = part_anchor(i);
                                let label = match p.kind {
                                    PartKind::Annex => i18n::annex_label(lang, p.annex.unwrap_or(1)),
                                    _ => t.cover.to_string(),
                                };
                                let title = p.heading.map(|h| doc.slice(h).to_string()).unwrap_or_default();
                                html! {
                                    <li><button type="button" class="toc-link" title={title}
                                        onclick={Callback::from(move |_| scroll_to(&id))}>{ label }</button></li>
                                }
                            }) }
                        </ol>
                    }
                </nav>
                <main class="view">
                    if let (true, Some(lexicon)) = (state.show_lexicon, state.lexicon.clone()) {
                        <LexiconView {lexicon} error={state.lexicon_error.clone()} {lang}
                            on_submit={submit_lexicon} on_reset={reset_lexicon} />
                    } else if let Some(entry) = selected {
                        <DocView key_terms={key_terms.get(&entry.id).cloned()} {entry} {lang} lexicon={state.lexicon.clone()} />
                    }
                </main>
            </div>
            <footer id="status" class="status" data-state={status_state} role="status">{ status_text }</footer>
        </div>
    }
}
