//! A filter's view of the lanes: the same per-lane columns as the store's
//! (starts, sorted ends, max-end tree) over only the events a filter shows,
//! so layout culls, counts and bins a filtered timeline exactly as it does
//! a whole one, without copying any event.

use super::lanes::{Hot, LaneEvents, MaxTree};
use super::store::Timeline;

/// Per lane, the events a filter lets through (for layout's `Params::shown`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownLanes {
    hot: Hot,
}

impl ShownLanes {
    /// The events of `timeline` for which `keep(file_index)` holds, lane by
    /// lane, in the store's slot order. Linear in the number of events.
    #[must_use]
    pub fn new(timeline: &Timeline, keep: impl Fn(usize) -> bool) -> Self {
        let all = &timeline.hot;
        let lanes = all.lane_bounds.len().saturating_sub(1);
        let mut hot = Hot {
            lane_bounds: vec![0],
            ..Hot::default()
        };
        for lane in 0..lanes {
            let first = hot.starts.len();
            for slot in all.lane_slots(lane) {
                if keep(all.file_of[slot] as usize) {
                    hot.starts.push(all.starts[slot]);
                    hot.ends.push(all.ends[slot]);
                    hot.file_of.push(all.file_of[slot]);
                }
            }
            let mut ends = hot.ends[first..].to_vec();
            ends.sort_unstable();
            hot.trees.push(MaxTree::new(
                &hot.starts[first..],
                &hot.ends[first..],
                &ends,
            ));
            hot.ends_sorted.extend(ends);
            hot.lane_bounds
                .push(u32::try_from(hot.starts.len()).unwrap_or(u32::MAX));
        }
        Self { hot }
    }

    /// Lane `lane`'s shown events.
    #[must_use]
    pub fn lane(&self, lane: usize) -> Option<LaneEvents<'_>> {
        LaneEvents::new(&self.hot, lane)
    }

    /// How many events are shown in all.
    #[must_use]
    pub fn len(&self) -> usize {
        self.hot.starts.len()
    }

    /// True when nothing is shown.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.hot.starts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Lane};
    use crate::time::{Date, TimeRange};

    #[test]
    fn shown_lanes_cull_and_count_like_the_whole_store() {
        let lanes: Vec<Lane> = (0..3)
            .map(|i| Lane {
                id: format!("l{i}"),
                ..Lane::default()
            })
            .collect();
        let events: Vec<Event> = (0..300)
            .map(|i| {
                let mut e = Event::new(format!("e{i}"), Date::year(1800 + i64::from(i)));
                e.lane = usize::try_from(i % 3).unwrap_or(0);
                if i == 7 {
                    e.end = Date::year(2099).into();
                }
                e
            })
            .collect();
        let timeline =
            Timeline::new("t", lanes, events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
        let keep = |i: usize| i % 2 == 1;
        let shown = ShownLanes::new(&timeline, keep);
        assert_eq!(shown.len(), 150);
        let range = TimeRange::new(Date::year(1950).start(), Date::year(1960).end());
        for lane in 0..3 {
            let all = timeline.lane_index(lane).unwrap_or_else(|| panic!("lane"));
            let part = shown.lane(lane).unwrap_or_else(|| panic!("lane"));
            let expected: Vec<usize> = all
                .overlapping(range)
                .into_iter()
                .filter(|&i| keep(i))
                .collect();
            assert_eq!(part.overlapping(range), expected, "lane {lane}");
            assert_eq!(part.count_overlapping(range), expected.len());
        }
        // The long event (7, kept) reaches into the range from far back.
        assert!(
            shown
                .lane(1)
                .is_some_and(|l| l.overlapping(range).contains(&7))
        );
    }
}
