//! Chronoscope's own event file (JSON): reading with positioned diagnostics,
//! and writing (for `convert`).
//!
//! The format is documented in the README and by `assets/chronoscope.schema.json`.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::value::RawValue;

use super::diag::{Diagnostic, invalid_date, quote, quote_list};
use super::json::{Doc, RawObject};
use super::links::web_url;
use crate::model::{Era, Event, EventRef, Lane, Link, Rgb, Source, Status, Timeline};
use crate::time::Date;

const TOP_KEYS: &[&str] = &[
    "$schema",
    "version",
    "title",
    "description",
    "lanes",
    "events",
    "eras",
    "view",
];
const LANE_KEYS: &[&str] = &["id", "title", "color"];
const EVENT_KEYS: &[&str] = &[
    "id",
    "title",
    "start",
    "end",
    "lane",
    "description",
    "tags",
    "status",
    "sources",
    "approximate",
    "display_date",
    "links",
    "fields",
];
const SOURCE_KEYS: &[&str] = &["name", "url", "date"];
const ERA_KEYS: &[&str] = &["title", "start", "end", "color"];
const VIEW_KEYS: &[&str] = &["start", "end"];
const LINK_KEYS: &[&str] = &["to", "label"];

/// True when the text looks like a native file: an object with `events`
/// whose items carry a `start` string (`TimelineJS` uses `start_date` objects).
#[must_use]
pub fn sniff(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.trim_start().starts_with('{')
        && head.contains("\"events\"")
        && head.contains("\"start\"")
        && !head.contains("\"start_date\"")
}

/// What a successful read gives: the timeline and any warnings.
pub type ReadResult = Result<(Timeline, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads a native file's text. `file` names it in diagnostics; `default_title`
/// is used when the file has no `title`.
///
/// # Errors
/// Every error found (syntax, types, impossible dates, duplicate ids, end
/// before start, unknown lanes or link targets), each with line and column,
/// together with the warnings.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    if let Some(timeline) = super::native_fast::read(text, default_title) {
        return Ok((timeline, Vec::new()));
    }
    read_positioned(file, text, default_title)
}

