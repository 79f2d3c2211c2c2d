//! The `unsc-lens` command-line tool, run as a user runs it: the built binary on the seed,
//! the fixtures and broken files; its JSON checked against what the browser's export gives.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use unsc_lens::core::analysis::{analyse, Analyzer};
use unsc_lens::core::export::{workspace_json, DocumentJson, Named};

const BIN: &str = env!("CARGO_BIN_EXE_unsc-lens");

fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

const SEED: &str = "seeds/S-2020-911.zh.txt";
const SEED_GB: &str = "tests/fixtures/seed.gb18030.txt";
const SINGLE: &str = "tests/fixtures/single-annex.zh.txt";
const BROKEN: &str = "tests/fixtures/broken/truncated.docx";

/// A fresh directory for one test's outputs.
fn out_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("unsc-lens-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run unsc-lens")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run unsc-lens");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// CSV as `core::export::csv` writes it (BOM, CRLF), split naively: enough for fields
/// without commas or quotes.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').expect("a byte-order mark");
    assert!(text.ends_with("\r\n"));
    text.trim_end_matches("\r\n")
        .split("\r\n")
        .map(|r| r.split(',').map(String::from).collect())
        .collect()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn analyze_writes_every_output_and_reports_the_broken_file() {
    let out = out_dir("analyze");
    let o = run(&[
        "analyze",
        s(&path(SEED)),
        s(&path(SEED_GB)),
        s(&path(BROKEN)),
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("analysed 2 of 3 files"), "{err}");
    assert!(err.contains("truncated.docx"), "{err}");
    assert!(o.stdout.is_empty());

    let errors = read(&out, "errors.csv");
    let rows: Vec<&str> = errors.trim_end().split("\r\n").collect();
    assert_eq!(rows[0], "\u{FEFF}file,code,message_en,message_zh");
    assert_eq!(rows.len(), 2);
    assert!(rows[1].starts_with(s(&path(BROKEN))), "{}", rows[1]);
    assert!(rows[1].contains(",broken-docx,"), "{}", rows[1]);

    let jsonl = read(&out, "documents.jsonl");
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 2);
    let seed: DocumentJson = serde_json::from_str(lines[0]).unwrap();
    let gb: DocumentJson = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(seed.name, "S-2020-911.zh.txt");
    assert_eq!(gb.name, "seed.gb18030.txt");
    assert_eq!(gb.source.encoding, "GB18030");
    assert_eq!(seed.meta.symbol.as_deref(), Some("S/2020/911"));
    assert_eq!(seed.parts.len(), 10);
    let annexes: Vec<_> = seed.parts.iter().filter(|p| p.annex.is_some()).collect();
    assert_eq!(annexes.len(), 9);
    let speakers: Vec<(Option<&str>, &str)> = annexes
        .iter()
        .map(|p| {
            let sp = p.speaker.as_ref().unwrap();
            (sp.name.as_deref(), sp.code.as_deref().unwrap())
        })
        .collect();
    assert_eq!(
        speakers,
        [
            (Some("让-皮埃尔•拉克鲁瓦"), "UN"),
            (Some("菲利普·克里德尔卡"), "BEL"),
            (Some("耿爽"), "CHN"),
            (None, "DOM"),
            (None, "EST"),
            (Some("谢拉兹·加斯里"), "FRA"),
            (Some("安娜·叶夫斯京格聂耶娃"), "RUS"),
            (Some("詹姆斯·保罗·罗斯科"), "GBR"),
            (Some("谢里斯·诺曼-沙莱"), "USA"),
        ]
    );
    let cited: Vec<Vec<(u32, Option<u16>)>> = annexes
        .iter()
        .map(|p| p.resolutions.iter().map(|r| (r.number, r.year)).collect())
        .collect();
    let y = Some;
    assert_eq!(
        cited,
        vec![
            vec![
                (1325, y(2000)),
                (2436, y(2018)),
                (2538, y(2020)),
                (2518, y(2020))
            ],
            vec![(2538, y(2020))],
            vec![(2518, None)],
            vec![(2378, y(2017)), (2538, y(2020)), (2535, y(2020))],
            vec![(2538, y(2020)), (2518, y(2020))],
            vec![(2538, y(2020))],
            vec![],
            vec![(2436, y(2018)), (1325, y(2000))],
            vec![(2436, y(2018)), (2538, y(2020))],
        ]
    );
    // The GB18030 copy reads to the same text and the same analysis.
    assert_eq!(gb.text, seed.text);
    assert_eq!(gb.parts, seed.parts);

    let themes = csv_rows(&read(&out, "themes.csv"));
    assert_eq!(themes.len(), 1 + 20);
    assert_eq!(
        themes[0][..6],
        ["document", "symbol", "part", "label", "speaker", "state"]
    );
    assert_eq!(themes[0].last().unwrap(), "paragraphs");
    assert_eq!(
        themes[2][..6],
        [
            "S-2020-911.zh.txt",
            "S/2020/911",
            "1",
            "annex 1",
            "让-皮埃尔•拉克鲁瓦",
            "UN"
        ]
    );
    assert_eq!(themes[11][0], "seed.gb18030.txt");

    let terms = csv_rows(&read(&out, "terms.csv"));
    assert_eq!(
        terms[0],
        ["document", "symbol", "part", "speaker", "state", "term", "count", "per_10k"]
    );
    assert!(terms.len() > 1000);
    let _ = std::fs::remove_dir_all(&out);
}

