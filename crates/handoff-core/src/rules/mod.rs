//! Layer 2, the rules: the flowchart's arrows and who owns which part of a case at each stage
//! ([`flow`]), when to escalate ([`escalation`]), what a complete report has
//! ([`report_check`]), what each step needs ([`guards`]), and what every stored case must
//! satisfy ([`invariants`]). Rules read case data; they never change it or format it.

pub mod escalation;
pub mod flow;
pub mod guards;
pub mod invariants;
pub mod report_check;
