//! The actions that need the time or a new ID, stamped here, so that components hand over
//! only what the analyst did and the reducer stays pure.

use std::rc::Rc;

use handoff_core::training::Scenario;
use handoff_core::{Case, Command, Edit};
use yew::prelude::*;

use crate::adapters::clock::{new_case_id, now};
use crate::state::{Action, Dispatch, ImportChoice, NoticeKind};

/// The app's actions as narrow callbacks and methods, for components to take only what they
/// use.
#[derive(Clone, PartialEq)]
pub struct Actions {
    pub dispatch: Dispatch,
    /// One edit of the open case.
    pub edit: Callback<Edit>,
    /// One workflow step.
    pub step: Callback<Command>,
}

impl Actions {
    pub fn send(&self, action: Action) {
        self.dispatch.dispatch(action);
    }

    pub fn error(&self, text: impl Into<String>) {
        self.send(Action::Notify(NoticeKind::Error, text.into()));
    }

    pub fn info(&self, text: impl Into<String>) {
        self.send(Action::Notify(NoticeKind::Info, text.into()));
    }

    pub fn new_case(&self, analyst: String) {
        self.send(Action::NewCase {
            id: new_case_id(),
            analyst,
            at: now(),
        });
    }

    pub fn paste_alert(&self, text: String) {
        self.send(Action::PasteAlert { text, at: now() });
    }

    pub fn duplicate(&self, case: Case) {
        self.send(Action::Duplicate {
            case,
            id: new_case_id(),
            at: now(),
        });
    }

    /// A package was read: the stored case of the same ID comes with it, so the reducer can
    /// tell an update of a local case from a stranger.
    pub fn imported(&self, case: Case) {
        let stored = crate::adapters::storage::load_case(&case.id)
            .ok()
            .map(Box::new);
        self.send(Action::Imported {
            case: Box::new(case),
            stored,
        });
    }

    pub fn keep_both(&self) {
        self.send(Action::SettleImport(ImportChoice::KeepBoth {
            id: new_case_id(),
        }));
    }

    pub fn start_training(&self, scenario: Rc<Scenario>) {
        self.send(Action::StartTraining {
            scenario,
            id: new_case_id(),
            at: now(),
        });
    }

    pub fn submit_training(&self) {
        self.send(Action::SubmitTraining { at: now() });
    }
}

#[hook]
pub fn use_actions(dispatch: Dispatch) -> Actions {
    let edit = {
        let d = dispatch.clone();
        use_callback((), move |edit: Edit, _| {
            d.dispatch(Action::Edit { edit, at: now() })
        })
    };
    let step = {
        let d = dispatch.clone();
        use_callback((), move |command: Command, _| {
            d.dispatch(Action::Step { command, at: now() })
        })
    };
    Actions {
        dispatch,
        edit,
        step,
    }
}
