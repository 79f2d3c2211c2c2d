//! One document: its metadata, then part by part the label, heading, speaker, original
//! languages, resolutions cited, paragraphs, and the counts the worker computed.

use yew::prelude::*;

use super::i18n::{self, Lang};
use super::route::Route;
use super::state::{DocEntry, DocStatus};
use crate::core::analysis::{Analysed, PartSummary};
use crate::core::entities::{Entity, EntityKind};
use crate::core::stats::{DocKeyTerms, KeyTerm};
use crate::core::structure::{Document, Part, PartKind};
use crate::core::text::Span;
use crate::core::themes::{Hit, Lexicon, ParaThemes, PartThemes, Profile, Theme};
use std::rc::Rc;
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
    let active = (*filter).clone();
    // The reader's HTML is written again only when what it shows changed. The page redraws
    // the reader whenever anything else changes (a letter arriving, the worker ready), and
    // writing ten parts' HTML took tens of milliseconds each time.
    let written = use_memo(
        ReaderInputs {
            entry: entry.clone(),
            lang,
            lexicon: props.lexicon.clone(),
            tokens: props.tokens.clone().filter(|_| *show_tokens),
            filter: active.clone(),
            at: props.at,
        },
        write_reader,
    );
    let keys = use_memo(
        KeysInputs {
            entry: entry.clone(),
            lang,
            key_terms: props.key_terms.clone(),
        },
        write_keys,
    );
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
    let themes = match &entry.status {
        DocStatus::Ready(a, _) => Some(&a.themes),
        _ => None,
    };
    let lexicon = props.lexicon.as_deref();
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
    let v = i18n::view_text(lang);
    html! {
        <article id="doc" data-symbol={symbol} data-name={entry.name.clone()}>
            { written.meta.clone() }
            <div class="reader-tools">
                <label class="seg-toggle">
                    <input id="seg-toggle" type="checkbox" checked={*show_tokens} onchange={toggle_tokens} disabled={!ready} />
                    { v.show_tokens }
                </label>
                if *show_tokens && props.tokens.is_none() { <span class="pending">{ v.tokens_loading }</span> }
            </div>
            if let (Some(t), Some(lex)) = (themes, lexicon) {
                <div class="doc-themes">
                    { written.profile.clone() }
                    { keys.doc.clone() }
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
            { for doc.parts.iter().zip(&written.parts).zip(&keys.parts).enumerate().map(|(i, ((part, w), part_keys))| {
                let (id, kind, annex, languages) = part_attrs(i, part);
                html! {
                    <section class="part" {id} data-kind={kind} data-annex={annex} data-languages={languages}>
                        { w.head.clone() }
                        <div class="part-body">
                            { w.paras.clone() }
                            <aside class="part-stats" aria-live="polite">
                                { w.stats.clone() }
                                { part_keys.clone() }
                                { w.words.clone() }
                            </aside>
                        </div>
                    </section>
                }
            }) }
        </article>
    }
}

/// What the reader's HTML is written from, but the key terms. Shared parts are compared by
/// identity: the same analysis, lexicon or word boundaries is the same object (see
/// `DocStatus`'s `PartialEq`).
struct ReaderInputs {
    entry: DocEntry,
    lang: Lang,
    lexicon: Option<Rc<Lexicon>>,
    /// Only while the word boundaries are shown.
    tokens: Option<Rc<Vec<Vec<Vec<Span>>>>>,
    filter: Option<String>,
    at: Option<(usize, usize)>,
}

/// What the key terms are written from. They are weighed against the whole workspace, so
/// they change when letters are added while the rest of the reader does not: written on
/// their own, they are all that is drawn again.
struct KeysInputs {
    entry: DocEntry,
    lang: Lang,
    key_terms: Option<Rc<DocKeyTerms>>,
}

fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl PartialEq for ReaderInputs {
    fn eq(&self, o: &Self) -> bool {
        self.entry == o.entry
            && self.lang == o.lang
            && same(&self.lexicon, &o.lexicon)
            && same(&self.tokens, &o.tokens)
            && self.filter == o.filter
            && self.at == o.at
    }
}

impl PartialEq for KeysInputs {
    fn eq(&self, o: &Self) -> bool {
        self.entry == o.entry && self.lang == o.lang && same(&self.key_terms, &o.key_terms)
    }
}

/// The reader's HTML but the key terms: the metadata, the theme profile, and each part's
/// segments (the page keeps the elements around them, see [`part_attrs`]).
#[derive(Default)]
struct ReaderHtml {
    meta: Html,
    profile: Html,
    parts: Vec<PartHtml>,
}

/// A part's segments, in the order `write_part` writes them, the key terms apart.
#[derive(Default)]
struct PartHtml {
    /// Label, heading, languages, speaker, resolutions.
    head: Html,
    paras: Html,
    /// Word count and theme chart, inside the part's statistics.
    stats: Html,
    /// The most frequent words, after the key terms.
    words: Html,
}

/// The key terms of the document and of each part.
#[derive(Default)]
struct KeysHtml {
    doc: Html,
    parts: Vec<Html>,
}

/// The seed's reader as the static shell drew it (index.html, from [`static_reader`]). The
/// app's first render moves these nodes into its own reader instead of writing the same
/// HTML again and having the browser parse it: that was most of the first render's time.
struct Prerendered {
    analysed: Rc<Analysed>,
    lexicon: Rc<Lexicon>,
    html: Option<ReaderNodes>,
    keys: Option<(Vec<web_sys::Node>, Vec<Vec<web_sys::Node>>)>,
}

struct ReaderNodes {
    meta: web_sys::Node,
    profile: Vec<web_sys::Node>,
    /// Head, paragraphs, statistics, words.
    parts: Vec<[Vec<web_sys::Node>; 4]>,
}

thread_local! {
    static PRERENDERED: std::cell::RefCell<Option<Prerendered>> = const { std::cell::RefCell::new(None) };
}

fn child_nodes(parent: &web_sys::Node) -> Vec<web_sys::Node> {
    let mut nodes = Vec::new();
    let mut next = parent.first_child();
    while let Some(n) = next {
        next = n.next_sibling();
        nodes.push(n);
    }
    nodes
}