/// The positioned reader alone: what [`read`] falls back to when the fast
/// path does not take a file. Every problem gets its line and column.
///
/// # Errors
/// As [`read`].
pub fn read_positioned(file: &str, text: &str, default_title: &str) -> ReadResult {
    let root = Doc::root_object(file, text).map_err(|d| vec![d])?;
    let mut doc = Doc::new(file, text);
    let mut reader = Reader {
        doc: &mut doc,
        lanes: Vec::new(),
        lane_ids: HashMap::new(),
        declared: false,
    };
    let timeline = reader.timeline(&root, default_title);
    let has_errors = doc.diags.has_errors();
    let diagnostics = doc.diags.finish();
    match timeline {
        Some(timeline) if !has_errors => Ok((timeline, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// A link as written: target id, label, and the target's byte offset (for
/// an "unknown id" error), resolved once every id is known.
type PendingLink = (String, Option<String>, usize);

struct Reader<'d, 'a> {
    doc: &'d mut Doc<'a>,
    lanes: Vec<Lane>,
    lane_ids: HashMap<String, usize>,
    /// Lanes were declared in the file: an unknown lane id is then an error.
    declared: bool,
}

impl<'a> Reader<'_, 'a> {
    fn timeline(&mut self, root: &RawObject<'a>, default_title: &str) -> Option<Timeline> {
        self.doc.check_keys(root, TOP_KEYS, "the timeline");
        let title = root.get("title").and_then(|v| self.doc.string(v, "title"));
        let description = root
            .get("description")
            .and_then(|v| self.doc.string(v, "description"));
        if let Some(raw) = root.get("lanes") {
            self.declared = true;
            for item in self.doc.array(raw, "lanes").unwrap_or_default() {
                self.lane(item);
            }
        }
        let Some(events_raw) = root.get("events") else {
            self.doc.diags.error(
                0,
                "the file has no `events` array (it is required, even if empty)",
            );
            return None;
        };
        let items = self.doc.array(events_raw, "events").unwrap_or_default();
        let mut events = Vec::with_capacity(items.len());
        // Links name ids that may come later in the file: resolve them after.
        let mut pending_links: Vec<(usize, Vec<PendingLink>)> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            if let Some((event, links, id_at)) = self.event(item, index) {
                if let Some(&first) = ids.get(&event.id) {
                    self.doc.diags.error(
                        id_at,
                        format!(
                            "duplicate event id {} (first used by event {})",
                            quote(&event.id),
                            first + 1
                        ),
                    );
                } else {
                    ids.insert(event.id.clone(), events.len());
                }
                if !links.is_empty() {
                    pending_links.push((events.len(), links));
                }
                events.push(event);
            }
        }
        for (event, links) in pending_links {
            for (to, label, at) in links {
                match ids.get(&to) {
                    Some(&target) => events[event].links.push(Link { target, label }),
                    None => self
                        .doc
                        .diags
                        .error(at, format!("link to unknown event id {}", quote(&to))),
                }
            }
        }
        let eras = match root.get("eras") {
            Some(raw) => self
                .doc
                .array(raw, "eras")
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| self.era(e))
                .collect(),
            None => Vec::new(),
        };
        let view = root.get("view").and_then(|raw| self.view(raw));
        let lanes = std::mem::take(&mut self.lanes);
        let title = title.unwrap_or_else(|| default_title.to_owned());
        match Timeline::new(title, lanes, events, eras) {
            Ok(mut timeline) => {
                timeline.description = description.unwrap_or_default();
                timeline.initial_view = view;
                Some(timeline)
            }
            Err(e) => {
                self.doc.diags.error(0, e.to_string());
                None
            }
        }
    }

    fn lane(&mut self, raw: &'a RawValue) {
        let Some(object) = self.doc.object(raw, "a lane") else {
            return;
        };
        self.doc.check_keys(&object, LANE_KEYS, "a lane");
        let Some(id_raw) = object.get("id") else {
            self.doc
                .diags
                .error(self.doc.offset(raw), "a lane needs an `id`");
            return;
        };
        let Some(id) = self.doc.string(id_raw, "id") else {
            return;
        };
        if self.lane_ids.contains_key(&id) {
            let at = self.doc.offset(id_raw);
            self.doc
                .diags
                .error(at, format!("duplicate lane id {}", quote(&id)));
            return;
        }
        let title = object
            .get("title")
            .and_then(|v| self.doc.string(v, "title"))
            .unwrap_or_else(|| id.clone());
        let color = object.get("color").and_then(|v| self.color(v));
        self.lane_ids.insert(id.clone(), self.lanes.len());
        self.lanes.push(Lane { id, title, color });
    }

    fn color(&mut self, raw: &RawValue) -> Option<Rgb> {
        let text = self.doc.string(raw, "color")?;
        let color = Rgb::parse_hex(&text);
        if color.is_none() {
            let at = self.doc.offset(raw);
            self.doc.diags.error(
                at,
                format!("{} is not a colour: use #rrggbb or #rgb", quote(&text)),
            );
        }
        color
    }

    fn date(&mut self, raw: &RawValue, field: &str) -> Option<Date> {
        let at = self.doc.offset(raw);
        // A bare JSON integer is read as a year, which deep-time data needs.
        let text = if raw
            .get()
            .as_bytes()
            .first()
            .is_some_and(|b| *b == b'-' || b.is_ascii_digit())
        {
            if raw.get().contains(['.', 'e', 'E']) {
                self.doc.diags.error(
                    at,
                    format!(
                        "`{field}` must be a date string or a whole year, not {}",
                        quote(raw.get())
                    ),
                );
                return None;
            }
            raw.get().to_owned()
        } else {
            self.doc.string(raw, field)?
        };
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                self.doc.diags.error(
                    at,
                    format!("invalid `{field}` date: {}", invalid_date(&text, &e)),
                );
                None
            }
        }
    }

    fn lane_index(&mut self, raw: &RawValue) -> Option<usize> {
        let id = self.doc.string(raw, "lane")?;
        if let Some(&index) = self.lane_ids.get(&id) {
            return Some(index);
        }
        if self.declared {
            let at = self.doc.offset(raw);
            self.doc.diags.error(
                at,
                format!(
                    "unknown lane {}; the file declares: {}",
                    quote(&id),
                    quote_list(self.lanes.iter().map(|l| l.id.as_str()))
                ),
            );
            return None;
        }
        Some(self.add_lane(id))
    }

    fn add_lane(&mut self, id: String) -> usize {
        let index = self.lanes.len();
        self.lane_ids.insert(id.clone(), index);
        self.lanes.push(Lane {
            title: id.clone(),
            id,
            color: None,
        });
        index
    }

    #[allow(clippy::type_complexity)] // A private tuple read right at the call site.
    fn event(
        &mut self,
        raw: &'a RawValue,
        index: usize,
    ) -> Option<(Event, Vec<(String, Option<String>, usize)>, usize)> {
        let object = self.doc.object(raw, "an event")?;
        self.doc.check_keys(&object, EVENT_KEYS, "an event");
        let at = self.doc.offset(raw);
        let title = if let Some(v) = object.get("title") {
            self.doc.string(v, "title")
        } else {
            self.doc.diags.error(at, "an event needs a `title`");
            None
        };
        let start = if let Some(v) = object.get("start") {
            self.date(v, "start")
        } else {
            self.doc.diags.error(at, "an event needs a `start` date");
            None
        };
        let end = object
            .get("end")
            .and_then(|v| self.date(v, "end").map(|d| (d, self.doc.offset(v))));
        let (id, id_at) = match object.get("id") {
            Some(v) => (self.doc.string_or_number(v, "id"), self.doc.offset(v)),
            None => (Some(format!("event-{}", index + 1)), at),
        };
        let lane = match object.get("lane") {
            Some(v) => self.lane_index(v),
            None => Some(self.default_lane()),
        };
        let description = object
            .get("description")
            .and_then(|v| self.doc.string(v, "description"))
            .unwrap_or_default();
        let tags = object
            .get("tags")
            .map(|v| self.strings(v, "tags"))
            .unwrap_or_default();
        let status = object.get("status").and_then(|v| self.status(v));
        let sources = match object.get("sources") {
            Some(v) => self
                .doc
                .array(v, "sources")
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| self.source(s))
                .collect(),
            None => Vec::new(),
        };
        let approximate = object
            .get("approximate")
            .and_then(|v| self.doc.boolean(v, "approximate"))
            .unwrap_or(false);
        let display_date = object
            .get("display_date")
            .and_then(|v| self.doc.string(v, "display_date"));
        let links = match object.get("links") {
            Some(v) => self
                .doc
                .array(v, "links")
                .unwrap_or_default()
                .into_iter()
                .filter_map(|l| self.link(l))
                .collect(),
            None => Vec::new(),
        };
        let fields = object
            .get("fields")
            .map(|v| self.fields(v))
            .unwrap_or_default();
        let (title, start, id, lane) = (title?, start?, id?, lane?);
        if let Some((end, end_at)) = &end
            && end.end() <= start.start()
        {
            self.doc.diags.error(
                *end_at,
                format!("the event ends ({end}) before it starts ({start})"),
            );
        }
        let event = Event {
            id,
            title,
            description,
            start,
            end: end.map(|(d, _)| d),
            lane,
            tags,
            status,
            sources,
            approximate,
            display_date,
            links: Vec::new(),
            fields,
        };
        Some((event, links, id_at))
    }

    /// `"fields": { "name": "value", … }`: a source's further columns, in order.
    fn fields(&mut self, raw: &'a RawValue) -> Vec<(String, String)> {
        let Some(object) = self
            .doc
            .object(raw, "`fields` (an object of names and texts)")
        else {
            return Vec::new();
        };
        object
            .fields
            .iter()
            .filter_map(|(name, value)| {
                let value = self.doc.string_or_number(value, "a field")?;
                Some((name.clone(), value))
            })
            .collect()
    }

    fn default_lane(&mut self) -> usize {
        if let Some(&index) = self.lane_ids.get("") {
            index
        } else {
            let index = self.add_lane(String::new());
            self.lanes[index].title = if self.declared {
                "Other".to_owned()
            } else {
                String::new()
            };
            index
        }
    }

    fn strings(&mut self, raw: &'a RawValue, field: &str) -> Vec<String> {
        self.doc
            .array(raw, field)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| self.doc.string(v, field))
            .collect()
    }

    fn status(&mut self, raw: &RawValue) -> Option<Status> {
        let word = self.doc.string(raw, "status")?;
        let status = Status::parse(&word);
        if status.is_none() {
            let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
            let at = self.doc.offset(raw);
            self.doc.diags.error(
                at,
                format!(
                    "unknown status {}: use one of {}",
                    quote(&word),
                    names.join(", ")
                ),
            );
        }
        status
    }

    fn source(&mut self, raw: &'a RawValue) -> Option<Source> {
        if raw.get().starts_with('"') {
            return self.doc.string(raw, "sources").map(|name| Source {
                name,
                url: None,
                date: None,
            });
        }
        let object = self.doc.object(raw, "a source")?;
        self.doc.check_keys(&object, SOURCE_KEYS, "a source");
        let name = object.get("name").and_then(|v| self.doc.string(v, "name"));
        let url = object.get("url").and_then(|v| self.doc.string(v, "url"));
        let date = object.get("date").and_then(|v| self.date(v, "date"));
        if name.is_none() && url.is_none() {
            let at = self.doc.offset(raw);
            self.doc
                .diags
                .error(at, "a source needs a `name` or a `url`");
            return None;
        }
        if let (Some(url), Some(raw)) = (&url, object.get("url"))
            && web_url(url).is_none()
        {
            let at = self.doc.offset(raw);
            self.doc.diags.warning(
                at,
                format!(
                    "the source URL {} is not a web link (http or https with a host, no hidden characters); it is kept but never opened",
                    quote(url)
                ),
            );
        }
        let name = name.unwrap_or_else(|| url.clone().unwrap_or_default());
        Some(Source { name, url, date })
    }

    fn link(&mut self, raw: &'a RawValue) -> Option<(String, Option<String>, usize)> {
        let at = self.doc.offset(raw);
        if raw.get().starts_with('"') {
            return self.doc.string(raw, "links").map(|to| (to, None, at));
        }
        let object = self.doc.object(raw, "a link")?;
        self.doc.check_keys(&object, LINK_KEYS, "a link");
        let Some(to_raw) = object.get("to") else {
            self.doc
                .diags
                .error(at, "a link needs `to`, the id of the event it points to");
            return None;
        };
        let to = self.doc.string_or_number(to_raw, "to")?;
        let label = object
            .get("label")
            .and_then(|v| self.doc.string(v, "label"));
        Some((to, label, self.doc.offset(to_raw)))
    }

    fn era(&mut self, raw: &'a RawValue) -> Option<Era> {
        let object = self.doc.object(raw, "an era")?;
        self.doc.check_keys(&object, ERA_KEYS, "an era");
        let at = self.doc.offset(raw);
        let title = object
            .get("title")
            .and_then(|v| self.doc.string(v, "title"))
            .unwrap_or_default();
        let (Some(start_raw), Some(end_raw)) = (object.get("start"), object.get("end")) else {
            self.doc.diags.error(at, "an era needs `start` and `end`");
            return None;
        };
        let start = self.date(start_raw, "start");
        let end = self.date(end_raw, "end");
        let color = object.get("color").and_then(|v| self.color(v));
        let (start, end) = (start?, end?);
        if end.end() <= start.start() {
            let at = self.doc.offset(end_raw);
            self.doc.diags.error(
                at,
                format!("the era ends ({end}) before it starts ({start})"),
            );
            return None;
        }
        Some(Era {
            title,
            start,
            end,
            color,
        })
    }

    fn view(&mut self, raw: &'a RawValue) -> Option<(Date, Date)> {
        let object = self.doc.object(raw, "the view")?;
        self.doc.check_keys(&object, VIEW_KEYS, "the view");
        let (Some(start_raw), Some(end_raw)) = (object.get("start"), object.get("end")) else {
            let at = self.doc.offset(raw);
            self.doc.diags.error(at, "the view needs `start` and `end`");
            return None;
        };
        let (start, end) = (self.date(start_raw, "start")?, self.date(end_raw, "end")?);
        if end.end() <= start.start() {
            let at = self.doc.offset(end_raw);
            self.doc.diags.error(
                at,
                format!("the view ends ({end}) before it starts ({start})"),
            );
            return None;
        }
        Some((start, end))
    }
}

// ---- Writing -------------------------------------------------------------

#[derive(Serialize)]
struct FileOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<ViewOut>,
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
        lanes: timeline
            .lanes()
            .iter()
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

/// One event as the native format writes it.
fn event_out<'a>(timeline: &'a Timeline, e: &EventRef<'a>) -> EventOut<'a> {
    EventOut {
        id: e.id(),
        title: e.title(),
        start: e.start().to_iso(),
        end: e.end().as_ref().map(Date::to_iso),
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
