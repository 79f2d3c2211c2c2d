//! The workspace kept in IndexedDB.
//!
//! What survives a reload: the uploaded documents (their bytes, the names the user gave them,
//! when they were added) and small settings such as the theme lexicon (a TOML string). Analysis
//! is recomputed from the bytes, so nothing derived is stored.
//!
//! Schema, IndexedDB version [`SCHEMA_VERSION`]:
//! - object store [`DOCUMENTS`], key path `id`: `{ v: 1, id, name, bytes: Uint8Array, added }`,
//!   `added` in milliseconds since the Unix epoch, `v` the record's version;
//! - object store [`SETTINGS`], key path `key`: `{ key, value }`, `value` a string.
//!
//! Opening runs the upgrade steps in `MIGRATIONS` from the stored version up to
//! [`SCHEMA_VERSION`]: a later schema appends a step and raises the version. A document record
//! that cannot be read (wrong shape, a record version other than [`SCHEMA_VERSION`]) is reported
//! in [`Loaded::skipped`] and the others still load.
//!
//! Built on web-sys's `Idb*` bindings rather than `rexie`/`idb` (both build here): Chromium
//! reports a full quota only as the transaction's error when it commits (the `put` request itself
//! succeeds; the quota test shows it), and both crates' transaction futures end in a bare
//! "aborted" without that error, so `QuotaExceededError` could not be told apart; `rexie`'s
//! builder also cannot run a versioned migration step. Here a transaction is awaited through one
//! promise settled by its `complete` or `abort` event, and the reason is read from the
//! transaction and its requests.
//!
//! Everything here calls into JavaScript: it compiles natively (clippy, the native tests) but runs
//! only in a browser, on the main thread or in a worker.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, Event, IdbDatabase, IdbFactory, IdbObjectStore, IdbObjectStoreParameters,
    IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode, IdbVersionChangeEvent,
};

/// The database the app keeps its workspace in.
pub const DB_NAME: &str = "unsc-lens";
/// Version of the database schema (IndexedDB version); records also carry `v`.
pub const SCHEMA_VERSION: u32 = 1;
/// Object store of the uploaded documents, key path `id`.
pub const DOCUMENTS: &str = "documents";
/// Object store of small settings, key path `key`.
pub const SETTINGS: &str = "settings";

/// The name browsers give the `DOMException` for a full storage quota.
const QUOTA_EXCEEDED: &str = "QuotaExceededError";

/// One upgrade step, run inside the version-change transaction.
type Migration = fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>;

/// `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`; opening a database stored at
/// version `n` runs the steps from `n` on. Version 2 appends its step here (the array's length is
/// tied to [`SCHEMA_VERSION`], so forgetting one does not compile).
const MIGRATIONS: [Migration; SCHEMA_VERSION as usize] = [create_v1];

/// Version 1: the two object stores.
fn create_v1(db: &IdbDatabase, _upgrade: &IdbTransaction) -> Result<(), JsValue> {
    for (store, key_path) in [(DOCUMENTS, "id"), (SETTINGS, "key")] {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str(key_path));
        db.create_object_store_with_optional_parameters(store, &params)?;
    }
    Ok(())
}

fn migrate(db: &IdbDatabase, upgrade: &IdbTransaction, old_version: u32) -> Result<(), JsValue> {
    for step in MIGRATIONS.iter().skip(old_version as usize) {
        step(db, upgrade)?;
    }
    Ok(())
}

/// A document as kept across reloads.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDoc {
    pub id: u32,
    /// The name the user gave it.
    pub name: String,
    /// The file exactly as uploaded.
    pub bytes: Vec<u8>,
    /// When it was added, in milliseconds since the Unix epoch (`Date.now()`).
    pub added_ms: f64,
}

/// Why the workspace could not be read or written.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// IndexedDB is missing, refused (private browsing, storage turned off) or blocked (another
    /// tab holds a different version of the database open). The detail is for logs.
    Unavailable(String),
    /// The browser's storage quota is full (`QuotaExceededError`).
    Quota,
    /// Any other failure. The detail is for logs.
    Failed(String),
}

