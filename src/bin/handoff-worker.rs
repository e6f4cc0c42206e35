//! The Web Worker that reads pasted alerts, built by Trunk as its own wasm (`index.html`'s
//! `data-type="worker"` link). It answers each message with `handoff::worker::answer` and says
//! when it is ready; everything it does is in that pure function, tested natively.

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Loaded outside a worker (a test runner): nothing to listen to.
        return;
    };
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let answer = e
            .data()
            .as_string()
            .and_then(|text| handoff::worker::answer(&text));
        if let Some(answer) = answer {
            // The page gives up on the job after its timeout if this fails.
            let _ = reply.post_message(&JsValue::from_str(&answer));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Listens for as long as the worker lives.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(handoff::worker::READY));
}
