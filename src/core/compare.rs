//! Comparing two texts (documents or statements): which words are key to one against the
//! other (log-likelihood G² and log ratio), which are shared and which are new, how alike
//! their vocabularies are (cosine of TF-IDF vectors), how their theme shares differ, and
//! which states speak in both.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::stats::TermCount;
use super::structure::{Document, PartKind};
use super::themes::Profile;

/// How many rows of each side a keyness table shows.
pub const KEYNESS_ROWS: usize = 30;

/// G² at or above this is significant at p < 0.05 (one degree of freedom).
pub const G2_P05: f64 = 3.84;
/// … and at p < 0.01.
pub const G2_P01: f64 = 6.63;

/// One term's keyness of A against B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyness {
    pub term: String,
    /// Occurrences in A and in B.
    pub a: usize,
    pub b: usize,
    /// Log-likelihood G², signed: positive when the term is relatively more frequent in A.
    pub g2: f64,
    /// Binary log of the ratio of relative frequencies (A over B); a zero count is taken
    /// as 0.5 so a term absent from one side still gets a finite ratio.
    pub log_ratio: f64,
}

/// Unsigned log-likelihood G² of a term seen `a` times in a text of `total_a` words and
/// `b` times in one of `total_b` (Rayson and Garside 2000): 2 Σ O ln(O / E) over the two
/// texts, with E the count expected if both texts used the term at the same rate.
pub fn log_likelihood(a: usize, b: usize, total_a: usize, total_b: usize) -> f64 {
    let (a, b, ta, tb) = (a as f64, b as f64, total_a as f64, total_b as f64);
    if ta + tb == 0.0 {
        return 0.0;
    }
    let ea = ta * (a + b) / (ta + tb);
    let eb = tb * (a + b) / (ta + tb);
    let part = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    2.0 * (part(a, ea) + part(b, eb))
}

/// log2 of (a / total_a) over (b / total_b), zero counts taken as 0.5.
pub fn log_ratio(a: usize, b: usize, total_a: usize, total_b: usize) -> f64 {
    let rel = |n: usize, t: usize| (if n == 0 { 0.5 } else { n as f64 }) / t.max(1) as f64;
    (rel(a, total_a) / rel(b, total_b)).log2()
}

/// Keyness of every term of A and B, most key to A first (descending signed G², ties by
/// term). `total_a`/`total_b` are the texts' word counts (stop words included: they are
/// part of the text's length even though they are not compared).
pub fn keyness(a: &[TermCount], b: &[TermCount], total_a: usize, total_b: usize) -> Vec<Keyness> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for t in a {
        counts.entry(t.term.as_str()).or_default().0 += t.count;
    }
    for t in b {
        counts.entry(t.term.as_str()).or_default().1 += t.count;
    }
    let (ta, tb) = (total_a.max(sum(a)), total_b.max(sum(b)));
    let mut rows: Vec<Keyness> = counts
        .into_iter()
        .map(|(term, (ca, cb))| {
            let g2 = log_likelihood(ca, cb, ta, tb);
            let more_in_a = ca as f64 * tb as f64 >= cb as f64 * ta as f64;
            Keyness {
                term: term.to_string(),
                a: ca,
                b: cb,
                g2: if more_in_a { g2 } else { -g2 },
                log_ratio: log_ratio(ca, cb, ta, tb),
            }
        })
        .collect();
    rows.sort_by(|x, y| y.g2.total_cmp(&x.g2).then_with(|| x.term.cmp(&y.term)));
    rows
}

fn sum(terms: &[TermCount]) -> usize {
    terms.iter().map(|t| t.count).sum()
}

/// The top of a keyness list each way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeynessTable {
    /// Relatively more frequent in A, strongest first.
    pub more_in_a: Vec<Keyness>,
    /// Relatively more frequent in B, strongest first.
    pub more_in_b: Vec<Keyness>,
}

/// The `n` strongest terms each way; a term must occur at least twice in all to be listed,
/// since a single occurrence cannot be told from chance.
pub fn keyness_table(all: &[Keyness], n: usize) -> KeynessTable {
    let listed = |k: &&Keyness| k.a + k.b >= 2 && k.g2 != 0.0;
    KeynessTable {
        more_in_a: all
            .iter()
            .filter(listed)
            .filter(|k| k.g2 > 0.0)
            .take(n)
            .cloned()
            .collect(),
        more_in_b: all
            .iter()
            .rev()
            .filter(listed)
            .filter(|k| k.g2 < 0.0)
            .take(n)
            .cloned()
            .collect(),
    }
}

/// Terms both texts use, and terms only one uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overlap {
    /// In both, by combined count.
    pub shared: Vec<Keyness>,
    /// In A and not in B, by count in A.
    pub only_a: Vec<Keyness>,
    /// In B and not in A, by count in B.
    pub only_b: Vec<Keyness>,
}

