//! The search index: every event's searchable text, folded once, in a few
//! large shards, plus compact columns for the fields a query tests.
//!
//! A word is found by one SIMD substring scan over a shard's text (memchr's
//! `memmem`), not by a call per event: at a million events that is what
//! keeps a keystroke within its budget. This is also the one place that
//! reads events out of the model, so a change in how the model stores them
//! changes only [`SearchIndex::build`].

use memchr::memmem::Finder;

use super::fold::fold_into;
use crate::model::{Status, Timeline};

/// Events per shard: shards keep offsets in `u32` and are the unit of
/// cancellation (a newer query stops an older one between shards).
pub const SHARD_EVENTS: usize = 1 << 16;

/// A shard stops taking events past this many bytes, so that its offsets
/// (and one more event of up to 2 GiB) fit in `u32`.
const MAX_SHARD_BYTES: usize = 1 << 31;

/// Bytes that open each section of an event's record. They are control
/// characters, which [`fold_into`] never emits, so no folded needle can
/// match across a section, a value or an event.
pub(super) mod marker {
    /// Opens the title.
    pub const TITLE: u8 = 1;
    /// Opens the description.
    pub const DESCRIPTION: u8 = 2;
    /// Opens each source name.
    pub const SOURCE: u8 = 3;
    /// Opens each tag.
    pub const TAG: u8 = 4;
    /// Opens each further field's value.
    pub const FIELD: u8 = 5;
}

/// Per-event flags.
pub(super) mod flag {
    /// The event links to others.
    pub const LINKS: u8 = 1;
    /// It names sources.
    pub const SOURCES: u8 = 2;
    /// It has tags.
    pub const TAGS: u8 = 4;
    /// It has a description.
    pub const DESCRIPTION: u8 = 8;
    /// It has an end.
    pub const END: u8 = 16;
}

/// The folded text of up to [`SHARD_EVENTS`] events.
#[derive(Debug, Default)]
pub(super) struct Shard {
    /// Index of the shard's first event.
    pub first: usize,
    /// The records, one after another.
    pub text: Vec<u8>,
    /// Where each event's record starts in `text`, plus the end.
    pub starts: Vec<u32>,
}

impl Shard {
    /// Calls `hit(local_event)` once for each event in the shard whose
    /// record contains `needle` (in the section opened by `section`, when
    /// given), in order.
    pub fn search(&self, needle: &Finder<'_>, section: Option<u8>, mut hit: impl FnMut(usize)) {
        let mut from = 0;
        let mut event = 0;
        let count = self.starts.len().saturating_sub(1);
        while from < self.text.len() {
            let Some(found) = needle.find(&self.text[from..]) else {
                break;
            };
            let at = from + found;
            event = self.event_at(at, event);
            if section.is_none_or(|s| section_of(&self.text, at) == s) {
                hit(event);
                // One hit per event is all a query needs: skip its record.
                from = self.starts[event + 1] as usize;
                event += 1;
                if event >= count {
                    break;
                }
            } else {
                from = at + 1;
            }
        }
    }

    /// True when local event `local`'s record contains `needle` (in the
    /// section opened by `section`, when given).
    pub fn record_contains(&self, local: usize, needle: &Finder<'_>, section: Option<u8>) -> bool {
        let (start, end) = (self.starts[local] as usize, self.starts[local + 1] as usize);
        let record = &self.text[start..end];
        let mut from = 0;
        while let Some(found) = needle.find(&record[from..]) {
            let at = from + found;
            if section.is_none_or(|s| section_of(record, at) == s) {
                return true;
            }
            from = at + 1;
        }
        false
    }

    /// The event whose record holds byte `at`, searching forward from
    /// `hint` (hits come in order, so a gallop beats a binary search over
    /// the whole shard when hits are dense).
    fn event_at(&self, at: usize, hint: usize) -> usize {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        let starts = &self.starts;
        let mut low = hint;
        let mut step = 1;
        let mut high = hint + 1;
        while high < starts.len() && starts[high] <= at {
            low = high;
            high += step;
            step *= 2;
        }
        let high = high.min(starts.len());
        low + starts[low..high].partition_point(|&s| s <= at) - 1
    }
}

