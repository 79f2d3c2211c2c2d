//! Cleaned text → `Document`: the cover letter, then one part per annex with its label,
//! heading, original-language marker and paragraphs.

use serde::{Deserialize, Serialize};

use super::clean::Cleaned;
use super::entities::{distinct_keys, find_entities, Entity, EntityKind};
use super::meta;
pub use super::meta::{DocKind, Meta};
use super::speaker::{parse_heading, Speaker};
use super::text::{is_space, parse_chinese_numeral, parse_roman, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// The covering letter before the first annex.
    Cover,
    /// One annexed statement.
    Annex,
    /// Text with no recognisable letter structure: everything in one part.
    Body,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub kind: PartKind,
    /// Annex number, 1-based; a lone "附件" / "Annex" counts as 1.
    pub annex: Option<u32>,
    /// The label as printed (附件一, Annex I).
    pub label: Option<Span>,
    pub heading: Option<Span>,
    pub language_marker: Option<Span>,
    /// ISO 639-1 codes of the original languages the marker names, in its order.
    pub languages: Vec<String>,
    /// Who speaks, read from the heading of an annexed statement.
    pub speaker: Option<Speaker>,
    pub paragraphs: Vec<Span>,
}

impl Part {
    /// The span from the part's first block to its last.
    pub fn extent(&self) -> Option<Span> {
        let first = self
            .label
            .or(self.heading)
            .or(self.paragraphs.first().copied())?;
        let last = self
            .paragraphs
            .last()
            .copied()
            .or(self.language_marker)
            .or(self.heading)
            .unwrap_or(first);
        Some(Span::new(first.start, last.end))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub text: String,
    pub meta: Meta,
    pub parts: Vec<Part>,
    pub entities: Vec<Entity>,
}

impl Document {
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    pub fn annexes(&self) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(|p| p.kind == PartKind::Annex)
    }

    /// Entities inside one part.
    pub fn part_entities(&self, part: &Part) -> Vec<&Entity> {
        let Some(extent) = part.extent() else {
            return Vec::new();
        };
        self.entities
            .iter()
            .filter(|e| e.span.start >= extent.start && e.span.end <= extent.end)
            .collect()
    }

    /// Distinct resolutions a part cites, in order of first citation, each with its year
    /// where any citation gives it.
    pub fn part_resolutions(&self, part: &Part) -> Vec<(String, Option<u16>)> {
        let mut out: Vec<(String, Option<u16>)> = Vec::new();
        for e in self.part_entities(part) {
            if e.kind != EntityKind::Resolution {
                continue;
            }
            match out.iter_mut().find(|(k, _)| *k == e.key) {
                Some((_, year)) => *year = year.or(e.year),
                None => out.push((e.key.clone(), e.year)),
            }
        }
        out
    }
}

/// How one part cites one resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation {
    /// Citations in the part's paragraphs.
    pub count: usize,
    /// The first paragraph citing it (index within the part).
    pub first_paragraph: usize,
    /// Year of adoption, where a citation gives it.
    pub year: Option<u16>,
}

impl Document {
    /// For each part, the resolutions its paragraphs cite (by number), with how often and
    /// where first: the resolutions matrix and its links to the evidence.
    pub fn citations(&self) -> Vec<std::collections::BTreeMap<String, Citation>> {
        self.parts
            .iter()
            .map(|part| {
                let mut cites = std::collections::BTreeMap::new();
                for (i, para) in part.paragraphs.iter().enumerate() {
                    for e in self.entities.iter().filter(|e| {
                        e.kind == EntityKind::Resolution
                            && e.span.start >= para.start
                            && e.span.end <= para.end
                    }) {
                        let c = cites.entry(e.key.clone()).or_insert(Citation {
                            count: 0,
                            first_paragraph: i,
                            year: None,
                        });
                        c.count += 1;
                        c.year = c.year.or(e.year);
                    }
                }
                cites
            })
            .collect()
    }
}