pub fn overlap(all: &[Keyness], n: usize) -> Overlap {
    let mut shared: Vec<Keyness> = all.iter().filter(|k| k.a > 0 && k.b > 0).cloned().collect();
    shared.sort_by(|x, y| {
        (y.a + y.b)
            .cmp(&(x.a + x.b))
            .then_with(|| x.term.cmp(&y.term))
    });
    shared.truncate(n);
    let mut only_a: Vec<Keyness> = all.iter().filter(|k| k.b == 0).cloned().collect();
    only_a.sort_by(|x, y| y.a.cmp(&x.a).then_with(|| x.term.cmp(&y.term)));
    only_a.truncate(n);
    let mut only_b: Vec<Keyness> = all.iter().filter(|k| k.a == 0).cloned().collect();
    only_b.sort_by(|x, y| y.b.cmp(&x.b).then_with(|| x.term.cmp(&y.term)));
    only_b.truncate(n);
    Overlap {
        shared,
        only_a,
        only_b,
    }
}

/// Cosine similarity of the TF-IDF vectors of two texts. `df` gives, per term, in how many
/// of `statements` background statements it occurs (the workspace); idf is
/// ln((1 + N) / (1 + df)) + 1, so a term used everywhere still counts a little. 1 means the
/// same distribution of words, 0 no word in common.
pub fn cosine(
    a: &[TermCount],
    b: &[TermCount],
    df: &crate::core::stats::DocFreqs<&str>,
    statements: usize,
) -> f64 {
    let idf = |term: &str| {
        let d = df.get(term).copied().unwrap_or(0) as f64;
        ((1.0 + statements as f64) / (1.0 + d)).ln() + 1.0
    };
    fn vector<'t>(terms: &'t [TermCount], idf: &dyn Fn(&str) -> f64) -> HashMap<&'t str, f64> {
        let len = sum(terms).max(1) as f64;
        terms
            .iter()
            .map(|t| (t.term.as_str(), t.count as f64 / len * idf(&t.term)))
            .collect()
    }
    let (va, vb) = (vector(a, &idf), vector(b, &idf));
    let dot: f64 = va
        .iter()
        .filter_map(|(t, x)| vb.get(t).map(|y| x * y))
        .sum();
    let norm = |v: &HashMap<&str, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let (na, nb) = (norm(&va), norm(&vb));
    // An empty float sum is −0.0; no shared term is plain 0.
    if na == 0.0 || nb == 0.0 || dot <= 0.0 {
        0.0
    } else {
        (dot / (na * nb)).clamp(0.0, 1.0)
    }
}

/// Whether a text's content words are mostly Chinese: compared with a text mostly in
/// Latin letters, word lists say little (translations share no words).
pub fn mostly_han(terms: &[TermCount]) -> bool {
    let han: usize = terms
        .iter()
        .filter(|t| t.term.chars().any(super::text::is_han))
        .map(|t| t.count)
        .sum();
    2 * han > sum(terms)
}

/// One theme's share in A and in B (share of paragraphs tagged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeDelta {
    pub theme: usize,
    pub a: f32,
    pub b: f32,
}

impl ThemeDelta {
    /// A's share minus B's.
    pub fn delta(&self) -> f32 {
        self.a - self.b
    }
}

/// Every theme present in A or B with its share in each, largest difference first (ties
/// in lexicon order).
pub fn theme_deltas(a: &Profile, b: &Profile) -> Vec<ThemeDelta> {
    let mut by_theme: BTreeMap<usize, (f32, f32)> = BTreeMap::new();
    for s in &a.themes {
        by_theme.entry(s.theme).or_default().0 = s.paragraph_share;
    }
    for s in &b.themes {
        by_theme.entry(s.theme).or_default().1 = s.paragraph_share;
    }
    let mut out: Vec<ThemeDelta> = by_theme
        .into_iter()
        .map(|(theme, (a, b))| ThemeDelta { theme, a, b })
        .collect();
    out.sort_by(|x, y| {
        y.delta()
            .abs()
            .total_cmp(&x.delta().abs())
            .then(x.theme.cmp(&y.theme))
    });
    out
}

