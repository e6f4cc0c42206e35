//! Messages to the user: errors stay until dismissed; nothing is shown only in the console.

use yew::prelude::*;

use crate::state::{Action, Dispatch, Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notices: Vec<Notice>,
    pub dispatch: Dispatch,
}

#[function_component(Notices)]
pub fn notices(p: &Props) -> Html {
    html! {
        <div class="notices" aria-live="polite">
            { for p.notices.iter().enumerate().map(|(i, n)| {
                let d = p.dispatch.clone();
                let (class, role) = match n.kind {
                    NoticeKind::Info => ("notice info", "status"),
                    NoticeKind::Error => ("notice error", "alert"),
                };
                html! {
                    <div class={class} role={role}>
                        <span>{ n.text.clone() }</span>
                        <button type="button" onclick={Callback::from(move |_| d.dispatch(Action::DismissNotice(i)))}
                            aria-label="Dismiss message">{ "Dismiss" }</button>
                    </div>
                }
            }) }
        </div>
    }
}
