//! The analysed documents of the workspace as the views read them: documents and their
//! statements addressed by [`Unit`], with the counts and profiles the core computed.

use std::collections::HashMap;
use std::rc::Rc;

use super::i18n::{self, Lang};
use super::route::Unit;
use super::state::{DocEntry, DocStatus};
use crate::core::analysis::Analysed;
use crate::core::stats::{
    doc_key_terms, document_frequencies, document_frequencies_of, merge_counts, DocFreqs,
    DocKeyTerms, TermCount,
};
use crate::core::structure::{Part, PartKind};
use crate::core::themes::Profile;

/// Key terms shown per statement.
pub const KEY_TERMS: usize = 8;

pub struct WsDoc {
    pub id: u32,
    pub name: String,
    pub seed: bool,
    pub a: Rc<Analysed>,
    /// When it was added (ms since the epoch); the seed is 0.
    pub added: f64,
}

impl WsDoc {
    /// The symbol, else the name the user gave.
    pub fn title(&self) -> String {
        self.a
            .doc
            .meta
            .symbol
            .clone()
            .unwrap_or_else(|| self.name.clone())
    }
}

#[derive(Default)]
pub struct Workspace {
    /// Analysed documents, seed first, then in the order they were added.
    pub docs: Vec<WsDoc>,
    /// Computed when a view first asks: while letters stream in, the workspace is rebuilt
    /// often and most rebuilds are never asked for key terms.
    keys: std::cell::RefCell<HashMap<u32, Rc<DocKeyTerms>>>,
}

/// Shared between components; equal when it is the same computation.
#[derive(Clone, Default)]
pub struct Ws(pub Rc<Workspace>);

impl PartialEq for Ws {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Ws {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        &self.0
    }
}

impl Workspace {
    pub fn new(entries: &[DocEntry]) -> Workspace {
        let docs: Vec<WsDoc> = entries
            .iter()
            .filter_map(|d| match &d.status {
                DocStatus::Ready(a, _) => Some(WsDoc {
                    id: d.id,
                    name: d.name.clone(),
                    seed: d.seed,
                    a: a.clone(),
                    added: d.added,
                }),
                _ => None,
            })
            .collect();
        Workspace {
            docs,
            ..Workspace::default()
        }
    }

    /// Key terms of a document's statements and of the whole, each statement weighed
    /// against all the statements in the workspace.
    pub fn key_terms(&self, id: u32) -> Option<Rc<DocKeyTerms>> {
        if let Some(k) = self.keys.borrow().get(&id) {
            return Some(k.clone());
        }
        let d = self.get(id)?;
        let parts: Vec<&[TermCount]> = d.a.summary.part_terms().collect();
        let all = self.statements();
        let terms = parts.iter().flat_map(|p| p.iter().map(|t| t.term.as_str()));
        let df = document_frequencies_of(terms, &all);
        let k = Rc::new(doc_key_terms(&parts, &df, all.len(), KEY_TERMS));
        self.keys.borrow_mut().insert(id, k.clone());
        Some(k)
    }

    pub fn get(&self, id: u32) -> Option<&WsDoc> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn part(&self, u: Unit) -> Option<(&WsDoc, Option<&Part>)> {
        let d = self.get(u.doc)?;
        match u.part {
            None => Some((d, None)),
            Some(p) => Some((d, Some(d.a.doc.parts.get(p)?))),
        }
    }

    /// The newest upload, if any.
    pub fn newest(&self) -> Option<&WsDoc> {
        self.docs
            .iter()
            .filter(|d| !d.seed)
            .max_by(|a, b| a.added.total_cmp(&b.added).then(a.id.cmp(&b.id)))
    }

    pub fn seed(&self) -> Option<&WsDoc> {
        self.docs.iter().find(|d| d.seed)
    }

    /// Content-word counts and the number of words (stop words included).
    pub fn counts(&self, u: Unit) -> Option<(Vec<TermCount>, usize)> {
        let d = self.get(u.doc)?;
        let s = &d.a.summary;
        match u.part {
            Some(p) => s.parts.get(p).map(|p| (p.terms.clone(), p.word_count)),
            None => Some((merge_counts(s.part_terms()), s.word_count)),
        }
    }

    pub fn profile(&self, u: Unit) -> Option<&Profile> {
        let d = self.get(u.doc)?;
        match u.part {
            Some(p) => d.a.themes.parts.get(p).map(|t| &t.profile),
            None => Some(&d.a.themes.profile),
        }
    }

    /// Document frequencies over every statement in the workspace, and how many there are.
    pub fn df(&self) -> (DocFreqs<&str>, usize) {
        let all = self.statements();
        (document_frequencies(&all), all.len())
    }

    /// Every statement's counts.
    fn statements(&self) -> Vec<&[TermCount]> {
        self.docs
            .iter()
            .flat_map(|d| d.a.summary.part_terms())
            .collect()
    }

    /// How a unit is named on screen: "S/2020/911", "S/2020/911 · 附件三 · 中国".
    pub fn label(&self, u: Unit, lang: Lang) -> String {
        match self.part(u) {
            None => String::new(),
            Some((d, None)) => d.title(),
            Some((d, Some(p))) => format!("{} · {}", d.title(), part_label(p, lang)),
        }
    }

    /// Every document and every statement, for the pickers.
    pub fn units(&self) -> Vec<Unit> {
        self.docs
            .iter()
            .flat_map(|d| {
                std::iter::once(Unit::doc(d.id)).chain((0..d.a.doc.parts.len()).map(move |p| {
                    Unit {
                        doc: d.id,
                        part: Some(p),
                    }
                }))
            })
            .collect()
    }
}

/// 附件三 · 中国 / Annex 3 · Estonia / 来函.
pub fn part_label(p: &Part, lang: Lang) -> String {
    let t = i18n::text(lang);
    let base = match p.kind {
        PartKind::Annex => i18n::annex_label(lang, p.annex.unwrap_or(1)),
        PartKind::Cover => t.cover.to_string(),
        PartKind::Body => t.body.to_string(),
    };
    match p.speaker.as_ref().and_then(|s| s.represents.as_ref()) {
        Some(r) => format!("{base} · {r}"),
        None => base,
    }
}
