//! UNSC Lens (安理会文件透镜): reads United Nations Security Council letters.
//!
//! `core` is the analysis, pure Rust; `protocol` is what the page and its Web Worker say to
//! each other; `ui` renders what the core computed.

pub mod core;
pub mod protocol;
pub mod ui;
