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

/// A fixed xorshift generator, for the tests that compare two ways of doing one thing on
/// random input: a failure reproduces.
#[cfg(test)]
pub(crate) fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

/// S/2020/911 in Chinese, as extracted from the published PDF.
pub const SEED_ZH: &str = include_str!("../../seeds/S-2020-911.zh.txt");
pub const SEED_NAME: &str = "S-2020-911.zh.txt";
/// The seed's analysis with the default lexicon, and that lexicon, computed by the core at
/// development time (kept current by `tests/seed_cache.rs`) and stored as postcard: the page
/// shows them without waiting for the worker, and without a TOML parser of its own. It
/// decodes them on its first render, where a JSON copy took four times as long.
pub const SEED_ANALYSED: &[u8] = include_bytes!("../../seeds/S-2020-911.analysed.postcard");

/// What [`SEED_ANALYSED`] holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ShippedSeed {
    pub lexicon: themes::Lexicon,
    pub analysed: analysis::Analysed,
}

impl ShippedSeed {
    /// The one shipped with the page.
    pub fn shipped() -> Result<ShippedSeed, postcard::Error> {
        postcard::from_bytes(SEED_ANALYSED)
    }

    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("an analysis always serialises")
    }
}
