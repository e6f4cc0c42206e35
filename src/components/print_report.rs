//! The case report the browser prints ("Print / Save as PDF"): the full case record rendered
//! from its Markdown export, alone on the page (the print stylesheet hides everything else),
//! a page for each section, and the case's TLP label at the top of every page (a named page
//! per TLP level in the stylesheet).

use std::rc::Rc;

use handoff_core::vocabulary::names::wire_name;
use handoff_core::Case;
use yew::prelude::*;

use super::rendered::rendered;
use crate::worker::preview::Node;

/// A report prepared for printing, and the case as it was when prepared.
#[derive(Debug, PartialEq)]
pub struct PreparedReport {
    pub case: Rc<Case>,
    pub nodes: Rc<Vec<Node>>,
}

/// Shown only in print. A report of the case as it was before its last change, or none,
/// prints a line saying how to print the current one instead of a stale report.
pub fn print_report(report: Option<&PreparedReport>, case: &Rc<Case>) -> Html {
    // The report holds the case it was made from, so the same pointer is the same case.
    match report.filter(|r| Rc::ptr_eq(&r.case, case)) {
        Some(r) => html! {
            <article class="print-report" data-tlp={wire_name(&r.case.report.tlp)}>
                <p class="print-tlp">{ r.case.report.tlp.label() }</p>
                { rendered(&r.nodes, 0) }
            </article>
        },
        None => html! {
            <article class="print-report">
                <p>{ "To print this case as a report, open \u{201c}Export the case\u{201d} and press \u{201c}Print the case report\u{201d}: it prepares the whole case record for paper, with its TLP label on every page." }</p>
            </article>
        },
    }
}
