//! Entities with byte spans: Security Council resolutions cited, document symbols, UN
//! missions and bodies, member states.

use serde::{Deserialize, Serialize};

use super::gazetteer::{bodies, body_matcher, state_matcher, states};
use super::text::{is_space, Folded, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Resolution,
    Symbol,
    Body,
    State,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub span: Span,
    /// Resolution number (`2436`), symbol (`S/2020/372`), body code (`MINUSMA`) or ISO
    /// alpha-3 code (`CHN`).
    pub key: String,
    /// Year of adoption, where a resolution is cited with it.
    pub year: Option<u16>,
}

/// Every entity in `text`, in order. Matching runs on the width-folded text, so
/// `第２４３６（２０１８）号决议` and `Ｓ／２０２０／３７２` are found too; spans point into `text`.
pub fn find_entities(text: &str) -> Vec<Entity> {
    let folded = Folded::new(text);
    let t = folded.text.as_str();
    let mut out = resolutions(t);
    out.extend(symbols(t));
    out.extend(body_matcher().find(t).into_iter().map(|h| Entity {
        kind: EntityKind::Body,
        span: Span::new(h.start, h.end),
        key: bodies()[h.entry].code.clone(),
        year: None,
    }));
    out.extend(state_matcher().find(t).into_iter().map(|h| Entity {
        kind: EntityKind::State,
        span: Span::new(h.start, h.end),
        key: states()[h.entry].iso3.clone(),
        year: None,
    }));
    for e in &mut out {
        e.span = folded.original(e.span);
    }
    out.sort_by_key(|e| (e.span.start, e.kind));
    out
}

/// Reads `digits` at the start of `s`, returning the number and the bytes consumed.
fn number(s: &str, min: usize, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

fn skip_spaces(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !is_space(*c))
        .map_or(s.len(), |(i, _)| i)
}

/// `(2018)`, `（2018）`, `( 2018 )` → 2018 and the bytes consumed.
fn bracketed_year(s: &str) -> Option<(u16, usize)> {
    let open = s.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let mut i = open.len_utf8();
    i += skip_spaces(&s[i..]);
    let (year, n) = number(&s[i..], 4, 4)?;
    i += n;
    i += skip_spaces(&s[i..]);
    let close = s[i..].chars().next().filter(|c| matches!(c, ')' | '）'))?;
    Some((year as u16, i + close.len_utf8()))
}

/// Chinese `第2436（2018）号决议`, `第2518号决议`, `第2378(2017)号和第2436(2018)号决议`, and
/// English `resolution 2436 (2018)`, `resolutions 2378 (2017) and 2436 (2018)`.
pub fn resolutions(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('第') {
        let mut i = at + '第'.len_utf8();
        i += skip_spaces(&text[i..]);
        let Some((num, n)) = number(&text[i..], 1, 5) else {
            continue;
        };
        i += n;
        let after_num = i;
        i += skip_spaces(&text[i..]);
        let year = bracketed_year(&text[i..]).map(|(y, n)| {
            i += n;
            y
        });
        if year.is_none() {
            i = after_num;
        }
        i += skip_spaces(&text[i..]);
        if !text[i..].starts_with('号') {
            continue;
        }
        let end = i + '号'.len_utf8();
        if !leads_to_resolution(&text[end..]) {
            continue;
        }
        out.push(Entity {
            kind: EntityKind::Resolution,
            span: Span::new(
                at,
                end + if text[end..].starts_with("决议") {
                    "决议".len()
                } else {
                    0
                },
            ),
            key: num.to_string(),
            year,
        });
    }
    out.extend(english_resolutions(text));
    out
}

/// After `第N号`: `决议` directly, or after a list of further `第N(Y)号` items.
fn leads_to_resolution(rest: &str) -> bool {
    for (i, c) in rest.char_indices().take(80) {
        if rest[i..].starts_with("决议") {
            return true;
        }
        let listy = c.is_ascii_digit() || is_space(c) || "()（）第号和、及以与".contains(c);
        if !listy {
            return false;
        }
    }
    false
}

