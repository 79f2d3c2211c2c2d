//! Messages between the page and the analysis worker. They cross into JavaScript with
//! serde-wasm-bindgen (structured clone), so they stay plain data.

use serde::{Deserialize, Serialize};

use crate::core::analysis::{read_structure, summarise, DocSummary};
use crate::core::segment::Segmenter;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Analyse decoded text; the reply carries the same `id`.
    Analyse { id: u32, text: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The segmenter is built; sent once, before any other message.
    Ready { init_ms: f64 },
    Analysed {
        id: u32,
        summary: DocSummary,
        ms: f64,
    },
    /// A message the worker could not read (a version mismatch between page and worker).
    Rejected { reason: String },
}

/// What the worker does with a request, apart from timing it.
pub fn handle(seg: &Segmenter, msg: &ToWorker) -> (u32, DocSummary) {
    match msg {
        ToWorker::Analyse { id, text } => (*id, summarise(&read_structure(text), seg)),
    }
}
