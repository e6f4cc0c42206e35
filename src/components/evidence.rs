//! Step 5: evidence. Indicators, ATT&CK techniques, TLP, the timeline and recommended actions.

use std::rc::Rc;

use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Case, Edit, Field, Indicator, IndicatorKind, Part, TechniqueId, Tlp};
use strum::VariantArray;
use yew::prelude::*;

use super::fields::{event_value, toggled_open, SelectField, TextField, UtcTimeField};

#[derive(Properties)]
pub struct Props {
    pub case: Rc<Case>,
    pub edit: Callback<Edit>,
}

// Only what this section shows decides whether it re-renders: typing in a Five W must not
// re-render a thousand indicator rows.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.case.report, &other.case.report);
        self.edit == other.edit
            && self.case.can_edit(Part::Report) == other.case.can_edit(Part::Report)
            && a.indicators == b.indicators
            && a.attack_techniques == b.attack_techniques
            && a.tlp == b.tlp
            && a.timeline == b.timeline
            && a.recommended_actions == b.recommended_actions
    }
}

/// Long lists render in pages so that a case with thousands of indicators stays responsive.
const PAGE: usize = 100;

#[function_component(EvidenceForm)]
pub fn evidence_form(p: &Props) -> Html {
    let r = &p.case.report;
    let edit = &p.edit;
    let ro = !p.case.can_edit(Part::Report);
    // The rows of the long lists are built only while the section is open: closed, it is a
    // summary line, and opening a case with thousands of indicators (an import, a reload)
    // does not build a page of rows that nobody sees. What a finding's link goes to (the
    // headings, the recommended actions) is always there; opening the section around it, as
    // the link does, builds the rows.
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(now) = toggled_open(&e) {
                open.set(now);
            }
        })
    };
    let shown = use_state(|| PAGE);
    let shown_timeline = use_state(|| PAGE);
    let new_kind = use_state(|| IndicatorKind::Ipv4);
    let new_value = use_state(String::new);
    let new_error = use_state(|| None::<String>);
    let attack_text = use_state(String::new);
    let attack_error = use_state(|| None::<String>);

    let add_indicator = {
        let (k, v, err, edit) = (
            new_kind.clone(),
            new_value.clone(),
            new_error.clone(),
            edit.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match Indicator::new(*k, &v) {
                Ok(ind) => {
                    err.set(None);
                    v.set(String::new());
                    edit.emit(Edit::AddIndicators(vec![ind]));
                }
                Err(e) => err.set(Some(format!("{e}."))),
            }
        })
    };
    let add_attack = {
        let (t, err, edit) = (attack_text.clone(), attack_error.clone(), edit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ok, bad) = TechniqueId::parse_list(&t);
            err.set(bad.first().map(|b| format!("{b}.")));
            if bad.is_empty() {
                t.set(String::new());
            }
            if !ok.is_empty() {
                edit.emit(Edit::AddTechniques(ok));
            }
        })
    };
    let kinds: Vec<(AttrValue, AttrValue)> = IndicatorKind::VARIANTS
        .iter()
        .map(|k| (wire_name(k).into(), k.label().into()))
        .collect();
    let tlps: Vec<(AttrValue, AttrValue)> = Tlp::VARIANTS
        .iter()
        .map(|t| {
            (
                wire_name(t).into(),
                format!("{} ({})", t.label(), t.sharing()).into(),
            )
        })
        .collect();
    let total = r.indicators.len();

    let summary = format!(
        "Evidence: {total} indicators, {} ATT&CK techniques, {} timeline events, {}",
        r.attack_techniques.len(),
        r.timeline.len(),
        r.tlp.label()
    );
    html! {
        <details class="evidence" ontoggle={on_toggle}>
            <summary>{ summary }</summary>
            <h3 id="indicators" tabindex="-1">{ format!("Indicators ({total})") }</h3>
            if total == 0 {
                <p>{ "No indicators yet: paste the alert in step 1, or add them one by one." }</p>
            } else if *open {
                <div class="long-list">
                <table class="indicators">
                    <caption class="visually-hidden">{ "Indicators of this case" }</caption>
                    <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Note" }</th><th scope="col">{ "Remove" }</th></tr></thead>
                    <tbody>
                    { for r.indicators.iter().take(*shown).enumerate().map(|(i, ind)| {
                        let note_id = format!("indicator-note-{i}");
                        let on_note = edit.reform(move |v| Edit::IndicatorNote(i, v));
                        let on_remove = edit.reform(move |_| Edit::RemoveIndicator(i));
                        html! {
                            <tr key={format!("{}{}", wire_name(&ind.kind), ind.value)}>
                                <td>{ ind.kind.label() }</td>
                                <td><code>{ ind.value.clone() }</code></td>
                                <td>
                                    <label class="visually-hidden" for={note_id.clone()}>{ format!("Note for {}", ind.value) }</label>
                                    <input id={note_id} type="text" value={ind.note.clone()} readonly={ro}
                                        oninput={Callback::from(move |e: InputEvent| on_note.emit(event_value(&e)))} />
                                </td>
                                <td><button type="button" disabled={ro} onclick={on_remove}
                                    aria-label={format!("Remove {} {}", ind.kind.label(), ind.value)}>{ "Remove" }</button></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
                if total > *shown {
                    <button type="button" onclick={{ let s = shown.clone(); Callback::from(move |_| s.set(*s + PAGE * 5)) }}>
                        { format!("Show more ({} of {total} shown)", *shown) }
                    </button>
                }
            }
            if !ro {
                <form class="inline-form" onsubmit={add_indicator} aria-label="Add an indicator">
                    <div class="field">
                        <label for="new-indicator-kind">{ "Indicator type" }</label>
                        <select id="new-indicator-kind" onchange={{ let k = new_kind.clone(); Callback::from(move |e: Event| {
                            let v = event_value(&e);
                            if let Some(kind) = from_wire_name(&v) { k.set(kind) }
                        }) }}>
                            { for kinds.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == wire_name(&*new_kind)}>{ l.clone() }</option> }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="new-indicator-value">{ "Indicator value" }</label>
                        <input id="new-indicator-value" type="text" value={(*new_value).clone()}
                            aria-invalid={new_error.is_some().then_some("true")}
                            aria-describedby="new-indicator-error"
                            oninput={{ let v = new_value.clone(); Callback::from(move |e: InputEvent| v.set(event_value(&e))) }} />
                    </div>
                    <button type="submit">{ "Add indicator" }</button>
                    <p id="new-indicator-error" class="error" role="alert">{ (*new_error).clone().unwrap_or_default() }</p>
                </form>
            }

            <h3 id="attack-techniques" tabindex="-1">{ "MITRE ATT&CK techniques" }</h3>
            <ul class="chips">
                { for r.attack_techniques.iter().enumerate().map(|(i, t)| {
                    let on_remove = edit.reform(move |_| Edit::RemoveTechnique(i));
                    html! { <li><code>{ t.to_string() }</code>
                        <button type="button" disabled={ro} onclick={on_remove} aria-label={format!("Remove {t}")}>{ "×" }</button></li> }
                }) }
            </ul>
            if !ro {
                <form class="inline-form" onsubmit={add_attack} aria-label="Add ATT&CK techniques">
                    <div class="field">
                        <label for="attack-input">{ "Technique IDs" }</label>
                        <input id="attack-input" type="text" value={(*attack_text).clone()} placeholder="T1566, T1059.001"
                            aria-describedby="attack-error"
                            oninput={{ let t = attack_text.clone(); Callback::from(move |e: InputEvent| t.set(event_value(&e))) }} />
                    </div>
                    <button type="submit">{ "Add techniques" }</button>
                    <p id="attack-error" class="error" role="alert">{ (*attack_error).clone().unwrap_or_default() }</p>
                </form>
            }

            <SelectField field={Field::Tlp} options={tlps} value={wire_name(&r.tlp)} disabled={ro}
                onchange={edit.reform(|v: String| Edit::Tlp(from_wire_name(&v).unwrap_or_default()))} />

            <h3 id="timeline" tabindex="-1">{ "Timeline (UTC)" }</h3>
            <ol class="timeline-edit long-list">
                { for r.timeline.iter().take(if *open { *shown_timeline } else { 0 }).enumerate().map(|(i, e)| html! {
                    <li class="grid two">
                        <UtcTimeField field={Field::Timeline} id={format!("timeline-at-{i}")} label={format!("Time of event {}", i + 1)}
                            value={e.at} readonly={ro}
                            onchange={edit.reform(move |t| Edit::TimelineAt(i, t))} />
                        <TextField field={Field::Timeline} id={format!("timeline-text-{i}")} label={format!("Event {}", i + 1)}
                            value={e.description.clone()} readonly={ro}
                            onchange={edit.reform(move |v| Edit::TimelineText(i, v))} />
                    </li>
                }) }
            </ol>
            if *open && r.timeline.len() > *shown_timeline {
                <button type="button" onclick={{ let s = shown_timeline.clone(); Callback::from(move |_| s.set(*s + PAGE * 5)) }}>
                    { format!("Show more events ({} of {} shown)", *shown_timeline, r.timeline.len()) }
                </button>
            }
            if !ro {
                <button type="button" onclick={{
                    let (edit, s, len) = (edit.clone(), shown_timeline.clone(), r.timeline.len());
                    // The new event is always among those shown.
                    Callback::from(move |_| {
                        s.set((*s).max(len + 1));
                        edit.emit(Edit::AddTimelineEntry)
                    })
                }}>
                    { "Add timeline event" }
                </button>
            }

            <TextField field={Field::RecommendedActions} multiline=true rows={4} readonly={ro}
                value={r.recommended_actions.join("\n")}
                onchange={edit.reform(|v: String| Edit::RecommendedActions(v.split('\n').map(str::to_owned).collect()))} />
        </details>
    }
}
