//! The root component: composition only. State lives in `crate::state`, effects in
//! `crate::hooks`, each part of the screen in `crate::components`.

use handoff_core::rules::report_check::check;
use handoff_core::{FindingSeverity, Role};
use yew::prelude::*;

use crate::components::{
    audit_trail, case_list::CaseList, flowchart, notices::Notices, report_check, steps::Stepper,
    storage_status, top_bar, welcome,
};
use crate::hooks::{
    use_actions, use_alert_reading, use_autosave, use_offline, use_other_tabs, use_profile,
    use_shortcuts, use_stored_cases, use_theme, Actions,
};
use crate::state::{Action, AppState};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let actions = use_actions(state.dispatcher());
    use_stored_cases(&actions);
    use_profile(&state.profile, state.dispatcher());
    use_autosave(&state, state.dispatcher(), &actions.offload);
    use_other_tabs(&actions, state.case.as_deref().map(|c| c.id.as_str()));
    use_offline(state.dispatcher());
    use_shortcuts();
    use_alert_reading(&state, &actions);
    let theme = use_theme();
    // The case status (flowchart, report check) on a narrow screen, one tap away.
    let status_open = use_state(|| false);

    let findings = use_memo(state.case.clone(), |c| {
        c.as_ref().map(|c| check(c)).unwrap_or_default()
    });
    let missing = findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Blocking)
        .count();
    let new_case = {
        let (actions, name) = (actions.clone(), state.profile.name.clone());
        Callback::from(move |()| actions.new_case(name.clone()))
    };
    let on_role = {
        let a = actions.clone();
        Callback::from(move |role: Role| a.send(Action::SetRole(role)))
    };
    // A finding's link takes the analyst to its field, closing the status panel over it.
    let on_go = {
        let (a, open) = (actions.clone(), status_open.clone());
        Callback::from(move |f| {
            open.set(false);
            a.send(Action::GoTo(f))
        })
    };
    let toggle_status = {
        let open = status_open.clone();
        Callback::from(move |()| open.set(!*open))
    };
    // Opened, the panel takes focus; Escape closes it.
    use_effect_with(*status_open, |open| {
        if *open {
            crate::adapters::dom::focus_element("close-status");
        }
    });
    let on_status_key = {
        let open = status_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                open.set(false);
            }
        })
    };

    let own = page_parts(&state, &actions);
    let main = match &state.case {
        None => html! {
            { welcome::welcome(&welcome::Props { role: state.profile.role, on_new_case: new_case.clone(), on_role: on_role.clone() }) }
        },
        Some(case) => {
            let (above, below) = own.case.clone().unwrap_or_default();
            html! {
                <>
                    { above }
                    <Stepper case={case.clone()} profile={state.profile.clone()} flow={state.flow.clone()}
                        reply={state.reply.clone()} actions={actions.clone()} {missing} live={state.revision > 0}
                        on_status={toggle_status.clone()} status_open={*status_open}
                        intake={state.intake.clone()} reading_alert={state.reading_alert} export_settings={state.export_settings.clone()} />
                    { below }
                </>
            }
        }
    };

    html! {
        <div class={theme.class}>
            <a class="skip" href="#main">{ "Skip to the case" }</a>
            { top_bar::top_bar(&top_bar::Props {
                offline: state.offline,
                save: state.case.as_ref().map(|_| state.save_status()),
                role: state.profile.role,
                on_role,
                on_new_case: new_case,
                theme: theme.clone(),
            }) }
            <Notices notices={state.notices.clone()} actions={actions.clone()} />
            if let (Some(theirs), Some(case)) = (&state.conflict, &state.case) {
                <div class="notices">
                    { storage_status::conflict_banner(&storage_status::ConflictProps { case: case.clone(), revision: state.revision, theirs: theirs.clone(), actions: actions.clone() }) }
                </div>
            }
            { own.notices }
            <div class="layout">
                <aside class="side" aria-label="Cases">
                    { own.before_cases }
                    <CaseList summaries={state.summaries.clone()} opening={!state.store_open}
                        current={state.case.clone()}
                        deleted={state.deleted.as_ref().map(|d| AttrValue::from(d.case.report.header.title.clone()))}
                        actions={actions.clone()} />
                    { own.after_cases }
                    { storage_status::set_aside(&storage_status::SetAsideProps { ids: state.set_aside.clone(), actions: actions.clone() }) }
                </aside>
                <main id="main" tabindex="-1">
                    { main }
                </main>
                if let Some(case) = &state.case {
                    // Beside the steps on a wide screen; on a narrow one, a panel that the
                    // progress line's "Case status" opens over the page.
                    <aside class={classes!("side", "right", status_open.then_some("open"))} id="case-status" aria-label="Case status"
                        // Scrolled on its own when taller than the screen: the keyboard reaches it.
                        tabindex="0" onkeydown={on_status_key}>
                        <button type="button" class="secondary close-status" id="close-status" onclick={toggle_status.reform(|_| ())}>{ "Close case status" }</button>
                        { report_check::report_check(&report_check::Props { findings: findings.clone(), on_go: on_go.clone() }) }
                        { flowchart::flowchart(&flowchart::Props { case: case.clone() }) }
                        { audit_trail::audit_trail(&audit_trail::Props { case: case.clone() }) }
                    </aside>
                }
            </div>
        </div>
    }
}

