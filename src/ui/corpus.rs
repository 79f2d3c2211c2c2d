//! The corpus view: every document and its statements — symbol, date, speaker, state,
//! original languages, length and top three themes — each row one click from the reader.

use std::rc::Rc;

use yew::prelude::*;

use super::charts::{download, DownloadButton};
use super::i18n::{self, Lang};
use super::route::Route;
use super::workspace::{part_label, Ws};
use crate::core::export::{self, Named};
use crate::core::themes::Lexicon;

#[derive(Properties, PartialEq)]
pub struct CorpusProps {
    pub ws: Ws,
    pub lexicon: Option<Rc<Lexicon>>,
    pub lang: Lang,
}

pub fn named(ws: &Ws) -> Vec<Named<'_>> {
    ws.docs
        .iter()
        .map(|d| Named {
            name: &d.name,
            analysed: &d.a,
        })
        .collect()
}

pub fn stem(ws: &Ws) -> String {
    let titles: Vec<String> = ws.docs.iter().map(|d| d.title()).collect();
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    export::file_stem(&refs)
}

#[function_component(CorpusView)]
pub fn corpus_view(p: &CorpusProps) -> Html {
    let (lang, ws) = (p.lang, &p.ws);
    let v = i18n::view_text(lang);
    let t = i18n::text(lang);
    let Some(lex) = p.lexicon.clone() else {
        return html! { <p class="pending">{ v.waiting }</p> };
    };
    let export_json = {
        let (ws, lex) = (ws.clone(), lex.clone());
        Callback::from(move |_: ()| {
            let json = serde_json::to_string_pretty(&export::workspace_json(&named(&ws), &lex))
                .map_err(|e| e.to_string())?;
            download(
                &format!("unsc-lens-{}.json", stem(&ws)),
                "application/json;charset=utf-8",
                &json,
            )
        })
    };
    let export_terms = {
        let ws = ws.clone();
        Callback::from(move |_: ()| {
            download(
                &format!("unsc-lens-terms-{}.csv", stem(&ws)),
                "text/csv;charset=utf-8",
                &export::term_frequencies_csv(&named(&ws)),
            )
        })
    };
    html! {
        <section id="corpus" class="view-corpus">
            <header class="view-head">
                <h2>{ v.corpus_title }</h2>
                <div class="actions">
                    <DownloadButton id="export-json" label={v.export_json} run={export_json} />
                    <DownloadButton id="export-terms-csv" label={v.export_terms} run={export_terms} />
                </div>
            </header>
            <div class="table-scroll">
            <table class="corpus-table">
                <thead><tr>
                    <th scope="col">{ v.document }</th>
                    <th scope="col">{ v.date }</th>
                    <th scope="col">{ v.statement }</th>
                    <th scope="col">{ v.speaker }</th>
                    <th scope="col">{ v.state }</th>
                    <th scope="col">{ v.languages }</th>
                    <th scope="col" class="num">{ v.length }</th>
                    <th scope="col">{ v.top_themes }</th>
                </tr></thead>
                { for ws.docs.iter().map(|d| {
                    let doc = &d.a.doc;
                    let date = doc.meta.date.clone().unwrap_or_default();
                    html! {
                        <tbody class="corpus-doc" data-doc={d.id.to_string()} data-symbol={doc.meta.symbol.clone()}>
                            <tr class="doc-row">
                                <th scope="rowgroup" colspan="8">
                                    <a href={Route::Reader { doc: d.id, at: None }.hash()}>{ d.title() }</a>
                                    if d.seed { <span class="tag">{ t.seed }</span> }
                                    <span class="doc-sub">{ format!(" {} · {} · {} {}", d.name, date, d.a.summary.word_count, v.length) }</span>
                                </th>
                            </tr>
                            { for doc.parts.iter().enumerate().map(|(i, part)| {
                                let sp = part.speaker.as_ref();
                                let words = d.a.summary.parts.get(i).map_or(0, |s| s.word_count);
                                let profile = d.a.themes.parts.get(i).map(|t| &t.profile);
                                let langs: Vec<String> = part.languages.iter().map(|c| i18n::language_name(lang, c)).collect();
                                let reader = Route::Reader { doc: d.id, at: Some((i, 0)) }.hash();
                                html! {
                                    <tr class="statement-row" data-part={i.to_string()} data-code={sp.and_then(|s| s.code.clone())}>
                                        <td></td>
                                        <td>{ &date }</td>
                                        <td><a class="open-part" href={reader}>{ part_label(part, lang) }</a></td>
                                        <td class="speaker-name">{ sp.and_then(|s| s.name.clone()).unwrap_or_default() }</td>
                                        <td class="state">{ sp.and_then(|s| s.code.clone()).unwrap_or_default() }</td>
                                        <td>{ langs.join(if lang == Lang::Zh { "、" } else { ", " }) }</td>
                                        <td class="num words">{ words }</td>
                                        <td class="top-themes">
                                            { for profile.into_iter().flat_map(|pr| pr.top(3)).filter_map(|s| lex.themes.get(s.theme).map(|th| (th, s))).map(|(th, s)| {
                                                // The paragraphs that carry the theme are one click away.
                                                let first = s.paragraphs.first().copied().unwrap_or(0);
                                                html! {
                                                    <a class="chip" data-theme={th.id.clone()} href={Route::Reader { doc: d.id, at: Some((i, first)) }.hash()}
                                                       title={format!("{} · {}", th.definition, i18n::paragraphs_count(lang, s.paragraphs.len()))}
                                                       style={format!("border-color: {0}; color: {0}", th.colour)}>
                                                        { format!("{} {}", i18n::theme_name(lang, th), i18n::percent(s.paragraph_share)) }
                                                    </a>
                                                }
                                            }) }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    }
                }) }
            </table>
            </div>
        </section>
    }
}
