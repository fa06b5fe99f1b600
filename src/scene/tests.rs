//! The display-list suite: for the seed and generated timelines at several
//! zooms, the scene holds what layout promises — every visible event's mark
//! and label, no label over another, the denial cross, the selection halo.

use std::collections::BTreeSet;

use super::items::{HALO_WIDTH, ItemStyle};
use super::*;
use crate::layout::text::FontMetrics;
use crate::layout::theme::{Palette, StatusStyle, ThemeKind};
use crate::layout::{Item, LABEL_SIZE, Label, MARKER_SIZE, Params, Shape, layout};
use crate::model::{Event, Lane, Status};
use crate::time::{Date, NANOS_PER_DAY, NANOS_PER_HOUR, Precision, Time, TimeRange};
use crate::view::TimeView;

fn seed() -> Timeline {
    crate::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline)
}

fn view_of(start: &str, end: &str) -> TimeView {
    let (Ok(s), Ok(e)) = (Date::parse(start), Date::parse(end)) else {
        panic!("bad dates")
    };
    TimeView::new(TimeRange::new(s.start(), e.end()))
}

/// A reproducible timeline of `count` events over `lanes` lanes in 2025,
/// with every status, durations, approximate dates and links.
fn generated(count: usize, lanes: usize, seed: u64) -> Timeline {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move |bound: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound.max(1)
    };
    let lane_list: Vec<Lane> = (0..lanes)
        .map(|i| Lane {
            id: format!("l{i}"),
            title: format!("Lane {i}"),
            color: None,
        })
        .collect();
    let statuses = [
        None,
        Some(Status::Confirmed),
        Some(Status::Claimed),
        Some(Status::Denied),
        Some(Status::Rumoured),
        Some(Status::Reported),
        Some(Status::Disputed),
    ];
    let base = Date::year(2025).start();
    let events: Vec<Event> = (0..count)
        .map(|i| {
            let hours = i128::from(next(365 * 24));
            let start = Time(base.0 + hours * NANOS_PER_HOUR);
            let mut e = Event::new(
                format!(
                    "Event {i} {}",
                    "x".repeat(usize::try_from(next(30)).unwrap_or(0))
                ),
                Date::from_time(start, Precision::Hour),
            );
            if next(4) == 0 {
                let days = i128::from(next(20) + 1);
                e.end = Some(Date::from_time(
                    start.add_nanos(days * NANOS_PER_DAY),
                    Precision::Hour,
                ));
            }
            e.status = statuses[usize::try_from(next(7)).unwrap_or(0)];
            e.approximate = next(5) == 0;
            e.lane = usize::try_from(next(lanes as u64)).unwrap_or(0);
            e.id = format!("e{i}");
            if i > 0 && next(6) == 0 {
                e.links.push(crate::model::Link {
                    target: i - 1,
                    label: None,
                });
            }
            e
        })
        .collect();
    Timeline::new("generated", lane_list, events, Vec::new()).unwrap_or_else(|e| panic!("{e}"))
}

fn build(
    timeline: &Timeline,
    view: &TimeView,
    width: f32,
    theme: ThemeKind,
    selected: Option<usize>,
) -> (Layout, Scene) {
    let mut params = Params::new(width, Palette::of(theme));
    params.selected = selected;
    let layout = layout(timeline, view, &params);
    let scene = Scene::new(
        &layout,
        &SceneParams {
            height: 700.0,
            selected,
            ..SceneParams::default()
        },
    );
    (layout, scene)
}

fn event_group(scene: &Scene, event: usize) -> &[Mark] {
    scene
        .groups_of(GroupKind::Event(event))
        .next()
        .map_or(&[][..], |g| scene.marks_of(g))
}

fn text_box(run: &TextRun) -> Rect {
    let metrics = FontMetrics::shared();
    let width = metrics.width(&run.text, run.size);
    let half = metrics.line_height(run.size) / 2.0;
    let left = match run.anchor {
        Anchor::Start => run.pos.x,
        Anchor::Middle => run.pos.x - width / 2.0,
        Anchor::End => run.pos.x - width,
    };
    Rect::new(left, run.pos.y - half, left + width, run.pos.y + half)
}

