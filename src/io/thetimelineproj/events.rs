//! Timeline's events: each `<event>` with its times, text, flags, labels,
//! hyperlinks and description, and containers (`[id]Title`) with their
//! members (`(id)Title`), whose prefixes become tags.
//!
//! It does not parse XML or times itself (`super::xml`, `super::values`)
//! and takes the lanes the categories were given as a map.

use std::collections::HashMap;

use super::categories::category_lane;
use super::values::instant_span;
use super::xml::{Node, check_children, required};
use super::{Assembler, parse_bool, time_child};
use crate::io::diag::{Collector, quote};
use crate::io::timelinejs::add_source;
use crate::model::{EdtfDates, Event};
use crate::time::{Bound, Qualifiers};

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

/// Reads every `<event>` into the assembler, in file order.
pub(super) fn events(
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
        // `fuzzy` is `~` on both ends (our `approximate`); `fuzzy_start` and
        // `fuzzy_end` qualify one end each.
        let fuzzy = flag("fuzzy", diags);
        let (fuzzy_start, fuzzy_end) = (flag("fuzzy_start", diags), flag("fuzzy_end", diags));
        let approximate = fuzzy || (fuzzy_start && (fuzzy_end || milestone));
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
        if !approximate && (fuzzy_start || (fuzzy_end && event.end.is_some())) {
            let qualify = |bound: Bound, fuzzy: bool| {
                if fuzzy {
                    bound.qualified(Qualifiers::APPROXIMATE)
                } else {
                    bound
                }
            };
            let start = qualify(event.start_bound(), fuzzy_start);
            let end = event.end_bound().map(|b| qualify(b, fuzzy_end));
            event.set_edtf(EdtfDates {
                start,
                end,
                one_field: false,
            });
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
