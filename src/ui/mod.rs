//! The Yew interface. It renders what the core computed and owns no analysis logic.

mod charts;
mod compare_view;
mod corpus;
mod doc_view;
mod engine;
pub mod i18n;
mod kwic_view;
mod lexicon_view;
mod matrix;
mod resolutions;
pub mod route;
mod side;
mod state;
pub mod store;
mod workspace;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::analysis::Analysed;
use crate::core::themes::Lexicon;
use crate::core::themes::DEFAULT_LEXICON;
use crate::core::{ShippedSeed, SEED_NAME};
use crate::protocol::{FromWorker, ToWorker};
use compare_view::CompareView;
use corpus::CorpusView;
use doc_view::DocView;
use engine::{Engine, Supervisor};
use i18n::Lang;
use kwic_view::KwicView;
use lexicon_view::LexiconView;
use matrix::MatrixView;
use resolutions::ResolutionsView;
use route::{Route, Tab, TABS};
use side::{Side, SideEvent};
use state::{Action, DocStatus, EngineState, State};
use store::{Store, StoredDoc};
use workspace::{Workspace, Ws};

const LANG_KEY: &str = "unsc-lens.lang";
/// The user's theme lexicon (TOML) when it is not the default: a setting in IndexedDB.
/// Earlier versions kept it in localStorage under the same name; it is moved over once.
const LEXICON_KEY: &str = "unsc-lens.lexicon";
const SEED_ID: u32 = 1;

fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// The service worker (sw.js) keeps the app's files for repeat and offline visits. Browsers
/// offer none on insecure origins (file://), where the app simply works online.
fn register_service_worker() {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let registered = wasm_bindgen_futures::JsFuture::from(nav.service_worker().register("./sw.js"));
    // A refusal (e.g. storage disabled) leaves the app as it is, online only.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = registered.await;
    });
}

/// Starts the rest of the worker pool ahead of any letter (`Supervisor::warm`), in a task of
/// its own once the first worker has answered for the seed, so the page is idle by then (the
/// seed answered again, after a lexicon change, finds the pool full). The new worker's files
/// come from the cache the first one filled (the HTTP cache, or the service worker's).
fn warm_soon(engine: &Rc<Supervisor>) {
    let engine = Rc::downgrade(engine);
    next_task(move || {
        // A worker that fails to start here fails again, and is reported, when letters come.
        if let Some(engine) = engine.upgrade() {
            let _ = engine.warm();
        }
    });
}

fn set_html_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.html_lang());
    }
}

pub(crate) fn scroll_to(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
    }
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Documents uploaded in this session, kept until the worker has read them: only a
/// document that could be analysed is stored.
type Unsaved = Rc<RefCell<HashMap<u32, StoredDoc>>>;
type Shared<T> = Rc<RefCell<Option<T>>>;

type Finished = (
    u32,
    Result<Box<Analysed>, crate::core::ingest::IngestError>,
    f64,
);

/// Analyses that arrived and are not on screen yet. While letters stream in from the worker,
/// one render every `BATCH_MS` takes all that came meanwhile, instead of one render (and one
/// rebuild of the workspace) each; a letter arriving alone is shown at once.
#[derive(Default)]
struct Arrivals {
    queue: Vec<Finished>,
    /// The new letters among them, stored after they are shown (`store_arrivals`).
    to_store: Vec<StoredDoc>,
    scheduled: bool,
    last_flush: f64,
}

const BATCH_MS: f64 = 250.0;

fn arrive(
    arrivals: &Rc<RefCell<Arrivals>>,
    dispatch: &UseReducerDispatcher<State>,
    store: &Shared<Rc<Store>>,
    f: Finished,
    fresh: Option<StoredDoc>,
) {
    let mut a = arrivals.borrow_mut();
    a.queue.push(f);
    a.to_store.extend(fresh);
    if a.scheduled {
        return;
    }
    a.scheduled = true;
    let delay = (a.last_flush + BATCH_MS - now_ms()).clamp(0.0, BATCH_MS);
    let (arrivals, dispatch, store) = (arrivals.clone(), dispatch.clone(), store.clone());
    after_ms(delay as i32, move || {
        let batch = {
            let mut a = arrivals.borrow_mut();
            a.scheduled = false;
            a.last_flush = now_ms();
            std::mem::take(&mut a.queue)
        };
        dispatch.dispatch(Action::FinishedMany(batch));
        next_task(move || store_arrivals(arrivals, dispatch, store));
    });
}

