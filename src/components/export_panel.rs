//! "Export the case": where the handoff goes (Markdown, Jira, plain text, chat, Slack, Teams,
//! TheHive, DFIR-IRIS, STIX, the Handoff package), for whom (L1's handoff or the full record),
//! the export itself with copy and download, its preview, the export settings, and the printed
//! case report.
//!
//! The worker writes every export (`crate::worker`, through `hooks::use_written`), so the
//! exporters stay out of the first load. It writes the chosen one while the panel is open, a
//! moment after the case or a choice changes; copy and download then hand over text already
//! written, inside the click, as browsers require for the clipboard.

use std::rc::Rc;

use handoff_core::package::{file_name, Audience, Destination, ExportSettings, SettingsProblems};
use handoff_core::Case;
use strum::VariantArray;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::export::CopyButton;
use super::fields::{take_chosen_file, toggled_open};
use super::print_report::{print_report, PreparedReport};
use super::rendered::rendered;
use crate::adapters::file::read_text;
use crate::adapters::{dom, download::download, storage};
use crate::hooks::{use_written, Actions, Exported, Preview, Written};
use crate::state::Action;
use crate::worker::Writing;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub settings: ExportSettings,
    pub actions: Actions,
}

/// The panel's own choices, in one state (each separate state costs the bundle its code).
#[derive(Clone, PartialEq)]
struct Choices {
    open: bool,
    destination: Destination,
    audience: Audience,
    /// The report prepared for print, and whether to open the print dialog once it shows.
    report: Option<Rc<PreparedReport>>,
    print_now: bool,
}

/// A settings file holds two short boxes of text: anything larger is not one.
const SETTINGS_FILE_BYTES: usize = 256 * 1024;

/// The settings form: what is typed, kept until it is saved or corrected.
#[derive(Clone, Default, PartialEq)]
struct Form {
    own: String,
    iris: String,
    problems: Option<SettingsProblems>,
    status: String,
    busy: bool,
}

