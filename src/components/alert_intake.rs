//! Step 1: the alert as the SIEM raised it, and the raw text to pull indicators from.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use handoff_core::{Case, Field, Severity};
use yew::prelude::*;

use handoff_core::limits::MAX_RAW_ALERT_BYTES;

use super::fields::{oversized_paste, SelectField, TextField};
use crate::state::{paste_too_large, report_input, Action, Dispatch};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub dispatch: Dispatch,
}

/// `<input type="datetime-local">` speaks local wall time without a zone; Handoff labels it
/// UTC and reads it as UTC.
pub fn parse_utc_input(v: &str) -> Option<DateTime<Utc>> {
    handoff_core::time::parse_datetime_local(v)
}

pub fn format_utc_input(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| handoff_core::time::datetime_local(&t))
        .unwrap_or_default()
}

#[function_component(AlertIntake)]
pub fn alert_intake(p: &Props) -> Html {
    let h = &p.case.report.header;
    let d = &p.dispatch;
    // Uncontrolled: a 50 MB paste must not be copied into the app (and back into the DOM) on
    // every keystroke; its size is checked before it is read at all.
    let raw_ref = use_node_ref();
    let ro = !p.case.stage.report_editable();
    let severity_options: Vec<(AttrValue, AttrValue)> =
        std::iter::once(("".into(), "Choose…".into()))
            .chain(
                Severity::ALL
                    .iter()
                    .map(|s| (s.json_name().into(), s.label().into())),
            )
            .collect();
    let on_extract = {
        let (raw_ref, d) = (raw_ref.clone(), d.clone());
        Callback::from(move |_| {
            let Some(ta) = raw_ref.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            // UTF-16 units never outnumber UTF-8 bytes, so this refuses only what is too big.
            let units = ta.text_length() as usize;
            if units > MAX_RAW_ALERT_BYTES {
                d.dispatch(Action::Notify(paste_too_large(units)));
                return;
            }
            let text = ta.value();
            if !text.trim().is_empty() {
                d.dispatch(Action::PasteAlert(text));
                ta.set_value("");
            }
        })
    };
    // A paste over the limit never reaches the text box (a browser slows to a crawl laying out
    // tens of megabytes in a textarea).
    let on_paste = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(bytes) = oversized_paste(&e, MAX_RAW_ALERT_BYTES) {
                e.prevent_default();
                d.dispatch(Action::Notify(paste_too_large(bytes)));
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="alert-heading" id="step-alert">
            <h2 id="alert-heading">{ "1. The alert" }</h2>
            <div class="grid">
                <TextField field={Field::AlertTitle} value={h.title.clone()} readonly={ro}
                    example="Suspicious PowerShell download on WS-FIN-042"
                    onchange={report_input(d, |r, v| r.header.title = v)} />
                <TextField field={Field::AlertId} value={h.alert_id.clone()} readonly={ro}
                    example="INC-2291"
                    onchange={report_input(d, |r, v| r.header.alert_id = v)} />
                <TextField field={Field::Source} value={h.source.clone()} readonly={ro}
                    example="Splunk ES"
                    onchange={report_input(d, |r, v| r.header.source = v)} />
                <TextField field={Field::Rule} value={h.rule.clone()} readonly={ro}
                    example="Encoded PowerShell from Office child process"
                    onchange={report_input(d, |r, v| r.header.rule = v)} />
                <SelectField field={Field::Severity} options={severity_options} disabled={ro}
                    value={h.severity.map_or("", |s| s.json_name())}
                    onchange={report_input(d, |r, v| {
                        r.header.severity = Severity::from_json_name(&v)
                    })} />
                <TextField field={Field::DetectedAt} input_type="datetime-local" readonly={ro}
                    value={format_utc_input(h.detected_at)}
                    hint="Enter the time in UTC, as the SIEM shows it."
                    onchange={report_input(d, |r, v| r.header.detected_at = parse_utc_input(&v))} />
                <TextField field={Field::Analyst} value={h.analyst.clone()} readonly={ro}
                    onchange={report_input(d, |r, v| r.header.analyst = v)} />
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
