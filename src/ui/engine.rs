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
        let onmessage =
            {
                let (worker, ready, queue) = (worker.clone(), ready.clone(), queue.clone());
                Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                    let msg = serde_wasm_bindgen::from_value::<FromWorker>(e.data())
                        .unwrap_or_else(|err| FromWorker::Rejected {
                            reason: err.to_string(),
                        });
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
