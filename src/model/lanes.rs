//! The hot part of the store: each event's earliest and latest instant in
//! compact columns ordered by (lane, start, end), with what culling and
//! binning need per lane: sorted starts (the column itself), sorted ends
//! (so the events overlapping any range are *counted* with two binary
//! searches) and a max-end tree over the start order (so they are *found*
//! without scanning back to the start of the longest event).

use std::ops::Range;

use crate::time::{Time, TimeRange};

/// Events per leaf of the max-end tree: small enough that a leaf holding a
/// long event costs little to scan, large enough that the tree is tiny
/// (two instants per 64 events).
const BLOCK: usize = 64;

/// Columns in slot order: slots are the events sorted by (lane, start,
/// end, file index), so each lane is one contiguous run of slots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Hot {
    /// Earliest instant of each slot's event.
    pub starts: Vec<Time>,
    /// Latest instant (exclusive) of each slot's event.
    pub ends: Vec<Time>,
    /// File index of each slot's event.
    pub file_of: Vec<u32>,
    /// Slot of each event, by file index.
    pub slot_of: Vec<u32>,
    /// Per lane run, the same ends sorted ascending.
    pub ends_sorted: Vec<Time>,
    /// Lane `l` holds slots `lane_bounds[l]..lane_bounds[l + 1]`.
    pub lane_bounds: Vec<u32>,
    /// Per lane, the max-end tree over its run.
    pub trees: Vec<MaxTree>,
}

/// Maximum end per block of [`BLOCK`] slots, then per pair of blocks, and
/// so on up to one root; and every [`SAMPLE`]-th start and sorted end, so
/// that a binary search first runs in a small array that stays in cache
/// (binning a lane of a million events does two searches per bin edge:
/// plain searches over 16 MB columns would miss the cache at every step).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct MaxTree {
    levels: Vec<Vec<Time>>,
    start_samples: Vec<Time>,
    end_samples: Vec<Time>,
}

/// One sample per this many events in a lane's search samples.
const SAMPLE: usize = 64;

/// `sorted.partition_point(below)`, searching `samples` (every
/// [`SAMPLE`]-th element of `sorted`) first.
fn sampled_partition(sorted: &[Time], samples: &[Time], below: impl Fn(Time) -> bool) -> usize {
    let j = samples.partition_point(|&s| below(s));
    if j == 0 {
        return 0;
    }
    // sorted[(j - 1) * SAMPLE] is below; sorted[j * SAMPLE], if any, is not.
    let from = (j - 1) * SAMPLE + 1;
    let to = (j * SAMPLE).min(sorted.len());
    from + sorted[from.min(to)..to].partition_point(|&t| below(t))
}

/// `sorted.partition_point(below)` when the answer is known to be at
/// least `lo` (a count for an earlier instant): an exponential search
/// forward from `lo`, so a sweep of increasing instants (a lane's bin
/// edges) reads near where the last search ended instead of from the top
/// of the column. A wrong `lo` (an element before it not below) is caught
/// and the whole column searched.
fn gallop(sorted: &[Time], lo: usize, below: impl Fn(Time) -> bool) -> usize {
    let lo = lo.min(sorted.len());
    if lo > 0 && !below(sorted[lo - 1]) {
        return sorted.partition_point(|&t| below(t));
    }
    // Everything before `start` is below; `sorted[end]`, if any, is not.
    let (mut start, mut end, mut step) = (lo, lo, 1_usize);
    while end < sorted.len() && below(sorted[end]) {
        start = end + 1;
        end = start.saturating_add(step).min(sorted.len());
        step = step.saturating_mul(2);
    }
    start + sorted[start..end].partition_point(|&t| below(t))
}

/// [`sampled_partition`] for an answer known to be at least `lo`: the
/// samples are galloped from `lo`'s, then one block is searched.
fn sampled_partition_from(
    sorted: &[Time],
    samples: &[Time],
    lo: usize,
    below: impl Fn(Time) -> bool,
) -> usize {
    let j = gallop(samples, lo / SAMPLE, &below);
    if j == 0 {
        return 0;
    }
    let from = (j - 1) * SAMPLE + 1;
    let to = (j * SAMPLE).min(sorted.len());
    from + sorted[from.min(to)..to].partition_point(|&t| below(t))
}

