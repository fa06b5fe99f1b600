//! The store against plain owned events: what goes in comes out, and the
//! per-lane queries agree with a brute-force scan.

use proptest::prelude::*;

use super::*;
use crate::time::{Date, NANOS_PER_DAY, Precision, Time, TimeRange};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// A date from a few generated numbers, at any precision and offset.
fn arb_date() -> impl Strategy<Value = Date> {
    (
        prop_oneof![
            1990_i64..2030,
            -3000_i64..3000,
            Just(-13_800_000_000_i64),
            -200_000_i64..-100_000
        ],
        1_u32..=12,
        1_u32..=28,
        0_u32..24,
        0_u32..60,
        0_u32..1000,
        prop_oneof![Just(None), (-1439_i32..1439).prop_map(Some)],
        0_usize..7,
    )
        .prop_map(|(year, month, day, hour, minute, milli, offset, p)| {
            let precision = Precision::ALL[p];
            Date::build(
                year, month, day, hour, minute, minute, milli, offset, precision,
            )
            .unwrap_or_else(|_| Date::year(year))
        })
}

fn arb_event(n: usize, lanes: usize) -> impl Strategy<Value = Event> {
    (
        ("[a-z0-9-]{0,8}", "\\PC{0,12}", "\\PC{0,6}"),
        arb_date(),
        prop::option::of(arb_date()),
        0..lanes,
        prop::option::of(0_usize..6),
        any::<bool>(),
        prop::option::of("\\PC{0,5}"),
        prop::collection::vec("[a-z]{0,4}", 0..3),
        prop::collection::vec(("[a-z]{1,4}", prop::option::of("https://[a-z]{1,4}")), 0..3),
        prop::collection::vec((0..n.max(1), prop::option::of("[a-z]{0,3}")), 0..3),
        prop::collection::vec(("[A-Z]{1,3}", "[a-z]{0,3}"), 0..2),
    )
        .prop_map(
            move |(
                (id, title, description),
                start,
                end,
                lane,
                status,
                approximate,
                display_date,
                tags,
                sources,
                links,
                fields,
            )| {
                // An end before the start is a reader's error; keep the
                // generated ones valid.
                let end = end.filter(|e| e.end() > start.start());
                Event {
                    id,
                    title,
                    description,
                    start,
                    end,
                    lane,
                    tags,
                    status: status.map(|s| Status::ALL[s]),
                    sources: sources
                        .into_iter()
                        .map(|(name, url)| Source {
                            name,
                            url,
                            date: None,
                        })
                        .collect(),
                    approximate,
                    display_date,
                    links: if n == 0 {
                        Vec::new()
                    } else {
                        links
                            .into_iter()
                            .map(|(target, label)| Link { target, label })
                            .collect()
                    },
                    fields,
                    edtf: None,
                }
            },
        )
}

fn arb_events() -> impl Strategy<Value = Vec<Event>> {
    (1_usize..150).prop_flat_map(|n| prop::collection::vec(arb_event(n, 3), n))
}

fn lanes(n: usize) -> Vec<Lane> {
    (0..n)
        .map(|i| Lane {
            id: format!("l{i}"),
            title: format!("Lane {i}"),
            color: None,
        })
        .collect()
}

proptest! {
    #[test]
    fn events_come_out_as_they_went_in(events in arb_events()) {
        let timeline = Timeline::new("t", lanes(3), events.clone(), Vec::new())
            .unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(timeline.len(), events.len());
        prop_assert_eq!(timeline.to_events(), events.clone());
        for (i, event) in events.iter().enumerate() {
            prop_assert_eq!(timeline.range_of(i), event.time_range());
            prop_assert_eq!(timeline.event(i).date_text(), event.date_text());
        }
    }

    #[test]
    fn lane_queries_agree_with_a_scan(
        events in arb_events(),
        from in -3000_i64..3000,
        days in 1_i64..400_000,
    ) {
        let timeline = Timeline::new("t", lanes(3), events.clone(), Vec::new())
            .unwrap_or_else(|e| panic!("{e}"));
        let start = Time::from_year(from);
        let range = TimeRange::new(start, start.add_nanos(i128::from(days) * NANOS_PER_DAY));
        let mut all = Vec::new();
        for lane in 0..3 {
            let index = timeline.lane_index(lane).unwrap_or_else(|| panic!("lane"));
            let mut expected: Vec<usize> = (0..events.len())
                .filter(|&i| events[i].lane == lane && events[i].time_range().overlaps(range))
                .collect();
            let found = index.overlapping(range);
            prop_assert_eq!(index.count_overlapping(range), expected.len());
            // In start order.
            let starts: Vec<Time> = found.iter().map(|&i| timeline.range_of(i).start).collect();
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
            let mut sorted = found.clone();
            sorted.sort_unstable();
            expected.sort_unstable();
            prop_assert_eq!(sorted, expected.clone());
            all.extend(expected);
        }
        let mut visible: Vec<usize> = timeline.visible(range).collect();
        visible.sort_unstable();
        all.sort_unstable();
        prop_assert_eq!(visible, all);
    }
}

#[test]
fn a_long_event_in_a_dense_lane_is_found_without_a_scan() {
    // 100 000 one-minute events and one event spanning all of them: the
    // query for one late minute must find the long one.
    let mut events: Vec<Event> = (0..100_000)
        .map(|i| {
            let start = Date::from_time(
                Time::from_year(2025).add_nanos(i * 60_000_000_000),
                Precision::Minute,
            );
            Event::new(format!("e{i}"), start)
        })
        .collect();
    let mut long = Event::new("long", date("2025-01-01"));
    long.end = Some(date("2025-12-31"));
    events.push(long);
    let timeline =
        Timeline::new("t", Vec::new(), events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let lane = timeline.lane_index(0).unwrap_or_else(|| panic!("lane"));
    let minute = TimeRange::new(
        date("2025-02-15T10:00").start(),
        date("2025-02-15T10:01").start(),
    );
    let found = lane.overlapping(minute);
    assert_eq!(found.len(), 2);
    assert!(found.contains(&100_000));
    assert_eq!(lane.count_overlapping(minute), 2);
}

#[test]
fn broken_links_and_empty_timelines() {
    let mut event = Event::new("x", date("2025"));
    event.links.push(Link {
        target: 5,
        label: None,
    });
    assert!(matches!(
        Timeline::new("t", Vec::new(), vec![event], Vec::new()),
        Err(ModelError::MissingLinkTarget {
            event: 0,
            target: 5
        })
    ));
    let empty = Timeline::empty();
    assert!(empty.is_empty());
    assert_eq!(empty.lanes().len(), 1);
    assert_eq!(empty.extent(), None);
    assert!(empty.lane_index(0).is_some_and(|l| l.is_empty()));
}
