//! The pipeline the worker runs: text → cleaned → structured → segmented → counted.

use serde::{Deserialize, Serialize};

use super::clean::clean;
use super::segment::{is_word, Segmenter};
use super::stats::{top_terms, TermCount};
use super::structure::{structure, Document};

/// How many frequent content words are shown per part.
pub const TOP_WORDS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSummary {
    /// Words in the part's paragraphs (punctuation, numbers and spaces not counted).
    pub word_count: usize,
    pub top_words: Vec<TermCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    /// One entry per part of the structured document, in the same order.
    pub parts: Vec<PartSummary>,
    pub word_count: usize,
}

/// Text as it arrives (already decoded) → its structure, with no segmentation: cheap
/// enough to run on the main thread for the first paint.
pub fn read_structure(raw: &str) -> Document {
    structure(&clean(raw))
}

pub fn summarise(doc: &Document, seg: &Segmenter) -> DocSummary {
    let parts: Vec<PartSummary> = doc
        .parts
        .iter()
        .map(|part| {
            let words: Vec<&str> = part
                .paragraphs
                .iter()
                .flat_map(|p| seg.tokens(&doc.text, *p))
                .map(|t| doc.slice(t))
                .filter(|w| is_word(w))
                .collect();
            PartSummary {
                word_count: words.len(),
                top_words: top_terms(
                    words.iter().copied().filter(|w| seg.is_content(w)),
                    TOP_WORDS,
                ),
            }
        })
        .collect();
    let word_count = parts.iter().map(|p| p.word_count).sum();
    DocSummary { parts, word_count }
}
