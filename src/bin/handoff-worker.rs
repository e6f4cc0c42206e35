//! The Web Worker that reads pasted alerts and writes exports, built by Trunk as its own wasm
//! (`index.html`'s `data-type="worker"` link). It answers each message with
//! `handoff::worker::answer` and says when it is ready; everything it does is in that pure
//! function, tested natively. Only the clock and the randomness for STIX ids come from here.

use chrono::{DateTime, Utc};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use handoff::adapters::worker::{from_js, to_js};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Loaded outside a worker (a test runner): nothing to listen to.
        return;
    };
    let reply = scope.clone();
    let crypto = scope.crypto().ok();
    #[cfg(all(target_family = "wasm", not(feature = "training")))]
    let post: std::rc::Rc<dyn Fn(handoff::worker::Posted)> = {
        let scope = scope.clone();
        // The page gives up on the job after its timeout if this fails.
        std::rc::Rc::new(move |answer| {
            let _ = scope.post_message(&to_js(&answer));
        })
    };
    // The case the store was last handed, read: exports of it name it by number.
    let mut held = handoff::worker::Held::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some((id, job)) =
            from_js(&e.data()).and_then(|(json, text)| handoff::worker::read_request(&json, text))
        else {
            // From another build: the page's timeout reports it.
            return;
        };
        let mut failed = false;
        let mut random = || {
            let mut bytes = [0u8; 16];
            // Without a working crypto.getRandomValues there is no UUIDv4 worth the name.
            failed |= crypto
                .as_ref()
                .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
                .is_none();
            bytes
        };
        let done = match handoff::worker::answer_job(job, now(), &mut random, &mut held) {
            Ok(done) => done,
            #[cfg(all(target_family = "wasm", not(feature = "training")))]
            Err(store_job) => return handoff::worker::store::enqueue(id, store_job, post.clone()),
            // No store job in the training room's protocol.
            #[cfg(any(not(target_family = "wasm"), feature = "training"))]
            Err(_) => return,
        };
        if failed {
            // The page gives up on the job after its timeout and says the worker failed.
            return;
        }
        let answer = handoff::worker::encode_answer(id, done);
        // The page gives up on the job after its timeout if this fails.
        let _ = reply.post_message(&to_js(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Listens for as long as the worker lives.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(handoff::worker::READY));
}