impl StoreError {
    /// What to tell the user, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            StoreError::Unavailable(_) => {
                "浏览器存储不可用（可能处于隐私浏览模式、存储已被禁用，或另一个标签页中开着不同版本的本应用）：文件仍在本页中，但重新加载后不会保留。"
            }
            StoreError::Quota => {
                "浏览器存储空间已满：文件仍在本页中，但重新加载后不会保留。删除一些文件后再试。"
            }
            StoreError::Failed(_) => {
                "浏览器存储出错：本页中的内容不受影响，但这次更改在重新加载后可能不会保留。"
            }
        }
        .to_string()
    }

    /// What to tell the user, in English.
    pub fn message_en(&self) -> String {
        match self {
            StoreError::Unavailable(_) => {
                "Browser storage is unavailable (private browsing, storage turned off, or a different version of this app open in another tab): your files stay on this page but will not be kept after a reload."
            }
            StoreError::Quota => {
                "Browser storage is full: the file is still on this page but will not be kept after a reload. Delete some files and try again."
            }
            StoreError::Failed(_) => {
                "Browser storage ran into an error: what is on this page is unaffected, but this change may not be kept after a reload."
            }
        }
        .to_string()
    }
}

/// For logs: the technical detail, in English.
impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(detail) => write!(f, "IndexedDB unavailable: {detail}"),
            StoreError::Quota => f.write_str("IndexedDB quota exceeded"),
            StoreError::Failed(detail) => write!(f, "IndexedDB failed: {detail}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A record that could not be read (corrupt, wrong shape, newer/older record version): skipped,
/// not fatal.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The record's key, as text (`9` for the number 9).
    pub key: String,
    /// Why it was skipped, in English (for logs).
    pub reason: String,
}

/// The workspace as read back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loaded {
    /// Ordered by id.
    pub docs: Vec<StoredDoc>,
    /// In key order.
    pub skipped: Vec<Skipped>,
}

/// An open connection to the workspace database. Dropping it closes the connection.
pub struct Store {
    db: IdbDatabase,
    _on_version_change: Closure<dyn FnMut(Event)>,
}

impl Store {
    /// Opens (creating or upgrading) [`DB_NAME`].
    pub async fn open() -> Result<Store, StoreError> {
        Store::open_named(DB_NAME).await
    }

    /// Opens (creating or upgrading) the database `name`; tests use their own.
    pub async fn open_named(name: &str) -> Result<Store, StoreError> {
        Store::open_in(&factory()?, name).await
    }

