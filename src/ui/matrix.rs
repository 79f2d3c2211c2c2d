//! The theme matrix: statements (rows, grouped by document) × themes (columns) as a
//! heatmap of paragraph share; a click on a cell lists the paragraphs that carry it.

use std::rc::Rc;

use yew::prelude::*;

use super::charts::{
    download, download_svg, heatmap, DownloadButton, HeatRow, HEAT_HEAD_H, HEAT_ROW_H,
};
use super::corpus::{named, stem};
use super::doc_view::marked_text;
use super::i18n::{self, Lang};
use super::route::Route;
use super::workspace::{part_label, Ws};
use crate::core::export;
use crate::core::themes::Lexicon;

#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    pub ws: Ws,
    pub lexicon: Option<Rc<Lexicon>>,
    pub lang: Lang,
}

/// Above this many rows only those near the screen are drawn (a hundred letters make over a
/// thousand rows, 25 000 cells: seconds of work for a view that shows forty rows at a time).
const WINDOW_FROM: usize = 150;
/// Rows drawn above and below the screen, so scrolling rarely shows an empty band.
const WINDOW_MARGIN: usize = 40;

/// The rows of the heatmap `id` that are on screen or near it.
fn rows_on_screen(id: &str, total: usize) -> std::ops::Range<usize> {
    let Some((top, height)) = web_sys::window().and_then(|w| {
        let el = w.document()?.get_element_by_id(id)?;
        let h = w.inner_height().ok()?.as_f64()?;
        Some((el.get_bounding_client_rect().top(), h))
    }) else {
        return 0..total.min(2 * WINDOW_MARGIN);
    };
    let first = ((-top - HEAT_HEAD_H) / HEAT_ROW_H).floor().max(0.0) as usize;
    let visible = (height / HEAT_ROW_H).ceil() as usize;
    let start = first.saturating_sub(WINDOW_MARGIN).min(total);
    start..(first + visible + WINDOW_MARGIN).min(total)
}

/// (document id, part index) of each heatmap row.
fn row_keys(ws: &Ws) -> Vec<(u32, usize)> {
    ws.docs
        .iter()
        .flat_map(|d| (0..d.a.doc.parts.len()).map(move |p| (d.id, p)))
        .collect()
}

