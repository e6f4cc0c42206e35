//! The service worker: registration, "ready offline", and "an update is waiting".

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::OfflineStatus;

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // Absent on insecure origins and in some embedded browsers.
    js_sys::Reflect::has(&nav, &"serviceWorker".into())
        .ok()
        .filter(|has| *has)?;
    Some(nav.service_worker())
}

/// Registers `./sw.js` (relative, so sub-path deployments work) and reports status changes.
/// Listeners live as long as the page.
pub fn register(report: impl Fn(OfflineStatus) + Clone + 'static) {
    let Some(sw) = container() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.register("./sw.js")).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        // An update is a new worker beside an active one of this registration. Not the page's
        // controller: the training room is first controlled by the root page's worker, and its
        // own first install is no update.
        if reg.waiting().is_some() && reg.active().is_some() {
            report(OfflineStatus::UpdateWaiting);
        } else if reg.active().is_some() {
            report(OfflineStatus::Ready);
        }
        let reg2 = reg.clone();
        let report2 = report.clone();
        EventListener::new(&reg, "updatefound", move |_| {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let (reg3, report3, worker) = (reg2.clone(), report2.clone(), installing.clone());
            EventListener::new(&installing, "statechange", move |_| match worker.state() {
                web_sys::ServiceWorkerState::Installed if reg3.active().is_some() => {
                    report3(OfflineStatus::UpdateWaiting)
                }
                web_sys::ServiceWorkerState::Activated => report3(OfflineStatus::Ready),
                _ => {}
            })
            .forget();
        })
        .forget();
        // A page loaded before the first worker activated becomes controlled here.
        if let Ok(ready) = sw.ready() {
            if JsFuture::from(ready).await.is_ok() && reg.waiting().is_none() {
                report(OfflineStatus::Ready);
            }
        }
    });
}

/// Switches to the waiting version: the new worker takes over, then the page reloads once.
pub fn apply_update() {
    let Some(sw) = container() else { return };
    EventListener::once(&sw, "controllerchange", |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    })
    .forget();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(reg) = JsFuture::from(sw.get_registration()).await {
            if let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() {
                if let Some(waiting) = reg.waiting() {
                    let _ = waiting.post_message(&"skip-waiting".into());
                }
            }
        }
    });
}
