//! Which statement cites which Security Council resolution, as a matrix; each count opens
//! the paragraph of the first citation.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::i18n::{self, Lang};
use super::route::Route;
use super::workspace::{part_label, Ws};
use crate::core::structure::Citation;

#[derive(Properties, PartialEq)]
pub struct ResolutionsProps {
    pub ws: Ws,
    pub lang: Lang,
    /// A resolution to bring forward (from an entity link in the reader).
    pub focus: Option<String>,
}

#[function_component(ResolutionsView)]
pub fn resolutions_view(p: &ResolutionsProps) -> Html {
    let (lang, ws) = (p.lang, &p.ws);
    let v = i18n::view_text(lang);
    let mut rows: Vec<(u32, usize, BTreeMap<String, Citation>)> = Vec::new();
    let mut years: BTreeMap<String, Option<u16>> = BTreeMap::new();
    for d in &ws.docs {
        for (pi, cites) in d.a.doc.citations().into_iter().enumerate() {
            for (n, c) in &cites {
                let y = years.entry(n.clone()).or_default();
                *y = y.or(c.year);
            }
            if !cites.is_empty() {
                rows.push((d.id, pi, cites));
            }
        }
    }
    // Resolutions by number.
    let mut cols: Vec<String> = years.keys().cloned().collect();
    cols.sort_by_key(|k| (k.parse::<u32>().unwrap_or(u32::MAX), k.clone()));
    html! {
        <section id="resolutions" class="view-resolutions">
            <header class="view-head"><h2>{ v.res_title }</h2></header>
            <p class="hint">{ v.res_hint }</p>
            if rows.is_empty() {
                <p class="none empty-state">{ v.res_none }</p>
            } else {
                <div class="table-scroll">
                <table class="res-matrix">
                    <thead><tr>
                        <th scope="col">{ v.statement }</th>
                        { for cols.iter().map(|n| {
                            let focus = p.focus.as_deref() == Some(n.as_str());
                            let cited_by = rows.iter().filter(|r| r.2.contains_key(n)).count();
                            html! {
                                <th scope="col" class={classes!("res-col", focus.then_some("focus"))} data-number={n.clone()}
                                    title={format!("{} {n}{} · {}", v.resolution, years[n].map(|y| format!(" ({y})")).unwrap_or_default(), i18n::statements_count(lang, cited_by))}>
                                    { n }
                                    if let Some(y) = years[n] { <span class="year">{ format!("({y})") }</span> }
                                </th>
                            }
                        }) }
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|(id, pi, cites)| {
                            let d = ws.get(*id);
                            let label = d.map(|d| format!("{} · {}", d.title(), part_label(&d.a.doc.parts[*pi], lang))).unwrap_or_default();
                            html! {
                                <tr class="res-row" data-doc={id.to_string()} data-part={pi.to_string()}>
                                    <th scope="row">{ label }</th>
                                    { for cols.iter().map(|n| match cites.get(n).map(|c| (c.count, c.first_paragraph)) {
                                        Some((count, para)) => html! {
                                            <td class={classes!("res-cell", (p.focus.as_deref() == Some(n.as_str())).then_some("focus"))} data-number={n.clone()} data-count={count.to_string()}>
                                                <a href={Route::Reader { doc: *id, at: Some((*pi, para)) }.hash()}>{ count }</a>
                                            </td>
                                        },
                                        None => html! { <td class="res-cell empty"></td> },
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}
