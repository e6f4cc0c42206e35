//! A panic must never leave the analyst with a dead page and lost work. The hook writes the
//! panic message into a recovery banner built with DOM text nodes (never HTML), which offers
//! to download the last autosaved copy of the open case.

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        show_recovery(&msg);
    }));
}

/// Shows the recovery banner (public for the browser tests).
pub fn show_recovery(msg: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_attribute("role", "alert").ok();
    banner.set_class_name("crash-banner");
    let text = format!(
        "Handoff hit an internal error and stopped. Your last autosave is kept in this \
         browser: reload the page to continue, or use \"Export what you have\" below. \
         Details: {msg}"
    );
    banner.set_text_content(Some(&text));
    if let Ok(button) = doc.create_element("button") {
        button.set_text_content(Some("Export what you have"));
        button.set_attribute("type", "button").ok();
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let on_click = Closure::<dyn Fn()>::new(|| {
            if let Some((name, json)) = super::store::last_saved_current() {
                let _ = super::download::download(&name, "application/json", &json);
            }
        });
        button
            .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
            .ok();
        on_click.forget();
        banner.append_child(&button).ok();
    }
    body.prepend_with_node_1(&banner).ok();
}
