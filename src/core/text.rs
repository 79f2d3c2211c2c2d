//! Character classes shared by cleaning, structure and segmentation.

use serde::{Deserialize, Serialize};

/// A byte range into a document's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Han ideographs (the blocks Chinese UN documents use).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}')
}

/// Punctuation set in full width: it behaves like a Han character when joining lines,
/// i.e. no space is wanted on either side.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2014}' | '\u{2026}' | '\u{2022}' | '\u{00B7}')
}

pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Ends a sentence, so a line ending here is not a hard wrap in mid-sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '”' | '’' | '」' | '』' | '.' | '!' | '?' | ';' | ':'
    )
}

/// Display width used to recognise hard-wrapped lines: a Han character takes two columns.
pub fn display_width(s: &str) -> usize {
    // Every line of a letter is measured: ASCII and the common Han block (U+4E00…U+9FFF,
    // first bytes E4 B8… to E9) are told from their bytes, the rest decoded.
    let bytes = s.as_bytes();
    let mut width = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            width += 1;
            at += 1;
        } else if matches!(b, 0xE5..=0xE9) || (b == 0xE4 && bytes.get(at + 1) >= Some(&0xB8)) {
            width += 2;
            at += 3;
        } else {
            let Some(c) = s[at..].chars().next() else {
                break;
            };
            width += if is_cjk(c) { 2 } else { 1 };
            at += c.len_utf8();
        }
    }
    width
}

/// Whitespace as PDF extraction leaves it, including no-break and ideographic spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{3000}'
}

/// Whether a character starting with UTF-8 byte `b` can be a space ([`is_space`]): ASCII
/// controls and space, or U+0085, U+00A0, U+1680, U+2000…U+205F and U+3000 (first bytes C2,
/// E1, E2 and E3). Lets a scan for spaces pass over Han characters (E3…E9) mostly without
/// decoding them.
pub fn may_start_space(b: u8) -> bool {
    b <= b' ' || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// FxHash (rustc's hasher), for maps looked up once per word of a document with keys the
/// program chose: SipHash's resistance to chosen keys is not needed there and costs most of
/// each lookup.
pub type FxBuildHasher = rustc_hash::FxBuildHasher;

/// Text with full-width ASCII forms (`Ｓ／２０２０`, `（`, `：`) and wide or no-break spaces
/// folded to their ASCII counterparts, for matching only: the displayed text keeps its form.
/// A span found in the folded text maps back exactly to the same characters in the original.
pub struct Folded {
    pub text: String,
    /// Where the offset between the two texts changes: (byte in the folded text, byte in
    /// the original) at each folded character and just after it, in order. Between two
    /// anchors the texts agree byte for byte, so no per-byte map is needed (one was eight
    /// bytes per byte of text); with nothing folded this is empty.
    anchors: Vec<(usize, usize)>,
    original_len: usize,
}

/// What width folding makes of a character, where it changes it: full-width ASCII forms
/// (U+FF01…U+FF5E) become ASCII, the ideographic and no-break spaces a space.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' | '\u{00A0}' => Some(' '),
        _ => None,
    }
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut anchors = Vec::new();
        // Original bytes up to here are in `text` already.
        let mut copied = 0;
        let bytes = original.as_bytes();
        // Only characters U+00A0 (C2 A0), U+3000 (E3 80 80) and U+FF01…U+FF5E (EF BC 81 …
        // EF BD 9E) fold, so only their lead bytes need a closer look (a lead byte is never
        // a continuation byte, so a hit is always a character's start).
        for (at, b) in bytes.iter().enumerate() {
            if !matches!(b, 0xC2 | 0xE3 | 0xEF) {
                continue;
            }
            let Some(c) = original[at..].chars().next() else {
                continue;
            };
            let Some(folded) = fold_char(c) else {
                continue;
            };
            text.push_str(&original[copied..at]);
            anchors.push((text.len(), at));
            text.push(folded);
            copied = at + c.len_utf8();
            anchors.push((text.len(), copied));
        }
        text.push_str(&original[copied..]);
        Folded {
            text,
            anchors,
            original_len: original.len(),
        }
    }

    /// A span of the folded text → the same characters in the original.
    pub fn original(&self, span: Span) -> Span {
        Span::new(self.original_at(span.start), self.original_at(span.end))
    }

    /// Byte `i` of the folded text → the start, in the original, of the character it is
    /// part of (the end of the original at or past the end).
    fn original_at(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original_len;
        }
        let i = self.text.floor_char_boundary(i);
        match self.anchors.partition_point(|(f, _)| *f <= i) {
            0 => i,
            n => {
                let (f, o) = self.anchors[n - 1];
                o + (i - f)
            }
        }
    }
}

