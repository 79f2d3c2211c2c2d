//! Native timings of the core's stages on the seed and its fixtures, with plain jieba-rs
//! segmentation of the same text as the baseline measured in the same run; then the same
//! stages summed over the ≈ 5 MB corpus of 100 letters that `scripts/bench-cli` builds (one
//! thread, no process start-up or file I/O), against plain jieba-rs over the same texts.
//! Run: `cargo bench --bench core` (prints two markdown tables).

use std::hint::black_box;
use std::time::{Duration, Instant};

use unsc_lens::core::analysis::{
    analyse, drop_split_names, read_structure, summarise, summarise_segmented, Analyzer,
};
use unsc_lens::core::clean::clean;
use unsc_lens::core::entities::find_entities;
use unsc_lens::core::gazetteer::{body_matcher, state_matcher};
use unsc_lens::core::ingest::decode;
use unsc_lens::core::segment::Segmenter;
use unsc_lens::core::structure::{annex_label, language_marker, structure};
use unsc_lens::core::text::{display_width, is_space, Folded};
use unsc_lens::core::SEED_ZH;

const RUNS: usize = 15;
/// One pass over the corpus takes about a second or two, so fewer runs there.
const CORPUS_RUNS: usize = 5;

type Timing = (Duration, Duration, Duration);

/// Median, min and max of `runs` calls of `f`.
fn time_n<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    samples.sort();
    (samples[runs / 2], samples[0], samples[runs - 1])
}

fn time<T>(f: impl FnMut() -> T) -> Timing {
    time_n(RUNS, f)
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

const NUMERALS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `附件一` … `附件九` alone on a line (surrounding spaces allowed).
fn is_annex_label(line: &str) -> bool {
    let mut rest = match line.trim().strip_prefix("附件") {
        Some(r) => r.chars(),
        None => return false,
    };
    matches!((rest.next(), rest.next()), (Some(c), None) if NUMERALS.contains(&c))
}

/// The corpus of `scripts/bench-cli`, file name and bytes: the seed with its nine annexes in
/// 90 orders (rotation `i % 9`, reversed from 45 on, re-labelled 附件一 … in order), then 10
/// English letters of the English fixture eight times over, joined by blank lines.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let seed: Vec<&str> = SEED_ZH.split('\n').collect();
    let labels: Vec<usize> = (0..seed.len())
        .filter(|&i| is_annex_label(seed[i]))
        .collect();
    assert_eq!(labels.len(), 9, "annex labels of the seed: {labels:?}");
    let cover = &seed[..labels[0]];
    let ends: Vec<usize> = labels[1..].iter().copied().chain([seed.len()]).collect();
    let bodies: Vec<&[&str]> = labels
        .iter()
        .zip(&ends)
        .map(|(&a, &b)| &seed[a + 1..b])
        .collect();
    let mut out = Vec::new();
    for i in 0..90 {
        let k = i % 9;
        let mut order: Vec<&[&str]> = bodies[k..].iter().chain(&bodies[..k]).copied().collect();
        if i >= 45 {
            order.reverse();
        }
        let mut lines: Vec<String> = cover.iter().map(|l| l.to_string()).collect();
        for (n, body) in order.iter().enumerate() {
            lines.push(format!("附件{}", NUMERALS[n]));
            lines.extend(body.iter().map(|l| l.to_string()));
        }
        out.push((format!("zh-{i:03}.txt"), lines.join("\n").into_bytes()));
    }
    let english = String::from_utf8(fixture("english-letter.txt")).expect("UTF-8 fixture");
    for i in 0..10 {
        let text = [english.as_str(); 8].join("\n\n");
        out.push((format!("en-{i:03}.txt"), text.into_bytes()));
    }
    out
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

    corpus_table();
}

