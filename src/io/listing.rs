//! Lists of events for `chronoscope list`: aligned text for people, the
//! native event objects as JSON, or CSV with a header.

use std::fmt::Write as _;

use crate::model::{EventRef, Timeline};

/// How `list` writes its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// One aligned line per event: date as written, lane, status, title.
    Text,
    /// A JSON array of native event objects, one per line.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Writes the events `indices` of `timeline` in that order.
#[must_use]
pub fn write(timeline: &Timeline, indices: &[usize], format: ListFormat) -> String {
    match format {
        ListFormat::Text => text(timeline, indices),
        ListFormat::Json => super::native::write_events(timeline, indices),
        ListFormat::Csv => csv(timeline, indices),
    }
}

/// The event's date as written in a file: its start, or `start/end`
/// (ISO 8601's interval form).
#[must_use]
pub fn written_date(event: &EventRef<'_>) -> String {
    match event.end() {
        Some(end) => format!("{}/{}", event.start().to_iso(), end.to_iso()),
        None => event.start().to_iso(),
    }
}

fn lane_name(timeline: &Timeline, event: &EventRef<'_>) -> String {
    timeline
        .lanes()
        .get(event.lane())
        .map_or_else(String::new, |l| {
            if l.title.is_empty() {
                l.id.clone()
            } else {
                l.title.clone()
            }
        })
}

/// File content printed on a terminal must not carry control characters
/// (a title with ESC could retitle or clear the terminal): they are shown
/// escaped, as `\u{1b}`.
fn printable(text: &str) -> String {
    super::diag::escape(text).into_owned()
}

fn text(timeline: &Timeline, indices: &[usize]) -> String {
    let rows: Vec<[String; 4]> = indices
        .iter()
        .map(|&i| {
            let event = timeline.event(i);
            [
                written_date(&event),
                printable(&lane_name(timeline, &event)),
                event.status().map_or("-", |s| s.as_str()).to_owned(),
                printable(event.title()),
            ]
        })
        .collect();
    let width = |col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (date_w, lane_w, status_w) = (width(0), width(1), width(2));
    let mut out = String::new();
    for [date, lane, status, title] in rows {
        let _ = writeln!(
            out,
            "{date:<date_w$}  {lane:<lane_w$}  {status:<status_w$}  {title}"
        );
    }
    out
}

fn csv(timeline: &Timeline, indices: &[usize]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "start",
        "end",
        "lane",
        "status",
        "title",
        "description",
        "tags",
        "sources",
    ];
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header);
    for &i in indices {
        let event = timeline.event(i);
        let lane = timeline
            .lanes()
            .get(event.lane())
            .map_or("", |l| l.id.as_str());
        let sources: Vec<&str> = event.sources().map(|s| s.name).collect();
        let _ = writer.write_record([
            event.id(),
            &event.start().to_iso(),
            &event
                .end()
                .as_ref()
                .map_or_else(String::new, crate::time::Date::to_iso),
            lane,
            event.status().map_or("", |s| s.as_str()),
            event.title(),
            event.description(),
            &event.tags().collect::<Vec<_>>().join("; "),
            &sources.join("; "),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
