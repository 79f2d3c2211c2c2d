//! The seed's analysis ships precomputed (`seeds/S-2020-911.analysed.postcard`), so the page shows
//! it at once instead of waiting for the worker's dictionary (issue #6). This test keeps that
//! file byte-equal to what the core computes now; after a change to the core, rewrite it with
//! `UPDATE_SEED_CACHE=1 cargo test --test seed_cache`.

use unsc_lens::core::analysis::{analyse, Analyzer};
use unsc_lens::core::themes::Lexicon;
use unsc_lens::core::{ShippedSeed, SEED_ANALYSED, SEED_NAME, SEED_ZH};

const READER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/S-2020-911.reader.html");

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/S-2020-911.analysed.postcard"
);

fn computed() -> ShippedSeed {
    ShippedSeed {
        lexicon: Lexicon::default_lexicon(),
        analysed: analyse(SEED_NAME, SEED_ZH.as_bytes(), &Analyzer::default())
            .expect("the seed analyses"),
    }
}

#[test]
fn the_shipped_seed_analysis_is_what_the_core_computes() {
    let bytes = computed().encode();
    if std::env::var_os("UPDATE_SEED_CACHE").is_some() {
        std::fs::write(PATH, &bytes).unwrap();
        return;
    }
    assert!(
        bytes == SEED_ANALYSED,
        "{PATH} is stale: run `UPDATE_SEED_CACHE=1 cargo test --test seed_cache`"
    );
}

#[test]
fn the_shipped_seed_analysis_reads_back_equal() {
    let shipped = ShippedSeed::shipped().unwrap();
    let fresh = computed();
    assert_eq!(shipped, fresh);
    assert_eq!(shipped.analysed.doc.parts.len(), 10);
    assert_eq!(shipped.lexicon.themes.len(), 24);
}

/// The seed's reader written into index.html's shell at build time (scripts/prerender.mjs)
/// is what the page's own code draws from the shipped analysis.
#[test]
fn the_prerendered_seed_reader_is_what_the_page_draws() {
    let html = unsc_lens::ui::seed_reader_html().expect("the shipped analysis reads");
    if std::env::var_os("UPDATE_SEED_CACHE").is_some() {
        std::fs::write(READER, &html).unwrap();
        return;
    }
    let shipped = std::fs::read_to_string(READER).unwrap_or_default();
    assert!(
        html == shipped,
        "{READER} is stale: run `UPDATE_SEED_CACHE=1 cargo test --test seed_cache`"
    );
    // The analysed seed as the app shows it: ten parts, the nine speakers, cues and chips.
    assert_eq!(html.matches("<section class=\"part\"").count(), 10);
    for code in ["BEL", "CHN", "DOM", "EST", "FRA", "RUS", "GBR", "USA"] {
        assert!(html.contains(&format!("data-code=\"{code}\"")), "{code}");
    }
    assert!(html.contains("<span class=\"person\">让-皮埃尔•拉克鲁瓦</span>"));
    assert!(html.matches("<mark class=\"cue\"").count() > 100);
    assert!(html.matches("<span class=\"chip\"").count() > 50);
    assert!(!html.contains("<script"));
}
