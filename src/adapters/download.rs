//! Saving text as a file through a Blob URL and a temporary link (no server involved).

use wasm_bindgen::JsCast;

/// How long a download's Blob URL stays valid. Revoking it at once can cancel the download
/// in browsers that start it asynchronously after the click.
const URL_LIFETIME_MS: u32 = 60_000;

/// Offers `text` as a file named `file_name`; returns the Blob URL used (valid for a minute).
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<String, String> {
    let fail = |what: &str| format!("The browser refused the download ({what}).");
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("URL"))?;
    download_url(file_name, &url)?;
    let revoke = url.clone();
    gloo_timers::callback::Timeout::new(URL_LIFETIME_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    })
    .forget();
    Ok(url)
}

/// Offers what `url` (an object URL, this page's or the worker's) holds as `file_name`.
pub fn download_url(file_name: &str, url: &str) -> Result<(), String> {
    let fail = |what: &str| format!("The browser refused the download ({what}).");
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let a = doc
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| fail("link"))?;
    a.set_href(url);
    a.set_download(file_name);
    a.set_hidden(true);
    // Attached while clicked: some browsers ignore clicks on detached links.
    let body = doc.body().ok_or_else(|| fail("no body"))?;
    body.append_child(&a).map_err(|_| fail("link"))?;
    a.click();
    a.remove();
    Ok(())
}
