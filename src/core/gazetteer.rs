//! Member states and UN bodies from `data/`, and longest-match lookup of their names in
//! text (多米尼加共和国 before 多米尼克, 南苏丹 before 苏丹).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

const MEMBER_STATES: &str = include_str!("../../data/member_states.tsv");
const UN_BODIES: &str = include_str!("../../data/un_bodies.tsv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub iso3: String,
    pub zh_short: String,
    pub zh_formal: String,
    pub en_short: String,
    pub en_formal: String,
    pub member: bool,
    /// Every name the state goes by, Chinese and English.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub code: String,
    pub kind: String,
    pub zh_short: String,
    pub zh_full: String,
    pub en_short: String,
    pub en_full: String,
    pub iso3: String,
    pub names: Vec<String>,
}

fn rows(src: &str) -> impl Iterator<Item = Vec<&str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn names_of<'a>(cols: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = cols
        .into_iter()
        .flat_map(|c| c.split('|'))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect();
    names.sort();
    names.dedup();
    names
}

pub fn states() -> &'static [State] {
    static STATES: OnceLock<Vec<State>> = OnceLock::new();
    STATES.get_or_init(|| {
        rows(MEMBER_STATES)
            .filter(|c| c.len() >= 8)
            .map(|c| State {
                iso3: c[0].into(),
                zh_short: c[1].into(),
                zh_formal: c[2].into(),
                en_short: c[4].into(),
                en_formal: c[5].into(),
                member: c[7] == "member",
                names: names_of([c[1], c[2], c[3], c[4], c[5], c[6]]),
            })
            .collect()
    })
}

pub fn bodies() -> &'static [Body] {
    static BODIES: OnceLock<Vec<Body>> = OnceLock::new();
    BODIES.get_or_init(|| {
        rows(UN_BODIES)
            .filter(|c| c.len() >= 8)
            .map(|c| Body {
                code: c[0].into(),
                kind: c[1].into(),
                zh_short: c[2].into(),
                zh_full: c[3].into(),
                en_short: c[5].into(),
                en_full: c[6].into(),
                iso3: c[7].into(),
                names: names_of([c[2], c[3], c[4], c[5], c[6]]),
            })
            .collect()
    })
}

/// A name found in text: which entry (index into `states()` or `bodies()`), and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

fn is_ascii_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Finds the names of a list of entries in text: non-overlapping, longest first at each
/// position, Latin names only on word boundaries (so "Oman" is not found in "woman").
pub struct NameMatcher {
    /// Every distinct name, leftmost-longest: the longest name at the first position where
    /// any starts, which is the answer unless it is a Latin name failing its boundaries.
    names: AhoCorasick,
    /// For each pattern of `names`, the entry it names (the first, where entries share a
    /// name) and whether it must sit on word boundaries.
    patterns: Vec<(usize, bool)>,
    /// The Latin names by their first byte, longest first (then by entry): where the
    /// longest name at a position fails its word boundaries, a shorter one there (a prefix
    /// of it, so Latin too) may not.
    latin: Vec<Vec<(usize, String)>>,
    /// The characters a name starts with, one bit per Basic Multilingual Plane character
    /// (8 KB): the automaton is run, anchored, only where one of them is. An unanchored
    /// search stepped it through every byte of the text, most of which (Han characters no
    /// name starts with) can start nothing.
    first_chars: Vec<u64>,
    /// Whether some name starts beyond the BMP; such characters are then all tried.
    astral_first: bool,
    /// A name's first two characters, hashed to one bit of 64 Ki (names of one character are
    /// in `single_chars`). A character that starts a name (和, 国, 人)
    /// is mostly followed by one that does not continue it: in the seed, one position in
    /// seven starts a body's name and one in thirty a body's first two characters.
    first_pairs: Vec<u64>,
    /// Whether some name is a single character: then its first character alone decides.
    single_chars: Vec<char>,
}

/// The bit of `first_pairs` for two characters.
fn pair_bit(a: char, b: char) -> usize {
    let h = (u32::from(a).wrapping_mul(0x9E37_79B1) ^ u32::from(b)).wrapping_mul(0x85EB_CA6B);
    (h >> 16) as usize
}

