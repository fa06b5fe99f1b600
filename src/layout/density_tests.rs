//! Aggregation never hides an event: in a binned lane every event that
//! overlaps the view is counted in the occupancy of a bin it overlaps, and
//! the bars count exactly the events that start in their bins; in an item
//! lane every such event is an item or counted in a "+N".

use proptest::prelude::*;

use super::*;
use crate::model::{Event, Lane, Timeline};
use crate::time::{Date, NANOS_PER_DAY, NANOS_PER_MIN, Precision};

fn minute(m: i128) -> Date {
    Date::from_time(
        Time(20_000 * NANOS_PER_DAY + m * NANOS_PER_MIN),
        Precision::Minute,
    )
}

fn lanes(n: usize) -> Vec<Lane> {
    (0..n)
        .map(|i| Lane {
            id: format!("l{i}"),
            title: format!("L{i}"),
            color: None,
        })
        .collect()
}

/// Checks both promises for every lane; returns how many lanes were binned.
fn assert_every_event_is_represented(timeline: &Timeline, layout: &Layout) -> usize {
    let view = layout.view.range();
    let mut binned = 0;
    for lane in &layout.lanes {
        let in_view: Vec<usize> = (0..timeline.len())
            .filter(|&i| timeline.event(i).lane() == lane.lane)
            .filter(|&i| timeline.range_of(i).overlaps(view))
            .collect();
        assert_eq!(lane.visible_events, in_view.len());
        if lane.dense {
            binned += 1;
            let bins: Vec<&DensityBin> = layout
                .density
                .iter()
                .filter(|b| b.lane == lane.lane)
                .collect();
            for &i in &in_view {
                let r = timeline.range_of(i);
                assert!(
                    bins.iter()
                        .any(|b| b.overlapping > 0 && b.range.overlaps(r)),
                    "event {i} ({r:?}) is in no bin's occupancy"
                );
            }
            if let (Some(first), Some(last)) = (bins.first(), bins.last()) {
                let binned_range = TimeRange::new(first.range.start, last.range.end);
                let starting = (0..timeline.len())
                    .filter(|&i| timeline.event(i).lane() == lane.lane)
                    .filter(|&i| {
                        let s = timeline.range_of(i).start;
                        s >= binned_range.start && s < binned_range.end
                    })
                    .count();
                let counted: u64 = bins.iter().map(|b| u64::from(b.count)).sum();
                assert_eq!(
                    counted, starting as u64,
                    "bars count the events starting in range"
                );
            }
        } else {
            for &i in &in_view {
                let drawn = layout.item_of(i).is_some();
                let counted = layout.overflows.iter().any(|o| o.events.contains(&i));
                assert!(
                    drawn || counted,
                    "event {i} ({:?}, lane {}, {} visible) is neither drawn nor in a +N; view {view:?}, width {}",
                    timeline.range_of(i),
                    lane.lane,
                    lane.visible_events,
                    layout.width
                );
            }
        }
    }
    binned
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_event_is_hidden(
        events in prop::collection::vec((0_i128..20_000, prop::option::of(1_i128..5_000), 0_usize..3), 1..1500),
        from in 0_i128..20_000,
        span in 1_i128..25_000,
        width in prop::sample::select(vec![200.0_f32, 640.0, 1280.0]),
    ) {
        let events: Vec<Event> = events
            .into_iter()
            .enumerate()
            .map(|(i, (start, length, lane))| {
                let mut e = Event::new(format!("E{i}"), minute(start));
                e.end = length.map(|l| minute(start + l));
                e.lane = lane;
                e
            })
            .collect();
        let timeline = Timeline::new("t", lanes(3), events, Vec::new())
            .unwrap_or_else(|e| panic!("{e}"));
        let view = TimeView::new(TimeRange::new(minute(from).start(), minute(from + span).start()));
        let layout = layout(&timeline, &view, &Params::new(width, Palette::of(theme::ThemeKind::Light)));
        assert_every_event_is_represented(&timeline, &layout);
    }
}

#[test]
fn a_long_event_in_a_dense_lane_is_visible_at_every_zoom() {
    let mut events: Vec<Event> = (0..30_000)
        .map(|i| Event::new(format!("e{i}"), minute(i)))
        .collect();
    let mut long = Event::new("The long one", minute(-10));
    long.end = Some(minute(40_000));
    events.push(long);
    let long = events.len() - 1;
    let timeline =
        Timeline::new("t", lanes(1), events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let params = Params::new(1280.0, Palette::of(theme::ThemeKind::Light));
    let mut binned = 0;
    for (from, to) in [
        (-20, 40_010),
        (0, 30_000),
        (10_000, 11_440),
        (20_000, 20_060),
        (25_000, 25_001),
    ] {
        let view = TimeView::new(TimeRange::new(minute(from).start(), minute(to).start()));
        let layout = layout(&timeline, &view, &params);
        binned += assert_every_event_is_represented(&timeline, &layout);
        let shown = layout.item_of(long).is_some()
            || layout.density.iter().any(|b| {
                b.overlapping > b.count || b.count > 0 && b.range.start <= minute(-10).start()
            });
        assert!(shown, "the long event vanished at {from}–{to}");
    }
    assert!(binned >= 2, "the wide views bin the lane");
}
