//! One document, part by part: label, heading, original languages, paragraphs, and the
//! per-part counts the worker computed.

use yew::prelude::*;

use super::i18n::{self, Lang};
use crate::core::analysis::PartSummary;
use crate::core::structure::{Document, Part, PartKind};

#[derive(Properties, PartialEq)]
pub struct DocProps {
    pub doc: std::rc::Rc<Document>,
    pub summary: Option<std::rc::Rc<crate::core::analysis::DocSummary>>,
    pub lang: Lang,
}

pub fn part_anchor(index: usize) -> String {
    format!("part-{index}")
}

#[function_component(DocView)]
pub fn doc_view(props: &DocProps) -> Html {
    let doc = &props.doc;
    let symbol = doc.meta.symbol.clone().unwrap_or_default();
    html! {
        <article id="doc" data-symbol={symbol}>
            { for doc.parts.iter().enumerate().map(|(i, part)| {
                let summary = props.summary.as_ref().and_then(|s| s.parts.get(i)).cloned();
                html! { <PartView key={i} index={i} doc={doc.clone()} part={part.clone()} {summary} lang={props.lang} /> }
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct PartProps {
    index: usize,
    doc: std::rc::Rc<Document>,
    part: Part,
    summary: Option<PartSummary>,
    lang: Lang,
}

#[function_component(PartView)]
fn part_view(props: &PartProps) -> Html {
    let t = i18n::text(props.lang);
    let doc = &props.doc;
    let part = &props.part;
    let kind = match part.kind {
        PartKind::Cover => "cover",
        PartKind::Annex => "annex",
        PartKind::Body => "body",
    };
    let label = match (part.kind, part.label) {
        (PartKind::Annex, Some(span)) if props.lang == Lang::Zh => {
            doc.slice(span).trim().to_string()
        }
        (PartKind::Annex, _) => i18n::annex_label(props.lang, part.annex.unwrap_or(1)),
        _ => t.cover.to_string(),
    };
    let languages = if part.languages.is_empty() {
        (part.kind == PartKind::Annex).then(|| t.no_original.to_string())
    } else {
        let names: Vec<String> = part
            .languages
            .iter()
            .map(|c| i18n::language_name(props.lang, c))
            .collect();
        Some(format!(
            "{}: {}",
            t.original,
            names.join(if props.lang == Lang::Zh { "、" } else { ", " })
        ))
    };
    html! {
        <section class="part" id={part_anchor(props.index)} data-kind={kind}
                 data-annex={part.annex.map(|n| n.to_string())}>
            <header class="part-head">
                <span class="part-label">{ label }</span>
                if let Some(h) = part.heading {
                    <h2 class="part-heading">{ doc.slice(h) }</h2>
                }
                if let Some(l) = languages {
                    <span class="part-langs">{ l }</span>
                }
            </header>
            <div class="part-body">
                <div class="paras">
                    { for part.paragraphs.iter().map(|p| html! { <p class="para">{ doc.slice(*p) }</p> }) }
                </div>
                <aside class="part-stats" aria-live="polite">
                    { match &props.summary {
                        None => html! { <p class="pending">{ t.pending }</p> },
                        Some(s) => html! {
                            <>
                                <p class="count-line">{ t.words }{ " " }<span class="token-count">{ s.word_count }</span></p>
                                <h3 class="stats-title">{ t.top_words }</h3>
                                <ol class="top-words">
                                    { for s.top_words.iter().map(|w| html! {
                                        <li class="top-word" data-word={w.term.clone()} data-count={w.count.to_string()}>
                                            <span class="w">{ &w.term }</span>
                                            <span class="c">{ w.count }</span>
                                        </li>
                                    }) }
                                </ol>
                            </>
                        },
                    } }
                </aside>
            </div>
        </section>
    }
}
