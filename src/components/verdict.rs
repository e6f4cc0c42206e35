//! Step 3: the verdict and its justification.

use std::rc::Rc;

use handoff_core::{Case, Field, Verdict};
use yew::prelude::*;

use super::fields::{RadioGroup, TextField};
use crate::state::{report_input, Dispatch};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub dispatch: Dispatch,
}

pub fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::TruePositive => "true_positive",
        Verdict::FalsePositive => "false_positive",
        Verdict::NeedsReview => "needs_review",
    }
}

#[function_component(VerdictForm)]
pub fn verdict_form(p: &Props) -> Html {
    let r = &p.case.report;
    let ro = !p.case.stage.report_editable();
    let options: Vec<(AttrValue, AttrValue)> = Verdict::ALL
        .iter()
        .map(|v| (verdict_key(*v).into(), v.label().into()))
        .collect();
    html! {
        <section class="card" aria-labelledby="verdict-heading" id="step-verdict">
            <h2 id="verdict-heading">{ "3. Verdict" }</h2>
            <RadioGroup field={Field::Verdict} {options} disabled={ro}
                value={r.verdict.map(verdict_key).unwrap_or_default()}
                hint="True Positive: real malicious activity. False Positive: benign, and you can say why. Needs Review: you cannot tell yet, which means it goes to L2."
                onchange={report_input(&p.dispatch, |r, v| {
                    r.verdict = Verdict::ALL.into_iter().find(|x| verdict_key(*x) == v)
                })} />
            <TextField field={Field::VerdictJustification} multiline=true readonly={ro}
                value={r.verdict_justification.clone()}
                hint="The facts that settle the verdict."
                example="Parent process WINWORD.EXE, encoded command, payload hash flagged by 58 engines"
                onchange={report_input(&p.dispatch, |r, v| r.verdict_justification = v)} />
        </section>
    }
}