/// `附件一`, `附件`, `…的信的附件`, `Annex II`, `ANNEX 3`, `Annex`, `Annex I to the letter dated …`,
/// `Annex to the letter dated …` → the annex number.
pub fn annex_label(t: &str) -> Option<u32> {
    let t = t.trim_matches(is_space);
    // Extraction may space out a short Chinese label (附 件 一). Called on every line of
    // every letter, so the label's shape is checked before anything is allocated: after
    // the spaces are dropped it is 附件 and at most four more characters.
    if t.starts_with('附') {
        let mut chars = t.chars().filter(|c| !is_space(*c));
        if chars.next() == Some('附') && chars.next() == Some('件') {
            let rest: String = chars.take(5).collect();
            if rest.chars().count() <= 4 {
                return if rest.is_empty() {
                    Some(1)
                } else {
                    parse_chinese_numeral(&rest).or_else(|| rest.parse().ok())
                };
            }
        }
    }
    // A single annex titled by the letter it belongs to: 2021年3月2日…给秘书长的信的附件.
    if t.ends_with("的信的附件") && t.chars().count() <= 120 {
        return Some(1);
    }
    // Only a line starting with "annex" (any case) can be an English label: checked on the
    // bytes before the line is copied lower-cased.
    if !t
        .as_bytes()
        .get(..5)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"annex"))
    {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix("annex")?;
    if rest.is_empty() {
        return Some(1);
    }
    let rest = rest.strip_prefix(' ')?.trim();
    if rest.starts_with("to the letter") || rest.starts_with("to the note") {
        return Some(1);
    }
    // "Annex I to the letter dated …": the number is the first word.
    let (first, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    if !tail.is_empty() && !tail.starts_with("to the ") {
        return None;
    }
    first.parse().ok().or_else(|| parse_roman(first))
}

/// `[原件：英文和法文]`, `[原件:中文]`, `[Original: English and French]` → language codes.
pub fn language_marker(t: &str) -> Option<Vec<String>> {
    let t = t.trim_matches(is_space);
    let mut chars = t.chars();
    let open = chars.next()?;
    let close = chars.next_back()?;
    if !matches!(open, '[' | '［' | '【' | '(' | '（')
        || !matches!(close, ']' | '］' | '】' | ')' | '）')
    {
        return None;
    }
    let inner = chars.as_str().trim();
    let body = ["原件", "原文", "Original", "original"]
        .iter()
        .find_map(|k| inner.strip_prefix(k))?
        .trim_start();
    let body = body.strip_prefix(['：', ':'])?.trim();
    const NAMES: [(&str, &str); 12] = [
        ("中文", "zh"),
        ("英文", "en"),
        ("法文", "fr"),
        ("俄文", "ru"),
        ("西班牙文", "es"),
        ("阿拉伯文", "ar"),
        ("Chinese", "zh"),
        ("English", "en"),
        ("French", "fr"),
        ("Russian", "ru"),
        ("Spanish", "es"),
        ("Arabic", "ar"),
    ];
    let mut langs: Vec<(usize, &str)> = NAMES
        .iter()
        .filter_map(|(name, code)| body.find(name).map(|at| (at, *code)))
        .collect();
    langs.sort();
    if langs.is_empty() {
        return None;
    }
    Some(langs.into_iter().map(|(_, c)| c.to_string()).collect())
}

/// The covering letter's title: `Letter dated … from …`, `…的信`, else its first block.
fn cover_title(cover: &[Span], text: &str) -> Option<usize> {
    cover
        .iter()
        .take(8)
        .position(|b| {
            let t = b.slice(text);
            let letter = t.starts_with("Letter dated") || t.starts_with("Identical letters dated");
            // English titles run over several lines; Chinese ones end with 的信.
            (letter && t.chars().count() <= 400 && !t.ends_with('.'))
                || (t.ends_with("的信") && looks_like_heading(t))
        })
        .or_else(|| {
            cover
                .first()
                .filter(|b| looks_like_heading(b.slice(text)))
                .map(|_| 0)
        })
}

fn looks_like_heading(t: &str) -> bool {
    let n = t.chars().count();
    n > 0 && n <= 120 && !t.ends_with('。') && !t.ends_with('.') && language_marker(t).is_none()
}

pub fn structure(cleaned: &Cleaned) -> Document {
    let blocks = &cleaned.blocks;
    let text = &cleaned.text;
    let first_annex = blocks
        .iter()
        .position(|b| annex_label(b.slice(text)).is_some());

    let mut parts = Vec::new();
    match first_annex {
        None => {
            let title = cover_title(blocks, text);
            parts.push(Part {
                kind: PartKind::Body,
                annex: None,
                label: None,
                heading: title.map(|i| blocks[i]),
                language_marker: None,
                languages: Vec::new(),
                speaker: None,
                paragraphs: blocks
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != title)
                    .map(|(_, b)| *b)
                    .collect(),
            })
        }
        Some(first) => {
            if first > 0 {
                let cover = &blocks[..first];
                let title = cover_title(cover, text);
                parts.push(Part {
                    kind: PartKind::Cover,
                    annex: None,
                    label: None,
                    heading: title.map(|i| cover[i]),
                    language_marker: None,
                    languages: Vec::new(),
                    speaker: None,
                    // Header lines above the title are not paragraphs.
                    paragraphs: cover[title.map_or(0, |t| t + 1)..].to_vec(),
                });
            }
            let mut i = first;
            while i < blocks.len() {
                let number = annex_label(blocks[i].slice(text)).unwrap_or(1);
                let label = blocks[i];
                let end = blocks[i + 1..]
                    .iter()
                    .position(|b| annex_label(b.slice(text)).is_some())
                    .map_or(blocks.len(), |p| i + 1 + p);
                let mut body = &blocks[i + 1..end];
                // "Annex to the letter dated … from the Permanent Representative of Norway /
                // to the United Nations addressed to …": a title wrapped over two lines
                // continues in lower case; it is part of the label, not the heading.
                let mut label = label;
                let is_title = blocks[i]
                    .slice(text)
                    .to_ascii_lowercase()
                    .contains(" letter dated ");
                while is_title
                    && body.first().is_some_and(|b| {
                        b.slice(text).starts_with(|c: char| c.is_ascii_lowercase())
                    })
                {
                    label = Span::new(label.start, body[0].end);
                    body = &body[1..];
                }
                let mut k = 0;
                let heading = body
                    .first()
                    .copied()
                    .filter(|b| looks_like_heading(b.slice(text)));
                if heading.is_some() {
                    k += 1;
                }
                let mut language_marker_span = None;
                let mut languages = Vec::new();
                if let Some(b) = body.get(k) {
                    if let Some(l) = language_marker(b.slice(text)) {
                        language_marker_span = Some(*b);
                        languages = l;
                        k += 1;
                    }
                }
                parts.push(Part {
                    kind: PartKind::Annex,
                    annex: Some(number),
                    label: Some(label),
                    heading,
                    language_marker: language_marker_span,
                    languages,
                    speaker: heading.map(|h| parse_heading(h.slice(text))),
                    paragraphs: body[k..].to_vec(),
                });
                i = end;
            }
        }
    }

    let entities = find_entities(text);
    let meta = read_meta(cleaned, &parts, &entities);
    Document {
        text: cleaned.text.clone(),
        meta,
        parts,
        entities,
    }
}