/// Everything the display list promises about one layout.
fn assert_scene_keeps_the_promises(timeline: &Timeline, layout: &Layout, scene: &Scene) {
    // Groups cover the marks in order, without gaps.
    let mut next = 0;
    for group in &scene.groups {
        assert_eq!(group.marks.start, next, "gap before {group:?}");
        assert!(group.marks.end > group.marks.start, "empty {group:?}");
        next = group.marks.end;
    }
    assert_eq!(next, scene.marks.len());

    // Every drawn event: one group, a shape first, its label as text.
    let drawn: Vec<usize> = scene
        .groups
        .iter()
        .filter_map(|g| match g.kind {
            GroupKind::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let items: Vec<usize> = layout.items.iter().map(|i| i.event).collect();
    assert_eq!(drawn, items, "one group per item, in layout order");
    for item in &layout.items {
        let marks = event_group(scene, item.event);
        let shape_ok = match item.shape {
            // The bar's extent is its fill plus the outer half of its edge.
            Shape::Bar { rect, .. } => match marks.first() {
                Some(Mark::Rect {
                    rect: r,
                    fill: Some(_),
                    stroke,
                    ..
                }) => {
                    let half = stroke.map_or(0.0, |s| s.width / 2.0);
                    (r.min_x - half - rect.min_x).abs() < 1e-4
                        && (r.max_x + half - rect.max_x).abs() < 1e-4
                        && (r.min_y - half - rect.min_y).abs() < 1e-4
                        && (r.max_y + half - rect.max_y).abs() < 1e-4
                }
                _ => false,
            },
            Shape::Marker { x, y } => matches!(
                marks.first(),
                Some(Mark::Polygon { points, .. }) if points.len() == 4
                    && points.iter().all(|p| (p.x - x).abs() <= MARKER_SIZE && (p.y - y).abs() <= MARKER_SIZE)
            ),
        };
        assert!(shape_ok, "event {} has no shape: {marks:?}", item.event);
        let texts: Vec<&TextRun> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text(run) => Some(run),
                _ => None,
            })
            .collect();
        match &item.label {
            Some(label) => {
                assert_eq!(texts.len(), 1, "event {}", item.event);
                assert_eq!(texts[0].text, label.text);
                assert_eq!((texts[0].pos.x, texts[0].pos.y), (label.x, label.y));
                assert!((texts[0].size - LABEL_SIZE).abs() < f32::EPSILON);
            }
            None => assert!(texts.is_empty(), "event {}", item.event),
        }
    }

    assert_everything_visible_is_there(timeline, layout, scene);
}

/// Every visible event is drawn or counted, no text overlaps another, and
/// every axis label is where the tick generator put it.
fn assert_everything_visible_is_there(timeline: &Timeline, layout: &Layout, scene: &Scene) {
    let items: Vec<usize> = layout.items.iter().map(|i| i.event).collect();
    // Every visible event is drawn, or counted in a "+N", or in a histogram.
    let hidden: BTreeSet<usize> = layout
        .overflows
        .iter()
        .flat_map(|o| o.events.iter().copied())
        .collect();
    let drawn: BTreeSet<usize> = items.iter().copied().collect();
    let dense: BTreeSet<usize> = layout
        .lanes
        .iter()
        .filter(|l| l.dense)
        .map(|l| l.lane)
        .collect();
    for event in timeline.visible(layout.view.range()) {
        let lane = timeline.event(event).lane();
        assert!(
            drawn.contains(&event) || hidden.contains(&event) || dense.contains(&lane),
            "visible event {event} is neither drawn nor counted"
        );
    }
    for item in &layout.items {
        assert!(
            item.label.is_some() || hidden.contains(&item.event),
            "event {} lost its label without a +N",
            item.event
        );
    }

    // No two texts of the lanes overlap, and none is clipped at the sides.
    let lane_texts: Vec<Rect> = scene
        .texts()
        .filter(|(pane, _)| *pane == Pane::Lanes)
        .map(|(_, run)| text_box(run))
        .collect();
    for (i, a) in lane_texts.iter().enumerate() {
        assert!(
            a.min_x >= -0.01 && a.max_x <= scene.width + 0.01,
            "text {a:?} clipped"
        );
        for b in &lane_texts[i + 1..] {
            assert!(!a.intersects(b), "texts overlap: {a:?} and {b:?}");
        }
    }

    // Every axis label the tick generator placed is there, where it put it.
    let axis: Vec<&TextRun> = scene
        .groups_of(GroupKind::Axis)
        .flat_map(|g| scene.marks_of(g))
        .filter_map(|m| match m {
            Mark::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    let labelled = layout
        .ticks
        .major
        .iter()
        .chain(&layout.ticks.minor)
        .filter(|t| !t.label.is_empty());
    for tick in labelled {
        #[allow(clippy::cast_possible_truncation)]
        let x = tick.label_x as f32;
        assert!(
            axis.iter()
                .any(|run| run.text == tick.label && (run.pos.x - x).abs() < 1e-3),
            "tick label {:?} missing or moved",
            tick.label
        );
    }
}

/// The denial cross of one item: two text-coloured strokes across a
/// moment, one text-coloured line through a bar.
fn has_denial_cross(marks: &[Mark], item: &Item, palette: &Palette) -> bool {
    let strokes: Vec<&Stroke> = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Polyline { points, stroke } if points.len() == 2 => Some(stroke),
            _ => None,
        })
        .collect();
    match item.shape {
        Shape::Marker { .. } => strokes.iter().filter(|s| s.color == palette.text).count() == 2,
        Shape::Bar { .. } => strokes.iter().any(|s| s.color == palette.text),
    }
}