#[function_component(MatrixView)]
pub fn matrix_view(p: &MatrixProps) -> Html {
    let (lang, ws) = (p.lang, &p.ws);
    let v = i18n::view_text(lang);
    let selected = use_state(|| None::<(u32, usize, usize)>);
    // The rows drawn, followed on scroll; every row while an SVG is being exported.
    let shown = use_state(|| 0..2 * WINDOW_MARGIN);
    let exporting = use_state(|| false);
    let last_shown = use_mut_ref(|| 0..2 * WINDOW_MARGIN);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let update = move || {
                let next = rows_on_screen("theme-matrix", usize::MAX / 2);
                let mut last = last_shown.borrow_mut();
                // Re-drawn only when the window has moved by a fair share of its margin.
                if next.start.abs_diff(last.start) >= WINDOW_MARGIN / 4
                    || next.end.abs_diff(last.end) >= WINDOW_MARGIN / 4
                {
                    *last = next.clone();
                    shown.set(next);
                }
            };
            update();
            let listeners = web_sys::window().map(|w| {
                let (a, b) = (update.clone(), update);
                (
                    gloo::events::EventListener::new(&w, "scroll", move |_| a()),
                    gloo::events::EventListener::new(&w, "resize", move |_| b()),
                )
            });
            move || drop(listeners)
        });
    }
    use_effect_with(*selected, |s| {
        if s.is_some() {
            super::scroll_to("matrix-evidence");
        }
    });
    let Some(lex) = p.lexicon.clone() else {
        return html! { <p class="pending">{ v.waiting }</p> };
    };
    let keys = row_keys(ws);
    let rows: Vec<HeatRow> = keys
        .iter()
        .filter_map(|(id, part)| {
            let d = ws.get(*id)?;
            let mut shares = vec![0.0f32; lex.themes.len()];
            for s in &d.a.themes.parts.get(*part)?.profile.themes {
                if let Some(x) = shares.get_mut(s.theme) {
                    *x = s.paragraph_share;
                }
            }
            Some(HeatRow {
                label: format!(
                    "{} · {}",
                    d.title(),
                    part_label(&d.a.doc.parts[*part], lang)
                ),
                group: *id,
                shares,
            })
        })
        .collect();
    let sel_cell = (*selected)
        .and_then(|(id, part, t)| keys.iter().position(|k| *k == (id, part)).map(|r| (r, t)));
    let on_cell = {
        let (selected, keys) = (selected.clone(), keys.clone());
        Callback::from(move |(r, t): (usize, usize)| {
            if let Some((id, part)) = keys.get(r) {
                selected.set(Some((*id, *part, t)));
            }
        })
    };
    let export_csv = {
        let (ws, lex) = (ws.clone(), lex.clone());
        Callback::from(move |_: ()| {
            download(
                &format!("unsc-lens-themes-{}.csv", stem(&ws)),
                "text/csv;charset=utf-8",
                &export::theme_matrix_csv(&named(&ws), &lex),
            )
        })
    };
    let svg_name = format!("unsc-lens-themes-{}.svg", stem(ws));
    {
        // The export draws every row first, then saves, then goes back to the window.
        let (exporting, svg_name) = (exporting.clone(), svg_name.clone());
        use_effect_with(*exporting, move |on| {
            if *on {
                let _ = download_svg("theme-matrix", &svg_name);
                exporting.set(false);
            }
        });
    }
    let export_svg = {
        let (exporting, windowed) = (exporting.clone(), keys.len() > WINDOW_FROM);
        Callback::from(move |_: ()| {
            if windowed {
                exporting.set(true);
                Ok(())
            } else {
                download_svg("theme-matrix", &svg_name)
            }
        })
    };
    let drawn = if keys.len() > WINDOW_FROM && !*exporting {
        shown.start.min(keys.len())..shown.end.min(keys.len())
    } else {
        0..keys.len()
    };
    let evidence = (*selected).and_then(|(id, part, t)| {
        let d = ws.get(id)?;
        let pt = d.a.themes.parts.get(part)?;
        let th = lex.themes.get(t)?;
        let doc = &d.a.doc;
        let paras: Vec<usize> = pt
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.has(t))
            .map(|(i, _)| i)
            .collect();
        let close = {
            let selected = selected.clone();
            Callback::from(move |_| selected.set(None))
        };
        Some(html! {
            <section id="matrix-evidence" class="evidence" data-theme={th.id.clone()} data-doc={id.to_string()} data-part={part.to_string()}>
                <header class="view-head">
                    <h3>{ format!("{} · {} · {} — {}", d.title(), part_label(&doc.parts[part], lang), i18n::theme_name(lang, th), i18n::paragraphs_count(lang, paras.len())) }</h3>
                    <button type="button" class="close" onclick={close}>{ v.close }</button>
                </header>
                <p class="hint">{ &th.definition }</p>
                <ol class="evidence-list">
                    { for paras.iter().map(|&i| {
                        let span = doc.parts[part].paragraphs[i];
                        // Only this theme's cues are marked, so the evidence stands out.
                        let only = crate::core::themes::ParaThemes {
                            hits: pt.paragraphs[i].hits.iter().filter(|h| h.theme == t).cloned().collect(),
                            tags: Vec::new(),
                        };
                        html! {
                            <li class="evidence-para" data-para={i.to_string()}>
                                <p class="para">{ marked_text(doc, span, Some((&only, &lex)), lang) }</p>
                                <a class="open-reader" href={Route::Reader { doc: id, at: Some((part, i)) }.hash()}>{ v.open_in_reader }</a>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        })
    });
    html! {
        <section id="themes" class="view-themes">
            <header class="view-head">
                <h2>{ v.matrix_title }</h2>
                <div class="actions">
                    <DownloadButton id="export-matrix-csv" label={v.export_csv} run={export_csv} />
                    <DownloadButton id="export-matrix-svg" label={v.export_svg} run={export_svg} />
                </div>
            </header>
            <p class="hint">{ v.matrix_hint }</p>
            <div class="chart-scroll">
                { heatmap("theme-matrix", &rows, &lex, lang, sel_cell, on_cell, drawn) }
            </div>
            { evidence.unwrap_or_default() }
        </section>
    }
}
