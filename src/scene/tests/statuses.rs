//! Every status drawn unlike every other, on moments, ranges and faint
//! bars, in both themes; labels inside bars readable on each fill.

use super::*;

/// An event as a file gives it, with EDTF dates and a status, untitled
/// (so no label comes into its marks).
fn dated(start: &str, end: Option<&str>, status: Option<Status>) -> Event {
    use crate::model::EdtfDates;
    use crate::time::{Bound, Edtf};
    let field = Edtf::parse(start).unwrap_or_else(|e| panic!("{start}: {e}"));
    let end = end.map(|t| Bound::parse(t).unwrap_or_else(|e| panic!("{t}: {e}")));
    let mut event = Event::new("", field.start().stand_in());
    event.end = field.end().or(end.as_ref()).map(Bound::stand_in);
    event.status = status;
    if let Some(dates) = EdtfDates::of(field, end) {
        event.set_edtf(dates);
    }
    event
}

/// No status, then every status.
const STATUSES: [Option<Status>; 7] = [
    None,
    Some(Status::Confirmed),
    Some(Status::Reported),
    Some(Status::Claimed),
    Some(Status::Rumoured),
    Some(Status::Disputed),
    Some(Status::Denied),
];

/// For each of [`STATUSES`], the marks of one event dated by `dates(k)`
/// (k its index), moved so its shape's corner is at the origin, and the
/// shape: every event the same, only its status differs.
fn marks_by_status(
    dates: impl Fn(usize) -> (String, Option<String>),
    view: &TimeView,
    width: f32,
    theme: ThemeKind,
) -> Vec<(Shape, Vec<Mark>)> {
    let events: Vec<Event> = STATUSES
        .iter()
        .enumerate()
        .map(|(k, &status)| {
            let (start, end) = dates(k);
            dated(&start, end.as_deref(), status)
        })
        .collect();
    let lane = Lane {
        id: "l".into(),
        title: "Lane".into(),
        color: None,
    };
    let timeline =
        Timeline::new("statuses", vec![lane], events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let (layout, scene) = build(&timeline, view, width, theme, None);
    (0..STATUSES.len())
        .map(|k| {
            let item = layout
                .items
                .iter()
                .find(|i| i.event == k)
                .unwrap_or_else(|| panic!("event {k} not drawn"));
            let corner = item.shape.bounds();
            let marks = event_group(&scene, k)
                .iter()
                .map(|m| m.clone().translated(-corner.min_x, -corner.min_y))
                .collect();
            let shape = match item.shape {
                Shape::Bar {
                    rect,
                    precision_only,
                } => Shape::Bar {
                    rect: Rect::new(0.0, 0.0, rect.width(), rect.height()),
                    precision_only,
                },
                Shape::Marker { .. } => Shape::Marker { x: 0.0, y: 0.0 },
            };
            (shape, marks)
        })
        .collect()
}

/// Every status is drawn unlike every other on one kind of mark; no status
/// is drawn as confirmed.
fn assert_statuses_apart(drawn: &[(Shape, Vec<Mark>)], what: &str) {
    for (k, (shape, marks)) in drawn.iter().enumerate() {
        assert_eq!(
            *shape, drawn[0].0,
            "{what}: {:?} has another shape",
            STATUSES[k]
        );
        for (j, (_, other)) in drawn.iter().enumerate().skip(k + 1) {
            let alike = STATUSES[k].is_none() && STATUSES[j] == Some(Status::Confirmed);
            assert_eq!(
                marks == other,
                alike,
                "{what}: {:?} and {:?} {}",
                STATUSES[k],
                STATUSES[j],
                if alike { "differ" } else { "look alike" }
            );
        }
    }
}

#[test]
fn every_status_is_drawn_apart_on_moments_ranges_and_faint_bars() {
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        // 12 points a day (whole points, so every event's marks move to the
        // origin exactly): a day's moment is a diamond, two days a bar.
        let wide = view_of("2025-09-01", "2025-12-31");
        let moments = marks_by_status(
            |k| (format!("2025-10-{:02}", 1 + 4 * k), None),
            &wide,
            122.0 * 12.0,
            theme,
        );
        assert!(matches!(moments[0].0, Shape::Marker { .. }));
        assert_statuses_apart(&moments, "moments");
        let ranges = marks_by_status(
            |k| {
                let day = 1 + 4 * k;
                (
                    format!("2025-11-{day:02}"),
                    Some(format!("2025-11-{:02}", day + 2)),
                )
            },
            &wide,
            122.0 * 12.0,
            theme,
        );
        assert!(matches!(
            ranges[0].0,
            Shape::Bar {
                precision_only: false,
                ..
            }
        ));
        assert_statuses_apart(&ranges, "ranges");
        // 64 points a day: a day is a faint precision bar, and a window
        // with no certain part a faint bar too.
        let close = view_of("2025-11-01", "2025-11-30");
        let precise = marks_by_status(
            |k| (format!("2025-11-{:02}", 1 + 4 * k), None),
            &close,
            30.0 * 64.0,
            theme,
        );
        assert!(matches!(
            precise[0].0,
            Shape::Bar {
                precision_only: true,
                ..
            }
        ));
        assert_statuses_apart(&precise, "precision bars");
        let windows = marks_by_status(
            |k| {
                let day = 1 + 4 * k;
                (format!("[2025-11-{day:02}..2025-11-{:02}]", day + 1), None)
            },
            &close,
            30.0 * 64.0,
            theme,
        );
        assert_statuses_apart(&windows, "windows with no certain part");
        // A range whose ends are windows: its certain part in the status.
        let certain = marks_by_status(
            |k| {
                let day = 1 + 4 * k;
                (
                    format!("[2025-11-{day:02}..2025-11-{:02}]", day + 1),
                    Some(format!("[2025-11-{:02}..2025-11-{:02}]", day + 2, day + 3)),
                )
            },
            &close,
            30.0 * 64.0,
            theme,
        );
        assert_statuses_apart(&certain, "certain parts");
    }
}

