//! Counting words.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::text::FxBuildHasher;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    pub term: String,
    pub count: usize,
}

/// The `n` most frequent terms, ties broken by the term's order so the list is stable.
pub fn top_terms<'a>(words: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<TermCount> {
    let mut counts: TermCounts<'a> = HashMap::default();
    for w in words {
        *counts.entry(Cow::Borrowed(w)).or_default() += 1;
    }
    ranked(counts, n)
}

/// Words counted, keyed by the text's own words where they need no change, so a word is
/// copied once per distinct term rather than once per occurrence. FxHash: every word of a
/// document is counted.
pub type TermCounts<'a> = HashMap<Cow<'a, str>, usize, FxBuildHasher>;

/// The `n` most frequent of `counts`, ties broken by the term's order.
pub fn ranked(counts: TermCounts<'_>, n: usize) -> Vec<TermCount> {
    // Each term's first 16 bytes as a number (zero-padded, big-endian, so numbers order as
    // the bytes do): most ties of count are settled by it without comparing strings, and
    // where prefixes agree the whole terms decide. Terms are distinct, so the order is
    // total and an unstable sort gives the same list.
    let mut all: Vec<(Reverse<usize>, u128, Cow<str>)> = counts
        .into_iter()
        .map(|(term, count)| {
            let mut prefix = [0u8; 16];
            let n = term.len().min(16);
            prefix[..n].copy_from_slice(&term.as_bytes()[..n]);
            (Reverse(count), u128::from_be_bytes(prefix), term)
        })
        .collect();
    all.sort_unstable();
    all.into_iter()
        .take(n)
        .map(|(Reverse(count), _, term)| TermCount {
            term: term.into_owned(),
            count,
        })
        .collect()
}

/// A term that distinguishes one statement from the others in the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyTerm {
    pub term: String,
    pub count: usize,
    pub score: f64,
}

/// TF-IDF key terms of each statement against all the statements given (the workspace:
/// the seed's ten parts are always among them, so a single uploaded letter is still weighed
/// against a background). See [`key_terms_against`] for the formula.
pub fn key_terms(statements: &[&[TermCount]], n: usize) -> Vec<Vec<KeyTerm>> {
    let df = document_frequencies(statements);
    statements
        .iter()
        .map(|st| key_terms_against(st, &df, statements.len(), n))
        .collect()
}

/// Document frequencies: in how many statements each term occurs. FxHash, as every term of
/// every statement of a workspace is counted whenever it changes.
pub type DocFreqs<K> = HashMap<K, usize, FxBuildHasher>;

/// In how many of the statements each term occurs.
pub fn document_frequencies<'a>(statements: &[&'a [TermCount]]) -> DocFreqs<&'a str> {
    let mut df: DocFreqs<&str> = HashMap::default();
    for st in statements {
        for t in st.iter() {
            *df.entry(t.term.as_str()).or_default() += 1;
        }
    }
    df
}

/// Statement document frequencies of the given terms only. One document's key terms need
/// nothing more, and counting into a map of its few thousand terms is much cheaper than
/// building a map of every term of a hundred letters (the page does this when they settle).
pub fn document_frequencies_of<'a>(
    terms: impl IntoIterator<Item = &'a str>,
    statements: &[&[TermCount]],
) -> DocFreqs<&'a str> {
    let mut df: DocFreqs<&str> = terms.into_iter().map(|t| (t, 0)).collect();
    for st in statements {
        for t in st.iter() {
            if let Some(n) = df.get_mut(t.term.as_str()) {
                *n += 1;
            }
        }
    }
    df
}

/// Key terms of `target` (a statement, or a whole document's counts) weighed by statement
/// document frequencies: tf = count / length; idf = ln((1 + N) / (1 + df)), so a term every
/// statement uses scores nothing and is left out. Longer words get a mild bonus
/// (×(1 + 0.15·(chars − 2)), at most ×1.6) so multi-character terms are preferred.
pub fn key_terms_against<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    target: &[TermCount],
    df: &DocFreqs<K>,
    statements: usize,
    n: usize,
) -> Vec<KeyTerm> {
    top_key_terms(
        target.iter().map(|t| (t.term.as_str(), t.count)),
        df,
        statements,
        n,
    )
}

