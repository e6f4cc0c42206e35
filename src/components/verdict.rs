//! Step 3: the verdict and its justification.

use std::rc::Rc;

use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Case, Edit, Field, Part, Verdict};
use strum::VariantArray;
use yew::prelude::*;

use super::fields::{RadioGroup, TextField};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub edit: Callback<Edit>,
}

#[function_component(VerdictForm)]
pub fn verdict_form(p: &Props) -> Html {
    let r = &p.case.report;
    let ro = !p.case.can_edit(Part::Report);
    let options: Vec<(AttrValue, AttrValue)> = Verdict::VARIANTS
        .iter()
        .map(|v| (wire_name(v).into(), v.label().into()))
        .collect();
    html! {
        <section class="card" aria-labelledby="verdict-heading" id="step-verdict">
            <h2 id="verdict-heading">{ "3. Verdict" }</h2>
            <RadioGroup field={Field::Verdict} {options} disabled={ro}
                value={r.verdict.map(|v| wire_name(&v)).unwrap_or_default()}
                hint="True Positive: real malicious activity. False Positive: benign, and you can say why. Needs Review: you cannot tell yet, which means it goes to L2."
                onchange={p.edit.reform(|v: String| Edit::Verdict(from_wire_name(&v)))} />
            <TextField field={Field::VerdictJustification} multiline=true readonly={ro}
                value={r.verdict_justification.clone()}
                hint="The facts that settle the verdict."
                example="Parent process WINWORD.EXE, encoded command, payload hash flagged by 58 engines"
                onchange={p.edit.reform(Edit::VerdictJustification)} />
        </section>
    }
}
