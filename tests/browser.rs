//! In-browser tests (wasm-bindgen-test, headless Chromium): the browser adapters and the
//! components, against the real DOM and the real localStorage.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use handoff::adapters::storage;
use handoff_core::package::to_json;
use handoff_core::Case;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn sample_case(id: &str) -> Case {
    let at = Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap();
    let mut c = Case::open(id, "Dana Kim", at);
    c.edit_report(at, |r| {
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

/// Waits until `ready` holds, checking every 10 ms, for at most 10 s (a loaded CI machine
/// can be slow; a condition that never holds fails the test with `what`).
async fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..1000 {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
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
    assert!(result.is_ok(), "{result:?}");
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

/// The file stays downloadable after the click: the browser may start the download later,
/// so its Blob URL must not be revoked at once.
#[wasm_bindgen_test]
async fn a_download_url_outlives_the_click() {
    let (listener, _seen) = capture_downloads();
    let url = handoff::adapters::download::download("x.txt", "text/plain", "kept").unwrap();
    drop(listener);
    let window = web_sys::window().unwrap();
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .expect("the Blob URL still answers")
        .dyn_into()
        .unwrap();
    let text = JsFuture::from(resp.text().unwrap()).await.unwrap();
    assert_eq!(text.as_string().as_deref(), Some("kept"));
}

fn file(name: &str, text: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&text.into());
    web_sys::File::new_with_str_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn chosen_files_are_read_within_their_limit() {
    use handoff::adapters::file::{read_bytes, ReadError};
    assert_eq!(
        read_bytes(file("a.json", "{\"a\": 1}"), 100, None).await,
        Ok(b"{\"a\": 1}".to_vec())
    );
    assert_eq!(
        read_bytes(file("big.json", &"x".repeat(101)), 100, None).await,
        Err(ReadError::TooLarge {
            bytes: 101,
            limit: 100
        })
    );
}

/// The refusal a package file's first kilobytes decide, as the import panel asks for it.
fn package_start(start: &[u8]) -> Option<String> {
    handoff_core::package::refusal_from_start(start).map(|e| e.to_string())
}

#[wasm_bindgen_test]
async fn a_file_refused_from_its_start_is_not_read_further_and_a_good_one_is_read_whole() {
    use handoff::adapters::file::{read_bytes, ReadError};
    let limit = 5 << 20;
    // Broken at its first byte: refused with the whole file's answer.
    let junk = "x".repeat(4 << 20);
    let whole_answer = handoff_core::package::import(junk.as_bytes())
        .unwrap_err()
        .to_string();
    assert_eq!(
        read_bytes(file("junk.json", &junk), limit, Some(package_start)).await,
        Err(ReadError::Refused(whole_answer))
    );
    // A start that refuses nothing: the whole file, not only its start.
    let long = format!(
        "{{\"format\": \"handoff-package\", \"pad\": \"{}\"}}",
        "y".repeat(10_000)
    );
    assert_eq!(
        read_bytes(file("long.json", &long), limit, Some(package_start)).await,
        Ok(long.clone().into_bytes())
    );
    // A file no longer than the start is read once, whole, and left to the importer.
    assert_eq!(
        read_bytes(file("short.json", "nope"), limit, Some(package_start)).await,
        Ok(b"nope".to_vec())
    );
}

/// Mounts the whole app in a fresh element; unmounts it when dropped.
struct Mounted {
    root: web_sys::Element,
    app: Option<yew::AppHandle<handoff::App>>,
}

impl Mounted {
    fn new() -> Mounted {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let app = yew::Renderer::<handoff::App>::with_root(root.clone()).render();
        Mounted {
            root,
            app: Some(app),
        }
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    fn button(&self, label: &str) -> Option<web_sys::HtmlElement> {
        let buttons = self.root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .filter_map(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
    }

    async fn click(&self, label: &str) {
        wait_for(&format!("a button labelled {label:?}"), || {
            self.button(label).is_some()
        })
        .await;
        self.button(label).unwrap().click();
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

#[wasm_bindgen_test]
async fn app_creates_a_case_and_refuses_an_incomplete_step() {
    local_storage().clear().unwrap();
    let app = Mounted::new();
    let doc = web_sys::window().unwrap().document().unwrap();
    app.click("New case").await;
    wait_for("the new case", || {
        app.text().contains("Now: Alert triggered")
    })
    .await;
    // The new case opens on its first step, the cursor in its first field.
    wait_for("focus in the paste box", || {
        doc.active_element().map(|e| e.id()).unwrap_or_default() == "raw-alert"
    })
    .await;

    app.click("Start L1 review").await;
    wait_for("the error summary", || {
        app.root
            .query_selector("#step-alert-errors")
            .unwrap()
            .is_some()
    })
    .await;
    let summary = app
        .root
        .query_selector("#step-alert-errors")
        .unwrap()
        .unwrap();
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let text = summary.text_content().unwrap();
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("Give the alert a title."), "{text}");
    // The summary takes focus; its first link takes the cursor to the field.
    wait_for("focus on the error summary", || {
        doc.active_element().is_some_and(|e| e.id() == summary.id())
    })
    .await;
    summary
        .query_selector("a")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    wait_for("focus on the first missing field", || {
        doc.active_element().map(|e| e.id()).unwrap_or_default() == "alert-title"
    })
    .await;
    // The field says what is wrong, only now that the analyst tried to move on.
    let title = doc.get_element_by_id("alert-title").unwrap();
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));

    // Autosave wrote the new case.
    wait_for("the autosave", || storage::load().summaries.len() == 1).await;
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

/// The case store's rules over the browser's real IndexedDB (the worker runs this code; here
/// it runs on the page, where IndexedDB is the same). The analyst's page only.
#[cfg(not(feature = "training"))]
mod case_store {
    use handoff::worker::store::idb::{connect, Unopened};
    use handoff::worker::store::{self, Db, Tx, CASES};
    use handoff_core::package::to_json;
    use wasm_bindgen_test::*;

    use super::sample_case;

    /// A database of its own per test, emptied first.
    async fn fresh(name: &str) {
        let factory = idb::Factory::new().unwrap();
        factory.delete(name).unwrap().await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn cases_round_trip_and_a_corrupted_one_is_set_aside() {
        fresh("handoff-test-store").await;
        let db = connect("handoff-test-store", 1).await.unwrap();
        let (a, b) = (sample_case("case-a"), sample_case("case-b"));
        let legacy = store::legacy(vec![("handoff.v1.case.case-a".into(), to_json(&a))]);
        let mut problems = Vec::new();
        store::migrate(&db, legacy, &mut problems).await.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        store::save(&db, &to_json(&b)).await.unwrap();
        store::archive(&db, "case-a", true).await.unwrap();
        let opened = store::read_start(&db, None).await.unwrap();
        let ids: Vec<&str> = opened.summaries.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["case-a", "case-b"]);
        assert!(opened.summaries[0].archived);
        assert_eq!(opened.current.as_deref(), Some(to_json(&b).as_str()));
        assert_eq!(store::load(&db, "case-a").await.unwrap(), to_json(&a));

        // A record broken behind the store's back is set aside when read, never deleted.
        let tx = db.begin(&[CASES], true).unwrap();
        tx.put(CASES, "case-a", "{\"format\": ").unwrap();
        tx.finish().await.unwrap();
        let why = store::load(&db, "case-a").await.unwrap_err();
        assert!(
            why.contains("(case-a) could not be read and was set aside"),
            "{why}"
        );
        assert_eq!(
            store::set_aside_entry(&db, "case-a").await.unwrap(),
            "{\"format\": "
        );
        let opened = store::read_start(&db, None).await.unwrap();
        assert_eq!(opened.set_aside, ["case-a"]);
        assert_eq!(opened.summaries.len(), 1);
        db.close();
    }

    #[wasm_bindgen_test]
    async fn an_upgrade_blocked_by_another_tab_is_reported_not_awaited() {
        fresh("handoff-test-blocked").await;
        // An older tab that does not let go of its connection.
        let holder = idb::Factory::new()
            .unwrap()
            .open("handoff-test-blocked", Some(1))
            .unwrap()
            .await
            .unwrap();
        assert_eq!(
            connect("handoff-test-blocked", 2).await.unwrap_err(),
            Unopened::Blocked
        );
        holder.close();
    }

    #[wasm_bindgen_test]
    async fn this_store_lets_a_newer_version_in_and_stops_saving() {
        fresh("handoff-test-upgrade").await;
        let old = connect("handoff-test-upgrade", 1).await.unwrap();
        let newer = connect("handoff-test-upgrade", 2).await.unwrap();
        let refused = store::save(&old, &to_json(&sample_case("case-a")))
            .await
            .unwrap_err();
        assert!(refused.contains("updated in another tab"), "{refused}");
        store::save(&newer, &to_json(&sample_case("case-a")))
            .await
            .unwrap();
        newer.close();
    }
}
