//! The page with no case open: what Handoff does, and the first action for each tier.

use handoff_core::Role;
use yew::prelude::*;

/// In the training room, where the scenarios are.
#[cfg(feature = "training")]
const ROOM_HINT: Option<&str> = Some(
    "This is the training room: start a scenario from the library under “Training”. Cases worked here stay here.",
);
#[cfg(not(feature = "training"))]
const ROOM_HINT: Option<&str> = None;

pub struct Props {
    pub role: Role,
    pub on_new_case: Callback<()>,
    pub on_role: Callback<Role>,
}

/// Rendered as part of its parent: it holds no state of its own.
pub fn welcome(p: &Props) -> Html {
    let new_case = p.on_new_case.reform(|_| ());
    html! {
        <section class="card welcome" aria-labelledby="welcome-heading">
            <h2 id="welcome-heading">{ "From a fresh alert to a clean escalation" }</h2>
            <p>{ "Handoff takes you through the escalation guide one step at a time: the alert, the verdict, the report around the Five Ws, the escalation decision, and the handoff to L2, which L2 opens here to review, classify and close. Everything stays in this browser until you export it." }</p>
            if let Some(hint) = ROOM_HINT {
                <p class="hint">{ hint }</p>
            }
            if p.role == Role::L1 {
                <p><button type="button" class="primary" onclick={new_case}>{ "New case" }</button></p>
                <p class="hint">{ "Working as L2? Choose L2 under “Working as” at the top: you will open the handoffs L1 sends you." }</p>
            } else {
                <p>{ "Open the handoff package L1 sent you with “Open a handoff (L2)”: it opens on L1's briefing." }</p>
                <p><a class="button-link" href="#import-file">{ "Go to “Open a handoff”" }</a></p>
            }
        </section>
    }
}
