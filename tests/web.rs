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

// ---- The workspace in IndexedDB (src/ui/store.rs), against Chromium's real IndexedDB. ----

mod store {
    use js_sys::{Object, Promise, Reflect, Uint8Array};
    use unsc_lens::ui::store::{
        Loaded, Skipped, Store, StoreError, StoredDoc, DOCUMENTS, SCHEMA_VERSION, SETTINGS,
    };
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;
    use web_sys::{Event, IdbDatabase, IdbFactory, IdbRequest, IdbTransactionMode};

    fn factory() -> IdbFactory {
        web_sys::window().unwrap().indexed_db().unwrap().unwrap()
    }

    /// The request's result once it succeeds, or its error.
    async fn settle(request: &IdbRequest) -> Result<JsValue, JsValue> {
        let promise = Promise::new(&mut |resolve, reject| {
            let r = request.clone();
            let handler = Closure::once_into_js(move |event: Event| {
                if event.type_() == "success" {
                    resolve.call1(&JsValue::NULL, &r.result().unwrap()).unwrap();
                } else {
                    let error = r.error().unwrap().map(JsValue::from);
                    reject
                        .call1(&JsValue::NULL, &error.unwrap_or(JsValue::NULL))
                        .unwrap();
                }
            });
            request.set_onsuccess(Some(handler.unchecked_ref()));
            request.set_onerror(Some(handler.unchecked_ref()));
        });
        JsFuture::from(promise).await
    }

    async fn delete_db(name: &str) {
        settle(&factory().delete_database(name).unwrap())
            .await
            .unwrap();
    }

    /// A second connection, beside the store's, at whatever version the database has.
    async fn raw_db(name: &str) -> IdbDatabase {
        settle(&factory().open(name).unwrap())
            .await
            .unwrap()
            .dyn_into()
            .unwrap()
    }

    async fn raw_put(db: &IdbDatabase, store: &str, record: &JsValue) {
        let tx = db
            .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
            .unwrap();
        let put = tx.object_store(store).unwrap().put(record).unwrap();
        settle(&put).await.unwrap();
    }

    async fn raw_get(db: &IdbDatabase, store: &str, key: &JsValue) -> JsValue {
        let tx = db.transaction_with_str(store).unwrap();
        let get = tx.object_store(store).unwrap().get(key).unwrap();
        settle(&get).await.unwrap()
    }

    fn object(fields: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (name, value) in fields {
            Reflect::set(&o, &JsValue::from_str(name), value).unwrap();
        }
        o.into()
    }

    fn get(object: &JsValue, name: &str) -> JsValue {
        Reflect::get(object, &JsValue::from_str(name)).unwrap()
    }

    /// A fresh store: the database deleted first, so the upgrade from nothing runs.
    async fn fresh(name: &str) -> Store {
        delete_db(name).await;
        Store::open_named(name).await.unwrap()
    }

