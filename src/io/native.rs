//! Chronoscope's own event file (JSON): reading with positioned diagnostics,
//! and writing (for `convert`).
//!
//! The format is documented in the README and by `assets/chronoscope.schema.json`.
//!
//! This file reads the file as a whole: the root object, lanes, event ids
//! and the links between them, eras and the view. One event's fields are
//! read in `event`, the values inside it (dates, colours, sources, links as
//! written) in `values`; writing is in `write`. A file that
//! [`super::native_fast`] takes never gets here; this reader reads the
//! rest, and says what is wrong and where.

mod event;
mod values;
mod write;

use std::collections::HashMap;

use serde_json::value::RawValue;

pub use self::write::{write, write_events, written_dates};
use super::diag::{Diagnostic, quote, quote_list};
use super::json::{Doc, RawObject};
use crate::model::{Era, Lane, Link, Timeline};
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
const ERA_KEYS: &[&str] = &["title", "start", "end", "color"];
const VIEW_KEYS: &[&str] = &["start", "end"];

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

/// The positioned reader: the document with its diagnostics, and the lanes
/// read so far.
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
