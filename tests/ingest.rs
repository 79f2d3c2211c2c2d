//! Real files through ingest → clean → structure: the seed in every encoding and format a
//! user may bring, synthetic letters of other kinds, and broken files.

use std::path::PathBuf;

use unsc_lens::core::analysis::{analyse, read_structure, Analyzer};
use unsc_lens::core::ingest::{decode, Format};
use unsc_lens::core::meta::DocKind;
use unsc_lens::core::structure::{Document, PartKind};
use unsc_lens::core::SEED_ZH;

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name.rsplit('/').next().unwrap().to_string(), bytes)
}

fn structure_of(name: &str) -> (Document, Format, String) {
    let (file, bytes) = fixture(name);
    let decoded = decode(&file, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    (
        read_structure(&decoded.text),
        decoded.format,
        decoded.encoding,
    )
}

/// Who speaks in each annex of the seed, as (ISO code or UN, speaker name).
const SEED_SPEAKERS: [(&str, Option<&str>); 9] = [
    ("UN", Some("让-皮埃尔•拉克鲁瓦")),
    ("BEL", Some("菲利普·克里德尔卡")),
    ("CHN", Some("耿爽")),
    ("DOM", None),
    ("EST", None),
    ("FRA", Some("谢拉兹·加斯里")),
    ("RUS", Some("安娜·叶夫斯京格聂耶娃")),
    ("GBR", Some("詹姆斯·保罗·罗斯科")),
    ("USA", Some("谢里斯·诺曼-沙莱")),
];

fn assert_seed_statements(doc: &Document, what: &str) {
    let speakers: Vec<(String, Option<String>)> = doc
        .annexes()
        .map(|p| {
            let s = p
                .speaker
                .as_ref()
                .unwrap_or_else(|| panic!("{what}: annex without speaker"));
            (s.code.clone().unwrap_or_default(), s.name.clone())
        })
        .collect();
    let expected: Vec<(String, Option<String>)> = SEED_SPEAKERS
        .iter()
        .map(|(c, n)| (c.to_string(), n.map(String::from)))
        .collect();
    assert_eq!(speakers, expected, "{what}");
    let langs: Vec<String> = doc.annexes().map(|p| p.languages.join("+")).collect();
    assert_eq!(
        langs,
        ["", "en+fr", "zh", "en+es", "", "en+fr", "ru", "", ""],
        "{what}"
    );
}

#[test]
fn seed_speakers_posts_and_states() {
    let doc = read_structure(SEED_ZH);
    assert_seed_statements(&doc, "seed");
    let posts: Vec<Option<String>> = doc
        .annexes()
        .map(|p| p.speaker.clone().unwrap().post)
        .collect();
    assert_eq!(posts[0].as_deref(), Some("主管和平行动副秘书长"));
    assert_eq!(posts[2].as_deref(), Some("常驻联合国副代表"));
    assert_eq!(posts[7].as_deref(), Some("代理常驻联合国副代表"));
    assert_eq!(
        doc.annexes()
            .nth(3)
            .unwrap()
            .speaker
            .as_ref()
            .unwrap()
            .represents
            .as_deref(),
        Some("多米尼加共和国")
    );
}

#[test]
fn seed_meta() {
    let doc = read_structure(SEED_ZH);
    let m = &doc.meta;
    assert_eq!(m.kind, DocKind::Letter);
    assert_eq!(m.symbol.as_deref(), Some("S/2020/911"));
    assert_eq!(m.job_number.as_deref(), Some("20-12063"));
    assert_eq!(m.date.as_deref(), Some("2020-09-16"));
    assert_eq!(m.sender.as_deref(), Some("安全理事会主席 阿卜杜•阿巴里"));
    assert_eq!(m.meeting_date.as_deref(), Some("2020-09-14"));
    assert_eq!(m.topic.as_deref(), Some("联合国维和行动"));
    assert_eq!(m.references, ["S/2020/372", "S/2020/897", "A/74/19"]);
}

#[test]
fn seed_resolutions_cited() {
    let doc = read_structure(SEED_ZH);
    let mut all: Vec<String> = doc
        .parts
        .iter()
        .flat_map(|p| doc.part_resolutions(p))
        .map(|(n, _)| n)
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all, ["1325", "2378", "2436", "2518", "2535", "2538"]);
    // Every resolution entity's span is the citation as printed.
    for e in doc
        .entities
        .iter()
        .filter(|e| e.kind == unsc_lens::core::entities::EntityKind::Resolution)
    {
        let cited = e.span.slice(&doc.text);
        assert!(cited.starts_with('第') && cited.contains(&e.key), "{cited}");
    }
    // The United States cites 2436 (2018) and 2538 (2020).
    let usa = doc.annexes().nth(8).unwrap();
    let cited: Vec<(String, Option<u16>)> = doc.part_resolutions(usa);
    assert!(cited.contains(&("2436".into(), Some(2018))), "{cited:?}");
    assert!(cited.contains(&("2538".into(), Some(2020))), "{cited:?}");
}