impl MaxTree {
    /// The tree over one lane's ends (in start order), with the search
    /// samples of its starts and sorted ends.
    pub fn new(starts: &[Time], ends: &[Time], ends_sorted: &[Time]) -> Self {
        if ends.is_empty() {
            return Self::default();
        }
        let sample = |column: &[Time]| column.iter().step_by(SAMPLE).copied().collect();
        let mut levels = vec![
            ends.chunks(BLOCK)
                .map(|c| c.iter().copied().max().unwrap_or_default())
                .collect::<Vec<Time>>(),
        ];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let below = levels.last().map(Vec::as_slice).unwrap_or_default();
            let up = below
                .chunks(2)
                .map(|c| c.iter().copied().max().unwrap_or_default())
                .collect();
            levels.push(up);
        }
        Self {
            levels,
            start_samples: sample(starts),
            end_samples: sample(ends_sorted),
        }
    }
}

impl Hot {
    /// The slots of lane `lane`.
    pub fn lane_slots(&self, lane: usize) -> Range<usize> {
        let at = |l: usize| self.lane_bounds.get(l).map_or(0, |&b| b as usize);
        at(lane)..at(lane + 1).max(at(lane))
    }

    /// The lane a slot belongs to.
    pub fn lane_of_slot(&self, slot: usize) -> usize {
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        self.lane_bounds
            .partition_point(|&b| b <= slot)
            .saturating_sub(1)
    }
}

/// One lane's events, in start order, as culling and binning read them.
/// Positions (`pos`) count from the lane's first event.
#[derive(Clone, Debug)]
pub struct LaneEvents<'t> {
    hot: &'t Hot,
    tree: &'t MaxTree,
    slots: Range<usize>,
}

impl<'t> LaneEvents<'t> {
    pub(super) fn new(hot: &'t Hot, lane: usize) -> Option<Self> {
        let tree = hot.trees.get(lane)?;
        Some(Self {
            hot,
            tree,
            slots: hot.lane_slots(lane),
        })
    }

