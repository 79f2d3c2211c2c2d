//! jieba-rs with the UN user dictionary and stop words from `data/`.

use std::collections::HashSet;

use jieba_rs::Jieba;

use super::text::{is_space, FxBuildHasher, Span};

const USER_DICT: &str = include_str!("../../data/userdict.tsv");
/// jieba's dictionary (word and frequency per line) without its rarest words: the worker's
/// download is mostly this list (issue #6; `scripts/trim-dict` makes it).
const JIEBA_DICT: &str = include_str!("../../data/jieba-dict.txt");
const STOP_WORDS: &str = include_str!("../../data/stopwords.txt");

/// A dictionary line: term, optional frequency, optional comment (tab-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry<'a> {
    pub term: &'a str,
    pub freq: Option<usize>,
}

/// Parses the user dictionary; a malformed line is reported with its 1-based number.
pub fn parse_user_dict(src: &str) -> Result<Vec<DictEntry<'_>>, String> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let term = cols.next().unwrap_or("").trim();
        if term.is_empty() || term.contains(' ') {
            return Err(format!(
                "line {}: a term must be non-empty and have no spaces",
                n + 1
            ));
        }
        let freq =
            match cols.next().map(str::trim) {
                None | Some("") => None,
                Some(f) => Some(f.parse().map_err(|_| {
                    format!("line {}: frequency {f:?} is not a whole number", n + 1)
                })?),
            };
        out.push(DictEntry { term, freq });
    }
    Ok(out)
}

/// The words of each block of a document, computed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTokens {
    /// Each line's start with its words, in text order (so by start: a binary search finds
    /// a line, where a hash map hashed every lookup).
    blocks: Vec<(usize, Vec<Span>)>,
}

impl DocTokens {
    /// The words of the block starting at `span.start` (paragraphs and headings are blocks).
    pub fn of(&self, span: Span) -> &[Span] {
        self.blocks
            .binary_search_by_key(&span.start, |(start, _)| *start)
            .map_or(&[], |i| self.blocks[i].1.as_slice())
    }

    pub fn all(&self) -> impl Iterator<Item = &Span> {
        self.blocks.iter().flat_map(|(_, words)| words)
    }

    /// Whether a word starts or ends at byte `at` of the text.
    pub fn is_boundary(&self, at: usize) -> bool {
        // The line holding `at` (its end included: a word can end there); words of other
        // lines lie wholly before or after it.
        let line = self.blocks.partition_point(|(start, _)| *start <= at);
        let Some((_, words)) = line.checked_sub(1).map(|l| &self.blocks[l]) else {
            return false;
        };
        // A line's words are in text order and do not overlap, so starts and ends both
        // increase: the first word ending at or after `at` is the only one that can start
        // or end there.
        let i = words.partition_point(|w| w.end < at);
        words.get(i).is_some_and(|w| w.start == at || w.end == at)
    }
}

pub struct Segmenter {
    jieba: Jieba,
    /// FxHash: every word of a document is looked up.
    stop: HashSet<&'static str, FxBuildHasher>,
}

impl Segmenter {
    /// Builds the segmenter on the project's word list (`data/jieba-dict.txt`, jieba's own
    /// dictionary without its rarest words; see `scripts/trim-dict`) with the UN terms on
    /// top. Tens of milliseconds: build it once, off the main thread.
    pub fn new() -> Self {
        // The embedded word list is checked by a test, so an error here is a build defect;
        // an empty dictionary still segments (by HMM) rather than failing.
        let jieba = Jieba::with_dict(&mut JIEBA_DICT.as_bytes()).unwrap_or_else(|_| Jieba::empty());
        Self::with_jieba(jieba)
    }

    /// The UN terms and stop words on top of any jieba dictionary (the benchmarks compare
    /// word lists this way).
    pub fn with_jieba(mut jieba: Jieba) -> Self {
        // The embedded dictionary is checked by a test, so an error here is a build defect.
        let entries = parse_user_dict(USER_DICT).unwrap_or_default();
        for e in entries {
            // Without a frequency, ask jieba for the least that keeps the term whole
            // against the words it would otherwise split it into.
            let freq = e.freq.unwrap_or_else(|| jieba.suggest_freq(e.term));
            jieba.add_word(e.term, Some(freq), None);
        }
        let stop = STOP_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        Segmenter { jieba, stop }
    }

