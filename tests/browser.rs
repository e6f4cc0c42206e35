//! In-browser tests (wasm-bindgen-test, headless Chromium): the browser adapters and the
//! components, against the real DOM and the real localStorage.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use handoff::adapters::storage;
use handoff_core::package::to_json;
use handoff_core::{Case, FixedClock};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn sample_case(id: &str) -> Case {
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap());
    let mut c = Case::open(id, "Dana Kim", &clock);
    c.edit_report(&clock, |r| {
        r.header.title = "Suspicious PowerShell".into();
        r.header.alert_id = "INC-1".into();
    })
    .unwrap();
    c
}

/// (file name, URL) of each download link clicked.
type Downloads = std::rc::Rc<std::cell::RefCell<Vec<(String, String)>>>;

/// Records every download link clicked while the listener lives, and stops the browser from
/// following them.
fn capture_downloads() -> (gloo_events::EventListener, Downloads) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen2 = seen.clone();
    let listener = gloo_events::EventListener::new(&doc, "click", move |e| {
        if let Some(a) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            seen2.borrow_mut().push((a.download(), a.href()));
            e.prevent_default();
        }
    });
    (listener, seen)
}

async fn settle() {
    // Generous, for a loaded CI machine; rendering itself is synchronous.
    gloo_timers::future::TimeoutFuture::new(150).await;
}

#[wasm_bindgen_test]
fn storage_saves_and_loads_a_case_exactly() {
    local_storage().clear().unwrap();
    let case = sample_case("case-a");
    storage::save(&case).unwrap();
    let loaded = storage::load();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.current.as_ref(), Some(&case));
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(storage::load_case("case-a").unwrap(), case);
}

#[wasm_bindgen_test]
fn corrupted_storage_is_set_aside_not_wiped() {
    let s = local_storage();
    s.clear().unwrap();
    s.set_item("handoff.v1.case.bad", "{ not json").unwrap();
    storage::save(&sample_case("case-good")).unwrap();
    let loaded = storage::load();
    assert_eq!(loaded.summaries.len(), 1, "the good case still loads");
    assert_eq!(loaded.problems.len(), 1);
    assert!(
        loaded.problems[0].contains("set aside"),
        "{}",
        loaded.problems[0]
    );
    assert_eq!(
        s.get_item("handoff.v1.quarantine.bad").unwrap().as_deref(),
        Some("{ not json")
    );
    assert_eq!(s.get_item("handoff.v1.case.bad").unwrap(), None);
}

#[wasm_bindgen_test]
fn a_case_stored_under_another_id_is_refused() {
    let s = local_storage();
    s.clear().unwrap();
    s.set_item("handoff.v1.case.other", &to_json(&sample_case("case-x")))
        .unwrap();
    let loaded = storage::load();
    assert!(loaded.summaries.is_empty());
    assert!(
        loaded.problems[0].contains("does not match"),
        "{}",
        loaded.problems[0]
    );
}

#[wasm_bindgen_test]
fn download_creates_a_link_with_the_file_name() {
    // Observe the click on the temporary link that the adapter creates.
    let doc = web_sys::window().unwrap().document().unwrap();
    let (listener, seen) = capture_downloads();
    let result =
        handoff::adapters::download::download("INC-1-handoff.json", "application/json", "{}");
    drop(listener);
    assert_eq!(result, Ok(()));
    let (name, href) = seen
        .borrow()
        .first()
        .cloned()
        .expect("the download link was clicked");
    assert_eq!(name, "INC-1-handoff.json");
    assert!(href.starts_with("blob:"), "{href}");
    assert!(
        doc.query_selector("a[download]").unwrap().is_none(),
        "the link is removed"
    );
}

#[wasm_bindgen_test]
async fn app_creates_a_case_and_refuses_an_incomplete_step() {
    local_storage().clear().unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<handoff::App>::with_root(root.clone()).render();
    settle().await;

    let click = |label: &str| {
        let buttons = root.query_selector_all("button").unwrap();
        for i in 0..buttons.length() {
            let b = buttons
                .item(i)
                .unwrap()
                .dyn_into::<web_sys::HtmlElement>()
                .unwrap();
            if b.text_content().unwrap_or_default().trim() == label {
                b.click();
                return;
            }
        }
        panic!("no button labelled {label:?}");
    };
    click("New case");
    settle().await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("now: Alert triggered"));

    click("Start L1 review");
    settle().await;
    let alert = root
        .query_selector(".refusal")
        .unwrap()
        .expect("a refusal is shown");
    let text = alert.text_content().unwrap();
    assert!(text.contains("Give the alert a title."), "{text}");
    // Focus moved to the first missing field.
    let active = doc.active_element().map(|e| e.id()).unwrap_or_default();
    assert_eq!(active, "alert-title");

    // Autosave wrote the new case.
    gloo_timers::future::TimeoutFuture::new(500).await;
    let loaded = storage::load();
    assert_eq!(loaded.summaries.len(), 1);
    root.remove();
}

/// Replaces `navigator.clipboard` with one whose `writeText` records or refuses, so both of
/// the adapter's outcomes are checked deterministically (the real clipboard is exercised end
/// to end by Playwright, which can grant the permission).
fn fake_clipboard(allow: bool) {
    let body = format!(
        "Object.defineProperty(navigator, 'clipboard', {{ configurable: true, value: {{ \
           writeText: (t) => {{ window.__copied = t; return {} }} }} }});",
        if allow {
            "Promise.resolve();"
        } else {
            "Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));"
        }
    );
    js_sys::Function::new_no_args(&body)
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
}

fn copied() -> Option<String> {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"__copied".into())
        .ok()
        .and_then(|v| v.as_string())
}

#[wasm_bindgen_test]
async fn clipboard_adapter_copies_the_exact_text() {
    fake_clipboard(true);
    let text = "INC-2291 handoff ✓\nline two";
    assert_eq!(handoff::adapters::clipboard::copy(text).await, Ok(()));
    assert_eq!(copied().as_deref(), Some(text));
}

#[wasm_bindgen_test]
async fn clipboard_adapter_explains_a_refusal() {
    fake_clipboard(false);
    let e = handoff::adapters::clipboard::copy("x").await.unwrap_err();
    assert_eq!(
        e,
        "The browser did not allow copying. Use the download button instead."
    );
}

#[wasm_bindgen_test]
fn the_crash_banner_offers_the_last_autosave() {
    local_storage().clear().unwrap();
    let case = sample_case("case-crash");
    storage::save(&case).unwrap();
    handoff::adapters::panic::show_recovery("index out of bounds <b>x</b>");
    let doc = web_sys::window().unwrap().document().unwrap();
    let banner = doc
        .query_selector(".crash-banner")
        .unwrap()
        .expect("banner shown");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(text.contains("reload the page to continue"), "{text}");
    // The message is shown as text, never parsed as HTML.
    assert!(text.contains("<b>x</b>"), "{text}");
    assert!(banner.query_selector("b").unwrap().is_none());

    let (listener, seen) = capture_downloads();
    let button = banner
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    assert_eq!(
        button.text_content().as_deref(),
        Some("Export what you have")
    );
    button.click();
    drop(listener);
    assert_eq!(
        seen.borrow().first().map(|(name, _)| name.as_str()),
        Some("case-crash-handoff.json")
    );
    banner.remove();
}
