//! Segmentation accuracy against the hand-segmented gold set `tests/fixtures/seg-gold.txt`:
//! plain jieba-rs versus the project's segmenter (jieba-rs + the UN user dictionary).
//! Run: `cargo bench --bench segmentation` (prints markdown).
//!
//! Scoring is the standard word-level one: a predicted word is correct iff a gold word has
//! exactly the same byte span. Comparing spans rather than strings keeps a word that happens
//! to appear elsewhere in the sentence from counting as a hit.

use std::collections::{BTreeMap, HashSet};

use jieba_rs::Jieba;
use unsc_lens::core::segment::{is_word, Segmenter};
use unsc_lens::core::text::{is_space, Span};

/// One gold sentence: the text (gold tokens joined) and the gold tokens as spans into it.
struct Gold {
    text: String,
    spans: Vec<Span>,
}

fn read_gold() -> Vec<Gold> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seg-gold.txt");
    let src = std::fs::read_to_string(path).expect("tests/fixtures/seg-gold.txt");
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            // Spans come from the gold tokens themselves, so "spaces removed" and "gold
            // spans" cannot disagree.
            let mut text = String::new();
            let mut spans = Vec::new();
            for tok in line.split(' ') {
                assert!(!tok.is_empty(), "double space in gold line: {line}");
                let start = text.len();
                text.push_str(tok);
                spans.push(Span::new(start, text.len()));
            }
            Gold { text, spans }
        })
        .collect()
}

/// Totals for one system over the whole gold set.
#[derive(Default)]
struct Score {
    predicted: usize,
    gold: usize,
    correct: usize,
    oov_gold: usize,
    oov_correct: usize,
    missed: Misses,
}

/// Gold word missed → (how often, what the system produced instead → how often).
type Misses = BTreeMap<String, (usize, BTreeMap<String, usize>)>;

/// Records that `gold` was missed, with what the system cut there instead: every predicted
/// token overlapping the gold word, so 大流行 shows up as `大 / 流行`.
fn count_miss(misses: &mut Misses, g: &Gold, gold: Span, predicted: &[Span]) {
    let got: Vec<&str> = predicted
        .iter()
        .filter(|p| p.start < gold.end && gold.start < p.end)
        .map(|p| p.slice(&g.text))
        .collect();
    let entry = misses.entry(gold.slice(&g.text).to_string()).or_default();
    entry.0 += 1;
    *entry.1.entry(got.join(" / ")).or_default() += 1;
}

impl Score {
    fn add(&mut self, g: &Gold, predicted: &[Span], oov: &dyn Fn(&str) -> bool) {
        let pred: HashSet<(usize, usize)> = predicted.iter().map(|s| (s.start, s.end)).collect();
        self.predicted += pred.len();
        self.gold += g.spans.len();
        for s in &g.spans {
            let word = s.slice(&g.text);
            let hit = pred.contains(&(s.start, s.end));
            self.correct += hit as usize;
            if oov(word) {
                self.oov_gold += 1;
                self.oov_correct += hit as usize;
            }
            if !hit {
                count_miss(&mut self.missed, g, *s, predicted);
            }
        }
    }

    fn row(&self, name: &str, sentences: usize) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.correct, self.predicted);
        let r = ratio(self.correct, self.gold);
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        let oov = ratio(self.oov_correct, self.oov_gold);
        format!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} ({}/{}) | {sentences} | {} |",
            100.0 * p,
            100.0 * r,
            100.0 * f1,
            100.0 * oov,
            self.oov_correct,
            self.oov_gold,
            self.gold
        )
    }
}

/// Scores one segmenter over the gold set; `plain` spans per sentence give the "lost" list.
fn score(gold: &[Gold], seg: &Segmenter, oov: &dyn Fn(&str) -> bool) -> Score {
    let mut s = Score::default();
    for g in gold {
        s.add(g, &seg.tokens(&g.text, Span::new(0, g.text.len())), oov);
    }
    s
}

