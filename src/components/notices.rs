//! Messages to the analyst: information goes away by itself after a few seconds, errors stay
//! until dismissed; nothing is shown only in the console.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::hooks::Actions;
use crate::state::{Action, Notice, NoticeKind, Notices as NoticeList};

/// How long an information notice stays.
const INFO_MS: u32 = 6_000;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notices: NoticeList,
    pub actions: Actions,
}

#[function_component(Notices)]
pub fn notices(p: &Props) -> Html {
    html! {
        <div class="notices" aria-live="polite">
            { for p.notices.iter().map(|n| html! {
                <NoticeItem key={n.id} notice={n.clone()} actions={p.actions.clone()} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    notice: Notice,
    actions: Actions,
}

#[function_component(NoticeItem)]
fn notice_item(p: &ItemProps) -> Html {
    let id = p.notice.id;
    {
        let (a, kind) = (p.actions.clone(), p.notice.kind);
        use_effect_with(id, move |_| {
            let timer = (kind == NoticeKind::Info)
                .then(|| Timeout::new(INFO_MS, move || a.send(Action::DismissNotice(id))));
            move || drop(timer)
        });
    }
    let (class, role) = match p.notice.kind {
        NoticeKind::Info => ("notice info", "status"),
        NoticeKind::Error => ("notice error", "alert"),
    };
    let dismiss = {
        let a = p.actions.clone();
        Callback::from(move |_| a.send(Action::DismissNotice(id)))
    };
    html! {
        <div class={class} role={role}>
            <span>{ p.notice.text.clone() }</span>
            <button type="button" onclick={dismiss} aria-label="Dismiss message">{ "Dismiss" }</button>
        </div>
    }
}
