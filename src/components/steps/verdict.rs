//! Step 2: the verdict, decided from the triage, and the facts that justify it. A false
//! positive closes here; a true positive or an unclear alert goes on to the report.

use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Command, Edit, Field, Stage, Verdict};
use strum::VariantArray;
use yew::prelude::*;

use super::{primary, secondary, StepContext};
use crate::components::fields::{RadioGroup, TextField};
use crate::state::FlowStep;

pub fn verdict_step(ctx: &StepContext) -> Html {
    let r = &ctx.case.report;
    let edit = &ctx.actions.edit;
    let options: Vec<(AttrValue, AttrValue)> = Verdict::VARIANTS
        .iter()
        .map(|v| {
            (
                wire_name(v).into(),
                format!("{}: {}", v.label(), v.meaning()).into(),
            )
        })
        .collect();
    let body = html! {
        <>
            <RadioGroup field={Field::Verdict} {options} error={ctx.error(Field::Verdict)}
                value={r.verdict.map(|v| wire_name(&v)).unwrap_or_default()}
                onchange={edit.reform(|v: String| Edit::Verdict(from_wire_name(&v)))} />
            <TextField field={Field::VerdictJustification} multiline=true
                value={r.verdict_justification.clone()} error={ctx.error(Field::VerdictJustification)}
                onchange={edit.reform(Edit::VerdictJustification)} />
        </>
    };
    let false_positive = r.verdict == Some(Verdict::FalsePositive);
    let footer = if ctx.changing {
        html! {
            <>
                { ctx.done_changing() }
                // A report under way that turns out benign goes back to triage to be closed.
                if false_positive && ctx.case.stage == Stage::Reporting {
                    { secondary("Go back to triage to close it as a false positive", ctx.take(Command::ReviseVerdict)) }
                }
            </>
        }
    } else if false_positive {
        primary(
            "Close as false positive",
            ctx.take(Command::CloseAsFalsePositive),
        )
    } else {
        primary("Continue to the report", ctx.take(Command::BeginReport))
    };
    ctx.frame(FlowStep::Verdict, None, body, footer)
}
