//! Theme tagging with evidence: a lexicon of weighted cue terms (data/themes.toml or the
//! user's own), matched on token boundaries in each paragraph; every tag carries the cue
//! hits that justify it, as spans into the document text.
//!
//! Scoring, deterministic: a paragraph's score for a theme is the sum of the weights of its
//! cue hits, overlapping hits of one theme counting once (the longest wins). The theme is
//! tagged when the score reaches [`THRESHOLD`]. A statement's profile gives, per theme, the
//! share of its paragraphs tagged and the share of all its cue weight.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::segment::{DocTokens, Segmenter};
use super::structure::Document;
use super::text::{fold_char, is_han, Folded, FxBuildHasher, Span};

pub const DEFAULT_LEXICON: &str = include_str!("../../data/themes.toml");

/// Score at which a theme is tagged on a paragraph.
pub const THRESHOLD: f32 = 2.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub definition: String,
    pub colour: String,
    /// Cue term → weight.
    pub cues: std::collections::BTreeMap<String, f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    #[serde(rename = "theme", default)]
    pub themes: Vec<Theme>,
}

/// A lexicon that could not be read, with the 1-based line the problem is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexiconError {
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

fn line_of(src: &str, byte: usize) -> usize {
    src[..byte.min(src.len())].matches('\n').count() + 1
}

impl Lexicon {
    pub fn parse(src: &str) -> Result<Lexicon, LexiconError> {
        let lexicon: Lexicon = toml::from_str(src).map_err(|e| LexiconError {
            line: e.span().map(|s| line_of(src, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let at = |needle: &str| src.find(needle).map(|b| line_of(src, b));
        let mut seen = std::collections::HashSet::new();
        for t in &lexicon.themes {
            let err = |message: String| LexiconError {
                line: at(&format!("\"{}\"", t.id)),
                message,
            };
            if t.id.is_empty()
                || !t
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(err(format!(
                    "theme id {:?} must be lower-case letters, digits and _",
                    t.id
                )));
            }
            if !seen.insert(t.id.clone()) {
                return Err(err(format!("theme id {:?} is used twice", t.id)));
            }
            if t.cues.is_empty() {
                return Err(err(format!("theme {:?} has no cues", t.id)));
            }
            if let Some((term, w)) = t.cues.iter().find(|(_, w)| !(w.is_finite() && **w > 0.0)) {
                return Err(LexiconError {
                    line: at(&format!("\"{term}\"")),
                    message: format!("cue {term:?} has weight {w}; weights must be positive"),
                });
            }
        }
        Ok(lexicon)
    }

    /// The lexicon as TOML in the format of data/themes.toml (for export and storage).
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("# UNSC Lens theme lexicon (exported). Format: see data/themes.toml.\n\n{body}")
    }

    pub fn default_lexicon() -> Lexicon {
        // The embedded lexicon is checked by a test; an error here is a build defect.
        Lexicon::parse(DEFAULT_LEXICON).unwrap_or(Lexicon { themes: Vec::new() })
    }
}

/// Cues as a user types them in the theme editor: one `term = weight` a line (the weight
/// may be left out: 2, a cue that settles the theme alone). Blank lines are skipped.
pub fn parse_cue_lines(src: &str) -> Result<std::collections::BTreeMap<String, f32>, LexiconError> {
    let mut cues = std::collections::BTreeMap::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| LexiconError {
            line: Some(n + 1),
            message,
        };
        let (term, weight) = match line.rsplit_once(['=', '＝']) {
            Some((t, w)) => {
                let w: f32 = w
                    .trim()
                    .parse()
                    .map_err(|_| err(format!("weight {:?} is not a number", w.trim())))?;
                (t.trim(), w)
            }
            None => (line, THRESHOLD),
        };
        if term.is_empty() {
            return Err(err("a cue needs a term before the =".into()));
        }
        if !(weight.is_finite() && weight > 0.0) {
            return Err(err(format!(
                "cue {term:?} has weight {weight}; weights must be positive"
            )));
        }
        cues.insert(term.to_string(), weight);
    }
    if cues.is_empty() {
        return Err(LexiconError {
            line: None,
            message: "a theme needs at least one cue".into(),
        });
    }
    Ok(cues)
}

/// A theme's cues as editor lines, the inverse of [`parse_cue_lines`].
pub fn cue_lines(theme: &Theme) -> String {
    theme
        .cues
        .iter()
        .map(|(t, w)| format!("{t} = {w}\n"))
        .collect()
}

/// A character that width folding and lower-casing both leave as it is: Han and the CJK
/// and general punctuation around it (a test checks every one).
fn is_settled(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3001}'..='\u{303F}' | '\u{2010}'..='\u{2027}')
}