    /// Tokens of `text[span]`, as spans into `text`, whitespace dropped.
    pub fn tokens(&self, text: &str, span: Span) -> Vec<Span> {
        let piece = span.slice(text);
        self.jieba
            .cut(piece, true)
            .into_iter()
            .filter(|t| !t.word.chars().all(is_space))
            .map(|t| Span::new(span.start + t.byte_start, span.start + t.byte_end))
            .collect()
    }

    /// Words of `text[span]`: jieba-rs where the text has Han characters, else Unicode word
    /// boundaries (English and other space-separated text); whitespace dropped.
    pub fn words(&self, text: &str, span: Span) -> Vec<Span> {
        let piece = span.slice(text);
        // An English line is all ASCII, which `is_ascii` tells without decoding characters.
        if piece.is_ascii() {
            ascii_word_bounds(piece)
                .filter(|(_, w)| !w.trim().is_empty())
                .map(|(at, w)| Span::new(span.start + at, span.start + at + w.len()))
                .collect()
        } else if piece.chars().any(super::text::is_han) {
            self.tokens(text, span)
        } else {
            unicode_segmentation::UnicodeSegmentation::split_word_bound_indices(piece)
                .filter(|(_, w)| !w.trim().is_empty())
                .map(|(at, w)| Span::new(span.start + at, span.start + at + w.len()))
                .collect()
        }
    }

    /// Every block (line) of a document's text segmented once, for all later stages.
    pub fn segment_document(&self, text: &str) -> DocTokens {
        let mut blocks = Vec::new();
        let mut at = 0;
        for line in text.split('\n') {
            let span = Span::new(at, at + line.len());
            blocks.push((at, self.words(text, span)));
            at += line.len() + 1;
        }
        DocTokens { blocks }
    }

    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// A word counts as content when it has letters, is not a stop word and has at least
    /// two characters (single Han characters are mostly function words or fragments of
    /// names the dictionary does not know; single Latin letters are fragments of symbols
    /// such as the S of S/2020/372).
    pub fn is_content(&self, word: &str) -> bool {
        is_word(word) && self.is_content_word(word)
    }

    /// [`Segmenter::is_content`] of a token already known to be a word.
    pub fn is_content_word(&self, word: &str) -> bool {
        // The set lookup last: single characters (many) need none.
        word.chars().nth(1).is_some() && !self.is_stop_word(word)
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

/// The word-boundary classes (Unicode Standard Annex #29) of ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Letter,
    Numeric,
    /// `:`
    MidLetter,
    /// `,` `;`
    MidNum,
    /// `.` and `'` (MidNumLet and Single_Quote, which the rules below treat alike)
    MidNumLet,
    /// `_`
    ExtendNumLet,
    Space,
    Cr,
    Lf,
    /// Vertical tab and form feed
    Newline,
    Other,
}

fn word_class(b: u8) -> WordClass {
    use WordClass::*;
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Letter,
        b'0'..=b'9' => Numeric,
        b':' => MidLetter,
        b',' | b';' => MidNum,
        b'.' | b'\'' => MidNumLet,
        b'_' => ExtendNumLet,
        b' ' => Space,
        b'\r' => Cr,
        b'\n' => Lf,
        0x0B | 0x0C => Newline,
        _ => Other,
    }
}

