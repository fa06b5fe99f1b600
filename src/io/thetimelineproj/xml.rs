//! A small element tree with positions: the whole XML document parsed
//! with `quick_xml` into elements that keep where their tag and text are
//! written, so that every diagnostic has a line and column.
//!
//! It knows XML, not Timeline: which elements a Timeline file has and what
//! they mean is for the modules that walk the tree.

use quick_xml::events::Event as XmlEvent;

use crate::io::diag::{self, Collector, Diagnostic, Severity, excerpt, quote};

/// Deeper nesting than this is no Timeline file (they nest four levels).
const MAX_DEPTH: usize = 32;

/// An element with its text and children, and where both are written.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub(super) name: String,
    /// Offset of the element's `<`.
    pub(super) at: usize,
    pub(super) text: String,
    /// Offset of the first non-space character of the text (or of the
    /// element when it has none).
    pub(super) text_at: usize,
    pub(super) children: Vec<Node>,
}

impl Node {
    /// The first child named `name`.
    pub(super) fn child(&self, name: &str) -> Option<&Self> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`, in order.
    pub(super) fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Self> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text without surrounding space.
    pub(super) fn value(&self) -> &str {
        self.text.trim()
    }
}

/// Parses the whole document into a tree, or gives the first syntax error
/// at its position.
pub(super) fn parse_xml(file: &str, text: &str) -> Result<Node, Diagnostic> {
    let error = |(at, message): (usize, String)| diag::at(file, text, at, Severity::Error, message);
    let position = |pos: u64| usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    let mut reader = quick_xml::Reader::from_str(text);
    let mut tree = Tree::default();
    loop {
        let before = position(reader.buffer_position());
        let event = reader.read_event().map_err(|e| {
            error((
                position(reader.error_position()),
                format!("invalid XML: {e}"),
            ))
        })?;
        let step = match event {
            XmlEvent::Start(tag) => tree.open(tag.name().0, before, false),
            XmlEvent::Empty(tag) => tree.open(tag.name().0, before, true),
            XmlEvent::End(_) => tree.close(before),
            XmlEvent::Text(content) => {
                let first = content.find(|c: char| !c.is_whitespace());
                tree.text(&content.xml10_content(), first.map(|i| before + i))
            }
            XmlEvent::CData(content) => tree.text(&content.xml10_content(), Some(before)),
            XmlEvent::GeneralRef(reference) => {
                let resolved = resolve(&reference).map_err(|message| error((before, message)))?;
                tree.text(&resolved, Some(before))
            }
            XmlEvent::Eof => {
                if let Some(open) = tree.stack.last() {
                    let opened = diag::at(file, text, open.at, Severity::Error, "");
                    let message = format!(
                        "the file ends inside <{}> (opened at line {}, column {})",
                        excerpt(&open.name),
                        opened.line,
                        opened.column
                    );
                    return Err(error((text.len(), message)));
                }
                return tree
                    .root
                    .ok_or_else(|| error((0, "the file has no XML element".to_owned())));
            }
            XmlEvent::Comment(_) | XmlEvent::Decl(_) | XmlEvent::PI(_) | XmlEvent::DocType(_) => {
                Ok(())
            }
        };
        step.map_err(error)?;
    }
}

/// The text of an entity or character reference (`&amp;`, `&#39;`).
fn resolve(reference: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => quick_xml::escape::resolve_predefined_entity(reference)
            .map(ToOwned::to_owned)
            .ok_or_else(|| format!("unknown entity {}", quote(&format!("&{};", &**reference)))),
        Err(e) => Err(format!(
            "invalid character reference {}: {e}",
            quote(&format!("&{};", &**reference))
        )),
    }
}

/// The tree being built: open elements and, once closed, the root.
#[derive(Default)]
struct Tree {
    stack: Vec<Node>,
    root: Option<Node>,
}

impl Tree {
    /// An element starts at `at` (and ends there too when `empty`).
    fn open(&mut self, name: &str, at: usize, empty: bool) -> Result<(), (usize, String)> {
        if self.root.is_some() && self.stack.is_empty() {
            return Err((
                at,
                format!("<{}> after the end of the root element", excerpt(name)),
            ));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err((
                at,
                format!("the XML is nested too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        self.stack.push(Node {
            name: name.to_owned(),
            at,
            text_at: at,
            ..Node::default()
        });
        if empty { self.close(at) } else { Ok(()) }
    }

    /// The innermost open element ends.
    fn close(&mut self, at: usize) -> Result<(), (usize, String)> {
        let Some(node) = self.stack.pop() else {
            return Err((at, "an end tag without a start tag".to_owned()));
        };
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.root = Some(node),
        }
        Ok(())
    }

    /// Text for the innermost open element; `visible_at` is where its first
    /// non-space character is (`None` for whitespace only).
    fn text(&mut self, text: &str, visible_at: Option<usize>) -> Result<(), (usize, String)> {
        match self.stack.last_mut() {
            Some(node) => {
                if node.text.trim().is_empty()
                    && let Some(at) = visible_at
                {
                    node.text_at = at;
                }
                node.text.push_str(text);
                Ok(())
            }
            None => match visible_at {
                Some(at) => Err((at, "text outside the root element".to_owned())),
                None => Ok(()),
            },
        }
    }
}

/// Warns about every child of `node` not named in `known`.
pub(super) fn check_children(node: &Node, known: &[&str], what: &str, diags: &mut Collector<'_>) {
    for child in &node.children {
        if !known.contains(&child.name.as_str()) {
            diags.warning(
                child.at,
                format!(
                    "unknown element <{}> in {what} is ignored",
                    excerpt(&child.name)
                ),
            );
        }
    }
}

/// The required child `name` of `node`, or an error at `node`.
pub(super) fn required<'n>(
    node: &'n Node,
    name: &str,
    what: &str,
    diags: &mut Collector<'_>,
) -> Option<&'n Node> {
    let child = node.child(name);
    if child.is_none() {
        diags.error(node.at, format!("{what} needs a <{name}>"));
    }
    child
}