/// What only one of the two pages shows, around what both share. The training room's page
/// (built with the `training` feature) works scenarios in ordinary cases; the analyst's page
/// links to it instead of carrying it, and has what the room leaves out: the export step and
/// the package import (a practice case goes nowhere, and an L2 scenario brings its own
/// handoff), and the shift handover (practice is no shift's work).
#[derive(Default)]
struct PageParts {
    /// Above the side bar's case list, and below it.
    before_cases: Html,
    after_cases: Html,
    /// Beside the notices.
    notices: Html,
    /// Above the open case's steps, and below them.
    case: Option<(Html, Html)>,
}

#[cfg(feature = "training")]
fn page_parts(state: &AppState, actions: &Actions) -> PageParts {
    use crate::components::training;
    // The scenario being worked: its briefing and checks above the steps, its scoring below.
    let case = state.case.as_ref().and_then(|case| {
        let run = state.training.as_ref().filter(|t| t.case_id == case.id)?;
        let above = training::run_panel(&training::RunProps {
            run: run.clone(),
            stage: case.stage,
            actions: actions.clone(),
        });
        let below = training::debrief_panel(&training::DebriefProps {
            run: run.clone(),
            case: case.clone(),
            stage: case.stage,
            trainee: state.profile.name.clone(),
            results: state.training_results.clone(),
            actions: actions.clone(),
        });
        Some((above, below))
    });
    PageParts {
        // In the training room the library comes first.
        before_cases: html! {
            <training::TrainingLibrary actions={actions.clone()} trainee={state.profile.name.clone()} />
        },
        case,
        ..PageParts::default()
    }
}

#[cfg(not(feature = "training"))]
fn page_parts(state: &AppState, actions: &Actions) -> PageParts {
    use crate::components::{
        export_panel::ExportPanel, import, shift_handover::ShiftHandover, training_room,
    };
    let notices = match &state.pending_import {
        Some(pending) => html! {
            <div class="notices">
                { import::import_choice_panel(&import::ImportChoiceProps { pending: pending.clone(), actions: actions.clone() }) }
            </div>
        },
        None => Html::default(),
    };
    PageParts {
        before_cases: Html::default(),
        after_cases: html! {
            <>
                <import::ImportPanel actions={actions.clone()} />
                <ShiftHandover case={state.case.clone()} settings={state.export_settings.clone()} actions={actions.clone()} />
                { training_room::training_room_link() }
            </>
        },
        notices,
        case: state.case.as_ref().map(|case| {
            let export = html! {
                <ExportPanel key={case.id.clone()} case={case.clone()} settings={state.export_settings.clone()} actions={actions.clone()} />
            };
            (Html::default(), export)
        }),
    }
}