#[test]
fn seed_missions_and_states_found() {
    let doc = read_structure(SEED_ZH);
    let keys = |kind| unsc_lens::core::entities::distinct_keys(&doc.entities, kind);
    let bodies = keys(unsc_lens::core::entities::EntityKind::Body);
    for code in ["MINUSMA", "MONUSCO", "MINUSCA", "UNAMID", "UNMISS"] {
        assert!(bodies.contains(&code.to_string()), "{code} in {bodies:?}");
    }
    let states = keys(unsc_lens::core::entities::EntityKind::State);
    for code in ["SSD", "MLI", "CAF", "COD", "BEL", "CHN"] {
        assert!(states.contains(&code.to_string()), "{code} in {states:?}");
    }
}

#[test]
fn the_seed_in_every_encoding_and_format() {
    let cases = [
        ("seed.gb18030.txt", Format::Text, "GB18030"),
        ("seed.utf16le.txt", Format::Text, "UTF-16LE"),
        ("seed.utf16be.txt", Format::Text, "UTF-16BE"),
        ("seed.utf8bom.txt", Format::Text, "UTF-8"),
        ("seed.html", Format::Html, "UTF-8"),
        ("seed.docx", Format::Docx, "UTF-8"),
        ("seed.pdf", Format::Pdf, "PDF"),
    ];
    for (name, format, encoding) in cases {
        let (doc, f, enc) = structure_of(name);
        assert_eq!((f, enc.as_str()), (format, encoding), "{name}");
        assert_eq!(doc.annexes().count(), 9, "{name}");
        assert_seed_statements(&doc, name);
        assert!(!doc.text.contains("20-12063"), "{name}: furniture left");
        assert!(
            !doc.text.contains("SCRIPT_MUST_NOT_APPEAR")
                && !doc.text.contains("STYLE_MUST_NOT_APPEAR")
        );
    }
}

#[test]
fn text_files_decode_to_the_seed_exactly() {
    for name in [
        "seed.gb18030.txt",
        "seed.utf16le.txt",
        "seed.utf16be.txt",
        "seed.utf8bom.txt",
    ] {
        let (file, bytes) = fixture(name);
        assert_eq!(decode(&file, &bytes).unwrap().text, SEED_ZH, "{name}");
    }
}

#[test]
fn english_letter() {
    let (doc, _, _) = structure_of("english-letter.txt");
    assert_eq!(doc.meta.kind, DocKind::Letter);
    assert_eq!(doc.meta.symbol.as_deref(), Some("S/2021/999"));
    assert_eq!(doc.meta.date.as_deref(), Some("2021-05-20"));
    let codes: Vec<String> = doc
        .annexes()
        .map(|p| p.speaker.clone().unwrap().code.unwrap_or_default())
        .collect();
    assert_eq!(codes, ["EST", "CHN", "VNM"]);
    let names: Vec<Option<String>> = doc
        .annexes()
        .map(|p| p.speaker.clone().unwrap().name)
        .collect();
    assert_eq!(
        names,
        [
            Some("Sven Jürgenson".to_string()),
            Some("Geng Shuang".to_string()),
            None
        ]
    );
    let langs: Vec<String> = doc.annexes().map(|p| p.languages.join("+")).collect();
    assert_eq!(langs, ["", "zh", "en+fr"]);
    assert!(doc.meta.references.contains(&"S/2020/372".to_string()));
}

#[test]
fn single_annex_presidential_statement_resolution_and_prose() {
    let (doc, _, _) = structure_of("single-annex.zh.txt");
    assert_eq!(doc.annexes().count(), 1);
    assert_eq!(doc.parts[0].kind, PartKind::Cover);
    // A mission's dated statement "on" a topic: the date and the topic are not the speaker.
    let sp = doc.parts[1].speaker.as_ref().unwrap();
    assert_eq!(sp.represents.as_deref(), Some("中华人民共和国"));
    assert_eq!(sp.code.as_deref(), Some("CHN"));
    assert_eq!(sp.post.as_deref(), Some("常驻联合国代表团"));
    assert_eq!(sp.name, None);
    // The same letter in GB18030 reads the same.
    let (gb, _, _) = structure_of("single-annex.gb18030.txt");
    assert_eq!(gb.text, doc.text);

    let (prst, _, _) = structure_of("prst.zh.txt");
    assert_eq!(prst.meta.kind, DocKind::PresidentialStatement);
    assert_eq!(prst.meta.symbol.as_deref(), Some("S/PRST/2021/5"));
    assert!(prst
        .parts
        .iter()
        .any(|p| prst.part_resolutions(p).iter().any(|(n, _)| n == "2436")));

    let (res, _, _) = structure_of("resolution.en.txt");
    assert_eq!(res.meta.kind, DocKind::Resolution);
    assert_eq!(res.meta.symbol.as_deref(), Some("S/RES/2538"));

    let (prose, _, _) = structure_of("no-structure.zh.txt");
    assert_eq!(prose.parts.len(), 1);
    assert_eq!(prose.parts[0].kind, PartKind::Body);
    assert!(!prose.parts[0].paragraphs.is_empty());
}