    /// Opens (creating or upgrading) the database `name` of `factory`: the global `indexedDB`,
    /// or another such as a storage bucket's (the tests fill a small one to reach the quota).
    pub async fn open_in(factory: &IdbFactory, name: &str) -> Result<Store, StoreError> {
        let request = factory
            .open_with_u32(name, SCHEMA_VERSION)
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let upgrade_error: Rc<RefCell<Option<String>>> = Rc::default();
        let on_upgrade = {
            let request = request.clone();
            let upgrade_error = Rc::clone(&upgrade_error);
            Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |event: IdbVersionChangeEvent| {
                if let Err(e) = upgrade(&request, event.old_version()) {
                    *upgrade_error.borrow_mut() = Some(describe(&e));
                    if let Some(tx) = request.transaction() {
                        let _ = tx.abort();
                    }
                }
            })
        };
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let event = next_event(|handler| {
            request.set_onsuccess(Some(handler));
            request.set_onerror(Some(handler));
            request.set_onblocked(Some(handler));
        })
        .await;
        if event == "blocked" {
            // The request stays pending until the other connections close; the upgrade may still
            // run then, so its handler must live on, and the connection it yields is closed at
            // once (this call has already answered).
            on_upgrade.forget();
            let late = request.clone();
            let close = Closure::once_into_js(move |_: Event| {
                if let Ok(db) = late.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                    db.close();
                }
            });
            request.set_onsuccess(Some(close.unchecked_ref()));
            request.set_onerror(Some(close.unchecked_ref()));
            request.set_onblocked(None);
            return Err(StoreError::Unavailable(
                "blocked: another tab keeps an older version of the database open".into(),
            ));
        }
        request.set_onupgradeneeded(None);
        request.set_onsuccess(None);
        request.set_onerror(None);
        request.set_onblocked(None);
        drop(on_upgrade);
        if event != "success" {
            let upgrade_error = upgrade_error.borrow_mut().take();
            let detail = upgrade_error
                .or_else(|| request.error().ok().flatten().map(|e| describe(&e)))
                .unwrap_or_else(|| "the database could not be opened".into());
            return Err(StoreError::Unavailable(detail));
        }
        let db = request
            .result()
            .and_then(|r| r.dyn_into::<IdbDatabase>())
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        Ok(Store::new(db))
    }

    fn new(db: IdbDatabase) -> Store {
        // A newer schema opened in another tab asks this connection to close so its upgrade can
        // run; later calls here then fail with `StoreError::Failed`.
        let connection = db.clone();
        let on_version_change = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            connection.close();
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Store {
            db,
            _on_version_change: on_version_change,
        }
    }

    /// Every readable document, ordered by id, and the records that were skipped.
    pub async fn load(&self) -> Result<Loaded, StoreError> {
        let (tx, docs) = self.begin(DOCUMENTS, IdbTransactionMode::Readonly)?;
        let all = issue(&tx, docs.get_all())?;
        finish(&tx, &[&all]).await?;
        let records: Array = all
            .result()
            .map_err(|e| from_js(&e))?
            .dyn_into()
            .map_err(|_| StoreError::Failed("getAll did not return an array".into()))?;
        let mut loaded = Loaded::default();
        for record in records.iter() {
            match parse_doc(&record) {
                Ok(doc) => loaded.docs.push(doc),
                Err(reason) => loaded.skipped.push(Skipped {
                    key: key_label(&field(&record, "id")),
                    reason,
                }),
            }
        }
        loaded.docs.sort_by_key(|doc| doc.id);
        Ok(loaded)
    }

    /// Inserts `doc`, or replaces the document with its id.
    pub async fn put_doc(&self, doc: &StoredDoc) -> Result<(), StoreError> {
        self.put_docs(std::slice::from_ref(doc)).await
    }

    /// Inserts or replaces several documents in one transaction: all are stored or none.
    /// Opening a transaction per letter cost the page more than the writes themselves.
    pub async fn put_docs(&self, docs: &[StoredDoc]) -> Result<(), StoreError> {
        let (tx, object_store) = self.begin(DOCUMENTS, IdbTransactionMode::Readwrite)?;
        let mut requests = Vec::with_capacity(docs.len());
        for doc in docs {
            let record = record(&[
                ("v", JsValue::from(SCHEMA_VERSION)),
                ("id", JsValue::from(doc.id)),
                ("name", JsValue::from_str(&doc.name)),
                // A copy in JavaScript's memory, stored as a Uint8Array.
                ("bytes", Uint8Array::new_from_slice(&doc.bytes).into()),
                ("added", JsValue::from(doc.added_ms)),
            ])?;
            requests.push(issue(&tx, object_store.put(&record))?);
        }
        finish(&tx, &requests.iter().collect::<Vec<_>>()).await
    }

    /// Renames the document `id`, keeping the rest of its record. `Failed` if it is not stored.
    pub async fn rename_doc(&self, id: u32, name: &str) -> Result<(), StoreError> {
        let (tx, docs) = self.begin(DOCUMENTS, IdbTransactionMode::Readwrite)?;
        let get = issue(&tx, docs.get(&JsValue::from(id)))?;
        let found = Rc::new(Cell::new(false));
        let put: Rc<RefCell<Option<IdbRequest>>> = Rc::default();
        let thrown: Rc<RefCell<Option<JsValue>>> = Rc::default();
        let on_get = {
            let (get, tx) = (get.clone(), tx.clone());
            let (found, put, thrown) = (Rc::clone(&found), Rc::clone(&put), Rc::clone(&thrown));
            let name = JsValue::from_str(name);
            // The put is issued from the get's success event, while the transaction is active.
            Closure::once_into_js(move |event: Event| {
                if event.type_() != "success" {
                    return;
                }
                let Ok(existing) = get.result() else { return };
                if existing.is_undefined() {
                    return;
                }
                found.set(true);
                match Reflect::set(&existing, &JsValue::from_str("name"), &name)
                    .and_then(|_| docs.put(&existing))
                {
                    Ok(request) => *put.borrow_mut() = Some(request),
                    Err(e) => {
                        *thrown.borrow_mut() = Some(e);
                        let _ = tx.abort();
                    }
                }
            })
        };
        get.set_onsuccess(Some(on_get.unchecked_ref()));
        get.set_onerror(Some(on_get.unchecked_ref()));
        let mut ended = finish(&tx, &[&get]).await;
        if let Some(e) = thrown.borrow_mut().take() {
            return Err(from_js(&e));
        }
        if let (Err(_), Some(put)) = (&ended, put.borrow().as_ref()) {
            // Quota is often reported on the write itself.
            if put
                .error()
                .ok()
                .flatten()
                .is_some_and(|e| e.name() == QUOTA_EXCEEDED)
            {
                ended = Err(StoreError::Quota);
            }
        }
        ended?;
        if !found.get() {
            return Err(StoreError::Failed(format!(
                "no document with id {id} is stored"
            )));
        }
        Ok(())
    }

    /// Deletes the document `id` (nothing happens if it is not stored).
    pub async fn delete_doc(&self, id: u32) -> Result<(), StoreError> {
        self.write(DOCUMENTS, |docs| docs.delete(&JsValue::from(id)))
            .await
    }

    /// Deletes every document (settings stay).
    pub async fn clear_docs(&self) -> Result<(), StoreError> {
        self.write(DOCUMENTS, IdbObjectStore::clear).await
    }

    /// The setting `key`, or `None` if it is not set (or not a string).
    pub async fn get_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let (tx, settings) = self.begin(SETTINGS, IdbTransactionMode::Readonly)?;
        let get = issue(&tx, settings.get(&JsValue::from_str(key)))?;
        finish(&tx, &[&get]).await?;
        let record = get.result().map_err(|e| from_js(&e))?;
        if !record.is_object() {
            return Ok(None);
        }
        Ok(field(&record, "value").as_string())
    }

    /// Sets (or overwrites) the setting `key`.
    pub async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let record = record(&[
            ("key", JsValue::from_str(key)),
            ("value", JsValue::from_str(value)),
        ])?;
        self.write(SETTINGS, |settings| settings.put(&record)).await
    }

    /// Deletes the setting `key` (nothing happens if it is not set).
    pub async fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        self.write(SETTINGS, |settings| {
            settings.delete(&JsValue::from_str(key))
        })
        .await
    }

    fn begin(
        &self,
        store: &str,
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, IdbObjectStore), StoreError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(store, mode)
            .map_err(|e| from_js(&e))?;
        let object_store = tx.object_store(store).map_err(|e| from_js(&e))?;
        Ok((tx, object_store))
    }

    /// One request in its own read-write transaction, awaited until the transaction commits.
    async fn write(
        &self,
        store: &str,
        request: impl FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<(), StoreError> {
        let (tx, object_store) = self.begin(store, IdbTransactionMode::Readwrite)?;
        let request = issue(&tx, request(&object_store))?;
        finish(&tx, &[&request]).await
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.db.set_onversionchange(None);
        // Waits for running transactions, then closes.
        self.db.close();
    }
}

