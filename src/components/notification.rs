//! Step 6: the notification to the L2 analyst on shift, with the ready-to-paste chat message.

use std::rc::Rc;

use handoff_core::package::chat_message;
use handoff_core::{Case, Edit, Field, Part};
use yew::prelude::*;

use super::export::CopyButton;
use super::fields::TextField;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub edit: Callback<Edit>,
}

#[function_component(NotificationForm)]
pub fn notification_form(p: &Props) -> Html {
    let n = &p.case.notification;
    let edit = &p.edit;
    let ro = !p.case.can_edit(Part::Notification);
    let message = chat_message(&p.case);
    html! {
        <section class="card" aria-labelledby="notify-heading" id="step-notify">
            <h2 id="notify-heading">{ "6. Hand off to L2" }</h2>
            <div class="grid">
                <TextField field={Field::TicketId} value={n.ticket_id.clone()} readonly={ro}
                    hint="The ticket L2 should open; usually the alert ID."
                    onchange={edit.reform(Edit::TicketId)} />
                <TextField field={Field::L2Assignee} value={n.l2_assignee.clone()} readonly={ro}
                    hint="Assigning usually notifies them in the SOC tool."
                    onchange={edit.reform(Edit::L2Assignee)} />
            </div>
            <TextField field={Field::Summary} multiline=true value={n.summary.clone()} readonly={ro}
                hint="Two or three sentences: what you found and what you concluded."
                example="Phishing mail with a macro document opened by jdoe; PowerShell fetched a second stage from a two-day-old domain."
                onchange={edit.reform(Edit::Summary)} />
            <TextField field={Field::ImmediateConcerns} multiline=true value={n.immediate_concerns.clone()} readonly={ro}
                hint="What cannot wait, such as lateral movement in progress; or say that nothing is urgent."
                example="Host still online; the same sender mailed 14 other users"
                onchange={edit.reform(Edit::ImmediateConcerns)} />
            <div class="field">
                <label for="chat-message">{ "Chat message for Slack or Teams" }</label>
                <textarea id="chat-message" readonly=true rows="6" value={message.clone()} />
                <CopyButton text={{ let m = message.clone(); Callback::from(move |()| m.clone()) }} what="chat message" />
            </div>
        </section>
    }
}
