//! Concordance (key word in context): every occurrence of a term in a document's
//! paragraphs, with the text to its left and right.
//!
//! Matching is on the width-folded, ASCII-lower-cased text, so `ＭＩＮＵＳＭＡ`, `Minusma` and
//! `MINUSMA` are one term. A term in Chinese matches anywhere (Chinese has no spaces to
//! anchor on); a term that begins or ends with a Latin letter or digit must not continue a
//! longer word there (`UN` does not match inside `UNMISS`).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::structure::Document;
use super::text::{Folded, Span};

/// Characters of context on each side, by default.
pub const WINDOW: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicHit {
    /// Index of the part (statement) and of the paragraph within it.
    pub part: usize,
    pub paragraph: usize,
    /// The occurrence in the document's text.
    pub span: Span,
    /// Up to `window` characters before the hit, within its paragraph.
    pub left: String,
    /// The hit as printed.
    pub hit: String,
    pub right: String,
}

impl KwicHit {
    /// Order by the left context read from the hit outwards (the word just before the hit
    /// first), as concordancers sort "by left".
    pub fn cmp_left(&self, other: &KwicHit) -> Ordering {
        self.left.chars().rev().cmp(other.left.chars().rev())
    }

    pub fn cmp_right(&self, other: &KwicHit) -> Ordering {
        self.right.cmp(&other.right)
    }
}

fn fold(s: &str) -> Folded {
    let mut f = Folded::new(s);
    // Lower-casing ASCII keeps every byte where it was, so the span map stays true.
    f.text.make_ascii_lowercase();
    f
}

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() && !super::text::is_han(c))
}

/// Every occurrence of `term` in the paragraphs of `doc`, in document order, with `window`
/// characters of context each side. A blank term finds nothing.
pub fn kwic(doc: &Document, term: &str, window: usize) -> Vec<KwicHit> {
    let needle = fold(term.trim()).text;
    if needle.is_empty() {
        return Vec::new();
    }
    let latin_start = word_char(needle.chars().next());
    let latin_end = word_char(needle.chars().next_back());
    let folded = fold(&doc.text);
    let hay = folded.text.as_str();
    // Paragraphs in text order, with their part and index, to place each hit.
    let mut paras: Vec<(Span, usize, usize)> = doc
        .parts
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| {
            p.paragraphs
                .iter()
                .enumerate()
                .map(move |(i, s)| (*s, pi, i))
        })
        .collect();
    paras.sort_by_key(|(s, _, _)| s.start);
    let mut out = Vec::new();
    for (at, m) in hay.match_indices(needle.as_str()) {
        let end = at + m.len();
        if latin_start && word_char(hay[..at].chars().next_back()) {
            continue;
        }
        if latin_end && word_char(hay[end..].chars().next()) {
            continue;
        }
        let span = folded.original(Span::new(at, end));
        let i = paras.partition_point(|(s, _, _)| s.start <= span.start);
        let Some((para, part, paragraph)) = i.checked_sub(1).map(|i| paras[i]) else {
            continue;
        };
        if span.end > para.end {
            continue;
        }
        let text = &doc.text;
        let before = &text[para.start..span.start];
        let after = &text[span.end..para.end];
        let skip = before.chars().count().saturating_sub(window);
        out.push(KwicHit {
            part,
            paragraph,
            span,
            left: before.chars().skip(skip).collect(),
            hit: text[span.start..span.end].to_string(),
            right: after.chars().take(window).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::analysis::read_structure;

    #[test]
    fn windows_stop_at_the_paragraph_and_count_characters() {
        let doc = read_structure(
            "附件一\n中国代表的发言\n维和行动是联合国的旗舰行动。我们支持维和。\n\
             附件二\nStatement by the Permanent Representative of Estonia\nThe UN and UNMISS: \
             Ｕｎ peacekeeping.\n",
        );
        let hits = kwic(&doc, "维和", 5);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].left, "");
        assert_eq!(hits[0].right, "行动是联合");
        assert_eq!(hits[1].left, "。我们支持");
        assert_eq!(hits[1].left.chars().count(), 5);
        assert_eq!(hits[1].right, "。");
        assert_eq!(doc.slice(hits[1].span), "维和");
        assert_eq!((hits[0].part, hits[0].paragraph), (hits[1].part, 0));

        // Latin: whole words only, case and width folded.
        let un = kwic(&doc, "un", 4);
        let printed: Vec<&str> = un.iter().map(|h| h.hit.as_str()).collect();
        assert_eq!(printed, ["UN", "Ｕｎ"]);
        assert_eq!(un[0].left, "The ");
        assert_eq!(un[1].right, " pea");
        assert!(kwic(&doc, "  ", 4).is_empty());
    }

    #[test]
    fn sorting_by_left_reads_outwards_from_the_hit() {
        let hit = |left: &str| KwicHit {
            part: 0,
            paragraph: 0,
            span: Span::new(0, 0),
            left: left.into(),
            hit: String::new(),
            right: String::new(),
        };
        let mut hits = [hit("xb"), hit("ya"), hit("za")];
        hits.sort_by(KwicHit::cmp_left);
        let lefts: Vec<&str> = hits.iter().map(|h| h.left.as_str()).collect();
        assert_eq!(lefts, ["ya", "za", "xb"]);
    }
}
