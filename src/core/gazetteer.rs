//! Member states and UN bodies from `data/`, and longest-match lookup of their names in
//! text (多米尼加共和国 before 多米尼克, 南苏丹 before 苏丹).

use std::sync::OnceLock;

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

/// Names sharing a first character, longest first.
type Names = Vec<(usize, String)>;

/// Finds the names of a list of entries in text: non-overlapping, longest first at each
/// position, Latin names only on word boundaries (so "Oman" is not found in "woman").
pub struct NameMatcher {
    /// Names by their first character, sorted by that character.
    by_first: Vec<(char, Names)>,
    /// For each ASCII byte, the index in `by_first` of the names it starts.
    ascii: [Option<usize>; 128],
    /// Bit `c % 4096` is set when some name starts with `c`. The text is looked at
    /// character by character and most Han characters start no name: one bit test passes
    /// over them, where a hash-map lookup at every position was most of the time.
    starts: [u64; 64],
}

impl NameMatcher {
    pub fn new(entries: &[Vec<String>]) -> Self {
        let mut by_first: Vec<(char, Names)> = Vec::new();
        for (i, names) in entries.iter().enumerate() {
            for n in names {
                if let Some(c) = n.chars().next() {
                    let at = match by_first.binary_search_by_key(&c, |(f, _)| *f) {
                        Ok(at) => at,
                        Err(at) => {
                            by_first.insert(at, (c, Vec::new()));
                            at
                        }
                    };
                    by_first[at].1.push((i, n.clone()));
                }
            }
        }
        let mut ascii = [None; 128];
        let mut starts = [0u64; 64];
        for (at, (c, list)) in by_first.iter_mut().enumerate() {
            list.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
            if c.is_ascii() {
                ascii[*c as usize] = Some(at);
            }
            let bit = *c as usize % 4096;
            starts[bit / 64] |= 1 << (bit % 64);
        }
        NameMatcher {
            by_first,
            ascii,
            starts,
        }
    }

    /// The names starting with `c`, longest first.
    fn starting_with(&self, c: char) -> Option<&Names> {
        let at = if c.is_ascii() {
            self.ascii[c as usize]?
        } else {
            let bit = c as usize % 4096;
            if self.starts[bit / 64] & (1 << (bit % 64)) == 0 {
                return None;
            }
            self.by_first.binary_search_by_key(&c, |(f, _)| *f).ok()?
        };
        Some(&self.by_first[at].1)
    }

    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let mut hits = Vec::new();
        let mut pos = 0;
        while let Some(c) = text[pos..].chars().next() {
            let rest = &text[pos..];
            let found = self.starting_with(c).and_then(|list| {
                list.iter().find(|(_, name)| {
                    rest.starts_with(name.as_str())
                        && (!name.is_ascii()
                            || (!is_ascii_word_char(text[..pos].chars().next_back())
                                && !is_ascii_word_char(rest[name.len()..].chars().next())))
                })
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
