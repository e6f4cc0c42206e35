//! Step 1: the alert as the SIEM raised it. Paste it first: Handoff keeps it as evidence,
//! reads it (its format, fields and indicators) and fills the header fields still empty; then
//! the analyst checks the header, which says what the alert is and who works it.

use handoff_core::vocabulary::limits::MAX_RAW_ALERT_BYTES;
use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Command, Edit, Field, Severity};
use strum::VariantArray;
use yew::prelude::*;

use super::reading::reading;
use super::{primary, StepProps};
use crate::components::fields::{oversized_paste, SelectField, TextField, UtcTimeField};
use crate::state::{paste_too_large, FlowStep};

#[function_component(AlertStep)]
pub fn alert_step(p: &StepProps) -> Html {
    let ctx = &p.ctx;
    let case = &ctx.case;
    let h = &case.report.header;
    let a = &ctx.actions;
    let edit = &a.edit;
    // Uncontrolled: a 50 MB paste must not be copied into the app (and back into the page) on
    // every keystroke; its size is checked before it is read at all.
    let raw_ref = use_node_ref();
    // Once an alert is kept, its reading stands where the box was; the box comes back on
    // request, for another paste.
    let replacing = use_state(|| false);
    {
        let raw_ref = raw_ref.clone();
        use_effect_with(*replacing, move |open| {
            if let (true, Some(ta)) = (*open, raw_ref.cast::<web_sys::HtmlElement>()) {
                let _ = ta.focus();
            }
        });
    }
    let on_read = {
        let (raw_ref, a, case_id) = (raw_ref.clone(), a.clone(), case.id.clone());
        let replacing = replacing.clone();
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
                a.paste_alert(case_id.clone(), text);
                replacing.set(false);
                ta.set_value("");
            }
        })
    };
    let on_paste = {
        let a = a.clone();
        Callback::from(move |e: Event| {
            if let Some(bytes) = oversized_paste(&e, MAX_RAW_ALERT_BYTES) {
                e.prevent_default();
                a.error(paste_too_large(bytes));
            }
        })
    };
    let severities: Vec<(AttrValue, AttrValue)> = std::iter::once(("".into(), "Choose…".into()))
        .chain(
            Severity::VARIANTS
                .iter()
                .map(|s| (wire_name(s).into(), s.label().into())),
        )
        .collect();
    let kept = &case.report.raw_alert;
    let set_replacing = {
        let replacing = replacing.clone();
        Callback::from(move |open: bool| replacing.set(open))
    };
    let body = html! {
        <>
            if kept.is_empty() || *replacing {
                <div class="field paste">
                    <label for={Field::RawAlert.id()}>{ if kept.is_empty() { "Paste the alert" } else { "Paste another alert" } }</label>
                    <p class="hint" id="raw-alert-hint">{ "As your tools show it: the JSON of a Sentinel incident or a Defender, Splunk, Elastic, Wazuh or CrowdStrike alert, CEF or LEEF lines, key=value logs, or the headers of a reported e-mail. Handoff keeps it as evidence, fills the fields below that are still empty and lists the indicators with what they are; defanged text such as hxxp or [.] is understood. Anything else is kept as text and its indicators picked out." }</p>
                    <textarea id={Field::RawAlert.id()} rows="4" ref={raw_ref} onpaste={on_paste}
                        aria-describedby="raw-alert-hint" />
                    <div class="actions-row">
                        <button type="button" class="secondary" onclick={on_read}>{ "Read the alert" }</button>
                        if *replacing {
                            <button type="button" class="link" onclick={set_replacing.reform(|_| false)}>{ "Keep the alert already read" }</button>
                        }
                    </div>
                </div>
            }
            if !kept.is_empty() {
                <div class="kept-alert">
                    <p class="kept" role="status">{ format!(
                        "Alert text kept: {} characters; {} indicators in the case.",
                        kept.chars().count(),
                        case.report.indicators.len()
                    ) }</p>
                    if ctx.reading_alert {
                        <p class="hint" role="status">{ "Reading the alert…" }</p>
                    } else if let Some(view) = &ctx.intake {
                        { reading(view) }
                    }
                    if !*replacing {
                        <button type="button" class="secondary small" onclick={set_replacing.reform(|_| true)}>{ "Paste another alert" }</button>
                    }
                </div>
            } else if ctx.reading_alert {
                <p class="hint" role="status">{ "Reading the alert…" }</p>
            }
            <div class="grid">
                <TextField field={Field::AlertTitle} value={h.title.clone()} error={ctx.error(Field::AlertTitle)}
                    offer={ctx.offer(Field::AlertTitle)} onchange={edit.reform(Edit::Title)} />
                <TextField field={Field::AlertId} value={h.alert_id.clone()} error={ctx.error(Field::AlertId)}
                    offer={ctx.offer(Field::AlertId)} onchange={edit.reform(Edit::AlertId)} />
                <TextField field={Field::Source} value={h.source.clone()} error={ctx.error(Field::Source)}
                    offer={ctx.offer(Field::Source)} onchange={edit.reform(Edit::Source)} />
                <TextField field={Field::Rule} value={h.rule.clone()} error={ctx.error(Field::Rule)}
                    offer={ctx.offer(Field::Rule)} onchange={edit.reform(Edit::Rule)} />
                <SelectField field={Field::Severity} options={severities} error={ctx.error(Field::Severity)}
                    offer={ctx.offer(Field::Severity)}
                    value={h.severity.map(|s| wire_name(&s)).unwrap_or_default()}
                    onchange={edit.reform(|v: String| Edit::Severity(from_wire_name(&v)))} />
                <UtcTimeField field={Field::DetectedAt} value={h.detected_at} error={ctx.error(Field::DetectedAt)}
                    offer={ctx.offer(Field::DetectedAt)} onchange={edit.reform(Edit::DetectedAt)} />
                <TextField field={Field::Analyst} value={h.analyst.clone()} error={ctx.error(Field::Analyst)}
                    autocomplete="name"
                    onchange={edit.reform(Edit::Analyst)} />
            </div>
        </>
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else {
        primary("Start L1 review", ctx.take(Command::StartReview))
    };
    ctx.frame(FlowStep::Alert, None, body, footer)
}
