//! The live report check: what is missing or weak, each linked to its field.

use std::rc::Rc;

use handoff_core::{Field, Finding, FindingSeverity};
use yew::prelude::*;

pub struct Props {
    pub findings: Rc<Vec<Finding>>,
    /// Takes the analyst to a finding's field (opening its step if it is folded).
    pub on_go: Callback<Field>,
}

/// Rendered as part of its parent: it holds no state of its own.
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
                        let (go, field) = (p.on_go.clone(), f.field);
                        let class = match f.severity {
                            FindingSeverity::Blocking => "finding blocking",
                            FindingSeverity::Warning => "finding warning",
                            FindingSeverity::Advice => "finding advice",
                        };
                        html! {
                            <li class={class}>
                                <span class="badge">{ f.severity.label() }</span>
                                <button type="button" class="link" onclick={Callback::from(move |_| go.emit(field))}>
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