impl NameMatcher {
    pub fn new(entries: &[Vec<String>]) -> Self {
        let mut first_entry: std::collections::BTreeMap<&str, usize> = Default::default();
        for (i, names) in entries.iter().enumerate() {
            for n in names.iter().filter(|n| !n.is_empty()) {
                first_entry.entry(n.as_str()).or_insert(i);
            }
        }
        let patterns = first_entry
            .iter()
            .map(|(n, i)| (*i, n.is_ascii()))
            .collect();
        let mut latin = vec![Vec::new(); 128];
        for (n, i) in first_entry.iter().filter(|(n, _)| n.is_ascii()) {
            latin[n.as_bytes()[0] as usize].push((*i, n.to_string()));
        }
        for list in &mut latin {
            list.sort_by(|a: &(usize, String), b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        }
        // A DFA searches about twice as fast as the default (an NFA) but takes tens of
        // milliseconds and megabytes to build: worth it natively, where the command-line
        // tool reads whole corpora, not in the browser, which mostly reads one letter.
        let kind = if cfg!(target_arch = "wasm32") {
            AhoCorasickKind::ContiguousNFA
        } else {
            AhoCorasickKind::DFA
        };
        let mut first_chars = vec![0u64; 0x10000 / 64];
        let mut astral_first = false;
        let mut first_pairs = vec![0u64; 0x10000 / 64];
        let mut single_chars = Vec::new();
        for name in first_entry.keys() {
            let mut chars = name.chars();
            let Some(c) = chars.next() else { continue };
            match u16::try_from(u32::from(c)) {
                Ok(c) => first_chars[usize::from(c) / 64] |= 1 << (c % 64),
                Err(_) => astral_first = true,
            }
            match chars.next() {
                Some(d) => {
                    let bit = pair_bit(c, d);
                    first_pairs[bit / 64] |= 1 << (bit % 64);
                }
                None => single_chars.push(c),
            }
        }
        // Building fails only past limits (billions of states) a gazetteer never nears.
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(kind))
            .build(first_entry.keys())
            .expect("a gazetteer's names fit an Aho-Corasick automaton");
        NameMatcher {
            names,
            patterns,
            latin,
            first_chars,
            astral_first,
            first_pairs,
            single_chars,
        }
    }

    /// The first byte at or after `from` (a character boundary) where a name may start.
    fn next_start(&self, text: &str, from: usize) -> Option<usize> {
        let mut chars = text[from..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let first = match u16::try_from(u32::from(c)) {
                Ok(c) => self.first_chars[usize::from(c) / 64] & (1 << (c % 64)) != 0,
                Err(_) => self.astral_first,
            };
            if !first {
                continue;
            }
            let may = match chars.peek() {
                Some(&(_, d)) => {
                    let bit = pair_bit(c, d);
                    self.first_pairs[bit / 64] & (1 << (bit % 64)) != 0
                        || self.single_chars.contains(&c)
                }
                None => true,
            };
            if may {
                return Some(from + i);
            }
        }
        None
    }

    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let on_boundaries = |start: usize, end: usize| {
            !is_ascii_word_char(text[..start].chars().next_back())
                && !is_ascii_word_char(text[end..].chars().next())
        };
        let mut hits = Vec::new();
        let mut pos = 0;
        // The leftmost position where some name matches, and the longest name there: the
        // candidates in order, each searched anchored, give the same as one unanchored
        // leftmost-longest search.
        while let Some(at) = self.next_start(text, pos) {
            let anchored = Input::new(text).range(at..).anchored(Anchored::Yes);
            let Some(m) = self.names.find(anchored) else {
                pos = at + text[at..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let start = m.start();
            let (entry, latin) = self.patterns[m.pattern().as_usize()];
            let found = if !latin || on_boundaries(start, m.end()) {
                Some((entry, m.end()))
            } else {
                let rest = &text[start..];
                self.latin[usize::from(rest.as_bytes()[0])]
                    .iter()
                    .find(|(_, name)| {
                        rest.starts_with(name.as_str()) && on_boundaries(start, start + name.len())
                    })
                    .map(|(entry, name)| (*entry, start + name.len()))
            };
            match found {
                Some((entry, end)) => {
                    hits.push(NameHit { entry, start, end });
                    pos = end;
                }
                // Names may still start inside the rejected one; a Latin name's first
                // character is one byte.
                None => pos = start + 1,
            }
        }
        hits
    }
}

pub fn state_matcher() -> &'static NameMatcher {
    static M: OnceLock<NameMatcher> = OnceLock::new();
    M.get_or_init(|| {
        NameMatcher::new(&states().iter().map(|s| s.names.clone()).collect::<Vec<_>>())
    })
}

