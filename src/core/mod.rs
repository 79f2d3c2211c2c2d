//! The analysis core: pure, synchronous, deterministic Rust. Nothing in here may call into
//! the browser, so all of it is tested natively.

pub mod analysis;
pub mod clean;
pub mod compare;
pub mod entities;
pub mod export;
pub mod gazetteer;
pub mod html;
pub mod ingest;
pub mod kwic;
pub mod meta;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod segment;
pub mod speaker;
pub mod stats;
pub mod structure;
pub mod text;
pub mod themes;

/// S/2020/911 in Chinese, as extracted from the published PDF.
pub const SEED_ZH: &str = include_str!("../../seeds/S-2020-911.zh.txt");
pub const SEED_NAME: &str = "S-2020-911.zh.txt";
/// The seed's analysis with the default lexicon, and that lexicon, computed by the core at
/// development time (kept current by `tests/seed_cache.rs`): the page shows them without
/// waiting for the worker, and without a TOML parser of its own.
pub const SEED_ANALYSED_JSON: &str = include_str!("../../seeds/S-2020-911.analysed.json");

/// What `SEED_ANALYSED_JSON` holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ShippedSeed {
    pub lexicon: themes::Lexicon,
    pub analysed: analysis::Analysed,
}
