//! Focus and scrolling, the few DOM effects the components ask for by element id.

use wasm_bindgen::JsCast;

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The control inside `el` that takes focus: `el` itself when it is one, else the first
/// control in it (a fieldset's first radio button, a table's first input).
fn control(el: web_sys::Element) -> web_sys::Element {
    match el.tag_name().as_str() {
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A" => el,
        _ => el
            .query_selector("input, select, textarea, button")
            .ok()
            .flatten()
            .unwrap_or(el),
    }
}

/// Opens every closed `<details>` around `el`, so what it holds can be seen and focused.
fn reveal(el: &web_sys::Element) {
    let mut at = el.parent_element();
    while let Some(parent) = at {
        if let Some(d) = parent.dyn_ref::<web_sys::HtmlDetailsElement>() {
            d.set_open(true);
        }
        at = parent.parent_element();
    }
}

fn scroll_to(el: &web_sys::Element, block: web_sys::ScrollLogicalPosition) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

fn focus_without_scrolling(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = el.focus_with_options(&opts);
    }
}

/// Moves focus to the field with `id` and brings its label into view with it (scrolling to
/// the control alone would hide the label above it).
pub fn focus_field(id: &str) {
    let Some(el) = element(id) else { return };
    reveal(&el);
    let target = control(el.clone());
    let around = el
        .closest(".field, fieldset")
        .ok()
        .flatten()
        .unwrap_or_else(|| el.clone());
    focus_without_scrolling(&target);
    scroll_to(&around, web_sys::ScrollLogicalPosition::Center);
}

/// Moves focus to the element with `id` itself (an error summary, a heading) and scrolls it
/// to the top of the view.
pub fn focus_element(id: &str) {
    let Some(el) = element(id) else { return };
    focus_without_scrolling(&el);
    scroll_to(&el, web_sys::ScrollLogicalPosition::Start);
}

/// Moves focus to the element with `id` (a step's error summary) and scrolls its section to
/// the top of the view, so the step's heading stays in sight above it.
pub fn focus_in_section(id: &str) {
    let Some(el) = element(id) else { return };
    let section = el
        .closest("section")
        .ok()
        .flatten()
        .unwrap_or_else(|| el.clone());
    focus_without_scrolling(&el);
    scroll_to(&section, web_sys::ScrollLogicalPosition::Start);
}

/// Opens a step: its section scrolls to the top of the view and its first field takes focus,
/// so the step's label, fields and (for a short step) its action are seen together.
pub fn focus_step(section_id: &str, first_field_id: Option<&str>) {
    let Some(section) = element(section_id) else {
        return;
    };
    scroll_to(&section, web_sys::ScrollLogicalPosition::Start);
    let target = first_field_id
        .and_then(element)
        .map(control)
        .unwrap_or(section);
    focus_without_scrolling(&target);
}

/// Moves focus to the next (`forward`) or previous step section on screen, from the one that
/// holds the focus now (the keyboard shortcuts).
pub fn focus_adjacent_section(forward: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(list) = doc.query_selector_all("section.step") else {
        return;
    };
    let ids: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.id())
        .collect();
    let current = doc
        .active_element()
        .and_then(|a| a.closest("section.step").ok().flatten())
        .map(|s| s.id());
    let at = current.and_then(|c| ids.iter().position(|p| *p == c));
    let next = match (at, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(ids.len().saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
    };
    if let Some(id) = ids.get(next) {
        if let Some(section) = element(id) {
            let heading = section.query_selector("h2").ok().flatten();
            let target = heading.unwrap_or(section);
            focus_without_scrolling(&target);
            scroll_to(&target, web_sys::ScrollLogicalPosition::Start);
        }
    }
}

/// Opens the `<details>` with `id` and moves focus to its summary.
pub fn open_and_focus(id: &str) {
    let Some(el) = element(id) else { return };
    if let Some(d) = el.dyn_ref::<web_sys::HtmlDetailsElement>() {
        d.set_open(true);
    }
    let target = el.query_selector("summary").ok().flatten().unwrap_or(el);
    focus_without_scrolling(&target);
    scroll_to(&target, web_sys::ScrollLogicalPosition::Start);
}

/// Opens the browser's print dialog (the print stylesheet shows only the case report).
pub fn print() {
    if let Some(w) = web_sys::window() {
        // A browser that refuses (a kiosk policy) leaves the page as it was.
        let _ = w.print();
    }
}