/// Only ASCII and U+4000…U+9FFF (Han, and the hexagram symbols between its blocks, which
/// have no case and no other width): told from the bytes, without decoding a character,
/// as every word of every paragraph is normalised (a test checks every such character).
fn is_plain(word: &str) -> bool {
    // A continuation byte passes only after a lead byte that did.
    word.bytes()
        .all(|b| b.is_ascii() || matches!(b, 0x80..=0xBF | 0xE4..=0xE9))
}

/// One word width-folded and lower-cased. Nearly every word of a letter is Han or plain
/// ASCII, which folding leaves alone: those are borrowed (or only ASCII-lower-cased) rather
/// than copied twice.
fn normalise(word: &str) -> Cow<'_, str> {
    if is_plain(word) || word.chars().all(|c| c.is_ascii() || is_settled(c)) {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(Folded::new(word).text.to_lowercase())
    }
}

struct CompiledCue {
    theme: usize,
    term: String,
    tokens: Vec<String>,
    weight: f32,
}

/// A lexicon ready to match: cues segmented like the text, indexed by their first token.
pub struct Tagger {
    pub lexicon: Lexicon,
    /// FxHash, not SipHash: every word of every paragraph is looked up.
    by_first: HashMap<String, Vec<CompiledCue>, FxBuildHasher>,
    /// The first characters of `by_first`'s keys, a bit per BMP character: most words start
    /// no cue, and are passed over without being normalised and looked up.
    first_chars: Vec<u64>,
}

impl Tagger {
    pub fn new(lexicon: Lexicon, seg: &Segmenter) -> Tagger {
        let mut by_first: HashMap<String, Vec<CompiledCue>, FxBuildHasher> = HashMap::default();
        for (i, theme) in lexicon.themes.iter().enumerate() {
            for (term, weight) in &theme.cues {
                let tokens: Vec<String> = seg
                    .words(term, Span::new(0, term.len()))
                    .iter()
                    .map(|s| normalise(s.slice(term)).into_owned())
                    .collect();
                let Some(first) = tokens.first().cloned() else {
                    continue;
                };
                let list = by_first.entry(first).or_default();
                // The same cue twice in one theme (COVID-19 and covid-19): keep the larger weight.
                match list.iter_mut().find(|c| c.theme == i && c.tokens == tokens) {
                    Some(c) => c.weight = c.weight.max(*weight),
                    None => list.push(CompiledCue {
                        theme: i,
                        term: term.clone(),
                        tokens,
                        weight: *weight,
                    }),
                }
            }
        }
        let mut first_chars = vec![0u64; 0x10000 / 64];
        for c in by_first.keys().filter_map(|k| k.chars().next()) {
            if let Ok(c) = u16::try_from(u32::from(c)) {
                first_chars[usize::from(c) / 64] |= 1 << (c % 64);
            }
        }
        Tagger {
            lexicon,
            by_first,
            first_chars,
        }
    }

    /// Whether the word (as in the text) may start a cue. Its normalised form starts with
    /// its first character lower-cased where that is ASCII, unchanged where it is settled
    /// ([`is_settled`]), and folded to ASCII and lower-cased where it is a full-width form;
    /// any other word is looked up.
    fn may_start_cue(&self, word: &str) -> bool {
        let Some(c) = word.chars().next() else {
            return false;
        };
        let c = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if is_settled(c) {
            c
        } else if let Some(narrow) = fold_char(c) {
            // The commas and brackets between most Chinese words.
            narrow.to_ascii_lowercase()
        } else {
            return true;
        };
        match u16::try_from(u32::from(c)) {
            Ok(c) => self.first_chars[usize::from(c) / 64] & (1 << (c % 64)) != 0,
            Err(_) => true,
        }
    }

    /// Cue hits in one paragraph, per theme without overlaps, in text order.
    pub fn hits(&self, seg: &Segmenter, text: &str, para: Span) -> Vec<Hit> {
        self.hits_in(text, &seg.words(text, para))
    }

