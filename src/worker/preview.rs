//! A Markdown export as a tree the page can show: parsed here, in the worker, with
//! pulldown-cmark, and built into Yew nodes by the page (`components::rendered`). Only the
//! element kinds below exist, so nothing in the text (raw HTML, a link, an image) can become
//! markup: HTML is kept as the text it is, a link as its words, an image as its description.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// A part of the rendered text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Node {
    Text(String),
    /// Inline code.
    Code(String),
    Break,
    Rule,
    Element {
        kind: Kind,
        children: Vec<Node>,
    },
}

/// What an element is. Headings keep their Markdown level (1 to 6); the page places them
/// under its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Heading(u8),
    Paragraph,
    Quote,
    CodeBlock,
    List {
        ordered: bool,
    },
    Item,
    Emphasis,
    Strong,
    Strikethrough,
    Table,
    TableHead,
    TableRow,
    TableCell,
    /// A link's or an image's words, without the link.
    Plain,
}

/// Parses CommonMark (with tables and strikethrough, as GitHub and GitLab render them).
pub fn markdown(text: &str) -> Vec<Node> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Open elements, innermost last; the root collects the top level.
    let mut stack: Vec<(Option<Kind>, Vec<Node>)> = vec![(None, Vec::new())];
    let push = |stack: &mut Vec<(Option<Kind>, Vec<Node>)>, node: Node| {
        if let Some((_, children)) = stack.last_mut() {
            children.push(node);
        }
    };
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { level, .. } => Kind::Heading(level as u8),
                    // Raw HTML is shown as the text it is, in a block of its own.
                    Tag::Paragraph | Tag::HtmlBlock => Kind::Paragraph,
                    Tag::BlockQuote(_) => Kind::Quote,
                    Tag::CodeBlock(_) => Kind::CodeBlock,
                    Tag::List(start) => Kind::List {
                        ordered: start.is_some(),
                    },
                    Tag::Item => Kind::Item,
                    Tag::Emphasis => Kind::Emphasis,
                    Tag::Strong => Kind::Strong,
                    Tag::Strikethrough => Kind::Strikethrough,
                    Tag::Table(_) => Kind::Table,
                    Tag::TableHead => Kind::TableHead,
                    Tag::TableRow => Kind::TableRow,
                    Tag::TableCell => Kind::TableCell,
                    _ => Kind::Plain,
                };
                stack.push((Some(kind), Vec::new()));
            }
            Event::End(end) => {
                // A table head's cells come without a row of their own.
                let _: TagEnd = end;
                if stack.len() > 1 {
                    if let Some((Some(kind), children)) = stack.pop() {
                        push(&mut stack, Node::Element { kind, children });
                    }
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut stack, Node::Text(t.into_string()))
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push(&mut stack, Node::Code(t.into_string()))
            }
            Event::SoftBreak => push(&mut stack, Node::Text(" ".into())),
            Event::HardBreak => push(&mut stack, Node::Break),
            Event::Rule => push(&mut stack, Node::Rule),
            Event::FootnoteReference(t) => push(&mut stack, Node::Text(format!("[^{t}]"))),
            Event::TaskListMarker(done) => push(
                &mut stack,
                Node::Text(if done { "[x] " } else { "[ ] " }.into()),
            ),
        }
    }
    // Unclosed elements cannot happen with pulldown-cmark; fold any left over anyway.
    while stack.len() > 1 {
        if let Some((Some(kind), children)) = stack.pop() {
            push(&mut stack, Node::Element { kind, children });
        }
    }
    stack.pop().map(|(_, nodes)| nodes).unwrap_or_default()
}

/// Every heading's text, in order: what a reader of the preview can jump to.
pub fn headings(nodes: &[Node]) -> Vec<(u8, String)> {
    fn text(nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) | Node::Code(t) => out.push_str(t),
                Node::Element { children, .. } => text(children, out),
                Node::Break | Node::Rule => {}
            }
        }
    }
    let mut out = Vec::new();
    for n in nodes {
        if let Node::Element {
            kind: Kind::Heading(level),
            children,
        } = n
        {
            let mut t = String::new();
            text(children, &mut t);
            out.push((*level, t));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(kind: Kind, children: Vec<Node>) -> Node {
        Node::Element { kind, children }
    }

    fn t(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn headings_paragraphs_lists_and_tables_become_elements() {
        let nodes = markdown(
            "## Alert\n\nSeen *twice* on `WS-1`.\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n",
        );
        assert_eq!(nodes[0], el(Kind::Heading(2), vec![t("Alert")]));
        assert_eq!(
            nodes[1],
            el(
                Kind::Paragraph,
                vec![
                    t("Seen "),
                    el(Kind::Emphasis, vec![t("twice")]),
                    t(" on "),
                    Node::Code("WS-1".into()),
                    t("."),
                ]
            )
        );
        assert_eq!(
            nodes[2],
            el(
                Kind::List { ordered: false },
                vec![
                    el(Kind::Item, vec![t("one")]),
                    el(Kind::Item, vec![t("two")])
                ]
            )
        );
        let Node::Element {
            kind: Kind::Table,
            children,
        } = &nodes[3]
        else {
            panic!("{:?}", nodes[3])
        };
        assert_eq!(
            children[0],
            el(
                Kind::TableHead,
                vec![
                    el(Kind::TableCell, vec![t("a")]),
                    el(Kind::TableCell, vec![t("b")])
                ]
            )
        );
        assert_eq!(headings(&nodes), vec![(2, "Alert".to_owned())]);
    }

    #[test]
    fn html_links_and_images_stay_words() {
        let nodes = markdown(
            "<script>alert(1)</script>\n\n[click](javascript:alert(1)) ![logo](http://x/y.png) <b>x</b>\n",
        );
        let json = serde_json::to_string(&nodes).unwrap();
        assert!(!json.contains("javascript:"), "{json}");
        assert!(!json.contains("http://x/y.png"), "{json}");
        assert_eq!(
            nodes[0],
            el(Kind::Paragraph, vec![t("<script>alert(1)</script>\n")])
        );
        let Node::Element { children, .. } = &nodes[1] else {
            panic!()
        };
        assert_eq!(children[0], el(Kind::Plain, vec![t("click")]));
        assert!(children.contains(&t("<b>")));
    }

    /// `s` with CommonMark's backslash escapes and the entities the exporter writes undone.
    fn shown(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                c => out.push(c),
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    #[test]
    fn every_golden_markdown_export_parses_to_its_headings() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/crates/handoff-core/tests/golden"
        );
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Each ATX heading line as a reader shows it: its level, and its text with
                // the exporter's backslash escapes and entities undone.
                let want: Vec<(u8, String)> = text
                    .lines()
                    .filter_map(|l| {
                        let hashes = l.len() - l.trim_start_matches('#').len();
                        ((1..=6).contains(&hashes) && l[hashes..].starts_with(' '))
                            .then(|| (hashes as u8, shown(l[hashes..].trim())))
                    })
                    .collect();
                assert_eq!(headings(&markdown(&text)), want, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 3);
    }
}
