//! Light or dark: the system's preference until the analyst picks one.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Theme {
    /// The class of the app's root element.
    pub class: &'static str,
    /// `Some(dark)` once the analyst has chosen.
    pub chosen_dark: Option<bool>,
    pub toggle: Callback<()>,
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[hook]
pub fn use_theme() -> Theme {
    let dark = use_state(|| None::<bool>);
    let toggle = {
        let dark = dark.clone();
        Callback::from(move |()| dark.set(Some(!dark.unwrap_or_else(prefers_dark))))
    };
    Theme {
        class: match *dark {
            Some(true) => "app theme-dark",
            Some(false) => "app theme-light",
            None => "app",
        },
        chosen_dark: *dark,
        toggle,
    }
}