    /// Cue hits among a paragraph's words (already segmented).
    pub fn hits_in(&self, text: &str, words: &[Span]) -> Vec<Hit> {
        let word = |i: usize| normalise(words[i].slice(text));
        let mut raw: Vec<Hit> = Vec::new();
        for i in 0..words.len() {
            if !self.may_start_cue(words[i].slice(text)) {
                continue;
            }
            let Some(cues) = self.by_first.get(word(i).as_ref()) else {
                continue;
            };
            for cue in cues {
                // The first word matched already; the rest are normalised only here, for
                // the few words that start a cue.
                let n = cue.tokens.len();
                if i + n <= words.len()
                    && (i + 1..i + n)
                        .map(word)
                        .zip(&cue.tokens[1..])
                        .all(|(w, t)| w.as_ref() == t.as_str())
                {
                    raw.push(Hit {
                        theme: cue.theme,
                        cue: cue.term.clone(),
                        weight: cue.weight,
                        span: Span::new(words[i].start, words[i + n - 1].end),
                    });
                }
            }
        }
        raw.sort_by(|a, b| {
            (a.theme, a.span.start, std::cmp::Reverse(a.span.end)).cmp(&(
                b.theme,
                b.span.start,
                std::cmp::Reverse(b.span.end),
            ))
        });
        let mut hits: Vec<Hit> = Vec::new();
        for h in raw {
            let overlaps = hits
                .last()
                .is_some_and(|p| p.theme == h.theme && p.span.end > h.span.start);
            if !overlaps {
                hits.push(h);
            }
        }
        hits.sort_by_key(|h| (h.span.start, h.theme));
        hits
    }

    pub fn tag_document(&self, seg: &Segmenter, doc: &Document) -> DocThemes {
        self.tag_segmented(doc, &seg.segment_document(&doc.text))
    }