/// [`key_terms_against`] for distinct terms given as borrowed (term, count) pairs in any
/// order. Only the `n` best are sorted and copied: a document has thousands of terms and
/// shows ten, and the page ranks them for every document when letters arrive.
fn top_key_terms<'a, K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    target: impl Iterator<Item = (&'a str, usize)> + Clone,
    df: &DocFreqs<K>,
    statements: usize,
    n: usize,
) -> Vec<KeyTerm> {
    if n == 0 {
        return Vec::new();
    }
    let total = statements as f64;
    let len: usize = target.clone().map(|(_, count)| count).sum();
    let mut scored: Vec<(&str, usize, f64)> = target
        .filter_map(|(term, count)| {
            let tf = count as f64 / len.max(1) as f64;
            let d = df.get(term).copied().unwrap_or(0);
            let idf = ((1.0 + total) / (1.0 + d as f64)).ln();
            let chars = term.chars().count() as f64;
            let bonus = (1.0 + 0.15 * (chars - 2.0).max(0.0)).min(1.6);
            let score = tf * idf * bonus;
            (score > 0.0).then_some((term, count, score))
        })
        .collect();
    // Best score first, then the term's order: a total order over distinct terms, so
    // selecting the first `n` and sorting them gives the head of the fully sorted list.
    let order = |a: &(&str, usize, f64), b: &(&str, usize, f64)| {
        b.2.total_cmp(&a.2).then_with(|| a.0.cmp(b.0))
    };
    if scored.len() > n {
        scored.select_nth_unstable_by(n - 1, order);
        scored.truncate(n);
    }
    scored.sort_unstable_by(order);
    scored
        .into_iter()
        .map(|(term, count, score)| KeyTerm {
            term: term.to_string(),
            count,
            score,
        })
        .collect()
}

/// Key terms of one document: of each of its parts and of the whole.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocKeyTerms {
    pub parts: Vec<Vec<KeyTerm>>,
    pub whole: Vec<KeyTerm>,
}

/// Key terms for a workspace: each document given as its parts' counts; every part of every
/// document is one statement of the background.
pub fn workspace_key_terms(docs: &[Vec<&[TermCount]>], n: usize) -> Vec<DocKeyTerms> {
    let all: Vec<&[TermCount]> = docs.iter().flatten().copied().collect();
    let df = document_frequencies(&all);
    docs.iter()
        .map(|parts| doc_key_terms(parts, &df, all.len(), n))
        .collect()
}

/// Key terms of one document's parts and of the whole, against document frequencies over
/// `statements` statements.
pub fn doc_key_terms<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    parts: &[&[TermCount]],
    df: &DocFreqs<K>,
    statements: usize,
    n: usize,
) -> DocKeyTerms {
    DocKeyTerms {
        parts: parts
            .iter()
            .map(|p| key_terms_against(p, df, statements, n))
            .collect(),
        whole: {
            let sum = summed(parts.iter().copied());
            top_key_terms(sum.iter().map(|(t, c)| (*t, *c)), df, statements, n)
        },
    }
}

/// Each term's count summed over the parts, keyed by the parts' own strings.
fn summed<'a>(
    parts: impl IntoIterator<Item = &'a [TermCount]>,
) -> HashMap<&'a str, usize, FxBuildHasher> {
    let mut sum: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for t in parts.into_iter().flatten() {
        *sum.entry(t.term.as_str()).or_default() += t.count;
    }
    sum
}

