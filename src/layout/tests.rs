use proptest::prelude::*;

use super::*;
use crate::model::{Event, Lane, Timeline};
use crate::time::{Date, NANOS_PER_DAY, NANOS_PER_MIN, Precision};

fn seed() -> Timeline {
    crate::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline)
}

fn view_of(start: &str, end: &str) -> TimeView {
    let (s, e) = (Date::parse(start), Date::parse(end));
    let (Ok(s), Ok(e)) = (s, e) else {
        panic!("bad dates")
    };
    TimeView::new(TimeRange::new(s.start(), e.end()))
}

fn assert_no_label_overlaps(layout: &Layout) {
    let labels: Vec<Rect> = layout
        .items
        .iter()
        .filter_map(|i| i.label.as_ref().map(Label::rect))
        .collect();
    for (i, a) in labels.iter().enumerate() {
        assert!(
            a.min_x >= -0.01 && a.max_x <= layout.width + 0.01,
            "label {a:?} clipped at width {}",
            layout.width
        );
        for b in &labels[i + 1..] {
            assert!(!a.intersects(b), "labels overlap: {a:?} and {b:?}");
        }
    }
    // "+N" markers sit in their own strip and never overlap each other.
    for (i, a) in layout.overflows.iter().enumerate() {
        for b in &layout.overflows[i + 1..] {
            let same_row = (a.y - b.y).abs() < 1.0;
            assert!(
                !same_row || a.x + a.width <= b.x || b.x + b.width <= a.x,
                "+N markers overlap"
            );
        }
    }
}

#[test]
fn seed_first_impression_labels_every_event_in_view() {
    let timeline = seed();
    let view = view_of("2025-10-01", "2025-11-30");
    let layout = layout(
        &timeline,
        &view,
        &Params::new(1280.0, Palette::of(theme::ThemeKind::Light)),
    );
    let in_view: Vec<usize> = timeline.visible(view.range()).collect();
    assert_eq!(
        in_view.len(),
        12,
        "every event but the inauguration is in October–November"
    );
    for event in in_view {
        let item = layout
            .item_of(event)
            .unwrap_or_else(|| panic!("event {event} not drawn"));
        assert!(
            item.label.is_some(),
            "event {} has no label",
            timeline.event(event).title()
        );
    }
    assert!(layout.overflows.is_empty());
    assert_no_label_overlaps(&layout);
    let titles: Vec<&str> = layout.lanes.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Washington",
            "Summits & calls",
            "Kremlin",
            "Russian Foreign Ministry",
            "Press reports"
        ]
    );
}

#[test]
fn month_precision_covers_the_month_when_zoomed_in() {
    let timeline = seed();
    let view = view_of("2025-10-01", "2025-11-30");
    let layout = layout(
        &timeline,
        &view,
        &Params::new(1280.0, Palette::of(theme::ThemeKind::Light)),
    );
    let index = timeline
        .find("no-concessions")
        .unwrap_or_else(|| panic!("missing"));
    let Some(Item {
        shape: Shape::Bar {
            rect,
            precision_only: true,
        },
        ..
    }) = layout.item_of(index)
    else {
        panic!("a month-precision moment should be a soft bar over its month");
    };
    let october = view_of("2025-10", "2025-10");
    let expected_right = view.x_from_time(october.end(), 1280.0);
    assert!((f64::from(rect.max_x) - expected_right).abs() < 1.0);
    // At year zoom the same event is a marker.
    let wide = layout_at(&timeline, "2000", "2050", 1280.0);
    assert!(matches!(
        wide.item_of(index).map(|i| i.shape),
        Some(Shape::Marker { .. })
    ));
}

fn layout_at(timeline: &Timeline, start: &str, end: &str, width: f32) -> Layout {
    layout(
        timeline,
        &view_of(start, end),
        &Params::new(width, Palette::of(theme::ThemeKind::Dark)),
    )
}

