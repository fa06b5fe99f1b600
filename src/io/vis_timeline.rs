//! vis-timeline data (<https://visjs.github.io/vis-timeline/docs/timeline/>)
//! as people save it: a JSON array of items, or an object with `items` and
//! `groups` arrays (the two `DataSet`s a `vis.Timeline` is built from).
//!
//! Mapping:
//! - Groups are lanes (`id`, `content` as the title), in file order; an item
//!   whose group is not declared gets a lane of its own, with a warning
//!   (vis-timeline would not show it at all).
//! - Items are events: `content` (HTML) is the title, `title` (the tooltip,
//!   HTML) the description, links in either are sources. `type` is `box` or
//!   `point` (a moment: an `end` is ignored, as vis-timeline does), `range`,
//!   or `background`, which becomes an era. Without a `type` an item with
//!   an `end` is a range.
//! - Dates are ISO 8601 strings (read at the precision written), numbers
//!   (milliseconds since 1970, read at the coarsest precision that loses
//!   nothing) or ASP.NET `"/Date(ms)/"` strings. vis-timeline ends are
//!   instants, so an end that is a date ends with the day before it: see
//!   the precision rule in [`super::thetimelineproj`].

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

use serde_json::value::RawValue;

use super::diag::{invalid_date, quote};
use super::html;
use super::json::{self, Doc, RawArray, RawObject};
use super::native::ReadResult;
use super::thetimelineproj::{instant_span, lossless};
use super::timelinejs::{Assembler, add_source, has_key};
use crate::model::{Era, Event};
use crate::time::{Date, MAX_YEAR, MIN_YEAR, NANOS_PER_MILLI, Time};

const TOP_KEYS: &[&str] = &["items", "groups", "options"];
const ITEM_KEYS: &[&str] = &[
    "id",
    "content",
    "start",
    "end",
    "group",
    "type",
    "title",
    "className",
    "style",
    "subgroup",
    "editable",
    "selectable",
    "align",
    "limitSize",
];
const GROUP_KEYS: &[&str] = &[
    "id",
    "content",
    "title",
    "className",
    "style",
    "nestedGroups",
    "showNested",
    "order",
    "visible",
    "subgroupOrder",
    "subgroupStack",
    "subgroupVisibility",
    "treeLevel",
];

/// True when the text looks like vis-timeline data: an array of items with
/// `start` and `content`, or an object with `items`.
#[must_use]
pub fn sniff(text: &str) -> bool {
    let head: String = text.chars().take(65_536).collect();
    let trimmed = head.trim_start();
    let key = |k: &str| has_key(&head, k);
    (trimmed.starts_with('[') && key("start") && key("content"))
        || (trimmed.starts_with('{') && key("items") && key("start"))
}

/// Reads vis-timeline data. `file` names it in diagnostics; the timeline is
/// titled `default_title` (the data carries no title).
///
/// # Errors
/// Syntax errors, missing or invalid dates, unknown item types, ends before
/// starts, each with line and column.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let mut doc = Doc::new(file, text);
    let mut assembler = Assembler::default();
    let items: Vec<&RawValue> = if text.trim_start().starts_with('[') {
        serde_json::from_str::<RawArray<'_>>(text)
            .map_err(|e| vec![json::syntax_error(file, text, &e)])?
            .0
    } else {
        let root: RawObject<'_> = Doc::root_object(file, text).map_err(|d| vec![d])?;
        doc.check_keys(&root, TOP_KEYS, "vis-timeline data");
        if let Some(raw) = root.get("groups") {
            for group in doc.array(raw, "groups").unwrap_or_default() {
                read_group(&mut doc, group, &mut assembler);
            }
        }
        if let Some(raw) = root.get("items") {
            doc.array(raw, "items").unwrap_or_default()
        } else {
            doc.diags
                .error(0, "vis-timeline data needs an `items` array");
            Vec::new()
        }
    };
    let declared = assembler.lane_count() > 0;
    for (index, item) in items.into_iter().enumerate() {
        read_item(&mut doc, item, index, declared, &mut assembler);
    }
    assembler.finish(default_title, doc.diags)
}