/// A label inside a bar contrasts with what it sits on: the fill's
/// contrasting colour on a solid or pale bar, the text colour on a hollow
/// one; never straight on a half-filled bar (beside it, or on a plate).
#[test]
fn labels_inside_bars_read_on_every_status() {
    let timeline = generated(400, 4, 11);
    let extent = timeline.extent().unwrap_or_else(|| panic!("empty"));
    let view = TimeView::new(TimeRange::new(
        extent.start,
        extent.start.add_nanos(60 * NANOS_PER_DAY),
    ));
    let mut seen = BTreeSet::new();
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        let (layout, scene) = build(&timeline, &view, 1600.0, theme, None);
        let palette = layout.palette;
        for item in &layout.items {
            let Some(label) = &item.label else { continue };
            let Shape::Bar {
                precision_only: false,
                ..
            } = item.shape
            else {
                continue;
            };
            if item.style == StatusStyle::Half {
                seen.insert("Half, beside".to_owned());
            }
            if !label.inside || label.plate || item.windows.is_some() {
                continue;
            }
            let style = ItemStyle::of(item, &SceneParams::default());
            let run = event_group(&scene, item.event)
                .iter()
                .find_map(|m| match m {
                    Mark::Text(run) => Some(run),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("event {} has no label", item.event));
            assert_ne!(item.style, StatusStyle::Half, "event {}", item.event);
            match style.even_fill(&palette) {
                Some(fill) => {
                    assert_eq!(run.color, crate::layout::theme::text_on(fill));
                    let ratio = crate::layout::theme::contrast(fill, run.color);
                    assert!(ratio >= 4.0, "event {}: {ratio:.2}", item.event);
                }
                None => assert_eq!(run.color, palette.text, "event {}", item.event),
            }
            seen.insert(format!("{:?}", item.style));
        }
    }
    // Solid, pale and hollow bars all held labels; half-filled ones had
    // theirs elsewhere.
    for style in ["Solid", "Pale", "Hollow", "Dotted", "Half, beside"] {
        assert!(
            seen.contains(style),
            "no {style} bar held a label: {seen:?}"
        );
    }
}

#[test]
fn hollow_marks_and_fades_are_of_the_lane_they_lie_in() {
    // A claimed moment in each of two lanes, the second striped: its
    // hollow is the stripe's colour, not a patch of the canvas background.
    let lanes: Vec<Lane> = ["a", "b"]
        .iter()
        .map(|id| Lane {
            id: (*id).into(),
            title: (*id).into(),
            color: None,
        })
        .collect();
    let events: Vec<Event> = (0..2)
        .map(|lane| {
            let mut e = dated("2025-11-05T10:00", None, Some(Status::Claimed));
            e.lane = lane;
            e
        })
        .collect();
    let timeline =
        Timeline::new("grounds", lanes, events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        let palette = Palette::of(theme);
        assert_ne!(palette.background, palette.lane_alt);
        let (_, scene) = build(
            &timeline,
            &view_of("2025-11-01", "2025-11-10"),
            800.0,
            theme,
            None,
        );
        for (event, ground) in [(0, palette.background), (1, palette.lane_alt)] {
            let fill = event_group(&scene, event).iter().find_map(|m| match m {
                Mark::Polygon { fill, .. } => *fill,
                _ => None,
            });
            assert_eq!(fill, Some(ground), "{theme:?}: event {event}");
        }
    }
}
