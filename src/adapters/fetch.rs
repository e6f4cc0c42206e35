//! Reading the app's own bundled files (the scenario library). Same origin only, as the
//! Content-Security-Policy enforces; served from the service worker's cache when offline.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub async fn text(path: &str) -> Result<String, String> {
    let fail = || format!("Could not read {path} from the app's own files.");
    let window = web_sys::window().ok_or_else(fail)?;
    let resp = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| fail())?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| fail())?;
    if !resp.ok() {
        return Err(fail());
    }
    let text = JsFuture::from(resp.text().map_err(|_| fail())?)
        .await
        .map_err(|_| fail())?;
    text.as_string().ok_or_else(fail)
}