fn read_group<'a>(doc: &mut Doc<'a>, raw: &'a RawValue, assembler: &mut Assembler) {
    let Some(group) = doc.object(raw, "a group") else {
        return;
    };
    doc.check_keys(&group, GROUP_KEYS, "a group");
    let Some(id_raw) = group.get("id") else {
        let at = doc.offset(raw);
        doc.diags.error(at, "a group needs an `id`");
        return;
    };
    let Some(id) = doc.string_or_number(id_raw, "id") else {
        return;
    };
    if assembler.has_lane(&id) {
        let at = doc.offset(id_raw);
        doc.diags.warning(
            at,
            format!(
                "the group {} is given twice; the first one is used",
                quote(&id)
            ),
        );
        return;
    }
    let content = group
        .get("content")
        .and_then(|v| doc.string(v, "content"))
        .unwrap_or_default();
    let title = html::to_line(&content).text;
    assembler.lane(&id, if title.is_empty() { &id } else { &title }, None);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Box,
    Point,
    Range,
    Background,
}

fn read_item<'a>(
    doc: &mut Doc<'a>,
    raw: &'a RawValue,
    index: usize,
    declared: bool,
    assembler: &mut Assembler,
) {
    let Some(item) = doc.object(raw, "an item") else {
        return;
    };
    doc.check_keys(&item, ITEM_KEYS, "an item");
    let at = doc.offset(raw);
    let Ok(kind) = item_kind(doc, &item) else {
        return;
    };
    let start = if let Some(v) = item.get("start") {
        date(doc, v, "start")
    } else {
        doc.diags.error(at, "an item needs a `start`");
        None
    };
    let end_raw = item.get("end");
    let end_at = end_raw.map_or(at, |v| doc.offset(v));
    let end = end_raw.map(|v| date(doc, v, "end"));
    let kind = kind.unwrap_or(if end.is_some() {
        Kind::Range
    } else {
        Kind::Box
    });
    let content = item
        .get("content")
        .and_then(|v| doc.string(v, "content"))
        .unwrap_or_default();
    let tooltip = item
        .get("title")
        .and_then(|v| doc.string(v, "title"))
        .unwrap_or_default();
    let wanted_id = item.get("id").and_then(|v| {
        let id_at = doc.offset(v);
        doc.string_or_number(v, "id").map(|id| (id, id_at))
    });
    let group = item.get("group").and_then(|v| {
        let group_at = doc.offset(v);
        doc.string_or_number(v, "group").map(|id| (id, group_at))
    });
    let end = match (kind, end) {
        (Kind::Box | Kind::Point, Some(_)) => {
            doc.diags.warning(
                end_at,
                "vis-timeline draws box and point items at their start; the `end` is ignored",
            );
            None
        }
        (Kind::Range | Kind::Background, None) => {
            doc.diags
                .error(at, "range and background items need an `end`");
            return;
        }
        (_, Some(None)) => return, // An invalid end was reported already.
        (_, Some(Some(end))) => Some(end),
        (_, None) => None,
    };
    let Some(start) = start else { return };
    let (start, end) = match end {
        Some(end) => match instant_span(start, end) {
            Ok(span) => span,
            Err(message) => {
                doc.diags.error(end_at, message.replace("event", "item"));
                return;
            }
        },
        None => (start, None),
    };
    let title = html::to_line(&content);
    if kind == Kind::Background {
        let era = Era {
            title: title.text,
            start,
            end: end.unwrap_or(start),
            color: None,
        };
        assembler.push_era(era, end_at, &mut doc.diags);
        return;
    }
    let description = html::to_text(&tooltip);
    let mut sources = Vec::new();
    for link in title.links.iter().chain(&description.links) {
        add_source(&mut sources, &link.label, Some(&link.href));
    }
    let lane = item_lane(doc, group, declared, assembler);
    let mut event = Event::new(title.text, start);
    event.id = assembler.unique_id(wanted_id, index, &mut doc.diags);
    event.end = end;
    event.lane = lane;
    event.description = description.text;
    event.sources = sources;
    assembler.push_event(event, end_at, &mut doc.diags);
}

