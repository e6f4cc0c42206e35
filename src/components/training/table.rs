//! The one table renderer of training (the debrief, the class debrief): a caption, a header
//! row, and rows whose first cell heads the row. Shared, so the bundle carries one copy.

use yew::prelude::*;

/// A row's cells, and whether it is marked (an item that lost points).
pub type Row = (Vec<String>, bool);

pub fn table(caption: String, caption_hidden: bool, head: &[&str], rows: Vec<Row>) -> Html {
    // The wrapper scrolls sideways on a narrow screen, so the keyboard can reach it too.
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={caption.clone()}>
            <table>
                <caption class={caption_hidden.then_some("visually-hidden")}>{ caption }</caption>
                <thead><tr>{ for head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                <tbody>
                    { for rows.into_iter().map(|(cells, marked)| {
                        let mut cells = cells.into_iter();
                        html! {
                            <tr class={marked.then_some("lost")}>
                                <th scope="row">{ cells.next().unwrap_or_default() }</th>
                                { for cells.map(|c| html! { <td>{ c }</td> }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