pub fn body_matcher() -> &'static NameMatcher {
    static M: OnceLock<NameMatcher> = OnceLock::new();
    M.get_or_init(|| {
        NameMatcher::new(&bodies().iter().map(|b| b.names.clone()).collect::<Vec<_>>())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_member_states_are_listed_once() {
        let s = states();
        assert_eq!(s.iter().filter(|s| s.member).count(), 193);
        let mut codes: Vec<&str> = s.iter().map(|s| s.iso3.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), s.len());
        for st in s {
            assert!(!st.zh_short.is_empty() && !st.en_short.is_empty(), "{st:?}");
        }
    }

    #[test]
    fn longest_name_wins() {
        let text = "南苏丹、苏丹、多米尼加共和国和多米尼克以及刚果民主共和国";
        let found: Vec<&str> = state_matcher()
            .find(text)
            .iter()
            .map(|h| states()[h.entry].iso3.as_str())
            .collect();
        assert_eq!(found, ["SSD", "SDN", "DOM", "DMA", "COD"]);
    }

    #[test]
    fn latin_names_need_word_boundaries() {
        let hits = state_matcher().find("A woman from Oman spoke for China.");
        let found: Vec<&str> = hits
            .iter()
            .map(|h| states()[h.entry].iso3.as_str())
            .collect();
        assert_eq!(found, ["OMN", "CHN"]);
    }

    /// The scan the automaton replaced: at each character, the longest name starting there
    /// (the lowest entry on a tie) that passes the word-boundary check.
    fn scan(entries: &[Vec<String>], text: &str) -> Vec<NameHit> {
        let mut names: Vec<(usize, &str)> = entries
            .iter()
            .enumerate()
            .flat_map(|(i, ns)| ns.iter().map(move |n| (i, n.as_str())))
            .collect();
        names.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let mut hits = Vec::new();
        let mut pos = 0;
        while let Some(c) = text[pos..].chars().next() {
            let rest = &text[pos..];
            let found = names.iter().find(|(_, name)| {
                rest.starts_with(name)
                    && (!name.is_ascii()
                        || (!is_ascii_word_char(text[..pos].chars().next_back())
                            && !is_ascii_word_char(rest[name.len()..].chars().next())))
            });
            match found {
                Some((entry, name)) => {
                    hits.push(NameHit {
                        entry: *entry,
                        start: pos,
                        end: pos + name.len(),
                    });
                    pos += name.len();
                }
                None => pos += c.len_utf8(),
            }
        }
        hits
    }

    #[test]
    fn automaton_finds_what_a_scan_finds() {
        let seed = crate::core::SEED_ZH;
        let english = include_str!("../../tests/fixtures/english-letter.txt");
        let names = |e: &[Vec<String>]| e.iter().flatten().cloned().collect::<Vec<_>>();
        let state_names: Vec<Vec<String>> = states().iter().map(|s| s.names.clone()).collect();
        let body_names: Vec<Vec<String>> = bodies().iter().map(|b| b.names.clone()).collect();
        // Names run together, inside words and cut short, so that boundary checks fail and
        // shorter or later names must be found instead.
        let mut tricky: String = names(&state_names).join("");
        tricky.push_str(&names(&body_names).join("x"));
        tricky.push_str(&names(&state_names).join(" "));
        tricky.push_str("Omania SouthSudan South Sudanese 南苏丹苏 woman Oman.");
        let synthetic = vec![
            vec!["ab".to_string(), "abc".to_string()],
            vec!["bcd".to_string(), "abc".to_string()],
            vec!["c".to_string(), "中".to_string(), "中国".to_string()],
            // Beyond the BMP: not in the table of first characters.
            vec!["𦡦国".to_string()],
            // One character: no pair to look at.
            vec!["和".to_string()],
        ];
        for text in [
            seed,
            english,
            tricky.as_str(),
            "xabcd abcd 中国中 abc 𦡦𦡦国𦡦",
        ] {
            for (entries, matcher) in [
                (&state_names, state_matcher()),
                (&body_names, body_matcher()),
            ] {
                assert_eq!(matcher.find(text), scan(entries, text));
            }
            assert_eq!(
                NameMatcher::new(&synthetic).find(text),
                scan(&synthetic, text)
            );
        }
    }

    #[test]
    fn missions_by_short_and_full_name() {
        let text = "联合国马里多层面综合稳定团（马里稳定团）和联刚稳定团";
        let codes: Vec<&str> = body_matcher()
            .find(text)
            .iter()
            .map(|h| bodies()[h.entry].code.as_str())
            .collect();
        assert_eq!(codes, ["MINUSMA", "MINUSMA", "MONUSCO"]);
    }
}
