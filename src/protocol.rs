//! Messages between the page and the analysis worker. They cross into JavaScript with
//! serde-wasm-bindgen (structured clone); file bytes travel as a Uint8Array.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::core::analysis::{analyse, Analysed, Analyzer};
use crate::core::ingest::IngestError;
use crate::core::structure::Document;
use crate::core::text::Span;
use crate::core::themes::{DocThemes, Lexicon, LexiconError, Tagger};

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
    /// The word boundaries of a document's paragraphs, for showing the segmentation.
    Tokens { id: u32 },
    /// The document was removed from the workspace: drop what is kept of it.
    Forget { id: u32 },
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

/// The worker's state: the analyzer, and the documents it has analysed (kept so that a new
/// lexicon re-tags them without reading the files again).
pub struct WorkerState {
    pub an: Analyzer,
    docs: BTreeMap<u32, Document>,
}

impl WorkerState {
    pub fn new() -> Self {
        WorkerState {
            an: Analyzer::default(),
            docs: BTreeMap::new(),
        }
    }

    /// The replies to one message; `now` reads a clock in milliseconds for the timings.
    pub fn handle(&mut self, msg: ToWorker, now: &dyn Fn() -> f64) -> Vec<FromWorker> {
        match msg {
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
            ToWorker::Forget { id } => {
                self.docs.remove(&id);
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
    use crate::core::SEED_ZH;

    fn ingest_seed(w: &mut WorkerState) {
        let msg = ToWorker::Ingest {
            id: 1,
            name: "seed.txt".into(),
            bytes: SEED_ZH.as_bytes().to_vec(),
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
