//! The worker's files: a backup offered to the page as an object URL, and a backup file read
//! from the object URL the page made of the analyst's choice. Both sides of the gzip option
//! go through the browser's own `CompressionStream` and `DecompressionStream`, so the file
//! never crosses the message channel and the page carries none of this.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, Response, Url,
    WorkerGlobalScope, WritableStream,
};

// The compression streams, bound here: web-sys has them only behind its unstable-API flag,
// which would have to be set for every build of the workspace.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// How long the backup's object URL lives: the page clicks it at once, and the browser reads
/// it as the download starts.
const URL_LIFETIME_MS: u32 = 120_000;

/// The most text a backup file may hold once decompressed: ten thousand large cases, with
/// room to spare, and far below what a tab can hold twice (the text and what is read of it).
pub const MAX_BACKUP_BYTES: usize = 256 * 1024 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

async fn wait<T: JsCast>(promise: Promise) -> Result<T, JsValue> {
    JsFuture::from(promise).await?.dyn_into::<T>()
}

fn scope() -> Result<WorkerGlobalScope, String> {
    js_sys::global()
        .dyn_into::<WorkerGlobalScope>()
        .map_err(|_| "not in a worker".to_owned())
}

/// A sentence from what the browser threw.
fn why(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned())
}

/// `text` as a Blob, gzip-compressed when asked, behind an object URL that is revoked after a
/// while.
pub async fn offer(text: &str, gzip: bool) -> Result<String, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let mut blob = Blob::new_with_str_sequence(&parts).map_err(why)?;
    if gzip {
        let gz = CompressionStream::new("gzip").map_err(why)?;
        blob = through(&blob, &gz.readable(), &gz.writable()).await?;
    }
    let url = Url::create_object_url_with_blob(&blob).map_err(why)?;
    let revoke = url.clone();
    gloo_timers::callback::Timeout::new(URL_LIFETIME_MS, move || {
        let _ = Url::revoke_object_url(&revoke);
    })
    .forget();
    Ok(url)
}

/// `blob` piped through a transform stream, collected into a Blob.
async fn through(
    blob: &Blob,
    readable: &ReadableStream,
    writable: &WritableStream,
) -> Result<Blob, String> {
    let out = blob
        .stream()
        .pipe_through(&ReadableWritablePair::new(readable, writable));
    let response = Response::new_with_opt_readable_stream(Some(&out)).map_err(why)?;
    wait::<Blob>(response.blob().map_err(why)?)
        .await
        .map_err(why)
}

/// The text of the file behind `url`, decompressed when it is gzip; refused past
/// [`MAX_BACKUP_BYTES`] (a file that expands without end stops there).
pub async fn read(url: &str) -> Result<String, String> {
    let cannot = |e: JsValue| format!("The file could not be read ({}).", why(e));
    let response: Response = wait(scope()?.fetch_with_str(url)).await.map_err(cannot)?;
    let blob: Blob = wait(response.blob().map_err(cannot)?)
        .await
        .map_err(cannot)?;
    let too_big = || {
        format!(
            "This file holds more than {} MB of text, more than any backup of a browser's \
             cases: it is not restored.",
            MAX_BACKUP_BYTES / (1024 * 1024)
        )
    };
    let head = blob.slice_with_i32_and_i32(0, 2).map_err(cannot)?;
    let head = Uint8Array::new(&JsFuture::from(head.array_buffer()).await.map_err(cannot)?);
    let bytes = if head.to_vec() == GZIP_MAGIC {
        let gz = DecompressionStream::new("gzip").map_err(cannot)?;
        let stream = blob
            .stream()
            .pipe_through(&ReadableWritablePair::new(&gz.readable(), &gz.writable()));
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut bytes = Vec::new();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(|e| {
                format!(
                    "This file is compressed, but not as gzip should be ({}).",
                    why(e)
                )
            })?;
            if js_sys::Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(cannot)?;
            let value: Uint8Array = value.unchecked_into();
            if bytes.len() + value.length() as usize > MAX_BACKUP_BYTES {
                let _ = reader.cancel();
                return Err(too_big());
            }
            bytes.extend(value.to_vec());
        }
        bytes
    } else {
        if blob.size() > MAX_BACKUP_BYTES as f64 {
            return Err(too_big());
        }
        Uint8Array::new(&JsFuture::from(blob.array_buffer()).await.map_err(cannot)?).to_vec()
    };
    String::from_utf8(bytes).map_err(|_| {
        "This is not a Handoff backup file: it is not text (UTF-8), nor gzip-compressed text."
            .to_owned()
    })
}

/// The space the stored cases take and whether the browser will keep them, as a sentence
/// (whatever of it the browser tells).
pub async fn storage_note() -> Result<String, String> {
    let storage = scope()?.navigator().storage();
    // Dictionaries, not classes: read as they are.
    let estimate = match storage.estimate() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .map(|e| e.unchecked_into::<web_sys::StorageEstimate>()),
        Err(_) => None,
    };
    let persisted = match storage.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    Ok(super::storage_sentence(
        estimate.as_ref().and_then(|e| e.get_usage()),
        estimate.as_ref().and_then(|e| e.get_quota()),
        persisted.unwrap_or(false),
    ))
}
