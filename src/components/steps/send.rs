//! Sending: what to paste where, with the copy and download actions beside the words. Used
//! when L1 notifies L2, when L2 asks L1, when L1 answers, and again from the outcome.

use std::rc::Rc;

use handoff_core::package::{file_name, to_json, Audience, Destination, ExportSettings};
use handoff_core::Case;
use yew::prelude::*;

use crate::adapters::perf::measure;
use crate::components::export::CopyButton;
use crate::hooks::{use_written, Actions, Written};
use crate::state::flow::ticket_shown;
use crate::worker::Writing;

#[derive(Clone, Copy, PartialEq)]
pub enum SendKind {
    /// L1's handoff to L2.
    Handoff,
    /// A question or an answer between L2 and L1.
    Clarification,
    /// The closed case, for the ticket's record.
    Record,
}

#[derive(Properties, PartialEq)]
pub struct SendProps {
    pub case: Rc<Case>,
    pub kind: SendKind,
    pub actions: Actions,
    pub settings: ExportSettings,
    /// Shows the chat message itself above the list, as it will be sent.
    #[prop_or_default]
    pub show_message: bool,
}

/// What to send where, with the copy and download actions beside the words. The worker writes
/// the message and the report (`use_written`); the buttons wait until they are written.
#[function_component(SendActions)]
pub fn send_actions(p: &SendProps) -> Html {
    let (case, kind, actions) = (p.case.clone(), p.kind, &p.actions);
    let settings = p.settings.clone();
    let ticket = ticket_shown(&case);
    let ticket = if ticket.is_empty() {
        "the ticket".to_owned()
    } else {
        format!("ticket {ticket}")
    };
    let message = use_written(
        case.clone(),
        match kind {
            SendKind::Clarification => Writing::Clarification,
            _ => Writing::Export {
                destination: Destination::Chat,
                audience: Audience::FullRecord,
            },
        },
        settings.clone(),
        kind != SendKind::Record,
        false,
        actions.clone(),
    );
    let report = use_written(
        case.clone(),
        Writing::Export {
            destination: Destination::Markdown,
            // L1's handoff leaves out what L2 has not written yet; the closed case's record
            // has everything.
            audience: match kind {
                SendKind::Record => Audience::FullRecord,
                _ => Audience::L1Handoff,
            },
        },
        settings,
        kind != SendKind::Clarification,
        false,
        actions.clone(),
    );
    let copy = |w: &Written| {
        let text = w.text().map(str::to_owned);
        Callback::from(move |()| text.clone().unwrap_or_default())
    };
    let download_package = {
        let (case, a) = (case.clone(), actions.clone());
        Callback::from(move |_| {
            let json = measure("handoff:export-json", || to_json(&case));
            a.download(&file_name(&case, "json"), "application/json", &json);
        })
    };
    let (to_whom, chat_what) = match kind {
        SendKind::Handoff => {
            let who = case.notification.l2_assignee.trim();
            (
                if who.is_empty() {
                    "the L2 analyst on shift".to_owned()
                } else {
                    who.to_owned()
                },
                "the chat message",
            )
        }
        SendKind::Record => (String::new(), ""),
        SendKind::Clarification => match case.clarifications.last() {
            Some(q) if q.answer.is_some() => (q.asked_by.display(), "the answer"),
            Some(_) => {
                let l1 = case.report.header.analyst.trim();
                (
                    if l1.is_empty() {
                        "the L1 analyst".to_owned()
                    } else {
                        l1.to_owned()
                    },
                    "the question",
                )
            }
            None => ("the other analyst".to_owned(), "the message"),
        },
    };
    html! {
        <div class="send">
            if p.show_message {
                <div class="field">
                    <label for="chat-message">{ "The chat message, as it will be sent" }</label>
                    <textarea id="chat-message" readonly=true rows="6" value={message.text().unwrap_or("Writing the message…").to_owned()} />
                </div>
            }
            if let Some(why) = message.problem().or(report.problem()) {
                <p class="error-message" role="alert">{ why.to_owned() }</p>
            }
            <ol class="send-list">
                if kind != SendKind::Record {
                    <li>
                        { format!("Paste {chat_what} to {to_whom} in Slack or Teams. ") }
                        <CopyButton text={copy(&message)} disabled={message.text().is_none()} what={AttrValue::from(match kind { SendKind::Clarification => "message", _ => "chat message" })} />
                    </li>
                }
                if kind != SendKind::Clarification {
                    <li>
                        { format!("Paste the report into {ticket}. ") }
                        <CopyButton text={copy(&report)} disabled={report.text().is_none()} what="report for the ticket" />
                    </li>
                }
                <li>
                    { "Attach the package to the ticket (or send it), so it opens in Handoff with everything in it. " }
                    <button type="button" class="secondary" onclick={download_package}>{ "Download the package (.json)" }</button>
                </li>
            </ol>
        </div>
    }
}
