//! The page's end of the analysis worker. Requests made before the worker has built its
//! segmenter wait in a queue: a message posted before the worker's handler is installed
//! would be lost.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::protocol::{FromWorker, ToWorker};

/// Trunk builds the worker bin with a loader shim of this name beside `index.html`; the
/// path is relative so the app also works under a GitHub Pages sub-path.
const WORKER_URL: &str = "./worker_loader.js";

pub struct Engine {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<JsValue>>>,
    _onmessage: Closure<dyn Fn(MessageEvent)>,
    _onerror: Closure<dyn Fn(ErrorEvent)>,
}

impl Engine {
    pub fn spawn(
        on_message: impl Fn(FromWorker) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Result<Engine, String> {
        let worker = Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<JsValue>>> = Rc::default();
        let onmessage = {
            let (worker, ready, queue) = (worker.clone(), ready.clone(), queue.clone());
            Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                let msg = match e.data().dyn_into::<js_sys::Uint8Array>() {
                    Ok(bytes) => FromWorker::decode(&bytes.to_vec()),
                    Err(_) => Err("a message from the worker that is not bytes".into()),
                }
                .unwrap_or_else(|reason| FromWorker::Rejected { reason });
                if let FromWorker::Ready { .. } = msg {
                    ready.set(true);
                    for pending in queue.borrow_mut().drain(..) {
                        let _ = worker.post_message(&pending);
                    }
                }
                on_message(msg);
            })
        };
        let onerror =
            Closure::<dyn Fn(ErrorEvent)>::new(move |e: ErrorEvent| on_error(e.message()));
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Engine {
            worker,
            ready,
            queue,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    pub fn send(&self, msg: &ToWorker) -> Result<(), String> {
        let value = serde_wasm_bindgen::to_value(msg).map_err(|e| e.to_string())?;
        if self.ready.get() {
            self.worker
                .post_message(&value)
                .map_err(|e| format!("{e:?}"))
        } else {
            self.queue.borrow_mut().push(value);
            Ok(())
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Makes a worker with the page's message handlers.
pub type Spawner = Box<dyn Fn() -> Result<Engine, String>>;

/// The page's hold on the worker across crashes: what was sent (so a new worker can be
/// given the workspace again), what is being analysed (so the file a worker died on is
/// not fed to its successor), and the user's lexicon.
#[derive(Default)]
pub struct Supervisor {
    engine: RefCell<Option<Engine>>,
    spawner: RefCell<Option<Spawner>>,
    in_flight: RefCell<Vec<u32>>,
    kept: RefCell<std::collections::BTreeMap<u32, (String, Vec<u8>)>>,
    lexicon: RefCell<Option<String>>,
    /// The id the seed was given (`ToWorker::Seed`), sent again to a new worker.
    seed: RefCell<Option<u32>>,
    restarts: RefCell<Vec<f64>>,
}

/// Restarts allowed within [`RESTART_WINDOW_MS`]; past that the worker stays down and the
/// error stays on screen, rather than crashing in a loop.
const MAX_RESTARTS: usize = 3;
const RESTART_WINDOW_MS: f64 = 60_000.0;

impl Supervisor {
    /// Sets how a worker is made and makes the first one.
    pub fn start(&self, spawner: Spawner) -> Result<(), String> {
        let engine = spawner()?;
        *self.engine.borrow_mut() = Some(engine);
        *self.spawner.borrow_mut() = Some(spawner);
        Ok(())
    }

    pub fn send(&self, msg: ToWorker) -> Result<(), String> {
        match &msg {
            ToWorker::Ingest { id, name, bytes } => {
                self.kept
                    .borrow_mut()
                    .insert(*id, (name.clone(), bytes.clone()));
                self.in_flight.borrow_mut().push(*id);
            }
            ToWorker::Seed { id, .. } => *self.seed.borrow_mut() = Some(*id),
            ToWorker::Forget { id } => {
                self.kept.borrow_mut().remove(id);
                self.in_flight.borrow_mut().retain(|x| x != id);
            }
            _ => {}
        }
        match self.engine.borrow().as_ref() {
            Some(w) => w.send(&msg),
            None => Err("worker not running".into()),
        }
    }

    /// The worker answered for this document.
    pub fn done(&self, id: u32) {
        self.in_flight.borrow_mut().retain(|x| *x != id);
    }

    /// The user's lexicon now in use (none: the default).
    pub fn set_lexicon(&self, toml: Option<String>) {
        *self.lexicon.borrow_mut() = toml;
    }

    /// A new worker in place of one that died, given the lexicon and every document again
    /// except the one it was analysing, which is returned. Call it outside the dead
    /// worker's own event handler.
    pub fn restart(&self, now: f64) -> Result<Option<u32>, String> {
        {
            let mut r = self.restarts.borrow_mut();
            r.retain(|t| now - t < RESTART_WINDOW_MS);
            if r.len() >= MAX_RESTARTS {
                return Err("the analysis worker keeps stopping".into());
            }
            r.push(now);
        }
        let culprit = self.in_flight.borrow().first().copied();
        self.in_flight.borrow_mut().clear();
        if let Some(id) = culprit {
            self.kept.borrow_mut().remove(&id);
        }
        self.engine.borrow_mut().take();
        let engine = match self.spawner.borrow().as_ref() {
            Some(spawn) => spawn()?,
            None => return Err("worker not started".into()),
        };
        *self.engine.borrow_mut() = Some(engine);
        if let Some(toml) = self.lexicon.borrow().clone() {
            self.send(ToWorker::SetLexicon { toml })?;
        }
        let seed = *self.seed.borrow();
        if let Some(id) = seed {
            self.send(ToWorker::Seed { id, full: false })?;
        }
        let kept: Vec<(u32, String, Vec<u8>)> = self
            .kept
            .borrow()
            .iter()
            .map(|(id, (n, b))| (*id, n.clone(), b.clone()))
            .collect();
        for (id, name, bytes) in kept {
            self.send(ToWorker::Ingest { id, name, bytes })?;
        }
        Ok(culprit)
    }
}
