//! Timeline (thetimelineproj, <https://thetimelineproj.sourceforge.net>)
//! `.timeline` XML files, versions 0.10 to 2.x, read with the element names
//! the application's own reader (`timelinelib/dataimport/timelinexml.py`)
//! and writer use: `<timeline>` with `<version>`, `<timetype>`, `<eras>`,
//! `<categories>`, `<events>`, `<view>` and `<now>`.
//!
//! Mapping:
//! - Every category is a lane with its colour (`r,g,b`); a child category's
//!   lane is titled with its path ("Work › Travel"), lanes keep file order.
//!   Events without a category share one lane.
//! - `<fuzzy>`, `<fuzzy_start>`, `<fuzzy_end>` make an event approximate;
//!   `<milestone>` makes it a moment; `<hyperlink>` (several are separated
//!   by `;`) gives sources; `<categories>` beyond the first and `<labels>`
//!   (comma separated) give tags; `<description>` is kept as written.
//! - Containers (`[id]Title`) stay events, tagged with their title; their
//!   members (`(id)Title`) keep their own category and are tagged with the
//!   container's title. The prefixes are removed, as is the space Timeline
//!   adds before texts that really start with `(` or `[`.
//! - `<eras>` become eras, `<displayed_period>` the initial view.
//!
//! **Precision rule.** Timeline always writes full times
//! (`2013-07-07 00:00:00`, unpadded in old files), and a period ends at the
//! instant it names. So: a time at midnight is read as a day, a time with
//! `:00` seconds as a minute, any other as a second; a moment (start equal
//! to end, or a milestone) is its start; a period ending at midnight ends
//! with the day before (Chronoscope's end dates include their whole day:
//! `2021-10-27 00:00:00`–`2021-11-10 00:00:00` becomes 27 October to
//! 9 November, exactly the span Timeline draws). A period ending at another
//! time ends with that minute or second. Negative years are astronomical,
//! as in Timeline's Gregorian calendar. vis-timeline dates follow the same
//! rule (`instant_span`).

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

use std::collections::HashMap;

use quick_xml::events::Event as XmlEvent;

use super::diag::{self, Collector, Diagnostic, Severity, excerpt, quote};
use super::native::ReadResult;
use super::timelinejs::{Assembler, add_source};
use crate::model::{Era, Event, Rgb};
use crate::time::{Date, Precision, Time};

const TOP_CHILDREN: &[&str] = &[
    "version",
    "timetype",
    "eras",
    "categories",
    "events",
    "view",
    "now",
];
const CATEGORY_CHILDREN: &[&str] = &[
    "name",
    "color",
    "progress_color",
    "done_color",
    "font_color",
    "parent",
];
const EVENT_CHILDREN: &[&str] = &[
    "start",
    "end",
    "text",
    "progress",
    "fuzzy",
    "fuzzy_start",
    "fuzzy_end",
    "locked",
    "ends_today",
    "category",
    "categories",
    "description",
    "labels",
    "alert",
    "hyperlink",
    "icon",
    "default_color",
    "milestone",
];
const ERA_CHILDREN: &[&str] = &["name", "start", "end", "color", "ends_today"];

/// Deeper nesting than this is no Timeline file (they nest four levels).
const MAX_DEPTH: usize = 32;

/// True when the first element of the text is `<timeline>`.
#[must_use]
pub fn sniff(text: &str) -> bool {
    let mut rest = text.trim_start();
    // Skip the XML declaration, comments and a doctype before the root.
    for _ in 0..64 {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after
                .find("?>")
                .and_then(|end| after.get(end + 2..))
                .unwrap_or_default()
                .trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .and_then(|end| after.get(end + 3..))
                .unwrap_or_default()
                .trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after
                .find('>')
                .and_then(|end| after.get(end + 1..))
                .unwrap_or_default()
                .trim_start();
        } else {
            break;
        }
    }
    rest.strip_prefix("<timeline")
        .is_some_and(|after| after.starts_with(|c: char| c == '>' || c.is_whitespace()))
}

