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

/// Makes worker number `i` of the pool with the page's message handlers.
pub type Spawner = Box<dyn Fn(usize) -> Result<Engine, String>>;

/// Analysis workers at most. Each holds its own segmenter and dictionary (≈ 40 MB), so more
/// than two would cost memory for little on the machines this runs on; a second one halves
/// the time a batch of letters takes on two cores.
const MAX_WORKERS: usize = 2;

/// Whether a message from a worker other than the first reaches the page. Every worker
/// answers for the documents it was given; only the first speaks for the lexicon and for
/// being ready, so the page hears those once.
pub fn heard_from_helper(msg: &FromWorker) -> bool {
    !matches!(
        msg,
        FromWorker::Ready { .. }
            | FromWorker::LexiconSet { .. }
            | FromWorker::LexiconRejected { .. }
    )
}

#[derive(Default)]
struct Slot {
    engine: Option<Engine>,
    /// Documents given to this worker and not answered yet, oldest first.
    in_flight: Vec<u32>,
}

/// The page's hold on its workers across crashes: what was sent (so a new worker can be
/// given its documents again), which worker holds which document, what each is analysing
/// (so the file a worker died on is not fed to its successor), and the user's lexicon.
/// The first worker starts with the page and analyses the seed. A second is started ahead of
/// the letters once the page is idle (`warm`), or when a document arrives while the first is
/// busy.
#[derive(Default)]
pub struct Supervisor {
    slots: RefCell<Vec<Slot>>,
    spawner: RefCell<Option<Spawner>>,
    /// The pool's size: at most [`MAX_WORKERS`], at most the machine's cores.
    size: Cell<usize>,
    /// Which worker holds each document.
    owner: RefCell<std::collections::HashMap<u32, usize>>,
    kept: RefCell<std::collections::BTreeMap<u32, (String, Vec<u8>)>>,
    /// The lexicon accepted, and the last one sent (perhaps still being checked).
    lexicon: RefCell<Option<String>>,
    lexicon_sent: RefCell<Option<String>>,
    /// The id the seed was given (`ToWorker::Seed`), sent again to a new first worker.
    seed: RefCell<Option<u32>>,
    restarts: RefCell<Vec<f64>>,
}

/// Restarts allowed within [`RESTART_WINDOW_MS`]; past that the worker stays down and the
/// error stays on screen, rather than crashing in a loop.
const MAX_RESTARTS: usize = 3;
const RESTART_WINDOW_MS: f64 = 60_000.0;

impl Supervisor {
    /// Sets how a worker is made and makes the first one; `cores` bounds the pool.
    pub fn start(&self, spawner: Spawner, cores: usize) -> Result<(), String> {
        self.size.set(cores.clamp(1, MAX_WORKERS));
        let engine = spawner(0)?;
        *self.slots.borrow_mut() = vec![Slot {
            engine: Some(engine),
            in_flight: Vec::new(),
        }];
        *self.spawner.borrow_mut() = Some(spawner);
        Ok(())
    }

    fn post(&self, i: usize, msg: &ToWorker) -> Result<(), String> {
        match self.slots.borrow().get(i).and_then(|s| s.engine.as_ref()) {
            Some(w) => w.send(msg),
            None => Err("worker not running".into()),
        }
    }

    /// Worker `i` is given what every worker needs before any document: the lexicon.
    fn prime(&self, i: usize) -> Result<(), String> {
        let accepted = self.lexicon.borrow().clone();
        let sent = self.lexicon_sent.borrow().clone();
        if let Some(toml) = &accepted {
            self.post(i, &ToWorker::SetLexicon { toml: toml.clone() })?;
        }
        // One still being checked: the new worker takes or refuses it as the others do.
        if let Some(toml) = sent.filter(|s| accepted.as_ref() != Some(s)) {
            self.post(i, &ToWorker::SetLexicon { toml })?;
        }
        Ok(())
    }

    /// Starts worker number `len` of the pool (the next one) and gives it the lexicon.
    fn grow(&self, len: usize) -> Result<(), String> {
        let engine = match self.spawner.borrow().as_ref() {
            Some(spawn) => spawn(len)?,
            None => return Err("worker not started".into()),
        };
        self.slots.borrow_mut().push(Slot {
            engine: Some(engine),
            in_flight: Vec::new(),
        });
        self.prime(len)
    }

    /// Starts the rest of the pool now, while the page is idle, each worker running the
    /// seed's analysis once (`ToWorker::Warm`); nothing if the pool is full. Started on the
    /// first letters instead, the second worker spent their time building its segmenter and
    /// running code the browser had not optimised yet.
    pub fn warm(&self) -> Result<(), String> {
        loop {
            let len = self.slots.borrow().len();
            if len == 0 || len >= self.size.get() {
                return Ok(());
            }
            self.grow(len)?;
            self.post(len, &ToWorker::Warm)?;
        }
    }

