//! Compare A with B (documents or statements): theme shares side by side, key terms each
//! way, shared and new terms, vocabulary similarity, and each state speaking in both.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::charts::{diverging_chart, download, download_svg, DownloadButton};
use super::doc_view::{marked_text, profile_chart};
use super::i18n::{self, Lang};
use super::route::{Route, Unit};
use super::workspace::{part_label, Workspace, Ws};
use crate::core::compare::{
    cosine, keyness, keyness_table, mostly_han, overlap, same_speakers, theme_deltas, Keyness,
    KeynessTable, Overlap, ThemeDelta, KEYNESS_ROWS,
};
use crate::core::export;
use crate::core::themes::Lexicon;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub ws: Ws,
    pub lexicon: Option<Rc<Lexicon>>,
    pub lang: Lang,
    /// From the URL; none: the newest upload against the seed.
    pub pair: Option<(Unit, Unit)>,
    pub navigate: Callback<Route>,
}

/// The default comparison: the newest upload against the seed; with no upload, the seed's
/// first two statements.
pub fn default_pair(ws: &Workspace) -> Option<(Unit, Unit)> {
    let seed = ws.seed()?;
    if let Some(new) = ws.newest() {
        return Some((Unit::doc(new.id), Unit::doc(seed.id)));
    }
    let mut annexes = seed
        .a
        .doc
        .parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == crate::core::structure::PartKind::Annex)
        .map(|(i, _)| Unit {
            doc: seed.id,
            part: Some(i),
        });
    Some((annexes.next()?, annexes.next()?))
}

struct Comparison {
    /// One text mostly Chinese, the other mostly in Latin letters.
    languages_differ: bool,
    /// Words in A and in B (the keyness denominators).
    words: (usize, usize),
    table: KeynessTable,
    overlap: Overlap,
    cosine: f64,
    deltas: Vec<ThemeDelta>,
    /// (state code, part in A's document, part in B's document).
    pairs: Vec<(String, usize, usize, f64)>,
}

