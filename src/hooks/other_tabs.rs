//! Another tab saved or removed a stored case, or restored a backup (it says so on a
//! BroadcastChannel): the case list follows, and a change to the case open here is held as a
//! conflict until the analyst chooses a version.

use yew::prelude::*;

use crate::adapters::store;
use crate::hooks::Actions;
use crate::state::{Action, OtherTabChange};

#[hook]
pub fn use_other_tabs(actions: &Actions, open: Option<&str>) {
    // Read by the listener, which is set up once.
    let open_id = use_mut_ref(|| None::<String>);
    if open_id.borrow().as_deref() != open {
        *open_id.borrow_mut() = open.map(str::to_owned);
    }
    let a = actions.clone();
    use_effect_with((), move |_| {
        let listener = store::listen_to_other_tabs(move |message| {
            let (head, package) = message.split_once('\n').unwrap_or((message, ""));
            let (id, change) = if let Some(id) = head.strip_prefix("saved ") {
                let change = OtherTabChange::Saved {
                    case: handoff_core::package::import_located(package.as_bytes())
                        .ok()
                        .map(Box::new),
                    raw: package.to_owned(),
                };
                (id, change)
            } else if let Some(id) = head.strip_prefix("deleted ") {
                (id, OtherTabChange::Deleted)
            } else {
                #[cfg(not(feature = "training"))]
                if head == store::RESTORED {
                    let open = open_id.borrow().clone();
                    follow_restore(&a, package.lines().map(str::to_owned).collect(), open);
                }
                return;
            };
            a.send(Action::OtherTab {
                id: id.to_owned(),
                change,
            });
        });
        move || drop(listener)
    });
}

/// After another tab restored a backup, the list is read again, and if the open case (`open`)
/// was among those it `replaced`, the stored version is held as a conflict, as for any change
/// made elsewhere, until the analyst chooses.
#[cfg(not(feature = "training"))]
fn follow_restore(a: &Actions, replaced: Vec<String>, open: Option<String>) {
    let relisted = a.clone();
    store::relist(&a.offload, move |stored| {
        relisted.send(Action::Relisted(stored))
    });
    let Some(id) = open.filter(|id| replaced.contains(id)) else {
        return;
    };
    let a2 = a.clone();
    store::load_case(&a.offload, &id.clone(), move |r| match r {
        Ok(case) => a2.send(Action::OtherTab {
            id,
            change: OtherTabChange::Saved {
                raw: handoff_core::package::to_json(&case),
                case: Some(Box::new(case)),
            },
        }),
        Err(e) => a2.error(e),
    });
}