/// A document as the browser's export writes it (JSON text), read back as a JSON value.
/// (Not `serde_json::to_value`: that widens the f32 shares to f64 digits no file has.)
fn exported(doc: &DocumentJson) -> Value {
    serde_json::from_str(&serde_json::to_string(doc).unwrap()).unwrap()
}

/// The browser exports `workspace_json` of its documents; `analyze` on the same files must
/// write the same documents, value for value.
#[test]
fn analyze_gives_the_json_the_browser_exports() {
    let an = Analyzer::default();
    let lexicon = &an.tagger.lexicon;
    let read_doc = |rel: &str| {
        let name = Path::new(rel).file_name().unwrap().to_str().unwrap();
        analyse(name, &std::fs::read(path(rel)).unwrap(), &an).unwrap()
    };

    // The seed alone.
    let out = out_dir("same-json-1");
    let o = run(&["analyze", s(&path(SEED)), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let jsonl = read(&out, "documents.jsonl");
    assert_eq!(jsonl.lines().count(), 1);
    let seed = read_doc(SEED);
    let browser = workspace_json(
        &[Named {
            name: "S-2020-911.zh.txt",
            analysed: &seed,
        }],
        lexicon,
    );
    let line: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert!(
        line == exported(&browser.documents[0]),
        "analyze and the browser differ"
    );
    // Byte for byte, too.
    assert_eq!(
        jsonl.lines().next().unwrap(),
        serde_json::to_string(&browser.documents[0]).unwrap()
    );

    // A workspace of two: key terms are weighed against both.
    let out2 = out_dir("same-json-2");
    let o = run(&[
        "analyze",
        s(&path(SINGLE)),
        s(&path(SEED)),
        "--out",
        s(&out2),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let single = read_doc(SINGLE);
    let browser = workspace_json(
        &[
            Named {
                name: "single-annex.zh.txt",
                analysed: &single,
            },
            Named {
                name: "S-2020-911.zh.txt",
                analysed: &seed,
            },
        ],
        lexicon,
    );
    let lines: Vec<Value> = read(&out2, "documents.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected: Vec<Value> = browser.documents.iter().map(exported).collect();
    assert!(lines == expected, "analyze and the browser differ");
    // In the order given, and the seed's key terms differ from the seed-alone workspace.
    assert_eq!(lines[0]["name"], "single-annex.zh.txt");
    assert_ne!(lines[1]["key_terms"], line["key_terms"]);
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&out2);
}

#[test]
fn output_order_is_input_order() {
    let out = out_dir("order");
    let files = [
        "tests/fixtures/english-letter.txt",
        SINGLE,
        "tests/fixtures/prst.zh.txt",
        SEED,
        "tests/fixtures/seed.docx",
        "tests/fixtures/resolution.en.txt",
    ];
    let mut args: Vec<String> = vec!["analyze".into()];
    args.extend(files.iter().map(|f| s(&path(f)).to_string()));
    args.extend(["--out".into(), s(&out).into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = read(&out, "documents.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<DocumentJson>(l).unwrap().name)
        .collect();
    let expected: Vec<&str> = files
        .iter()
        .map(|f| Path::new(f).file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, expected);
    let errors = read(&out, "errors.csv");
    assert_eq!(errors, "\u{FEFF}file,code,message_en,message_zh\r\n");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_missing_file_and_a_bad_lexicon_are_input_errors() {
    let out = out_dir("missing");
    let o = run(&[
        "analyze",
        s(&path(SINGLE)),
        "/nonexistent/letter.txt",
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let errors = csv_rows(&read(&out, "errors.csv"));
    assert_eq!(errors[1][..2], ["/nonexistent/letter.txt", "unreadable"]);
    assert_eq!(read(&out, "documents.jsonl").lines().count(), 1);

    let lexicon = out.join("bad.toml");
    std::fs::write(&lexicon, "[[theme]]\nid = \"Bad Id\"\n").unwrap();
    let o = run(&[
        "analyze",
        s(&path(SINGLE)),
        "--lexicon",
        s(&lexicon),
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.toml"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_lexicon_of_ones_own_sets_the_theme_columns() {
    let out = out_dir("lexicon");
    std::fs::create_dir_all(&out).unwrap();
    let lexicon = out.join("mine.toml");
    std::fs::write(
        &lexicon,
        "[[theme]]\nid = \"vaccines\"\nname_zh = \"疫苗\"\nname_en = \"Vaccines\"\n\
         definition = \"d\"\ncolour = \"#123456\"\n[theme.cues]\n\"疫苗\" = 2\n\"新冠\" = 1\n",
    )
    .unwrap();
    let o = run(&[
        "analyze",
        s(&path(SINGLE)),
        &format!("--lexicon={}", s(&lexicon)),
        &format!("--out={}", s(&out)),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let themes = csv_rows(&read(&out, "themes.csv"));
    assert_eq!(
        themes[0],
        [
            "document",
            "symbol",
            "part",
            "label",
            "speaker",
            "state",
            "vaccines",
            "paragraphs"
        ]
    );
    // The annex's second paragraph has 新冠疫苗: 疫苗 (2) + 新冠 (1) → one of four paragraphs.
    assert_eq!(themes[2][6], "25.0");
    let doc: DocumentJson =
        serde_json::from_str(read(&out, "documents.jsonl").lines().next().unwrap()).unwrap();
    assert_eq!(doc.themes[0].theme, "vaccines");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn segment_keeps_un_terms_whole_and_plain_jieba_does_not() {
    let input = "联合国马里多层面综合稳定团（马里稳定团）向南苏丹派遣了维和人员。\n\
                 \n\
                 The Council  met today.\r\n";
    let o = run_stdin(&["segment"], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    let words: Vec<&str> = lines[0].split(' ').collect();
    assert!(words.contains(&"马里稳定团"), "{words:?}");
    assert!(words.contains(&"南苏丹"), "{words:?}");
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "The Council met today .");
    assert!(!out.contains("  ") && !out.contains('\r'));

    let plain = run_stdin(&["segment", "--plain"], input);
    assert_eq!(plain.status.code(), Some(0));
    let plain = stdout(&plain);
    let plain_lines: Vec<&str> = plain.lines().collect();
    assert_eq!(plain_lines.len(), 3);
    assert_ne!(plain_lines[0], lines[0]);
    assert!(
        !plain_lines[0].split(' ').any(|w| w == "马里稳定团"),
        "{plain}"
    );
}

#[test]
fn compare_writes_a_keyness_csv_and_theme_deltas() {
    let out = out_dir("compare");
    std::fs::create_dir_all(&out).unwrap();
    let deltas = out.join("deltas.csv");
    let o = run(&[
        "compare",
        s(&path(SEED)),
        s(&path(SINGLE)),
        "--themes",
        s(&deltas),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = csv_rows(&stdout(&o));
    assert_eq!(
        rows[0],
        [
            "a",
            "b",
            "side",
            "term",
            "g2",
            "log_ratio",
            "freq_a",
            "freq_b"
        ]
    );
    assert!(rows.len() > 10, "{rows:?}");
    // The seed's most key term against a short letter: 业绩 (performance), 60 times to 0
    // (the small letter is too short for any difference to reach p < 0.05).
    assert_eq!(
        rows[1],
        [
            "S/2020/911",
            "S/2021/213",
            "A",
            "业绩",
            "2.64",
            "1.42",
            "60",
            "0"
        ]
    );
    let b_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r[2] == "B").collect();
    assert!(!b_rows.is_empty());
    // 中方 ("the Chinese side") runs through the single-annex statement and not the seed.
    assert!(b_rows.iter().any(|r| r[3] == "中方"), "{b_rows:?}");
    for r in &rows[1..] {
        let g2: f64 = r[4].parse().unwrap();
        assert_eq!(g2 > 0.0, r[2] == "A", "{r:?}");
        let (fa, fb): (usize, usize) = (r[6].parse().unwrap(), r[7].parse().unwrap());
        assert!(fa + fb >= 2);
    }
    let deltas = csv_rows(&std::fs::read_to_string(&deltas).unwrap());
    assert_eq!(
        deltas[0],
        ["a", "b", "theme", "name_en", "name_zh", "share_a", "share_b", "delta"]
    );
    assert!(deltas.len() > 5);

    // The same letter twice: named by file.
    let o = run(&["compare", s(&path(SEED)), s(&path(SEED_GB))]);
    assert_eq!(o.status.code(), Some(0));
    let rows = csv_rows(&stdout(&o));
    assert_eq!(rows.len(), 1, "identical texts have no key terms: {rows:?}");

    // A broken input is an input error.
    let o = run(&["compare", s(&path(SEED)), s(&path(BROKEN))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("broken-docx"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn usage_errors_exit_with_2_and_point_to_help() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["analyze"],
        &["analyze", "x.txt", "--frob"],
        &["analyze", "x.txt", "--out"],
        &["analyze", "x.txt", "-q"],
        &["compare", "a.txt"],
        &["compare", "a.txt", "b.txt", "c.txt"],
        &["segment", "file.txt"],
        &["segment", "--plain=yes"],
        &["help", "nothing"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--help"), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_and_version() {
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).trim(),
        format!("unsc-lens {}", env!("CARGO_PKG_VERSION"))
    );
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    for word in ["analyze", "compare", "segment", "Exit status"] {
        assert!(stdout(&o).contains(word), "{word}");
    }
    for (command, word) in [
        ("analyze", "documents.jsonl"),
        ("compare", "--themes"),
        ("segment", "--plain"),
    ] {
        for args in [
            vec![command, "--help"],
            vec![command, "-h"],
            vec!["help", command],
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(0), "{args:?}");
            assert!(stdout(&o).contains(word), "{args:?}");
        }
    }
}
