//! The live report check: what is missing or weak, each linked to its field.

use std::rc::Rc;

use handoff_core::{Finding, FindingSeverity};
use yew::prelude::*;

use crate::adapters::dom::focus;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub findings: Rc<Vec<Finding>>,
}

#[function_component(ReportCheck)]
pub fn report_check(p: &Props) -> Html {
    let blocking = p
        .findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Blocking)
        .count();
    html! {
        <section class="card report-check" aria-labelledby="check-heading">
            <h2 id="check-heading">{ "Report check" }</h2>
            if p.findings.is_empty() {
                <p class="ok">{ "Nothing missing: the report is ready to hand off." }</p>
            } else {
                <p>{ format!("{blocking} missing before escalation, {} suggestions.", p.findings.len() - blocking) }</p>
                <ul>
                    { for p.findings.iter().map(|f| {
                        let id = f.field.id();
                        let class = match f.severity {
                            FindingSeverity::Blocking => "finding blocking",
                            FindingSeverity::Warning => "finding warning",
                            FindingSeverity::Advice => "finding advice",
                        };
                        html! {
                            <li class={class}>
                                <span class="badge">{ f.severity.label() }</span>
                                <button type="button" class="link" onclick={Callback::from(move |_| focus(id))}>
                                    { f.message.clone() }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
