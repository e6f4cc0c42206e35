//! Handoff's browser app: thin Yew components over `handoff_core`.
//!
//! - `state`: the app state and every action on it, a pure reducer behind Yew's `Reducible`;
//! - `hooks`: browser effects as custom hooks (autosave, other tabs, shortcuts, theme, ...);
//! - `components`: one small file per part of the screen;
//! - `adapters`: everything that touches browser APIs (storage, clipboard, files, clock, the
//!   worker);
//! - `worker`: the protocol of the Web Worker that reads pasted alerts off the page (its
//!   entry point is `src/bin/handoff-worker.rs`);
//! - `app`: composition only.

pub mod adapters;
pub mod app;
#[cfg(not(feature = "training"))]
pub mod backup_page;
pub mod components;
pub mod hooks;
pub mod state;
pub mod worker;

pub use app::App;

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Mounts the app into the page's `<body>`, after installing the panic hook: the analyst's
/// app (or the training room's, with `training`), or the backup page, with `backup`.
pub fn start() {
    adapters::panic::install();
    // The app shell (index.html) stands in until now. It goes in the same task as the first
    // render, so no frame shows neither.
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
    #[cfg(not(feature = "backup"))]
    yew::Renderer::<App>::new().render();
    #[cfg(feature = "backup")]
    yew::Renderer::<backup_page::BackupPage>::new().render();
}
