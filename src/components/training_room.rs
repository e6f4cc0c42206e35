//! The analyst's way to training. Scenarios, checks and scoring are built into a page of their
//! own (`training/`, the `training` feature), so the page analysts open on shift loads none of
//! them; this card only links there.

use yew::prelude::*;

/// The relative address keeps working when Handoff is served under a sub-path.
pub const TRAINING_ROOM: &str = "training/";

pub fn training_room_link() -> Html {
    html! {
        <section class="card" aria-labelledby="training-heading">
            <h2 id="training-heading">{ "Training" }</h2>
            <p class="hint">{ "Practise on realistic alerts and handoffs, scored, in the training room. It keeps its cases apart from yours and works offline once opened." }</p>
            <p><a class="button-link" href={TRAINING_ROOM}>{ "Open the training room" }</a></p>
        </section>
    }
}
