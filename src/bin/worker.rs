//! The Web Worker: owns the segmenter (its dictionary takes a few hundred milliseconds to
//! build) and runs the analysis off the page's main thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    use unsc_lens::protocol::{FromWorker, ToWorker, WorkerState};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let now = {
        let perf = scope.performance();
        move || perf.as_ref().map_or(0.0, |p| p.now())
    };
    let post = {
        let scope = scope.clone();
        move |msg: &FromWorker| {
            if let Ok(v) = serde_wasm_bindgen::to_value(msg) {
                let _ = scope.post_message(&v);
            }
        }
    };

    let t0 = now();
    let state = std::cell::RefCell::new(WorkerState::new());
    post(&FromWorker::Ready {
        init_ms: now() - t0,
        lexicon: state.borrow().an.tagger.lexicon.clone(),
    });

    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        match serde_wasm_bindgen::from_value::<ToWorker>(e.data()) {
            Ok(msg) => {
                for reply in state.borrow_mut().handle(msg, &now) {
                    post(&reply);
                }
            }
            Err(err) => post(&FromWorker::Rejected {
                reason: err.to_string(),
            }),
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker runs only in the browser (built by trunk for wasm32)");
    std::process::exit(2);
}
