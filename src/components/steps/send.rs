//! Sending: what to paste where, with the copy and download actions beside the words. Used
//! when L1 notifies L2, when L2 asks L1, when L1 answers, and again from the outcome.

use std::rc::Rc;

use handoff_core::package::{
    chat_message, clarification_message, file_name, to_json, to_markdown, ExportOptions,
};
use handoff_core::Case;
use yew::prelude::*;

use crate::adapters::download::download;
use crate::adapters::perf::measure;
use crate::components::export::CopyButton;
use crate::hooks::Actions;
use crate::state::flow::ticket_shown;

#[derive(Clone, Copy, PartialEq)]
pub enum SendKind {
    /// L1's handoff to L2.
    Handoff,
    /// A question or an answer between L2 and L1.
    Clarification,
    /// The closed case, for the ticket's record.
    Record,
}

/// What to send where, with the copy and download actions beside the words.
pub fn send_actions(case: &Rc<Case>, kind: SendKind, actions: &Actions) -> Html {
    let case = case.clone();
    let ticket = ticket_shown(&case);
    let ticket = if ticket.is_empty() {
        "the ticket".to_owned()
    } else {
        format!("ticket {ticket}")
    };
    let message = {
        let case = case.clone();
        Callback::from(move |()| match kind {
            SendKind::Handoff | SendKind::Record => chat_message(&case, &ExportOptions::default()),
            SendKind::Clarification => clarification_message(&case, &ExportOptions::default()),
        })
    };
    let markdown = {
        let case = case.clone();
        Callback::from(move |()| {
            measure("handoff:export-markdown", || {
                to_markdown(&case, &ExportOptions::default())
            })
        })
    };
    let download_package = {
        let (case, a) = (case.clone(), actions.clone());
        Callback::from(move |_| {
            let json = measure("handoff:export-json", || to_json(&case));
            if let Err(e) = download(&file_name(&case, "json"), "application/json", &json) {
                a.error(e);
            }
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
            <ol class="send-list">
                if kind != SendKind::Record {
                    <li>
                        { format!("Paste {chat_what} to {to_whom} in Slack or Teams. ") }
                        <CopyButton text={message} what={AttrValue::from(match kind { SendKind::Clarification => "message", _ => "chat message" })} />
                    </li>
                }
                if kind != SendKind::Clarification {
                    <li>
                        { format!("Paste the report into {ticket}. ") }
                        <CopyButton text={markdown} what="report for the ticket" />
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
