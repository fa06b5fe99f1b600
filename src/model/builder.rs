//! Building a timeline one event at a time: readers push owned [`Event`]s
//! or borrowed [`EventRecord`]s (plus tags, sources, fields and links) and
//! call [`TimelineBuilder::build`], which checks references and sorts the
//! hot columns into their per-lane order.

use super::dates::DateForm;
use super::lanes::{Hot, MaxTree};
use super::store::{
    APPROXIMATE, Cold, Details, LinkRec, Meta, NO_END, SourceRec, Timeline, latest,
};
use super::strings::{Span, StrColumn};
use super::{EdtfDates, Era, Event, Lane, ModelError, Status};
use crate::time::{Date, Time, TimeRange};

/// An event's own fields, borrowed: what a reader has in hand before it
/// adds the event's lists with [`TimelineBuilder::add_tag`] and friends.
#[derive(Clone, Copy, Debug)]
pub struct EventRecord<'a> {
    /// Identifier.
    pub id: &'a str,
    /// One-line title.
    pub title: &'a str,
    /// Longer plain text ("" for none).
    pub description: &'a str,
    /// When it began.
    pub start: Date,
    /// When it ended; `None` for a moment.
    pub end: Option<Date>,
    /// Index into the lanes given to [`TimelineBuilder::build`].
    pub lane: usize,
    /// How sure the record is.
    pub status: Option<Status>,
    /// The date is approximate.
    pub approximate: bool,
    /// A date text to show instead of the computed one.
    pub display_date: Option<&'a str>,
    /// The dates as EDTF wrote them, when `start`/`end` are only their
    /// stand-ins.
    pub edtf: Option<&'a EdtfDates>,
}

/// Collects events in file order, then builds the compact [`Timeline`].
#[derive(Debug, Default)]
pub struct TimelineBuilder {
    cold: Cold,
    /// In file order; sorted into slots by `build`.
    starts: Vec<Time>,
    ends: Vec<Time>,
    lanes: Vec<u32>,
    /// Details of the last event pushed, while its lists may still grow.
    pending: Option<Details>,
    /// (from, target, label), in the order added.
    links: Vec<(u32, LinkRec)>,
    /// The first "too large" problem, reported by `build`.
    error: Option<ModelError>,
    /// The smallest range holding every event's finite instants.
    extent: Option<TimeRange>,
}

impl TimelineBuilder {
    /// An empty builder.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder with room for `events` events.
    #[must_use]
    pub fn with_capacity(events: usize) -> Self {
        let mut builder = Self::default();
        builder.cold.ids = StrColumn::with_capacity(events);
        builder.cold.titles = StrColumn::with_capacity(events);
        builder.cold.meta.reserve(events);
        builder.starts.reserve(events);
        builder.ends.reserve(events);
        builder.lanes.reserve(events);
        builder
    }

    /// Events pushed so far.
    #[must_use]
    pub fn len(&self) -> usize {
        self.cold.meta.len()
    }