#[test]
fn crowded_lane_hides_labels_behind_plus_n() {
    let date = |d: i128| {
        Date::from_time(
            Time(d * NANOS_PER_MIN + 20_000 * NANOS_PER_DAY),
            Precision::Minute,
        )
    };
    let events: Vec<Event> = (0..50)
        .map(|i| Event::new(format!("Event number {i}"), date(i)))
        .collect();
    let timeline = Timeline::new("t", vec![Lane::default()], events, Vec::new())
        .unwrap_or_else(|e| panic!("{e}"));
    let view = TimeView::new(TimeRange::new(date(0).start(), date(60).start()));
    let mut params = Params::new(800.0, Palette::of(theme::ThemeKind::Light));
    params.max_rows = 3;
    let layout = layout(&timeline, &view, &params);
    let labelled = layout.items.iter().filter(|i| i.label.is_some()).count();
    let hidden: usize = layout.overflows.iter().map(|o| o.events.len()).sum();
    assert!(hidden > 0);
    assert_eq!(
        labelled + hidden,
        50,
        "each event is either labelled or counted in a +N"
    );
    assert_no_label_overlaps(&layout);
    assert_no_shape_on_a_label(&layout);
}

/// No event's shape is drawn over another event's label.
fn assert_no_shape_on_a_label(layout: &Layout) {
    for item in &layout.items {
        for other in &layout.items {
            if let Some(label) = other.label.as_ref().filter(|_| other.event != item.event) {
                assert!(
                    !item.shape.bounds().intersects(&label.rect()),
                    "a shape covers the label {:?}",
                    label.text
                );
            }
        }
    }
}

#[test]
fn an_event_ending_where_the_view_starts_is_not_drawn() {
    let timeline = seed();
    let layout = layout_at(&timeline, "2025-11-01", "2025-11-10", 1280.0);
    let index = timeline
        .find("no-concessions")
        .unwrap_or_else(|| panic!("missing"));
    assert!(
        layout.item_of(index).is_none(),
        "October ends where the view starts"
    );
    assert_eq!(layout.items.len(), layout.visible_events);
}