fn corpus_table() {
    let letters = corpus();
    // Outside timing: a broken corpus must not produce fast numbers.
    assert!(letters.len() == 100, "{} letters", letters.len());
    let an = Analyzer::default();
    for (name, bytes) in &letters {
        let a = analyse(name, bytes, &an);
        assert!(a.is_ok(), "{name}: {a:?}");
        let a = a.unwrap();
        if name.starts_with("zh-") {
            assert!(a.doc.annexes().count() == 9, "{name}: not nine annexes");
        }
        assert!(a.summary.word_count > 1000, "{name}: too few words");
    }
    let bytes: usize = letters.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 / 1e6;

    // Each stage's input, computed outside timing.
    let texts: Vec<String> = letters
        .iter()
        .map(|(name, b)| decode(name, b).expect(name).text)
        .collect();
    let cleaned: Vec<_> = texts.iter().map(|t| clean(t)).collect();
    let docs: Vec<_> = texts.iter().map(|t| read_structure(t)).collect();
    let tokens: Vec<_> = docs
        .iter()
        .map(|d| an.seg.segment_document(&d.text))
        .collect();
    let jieba = jieba_rs::Jieba::new();

    let baseline = time_n(CORPUS_RUNS, || {
        texts
            .iter()
            .map(|t| jieba.cut(t, true).len())
            .sum::<usize>()
    });
    let each = |f: &dyn Fn(usize) -> usize| {
        time_n(CORPUS_RUNS, || (0..letters.len()).map(f).sum::<usize>())
    };
    let rows: Vec<(&str, Timing, bool)> = vec![
        (
            "baseline: plain jieba-rs cut of every letter (HMM)",
            baseline,
            true,
        ),
        (
            "decode (ingest::decode)",
            each(&|i| black_box(decode(&letters[i].0, &letters[i].1)).is_ok() as usize),
            true,
        ),
        (
            "clean",
            each(&|i| black_box(clean(&texts[i])).blocks.len()),
            true,
        ),
        (
            "structure alone (structure, incl. entities)",
            each(&|i| black_box(structure(&cleaned[i])).parts.len()),
            true,
        ),
        (
            "clean + structure + entities (read_structure)",
            each(&|i| black_box(read_structure(&texts[i])).parts.len()),
            true,
        ),
        (
            "entities alone (find_entities)",
            each(&|i| black_box(find_entities(&docs[i].text)).len()),
            true,
        ),
        (
            "segment every block alone (Segmenter::segment_document)",
            each(&|i| {
                black_box(an.seg.segment_document(&docs[i].text))
                    .all()
                    .count()
            }),
            true,
        ),
        (
            "count, words given (summarise_segmented)",
            each(&|i| black_box(summarise_segmented(&docs[i], &an.seg, &tokens[i])).word_count),
            true,
        ),
        (
            "segment + count (summarise)",
            each(&|i| black_box(summarise(&docs[i], &an.seg)).word_count),
            true,
        ),
        (
            "drop split names, words given (drop_split_names, on a clone of the document)",
            each(&|i| {
                let mut d = docs[i].clone();
                drop_split_names(&mut d, &tokens[i]);
                d.entities.len()
            }),
            true,
        ),
        (
            "theme tagging, words given (Tagger::tag_segmented)",
            each(&|i| {
                black_box(an.tagger.tag_segmented(&docs[i], &tokens[i]))
                    .parts
                    .len()
            }),
            true,
        ),
        (
            "segment + theme tagging (Tagger::tag_document)",
            each(&|i| {
                black_box(an.tagger.tag_document(&an.seg, &docs[i]))
                    .parts
                    .len()
            }),
            true,
        ),
        (
            "whole pipeline (analyse)",
            each(&|i| black_box(analyse(&letters[i].0, &letters[i].1, &an)).is_ok() as usize),
            true,
        ),
        (
            "Analyzer::default (dictionary + UN terms + lexicon), once",
            time_n(CORPUS_RUNS, Analyzer::default),
            false,
        ),
    ];

    // Sub-steps of the stages above, re-timed through public functions on the same
    // inputs, to show where the time goes inside clean and entities.
    let lines: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| {
            t.lines()
                .map(|l| l.trim_matches(is_space))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect();
    let folded: Vec<Folded> = docs.iter().map(|d| Folded::new(&d.text)).collect();
    let n_lines: usize = lines.iter().map(Vec::len).sum();
    let n_words: usize = tokens.iter().map(|t| t.all().count()).sum();
    let sub: Vec<(&str, Timing, bool)> = vec![
        (
            "clean: annex_label + language_marker of every text line",
            each(&|i| {
                lines[i]
                    .iter()
                    .filter(|l| annex_label(l).is_some() || language_marker(l).is_some())
                    .count()
            }),
            true,
        ),
        (
            "clean: display_width of every text line",
            each(&|i| lines[i].iter().map(|l| display_width(l)).sum()),
            true,
        ),
        (
            "entities: Folded::new of each text",
            each(&|i| Folded::new(&docs[i].text).text.len()),
            true,
        ),
        (
            "entities: body_matcher + state_matcher NameMatcher::find on the folded text",
            each(&|i| {
                let t = folded[i].text.as_str();
                body_matcher().find(t).len() + state_matcher().find(t).len()
            }),
            true,
        ),
    ];

    println!(
        "\n### Corpus of scripts/bench-cli: {} letters, {mb:.2} MB ({bytes} bytes) of UTF-8 text, one thread\n",
        letters.len()
    );
    print_table(
        &format!("stage, summed over the corpus ({CORPUS_RUNS} runs)"),
        &rows,
        baseline,
        mb,
    );
    println!(
        "\n#### Sub-steps on the same corpus ({n_lines} text lines, {n_words} words), to show where the time goes\n"
    );
    print_table(
        &format!("sub-step, summed over the corpus ({CORPUS_RUNS} runs)"),
        &sub,
        baseline,
        mb,
    );
}

/// One markdown table: median, min, max, × the baseline's median and, for stages that
/// read the whole corpus, MB/s.
fn print_table(head: &str, rows: &[(&str, Timing, bool)], baseline: Timing, mb: f64) {
    println!("| {head} | median ms | min ms | max ms | × baseline | MB/s |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, (med, min, max), per_byte) in rows {
        let rate = if *per_byte {
            format!("{:.1}", mb / med.as_secs_f64())
        } else {
            "—".to_string()
        };
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} | {:.2} | {rate} |",
            ms(*med),
            ms(*min),
            ms(*max),
            ms(*med) / ms(baseline.0)
        );
    }
}
