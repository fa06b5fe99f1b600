//! The fast path for well-formed native files: one typed `serde_json` pass
//! that streams each event straight into the [`TimelineBuilder`], borrowing
//! every string that has no escapes.
//!
//! It accepts only what the positioned reader ([`super::native`]) would
//! accept without a single warning, and it gives up (returns `None`) at the
//! first thing it does not take: unknown or repeated keys, numbers where it
//! expects strings, impossible dates, unknown lanes, duplicate ids, links
//! to nowhere. The positioned reader then reads the file again and reports
//! every problem with its line and column, so diagnostics are exactly as
//! good as before, and a well-formed file is read once, quickly. Both build
//! identical timelines (a property test checks it).
//!
//! This file walks the root object and streams the events. The typed
//! shapes of the file are in `shapes`; what can only be decided after the
//! last event (lane order, ids, links, eras, the view) is in `resolve`.

mod resolve;
mod shapes;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use self::shapes::{FastEra, FastEvent, FastLane, FastLink, FastSource, FastView, Key};
use super::links::web_url;
use crate::model::{
    EdtfDates, Era, EventRecord, Lane, ModelError, Status, Timeline, TimelineBuilder,
};
use crate::time::{Bound, Date, Edtf};

/// The timeline in `text` if it is a well-formed native file without a
/// single warning; `None` sends the caller to the positioned reader.
#[must_use]
pub fn read(text: &str, default_title: &str) -> Option<Timeline> {
    read_with_progress(text, default_title, &mut |_| true)
}

/// As [`read`], calling `progress` with the bytes read so far about every
/// 64 KB; reading stops (`None`) when it returns false.
pub fn read_with_progress(
    text: &str,
    default_title: &str,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Timeline> {
    parse(text, default_title, progress)?.build().ok()
}

/// Everything of a well-formed native file, owned: the text it came from
/// can be dropped before [`Parsed::build`] sorts the columns (a 1 GB file's
/// bytes need not stay in memory while its ten million events are indexed).
pub struct Parsed {
    builder: TimelineBuilder,
    title: String,
    description: String,
    lanes: Vec<Lane>,
    eras: Vec<Era>,
    view: Option<(Date, Date)>,
}

impl Parsed {
    /// Sorts and indexes the events into the timeline.
    ///
    /// # Errors
    /// When the file holds more than the store can address.
    pub fn build(self) -> Result<Timeline, ModelError> {
        let mut timeline = self.builder.build(self.title, self.lanes, self.eras)?;
        timeline.description = self.description;
        timeline.initial_view = self.view;
        Ok(timeline)
    }
}

/// The first half of [`read_with_progress`]: reads `text` into a
/// [`Parsed`] that no longer borrows it.
pub fn parse(
    text: &str,
    default_title: &str,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Parsed> {
    let mut state = State {
        text_start: text.as_ptr() as usize,
        text_len: text.len(),
        progress,
        next_report: 0,
        // Columns reserved up front (an event takes at least this many
        // bytes of JSON) are not copied as they grow; pages reserved but
        // never touched cost no memory.
        builder: TimelineBuilder::with_capacity(text.len() / 128),
        lane_ids: HashMap::new(),
        lane_order: Vec::new(),
        default_lane: None,
        links: Vec::new(),
        root: Root::default(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    RootSeed(&mut state).deserialize(&mut de).ok()?;
    de.end().ok()?;
    state.finish(default_title)
}

/// The root object's members other than `events`, kept for the end.
#[derive(Default)]
struct Root<'a> {
    title: Option<Cow<'a, str>>,
    description: Option<Cow<'a, str>>,
    lanes: Option<Vec<FastLane<'a>>>,
    eras: Option<Vec<FastEra<'a>>>,
    view: Option<FastView<'a>>,
    has_events: bool,
}

/// A lane id as the events name it; `None` for an event without `lane`.
type LaneKey<'a> = Option<Cow<'a, str>>;

/// What the pass carries from event to event, and into [`State::finish`].
struct State<'a, 'p> {
    text_start: usize,
    text_len: usize,
    progress: &'p mut dyn FnMut(usize) -> bool,
    next_report: usize,
    builder: TimelineBuilder,
    /// Lanes in order of first use by an event (final order is known only
    /// at the end: `lanes` may come after `events`).
    lane_ids: HashMap<LaneKey<'a>, usize>,
    lane_order: Vec<LaneKey<'a>>,
    default_lane: Option<usize>,
    /// (from, to id, label), resolved once every id is known.
    links: Vec<(usize, Cow<'a, str>, Option<Cow<'a, str>>)>,
    root: Root<'a>,
}

/// Any error: the caller falls back to the positioned reader, which says
/// what and where.
fn give_up<E: de::Error>() -> E {
    E::custom("not on the fast path")
}

struct RootSeed<'s, 'a, 'p>(&'s mut State<'a, 'p>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for RootSeed<'_, 'a, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for RootSeed<'_, 'a, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timeline object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if seen.contains(&key) {
                return Err(give_up());
            }
            match key.as_ref() {
                "$schema" | "version" => {
                    map.next_value::<IgnoredAny>()?;
                }
                "title" => self.0.root.title = map.next_value()?,
                "description" => self.0.root.description = map.next_value()?,
                "lanes" => self.0.root.lanes = map.next_value()?,
                "eras" => self.0.root.eras = map.next_value()?,
                "view" => self.0.root.view = map.next_value()?,
                "events" => {
                    let has_events = map.next_value_seed(EventsSeed(&mut *self.0))?;
                    self.0.root.has_events = has_events;
                }
                _ => return Err(give_up()),
            }
            seen.push(key);
        }
        Ok(())
    }
}

