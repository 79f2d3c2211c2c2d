//! Messages between the page and the analysis worker. They cross into JavaScript with
//! serde-wasm-bindgen (structured clone); file bytes travel as a Uint8Array.

use serde::{Deserialize, Serialize};

use crate::core::analysis::{analyse, Analysed, Analyzer};
use crate::core::ingest::IngestError;
use crate::core::themes::Lexicon;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Read, structure and analyse a file; the reply carries the same `id`.
    Ingest {
        id: u32,
        name: String,
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The segmenter is built; sent once, before any other message, with the theme lexicon
    /// in use so the page can name and colour themes.
    Ready { init_ms: f64, lexicon: Lexicon },
    Done {
        id: u32,
        result: Result<Box<Analysed>, IngestError>,
        ms: f64,
    },
    /// A message the worker could not read (a version mismatch between page and worker).
    Rejected { reason: String },
}

/// What the worker does with a request, apart from timing it.
pub fn handle(an: &Analyzer, msg: &ToWorker) -> (u32, Result<Box<Analysed>, IngestError>) {
    match msg {
        ToWorker::Ingest { id, name, bytes } => (*id, analyse(name, bytes, an).map(Box::new)),
    }
}
