//! Scoring, below the guided flow: submission (the primary action only once the case has gone
//! as far as the trainee's part of it goes), the whole score with the guide's reasons, the
//! trainer's note, and the session files to hand in.

use handoff_core::training::TrainingResult;
use handoff_core::Stage;
use yew::prelude::*;

use super::table::table;
use crate::hooks::Actions;
use crate::state::TrainingRun;

pub struct DebriefProps {
    pub run: TrainingRun,
    /// The case being worked, handed to the worker to be scored.
    pub case: std::rc::Rc<handoff_core::Case>,
    pub stage: Stage,
    /// The analyst's name, written into the session file for the trainer.
    pub trainee: String,
    pub results: Vec<TrainingResult>,
    pub actions: Actions,
}

/// Rendered as part of its parent: it holds no state of its own.
pub fn debrief_panel(p: &DebriefProps) -> Html {
    let s = &p.run.scenario;
    let a = &p.actions;
    let finished = s.finished_at(p.stage);
    let submit = {
        let (a, run, case) = (a.clone(), p.run.clone(), p.case.clone());
        Callback::from(move |_| {
            let shown = a.clone();
            a.score_training(&run, &case, move |result| match result {
                // Once the debrief is on screen, it takes focus.
                Ok(()) => {
                    gloo_timers::callback::Timeout::new(0, || {
                        crate::adapters::dom::focus_element("debrief-heading")
                    })
                    .forget();
                }
                Err(why) => {
                    shown.error(format!("The case could not be scored: {why}"));
                }
            });
        })
    };
    // The worker writes the session file when a button asks for it.
    let session = |json: bool| {
        let (a, trainee, results) = (a.clone(), p.trainee.clone(), p.results.clone());
        Callback::from(move |_| a.download_session(trainee.clone(), results.clone(), !json))
    };
    html! {
        <section class="card training" aria-labelledby="score-heading">
            <h2 id="score-heading">{ "Scoring" }</h2>
            if p.run.score.is_none() {
                <p>{ if finished {
                    "The case has gone as far as your part of it goes: submit it to be scored on the whole handoff."
                } else {
                    "Take the case through its last step first: the guided flow's buttons move it on. You can also submit it as it is."
                } }</p>
                <button type="button" class={if finished { "primary" } else { "secondary" }} onclick={submit}>{ "Submit for scoring" }</button>
            }
            if let Some(score) = &p.run.score {
                <section aria-labelledby="debrief-heading" class="debrief">
                    <h3 id="debrief-heading" tabindex="-1">{ format!("Debrief: {} of {} points", score.total, score.max) }</h3>
                    { table(
                        "Score by item".into(),
                        true,
                        &["Item", "Points", "Why"],
                        score.items.iter().map(|i| (
                            vec![i.what.clone(), format!("{} / {}", i.points, i.max), i.explanation.clone()],
                            i.points < i.max,
                        )).collect(),
                    ) }
                    <p><strong>{ "Trainer's note: " }</strong>{ score.debrief.clone() }</p>
                </section>
            }
            if !p.results.is_empty() {
                <h3>{ match p.results.len() {
                    1 => "This session: 1 scenario".to_owned(),
                    n => format!("This session: {n} scenarios"),
                } }</h3>
                <p class="hint">{ if p.trainee.trim().is_empty() {
                    "Hand the session file to your trainer. Enter your name as the analyst first, so the file carries it."
                } else {
                    "Hand the session file to your trainer; it carries your name."
                } }</p>
                <div class="export-row">
                    <button type="button" onclick={session(false)}>{ "Download session summary (Markdown)" }</button>
                    <button type="button" onclick={session(true)}>{ "Download session summary (JSON)" }</button>
                </div>
            }
        </section>
    }
}
