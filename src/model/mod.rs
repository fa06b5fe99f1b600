//! The timeline as the program thinks of it: lanes, events, eras, sources.
//!
//! **Architecture invariant:** the model knows nothing of egui, of pixels or
//! of any file format. Readers in `io` build it through [`Timeline::new`],
//! which checks the cross-references (lanes, links) and sorts an index by
//! time; after that the model is immutable while it is shown.

use std::collections::HashMap;
use std::fmt;

use crate::time::{Date, Time, TimeRange};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb` or `#rgb` (the `#` is optional).
    #[must_use]
    pub fn parse_hex(text: &str) -> Option<Self> {
        let hex = text.trim().trim_start_matches('#');
        let byte = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 if hex.is_ascii() => Some(Self(
                byte(&hex[0..2])?,
                byte(&hex[2..4])?,
                byte(&hex[4..6])?,
            )),
            3 if hex.is_ascii() => {
                let one = |s: &str| byte(s).map(|v| v * 17);
                Some(Self(one(&hex[0..1])?, one(&hex[1..2])?, one(&hex[2..3])?))
            }
            _ => None,
        }
    }

    /// `#rrggbb`.
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// How sure the record is about an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Established by the record.
    Confirmed,
    /// Reported by a source, not independently confirmed.
    Reported,
    /// Asserted by an interested party.
    Claimed,
    /// Circulating without a named source.
    Rumoured,
    /// Denied by a party to it.
    Denied,
    /// Sources disagree.
    Disputed,
}

impl Status {
    /// Every status, in the order a legend lists them.
    pub const ALL: [Self; 6] = [
        Self::Confirmed,
        Self::Reported,
        Self::Claimed,
        Self::Rumoured,
        Self::Denied,
        Self::Disputed,
    ];

    /// The lower-case word used in files and on screen.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Reported => "reported",
            Self::Claimed => "claimed",
            Self::Rumoured => "rumoured",
            Self::Denied => "denied",
            Self::Disputed => "disputed",
        }
    }

    /// The status named by `word` (also accepts the US spelling "rumored").
    #[must_use]
    pub fn parse(word: &str) -> Option<Self> {
        let word = word.trim().to_ascii_lowercase();
        if word == "rumored" {
            return Some(Self::Rumoured);
        }
        Self::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a claim comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// Publisher or person ("Reuters").
    pub name: String,
    /// A link to the source, as written (only http/https are ever opened).
    pub url: Option<String>,
    /// When the source published it.
    pub date: Option<Date>,
}

/// A horizontal band of events sharing a subject ("Kremlin").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lane {
    /// Identifier events refer to.
    pub id: String,
    /// Title shown at the left edge.
    pub title: String,
    /// Colour of the lane's events; a palette colour when `None`.
    pub color: Option<Rgb>,
}

/// A directed link from one event to another ("led to").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// Index into [`Timeline::events`] of the target.
    pub target: usize,
    /// What the link means, if said.
    pub label: Option<String>,
}

/// Something that happened, at a date written with its own precision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Identifier, unique within the timeline (generated when a file has none).
    pub id: String,
    /// One-line title.
    pub title: String,
    /// Longer plain text.
    pub description: String,
    /// When it began (or happened).
    pub start: Date,
    /// When it ended, for events that last; `None` for a moment.
    pub end: Option<Date>,
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// How sure the record is.
    pub status: Option<Status>,
    /// Where the claim comes from.
    pub sources: Vec<Source>,
    /// The date is approximate ("c. 1500", a fuzzy event).
    pub approximate: bool,
    /// A date text to show instead of the computed one ("Spring 1944").
    pub display_date: Option<String>,
    /// Links to other events.
    pub links: Vec<Link>,
    /// Further named values the source carried (a table's other columns,
    /// a calendar's location), in the source's order: shown in the details
    /// panel and searched by find.
    pub fields: Vec<(String, String)>,
}

impl Event {
    /// A moment-event with only the required fields.
    #[must_use]
    pub fn new(title: impl Into<String>, start: Date) -> Self {
        Self {
            id: String::new(),
            title: title.into(),
            description: String::new(),
            start,
            end: None,
            lane: 0,
            tags: Vec::new(),
            status: None,
            sources: Vec::new(),
            approximate: false,
            display_date: None,
            links: Vec::new(),
            fields: Vec::new(),
        }
    }

    /// The instants the event covers, honest about precision: an event dated
    /// `"2025-11"` covers all of November.
    #[must_use]
    pub fn time_range(&self) -> TimeRange {
        let end = self
            .end
            .as_ref()
            .map_or_else(|| self.start.end(), Date::end);
        TimeRange::new(self.start.start(), end.max(self.start.end()))
    }

    /// True when the event has no end: a moment, drawn as a marker.
    #[must_use]
    pub const fn is_moment(&self) -> bool {
        self.end.is_none()
    }