fn halos(marks: &[Mark], palette: &Palette) -> usize {
    marks
        .iter()
        .filter(|m| match m {
            Mark::Rect {
                fill: None,
                stroke: Some(s),
                ..
            }
            | Mark::Circle {
                fill: None,
                stroke: Some(s),
                ..
            } => s.color == palette.accent && (s.width - HALO_WIDTH).abs() < f32::EPSILON,
            _ => false,
        })
        .count()
}

#[test]
fn the_seed_at_every_zoom_keeps_the_promises() {
    let timeline = seed();
    let views = [
        crate::layout::initial_view(&timeline),
        crate::layout::fit_all_view(&timeline),
        view_of("2025-10-15", "2025-10-25"),
        view_of("2025-10-16", "2025-10-16"),
        view_of("2025-11", "2025-11"),
        view_of("1990", "2060"),
    ];
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        for view in &views {
            for width in [420.0, 1280.0] {
                let (layout, scene) = build(&timeline, view, width, theme, None);
                assert_scene_keeps_the_promises(&timeline, &layout, &scene);
            }
        }
    }
}

#[test]
fn generated_timelines_at_every_zoom_keep_the_promises() {
    for (count, lanes, seed) in [(60, 3, 1), (400, 5, 2), (3_000, 4, 3)] {
        let timeline = generated(count, lanes, seed);
        let extent = timeline.extent().unwrap_or_else(|| panic!("empty"));
        let start = extent.start;
        let views = [
            crate::layout::fit_all_view(&timeline),
            TimeView::new(TimeRange::new(start, start.add_nanos(30 * NANOS_PER_DAY))),
            TimeView::new(TimeRange::new(start, start.add_nanos(2 * NANOS_PER_DAY))),
            TimeView::new(TimeRange::new(start, start.add_nanos(3 * NANOS_PER_HOUR))),
        ];
        for view in &views {
            let (layout, scene) = build(&timeline, view, 1000.0, ThemeKind::Light, None);
            assert_scene_keeps_the_promises(&timeline, &layout, &scene);
        }
    }
}