/// A document's counts: the sum of its parts' counts, most frequent first.
pub fn merge_counts<'a>(parts: impl IntoIterator<Item = &'a [TermCount]>) -> Vec<TermCount> {
    let mut all: Vec<TermCount> = summed(parts)
        .into_iter()
        .map(|(term, count)| TermCount {
            term: term.to_string(),
            count,
        })
        .collect();
    all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_count_then_term() {
        let words = ["维和", "业绩", "维和", "问责", "业绩", "维和", "安保"];
        let top = top_terms(words, 3);
        let got: Vec<(&str, usize)> = top.iter().map(|t| (t.term.as_str(), t.count)).collect();
        assert_eq!(got, vec![("维和", 3), ("业绩", 2), ("安保", 1)]);
        assert!(top_terms(std::iter::empty(), 10).is_empty());
        // Terms alike in their first 16 bytes, or a prefix of another, or with a NUL.
        let long = [
            "维持和平行动部门甲",
            "维持和平行动部门",
            "维持和平行动部门乙",
            "a\0",
            "a",
            "ab",
        ];
        let top = top_terms(long.iter().copied().chain(long), 10);
        let mut want: Vec<&str> = long.to_vec();
        want.sort();
        let got: Vec<&str> = top.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(got, want);
    }

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
    fn key_terms_weigh_what_is_peculiar_to_a_statement() {
        let a = counts(&[("维和", 4), ("主权", 3)]);
        let b = counts(&[("维和", 4), ("业绩", 3)]);
        let c = counts(&[("维和", 5)]);
        let keys = key_terms(&[&a, &b, &c], 2);
        // 维和 is everywhere; 主权 only in A.
        assert_eq!(keys[0][0].term, "主权");
        assert_eq!(keys[1][0].term, "业绩");
        // By hand: tf(主权 in A) = 3/7, idf = ln(4/2).
        let expect = 3.0 / 7.0 * (4.0f64 / 2.0).ln();
        assert!((keys[0][0].score - expect).abs() < 1e-12);
        // 维和 is in every statement: no key term left for C.
        assert!(keys[2].is_empty());
        // A document made of A and B, weighed by the statements.
        let doc = merge_counts([a.as_slice(), b.as_slice()]);
        assert_eq!(doc[0].term, "维和");
        assert_eq!(doc[0].count, 8);
        let df = document_frequencies(&[&a, &b, &c]);
        let keys = key_terms_against(&doc, &df, 3, 5);
        let terms: Vec<&str> = keys.iter().map(|k| k.term.as_str()).collect();
        assert_eq!(terms, ["业绩", "主权"]);
    }

    #[test]
    fn key_terms_from_the_frequencies_of_a_documents_own_terms_are_the_same() {
        let seed = crate::core::ShippedSeed::shipped().unwrap().analysed;
        let parts: Vec<&[TermCount]> = seed.summary.part_terms().collect();
        // The seed, and a second letter made of its cover and two statements, as a workspace.
        let mut all = parts.clone();
        all.extend(parts.iter().step_by(4).copied());
        assert_eq!(all.len(), 13);
        let full = document_frequencies(&all);
        let own = document_frequencies_of(
            parts.iter().flat_map(|p| p.iter().map(|t| t.term.as_str())),
            &all,
        );
        // Every term of this workspace is one of the seed's.
        assert_eq!(own.len(), full.len());
        for (t, n) in &own {
            assert_eq!(full.get(t), Some(n), "{t}");
        }
        assert_eq!(own.get("维持和平"), full.get("维持和平"));
        assert!(own.values().any(|&n| n == 13));
        assert!(own.values().any(|&n| n == 1));
        let want = doc_key_terms(&parts, &full, all.len(), 8);
        let got = doc_key_terms(&parts, &own, all.len(), 8);
        assert_eq!(got, want);
        assert_eq!(got.parts.len(), 10);
        assert_eq!(got.whole.len(), 8);
        // The terms of another letter are not counted.
        let other = counts(&[("维和", 1), ("不在种子里的词", 2)]);
        let own = document_frequencies_of(["维和"], &[&other, &other]);
        assert_eq!(own.len(), 1);
        assert_eq!(own.get("维和"), Some(&2));
    }

    #[test]
    fn the_best_key_terms_are_the_head_of_the_fully_ranked_list() {
        let seed = crate::core::ShippedSeed::shipped().unwrap().analysed;
        let parts: Vec<&[TermCount]> = seed.summary.part_terms().collect();
        // Half the seed's parts as the background, so some terms score nothing.
        let background: Vec<&[TermCount]> = parts.iter().step_by(2).copied().collect();
        let df = document_frequencies(&background);
        for (i, p) in parts.iter().enumerate() {
            let all = key_terms_against(p, &df, background.len(), usize::MAX);
            assert!(all.len() > 20, "part {i}: {}", all.len());
            assert!(
                all.len() < p.len(),
                "part {i}: terms of every statement score 0"
            );
            for n in [0, 1, 10, all.len(), all.len() + 1] {
                let best = key_terms_against(p, &df, background.len(), n);
                assert_eq!(best, all[..n.min(all.len())], "part {i}, n = {n}");
            }
            // Ranked by score, ties by term.
            assert!(all
                .windows(2)
                .all(|w| w[0].score > w[1].score
                    || (w[0].score == w[1].score && w[0].term < w[1].term)));
        }
        // The whole document: its parts' counts summed, then ranked the same way.
        let whole = doc_key_terms(&parts, &df, background.len(), 12).whole;
        let merged = merge_counts(parts.iter().copied());
        assert_eq!(whole, key_terms_against(&merged, &df, background.len(), 12));
        assert_eq!(whole.len(), 12);
    }
}