fn main() {
    let gold = read_gold();
    let plain = Jieba::new();
    let ours = Segmenter::new();
    // OOV is judged against plain jieba's dictionary, for both systems, so the column shows
    // what the UN dictionary adds. Only words (tokens with a letter, the project's own
    // `is_word`) count: punctuation and digit runs are never dictionary entries and both
    // systems split them by rule, so including them would swamp the column.
    let oov = |w: &str| is_word(w) && !plain.has_word(w);

    let (mut plain_score, mut our_score) = (Score::default(), Score::default());
    // Gold words plain jieba gets right and ours does not: where the UN dictionary hurts.
    let mut lost = Misses::new();
    for g in &gold {
        let p: Vec<Span> = plain
            .cut(&g.text, true)
            .into_iter()
            .filter(|t| !t.word.chars().all(is_space))
            .map(|t| Span::new(t.byte_start, t.byte_end))
            .collect();
        plain_score.add(g, &p, &oov);
        let o = ours.tokens(&g.text, Span::new(0, g.text.len()));
        our_score.add(g, &o, &oov);
        for s in &g.spans {
            if p.contains(s) && !o.contains(s) {
                count_miss(&mut lost, g, *s, &o);
            }
        }
        // SEG_DUMP=1 prints every sentence where ours disagrees with the gold, for review.
        if std::env::var_os("SEG_DUMP").is_some() && o != g.spans {
            let show = |s: &[Span]| {
                s.iter()
                    .map(|s| s.slice(&g.text))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            println!("gold: {}\nours: {}\n", show(&g.spans), show(&o));
        }
    }
    // The same UN terms on jieba's full dictionary: what trimming the word list costs.
    let full_score = score(&gold, &Segmenter::with_jieba(Jieba::new()), &oov);
    // SEG_DICTS=a.txt,b.txt scores other word lists (e.g. `scripts/trim-dict 5 /tmp/d5.txt`).
    let other_scores: Vec<(String, Score)> = std::env::var("SEG_DICTS")
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|path| {
            let text = std::fs::read_to_string(path).expect(path);
            let jieba = Jieba::with_dict(&mut text.as_bytes()).expect(path);
            let words = text.lines().count();
            (
                format!("ours on `{path}` ({words} words)"),
                score(&gold, &Segmenter::with_jieba(jieba), &oov),
            )
        })
        .collect();

    // The date comes from `date` so the bench needs nothing beyond std; omitted if absent.
    let date = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|d| !d.is_empty());

    println!(
        "## Segmentation accuracy{}",
        date.map(|d| format!(" ({d})")).unwrap_or_default()
    );
    println!();
    println!("Command: `cargo bench --bench segmentation` (gold: `tests/fixtures/seg-gold.txt`, hand-segmented).");
    println!("P, R, F1 in %, word level by exact byte span. OOV recall: recall on gold words (tokens with a");
    println!("letter) that plain jieba-rs's dictionary lacks (`has_word` false), correct/total in brackets.");
    println!();
    println!("| system | P | R | F1 | OOV recall | sentences | gold words |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    println!(
        "{}",
        plain_score.row("plain jieba-rs 0.11 (`cut`, HMM)", gold.len())
    );
    println!(
        "{}",
        full_score.row(
            "ours on jieba's full dictionary (349 045 words) + UN dictionary",
            gold.len()
        )
    );
    println!(
        "{}",
        our_score.row(
            "ours (`Segmenter`: trimmed `data/jieba-dict.txt` + UN dictionary)",
            gold.len()
        )
    );
    for (name, s) in &other_scores {
        println!("{}", s.row(name, gold.len()));
    }
    println!();

    // The words ours misses most often, with what it produced instead: the work list for
    // `data/userdict.tsv` (or for the gold's convention, if the disagreement is one).
    let mut missed: Vec<_> = our_score.missed.iter().collect();
    missed.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    println!("Most frequent errors of ours (gold word missed):");
    println!();
    print_missed(missed.iter().take(10));

    // The same restricted to words plain jieba's dictionary lacks: these are the candidates
    // for the UN dictionary; most of the list above is granularity (jieba joins 这是, 一部分).
    println!();
    println!("Most frequent errors of ours on OOV gold words:");
    println!();
    print_missed(missed.iter().filter(|(w, _)| oov(w)).take(10));

    let mut lost: Vec<_> = lost.iter().collect();
    lost.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    println!();
    println!(
        "Gold words plain jieba-rs gets right and ours misses ({} in all):",
        lost.iter().map(|(_, (n, _))| n).sum::<usize>()
    );
    println!();
    print_missed(lost.iter().take(10));
}

type Missed<'a> = (&'a String, &'a (usize, BTreeMap<String, usize>));

/// The rows of a miss table, most frequent first as sorted by the caller.
fn print_missed<'a>(rows: impl Iterator<Item = &'a Missed<'a>>) {
    println!("| gold word | missed | ours cut it as (most often) |");
    println!("| --- | ---: | --- |");
    for (word, (n, got)) in rows {
        let top = got
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s.as_str())
            .unwrap_or("");
        println!("| {word} | {n} | {top} |");
    }
}