#[function_component(ExportPanel)]
pub fn export_panel(p: &Props) -> Html {
    let final_stage = p.case.stage.is_final();
    let ui = use_state(|| Choices {
        open: final_stage,
        destination: Destination::default(),
        // L2 has written nothing yet while the case is with L1: its empty parts are left out.
        audience: match final_stage {
            true => Audience::FullRecord,
            false => Audience::L1Handoff,
        },
        report: None,
        print_now: false,
    });
    // A case that reaches its end opens the step on its full record (the panel is keyed by
    // case, so another case starts afresh).
    {
        let ui = ui.clone();
        use_effect_with(final_stage, move |&now_final| {
            if now_final && !ui.open {
                ui.set(Choices {
                    open: true,
                    audience: Audience::FullRecord,
                    ..(*ui).clone()
                });
            }
        });
    }
    let form = use_state(|| Form {
        own: p.settings.own_domains.clone(),
        iris: p.settings.iris.clone(),
        ..Form::default()
    });
    let (destination, audience) = (ui.destination, ui.audience);
    let written = use_written(
        p.case.clone(),
        Writing::Export {
            destination,
            audience,
        },
        p.settings.clone(),
        ui.open,
        true,
        p.actions.clone(),
    );
    // After the report for print is in the page, the print dialog opens.
    {
        let ui = ui.clone();
        use_effect_with(ui.print_now, move |now| {
            if *now {
                ui.set(Choices {
                    print_now: false,
                    ..(*ui).clone()
                });
                dom::print();
            }
        });
    }
    let on_toggle = {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            if let Some(open) = toggled_open(&e).filter(|&open| open != ui.open) {
                ui.set(Choices {
                    open,
                    ..(*ui).clone()
                });
            }
        })
    };
    let on_destination = {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                if let Some(d) = Destination::VARIANTS.get(s.selected_index().max(0) as usize) {
                    ui.set(Choices {
                        destination: *d,
                        ..(*ui).clone()
                    });
                }
            }
        })
    };
    let on_audience = |audience: Audience| {
        let ui = ui.clone();
        Callback::from(move |_| {
            ui.set(Choices {
                audience,
                ..(*ui).clone()
            })
        })
    };
    let text = written.text().map(str::to_owned);
    // What is on screen: the new text, or, while it is written, the last one where it was,
    // not offered for copying. Its element is the last one's as long as it shows
    // the same format, so a new format's text comes in a new element (and the browser's
    // Element Timing notes its paint) while an edit's text replaces the words in place.
    let (shown, shown_as, rewriting) = match &written {
        Written::Ready(e) => (Some(e), destination, false),
        Written::Rewriting(
            Writing::Export {
                destination: before,
                ..
            },
            e,
        ) => (Some(e), *before, true),
        _ => (None, destination, false),
    };
    let shown_text = shown.and_then(|e| e.text.as_ref().ok());
    let preview = shown.map_or(Preview::None, |e| e.rendered.clone());
    let label = destination.label();
    let writing_status = format!("Writing the {label}…");
    let on_download = {
        let (case, a, text, d) = (p.case.clone(), p.actions.clone(), text.clone(), destination);
        Callback::from(move |_| {
            if let Some(text) = &text {
                match download(&file_name(&case, d.extension()), d.media_type(), text) {
                    Ok(_) => a.info(format!(
                        "Saved {} as {}.",
                        d.label(),
                        file_name(&case, d.extension())
                    )),
                    Err(e) => a.error(e),
                }
            }
        })
    };
    let copy_text = {
        let text = text.clone();
        Callback::from(move |()| text.clone().unwrap_or_default())
    };
    let on_print = {
        let (case, a, ui) = (p.case.clone(), p.actions.clone(), ui.clone());
        let settings = p.settings.clone();
        Callback::from(move |_| {
            let (ui, a2) = (ui.clone(), a.clone());
            let printed = case.clone();
            a.write(
                &case,
                Writing::Export {
                    destination: Destination::Markdown,
                    audience: Audience::FullRecord,
                },
                settings.clone(),
                true,
                move |result| match result {
                    Ok(Exported {
                        rendered: Preview::Drawn(nodes),
                        ..
                    }) => ui.set(Choices {
                        report: Some(Rc::new(PreparedReport {
                            case: printed,
                            nodes,
                        })),
                        print_now: true,
                        ..(*ui).clone()
                    }),
                    Ok(Exported { text: Err(why), .. }) => a2.error(why),
                    Ok(_) => a2.error("The report for print came back empty."),
                    Err(why) => {
                        a2.error(format!("The report for print could not be prepared: {why}"))
                    }
                },
            );
        })
    };

    html! {
        <>
        <details class="card export" id="export" open={ui.open} ontoggle={on_toggle}>
            <summary><h2 id="export-heading">{ "Export the case" }</h2></summary>
            <p class="lead">{ "Choose where the case goes, then copy it or save it as a file. Handoff sends nothing itself. URLs, domains, addresses and mailboxes come out defanged, except your own domains (see the export settings)." }</p>
            <div class="export-choices">
                <div class="field">
                    <label for="export-destination">{ "Format" }</label>
                    <p class="hint" id="export-destination-hint">{ format!("For {}.", destination.goes_to()) }</p>
                    <select id="export-destination" aria-describedby="export-destination-hint" onchange={on_destination}>
                        { for Destination::VARIANTS.iter().map(|d| html! {
                            <option value={d.extension()} selected={*d == destination}>{ d.label() }</option>
                        }) }
                    </select>
                </div>
                <fieldset class="radio-group audience">
                    <legend>{ "For whom" }</legend>
                    <span class="radio">
                        <input type="radio" id="export-audience-l1" name="export-audience" checked={audience == Audience::L1Handoff} onchange={on_audience(Audience::L1Handoff)} />
                        <label for="export-audience-l1">{ "L1's handoff to L2 (L2's parts left out until written)" }</label>
                    </span>
                    <span class="radio">
                        <input type="radio" id="export-audience-full" name="export-audience" checked={audience == Audience::FullRecord} onchange={on_audience(Audience::FullRecord)} />
                        <label for="export-audience-full">{ "The full case record" }</label>
                    </span>
                </fieldset>
            </div>
            <div class="export-row" aria-live="polite">
                <button type="button" class="primary" onclick={on_download} disabled={text.is_none()}>{ format!("Download {label}") }</button>
                <CopyButton text={copy_text} what={AttrValue::from(label)} disabled={text.is_none()} />
                // Its room is kept, so that the buttons do not rewrap while it shows: the page
                // below would move each time the text is written again.
                <span class="preparing holds-room" role="status" data-room={writing_status.clone()}>
                    <span>{ if written.is_being_written() && ui.open { writing_status } else { String::new() } }</span>
                </span>
            </div>
            if let Some(why) = written.problem() {
                <p class="error-message" role="alert">{ why.to_owned() }</p>
            }
            if let Some(text) = shown_text {
                // The preview comes a moment after the text, in a column kept for it: the text
                // does not move when it arrives.
                <div class={classes!("export-preview", (preview != Preview::None).then_some("two"))}
                    aria-busy={rewriting.then_some("true")}>
                    if preview != Preview::None {
                        <section class="rendered" aria-label={format!("{} as it will look", shown_as.label())} tabindex="0"
                            aria-busy={(preview == Preview::Coming).then_some("true")}>
                            { match &preview {
                                Preview::Drawn(nodes) => rendered(nodes, 2),
                                Preview::Failed(why) => html! { <p class="error-message">{ why.clone() }</p> },
                                _ => html! {},
                            } }
                        </section>
                    }
                    // `elementtiming`: the browser notes when the text is first painted, for
                    // the bench (Element Timing; nothing else reads it).
                    <pre key={shown_as.extension()} class="preview" tabindex="0" aria-label={format!("{} as text", shown_as.label())}
                        elementtiming="export-text">{ text.to_owned() }</pre>
                </div>
            }
            <div class="export-row">
                <button type="button" onclick={on_print}>{ "Print the case report" }</button>
                <span class="hint">{ "The full case record, one section a page, its TLP label on every page; choose \u{201c}Save as PDF\u{201d} in the print dialog for a file." }</span>
            </div>
            { settings_form(&form, &p.settings, &p.actions) }
        </details>
        { print_report(ui.report.as_deref(), &p.case) }
        </>
    }
}

