//! Step 3: the report around the Five Ws, each with what belongs there, and the evidence.

use handoff_core::{Edit, FiveW};
use yew::prelude::*;

use super::{primary, StepContext};
use crate::components::evidence::EvidenceForm;
use crate::components::fields::TextField;
use crate::state::{Action, FlowStep};

/// What belongs in each W, in Handoff's words, with an example that belongs to no scenario.
pub const PROMPTS: [(FiveW, &str, &str); 5] = [
    (
        FiveW::Who,
        "The people and identities involved: the user, the account used, the sender of a mail.",
        "svc-backup02, a service account of the storage team",
    ),
    (
        FiveW::What,
        "Exactly what happened, event by event: what ran, what was sent, what changed.",
        "rclone.exe started from a scheduled task and uploaded 40 GB over HTTPS",
    ),
    (
        FiveW::When,
        "When the activity started and ended, in UTC.",
        "2026-05-02 01:10 UTC to 2026-05-02 03:55 UTC",
    ),
    (
        FiveW::Where,
        "Where it happened: hosts, IP addresses, mailboxes, URLs, cloud tenants.",
        "FS-STORAGE-07 (172.16.8.21) to a cloud storage bucket",
    ),
    (
        FiveW::Why,
        "Why you reached your verdict, from the evidence: which logs, indicators and checks support it.",
        "The task was created by a session from an unknown IP, and the upload volume is forty times the account's norm in the proxy logs",
    ),
];

pub fn report_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let edit = &ctx.actions.edit;
    let body = html! {
        <>
            { for PROMPTS.iter().map(|(w, hint, example)| {
                let (w, field) = (*w, w.field());
                html! {
                    <TextField {field} multiline=true rows={2} error={ctx.error(field)}
                        value={case.report.five_ws.get(w).to_owned()}
                        hint={*hint} example={*example}
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