/// The item's `type`: `Ok(None)` when not given, `Err` (reported) when it
/// is not one vis-timeline knows.
fn item_kind<'a>(doc: &mut Doc<'a>, item: &RawObject<'a>) -> Result<Option<Kind>, ()> {
    let Some(raw) = item.get("type") else {
        return Ok(None);
    };
    match doc.string(raw, "type").as_deref().map(str::trim) {
        Some("box") => Ok(Some(Kind::Box)),
        Some("point") => Ok(Some(Kind::Point)),
        Some("range") => Ok(Some(Kind::Range)),
        Some("background") => Ok(Some(Kind::Background)),
        Some(other) => {
            let at = doc.offset(raw);
            doc.diags.error(
                at,
                format!(
                    "unknown item type {}: vis-timeline knows box, point, range and background",
                    quote(other)
                ),
            );
            Err(())
        }
        None => Err(()),
    }
}

/// The lane of an item's group (created, with a warning, when the data
/// declares groups but not this one).
fn item_lane(
    doc: &mut Doc<'_>,
    group: Option<(String, usize)>,
    declared: bool,
    assembler: &mut Assembler,
) -> usize {
    let Some((id, group_at)) = group else {
        return assembler.lane("", "", None);
    };
    if declared && !assembler.has_lane(&id) {
        doc.diags.warning(
            group_at,
            format!(
                "the group {} is not among the `groups`; it gets a lane of its own",
                quote(&id)
            ),
        );
    }
    assembler.lane(&id, &id, None)
}

/// A vis-timeline date: ISO string, milliseconds, or `/Date(ms)/`.
fn date(doc: &mut Doc<'_>, raw: &RawValue, field: &str) -> Option<Date> {
    let at = doc.offset(raw);
    let result = if raw.get().starts_with('"') {
        let text = doc.string(raw, field)?;
        let text = text.trim();
        match text
            .strip_prefix("/Date(")
            .and_then(|t| t.strip_suffix(")/"))
        {
            Some(ms) => millis(ms.trim()),
            None => Date::parse(text)
                .map_err(|e| format!("invalid `{field}` date: {}", invalid_date(text, &e))),
        }
    } else if raw
        .get()
        .starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    {
        millis(raw.get())
    } else {
        let found = json::kind(raw);
        Err(format!(
            "expected `{field}` to be a date string or milliseconds, found {found}"
        ))
    };
    match result {
        Ok(date) => Some(date),
        Err(message) => {
            doc.diags.error(at, message);
            None
        }
    }
}

/// Milliseconds since 1970-01-01T00:00Z as a date.
fn millis(text: &str) -> Result<Date, String> {
    let ms: i128 = match text.parse::<i64>() {
        Ok(ms) => i128::from(ms),
        Err(_) => match text.parse::<f64>() {
            // Whole values of magnitude below 2^53 convert exactly.
            #[allow(clippy::cast_possible_truncation)]
            Ok(ms) if ms.fract() == 0.0 && ms.abs() < 9.0e15 => i128::from(ms as i64),
            _ => {
                return Err(format!(
                    "{} is not a date: expected whole milliseconds since 1970",
                    quote(text)
                ));
            }
        },
    };
    let time = Time(ms * NANOS_PER_MILLI);
    if time < Time::from_year(MIN_YEAR) || time >= Time::from_year(MAX_YEAR) {
        return Err(format!(
            "{text} milliseconds is outside the supported range of years"
        ));
    }
    Ok(lossless(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings() {
        let text = r#"[
          {"id": 1, "content": "a", "start": 1402358400000},
          {"id": 2, "content": "b", "start": "2014-06-10T10:30:00Z", "end": "/Date(1402398000000)/"},
          {"id": 3, "content": "c", "start": "2014-06-10", "end": "2014-06-12", "type": "range"}
        ]"#;
        let (t, _) = read("v.json", text, "v").unwrap_or_else(|d| panic!("{d:?}"));
        let e = t.to_events();
        assert_eq!(e[0].start.to_iso(), "2014-06-10");
        assert_eq!(
            e[1].end.map(|d| d.to_iso()),
            Some("2014-06-10T11:00".to_owned())
        );
        assert_eq!(e[2].end.map(|d| d.to_iso()), Some("2014-06-11".to_owned()));
    }
}