fn english_resolutions(text: &str) -> Vec<Entity> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices("resolution") {
        if at > 0 && lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut i = at + "resolution".len();
        if lower[i..].starts_with('s') {
            i += 1;
        }
        loop {
            i += skip_spaces(&text[i..]);
            let Some((num, n)) = number(&text[i..], 3, 5) else {
                break;
            };
            let start = i;
            i += n;
            let mut end = i;
            let ws = skip_spaces(&text[i..]);
            let year = bracketed_year(&text[i + ws..]).map(|(y, n)| {
                end = i + ws + n;
                y
            });
            i = end;
            out.push(Entity {
                kind: EntityKind::Resolution,
                span: Span::new(start, end),
                key: num.to_string(),
                year,
            });
            // A list goes on after ", " or " and ".
            let rest = &lower[i..];
            let step = [", and ", " and ", ", "]
                .iter()
                .find(|sep| rest.starts_with(**sep))
                .map(|s| s.len());
            match step {
                Some(n) => i += n,
                None => break,
            }
        }
    }
    out
}

const ORGANS: [&str; 4] = ["S", "A", "E", "ST"];

/// What an organ (`text[i..slash]`, a known one, starting a word) followed by a slash
/// starts.
enum SymbolAt {
    Found(Entity),
    /// A run of segments with no digit, ending at `end`: every symbol starting inside it
    /// would have a subset of its segments, so none can have a digit either. Skipping the
    /// run keeps `S/x.S/x.S/x.…` linear (it was rescanned from every S).
    Digitless {
        end: usize,
    },
    Nothing,
}

fn symbol_at(text: &str, i: usize, slash: usize) -> SymbolAt {
    let bytes = text.as_bytes();
    let mut j = slash;
    let mut segments = 0;
    let mut has_digit = false;
    while j < bytes.len() && bytes[j] == b'/' {
        let seg = bytes[j + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'.')
            .count();
        let seg_text = text[j + 1..j + 1 + seg].trim_end_matches('.');
        if seg_text.is_empty() {
            break;
        }
        has_digit |= seg_text.bytes().any(|b| b.is_ascii_digit());
        segments += 1;
        j += 1 + seg_text.len();
    }
    if segments == 0 {
        return SymbolAt::Nothing;
    }
    if !has_digit {
        return SymbolAt::Digitless { end: j };
    }
    let mut end = j;
    // S/RES/2436 (2018): the year belongs to the symbol.
    if text[i..j].starts_with("S/RES/") {
        let ws = skip_spaces(&text[j..]);
        if let Some((_, n)) = bracketed_year(&text[j + ws..]) {
            end = j + ws + n;
        }
    }
    SymbolAt::Found(Entity {
        kind: EntityKind::Symbol,
        span: Span::new(i, end),
        key: text[i..j].to_string(),
        year: None,
    })
}

/// UN document symbols: `S/2020/372`, `A/74/19`, `S/PRST/2007/2`, `S/RES/2436 (2018)`,
/// `S/PV.8756`.
pub fn symbols(text: &str) -> Vec<Entity> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Symbols are found from their first slash, which is rare in a letter, rather than by
    // trying every byte as an organ's start. Nothing before `resume` is looked at again.
    let mut resume = 0;
    for slash in memchr::memchr_iter(b'/', bytes) {
        if slash < resume {
            continue;
        }
        // The organ: the capitals just before the slash, starting a word.
        let i = slash
            - bytes[..slash]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_uppercase())
                .count();
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/');
        if i == slash || i < resume || !starts_word || !ORGANS.contains(&&text[i..slash]) {
            continue;
        }
        match symbol_at(text, i, slash) {
            SymbolAt::Found(symbol) => {
                resume = symbol.span.end;
                out.push(symbol);
            }
            SymbolAt::Digitless { end } => resume = end,
            SymbolAt::Nothing => {}
        }
    }
    out
}