#[test]
fn big5_is_detected() {
    let (file, bytes) = fixture("big5.txt");
    let expected = String::from_utf8(fixture("big5.expected.txt").1).unwrap();
    let d = decode(&file, &bytes).unwrap();
    assert_eq!(d.encoding, "Big5");
    assert_eq!(d.text.trim(), expected.trim());
}

#[test]
fn broken_files_give_typed_errors() {
    let cases = [
        ("broken/truncated.docx", "broken-docx"),
        ("broken/png-renamed.txt", "image"),
        ("broken/empty.txt", "empty"),
        ("broken/random.bin", "undecodable"),
        ("broken/archive.zip", "archive"),
        ("broken/image-only.pdf", "pdf-no-text"),
        ("broken/mostly-binary.txt", "undecodable"),
    ];
    for (name, code) in cases {
        let (file, bytes) = fixture(name);
        let err = decode(&file, &bytes).expect_err(name);
        assert_eq!(err.code(), code, "{name}: {err}");
    }
}

#[test]
fn analyse_reports_source_and_counts() {
    let an = Analyzer::default();
    let (file, bytes) = fixture("seed.docx");
    let a = analyse(&file, &bytes, &an).unwrap();
    assert_eq!(a.source.format, Format::Docx);
    assert_eq!(a.source.bytes, bytes.len());
    assert_eq!(a.summary.parts.len(), a.doc.parts.len());
    assert!(a.summary.word_count > 7000);
}

#[test]
fn names_inside_other_words_are_not_mentions() {
    use unsc_lens::core::entities::EntityKind;
    let an = Analyzer::default();
    let text = "我们支持和平进程中国际社会的作用。中国常驻联合国副代表发言。";
    let a = analyse("t.txt", text.as_bytes(), &an).unwrap();
    let states: Vec<&str> = a
        .doc
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::State)
        .map(|e| e.span.slice(&a.doc.text))
        .collect();
    assert_eq!(states, ["中国"]);
    let first = a
        .doc
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::State)
        .unwrap();
    assert!(first.span.start > a.doc.text.find('。').unwrap());
    // The seed keeps its real mentions.
    let seed = analyse("seed.txt", SEED_ZH.as_bytes(), &an).unwrap();
    let keys = unsc_lens::core::entities::distinct_keys(&seed.doc.entities, EntityKind::State);
    for code in ["SSD", "MLI", "CAF", "COD", "BEL", "CHN"] {
        assert!(keys.contains(&code.to_string()), "{code}");
    }
    let bodies = unsc_lens::core::entities::distinct_keys(&seed.doc.entities, EntityKind::Body);
    for code in ["MINUSMA", "MONUSCO", "MINUSCA", "UNAMID", "UNMISS"] {
        assert!(bodies.contains(&code.to_string()), "{code} in {bodies:?}");
    }
}

#[test]
fn a_layout_header_and_a_wrapped_annex_title() {
    let (doc, _, _) = structure_of("layout.en.txt");
    // The symbol printed in the header's right-hand column is the document's own.
    assert_eq!(doc.meta.symbol.as_deref(), Some("S/2024/1234"));
    assert!(!doc.meta.references.contains(&"S/2024/1234".to_string()));
    assert_eq!(doc.meta.date.as_deref(), Some("2024-03-01"));
    assert_eq!(doc.annexes().count(), 1);
    let annex = &doc.parts[1];
    // Both lines of the title are the label; the statement line is the heading.
    assert_eq!(
        doc.slice(annex.label.unwrap())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "Annex to the letter dated 1 March 2024 from the Permanent Representative of Norway \
         to the United Nations addressed to the President of the Security Council"
    );
    let sp = annex.speaker.as_ref().unwrap();
    assert_eq!(sp.code.as_deref(), Some("NOR"));
    assert_eq!(sp.name.as_deref(), Some("Merete Fjeld Brattested"));
    assert_eq!(annex.paragraphs.len(), 4);
    let res: Vec<String> = doc
        .part_resolutions(annex)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(res, ["2349", "2664"]);
}
