//! The page's end of the analysis worker.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::protocol::{FromWorker, ToWorker};

/// Trunk builds the worker bin with a loader shim of this name beside `index.html`; the
/// path is relative so the app also works under a GitHub Pages sub-path.
const WORKER_URL: &str = "./worker_loader.js";

pub struct Engine {
    worker: Worker,
    _onmessage: Closure<dyn Fn(MessageEvent)>,
    _onerror: Closure<dyn Fn(ErrorEvent)>,
}

impl Engine {
    pub fn spawn(
        on_message: impl Fn(FromWorker) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Result<Engine, String> {
        let worker = Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
        let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            match serde_wasm_bindgen::from_value::<FromWorker>(e.data()) {
                Ok(msg) => on_message(msg),
                Err(err) => on_message(FromWorker::Rejected {
                    reason: err.to_string(),
                }),
            }
        });
        let onerror =
            Closure::<dyn Fn(ErrorEvent)>::new(move |e: ErrorEvent| on_error(e.message()));
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Engine {
            worker,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    pub fn send(&self, msg: &ToWorker) -> Result<(), String> {
        let value = serde_wasm_bindgen::to_value(msg).map_err(|e| e.to_string())?;
        self.worker
            .post_message(&value)
            .map_err(|e| format!("{e:?}"))
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
