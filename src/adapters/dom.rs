//! Small DOM helpers.

/// Moves keyboard focus to the element with `id`, if there is one, and scrolls it into view.
pub fn focus(id: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    use wasm_bindgen::JsCast;
    // A group (fieldset, table) takes focus through its first control.
    let el = match el.tag_name().as_str() {
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" => el,
        _ => el
            .query_selector("input, select, textarea, button")
            .ok()
            .flatten()
            .unwrap_or(el),
    };
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
        el.scroll_into_view();
    }
}
