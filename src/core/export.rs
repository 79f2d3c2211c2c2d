//! One serializer for everything that leaves the app: the browser's export buttons and the
//! `unsc-lens` command-line tool both call these functions, so a document exported from a
//! browser tab and the same file run through `unsc-lens analyze` give the same JSON.
//!
//! JSON: one [`DocumentJson`] per document (schema [`SCHEMA_DOCUMENT`]), wrapped with the
//! lexicon in a [`WorkspaceJson`] (schema [`SCHEMA_WORKSPACE`]) or written one a line
//! ([`documents_jsonl`]). Theme indices become the lexicon's theme ids; byte offsets point
//! into the document's `text`, which is included. CSV: RFC 4180 with a UTF-8 byte-order mark
//! and CRLF line ends (see [`csv`]), in long or wide tables that pandas, R and DuckDB read
//! directly. Everything is built from vectors in a fixed order: the output is deterministic.
//!
//! Write the JSON with `serde_json::to_string` (or `to_string_pretty`), as [`documents_jsonl`]
//! does: the shares are `f32` and are written with the shortest digits that read back to the
//! same value, whereas `serde_json::to_value` would widen them to `f64` digits no file has.
//! serde_json's `float_roundtrip` feature makes every number read back exactly.

use serde::{Deserialize, Serialize};

use super::analysis::Analysed;
use super::compare::{KeynessTable, ThemeDelta};
use super::entities::EntityKind;
use super::ingest::Format;
use super::meta::DocKind;
use super::stats::{workspace_key_terms, DocKeyTerms, KeyTerm, TermCount};
use super::structure::{Part, PartKind};
use super::text::Span;
use super::themes::{Lexicon, Profile};

pub const SCHEMA_DOCUMENT: &str = "unsc-lens/document/1";
pub const SCHEMA_WORKSPACE: &str = "unsc-lens/workspace/1";

/// Key terms listed per part and per document (as beside each statement in the reader).
pub const KEY_TERMS: usize = 8;

/// A document of the workspace as the user named it (the browser lets users rename; the CLI
/// passes the file name).
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    pub name: &'a str,
    pub analysed: &'a Analysed,
}

impl<'a> Named<'a> {
    /// How a document is called in file names and comparisons: its symbol, else its name.
    pub fn label(&self) -> &'a str {
        self.analysed
            .doc
            .meta
            .symbol
            .as_deref()
            .unwrap_or(self.name)
    }
}

