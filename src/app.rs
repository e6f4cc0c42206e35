//! The root component: composition only. State lives in `crate::state`, effects in
//! `crate::hooks`, each part of the screen in `crate::components`.

use handoff_core::rules::report_check::check;
use yew::prelude::*;

use crate::components::{
    alert_intake::AlertIntake,
    audit_trail::AuditTrail,
    case_list::CaseList,
    conditions::ConditionsForm,
    evidence::EvidenceForm,
    export::{ExportPanel, ImportChoicePanel, ImportPanel},
    five_ws::FiveWsForm,
    flowchart::Flowchart,
    l2_panel::L2Panel,
    notices::Notices,
    notification::NotificationForm,
    report_check::ReportCheck,
    steps::Steps,
    storage_status::{ConflictBanner, SetAside},
    top_bar::TopBar,
    training::{TrainingLibrary, TrainingRunPanel},
    verdict::VerdictForm,
};
use crate::hooks::{
    use_actions, use_autosave, use_offline, use_other_tabs, use_shortcuts, use_stored_cases,
    use_theme,
};
use crate::state::AppState;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let actions = use_actions(state.dispatcher());
    use_stored_cases(state.dispatcher());
    use_autosave(&state, state.dispatcher());
    use_other_tabs(state.dispatcher());
    use_offline(state.dispatcher());
    use_shortcuts();
    let theme = use_theme();

    let findings = use_memo(state.case.clone(), |c| {
        c.as_ref().map(|c| check(c)).unwrap_or_default()
    });
    let analyst = state
        .case
        .as_ref()
        .map(|c| c.report.header.analyst.clone())
        .unwrap_or_default();
    let new_case = {
        let actions = actions.clone();
        Callback::from(move |()| actions.new_case(analyst.clone()))
    };

    let main = match &state.case {
        None => html! {
            <section class="card welcome">
                <h2>{ "Start from an alert" }</h2>
                <p>{ "Handoff walks you from a fresh SIEM alert to a verdict and, when the escalation conditions call for it, a clean handoff to L2. Everything stays in this browser until you export it." }</p>
                <button type="button" class="primary" onclick={new_case.reform(|_| ())}>{ "New case" }</button>
            </section>
        },
        Some(case) => {
            let l2_visible = handoff_core::rules::flow::next_actor(case.stage)
                == handoff_core::Role::L2
                || case.can_edit(handoff_core::Part::L2)
                || case.stage.is_final() && case.stage.is_escalated();
            html! {
                <>
                    if let Some(run) = state.training.as_ref().filter(|t| t.case_id == case.id) {
                        <TrainingRunPanel run={run.clone()} results={state.training_results.clone()} actions={actions.clone()} />
                    }
                    <Steps case={case.clone()} refusal={state.refusal.clone()} reply={state.reply.clone()} actions={actions.clone()} />
                    <AlertIntake case={case.clone()} actions={actions.clone()} />
                    <FiveWsForm case={case.clone()} edit={actions.edit.clone()} findings={findings.clone()} />
                    <VerdictForm case={case.clone()} edit={actions.edit.clone()} />
                    <ConditionsForm case={case.clone()} edit={actions.edit.clone()} />
                    <EvidenceForm case={case.clone()} edit={actions.edit.clone()} />
                    <NotificationForm case={case.clone()} edit={actions.edit.clone()} />
                    if l2_visible {
                        <L2Panel case={case.clone()} edit={actions.edit.clone()} />
                    }
                    <ExportPanel case={case.clone()} actions={actions.clone()} />
                </>
            }
        }
    };

    html! {
        <div class={theme.class}>
            <a class="skip" href="#main">{ "Skip to the case" }</a>
            <TopBar offline={state.offline} save={state.case.as_ref().map(|_| state.save_status())}
                on_new_case={new_case} theme={theme.clone()} />
            <Notices notices={state.notices.clone()} actions={actions.clone()} />
            if let (Some(theirs), Some(case)) = (&state.conflict, &state.case) {
                <div class="notices">
                    <ConflictBanner case={case.clone()} revision={state.revision} theirs={theirs.clone()} actions={actions.clone()} />
                </div>
            }
            if let Some(imported) = &state.pending_import {
                <div class="notices">
                    <ImportChoicePanel imported={imported.clone()} actions={actions.clone()} />
                </div>
            }
            <div class="layout">
                <aside class="side">
                    <CaseList summaries={state.summaries.clone()}
                        current={state.case.clone()}
                        deleted={state.deleted.as_ref().map(|d| AttrValue::from(d.case.report.header.title.clone()))}
                        actions={actions.clone()} />
                    <ImportPanel actions={actions.clone()} />
                    <TrainingLibrary actions={actions.clone()} />
                    <SetAside ids={state.set_aside.clone()} actions={actions.clone()} />
                </aside>
                <main id="main" tabindex="-1">{ main }</main>
                if let Some(case) = &state.case {
                    <aside class="side right" aria-label="Case status">
                        <Flowchart case={case.clone()} />
                        <ReportCheck findings={findings.clone()} />
                        <AuditTrail case={case.clone()} />
                    </aside>
                }
            </div>
        </div>
    }
}