fn factory() -> Result<IdbFactory, StoreError> {
    // `indexedDB` of the window or the worker; its getter throws where storage is refused.
    let value = Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .map_err(|e| StoreError::Unavailable(describe(&e)))?;
    if value.is_undefined() || value.is_null() {
        return Err(StoreError::Unavailable(
            "this browser has no IndexedDB".into(),
        ));
    }
    value
        .dyn_into()
        .map_err(|_| StoreError::Unavailable("`indexedDB` is not an IDBFactory".into()))
}

/// The `upgradeneeded` step: the migrations from `old_version` on.
fn upgrade(request: &IdbOpenDbRequest, old_version: f64) -> Result<(), JsValue> {
    let db: IdbDatabase = request.result()?.dyn_into()?;
    let tx = request
        .transaction()
        .ok_or_else(|| JsValue::from_str("the upgrade has no transaction"))?;
    migrate(&db, &tx, old_version as u32)
}

/// A request just made in `tx`; if making it threw, the transaction is aborted.
fn issue(
    tx: &IdbTransaction,
    request: Result<IdbRequest, JsValue>,
) -> Result<IdbRequest, StoreError> {
    request.map_err(|e| {
        let _ = tx.abort();
        from_js(&e)
    })
}

/// Waits for `tx` to end: `Ok` once committed, otherwise why it was aborted, from the
/// transaction's error and its requests' (a failed request aborts it; a full quota is usually
/// reported by the transaction itself when it commits). Call it before yielding to the event loop
/// after the requests were made, so no event is missed.
async fn finish(tx: &IdbTransaction, requests: &[&IdbRequest]) -> Result<(), StoreError> {
    let event = next_event(|handler| {
        tx.set_oncomplete(Some(handler));
        tx.set_onabort(Some(handler));
    })
    .await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    if event == "complete" {
        return Ok(());
    }
    let mut errors: Vec<(String, String)> = tx.error().iter().map(exception).collect();
    for request in requests {
        // `error` throws while a request is pending (an aborted transaction's requests are not).
        if let Ok(Some(e)) = request.error() {
            errors.push(exception(&e));
        }
    }
    Err(from_exceptions(&errors))
}