#[test]
fn dense_lanes_become_histograms_with_bounded_output() {
    let events: Vec<Event> = (0..100_000_i128)
        .map(|i| {
            Event::new(
                format!("e{i}"),
                Date::from_time(Time(i * 7 * NANOS_PER_MIN), Precision::Minute),
            )
        })
        .collect();
    let timeline =
        Timeline::new("t", Vec::new(), events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let view = TimeView::fit(timeline.extent().unwrap_or_else(|| panic!("empty")), 0.02);
    let layout = layout(
        &timeline,
        &view,
        &Params::new(1920.0, Palette::of(theme::ThemeKind::Light)),
    );
    assert!(layout.lanes[0].dense);
    assert!(layout.items.is_empty());
    assert!(
        layout.density.len() <= 960 && layout.density.len() > 900,
        "{}",
        layout.density.len()
    );
    assert_eq!(layout.visible_events, 100_000);
}

#[test]
fn hit_finds_the_event_under_the_pointer() {
    let timeline = seed();
    let view = view_of("2025-10-01", "2025-11-30");
    let layout = layout(
        &timeline,
        &view,
        &Params::new(1280.0, Palette::of(theme::ThemeKind::Light)),
    );
    for item in &layout.items {
        let b = item.shape.bounds();
        let (x, y) = (
            f32::midpoint(b.min_x, b.max_x),
            f32::midpoint(b.min_y, b.max_y),
        );
        assert_eq!(layout.hit(x, y), Some(item.event));
    }
    assert_eq!(layout.hit(-50.0, -50.0), None);
}

#[test]
fn links_join_drawn_events() {
    let timeline = seed();
    let layout = layout_at(&timeline, "2025-10-01", "2025-11-30", 1280.0);
    assert!(layout.links.len() >= 5, "{}", layout.links.len());
}

#[test]
fn deep_time_lays_out() {
    let events = vec![
        Event::new("Big Bang", Date::year(-13_800_000_000)),
        Event::new("Earth forms", Date::year(-4_540_000_000)),
        Event::new("Dinosaurs die out", Date::year(-66_000_000)),
        Event::new(
            "Ides of March",
            Date::parse("-0043-03-15").unwrap_or_else(|e| panic!("{e}")),
        ),
    ];
    let timeline =
        Timeline::new("t", Vec::new(), events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let view = TimeView::fit(timeline.extent().unwrap_or_else(|| panic!("empty")), 0.05);
    let layout = layout(
        &timeline,
        &view,
        &Params::new(1280.0, Palette::of(theme::ThemeKind::Light)),
    );
    assert_eq!(layout.items.len(), 4);
    assert_no_label_overlaps(&layout);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Event labels never overlap and are never clipped, whatever the events.
    #[test]
    fn labels_never_overlap(
        events in prop::collection::vec((0_i64..5_000, 0_i64..400, 0_usize..3, 1_usize..60, any::<bool>()), 1..200),
        width in 300.0_f32..2500.0,
        max_rows in 1_usize..10,
    ) {
        let base = 20_000 * NANOS_PER_DAY;
        let lanes = vec![Lane { id: "a".into(), ..Lane::default() }, Lane { id: "b".into(), ..Lane::default() }, Lane { id: "c".into(), ..Lane::default() }];
        let list: Vec<Event> = events.iter().map(|&(start, len, lane, title_len, moment)| {
            let start_date = Date::from_time(Time(base + i128::from(start) * NANOS_PER_MIN * 10), Precision::Minute);
            let mut e = Event::new("W".repeat(title_len), start_date);
            if !moment {
                e.end = Some(Date::from_time(Time(base + i128::from(start + len) * NANOS_PER_MIN * 10), Precision::Minute));
            }
            e.lane = lane;
            e
        }).collect();
        let timeline = Timeline::new("t", lanes, list, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
        let view = TimeView::fit(timeline.extent().unwrap_or_else(|| panic!("empty")), 0.02);
        let mut params = Params::new(width, Palette::of(theme::ThemeKind::Light));
        params.max_rows = max_rows;
        let layout = layout(&timeline, &view, &params);
        assert_no_label_overlaps(&layout);
        assert_no_shape_on_a_label(&layout);
    }
}

/// A label never has a strike line or a faded window running through it:
/// a denied bar with room beside it puts its label there; a bar that fills
/// the view (an open end) holds its label on a plate, in the text colour.
#[test]
fn labels_sit_on_solid_fill_or_on_a_plate() {
    use crate::model::{EdtfDates, Status};
    use crate::time::Edtf;
    let day = |d: &str| Date::parse(d).unwrap_or_else(|e| panic!("{e}"));
    let mut denied = Event::new("A rumour that was denied", day("2025-11-03"));
    denied.end = Some(day("2025-11-20"));
    denied.status = Some(Status::Denied);
    let mut open = Event::new("Published nothing since then", day("2025-10-01"));
    let field = Edtf::parse("2025-10-01/..").unwrap_or_else(|e| panic!("{e:?}"));
    if let Some(dates) = EdtfDates::of(field, None) {
        open.set_edtf(dates);
    }
    let mut plain = Event::new("A plain range", day("2025-11-03"));
    plain.end = Some(day("2025-11-20"));
    let timeline = Timeline::new("t", Vec::new(), vec![denied, open, plain], Vec::new())
        .unwrap_or_else(|e| panic!("{e}"));
    let layout = layout(
        &timeline,
        &view_of("2025-10-25", "2025-11-25"),
        &Params::new(1200.0, Palette::of(theme::ThemeKind::Light)),
    );
    let label_of = |title: &str| {
        layout
            .items
            .iter()
            .find_map(|i| i.label.clone().filter(|l| l.text == title))
            .unwrap_or_else(|| panic!("no label {title:?}"))
    };
    let denied = label_of("A rumour that was denied");
    assert!(!denied.inside && !denied.plate, "{denied:?}");
    let plain = label_of("A plain range");
    assert!(plain.inside && !plain.plate, "{plain:?}");
    let open = label_of("Published nothing since then");
    assert!(open.inside && open.plate, "{open:?}");
    assert_no_label_overlaps(&layout);
}

/// A moment at the very edge of the view is drawn whole, a few points in,
/// not cut in half (the last event of "fit all" when no margin may follow).
#[test]
fn a_marker_at_the_edge_is_drawn_whole() {
    let day = |d: &str| Date::parse(d).unwrap_or_else(|e| panic!("{e}"));
    let events = vec![
        Event::new("first", day("2025-11-01T00:00")),
        Event::new("last", day("2025-11-07T00:00")),
    ];
    let timeline =
        Timeline::new("t", Vec::new(), events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let view = TimeView::new(TimeRange::new(
        day("2025-11-01").start(),
        day("2025-11-07T00:00").end(),
    ));
    let width = 800.0;
    let layout = layout(
        &timeline,
        &view,
        &Params::new(width, Palette::of(theme::ThemeKind::Light)),
    );
    assert_eq!(layout.items.len(), 2);
    for item in &layout.items {
        let Shape::Marker { x, .. } = item.shape else {
            panic!("{:?}", item.shape)
        };
        assert!(
            x - MARKER_SIZE / 2.0 >= 0.0 && x + MARKER_SIZE / 2.0 <= width,
            "{x}"
        );
    }
}
