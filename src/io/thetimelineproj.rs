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
//! - `<fuzzy>` makes an event approximate (`~` on both ends); `<fuzzy_start>` and `<fuzzy_end>` put `~` on one end;
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
//!
//! This file reads the `<timeline>` root, its time type, eras and view.
//! The element tree with positions is in `xml` (it knows XML, not
//! Timeline); times and colours as Timeline writes them in `values` (shared
//! with the text format and vis-timeline); categories, and an event's lane,
//! in `categories`; events, with their containers, in `events`.

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

mod categories;
mod events;
mod values;
mod xml;

use self::categories::categories;
use self::events::events;
pub(crate) use self::values::{instant_span, lossless, parse_color, parse_time};
use self::xml::{Node, check_children, parse_xml, required};
use super::diag::{Collector, excerpt, quote};
use super::native::ReadResult;
use super::timelinejs::Assembler;
use crate::model::{Era, Rgb};
use crate::time::Date;

const TOP_CHILDREN: &[&str] = &[
    "version",
    "timetype",
    "eras",
    "categories",
    "events",
    "view",
    "now",
];
const ERA_CHILDREN: &[&str] = &["name", "start", "end", "color", "ends_today"];

/// True when the first element of the text is `<timeline>`.
#[must_use]
pub fn sniff(text: &str) -> bool {
    /// What may come before the root, from its opening to its closing.
    const SKIPPED: [(&str, &str); 3] = [("<?", "?>"), ("<!--", "-->"), ("<!", ">")];
    let mut rest = text.trim_start();
    // Skip the XML declaration, comments and a doctype before the root.
    for _ in 0..64 {
        let Some((after, close)) = SKIPPED
            .iter()
            .find_map(|&(open, close)| Some((rest.strip_prefix(open)?, close)))
        else {
            break;
        };
        rest = after
            .find(close)
            .and_then(|end| after.get(end + close.len()..))
            .unwrap_or_default()
            .trim_start();
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

/// Reads an optional `<color>` child; a malformed one is an error at its
/// text.
fn color_child(node: &Node, diags: &mut Collector<'_>) -> Option<Rgb> {
    node.child("color")
        .and_then(|c| match parse_color(c.value()) {
            Ok(color) => Some(color),
            Err(message) => {
                diags.error(c.text_at, message);
                None
            }
        })
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

/// Reads one `<era>` into the assembler.
fn read_era(node: &Node, assembler: &mut Assembler, diags: &mut Collector<'_>) {
    check_children(node, ERA_CHILDREN, "an era", diags);
    let title = node
        .child("name")
        .map(|n| n.value().to_owned())
        .unwrap_or_default();
    let start = time_child(node, "start", "an era", diags);
    let end = time_child(node, "end", "an era", diags);
    let color = color_child(node, diags);
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

    #[test]
    fn sniffs_the_root() {
        assert!(sniff(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<timeline>\n"
        ));
        assert!(!sniff("<timelines>"));
        assert!(!sniff("# Written by Timeline 0.9.0"));
    }
}