#[test]
fn denied_events_are_crossed_and_no_others() {
    let timeline = generated(400, 4, 7);
    let extent = timeline.extent().unwrap_or_else(|| panic!("empty"));
    let view = TimeView::new(TimeRange::new(
        extent.start,
        extent.start.add_nanos(40 * NANOS_PER_DAY),
    ));
    let (layout, scene) = build(&timeline, &view, 1400.0, ThemeKind::Light, None);
    let palette = layout.palette;
    let mut crossed = (0, 0);
    for item in &layout.items {
        let marks = event_group(&scene, item.event);
        let is_denied = item.style == StatusStyle::Crossed;
        let has_cross = has_denial_cross(marks, item, &palette);
        if is_denied {
            assert!(has_cross, "denied event {} has no cross", item.event);
            match item.shape {
                Shape::Marker { .. } => crossed.0 += 1,
                Shape::Bar { .. } => crossed.1 += 1,
            }
        } else if matches!(item.shape, Shape::Marker { .. }) {
            assert!(!has_cross, "event {} crossed but not denied", item.event);
        }
    }
    assert!(
        crossed.0 > 0 && crossed.1 > 0,
        "both kinds seen: {crossed:?}"
    );

    // The seed's denial (Peskov) is crossed too.
    let timeline = seed();
    let (layout, scene) = build(
        &timeline,
        &crate::layout::initial_view(&timeline),
        1280.0,
        ThemeKind::Dark,
        None,
    );
    let denied: Vec<&Item> = layout
        .items
        .iter()
        .filter(|i| timeline.event(i.event).status() == Some(Status::Denied))
        .collect();
    assert!(!denied.is_empty());
    for item in denied {
        assert!(has_denial_cross(
            event_group(&scene, item.event),
            item,
            &layout.palette
        ));
    }
}

#[test]
fn only_the_selected_event_has_a_halo() {
    let timeline = seed();
    let view = crate::layout::initial_view(&timeline);
    let (layout, _) = build(&timeline, &view, 1280.0, ThemeKind::Light, None);
    let bar = layout
        .items
        .iter()
        .find(|i| matches!(i.shape, Shape::Bar { .. }))
        .map(|i| i.event);
    let marker = layout
        .items
        .iter()
        .find(|i| matches!(i.shape, Shape::Marker { .. }))
        .map(|i| i.event);
    for selected in [bar, marker] {
        let (layout, scene) = build(&timeline, &view, 1280.0, ThemeKind::Light, selected);
        for item in &layout.items {
            let expected = usize::from(Some(item.event) == selected);
            assert_eq!(
                halos(event_group(&scene, item.event), &layout.palette),
                expected,
                "event {} (selected {selected:?})",
                item.event
            );
        }
    }
    let (layout, scene) = build(&timeline, &view, 1280.0, ThemeKind::Light, None);
    assert!(
        layout
            .items
            .iter()
            .all(|i| halos(event_group(&scene, i.event), &layout.palette) == 0)
    );
}

#[test]
fn dimmed_events_are_faint_and_highlighted_ones_ringed() {
    let timeline = seed();
    let view = crate::layout::initial_view(&timeline);
    let params = Params::new(1280.0, Palette::of(ThemeKind::Light));
    let layout = layout(&timeline, &view, &params);
    let first = layout.items[0].event;
    let emphasis = |event: usize| {
        if event == first {
            Emphasis::Highlighted
        } else {
            Emphasis::Dimmed
        }
    };
    let plain = Scene::new(&layout, &SceneParams::default());
    let scene = Scene::new(
        &layout,
        &SceneParams {
            emphasis: Some(&emphasis),
            ..SceneParams::default()
        },
    );
    let colours = |marks: &[Mark]| -> Vec<Rgba> {
        marks
            .iter()
            .flat_map(|m| match m {
                Mark::Rect { fill, stroke, .. }
                | Mark::Polygon { fill, stroke, .. }
                | Mark::Circle { fill, stroke, .. } => {
                    vec![*fill, stroke.map(|s| s.color)]
                }
                Mark::Polyline { stroke, .. } | Mark::Curve { stroke, .. } => {
                    vec![Some(stroke.color)]
                }
                Mark::Text(run) => vec![Some(run.color)],
                _ => vec![],
            })
            .flatten()
            .collect()
    };
    for item in &layout.items[1..] {
        let before = colours(event_group(&plain, item.event));
        let after = colours(event_group(&scene, item.event));
        assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            assert!(a.3 < b.3 || b.3 == 0, "{b:?} → {a:?} is not fainter");
            assert_eq!((a.0, a.1, a.2), (b.0, b.1, b.2));
        }
    }
    assert_eq!(
        event_group(&scene, first).len(),
        event_group(&plain, first).len() + 1,
        "one highlight ring more"
    );
    let style = ItemStyle::of(&layout.items[0], &SceneParams::default());
    assert_eq!(style.emphasis, Emphasis::Normal);
}