/// `split_word_bound_indices` of unicode-segmentation, for ASCII text: its words and the
/// pieces between them, with their byte offsets. The rules of UAX #29 that ASCII can meet
/// (WB3–WB3d, WB5–WB13b), applied to bytes. The general segmentation looks up each
/// character's class in Unicode's tables, which made an English letter cost a third more
/// per byte than a Chinese one (a test compares the two on random text).
fn ascii_word_bounds(piece: &str) -> impl Iterator<Item = (usize, &str)> {
    use WordClass::*;
    let b = piece.as_bytes();
    let class = |i: usize| b.get(i).map_or(Other, |&c| word_class(c));
    // Whether the text breaks between bytes i - 1 and i (0 < i < len).
    let breaks = move |i: usize| {
        let (prev, cur) = (class(i - 1), class(i));
        match (prev, cur) {
            (Cr, Lf) => false,
            (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => true,
            (Space, Space) => false,
            (Letter | Numeric, Letter | Numeric) => false,
            (Letter, MidLetter | MidNumLet) => class(i + 1) != Letter,
            (MidLetter | MidNumLet, Letter) => i < 2 || class(i - 2) != Letter,
            (Numeric, MidNum | MidNumLet) => class(i + 1) != Numeric,
            (MidNum | MidNumLet, Numeric) => i < 2 || class(i - 2) != Numeric,
            (Letter | Numeric | ExtendNumLet, ExtendNumLet) => false,
            (ExtendNumLet, Letter | Numeric) => false,
            _ => true,
        }
    };
    let mut start = 0;
    std::iter::from_fn(move || {
        if start == b.len() {
            return None;
        }
        // Letters and digits run on (WB5, WB8–WB10): most of a word, passed without the rules.
        let mut end = start + 1;
        if b[start].is_ascii_alphanumeric() {
            end += b[end..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        }
        let end = (end..b.len()).find(|&i| breaks(i)).unwrap_or(b.len());
        let word = (start, &piece[start..end]);
        start = end;
        Some(word)
    })
}

/// A token that is a word, not punctuation or a number.
pub fn is_word(token: &str) -> bool {
    token.chars().any(is_letter)
}

/// `char::is_alphabetic`, answering first for ASCII, the common Han blocks (every character
/// of which is a letter) and common punctuation (none of which is; a test checks every
/// character), which would otherwise go to its table search.
fn is_letter(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => true,
        // ASCII, and the general, CJK and full-width punctuation that most tokens that
        // are not words are made of.
        '\u{0}'..='\u{7F}' => c.is_ascii_alphabetic(),
        '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{FF00}'..='\u{FF20}' => false,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionary_parses() {
        let entries = parse_user_dict(USER_DICT).unwrap();
        assert!(entries.iter().any(|e| e.term == "马里稳定团"));
        assert!(entries.len() > 40);
    }

    #[test]
    fn malformed_dictionary_line_is_named() {
        assert_eq!(
            parse_user_dict("# c\n南苏丹\t12\n以行动促维和\tmany\n").unwrap_err(),
            "line 3: frequency \"many\" is not a whole number"
        );
    }

    #[test]
    fn han_fast_path_agrees_with_is_alphabetic() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_classes() {
        assert!(is_word("维和"));
        assert!(is_word("COVID"));
        assert!(!is_word("2020"));
        assert!(!is_word("。"));
        assert!(!is_word("(2018)"));
    }

    #[test]
    fn ascii_word_bounds_are_unicode_segmentations() {
        use unicode_segmentation::UnicodeSegmentation;
        // Random strings of the characters the rules treat differently and of others, and
        // the English fixtures.
        let alphabet = b"aZq09:.,;'_ \t\r\n\x0B\x0C-()\"/%$&x1 ";
        let mut next = crate::core::xorshift(0x2545_F491_4F6C_DD1D);
        let random = (0..50_000).map(|_| {
            let n = (next() % 16) as usize;
            (0..n)
                .map(|_| char::from(alphabet[(next() % alphabet.len() as u64) as usize]))
                .collect::<String>()
        });
        let fixtures = [
            include_str!("../../tests/fixtures/english-letter.txt"),
            include_str!("../../tests/fixtures/resolution.en.txt"),
            include_str!("../../tests/fixtures/layout.en.txt"),
        ];
        let every_byte: String = (0u8..128).map(char::from).collect();
        // The fixtures' lines that are ASCII (as `words` hands over only ASCII).
        let lines = fixtures
            .iter()
            .flat_map(|f| f.lines())
            .filter(|l| l.is_ascii())
            .map(String::from);
        for text in random.chain(lines).chain([every_byte]) {
            let want: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            let got: Vec<(usize, &str)> = ascii_word_bounds(&text).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