    /// True before the first push.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cold.meta.is_empty()
    }

    /// The id of event `index`, pushed earlier.
    #[must_use]
    pub fn id(&self, index: usize) -> &str {
        self.cold.ids.get(index)
    }

    /// Renumbers the lanes of every event pushed so far: lane `l` becomes
    /// `map[l]` (for readers that learn the lane order only at the end).
    pub fn remap_lanes(&mut self, map: &[usize]) {
        for lane in &mut self.lanes {
            *lane = map
                .get(*lane as usize)
                .and_then(|&m| u32::try_from(m).ok())
                .unwrap_or(u32::MAX);
        }
    }

    fn note<T>(&mut self, result: Result<T, ModelError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.error.get_or_insert(e);
                None
            }
        }
    }

    /// Appends an event's own fields; returns its index. Its tags, sources
    /// and fields follow with the `add_*` calls before the next push.
    pub fn push_record(&mut self, record: &EventRecord<'_>) -> usize {
        self.flush();
        let index = self.len();
        let result = self.cold.ids.push(record.id);
        self.note(result);
        let result = self.cold.titles.push(record.title);
        self.note(result);
        let (start, end) = match record.edtf {
            // Culling wants the earliest instant an event can begin and the
            // latest it can end.
            Some(dates) => {
                let range = dates.time_range();
                (range.start, range.end)
            }
            None => (
                record.start.start(),
                latest(&record.start, record.end.as_ref()),
            ),
        };
        self.extent = extend(self.extent, record, start, end);
        self.starts.push(start);
        self.ends.push(end);
        self.lanes
            .push(u32::try_from(record.lane).unwrap_or(u32::MAX));
        let status = record.status.map_or(0, |s| {
            let at = Status::ALL.iter().position(|&x| x == s).unwrap_or(0);
            u8::try_from(at + 1).unwrap_or(0)
        });
        self.cold.meta.push(Meta {
            start_form: DateForm::of(&record.start).bits(),
            end_form: record
                .end
                .as_ref()
                .map_or(NO_END, |d| DateForm::of(d).bits()),
            status,
            flags: if record.approximate { APPROXIMATE } else { 0 },
        });
        if let Some(dates) = record.edtf {
            let event = u32::try_from(index).unwrap_or(u32::MAX);
            self.cold.edtf.push((event, dates.clone()));
        }
        if let Some(end_date) = &record.end {
            let back = u64::try_from(end.since(end_date.start())).unwrap_or(0);
            let event = u32::try_from(index).unwrap_or(u32::MAX);
            self.cold.end_backs.push((event, back));
        }
        if !record.description.is_empty() || record.display_date.is_some() {
            let description = self.cold.text.push(record.description);
            let description = self.note(description).unwrap_or(Span::NONE);
            let display = self.cold.text.push_opt(record.display_date);
            let display_date = self.note(display).unwrap_or(Span::NONE);
            self.pending = Some(Details {
                description,
                display_date,
                ..Details::EMPTY
            });
        }
        index
    }

    /// Appends an owned event (its links are added too); returns its index.
    #[allow(clippy::needless_pass_by_value)] // Readers hand over the records they built.
    pub fn push(&mut self, event: Event) -> usize {
        let index = self.push_record(&EventRecord {
            id: &event.id,
            title: &event.title,
            description: &event.description,
            start: event.start,
            end: event.end,
            lane: event.lane,
            status: event.status,
            approximate: event.approximate,
            display_date: event.display_date.as_deref(),
            edtf: event.edtf.as_deref(),
        });
        for tag in &event.tags {
            self.add_tag(tag);
        }
        for source in &event.sources {
            self.add_source(&source.name, source.url.as_deref(), source.date);
        }
        for (key, value) in &event.fields {
            self.add_field(key, value);
        }
        for link in &event.links {
            self.add_link(index, link.target, link.label.as_deref());
        }
        index
    }

    /// Grows one list of the last event's details by one item (at `at`).
    fn grow(&mut self, list: impl Fn(&mut Details) -> &mut Span, at: usize) {
        if self.is_empty() {
            return;
        }
        let span = *list(self.pending.get_or_insert(Details::EMPTY));
        let from = if span.is_none() {
            at
        } else {
            span.range().start
        };
        if let Some(grown) = self.note(Span::items(from, at + 1)) {
            *list(self.pending.get_or_insert(Details::EMPTY)) = grown;
        }
    }

    /// Adds a tag to the last event pushed.
    pub fn add_tag(&mut self, tag: &str) {
        let span = self.cold.text.push(tag);
        if let Some(span) = self.note(span) {
            let at = self.cold.tags.len();
            self.cold.tags.push(span);
            self.grow(|d| &mut d.tags, at);
        }
    }

    /// Adds a source to the last event pushed.
    pub fn add_source(&mut self, name: &str, url: Option<&str>, date: Option<Date>) {
        let name = self.cold.text.push(name);
        let url = self.cold.text.push_opt(url);
        if let (Some(name), Some(url)) = (self.note(name), self.note(url)) {
            let at = self.cold.sources.len();
            self.cold.sources.push(SourceRec { name, url, date });
            self.grow(|d| &mut d.sources, at);
        }
    }

    /// Adds a named value to the last event pushed.
    pub fn add_field(&mut self, key: &str, value: &str) {
        let key = self.cold.text.push(key);
        let value = self.cold.text.push(value);
        if let (Some(key), Some(value)) = (self.note(key), self.note(value)) {
            let at = self.cold.fields.len();
            self.cold.fields.push((key, value));
            self.grow(|d| &mut d.fields, at);
        }
    }

    /// Adds a link from event `from` to event `target` (any event, in any
    /// order: links often name events that come later in a file).
    pub fn add_link(&mut self, from: usize, target: usize, label: Option<&str>) {
        let label = self.cold.link_text.push_opt(label);
        if let Some(label) = self.note(label) {
            let from = u32::try_from(from).unwrap_or(u32::MAX);
            let target = u32::try_from(target).unwrap_or(u32::MAX);
            self.links.push((from, LinkRec { target, label }));
        }
    }

    fn flush(&mut self) {
        if let Some(details) = self.pending.take() {
            let index = u32::try_from(self.len().saturating_sub(1)).unwrap_or(u32::MAX);
            self.cold.details.push((index, details));
        }
    }

    /// Builds the timeline, checking that every event's lane and links
    /// exist. At least one lane always exists: an empty list gets a default
    /// lane.
    ///
    /// # Errors
    /// A [`ModelError`] naming the first broken reference, or saying that
    /// the timeline is too large for the store.
    pub fn build(
        mut self,
        title: impl Into<String>,
        mut lanes: Vec<Lane>,
        eras: Vec<Era>,
    ) -> Result<Timeline, ModelError> {
        self.flush();
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        if lanes.is_empty() {
            lanes.push(Lane::default());
        }
        let n = self.len();
        if u32::try_from(n).is_err() || u32::try_from(lanes.len()).is_err() {
            return Err(ModelError::TooLarge("more than four billion events"));
        }
        // Links grouped by their source event, in the order each was added.
        self.links.sort_by_key(|(from, _)| *from);
        self.check(lanes.len())?;
        self.attach_links();
        let hot = self.sort_hot(lanes.len());
        let mut cold = self.cold;
        cold.ids.shrink();
        cold.titles.shrink();
        cold.text.shrink();
        cold.link_text.shrink();
        cold.meta.shrink_to_fit();
        cold.end_backs.shrink_to_fit();
        cold.edtf.shrink_to_fit();
        cold.details.shrink_to_fit();
        cold.tags.shrink_to_fit();
        cold.sources.shrink_to_fit();
        cold.links.shrink_to_fit();
        cold.fields.shrink_to_fit();
        let event_extent = self.extent;
        Ok(Timeline {
            title: title.into(),
            description: String::new(),
            initial_view: None,
            lanes,
            eras,
            hot,
            cold,
            event_extent,
        })
    }

    /// The first broken reference in event order (lane before links).
    fn check(&self, lanes: usize) -> Result<(), ModelError> {
        let n = self.len();
        let bad_lane = self.lanes.iter().position(|&l| l as usize >= lanes);
        let bad_link = self
            .links
            .iter()
            .find(|(_, link)| link.target as usize >= n)
            .map(|&(from, link)| (from as usize, link.target as usize));
        match (bad_lane, bad_link) {
            (Some(event), link) if link.is_none_or(|(from, _)| event <= from) => {
                Err(ModelError::MissingLane {
                    event,
                    lane: self.lanes[event] as usize,
                    lanes,
                })
            }
            (_, Some((event, target))) => Err(ModelError::MissingLinkTarget { event, target }),
            _ => Ok(()),
        }
    }

    /// Moves the sorted links into the arena and the events' details.
    fn attach_links(&mut self) {
        if self.links.is_empty() {
            return;
        }
        let links = std::mem::take(&mut self.links);
        let old = std::mem::take(&mut self.cold.details);
        let mut merged = Vec::with_capacity(old.len() + links.len());
        let mut old = old.into_iter().peekable();
        let mut at = 0;
        while at < links.len() {
            let from = links[at].0;
            let group_end = at + links[at..].iter().take_while(|(f, _)| *f == from).count();
            while let Some(entry) = old.next_if(|(i, _)| *i < from) {
                merged.push(entry);
            }
            let mut details = old
                .next_if(|(i, _)| *i == from)
                .map_or(Details::EMPTY, |e| e.1);
            let first = self.cold.links.len();
            self.cold
                .links
                .extend(links[at..group_end].iter().map(|(_, link)| *link));
            details.links = Span::items(first, self.cold.links.len()).unwrap_or(Span::NONE);
            merged.push((from, details));
            at = group_end;
        }
        merged.extend(old);
        self.cold.details = merged;
    }

    /// Sorts the instants into slots: by lane (a counting sort), then by
    /// (start, end, file index) within each lane, unstable but total.
    fn sort_hot(&mut self, lanes: usize) -> Hot {
        let mut bounds = vec![0_u32; lanes + 1];
        for &lane in &self.lanes {
            bounds[lane as usize + 1] += 1;
        }
        for l in 0..lanes {
            bounds[l + 1] += bounds[l];
        }
        let mut next = bounds.clone();
        let mut file_of = vec![0_u32; self.len()];
        for (i, &lane) in self.lanes.iter().enumerate() {
            let slot = &mut next[lane as usize];
            file_of[*slot as usize] = u32::try_from(i).unwrap_or(u32::MAX);
            *slot += 1;
        }
        self.lanes = Vec::new();
        let (starts, ends) = (&self.starts, &self.ends);
        for lane in 0..lanes {
            let run = &mut file_of[bounds[lane] as usize..bounds[lane + 1] as usize];
            run.sort_unstable_by_key(|&i| (starts[i as usize], ends[i as usize], i));
        }
        let pick = |column: &[Time]| -> Vec<Time> {
            file_of.iter().map(|&i| column[i as usize]).collect()
        };
        let slot_starts = pick(&self.starts);
        self.starts = Vec::new();
        let slot_ends = pick(&self.ends);
        self.ends = Vec::new();
        let mut slot_of = vec![0_u32; file_of.len()];
        for (slot, &i) in file_of.iter().enumerate() {
            slot_of[i as usize] = u32::try_from(slot).unwrap_or(u32::MAX);
        }
        let mut ends_sorted = slot_ends.clone();
        let mut trees = Vec::with_capacity(lanes);
        for lane in 0..lanes {
            let run = bounds[lane] as usize..bounds[lane + 1] as usize;
            ends_sorted[run.clone()].sort_unstable();
            trees.push(MaxTree::new(
                &slot_starts[run.clone()],
                &slot_ends[run.clone()],
                &ends_sorted[run],
            ));
        }
        Hot {
            starts: slot_starts,
            ends: slot_ends,
            file_of,
            slot_of,
            ends_sorted,
            lane_bounds: bounds,
            trees,
        }
    }
}

/// `extent` grown by an event covering `start`..`end`. A side with no
/// limit (`[..x]`, an unknown end) adds only its finite instants, so "fit
/// all" shows the dates that were written, not the whole axis.
fn extend(
    extent: Option<TimeRange>,
    record: &EventRecord<'_>,
    start: Time,
    end: Time,
) -> Option<TimeRange> {
    let finite = |t: &Time| *t > Time::min_value() && *t < Time::max_value();
    // Folded, not collected: this runs once per event, millions of times.
    let (low, high) = match record.edtf {
        Some(dates) => {
            let mut instants = std::iter::once(&dates.start)
                .chain(dates.end.as_ref())
                .flat_map(|b| [b.earliest(), b.latest()])
                .filter(finite);
            let Some(first) = instants.next() else {
                return extent;
            };
            instants.fold((first, first), |(low, high), t| (low.min(t), high.max(t)))
        }
        None => (start.min(end), start.max(end)),
    };
    let range = TimeRange::new(low, high);
    Some(extent.map_or(range, |e| e.union(range)))
}