#[test]
fn the_export_adds_only_a_header() {
    let timeline = seed();
    let view = crate::layout::initial_view(&timeline);
    let params = Params::new(900.0, Palette::of(ThemeKind::Light));
    let layout = layout(&timeline, &view, &params);
    let window = Scene::new(
        &layout,
        &SceneParams {
            height: 500.0,
            ..SceneParams::default()
        },
    );
    let export = Scene::for_export(&timeline, &layout, 500.0 + overlay::HEADER_HEIGHT);
    let canvas: Vec<&Mark> = export
        .groups
        .iter()
        .filter(|g| g.pane != Pane::Header)
        .flat_map(|g| export.marks_of(g))
        .collect();
    assert_eq!(canvas, window.marks.iter().collect::<Vec<_>>());
    let header: Vec<String> = export
        .texts()
        .filter(|(pane, _)| *pane == Pane::Header)
        .map(|(_, run)| run.text.clone())
        .collect();
    assert_eq!(header[0], timeline.title);
    assert!(header.iter().any(|t| t.contains("October")), "{header:?}");
    assert!(header.iter().any(|t| t.ends_with("events")), "{header:?}");
}

#[test]
fn rules_sit_on_whole_pixels_and_reach_the_canvas_bottom() {
    let timeline = seed();
    let view = crate::layout::initial_view(&timeline);
    let (layout, scene) = build(&timeline, &view, 1000.0, ThemeKind::Light, None);
    let grid: Vec<&Mark> = scene
        .groups_of(GroupKind::Grid)
        .flat_map(|g| scene.marks_of(g))
        .collect();
    assert_eq!(grid.len(), layout.grid.len());
    for mark in grid {
        let Mark::Polyline { points, stroke } = mark else {
            panic!("grid line {mark:?}")
        };
        assert!((points[0].x.fract() - 0.5).abs() < 1e-4, "{points:?}");
        assert!((points[1].y - scene.height).abs() < 1e-4);
        assert!((stroke.width - 1.0).abs() < f32::EPSILON);
    }
}

#[test]
fn the_zoom_band_names_its_range() {
    let view = view_of("2025-10-01", "2025-10-31");
    let marks = overlay::zoom_band(
        &view,
        600.0,
        200.0,
        1000.0,
        400.0,
        &Palette::of(ThemeKind::Light),
    );
    let Some(Mark::Rect { rect, .. }) = marks.first() else {
        panic!("{marks:?}")
    };
    assert_eq!((rect.min_x, rect.max_x, rect.max_y), (200.0, 600.0, 400.0));
    let text = marks.iter().find_map(|m| match m {
        Mark::Text(run) => Some(run.text.clone()),
        _ => None,
    });
    assert!(
        text.as_deref().is_some_and(|t| t.contains("October 2025")),
        "{text:?}"
    );
}

/// A label on a plate (over a fade or a whisker line) is drawn after every
/// other mark of its event, on a background-coloured rect that holds it,
/// in the text colour.
#[test]
fn a_label_over_a_window_sits_on_a_plate() {
    let timeline = seed();
    // A week in November: the rumour's open end and the ministry's
    // silence both fill the view.
    let (layout, scene) = build(
        &timeline,
        &view_of("2025-11-04", "2025-11-10"),
        1000.0,
        ThemeKind::Dark,
        None,
    );
    let palette = Palette::of(ThemeKind::Dark);
    let plated: Vec<&Item> = layout
        .items
        .iter()
        .filter(|i| i.label.as_ref().is_some_and(|l| l.plate))
        .collect();
    assert!(
        !plated.is_empty(),
        "no label on a plate in {:?}",
        layout.items
    );
    for item in plated {
        let label = item.label.as_ref().map_or_else(|| panic!(), Label::rect);
        let marks = event_group(&scene, item.event);
        let n = marks.len();
        assert!(n >= 3, "{marks:?}");
        match (&marks[n - 2], &marks[n - 1]) {
            (
                Mark::Rect {
                    rect,
                    fill: Some(fill),
                    ..
                },
                Mark::Text(run),
            ) => {
                assert!(rect.min_x < label.min_x && rect.max_x > label.max_x);
                assert_eq!((fill.0, fill.1, fill.2), {
                    let b = palette.background;
                    (b.0, b.1, b.2)
                });
                assert_eq!(run.color, palette.text, "{}", run.text);
            }
            other => panic!("no plate under the label: {other:?}"),
        }
    }
}

mod links;
mod statuses;
