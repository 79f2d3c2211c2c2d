//! The shared export serializer (`core::export`) on the seed letter and a second letter:
//! JSON that resolves its own offsets, CSV that reads back, the same values in every form.

use std::sync::OnceLock;

use unsc_lens::core::analysis::{analyse, Analysed, Analyzer};
use unsc_lens::core::compare::{keyness, keyness_table, theme_deltas, KEYNESS_ROWS};
use unsc_lens::core::export::{
    csv, document_json, documents_jsonl, file_stem, keyness_csv, term_frequencies_csv,
    theme_deltas_csv, theme_matrix_csv, workspace_json, workspace_key_terms_of, DocumentJson,
    Named, WorkspaceJson, SCHEMA_DOCUMENT, SCHEMA_WORKSPACE,
};
use unsc_lens::core::stats::merge_counts;
use unsc_lens::core::structure::PartKind;
use unsc_lens::core::{SEED_NAME, SEED_ZH};

const SINGLE_ANNEX: &[u8] = include_bytes!("fixtures/single-annex.zh.txt");

/// The analyzer (built once: its dictionary takes a few hundred milliseconds), the seed and
/// the single-annex letter, analysed.
fn fixture() -> &'static (Analyzer, Analysed, Analysed) {
    static CELL: OnceLock<(Analyzer, Analysed, Analysed)> = OnceLock::new();
    CELL.get_or_init(|| {
        let an = Analyzer::default();
        let seed = analyse(SEED_NAME, SEED_ZH.as_bytes(), &an).unwrap();
        let single = analyse("single-annex.zh.txt", SINGLE_ANNEX, &an).unwrap();
        (an, seed, single)
    })
}

fn seed_alone() -> DocumentJson {
    let (an, seed, _) = fixture();
    let docs = [Named {
        name: SEED_NAME,
        analysed: seed,
    }];
    let keys = workspace_key_terms_of(&docs);
    document_json(docs[0], &keys[0], &an.tagger.lexicon)
}

/// A small RFC 4180 reader for the tests: rows of fields, BOM and CRLF expected.
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let s = s.strip_prefix('\u{FEFF}').expect("a byte-order mark");
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF outside quotes");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF ends a row"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        row.is_empty() && field.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

#[test]
fn the_seed_as_json_has_its_ten_parts_and_nine_speakers() {
    let d = seed_alone();
    assert_eq!(d.schema, SCHEMA_DOCUMENT);
    assert_eq!(d.name, SEED_NAME);
    assert_eq!(d.source.file, SEED_NAME);
    assert_eq!(d.source.encoding, "UTF-8");
    assert_eq!(d.source.bytes, SEED_ZH.len());
    assert_eq!(d.meta.symbol.as_deref(), Some("S/2020/911"));
    assert_eq!(d.meta.date.as_deref(), Some("2020-09-16"));
    assert_eq!(d.meta.references, ["S/2020/372", "S/2020/897", "A/74/19"]);
    assert_eq!(d.parts.len(), 10);
    assert_eq!(d.parts[0].kind, PartKind::Cover);
    let annexes: Vec<_> = d
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::Annex)
        .collect();
    assert_eq!(annexes.len(), 9);
    let codes: Vec<&str> = annexes
        .iter()
        .map(|p| p.speaker.as_ref().unwrap().code.as_deref().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["UN", "BEL", "CHN", "DOM", "EST", "FRA", "RUS", "GBR", "USA"]
    );
    let names: Vec<Option<&str>> = annexes
        .iter()
        .map(|p| p.speaker.as_ref().unwrap().name.as_deref())
        .collect();
    assert_eq!(
        names,
        [
            Some("让-皮埃尔•拉克鲁瓦"),
            Some("菲利普·克里德尔卡"),
            Some("耿爽"),
            None,
            None,
            Some("谢拉兹·加斯里"),
            Some("安娜·叶夫斯京格聂耶娃"),
            Some("詹姆斯·保罗·罗斯科"),
            Some("谢里斯·诺曼-沙莱"),
        ]
    );
    assert_eq!(annexes[0].label.as_deref(), Some("附件一"));
    assert_eq!(annexes[2].languages, ["zh"]);
    let paragraphs: Vec<usize> = d.parts.iter().map(|p| p.paragraphs.len()).collect();
    assert_eq!(paragraphs, [4, 44, 8, 9, 12, 5, 11, 15, 9, 16]);
    let words: usize = d.parts.iter().map(|p| p.word_count).sum();
    assert_eq!(words, d.word_count);
    // Key terms of every part and of the whole, at most eight each.
    assert!(d.parts.iter().all(|p| (1..=8).contains(&p.key_terms.len())));
    assert_eq!(d.key_terms.len(), 8);
}