/// Reads a Timeline XML file. `file` names it in diagnostics; the timeline
/// is titled `default_title` (Timeline files carry no title).
///
/// # Errors
/// XML syntax errors at their position, unknown categories, impossible or
/// malformed times, periods that end before they start, and calendars other
/// than the Gregorian one, each with line and column.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let root = parse_xml(file, text).map_err(|d| vec![d])?;
    let mut diags = Collector::new(file, text);
    if root.name != "timeline" {
        diags.error(
            root.at,
            format!(
                "expected a Timeline file, whose root element is <timeline>, not <{}>",
                excerpt(&root.name)
            ),
        );
        return Err(diags.finish());
    }
    check_children(&root, TOP_CHILDREN, "<timeline>", &mut diags);
    if let Some(timetype) = root.child("timetype") {
        let name = timetype.value();
        if name != "gregoriantime" {
            diags.error(
                timetype.text_at,
                format!(
                    "this timeline uses the {} time type; Chronoscope reads Timeline files in the Gregorian calendar (`gregoriantime`)",
                    quote(name)
                ),
            );
            return Err(diags.finish());
        }
    }
    let mut assembler = Assembler::default();
    let categories = categories(&root, &mut assembler, &mut diags);
    for era in root
        .children_named("eras")
        .flat_map(|e| e.children_named("era"))
    {
        read_era(era, &mut assembler, &mut diags);
    }
    events(&root, &categories, &mut assembler, &mut diags);
    assembler.initial_view = root
        .child("view")
        .and_then(|v| v.child("displayed_period"))
        .and_then(|period| {
            let start = parse_time(period.child("start")?.value()).ok()?;
            let end = parse_time(period.child("end")?.value()).ok()?;
            match instant_span(lossless(start.start()), lossless(end.start())) {
                Ok((start, Some(end))) => Some((start, end)),
                _ => None,
            }
        });
    assembler.finish(default_title, diags)
}

// ---- Times shared with the other importers -------------------------------

/// The date holding `time` at the coarsest precision that loses nothing:
/// a day for midnight, a minute for whole minutes, and so on.
#[must_use]
pub(crate) fn lossless(time: Time) -> Date {
    let c = time.civil();
    // Dates stop at milliseconds: finer instants are truncated to them.
    let precision = if c.nanos != 0 {
        Precision::Millisecond
    } else if c.second != 0 {
        Precision::Second
    } else if c.minute != 0 || c.hour != 0 {
        Precision::Minute
    } else {
        Precision::Day
    };
    Date::from_time(time, precision)
}

/// An end written as an instant (vis-timeline, Timeline) as an inclusive
/// Chronoscope end: a day, month or year end means the instant it starts,
/// so the range stops with the unit before it; finer ends are kept.
#[must_use]
pub(crate) fn exclusive_end(end: Date) -> Date {
    if end.precision() <= Precision::Day {
        Date::from_time(end.start().add_nanos(-1), end.precision())
    } else {
        end
    }
}

/// A start and an end instant as Chronoscope dates: a moment when they are
/// equal, else a range whose end is [`exclusive_end`].
///
/// # Errors
/// When the end is before the start (the message says so).
pub(crate) fn instant_span(start: Date, end: Date) -> Result<(Date, Option<Date>), String> {
    match end.start().cmp(&start.start()) {
        std::cmp::Ordering::Less => {
            Err(format!("the event ends ({end}) before it starts ({start})"))
        }
        std::cmp::Ordering::Equal => Ok((start, None)),
        std::cmp::Ordering::Greater => Ok((start, Some(exclusive_end(end)))),
    }
}

/// Parses Timeline's `YEAR-MONTH-DAY HOUR:MINUTE:SECOND` (fields may be
/// unpadded, the year negative) as a date of second precision.
///
/// # Errors
/// A message when the text is not such a time or names no real time.
pub(crate) fn parse_time(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "{} is not a Timeline time: expected YEAR-MONTH-DAY HOUR:MINUTE:SECOND, such as 2013-07-07 14:30:00",
            quote(text)
        )
    };
    let (date, clock) = text.split_once(' ').ok_or_else(bad)?;
    let (negative, date) = date.strip_prefix('-').map_or((false, date), |d| (true, d));
    let numbers = |part: &str, sep: char| -> Option<Vec<u32>> {
        let fields: Vec<&str> = part.split(sep).collect();
        if fields.len() != 3
            || fields
                .iter()
                .any(|f| f.is_empty() || f.len() > 11 || !f.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        fields.iter().map(|f| f.parse().ok()).collect()
    };
    let ([year, month, day], [hour, minute, second]) = (
        <[u32; 3]>::try_from(numbers(date, '-').ok_or_else(bad)?).map_err(|_| bad())?,
        <[u32; 3]>::try_from(numbers(clock.trim(), ':').ok_or_else(bad)?).map_err(|_| bad())?,
    );
    let year = if negative {
        -i64::from(year)
    } else {
        i64::from(year)
    };
    Date::build(
        year,
        month,
        day,
        hour,
        minute,
        second,
        0,
        None,
        Precision::Second,
    )
    .map_err(|e| e.message)
}