    /// The event's date as a person reads it ("5–7 November 2025").
    #[must_use]
    pub fn date_text(&self) -> String {
        if let Some(text) = &self.display_date {
            return text.clone();
        }
        let text = crate::time::format_span(&self.start, self.end.as_ref());
        if self.approximate {
            format!("c. {text}")
        } else {
            text
        }
    }
}

/// A named period drawn as a background band ("The Cold War").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Era {
    /// Title shown on the band.
    pub title: String,
    /// First date of the era.
    pub start: Date,
    /// Last date of the era (inclusive at its precision).
    pub end: Date,
    /// Band colour; a soft palette colour when `None`.
    pub color: Option<Rgb>,
}

impl Era {
    /// The instants the era covers.
    #[must_use]
    pub fn time_range(&self) -> TimeRange {
        TimeRange::new(self.start.start(), self.end.end().max(self.start.end()))
    }
}

/// Why a set of events, lanes and links does not make a timeline.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// An event names a lane index that does not exist.
    #[error("event {event} refers to lane {lane}, but there are only {lanes} lanes")]
    MissingLane {
        /// Event index.
        event: usize,
        /// Lane index it named.
        lane: usize,
        /// Number of lanes.
        lanes: usize,
    },
    /// A link points past the end of the events.
    #[error("event {event} links to event {target}, which does not exist")]
    MissingLinkTarget {
        /// Event index.
        event: usize,
        /// Target index.
        target: usize,
    },
}

/// A whole timeline: what a file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// Title of the whole timeline.
    pub title: String,
    /// Plain-text description.
    pub description: String,
    lanes: Vec<Lane>,
    events: Vec<Event>,
    eras: Vec<Era>,
    /// The range a viewer opens on; all events when `None`.
    pub initial_view: Option<(Date, Date)>,
    /// Each event's [`Event::time_range`], computed once: calendar
    /// arithmetic per event per frame would not fit a frame budget.
    ranges: Vec<TimeRange>,
    /// Event indices sorted by start time (then end), for culling.
    by_start: Vec<u32>,
    /// The longest event's length, so culling by start can look back far
    /// enough to find long events that began before the visible range.
    longest_nanos: i128,
    /// Per lane: its events in start order, so a lane's events in any range
    /// are found by binary search, never by a scan of the whole timeline.
    lane_indexes: Vec<LaneIndex>,
}

/// One lane's events sorted by start time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LaneIndex {
    /// Event indices (into [`Timeline::events`]) in start order.
    pub events: Vec<u32>,
    /// Their start times, in the same order.
    pub starts: Vec<Time>,
    /// The lane's longest event, in nanoseconds.
    pub longest_nanos: i128,
}

impl LaneIndex {
    /// Positions in [`Self::events`] of the events that start inside
    /// `range`, as a half-open interval.
    #[must_use]
    pub fn starting_in(&self, range: TimeRange) -> std::ops::Range<usize> {
        let first = self.starts.partition_point(|&t| t < range.start);
        let last = self.starts.partition_point(|&t| t < range.end);
        first..last.max(first)
    }

    /// Positions of the events that may overlap `range`: those starting
    /// inside it, plus those starting up to one longest event before it.
    #[must_use]
    pub fn candidates(&self, range: TimeRange) -> std::ops::Range<usize> {
        let look_back = Time(range.start.0.saturating_sub(self.longest_nanos));
        self.starting_in(TimeRange::new(look_back, range.end.max(look_back)))
    }
}

impl Timeline {
    /// Builds a timeline, checking that every event's lane and links exist.
    /// At least one lane always exists: an empty list gets a default lane.
    ///
    /// # Errors
    /// A [`ModelError`] naming the first broken reference.
    pub fn new(
        title: impl Into<String>,
        mut lanes: Vec<Lane>,
        events: Vec<Event>,
        eras: Vec<Era>,
    ) -> Result<Self, ModelError> {
        if lanes.is_empty() {
            lanes.push(Lane {
                id: String::new(),
                title: String::new(),
                color: None,
            });
        }
        for (i, event) in events.iter().enumerate() {
            if event.lane >= lanes.len() {
                return Err(ModelError::MissingLane {
                    event: i,
                    lane: event.lane,
                    lanes: lanes.len(),
                });
            }
            if let Some(link) = event.links.iter().find(|l| l.target >= events.len()) {
                return Err(ModelError::MissingLinkTarget {
                    event: i,
                    target: link.target,
                });
            }
        }
        let ranges: Vec<TimeRange> = events.iter().map(Event::time_range).collect();
        let mut by_start: Vec<u32> = (0..u32::try_from(events.len()).unwrap_or(u32::MAX)).collect();
        by_start.sort_by_key(|&i| {
            let r = ranges[i as usize];
            (r.start, r.end)
        });
        let longest_nanos = ranges.iter().map(|r| r.len_nanos()).max().unwrap_or(0);
        let mut lane_indexes = vec![LaneIndex::default(); lanes.len()];
        for &i in &by_start {
            let (event, range) = (&events[i as usize], ranges[i as usize]);
            let index = &mut lane_indexes[event.lane];
            index.events.push(i);
            index.starts.push(range.start);
            index.longest_nanos = index.longest_nanos.max(range.len_nanos());
        }
        Ok(Self {
            title: title.into(),
            description: String::new(),
            lanes,
            events,
            eras,
            initial_view: None,
            ranges,
            by_start,
            longest_nanos,
            lane_indexes,
        })
    }

