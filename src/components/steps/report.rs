//! Step 3: the report around the Five Ws, each with what belongs there, and the evidence.

use handoff_core::{Edit, FiveW};
use strum::VariantArray;
use yew::prelude::*;

use super::{primary, StepContext};
use crate::components::evidence::EvidenceForm;
use crate::components::fields::TextField;
use crate::state::{Action, FlowStep};

pub fn report_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let edit = &ctx.actions.edit;
    let body = html! {
        <>
            { for FiveW::VARIANTS.iter().map(|w| {
                let (w, field) = (*w, w.field());
                html! {
                    <TextField {field} multiline=true rows={2} error={ctx.error(field)}
                        offer={ctx.offer(field)}
                        value={case.report.five_ws.get(w).to_owned()}
                        onchange={edit.reform(move |v| Edit::FiveW(w, v))} />
                }
            }) }
            <EvidenceForm case={case.clone()} edit={edit.clone()} />
        </>
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else {
        let a = ctx.actions.clone();
        primary(
            "Continue to the escalation decision",
            Callback::from(move |_| a.send(Action::Continue(FlowStep::Report))),
        )
    };
    ctx.frame(
        FlowStep::Report,
        Some("Write it so L2 never has to rebuild the story from scratch."),
        body,
        footer,
    )
}
