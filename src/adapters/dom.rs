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

/// The sections of the case form, in order; keyboard shortcuts move between them.
pub const SECTIONS: [&str; 8] = [
    "step-alert",
    "step-report",
    "step-verdict",
    "step-escalation",
    "step-evidence",
    "step-notify",
    "step-l2",
    "step-export",
];

/// Moves focus to the next (`forward`) or previous section that is on screen, from the one
/// that holds the focus now.
pub fn focus_adjacent_section(forward: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let present: Vec<&str> = SECTIONS
        .iter()
        .copied()
        .filter(|id| doc.get_element_by_id(id).is_some())
        .collect();
    let current = doc
        .active_element()
        .and_then(|a| a.closest("section[id^=step-]").ok().flatten())
        .map(|s| s.id());
    let at = current.and_then(|c| present.iter().position(|p| *p == c));
    let next = match (at, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(present.len().saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
    };
    if let Some(id) = present.get(next) {
        focus(id);
    }
}
