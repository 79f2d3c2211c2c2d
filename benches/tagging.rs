//! Theme tagging against the hand-labelled gold set (tests/fixtures/tag-gold.tsv: every
//! paragraph of the seed, labelled from the theme definitions, not from the cue lexicon).
//! Prints micro and macro precision/recall/F1 and per-theme figures.
//! Run: `cargo bench --bench tagging`.

use std::collections::{BTreeMap, HashSet};

use unsc_lens::core::analysis::{read_structure, Analyzer};
use unsc_lens::core::SEED_ZH;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn prf(c: Counts) -> (f64, f64, f64) {
    let p = if c.tp + c.fp == 0 {
        0.0
    } else {
        c.tp as f64 / (c.tp + c.fp) as f64
    };
    let r = if c.tp + c.fn_ == 0 {
        0.0
    } else {
        c.tp as f64 / (c.tp + c.fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn main() {
    let gold_src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tag-gold.tsv"
    ))
    .expect("tag-gold.tsv");
    let an = Analyzer::default();
    let doc = read_structure(SEED_ZH);
    let tagged = an.tagger.tag_document(&an.seg, &doc);
    let ids: Vec<&str> = an
        .tagger
        .lexicon
        .themes
        .iter()
        .map(|t| t.id.as_str())
        .collect();

    let mut per_theme: BTreeMap<&str, Counts> =
        ids.iter().map(|id| (*id, Counts::default())).collect();
    let mut rows = 0;
    for line in gold_src
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (part, para): (usize, usize) = (cols[0].parse().unwrap(), cols[1].parse().unwrap());
        let start = cols[3];
        let text = doc.slice(doc.parts[part].paragraphs[para]);
        assert!(
            text.starts_with(start),
            "gold row {part}/{para} is misaligned: {start:?} vs {text:?}"
        );
        let gold: HashSet<&str> = cols[2].split(',').filter(|t| *t != "-").collect();
        let pred: HashSet<&str> = tagged.parts[part].paragraphs[para]
            .tags
            .iter()
            .map(|(t, _)| ids[*t])
            .collect();
        for id in &ids {
            let c = per_theme.get_mut(id).unwrap();
            match (gold.contains(id), pred.contains(id)) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
        }
        rows += 1;
    }

    let micro = per_theme.values().fold(Counts::default(), |a, c| Counts {
        tp: a.tp + c.tp,
        fp: a.fp + c.fp,
        fn_: a.fn_ + c.fn_,
    });
    // Macro over the themes the gold uses at least once.
    let used: Vec<(f64, f64, f64)> = per_theme
        .values()
        .filter(|c| c.tp + c.fn_ > 0)
        .map(|c| prf(*c))
        .collect();
    let n = used.len() as f64;
    let macro_ = used.iter().fold((0.0, 0.0, 0.0), |a, x| {
        (a.0 + x.0 / n, a.1 + x.1 / n, a.2 + x.2 / n)
    });

    println!("gold paragraphs: {rows}; themes in gold: {}", used.len());
    println!("\n| average | P | R | F1 |\n| --- | ---: | ---: | ---: |");
    let (p, r, f) = prf(micro);
    println!("| micro | {p:.3} | {r:.3} | {f:.3} |");
    println!(
        "| macro (themes in gold) | {:.3} | {:.3} | {:.3} |",
        macro_.0, macro_.1, macro_.2
    );
    println!("\n| theme | gold | predicted | TP | P | R | F1 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (id, c) in &per_theme {
        let (p, r, f) = prf(*c);
        println!(
            "| {id} | {} | {} | {} | {p:.2} | {r:.2} | {f:.2} |",
            c.tp + c.fn_,
            c.tp + c.fp,
            c.tp
        );
    }
}
