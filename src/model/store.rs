//! The compact event store: hot columns (instants, lanes, in slot order,
//! see `lanes`) and cold details in file order, with strings in arenas and
//! lists only for the events that have them. [`EventRef`] is the one way
//! the rest of the program reads an event.

use std::collections::HashMap;

use super::dates::DateForm;
use super::lanes::{Hot, LaneEvents};
use super::strings::{Arena, Span, StrColumn};
use super::{EdtfDates, Era, Event, Lane, Link, ModelError, Source, Status};
use crate::time::{Bound, Date, Time, TimeRange};

/// Per event: how its dates were written, its status and flags (6 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Meta {
    pub start_form: u16,
    /// [`NO_END`] for a moment.
    pub end_form: u16,
    /// 0 for none, else 1 + the index in [`Status::ALL`].
    pub status: u8,
    pub flags: u8,
}

/// `Meta::end_form` of a moment.
pub(super) const NO_END: u16 = u16::MAX;
/// `Meta::flags`: the date is approximate.
pub(super) const APPROXIMATE: u8 = 1;

/// The rarely read parts of an event that has any (spans into the arenas).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Details {
    pub description: Span,
    pub display_date: Span,
    pub tags: Span,
    pub sources: Span,
    pub links: Span,
    pub fields: Span,
}

impl Details {
    pub const EMPTY: Self = Self {
        description: Span::NONE,
        display_date: Span::NONE,
        tags: Span::NONE,
        sources: Span::NONE,
        links: Span::NONE,
        fields: Span::NONE,
    };
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SourceRec {
    pub name: Span,
    pub url: Span,
    pub date: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LinkRec {
    pub target: u32,
    pub label: Span,
}

/// Everything but the instants, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Cold {
    pub ids: StrColumn,
    pub titles: StrColumn,
    pub meta: Vec<Meta>,
    /// For events with an end: (event, nanoseconds from the end date's
    /// first instant to the event's latest instant), by event.
    pub end_backs: Vec<(u32, u64)>,
    /// (event, details) for the events that have any, by event.
    pub details: Vec<(u32, Details)>,
    pub text: Arena,
    /// Link labels apart: links are added in any order, and keeping their
    /// text apart keeps the other arena the same whichever order it was.
    pub link_text: Arena,
    pub tags: Vec<Span>,
    pub sources: Vec<SourceRec>,
    pub links: Vec<LinkRec>,
    pub fields: Vec<(Span, Span)>,
    /// (event, its EDTF dates) for the events written with them, by event.
    pub edtf: Vec<(u32, EdtfDates)>,
}

/// A whole timeline: what a file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// Title of the whole timeline.
    pub title: String,
    /// Plain-text description.
    pub description: String,
    /// The range a viewer opens on; all events when `None`.
    pub initial_view: Option<(Date, Date)>,
    pub(super) lanes: Vec<Lane>,
    pub(super) eras: Vec<Era>,
    pub(super) hot: Hot,
    pub(super) cold: Cold,
    /// The smallest range holding every event.
    pub(super) event_extent: Option<TimeRange>,
}

impl Timeline {
    /// Builds a timeline from owned events, checking that every event's lane
    /// and links exist. At least one lane always exists: an empty list gets
    /// a default lane. (A convenience over [`super::TimelineBuilder`].)
    ///
    /// # Errors
    /// A [`ModelError`] naming the first broken reference.
    pub fn new(
        title: impl Into<String>,
        lanes: Vec<Lane>,
        events: Vec<Event>,
        eras: Vec<Era>,
    ) -> Result<Self, ModelError> {
        let mut builder = super::TimelineBuilder::with_capacity(events.len());
        for event in events {
            builder.push(event);
        }
        builder.build(title, lanes, eras)
    }

    /// A timeline with nothing in it.
    #[must_use]
    pub fn empty() -> Self {
        let mut timeline = super::TimelineBuilder::new()
            .build("Untitled", Vec::new(), Vec::new())
            .unwrap_or_else(|_| unreachable_empty());
        "Untitled".clone_into(&mut timeline.title);
        timeline
    }