#[test]
fn every_offset_resolves_in_the_exported_text() {
    let (an, _, _) = fixture();
    let d = seed_alone();
    let ids: Vec<&str> = an
        .tagger
        .lexicon
        .themes
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let mut hits = 0;
    for part in &d.parts {
        for t in &part.themes {
            assert!(ids.contains(&t.theme.as_str()), "{}", t.theme);
        }
        for p in &part.paragraphs {
            assert_eq!(&d.text[p.start..p.end], p.text);
            for tag in &p.tags {
                assert!(ids.contains(&tag.theme.as_str()));
                assert!(tag.score >= 2.0);
            }
            for h in &p.hits {
                assert_eq!(&d.text[h.start..h.end], h.text, "hit of {}", h.cue);
                assert!(h.start >= p.start && h.end <= p.end);
                assert!(ids.contains(&h.theme.as_str()));
                hits += 1;
            }
        }
    }
    assert!(hits > 100, "{hits} hits");
    for e in &d.entities {
        assert_eq!(&d.text[e.start..e.end], e.text);
    }
    assert!(d.themes.iter().all(|t| ids.contains(&t.theme.as_str())));
}

#[test]
fn the_seed_cites_these_resolutions_part_by_part() {
    let d = seed_alone();
    let cited: Vec<Vec<(u32, Option<u16>)>> = d
        .parts
        .iter()
        .map(|p| p.resolutions.iter().map(|r| (r.number, r.year)).collect())
        .collect();
    let y = Some;
    assert_eq!(
        cited,
        vec![
            vec![],
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
}

#[test]
fn json_round_trips_and_is_deterministic() {
    let (an, seed, single) = fixture();
    let docs = [
        Named {
            name: SEED_NAME,
            analysed: seed,
        },
        Named {
            name: "single-annex.zh.txt",
            analysed: single,
        },
    ];
    let ws = workspace_json(&docs, &an.tagger.lexicon);
    assert_eq!(ws.schema, SCHEMA_WORKSPACE);
    assert_eq!(
        ws.generator,
        format!("unsc-lens {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(ws.lexicon.len(), an.tagger.lexicon.themes.len());
    let text = serde_json::to_string(&ws).unwrap();
    let back: WorkspaceJson = serde_json::from_str(&text).unwrap();
    assert_eq!(back, ws);
    // A second analysis of the same bytes gives the same bytes out.
    let again = analyse(SEED_NAME, SEED_ZH.as_bytes(), an).unwrap();
    let docs2 = [
        Named {
            name: SEED_NAME,
            analysed: &again,
        },
        docs[1],
    ];
    assert_eq!(
        serde_json::to_string(&workspace_json(&docs2, &an.tagger.lexicon)).unwrap(),
        text
    );
    // JSON Lines: the same documents, one a line.
    let jsonl = documents_jsonl(&docs, &an.tagger.lexicon);
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(jsonl.ends_with('\n'));
    for (line, doc) in lines.iter().zip(&ws.documents) {
        assert_eq!(&serde_json::from_str::<DocumentJson>(line).unwrap(), doc);
    }
    // Key terms depend on the workspace: the seed alone is weighed against its own parts.
    assert_ne!(ws.documents[0].key_terms, seed_alone().key_terms);
    assert_eq!(ws.documents[1].parts.len(), 2);
}

#[test]
fn the_theme_matrix_reads_back_with_one_row_per_part() {
    let (an, seed, _) = fixture();
    let lexicon = &an.tagger.lexicon;
    let out = theme_matrix_csv(
        &[Named {
            name: SEED_NAME,
            analysed: seed,
        }],
        lexicon,
    );
    assert!(out.starts_with('\u{FEFF}') && out.ends_with("\r\n"));
    // No field needs quoting here, so splitting on CRLF and commas reads it too.
    let split: Vec<&str> = out[3..].trim_end().split("\r\n").collect();
    assert_eq!(split.len(), 11);
    let rows = read_csv(&out);
    assert_eq!(rows.iter().map(|r| r.join(",")).collect::<Vec<_>>(), split);
    let mut header = vec!["document", "symbol", "part", "label", "speaker", "state"];
    header.extend(lexicon.themes.iter().map(|t| t.id.as_str()));
    header.push("paragraphs");
    assert_eq!(rows[0], header);
    assert_eq!(rows.len(), 11);
    let data = &rows[1..];
    assert!(data.iter().all(|r| r.len() == header.len()));
    let labels: Vec<&str> = data.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        labels,
        [
            "cover", "annex 1", "annex 2", "annex 3", "annex 4", "annex 5", "annex 6", "annex 7",
            "annex 8", "annex 9"
        ]
    );
    let states: Vec<&str> = data.iter().map(|r| r[5].as_str()).collect();
    assert_eq!(
        states,
        ["", "UN", "BEL", "CHN", "DOM", "EST", "FRA", "RUS", "GBR", "USA"]
    );
    assert_eq!(data[1][4], "让-皮埃尔•拉克鲁瓦");
    let paragraphs: Vec<&str> = data.iter().map(|r| r.last().unwrap().as_str()).collect();
    assert_eq!(
        paragraphs,
        ["4", "44", "8", "9", "12", "5", "11", "15", "9", "16"]
    );
    // The shares are the profile's, in percent with one decimal.
    let perf = header.iter().position(|h| *h == "performance").unwrap();
    let theme = lexicon
        .themes
        .iter()
        .position(|t| t.id == "performance")
        .unwrap();
    for (i, row) in data.iter().enumerate() {
        let share = seed.themes.parts[i]
            .profile
            .themes
            .iter()
            .find(|s| s.theme == theme)
            .map_or(0.0, |s| s.paragraph_share);
        assert_eq!(row[perf], format!("{:.1}", f64::from(share) * 100.0));
        for cell in &row[6..header.len() - 1] {
            let x: f64 = cell.parse().unwrap();
            assert!((0.0..=100.0).contains(&x) && cell.split('.').nth(1).unwrap().len() == 1);
        }
    }
}

#[test]
fn term_frequencies_are_long_and_per_ten_thousand_words() {
    let (_, seed, _) = fixture();
    let out = term_frequencies_csv(&[Named {
        name: SEED_NAME,
        analysed: seed,
    }]);
    let rows = read_csv(&out);
    assert_eq!(
        rows[0],
        ["document", "symbol", "part", "speaker", "state", "term", "count", "per_10k"]
    );
    let expected: usize = seed.summary.parts.iter().map(|p| p.terms.len()).sum();
    assert_eq!(rows.len(), 1 + expected);
    // The first row of the cover letter: its most frequent content word.
    let cover = &seed.summary.parts[0];
    let first = &rows[1];
    assert_eq!(first[2], "0");
    assert_eq!(first[5], cover.terms[0].term);
    assert_eq!(first[6], cover.terms[0].count.to_string());
    assert_eq!(
        first[7],
        format!(
            "{:.1}",
            cover.terms[0].count as f64 * 10_000.0 / cover.word_count as f64
        )
    );
    assert!(rows.iter().skip(1).any(|r| r[4] == "CHN" && r[3] == "耿爽"));
}

#[test]
fn keyness_and_theme_deltas_as_csv() {
    let (an, seed, single) = fixture();
    let counts = |a: &Analysed| merge_counts(a.summary.part_terms());
    let all = keyness(
        &counts(seed),
        &counts(single),
        seed.summary.word_count,
        single.summary.word_count,
    );
    let table = keyness_table(&all, KEYNESS_ROWS);
    let rows = read_csv(&keyness_csv(&table, "S/2020/911", "S/2021/213"));
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
    assert_eq!(
        rows.len(),
        1 + table.more_in_a.len() + table.more_in_b.len()
    );
    assert!(rows[1..]
        .iter()
        .all(|r| r[0] == "S/2020/911" && r[1] == "S/2021/213"));
    let a_rows: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[2] == "A").collect();
    assert_eq!(a_rows.len(), table.more_in_a.len());
    assert_eq!(a_rows[0][3], table.more_in_a[0].term);
    assert_eq!(a_rows[0][4], format!("{:.2}", table.more_in_a[0].g2));
    for r in &rows[1..] {
        let g2: f64 = r[4].parse().unwrap();
        assert!(if r[2] == "A" { g2 > 0.0 } else { g2 < 0.0 }, "{r:?}");
        assert_eq!(r[5].split('.').nth(1).unwrap().len(), 2);
    }
    let deltas = theme_deltas(&seed.themes.profile, &single.themes.profile);
    let rows = read_csv(&theme_deltas_csv(
        &deltas,
        &an.tagger.lexicon,
        "S/2020/911",
        "S/2021/213",
    ));
    assert_eq!(
        rows[0],
        ["a", "b", "theme", "name_en", "name_zh", "share_a", "share_b", "delta"]
    );
    assert_eq!(rows.len(), 1 + deltas.len());
    for (r, d) in rows[1..].iter().zip(&deltas) {
        let theme = &an.tagger.lexicon.themes[d.theme];
        assert_eq!(
            (r[2].as_str(), r[4].as_str()),
            (theme.id.as_str(), theme.name_zh.as_str())
        );
        let (a, b, delta): (f64, f64, f64) = (
            r[5].parse().unwrap(),
            r[6].parse().unwrap(),
            r[7].parse().unwrap(),
        );
        assert!((a - b - delta).abs() <= 0.11, "{r:?}");
    }
}

#[test]
fn csv_fields_read_back_exactly() {
    let tricky = vec![
        vec![
            "plain".to_string(),
            "逗号，和,comma".into(),
            "say \"hi\"".into(),
        ],
        vec!["line\nbreak".into(), "crlf\r\nend".into(), "".into()],
        vec!["=1+1".into(), "-3.5".into(), "@home".into()],
    ];
    let back = read_csv(&csv(&tricky));
    assert_eq!(back[..2], tricky[..2]);
    assert_eq!(back[2], ["'=1+1", "-3.5", "'@home"]);
}

#[test]
fn file_stems_from_labels() {
    let (_, seed, single) = fixture();
    let named = |name, analysed| Named { name, analysed };
    let labels = [
        named(SEED_NAME, seed).label(),
        named("single-annex.zh.txt", single).label(),
    ];
    assert_eq!(labels, ["S/2020/911", "S/2021/213"]);
    assert_eq!(file_stem(&labels), "S-2020-911_S-2021-213");
    assert_eq!(file_stem(&["无题.txt"]), "无题");
}
