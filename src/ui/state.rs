//! The app's state and its reducer. It holds what the core computed; it computes nothing.

use std::rc::Rc;

use yew::Reducible;

use super::i18n::Lang;
use crate::core::analysis::Analysed;
use crate::core::ingest::IngestError;
use crate::core::structure::Document;
use crate::core::themes::{DocThemes, Lexicon, LexiconError};

#[derive(Debug, Clone, PartialEq)]
pub enum EngineState {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocStatus {
    /// Sent to the worker; for the seed, its structure is already known.
    Pending(Option<Rc<Document>>),
    Ready(Rc<Analysed>, f64),
    Failed(IngestError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocEntry {
    pub id: u32,
    pub name: String,
    pub seed: bool,
    pub status: DocStatus,
}

impl DocEntry {
    /// The structure to show: the worker's, or the one computed for the first paint.
    pub fn document(&self) -> Option<&Document> {
        match &self.status {
            DocStatus::Ready(a, _) => Some(&a.doc),
            DocStatus::Pending(Some(doc)) => Some(doc),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub docs: Vec<DocEntry>,
    pub selected: u32,
    pub engine: EngineState,
    /// The lexicon the worker tags with; known once the worker is ready.
    pub lexicon: Option<Rc<Lexicon>>,
    /// Why the last lexicon the user gave was not used.
    pub lexicon_error: Option<LexiconError>,
    pub show_lexicon: bool,
}

pub enum Action {
    SetLang(Lang),
    EngineReady(Lexicon),
    EngineFailed(String),
    Added(u32, String),
    Finished(u32, Result<Box<Analysed>, IngestError>, f64),
    Select(u32),
    LexiconSet(Lexicon),
    LexiconRejected(LexiconError),
    Retagged(u32, DocThemes),
    ToggleLexicon,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::EngineReady(lexicon) => {
                next.engine = EngineState::Ready;
                next.lexicon = Some(Rc::new(lexicon));
            }
            Action::EngineFailed(msg) => next.engine = EngineState::Failed(msg),
            Action::Added(id, name) => next.docs.push(DocEntry {
                id,
                name,
                seed: false,
                status: DocStatus::Pending(None),
            }),
            Action::Finished(id, result, ms) => {
                if let Some(entry) = next.docs.iter_mut().find(|d| d.id == id) {
                    entry.status = match result {
                        Ok(a) => DocStatus::Ready(Rc::new(*a), ms),
                        Err(e) => DocStatus::Failed(e),
                    };
                }
            }
            Action::Select(id) => {
                next.selected = id;
                next.show_lexicon = false;
            }
            Action::LexiconSet(lexicon) => {
                next.lexicon = Some(Rc::new(lexicon));
                next.lexicon_error = None;
            }
            Action::LexiconRejected(error) => next.lexicon_error = Some(error),
            Action::Retagged(id, themes) => {
                if let Some(entry) = next.docs.iter_mut().find(|d| d.id == id) {
                    if let DocStatus::Ready(a, ms) = &entry.status {
                        let mut updated = (**a).clone();
                        updated.themes = themes;
                        entry.status = DocStatus::Ready(Rc::new(updated), *ms);
                    }
                }
            }
            Action::ToggleLexicon => next.show_lexicon = !next.show_lexicon,
        }
        Rc::new(next)
    }
}