fn compare(ws: &Workspace, a: Unit, b: Unit) -> Option<Comparison> {
    let (ta, na) = ws.counts(a)?;
    let (tb, nb) = ws.counts(b)?;
    let all: Vec<Keyness> = keyness(&ta, &tb, na, nb);
    let (df, n) = ws.df();
    let (da, db) = (ws.get(a.doc)?, ws.get(b.doc)?);
    let pairs = same_speakers(&da.a.doc, &db.a.doc)
        .into_iter()
        .filter(|(_, ia, ib)| a.part.is_none_or(|p| p == *ia) && b.part.is_none_or(|p| p == *ib))
        .filter(|(_, ia, ib)| a.doc != b.doc || ia != ib)
        .map(|(code, ia, ib)| {
            let sim = cosine(
                &da.a.summary.parts[ia].terms,
                &db.a.summary.parts[ib].terms,
                &df,
                n,
            );
            (code, ia, ib, sim)
        })
        .collect();
    Some(Comparison {
        languages_differ: mostly_han(&ta) != mostly_han(&tb),
        words: (na, nb),
        table: keyness_table(&all, KEYNESS_ROWS),
        overlap: overlap(&all, KEYNESS_ROWS),
        cosine: cosine(&ta, &tb, &df, n),
        deltas: theme_deltas(ws.profile(a)?, ws.profile(b)?),
        pairs,
    })
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn term_link(term: &str) -> Html {
    html! { <a class="term" href={Route::Kwic(term.to_string()).hash()}>{ term }</a> }
}

fn keyness_rows(rows: &[Keyness], caption: &str, side: &str, lang: Lang) -> Html {
    let v = i18n::view_text(lang);
    html! {
        <table class="keyness" data-side={side.to_string()}>
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ v.term }</th>
                <th scope="col" class="num">{ "G²" }</th>
                <th scope="col" class="num">{ v.log_ratio }</th>
                <th scope="col" class="num">{ v.freq_a }</th>
                <th scope="col" class="num">{ v.freq_b }</th>
            </tr></thead>
            <tbody>
                if rows.is_empty() {
                    <tr><td colspan="5" class="none">{ v.none }</td></tr>
                }
                { for rows.iter().map(|k| html! {
                    <tr class="keyness-row" data-term={k.term.clone()} data-g2={format!("{:.3}", k.g2)}
                        data-a={k.a.to_string()} data-b={k.b.to_string()}>
                        <td>{ term_link(&k.term) }</td>
                        <td class="num">{ i18n::g2(k.g2) }</td>
                        <td class="num">{ format!("{:+.1}", k.log_ratio) }</td>
                        <td class="num">{ k.a }</td>
                        <td class="num">{ k.b }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn term_list(
    id: &str,
    title: &str,
    rows: &[Keyness],
    count: fn(&Keyness) -> String,
    lang: Lang,
) -> Html {
    let v = i18n::view_text(lang);
    html! {
        <div class="term-list" id={id.to_string()}>
            <h4>{ title }</h4>
            if rows.is_empty() { <p class="none">{ v.none }</p> }
            <ul>
                { for rows.iter().map(|k| html! {
                    <li data-term={k.term.clone()}>{ term_link(&k.term) }<span class="c">{ count(k) }</span></li>
                }) }
            </ul>
        </div>
    }
}

#[function_component(CompareView)]
pub fn compare_view(p: &CompareProps) -> Html {
    let (lang, ws) = (p.lang, &p.ws);
    let v = i18n::view_text(lang);
    let pair = p.pair.or_else(|| default_pair(ws));
    let result = use_memo((ws.clone(), pair), |(ws, pair)| {
        pair.and_then(|(a, b)| compare(ws, a, b))
    });
    let Some(lex) = p.lexicon.clone() else {
        return html! { <p class="pending">{ v.waiting }</p> };
    };
    let Some((a, b)) = pair else {
        return html! { <p class="pending">{ v.waiting }</p> };
    };
    let (la, lb) = (ws.label(a, lang), ws.label(b, lang));
    let picker = |id: &'static str,
                  label: &'static str,
                  current: Unit,
                  other: Unit,
                  first: bool| {
        let navigate = p.navigate.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(u) = Unit::parse(&select_value(&e)) {
                let pair = if first { (u, other) } else { (other, u) };
                navigate.emit(Route::Compare(Some(pair)));
            }
        });
        html! {
            <label class="picker">{ label }
                <select id={id} {onchange}>
                    { for ws.units().into_iter().map(|u| {
                        let text = match u.part {
                            None => format!("{} ({})", ws.label(u, lang), v.whole),
                            Some(_) => format!("\u{2003}{}", ws.label(u, lang)),
                        };
                        html! { <option value={u.code()} selected={u == current}>{ text }</option> }
                    }) }
                </select>
            </label>
        }
    };
    let swap = {
        let navigate = p.navigate.clone();
        Callback::from(move |_| navigate.emit(Route::Compare(Some((b, a)))))
    };
    let stem = {
        let codes = [
            ws.label(Unit::doc(a.doc), lang),
            ws.label(Unit::doc(b.doc), lang),
        ];
        let pa = a.part.map(|p| format!("-{p}")).unwrap_or_default();
        let pb = b.part.map(|p| format!("-{p}")).unwrap_or_default();
        format!(
            "{}{pa}-vs-{}{pb}",
            export::file_stem(&[codes[0].as_str()]),
            export::file_stem(&[codes[1].as_str()])
        )
    };
    let head = html! {
        <header class="view-head compare-head">
            <h2>{ v.compare_title }</h2>
            <div class="pickers">
                { picker("compare-a", v.text_a, a, b, true) }
                <button type="button" id="compare-swap" onclick={swap}>{ "⇄" }<span class="sr">{ v.swap }</span></button>
                { picker("compare-b", v.text_b, b, a, false) }
            </div>
        </header>
    };
    let hint = ws
        .newest()
        .is_none()
        .then(|| html! { <p class="hint empty-state">{ v.need_upload }</p> });
    if a == b {
        return html! { <section id="compare">{ head }{ hint.unwrap_or_default() }<p class="hint">{ v.same_unit }</p></section> };
    }
    let Some(c) = result.as_ref() else {
        return html! { <section id="compare">{ head }<p class="pending">{ v.waiting }</p></section> };
    };
    let export_keyness = {
        let (table, la, lb, stem) = (c.table.clone(), la.clone(), lb.clone(), stem.clone());
        Callback::from(move |_: ()| {
            download(
                &format!("unsc-lens-keyness-{stem}.csv"),
                "text/csv;charset=utf-8",
                &export::keyness_csv(&table, &la, &lb),
            )
        })
    };
    let export_deltas = {
        let (deltas, la, lb, stem, lex) = (
            c.deltas.clone(),
            la.clone(),
            lb.clone(),
            stem.clone(),
            lex.clone(),
        );
        Callback::from(move |_: ()| {
            download(
                &format!("unsc-lens-themes-{stem}.csv"),
                "text/csv;charset=utf-8",
                &export::theme_deltas_csv(&deltas, &lex, &la, &lb),
            )
        })
    };
    let export_svg = {
        let stem = stem.clone();
        Callback::from(move |_: ()| {
            download_svg("compare-chart", &format!("unsc-lens-compare-{stem}.svg"))
        })
    };
    html! {
        <section id="compare" data-a={a.code()} data-b={b.code()}
                 data-words-a={c.words.0.to_string()} data-words-b={c.words.1.to_string()}>
            { head }
            { hint.unwrap_or_default() }
            <p class="cosine">{ format!("{}：", v.cosine) }<strong id="cosine" data-value={format!("{:.4}", c.cosine)}>{ format!("{:.3}", c.cosine) }</strong>
                <span class="hint">{ format!(" ({})", v.cosine_hint) }</span></p>
            <h3>{ v.deltas_title }</h3>
            <div class="actions">
                <DownloadButton id="export-compare-svg" label={v.export_svg} run={export_svg} />
                <DownloadButton id="export-deltas-csv" label={v.export_deltas} run={export_deltas} />
            </div>
            <div class="chart-scroll">{ diverging_chart("compare-chart", &c.deltas, &lex, (&la, &lb), lang) }</div>
            <h3>{ v.keyness_title }</h3>
            <p class="hint">{ v.keyness_hint }</p>
            if c.languages_differ { <p class="hint warning" id="languages-differ">{ v.languages_differ }</p> }
            <div class="actions"><DownloadButton id="export-keyness-csv" label={v.export_keyness} run={export_keyness} /></div>
            <div class="keyness-pair">
                { keyness_rows(&c.table.more_in_a, v.more_in_a, "a", lang) }
                { keyness_rows(&c.table.more_in_b, v.more_in_b, "b", lang) }
            </div>
            <div class="term-lists">
                { term_list("shared-terms", v.shared, &c.overlap.shared, |k| format!("{} / {}", k.a, k.b), lang) }
                { term_list("only-a-terms", v.only_a, &c.overlap.only_a, |k| k.a.to_string(), lang) }
                { term_list("only-b-terms", v.only_b, &c.overlap.only_b, |k| k.b.to_string(), lang) }
            </div>
            <h3>{ v.pairs_title }</h3>
            if c.pairs.is_empty() { <p class="none">{ v.no_pairs }</p> }
            { for c.pairs.iter().map(|(code, ia, ib, sim)| {
                let side = |doc: u32, part: usize| -> Html {
                    let Some(d) = ws.get(doc) else { return html! {} };
                    let document = &d.a.doc;
                    let pt = d.a.themes.parts.get(part);
                    html! {
                        <div class="pair-side" data-doc={doc.to_string()} data-part={part.to_string()}>
                            <h4><a href={Route::Reader { doc, at: Some((part, 0)) }.hash()}>{ format!("{} · {}", d.title(), part_label(&document.parts[part], lang)) }</a></h4>
                            if let Some(h) = document.parts[part].heading { <p class="part-heading">{ document.slice(h) }</p> }
                            if let Some(pt) = pt { { profile_chart(&pt.profile, &lex, lang) } }
                            <div class="pair-text">
                                { for document.parts[part].paragraphs.iter().enumerate().map(|(i, s)| {
                                    let marks = pt.and_then(|pt| pt.paragraphs.get(i)).map(|x| (x, &*lex));
                                    html! { <p class="para">{ marked_text(document, *s, marks, lang) }</p> }
                                }) }
                            </div>
                        </div>
                    }
                };
                html! {
                    <section class="pair" data-code={code.clone()}>
                        <h4 class="pair-title">{ format!("{code} · {} {:.3}", v.cosine, sim) }</h4>
                        <div class="pair-sides">{ side(a.doc, *ia) }{ side(b.doc, *ib) }</div>
                    </section>
                }
            }) }
        </section>
    }
}