/// Parses Timeline's `r,g,b` colour.
///
/// # Errors
/// A message when the text is not three numbers from 0 to 255.
pub(crate) fn parse_color(text: &str) -> Result<Rgb, String> {
    let parts: Vec<Option<u8>> = text
        .trim()
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect();
    match parts.as_slice() {
        [Some(r), Some(g), Some(b)] => Ok(Rgb(*r, *g, *b)),
        _ => Err(format!(
            "{} is not a colour: Timeline writes colours as r,g,b with numbers from 0 to 255",
            quote(text.trim())
        )),
    }
}

/// Reads `True`/`False` as Timeline writes them.
fn parse_bool(node: &Node, diags: &mut Collector<'_>) -> bool {
    match node.value().to_ascii_lowercase().as_str() {
        "true" => true,
        "false" | "" => false,
        other => {
            diags.error(
                node.text_at,
                format!(
                    "<{}> must be True or False, not {}",
                    excerpt(&node.name),
                    quote(other)
                ),
            );
            false
        }
    }
}

// ---- A small element tree with positions -----------------------------------

/// An element with its text and children, and where both are written.
#[derive(Debug, Default)]
struct Node {
    name: String,
    /// Offset of the element's `<`.
    at: usize,
    text: String,
    /// Offset of the first non-space character of the text (or of the
    /// element when it has none).
    text_at: usize,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Self> {
        self.children.iter().find(|c| c.name == name)
    }

    fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Self> {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn value(&self) -> &str {
        self.text.trim()
    }
}

/// Parses the whole document into a tree, or gives the first syntax error
/// at its position.
fn parse_xml(file: &str, text: &str) -> Result<Node, Diagnostic> {
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

fn check_children(node: &Node, known: &[&str], what: &str, diags: &mut Collector<'_>) {
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
fn required<'n>(
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

/// Reads a required time child.
fn time_child(
    node: &Node,
    name: &str,
    what: &str,
    diags: &mut Collector<'_>,
) -> Option<(Date, usize)> {
    let child = required(node, name, what, diags)?;
    match parse_time(child.value()) {
        Ok(date) => Some((lossless(date.start()), child.text_at)),
        Err(message) => {
            diags.error(child.text_at, message);
            None
        }
    }
}

// ---- Mapping ---------------------------------------------------------------

/// Lanes for the categories, in file order; gives name → lane index.
fn categories(
    root: &Node,
    assembler: &mut Assembler,
    diags: &mut Collector<'_>,
) -> HashMap<String, usize> {
    struct Category<'n> {
        name: String,
        color: Option<Rgb>,
        parent: Option<&'n Node>,
    }
    let mut read: Vec<Category<'_>> = Vec::new();
    for node in root
        .children_named("categories")
        .flat_map(|c| c.children_named("category"))
    {
        check_children(node, CATEGORY_CHILDREN, "a category", diags);
        let Some(name) = required(node, "name", "a category", diags).map(|n| n.value().to_owned())
        else {
            continue;
        };
        if read.iter().any(|c| c.name == name) {
            diags.warning(
                node.at,
                format!(
                    "the category {} is defined twice; the first definition is used",
                    quote(&name)
                ),
            );
            continue;
        }
        let color = node
            .child("color")
            .and_then(|c| match parse_color(c.value()) {
                Ok(color) => Some(color),
                Err(message) => {
                    diags.error(c.text_at, message);
                    None
                }
            });
        let parent = node.child("parent").filter(|p| !p.value().is_empty());
        read.push(Category {
            name,
            color,
            parent,
        });
    }
    let mut lanes = HashMap::new();
    for category in &read {
        // The lane title is the path from the top category ("Work › Travel").
        let mut path = vec![category.name.as_str()];
        let mut parent = category.parent;
        while let Some(node) = parent {
            let name = node.value();
            let Some(found) = read.iter().find(|c| c.name == name) else {
                diags.error(
                    node.text_at,
                    format!(
                        "the parent category {} is not defined in <categories>",
                        quote(name)
                    ),
                );
                break;
            };
            if path.contains(&name) || path.len() > 16 {
                diags.error(
                    node.text_at,
                    format!("the category {} is its own ancestor", quote(name)),
                );
                break;
            }
            path.push(name);
            parent = found.parent;
        }
        path.reverse();
        let index = assembler.lane(&category.name, &path.join(" › "), category.color);
        lanes.insert(category.name.clone(), index);
    }
    lanes
}

/// What an event's text says it is.
enum Kind<'t> {
    Plain(&'t str),
    Container(&'t str, &'t str),
    Member(&'t str, &'t str),
}

/// Splits Timeline's container prefixes off an event text.
fn kind(text: &str) -> Kind<'_> {
    if let Some(rest) = text.strip_prefix('[')
        && let Some((id, title)) = rest.split_once(']')
    {
        return Kind::Container(id, title);
    }
    if let Some(rest) = text.strip_prefix('(')
        && let Some((id, title)) = rest.split_once(')')
    {
        return Kind::Member(id, title);
    }
    // Timeline writes a space before texts that start with a bracket.
    Kind::Plain(
        text.strip_prefix(' ')
            .filter(|t| t.starts_with(['(', '[']))
            .unwrap_or(text),
    )
}

fn events(
    root: &Node,
    categories: &HashMap<String, usize>,
    assembler: &mut Assembler,
    diags: &mut Collector<'_>,
) {
    let nodes: Vec<&Node> = root
        .children_named("events")
        .flat_map(|e| e.children_named("event"))
        .collect();
    let containers: HashMap<&str, &str> = nodes
        .iter()
        .filter_map(|n| match kind(&n.child("text")?.text) {
            Kind::Container(id, title) => Some((id, title.trim())),
            _ => None,
        })
        .collect();
    for (index, node) in nodes.into_iter().enumerate() {
        check_children(node, EVENT_CHILDREN, "an event", diags);
        let start = time_child(node, "start", "an event", diags);
        let end = time_child(node, "end", "an event", diags);
        let text_node = required(node, "text", "an event", diags);
        let mut tags = Vec::new();
        let title = text_node.map_or_else(String::new, |t| title(t, &containers, &mut tags, diags));
        let lane = category_lane(node, categories, &mut tags, diags);
        if let Some(labels) = node.child("labels") {
            tags.extend(
                labels
                    .value()
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(ToOwned::to_owned),
            );
        }
        let mut sources = Vec::new();
        if let Some(links) = node.child("hyperlink") {
            for link in links.value().split(';') {
                add_source(&mut sources, link, Some(link));
            }
        }
        let flag = |name: &str, diags: &mut Collector<'_>| {
            node.child(name).is_some_and(|n| parse_bool(n, diags))
        };
        let milestone = flag("milestone", diags);
        let approximate =
            flag("fuzzy", diags) | flag("fuzzy_start", diags) | flag("fuzzy_end", diags);
        let (Some((start, _)), Some((end, end_at)), Some(_)) = (start, end, text_node) else {
            continue;
        };
        let (start, end) = if milestone {
            (start, None)
        } else {
            match instant_span(start, end) {
                Ok(span) => span,
                Err(message) => {
                    diags.error(end_at, message);
                    continue;
                }
            }
        };
        let lane = lane.unwrap_or_else(|| assembler.lane("", "", None));
        let mut event = Event::new(title, start);
        event.id = assembler.unique_id(None, index, diags);
        event.end = end;
        event.lane = lane;
        event.description = node
            .child("description")
            .map(|d| d.value().to_owned())
            .unwrap_or_default();
        event.tags = tags;
        event.sources = sources;
        event.approximate = approximate;
        assembler.push_event(event, end_at, diags);
    }
}

/// An event's title without container prefixes; the container's title
/// becomes a tag of the container and of its members.
fn title(
    text: &Node,
    containers: &HashMap<&str, &str>,
    tags: &mut Vec<String>,
    diags: &mut Collector<'_>,
) -> String {
    match kind(&text.text) {
        Kind::Plain(title) => title.trim().to_owned(),
        Kind::Container(_, title) => {
            tags.push(title.trim().to_owned());
            title.trim().to_owned()
        }
        Kind::Member(id, title) => {
            match containers.get(id) {
                Some(container) => tags.push((*container).to_owned()),
                None => diags.warning(
                    text.text_at,
                    format!(
                        "this event belongs to container {}, which the file does not define",
                        quote(id)
                    ),
                ),
            }
            title.trim().to_owned()
        }
    }
}

