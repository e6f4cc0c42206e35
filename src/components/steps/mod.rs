//! The guided flow on screen: one step open at a time, in the guide's order. The open step
//! shows its fields and, at their end, its forward action; finished steps fold to one line
//! with a way to change them; steps to come show their title only. One file a step.

mod alert;
mod briefing;
mod clarify;
mod decision;
mod frame;
mod notify;
mod outcome;
mod reading;
mod report;
mod review;
mod send;
mod summary;
mod verdict;
mod waiting;

use std::rc::Rc;

use handoff_core::package::ExportSettings;
use handoff_core::{Case, Field, Finding};
use yew::prelude::*;

pub use frame::error_for;
pub use send::{SendActions, SendKind};

use crate::adapters::dom;
use crate::components::fields::Offer;
use crate::hooks::Actions;
use crate::state::flow::{self, can_change, StepState};
use crate::state::{Action, FlowStep, FlowUi, IntakeView, Profile};

/// What every open step gets from the stepper.
#[derive(Clone, PartialEq)]
pub struct StepContext {
    pub case: Rc<Case>,
    pub actions: Actions,
    pub profile: Profile,
    pub reply: AttrValue,
    /// What the step's forward action needs now.
    pub blocking: Rc<Vec<Finding>>,
    /// What the handoff needs later from this step's fields.
    pub later: Rc<Vec<Finding>>,
    /// The forward action was refused: errors are shown.
    pub tried: bool,
    pub attempt: u64,
    /// "Step n of total".
    pub position: Option<(usize, usize)>,
    /// Opened again to change it, not the step the case is at.
    pub changing: bool,
    /// The pasted alert as read, with the suggestions waiting beside typed fields.
    pub intake: Option<Rc<IntakeView>>,
    /// A pasted alert is with the reader.
    pub reading_alert: bool,
    /// Own domains and IRIS IDs, for the messages the steps send.
    pub export_settings: ExportSettings,
}

impl StepContext {
    /// The refusal's message for `field`, once the analyst tried to move on.
    pub fn error(&self, field: Field) -> Option<AttrValue> {
        if self.tried {
            error_for(&self.blocking, field)
        } else {
            None
        }
    }

    /// The pasted alert's suggestion for `field`, if one waits beside it.
    pub fn offer(&self, field: Field) -> Option<Offer> {
        let o = self.intake.as_ref()?.offer(field)?;
        let (take, keep) = (self.actions.clone(), self.actions.clone());
        Some(Offer {
            value: o.value.clone().into(),
            on_use: Callback::from(move |_| take.take_offer(field)),
            on_dismiss: Callback::from(move |_| keep.send(Action::DismissOffer(field))),
        })
    }

    pub fn on_go(&self) -> Callback<Field> {
        let a = self.actions.clone();
        Callback::from(move |f| a.send(Action::GoTo(f)))
    }

    /// The step's frame around its fields (`body`) and its actions (`footer`).
    pub fn frame(
        &self,
        step: FlowStep,
        lead: Option<&'static str>,
        body: Html,
        footer: Html,
    ) -> Html {
        frame::step_frame(
            frame::Frame {
                step,
                position: self.position,
                blocking: self.blocking.clone(),
                later: self.later.clone(),
                tried: self.tried,
                on_go: self.on_go(),
                lead,
            },
            body,
            footer,
        )
    }

    /// Sends `cmd` when clicked.
    pub fn take(&self, cmd: handoff_core::Command) -> Callback<MouseEvent> {
        let step = self.actions.step.clone();
        Callback::from(move |_| step.emit(cmd.clone()))
    }

