//! The timeline as the program thinks of it: lanes, events, eras, sources.
//!
//! **Architecture invariant:** the model knows nothing of egui, of pixels or
//! of any file format. Readers in `io` push owned [`Event`] records (or
//! borrowed [`EventRecord`]s) into a [`TimelineBuilder`] one at a time;
//! [`TimelineBuilder::build`] checks the cross-references (lanes, links) and
//! builds the compact store and its indexes. After that the model is
//! immutable while it is shown, and the rest of the program reads events
//! only through [`Timeline::event`] and its light [`EventRef`] view, never
//! through the columns.

mod builder;
mod dates;
mod lanes;
mod shown;
mod store;
mod strings;

use std::fmt;

pub use builder::{EventRecord, TimelineBuilder};
pub use dates::DateForm;
pub use lanes::LaneEvents;
pub use shown::ShownLanes;
pub use store::{EventRef, LinkRef, SourceRef, Timeline};

use crate::time::{Bound, Date, Edtf, Qualifiers, TimeRange};

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
    /// Index (file order, as [`Timeline::event`] takes it) of the target.
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
    /// The dates as EDTF wrote them, when `start` and `end` cannot say it
    /// (windows, qualifiers, unspecified digits, open or unknown ends):
    /// then these are what the event means, and `start`/`end` are only
    /// their plain stand-ins ([`Bound::stand_in`]).
    pub edtf: Option<Box<EdtfDates>>,
}

/// An event's start and end as EDTF wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdtfDates {
    /// The start, with its earliest and latest instant.
    pub start: Bound,
    /// The end, for an event that lasts.
    pub end: Option<Bound>,
    /// Both were written in `start` as one interval (`2025-11-03/..`).
    pub one_field: bool,
}

impl EdtfDates {
    /// The dates of an EDTF field, or `None` when a plain date says it all.
    #[must_use]
    pub fn of(start: Edtf, end: Option<Bound>) -> Option<Self> {
        let (start, end, one_field) = match start {
            Edtf::Single(start) => (start, end, false),
            Edtf::Interval { start, end } => (start, Some(end), true),
        };
        // A plain date is kept as a `Date` when that writes it back the same
        // (`Y-13800000000` or an offset `-04` are kept as written).
        let plain = Bound::writes_as_iso;
        if !one_field && plain(&start) && end.as_ref().is_none_or(plain) {
            return None;
        }
        Some(Self {
            start,
            end,
            one_field,
        })
    }

    /// The instants the event covers: from the earliest its start can be
    /// to the latest its end (or start) can be.
    #[must_use]
    pub fn time_range(&self) -> TimeRange {
        let latest = self
            .end
            .as_ref()
            .map_or(self.start.latest(), |e| e.latest().max(self.start.latest()));
        TimeRange::new(self.start.earliest(), latest)
    }
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
            edtf: None,
        }
    }

    /// The start with everything known about it.
    #[must_use]
    pub fn start_bound(&self) -> Bound {
        self.edtf
            .as_ref()
            .map_or_else(|| Bound::from_date(self.start), |d| d.start.clone())
    }

    /// The end with everything known about it; `None` for a moment.
    #[must_use]
    pub fn end_bound(&self) -> Option<Bound> {
        match &self.edtf {
            Some(d) => d.end.clone(),
            None => self.end.map(Bound::from_date),
        }
    }

    /// Sets the dates from EDTF: the bounds, and plain stand-ins in
    /// `start`/`end`.
    pub fn set_edtf(&mut self, dates: EdtfDates) {
        self.start = dates.start.stand_in();
        self.end = dates.end.as_ref().map(Bound::stand_in);
        self.edtf = Some(Box::new(dates));
    }

    /// The instants the event covers, honest about precision: an event dated
    /// `"2025-11"` covers all of November.
    #[must_use]
    pub fn time_range(&self) -> TimeRange {
        if let Some(dates) = &self.edtf {
            return dates.time_range();
        }
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
        dates_in_words(
            &self.start_bound(),
            self.end_bound().as_ref(),
            self.approximate,
        )
    }
}

/// An event's dates in words ("sometime between 3 and 7 November 2025");
/// `approximate` is `"approximate": true`, `~` on both bounds.
#[must_use]
pub fn dates_in_words(start: &Bound, end: Option<&Bound>, approximate: bool) -> String {
    if approximate {
        if let Some(plain) = start.as_date() {
            let end = end.map(Bound::as_date);
            if end.is_none_or(|e| e.is_some()) {
                let span = crate::time::format_span(&plain, end.flatten().as_ref());
                return format!("around {span}");
            }
        }
        let q = Qualifiers::APPROXIMATE;
        crate::time::span_words(&start.qualified(q), end.map(|e| e.qualified(q)).as_ref())
    } else {
        crate::time::span_words(start, end)
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
    /// More events, lanes or text than the compact store indexes (over
    /// four billion events or four gigabytes of text).
    #[error("the timeline is too large: {0}")]
    TooLarge(&'static str),
}

#[cfg(test)]
mod store_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::TimeRange;

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
        let everything = timeline.extent().unwrap_or_else(|| panic!("extent"));
        let by_start: Vec<usize> = timeline.visible(everything).collect();
        assert_eq!(by_start, &[2, 1, 0]);
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