/// Distinct keys of one kind, in order of first appearance.
pub fn distinct_keys(entities: &[Entity], kind: EntityKind) -> Vec<String> {
    // A set for the membership test: a list searched for each entity was quadratic, and a
    // hostile file can cite hundreds of thousands of distinct symbols.
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in entities.iter().filter(|e| e.kind == kind) {
        if seen.insert(e.key.as_str()) {
            out.push(e.key.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(found: &[Entity]) -> Vec<(String, Option<u16>)> {
        found.iter().map(|e| (e.key.clone(), e.year)).collect()
    }

    #[test]
    fn chinese_resolution_forms() {
        let text = "第2436（2018）号决议、第2538 (2020)号决议、第2518号决议，第2378(2017)号和第2436(2018)号决议，第一项决议，第75届联大";
        let found = resolutions(text);
        assert_eq!(
            keys(&found),
            [
                ("2436".into(), Some(2018)),
                ("2538".into(), Some(2020)),
                ("2518".into(), None),
                ("2378".into(), Some(2017)),
                ("2436".into(), Some(2018)),
            ]
        );
        assert_eq!(found[0].span.slice(text), "第2436（2018）号决议");
        assert_eq!(found[3].span.slice(text), "第2378(2017)号");
    }

    #[test]
    fn english_resolution_lists() {
        let text =
            "Recalling resolutions 2378 (2017), 2436 (2018) and 2538 (2020), and resolution 1325.";
        assert_eq!(
            keys(&resolutions(text)),
            [
                ("2378".into(), Some(2017)),
                ("2436".into(), Some(2018)),
                ("2538".into(), Some(2020)),
                ("1325".into(), None),
            ]
        );
    }

    #[test]
    fn full_width_citations_are_found_with_their_printed_spans() {
        let text = "重申第２４３６（２０１８）号决议（Ｓ／２０２０／３７２）。";
        let found = find_entities(text);
        let res = found
            .iter()
            .find(|e| e.kind == EntityKind::Resolution)
            .unwrap();
        assert_eq!((res.key.as_str(), res.year), ("2436", Some(2018)));
        assert_eq!(res.span.slice(text), "第２４３６（２０１８）号决议");
        let sym = found.iter().find(|e| e.kind == EntityKind::Symbol).unwrap();
        assert_eq!(sym.key, "S/2020/372");
        assert_eq!(sym.span.slice(text), "Ｓ／２０２０／３７２");
    }

    #[test]
    fn document_symbols() {
        let text = "（S/2020/372）、A/74/19、S/PRST/2007/2、S/RES/2436 (2018)、S/PV.8756。Not XS/1/2 nor S/ alone.";
        let found: Vec<&str> = symbols(text).iter().map(|e| e.span.slice(text)).collect();
        assert_eq!(
            found,
            [
                "S/2020/372",
                "A/74/19",
                "S/PRST/2007/2",
                "S/RES/2436 (2018)",
                "S/PV.8756"
            ]
        );
    }

    /// The scan the slash-driven one replaced: every byte tried as an organ's start (what
    /// an organ and its slash start is read the same way by both).
    fn symbols_by_byte(text: &str) -> Vec<Entity> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let starts_word =
                i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/');
            if !starts_word || !bytes[i].is_ascii_uppercase() {
                i += 1;
                continue;
            }
            let organ_len = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase())
                .count();
            let organ = &text[i..i + organ_len];
            // Only a known organ can start a symbol: deciding that before scanning the
            // segments keeps `X/a.X/a.X/a.…` from being rescanned from every X.
            if !ORGANS.contains(&organ) {
                i += organ_len.max(1);
                continue;
            }
            match symbol_at(text, i, i + organ_len) {
                SymbolAt::Found(symbol) => {
                    i = symbol.span.end;
                    out.push(symbol);
                }
                SymbolAt::Digitless { end } => i = end,
                SymbolAt::Nothing => i += organ_len.max(1),
            }
        }
        out
    }

    #[test]
    fn slash_scan_finds_what_a_byte_scan_finds() {
        // Letters, digits and punctuation that symbols are made of and sit among, in random
        // strings, and the seed.
        let pieces = [
            "S", "A", "E", "ST", "RES", "PRST", "PV", "X", "s", "/", "/", ".", "1", "2020", " ",
            " (", "2018)", "（", "号", "a", "-", "S/", "A/", "/74", "/RES/",
        ];
        let mut next = crate::core::xorshift(0x9E37_79B9_7F4A_7C15);
        let texts = (0..20_000).map(|_| {
            let n = (next() % 24) as usize;
            (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect::<String>()
        });
        let mut with_symbols = 0;
        for text in texts.chain([crate::core::SEED_ZH.to_string()]) {
            let found = symbols(&text);
            with_symbols += usize::from(!found.is_empty());
            assert_eq!(found, symbols_by_byte(&text), "{text:?}");
        }
        // The strings are not all misses.
        assert!(with_symbols > 1_000, "{with_symbols}");
    }
}
