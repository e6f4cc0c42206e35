//! A Markdown export as a tree the page can show: parsed here, in the worker, with
//! pulldown-cmark, and built into Yew nodes by the page (`components::rendered`). Only the
//! element kinds below exist, so nothing in the text (raw HTML, a link, an image) can become
//! markup: HTML is kept as the text it is, a link as its words, an image as its description.

use std::fmt;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// A part of the rendered text. It crosses to the page in a compact form of its own (below).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

// The wire form. Serde's own form for the enum (`{"Element":{"kind":"TableCell","children":
// [{"Text":"..."}]}}`) made the large case's preview 583 KB of JSON, written in the worker and
// read on the page in 5 ms natively, twice the time of writing the Markdown itself. Here a
// text is a JSON string, a break or a rule a number, and an element or inline code an array
// led by its code: `[32,"..."]` for a table cell.

const BREAK: u8 = 0;
const RULE: u8 = 1;
const CODE: u8 = 2;
/// A heading is this plus its level (1 to 6).
const HEADING: u8 = 10;

impl Kind {
    fn code(self) -> u8 {
        match self {
            Kind::Heading(level) => HEADING + level.clamp(1, 6),
            Kind::Paragraph => 20,
            Kind::Quote => 21,
            Kind::CodeBlock => 22,
            Kind::List { ordered: true } => 23,
            Kind::List { ordered: false } => 24,
            Kind::Item => 25,
            Kind::Emphasis => 26,
            Kind::Strong => 27,
            Kind::Strikethrough => 28,
            Kind::Table => 29,
            Kind::TableHead => 30,
            Kind::TableRow => 31,
            Kind::TableCell => 32,
            Kind::Plain => 33,
        }
    }

    fn of(code: u8) -> Option<Kind> {
        Some(match code {
            11..=16 => Kind::Heading(code - HEADING),
            20 => Kind::Paragraph,
            21 => Kind::Quote,
            22 => Kind::CodeBlock,
            23 => Kind::List { ordered: true },
            24 => Kind::List { ordered: false },
            25 => Kind::Item,
            26 => Kind::Emphasis,
            27 => Kind::Strong,
            28 => Kind::Strikethrough,
            29 => Kind::Table,
            30 => Kind::TableHead,
            31 => Kind::TableRow,
            32 => Kind::TableCell,
            33 => Kind::Plain,
            _ => return None,
        })
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Text(t) => s.serialize_str(t),
            Node::Break => s.serialize_u8(BREAK),
            Node::Rule => s.serialize_u8(RULE),
            Node::Code(t) => {
                let mut seq = s.serialize_seq(Some(2))?;
                seq.serialize_element(&CODE)?;
                seq.serialize_element(t)?;
                seq.end()
            }
            Node::Element { kind, children } => {
                let mut seq = s.serialize_seq(Some(children.len() + 1))?;
                seq.serialize_element(&kind.code())?;
                for child in children {
                    seq.serialize_element(child)?;
                }
                seq.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, a break, a rule, or an element led by its code")
    }

    fn visit_str<E: de::Error>(self, t: &str) -> Result<Node, E> {
        Ok(Node::Text(t.to_owned()))
    }

    fn visit_string<E: de::Error>(self, t: String) -> Result<Node, E> {
        Ok(Node::Text(t))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Node, E> {
        match n {
            n if n == u64::from(BREAK) => Ok(Node::Break),
            n if n == u64::from(RULE) => Ok(Node::Rule),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(n), &self)),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let code: u8 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        if code == CODE {
            let text: String = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(1, &self))?;
            return match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(Node::Code(text)),
                Some(_) => Err(de::Error::invalid_length(3, &self)),
            };
        }
        let kind = Kind::of(code).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Unsigned(code.into()), &self)
        })?;
        let mut children = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(child) = seq.next_element()? {
            children.push(child);
        }
        Ok(Node::Element { kind, children })
    }
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

    /// The wire form, as the page reads it: a change here is a change of `PROTOCOL`.
    #[test]
    fn the_tree_crosses_in_its_compact_form() {
        let nodes = markdown("## Hosts\n\n| a |\n| --- |\n| `x` b |\n\n***\n");
        let json = serde_json::to_string(&nodes).unwrap();
        assert_eq!(
            json,
            r#"[[12,"Hosts"],[29,[30,[32,"a"]],[31,[32,[2,"x"]," b"]]],1]"#
        );
        assert_eq!(serde_json::from_str::<Vec<Node>>(&json).unwrap(), nodes);
        assert_eq!(
            serde_json::from_str::<Vec<Node>>(r#"[[25,"one",0,"two"]]"#).unwrap(),
            vec![el(Kind::Item, vec![t("one"), Node::Break, t("two")])]
        );
    }

    /// A message that is not a tree is refused with a reason, never read as something else.
    #[test]
    fn a_malformed_tree_is_refused() {
        for bad in [
            "[7]",
            "[[99,\"a\"]]",
            "[[17]]",
            "[[]]",
            "[[2]]",
            "[[2,\"a\",\"b\"]]",
            "[[2,5]]",
            "[[-1]]",
            "[{}]",
            "[true]",
            "[[20,{}]]",
        ] {
            let refused = serde_json::from_str::<Vec<Node>>(bad);
            assert!(refused.is_err(), "{bad} read as {refused:?}");
        }
    }

    #[cfg(not(target_family = "wasm"))]
    mod wire {
        use super::super::*;
        use proptest::prelude::*;

        fn kind() -> impl Strategy<Value = Kind> {
            prop_oneof![
                (1u8..=6).prop_map(Kind::Heading),
                any::<bool>().prop_map(|ordered| Kind::List { ordered }),
                prop::sample::select(vec![
                    Kind::Paragraph,
                    Kind::Quote,
                    Kind::CodeBlock,
                    Kind::Item,
                    Kind::Emphasis,
                    Kind::Strong,
                    Kind::Strikethrough,
                    Kind::Table,
                    Kind::TableHead,
                    Kind::TableRow,
                    Kind::TableCell,
                    Kind::Plain,
                ]),
            ]
        }

        fn node() -> impl Strategy<Value = Node> {
            let leaf = prop_oneof![
                "[a-z \"\\\\\u{e9}\u{202e}\n]{0,8}".prop_map(Node::Text),
                "[a-z`\\\\]{0,6}".prop_map(Node::Code),
                Just(Node::Break),
                Just(Node::Rule),
            ];
            leaf.prop_recursive(6, 48, 6, |inner| {
                (kind(), prop::collection::vec(inner, 0..6))
                    .prop_map(|(kind, children)| Node::Element { kind, children })
            })
        }

        proptest! {
            /// Any tree reads back as itself.
            #[test]
            fn any_tree_reads_back_as_itself(nodes in prop::collection::vec(node(), 0..6)) {
                let json = serde_json::to_string(&nodes).unwrap();
                prop_assert_eq!(serde_json::from_str::<Vec<Node>>(&json).unwrap(), nodes);
            }
        }
    }
}
