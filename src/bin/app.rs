//! The page: renders what the core computed; analysis runs in the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    // For the load benchmark: the page's wasm is compiled and running.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("wasm-started");
    }
    yew::Renderer::<unsc_lens::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the app runs only in the browser: see README.md (scripts/serve)");
    std::process::exit(2);
}
