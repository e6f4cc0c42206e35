//! Messages to the analyst, each with its own Dismiss button; nothing is shown only in the
//! console. How long each stays is the state's rule (`state::notices`).

use yew::prelude::*;

use crate::hooks::Actions;
use crate::state::{Action, Notice, NoticeKind, Notices as NoticeList};

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
