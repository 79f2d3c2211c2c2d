//! Nothing a user can hand over makes the pipeline panic: arbitrary bytes, hostile text,
//! text behind random byte-order marks and the real fixtures truncated, flipped and
//! spliced all go through the whole `analyse` (ingest → clean → structure → segment →
//! count → tag) and come out as a result or a typed `IngestError`.
//!
//! Case counts are kept modest so the file runs in well under a minute in a debug build;
//! `PROPTEST_CASES=2000 cargo test --release --test no_panic` raises every one of them.
//! `tests/fixtures/crashers/` holds inputs worth replaying on every run (see its README).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use unsc_lens::core::analysis::{analyse, read_structure, Analysed, Analyzer};
use unsc_lens::core::ingest::decode;
use unsc_lens::core::SEED_ZH;

/// The segmenter's dictionary is built once for the whole file.
fn analyzer() -> &'static Analyzer {
    static AN: OnceLock<Analyzer> = OnceLock::new();
    AN.get_or_init(Analyzer::default)
}

/// `cases` unless `PROPTEST_CASES` asks for more.
fn cases(default: u32) -> ProptestConfig {
    let env: Option<u32> = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig {
        cases: env.unwrap_or(default),
        // Shrinking a slow PDF case can take long; a failure is reported with what it has.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What every successful analysis must satisfy: spans inside the text on character
/// boundaries, one summary and one theme profile per part.
fn check(a: &Analysed) -> Result<(), TestCaseError> {
    let text = &a.doc.text;
    let ok =
        |s: &unsc_lens::core::text::Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    for p in &a.doc.parts {
        for s in p
            .paragraphs
            .iter()
            .chain(p.label.iter())
            .chain(p.heading.iter())
            .chain(p.language_marker.iter())
        {
            prop_assert!(
                ok(s),
                "span {:?} outside the text ({} bytes)",
                s,
                text.len()
            );
        }
    }
    for e in &a.doc.entities {
        prop_assert!(ok(&e.span), "entity {:?}", e);
    }
    prop_assert_eq!(a.summary.parts.len(), a.doc.parts.len());
    prop_assert_eq!(a.themes.parts.len(), a.doc.parts.len());
    for (pt, p) in a.themes.parts.iter().zip(&a.doc.parts) {
        prop_assert_eq!(pt.paragraphs.len(), p.paragraphs.len());
        for h in pt.paragraphs.iter().flat_map(|p| &p.hits) {
            prop_assert!(ok(&h.span), "hit {:?}", h);
        }
    }
    Ok(())
}

/// The whole pipeline; a typed error is as good as a result.
fn run(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match analyse(name, bytes, analyzer()) {
        Ok(a) => check(&a),
        Err(e) => {
            // Every error must be able to explain itself.
            prop_assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
            Ok(())
        }
    }
}

/// Pieces of UN letters and the characters that break naive text handling.
const FRAGMENTS: &[&str] = &[
    // structure
    "附件一",
    "附件九",
    "附 件 十二",
    "附件",
    "附件所载",
    "2021年3月2日中国常驻联合国代表给秘书长的信的附件",
    "Annex II",
    "ANNEX 3",
    "Annex",
    "Annex IIIIIIIIIIIIIIIIIIII",
    "Annex to the letter dated 1 March 2024 from",
    "to the United Nations addressed to",
    "[原件：英文]",
    "[原件:英文和法文]",
    "（原件：中文）",
    "[Original: English and French]",
    "[原件：]",
    "中国常驻联合国副代表耿爽的发言",
    "主管和平行动副秘书长让-皮埃尔•拉克鲁瓦的发言",
    "2021年3月1日中华人民共和国常驻联合国代表团关于维和的声明",
    "Statement by the Permanent Representative of Estonia to the United Nations, Sven Jürgenson",
    "2020年9月16日安全理事会主席给秘书长的信",
    "Letter dated 20 May 2021 from the President",
    "安全理事会主席",
    "阿卜杜•阿巴里(签名)",
    "(Signed) Tarek Ladeb",
    "在2020年9月14日星期一召开的关于“联合国维和行动”的视频会议上",
    "on “",
    // furniture
    "S/2020/911",
    "S/PRST/2021/5",
    "S/RES/2538 (2020)",
    "20-12063",
    "20-12063\u{FFFD} 5/20",
    "20/20\u{FFFD} 20-12063",
    "20-12063 (C)",
    "*2012063*",
    "Distr.: General",
    "United Nations                 S/2024/1234",
    // entities
    "第2436（2018）号决议",
    "第2378(2017)号和第2436(2018)号决议",
    "第２４３６（２０１８）号决议",
    "第",
    "号",
    "决议",
    "resolution 2436 (2018)",
    "resolutions 2378 (2017), 2436 (2018) and 2538 (2020)",
    "Ｓ／２０２０／３７２",
    "S/x.",
    "S/",
    "马里稳定团",
    "MINUSMA",
    "中国",
    "进程中国际",
    "Oman",
    "2020年13月40日",
    "0001 May 0001",
    // words
    "维和",
    "维",
    "联合国维和行动",
    "妇女、和平与安全",
    "COVID-19",
    "the",
    "Women",
    "a",
    // punctuation
    "。",
    ".",
    "，",
    ",",
    "：",
    "”",
    "“",
    "——",
    "(",
    ")",
    "（",
    "）",
    "[",
    "]",
    "【",
    "】",
    "&amp;",
    "<p>",
    "<",
    ">",
    // breaks and spaces
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    "\r",
    "\r\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{0B}",
    "\u{0C}",
    " ",
    "    ",
    "\t",
    "\u{3000}",
    "\u{A0}",
    // invisible and odd code points
    "\u{202E}",
    "\u{202D}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0301}",
    "\u{0300}\u{0308}\u{0327}",
    "e\u{0301}",
    "\0",
    "\u{1}",
    "\u{7F}",
    "\u{FFFD}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{E000}",
    "\u{F8FF}",
    "\u{10FFFF}",
    "\u{1F600}",
    "\u{1F1E8}\u{1F1F3}",
    "\u{20000}",
    "\u{2EBEF}",
    "\u{FDD0}",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(FRAGMENTS).prop_map(String::from),
        // any::<char>() never yields a surrogate: every other code point may come.
        1 => any::<char>().prop_map(String::from),
        1 => "[\\p{Han}\\PC]{0,12}",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..160).prop_map(|v| v.concat())
}

/// Byte-order marks, right, wrong and half.
const BOMS: &[&[u8]] = &[
    b"",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\xFF\xFE\x00\x00",
    b"\x00\x00\xFE\xFF",
    b"\x84\x31\x95\x33",
    b"+/v8",
    b"\xEF\xBB",
    b"\xEF\xBB\xBF\xEF\xBB\xBF",
    b"\xFF",
];

fn encode(text: &str, how: u8) -> Vec<u8> {
    match how % 4 {
        0 => text.as_bytes().to_vec(),
        1 => text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
        2 => text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
        _ => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

/// One damage done to a file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: usize,
        xor: u8,
    },
    Truncate {
        at: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    /// A piece of the file copied over another place (keeps the file's own syntax).
    Splice {
        from: usize,
        len: usize,
        to: usize,
    },
    /// Bytes that mean something to the parsers, dropped in.
    Token {
        at: usize,
        token: &'static [u8],
    },
}

const TOKENS: &[&[u8]] = &[
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"<w:p>",
    b"</w:t>",
    b"<w:t>",
    b"&#xD800;",
    b"&#0;",
    b"&unknown;",
    b"<![CDATA[",
    b"<!--",
    b"<script>",
    b"</",
    b"obj",
    b"endobj",
    b"stream\n",
    b"endstream",
    b"xref\n0 99999999\n",
    b"trailer",
    b"startxref\n0\n%%EOF",
    b"/Length 999999999",
    b"/Length -1",
    b"/Count 2147483647",
    b"/Kids [1 0 R]",
    b"/Parent 3 0 R",
    b"/Filter /FlateDecode",
    b"9999999999 0 R",
    b"<<",
    b">>",
    b"(",
    b"\\",
    b"\xFF\xFE",
    b"\x00",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 1u8..=255).prop_map(|(at, xor)| Mutation::Flip { at, xor }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), 0usize..4096).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 0..64))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (any::<usize>(), 0usize..2048, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Splice { from, len, to }),
        2 => (any::<usize>(), proptest::sample::select(TOKENS))
            .prop_map(|(at, token)| Mutation::Token { at, token }),
    ]
}