    /// A Chinese letter as a GB18030 file, and a few KB of binary with every byte value.
    fn sample_docs() -> (StoredDoc, StoredDoc) {
        let (gb, _, unmappable) =
            encoding_rs::GB18030.encode("联合国安全理事会：2020年9月14日中国常驻联合国代表的信");
        assert!(!unmappable);
        assert_eq!(&gb[..4], &[0xC1, 0xAA, 0xBA, 0xCF]); // 联合
        let binary: Vec<u8> = (0..4099u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .chain([0x00, 0xFF, 0x00, 0xFF])
            .collect();
        assert!(binary.contains(&0x00) && binary.contains(&0xFF));
        (
            StoredDoc {
                id: 1,
                name: "S/2020/911 中文.txt".into(),
                bytes: gb.into_owned(),
                added_ms: 1_764_000_000_123.5,
            },
            StoredDoc {
                id: 2,
                name: "annex.bin".into(),
                bytes: binary,
                added_ms: 1_764_000_500_000.0,
            },
        )
    }

    #[wasm_bindgen_test]
    async fn documents_round_trip_in_id_order_with_exact_bytes() {
        let name = "test-store-docs";
        let store = fresh(name).await;
        assert_eq!(store.load().await.unwrap(), Loaded::default());
        let (a, b) = sample_docs();
        // Written out of order: load returns them by id.
        store.put_doc(&b).await.unwrap();
        store.put_doc(&a).await.unwrap();
        let loaded = store.load().await.unwrap();
        assert_eq!(loaded.docs, vec![a.clone(), b.clone()]);
        assert_eq!(loaded.skipped, vec![]);

        // The raw record: `v`, and the bytes as a Uint8Array, not an array of numbers.
        let db = raw_db(name).await;
        assert_eq!(db.version(), f64::from(SCHEMA_VERSION));
        let raw = raw_get(&db, DOCUMENTS, &JsValue::from(2)).await;
        assert_eq!(get(&raw, "v").as_f64(), Some(1.0));
        assert_eq!(get(&raw, "id").as_f64(), Some(2.0));
        assert_eq!(get(&raw, "name").as_string().as_deref(), Some("annex.bin"));
        assert_eq!(get(&raw, "added").as_f64(), Some(1_764_000_500_000.0));
        let bytes = get(&raw, "bytes");
        assert!(bytes.is_instance_of::<Uint8Array>(), "{bytes:?}");
        assert_eq!(bytes.unchecked_into::<Uint8Array>().to_vec(), b.bytes);
        db.close();

        // Rename keeps the bytes; a put with an existing id replaces.
        store.rename_doc(1, "安理会来信（已改名）").await.unwrap();
        let replaced = StoredDoc {
            bytes: vec![0xFF, 0x00, 0x7F],
            ..b.clone()
        };
        store.put_doc(&replaced).await.unwrap();
        let renamed = StoredDoc {
            name: "安理会来信（已改名）".into(),
            ..a.clone()
        };
        assert_eq!(
            store.load().await.unwrap().docs,
            vec![renamed.clone(), replaced]
        );
        assert!(matches!(
            store.rename_doc(77, "x").await,
            Err(StoreError::Failed(_))
        ));

        // Delete one: the other stays; deleting a missing id is fine.
        store.delete_doc(2).await.unwrap();
        store.delete_doc(2).await.unwrap();
        assert_eq!(store.load().await.unwrap().docs, vec![renamed]);
        store.put_setting("lexicon", "[x]").await.unwrap();

        // Clear empties the documents, not the settings.
        store.clear_docs().await.unwrap();
        assert_eq!(store.load().await.unwrap(), Loaded::default());
        assert_eq!(
            store.get_setting("lexicon").await.unwrap().as_deref(),
            Some("[x]")
        );
    }

    #[wasm_bindgen_test]
    async fn settings_put_get_overwrite_delete() {
        let store = fresh("test-store-settings").await;
        assert_eq!(store.get_setting("lexicon").await.unwrap(), None);
        let toml = "[[theme]]\nname = \"维和行动\"\nterms = [\"维持和平\", \"特派团\"]\n";
        store.put_setting("lexicon", toml).await.unwrap();
        store.put_setting("lang", "zh").await.unwrap();
        assert_eq!(
            store.get_setting("lexicon").await.unwrap().as_deref(),
            Some(toml)
        );
        store.put_setting("lang", "en").await.unwrap();
        assert_eq!(
            store.get_setting("lang").await.unwrap().as_deref(),
            Some("en")
        );
        assert_eq!(store.get_setting("").await.unwrap(), None);
        store.delete_setting("lang").await.unwrap();
        store.delete_setting("never-set").await.unwrap();
        assert_eq!(store.get_setting("lang").await.unwrap(), None);
        assert_eq!(
            store.get_setting("lexicon").await.unwrap().as_deref(),
            Some(toml)
        );
        // Settings do not show up as documents.
        assert_eq!(store.load().await.unwrap(), Loaded::default());
    }

    #[wasm_bindgen_test]
    async fn unreadable_records_are_skipped_with_a_reason() {
        let name = "test-store-corrupt";
        let store = fresh(name).await;
        let (good, _) = sample_docs();
        store.put_doc(&good).await.unwrap();

        let db = raw_db(name).await;
        let bytes = || JsValue::from(Uint8Array::new_from_slice(&[1, 2, 3]));
        let corrupt = [
            object(&[("id", 9.into()), ("v", 1.into()), ("name", 5.into())]),
            object(&[
                ("id", 10.into()),
                ("v", 99.into()),
                ("name", "newer".into()),
                ("bytes", bytes()),
                ("added", 0.into()),
            ]),
            object(&[
                ("id", 11.into()),
                ("v", 1.into()),
                ("name", "numbers".into()),
                (
                    "bytes",
                    js_sys::Array::of3(&1.into(), &2.into(), &3.into()).into(),
                ),
                ("added", 0.into()),
            ]),
            object(&[
                ("id", 12.into()),
                ("name", "no version".into()),
                ("bytes", bytes()),
                ("added", 0.into()),
            ]),
            object(&[
                ("id", 13.into()),
                ("v", 1.into()),
                ("name", "no date".into()),
                ("bytes", bytes()),
            ]),
            object(&[("id", "text-key".into()), ("v", 1.into())]),
        ];
        for record in &corrupt {
            raw_put(&db, DOCUMENTS, record).await;
        }
        db.close();

        let loaded = store.load().await.unwrap();
        assert_eq!(loaded.docs, vec![good]);
        let skipped = |key: &str, reason: &str| Skipped {
            key: key.into(),
            reason: reason.into(),
        };
        assert_eq!(
            loaded.skipped,
            vec![
                skipped("9", "field `name` is the number 5, not a string"),
                skipped(
                    "10",
                    "record version 99 is not 1, the version this app reads"
                ),
                skipped("11", "field `bytes` is an array, not a Uint8Array"),
                skipped("12", "field `v` is missing"),
                skipped("13", "field `added` is missing"),
                skipped(
                    "text-key",
                    "field `id` is a string, not a whole number from 0 to 4294967295"
                ),
            ]
        );
    }

    #[wasm_bindgen_test]
    async fn data_survives_closing_and_reopening() {
        let name = "test-store-reopen";
        let (a, b) = sample_docs();
        {
            let store = fresh(name).await;
            store.put_doc(&a).await.unwrap();
            store.put_doc(&b).await.unwrap();
            store.put_setting("lexicon", "[a]").await.unwrap();
        } // dropped: the connection closes
        let store = Store::open_named(name).await.unwrap();
        assert_eq!(
            store.load().await.unwrap(),
            Loaded {
                docs: vec![a, b],
                skipped: vec![]
            }
        );
        assert_eq!(
            store.get_setting("lexicon").await.unwrap().as_deref(),
            Some("[a]")
        );
        drop(store);

        // The schema is what the upgrade made, at version 1.
        let db = raw_db(name).await;
        assert_eq!(db.version(), 1.0);
        let stores = db.object_store_names();
        assert_eq!(stores.length(), 2);
        assert!(stores.contains(DOCUMENTS) && stores.contains(SETTINGS));
        let tx = db.transaction_with_str(DOCUMENTS).unwrap();
        assert_eq!(
            tx.object_store(DOCUMENTS).unwrap().key_path().unwrap(),
            JsValue::from_str("id")
        );
        db.close();
    }

    #[wasm_bindgen_test]
    async fn a_newer_database_is_unavailable_not_a_crash() {
        let name = "test-store-newer";
        delete_db(name).await;
        let newer: IdbDatabase = settle(&factory().open_with_u32(name, 2).unwrap())
            .await
            .unwrap()
            .dyn_into()
            .unwrap();
        newer.close();
        match Store::open_named(name).await {
            Err(StoreError::Unavailable(detail)) => {
                assert!(detail.starts_with("VersionError"), "{detail}")
            }
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("opened a version-2 database as version 1"),
        }
    }

    #[wasm_bindgen_test]
    fn store_errors_speak_one_language() {
        assert_eq!(
            StoreError::Quota.message_zh(),
            "浏览器存储空间已满：文件仍在本页中，但重新加载后不会保留。删除一些文件后再试。"
        );
        for e in [
            StoreError::Unavailable("x".into()),
            StoreError::Quota,
            StoreError::Failed("y".into()),
        ] {
            assert!(!e.message_zh().chars().any(|c| c.is_ascii_alphabetic()));
            assert!(e.message_en().is_ascii());
        }
    }
}

/// A real `QuotaExceededError`: a Storage Buckets API bucket (Chromium 122+) with a 200 KB quota.
mod quota {
    use js_sys::{Object, Promise, Reflect};
    use unsc_lens::ui::store::{Store, StoreError, StoredDoc};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;
    use web_sys::IdbFactory;

