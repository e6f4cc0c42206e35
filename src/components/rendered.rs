//! A Markdown export shown as the ticket would show it: the tree the worker parsed
//! (`crate::worker::preview`) built into Yew nodes. Text stays text; there is no HTML string
//! anywhere on the way.

use yew::prelude::*;

use crate::worker::preview::{Kind, Node};

/// Rows past which a table is drawn only once it is scrolled into sight.
const LONG_TABLE_ROWS: usize = 50;

/// `nodes` as elements, each heading `shift` levels lower (the preview sits under the page's
/// own headings), never below `h6`.
pub fn rendered(nodes: &[Node], shift: u8) -> Html {
    nodes.iter().map(|n| node(n, shift)).collect()
}

fn node(n: &Node, shift: u8) -> Html {
    match n {
        Node::Text(t) => html! { { t.clone() } },
        Node::Code(t) => html! { <code>{ t.clone() }</code> },
        Node::Break => html! { <br /> },
        Node::Rule => html! { <hr /> },
        Node::Element { kind, children } => {
            let inner = rendered(children, shift);
            let tag = match kind {
                Kind::Heading(level) => match level.saturating_add(shift).min(6) {
                    1 => "h1",
                    2 => "h2",
                    3 => "h3",
                    4 => "h4",
                    5 => "h5",
                    _ => "h6",
                },
                Kind::Paragraph => "p",
                Kind::Quote => "blockquote",
                Kind::CodeBlock => return html! { <pre><code>{ inner }</code></pre> },
                Kind::List { ordered: true } => "ol",
                Kind::List { ordered: false } => "ul",
                Kind::Item => "li",
                Kind::Emphasis => "em",
                Kind::Strong => "strong",
                Kind::Strikethrough => "del",
                // The preview around it scrolls, and takes focus to be scrolled by keyboard.
                // A long table (a case's thousand indicators) is laid out only when scrolled
                // to: laid out at once, it alone took the preview's frame past 100 ms.
                Kind::Table if children.len() > LONG_TABLE_ROWS => {
                    return html! { <div class="long-list"><table>{ inner }</table></div> }
                }
                Kind::Table => "table",
                Kind::TableHead => {
                    return html! { <thead><tr>{ header_cells(children, shift) }</tr></thead> }
                }
                Kind::TableRow => "tr",
                Kind::TableCell => "td",
                Kind::Plain => "span",
            };
            html! { <@{tag}>{ inner }</@> }
        }
    }
}

/// A table head's cells are headers.
fn header_cells(cells: &[Node], shift: u8) -> Html {
    cells
        .iter()
        .map(|c| match c {
            Node::Element {
                kind: Kind::TableCell,
                children,
            } => html! { <th scope="col">{ rendered(children, shift) }</th> },
            other => node(other, shift),
        })
        .collect()
}
