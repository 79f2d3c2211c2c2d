//! One document: its metadata, then part by part the label, heading, speaker, original
//! languages, resolutions cited, paragraphs, and the counts the worker computed.

use yew::prelude::*;

use super::i18n::{self, Lang};
use super::route::Route;
use super::state::{DocEntry, DocStatus};
use crate::core::analysis::PartSummary;
use crate::core::entities::{Entity, EntityKind};
use crate::core::stats::{DocKeyTerms, KeyTerm};
use crate::core::structure::{Document, Part, PartKind};
use crate::core::text::Span;
use crate::core::themes::{Hit, Lexicon, ParaThemes, PartThemes, Profile, Theme};
use wasm_bindgen::JsCast;

#[derive(Properties, PartialEq)]
pub struct DocProps {
    pub entry: DocEntry,
    pub lang: Lang,
    pub lexicon: Option<std::rc::Rc<Lexicon>>,
    /// TF-IDF key terms of each part and of the whole, weighed against the workspace.
    pub key_terms: Option<std::rc::Rc<DocKeyTerms>>,
    /// Part and paragraph to bring into view and mark.
    #[prop_or_default]
    pub at: Option<(usize, usize)>,
    /// Word boundaries of every paragraph, once the worker has sent them.
    #[prop_or_default]
    pub tokens: Option<std::rc::Rc<Vec<Vec<Vec<Span>>>>>,
    /// Asks the worker for the word boundaries.
    #[prop_or_default]
    pub on_tokens: Callback<()>,
}

pub fn para_anchor(part: usize, para: usize) -> String {
    format!("p-{part}-{para}")
}

pub fn part_anchor(index: usize) -> String {
    format!("part-{index}")
}