/// The organisation's own domains and the DFIR-IRIS IDs: typed once, checked by the worker,
/// kept in this browser. What was typed stays in the boxes until it is saved or corrected.
fn settings_form(form: &UseStateHandle<Form>, saved: &ExportSettings, actions: &Actions) -> Html {
    let text_input = |iris: bool| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                let mut next = (*form).clone();
                *(if iris { &mut next.iris } else { &mut next.own }) = t.value();
                form.set(next);
            }
        })
    };
    let on_save = {
        let (form, actions) = (form.clone(), actions.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = Form {
                busy: true,
                ..(*form).clone()
            };
            form.set(typed.clone());
            let settings = ExportSettings {
                own_domains: typed.own.clone(),
                iris: typed.iris.clone(),
            };
            let (form, a) = (form.clone(), actions.clone());
            actions.check_export_settings(settings, move |result| {
                let idle = Form {
                    busy: false,
                    ..typed
                };
                form.set(match result {
                    Ok(Ok(canonical)) => {
                        let status = match storage::save_export_settings(&canonical) {
                            Ok(()) => "Export settings saved in this browser; every export uses them from now on.".to_owned(),
                            Err(e) => e,
                        };
                        a.send(Action::ExportSettings(canonical.clone()));
                        Form {
                            own: canonical.own_domains,
                            iris: canonical.iris,
                            problems: None,
                            status,
                            busy: false,
                        }
                    }
                    Ok(Err(found)) => {
                        // Focused once it is on the page.
                        gloo_timers::callback::Timeout::new(0, || dom::focus_element("settings-errors")).forget();
                        Form {
                            problems: Some(found),
                            status: String::new(),
                            ..idle
                        }
                    }
                    Err(why) => Form {
                        status: format!("The settings could not be checked: {why}"),
                        ..idle
                    },
                });
            });
        })
    };
    // The saved settings as a file, for another browser or a colleague; and such a file read
    // back into the boxes, to be checked and saved as if typed.
    let on_download = {
        let (form, saved) = (form.clone(), saved.clone());
        Callback::from(move |_| {
            let status = match download(
                "handoff-export-settings.json",
                "application/json",
                &saved.to_file(),
            ) {
                Ok(_) => "Downloaded the saved export settings.".to_owned(),
                Err(e) => e,
            };
            form.set(Form {
                status,
                ..(*form).clone()
            });
        })
    };
    let on_load = {
        let (form, actions) = (form.clone(), actions.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (form, actions, name) = (form.clone(), actions.clone(), file.name());
            wasm_bindgen_futures::spawn_local(async move {
                let shown = form.clone();
                let show = move |read: Result<ExportSettings, String>| {
                    shown.set(match read {
                        Ok(s) => Form {
                            own: s.own_domains,
                            iris: s.iris,
                            problems: None,
                            status: format!("Read {name}: check the boxes, then save them."),
                            busy: false,
                        },
                        Err(why) => Form {
                            status: format!("{name} was not read: {why}"),
                            ..(*shown).clone()
                        },
                    })
                };
                match read_text(file, SETTINGS_FILE_BYTES).await {
                    Ok(text) => actions.read_settings_file(text, show),
                    Err(why) => show(Err(why)),
                }
            });
        })
    };
    let problems = &form.problems;
    let own_problems = problems
        .as_ref()
        .map(|p| p.own_domains.clone())
        .unwrap_or_default();
    let iris_problem = problems.as_ref().and_then(|p| p.iris.clone());
    html! {
        <details class="export-settings" id="export-settings">
            <summary>{ "Export settings: your own domains, DFIR-IRIS IDs" }</summary>
            <form onsubmit={on_save} novalidate=true>
                if problems.is_some() {
                    <div class="error-summary" id="settings-errors" tabindex="-1" role="alert" aria-labelledby="settings-errors-title">
                        <h3 id="settings-errors-title">{ "The settings were not saved" }</h3>
                        <ul>
                            { for own_problems.iter().map(|m| html! { <li><a href="#own-domains">{ m.clone() }</a></li> }) }
                            if let Some(m) = &iris_problem {
                                <li><a href="#iris-mapping">{ m.clone() }</a></li>
                            }
                        </ul>
                    </div>
                }
                <div class={classes!("field", (!own_problems.is_empty()).then_some("invalid"))}>
                    <label for="own-domains">{ "Your organisation's domains and address ranges" }</label>
                    <p class="hint" id="own-domains-hint">{ "One a line: a domain covers the names under it; an address or CIDR range covers its addresses. Exports leave these as they are instead of defanging them, and never list them as indicators of compromise. Empty: everything is defanged." }</p>
                    <textarea id="own-domains" rows="4" aria-describedby="own-domains-hint" value={form.own.clone()} oninput={text_input(false)} spellcheck="false" />
                </div>
                <div class={classes!("field", iris_problem.is_some().then_some("invalid"))}>
                    <label for="iris-mapping">{ "DFIR-IRIS IDs (JSON)" }</label>
                    <p class="hint" id="iris-mapping-hint">{ "IRIS numbers severities, statuses, TLP levels, IOC types and customers by database IDs that differ between instances. Empty: the IDs of a fresh IRIS install. Save once with this box empty to see them all, then change those your instance numbers differently." }</p>
                    <textarea id="iris-mapping" rows="6" aria-describedby="iris-mapping-hint" value={form.iris.clone()} oninput={text_input(true)} spellcheck="false" />
                </div>
                <div class="field">
                    <label for="settings-file">{ "Load settings from a file (.json)" }</label>
                    <input id="settings-file" type="file" accept=".json,application/json" onchange={on_load} />
                </div>
                <div class="export-row">
                    <button type="submit" disabled={form.busy}>{ "Save the export settings" }</button>
                    <button type="button" onclick={on_download}>{ "Download the saved settings" }</button>
                    <span role="status">{ form.status.clone() }</span>
                </div>
            </form>
        </details>
    }
}
