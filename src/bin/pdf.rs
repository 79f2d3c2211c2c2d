//! The PDF reader: a worker of its own, started by the analysis worker the first time a PDF
//! is added, so that pdfplumber (about a third of what the analysis needs) is downloaded only
//! by those who read PDFs. One `PdfJob` in, one `PdfRead` out.

#[cfg(target_arch = "wasm32")]
fn main() {
    use unsc_lens::core::pdf::pdf_text;
    use unsc_lens::protocol::{PdfJob, PdfRead, PDF_READER_READY as READY};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        // A message that is not a job has no id to answer; the analysis worker only sends jobs.
        if let Ok(job) = serde_wasm_bindgen::from_value::<PdfJob>(e.data()) {
            let read = PdfRead {
                id: job.id,
                text: pdf_text(&job.bytes),
            };
            if let Ok(v) = serde_wasm_bindgen::to_value(&read) {
                let _ = reply.post_message(&v);
            }
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages sent before this point were lost (the wasm was still loading): the analysis
    // worker holds its jobs until it hears this.
    let _ = scope.post_message(&JsValue::from_str(READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the PDF reader runs only in the browser (built by trunk for wasm32)");
    std::process::exit(2);
}
