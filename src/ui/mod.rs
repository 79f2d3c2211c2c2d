//! The Yew interface. It renders what the core computed and owns no analysis logic.

mod doc_view;
mod engine;
pub mod i18n;
mod state;

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use crate::core::analysis::read_structure;
use crate::core::structure::PartKind;
use crate::core::SEED_ZH;
use crate::protocol::{FromWorker, ToWorker};
use doc_view::{part_anchor, DocView};
use engine::Engine;
use i18n::Lang;
use state::{Action, EngineState, State};

const LANG_KEY: &str = "unsc-lens.lang";
const SEED_REQUEST: u32 = 1;

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
        seed: Rc::new(read_structure(SEED_ZH)),
        summary: None,
        engine: EngineState::Loading,
    });
    // The worker lives as long as the page.
    let engine = use_mut_ref(|| None::<Engine>);

    {
        let dispatch = state.dispatcher();
        let engine = engine.clone();
        use_effect_with((), move |_| {
            mark("shell-painted");
            let on_msg = {
                let dispatch = dispatch.clone();
                let engine = engine.clone();
                move |msg: FromWorker| match msg {
                    FromWorker::Ready { .. } => {
                        dispatch.dispatch(Action::EngineReady);
                        let request = ToWorker::Analyse {
                            id: SEED_REQUEST,
                            text: SEED_ZH.to_string(),
                        };
                        if let Some(Err(e)) = engine.borrow().as_ref().map(|w| w.send(&request)) {
                            dispatch.dispatch(Action::EngineFailed(e));
                        }
                    }
                    FromWorker::Analysed { summary, ms, .. } => {
                        dispatch.dispatch(Action::Analysed(summary, ms))
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
                Ok(w) => *engine.borrow_mut() = Some(w),
                Err(e) => dispatch.dispatch(Action::EngineFailed(e)),
            }
        });
    }

    let lang = state.lang;
    use_effect_with(lang, |lang| set_html_lang(*lang));
    let analysed = state.summary.is_some();
    use_effect_with(analysed, |done| {
        if *done {
            mark("seed-analysed");
        }
    });

    let t = i18n::text(lang);
    let toggle = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| {
            let next = lang.other();
            let _ = LocalStorage::set(LANG_KEY, next.code());
            dispatch.dispatch(Action::SetLang(next));
        })
    };

    let seed = &state.seed;
    let statements = seed.annexes().count();
    let (status_state, status_text) = match &state.engine {
        EngineState::Loading => ("loading", t.loading.to_string()),
        EngineState::Segmenting => ("loading", t.pending.to_string()),
        EngineState::Done { ms } => (
            "ready",
            i18n::status_ready(
                lang,
                seed.parts.len(),
                state.summary.as_ref().map_or(0, |s| s.word_count),
                *ms,
            ),
        ),
        EngineState::Failed(msg) => ("error", format!("{}{msg}", t.failed)),
    };

    html! {
        <div class="app">
            <header class="top">
                <h1><span class="brand">{ "UNSC Lens" }</span>{ " · " }<span class="brand-zh">{ "安理会文件透镜" }</span></h1>
                <p class="subtitle">{ t.subtitle }</p>
                <button id="lang-toggle" type="button" onclick={toggle} aria-label={t.toggle_label}>{ t.toggle }</button>
            </header>
            <div class="main">
                <nav class="side" aria-label={t.documents}>
                    <h2>{ t.documents }</h2>
                    <div class="doc-card seed">
                        <p class="doc-symbol">{ "★ " }{ seed.meta.symbol.clone().unwrap_or_default() }<span class="tag">{ t.seed }</span></p>
                        <p class="doc-sub">{ statements }{ " " }{ t.statements }</p>
                    </div>
                    <h2>{ t.contents }</h2>
                    <ol class="toc">
                        { for seed.parts.iter().enumerate().map(|(i, p)| {
                            let id = part_anchor(i);
                            let label = match p.kind {
                                PartKind::Annex => i18n::annex_label(lang, p.annex.unwrap_or(1)),
                                _ => t.cover.to_string(),
                            };
                            let title = p.heading.map(|h| seed.slice(h).to_string()).unwrap_or_default();
                            html! {
                                <li><button type="button" class="toc-link" title={title}
                                    onclick={Callback::from(move |_| scroll_to(&id))}>{ label }</button></li>
                            }
                        }) }
                    </ol>
                </nav>
                <main class="view">
                    <DocView doc={seed.clone()} summary={state.summary.clone()} {lang} />
                </main>
            </div>
            <footer id="status" class="status" data-state={status_state} role="status">{ status_text }</footer>
        </div>
    }
}