    /// How many events the lane holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when the lane holds no event.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The lane's earliest instants, ascending.
    #[must_use]
    pub fn starts(&self) -> &'t [Time] {
        &self.hot.starts[self.slots.clone()]
    }

    /// The lane's latest instants, ascending (not in start order).
    #[must_use]
    pub fn ends_sorted(&self) -> &'t [Time] {
        &self.hot.ends_sorted[self.slots.clone()]
    }

    /// File index of the event at `pos` in start order.
    #[must_use]
    pub fn event_at(&self, pos: usize) -> usize {
        self.hot.file_of[self.slots.start + pos] as usize
    }

    /// The instants covered by the event at `pos`.
    #[must_use]
    pub fn range_at(&self, pos: usize) -> TimeRange {
        let slot = self.slots.start + pos;
        TimeRange {
            start: self.hot.starts[slot],
            end: self.hot.ends[slot],
        }
    }

    /// Events that start before `t`.
    #[must_use]
    pub fn starting_before(&self, t: Time) -> usize {
        sampled_partition(self.starts(), &self.tree.start_samples, |s| s < t)
    }

    /// Events that have ended by `t` (their latest instant is at or before it).
    #[must_use]
    pub fn ended_by(&self, t: Time) -> usize {
        sampled_partition(self.ends_sorted(), &self.tree.end_samples, |e| e <= t)
    }

    /// [`Self::starting_before`] for a `t` at or after an instant before
    /// which `known` events start: cheaper when `t` is near it (a sweep).
    #[must_use]
    pub fn starting_before_from(&self, t: Time, known: usize) -> usize {
        sampled_partition_from(self.starts(), &self.tree.start_samples, known, |s| s < t)
    }

    /// [`Self::ended_by`] for a `t` at or after an instant by which `known`
    /// events ended: cheaper when `t` is near it (a sweep).
    #[must_use]
    pub fn ended_by_from(&self, t: Time, known: usize) -> usize {
        sampled_partition_from(self.ends_sorted(), &self.tree.end_samples, known, |e| {
            e <= t
        })
    }

    /// Positions of the events that start inside `range` (half-open).
    #[must_use]
    pub fn starting_in(&self, range: TimeRange) -> Range<usize> {
        let first = self.starting_before(range.start);
        first..self.starting_before(range.end).max(first)
    }

    /// How many events overlap `range`, exactly, in two binary searches:
    /// those that start before its end less those that ended by its start
    /// (which all started before it too).
    #[must_use]
    pub fn count_overlapping(&self, range: TimeRange) -> usize {
        self.starting_before(range.end)
            .saturating_sub(self.ended_by(range.start))
    }

    /// Positions, in start order, of the events that overlap `range`: the
    /// ones that began before it and reach into it (found through the
    /// max-end tree, touching only blocks that hold such an event), then
    /// those that start inside it.
    #[must_use]
    pub fn overlapping_positions(&self, range: TimeRange) -> Vec<usize> {
        let inside = self.starting_in(range);
        let mut out = Vec::new();
        if let Some(top) = self.tree.levels.len().checked_sub(1) {
            for node in 0..self.tree.levels[top].len() {
                self.reaching(top, node, range.start, inside.start, &mut out);
            }
        }
        out.extend(inside);
        out
    }

    /// File indices, in start order, of the events that overlap `range`.
    #[must_use]
    pub fn overlapping(&self, range: TimeRange) -> Vec<usize> {
        self.overlapping_positions(range)
            .into_iter()
            .map(|pos| self.event_at(pos))
            .collect()
    }

    /// Positions below `upto` under tree node (`level`, `node`) whose event
    /// ends after `after`, in order.
    fn reaching(&self, level: usize, node: usize, after: Time, upto: usize, out: &mut Vec<usize>) {
        let first = (node << level) * BLOCK;
        if first >= upto || self.tree.levels[level][node] <= after {
            return;
        }
        if level == 0 {
            let last = (first + BLOCK).min(upto).min(self.len());
            let ends = &self.hot.ends[self.slots.start..self.slots.end];
            out.extend((first..last).filter(|&pos| ends[pos] > after));
            return;
        }
        for child in [2 * node, 2 * node + 1] {
            if child < self.tree.levels[level - 1].len() {
                self.reaching(level - 1, child, after, upto, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sampled_search_is_a_plain_search(
            mut values in prop::collection::vec(-500_i128..500, 0..700),
            probe in -600_i128..600,
        ) {
            values.sort_unstable();
            let sorted: Vec<Time> = values.into_iter().map(Time).collect();
            let samples: Vec<Time> = sorted.iter().step_by(SAMPLE).copied().collect();
            let t = Time(probe);
            prop_assert_eq!(
                sampled_partition(&sorted, &samples, |x| x < t),
                sorted.partition_point(|&x| x < t)
            );
            prop_assert_eq!(
                sampled_partition(&sorted, &samples, |x| x <= t),
                sorted.partition_point(|&x| x <= t)
            );
        }

        #[test]
        fn a_sweep_from_a_known_count_is_a_plain_search(
            mut values in prop::collection::vec(-500_i128..500, 0..2000),
            mut probes in prop::collection::vec(-600_i128..600, 1..60),
            wrong_hint in 0_usize..3000,
        ) {
            values.sort_unstable();
            probes.sort_unstable();
            let sorted: Vec<Time> = values.into_iter().map(Time).collect();
            let samples: Vec<Time> = sorted.iter().step_by(SAMPLE).copied().collect();
            let (mut before, mut by) = (0, 0);
            for &probe in &probes {
                let t = Time(probe);
                before = sampled_partition_from(&sorted, &samples, before, |x| x < t);
                by = sampled_partition_from(&sorted, &samples, by, |x| x <= t);
                prop_assert_eq!(before, sorted.partition_point(|&x| x < t));
                prop_assert_eq!(by, sorted.partition_point(|&x| x <= t));
                prop_assert_eq!(gallop(&sorted, 0, |x| x < t), before);
            }
            // A hint past the answer is caught, never believed.
            let t = Time(probes[0]);
            prop_assert_eq!(
                sampled_partition_from(&sorted, &samples, wrong_hint, |x| x < t),
                sorted.partition_point(|&x| x < t)
            );
            prop_assert_eq!(gallop(&sorted, wrong_hint, |x| x < t), sorted.partition_point(|&x| x < t));
        }
    }
}
