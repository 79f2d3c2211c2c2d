//! Messages between the page and the analysis worker. They cross into JavaScript with
//! serde-wasm-bindgen (structured clone); file bytes travel as a Uint8Array.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::core::analysis::{analyse, analyse_decoded, Analysed, Analyzer};
use crate::core::ingest::{container, from_pdf_text, Format, IngestError};
use crate::core::structure::Document;
use crate::core::text::Span;
use crate::core::themes::{DocThemes, Lexicon, LexiconError, Tagger};
use crate::core::{SEED_NAME, SEED_ZH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Read, structure and analyse a file; the reply carries the same `id`.
    Ingest {
        id: u32,
        name: String,
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// Tag with this lexicon (TOML, the format of data/themes.toml) from now on, and re-tag
    /// every document already analysed.
    SetLexicon { toml: String },
    /// Analyse the seed (the worker has its own copy) and keep it as document `id`. The page
    /// shows the seed's analysis shipped with it, so the reply is only its theme tags under
    /// the lexicon in use (`Retagged`), unless `full` asks for the whole analysis (`Done`).
    Seed { id: u32, full: bool },
    /// The word boundaries of a document's paragraphs, for showing the segmentation.
    Tokens { id: u32 },
    /// The document was removed from the workspace: drop what is kept of it.
    Forget { id: u32 },
    /// Analyse the seed once and keep nothing, with no reply. A worker started ahead of the
    /// letters it will read runs its hot code once, so the browser has optimised it by the
    /// time they arrive: the first batch of a fresh worker ran ≈ 1.5× slower than the next.
    Warm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The segmenter is built; sent once, before any other message, with the theme lexicon
    /// in use so the page can name and colour themes.
    Ready { init_ms: f64, lexicon: Lexicon },
    /// `ms` comes before the result on the wire, so the head of a reply (variant, id, ms,
    /// Ok or Err) can be read without the analysis (`scripts/bench-browser.mjs` does).
    Done {
        id: u32,
        ms: f64,
        result: Result<Box<Analysed>, IngestError>,
    },
    /// The lexicon now in use.
    LexiconSet { lexicon: Lexicon },
    /// A lexicon that could not be read; the one in use is unchanged.
    LexiconRejected { error: LexiconError },
    /// New theme tags for a document analysed earlier, after a lexicon change.
    Retagged { id: u32, themes: DocThemes },
    /// Words of each paragraph of each part of document `id`, as spans into its text.
    Tokens { id: u32, parts: Vec<Vec<Vec<Span>>> },
    /// A message the worker could not read (a version mismatch between page and worker).
    Rejected { reason: String },
}

/// What the PDF reader says once it listens; jobs sent before that would be lost.
pub const PDF_READER_READY: &str = "pdf-reader-ready";

/// A PDF handed by the analysis worker to the PDF reader (src/bin/pdf.rs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfJob {
    pub id: u32,
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// The PDF reader's answer: the text of the PDF's pages, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfRead {
    pub id: u32,
    pub text: Result<String, IngestError>,
}

/// A PDF waiting for the reader: its name, size and when it arrived.
struct Waiting {
    name: String,
    size: usize,
    since: f64,
}

