//! One document: its metadata, then part by part the label, heading, speaker, original
//! languages, resolutions cited, paragraphs, and the counts the worker computed.

use yew::prelude::*;

use super::i18n::{self, Lang};
use super::state::{DocEntry, DocStatus};
use crate::core::analysis::PartSummary;
use crate::core::structure::{Document, Part, PartKind};

#[derive(Properties, PartialEq)]
pub struct DocProps {
    pub entry: DocEntry,
    pub lang: Lang,
}

pub fn part_anchor(index: usize) -> String {
    format!("part-{index}")
}

#[function_component(DocView)]
pub fn doc_view(props: &DocProps) -> Html {
    let lang = props.lang;
    let entry = &props.entry;
    if let DocStatus::Failed(e) = &entry.status {
        return html! {
            <article id="doc" class="doc-failed" data-name={entry.name.clone()}>
                <h2 class="failed-name">{ &entry.name }</h2>
                <p class="error-message" role="alert">{ i18n::error_message(lang, e) }</p>
            </article>
        };
    }
    let Some(doc) = entry.document() else {
        return html! {
            <article id="doc" class="doc-pending" data-name={entry.name.clone()}>
                <p class="pending">{ i18n::meta_text(lang).reading }</p>
            </article>
        };
    };
    let summary = match &entry.status {
        DocStatus::Ready(a, _) => Some(&a.summary),
        _ => None,
    };
    let source = match &entry.status {
        DocStatus::Ready(a, _) => Some(format!(
            "{} · {:?} · {} · {} KB",
            a.source.name,
            a.source.format,
            a.source.encoding,
            a.source.bytes.div_ceil(1024)
        )),
        _ => None,
    };
    let symbol = doc.meta.symbol.clone().unwrap_or_default();
    html! {
        <article id="doc" data-symbol={symbol} data-name={entry.name.clone()}>
            { meta_view(doc, source, lang) }
            { for doc.parts.iter().enumerate().map(|(i, part)| {
                let s = summary.and_then(|s| s.parts.get(i)).cloned();
                part_view(i, doc, part, s, lang)
            }) }
        </article>
    }
}

fn meta_view(doc: &Document, source: Option<String>, lang: Lang) -> Html {
    let m = i18n::meta_text(lang);
    let meta = &doc.meta;
    let row = |class: &'static str, label: &'static str, value: Option<String>| match value {
        Some(v) if !v.is_empty() => {
            html! { <div class={classes!("meta-row", class)}><dt>{ label }</dt><dd>{ v }</dd></div> }
        }
        _ => html! {},
    };
    html! {
        <dl class="doc-meta">
            { row("meta-symbol", m.symbol, meta.symbol.clone()) }
            { row("meta-date", m.date, meta.date.clone()) }
            { row("meta-sender", m.sender, meta.sender.clone()) }
            { row("meta-meeting", m.meeting, meta.meeting_date.clone()) }
            { row("meta-topic", m.topic, meta.topic.clone()) }
            { row("meta-references", m.references, Some(meta.references.join(" · "))) }
            { row("meta-job", m.job, meta.job_number.clone()) }
            { row("meta-source", m.source, source) }
        </dl>
    }
}

fn part_view(
    index: usize,
    doc: &Document,
    part: &Part,
    summary: Option<PartSummary>,
    lang: Lang,
) -> Html {
    let t = i18n::text(lang);
    let m = i18n::meta_text(lang);
    let kind = match part.kind {
        PartKind::Cover => "cover",
        PartKind::Annex => "annex",
        PartKind::Body => "body",
    };
    let label = match (part.kind, part.label) {
        (PartKind::Annex, Some(span)) if lang == Lang::Zh => doc.slice(span).trim().to_string(),
        (PartKind::Annex, _) => i18n::annex_label(lang, part.annex.unwrap_or(1)),
        _ => t.cover.to_string(),
    };
    let languages = if part.languages.is_empty() {
        (part.kind == PartKind::Annex).then(|| t.no_original.to_string())
    } else {
        let names: Vec<String> = part
            .languages
            .iter()
            .map(|c| i18n::language_name(lang, c))
            .collect();
        Some(format!(
            "{}: {}",
            t.original,
            names.join(if lang == Lang::Zh { "、" } else { ", " })
        ))
    };
    let resolutions = doc.part_resolutions(part);
    html! {
        <section class="part" id={part_anchor(index)} data-kind={kind}
                 data-annex={part.annex.map(|n| n.to_string())}
                 data-languages={part.languages.join(",")}>
            <header class="part-head">
                <span class="part-label">{ label }</span>
                if let Some(h) = part.heading {
                    <h2 class="part-heading">{ doc.slice(h) }</h2>
                }
                if let Some(l) = languages {
                    <span class="part-langs">{ l }</span>
                }
            </header>
            if let Some(sp) = &part.speaker {
                <p class="speaker">
                    if let Some(r) = &sp.represents {
                        <span class="represents" data-code={sp.code.clone()}>{ r }{ sp.code.as_ref().map(|c| format!(" ({c})")) }</span>
                    }
                    if let Some(p) = &sp.post { <span class="post">{ p }</span> }
                    { match &sp.name {
                        Some(n) => html! { <span class="person">{ n }</span> },
                        None => html! { <span class="person none">{ m.no_speaker }</span> },
                    } }
                </p>
            }
            if !resolutions.is_empty() {
                <p class="resolutions"><span class="label">{ m.resolutions }</span>
                    { for resolutions.iter().map(|(n, y)| html! {
                        <span class="resolution" data-number={n.clone()}>{ match y { Some(y) => format!("{n} ({y})"), None => n.clone() } }</span>
                    }) }
                </p>
            }
            <div class="part-body">
                <div class="paras">
                    { for part.paragraphs.iter().map(|p| html! { <p class="para">{ doc.slice(*p) }</p> }) }
                </div>
                <aside class="part-stats" aria-live="polite">
                    { match summary {
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