/// The generator written into workspace exports.
pub fn generator() -> String {
    format!("unsc-lens {}", env!("CARGO_PKG_VERSION"))
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SourceJson {
    /// The file name it was read from.
    pub file: String,
    pub format: Format,
    pub encoding: String,
    pub bytes: usize,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct MetaJson {
    pub symbol: Option<String>,
    pub kind: DocKind,
    pub job_number: Option<String>,
    /// ISO 8601.
    pub date: Option<String>,
    pub sender: Option<String>,
    pub meeting_date: Option<String>,
    pub topic: Option<String>,
    /// Document symbols cited, other than the document's own, in order of first mention.
    pub references: Vec<String>,
}

/// One theme's share of a part's (or the document's) paragraphs.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ThemeShareJson {
    /// The lexicon's theme id.
    pub theme: String,
    /// Tagged paragraphs over all paragraphs (0–1).
    pub paragraph_share: f32,
    /// The theme's cue weight over all cue weight (0–1).
    pub weight_share: f32,
    /// Indices of the tagged paragraphs: within the part for a part, across the document's
    /// parts in order for the document.
    pub paragraphs: Vec<usize>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct KeyTermJson {
    pub term: String,
    pub count: usize,
    /// TF-IDF against every part of the workspace.
    pub score: f64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SpeakerJson {
    pub name: Option<String>,
    pub post: Option<String>,
    /// The state or office as printed.
    pub represents: Option<String>,
    /// ISO 3166 alpha-3, or `UN` for the Secretariat.
    pub code: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ResolutionJson {
    pub number: u32,
    pub year: Option<u16>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct TagJson {
    pub theme: String,
    pub score: f32,
}

/// A cue found in a paragraph: the evidence for a tag.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct HitJson {
    pub theme: String,
    pub cue: String,
    pub weight: f32,
    /// Byte offsets into the document's `text`.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ParagraphJson {
    /// 0-based within the part.
    pub index: usize,
    /// Byte offsets into the document's `text`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Themes tagged (score at or above the threshold), highest score first.
    pub tags: Vec<TagJson>,
    pub hits: Vec<HitJson>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PartJson {
    /// 0-based, in document order.
    pub index: usize,
    pub kind: PartKind,
    /// Annex number (1-based), for an annex.
    pub annex: Option<u32>,
    /// The label as printed (附件一, Annex I).
    pub label: Option<String>,
    pub heading: Option<String>,
    pub speaker: Option<SpeakerJson>,
    /// ISO 639-1 codes of the original languages.
    pub languages: Vec<String>,
    pub word_count: usize,
    pub themes: Vec<ThemeShareJson>,
    pub key_terms: Vec<KeyTermJson>,
    /// Distinct resolutions cited, in order of first citation.
    pub resolutions: Vec<ResolutionJson>,
    pub paragraphs: Vec<ParagraphJson>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct EntityJson {
    pub kind: EntityKind,
    /// Resolution number, symbol, body code or ISO alpha-3 code.
    pub key: String,
    pub year: Option<u16>,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One analysed document (schema [`SCHEMA_DOCUMENT`]).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct DocumentJson {
    pub schema: String,
    pub name: String,
    pub source: SourceJson,
    pub meta: MetaJson,
    pub word_count: usize,
    pub themes: Vec<ThemeShareJson>,
    pub key_terms: Vec<KeyTermJson>,
    pub parts: Vec<PartJson>,
    pub entities: Vec<EntityJson>,
    /// The full cleaned text: every `start`/`end` is a byte offset into it.
    pub text: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ThemeJson {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub colour: String,
}

/// The workspace (schema [`SCHEMA_WORKSPACE`]): the lexicon the themes refer to and every
/// document.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WorkspaceJson {
    pub schema: String,
    /// `unsc-lens <version>`.
    pub generator: String,
    pub lexicon: Vec<ThemeJson>,
    pub documents: Vec<DocumentJson>,
}

/// A theme index → the lexicon's id (an index the lexicon does not have stays visible).
fn theme_id(lexicon: &Lexicon, theme: usize) -> String {
    lexicon
        .themes
        .get(theme)
        .map_or_else(|| format!("#{theme}"), |t| t.id.clone())
}

fn profile_json(profile: &Profile, lexicon: &Lexicon) -> Vec<ThemeShareJson> {
    profile
        .themes
        .iter()
        .map(|s| ThemeShareJson {
            theme: theme_id(lexicon, s.theme),
            paragraph_share: s.paragraph_share,
            weight_share: s.weight_share,
            paragraphs: s.paragraphs.clone(),
        })
        .collect()
}

fn key_terms_json(terms: &[KeyTerm]) -> Vec<KeyTermJson> {
    terms
        .iter()
        .map(|k| KeyTermJson {
            term: k.term.clone(),
            count: k.count,
            score: k.score,
        })
        .collect()
}

fn text_of(text: &str, span: Option<Span>) -> Option<String> {
    span.map(|s| s.slice(text).to_string())
}

/// One document as JSON; `key_terms` are its key terms against the workspace (see
/// [`workspace_key_terms_of`]) and `lexicon` the one it was tagged with.
pub fn document_json(doc: Named, key_terms: &DocKeyTerms, lexicon: &Lexicon) -> DocumentJson {
    let a = doc.analysed;
    let text = &a.doc.text;
    let meta = &a.doc.meta;
    let parts = a
        .doc
        .parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let themes = a.themes.parts.get(i);
            let paragraphs = part
                .paragraphs
                .iter()
                .enumerate()
                .map(|(j, span)| {
                    let tagged = themes.and_then(|t| t.paragraphs.get(j));
                    ParagraphJson {
                        index: j,
                        start: span.start,
                        end: span.end,
                        text: span.slice(text).to_string(),
                        tags: tagged
                            .map(|t| {
                                t.tags
                                    .iter()
                                    .map(|(theme, score)| TagJson {
                                        theme: theme_id(lexicon, *theme),
                                        score: *score,
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        hits: tagged
                            .map(|t| {
                                t.hits
                                    .iter()
                                    .map(|h| HitJson {
                                        theme: theme_id(lexicon, h.theme),
                                        cue: h.cue.clone(),
                                        weight: h.weight,
                                        start: h.span.start,
                                        end: h.span.end,
                                        text: h.span.slice(text).to_string(),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    }
                })
                .collect();
            PartJson {
                index: i,
                kind: part.kind,
                annex: part.annex,
                label: text_of(text, part.label),
                heading: text_of(text, part.heading),
                speaker: part.speaker.as_ref().map(|s| SpeakerJson {
                    name: s.name.clone(),
                    post: s.post.clone(),
                    represents: s.represents.clone(),
                    code: s.code.clone(),
                }),
                languages: part.languages.clone(),
                word_count: a.summary.parts.get(i).map_or(0, |p| p.word_count),
                themes: themes.map_or_else(Vec::new, |t| profile_json(&t.profile, lexicon)),
                key_terms: key_terms
                    .parts
                    .get(i)
                    .map_or_else(Vec::new, |k| key_terms_json(k)),
                resolutions: a
                    .doc
                    .part_resolutions(part)
                    .into_iter()
                    .filter_map(|(number, year)| {
                        Some(ResolutionJson {
                            number: number.parse().ok()?,
                            year,
                        })
                    })
                    .collect(),
                paragraphs,
            }
        })
        .collect();
    DocumentJson {
        schema: SCHEMA_DOCUMENT.to_string(),
        name: doc.name.to_string(),
        source: SourceJson {
            file: a.source.name.clone(),
            format: a.source.format,
            encoding: a.source.encoding.clone(),
            bytes: a.source.bytes,
        },
        meta: MetaJson {
            symbol: meta.symbol.clone(),
            kind: meta.kind,
            job_number: meta.job_number.clone(),
            date: meta.date.clone(),
            sender: meta.sender.clone(),
            meeting_date: meta.meeting_date.clone(),
            topic: meta.topic.clone(),
            references: meta.references.clone(),
        },
        word_count: a.summary.word_count,
        themes: profile_json(&a.themes.profile, lexicon),
        key_terms: key_terms_json(&key_terms.whole),
        parts,
        entities: a
            .doc
            .entities
            .iter()
            .map(|e| EntityJson {
                kind: e.kind,
                key: e.key.clone(),
                year: e.year,
                start: e.span.start,
                end: e.span.end,
                text: e.span.slice(text).to_string(),
            })
            .collect(),
        text: text.clone(),
    }
}

/// Key terms of every document, computed over the whole workspace
/// ([`workspace_key_terms`] with [`KEY_TERMS`]): every part of every document is one
/// statement of the background.
pub fn workspace_key_terms_of(docs: &[Named]) -> Vec<DocKeyTerms> {
    let lists: Vec<Vec<&[TermCount]>> = docs
        .iter()
        .map(|d| d.analysed.summary.part_terms().collect())
        .collect();
    workspace_key_terms(&lists, KEY_TERMS)
}

/// The workspace as JSON. Key terms are computed over the whole workspace
/// (`stats::workspace_key_terms` with [`KEY_TERMS`]), every document's parts being the
/// background.
pub fn workspace_json(docs: &[Named], lexicon: &Lexicon) -> WorkspaceJson {
    let keys = workspace_key_terms_of(docs);
    WorkspaceJson {
        schema: SCHEMA_WORKSPACE.to_string(),
        generator: generator(),
        lexicon: lexicon
            .themes
            .iter()
            .map(|t| ThemeJson {
                id: t.id.clone(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                colour: t.colour.clone(),
            })
            .collect(),
        documents: docs
            .iter()
            .zip(&keys)
            .map(|(d, k)| document_json(*d, k, lexicon))
            .collect(),
    }
}

/// JSON Lines: one [`DocumentJson`] a line, the same values as
/// `workspace_json(docs, lexicon).documents`.
pub fn documents_jsonl(docs: &[Named], lexicon: &Lexicon) -> String {
    let mut out = String::new();
    for doc in workspace_json(docs, lexicon).documents {
        // Plain structs of strings, numbers and vectors: serialising cannot fail.
        out.push_str(&serde_json::to_string(&doc).expect("a DocumentJson serialises"));
        out.push('\n');
    }
    out
}

/// `[+-]digits[.digits][e[+-]digits]`: left alone by the formula guard.
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (digits(int) || int.is_empty())
                && (digits(frac) || frac.is_empty())
                && !(int.is_empty() && frac.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// One field: a text that a spreadsheet would run as a formula gets a leading `'`, and a
/// field holding `,` `"` CR or LF is quoted with its quotes doubled.
fn csv_field(field: &str, out: &mut String) {
    let guard = field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(field);
    let quote = field.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// CSV text written a row at a time (see [`csv`]).
struct CsvOut {
    out: String,
}

impl CsvOut {
    fn new() -> CsvOut {
        CsvOut {
            out: String::from("\u{FEFF}"),
        }
    }

    fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            csv_field(field.as_ref(), &mut self.out);
        }
        self.out.push_str("\r\n");
    }
}

/// CSV, RFC 4180: UTF-8 with a byte-order mark (so Excel opens Chinese), CRLF after every
/// row, fields quoted when they contain `,` `"` CR or LF. A text field beginning with
/// `=` `+` `-` `@` (or a tab or CR) that is not a number gets a leading `'` so spreadsheets
/// do not run it as a formula. The first row is the header.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut w = CsvOut::new();
    for row in rows {
        w.row(row);
    }
    w.out
}

/// `x` with `places` decimals, never `-0.0`.
fn fixed(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// A part as the tables name it: `cover`, `annex 3`, `body`.
pub fn part_label(part: &Part) -> String {
    match part.kind {
        PartKind::Cover => "cover".into(),
        PartKind::Annex => format!("annex {}", part.annex.unwrap_or(1)),
        PartKind::Body => "body".into(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The part's speaker's name and state code, empty where there are none.
fn speaker_fields(part: &Part) -> (&str, &str) {
    let speaker = part.speaker.as_ref();
    (
        speaker.and_then(|s| s.name.as_deref()).unwrap_or(""),
        speaker.and_then(|s| s.code.as_deref()).unwrap_or(""),
    )
}

/// Statement × theme, one row per part of every document: document, symbol, part (0-based
/// index, as `parts[].index` in the JSON), label (`cover`, `annex 3`, `body`), speaker,
/// state, then one column per lexicon theme id with the share of the part's paragraphs
/// tagged with it, in percent with one decimal, then the part's paragraph count.
pub fn theme_matrix_csv(docs: &[Named], lexicon: &Lexicon) -> String {
    let mut w = CsvOut::new();
    let fixed_columns = ["document", "symbol", "part", "label", "speaker", "state"];
    w.row(
        fixed_columns
            .iter()
            .copied()
            .chain(lexicon.themes.iter().map(|t| t.id.as_str()))
            .chain(["paragraphs"]),
    );
    for doc in docs {
        let a = doc.analysed;
        let symbol = a.doc.meta.symbol.as_deref().unwrap_or("");
        for (i, part) in a.doc.parts.iter().enumerate() {
            let mut shares = vec![0.0f32; lexicon.themes.len()];
            if let Some(t) = a.themes.parts.get(i) {
                for s in &t.profile.themes {
                    if let Some(x) = shares.get_mut(s.theme) {
                        *x = s.paragraph_share;
                    }
                }
            }
            let (speaker, state) = speaker_fields(part);
            let mut row = vec![
                doc.name.to_string(),
                symbol.to_string(),
                i.to_string(),
                part_label(part),
                speaker.to_string(),
                state.to_string(),
            ];
            row.extend(shares.iter().map(|s| fixed(f64::from(*s) * 100.0, 1)));
            row.push(part.paragraphs.len().to_string());
            w.row(&row);
        }
    }
    w.out
}

/// Long format, one row per content word of each part: document, symbol, part, speaker,
/// state, term, count, per_10k (occurrences per 10 000 words of that part, one decimal).
/// Terms in each part most frequent first (ties in the term's order).
pub fn term_frequencies_csv(docs: &[Named]) -> String {
    let mut w = CsvOut::new();
    w.row([
        "document", "symbol", "part", "speaker", "state", "term", "count", "per_10k",
    ]);
    for doc in docs {
        let a = doc.analysed;
        let symbol = a.doc.meta.symbol.as_deref().unwrap_or("");
        for (i, part) in a.doc.parts.iter().enumerate() {
            let Some(summary) = a.summary.parts.get(i) else {
                continue;
            };
            let index = i.to_string();
            let (speaker, state) = speaker_fields(part);
            for t in &summary.terms {
                let per = if summary.word_count == 0 {
                    0.0
                } else {
                    t.count as f64 * 10_000.0 / summary.word_count as f64
                };
                w.row([
                    doc.name,
                    symbol,
                    &index,
                    speaker,
                    state,
                    &t.term,
                    &t.count.to_string(),
                    &fixed(per, 1),
                ]);
            }
        }
    }
    w.out
}

/// The keyness table (`compare::keyness_table`: the terms more frequent in A, strongest
/// first, then those more frequent in B): a, b (the two texts' labels, repeated on every
/// row so the file needs no comment lines), side (`A` or `B`), term, g2 (signed
/// log-likelihood, two decimals), log_ratio (binary log of the ratio of relative
/// frequencies, two decimals), freq_a, freq_b (occurrences).
pub fn keyness_csv(table: &KeynessTable, a_label: &str, b_label: &str) -> String {
    let mut rows = vec![strings(&[
        "a",
        "b",
        "side",
        "term",
        "g2",
        "log_ratio",
        "freq_a",
        "freq_b",
    ])];
    let sides = [("A", &table.more_in_a), ("B", &table.more_in_b)];
    for (side, list) in sides {
        for k in list.iter() {
            rows.push(vec![
                a_label.to_string(),
                b_label.to_string(),
                side.to_string(),
                k.term.clone(),
                fixed(k.g2, 2),
                fixed(k.log_ratio, 2),
                k.a.to_string(),
                k.b.to_string(),
            ]);
        }
    }
    csv(&rows)
}

/// Theme deltas (`compare::theme_deltas`, largest difference first): a, b (labels), theme
/// (id), name_en, name_zh, share_a, share_b, delta (A − B): shares of paragraphs tagged, in
/// percent with one decimal.
pub fn theme_deltas_csv(
    deltas: &[ThemeDelta],
    lexicon: &Lexicon,
    a_label: &str,
    b_label: &str,
) -> String {
    let mut rows = vec![strings(&[
        "a", "b", "theme", "name_en", "name_zh", "share_a", "share_b", "delta",
    ])];
    for d in deltas {
        let theme = lexicon.themes.get(d.theme);
        rows.push(vec![
            a_label.to_string(),
            b_label.to_string(),
            theme_id(lexicon, d.theme),
            theme.map(|t| t.name_en.clone()).unwrap_or_default(),
            theme.map(|t| t.name_zh.clone()).unwrap_or_default(),
            fixed(f64::from(d.a) * 100.0, 1),
            fixed(f64::from(d.b) * 100.0, 1),
            fixed(f64::from(d.delta()) * 100.0, 1),
        ]);
    }
    csv(&rows)
}

/// A label (a symbol or a file name) → a file-name-safe piece: `/` and spaces become `-`, a
/// file name loses its extension, only `[A-Za-z0-9._-]` and Han characters are kept.
fn stem_piece(label: &str) -> String {
    let label = label.trim();
    // Symbols always have a `/`; a file name's extension is a short run of letters and digits.
    let label = match label.rsplit_once('.') {
        Some((stem, ext))
            if !label.contains('/')
                && !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            stem
        }
        _ => label,
    };
    let mut out = String::new();
    for c in label.chars() {
        let c = if c == '/' || c == '\\' || super::text::is_space(c) {
            '-'
        } else {
            c
        };
        let keep =
            c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') || super::text::is_han(c);
        if keep && !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_matches(['-', '.', '_']);
    out.chars().take(80).collect()
}

/// A file-name-safe stem from the documents' labels (their symbols, else their names, as
/// [`Named::label`] gives): `S/2020/911` → `S-2020-911`; several are joined with `_` (at
/// most three, then `_and-N-more`); a name loses its extension; only `[A-Za-z0-9._-]` and
/// Han characters are kept. Nothing left: `unsc-lens`.
pub fn file_stem(labels: &[&str]) -> String {
    let pieces: Vec<String> = labels
        .iter()
        .map(|l| stem_piece(l))
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.is_empty() {
        return "unsc-lens".into();
    }
    let mut stem = pieces[..pieces.len().min(3)].join("_");
    if pieces.len() > 3 {
        stem.push_str(&format!("_and-{}-more", pieces.len() - 3));
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[&str]) -> Vec<String> {
        strings(fields)
    }

    #[test]
    fn csv_has_a_bom_crlf_and_rfc4180_quoting() {
        let out = csv(&[
            row(&["name", "note"]),
            row(&["a,b", "say \"hi\""]),
            row(&["two\nlines", "cr\rhere"]),
            row(&["安理会", ""]),
        ]);
        assert_eq!(
            out,
            "\u{FEFF}name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"cr\rhere\"\r\n安理会,\r\n"
        );
    }

    #[test]
    fn csv_guards_formulas_but_not_numbers() {
        let out = csv(&[row(&[
            "=SUM(A1)", "+1+2", "-x", "@cmd", "-12.5", "+3", "1e-3", "-inf", "-", "a=b",
        ])]);
        assert_eq!(
            out,
            "\u{FEFF}'=SUM(A1),'+1+2,'-x,'@cmd,-12.5,+3,1e-3,'-inf,'-,a=b\r\n"
        );
        // Guarded and quoted: the quote opens the field, the guard follows it.
        assert_eq!(csv(&[row(&["=A1,B1"])]), "\u{FEFF}\"'=A1,B1\"\r\n");
        for n in ["0", "-0.5", ".5", "5.", "+1E+9", "12"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["", ".", "-", "1e", "e5", "1.2.3", "0x10", "--1", "1 2"] {
            assert!(!is_number(n), "{n}");
        }
    }

    #[test]
    fn fixed_decimals_without_negative_zero() {
        assert_eq!(fixed(12.5, 1), "12.5");
        assert_eq!(fixed(-0.001, 1), "0.0");
        assert_eq!(fixed(-1.234, 2), "-1.23");
        assert_eq!(fixed(100.0, 1), "100.0");
    }

    #[test]
    fn file_stems() {
        assert_eq!(file_stem(&["S/2020/911"]), "S-2020-911");
        assert_eq!(
            file_stem(&["S/2020/911", "S/2021/213"]),
            "S-2020-911_S-2021-213"
        );
        assert_eq!(
            file_stem(&[
                "S/2020/911",
                "S/2021/213",
                "S/PRST/2021/5",
                "a.txt",
                "b.txt"
            ]),
            "S-2020-911_S-2021-213_S-PRST-2021-5_and-2-more"
        );
        assert_eq!(file_stem(&["letter.zh.txt"]), "letter.zh");
        assert_eq!(file_stem(&["my letter (draft).docx"]), "my-letter-draft");
        assert_eq!(file_stem(&["中国发言稿.pdf"]), "中国发言稿");
        assert_eq!(file_stem(&["S/PV.8756"]), "S-PV.8756");
        assert_eq!(file_stem(&["../../etc/passwd"]), "etc-passwd");
        assert_eq!(file_stem(&["<>:|?*"]), "unsc-lens");
        assert_eq!(file_stem(&[]), "unsc-lens");
    }
}