    /// A storage bucket with a tiny quota (Storage Buckets API), and its own `indexedDB`.
    async fn small_bucket(name: &str, quota: f64) -> IdbFactory {
        let navigator = Reflect::get(&web_sys::window().unwrap(), &"navigator".into()).unwrap();
        let buckets = Reflect::get(&navigator, &"storageBuckets".into()).unwrap();
        assert!(buckets.is_object(), "no navigator.storageBuckets");
        let call = |method: &str, args: &js_sys::Array| -> Promise {
            let f: js_sys::Function = Reflect::get(&buckets, &method.into())
                .unwrap()
                .unchecked_into();
            Reflect::apply(&f, &buckets, args).unwrap().unchecked_into()
        };
        JsFuture::from(call("delete", &js_sys::Array::of1(&name.into())))
            .await
            .unwrap();
        let options = Object::new();
        Reflect::set(&options, &"quota".into(), &JsValue::from(quota)).unwrap();
        let bucket = JsFuture::from(call("open", &js_sys::Array::of2(&name.into(), &options)))
            .await
            .unwrap();
        Reflect::get(&bucket, &"indexedDB".into())
            .unwrap()
            .dyn_into()
            .unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_full_quota_is_quota() {
        let factory = small_bucket("test-store-quota", 200_000.0).await;
        let store = Store::open_in(&factory, "quota").await.unwrap();
        let small = StoredDoc {
            id: 1,
            name: "small".into(),
            bytes: vec![7; 1000],
            added_ms: 1.0,
        };
        store.put_doc(&small).await.unwrap();
        let big = StoredDoc {
            id: 2,
            name: "big".into(),
            bytes: (0..2_000_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect(),
            added_ms: 2.0,
        };
        let result = store.put_doc(&big).await;
        assert_eq!(result, Err(StoreError::Quota));
        // The failed write left the rest as it was.
        assert_eq!(store.load().await.unwrap().docs, vec![small]);
    }

    #[wasm_bindgen_test]
    async fn documents_stored_together_are_stored_all_or_none() {
        let factory = small_bucket("test-store-batch", 200_000.0).await;
        let store = Store::open_in(&factory, "batch").await.unwrap();
        let doc = |id: u32, bytes: Vec<u8>| StoredDoc {
            id,
            name: format!("letter-{id}.txt"),
            bytes,
            added_ms: f64::from(id),
        };
        let (one, two) = (doc(1, vec![1; 1000]), doc(2, vec![2; 1000]));
        store.put_docs(&[one.clone(), two.clone()]).await.unwrap();
        assert_eq!(
            store.load().await.unwrap().docs,
            vec![one.clone(), two.clone()]
        );
        // One letter too big for the quota: the one beside it is not stored either.
        let big = doc(
            4,
            (0..2_000_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect(),
        );
        let result = store.put_docs(&[doc(3, vec![3; 1000]), big]).await;
        assert_eq!(result, Err(StoreError::Quota));
        assert_eq!(store.load().await.unwrap().docs, vec![one, two]);
    }
}
