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

/// What the first screen says Handoff does. `index.html`'s app shell says the same, painted
/// before the wasm arrives (a test below keeps the two alike).
pub const WHAT_HANDOFF_DOES: &str = "Handoff takes you through the escalation guide one step at a time: the alert, the verdict, the report around the Five Ws, the escalation decision, and the handoff to L2, which L2 opens here to review, classify and close. Everything stays in this browser until you export it.";

/// Rendered as part of its parent: it holds no state of its own.
pub fn welcome(p: &Props) -> Html {
    let new_case = p.on_new_case.reform(|_| ());
    html! {
        <section class="card welcome" aria-labelledby="welcome-heading">
            <h2 id="welcome-heading">{ "From a fresh alert to a clean escalation" }</h2>
            <p>{ WHAT_HANDOFF_DOES }</p>
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

#[cfg(test)]
mod tests {
    /// The app shell in `index.html` (the analyst's page) draws the first screen as the app
    /// does, so the swap from one to the other changes nothing the analyst can see.
    #[cfg(not(feature = "training"))]
    #[test]
    fn the_app_shell_says_what_the_first_screen_says() {
        let html = include_str!("../../index.html");
        for text in [
            super::WHAT_HANDOFF_DOES,
            "From a fresh alert to a clean escalation",
            "Working as L2? Choose L2 under “Working as” at the top: you will open the handoffs L1 sends you.",
            crate::components::top_bar::TAGLINE,
        ] {
            assert!(html.contains(text), "index.html's shell lacks: {text}");
        }
    }
}