fn mutate(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        // Positions are taken modulo the current length (+1 for "at the end").
        let pos = |at: usize, b: &Vec<u8>| at % (b.len() + 1);
        match m {
            Mutation::Flip { at, xor } => {
                if !b.is_empty() {
                    let i = at % b.len();
                    b[i] ^= xor;
                }
            }
            Mutation::Truncate { at } => {
                let i = pos(*at, &b);
                b.truncate(i);
            }
            Mutation::Delete { at, len } => {
                let i = pos(*at, &b);
                let end = (i + len).min(b.len());
                b.drain(i..end);
            }
            Mutation::Insert { at, bytes } => {
                let i = pos(*at, &b);
                b.splice(i..i, bytes.iter().copied());
            }
            Mutation::Splice { from, len, to } => {
                let f = pos(*from, &b);
                let piece: Vec<u8> = b[f..(f + len).min(b.len())].to_vec();
                let t = pos(*to, &b);
                let end = (t + piece.len()).min(b.len());
                b.splice(t..end, piece);
            }
            Mutation::Token { at, token } => {
                let i = pos(*at, &b);
                b.splice(i..i, token.iter().copied());
            }
        }
    }
    b
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(mutation(), 1..6)
}

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn arbitrary_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        ext in "(txt|html|htm|docx|pdf|bin|)",
    ) {
        run(&format!("f.{ext}"), &bytes)?;
    }

    /// Text made of letter pieces, breaks and odd code points, as UTF-8 text.
    #[test]
    fn hostile_text_through_analyse(text in hostile_text()) {
        run("hostile.txt", text.as_bytes())?;
        // Structure alone (what the main thread runs) on the raw string.
        let doc = read_structure(&text);
        prop_assert!(!doc.parts.is_empty() || doc.text.trim().is_empty());
    }

    /// The same text behind a random BOM (or a wrong one) in a random encoding.
    #[test]
    fn text_behind_random_boms(
        text in hostile_text(),
        bom in proptest::sample::select(BOMS),
        how in any::<u8>(),
        ext in "(txt|html|docx|pdf)",
    ) {
        let mut bytes = bom.to_vec();
        bytes.extend(encode(&text, how));
        run(&format!("bom.{ext}"), &bytes)?;
    }

    /// Arbitrary bytes behind a BOM: the decoder is told one thing and given another.
    #[test]
    fn bytes_behind_random_boms(
        bom in proptest::sample::select(BOMS),
        body in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = bom.to_vec();
        bytes.extend(body);
        run("bom.txt", &bytes)?;
    }

    #[test]
    fn arbitrary_text_structure(text in "\\PC{0,2000}") {
        let doc = read_structure(&text);
        prop_assert!(!doc.parts.is_empty() || doc.text.trim().is_empty());
    }

    /// The seed with a random slice cut out and random bytes spliced in: structure-shaped
    /// input broken in the places that matter.
    #[test]
    fn damaged_seed(cut in 0usize..53_000, len in 0usize..4000, junk in proptest::collection::vec(any::<u8>(), 0..64)) {
        let bytes = SEED_ZH.as_bytes();
        let cut = cut.min(bytes.len());
        let end = (cut + len).min(bytes.len());
        let mut damaged = bytes[..cut].to_vec();
        damaged.extend_from_slice(&junk);
        damaged.extend_from_slice(&bytes[end..]);
        if let Ok(d) = decode("seed.txt", &damaged) {
            let _ = read_structure(&d.text);
        }
    }
}

