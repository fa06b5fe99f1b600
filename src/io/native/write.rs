//! Writing a timeline as a native file, and one event as the native format
//! writes it (`chronoscope list --format json` and the listing's dates).
//!
//! It knows only the model and the file's shape: reading the result back
//! goes through the readers like any other file.

use serde::Serialize;

use crate::model::{EventRef, Rgb, Status, Timeline};
use crate::time::Date;

#[derive(Serialize)]
struct FileOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<ViewOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lanes: Vec<LaneOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraOut<'a>>,
    events: Vec<EventOut<'a>>,
}

#[derive(Serialize)]
struct ViewOut {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct LaneOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
}

#[derive(Serialize)]
struct EraOut<'a> {
    title: &'a str,
    start: String,
    end: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    title: &'a str,
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    lane: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    approximate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkOut<'a>>,
    #[serde(skip_serializing_if = "FieldsOut::is_empty")]
    fields: FieldsOut<'a>,
}

/// An event's fields as a JSON object, in their order; a name given twice
/// (two table columns under one header) keeps its first value.
struct FieldsOut<'a>(Vec<(&'a str, &'a str)>);

impl FieldsOut<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for FieldsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        let mut seen = std::collections::HashSet::new();
        for (name, value) in &self.0 {
            if seen.insert(*name) {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct SourceOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
}

/// Writes a timeline as a native file (pretty JSON). Reading the result
/// gives the same timeline back.
#[must_use]
pub fn write(timeline: &Timeline) -> String {
    let out = FileOut {
        title: &timeline.title,
        description: &timeline.description,
        view: timeline.initial_view.as_ref().map(|(s, e)| ViewOut {
            start: s.to_iso(),
            end: e.to_iso(),
        }),
        // The one unnamed lane a file without lanes gets is implicit: a
        // file that names none is written without any.
        lanes: timeline
            .lanes()
            .iter()
            .filter(|l| {
                !(timeline.lanes().len() == 1
                    && l.id.is_empty()
                    && l.title.is_empty()
                    && l.color.is_none())
            })
            .map(|l| LaneOut {
                id: &l.id,
                title: &l.title,
                color: l.color.map(Rgb::to_hex),
            })
            .collect(),
        eras: timeline
            .eras()
            .iter()
            .map(|e| EraOut {
                title: &e.title,
                start: e.start.to_iso(),
                end: e.end.to_iso(),
                color: e.color.map(Rgb::to_hex),
            })
            .collect(),
        events: timeline.events().map(|e| event_out(timeline, &e)).collect(),
    };
    // Serialising plain strings and vectors cannot fail.
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// An event's `start` and `end` as the native format writes them: EDTF as
/// it was written (an interval in `start` alone included), plain dates in
/// ISO 8601.
#[must_use]
pub fn written_dates(e: &EventRef<'_>) -> (String, Option<String>) {
    match e.edtf() {
        Some(d) if d.one_field => {
            let end = d.end.as_ref().map(ToString::to_string).unwrap_or_default();
            (format!("{}/{end}", d.start), None)
        }
        Some(d) => (d.start.to_string(), d.end.as_ref().map(ToString::to_string)),
        None => (e.start().to_iso(), e.end().as_ref().map(Date::to_iso)),
    }
}

/// One event as the native format writes it.
fn event_out<'a>(timeline: &'a Timeline, e: &EventRef<'a>) -> EventOut<'a> {
    let (start, end) = written_dates(e);
    EventOut {
        id: e.id(),
        title: e.title(),
        start,
        end,
        lane: &timeline.lanes()[e.lane()].id,
        description: e.description(),
        tags: e.tags().collect(),
        status: e.status().map(Status::as_str),
        sources: e
            .sources()
            .map(|s| SourceOut {
                name: s.name,
                url: s.url,
                date: s.date.as_ref().map(Date::to_iso),
            })
            .collect(),
        approximate: e.approximate(),
        display_date: e.display_date(),
        links: e
            .links()
            .map(|l| LinkOut {
                to: timeline.event(l.target).id(),
                label: l.label,
            })
            .collect(),
        fields: FieldsOut(e.fields().collect()),
    }
}

/// Writes the events `indices` of `timeline`, in that order, as a JSON
/// array of native event objects, one per line (`chronoscope list
/// --format json`). Links keep the ids of their targets.
#[must_use]
pub fn write_events(timeline: &Timeline, indices: &[usize]) -> String {
    let mut out = String::from("[");
    for (n, &i) in indices.iter().enumerate() {
        out.push_str(if n == 0 { "\n" } else { ",\n" });
        // Serialising plain strings and vectors cannot fail.
        out.push_str(
            &serde_json::to_string(&event_out(timeline, &timeline.event(i))).unwrap_or_default(),
        );
    }
    out.push_str("\n]\n");
    out
}
