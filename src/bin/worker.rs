//! The Web Worker: owns the segmenter (its dictionary takes tens of milliseconds to build)
//! and runs the analysis off the page's main thread. PDFs go to a second worker, the PDF
//! reader (src/bin/pdf.rs), started on the first PDF and replaced if it dies.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use unsc_lens::protocol::{FromWorker, PdfRead, ToWorker, WorkerState, PDF_READER_READY};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, ErrorEvent, MessageEvent, Worker};

    const PDF_READER_URL: &str = "./pdf_loader.js";

    /// The PDF reader and its handlers, dropped (and the worker terminated) when it dies.
    struct Reader {
        worker: Worker,
        /// Jobs held until the reader says it listens.
        held: Rc<RefCell<Option<Vec<JsValue>>>>,
        _onmessage: Closure<dyn Fn(MessageEvent)>,
        _onerror: Closure<dyn Fn(ErrorEvent)>,
    }
    impl Drop for Reader {
        fn drop(&mut self) {
            self.worker.terminate();
        }
    }

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let perf = scope.performance();
    let now = Rc::new(move || perf.as_ref().map_or(0.0, |p| p.now()));
    let post = {
        let scope = scope.clone();
        Rc::new(move |msg: &FromWorker| {
            let bytes = js_sys::Uint8Array::from(msg.encode().as_slice());
            let _ = scope.post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()));
        })
    };

    let t0 = now();
    let state = Rc::new(RefCell::new(WorkerState::with_pdf_reader()));
    post(&FromWorker::Ready {
        init_ms: now() - t0,
        lexicon: state.borrow().an.tagger.lexicon.clone(),
    });

    let reader: Rc<RefCell<Option<Reader>>> = Rc::default();
    let spawn_reader = {
        let (state, post, now, reader) = (state.clone(), post.clone(), now.clone(), reader.clone());
        move || -> Result<(), String> {
            let worker = Worker::new(PDF_READER_URL).map_err(|e| format!("{e:?}"))?;
            let held: Rc<RefCell<Option<Vec<JsValue>>>> = Rc::new(RefCell::new(Some(Vec::new())));
            let onmessage = {
                let (state, post, now) = (state.clone(), post.clone(), now.clone());
                let (held, w) = (held.clone(), worker.clone());
                Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                    if e.data().as_string().as_deref() == Some(PDF_READER_READY) {
                        for job in held.borrow_mut().take().unwrap_or_default() {
                            let _ = w.post_message(&job);
                        }
                    } else if let Ok(read) = serde_wasm_bindgen::from_value::<PdfRead>(e.data()) {
                        for reply in state.borrow_mut().pdf_read(read, &*now) {
                            post(&reply);
                        }
                    }
                })
            };
            let onerror = {
                let (state, post, reader) = (state.clone(), post.clone(), Rc::downgrade(&reader));
                Closure::<dyn Fn(ErrorEvent)>::new(move |_| {
                    for reply in state.borrow_mut().reader_died() {
                        post(&reply);
                    }
                    // Not dropped inside its own handler: the next PDF starts a new reader.
                    if let Some(reader) = reader.upgrade() {
                        wasm_bindgen_futures::spawn_local(async move {
                            reader.borrow_mut().take();
                        });
                    }
                })
            };
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            *reader.borrow_mut() = Some(Reader {
                worker: worker.clone(),
                held,
                _onmessage: onmessage,
                _onerror: onerror,
            });
            Ok(())
        }
    };

    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let replies = match serde_wasm_bindgen::from_value::<ToWorker>(e.data()) {
            Ok(msg) => state.borrow_mut().handle(msg, &*now),
            Err(err) => vec![FromWorker::Rejected {
                reason: err.to_string(),
            }],
        };
        for reply in replies {
            post(&reply);
        }
        let jobs = std::mem::take(&mut state.borrow_mut().pdf_jobs);
        for job in jobs {
            let sent = (|| -> Result<(), String> {
                if reader.borrow().is_none() {
                    spawn_reader()?;
                }
                let v = serde_wasm_bindgen::to_value(&job).map_err(|e| e.to_string())?;
                let r = reader.borrow();
                let r = r.as_ref().ok_or("no PDF reader")?;
                if let Some(held) = r.held.borrow_mut().as_mut() {
                    held.push(v);
                    return Ok(());
                }
                r.worker.post_message(&v).map_err(|e| format!("{e:?}"))
            })();
            if sent.is_err() {
                for reply in state.borrow_mut().reader_died() {
                    post(&reply);
                }
            }
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