impl FromWorker {
    /// The wire form: postcard bytes, posted as one transferred buffer. An analysis read from
    /// a graph of JS objects field by field (serde-wasm-bindgen) held the page's main thread
    /// for tens of milliseconds per letter; read from JSON, ≈ 12 ms, over a second for a
    /// hundred letters. Page and worker are built together, so the compact, schema-bound form
    /// needs no versioning of its own.
    pub fn encode(&self) -> Vec<u8> {
        // Every type here serializes (a test round-trips each); nothing is sent otherwise.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    pub fn decode(bytes: &[u8]) -> Result<FromWorker, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

/// The worker's state: the analyzer, and the documents it has analysed (kept so that a new
/// lexicon re-tags them without reading the files again).
pub struct WorkerState {
    pub an: Analyzer,
    docs: BTreeMap<u32, Document>,
    /// Whether PDFs are read here; if not, they are queued in `pdf_jobs` for the PDF reader
    /// and finished by `pdf_read`.
    read_pdf_here: bool,
    /// PDFs to hand to the reader, taken by the worker's glue after each message.
    pub pdf_jobs: Vec<PdfJob>,
    waiting: BTreeMap<u32, Waiting>,
}

impl WorkerState {
    pub fn new() -> Self {
        WorkerState {
            an: Analyzer::default(),
            docs: BTreeMap::new(),
            read_pdf_here: cfg!(feature = "pdf"),
            pdf_jobs: Vec::new(),
            waiting: BTreeMap::new(),
        }
    }

    /// A state that hands every PDF to a separate reader, as the browser's worker does.
    pub fn with_pdf_reader() -> Self {
        WorkerState {
            read_pdf_here: false,
            ..Self::new()
        }
    }

    /// The reader's answer for a PDF queued in `pdf_jobs`: the rest of its analysis. Nothing
    /// if the document was removed meanwhile.
    pub fn pdf_read(&mut self, read: PdfRead, now: &dyn Fn() -> f64) -> Vec<FromWorker> {
        let Some(w) = self.waiting.remove(&read.id) else {
            return Vec::new();
        };
        let result = from_pdf_text(read.text)
            .map(|decoded| Box::new(analyse_decoded(&w.name, w.size, decoded, &self.an)));
        if let Ok(a) = &result {
            self.docs.insert(read.id, a.doc.clone());
        }
        vec![FromWorker::Done {
            id: read.id,
            result,
            ms: now() - w.since,
        }]
    }

    /// PDFs given to the reader and not yet answered: when the reader dies, these fail.
    pub fn reader_died(&mut self) -> Vec<FromWorker> {
        std::mem::take(&mut self.waiting)
            .into_keys()
            .map(|id| FromWorker::Done {
                id,
                result: Err(IngestError::Crashed),
                ms: 0.0,
            })
            .collect()
    }

    /// The replies to one message; `now` reads a clock in milliseconds for the timings.
    pub fn handle(&mut self, msg: ToWorker, now: &dyn Fn() -> f64) -> Vec<FromWorker> {
        match msg {
            ToWorker::Ingest { id, name, bytes }
                if !self.read_pdf_here && container(&name, &bytes) == Ok(Format::Pdf) =>
            {
                self.waiting.insert(
                    id,
                    Waiting {
                        name,
                        size: bytes.len(),
                        since: now(),
                    },
                );
                self.pdf_jobs.push(PdfJob { id, bytes });
                Vec::new()
            }
            ToWorker::Ingest { id, name, bytes } => {
                let t = now();
                let result = analyse(&name, &bytes, &self.an).map(Box::new);
                if let Ok(a) = &result {
                    self.docs.insert(id, a.doc.clone());
                }
                vec![FromWorker::Done {
                    id,
                    result,
                    ms: now() - t,
                }]
            }
            ToWorker::Seed { id, full } => {
                let t = now();
                let result = analyse(SEED_NAME, SEED_ZH.as_bytes(), &self.an).map(Box::new);
                let ms = now() - t;
                match result {
                    Ok(a) if !full => {
                        self.docs.insert(id, a.doc);
                        vec![FromWorker::Retagged {
                            id,
                            themes: a.themes,
                        }]
                    }
                    result => {
                        if let Ok(a) = &result {
                            self.docs.insert(id, a.doc.clone());
                        }
                        vec![FromWorker::Done { id, result, ms }]
                    }
                }
            }
            ToWorker::Tokens { id } => match self.docs.get(&id) {
                Some(doc) => vec![FromWorker::Tokens {
                    id,
                    parts: doc
                        .parts
                        .iter()
                        .map(|p| {
                            p.paragraphs
                                .iter()
                                .map(|s| self.an.seg.words(&doc.text, *s))
                                .collect()
                        })
                        .collect(),
                }],
                None => Vec::new(),
            },
            ToWorker::Warm => {
                let _ = analyse(SEED_NAME, SEED_ZH.as_bytes(), &self.an);
                Vec::new()
            }
            ToWorker::Forget { id } => {
                self.docs.remove(&id);
                self.waiting.remove(&id);
                Vec::new()
            }
            ToWorker::SetLexicon { toml } => match Lexicon::parse(&toml) {
                Err(error) => vec![FromWorker::LexiconRejected { error }],
                Ok(lexicon) => {
                    self.an.tagger = Tagger::new(lexicon, &self.an.seg);
                    let mut out = vec![FromWorker::LexiconSet {
                        lexicon: self.an.tagger.lexicon.clone(),
                    }];
                    out.extend(self.docs.iter().map(|(id, doc)| FromWorker::Retagged {
                        id: *id,
                        themes: self.an.tagger.tag_document(&self.an.seg, doc),
                    }));
                    out
                }
            },
        }
    }
}

impl Default for WorkerState {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ingest_seed(w: &mut WorkerState) {
        let msg = ToWorker::Ingest {
            id: 1,
            name: "seed.txt".into(),
            bytes: crate::core::SEED_ZH.as_bytes().to_vec(),
        };
        assert!(matches!(
            w.handle(msg, &|| 0.0)[0],
            FromWorker::Done {
                id: 1,
                result: Ok(_),
                ..
            }
        ));
    }

    #[test]
    fn the_seed_is_kept_and_answered_with_the_shipped_tags() {
        let shipped = crate::core::ShippedSeed::shipped().unwrap().analysed;
        let mut w = WorkerState::new();
        let replies = w.handle(ToWorker::Seed { id: 1, full: false }, &|| 0.0);
        assert_eq!(
            replies,
            [FromWorker::Retagged {
                id: 1,
                themes: shipped.themes.clone()
            }]
        );
        // Kept like an upload: its words can be asked for.
        match &w.handle(ToWorker::Tokens { id: 1 }, &|| 0.0)[..] {
            [FromWorker::Tokens { id: 1, parts }] => assert_eq!(parts.len(), 10),
            other => panic!("{other:?}"),
        }
        match &w.handle(ToWorker::Seed { id: 2, full: true }, &|| 0.0)[..] {
            [FromWorker::Done {
                id: 2,
                result: Ok(a),
                ..
            }] => assert_eq!(**a, shipped),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_warm_up_answers_nothing_and_keeps_nothing() {
        let mut w = WorkerState::new();
        assert_eq!(w.handle(ToWorker::Warm, &|| 0.0), []);
        assert!(w.docs.is_empty());
        // Still the worker it was: a letter after it is analysed as usual.
        ingest_seed(&mut w);
        assert_eq!(w.docs.len(), 1);
    }

    #[test]
    fn a_pdf_waits_for_the_reader_and_ends_as_if_read_here() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/seed.pdf"
        ))
        .unwrap();
        let ingest = |id| ToWorker::Ingest {
            id,
            name: "seed.pdf".into(),
            bytes: bytes.clone(),
        };
        let mut w = WorkerState::with_pdf_reader();
        assert_eq!(w.handle(ingest(7), &|| 10.0), []);
        assert_eq!(w.handle(ingest(8), &|| 10.0), []);
        let jobs = std::mem::take(&mut w.pdf_jobs);
        assert_eq!(jobs.iter().map(|j| j.id).collect::<Vec<_>>(), [7, 8]);
        assert_eq!(jobs[0].bytes, bytes);

        // 8 is removed before the reader answers: its answer is dropped.
        assert_eq!(w.handle(ToWorker::Forget { id: 8 }, &|| 0.0), []);
        let read = |id| PdfRead {
            id,
            text: crate::core::pdf::pdf_text(&bytes),
        };
        assert_eq!(w.pdf_read(read(8), &|| 0.0), []);
        let here = analyse("seed.pdf", &bytes, &w.an).unwrap();
        match &w.pdf_read(read(7), &|| 35.0)[..] {
            [FromWorker::Done {
                id: 7,
                result: Ok(a),
                ms,
            }] => {
                assert_eq!(**a, here);
                assert_eq!(a.source.format, Format::Pdf);
                assert_eq!(a.source.bytes, bytes.len());
                assert_eq!(*ms, 25.0);
            }
            other => panic!("{other:?}"),
        }
        // Kept like any document.
        assert_eq!(w.handle(ToWorker::Tokens { id: 7 }, &|| 0.0).len(), 1);

        // A reader that dies fails what it had, and only that.
        w.handle(ingest(9), &|| 0.0);
        assert_eq!(std::mem::take(&mut w.pdf_jobs).len(), 1);
        assert_eq!(
            w.reader_died(),
            [FromWorker::Done {
                id: 9,
                result: Err(IngestError::Crashed),
                ms: 0.0
            }]
        );
        assert_eq!(w.reader_died(), []);
        // Text files never wait.
        let done = w.handle(
            ToWorker::Ingest {
                id: 10,
                name: "a.txt".into(),
                bytes: "安全理事会".as_bytes().to_vec(),
            },
            &|| 0.0,
        );
        assert!(matches!(done[..], [FromWorker::Done { id: 10, .. }]));
        assert!(w.pdf_jobs.is_empty());
    }

    #[test]
    fn replies_cross_as_json_bytes_unchanged() {
        let mut w = WorkerState::new();
        let mut replies = w.handle(ToWorker::Seed { id: 1, full: true }, &|| 0.5);
        replies.extend(w.handle(ToWorker::Tokens { id: 1 }, &|| 0.0));
        replies.push(FromWorker::Ready {
            init_ms: 61.25,
            lexicon: w.an.tagger.lexicon.clone(),
        });
        replies.push(FromWorker::Done {
            id: 2,
            result: Err(IngestError::PdfNoText { pages: 3 }),
            ms: 0.0,
        });
        replies.extend(w.handle(
            ToWorker::SetLexicon {
                toml: "x = ".into(),
            },
            &|| 0.0,
        ));
        assert_eq!(replies.len(), 5);
        for r in replies {
            assert_eq!(FromWorker::decode(&r.encode()), Ok(r));
        }
        assert!(FromWorker::decode(b"{\"Nope\":1}").is_err());
        assert!(FromWorker::decode(&[]).is_err());
        // The head the browser benchmark reads: variant 1 (Done), id as a varint, ms as a
        // little-endian f64, then the result's variant (0 = Ok, 1 = Err).
        let head = FromWorker::Done {
            id: 300,
            ms: 2.5,
            result: Err(IngestError::PdfNoText { pages: 3 }),
        }
        .encode();
        assert_eq!(head[..3], [1, 0xac, 0x02]);
        assert_eq!(head[3..11], 2.5f64.to_le_bytes());
        assert_eq!(head[11], 1);
    }

    #[test]
    fn a_new_lexicon_retags_what_was_analysed() {
        let mut w = WorkerState::new();
        ingest_seed(&mut w);
        let toml =
            "[[theme]]\nid = \"peacekeeping\"\nname_zh = \"维和\"\nname_en = \"Peacekeeping\"\n\
                    definition = \"d\"\ncolour = \"#123456\"\n[theme.cues]\n\"维和行动\" = 2\n";
        let replies = w.handle(ToWorker::SetLexicon { toml: toml.into() }, &|| 0.0);
        assert!(
            matches!(&replies[0], FromWorker::LexiconSet { lexicon } if lexicon.themes.len() == 1)
        );
        match &replies[1] {
            FromWorker::Retagged { id: 1, themes } => {
                let china = &themes.parts[3].profile.themes;
                assert_eq!(china.len(), 1);
                assert_eq!(china[0].theme, 0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn word_boundaries_are_given_per_paragraph_until_forgotten() {
        let mut w = WorkerState::new();
        ingest_seed(&mut w);
        let replies = w.handle(ToWorker::Tokens { id: 1 }, &|| 0.0);
        let FromWorker::Tokens { id: 1, parts } = &replies[0] else {
            panic!("{replies:?}")
        };
        let doc = crate::core::analysis::read_structure(SEED_ZH);
        assert_eq!(parts.len(), 10);
        assert_eq!(parts[3].len(), doc.parts[3].paragraphs.len());
        // The words of a paragraph tile it, spaces aside.
        let para = doc.parts[3].paragraphs[0];
        let joined: String = parts[3][0].iter().map(|s| doc.slice(*s)).collect();
        let plain: String = doc
            .slice(para)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            joined
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
            plain
        );
        assert_eq!(doc.slice(parts[3][0][0]), "感谢");
        assert!(w.handle(ToWorker::Forget { id: 1 }, &|| 0.0).is_empty());
        assert!(w.handle(ToWorker::Tokens { id: 1 }, &|| 0.0).is_empty());
    }

    #[test]
    fn a_bad_lexicon_is_rejected_and_the_old_one_kept() {
        let mut w = WorkerState::new();
        let before = w.an.tagger.lexicon.themes.len();
        let replies = w.handle(
            ToWorker::SetLexicon {
                toml: "[[theme]]\nid = 3".into(),
            },
            &|| 0.0,
        );
        assert!(
            matches!(&replies[0], FromWorker::LexiconRejected { error } if error.line == Some(2))
        );
        assert_eq!(w.an.tagger.lexicon.themes.len(), before);
    }
}