/// The type of the first event that the handler passed to `hook` receives. The handler runs once:
/// hook it only to events of which exactly one fires, or replace it before another can.
async fn next_event(hook: impl FnOnce(&Function)) -> String {
    let mut hook = Some(hook);
    let promise = Promise::new(&mut |resolve, _reject| {
        let handler = Closure::once_into_js(move |event: Event| {
            let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::from(event.type_()));
        });
        if let Some(hook) = hook.take() {
            hook(handler.unchecked_ref());
        }
    });
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default()
}

fn exception(e: &DomException) -> (String, String) {
    (e.name(), e.message())
}

/// The error for a failure reported as these `DOMException`s (name, message): `Quota` if any is a
/// full quota, else the first that is not the `AbortError` the others cause.
fn from_exceptions(errors: &[(String, String)]) -> StoreError {
    if errors.iter().any(|(name, _)| name == QUOTA_EXCEEDED) {
        return StoreError::Quota;
    }
    match errors
        .iter()
        .find(|(name, _)| name != "AbortError")
        .or(errors.first())
    {
        Some((name, message)) => StoreError::Failed(format!("{name}: {message}")),
        None => StoreError::Failed("the transaction was aborted".into()),
    }
}

/// The error for something thrown by an IndexedDB call.
fn from_js(e: &JsValue) -> StoreError {
    match e.dyn_ref::<DomException>() {
        Some(e) => from_exceptions(&[exception(e)]),
        None => StoreError::Failed(describe(e)),
    }
}

fn describe(e: &JsValue) -> String {
    if let Some(e) = e.dyn_ref::<DomException>() {
        format!("{}: {}", e.name(), e.message())
    } else if let Some(e) = e.dyn_ref::<js_sys::Error>() {
        format!("{}: {}", String::from(e.name()), String::from(e.message()))
    } else {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }
}

fn record(fields: &[(&str, JsValue)]) -> Result<JsValue, StoreError> {
    let object = Object::new();
    for (name, value) in fields {
        Reflect::set(&object, &JsValue::from_str(name), value).map_err(|e| from_js(&e))?;
    }
    Ok(object.into())
}