    /// How many events there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.cold.meta.len()
    }

    /// True when there is no event.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cold.meta.is_empty()
    }

    /// Event `index` (file order).
    ///
    /// # Panics
    /// When `index` is not below [`Self::len`], like indexing a slice.
    #[must_use]
    pub fn event(&self, index: usize) -> EventRef<'_> {
        assert!(index < self.len(), "event {index} of {}", self.len());
        EventRef {
            timeline: self,
            index,
        }
    }

    /// Event `index`, or `None` past the end.
    #[must_use]
    pub fn get(&self, index: usize) -> Option<EventRef<'_>> {
        (index < self.len()).then_some(EventRef {
            timeline: self,
            index,
        })
    }

    /// The events in file order.
    #[must_use]
    pub fn events(&self) -> impl ExactSizeIterator<Item = EventRef<'_>> + DoubleEndedIterator {
        (0..self.len()).map(|index| EventRef {
            timeline: self,
            index,
        })
    }

    /// Owned copies of every event, in file order (for tests and
    /// conversions; costs a heap allocation per field).
    #[must_use]
    pub fn to_events(&self) -> Vec<Event> {
        self.events().map(|e| e.to_event()).collect()
    }

    /// The instants event `index` covers ([`Event::time_range`]).
    #[must_use]
    pub fn range_of(&self, index: usize) -> TimeRange {
        let slot = self.hot.slot_of[index] as usize;
        TimeRange {
            start: self.hot.starts[slot],
            end: self.hot.ends[slot],
        }
    }

    /// The lanes, top to bottom.
    #[must_use]
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// The eras in file order.
    #[must_use]
    pub fn eras(&self) -> &[Era] {
        &self.eras
    }

    /// Lane `lane`'s events in start order, with its culling and counting
    /// queries.
    #[must_use]
    pub fn lane_index(&self, lane: usize) -> Option<LaneEvents<'_>> {
        LaneEvents::new(&self.hot, lane)
    }

    /// Index of the event with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.cold.ids.get(i) == id)
    }

    /// Indices of the events that overlap `range`, in start order (then
    /// end, then file order). Cost follows what overlaps, however long the
    /// longest event is.
    ///
    /// The start an event sorts by is its start's stated instant: the
    /// earliest it can be, or, when nothing limits it on the left
    /// (`[..2025-10-24]`), the latest — culling alone uses the unlimited
    /// earliest.
    pub fn visible(&self, range: TimeRange) -> impl Iterator<Item = usize> + '_ {
        let mut found: Vec<usize> = (0..self.lanes.len())
            .filter_map(|lane| self.lane_index(lane))
            .flat_map(|lane| lane.overlapping(range))
            .collect();
        found.sort_unstable_by_key(|&i| {
            let r = self.range_of(i);
            (self.stated_start(i), r.end, i)
        });
        found.into_iter()
    }

    /// The instant event `index` sorts by: its start's earliest instant,
    /// or its latest when nothing limits it on the left (see
    /// [`Self::visible`]).
    #[must_use]
    pub fn stated_start(&self, index: usize) -> Time {
        let earliest = self.range_of(index).start;
        if self.cold.edtf.is_empty() {
            return earliest;
        }
        self.event(index)
            .edtf()
            .map_or(earliest, |d| d.start.stand_in().start())
    }

    /// The instant event `index` ends by, as stated: the latest instant of
    /// its end (or of its start, for a moment), or the earliest when
    /// nothing limits it on the right (`[2025-11-03..]`, an open end).
    #[must_use]
    pub fn stated_end(&self, index: usize) -> Time {
        let latest = self.range_of(index).end;
        if self.cold.edtf.is_empty() {
            return latest;
        }
        self.event(index).edtf().map_or(latest, |d| {
            let end = d.end.as_ref().unwrap_or(&d.start);
            if end.latest() < Time::max_value() {
                end.latest()
            } else {
                end.earliest()
            }
        })
    }

    /// Every event's index, in start order (then end, then file order).
    pub fn by_start(&self) -> impl Iterator<Item = usize> + '_ {
        let everything = self.event_extent.unwrap_or(TimeRange {
            start: Time::EPOCH,
            end: Time::EPOCH,
        });
        self.visible(everything)
    }

    /// The smallest range holding every event and era; `None` when empty.
    #[must_use]
    pub fn extent(&self) -> Option<TimeRange> {
        let eras = self.eras.iter().map(Era::time_range);
        self.event_extent
            .into_iter()
            .chain(eras)
            .reduce(TimeRange::union)
    }

    /// Event counts per lane, for summaries.
    #[must_use]
    pub fn lane_counts(&self) -> HashMap<usize, usize> {
        (0..self.lanes.len())
            .map(|lane| (lane, self.hot.lane_slots(lane).len()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    fn details(&self, index: usize) -> &Details {
        let Ok(index32) = u32::try_from(index) else {
            return &Details::EMPTY;
        };
        self.cold
            .details
            .binary_search_by_key(&index32, |(i, _)| *i)
            .map_or(&Details::EMPTY, |at| &self.cold.details[at].1)
    }
}

/// `TimelineBuilder::build` of nothing cannot fail; this keeps `empty`
/// free of a panic path all the same.
fn unreachable_empty() -> Timeline {
    Timeline {
        title: String::new(),
        description: String::new(),
        initial_view: None,
        lanes: vec![Lane::default()],
        eras: Vec::new(),
        hot: Hot {
            lane_bounds: vec![0, 0],
            trees: vec![super::lanes::MaxTree::default()],
            ..Hot::default()
        },
        cold: Cold::default(),
        event_extent: None,
    }
}

/// A source as stored, borrowed from the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceRef<'t> {
    /// Publisher or person.
    pub name: &'t str,
    /// A link to the source, as written.
    pub url: Option<&'t str>,
    /// When the source published it.
    pub date: Option<Date>,
}

/// A link as stored, borrowed from the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkRef<'t> {
    /// Index of the target event.
    pub target: usize,
    /// What the link means, if said.
    pub label: Option<&'t str>,
}

