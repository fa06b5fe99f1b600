//! One event of a native file: its keys, title, id, lane, tags, status,
//! sources, links and fields, and the check that it does not end before it
//! starts.
//!
//! It does not know the file around the event: whether an id is unique or a
//! link's target exists is decided by the caller once every event is read,
//! and lanes are looked up through the reader. Dates, sources and links are
//! read in `super::values`.

use serde_json::value::RawValue;

use super::{PendingLink, Reader};
use crate::io::diag::quote;
use crate::io::json::RawObject;
use crate::model::{EdtfDates, Event, Status};
use crate::time::{Bound, Edtf, bound_words};

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

impl<'a> Reader<'_, 'a> {
    /// Event `index` (0-based, in file order), its links as written, and
    /// where its id is written (for a "duplicate id" error).
    pub(super) fn event(
        &mut self,
        raw: &'a RawValue,
        index: usize,
    ) -> Option<(Event, Vec<PendingLink>, usize)> {
        let object = self.doc.object(raw, "an event")?;
        self.doc.check_keys(&object, EVENT_KEYS, "an event");
        let at = self.doc.offset(raw);
        let title = if let Some(v) = object.get("title") {
            self.doc.string(v, "title")
        } else {
            self.doc.diags.error(at, "an event needs a `title`");
            None
        };
        let (start, end) = self.event_dates(&object, at);
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
        let (start_bound, end_bound) = (start.start().clone(), start.end().cloned());
        if let Some((end, end_at)) = &end
            && end_bound.is_none()
            && end.latest() <= start_bound.earliest()
        {
            self.doc.diags.error(
                *end_at,
                format!(
                    "the event ends ({}) before it starts ({})",
                    bound_words(end),
                    bound_words(&start_bound)
                ),
            );
        }
        let end = end_bound.or_else(|| end.map(|(b, _)| b));
        let mut event = Event::new(title, start_bound.stand_in());
        event.id = id;
        event.description = description;
        event.end = end.as_ref().map(Bound::stand_in);
        event.lane = lane;
        event.tags = tags;
        event.status = status;
        event.sources = sources;
        event.approximate = approximate;
        event.display_date = display_date;
        event.fields = fields;
        if let Some(dates) = EdtfDates::of(start, end) {
            event.set_edtf(dates);
        }
        Some((event, links, id_at))
    }

    /// An event's `start` (a bound or an interval) and `end` (a bound,
    /// with its offset), each reported where it is wrong.
    fn event_dates(
        &mut self,
        object: &RawObject<'a>,
        at: usize,
    ) -> (Option<Edtf>, Option<(Bound, usize)>) {
        let start = if let Some(v) = object.get("start") {
            self.edtf_date(v, "start")
        } else {
            self.doc.diags.error(at, "an event needs a `start` date");
            None
        };
        let end = object.get("end").and_then(|v| {
            let end_at = self.doc.offset(v);
            match self.edtf_date(v, "end")? {
                Edtf::Single(bound) => Some((bound, end_at)),
                Edtf::Interval { .. } => {
                    self.doc.diags.error(
                        end_at,
                        "`end` cannot be an interval: write the interval in `start` alone",
                    );
                    None
                }
            }
        });
        if let (Some(Edtf::Interval { .. }), Some((_, end_at))) = (&start, &end) {
            self.doc.diags.error(
                *end_at,
                "`start` is already an interval (`a/b`), so the event takes no `end`",
            );
        }
        (start, end)
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
}