    /// The worker for a new document: the least busy, after starting another if every
    /// running one is busy and the pool has room.
    fn pick(&self) -> Result<usize, String> {
        let (busy, len) = {
            let slots = self.slots.borrow();
            (slots.iter().all(|s| !s.in_flight.is_empty()), slots.len())
        };
        if busy && len < self.size.get() {
            self.grow(len)?;
        }
        let slots = self.slots.borrow();
        Ok((0..slots.len())
            .min_by_key(|i| slots[*i].in_flight.len())
            .unwrap_or(0))
    }

    pub fn send(&self, msg: ToWorker) -> Result<(), String> {
        let to = match &msg {
            ToWorker::Ingest { id, .. } => {
                let i = self.pick()?;
                self.owner.borrow_mut().insert(*id, i);
                self.slots.borrow_mut()[i].in_flight.push(*id);
                Some(i)
            }
            ToWorker::Seed { id, .. } => {
                *self.seed.borrow_mut() = Some(*id);
                self.owner.borrow_mut().insert(*id, 0);
                Some(0)
            }
            ToWorker::Forget { id } => {
                self.kept.borrow_mut().remove(id);
                for s in self.slots.borrow_mut().iter_mut() {
                    s.in_flight.retain(|x| x != id);
                }
                self.owner.borrow_mut().remove(id)
            }
            ToWorker::Tokens { id } => self.owner.borrow().get(id).copied(),
            ToWorker::Warm => None,
            ToWorker::SetLexicon { toml } => {
                *self.lexicon_sent.borrow_mut() = Some(toml.clone());
                None
            }
        };
        let sent = match to {
            Some(i) => self.post(i, &msg),
            // Every worker: the lexicon, or a document none holds (nothing to do).
            None if matches!(msg, ToWorker::SetLexicon { .. }) => {
                let n = self.slots.borrow().len();
                (0..n).try_for_each(|i| self.post(i, &msg))
            }
            None => Ok(()),
        };
        // Kept for a worker started in place of its own; moved rather than copied, as a
        // letter can be megabytes.
        if let ToWorker::Ingest { id, name, bytes } = msg {
            self.kept.borrow_mut().insert(id, (name, bytes));
        }
        sent
    }

    /// A worker answered for this document.
    pub fn done(&self, id: u32) {
        for s in self.slots.borrow_mut().iter_mut() {
            s.in_flight.retain(|x| *x != id);
        }
    }

    /// The user's lexicon now in use (none: the default).
    pub fn set_lexicon(&self, toml: Option<String>) {
        *self.lexicon.borrow_mut() = toml;
    }

    /// A new worker `i` in place of one that died, given the lexicon and its documents
    /// again except the one it was analysing, which is returned. Call it outside the dead
    /// worker's own event handler.
    pub fn restart(&self, i: usize, now: f64) -> Result<Option<u32>, String> {
        {
            let mut r = self.restarts.borrow_mut();
            r.retain(|t| now - t < RESTART_WINDOW_MS);
            if r.len() >= MAX_RESTARTS {
                return Err("the analysis worker keeps stopping".into());
            }
            r.push(now);
        }
        let culprit = {
            let mut slots = self.slots.borrow_mut();
            let Some(slot) = slots.get_mut(i) else {
                return Err("worker not started".into());
            };
            slot.engine.take();
            let culprit = slot.in_flight.first().copied();
            slot.in_flight.clear();
            culprit
        };
        if let Some(id) = culprit {
            self.kept.borrow_mut().remove(&id);
            self.owner.borrow_mut().remove(&id);
        }
        let engine = match self.spawner.borrow().as_ref() {
            Some(spawn) => spawn(i)?,
            None => return Err("worker not started".into()),
        };
        self.slots.borrow_mut()[i].engine = Some(engine);
        self.prime(i)?;
        let seed = *self.seed.borrow();
        if let Some(id) = seed.filter(|_| i == 0) {
            self.post(i, &ToWorker::Seed { id, full: false })?;
        }
        let kept: Vec<(u32, String, Vec<u8>)> = {
            let owner = self.owner.borrow();
            self.kept
                .borrow()
                .iter()
                .filter(|(id, _)| owner.get(id) == Some(&i))
                .map(|(id, (n, b))| (*id, n.clone(), b.clone()))
                .collect()
        };
        for (id, name, bytes) in kept {
            self.slots.borrow_mut()[i].in_flight.push(id);
            self.post(i, &ToWorker::Ingest { id, name, bytes })?;
        }
        Ok(culprit)
    }
}