/// A light view of one event: two words, every field read on demand.
#[derive(Clone, Copy, Debug)]
pub struct EventRef<'t> {
    timeline: &'t Timeline,
    index: usize,
}

impl<'t> EventRef<'t> {
    fn meta(&self) -> Meta {
        self.timeline.cold.meta[self.index]
    }

    fn details(&self) -> &'t Details {
        self.timeline.details(self.index)
    }

    /// Its index (file order).
    #[must_use]
    pub const fn index(&self) -> usize {
        self.index
    }

    /// Identifier, unique within the timeline.
    #[must_use]
    pub fn id(&self) -> &'t str {
        self.timeline.cold.ids.get(self.index)
    }

    /// One-line title.
    #[must_use]
    pub fn title(&self) -> &'t str {
        self.timeline.cold.titles.get(self.index)
    }

    /// Longer plain text ("" when none).
    #[must_use]
    pub fn description(&self) -> &'t str {
        self.timeline.cold.text.get(self.details().description)
    }

    /// The instants it covers.
    #[must_use]
    pub fn range(&self) -> TimeRange {
        self.timeline.range_of(self.index)
    }

    /// The dates as EDTF wrote them, when a plain date cannot say it.
    #[must_use]
    pub fn edtf(&self) -> Option<&'t EdtfDates> {
        let index = u32::try_from(self.index).ok()?;
        let all = &self.timeline.cold.edtf;
        all.binary_search_by_key(&index, |(i, _)| *i)
            .ok()
            .map(|at| &all[at].1)
    }

    /// When it began, as written (a plain stand-in for an EDTF start).
    #[must_use]
    pub fn start(&self) -> Date {
        if let Some(dates) = self.edtf() {
            return dates.start.stand_in();
        }
        DateForm::from_bits(self.meta().start_form).date_at(self.range().start)
    }

    /// The start with everything known about it.
    #[must_use]
    pub fn start_bound(&self) -> Bound {
        self.edtf()
            .map_or_else(|| Bound::from_date(self.start()), |d| d.start.clone())
    }

    /// The end with everything known about it; `None` for a moment.
    #[must_use]
    pub fn end_bound(&self) -> Option<Bound> {
        match self.edtf() {
            Some(d) => d.end.clone(),
            None => self.end().map(Bound::from_date),
        }
    }

    /// When it ended, as written; `None` for a moment.
    #[must_use]
    pub fn end(&self) -> Option<Date> {
        let form = self.meta().end_form;
        if form == NO_END {
            return None;
        }
        if let Some(dates) = self.edtf() {
            return dates.end.as_ref().map(Bound::stand_in);
        }
        let backs = &self.timeline.cold.end_backs;
        let index = u32::try_from(self.index).ok()?;
        let at = backs.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        let start = self.range().end.add_nanos(-i128::from(backs[at].1));
        Some(DateForm::from_bits(form).date_at(start))
    }

    /// True when it has no end: a moment, drawn as a marker.
    #[must_use]
    pub fn is_moment(&self) -> bool {
        self.meta().end_form == NO_END
    }

    /// Index into [`Timeline::lanes`].
    #[must_use]
    pub fn lane(&self) -> usize {
        let hot = &self.timeline.hot;
        hot.lane_of_slot(hot.slot_of[self.index] as usize)
    }

    /// How sure the record is.
    #[must_use]
    pub fn status(&self) -> Option<Status> {
        let code = self.meta().status;
        code.checked_sub(1)
            .and_then(|i| Status::ALL.get(usize::from(i)).copied())
    }

    /// The date is approximate.
    #[must_use]
    pub fn approximate(&self) -> bool {
        self.meta().flags & APPROXIMATE != 0
    }

    /// A date text to show instead of the computed one.
    #[must_use]
    pub fn display_date(&self) -> Option<&'t str> {
        self.timeline.cold.text.get_opt(self.details().display_date)
    }

    /// Free-form tags.
    #[must_use]
    pub fn tags(&self) -> impl ExactSizeIterator<Item = &'t str> + Clone + use<'t> {
        let cold = &self.timeline.cold;
        cold.tags[self.details().tags.range()]
            .iter()
            .map(|&span| cold.text.get(span))
    }

    /// Where the claim comes from.
    #[must_use]
    pub fn sources(&self) -> impl ExactSizeIterator<Item = SourceRef<'t>> + Clone + use<'t> {
        let cold = &self.timeline.cold;
        cold.sources[self.details().sources.range()]
            .iter()
            .map(|s| SourceRef {
                name: cold.text.get(s.name),
                url: cold.text.get_opt(s.url),
                date: s.date,
            })
    }

    /// Links to other events.
    #[must_use]
    pub fn links(&self) -> impl ExactSizeIterator<Item = LinkRef<'t>> + Clone + use<'t> {
        let cold = &self.timeline.cold;
        cold.links[self.details().links.range()]
            .iter()
            .map(|l| LinkRef {
                target: l.target as usize,
                label: cold.link_text.get_opt(l.label),
            })
    }

    /// Further named values the source carried, in the source's order.
    #[must_use]
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (&'t str, &'t str)> + Clone + use<'t> {
        let cold = &self.timeline.cold;
        cold.fields[self.details().fields.range()]
            .iter()
            .map(|&(k, v)| (cold.text.get(k), cold.text.get(v)))
    }

    /// The event's date as a person reads it ("5–7 November 2025").
    #[must_use]
    pub fn date_text(&self) -> String {
        if let Some(text) = self.display_date() {
            return text.to_owned();
        }
        super::dates_in_words(
            &self.start_bound(),
            self.end_bound().as_ref(),
            self.approximate(),
        )
    }

    /// An owned copy of the event.
    #[must_use]
    pub fn to_event(&self) -> Event {
        Event {
            id: self.id().to_owned(),
            title: self.title().to_owned(),
            description: self.description().to_owned(),
            start: self.start(),
            end: self.end(),
            lane: self.lane(),
            tags: self.tags().map(str::to_owned).collect(),
            status: self.status(),
            sources: self
                .sources()
                .map(|s| Source {
                    name: s.name.to_owned(),
                    url: s.url.map(str::to_owned),
                    date: s.date,
                })
                .collect(),
            approximate: self.approximate(),
            display_date: self.display_date().map(str::to_owned),
            links: self
                .links()
                .map(|l| Link {
                    target: l.target,
                    label: l.label.map(str::to_owned),
                })
                .collect(),
            fields: self
                .fields()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            edtf: self.edtf().cloned().map(Box::new),
        }
    }
}

/// The latest instant `start`..`end` covers, as [`Event::time_range`]
/// computes it.
pub(super) fn latest(start: &Date, end: Option<&Date>) -> Time {
    end.map_or_else(|| start.end(), Date::end).max(start.end())
}
