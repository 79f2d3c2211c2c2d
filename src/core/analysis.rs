//! The pipeline the worker runs: text → cleaned → structured → segmented → counted.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::clean::clean;
use super::ingest::{decode, Decoded, Format, IngestError};
use super::segment::{is_word, DocTokens, Segmenter};
use super::stats::{ranked, TermCount, TermCounts};
use super::structure::{structure, Document};
use super::themes::{DocThemes, Lexicon, Tagger};

/// How many frequent content words are shown per part.
pub const TOP_WORDS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSummary {
    /// Words in the part's paragraphs (punctuation, numbers and spaces not counted).
    pub word_count: usize,
    /// Every content word with its count, most frequent first (ties in the term's order).
    pub terms: Vec<TermCount>,
}

impl PartSummary {
    /// The [`TOP_WORDS`] most frequent content words.
    pub fn top_words(&self) -> &[TermCount] {
        &self.terms[..TOP_WORDS.min(self.terms.len())]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    /// One entry per part of the structured document, in the same order.
    pub parts: Vec<PartSummary>,
    pub word_count: usize,
}

impl DocSummary {
    /// Each part's term counts: the statements that key terms and keyness weigh.
    pub fn part_terms(&self) -> impl Iterator<Item = &[TermCount]> + Clone {
        self.parts.iter().map(|p| p.terms.as_slice())
    }
}

/// Where a document came from and how it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub format: Format,
    pub encoding: String,
    pub bytes: usize,
}

/// One file through the whole pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysed {
    pub source: Source,
    pub doc: Document,
    pub summary: DocSummary,
    pub themes: DocThemes,
}

/// What analysis needs built once: the segmenter (its dictionary takes a few hundred
/// milliseconds) and the theme lexicon compiled against it.
pub struct Analyzer {
    pub seg: Segmenter,
    pub tagger: Tagger,
}

impl Analyzer {
    pub fn new(lexicon: Lexicon) -> Analyzer {
        let seg = Segmenter::new();
        let tagger = Tagger::new(lexicon, &seg);
        Analyzer { seg, tagger }
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(Lexicon::default_lexicon())
    }
}

/// Bytes and a file name → decoded, cleaned, structured, segmented, counted and tagged.
pub fn analyse(name: &str, bytes: &[u8], an: &Analyzer) -> Result<Analysed, IngestError> {
    Ok(analyse_decoded(name, bytes.len(), decode(name, bytes)?, an))
}

/// The stages after decoding, for a file of `size` bytes decoded elsewhere (a PDF read by
/// the browser's separate PDF reader).
pub fn analyse_decoded(name: &str, size: usize, decoded: Decoded, an: &Analyzer) -> Analysed {
    let mut doc = read_structure(&decoded.text);
    // Segmented once; counting, tagging and the name check all use these words.
    let tokens = an.seg.segment_document(&doc.text);
    drop_split_names(&mut doc, &tokens);
    let summary = summarise_segmented(&doc, &an.seg, &tokens);
    let themes = an.tagger.tag_segmented(&doc, &tokens);
    Analysed {
        themes,
        source: Source {
            name: name.to_string(),
            format: decoded.format,
            encoding: decoded.encoding,
            bytes: size,
        },
        doc,
        summary,
    }
}

/// A Chinese state or body name found inside other words (中国 in 进程中国际) is not a
/// mention: keep a gazetteer match only where the segmenter has a word boundary at both of
/// its ends. Latin names are matched on word boundaries already.
pub fn drop_split_names(doc: &mut Document, tokens: &DocTokens) {
    use super::entities::EntityKind;
    let text = &doc.text;
    // Each name is checked against the words of its own line (a set of every boundary in
    // the document cost more than all the names together).
    doc.entities.retain(|e| {
        let named = matches!(e.kind, EntityKind::State | EntityKind::Body);
        !(named && e.span.slice(text).chars().any(super::text::is_han))
            || (tokens.is_boundary(e.span.start) && tokens.is_boundary(e.span.end))
    });
}

/// Text as it arrives (already decoded) → its structure, with no segmentation: cheap
/// enough to run on the main thread for the first paint.
pub fn read_structure(raw: &str) -> Document {
    structure(&clean(raw))
}

pub fn summarise(doc: &Document, seg: &Segmenter) -> DocSummary {
    summarise_segmented(doc, seg, &seg.segment_document(&doc.text))
}

/// Counts of a document whose words are already known.
pub fn summarise_segmented(doc: &Document, seg: &Segmenter, tokens: &DocTokens) -> DocSummary {
    let parts: Vec<PartSummary> = doc
        .parts
        .iter()
        .map(|part| {
            let mut word_count = 0;
            // Sized for the part's words, so it is not grown (and rehashed) step by step.
            let words: usize = part.paragraphs.iter().map(|p| tokens.of(*p).len()).sum();
            let mut counts = TermCounts::with_capacity_and_hasher(words / 2, Default::default());
            for w in part
                .paragraphs
                .iter()
                .flat_map(|p| tokens.of(*p))
                .map(|t| doc.slice(*t))
                .filter(|w| is_word(w))
            {
                word_count += 1;
                // Words of one character are not content (`Segmenter::is_content_word`);
                // stop words are, by the same test, taken out once per term below rather
                // than looked up at every occurrence.
                if w.chars().nth(1).is_none() {
                    continue;
                }
                // Latin words are counted lower-cased (Council at the start of a sentence
                // and council are one term); Chinese is unaffected.
                if w.bytes().any(|b| b.is_ascii_uppercase()) {
                    let lower = w.to_lowercase();
                    match counts.get_mut(lower.as_str()) {
                        Some(n) => *n += 1,
                        None => {
                            counts.insert(Cow::Owned(lower), 1);
                        }
                    }
                } else {
                    *counts.entry(Cow::Borrowed(w)).or_default() += 1;
                }
            }
            counts.retain(|term, _| seg.is_content_word(term));
            PartSummary {
                word_count,
                terms: ranked(counts, usize::MAX),
            }
        })
        .collect();
    let word_count = parts.iter().map(|p| p.word_count).sum();
    DocSummary { parts, word_count }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_counted_lower_cased_without_function_words() {
        let bytes = include_bytes!("../../tests/fixtures/english-letter.txt");
        let a = analyse("english-letter.txt", bytes, &Analyzer::default()).unwrap();
        let terms = merge_all(&a);
        for stop in ["the", "The", "and", "of", "to", "in", "should"] {
            assert!(!terms.iter().any(|t| t.term == stop), "{stop}");
        }
        assert!(terms.iter().all(|t| t.term == t.term.to_lowercase()));
        // "Women" opening a sentence and "women" inside one are one term.
        let in_paragraphs: usize = a
            .doc
            .parts
            .iter()
            .flat_map(|p| &p.paragraphs)
            .map(|s| {
                let t = a.doc.slice(*s);
                t.matches("women").count() + t.matches("Women").count()
            })
            .sum();
        let counted = terms
            .iter()
            .find(|t| t.term == "women")
            .map_or(0, |t| t.count);
        assert!(in_paragraphs >= 2);
        assert_eq!(counted, in_paragraphs);
    }

    fn merge_all(a: &Analysed) -> Vec<TermCount> {
        crate::core::stats::merge_counts(a.summary.part_terms())
    }
}
