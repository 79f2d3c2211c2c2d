//! The seed's analysis ships precomputed (`seeds/S-2020-911.analysed.json`), so the page shows
//! it at once instead of waiting for the worker's dictionary (issue #6). This test keeps that
//! file byte-equal to what the core computes now; after a change to the core, rewrite it with
//! `UPDATE_SEED_CACHE=1 cargo test --test seed_cache`.

use unsc_lens::core::analysis::{analyse, Analyzer};
use unsc_lens::core::themes::Lexicon;
use unsc_lens::core::{ShippedSeed, SEED_ANALYSED_JSON, SEED_NAME, SEED_ZH};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/S-2020-911.analysed.json"
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
    let json = serde_json::to_string(&computed()).unwrap();
    if std::env::var_os("UPDATE_SEED_CACHE").is_some() {
        std::fs::write(PATH, &json).unwrap();
        return;
    }
    assert!(
        json == SEED_ANALYSED_JSON,
        "{PATH} is stale: run `UPDATE_SEED_CACHE=1 cargo test --test seed_cache`"
    );
}

#[test]
fn the_shipped_seed_analysis_reads_back_equal() {
    let shipped: ShippedSeed = serde_json::from_str(SEED_ANALYSED_JSON).unwrap();
    let fresh = computed();
    assert_eq!(shipped, fresh);
    assert_eq!(shipped.analysed.doc.parts.len(), 10);
    assert_eq!(shipped.lexicon.themes.len(), 24);
}