/// The lane of an event's first category; further categories (Timeline
/// 2.x lists them in `<categories>`, repeating the first) become tags.
fn category_lane(
    node: &Node,
    categories: &HashMap<String, usize>,
    tags: &mut Vec<String>,
    diags: &mut Collector<'_>,
) -> Option<usize> {
    let named = node.children_named("category").chain(
        node.children_named("categories")
            .flat_map(|c| c.children_named("category")),
    );
    let mut lane = None;
    let mut primary = None;
    for category in named {
        let name = category.value();
        match categories.get(name) {
            Some(&index) if lane.is_none() => {
                lane = Some(index);
                primary = Some(name);
            }
            Some(_) if primary == Some(name) || tags.iter().any(|t| t == name) => {}
            Some(_) => tags.push(name.to_owned()),
            None => diags.error(
                category.text_at,
                format!(
                    "the category {} is not defined in <categories>",
                    quote(name)
                ),
            ),
        }
    }
    lane
}

fn read_era(node: &Node, assembler: &mut Assembler, diags: &mut Collector<'_>) {
    check_children(node, ERA_CHILDREN, "an era", diags);
    let title = node
        .child("name")
        .map(|n| n.value().to_owned())
        .unwrap_or_default();
    let start = time_child(node, "start", "an era", diags);
    let end = time_child(node, "end", "an era", diags);
    let color = node
        .child("color")
        .and_then(|c| match parse_color(c.value()) {
            Ok(color) => Some(color),
            Err(message) => {
                diags.error(c.text_at, message);
                None
            }
        });
    let (Some((start, _)), Some((end, end_at))) = (start, end) else {
        return;
    };
    match instant_span(start, end) {
        Ok((start, end)) => assembler.push_era(
            Era {
                title,
                start,
                end: end.unwrap_or(start),
                color,
            },
            end_at,
            diags,
        ),
        Err(message) => diags.error(end_at, message.replace("event", "era")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn times_read_at_the_precision_they_carry() {
        let p = |t: &str| parse_time(t).map_or_else(|e| e, |d| lossless(d.start()).to_iso());
        assert_eq!(p("2013-07-07 00:00:00"), "2013-07-07");
        assert_eq!(p("2009-11-4 22:52:0"), "2009-11-04T22:52");
        assert_eq!(p("2021-10-31 17:36:49"), "2021-10-31T17:36:49");
        assert_eq!(p("-300-03-01 00:00:00"), "-0300-03-01");
        assert!(p("2013-02-30 00:00:00").contains("February has no day 30"));
        assert!(p("2013-07-07").contains("not a Timeline time"));
        assert!(parse_time("2013-07-07 99999999999:0:0").is_err());
        assert!(parse_time("2013-07-07 24:00:00").is_err());
    }

    #[test]
    fn periods_end_where_timeline_ends_them() {
        let span = |a: &str, b: &str| instant_span(date(a), date(b));
        let (start, end) = span("2021-10-27", "2021-11-10").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (start.to_iso(), end.map(|e| e.to_iso())),
            ("2021-10-27".to_owned(), Some("2021-11-09".to_owned()))
        );
        assert_eq!(end.map(|e| e.end()), Some(date("2021-11-10").start()));
        let (_, end) =
            span("2021-10-31T17:36:49", "2021-11-15T19:53:46").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            end.map(|e| e.to_iso()),
            Some("2021-11-15T19:53:46".to_owned())
        );
        assert_eq!(span("2013-07-07", "2013-07-07").map(|(_, e)| e), Ok(None));
        assert!(span("2013-07-07", "2013-07-06").is_err());
    }

    #[test]
    fn container_prefixes() {
        assert!(matches!(
            kind("[2]Container-1"),
            Kind::Container("2", "Container-1")
        ));
        assert!(matches!(
            kind("(2)Remove Event"),
            Kind::Member("2", "Remove Event")
        ));
        assert!(matches!(kind(" (sic) text"), Kind::Plain("(sic) text")));
        assert!(matches!(kind(" plain"), Kind::Plain(" plain")));
    }

    #[test]
    fn sniffs_the_root() {
        assert!(sniff(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<timeline>\n"
        ));
        assert!(!sniff("<timelines>"));
        assert!(!sniff("# Written by Timeline 0.9.0"));
    }
}
