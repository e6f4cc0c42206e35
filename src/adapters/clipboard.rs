//! Copying exports to the clipboard.

/// Copies `text`; the error is a sentence for the user (the browser may deny the permission,
/// or the page may not be focused).
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .ok_or("This browser offers no clipboard to the page.")?;
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "The browser did not allow copying. Use the download button instead.".to_owned()
        })
}
