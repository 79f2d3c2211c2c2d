//! The app's state and its reducer. It holds results; it computes none.

use std::rc::Rc;

use yew::Reducible;

use super::i18n::Lang;
use crate::core::analysis::DocSummary;
use crate::core::structure::Document;

#[derive(Debug, Clone, PartialEq)]
pub enum EngineState {
    Loading,
    /// The segmenter is built and the seed is being segmented.
    Segmenting,
    Done {
        ms: f64,
    },
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub seed: Rc<Document>,
    pub summary: Option<Rc<DocSummary>>,
    pub engine: EngineState,
}

pub enum Action {
    SetLang(Lang),
    EngineReady,
    Analysed(DocSummary, f64),
    EngineFailed(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::EngineReady => next.engine = EngineState::Segmenting,
            Action::Analysed(summary, ms) => {
                next.summary = Some(Rc::new(summary));
                next.engine = EngineState::Done { ms };
            }
            Action::EngineFailed(msg) => next.engine = EngineState::Failed(msg),
        }
        Rc::new(next)
    }
}
