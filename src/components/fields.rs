//! Labelled form controls. Every control has a visible `<label>` naming the field as the
//! guide does, an optional prompt of what belongs there, and an example.

use handoff_core::Field;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether the `<details>` a toggle event came from is now open.
pub fn toggled_open(e: &Event) -> Option<bool> {
    e.target()?
        .dyn_ref::<web_sys::HtmlDetailsElement>()
        .map(|d| d.open())
}

/// The string value of the element an input event came from.
pub fn event_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// The file chosen in a file input, taken (the input is cleared so the same file can be
/// chosen again after a fix).
pub fn take_chosen_file(e: &Event) -> Option<web_sys::File> {
    let input = e.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// The size in bytes of the text a paste event carries, when it is over `limit`.
pub fn oversized_paste(e: &Event, limit: usize) -> Option<usize> {
    let text = e
        .dyn_ref::<web_sys::ClipboardEvent>()?
        .clipboard_data()?
        .get_data("text")
        .ok()?;
    (text.len() > limit).then_some(text.len())
}

pub fn event_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The inline error under a field's label, GOV.UK style: the message, prefixed for screen
/// readers, with an id the control points at.
fn error_message(id: &str, error: &Option<AttrValue>) -> Html {
    match error {
        Some(e) => html! {
            <p class="error-message" id={format!("{id}-error")}>
                <span class="visually-hidden">{ "Error: " }</span>{ e.clone() }
            </p>
        },
        None => html! {},
    }
}

/// The ids a control is described by: its hint and its error, when it has them.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut parts = Vec::new();
    if hint {
        parts.push(format!("{id}-hint"));
    }
    if error {
        parts.push(format!("{id}-error"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// What a pasted alert says about a field (one of the Five Ws, or one the analyst had
/// already written in): shown under the control, taken or dismissed with one action each.
#[derive(Clone, PartialEq)]
pub struct Offer {
    pub value: AttrValue,
    pub on_use: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// `described` with the offer's id added, so a screen reader reads the suggestion with the
/// field.
fn with_offer(id: &str, described: Option<String>, offer: &Option<Offer>) -> Option<String> {
    match (described, offer) {
        (d, None) => d,
        (None, Some(_)) => Some(format!("{id}-offer")),
        (Some(d), Some(_)) => Some(format!("{d} {id}-offer")),
    }
}

fn offer_note(id: &str, label: &str, offer: &Option<Offer>) -> Html {
    let Some(o) = offer else {
        return html! {};
    };
    let on_use = o.on_use.reform(|_: MouseEvent| ());
    let on_dismiss = o.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="offer">
            <p id={format!("{id}-offer")}>
                <span class="offer-from">{ "The alert says: " }</span>
                <span class="offer-value">{ o.value.clone() }</span>
            </p>
            <button type="button" class="secondary small" onclick={on_use}>
                { "Use this" }<span class="visually-hidden">{ format!(" for {label}") }</span>
            </button>
            <button type="button" class="link" onclick={on_dismiss}>
                { "Dismiss" }<span class="visually-hidden">{ format!(" the suggestion for {label}") }</span>
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub field: Field,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    /// Replaces the field's own hint (`Field::hint`).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or(3)]
    pub rows: u32,
    #[prop_or_default]
    pub readonly: bool,
    /// Set only after the analyst tried to move on and this field stopped them.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A label other than the field's own (for repeated controls).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub offer: Option<Offer>,
}

#[function_component(TextField)]
pub fn text_field(p: &TextProps) -> Html {
    let id: AttrValue = p.id.clone().unwrap_or_else(|| p.field.id().into());
    let label = p.label.clone().unwrap_or_else(|| p.field.label().into());
    let oninput = {
        let cb = p.onchange.clone();
        Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
    };
    // A repeated control (a note per condition, per task, per event) takes no hint of its own.
    let own = p.id.is_none();
    let hint_text: Option<AttrValue> = p
        .hint
        .clone()
        .or_else(|| own.then(|| p.field.hint()).flatten().map(AttrValue::from));
    let example = own.then(|| p.field.example()).flatten();
    let has_hint = hint_text.is_some() || example.is_some();
    let described = with_offer(
        &id,
        described_by(&id, has_hint, p.error.is_some()),
        &p.offer,
    );
    let hint = if has_hint {
        html! {
            <p class="hint" id={format!("{id}-hint")}>
                { hint_text.unwrap_or_default() }
                if let Some(ex) = example {
                    <span class="example">{ " For example: " }{ ex }</span>
                }
            </p>
        }
    } else {
        html! {}
    };
    let invalid = p.error.is_some().then_some("true");
    let control = if p.multiline {
        html! {
            <textarea id={id.clone()} rows={p.rows.to_string()} value={p.value.clone()}
                {oninput} readonly={p.readonly} aria-describedby={described}
                aria-invalid={invalid} />
        }
    } else {
        html! {
            <input id={id.clone()} type="text" autocomplete={p.autocomplete.clone()}
                value={p.value.clone()} {oninput} readonly={p.readonly}
                aria-describedby={described} aria-invalid={invalid} />
        }
    };
    html! {
        <div class={classes!("field", p.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label.clone() }</label>
            { hint }
            { error_message(&id, &p.error) }
            { control }
            { offer_note(&id, &label, &p.offer) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub field: Field,
    /// (value, label) pairs; the empty value means "not chosen".
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub offer: Option<Offer>,
}

#[function_component(SelectField)]
pub fn select_field(p: &SelectProps) -> Html {
    let id = p.field.id();
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| cb.emit(event_value(&e)))
    };
    let hint = p.field.hint();
    html! {
        <div class={classes!("field", p.error.is_some().then_some("invalid"))}>
            <label for={id}>{ p.field.label() }</label>
            if let Some(h) = hint { <p class="hint" id={format!("{id}-hint")}>{ h }</p> }
            { error_message(id, &p.error) }
            <select id={id} {onchange} disabled={p.disabled}
                aria-describedby={with_offer(id, described_by(id, hint.is_some(), p.error.is_some()), &p.offer)}
                aria-invalid={p.error.is_some().then_some("true")}>
                { for p.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == p.value}>{ l.clone() }</option>
                }) }
            </select>
            { offer_note(id, p.field.label(), &p.offer) }
        </div>
    }
}

/// A fieldset of radio buttons, with a legend for the group.
#[derive(Properties, PartialEq)]
pub struct RadioProps {
    pub field: Field,
    /// (value, label, optional hint) for each choice.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub legend: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Choices side by side (yes / no) rather than one per line.
    #[prop_or_default]
    pub inline: bool,
}

#[function_component(RadioGroup)]
pub fn radio_group(p: &RadioProps) -> Html {
    let id = p.field.id();
    html! {
        <fieldset class={classes!("radio-group", p.inline.then_some("inline"), p.error.is_some().then_some("invalid"))} id={id}
            aria-describedby={described_by(id, p.hint.is_some(), p.error.is_some())}>
            <legend>{ p.legend.clone().unwrap_or_else(|| p.field.label().into()) }</legend>
            if let Some(h) = &p.hint { <p class="hint" id={format!("{id}-hint")}>{ h.clone() }</p> }
            { error_message(id, &p.error) }
            { for p.options.iter().enumerate().map(|(i, (v, l))| {
                let opt_id = format!("{id}-{i}");
                let value = v.to_string();
                let cb = p.onchange.clone();
                let onchange = Callback::from(move |_: Event| cb.emit(value.clone()));
                html! {
                    <span class="radio">
                        <input type="radio" id={opt_id.clone()} name={id} value={v.clone()}
                            checked={*v == p.value} {onchange} disabled={p.disabled} />
                        <label for={opt_id}>{ l.clone() }</label>
                    </span>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct UtcTimeProps {
    pub field: Field,
    pub value: Option<chrono::DateTime<chrono::Utc>>,
    pub onchange: Callback<Option<chrono::DateTime<chrono::Utc>>>,
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Set only after the analyst tried to move on and this field stopped them.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub offer: Option<Offer>,
}

/// A time in UTC, typed as `2026-03-14 09:14` whatever the browser's locale (a
/// `datetime-local` input shows the locale's 12- or 24-hour clock and no zone). The text is
/// kept while it is being typed; the case gets the time once the text reads as one.
#[function_component(UtcTimeField)]
pub fn utc_time_field(p: &UtcTimeProps) -> Html {
    use handoff_core::vocabulary::time::{form_value, parse_form_value};
    let text = use_state(|| p.value.as_ref().map(form_value).unwrap_or_default());
    let error = use_state(|| None::<String>);
    // A new value from elsewhere (an import, another field) replaces the text, unless the
    // text already says that time.
    {
        let (text, error) = (text.clone(), error.clone());
        use_effect_with(p.value, move |v| {
            let shown = parse_form_value(&text).ok();
            if shown != *v && !(v.is_none() && !text.trim().is_empty() && shown.is_none()) {
                text.set(v.as_ref().map(form_value).unwrap_or_default());
                error.set(None);
            }
        });
    }
    let id: AttrValue = p.id.clone().unwrap_or_else(|| p.field.id().into());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let oninput = {
        let (text, error, cb) = (text.clone(), error.clone(), p.onchange.clone());
        Callback::from(move |e: InputEvent| {
            let v = event_value(&e);
            if v.trim().is_empty() {
                error.set(None);
                cb.emit(None);
            } else if let Ok(t) = parse_form_value(&v) {
                error.set(None);
                cb.emit(Some(t));
            }
            text.set(v);
        })
    };
    // Said when the analyst leaves the field, not at every keystroke of a time half typed.
    let onblur = {
        let (text, error) = (text.clone(), error.clone());
        Callback::from(move |_: FocusEvent| {
            error.set(
                (!text.trim().is_empty())
                    .then(|| parse_form_value(&text).err())
                    .flatten(),
            );
        })
    };
    let label = p.label.clone().unwrap_or_else(|| p.field.label().into());
    // The analyst's unreadable text first; otherwise the step's own refusal.
    let shown_error: Option<AttrValue> = (*error)
        .clone()
        .map(AttrValue::from)
        .or_else(|| p.error.clone());
    let described = match &shown_error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let described = with_offer(&id, Some(described), &p.offer);
    html! {
        <div class={classes!("field", shown_error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label.clone() }</label>
            <p class="hint" id={hint_id}>{ "In UTC, 24-hour: YYYY-MM-DD HH:MM, for example 2026-03-14 21:05." }</p>
            if let Some(e) = &shown_error {
                <p class="error-message" id={error_id}><span class="visually-hidden">{ "Error: " }</span>{ e.clone() }</p>
            }
            <input id={id.clone()} type="text" inputmode="numeric" autocomplete="off" spellcheck="false"
                value={(*text).clone()} {oninput} {onblur} readonly={p.readonly}
                placeholder="YYYY-MM-DD HH:MM"
                aria-describedby={described} aria-invalid={shown_error.is_some().then_some("true")} />
            { offer_note(&id, &label, &p.offer) }
        </div>
    }
}