#[function_component(DocView)]
pub fn doc_view(props: &DocProps) -> Html {
    let lang = props.lang;
    let entry = &props.entry;
    // Show only the paragraphs that carry this theme.
    let filter = use_state(|| None::<String>);
    let show_tokens = use_state(|| false);
    let ready = matches!(entry.status, DocStatus::Ready(..));
    use_effect_with((props.at, entry.id, ready), |(at, _, _)| {
        if let Some((part, para)) = at {
            super::scroll_to(&para_anchor(*part, *para));
        }
    });
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
    let (summary, themes) = match &entry.status {
        DocStatus::Ready(a, _) => (Some(&a.summary), Some(&a.themes)),
        _ => (None, None),
    };
    let lexicon = props.lexicon.as_deref();
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
    let m = i18n::meta_text(lang);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            filter.set((!v.is_empty()).then_some(v));
        })
    };
    let active = (*filter).clone();
    let toggle_tokens = {
        let (show, on_tokens, have) = (
            show_tokens.clone(),
            props.on_tokens.clone(),
            props.tokens.is_some(),
        );
        Callback::from(move |_| {
            if !*show && !have {
                on_tokens.emit(());
            }
            show.set(!*show);
        })
    };
    let tokens = props.tokens.as_deref().filter(|_| *show_tokens);
    let v = i18n::view_text(lang);
    html! {
        <article id="doc" data-symbol={symbol} data-name={entry.name.clone()}>
            { meta_view(doc, source, lang) }
            <div class="reader-tools">
                <label class="seg-toggle">
                    <input id="seg-toggle" type="checkbox" checked={*show_tokens} onchange={toggle_tokens} disabled={!ready} />
                    { v.show_tokens }
                </label>
                if *show_tokens && props.tokens.is_none() { <span class="pending">{ v.tokens_loading }</span> }
            </div>
            if let (Some(t), Some(lex)) = (themes, lexicon) {
                <div class="doc-themes">
                    <div>
                        <h3 class="stats-title">{ m.doc_themes }</h3>
                        { profile_chart(&t.profile, lex, lang) }
                    </div>
                    if let Some(keys) = props.key_terms.as_ref().filter(|k| !k.whole.is_empty()) {
                        <div class="doc-keys">
                            <h3 class="stats-title">{ m.doc_key_terms }</h3>
                            { key_terms_list("key-terms doc-key-terms", &keys.whole) }
                        </div>
                    }
                    <label class="theme-filter">{ m.filter }
                        <select id="theme-filter" onchange={on_filter}>
                            <option value="" selected={active.is_none()}>{ m.filter_all }</option>
                            { for t.profile.themes.iter().filter_map(|s| lex.themes.get(s.theme).map(|th| (th, s))).map(|(th, s)| html! {
                                <option value={th.id.clone()} selected={active.as_deref() == Some(th.id.as_str())}>
                                    { format!("{} ({})", i18n::theme_name(lang, th), s.paragraphs.len()) }
                                </option>
                            }) }
                        </select>
                    </label>
                </div>
            }
            { for doc.parts.iter().enumerate().map(|(i, part)| {
                let s = summary.and_then(|s| s.parts.get(i));
                let th = themes.and_then(|t| t.parts.get(i)).zip(lexicon);
                let keys = props.key_terms.as_ref().and_then(|k| k.parts.get(i));
                let data = PartData {
                    summary: s,
                    themes: th,
                    keys: keys.map(Vec::as_slice),
                    tokens: tokens.and_then(|t| t.get(i)).map(Vec::as_slice),
                    target: props.at.filter(|(p, _)| *p == i).map(|(_, para)| para),
                };
                part_view(i, doc, part, data, active.as_deref(), lang)
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

/// Markup written as one string and handed to the DOM in one piece. The reader draws
/// thousands of paragraph marks, chips and word lists; building each as a virtual node
/// cost Yew about a quarter of a second on the seed alone. Nothing in here listens to
/// events (links are plain `href`s), so nothing is lost by not diffing it.
#[derive(Default)]
pub(crate) struct Markup(String);

impl Markup {
    fn text(&mut self, s: &str) {
        html_escape::encode_text_to_string(s, &mut self.0);
    }

    fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            html_escape::encode_double_quoted_attribute_to_string(value, &mut self.0);
            self.0.push('"');
        }
        self.0.push('>');
    }

    fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    pub(crate) fn into_html(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}

/// A paragraph's text with each cue hit marked in its theme's colour (the theme and cue
/// named in the title and the accessible label) and each entity — resolution, state, UN
/// body — a link: a resolution to the resolutions matrix, a name to its concordance.
pub(crate) fn marked_text(
    doc: &Document,
    para: Span,
    themes: Option<(&ParaThemes, &Lexicon)>,
    lang: Lang,
) -> Html {
    let mut m = Markup::default();
    write_marked(&mut m, doc, para, themes, lang);
    m.into_html()
}

fn write_marked(
    m: &mut Markup,
    doc: &Document,
    para: Span,
    themes: Option<(&ParaThemes, &Lexicon)>,
    lang: Lang,
) {
    // Cues first, as before: the first of overlapping cues wins. Then entities that do not
    // cut into a cue; an entity that is exactly a cue links the marked cue.
    let mut cues: Vec<(&Hit, &Theme)> = Vec::new();
    if let Some((pt, lex)) = themes {
        let mut end = para.start;
        for h in &pt.hits {
            if h.span.start < end {
                continue;
            }
            if let Some(t) = lex.themes.get(h.theme) {
                cues.push((h, t));
                end = h.span.end;
            }
        }
    }
    // An entity may hold cues (a resolution cited as a cue); one that cuts across a cue
    // is not linked, so every cue stays visible.
    let inside = |outer: Span, inner: Span| outer.start <= inner.start && inner.end <= outer.end;
    let entities: Vec<&Entity> = doc
        .entities
        .iter()
        .filter(|e| e.kind != EntityKind::Symbol && inside(para, e.span))
        .filter(|e| {
            cues.iter().all(|(h, _)| {
                inside(e.span, h.span) || h.span.end <= e.span.start || e.span.end <= h.span.start
            })
        })
        .collect();
    let mark = |m: &mut Markup, hit: &Hit, theme: &Theme| {
        let label = format!("{}: {}", i18n::theme_name(lang, theme), hit.cue);
        let style = format!("text-decoration-color: {}", theme.colour);
        m.open(
            "mark",
            &[
                ("class", "cue"),
                ("data-theme", &theme.id),
                ("title", &label),
                ("aria-label", &label),
                ("style", &style),
            ],
        );
        m.text(doc.slice(hit.span));
        m.close("mark");
    };
    // Text and cue marks between two offsets.
    let marked = |m: &mut Markup, from: usize, to: usize| {
        let mut at = from;
        for (h, t) in cues
            .iter()
            .filter(|(h, _)| inside(Span::new(from, to), h.span))
        {
            m.text(doc.slice(Span::new(at, h.span.start)));
            mark(m, h, t);
            at = h.span.end;
        }
        m.text(doc.slice(Span::new(at, to)));
    };
    let link = |m: &mut Markup, e: &Entity| {
        let href = match e.kind {
            EntityKind::Resolution => Route::Resolutions(Some(e.key.clone())).hash(),
            _ => Route::Kwic(doc.slice(e.span).to_string()).hash(),
        };
        let kind = match e.kind {
            EntityKind::Resolution => "resolution",
            EntityKind::State => "state",
            EntityKind::Body => "body",
            EntityKind::Symbol => "symbol",
        };
        m.open(
            "a",
            &[
                ("class", "entity"),
                ("data-kind", kind),
                ("data-key", &e.key),
                ("href", &href),
            ],
        );
        marked(m, e.span.start, e.span.end);
        m.close("a");
    };
    // Links first where they start together with a cue, so the cue goes inside the link.
    enum Piece<'a> {
        Link(&'a Entity),
        Cue(&'a Hit, &'a Theme),
    }
    let mut spans: Vec<(Span, bool, Piece)> = entities
        .iter()
        .map(|e| (e.span, false, Piece::Link(e)))
        .collect();
    spans.extend(cues.iter().map(|(h, t)| (h.span, true, Piece::Cue(h, t))));
    spans.sort_by_key(|(s, is_cue, _)| (s.start, *is_cue));
    let mut at = para.start;
    for (span, _, piece) in spans {
        // A cue inside a link already shown, or entities overlapping one another.
        if span.start < at {
            continue;
        }
        m.text(doc.slice(Span::new(at, span.start)));
        match piece {
            Piece::Link(e) => link(m, e),
            Piece::Cue(h, t) => mark(m, h, t),
        }
        at = span.end;
    }
    m.text(doc.slice(Span::new(at, para.end)));
}

/// A paragraph cut into its words, for checking the segmentation.
fn write_tokens(m: &mut Markup, doc: &Document, para: Span, words: &[Span]) {
    let mut at = para.start;
    for w in words {
        if w.start < at || w.end > para.end {
            continue;
        }
        if w.start > at {
            m.text(doc.slice(Span::new(at, w.start)));
        }
        m.open("span", &[("class", "tok")]);
        m.text(doc.slice(*w));
        m.close("span");
        at = w.end;
    }
    m.text(doc.slice(Span::new(at, para.end)));
}

fn write_chips(m: &mut Markup, pt: &ParaThemes, lex: &Lexicon, lang: Lang) {
    m.open("span", &[("class", "chips")]);
    for (th, score) in pt
        .tags
        .iter()
        .filter_map(|(t, score)| lex.themes.get(*t).map(|th| (th, score)))
    {
        let title = format!("{} · {score:.0}", th.definition);
        let style = format!("border-color: {0}; color: {0}", th.colour);
        m.open(
            "span",
            &[
                ("class", "chip"),
                ("data-theme", &th.id),
                ("title", &title),
                ("style", &style),
            ],
        );
        m.text(i18n::theme_name(lang, th));
        m.close("span");
    }
    m.close("span");
}

/// A list of key terms (`li.key-term`, TF-IDF in the title).
fn key_terms_list(class: &str, keys: &[KeyTerm]) -> Html {
    let mut m = Markup::default();
    m.open("ol", &[("class", class)]);
    for k in keys {
        let title = format!("TF-IDF {:.4}", k.score);
        m.open(
            "li",
            &[
                ("class", "key-term"),
                ("data-term", &k.term),
                ("title", &title),
            ],
        );
        write_word_count(&mut m, &k.term, k.count);
        m.close("li");
    }
    m.close("ol");
    m.into_html()
}

fn write_word_count(m: &mut Markup, word: &str, count: usize) {
    m.open("span", &[("class", "w")]);
    m.text(word);
    m.close("span");
    m.open("span", &[("class", "c")]);
    m.text(&count.to_string());
    m.close("span");
}

/// The part's theme profile as a horizontal bar chart (SVG), largest share first.
pub(crate) fn profile_chart(profile: &Profile, lex: &Lexicon, lang: Lang) -> Html {
    let m = i18n::meta_text(lang);
    let rows: Vec<_> = profile
        .top(6)
        .iter()
        .filter_map(|s| lex.themes.get(s.theme).map(|t| (t, s)))
        .collect();
    if rows.is_empty() {
        return html! { <p class="no-themes">{ m.no_themes }</p> };
    }
    let alt = rows
        .iter()
        .map(|(t, s)| {
            format!(
                "{} {}",
                i18n::theme_name(lang, t),
                i18n::percent(s.paragraph_share)
            )
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "，" } else { ", " });
    let row_h = 22;
    let height = rows.len() * row_h;
    html! {
        <svg class="theme-profile" role="img" viewBox={format!("0 0 200 {height}")} width="200" height={height.to_string()}
             aria-label={format!("{}: {alt}", m.themes_chart)}>
            <title>{ format!("{}: {alt}", m.themes_chart) }</title>
            { for rows.iter().enumerate().map(|(i, (t, s))| {
                let y = i * row_h;
                let w = (s.paragraph_share * 80.0).max(1.0);
                html! {
                    <g class="theme-bar" data-theme={t.id.clone()} data-share={format!("{:.4}", s.paragraph_share)}>
                        <text x="0" y={(y + 15).to_string()} font-size="12">{ i18n::theme_name(lang, t) }</text>
                        <rect x="96" y={(y + 4).to_string()} width={format!("{w:.1}")} height="14" fill={t.colour.clone()} />
                        <text x={format!("{:.1}", 100.0 + w)} y={(y + 15).to_string()} font-size="11">{ i18n::percent(s.paragraph_share) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// What the worker and the workspace computed for one part.
struct PartData<'a> {
    summary: Option<&'a PartSummary>,
    themes: Option<(&'a PartThemes, &'a Lexicon)>,
    keys: Option<&'a [KeyTerm]>,
    /// Words of each paragraph, when the segmentation is shown.
    tokens: Option<&'a [Vec<Span>]>,
    /// The paragraph the reader was opened at.
    target: Option<usize>,
}

fn part_view(
    index: usize,
    doc: &Document,
    part: &Part,
    data: PartData<'_>,
    filter: Option<&str>,
    lang: Lang,
) -> Html {
    let PartData {
        summary,
        themes,
        keys,
        tokens,
        target,
    } = data;
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
                <div class="paras">{ paras_html(index, doc, part, themes, tokens, target, filter, lang) }</div>
                <aside class="part-stats" aria-live="polite">
                    { match summary {
                        None => html! { <p class="pending">{ t.pending }</p> },
                        Some(s) => html! {
                            <>
                                <p class="count-line">{ t.words }{ " " }<span class="token-count">{ s.word_count }</span></p>
                                if let Some((pt, lex)) = themes {
                                    <h3 class="stats-title">{ m.themes }</h3>
                                    { profile_chart(&pt.profile, lex, lang) }
                                }
                                if let Some(keys) = keys.filter(|k| !k.is_empty()) {
                                    <h3 class="stats-title">{ m.key_terms }</h3>
                                    { key_terms_list("key-terms", keys) }
                                }
                                <h3 class="stats-title">{ t.top_words }</h3>
                                { top_words_list(s) }
                            </>
                        },
                    } }
                </aside>
            </div>
        </section>
    }
}

fn top_words_list(s: &PartSummary) -> Html {
    let mut m = Markup::default();
    m.open("ol", &[("class", "top-words")]);
    for w in s.top_words() {
        let count = w.count.to_string();
        m.open(
            "li",
            &[
                ("class", "top-word"),
                ("data-word", &w.term),
                ("data-count", &count),
            ],
        );
        write_word_count(&mut m, &w.term, w.count);
        m.close("li");
    }
    m.close("ol");
    m.into_html()
}

/// Every paragraph of a part: its text (cues and entities marked, or its words when the
/// segmentation is shown) and its theme chips; rows without the filtered theme hidden.
#[allow(clippy::too_many_arguments)]
fn paras_html(
    index: usize,
    doc: &Document,
    part: &Part,
    themes: Option<(&PartThemes, &Lexicon)>,
    tokens: Option<&[Vec<Span>]>,
    target: Option<usize>,
    filter: Option<&str>,
    lang: Lang,
) -> Html {
    let mut m = Markup::default();
    for (i, p) in part.paragraphs.iter().enumerate() {
        let pt = themes.and_then(|(t, lex)| t.paragraphs.get(i).map(|pt| (pt, lex)));
        let ids = pt.map(|(pt, lex)| {
            pt.tags
                .iter()
                .filter_map(|(t, _)| lex.themes.get(*t).map(|th| th.id.as_str()))
                .collect::<Vec<_>>()
                .join(",")
        });
        let hidden =
            filter.is_some_and(|f| !ids.as_deref().unwrap_or("").split(',').any(|x| x == f));
        let id = para_anchor(index, i);
        let class = if target == Some(i) {
            "para-row target"
        } else {
            "para-row"
        };
        let mut attrs: Vec<(&str, &str)> = vec![("class", class), ("id", &id)];
        if let Some(ids) = &ids {
            attrs.push(("data-themes", ids));
        }
        if hidden {
            attrs.push(("hidden", ""));
        }
        m.open("div", &attrs);
        match tokens.and_then(|t| t.get(i)) {
            Some(words) => {
                m.open("p", &[("class", "para segmented")]);
                write_tokens(&mut m, doc, *p, words);
            }
            None => {
                m.open("p", &[("class", "para")]);
                write_marked(&mut m, doc, *p, pt, lang);
            }
        }
        m.close("p");
        if let Some((pt, lex)) = pt {
            write_chips(&mut m, pt, lex, lang);
        }
        m.close("div");
    }
    m.into_html()
}
