//! The profile (L1 or L2, and the analyst's name) is read from this browser once and written
//! back whenever it changes; the export settings are read with it (the export panel saves them).

use yew::prelude::*;

use crate::adapters::storage;
use crate::state::{Action, Dispatch, Profile};

#[hook]
pub fn use_profile(profile: &Profile, dispatch: Dispatch) {
    use_effect_with((), move |_| {
        dispatch.dispatch(Action::ProfileLoaded(storage::load_profile()));
        dispatch.dispatch(Action::ExportSettings(storage::load_export_settings()));
    });
    // The first run sees the default profile, before the stored one is read: not saved.
    let first = use_mut_ref(|| true);
    use_effect_with(profile.clone(), move |p| {
        if !std::mem::take(&mut *first.borrow_mut()) {
            storage::save_profile(p);
        }
    });
}