/// Statements of the same state (or the Secretariat) in two documents: (code, index of the
/// part in A, index in B), in A's order. A state speaking twice in a document is paired by
/// its first statement.
pub fn same_speakers(a: &Document, b: &Document) -> Vec<(String, usize, usize)> {
    let codes = |d: &Document| -> Vec<(String, usize)> {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, p) in d.parts.iter().enumerate() {
            if p.kind != PartKind::Annex {
                continue;
            }
            if let Some(code) = p.speaker.as_ref().and_then(|s| s.code.clone()) {
                if !seen.iter().any(|(c, _)| *c == code) {
                    seen.push((code, i));
                }
            }
        }
        seen
    };
    let in_b = codes(b);
    codes(a)
        .into_iter()
        .filter_map(|(code, ia)| {
            in_b.iter()
                .find(|(c, _)| *c == code)
                .map(|(_, ib)| (code, ia, *ib))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, usize)]) -> Vec<TermCount> {
        pairs
            .iter()
            .map(|(t, c)| TermCount {
                term: t.to_string(),
                count: *c,
            })
            .collect()
    }

    #[test]
    fn log_likelihood_matches_a_table_worked_by_hand() {
        // A term seen 30 times in 10 000 words against 10 times in 20 000.
        // E_A = 10000·40/30000 = 13.333…, E_B = 26.666…
        // G² = 2·(30·ln(30/13.333) + 10·ln(10/26.667)) = 2·(24.3279 − 9.8083) = 29.0393
        let g2 = log_likelihood(30, 10, 10_000, 20_000);
        assert!((g2 - 29.0393).abs() < 1e-3, "{g2}");
        // Log ratio: (30/10000)/(10/20000) = 6 → log2 6 = 2.585
        assert!((log_ratio(30, 10, 10_000, 20_000) - 6f64.log2()).abs() < 1e-12);
        // Same rate in both: nothing to tell.
        assert!(log_likelihood(10, 20, 1_000, 2_000).abs() < 1e-12);
        // Absent from B: only A's term of the sum; E_A = 1000·5/3000.
        let expect = 2.0 * 5.0 * (5.0f64 / (1000.0 * 5.0 / 3000.0)).ln();
        assert!((log_likelihood(5, 0, 1_000, 2_000) - expect).abs() < 1e-12);
        // (5/1000)/(0.5/2000) = 20
        assert!((log_ratio(5, 0, 1_000, 2_000) - 20f64.log2()).abs() < 1e-12);
        assert_eq!(log_likelihood(0, 0, 0, 0), 0.0);
    }

    #[test]
    fn keyness_is_signed_and_ordered_both_ways() {
        let a = counts(&[("维和", 30), ("主权", 6), ("业绩", 2)]);
        let b = counts(&[("维和", 10), ("业绩", 12), ("妇女", 5)]);
        let all = keyness(&a, &b, 1_000, 1_000);
        let terms: Vec<&str> = all.iter().map(|k| k.term.as_str()).collect();
        assert_eq!(terms, ["维和", "主权", "妇女", "业绩"]);
        assert!(all[0].g2 > 0.0 && all[3].g2 < 0.0);
        let 业绩 = &all[3];
        assert_eq!((业绩.a, 业绩.b), (2, 12));
        assert!((业绩.g2 + log_likelihood(2, 12, 1_000, 1_000)).abs() < 1e-12);
        let table = keyness_table(&all, 2);
        let a_side: Vec<&str> = table.more_in_a.iter().map(|k| k.term.as_str()).collect();
        let b_side: Vec<&str> = table.more_in_b.iter().map(|k| k.term.as_str()).collect();
        assert_eq!(a_side, ["维和", "主权"]);
        assert_eq!(b_side, ["业绩", "妇女"]);
        let o = overlap(&all, 10);
        assert_eq!(
            o.shared.iter().map(|k| k.term.as_str()).collect::<Vec<_>>(),
            ["维和", "业绩"]
        );
        assert_eq!(o.only_a[0].term, "主权");
        assert_eq!(o.only_b[0].term, "妇女");
    }

    #[test]
    fn tells_chinese_from_latin_texts() {
        assert!(mostly_han(&counts(&[("维和", 3), ("UN", 1)])));
        assert!(!mostly_han(&counts(&[("维和", 1), ("peace", 2)])));
        assert!(!mostly_han(&[]));
    }

    #[test]
    fn a_single_occurrence_is_not_listed_as_key() {
        let all = keyness(&counts(&[("偶然", 1)]), &[], 100, 100);
        assert_eq!(all.len(), 1);
        assert!(keyness_table(&all, 30).more_in_a.is_empty());
    }

    #[test]
    fn cosine_is_one_for_the_same_text_and_zero_for_disjoint_ones() {
        let a = counts(&[("维和", 3), ("主权", 1)]);
        let b = counts(&[("妇女", 2)]);
        let df: crate::core::stats::DocFreqs<&str> = [("维和", 2), ("主权", 1), ("妇女", 1)]
            .into_iter()
            .collect();
        assert!((cosine(&a, &a, &df, 3) - 1.0).abs() < 1e-12);
        assert_eq!(cosine(&a, &b, &df, 3).to_bits(), 0.0f64.to_bits());
        assert_eq!(cosine(&a, &[], &df, 3), 0.0);
        // By hand: idf(维和) = ln(4/3)+1, idf(主权) = ln(4/2)+1; A = (3/4·i1, 1/4·i2),
        // C = (1/2·i1, 1/2·i2).
        let c = counts(&[("维和", 1), ("主权", 1)]);
        let (i1, i2) = ((4.0f64 / 3.0).ln() + 1.0, 2f64.ln() + 1.0);
        let (a1, a2, c1, c2) = (0.75 * i1, 0.25 * i2, 0.5 * i1, 0.5 * i2);
        let expect =
            (a1 * c1 + a2 * c2) / ((a1 * a1 + a2 * a2).sqrt() * (c1 * c1 + c2 * c2).sqrt());
        assert!((cosine(&a, &c, &df, 3) - expect).abs() < 1e-12);
    }
}
