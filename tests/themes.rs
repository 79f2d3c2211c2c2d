//! Theme tags on the seed, each with its evidence.

use unsc_lens::core::analysis::{read_structure, Analyzer};
use unsc_lens::core::text::Folded;
use unsc_lens::core::SEED_ZH;

#[test]
fn every_tag_has_evidence_that_is_its_cue() {
    let an = Analyzer::default();
    let doc = read_structure(SEED_ZH);
    let tagged = an.tagger.tag_document(&an.seg, &doc);
    let mut tags = 0;
    for part in &tagged.parts {
        for para in &part.paragraphs {
            for (theme, score) in &para.tags {
                tags += 1;
                let hits: Vec<_> = para.hits.iter().filter(|h| h.theme == *theme).collect();
                assert!(!hits.is_empty());
                let sum: f32 = hits.iter().map(|h| h.weight).sum();
                assert!((sum - score).abs() < 1e-4 && *score >= unsc_lens::core::themes::THRESHOLD);
            }
            for h in &para.hits {
                let evidence = Folded::new(h.span.slice(&doc.text)).text.to_lowercase();
                assert_eq!(evidence, Folded::new(&h.cue).text.to_lowercase());
            }
        }
    }
    assert!(tags > 100, "only {tags} tags on the seed");
}

#[test]
fn statements_lead_with_what_they_stress() {
    let an = Analyzer::default();
    let doc = read_structure(SEED_ZH);
    let tagged = an.tagger.tag_document(&an.seg, &doc);
    let top = |part: usize| -> Vec<&str> {
        tagged.parts[part]
            .profile
            .top(3)
            .iter()
            .map(|s| an.tagger.lexicon.themes[s.theme].id.as_str())
            .collect()
    };
    // The United States speaks of performance and accountability above all.
    assert_eq!(top(9)[0], "performance");
    // Estonia: performance and women peacekeepers.
    assert!(
        top(5).contains(&"performance") && top(5).contains(&"wps"),
        "{:?}",
        top(5)
    );
    // The Russian Federation: host-state consent and mandates.
    assert!(
        top(7).contains(&"sovereignty") && top(7).contains(&"mandates"),
        "{:?}",
        top(7)
    );
    // Shares are shares.
    for part in &tagged.parts {
        for s in &part.profile.themes {
            assert!(s.paragraph_share > 0.0 && s.paragraph_share <= 1.0);
            assert!(s.weight_share >= 0.0 && s.weight_share <= 1.0);
        }
    }
}