/// Letters stored at once, in one transaction and one task.
const STORED_PER_TASK: usize = 8;

/// Stores the letters that arrived, a few per task after the one that drew them: IndexedDB
/// copies each on the main thread (≈ 1 ms for a letter of 50 KB). Until a letter's turn
/// comes, a rename or removal edits `to_store`.
fn store_arrivals(
    arrivals: Rc<RefCell<Arrivals>>,
    dispatch: UseReducerDispatcher<State>,
    store: Shared<Rc<Store>>,
) {
    let (some, more) = {
        let mut a = arrivals.borrow_mut();
        let n = a.to_store.len().min(STORED_PER_TASK);
        let some: Vec<StoredDoc> = a.to_store.drain(..n).collect();
        (some, !a.to_store.is_empty())
    };
    if !some.is_empty() {
        persist(&store, &dispatch, move |s| async move {
            s.put_docs(&some).await
        });
    }
    if more {
        next_task(move || store_arrivals(arrivals, dispatch, store));
    }
}

/// Documents removed or renamed after they arrived and before they were stored.
impl Arrivals {
    /// `None`: all of them (the workspace was reset).
    fn unstore(&mut self, id: Option<u32>) {
        self.to_store.retain(|d| id.is_some_and(|id| d.id != id));
    }

    fn rename(&mut self, id: u32, name: &str) {
        for d in self.to_store.iter_mut().filter(|d| d.id == id) {
            d.name = name.to_string();
        }
    }
}

/// Runs `f` in a task of its own, after the ones already queued.
fn next_task(f: impl FnOnce() + 'static) {
    after_ms(0, f);
}

fn after_ms(ms: i32, f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
    }
}

/// Lists and reads the next group of files, then the rest a frame's time later, so the
/// page draws each group's entries before the next: listing all at once had the browser
/// lay out a hundred new entries in one go. A timer rather than an animation frame, so the
/// files are still read in a tab in the background.
fn read_in_groups(read: Rc<dyn Fn(Vec<web_sys::File>, bool)>, mut groups: Vec<Vec<web_sys::File>>) {
    if groups.is_empty() {
        return;
    }
    let group = groups.remove(0);
    read(group, false);
    if !groups.is_empty() {
        after_ms(FRAME_MS, move || read_in_groups(read, groups));
    }
}

/// Runs a storage operation in the background and reports a failure.
fn persist<F, Fut>(store: &Shared<Rc<Store>>, dispatch: &UseReducerDispatcher<State>, op: F)
where
    F: FnOnce(Rc<Store>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(), store::StoreError>> + 'static,
{
    let Some(s) = store.borrow().clone() else {
        return;
    };
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = op(s).await {
            dispatch.dispatch(Action::StorageFailed(e));
        }
    });
}

/// The seed's analysis shipped with the page: shown at once, before the worker has even
/// loaded its dictionary. `None` only if the shipped file were unreadable (a build defect
/// that `tests/seed_cache.rs` rules out); the worker's analysis is then awaited.
fn shipped_seed() -> Option<(Rc<Analysed>, Rc<Lexicon>)> {
    let shipped = ShippedSeed::shipped()
        .ok()
        .map(|s| (Rc::new(s.analysed), Rc::new(s.lexicon)));
    mark("seed-parsed");
    shipped
}

/// The seed's reader as the page first draws it (see [`doc_view::static_reader`]): the
/// shipped analysis and lexicon, key terms weighed against the seed alone (the workspace at
/// first paint), in the page's default language.
pub fn seed_reader_html() -> Result<String, postcard::Error> {
    let shipped = ShippedSeed::shipped()?;
    let seed = Rc::new(shipped.analysed);
    let ws = Workspace::new(&[state::DocEntry {
        id: SEED_ID,
        name: SEED_NAME.to_string(),
        seed: true,
        status: DocStatus::Ready(seed.clone(), None),
        added: 0.0,
    }]);
    Ok(doc_view::static_reader(
        SEED_NAME,
        &seed,
        &shipped.lexicon,
        ws.key_terms(SEED_ID).as_deref(),
        Lang::default(),
    ))
}

