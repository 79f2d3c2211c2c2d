//! The page: renders what the core computed; analysis runs in the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    // For the load benchmark: the page's wasm is compiled and running.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("wasm-started");
    }
    shell::after_shown(|| {
        unsc_lens::ui::take_shell();
        yew::Renderer::<unsc_lens::ui::App>::new().render();
    });
}

/// The static shell of index.html holds the seed's analysed reader, and the app replaces it
/// on its first render. A wasm compiled while the HTML was still being parsed could do so
/// before the shell was ever on screen, so the app waits until it has been shown.
#[cfg(target_arch = "wasm32")]
mod shell {
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Array, Reflect};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{PerformanceObserver, PerformanceObserverEntryList, PerformanceObserverInit};

    /// The Element Timing id of the shell's first paragraph (`ui::doc_view`).
    const TIMED: &str = "seed-reader";
    const TIMED_TYPE: &str = "element";
    /// Never held back longer than this for a paint that is not reported.
    const CAP_MS: i32 = 200;

    type Once = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

    fn fire(once: &Once) {
        let f = once.borrow_mut().take();
        if let Some(f) = f {
            f();
        }
    }

    fn element_timing_supported() -> bool {
        Reflect::get(&js_sys::global(), &"PerformanceObserver".into())
            .and_then(|po| Reflect::get(&po, &"supportedEntryTypes".into()))
            .ok()
            .and_then(|types| types.dyn_into::<Array>().ok())
            .is_some_and(|types| types.includes(&TIMED_TYPE.into(), 0))
    }

    /// Runs `then` once the shell's reader has been presented (its Element Timing entry),
    /// or after two animation frames where Element Timing is not supported, or at most
    /// [`CAP_MS`] later; at once if there is no shell.
    pub fn after_shown(then: impl FnOnce() + 'static) {
        let once: Once = Rc::new(RefCell::new(Some(Box::new(then))));
        let Some(window) = web_sys::window() else {
            return fire(&once);
        };
        let timed = window
            .document()
            .and_then(|d| {
                d.query_selector(&format!("#shell [elementtiming=\"{TIMED}\"]"))
                    .ok()
            })
            .flatten();
        if timed.is_none() {
            return fire(&once);
        }
        if !element_timing_supported() {
            // The second animation frame comes after the first was painted.
            let o = once.clone();
            let second = Closure::once_into_js(move || {
                let after = Closure::once_into_js(move || fire(&o));
                if let Some(w) = web_sys::window() {
                    let _ = w.request_animation_frame(after.unchecked_ref());
                }
            });
            if window
                .request_animation_frame(second.unchecked_ref())
                .is_err()
            {
                fire(&once);
            }
            return;
        }
        let observer: Rc<RefCell<Option<PerformanceObserver>>> = Rc::default();
        let on_entries = {
            let (once, observer) = (once.clone(), observer.clone());
            Closure::<dyn FnMut(PerformanceObserverEntryList)>::new(
                move |list: PerformanceObserverEntryList| {
                    let shown = list.get_entries().iter().any(|e| {
                        Reflect::get(&e, &"identifier".into())
                            .ok()
                            .and_then(|v| v.as_string())
                            == Some(TIMED.to_string())
                    });
                    if shown {
                        if let Some(o) = observer.borrow_mut().take() {
                            o.disconnect();
                        }
                        fire(&once);
                    }
                },
            )
        };
        let init: PerformanceObserverInit = js_sys::Object::new().unchecked_into();
        let _ = Reflect::set(&init, &"type".into(), &TIMED_TYPE.into());
        let _ = Reflect::set(&init, &"buffered".into(), &JsValue::TRUE);
        match PerformanceObserver::new(on_entries.as_ref().unchecked_ref()) {
            Ok(o) => {
                o.observe(&init);
                *observer.borrow_mut() = Some(o);
                // Called at most once more; kept for the page's life, as the page is.
                on_entries.forget();
            }
            Err(_) => return fire(&once),
        }
        let cap = Closure::once_into_js(move || {
            if let Some(o) = observer.borrow_mut().take() {
                o.disconnect();
            }
            fire(&once);
        });
        // Without a timer the observer alone decides: the entry comes with the paint.
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(cap.unchecked_ref(), CAP_MS);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the app runs only in the browser: see README.md (scripts/serve)");
    std::process::exit(2);
}
