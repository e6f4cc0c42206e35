//! The worker that reads alerts, kept in step with the open case: started as soon as a case
//! is open (so a paste is read at once), and asked to read the case's stored alert again when
//! its alert step is on screen (for the panel beside the paste box; a reload keeps the text,
//! not its reading). A case opened further on is not read until that step is opened again:
//! for an imported case with a megabyte of alert, the request alone (the text escaped as JSON)
//! took 18 to 31 ms of the import's last task, for a panel nobody saw.

use yew::prelude::*;

use super::Actions;
use crate::state::AppState;

#[hook]
pub fn use_alert_reading(state: &AppState, actions: &Actions) {
    let key = state.case.as_ref().map(|c| {
        let stored_alert = !c.report.raw_alert.trim().is_empty();
        (
            c.id.clone(),
            stored_alert && state.intake.is_none() && state.shows_alert_step(),
        )
    });
    let (case, a) = (state.case.clone(), actions.clone());
    use_effect_with(key, move |key| {
        if let (Some((id, unread)), Some(case)) = (key, case) {
            a.offload.warm();
            if *unread {
                a.reread_alert(id.clone(), case.report.raw_alert.clone());
            }
        }
    });
}
