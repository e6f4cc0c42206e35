//! The scenario being worked, above the guided flow: the briefing, the checks to choose from
//! (each with its cost in shift time, and once chosen, what it showed), the minutes used, and
//! for L2 scenarios L1's scripted answer to a question.

use handoff_core::training::{CheckKind, Playable};
use handoff_core::{Command, Role, Stage};
use yew::prelude::*;

use crate::hooks::Actions;
use crate::state::{Action, TrainingAction, TrainingRun};

pub struct RunProps {
    pub run: TrainingRun,
    pub stage: Stage,
    pub actions: Actions,
}

/// "12 min on 3 checks; the last one was a dead end", for the status line.
fn used(s: &Playable, run: &[String]) -> String {
    let last = run.last().and_then(|id| s.check(id)).map(|c| match c.kind {
        CheckKind::Fact => "; the last one found something",
        CheckKind::DeadEnd => "; the last one was a dead end",
    });
    format!(
        "Shift time used: {} min on {} of {} checks{}.",
        s.minutes(run),
        run.len(),
        s.checks.len(),
        last.unwrap_or("")
    )
}

/// Rendered as part of its parent: it holds no state of its own.
pub fn run_panel(p: &RunProps) -> Html {
    let s = &p.run.scenario;
    let a = &p.actions;
    let scored = p.run.score.is_some();
    let end = {
        let a = a.clone();
        Callback::from(move |_| a.send(Action::Training(TrainingAction::End)))
    };
    let check = |c: &handoff_core::training::Check| {
        let run = p.run.checks.contains(&c.id);
        let result_id = format!("check-{}-result", c.id);
        let onclick = {
            let (a, id) = (a.clone(), c.id.clone());
            Callback::from(move |_| a.send(Action::Training(TrainingAction::RunCheck(id.clone()))))
        };
        // A check already run stays in place, focusable, with what it showed right after it.
        html! {
            <li class={classes!("check", run.then_some("done"))}>
                <button type="button" class="secondary" {onclick}
                    aria-disabled={(run || scored).then_some("true")}
                    aria-describedby={run.then(|| result_id.clone())}>
                    { c.action.clone() }<span class="cost">{ format!(" · {} min", c.minutes) }</span>
                </button>
                if run {
                    <p id={result_id} class={if c.kind == CheckKind::Fact { "found" } else { "dead-end" }}>
                        <strong>{ if c.kind == CheckKind::Fact { "Found: " } else { "Dead end: " } }</strong>{ c.result.clone() }
                    </p>
                }
            </li>
        }
    };
    let waiting_for_l1 = s.role == Role::L2 && p.stage == Stage::ClarificationRequested;
    // L1's scripted answer is an ordinary workflow step, taken for L1.
    let reply = {
        let (step, answer) = (a.step.clone(), s.reply.clone());
        Callback::from(move |_| {
            step.emit(Command::AnswerClarification {
                answer: answer.clone(),
            })
        })
    };
    html! {
        <section class="card training" aria-labelledby="run-heading">
            <h2 id="run-heading">{ format!("Training scenario: {}", s.title) }</h2>
            <p class="meta">{ format!("{} · you work as {}", s.difficulty.label(), s.role.label()) }</p>
            <p>{ s.briefing.clone() }</p>
            if !s.l2_on_shift.trim().is_empty() {
                <p>{ "L2 analyst on shift: " }<strong>{ s.l2_on_shift.clone() }</strong></p>
            }
            <h3 id="checks-heading">{ "Investigate: choose your checks" }</h3>
            <p class="hint">{ "Each check costs shift time. Some show what the call rests on; others are dead ends. Run only what you would run on shift." }</p>
            <ul class="checks" aria-labelledby="checks-heading">{ for s.checks.iter().map(check) }</ul>
            <p role="status" class="minutes">{ used(s, &p.run.checks) }</p>
            if waiting_for_l1 {
                <div class="question">
                    <p>{ "Your question is with L1, whom the scenario plays." }</p>
                    <button type="button" onclick={reply}>{ "Get L1's answer" }</button>
                </div>
            }
            <div class="step-buttons">
                <button type="button" class="secondary" onclick={end}>{ "Leave training" }</button>
            </div>
        </section>
    }
}
