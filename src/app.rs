//! The root component: loads saved cases, autosaves the open one, and lays out the screen.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use handoff_core::report_check::check;
use handoff_core::{Case, Role};
use yew::prelude::*;

use crate::adapters::offline::OfflineStatus;
use crate::adapters::{dom, storage};
use crate::components::{
    alert_intake::AlertIntake,
    audit_trail::AuditTrail,
    case_list::CaseList,
    conditions::ConditionsForm,
    evidence::EvidenceForm,
    export::ExportPanel,
    export::ImportPanel,
    five_ws::FiveWsForm,
    flowchart::Flowchart,
    l2_panel::L2Panel,
    notices::Notices,
    notification::NotificationForm,
    report_check::ReportCheck,
    steps::Steps,
    storage_status::{ConflictBanner, SetAside},
    training::{TrainingLibrary, TrainingRunPanel},
    verdict::VerdictForm,
};
use crate::state::{Action, AppState, Notice};

/// Autosave waits this long after the last keystroke, and flushes at once on `pagehide`.
const AUTOSAVE_DELAY_MS: u32 = 300;

fn save_now(case: &Case, dispatch: &yew::UseReducerDispatcher<AppState>, hold: &RefCell<bool>) {
    if *hold.borrow() {
        return;
    }
    if let Err(e) = crate::adapters::perf::measure("handoff:autosave", || storage::save(case)) {
        dispatch.dispatch(Action::Notify(Notice::error(e)));
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let dispatch = state.dispatcher();
    let latest: Rc<RefCell<Option<Rc<Case>>>> = use_mut_ref(|| None);
    let pending = use_mut_ref(|| None::<Timeout>);
    let dark = use_state(|| None::<bool>);
    // While another tab's version of the open case is unresolved, autosave must not
    // overwrite it.
    let hold_saves = use_mut_ref(|| false);
    *hold_saves.borrow_mut() = state.conflict.is_some();

    // Load what this browser has saved, once.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let loaded = storage::load();
            dispatch.dispatch(Action::Loaded {
                summaries: loaded.summaries,
                current: loaded.current,
                problems: loaded.problems,
                set_aside: loaded.set_aside,
            });
        });
    }

    // Autosave: debounced after each change of the open case. When another case is opened
    // before the timer fires, the one being left is saved at once.
    let previous: Rc<RefCell<Option<Rc<Case>>>> = use_mut_ref(|| None);
    *latest.borrow_mut() = state.case.clone();
    {
        let (latest, pending, dispatch) = (latest.clone(), pending.clone(), dispatch.clone());
        let hold = hold_saves.clone();
        // A case left because it was deleted must not be written back.
        let deleted = state.deleted.as_ref().map(|(c, _)| c.id.clone());
        use_effect_with(state.revision, move |rev| {
            let current = latest.borrow().clone();
            let left = previous.replace(current.clone());
            if let Some(left) = left {
                let switched = current.as_ref().map(|c| &c.id) != Some(&left.id)
                    && deleted.as_ref() != Some(&left.id);
                if switched && pending.borrow_mut().take().is_some() {
                    save_now(&left, &dispatch, &hold);
                }
            }
            if *rev > 0 {
                let (latest, dispatch2) = (latest.clone(), dispatch.clone());
                *pending.borrow_mut() = Some(Timeout::new(AUTOSAVE_DELAY_MS, move || {
                    if let Some(case) = latest.borrow().as_ref() {
                        save_now(case, &dispatch2, &hold);
                    }
                }));
            }
        });
    }
    // ... and flushed when the page is hidden or closed.
    {
        let (latest, pending, dispatch) = (latest.clone(), pending.clone(), dispatch.clone());
        let hold = hold_saves.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = window.map(|w| {
                EventListener::new(&w, "pagehide", move |_| {
                    if pending.borrow_mut().take().is_some() {
                        if let Some(case) = latest.borrow().as_ref() {
                            save_now(case, &dispatch, &hold);
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Another tab saved or removed a case: keep the list current, and flag a conflict on the
    // open case.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "storage", move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    let Some(key) = e.key() else { return };
                    let Some(id) = storage::case_id_of_key(&key) else {
                        return;
                    };
                    let raw = e.new_value();
                    let value = raw
                        .as_deref()
                        .and_then(|r| handoff_core::package::import(r.as_bytes()).ok());
                    dispatch.dispatch(Action::ExternalChange {
                        id: id.to_owned(),
                        value,
                        raw,
                    });
                })
            });
            move || drop(listener)
        });
    }

    // Offline: register the service worker once and show its status.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            crate::adapters::offline::register(move |status| {
                dispatch.dispatch(Action::Offline(status))
            });
        });
    }

    // Keyboard: Alt+Shift+N / Alt+Shift+P for the next / previous section, Alt+Shift+E for export.
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            EventListener::new(&doc, "keydown", move |e| {
                use wasm_bindgen::JsCast;
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if !(k.alt_key() && k.shift_key()) {
                    return;
                }
                match k.code().as_str() {
                    "KeyN" => dom::focus_adjacent_section(true),
                    "KeyP" => dom::focus_adjacent_section(false),
                    "KeyE" => dom::focus("step-export"),
                    _ => return,
                }
                k.prevent_default();
            })
        });
        move || drop(listener)
    });

    let findings = use_memo(state.case.clone(), |c| {
        c.as_ref().map(|c| check(c)).unwrap_or_default()
    });
    let new_case = {
        let d = dispatch.clone();
        let analyst = state
            .case
            .as_ref()
            .map(|c| c.report.header.analyst.clone())
            .unwrap_or_default();
        Callback::from(move |_| {
            d.dispatch(Action::NewCase {
                analyst: analyst.clone(),
            })
        })
    };
    let toggle_theme = {
        let dark = dark.clone();
        Callback::from(move |_| dark.set(Some(!dark.unwrap_or(prefers_dark()))))
    };
    let theme_class = match *dark {
        Some(true) => "app theme-dark",
        Some(false) => "app theme-light",
        None => "app",
    };

    let main = match &state.case {
        None => html! {
            <section class="card welcome">
                <h2>{ "Start from an alert" }</h2>
                <p>{ "Handoff walks you from a fresh SIEM alert to a verdict and, when the escalation conditions call for it, a clean handoff to L2. Everything stays in this browser until you export it." }</p>
                <button type="button" class="primary" onclick={new_case.clone()}>{ "New case" }</button>
            </section>
        },
        Some(case) => {
            let l2_visible = case.stage.owner() == Role::L2
                || case.stage.l2_editable()
                || case.stage.is_final() && case.stage.is_escalated();
            html! {
                <>
                    if let Some(run) = state.training.as_ref().filter(|t| t.case_id == case.id) {
                        <TrainingRunPanel run={run.clone()} results={state.training_results.clone()} dispatch={dispatch.clone()} />
                    }
                    <Steps case={case.clone()} refusal={state.refusal.clone()} dispatch={dispatch.clone()} />
                    <AlertIntake case={case.clone()} dispatch={dispatch.clone()} />
                    <FiveWsForm case={case.clone()} dispatch={dispatch.clone()} findings={findings.clone()} />
                    <VerdictForm case={case.clone()} dispatch={dispatch.clone()} />
                    <ConditionsForm case={case.clone()} dispatch={dispatch.clone()} />
                    <EvidenceForm case={case.clone()} dispatch={dispatch.clone()} />
                    <NotificationForm case={case.clone()} dispatch={dispatch.clone()} />
                    if l2_visible {
                        <L2Panel case={case.clone()} dispatch={dispatch.clone()} />
                    }
                    <ExportPanel case={case.clone()} dispatch={dispatch.clone()} />
                </>
            }
        }
    };

    html! {
        <div class={theme_class}>
            <a class="skip" href="#main">{ "Skip to the case" }</a>
            <header class="topbar">
                <h1>{ "Handoff" }<span class="tagline">{ " — from alert to clean escalation" }</span></h1>
                <div class="top-actions">
                    { match state.offline {
                        OfflineStatus::Online => html! {},
                        OfflineStatus::Ready => html! { <span class="offline-status" role="status">{ "Ready offline" }</span> },
                        OfflineStatus::UpdateWaiting => html! {
                            <span class="offline-status" role="status">{ "An update is ready. " }
                                <button type="button" onclick={Callback::from(|_| crate::adapters::offline::apply_update())}>{ "Reload to update" }</button>
                            </span>
                        },
                    } }
                    <button type="button" onclick={new_case}>{ "New case" }</button>
                    <span class="shortcuts"><kbd>{ "Alt+Shift+N" }</kbd>{ " / " }<kbd>{ "P" }</kbd>{ " next / previous section, " }<kbd>{ "Alt+Shift+E" }</kbd>{ " export" }</span>
                    <button type="button" onclick={toggle_theme} aria-pressed={dark.map(|d| d.to_string())}>{ "Light/dark theme" }</button>
                </div>
            </header>
            <Notices notices={state.notices.clone()} dispatch={dispatch.clone()} />
            if let (Some(theirs), Some(case)) = (&state.conflict, &state.case) {
                <div class="notices">
                    <ConflictBanner case={case.clone()} theirs={theirs.clone().map(AttrValue::from)} dispatch={dispatch.clone()} />
                </div>
            }
            <div class="layout">
                <aside class="side">
                    <CaseList summaries={state.summaries.clone()}
                        current={state.case.clone()}
                        deleted={state.deleted.as_ref().map(|(c, _)| AttrValue::from(c.report.header.title.clone()))}
                        dispatch={dispatch.clone()} />
                    <ImportPanel dispatch={dispatch.clone()} />
                    <TrainingLibrary dispatch={dispatch.clone()} />
                    <SetAside ids={state.set_aside.clone()} dispatch={dispatch.clone()} />
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

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}
