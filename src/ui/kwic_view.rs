//! Concordance: a term searched across the workspace, each hit with its left and right
//! context, document and speaker; sortable by either context; a click opens the reader at
//! the hit.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::i18n::{self, Lang};
use super::route::Route;
use super::workspace::{part_label, Ws};
use crate::core::kwic::{kwic, KwicHit, WINDOW};

/// Rows rendered at most; the count says how many there are.
const SHOWN: usize = 1000;

#[derive(Properties, PartialEq)]
pub struct KwicProps {
    pub ws: Ws,
    pub lang: Lang,
    pub term: String,
    pub navigate: Callback<Route>,
}

#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Text,
    Left,
    Right,
}

#[function_component(KwicView)]
pub fn kwic_view(p: &KwicProps) -> Html {
    let (lang, ws) = (p.lang, &p.ws);
    let v = i18n::view_text(lang);
    let sort = use_state(|| Sort::Text);
    let input = use_node_ref();
    let hits = use_memo((ws.clone(), p.term.clone()), |(ws, term)| {
        ws.docs
            .iter()
            .flat_map(|d| kwic(&d.a.doc, term, WINDOW).into_iter().map(|h| (d.id, h)))
            .collect::<Vec<(u32, KwicHit)>>()
    });
    let mut order: Vec<&(u32, KwicHit)> = hits.iter().collect();
    match *sort {
        Sort::Text => {}
        Sort::Left => order.sort_by(|x, y| x.1.cmp_left(&y.1)),
        Sort::Right => order.sort_by(|x, y| x.1.cmp_right(&y.1)),
    }
    let onsubmit = {
        let (navigate, input) = (p.navigate.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                navigate.emit(Route::Kwic(el.value().trim().to_string()));
            }
        })
    };
    let onsort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            sort.set(match value.as_str() {
                "left" => Sort::Left,
                "right" => Sort::Right,
                _ => Sort::Text,
            });
        })
    };
    html! {
        <section id="kwic" class="view-kwic" data-term={p.term.clone()}>
            <header class="view-head"><h2>{ v.kwic_title }</h2></header>
            <form class="kwic-form" {onsubmit} role="search">
                <label for="kwic-input">{ v.kwic_label }</label>
                <input id="kwic-input" type="search" ref={input} value={p.term.clone()} autocomplete="off" />
                <button type="submit" id="kwic-submit">{ v.kwic_search }</button>
                <label class="sort">{ v.kwic_sort }
                    <select id="kwic-sort" onchange={onsort}>
                        <option value="text" selected={*sort == Sort::Text}>{ v.sort_text }</option>
                        <option value="left" selected={*sort == Sort::Left}>{ v.sort_left }</option>
                        <option value="right" selected={*sort == Sort::Right}>{ v.sort_right }</option>
                    </select>
                </label>
            </form>
            if p.term.trim().is_empty() {
                <p class="hint empty-state">{ v.kwic_hint }</p>
            } else {
                <p class="kwic-count" data-count={hits.len().to_string()}>{ i18n::hits_count(lang, hits.len(), SHOWN.min(hits.len())) }</p>
                <div class="table-scroll">
                <table class="kwic-table">
                    <thead><tr>
                        <th scope="col">{ v.document }</th>
                        <th scope="col">{ v.speaker }</th>
                        <th scope="col" class="left">{ v.left }</th>
                        <th scope="col" class="hit">{ v.hit }</th>
                        <th scope="col">{ v.right }</th>
                    </tr></thead>
                    <tbody>
                        { for order.iter().take(SHOWN).map(|(id, h)| {
                            let d = ws.get(*id);
                            let part = d.and_then(|d| d.a.doc.parts.get(h.part));
                            let speaker = part.map(|pt| part_label(pt, lang)).unwrap_or_default();
                            let code = part.and_then(|pt| pt.speaker.as_ref()).and_then(|s| s.code.clone());
                            let to = Route::Reader { doc: *id, at: Some((h.part, h.paragraph)) };
                            let navigate = p.navigate.clone();
                            let open = Callback::from(move |_| navigate.emit(to.clone()));
                            html! {
                                <tr class="kwic-row" data-doc={id.to_string()} data-part={h.part.to_string()} data-para={h.paragraph.to_string()}
                                    data-code={code} onclick={open}>
                                    <td class="doc">{ d.map(|d| d.title()).unwrap_or_default() }</td>
                                    <td class="kwic-speaker">{ speaker }</td>
                                    <td class="left">{ &h.left }</td>
                                    <td class="hit"><a href={Route::Reader { doc: *id, at: Some((h.part, h.paragraph)) }.hash()}>{ &h.hit }</a></td>
                                    <td class="right">{ &h.right }</td>
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
