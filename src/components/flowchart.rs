//! The guide's workflow drawn as inline SVG, with the current stage and the path taken so far
//! highlighted. Drawn by the app itself: no chart library.

use std::collections::HashSet;
use std::rc::Rc;

use handoff_core::{Case, Stage};
use handoff_core::{ClosureReason, EscalationTier};
use yew::prelude::*;

pub struct Props {
    pub case: Rc<Case>,
}

const W: i32 = 112;
const H: i32 = 32;

/// (stage, centre x, top y, label)
const NODES: [(Stage, i32, i32, &str); 14] = [
    (Stage::AlertTriggered, 180, 8, "Alert triggered"),
    (Stage::L1Review, 180, 58, "L1 review"),
    (
        Stage::Closed(ClosureReason::FalsePositive),
        60,
        108,
        "Closed: FP",
    ),
    (Stage::Reporting, 180, 108, "Report (5 Ws)"),
    (
        Stage::Closed(ClosureReason::NoEscalationNeeded),
        300,
        158,
        "Closed at L1",
    ),
    (Stage::InProgress, 180, 158, "In progress"),
    (Stage::AssignedToL2, 180, 208, "Assigned to L2"),
    (Stage::L2Notified, 180, 258, "L2 notified"),
    (Stage::L2Review, 180, 308, "L2 review"),
    (Stage::ClarificationRequested, 300, 308, "Ask L1"),
    (Stage::Resolved, 60, 368, "Resolved"),
    (Stage::IncidentResponse, 180, 368, "Incident resp."),
    (
        Stage::EscalatedFurther(EscalationTier::L3),
        300,
        368,
        "To L3",
    ),
    (
        Stage::EscalatedFurther(EscalationTier::IncidentResponseTeam),
        300,
        418,
        "To IR team",
    ),
];

const EDGES: [(usize, usize); 15] = [
    (0, 1),
    (1, 2),
    (1, 3),
    (3, 4),
    (3, 5),
    (5, 6),
    (6, 7),
    (7, 8),
    (8, 9),
    (9, 8),
    (8, 10),
    (8, 11),
    (8, 12),
    (8, 13),
    (3, 1),
];

/// Rendered as part of its parent: it holds no state of its own.
pub fn flowchart(p: &Props) -> Html {
    let visited: HashSet<Stage> = p.case.audit.iter().map(|e| e.to).collect();
    let taken: HashSet<(Stage, Stage)> = p
        .case
        .audit
        .iter()
        .filter(|e| e.from != e.to)
        .map(|e| (e.from, e.to))
        .collect();
    let current = p.case.stage;
    let path: Vec<&str> = {
        let mut v: Vec<&str> = vec![Stage::AlertTriggered.label()];
        v.extend(
            p.case
                .audit
                .iter()
                .filter(|e| e.from != e.to)
                .map(|e| e.to.label()),
        );
        v
    };
    let desc = format!(
        "Current stage: {}. Path so far: {}.",
        current.label(),
        path.join(" → ")
    );
    html! {
        <figure class="flowchart card">
            <svg viewBox="0 0 360 456" role="img" aria-labelledby="flow-title flow-desc" focusable="false">
                <title id="flow-title">{ "Escalation workflow" }</title>
                <desc id="flow-desc">{ desc.clone() }</desc>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                { for EDGES.iter().map(|(a, b)| {
                    let (sa, xa, ya, _) = NODES[*a];
                    let (sb, xb, yb, _) = NODES[*b];
                    let (x1, y1, x2, y2) = if ya == yb {
                        // side by side: from the edge of one box to the edge of the other
                        let dir = if xb > xa { 1 } else { -1 };
                        let off = if (a, b) == (&9, &8) { 6 } else { -6 };
                        (xa + dir * W / 2, ya + H / 2 + off, xb - dir * W / 2, yb + H / 2 + off)
                    } else if yb < ya {
                        (xa - W / 2 + 6, ya, xb - W / 2 + 6, yb + H)
                    } else {
                        (xa, ya + H, xb, yb)
                    };
                    let class = if taken.contains(&(sa, sb)) { "edge taken" } else { "edge" };
                    html! { <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} class={class} marker-end="url(#arrow)" /> }
                }) }
                { for NODES.iter().map(|(stage, x, y, label)| {
                    let class = classes!(
                        "node",
                        visited.contains(stage).then_some("visited"),
                        (*stage == current).then_some("current"),
                    );
                    html! {
                        <g class={class}>
                            <rect x={(x - W / 2).to_string()} y={y.to_string()} width={W.to_string()} height={H.to_string()} rx="6" />
                            <text x={x.to_string()} y={(y + H / 2 + 4).to_string()} text-anchor="middle">{ *label }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ desc }</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_exactly_one_box() {
        for stage in Stage::all() {
            assert_eq!(
                NODES.iter().filter(|n| n.0 == stage).count(),
                1,
                "{stage:?}"
            );
        }
    }
}
