//! Charts drawn as SVG by the app (no charting library), and downloads. Every chart has a
//! title and a text alternative in the interface language, and carries its own fonts and
//! colours so the downloaded file looks the same outside the page.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::i18n::{self, Lang};
use crate::core::compare::ThemeDelta;
use crate::core::themes::Lexicon;

const FONT: &str = "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";

/// Saves `content` as a file through a temporary object URL (nothing leaves the machine).
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&content.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Downloads the SVG element with this id as a standalone file.
pub fn download_svg(element_id: &str, name: &str) -> Result<(), String> {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(element_id))
        .ok_or("chart not found")?;
    let svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
        el.outer_html()
    );
    download(name, "image/svg+xml;charset=utf-8", &svg)
}

/// A button that runs a download and reports a failure in place.
#[derive(Properties, PartialEq)]
pub struct DownloadProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub run: Callback<(), Result<(), String>>,
}

#[function_component(DownloadButton)]
pub fn download_button(p: &DownloadProps) -> Html {
    let error = use_state(|| None::<String>);
    let onclick = {
        let (run, error) = (p.run.clone(), error.clone());
        Callback::from(move |_| error.set(run.emit(()).err()))
    };
    html! {
        <>
            <button type="button" class="download" id={p.id.clone()} {onclick}>{ p.label.clone() }</button>
            if let Some(e) = (*error).clone() { <span class="error-message" role="alert">{ e }</span> }
        </>
    }
}