/// `object[name]`, undefined where it has none (or is no object).
fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A document record read back, or why it cannot be.
fn parse_doc(record: &JsValue) -> Result<StoredDoc, String> {
    if !record.is_object() {
        return Err(format!("the record is {}, not an object", kind(record)));
    }
    let v = field(record, "v");
    match v.as_f64() {
        Some(v) if v == f64::from(SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "record version {v} is not {SCHEMA_VERSION}, the version this app reads"
            ))
        }
        None => return Err(wrong("v", &v, "a number")),
    }
    let id = field(record, "id");
    let id =
        id.as_f64()
            .filter(|x| x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x))
            .ok_or_else(|| wrong("id", &id, "a whole number from 0 to 4294967295"))? as u32;
    let name = field(record, "name");
    let name = name
        .as_string()
        .ok_or_else(|| wrong("name", &name, "a string"))?;
    let bytes = field(record, "bytes");
    let bytes = bytes
        .dyn_ref::<Uint8Array>()
        .ok_or_else(|| wrong("bytes", &bytes, "a Uint8Array"))?
        .to_vec();
    let added = field(record, "added");
    let added_ms = added
        .as_f64()
        .filter(|x| x.is_finite())
        .ok_or_else(|| wrong("added", &added, "a finite number"))?;
    Ok(StoredDoc {
        id,
        name,
        bytes,
        added_ms,
    })
}

fn wrong(name: &str, value: &JsValue, expected: &str) -> String {
    if value.is_undefined() {
        format!("field `{name}` is missing")
    } else {
        format!("field `{name}` is {}, not {expected}", kind(value))
    }
}

/// What a JavaScript value is, for a reason: "null", "an array", "the number 5", "an object (Foo)", "a string"…
fn kind(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else if let Some(n) = value.as_f64() {
        format!("the number {n}")
    } else if value.is_object() {
        let class = field(&field(value, "constructor"), "name").as_string();
        format!("an object ({})", class.unwrap_or_else(|| "Object".into()))
    } else {
        match value.js_typeof().as_string().as_deref() {
            Some("string") => "a string".into(),
            Some("boolean") => "a boolean".into(),
            Some("bigint") => "a bigint".into(),
            Some("symbol") => "a symbol".into(),
            Some(other) => other.into(),
            None => "unknown".into(),
        }
    }
}

/// A record's key as text: `9` for the number 9, a string as it is.
fn key_label(key: &JsValue) -> String {
    if let Some(n) = key.as_f64() {
        format!("{n}")
    } else if let Some(s) = key.as_string() {
        s
    } else {
        format!("{key:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, message: &str) -> (String, String) {
        (name.into(), message.into())
    }

    #[test]
    fn a_full_quota_anywhere_is_quota() {
        assert_eq!(
            from_exceptions(&[pair("AbortError", "aborted"), pair(QUOTA_EXCEEDED, "full")]),
            StoreError::Quota
        );
        assert_eq!(
            from_exceptions(&[pair(QUOTA_EXCEEDED, "full")]),
            StoreError::Quota
        );
    }

    #[test]
    fn the_cause_is_preferred_to_the_abort_it_caused() {
        assert_eq!(
            from_exceptions(&[
                pair("AbortError", "The transaction was aborted."),
                pair("DataError", "bad key"),
            ]),
            StoreError::Failed("DataError: bad key".into())
        );
        assert_eq!(
            from_exceptions(&[pair("AbortError", "x")]),
            StoreError::Failed("AbortError: x".into())
        );
        assert_eq!(
            from_exceptions(&[]),
            StoreError::Failed("the transaction was aborted".into())
        );
    }

    #[test]
    fn messages_do_not_mix_languages() {
        let errors = [
            StoreError::Unavailable("SecurityError: denied".into()),
            StoreError::Quota,
            StoreError::Failed("DataError: x".into()),
        ];
        for e in &errors {
            let zh = e.message_zh();
            let en = e.message_en();
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            assert!(en.is_ascii(), "{en}");
            assert!(!zh.contains("Error") && !en.contains("Error"), "{e:?}");
        }
        assert_eq!(
            StoreError::Quota.message_zh(),
            "浏览器存储空间已满：文件仍在本页中，但重新加载后不会保留。删除一些文件后再试。"
        );
        assert_eq!(
            StoreError::Failed("DataError: x".into()).to_string(),
            "IndexedDB failed: DataError: x"
        );
    }

    #[test]
    fn every_version_has_its_migration() {
        assert_eq!(MIGRATIONS.len(), SCHEMA_VERSION as usize);
    }
}
