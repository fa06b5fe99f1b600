//! A timeline cut down to the events a query matched (`convert --filter`).

use super::Matches;
use crate::model::{Event, Link, Timeline};

/// The events of `timeline` in `keep`, in file order, with only the lanes
/// they use (in the original order) and only the links between kept
/// events. Title, description, eras and the initial view stay.
#[must_use]
pub fn subset(timeline: &Timeline, keep: &Matches) -> Timeline {
    let n = timeline.len();
    let mut new_index = vec![usize::MAX; n];
    let mut lane_used = vec![false; timeline.lanes().len()];
    for (n, i) in keep.iter().filter(|&i| i < n).enumerate() {
        new_index[i] = n;
        lane_used[timeline.event(i).lane()] = true;
    }
    let mut new_lane = vec![0; lane_used.len()];
    let mut lanes = Vec::new();
    for (i, lane) in timeline.lanes().iter().enumerate() {
        if lane_used[i] {
            new_lane[i] = lanes.len();
            lanes.push(lane.clone());
        }
    }
    let kept: Vec<Event> = keep
        .iter()
        .filter(|&i| i < n)
        .map(|i| {
            let mut event = timeline.event(i).to_event();
            event.lane = new_lane[event.lane];
            event.links = event
                .links
                .iter()
                .filter(|l| new_index[l.target] != usize::MAX)
                .map(|l| Link {
                    target: new_index[l.target],
                    label: l.label.clone(),
                })
                .collect();
            event
        })
        .collect();
    // Every lane and link was remapped onto what is kept, so the
    // references hold; an error here would be a bug, and an empty
    // timeline is the safe answer.
    let mut out = Timeline::new(
        timeline.title.clone(),
        lanes,
        kept,
        timeline.eras().to_vec(),
    )
    .unwrap_or_else(|_| Timeline::empty());
    out.description.clone_from(&timeline.description);
    out.initial_view = timeline.initial_view;
    out
}
