//! Reading a file the analyst chose (a handoff package, a scenario), bounded in size before
//! a byte of it is read.

use handoff_core::vocabulary::text::megabytes;

/// Why a chosen file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    TooLarge { bytes: usize, limit: usize },
    Unreadable,
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
        }
    }
}

/// The bytes of `file`, if it is at most `limit` bytes long.
pub async fn read_bytes(file: web_sys::File, limit: usize) -> Result<Vec<u8>, ReadError> {
    let bytes = file.size() as usize;
    if bytes > limit {
        return Err(ReadError::TooLarge { bytes, limit });
    }
    gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file))
        .await
        .map_err(|_| ReadError::Unreadable)
}

/// The text of `file`, if it is at most `limit` bytes of UTF-8.
pub async fn read_text(file: web_sys::File, limit: usize) -> Result<String, String> {
    let bytes = read_bytes(file, limit).await.map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| "The file is not UTF-8 text.".to_owned())
}
