//! The seed letter S/2020/911 through the core: facts read off the printed letter.

use unsc_lens::core::analysis::{read_structure, summarise, TOP_WORDS};
use unsc_lens::core::segment::Segmenter;
use unsc_lens::core::structure::{Document, PartKind};
use unsc_lens::core::SEED_ZH;

fn seed() -> Document {
    read_structure(SEED_ZH)
}

fn all_paragraphs(doc: &Document) -> Vec<&str> {
    doc.parts
        .iter()
        .flat_map(|p| p.paragraphs.iter().map(|s| doc.slice(*s)))
        .collect()
}

#[test]
fn seed_is_the_byte_exact_copy_of_the_shared_seed() {
    // The project's copy is what the app embeds; the shared one is the reference.
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/S-2020-911.zh.txt");
    if let Ok(reference) = std::fs::read(&shared) {
        assert_eq!(reference, SEED_ZH.as_bytes());
    }
    assert_eq!(SEED_ZH.len(), 53003);
}

#[test]
fn cover_letter_then_nine_annexes_in_order() {
    let doc = seed();
    assert_eq!(doc.meta.symbol.as_deref(), Some("S/2020/911"));
    assert_eq!(doc.parts.len(), 10);
    assert_eq!(doc.parts[0].kind, PartKind::Cover);
    assert_eq!(
        doc.slice(doc.parts[0].heading.unwrap()),
        "2020年9月16日安全理事会主席给秘书长和安全理事会成员国常驻代表的信"
    );
    let labels: Vec<&str> = doc.annexes().map(|p| doc.slice(p.label.unwrap())).collect();
    assert_eq!(
        labels,
        [
            "附件一",
            "附件二",
            "附件三",
            "附件四",
            "附件五",
            "附件六",
            "附件七",
            "附件八",
            "附件九"
        ]
    );
    let numbers: Vec<u32> = doc.annexes().map(|p| p.annex.unwrap()).collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
}

#[test]
fn headings_name_the_speakers_including_wrapped_and_detached_ones() {
    let doc = seed();
    let headings: Vec<&str> = doc
        .annexes()
        .map(|p| doc.slice(p.heading.unwrap()))
        .collect();
    assert_eq!(
        headings,
        [
            "主管和平行动副秘书长让-皮埃尔•拉克鲁瓦的发言",
            "比利时常驻代表菲利普·克里德尔卡的发言",
            "中国常驻联合国副代表耿爽的发言",
            "多米尼加共和国常驻联合国代表团的发言",
            "爱沙尼亚常驻联合国代表团的发言",
            "法国驻联合国政治协调员谢拉兹·加斯里的发言",
            "俄罗斯联邦常驻联合国副代表安娜·叶夫斯京格聂耶娃的发言",
            // Wrapped over two lines in the source.
            "大不列颠及北爱尔兰联合王国代理常驻联合国副代表詹姆斯·保罗·罗斯科的发言",
            // Separated from 附件九 by a blank line in the source.
            "美利坚合众国常驻联合国副代表谢里斯·诺曼-沙莱的发言",
        ]
    );
}

#[test]
fn original_languages_from_the_markers() {
    let doc = seed();
    let langs: Vec<Vec<String>> = doc.annexes().map(|p| p.languages.clone()).collect();
    let expect: [&[&str]; 9] = [
        &[],
        &["en", "fr"],
        &["zh"],
        &["en", "es"],
        &[],
        &["en", "fr"],
        &["ru"],
        &[],
        &[],
    ];
    for (i, (got, want)) in langs.iter().zip(expect).enumerate() {
        assert_eq!(got, want, "annex {}", i + 1);
    }
    // The markers are not paragraphs.
    assert!(all_paragraphs(&doc).iter().all(|p| !p.contains("[原件")));
}

#[test]
fn paragraph_counts_per_part() {
    let doc = seed();
    let counts: Vec<usize> = doc.parts.iter().map(|p| p.paragraphs.len()).collect();
    assert_eq!(counts, [4, 44, 8, 9, 12, 5, 11, 15, 9, 16]);
}

#[test]
fn no_page_furniture_remains() {
    let doc = seed();
    assert!(!doc.text.contains("S/2020/911"));
    assert!(!doc.text.contains("20-12063"));
    assert!(!doc.text.contains('\u{FFFD}'));
}

#[test]
fn paragraphs_split_by_a_page_break_are_joined() {
    let doc = seed();
    let paras = all_paragraphs(&doc);
    let find = |needle: &str| paras.iter().filter(|p| p.contains(needle)).count();
    assert_eq!(
        find("提高联合国维和人员安全与安保的措施无疑为此做出了贡献"),
        1
    );
    assert_eq!(find("我们完全支持这些由数据驱动的办法"), 1);
    // Hard-wrapped lines are joined without a space; no line breaks inside a paragraph.
    assert_eq!(find("在冠状病毒病(COVID-19)大流行的情况下"), 1);
    assert!(paras.iter().all(|p| !p.contains('\n')));
}

#[test]
fn stray_spaces_between_han_characters_are_removed() {
    let doc = seed();
    let paras = all_paragraphs(&doc);
    assert!(paras.iter().any(|p| p.contains(
        "COVID-19的挑战，包括通过使用综合业绩评估系统。综合业绩评估系统只是第2436(2018)号决议"
    )));
}

