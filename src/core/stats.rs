//! Counting words.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    pub term: String,
    pub count: usize,
}

/// The `n` most frequent terms, ties broken by the term's order so the list is stable.
pub fn top_terms<'a>(words: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<TermCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in words {
        *counts.entry(w).or_default() += 1;
    }
    let mut all: Vec<(&str, usize)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    all.into_iter()
        .take(n)
        .map(|(term, count)| TermCount {
            term: term.to_string(),
            count,
        })
        .collect()
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
    }
}