thread_local! {
    static SHELL: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Takes the static shell of index.html (the seed's reader among it) out of the page, for
/// the app's first render to take its reader from. Called just before the app is mounted,
/// in the same task, so no frame shows neither and no element is ever there twice (Yew
/// would empty the page's body itself).
pub fn take_shell() {
    let shell = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"));
    if let Some(shell) = shell {
        shell.remove();
        SHELL.with(|s| *s.borrow_mut() = Some(shell));
    }
}

/// Files listed and read in one task when many are added at once (see `read_in_groups`).
const FILES_PER_TASK: usize = 12;
/// The time between two groups: about one frame.
const FRAME_MS: i32 = 20;

#[function_component(App)]
pub fn app() -> Html {
    let seed = use_memo((), |_| shipped_seed());
    // The static shell's reader moves into the app's (see `doc_view::keep_prerendered`).
    use_memo((), |_| {
        let shell = SHELL.with(|s| s.borrow_mut().take());
        if let (Some(shell), Some((a, lexicon))) = (shell, &*seed) {
            doc_view::keep_prerendered(&shell, a.clone(), lexicon.clone());
        }
    });
    let shipped = seed.is_some();
    let state = use_reducer(|| State {
        lang: LocalStorage::get::<String>(LANG_KEY)
            .ok()
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default(),
        docs: vec![state::DocEntry {
            id: SEED_ID,
            name: SEED_NAME.to_string(),
            seed: true,
            status: match &*seed {
                Some((a, _)) => DocStatus::Ready(a.clone(), None),
                None => DocStatus::Pending,
            },
            added: 0.0,
        }],
        selected: SEED_ID,
        engine: EngineState::Loading,
        // The lexicon the shipped seed was tagged with, so its themes show at once; the
        // worker confirms it, or a stored lexicon replaces it.
        lexicon: seed.as_ref().as_ref().map(|(_, lexicon)| lexicon.clone()),
        lexicon_error: None,
        show_lexicon: false,
        route: Route::parse(&location_hash()),
        tokens: HashMap::new(),
        storage_error: None,
        restored: None,
        generation: 0,
        engine_restarts: 0,
    });
    // A lexicon sent to the worker and not yet accepted: stored once the worker takes it.
    let pending_lexicon: Shared<String> = use_mut_ref(|| None);
    let engine: Rc<Supervisor> = (*use_memo((), |_| Rc::new(Supervisor::default()))).clone();
    let store: Shared<Rc<Store>> = use_mut_ref(|| None);
    let unsaved: Unsaved = use_mut_ref(HashMap::new);
    let arrivals: Rc<RefCell<Arrivals>> = use_mut_ref(Arrivals::default);
    let next_id = use_mut_ref(|| SEED_ID + 1);

    {
        let dispatch = state.dispatcher();
        let (engine, store, unsaved) = (engine.clone(), store.clone(), unsaved.clone());
        let (pending_lexicon, next_id, arrivals) =
            (pending_lexicon.clone(), next_id.clone(), arrivals.clone());
        use_effect_with((), move |_| {
            doc_view::forget_prerendered();
            mark("shell-painted");
            let on_msg = {
                let dispatch = dispatch.clone();
                let (pending_lexicon, store, unsaved, engine) = (
                    pending_lexicon.clone(),
                    store.clone(),
                    unsaved.clone(),
                    engine.clone(),
                );
                move |msg: FromWorker| match msg {
                    FromWorker::LexiconSet { lexicon } => {
                        if let Some(toml) = pending_lexicon.borrow_mut().take() {
                            engine.set_lexicon(Some(toml.clone()));
                            persist(&store, &dispatch, move |s| async move {
                                s.put_setting(LEXICON_KEY, &toml).await
                            });
                        }
                        dispatch.dispatch(Action::LexiconSet(lexicon))
                    }
                    FromWorker::LexiconRejected { error } => {
                        pending_lexicon.borrow_mut().take();
                        dispatch.dispatch(Action::LexiconRejected(error))
                    }
                    FromWorker::Retagged { id, themes } => {
                        if id == SEED_ID {
                            warm_soon(&engine);
                        }
                        dispatch.dispatch(Action::Retagged(id, themes))
                    }
                    FromWorker::Ready { lexicon, .. } => {
                        dispatch.dispatch(Action::EngineReady(lexicon))
                    }
                    FromWorker::Done { id, result, ms } => {
                        engine.done(id);
                        if id == SEED_ID {
                            warm_soon(&engine);
                        }
                        let fresh = unsaved.borrow_mut().remove(&id);
                        let fresh = fresh.filter(|_| result.is_ok());
                        arrive(&arrivals, &dispatch, &store, (id, result, ms), fresh)
                    }
                    FromWorker::Tokens { id, parts } => {
                        dispatch.dispatch(Action::Tokens(id, parts))
                    }
                    FromWorker::Rejected { reason } => {
                        dispatch.dispatch(Action::EngineFailed(reason))
                    }
                }
            };
            // A worker that dies (a panic in wasm traps) is replaced, and the workspace is
            // given to the new one, all but the file it died on.
            let on_err = {
                let (dispatch, engine) = (dispatch.clone(), Rc::downgrade(&engine));
                move |i: usize, msg: String| {
                    dispatch.dispatch(Action::EngineFailed(msg));
                    let (dispatch, engine) = (dispatch.clone(), engine.clone());
                    // Not inside the dead worker's own handler, which the restart drops.
                    wasm_bindgen_futures::spawn_local(async move {
                        let Some(engine) = engine.upgrade() else {
                            return;
                        };
                        match engine.restart(i, now_ms()) {
                            Ok(culprit) => {
                                if let Some(id) = culprit {
                                    dispatch.dispatch(Action::Finished(
                                        id,
                                        Err(crate::core::ingest::IngestError::Crashed),
                                        0.0,
                                    ));
                                }
                                dispatch.dispatch(Action::EngineRestarted);
                            }
                            Err(e) => dispatch.dispatch(Action::EngineFailed(e)),
                        }
                    });
                }
            };
            let spawner = Box::new(move |i: usize| {
                let (on_msg, on_err) = (on_msg.clone(), on_err.clone());
                Engine::spawn(
                    move |msg| {
                        if i == 0 || engine::heard_from_helper(&msg) {
                            on_msg(msg)
                        }
                    },
                    move |e| on_err(i, e),
                )
            });
            let cores = web_sys::window()
                .map(|w| w.navigator().hardware_concurrency() as usize)
                .unwrap_or(1);
            if let Err(e) = engine.start(spawner, cores) {
                dispatch.dispatch(Action::EngineFailed(e));
            }
            // The stored workspace: the user's lexicon first, so the seed is tagged with it,
            // then the seed, then the stored uploads. Messages wait in the engine's queue
            // until the worker is ready, so nothing here holds up the worker's start. It
            // and the service worker start in a task of their own, after the page's first
            // render has ended.
            next_task(move || {
                wasm_bindgen_futures::spawn_local(async move {
                    register_service_worker();
                    let send = |msg: ToWorker| {
                        if let Err(e) = engine.send(msg) {
                            dispatch.dispatch(Action::EngineFailed(e));
                        }
                    };
                    let old_lexicon = LocalStorage::get::<String>(LEXICON_KEY).ok();
                    let (lexicon, loaded) = match Store::open().await {
                        Ok(s) => {
                            let s = Rc::new(s);
                            *store.borrow_mut() = Some(s.clone());
                            let mut lexicon = s.get_setting(LEXICON_KEY).await.ok().flatten();
                            if lexicon.is_none() {
                                if let Some(old) = &old_lexicon {
                                    if s.put_setting(LEXICON_KEY, old).await.is_ok() {
                                        LocalStorage::delete(LEXICON_KEY);
                                    }
                                    lexicon = Some(old.clone());
                                }
                            }
                            let loaded = match s.load().await {
                                Ok(l) => Some(l),
                                Err(e) => {
                                    dispatch.dispatch(Action::StorageFailed(e));
                                    None
                                }
                            };
                            (lexicon, loaded)
                        }
                        Err(e) => {
                            dispatch.dispatch(Action::StorageFailed(e));
                            (old_lexicon, None)
                        }
                    };
                    if let Some(toml) = lexicon {
                        *pending_lexicon.borrow_mut() = Some(toml.clone());
                        send(ToWorker::SetLexicon { toml });
                    }
                    // The worker keeps the seed too (for its word boundaries and for re-tagging),
                    // and confirms the shipped tags or, with a stored lexicon, replaces them.
                    send(ToWorker::Seed {
                        id: SEED_ID,
                        full: !shipped,
                    });
                    if let Some(loaded) = loaded {
                        for doc in &loaded.docs {
                            let mut n = next_id.borrow_mut();
                            *n = (*n).max(doc.id + 1);
                        }
                        dispatch.dispatch(Action::Added(
                            loaded
                                .docs
                                .iter()
                                .map(|d| (d.id, d.name.clone(), d.added_ms))
                                .collect(),
                        ));
                        dispatch
                            .dispatch(Action::Restored(loaded.docs.len(), loaded.skipped.len()));
                        for doc in loaded.docs {
                            send(ToWorker::Ingest {
                                id: doc.id,
                                name: doc.name,
                                bytes: doc.bytes,
                            });
                        }
                    }
                })
            });
        });
    }

    // The URL fragment is the view.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    dispatch.dispatch(Action::Navigate(Route::parse(&location_hash())))
                })
            });
            move || drop(listener)
        });
    }
    let navigate = {
        let dispatch = state.dispatcher();
        Callback::from(move |route: Route| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&route.hash());
            }
            dispatch.dispatch(Action::Navigate(route));
        })
    };

    let lang = state.lang;
    use_effect_with(lang, |lang| set_html_lang(*lang));
    let seed_done = state
        .docs
        .iter()
        .any(|d| d.seed && matches!(d.status, DocStatus::Ready(..)));
    use_effect_with(seed_done, |done| {
        if *done {
            mark("seed-analysed");
        }
    });

    // Everything computed over the workspace, recomputed only when a document changes.
    let ws = {
        let docs = state.docs.clone();
        use_memo(state.generation, move |_| {
            Ws(Rc::new(Workspace::new(&docs)))
        })
    };
    let ws: Ws = (*ws).clone();
    // Key terms weigh a statement against the whole workspace, so every letter that arrives
    // changes those of the document being read. While letters are still being analysed the
    // reader keeps the last settled ones instead of being redrawn for every batch.
    let settled = use_mut_ref(|| ws.clone());
    if !state
        .docs
        .iter()
        .any(|d| matches!(d.status, DocStatus::Pending))
    {
        *settled.borrow_mut() = ws.clone();
    }
    let settled: Ws = settled.borrow().clone();

    let t = i18n::text(lang);
    let v = i18n::view_text(lang);
    let toggle = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| {
            let next = lang.other();
            let _ = LocalStorage::set(LANG_KEY, next.code());
            dispatch.dispatch(Action::SetLang(next));
        })
    };

    let send = {
        let (engine, dispatch) = (engine.clone(), state.dispatcher());
        Rc::new(move |msg: ToWorker| {
            if let Err(e) = engine.send(msg) {
                dispatch.dispatch(Action::EngineFailed(e));
            }
        })
    };

    // Each new document is analysed on its own, so one failing never holds up the others.
    let on_side = {
        let dispatch = state.dispatcher();
        let (store, unsaved, next_id, send) = (
            store.clone(),
            unsaved.clone(),
            next_id.clone(),
            send.clone(),
        );
        let (navigate, arrivals) = (navigate.clone(), arrivals.clone());
        // A new document: numbered, listed and shown at once, analysed when its bytes are in.
        // Documents added together are one change of state (one render, not one each). The
        // reader opens on a document added alone; with several, the view stays and the
        // document list shows their progress.
        let add = {
            let (dispatch, next_id, navigate) =
                (dispatch.clone(), next_id.clone(), navigate.clone());
            move |names: &[String], open_single: bool| -> Vec<(u32, f64)> {
                let added = now_ms();
                let ids: Vec<(u32, f64)> = names
                    .iter()
                    .map(|_| {
                        let mut n = next_id.borrow_mut();
                        *n += 1;
                        (*n - 1, added)
                    })
                    .collect();
                dispatch.dispatch(Action::Added(
                    ids.iter()
                        .zip(names)
                        .map(|((id, at), name)| (*id, name.clone(), *at))
                        .collect(),
                ));
                if let ([(id, _)], true) = (&ids[..], open_single) {
                    navigate.emit(Route::Reader { doc: *id, at: None });
                }
                ids
            }
        };
        let ingest = {
            let (unsaved, send) = (unsaved.clone(), send.clone());
            Rc::new(
                move |id: u32, name: String, bytes: Vec<u8>, added_ms: f64| {
                    unsaved.borrow_mut().insert(
                        id,
                        StoredDoc {
                            id,
                            name: name.clone(),
                            bytes: bytes.clone(),
                            added_ms,
                        },
                    );
                    send(ToWorker::Ingest { id, name, bytes });
                },
            )
        };
        // Files are listed, then read; each is analysed once its bytes are in.
        let read_files = {
            let (add, ingest, dispatch) = (add.clone(), ingest.clone(), dispatch.clone());
            Rc::new(move |files: Vec<web_sys::File>, open_single: bool| {
                let names: Vec<String> = files.iter().map(|f| f.name()).collect();
                for ((file, name), (id, added)) in files
                    .into_iter()
                    .zip(names.clone())
                    .zip(add(&names, open_single))
                {
                    let (dispatch, ingest) = (dispatch.clone(), ingest.clone());
                    let reader = gloo::file::callbacks::read_as_bytes(
                        &gloo::file::File::from(file),
                        move |bytes| match bytes {
                            Ok(bytes) => ingest(id, name, bytes, added),
                            Err(e) => dispatch.dispatch(Action::Finished(
                                id,
                                Err(crate::core::ingest::IngestError::Unreadable {
                                    detail: e.to_string(),
                                }),
                                0.0,
                            )),
                        },
                    );
                    // The read completes on its own; dropping the handle would cancel it.
                    std::mem::forget(reader);
                }
            })
        };
        Callback::from(move |ev: SideEvent| match ev {
            SideEvent::Files(files) => {
                // Many files at once are listed and read a group at a time, the first one
                // too, so adding a hundred never holds the page for long and the input's
                // own event ends at once.
                if files.len() == 1 {
                    read_files(files, true);
                    return;
                }
                let groups = files.chunks(FILES_PER_TASK).map(<[_]>::to_vec).collect();
                let read = read_files.clone();
                next_task(move || read_in_groups(read, groups));
            }
            SideEvent::Paste(name, text) => {
                if let Some((id, added)) = add(std::slice::from_ref(&name), true).pop() {
                    ingest(id, name, text.into_bytes(), added);
                }
            }
            SideEvent::Rename(id, name) => {
                dispatch.dispatch(Action::Rename(id, name.clone()));
                if let Some(doc) = unsaved.borrow_mut().get_mut(&id) {
                    doc.name = name.clone();
                }
                arrivals.borrow_mut().rename(id, &name);
                persist(&store, &dispatch, move |s| async move {
                    s.rename_doc(id, &name).await
                });
            }
            SideEvent::Remove(id) => {
                dispatch.dispatch(Action::Remove(id));
                unsaved.borrow_mut().remove(&id);
                arrivals.borrow_mut().unstore(Some(id));
                send(ToWorker::Forget { id });
                persist(
                    &store,
                    &dispatch,
                    move |s| async move { s.delete_doc(id).await },
                );
            }
            SideEvent::Reset(ids) => {
                dispatch.dispatch(Action::Reset);
                unsaved.borrow_mut().clear();
                arrivals.borrow_mut().unstore(None);
                for id in ids {
                    send(ToWorker::Forget { id });
                }
                persist(
                    &store,
                    &dispatch,
                    move |s| async move { s.clear_docs().await },
                );
            }
            SideEvent::Select(id) => navigate.emit(Route::Reader { doc: id, at: None }),
        })
    };

    let submit_lexicon = {
        let (pending_lexicon, send) = (pending_lexicon.clone(), send.clone());
        Callback::from(move |toml: String| {
            *pending_lexicon.borrow_mut() = Some(toml.clone());
            send(ToWorker::SetLexicon { toml });
        })
    };
    let reset_lexicon = {
        let (pending_lexicon, send) = (pending_lexicon.clone(), send.clone());
        let (store, dispatch, engine) = (store.clone(), state.dispatcher(), engine.clone());
        Callback::from(move |_: ()| {
            engine.set_lexicon(None);
            LocalStorage::delete(LEXICON_KEY);
            persist(&store, &dispatch, |s| async move {
                s.delete_setting(LEXICON_KEY).await
            });
            pending_lexicon.borrow_mut().take();
            send(ToWorker::SetLexicon {
                toml: DEFAULT_LEXICON.to_string(),
            });
        })
    };
    let toggle_lexicon = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::ToggleLexicon))
    };
    let lx = i18n::lexicon_text(lang);
    let reader_doc = match &state.route {
        Route::Reader { doc, .. } if state.docs.iter().any(|d| d.id == *doc) => *doc,
        _ => state.selected,
    };
    let selected = state
        .docs
        .iter()
        .find(|d| d.id == reader_doc)
        .or(state.docs.first())
        .cloned();
    let ready_docs = state
        .docs
        .iter()
        .filter(|d| matches!(d.status, DocStatus::Ready(..)))
        .count();
    // The status line speaks of the engine and the seed; a file's own error stays beside it.
    let status_state = match &state.engine {
        EngineState::Failed(_) => "error",
        _ if seed_done => "ready",
        _ => "loading",
    };
    let status_text = match (&state.engine, selected.as_ref().map(|d| &d.status)) {
        (EngineState::Failed(msg), _) => format!("{}{msg}", t.failed),
        (_, Some(DocStatus::Ready(a, ms))) => i18n::status_ready(
            lang,
            a.doc.parts.len(),
            a.summary.word_count,
            *ms,
            ready_docs,
        ),
        (_, Some(DocStatus::Failed(e))) => i18n::error_message(lang, e),
        (EngineState::Loading, _) => t.loading.to_string(),
        _ => t.pending.to_string(),
    };

    let tab = state.route.tab();
    let tab_label = |t: Tab| match t {
        Tab::Corpus => v.tab_corpus,
        Tab::Reader => v.tab_reader,
        Tab::Themes => v.tab_themes,
        Tab::Compare => v.tab_compare,
        Tab::Kwic => v.tab_kwic,
        Tab::Resolutions => v.tab_resolutions,
    };
    let tab_route = move |t: Tab| match t {
        Tab::Corpus => Route::Corpus,
        Tab::Reader => Route::Reader {
            doc: reader_doc,
            at: None,
        },
        Tab::Themes => Route::Themes,
        Tab::Compare => Route::Compare(None),
        Tab::Kwic => Route::Kwic(String::new()),
        Tab::Resolutions => Route::Resolutions(None),
    };
    // Arrow keys move along the tab strip.
    let on_tab_key = {
        let navigate = navigate.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = TABS.iter().position(|t| *t == tab).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % TABS.len(),
                "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            e.prevent_default();
            navigate.emit(tab_route(TABS[next]));
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", TABS[next].id())))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        })
    };
    let request_tokens = {
        let send = send.clone();
        Callback::from(move |_: ()| send(ToWorker::Tokens { id: reader_doc }))
    };
    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::DismissStorage))
    };

    // Files dropped anywhere on the page are added.
    let dragging = use_state(|| false);
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving the window, not moving between elements of the page.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let on_drop = {
        let (dragging, on_side) = (dragging.clone(), on_side.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files: Vec<web_sys::File> = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            if !files.is_empty() {
                on_side.emit(SideEvent::Files(files));
            }
        })
    };

    let view = if let (true, Some(lexicon)) = (state.show_lexicon, state.lexicon.clone()) {
        html! {
            <LexiconView {lexicon} error={state.lexicon_error.clone()} {lang}
                on_submit={submit_lexicon} on_reset={reset_lexicon} />
        }
    } else {
        let lexicon = state.lexicon.clone();
        match &state.route {
            Route::Corpus => html! { <CorpusView ws={ws.clone()} {lexicon} {lang} /> },
            Route::Themes => html! { <MatrixView ws={ws.clone()} {lexicon} {lang} /> },
            Route::Compare(pair) => html! {
                <CompareView ws={ws.clone()} {lexicon} {lang} pair={*pair} navigate={navigate.clone()} />
            },
            Route::Kwic(term) => html! {
                <KwicView ws={ws.clone()} {lang} term={term.clone()} navigate={navigate.clone()} />
            },
            Route::Resolutions(focus) => {
                html! { <ResolutionsView ws={ws.clone()} {lang} focus={focus.clone()} /> }
            }
            Route::Home | Route::Reader { .. } => match selected.clone() {
                Some(entry) => {
                    let at = match &state.route {
                        Route::Reader { doc, at } if *doc == entry.id => *at,
                        _ => None,
                    };
                    html! {
                        <DocView key_terms={settled.key_terms(entry.id).or_else(|| ws.key_terms(entry.id))} tokens={state.tokens.get(&entry.id).cloned()}
                            on_tokens={request_tokens} {at} {entry} {lang} {lexicon} />
                    }
                }
                None => html! {},
            },
        }
    };

    html! {
        <div class={classes!("app", dragging.then_some("dragging"))} ondragover={on_dragover}
             ondragleave={on_dragleave} ondrop={on_drop}>
            <header class="top">
                <h1><span class="brand">{ "UNSC Lens" }</span>{ " · " }<span class="brand-zh">{ "安理会文件透镜" }</span></h1>
                <p class="subtitle">{ t.subtitle }</p>
                <button id="lexicon-toggle" type="button" onclick={toggle_lexicon} aria-pressed={state.show_lexicon.to_string()}>
                    { if state.show_lexicon { lx.close } else { lx.open } }
                </button>
                <button id="lang-toggle" type="button" onclick={toggle} aria-label={t.toggle_label}>{ t.toggle }</button>
            </header>
            <nav class="tabs" role="tablist" aria-label={v.tabs} onkeydown={on_tab_key}>
                { for TABS.iter().map(|tb| {
                    let current = *tb == tab && !state.show_lexicon;
                    html! {
                        <a role="tab" id={format!("tab-{}", tb.id())} class={classes!("tab", current.then_some("current"))}
                           href={tab_route(*tb).hash()} aria-selected={current.to_string()}
                           tabindex={if current { "0" } else { "-1" }}>{ tab_label(*tb) }</a>
                    }
                }) }
            </nav>
            <div class="main">
                <Side docs={state.docs.clone()} selected={reader_doc} {lang} restored={state.restored}
                      on_event={on_side} reader={tab == Tab::Reader} />
                <main class="view" role="tabpanel" aria-labelledby={format!("tab-{}", tab.id())}>
                    if state.engine_restarts > 0 {
                        <div id="engine-restarted" class="banner notice" role="status">
                            <span>{ v.engine_restarted }</span>
                        </div>
                    }
                    if let Some(e) = &state.storage_error {
                        <div id="storage-error" class="banner" role="alert">
                            <span>{ format!("{}{}", v.storage_failed, match lang { Lang::Zh => e.message_zh(), Lang::En => e.message_en() }) }</span>
                            <button type="button" onclick={dismiss}>{ v.dismiss }</button>
                        </div>
                    }
                    { view }
                </main>
            </div>
            <footer id="status" class="status" data-state={status_state} role="status">{ status_text }</footer>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_removed_or_renamed_before_they_are_stored_are_stored_so() {
        let doc = |id: u32, name: &str| StoredDoc {
            id,
            name: name.into(),
            bytes: vec![id as u8],
            added_ms: 1.0,
        };
        let mut a = Arrivals {
            to_store: vec![doc(2, "a.txt"), doc(3, "b.txt"), doc(4, "c.txt")],
            ..Arrivals::default()
        };
        a.rename(3, "致安理会的信.txt");
        a.unstore(Some(2));
        a.rename(2, "gone.txt");
        let left: Vec<(u32, &str)> = a.to_store.iter().map(|d| (d.id, d.name.as_str())).collect();
        assert_eq!(left, [(3, "致安理会的信.txt"), (4, "c.txt")]);
        a.unstore(None);
        assert!(a.to_store.is_empty());
    }
}