/// Chinese numerals as used in annex labels (附件一 … 附件二十九).
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [d] if *d == '十' => Some(10),
        [d] => digit(*d).map(|n| n as u32).filter(|n| *n > 0),
        ['十', u] => digit(*u).map(|n| 10 + n as u32),
        [t, '十'] => digit(*t).map(|n| 10 * n as u32),
        [t, '十', u] => Some(10 * digit(*t)? as u32 + digit(*u)? as u32),
        _ => None,
    }
}

pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        20..=99 => {
            let tens = DIGITS[(n / 10) as usize];
            match n % 10 {
                0 => format!("{tens}十"),
                u => format!("{tens}十{}", DIGITS[u as usize]),
            }
        }
        _ => n.to_string(),
    }
}

/// Roman numerals as used in English annex labels (Annex I … Annex XX).
pub fn parse_roman(s: &str) -> Option<u32> {
    let value = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let vals: Option<Vec<u32>> = s.chars().map(value).collect();
    let vals = vals?;
    if vals.is_empty() {
        return None;
    }
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        match vals.get(i + 1) {
            Some(next) if next > v => total -= *v as i64,
            _ => total += *v as i64,
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_round_trip() {
        for n in 1..=29 {
            assert_eq!(parse_chinese_numeral(&chinese_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(chinese_numeral(9), "九");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(parse_chinese_numeral("零"), None);
        assert_eq!(parse_chinese_numeral("一二三"), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(parse_roman("I"), Some(1));
        assert_eq!(parse_roman("IV"), Some(4));
        assert_eq!(parse_roman("ix"), Some(9));
        assert_eq!(parse_roman("XIV"), Some(14));
        assert_eq!(parse_roman("ABC"), None);
        assert_eq!(parse_roman(""), None);
    }

    #[test]
    fn folding_keeps_spans_of_the_original() {
        let original = "见Ｓ／２０２０／３７２和第２４３６（２０１８）号决议";
        let f = Folded::new(original);
        assert_eq!(f.text, "见S/2020/372和第2436(2018)号决议");
        let at = f.text.find("S/2020/372").unwrap();
        let back = f.original(Span::new(at, at + "S/2020/372".len()));
        assert_eq!(back.slice(original), "Ｓ／２０２０／３７２");
    }

    #[test]
    fn folded_offsets_match_a_byte_by_byte_map() {
        for original in [
            "",
            "abc",
            "见Ｓ／２０２０\u{3000}和\u{00A0}x（２）",
            "ＡＢ",
            "中文\u{3000}",
        ] {
            let f = Folded::new(original);
            // The map the anchors replace: each folded byte → its character's start.
            let mut map = Vec::new();
            for (at, c) in original.char_indices() {
                let folded = match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                    '\u{3000}' | '\u{00A0}' => ' ',
                    _ => c,
                };
                map.extend(std::iter::repeat_n(at, folded.len_utf8()));
            }
            map.push(original.len());
            for i in 0..=f.text.len() + 2 {
                let want = map.get(i).copied().unwrap_or(original.len());
                assert_eq!(f.original_at(i), want, "{original:?} byte {i}");
            }
        }
    }

    #[test]
    fn every_space_starts_with_a_byte_that_may_start_one() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_space(*c))
        {
            let mut buf = [0; 4];
            assert!(
                may_start_space(c.encode_utf8(&mut buf).as_bytes()[0]),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn widths_count_han_double() {
        assert_eq!(display_width("安理会"), 6);
        assert_eq!(display_width("S/2020/911"), 10);
        let by_char = |s: &str| -> usize { s.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum() };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}中{c}");
            assert_eq!(display_width(&s), by_char(&s), "U+{:04X}", c as u32);
        }
    }
}