    /// Tags a document whose words are already known.
    pub fn tag_segmented(&self, doc: &Document, tokens: &DocTokens) -> DocThemes {
        let parts = doc
            .parts
            .iter()
            .map(|part| {
                let paragraphs: Vec<ParaThemes> = part
                    .paragraphs
                    .iter()
                    .map(|p| {
                        ParaThemes::from_hits(
                            self.hits_in(&doc.text, tokens.of(*p)),
                            self.lexicon.themes.len(),
                        )
                    })
                    .collect();
                PartThemes {
                    profile: Profile::of(&paragraphs, self.lexicon.themes.len()),
                    paragraphs,
                }
            })
            .collect::<Vec<_>>();
        DocThemes {
            profile: Profile::of(
                parts.iter().flat_map(|p| &p.paragraphs),
                self.lexicon.themes.len(),
            ),
            parts,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Index into the lexicon's themes.
    pub theme: usize,
    pub cue: String,
    pub weight: f32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParaThemes {
    pub hits: Vec<Hit>,
    /// (theme, score) for every theme that reached the threshold, highest score first.
    pub tags: Vec<(usize, f32)>,
}

impl ParaThemes {
    fn from_hits(hits: Vec<Hit>, n_themes: usize) -> ParaThemes {
        let mut scores = vec![0.0f32; n_themes];
        for h in &hits {
            scores[h.theme] += h.weight;
        }
        let mut tags: Vec<(usize, f32)> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s >= THRESHOLD)
            .map(|(i, s)| (i, *s))
            .collect();
        tags.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ParaThemes { hits, tags }
    }

    pub fn has(&self, theme: usize) -> bool {
        self.tags.iter().any(|(t, _)| *t == theme)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeShare {
    pub theme: usize,
    /// Paragraphs tagged with the theme.
    pub paragraphs: Vec<usize>,
    /// Tagged paragraphs over all paragraphs.
    pub paragraph_share: f32,
    /// The theme's cue weight over all cue weight (hits in untagged paragraphs included).
    pub weight_share: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Themes present, by paragraph share then weight share then lexicon order.
    pub themes: Vec<ThemeShare>,
}

impl Profile {
    fn of<'a>(paragraphs: impl IntoIterator<Item = &'a ParaThemes>, n_themes: usize) -> Profile {
        // One pass over the paragraphs, each theme's weight added up in the same order as
        // a pass per theme would (so the sums are the same to the last bit).
        let mut tagged: Vec<Vec<usize>> = vec![Vec::new(); n_themes];
        let mut weights = vec![0.0f32; n_themes];
        let mut total_weight = 0.0f32;
        let mut count = 0usize;
        for (i, p) in paragraphs.into_iter().enumerate() {
            count += 1;
            for h in &p.hits {
                total_weight += h.weight;
                weights[h.theme] += h.weight;
            }
            // A paragraph's tags name each theme once.
            for (t, _) in &p.tags {
                tagged[*t].push(i);
            }
        }
        let mut themes: Vec<ThemeShare> = tagged
            .into_iter()
            .zip(weights)
            .enumerate()
            .filter(|(_, (tagged, _))| !tagged.is_empty())
            .map(|(t, (tagged, weight))| ThemeShare {
                theme: t,
                paragraph_share: tagged.len() as f32 / count.max(1) as f32,
                weight_share: if total_weight > 0.0 {
                    weight / total_weight
                } else {
                    0.0
                },
                paragraphs: tagged,
            })
            .collect();
        themes.sort_by(|a, b| {
            b.paragraph_share
                .total_cmp(&a.paragraph_share)
                .then(b.weight_share.total_cmp(&a.weight_share))
                .then(a.theme.cmp(&b.theme))
        });
        Profile { themes }
    }

    pub fn top(&self, n: usize) -> &[ThemeShare] {
        &self.themes[..n.min(self.themes.len())]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartThemes {
    pub paragraphs: Vec<ParaThemes>,
    pub profile: Profile,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocThemes {
    pub parts: Vec<PartThemes>,
    pub profile: Profile,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_passed_over_starts_no_cue() {
        let seg = Segmenter::new();
        let tagger = Tagger::new(Lexicon::default_lexicon(), &seg);
        let english = include_str!("../../tests/fixtures/english-letter.txt");
        let mut words: Vec<&str> = [crate::core::SEED_ZH, english]
            .iter()
            .flat_map(|t| {
                seg.words(t, Span::new(0, t.len()))
                    .into_iter()
                    .map(|s| s.slice(t))
            })
            .collect();
        // Cue words in capitals, full width, and after a character folding changes.
        let cue_firsts: Vec<String> = tagger.by_first.keys().cloned().collect();
        let upper: Vec<String> = cue_firsts.iter().map(|k| k.to_uppercase()).collect();
        let wide: Vec<String> = cue_firsts
            .iter()
            .filter(|k| k.is_ascii())
            .map(|k| {
                k.chars()
                    .map(|c| {
                        char::from_u32(c as u32 + 0xFEE0)
                            .filter(|_| c != ' ')
                            .unwrap_or(c)
                    })
                    .collect()
            })
            .collect();
        words.extend(
            cue_firsts
                .iter()
                .chain(&upper)
                .chain(&wide)
                .map(String::as_str),
        );
        words.extend(["İ", "Ｃovid", "\u{3000}和平", ""]);
        let mut looked_up = 0;
        for w in words {
            if tagger.by_first.contains_key(normalise(w).as_ref()) {
                assert!(tagger.may_start_cue(w), "{w}");
                looked_up += 1;
            }
        }
        assert!(looked_up > cue_firsts.len(), "{looked_up}");
    }

    #[test]
    fn settled_characters_need_no_normalising() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_settled(*c))
        {
            let s = c.to_string();
            assert_eq!(Folded::new(&s).text.to_lowercase(), s, "U+{:04X}", c as u32);
        }
        for c in ('\u{4000}'..='\u{9FFF}').chain(['a', 'Z', '~']) {
            let s = c.to_string();
            assert!(is_plain(&s), "U+{:04X}", c as u32);
            assert_eq!(normalise(&s), Folded::new(&s).text.to_lowercase(), "{s}");
        }
        for c in [
            '\u{3FFF}',
            '\u{A000}',
            '\u{3000}',
            'É',
            'Ａ',
            '\u{00A0}',
            '\u{20000}',
        ] {
            assert!(!is_plain(&c.to_string()), "U+{:04X}", c as u32);
        }
        for w in [
            "维和",
            "Protection",
            "ＣＯＶＩＤ－１９",
            "“维和”",
            "ÉTAT",
            "covid-19",
        ] {
            assert_eq!(normalise(w), Folded::new(w).text.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn default_lexicon_is_valid_and_wide() {
        let lex = Lexicon::parse(DEFAULT_LEXICON).unwrap();
        assert!(lex.themes.len() >= 20);
        for id in [
            "politics",
            "wps",
            "protection",
            "safety_security",
            "performance",
            "peacebuilding",
            "partnerships",
            "conduct",
        ] {
            assert!(lex.themes.iter().any(|t| t.id == id), "A4P area {id}");
        }
        for id in [
            "counter_terrorism",
            "climate",
            "sanctions",
            "humanitarian",
            "children",
        ] {
            assert!(lex.themes.iter().any(|t| t.id == id), "Council agenda {id}");
        }
        for t in &lex.themes {
            assert!(t.colour.starts_with('#') && t.colour.len() == 7, "{}", t.id);
        }
    }

    #[test]
    fn malformed_lexicon_names_the_line() {
        let bad = "[[theme]]\nid = \"a\"\nname_zh = \"甲\"\nname_en = \"A\"\ndefinition = \"d\"\ncolour = \"#000000\"\n[theme.cues]\n\"x\" = \"heavy\"\n";
        let e = Lexicon::parse(bad).unwrap_err();
        assert_eq!(e.line, Some(8), "{e}");
        let zero = bad.replace("\"heavy\"", "0");
        let e = Lexicon::parse(&zero).unwrap_err();
        assert_eq!(e.line, Some(8), "{e}");
        assert!(e.message.contains("positive"));
        assert!(Lexicon::parse("[[theme]]\nid = \"A B\"").is_err());
    }

    #[test]
    fn lexicon_round_trips_through_toml_and_editor_lines() {
        let lex = Lexicon::default_lexicon();
        assert_eq!(Lexicon::parse(&lex.to_toml()).unwrap(), lex);
        let t = &lex.themes[0];
        assert_eq!(parse_cue_lines(&cue_lines(t)).unwrap(), t.cues);
        let cues = parse_cue_lines("维和\n 业绩 = 3 \n\n问责＝1.5").unwrap();
        assert_eq!(cues.get("维和"), Some(&THRESHOLD));
        assert_eq!(cues.get("业绩"), Some(&3.0));
        assert_eq!(cues.get("问责"), Some(&1.5));
        assert_eq!(
            parse_cue_lines("维和 = 1\n业绩 = lots").unwrap_err().line,
            Some(2)
        );
        assert!(parse_cue_lines("  \n").is_err());
    }

    #[test]
    fn cues_match_on_token_boundaries_with_evidence() {
        let seg = Segmenter::new();
        let tagger = Tagger::new(Lexicon::default_lexicon(), &seg);
        let text = "我们支持综合业绩评估系统，并加强保护平民。";
        let hits = tagger.hits(&seg, text, Span::new(0, text.len()));
        let cues: Vec<&str> = hits.iter().map(|h| h.cue.as_str()).collect();
        assert!(cues.contains(&"综合业绩评估系统"), "{cues:?}");
        assert!(
            !cues.contains(&"业绩"),
            "业绩 fired inside a longer word: {cues:?}"
        );
        for h in &hits {
            assert_eq!(h.span.slice(text), h.cue, "evidence span");
        }
    }

    #[test]
    fn english_cues_are_case_insensitive_word_sequences() {
        let seg = Segmenter::new();
        let tagger = Tagger::new(Lexicon::default_lexicon(), &seg);
        let text = "The Council stressed the Protection of Civilians and condemned terrorism.";
        let hits = tagger.hits(&seg, text, Span::new(0, text.len()));
        let spans: Vec<&str> = hits.iter().map(|h| h.span.slice(text)).collect();
        assert!(spans.contains(&"Protection of Civilians"), "{spans:?}");
        assert!(spans.contains(&"terrorism"), "{spans:?}");
        let tagged = ParaThemes::from_hits(hits, tagger.lexicon.themes.len());
        let ids: Vec<&str> = tagged
            .tags
            .iter()
            .map(|(t, _)| tagger.lexicon.themes[*t].id.as_str())
            .collect();
        assert!(
            ids.contains(&"protection") && ids.contains(&"counter_terrorism"),
            "{ids:?}"
        );
    }
}