#[test]
fn un_terms_and_names_stay_whole() {
    let doc = seed();
    let seg = Segmenter::new();
    let words: Vec<&str> = doc
        .parts
        .iter()
        .flat_map(|p| p.paragraphs.iter())
        .flat_map(|s| seg.tokens(&doc.text, *s))
        .map(|t| doc.slice(t))
        .collect();
    for term in [
        "以行动促维和",
        "马里稳定团",
        "部队派遣国",
        "南苏丹",
        "拉克鲁瓦",
    ] {
        assert!(words.contains(&term), "{term} not found whole");
    }
    assert!(!words.windows(2).any(|w| w == ["南", "苏丹"]));
    assert!(!words.windows(2).any(|w| w == ["拉", "克鲁瓦"]));
}

#[test]
fn tokens_are_spans_into_the_text() {
    let doc = seed();
    let seg = Segmenter::new();
    let part = &doc.parts[3];
    for p in &part.paragraphs {
        let tokens = seg.tokens(&doc.text, *p);
        let rebuilt: String = tokens.iter().map(|t| doc.slice(*t)).collect();
        let original: String = doc
            .slice(*p)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            rebuilt
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
            original
        );
    }
}

#[test]
fn per_part_counts_and_top_content_words() {
    let doc = seed();
    let seg = Segmenter::new();
    let summary = summarise(&doc, &seg);
    assert_eq!(summary.parts.len(), doc.parts.len());
    assert_eq!(
        summary.word_count,
        summary.parts.iter().map(|p| p.word_count).sum::<usize>()
    );
    for (i, part) in summary.parts.iter().enumerate().skip(1) {
        assert!(part.word_count > 100, "annex {i}: {}", part.word_count);
        assert_eq!(part.top_words().len(), TOP_WORDS, "annex {i}");
        for pair in part.top_words().windows(2) {
            assert!(pair[0].count >= pair[1].count);
        }
        for w in part.top_words() {
            assert!(seg.is_content(&w.term), "annex {i}: {}", w.term);
            assert!(!["的", "我们", "以及", "和", "在", "。", "，"].contains(&w.term.as_str()));
            assert!(w.term.chars().any(char::is_alphabetic), "{}", w.term);
        }
    }
    // China's statement speaks of peacekeeping operations above all.
    let china = &summary.parts[3];
    assert_eq!(china.top_words()[0].term, "维和行动");
    assert!(china.top_words().iter().any(|w| w.term == "维和"));
    // The Under-Secretary-General's briefing is about the missions.
    assert_eq!(summary.parts[1].top_words()[0].term, "特派团");
}

#[test]
fn the_analysis_is_deterministic() {
    let doc = seed();
    let seg = Segmenter::new();
    assert_eq!(summarise(&doc, &seg), summarise(&doc, &seg));
}

#[test]
fn key_terms_single_out_each_statement() {
    use unsc_lens::core::stats::key_terms;
    let doc = seed();
    let seg = Segmenter::new();
    let summary = summarise(&doc, &seg);
    let lists: Vec<&[unsc_lens::core::stats::TermCount]> = summary.part_terms().collect();
    let keys = key_terms(&lists, 8);
    let terms = |i: usize| keys[i].iter().map(|k| k.term.as_str()).collect::<Vec<_>>();
    assert_eq!(keys.len(), 10);
    // Russia speaks of the host country; the United States of accountability.
    assert!(terms(7).contains(&"东道国"), "{:?}", terms(7));
    assert!(terms(9).contains(&"问责"), "{:?}", terms(9));
    // A term every statement uses is never a key term.
    for i in 1..10 {
        assert!(!terms(i).contains(&"联合国"), "{i}: {:?}", terms(i));
    }
}

#[test]
fn citations_count_each_resolution_per_statement_with_its_first_paragraph() {
    let doc = seed();
    let cites = doc.citations();
    assert_eq!(cites.len(), doc.parts.len());
    for (part, map) in doc.parts.iter().zip(&cites) {
        // The same resolutions as the part's list, in number order.
        let mut listed: Vec<String> = doc
            .part_resolutions(part)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        listed.sort();
        let keys: Vec<String> = map.keys().cloned().collect();
        let in_paragraphs: Vec<String> = listed.into_iter().filter(|n| keys.contains(n)).collect();
        assert_eq!(keys, in_paragraphs);
        for (n, c) in map {
            let paras: Vec<&str> = part.paragraphs.iter().map(|p| doc.slice(*p)).collect();
            // The first citing paragraph names the number; none before it does.
            assert!(paras[c.first_paragraph].contains(n.as_str()), "{n}");
            assert!(
                paras[..c.first_paragraph]
                    .iter()
                    .all(|p| !p.contains(n.as_str())),
                "{n}"
            );
            let by_hand: usize = paras.iter().map(|p| p.matches(n.as_str()).count()).sum();
            assert_eq!(c.count, by_hand, "{n}");
        }
    }
    // The United States' statement cites 2436 (2018).
    let usa = &cites[9]["2436"];
    assert_eq!(usa.year, Some(2018));
    assert!(usa.count >= 1);
}