    /// The "Done" button of a step opened for a change.
    pub fn done_changing(&self) -> Html {
        let a = self.actions.clone();
        html! {
            <button type="button" class="primary" onclick={Callback::from(move |_| a.send(Action::DoneChanging))}>
                { "Done: back to the current step" }
            </button>
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    pub case: Rc<Case>,
    pub profile: Profile,
    pub flow: FlowUi,
    pub reply: AttrValue,
    pub actions: Actions,
    /// How many report-check findings block the handoff (for the progress line).
    pub missing: usize,
    /// Something happened in this session (not just a page load): focus may move.
    pub live: bool,
    /// Toggles the case status panel (flowchart, report check) on a narrow screen.
    pub on_status: Callback<()>,
    pub status_open: bool,
    pub intake: Option<Rc<IntakeView>>,
    pub reading_alert: bool,
    pub export_settings: ExportSettings,
}

#[function_component(Stepper)]
pub fn stepper(p: &StepperProps) -> Html {
    let case = &p.case;
    let role = p.profile.role;
    let list = flow::steps_for(case, role, p.flow.report_written);
    let current = list
        .iter()
        .find(|(_, s)| *s == StepState::Current)
        .map(|(s, _)| *s);
    let open = flow::open_step(&list, p.flow.changing, case);

    // A new step opened: bring it up and put the cursor in its first field. Not when the page
    // has just loaded a stored case (focus stays where the browser puts it).
    {
        let live = p.live;
        use_effect_with(open, move |open| {
            if !live {
                return;
            }
            if let Some(step) = open {
                let field = step.fields().first().map(|f| f.id());
                dom::focus_step(step.id(), field);
            }
        });
    }
    // A refusal: the error summary takes focus (again at each refusal).
    {
        let summary = open
            .filter(|s| p.flow.tried == Some(*s))
            .map(frame::summary_id);
        use_effect_with((summary, p.flow.attempt), |(summary, _)| {
            if let Some(id) = summary {
                dom::focus_in_section(id);
            }
        });
    }
    // A field asked for (an error link, the report check): bring it into view and focus it.
    use_effect_with(p.flow.focus, |focus| {
        if let Some((field, _)) = focus {
            dom::focus_field(field.id());
        }
    });

    let numbered: Vec<FlowStep> = list
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| *s != FlowStep::Outcome)
        .collect();
    let position = |s: FlowStep| {
        numbered
            .iter()
            .position(|x| *x == s)
            .map(|i| (i + 1, numbered.len()))
    };
    let step_of = current
        .and_then(position)
        .map(|(n, total)| format!("Step {n} of {total} · "));

    let mut rendered = Vec::new();
    let mut waiting_shown = false;
    for (step, state) in &list {
        let (step, state) = (*step, *state);
        if Some(step) == open {
            let changing = Some(step) != current;
            let blocking = if changing {
                Vec::new()
            } else {
                flow::blocking(step, case, &p.reply, &p.profile.name)
            };
            let ctx = StepContext {
                case: case.clone(),
                actions: p.actions.clone(),
                profile: p.profile.clone(),
                reply: p.reply.clone(),
                later: Rc::new(flow::needed_later(step, case, &p.reply, &p.profile.name)),
                tried: p.flow.tried == Some(step) && !changing,
                attempt: p.flow.attempt,
                position: position(step),
                changing,
                blocking: Rc::new(blocking),
                intake: p.intake.clone(),
                reading_alert: p.reading_alert,
                export_settings: p.export_settings.clone(),
            };
            rendered.push(open_step(step, ctx));
        } else {
            match state {
                StepState::Done => rendered.push(summary::done_step(
                    step,
                    case,
                    can_change(step, case) && open.is_some_and(|o| o != step),
                    &p.actions,
                )),
                StepState::Upcoming | StepState::Current => {
                    if current.is_none() && !waiting_shown {
                        waiting_shown = true;
                        rendered.push(waiting::waiting(case, role, &p.actions, &p.export_settings));
                    }
                    rendered.push(html! {
                        <section class="step upcoming" key={step.id()} id={step.id()}>
                            <h2 tabindex="-1">{ step.title() }</h2>
                        </section>
                    });
                }
            }
        }
    }
    if current.is_none() && !waiting_shown {
        rendered.push(waiting::waiting(case, role, &p.actions, &p.export_settings));
    }

    let on_status = p.on_status.reform(|_| ());
    html! {
        <div class="stepper">
            <div class="progress">
                <p class="progress-text">
                    <strong>{ step_of.unwrap_or_default() }</strong>
                    <span class="stage">{ format!("Now: {}", case.stage.label()) }</span>
                    if p.missing > 0 && !case.stage.is_escalated() && !case.stage.is_final() {
                        <span class="missing">{ format!(" · {} missing for the handoff", p.missing) }</span>
                    }
                </p>
                <button type="button" class="status-toggle" onclick={on_status}
                    aria-expanded={p.status_open.to_string()} aria-controls="case-status">
                    { "Case status" }
                </button>
            </div>
            { for rendered }
        </div>
    }
}

fn open_step(step: FlowStep, ctx: StepContext) -> Html {
    match step {
        // The one step with state of its own (the uncontrolled paste box).
        FlowStep::Alert => html! { <alert::AlertStep key={step.id()} {ctx} /> },
        FlowStep::Verdict => verdict::verdict_step(&ctx),
        FlowStep::Report => report::report_step(&ctx),
        FlowStep::Decision => decision::decision_step(&ctx),
        FlowStep::Assign => notify::assign_step(&ctx),
        FlowStep::Notify => notify::notify_step(&ctx),
        FlowStep::Briefing => briefing::briefing_step(&ctx),
        FlowStep::Review => review::review_step(&ctx),
        FlowStep::Ask => clarify::ask_step(&ctx),
        FlowStep::Answer => clarify::answer_step(&ctx),
        FlowStep::Outcome => outcome::outcome_step(&ctx),
    }
}

/// The props of a step with state of its own.
#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub ctx: StepContext,
}

/// A primary (forward) button.
pub fn primary(label: impl Into<AttrValue>, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="primary" {onclick}>{ label.into() }</button> }
}

/// A secondary button: an alternative, or a way back.
pub fn secondary(label: impl Into<AttrValue>, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="secondary" {onclick}>{ label.into() }</button> }
}