/// The real fixtures, damaged. Each file type is its own test so a slow parser (PDF) gets
/// fewer cases without starving the others.
fn mutated_fixture(name: &'static str, muts: &[Mutation]) -> Result<(), TestCaseError> {
    static FIXTURES: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    let all = FIXTURES.get_or_init(|| {
        ["seed.docx", "seed.pdf", "seed.html", "seed.gb18030.txt"]
            .into_iter()
            .map(|n| (n, fixture(n)))
            .collect()
    });
    let original = &all.iter().find(|(n, _)| *n == name).unwrap().1;
    let bytes = mutate(original.clone(), muts);
    run(name, &bytes)?;
    // The same bytes under a name that does not give the format away.
    run("upload.bin", &bytes)
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn mutated_docx(muts in mutations()) {
        mutated_fixture("seed.docx", &muts)?;
    }

    #[test]
    fn mutated_html(muts in mutations()) {
        mutated_fixture("seed.html", &muts)?;
    }

    #[test]
    fn mutated_gb18030(muts in mutations()) {
        mutated_fixture("seed.gb18030.txt", &muts)?;
    }
}

proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn mutated_pdf(muts in mutations()) {
        mutated_fixture("seed.pdf", &muts)?;
    }
}

/// Every file in `tests/fixtures/crashers/` (inputs that once crashed or hung the pipeline,
/// or the most hostile damaged fixtures) gives a result or a typed error, never a panic.
#[test]
fn crashers_replay() {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "crashers"]
        .iter()
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no crashers to replay in {}",
        dir.display()
    );
    let an = analyzer();
    let mut failed = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(|| {
            analyse(&name, &bytes, an).map(|a| (a.doc.parts.len(), a.summary.word_count))
        });
        match outcome {
            Ok(Ok((parts, words))) => eprintln!(
                "{name}: ok, {parts} parts, {words} words ({:?})",
                started.elapsed()
            ),
            Ok(Err(e)) => eprintln!("{name}: {} ({:?})", e.code(), started.elapsed()),
            Err(_) => failed.push(name),
        }
    }
    assert!(failed.is_empty(), "panicked on: {failed:?}");
}