fn has_class(n: &web_sys::Node, class: &str) -> bool {
    // Not `className`, which is no string on the charts' SVG elements.
    n.dyn_ref::<web_sys::Element>()
        .and_then(|e| e.get_attribute("class"))
        .is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// Splits `nodes` before the first that `at` picks, and the one before it if that is a
/// title (`h3`): the lists of key terms and of words each follow their title.
fn split_titled(nodes: &mut Vec<web_sys::Node>, at: &str) -> Vec<web_sys::Node> {
    let Some(mut i) = nodes.iter().position(|n| has_class(n, at)) else {
        return Vec::new();
    };
    if i > 0 && nodes[i - 1].node_name() == "H3" {
        i -= 1;
    }
    nodes.split_off(i)
}

/// One part's `<section>` cut into the segments the app draws it in.
fn part_nodes(section: &web_sys::Node) -> Option<([Vec<web_sys::Node>; 4], Vec<web_sys::Node>)> {
    let mut head = child_nodes(section);
    let body = head.pop().filter(|n| has_class(n, "part-body"))?;
    let (paras, aside) = match &child_nodes(&body)[..] {
        [p, a] if has_class(p, "paras") && has_class(a, "part-stats") => (p.clone(), a.clone()),
        _ => return None,
    };
    let mut stats = child_nodes(&aside);
    let words = split_titled(&mut stats, "top-words");
    let keys = split_titled(&mut stats, "key-terms");
    Some(([head, vec![paras], stats, words], keys))
}

/// Keeps the reader of the static shell (`shell`, already out of the page) for the first
/// render. `analysed` and `lexicon` are the shipped ones it was drawn from.
pub fn keep_prerendered(shell: &web_sys::Element, analysed: Rc<Analysed>, lexicon: Rc<Lexicon>) {
    let one = |sel: &str| shell.query_selector(sel).ok().flatten();
    let (Some(meta), Some(themes)) = (one("#doc > .doc-meta"), one("#doc > .doc-themes")) else {
        return;
    };
    let Ok(sections) = shell.query_selector_all("#doc > section.part") else {
        return;
    };
    let Some(cut): Option<Vec<_>> = (0..sections.length())
        .map(|i| sections.item(i).and_then(|s| part_nodes(&s)))
        .collect()
    else {
        return;
    };
    if cut.len() != analysed.doc.parts.len() {
        return;
    }
    let (parts, part_keys): (Vec<_>, Vec<_>) = cut.into_iter().unzip();
    let mut profile = child_nodes(&themes);
    let doc_keys = match profile.iter().position(|n| has_class(n, "doc-keys")) {
        Some(i) => profile.split_off(i),
        None => Vec::new(),
    };
    let kept = Prerendered {
        analysed,
        lexicon,
        html: Some(ReaderNodes {
            meta: meta.into(),
            profile,
            parts,
        }),
        keys: Some((doc_keys, part_keys)),
    };
    PRERENDERED.with(|p| *p.borrow_mut() = Some(kept));
}

/// Past the first render the workspace may no longer be the one the shell was drawn for
/// (its key terms weigh the seed alone), so what was not used by then is dropped.
pub fn forget_prerendered() {
    PRERENDERED.with(|p| p.borrow_mut().take());
}

/// Takes what `take` picks of the shell's nodes, if the reader is to show exactly what the
/// shell drew: the shipped seed with its shipped lexicon, in the default language, nothing
/// filtered or marked.
fn take_prerendered<T>(
    entry: &DocEntry,
    lang: Lang,
    fits: impl Fn(&Prerendered) -> bool,
    take: impl FnOnce(&mut Prerendered) -> Option<T>,
) -> Option<T> {
    let DocStatus::Ready(a, _) = &entry.status else {
        return None;
    };
    let same_as_shell = |p: &Prerendered| {
        entry.seed && Rc::ptr_eq(a, &p.analysed) && lang == Lang::default() && fits(p)
    };
    PRERENDERED.with(|p| {
        p.borrow_mut()
            .as_mut()
            .filter(|p| same_as_shell(p))
            .and_then(take)
    })
}

fn refs(nodes: Vec<web_sys::Node>) -> Html {
    nodes.into_iter().map(Html::VRef).collect()
}

fn raw(write: &dyn Fn(&mut Markup)) -> Html {
    let mut m = Markup::default();
    write(&mut m);
    m.into_html()
}

fn write_reader(i: &ReaderInputs) -> ReaderHtml {
    let plain = i.tokens.is_none() && i.filter.is_none() && i.at.is_none();
    let adopted = plain
        .then(|| {
            let shipped_lexicon = |p: &Prerendered| {
                i.lexicon
                    .as_ref()
                    .is_some_and(|l| Rc::ptr_eq(l, &p.lexicon))
            };
            take_prerendered(&i.entry, i.lang, shipped_lexicon, |p| p.html.take())
        })
        .flatten();
    if let Some(n) = adopted {
        return ReaderHtml {
            meta: Html::VRef(n.meta),
            profile: refs(n.profile),
            parts: n
                .parts
                .into_iter()
                .map(|[head, paras, stats, words]| PartHtml {
                    head: refs(head),
                    paras: refs(paras),
                    stats: refs(stats),
                    words: refs(words),
                })
                .collect(),
        };
    }
    let DocStatus::Ready(a, _) = &i.entry.status else {
        return ReaderHtml::default();
    };
    let (doc, lang) = (&a.doc, i.lang);
    let lexicon = i.lexicon.as_deref();
    let tokens = i.tokens.as_deref();
    ReaderHtml {
        meta: raw(&|m| write_meta(m, doc, Some(&source_line(a)), lang)),
        profile: match lexicon {
            Some(lex) => raw(&|m| write_doc_profile(m, &a.themes.profile, lex, lang)),
            None => Html::default(),
        },
        parts: doc
            .parts
            .iter()
            .enumerate()
            .map(|(p, part)| {
                let data = PartData {
                    summary: a.summary.parts.get(p),
                    themes: a.themes.parts.get(p).zip(lexicon),
                    keys: None,
                    tokens: tokens.and_then(|t| t.get(p)).map(Vec::as_slice),
                    target: i.at.filter(|(q, _)| *q == p).map(|(_, para)| para),
                    timing: (p == 0 && i.entry.seed).then_some("seed-reader"),
                };
                let filter = i.filter.as_deref();
                PartHtml {
                    head: raw(&|m| write_part_head(m, doc, part, lang)),
                    paras: raw(&|m| write_paras(m, p, doc, part, &data, filter, lang)),
                    stats: raw(&|m| write_part_stats(m, data.summary, data.themes, lang)),
                    words: raw(&|m| write_part_words(m, data.summary, lang)),
                }
            })
            .collect(),
    }
}

fn write_keys(i: &KeysInputs) -> KeysHtml {
    // The shell's key terms weigh the seed alone, as the first render's do.
    let adopted = take_prerendered(&i.entry, i.lang, |_| true, |p| p.keys.take());
    if let Some((doc, parts)) = adopted {
        return KeysHtml {
            doc: refs(doc),
            parts: parts.into_iter().map(refs).collect(),
        };
    }
    let DocStatus::Ready(a, _) = &i.entry.status else {
        return KeysHtml::default();
    };
    let keys = i.key_terms.as_deref();
    KeysHtml {
        doc: raw(&|m| write_doc_keys(m, keys, i.lang)),
        parts: (0..a.doc.parts.len())
            .map(|p| {
                let part_keys = keys.and_then(|k| k.parts.get(p)).map(Vec::as_slice);
                raw(&|m| write_part_keys(m, a.summary.parts.get(p), part_keys, i.lang))
            })
            .collect(),
    }
}

fn source_line(a: &Analysed) -> String {
    format!(
        "{} · {:?} · {} · {} KB",
        a.source.name,
        a.source.format,
        a.source.encoding,
        a.source.bytes.div_ceil(1024)
    )
}

/// The document's theme profile, at the head of the reader.
fn write_doc_profile(m: &mut Markup, profile: &Profile, lex: &Lexicon, lang: Lang) {
    m.open("div", &[]);
    m.element(
        "h3",
        &[("class", "stats-title")],
        i18n::meta_text(lang).doc_themes,
    );
    write_profile_chart(m, profile, lex, lang);
    m.close("div");
}

/// The document's key terms, beside its profile.
fn write_doc_keys(m: &mut Markup, keys: Option<&DocKeyTerms>, lang: Lang) {
    let t = i18n::meta_text(lang);
    if let Some(keys) = keys.filter(|k| !k.whole.is_empty()) {
        m.open("div", &[("class", "doc-keys")]);
        m.element("h3", &[("class", "stats-title")], t.doc_key_terms);
        write_key_terms(m, "key-terms doc-key-terms", &keys.whole);
        m.close("div");
    }
}

/// The reader of an analysed document as the page first draws it, as HTML. The build
/// writes the seed's into index.html (`scripts/prerender.mjs`, from
/// `seeds/S-2020-911.reader.html`, kept current by `tests/seed_cache.rs`), so the analysed
/// seed is on screen before any wasm has loaded; the app replaces it on its first render.
/// The controls (word boundaries, theme filter) are drawn disabled until then.
pub fn static_reader(
    name: &str,
    a: &Analysed,
    lex: &Lexicon,
    keys: Option<&DocKeyTerms>,
    lang: Lang,
) -> String {
    let doc = &a.doc;
    let mut m = Markup::default();
    let symbol = doc.meta.symbol.clone().unwrap_or_default();
    m.open(
        "article",
        &[("id", "doc"), ("data-symbol", &symbol), ("data-name", name)],
    );
    write_meta(&mut m, doc, Some(&source_line(a)), lang);
    m.open("div", &[("class", "reader-tools")]);
    m.open("label", &[("class", "seg-toggle")]);
    m.open("input", &[("type", "checkbox"), ("disabled", "")]);
    m.text(i18n::view_text(lang).show_tokens);
    m.close("label");
    m.close("div");
    m.open("div", &[("class", "doc-themes")]);
    write_doc_profile(&mut m, &a.themes.profile, lex, lang);
    write_doc_keys(&mut m, keys, lang);
    m.close("div");
    for (i, part) in doc.parts.iter().enumerate() {
        let (id, kind, annex, languages) = part_attrs(i, part);
        let mut attrs = vec![("class", "part"), ("id", id.as_str()), ("data-kind", kind)];
        if let Some(n) = &annex {
            attrs.push(("data-annex", n));
        }
        attrs.push(("data-languages", &languages));
        m.open("section", &attrs);
        let data = PartData {
            summary: a.summary.parts.get(i),
            themes: a.themes.parts.get(i).map(|t| (t, lex)),
            keys: keys.and_then(|k| k.parts.get(i)).map(Vec::as_slice),
            tokens: None,
            target: None,
            timing: (i == 0).then_some("seed-reader"),
        };
        write_part(&mut m, i, doc, part, data, None, lang);
        m.close("section");
    }
    m.close("article");
    m.0
}

fn write_meta(m: &mut Markup, doc: &Document, source: Option<&str>, lang: Lang) {
    let t = i18n::meta_text(lang);
    let meta = &doc.meta;
    let references = meta.references.join(" · ");
    let rows: [(&str, &str, Option<&str>); 8] = [
        ("meta-symbol", t.symbol, meta.symbol.as_deref()),
        ("meta-date", t.date, meta.date.as_deref()),
        ("meta-sender", t.sender, meta.sender.as_deref()),
        ("meta-meeting", t.meeting, meta.meeting_date.as_deref()),
        ("meta-topic", t.topic, meta.topic.as_deref()),
        ("meta-references", t.references, Some(references.as_str())),
        ("meta-job", t.job, meta.job_number.as_deref()),
        ("meta-source", t.source, source),
    ];
    m.open("dl", &[("class", "doc-meta")]);
    for (class, label, value) in rows {
        let Some(v) = value.filter(|v| !v.is_empty()) else {
            continue;
        };
        let class = format!("meta-row {class}");
        m.open("div", &[("class", &class)]);
        m.element("dt", &[], label);
        m.element("dd", &[], v);
        m.close("div");
    }
    m.close("dl");
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

    fn element(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
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
fn write_key_terms(m: &mut Markup, class: &str, keys: &[KeyTerm]) {
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
        write_word_count(m, &k.term, k.count);
        m.close("li");
    }
    m.close("ol");
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
    let mut m = Markup::default();
    write_profile_chart(&mut m, profile, lex, lang);
    m.into_html()
}

fn write_profile_chart(m: &mut Markup, profile: &Profile, lex: &Lexicon, lang: Lang) {
    let t = i18n::meta_text(lang);
    let rows: Vec<_> = profile
        .top(6)
        .iter()
        .filter_map(|s| lex.themes.get(s.theme).map(|t| (t, s)))
        .collect();
    if rows.is_empty() {
        m.element("p", &[("class", "no-themes")], t.no_themes);
        return;
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
    let label = format!("{}: {alt}", t.themes_chart);
    m.open(
        "svg",
        &[
            ("class", "theme-profile"),
            ("role", "img"),
            ("viewBox", &format!("0 0 200 {height}")),
            ("width", "200"),
            ("height", &height.to_string()),
            ("aria-label", &label),
        ],
    );
    m.element("title", &[], &label);
    for (i, (t, s)) in rows.iter().enumerate() {
        let y = i * row_h;
        let w = (s.paragraph_share * 80.0).max(1.0);
        m.open(
            "g",
            &[
                ("class", "theme-bar"),
                ("data-theme", &t.id),
                ("data-share", &format!("{:.4}", s.paragraph_share)),
            ],
        );
        let ty = (y + 15).to_string();
        m.element(
            "text",
            &[("x", "0"), ("y", &ty), ("font-size", "12")],
            i18n::theme_name(lang, t),
        );
        m.open(
            "rect",
            &[
                ("x", "96"),
                ("y", &(y + 4).to_string()),
                ("width", &format!("{w:.1}")),
                ("height", "14"),
                ("fill", &t.colour),
            ],
        );
        m.close("rect");
        m.element(
            "text",
            &[
                ("x", &format!("{:.1}", 100.0 + w)),
                ("y", &ty),
                ("font-size", "11"),
            ],
            &i18n::percent(s.paragraph_share),
        );
        m.close("g");
    }
    m.close("svg");
}

/// What the worker and the workspace computed for one part.
#[derive(Clone, Copy)]
struct PartData<'a> {
    summary: Option<&'a PartSummary>,
    themes: Option<(&'a PartThemes, &'a Lexicon)>,
    keys: Option<&'a [KeyTerm]>,
    /// Words of each paragraph, when the segmentation is shown.
    tokens: Option<&'a [Vec<Span>]>,
    /// The paragraph the reader was opened at.
    target: Option<usize>,
    /// An Element Timing identifier for the first paragraph: the seed's, prerendered or
    /// drawn by the app, says when its analysed text was first on screen
    /// (`scripts/bench-browser.mjs` reads it).
    timing: Option<&'static str>,
}

/// A part's `<section>` attributes. The page keeps the element across re-renders and
/// replaces only what is inside, so a part off screen keeps the size it was last drawn at
/// (`content-visibility`) and the reading position does not jump.
fn part_attrs(index: usize, part: &Part) -> (String, &'static str, Option<String>, String) {
    let kind = match part.kind {
        PartKind::Cover => "cover",
        PartKind::Annex => "annex",
        PartKind::Body => "body",
    };
    (
        part_anchor(index),
        kind,
        part.annex.map(|n| n.to_string()),
        part.languages.join(","),
    )
}

/// A part as the static reader writes it: the same HTML as the app's segments (see
/// `DocView`) put together.
fn write_part(
    m: &mut Markup,
    index: usize,
    doc: &Document,
    part: &Part,
    data: PartData<'_>,
    filter: Option<&str>,
    lang: Lang,
) {
    write_part_head(m, doc, part, lang);
    m.open("div", &[("class", "part-body")]);
    write_paras(m, index, doc, part, &data, filter, lang);
    m.open("aside", &[("class", "part-stats"), ("aria-live", "polite")]);
    write_part_stats(m, data.summary, data.themes, lang);
    write_part_keys(m, data.summary, data.keys, lang);
    write_part_words(m, data.summary, lang);
    m.close("aside");
    m.close("div");
}

/// The label, heading, original languages, speaker and resolutions cited.
fn write_part_head(m: &mut Markup, doc: &Document, part: &Part, lang: Lang) {
    let t = i18n::text(lang);
    let mt = i18n::meta_text(lang);
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
    m.open("header", &[("class", "part-head")]);
    m.element("span", &[("class", "part-label")], &label);
    if let Some(h) = part.heading {
        m.element("h2", &[("class", "part-heading")], doc.slice(h));
    }
    if let Some(l) = languages {
        m.element("span", &[("class", "part-langs")], &l);
    }
    m.close("header");
    if let Some(sp) = &part.speaker {
        m.open("p", &[("class", "speaker")]);
        if let Some(r) = &sp.represents {
            match &sp.code {
                Some(c) => {
                    m.open("span", &[("class", "represents"), ("data-code", c)]);
                    m.text(r);
                    m.text(&format!(" ({c})"));
                }
                None => {
                    m.open("span", &[("class", "represents")]);
                    m.text(r);
                }
            }
            m.close("span");
        }
        if let Some(p) = &sp.post {
            m.element("span", &[("class", "post")], p);
        }
        match &sp.name {
            Some(n) => m.element("span", &[("class", "person")], n),
            None => m.element("span", &[("class", "person none")], mt.no_speaker),
        }
        m.close("p");
    }
    let resolutions = doc.part_resolutions(part);
    if !resolutions.is_empty() {
        m.open("p", &[("class", "resolutions")]);
        m.element("span", &[("class", "label")], mt.resolutions);
        for (n, y) in &resolutions {
            let text = match y {
                Some(y) => format!("{n} ({y})"),
                None => n.clone(),
            };
            m.element(
                "span",
                &[("class", "resolution"), ("data-number", n)],
                &text,
            );
        }
        m.close("p");
    }
}

/// The word count and theme chart, or that the part is still being analysed.
fn write_part_stats(
    m: &mut Markup,
    summary: Option<&PartSummary>,
    themes: Option<(&PartThemes, &Lexicon)>,
    lang: Lang,
) {
    let t = i18n::text(lang);
    let Some(s) = summary else {
        m.element("p", &[("class", "pending")], t.pending);
        return;
    };
    m.open("p", &[("class", "count-line")]);
    m.text(t.words);
    m.text(" ");
    m.element(
        "span",
        &[("class", "token-count")],
        &s.word_count.to_string(),
    );
    m.close("p");
    if let Some((pt, lex)) = themes {
        m.element(
            "h3",
            &[("class", "stats-title")],
            i18n::meta_text(lang).themes,
        );
        write_profile_chart(m, &pt.profile, lex, lang);
    }
}

/// The part's key terms: weighed against the whole workspace, so they change as letters
/// are added while the rest of the part does not.
fn write_part_keys(
    m: &mut Markup,
    summary: Option<&PartSummary>,
    keys: Option<&[KeyTerm]>,
    lang: Lang,
) {
    if let (Some(_), Some(keys)) = (summary, keys.filter(|k| !k.is_empty())) {
        m.element(
            "h3",
            &[("class", "stats-title")],
            i18n::meta_text(lang).key_terms,
        );
        write_key_terms(m, "key-terms", keys);
    }
}

fn write_part_words(m: &mut Markup, summary: Option<&PartSummary>, lang: Lang) {
    if let Some(s) = summary {
        m.element(
            "h3",
            &[("class", "stats-title")],
            i18n::text(lang).top_words,
        );
        write_top_words(m, s);
    }
}

fn write_top_words(m: &mut Markup, s: &PartSummary) {
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
        write_word_count(m, &w.term, w.count);
        m.close("li");
    }
    m.close("ol");
}

/// Every paragraph of a part, in its `.paras` block: its text (cues and entities marked, or
/// its words when the segmentation is shown) and its theme chips; rows without the filtered
/// theme hidden.
fn write_paras(
    m: &mut Markup,
    index: usize,
    doc: &Document,
    part: &Part,
    data: &PartData<'_>,
    filter: Option<&str>,
    lang: Lang,
) {
    let PartData {
        themes,
        tokens,
        target,
        timing,
        ..
    } = *data;
    m.open("div", &[("class", "paras")]);
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
                write_tokens(m, doc, *p, words);
            }
            None => {
                match timing.filter(|_| i == 0) {
                    Some(id) => m.open("p", &[("class", "para"), ("elementtiming", id)]),
                    None => m.open("p", &[("class", "para")]),
                }
                write_marked(m, doc, *p, pt, lang);
            }
        }
        m.close("p");
        if let Some((pt, lex)) = pt {
            write_chips(m, pt, lex, lang);
        }
        m.close("div");
    }
    m.close("div");
}
