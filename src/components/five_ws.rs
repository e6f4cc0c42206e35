//! Step 2: the report around the Five Ws, each with a prompt and an example.

use std::rc::Rc;

use handoff_core::{Case, Edit, Finding, FiveW, Part};
use yew::prelude::*;

use super::fields::TextField;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub edit: Callback<Edit>,
    pub findings: Rc<Vec<Finding>>,
}

/// What belongs in each W, in Handoff's words, with an example.
pub const PROMPTS: [(FiveW, &str, &str); 5] = [
    (
        FiveW::Who,
        "The people and identities involved: the user, the account used, the sender of a mail.",
        "jdoe (CORP\\jdoe), finance; mail sent by billing@evil-invoices.example",
    ),
    (
        FiveW::What,
        "Exactly what happened, event by event: what ran, what was sent, what changed.",
        "Invoice_2291.docm opened in Word, which started PowerShell with an encoded command that downloaded stage2.ps1",
    ),
    (
        FiveW::When,
        "When the activity started and ended, in UTC.",
        "2026-03-14 09:12 UTC to 2026-03-14 09:19 UTC",
    ),
    (
        FiveW::Where,
        "Where it happened: hosts, IP addresses, mailboxes, URLs, cloud tenants.",
        "WS-FIN-042 (10.20.30.40), jdoe's mailbox, hxxps://cdn-update[.]example[.]com",
    ),
    (
        FiveW::Why,
        "Why you reached your verdict, from the evidence: which logs, indicators and checks support it.",
        "The hash is known malware on VirusTotal, the domain was registered two days ago, and the EDR shows the PowerShell child of Word",
    ),
];

#[function_component(FiveWsForm)]
pub fn five_ws_form(p: &Props) -> Html {
    let ro = !p.case.can_edit(Part::Report);
    html! {
        <section class="card" aria-labelledby="five-ws-heading" id="step-report">
            <h2 id="five-ws-heading">{ "2. The report: the Five Ws" }</h2>
            <p class="lead">{ "Write it so L2 never has to rebuild the story from scratch." }</p>
            { for PROMPTS.iter().map(|(w, hint, example)| {
                let (w, field) = (*w, w.field());
                let invalid = p.findings.iter().any(|f| f.field == field && f.severity == handoff_core::FindingSeverity::Blocking);
                html! {
                    <TextField {field} multiline=true rows={3} readonly={ro} {invalid}
                        value={p.case.report.five_ws.get(w).to_owned()}
                        hint={*hint} example={*example}
                        onchange={p.edit.reform(move |v| Edit::FiveW(w, v))} />
                }
            }) }
        </section>
    }
}
