//! The page: renders what the core computed; analysis runs in the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<unsc_lens::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the app runs only in the browser: see README.md (scripts/serve)");
    std::process::exit(2);
}
