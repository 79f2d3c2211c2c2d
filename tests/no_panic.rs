//! Arbitrary bytes through ingest → clean → structure never panic: a result or a typed error.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use unsc_lens::core::analysis::read_structure;
use unsc_lens::core::ingest::decode;
use unsc_lens::core::SEED_ZH;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in "(txt|html|docx|pdf|bin)") {
        if let Ok(d) = decode(&format!("f.{ext}"), &bytes) {
            let doc = read_structure(&d.text);
            for p in &doc.parts {
                for s in &p.paragraphs {
                    prop_assert!(doc.text.get(s.start..s.end).is_some());
                }
            }
        }
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,2000}") {
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