    /// A timeline with nothing in it.
    #[must_use]
    pub fn empty() -> Self {
        Self {
            title: "Untitled".to_owned(),
            description: String::new(),
            lanes: vec![Lane::default()],
            events: Vec::new(),
            eras: Vec::new(),
            initial_view: None,
            ranges: Vec::new(),
            by_start: Vec::new(),
            longest_nanos: 0,
            lane_indexes: vec![LaneIndex::default()],
        }
    }

    /// The instants event `index` covers (cached [`Event::time_range`]).
    #[must_use]
    pub fn range_of(&self, index: usize) -> TimeRange {
        self.ranges[index]
    }

    /// The lanes, top to bottom.
    #[must_use]
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// The events in file order.
    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The eras in file order.
    #[must_use]
    pub fn eras(&self) -> &[Era] {
        &self.eras
    }

    /// Event indices sorted by start time.
    #[must_use]
    pub fn by_start(&self) -> &[u32] {
        &self.by_start
    }

    /// Lane `lane`'s events in start order.
    #[must_use]
    pub fn lane_index(&self, lane: usize) -> Option<&LaneIndex> {
        self.lane_indexes.get(lane)
    }

    /// Index of the event with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
    }

    /// Indices (into [`Self::events`]) of the events that overlap `range`,
    /// in start order. Binary search: cost is proportional to what is
    /// visible, plus the events that start within one "longest event"
    /// before the range.
    pub fn visible(&self, range: TimeRange) -> impl Iterator<Item = usize> + '_ {
        let look_back = Time(range.start.0.saturating_sub(self.longest_nanos));
        let first = self
            .by_start
            .partition_point(|&i| self.ranges[i as usize].start < look_back);
        let last = self
            .by_start
            .partition_point(|&i| self.ranges[i as usize].start < range.end);
        self.by_start[first..last]
            .iter()
            .map(|&i| i as usize)
            .filter(move |&i| self.ranges[i].overlaps(range))
    }

    /// The smallest range holding every event and era; `None` when empty.
    #[must_use]
    pub fn extent(&self) -> Option<TimeRange> {
        let events = self.ranges.iter().copied();
        let eras = self.eras.iter().map(Era::time_range);
        events.chain(eras).reduce(TimeRange::union)
    }

    /// Event counts per lane, for summaries.
    #[must_use]
    pub fn lane_counts(&self) -> HashMap<usize, usize> {
        let mut counts = HashMap::new();
        for event in &self.events {
            *counts.entry(event.lane).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn visible_finds_long_events_that_began_earlier() {
        let mut long = Event::new("long", date("2000"));
        long.end = Some(date("2030"));
        let short = Event::new("short", date("2025-10-16"));
        let before = Event::new("before", date("1990"));
        let timeline = Timeline::new("t", Vec::new(), vec![short, long, before], Vec::new())
            .unwrap_or_else(|e| panic!("{e}"));
        let range = TimeRange::new(date("2025-10").start(), date("2025-10").end());
        let visible: Vec<usize> = timeline.visible(range).collect();
        assert_eq!(visible, vec![1, 0]);
        assert_eq!(timeline.by_start(), &[2, 1, 0]);
    }

    #[test]
    fn missing_lane_is_an_error() {
        let mut event = Event::new("x", date("2025"));
        event.lane = 3;
        assert!(matches!(
            Timeline::new("t", Vec::new(), vec![event], Vec::new()),
            Err(ModelError::MissingLane { lane: 3, .. })
        ));
    }

    #[test]
    fn month_event_covers_the_month() {
        let event = Event::new("x", date("2025-11"));
        assert_eq!(
            event.time_range(),
            TimeRange::new(date("2025-11-01").start(), date("2025-12-01").start())
        );
        assert_eq!(event.date_text(), "November 2025");
    }

    #[test]
    fn colours_and_statuses() {
        assert_eq!(Rgb::parse_hex("#b03a2e"), Some(Rgb(0xb0, 0x3a, 0x2e)));
        assert_eq!(Rgb::parse_hex("fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse_hex("#12345"), None);
        assert_eq!(Rgb(1, 2, 255).to_hex(), "#0102ff");
        assert_eq!(Status::parse("Denied"), Some(Status::Denied));
        assert_eq!(Status::parse("rumored"), Some(Status::Rumoured));
        assert_eq!(Status::parse("maybe"), None);
    }
}