fn read_meta(cleaned: &Cleaned, parts: &[Part], entities: &[Entity]) -> Meta {
    let text = &cleaned.text;
    let block_texts: Vec<&str> = cleaned.blocks.iter().map(|b| b.slice(text)).collect();
    let symbol = meta::symbol(&cleaned.furniture, &block_texts);
    let has_annexes = parts.iter().any(|p| p.kind == PartKind::Annex);
    let first = parts.first();
    let title = first.and_then(|p| p.heading).map(|h| h.slice(text));
    let cover: Vec<&str> = first
        .filter(|p| p.kind == PartKind::Cover)
        .map(|p| p.paragraphs.iter().map(|s| s.slice(text)).collect())
        .unwrap_or_default();
    let (meeting_date, topic) = cover.first().map(|p| meta::meeting(p)).unwrap_or_default();
    let references = distinct_keys(entities, EntityKind::Symbol)
        .into_iter()
        .filter(|s| Some(s) != symbol.as_ref())
        .collect();
    Meta {
        kind: meta::kind(symbol.as_deref(), has_annexes),
        job_number: meta::job_number(&cleaned.furniture),
        date: meta::letter_date(title, &block_texts),
        sender: meta::sender(&cover),
        meeting_date,
        topic,
        references,
        symbol,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_labels() {
        assert_eq!(annex_label("附件一"), Some(1));
        assert_eq!(annex_label(" 附件九"), Some(9));
        assert_eq!(annex_label("附件十二"), Some(12));
        assert_eq!(annex_label("附件"), Some(1));
        assert_eq!(annex_label("Annex IV"), Some(4));
        assert_eq!(annex_label("ANNEX 3"), Some(3));
        assert_eq!(annex_label("附件所载的发言"), None);
        assert_eq!(annex_label("附 件 三"), Some(3));
        assert_eq!(annex_label("附件 2"), Some(2));
        assert_eq!(
            annex_label("2021年3月2日中国常驻联合国代表给秘书长的信的附件"),
            Some(1)
        );
        assert_eq!(
            annex_label("Annex to the letter dated 2 March 2021 from the Permanent Representative"),
            Some(1)
        );
        assert_eq!(
            annex_label("Annex II to the letter dated 20 May 2021"),
            Some(2)
        );
        assert_eq!(annex_label("Annex II of something else"), None);
        assert_eq!(annex_label("Annexed to the letter"), None);
    }

    #[test]
    fn language_markers_with_either_colon() {
        assert_eq!(
            language_marker("[原件：英文和法文]").unwrap(),
            vec!["en", "fr"]
        );
        assert_eq!(
            language_marker("[原件:英文和西班牙文]").unwrap(),
            vec!["en", "es"]
        );
        assert_eq!(language_marker("[原件：中文]").unwrap(), vec!["zh"]);
        assert_eq!(
            language_marker("[Original: English and French]").unwrap(),
            vec!["en", "fr"]
        );
        assert_eq!(language_marker("[见S/2020/897]"), None);
        assert_eq!(language_marker("原件：中文"), None);
    }

    #[test]
    fn unstructured_text_is_one_body_part() {
        let doc = structure(&super::super::clean::clean("一段话。\n\n另一段话。"));
        assert_eq!(doc.parts.len(), 1);
        assert_eq!(doc.parts[0].kind, PartKind::Body);
        assert_eq!(doc.parts[0].paragraphs.len(), 2);
    }
}
