//! Step 2: the report around the Five Ws, each with a prompt and an example.

use std::rc::Rc;

use handoff_core::{Case, Field, Finding, FiveWs};
use yew::prelude::*;

use super::fields::TextField;
use crate::state::{report_input, Dispatch};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub dispatch: Dispatch,
    pub findings: Rc<Vec<Finding>>,
}

/// What belongs in each W, in Handoff's words, with an example.
pub const PROMPTS: [(Field, &str, &str); 5] = [
    (
        Field::Who,
        "The people and identities involved: the user, the account used, the sender of a mail.",
        "jdoe (CORP\\jdoe), finance; mail sent by billing@evil-invoices.example",
    ),
    (
        Field::What,
        "Exactly what happened, event by event: what ran, what was sent, what changed.",
        "Invoice_2291.docm opened in Word, which started PowerShell with an encoded command that downloaded stage2.ps1",
    ),
    (
        Field::When,
        "When the activity started and ended, in UTC.",
        "2026-03-14 09:12 UTC to 2026-03-14 09:19 UTC",
    ),
    (
        Field::Where,
        "Where it happened: hosts, IP addresses, mailboxes, URLs, cloud tenants.",
        "WS-FIN-042 (10.20.30.40), jdoe's mailbox, hxxps://cdn-update[.]example[.]com",
    ),
    (
        Field::Why,
        "Why you reached your verdict, from the evidence: which logs, indicators and checks support it.",
        "The hash is known malware on VirusTotal, the domain was registered two days ago, and the EDR shows the PowerShell child of Word",
    ),
];

fn get(w: &FiveWs, f: Field) -> &str {
    match f {
        Field::Who => &w.who,
        Field::What => &w.what,
        Field::When => &w.when,
        Field::Where => &w.where_,
        _ => &w.why,
    }
}

fn set(w: &mut FiveWs, f: Field, v: String) {
    match f {
        Field::Who => w.who = v,
        Field::What => w.what = v,
        Field::When => w.when = v,
        Field::Where => w.where_ = v,
        _ => w.why = v,
    }
}

#[function_component(FiveWsForm)]
pub fn five_ws_form(p: &Props) -> Html {
    let ro = !p.case.stage.report_editable();
    html! {
        <section class="card" aria-labelledby="five-ws-heading" id="step-report">
            <h2 id="five-ws-heading">{ "2. The report: the Five Ws" }</h2>
            <p class="lead">{ "Write it so L2 never has to rebuild the story from scratch." }</p>
            { for PROMPTS.iter().map(|(field, hint, example)| {
                let field = *field;
                let invalid = p.findings.iter().any(|f| f.field == field && f.severity == handoff_core::FindingSeverity::Blocking);
                html! {
                    <TextField {field} multiline=true rows={3} readonly={ro} {invalid}
                        value={get(&p.case.report.five_ws, field).to_owned()}
                        hint={*hint} example={*example}
                        onchange={report_input(&p.dispatch, move |r, v| set(&mut r.five_ws, field, v))} />
                }
            }) }
        </section>
    }
}
