//! Steps 5 and 6: assign the case to the L2 analyst on shift, then notify them: the ticket,
//! the summary and the immediate concerns, and the handoff sent from right here.

use handoff_core::{Command, Edit, Field};
use yew::prelude::*;

use super::{primary, SendActions, SendKind, StepContext};
use crate::components::fields::TextField;
use crate::state::flow::ticket_shown;
use crate::state::FlowStep;

pub fn assign_step(ctx: &StepContext) -> Html {
    let n = &ctx.case.notification;
    let body = html! {
        <TextField field={Field::L2Assignee} value={n.l2_assignee.clone()} error={ctx.error(Field::L2Assignee)}
            autocomplete="off" onchange={ctx.actions.edit.reform(Edit::L2Assignee)} />
    };
    let who = n.l2_assignee.trim();
    let label = if who.is_empty() {
        "Assign to L2".to_owned()
    } else {
        format!("Assign to {who}")
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else {
        primary(label, ctx.take(Command::AssignToL2))
    };
    ctx.frame(FlowStep::Assign, None, body, footer)
}

pub fn notify_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let n = &case.notification;
    let edit = &ctx.actions.edit;
    let body = html! {
        <>
            <TextField field={Field::TicketId} value={ticket_shown(case)} error={ctx.error(Field::TicketId)}
                onchange={edit.reform(Edit::TicketId)} />
            <TextField field={Field::Summary} multiline=true value={n.summary.clone()} error={ctx.error(Field::Summary)}
                onchange={edit.reform(Edit::Summary)} />
            <TextField field={Field::ImmediateConcerns} multiline=true value={n.immediate_concerns.clone()} error={ctx.error(Field::ImmediateConcerns)}
                onchange={edit.reform(Edit::ImmediateConcerns)} />
            <SendActions settings={ctx.export_settings.clone()} case={case.clone()} kind={SendKind::Handoff} actions={ctx.actions.clone()} show_message=true />
        </>
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else {
        primary(
            "I have sent it: mark L2 as notified",
            ctx.take(Command::NotifyL2),
        )
    };
    ctx.frame(
        FlowStep::Notify,
        Some("Write what L2 needs to know first, send it from here, then mark L2 as notified."),
        body,
        footer,
    )
}
