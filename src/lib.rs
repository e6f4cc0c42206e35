//! Handoff's browser app: thin Yew components over `handoff_core`.
//!
//! - `state`: the app state and every action on it, behind Yew's `Reducible`;
//! - `components`: one small file per part of the screen;
//! - `adapters`: everything that touches browser APIs (storage, clipboard, files, clock).

pub mod adapters;
pub mod app;
pub mod components;
pub mod state;

pub use app::App;

/// Mounts the app into the page's `<body>`, after installing the panic hook.
pub fn start() {
    adapters::panic::install();
    yew::Renderer::<App>::new().render();
}