/// The marker of the section that byte `at` lies in.
fn section_of(text: &[u8], at: usize) -> u8 {
    text[..at]
        .iter()
        .rev()
        .copied()
        .find(|&b| b <= marker::FIELD)
        .unwrap_or(marker::TITLE)
}

/// Everything a query needs to know about a timeline's events, built once
/// per timeline (off the UI thread in the window).
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(super) shards: Vec<Shard>,
    /// Each event's lane.
    pub(super) lanes: Vec<u32>,
    /// Each event's status: 0 for none, else 1 + its place in [`Status::ALL`].
    pub(super) statuses: Vec<u8>,
    /// Each event's [`flag`]s.
    pub(super) flags: Vec<u8>,
    /// Each lane's folded id and title.
    pub(super) lane_ids: Vec<String>,
    pub(super) lane_titles: Vec<String>,
}

/// The code stored in [`SearchIndex::statuses`] for a status.
pub(super) fn status_code(status: Option<Status>) -> u8 {
    status.map_or(0, |s| {
        let place = Status::ALL.iter().position(|&x| x == s).unwrap_or(0);
        u8::try_from(place + 1).unwrap_or(0)
    })
}

impl SearchIndex {
    /// Folds every event's text. Linear in the size of the text; about a
    /// third of a second per million short events in a release build.
    #[must_use]
    pub fn build(timeline: &Timeline) -> Self {
        let events = timeline.events();
        let mut index = Self {
            shards: Vec::with_capacity(events.len().div_ceil(SHARD_EVENTS)),
            lanes: Vec::with_capacity(events.len()),
            statuses: Vec::with_capacity(events.len()),
            flags: Vec::with_capacity(events.len()),
            lane_ids: timeline
                .lanes()
                .iter()
                .map(|l| crate::query::fold(&l.id))
                .collect(),
            lane_titles: timeline
                .lanes()
                .iter()
                .map(|l| crate::query::fold(&l.title))
                .collect(),
        };
        let mut first = 0;
        while first < events.len() {
            let mut text = String::new();
            let mut starts = Vec::with_capacity(SHARD_EVENTS.min(events.len() - first) + 1);
            let mut end = first;
            // A shard ends after SHARD_EVENTS events, or earlier when its
            // text nears what a u32 offset can address.
            while end < events.len() && end - first < SHARD_EVENTS && text.len() < MAX_SHARD_BYTES {
                let event = timeline.event(end);
                end += 1;
                starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
                section(&mut text, marker::TITLE, event.title());
                section(&mut text, marker::DESCRIPTION, event.description());
                for source in event.sources() {
                    section(&mut text, marker::SOURCE, source.name);
                }
                for tag in event.tags() {
                    section(&mut text, marker::TAG, tag);
                }
                for (_, value) in event.fields() {
                    section(&mut text, marker::FIELD, value);
                }
                index
                    .lanes
                    .push(u32::try_from(event.lane()).unwrap_or(u32::MAX));
                index.statuses.push(status_code(event.status()));
                let mut flags = 0;
                for (set, bit) in [
                    (event.links().len() > 0, flag::LINKS),
                    (event.sources().len() > 0, flag::SOURCES),
                    (event.tags().len() > 0, flag::TAGS),
                    (!event.description().trim().is_empty(), flag::DESCRIPTION),
                    (!event.is_moment(), flag::END),
                ] {
                    if set {
                        flags |= bit;
                    }
                }
                index.flags.push(flags);
            }
            starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            index.shards.push(Shard {
                first,
                text: text.into_bytes(),
                starts,
            });
            first = end;
        }
        index
    }

    /// The shard holding event `i`, and `i`'s place in it.
    pub(super) fn locate(&self, i: usize) -> Option<(&Shard, usize)> {
        let shard = self
            .shards
            .partition_point(|s| s.first <= i)
            .checked_sub(1)?;
        let shard = &self.shards[shard];
        let local = i - shard.first;
        (local + 1 < shard.starts.len()).then_some((shard, local))
    }

    /// How many events the index covers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lanes.len()
    }

    /// True when it covers no events.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lanes.is_empty()
    }
}

fn section(text: &mut String, marker: u8, value: &str) {
    text.push(char::from(marker));
    fold_into(value, text);
    // `fold_into` does not start with a space after a marker, but it may
    // end with one; a trailing space would let "summit " match across.
    if text.ends_with(' ') {
        text.pop();
    }
}