/// The `events` array (or `null`, which the positioned reader reports).
struct EventsSeed<'s, 'a, 'p>(&'s mut State<'a, 'p>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for EventsSeed<'_, 'a, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for EventsSeed<'_, 'a, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of events")
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while let Some(event) = seq.next_element::<FastEvent<'de>>()? {
            // The title borrows from the text: its address says how far
            // the reader has come.
            let at = (event.title.as_ptr() as usize).saturating_sub(self.0.text_start);
            if at >= self.0.next_report && at <= self.0.text_len {
                self.0.next_report = at + (1 << 16);
                if !(self.0.progress)(at) {
                    return Err(give_up());
                }
            }
            self.0.event(event).ok_or_else(give_up)?;
        }
        Ok(true)
    }
}

fn date(text: &str) -> Option<Date> {
    Date::parse(text).ok()
}

impl<'a> State<'a, '_> {
    fn event(&mut self, e: FastEvent<'a>) -> Option<()> {
        let index = self.builder.len();
        // Anything wrong with a date is the positioned reader's to report.
        let field = Edtf::parse(&e.start).ok()?;
        let end = match &e.end {
            Some(text) => Some(Bound::parse(text).ok()?),
            None => None,
        };
        if end.is_some() && field.end().is_some() {
            return None;
        }
        if end
            .as_ref()
            .is_some_and(|end| end.latest() <= field.start().earliest())
        {
            return None;
        }
        let (start_bound, end_bound) = (field.start().clone(), field.end().cloned());
        let end = end_bound.or(end);
        let (start, end_date) = (start_bound.stand_in(), end.as_ref().map(Bound::stand_in));
        let edtf = EdtfDates::of(field, end);
        let end = end_date;
        let status = match &e.status {
            Some(word) => Some(Status::parse(word)?),
            None => None,
        };
        let lane = self.lane(&e.lane);
        let generated;
        let id = if let Some(id) = &e.id {
            id.as_ref()
        } else {
            generated = format!("event-{}", index + 1);
            &generated
        };
        self.builder.push_record(&EventRecord {
            id,
            title: &e.title,
            description: e.description.as_deref().unwrap_or_default(),
            start,
            end,
            lane,
            status,
            approximate: e.approximate.unwrap_or(false),
            display_date: e.display_date.as_deref(),
            edtf: edtf.as_ref(),
        });
        for tag in e.tags.iter().flatten() {
            self.builder.add_tag(tag);
        }
        for FastSource(source) in e.sources.into_iter().flatten() {
            let date = match &source.date {
                Some(text) => Some(date(text)?),
                None => None,
            };
            // A URL that is not a web link gets a warning: the positioned
            // reader's job.
            if source
                .url
                .as_deref()
                .is_some_and(|url| web_url(url).is_none())
            {
                return None;
            }
            let name = match (&source.name, &source.url) {
                (Some(name), _) => name.as_ref(),
                (None, Some(url)) => url.as_ref(),
                (None, None) => return None,
            };
            self.builder.add_source(name, source.url.as_deref(), date);
        }
        for (key, value) in e.fields.iter().flat_map(|f| f.0.iter()) {
            self.builder.add_field(key, value);
        }
        for FastLink(link) in e.links.into_iter().flatten() {
            self.links.push((index, link.to, link.label));
        }
        Some(())
    }

    fn lane(&mut self, key: &LaneKey<'a>) -> usize {
        if key.is_none()
            && let Some(lane) = self.default_lane
        {
            return lane;
        }
        let lane = if let Some(&lane) = self.lane_ids.get(key) {
            lane
        } else {
            let lane = self.lane_order.len();
            self.lane_ids.insert(key.clone(), lane);
            self.lane_order.push(key.clone());
            lane
        };
        if key.is_none() {
            self.default_lane = Some(lane);
        }
        lane
    }
}
