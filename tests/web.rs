//! The core and the worker protocol compiled to wasm32 and run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use unsc_lens::core::analysis::{read_structure, summarise};
use unsc_lens::core::segment::Segmenter;
use unsc_lens::core::SEED_ZH;
use unsc_lens::protocol::{FromWorker, ToWorker, WorkerState};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn seed_structure_in_wasm() {
    let doc = read_structure(SEED_ZH);
    assert_eq!(doc.annexes().count(), 9);
    let last = doc.annexes().last().unwrap();
    assert_eq!(
        doc.slice(last.heading.unwrap()),
        "美利坚合众国常驻联合国副代表谢里斯·诺曼-沙莱的发言"
    );
    assert!(!doc.text.contains("20-12063"));
}

#[wasm_bindgen_test]
fn segmenter_keeps_un_terms_whole_in_wasm() {
    let seg = Segmenter::new();
    let text = "联合国南苏丹特派团与马里稳定团支持以行动促维和。";
    let words: Vec<&str> = seg
        .tokens(text, unsc_lens::core::text::Span::new(0, text.len()))
        .iter()
        .map(|t| t.slice(text))
        .collect();
    assert!(words.contains(&"马里稳定团"), "{words:?}");
    assert!(words.contains(&"以行动促维和"), "{words:?}");
}

#[wasm_bindgen_test]
fn worker_reply_survives_the_trip_through_javascript() {
    let mut w = WorkerState::new();
    let request = ToWorker::Ingest {
        id: 7,
        name: "S-2020-911.zh.txt".into(),
        bytes: SEED_ZH.as_bytes().to_vec(),
    };
    let js = serde_wasm_bindgen::to_value(&request).unwrap();
    // File bytes cross as a Uint8Array, not as an array of numbers.
    let bytes = js_sys::Reflect::get(
        &js_sys::Reflect::get(&js, &"Ingest".into()).unwrap(),
        &"bytes".into(),
    )
    .unwrap();
    assert!(bytes.is_instance_of::<js_sys::Uint8Array>());
    let back: ToWorker = serde_wasm_bindgen::from_value(js).unwrap();
    assert_eq!(back, request);

    let reply = w.handle(back, &|| 1.5).remove(0);
    let FromWorker::Done { id, result, .. } = reply else {
        panic!("{reply:?}")
    };
    let analysed = result.unwrap();
    assert_eq!(
        analysed.summary,
        summarise(&read_structure(SEED_ZH), &w.an.seg)
    );
    assert!(!analysed.themes.profile.themes.is_empty());
    let reply = FromWorker::Done {
        id,
        result: Ok(analysed),
        ms: 1.5,
    };
    let js = serde_wasm_bindgen::to_value(&reply).unwrap();
    assert_eq!(
        serde_wasm_bindgen::from_value::<FromWorker>(js).unwrap(),
        reply
    );
}

#[wasm_bindgen_test]
fn a_bad_file_is_a_typed_error_in_wasm() {
    let mut w = WorkerState::new();
    let png = ToWorker::Ingest {
        id: 8,
        name: "x.txt".into(),
        bytes: b"\x89PNG\r\n\x1a\nrest".to_vec(),
    };
    match w.handle(png, &|| 0.0).remove(0) {
        FromWorker::Done { result, .. } => assert_eq!(result.unwrap_err().code(), "image"),
        other => panic!("{other:?}"),
    }
}
