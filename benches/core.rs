//! Native timings of the core's stages on the seed and its fixtures, with plain jieba-rs
//! segmentation of the same text as the baseline measured in the same run.
//! Run: `cargo bench --bench core` (prints a markdown table).

use std::hint::black_box;
use std::time::{Duration, Instant};

use unsc_lens::core::analysis::{analyse, read_structure, summarise, Analyzer};
use unsc_lens::core::clean::clean;
use unsc_lens::core::entities::find_entities;
use unsc_lens::core::ingest::decode;
use unsc_lens::core::segment::Segmenter;
use unsc_lens::core::SEED_ZH;

const RUNS: usize = 15;

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, Duration) {
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    samples.sort();
    (samples[RUNS / 2], samples[0], samples[RUNS - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect(name)
}

fn main() {
    let an = Analyzer::default();
    let seg = &an.seg;
    let jieba = jieba_rs::Jieba::new();
    let doc = read_structure(SEED_ZH);
    let docx = fixture("seed.docx");
    let pdf = fixture("seed.pdf");
    let gb = fixture("seed.gb18030.txt");

    let baseline = time(|| jieba.cut(SEED_ZH, true).len());
    let rows: Vec<(&str, (Duration, Duration, Duration))> = vec![
        ("baseline: plain jieba-rs cut of the seed (HMM)", baseline),
        ("clean the seed", time(|| clean(SEED_ZH))),
        (
            "clean + structure + entities (read_structure)",
            time(|| read_structure(SEED_ZH)),
        ),
        ("entities alone", time(|| find_entities(&doc.text))),
        (
            "segment + count every part (summarise)",
            time(|| summarise(&doc, seg)),
        ),
        (
            "decode seed.gb18030.txt",
            time(|| decode("seed.gb18030.txt", &gb)),
        ),
        ("decode seed.docx", time(|| decode("seed.docx", &docx))),
        (
            "decode seed.pdf (22 pages)",
            time(|| decode("seed.pdf", &pdf)),
        ),
        (
            "whole pipeline on seed.gb18030.txt (analyse)",
            time(|| analyse("seed.gb18030.txt", &gb, &an)),
        ),
        (
            "Segmenter::new (jieba dictionary + UN terms)",
            time(Segmenter::new),
        ),
    ];

    println!("| stage ({RUNS} runs) | median ms | min ms | max ms | × baseline |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, (med, min, max)) in rows {
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |",
            ms(med),
            ms(min),
            ms(max),
            ms(med) / ms(baseline.0)
        );
    }
    let mb = SEED_ZH.len() as f64 / 1e6;
    let (whole, _, _) = time(|| analyse("seed.txt", SEED_ZH.as_bytes(), &an));
    println!(
        "\nseed: {:.3} MB; baseline {:.1} MB/s; whole pipeline {:.1} MB/s",
        mb,
        mb / baseline.0.as_secs_f64(),
        mb / whole.as_secs_f64()
    );
}
