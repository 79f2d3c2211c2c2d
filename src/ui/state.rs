//! The app's state and its reducer. It holds what the core computed; it computes nothing.

use std::collections::HashMap;
use std::rc::Rc;

use yew::Reducible;

use super::i18n::Lang;
use super::route::Route;
use super::store::StoreError;
use crate::core::analysis::Analysed;
use crate::core::ingest::IngestError;
use crate::core::structure::Document;
use crate::core::text::Span;
use crate::core::themes::{DocThemes, Lexicon, LexiconError};

#[derive(Debug, Clone, PartialEq)]
pub enum EngineState {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum DocStatus {
    /// Sent to the worker.
    Pending,
    /// With the worker's time in ms; none for the seed's analysis shipped with the page.
    Ready(Rc<Analysed>, Option<f64>),
    Failed(IngestError),
}

/// The same analysis is the same object: views compare props on every render, and comparing
/// whole analyses would cost more than the render it might save.
impl PartialEq for DocStatus {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (DocStatus::Pending, DocStatus::Pending) => true,
            (DocStatus::Ready(a, x), DocStatus::Ready(b, y)) => Rc::ptr_eq(a, b) && x == y,
            (DocStatus::Failed(a), DocStatus::Failed(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocEntry {
    pub id: u32,
    pub name: String,
    pub seed: bool,
    pub status: DocStatus,
    /// When it was added (ms since the epoch); the seed is 0.
    pub added: f64,
}

impl DocEntry {
    /// The structure to show: the worker's, or the one computed for the first paint.
    pub fn document(&self) -> Option<&Document> {
        match &self.status {
            DocStatus::Ready(a, _) => Some(&a.doc),
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
    pub route: Route,
    /// Word boundaries of a document's paragraphs (parts → paragraphs → words), asked of
    /// the worker when the reader shows them.
    pub tokens: HashMap<u32, Rc<Vec<Vec<Vec<Span>>>>>,
    /// The last storage problem, shown until dismissed.
    pub storage_error: Option<StoreError>,
    /// Documents restored from storage at start, and records skipped.
    pub restored: Option<(usize, usize)>,
    /// Bumped whenever a document's analysis, name or presence changes: what is computed
    /// over the whole workspace is recomputed then, and only then.
    pub generation: u64,
    /// How often the worker died and was replaced.
    pub engine_restarts: u32,
}

pub enum Action {
    SetLang(Lang),
    EngineReady(Lexicon),
    EngineFailed(String),
    /// Documents sent to the worker: id, name, when added.
    Added(Vec<(u32, String, f64)>),
    Finished(u32, Result<Box<Analysed>, IngestError>, f64),
    /// Several analyses at once (one render for all).
    FinishedMany(Vec<(u32, Result<Box<Analysed>, IngestError>, f64)>),
    LexiconSet(Lexicon),
    LexiconRejected(LexiconError),
    Retagged(u32, DocThemes),
    ToggleLexicon,
    Navigate(Route),
    Rename(u32, String),
    Remove(u32),
    /// Every upload removed; the seed stays.
    Reset,
    Tokens(u32, Vec<Vec<Vec<Span>>>),
    StorageFailed(StoreError),
    DismissStorage,
    Restored(usize, usize),
    EngineRestarted,
}

impl State {
    fn finish(&mut self, id: u32, result: Result<Box<Analysed>, IngestError>, ms: f64) {
        if let Some(entry) = self.docs.iter_mut().find(|d| d.id == id) {
            entry.status = match result {
                Ok(a) => DocStatus::Ready(Rc::new(*a), Some(ms)),
                Err(e) => DocStatus::Failed(e),
            };
        }
    }

    /// After a removal, keep the selection on a document that exists.
    fn reselect(&mut self) {
        if !self.docs.iter().any(|d| d.id == self.selected) {
            self.selected = self.docs.first().map_or(0, |d| d.id);
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The worker confirms the seed's shipped tags at start: nothing changes, so nothing
        // is recomputed or rendered again.
        if let Action::Retagged(id, themes) = &action {
            let same = self.docs.iter().any(|d| {
                d.id == *id && matches!(&d.status, DocStatus::Ready(a, _) if a.themes == *themes)
            });
            if same {
                return self;
            }
        }
        let mut next = (*self).clone();
        if matches!(
            action,
            Action::Finished(..)
                | Action::FinishedMany(..)
                | Action::Retagged(..)
                | Action::Rename(..)
                | Action::Remove(_)
                | Action::Reset
        ) {
            next.generation += 1;
        }
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::EngineReady(lexicon) => {
                next.engine = EngineState::Ready;
                // The worker's lexicon is usually the one the shipped seed was tagged with:
                // kept as the same object, the views drawn with it are not drawn again.
                if next.lexicon.as_deref() != Some(&lexicon) {
                    next.lexicon = Some(Rc::new(lexicon));
                }
            }
            Action::EngineFailed(msg) => next.engine = EngineState::Failed(msg),
            Action::Added(all) => {
                for (id, name, added) in all {
                    if matches!(next.route, Route::Reader { doc, .. } if doc == id) {
                        next.selected = id;
                    }
                    if !next.docs.iter().any(|d| d.id == id) {
                        next.docs.push(DocEntry {
                            id,
                            name,
                            seed: false,
                            status: DocStatus::Pending,
                            added,
                        })
                    }
                }
            }
            Action::Finished(id, result, ms) => next.finish(id, result, ms),
            Action::FinishedMany(all) => {
                for (id, result, ms) in all {
                    next.finish(id, result, ms);
                }
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
            Action::Navigate(route) => {
                if let Route::Reader { doc, .. } = route {
                    if next.docs.iter().any(|d| d.id == doc) {
                        next.selected = doc;
                    }
                }
                next.show_lexicon = false;
                next.route = route;
            }
            Action::Rename(id, name) => {
                if let Some(entry) = next.docs.iter_mut().find(|d| d.id == id && !d.seed) {
                    entry.name = name;
                }
            }
            Action::Remove(id) => {
                next.docs.retain(|d| d.seed || d.id != id);
                next.tokens.remove(&id);
                next.reselect();
            }
            Action::Reset => {
                next.docs.retain(|d| d.seed);
                next.tokens
                    .retain(|id, _| next.docs.iter().any(|d| d.id == *id));
                next.reselect();
            }
            Action::Tokens(id, tokens) => {
                next.tokens.insert(id, Rc::new(tokens));
            }
            Action::StorageFailed(e) => next.storage_error = Some(e),
            Action::DismissStorage => next.storage_error = None,
            Action::Restored(n, skipped) => next.restored = Some((n, skipped)),
            Action::EngineRestarted => {
                next.engine_restarts += 1;
                next.engine = EngineState::Loading;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(lexicon: Lexicon) -> Rc<State> {
        Rc::new(State {
            lang: Lang::default(),
            docs: Vec::new(),
            selected: 0,
            engine: EngineState::Loading,
            lexicon: Some(Rc::new(lexicon)),
            lexicon_error: None,
            show_lexicon: false,
            route: Route::parse(""),
            tokens: HashMap::new(),
            storage_error: None,
            restored: None,
            generation: 0,
            engine_restarts: 0,
        })
    }

    #[test]
    fn the_worker_ready_with_the_same_lexicon_keeps_the_same_object() {
        let before = state(Lexicon::default_lexicon());
        let kept = before.lexicon.clone().unwrap();
        let after = before.reduce(Action::EngineReady(Lexicon::default_lexicon()));
        assert_eq!(after.engine, EngineState::Ready);
        assert!(Rc::ptr_eq(after.lexicon.as_ref().unwrap(), &kept));

        let mut other = Lexicon::default_lexicon();
        other.themes.pop();
        let after = after.reduce(Action::EngineReady(other.clone()));
        assert!(!Rc::ptr_eq(after.lexicon.as_ref().unwrap(), &kept));
        assert_eq!(**after.lexicon.as_ref().unwrap(), other);
    }
}
