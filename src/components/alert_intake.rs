//! Step 1: the alert as the SIEM raised it, and the raw text to pull indicators from.

use std::rc::Rc;

use handoff_core::vocabulary::limits::MAX_RAW_ALERT_BYTES;
use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Case, Edit, Field, Part, Severity};
use strum::VariantArray;
use yew::prelude::*;

use super::fields::{oversized_paste, SelectField, TextField, UtcTimeField};
use crate::hooks::Actions;
use crate::state::paste_too_large;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub actions: Actions,
}

#[function_component(AlertIntake)]
pub fn alert_intake(p: &Props) -> Html {
    let h = &p.case.report.header;
    let a = &p.actions;
    let edit = &p.actions.edit;
    // Uncontrolled: a 50 MB paste must not be copied into the app (and back into the DOM) on
    // every keystroke; its size is checked before it is read at all.
    let raw_ref = use_node_ref();
    let ro = !p.case.can_edit(Part::Report);
    let severity_options: Vec<(AttrValue, AttrValue)> =
        std::iter::once(("".into(), "Choose…".into()))
            .chain(
                Severity::VARIANTS
                    .iter()
                    .map(|s| (wire_name(s).into(), s.label().into())),
            )
            .collect();
    let on_extract = {
        let (raw_ref, a) = (raw_ref.clone(), a.clone());
        Callback::from(move |_| {
            let Some(ta) = raw_ref.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            // UTF-16 units never outnumber UTF-8 bytes, so this refuses only what is too big.
            let units = ta.text_length() as usize;
            if units > MAX_RAW_ALERT_BYTES {
                a.error(paste_too_large(units));
                return;
            }
            let text = ta.value();
            if !text.trim().is_empty() {
                a.paste_alert(text);
                ta.set_value("");
            }
        })
    };
    // A paste over the limit never reaches the text box (a browser slows to a crawl laying out
    // tens of megabytes in a textarea).
    let on_paste = {
        let a = a.clone();
        Callback::from(move |e: Event| {
            if let Some(bytes) = oversized_paste(&e, MAX_RAW_ALERT_BYTES) {
                e.prevent_default();
                a.error(paste_too_large(bytes));
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="alert-heading" id="step-alert">
            <h2 id="alert-heading">{ "1. The alert" }</h2>
            <div class="grid">
                <TextField field={Field::AlertTitle} value={h.title.clone()} readonly={ro}
                    example="Suspicious PowerShell download on WS-FIN-042"
                    onchange={edit.reform(Edit::Title)} />
                <TextField field={Field::AlertId} value={h.alert_id.clone()} readonly={ro}
                    example="INC-2291"
                    onchange={edit.reform(Edit::AlertId)} />
                <TextField field={Field::Source} value={h.source.clone()} readonly={ro}
                    example="Splunk ES"
                    onchange={edit.reform(Edit::Source)} />
                <TextField field={Field::Rule} value={h.rule.clone()} readonly={ro}
                    example="Encoded PowerShell from Office child process"
                    onchange={edit.reform(Edit::Rule)} />
                <SelectField field={Field::Severity} options={severity_options} disabled={ro}
                    value={h.severity.map(|s| wire_name(&s)).unwrap_or_default()}
                    onchange={edit.reform(|v: String| Edit::Severity(from_wire_name(&v)))} />
                <UtcTimeField field={Field::DetectedAt} readonly={ro} value={h.detected_at}
                    onchange={edit.reform(Edit::DetectedAt)} />
                <TextField field={Field::Analyst} value={h.analyst.clone()} readonly={ro}
                    onchange={edit.reform(Edit::Analyst)} />
            </div>
            if !ro {
                <div class="field">
                    <label for="raw-alert-paste">{ "Paste the raw alert" }</label>
                    <p class="hint" id="raw-alert-hint">{ "Paste the alert as the SIEM shows it. Handoff keeps it as evidence and pulls out IPs, domains, URLs, emails, hashes, files, users and hosts (defanged text such as hxxp or [.] is understood)." }</p>
                    <textarea id="raw-alert-paste" rows="5" ref={raw_ref} onpaste={on_paste}
                        aria-describedby="raw-alert-hint" />
                    <button type="button" onclick={on_extract}>{ "Keep alert text and extract indicators" }</button>
                </div>
            }
            if !p.case.report.raw_alert.is_empty() {
                <details>
                    <summary>{ format!("Raw alert text kept ({} characters)", p.case.report.raw_alert.chars().count()) }</summary>
                    <pre class="raw">{ p.case.report.raw_alert.clone() }</pre>
                </details>
            }
        </section>
    }
}