/// Theme shares of A (bars to the left) and B (to the right) around a middle axis.
pub fn diverging_chart(
    id: &str,
    deltas: &[ThemeDelta],
    lex: &Lexicon,
    labels: (&str, &str),
    lang: Lang,
) -> Html {
    let v = i18n::view_text(lang);
    let rows: Vec<_> = deltas
        .iter()
        .filter_map(|d| lex.themes.get(d.theme).map(|t| (t, d)))
        .collect();
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    let alt = rows
        .iter()
        .map(|(t, d)| {
            format!(
                "{} A {} B {}",
                i18n::theme_name(lang, t),
                i18n::percent(d.a),
                i18n::percent(d.b)
            )
        })
        .collect::<Vec<_>>()
        .join(sep);
    let title = format!("{}. A = {}, B = {}", v.deltas_title, labels.0, labels.1);
    let (label_w, half, row_h, top) = (190.0, 200.0, 22.0, 44.0);
    let mid = label_w + half + 40.0;
    let width = mid + half + 50.0;
    let height = top + rows.len() as f64 * row_h + 8.0;
    let max = rows
        .iter()
        .map(|(_, d)| d.a.max(d.b))
        .fold(0.05f32, f32::max) as f64;
    let scale = half / max;
    html! {
        <svg id={id.to_string()} class="chart diverging" xmlns="http://www.w3.org/2000/svg" role="img"
             viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}
             font-family={FONT} aria-label={format!("{title}: {alt}")}>
            <title>{ format!("{title}: {alt}") }</title>
            <rect x="0" y="0" width={width.to_string()} height={height.to_string()} fill="#ffffff" />
            <text x={(mid - 6.0).to_string()} y="16" font-size="12" text-anchor="end" fill="#1f2328">{ format!("← A: {}", labels.0) }</text>
            <text x={(mid + 6.0).to_string()} y="34" font-size="12" fill="#1f2328">{ format!("B: {} →", labels.1) }</text>
            <line x1={mid.to_string()} x2={mid.to_string()} y1={(top - 4.0).to_string()} y2={height.to_string()} stroke="#59636e" />
            { for rows.iter().enumerate().map(|(i, (t, d))| {
                let y = top + i as f64 * row_h;
                let (wa, wb) = (d.a as f64 * scale, d.b as f64 * scale);
                html! {
                    <g class="delta-row" data-theme={t.id.clone()} data-a={format!("{:.4}", d.a)} data-b={format!("{:.4}", d.b)}>
                        <title>{ format!("{}: A {} · B {}", i18n::theme_name(lang, t), i18n::percent(d.a), i18n::percent(d.b)) }</title>
                        <text x="0" y={(y + 15.0).to_string()} font-size="12" fill="#1f2328">{ i18n::theme_name(lang, t) }</text>
                        <rect x={format!("{:.1}", mid - wa)} y={(y + 4.0).to_string()} width={format!("{wa:.1}")} height="14" fill={t.colour.clone()} />
                        <text x={format!("{:.1}", mid - wa - 4.0)} y={(y + 15.0).to_string()} font-size="11" text-anchor="end" fill="#59636e">{ i18n::percent(d.a) }</text>
                        <rect x={mid.to_string()} y={(y + 4.0).to_string()} width={format!("{wb:.1}")} height="14" fill={t.colour.clone()} fill-opacity="0.55" />
                        <text x={format!("{:.1}", mid + wb + 4.0)} y={(y + 15.0).to_string()} font-size="11" fill="#59636e">{ i18n::percent(d.b) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// One heatmap row: a statement's label and its share per theme (lexicon order).
pub struct HeatRow {
    pub label: String,
    /// Rows of one document share a group; a new group gets a rule above it.
    pub group: u32,
    pub shares: Vec<f32>,
}

/// Statements × themes, shade = share. A click on a cell reports (row, theme).
/// Heights of the heatmap's column heads and rows, for placing a window of rows.
pub const HEAT_HEAD_H: f64 = 150.0;
pub const HEAT_ROW_H: f64 = 22.0;

/// `shown`: the rows drawn (the others keep their place, empty), so a long matrix costs what
/// is on screen; the title and text alternative always describe every row.
pub fn heatmap(
    id: &str,
    rows: &[HeatRow],
    lex: &Lexicon,
    lang: Lang,
    selected: Option<(usize, usize)>,
    on_cell: Callback<(usize, usize)>,
    shown: std::ops::Range<usize>,
) -> Html {
    let v = i18n::view_text(lang);
    let (label_w, cell_w, cell_h, head_h) = (260.0, 30.0, HEAT_ROW_H, HEAT_HEAD_H);
    let n = lex.themes.len();
    let width = label_w + n as f64 * cell_w + 10.0;
    let height = head_h + rows.len() as f64 * cell_h + 10.0;
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    let alt = rows
        .iter()
        .map(|r| {
            let present: Vec<String> = r
                .shares
                .iter()
                .enumerate()
                .filter(|(_, s)| **s > 0.0)
                .filter_map(|(t, s)| {
                    lex.themes
                        .get(t)
                        .map(|th| format!("{} {}", i18n::theme_name(lang, th), i18n::percent(*s)))
                })
                .collect();
            format!("{}: {}", r.label, present.join(", "))
        })
        .collect::<Vec<_>>()
        .join(sep);
    html! {
        <svg id={id.to_string()} class="chart heatmap" xmlns="http://www.w3.org/2000/svg" role="img"
             viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}
             font-family={FONT} aria-label={format!("{}: {alt}", v.matrix_chart)}>
            <title>{ format!("{}: {alt}", v.matrix_chart) }</title>
            <rect x="0" y="0" width={width.to_string()} height={height.to_string()} fill="#ffffff" />
            { for lex.themes.iter().enumerate().map(|(t, th)| {
                let x = label_w + t as f64 * cell_w + cell_w / 2.0;
                html! {
                    <text class="heat-col" x={x.to_string()} y={(head_h - 6.0).to_string()} font-size="11" fill="#1f2328"
                          transform={format!("rotate(-60 {x} {})", head_h - 6.0)}>{ i18n::theme_name(lang, th) }</text>
                }
            }) }
            { for rows.iter().enumerate().skip(shown.start).take(shown.len()).map(|(r, row)| {
                let y = head_h + r as f64 * cell_h;
                let rule = r > 0 && rows[r - 1].group != row.group;
                html! {
                    <g class="heat-row" data-row={r.to_string()}>
                        if rule {
                            <line x1="0" x2={width.to_string()} y1={y.to_string()} y2={y.to_string()} stroke="#59636e" />
                        }
                        <text x="0" y={(y + 15.0).to_string()} font-size="11" fill="#1f2328">{ clip(&row.label, 40) }</text>
                        { for row.shares.iter().enumerate().map(|(t, s)| {
                            let th = &lex.themes[t.min(n.saturating_sub(1))];
                            let x = label_w + t as f64 * cell_w;
                            let on_cell = on_cell.clone();
                            let click = Callback::from(move |_| on_cell.emit((r, t)));
                            let is_sel = selected == Some((r, t));
                            let tip = format!("{} · {}: {}", row.label, i18n::theme_name(lang, th), i18n::percent(*s));
                            html! {
                                <g class={classes!("heat-cell", is_sel.then_some("selected"))} data-theme={th.id.clone()}
                                   data-share={format!("{s:.4}")} data-pct={format!("{:.1}", s * 100.0)} onclick={click}>
                                    <title>{ tip }</title>
                                    <rect x={(x + 1.0).to_string()} y={(y + 1.0).to_string()} width={(cell_w - 2.0).to_string()} height={(cell_h - 2.0).to_string()}
                                          fill={if *s > 0.0 { th.colour.clone() } else { "#f6f8fa".to_string() }}
                                          fill-opacity={format!("{:.2}", if *s > 0.0 { 0.15 + 0.85 * (*s as f64).sqrt() } else { 1.0 })}
                                          stroke={if is_sel { "#1f2328" } else { "none" }} stroke-width="2" />
                                    if *s > 0.0 {
                                        <text x={(x + cell_w / 2.0).to_string()} y={(y + 15.0).to_string()} font-size="9" text-anchor="middle"
                                              fill={if *s > 0.35 { "#ffffff" } else { "#1f2328" }}>{ format!("{:.0}", s * 100.0) }</text>
                                    }
                                </g>
                            }
                        }) }
                    </g>
                }
            }) }
        </svg>
    }
}

/// At most `width` columns, a Chinese character counting two.
fn clip(s: &str, width: usize) -> String {
    use crate::core::text::is_cjk;
    let w = |c: char| if is_cjk(c) { 2 } else { 1 };
    if s.chars().map(w).sum::<usize>() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in s.chars() {
        used += w(c);
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
