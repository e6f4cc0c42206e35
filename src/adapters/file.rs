//! Reading a file the analyst chose (a handoff package, a scenario), bounded in size before
//! a byte of it is read.

use handoff_core::vocabulary::text::megabytes;

/// Why a chosen file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    Unreadable,
    /// Refused from its first bytes (the sentence why), the rest unread.
    Refused(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge { bytes, limit } => write!(
                f,
                "The file is {}, larger than the {} Handoff reads.",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            ReadError::Unreadable => f.write_str("The browser could not read the file."),
            ReadError::Refused(why) => f.write_str(why),
        }
    }
}

/// How much of a file `read_bytes` reads first for its `refuse_start` check.
const START_BYTES: usize = 4096;

/// Why the first bytes of a file already refuse it (a sentence), if they do.
pub type RefuseStart = fn(&[u8]) -> Option<String>;

/// The bytes of `file`, if it is at most `limit` bytes long. With `refuse_start`, the first
/// kilobytes are read first: a file they already refuse is not read further, so a wrong file
/// of megabytes is answered at once.
pub async fn read_bytes(
    file: web_sys::File,
    limit: usize,
    refuse_start: Option<RefuseStart>,
) -> Result<Vec<u8>, ReadError> {
    let bytes = file.size() as usize;
    if bytes > limit {
        return Err(ReadError::TooLarge { bytes, limit });
    }
    let mut start = refuse_start.filter(|_| bytes > START_BYTES);
    // One read site for both reads: each await of a read is a state of its own in the wasm.
    loop {
        let blob = match start {
            Some(_) => file.slice_with_i32_and_i32(0, START_BYTES as i32),
            None => Ok(file.clone().into()),
        };
        let read = read_blob(blob).await.ok_or(ReadError::Unreadable)?;
        match start.take() {
            None => return Ok(read),
            Some(refuse) => {
                if let Some(why) = refuse(&read) {
                    return Err(ReadError::Refused(why));
                }
            }
        }
    }
}

/// The bytes of `blob`, through the promise `Blob.arrayBuffer()` as the worker reads files.
async fn read_blob(blob: Result<web_sys::Blob, wasm_bindgen::JsValue>) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.ok()?.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of `file`, if it is at most `limit` bytes of UTF-8.
pub async fn read_text(file: web_sys::File, limit: usize) -> Result<String, String> {
    let bytes = read_bytes(file, limit, None)
        .await
        .map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| "The file is not UTF-8 text.".to_owned())
}
