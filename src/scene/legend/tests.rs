//! The legend's display list: every entry once, each status with its own
//! sample drawn by the item code, rows apart, words inside their column.

use super::*;
use crate::layout::ROW_HEIGHT;
use crate::layout::theme::{StatusStyle, ThemeKind, pale_fill, status_style};
use crate::scene::{Group, Mark};

const WIDTHS: [f32; 7] = [100.0, 300.0, 460.0, 820.0, 1000.0, 1600.0, 2400.0];

fn palettes() -> [Palette; 2] {
    [Palette::of(ThemeKind::Light), Palette::of(ThemeKind::Dark)]
}

fn row_marks<'a>(legend: &'a Legend, row: &LegendRow) -> &'a [Mark] {
    &legend.scene.marks[row.marks.clone()]
}

fn sample_marks<'a>(legend: &'a Legend, row: &LegendRow) -> &'a [Mark] {
    &row_marks(legend, row)[..row.sample_marks]
}

fn words(legend: &Legend, row: &LegendRow) -> String {
    row_marks(legend, row)
        .iter()
        .filter_map(|m| match m {
            Mark::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_entry_is_there_once_with_a_sample() {
    for palette in palettes() {
        for width in WIDTHS {
            let legend = legend(width, &palette);
            let entries: Vec<Entry> = legend.rows.iter().map(|r| r.entry).collect();
            let expected: Vec<Entry> = sections().into_iter().flat_map(|(_, e)| e).collect();
            assert_eq!(entries, expected, "at {width}");
            for row in &legend.rows {
                assert!(
                    row.sample_marks > 0,
                    "{:?} has no sample at {width}",
                    row.entry
                );
                assert!(
                    row_marks(&legend, row).len() > row.sample_marks,
                    "{:?} has no words at {width}",
                    row.entry
                );
            }
        }
    }
}

#[test]
fn every_status_appears_once_with_its_own_style() {
    for palette in palettes() {
        every_status_has_its_own_sample(&palette);
    }
}

fn every_status_has_its_own_sample(palette: &Palette) {
    let legend = legend(460.0, palette);
    let lane = palette.lane_color(None, 0);
    // In order of how sure the record is, each status once, then the key.
    let listed: Vec<Entry> = legend
        .rows
        .iter()
        .map(|r| r.entry)
        .filter(|e| matches!(e, Entry::Status(_) | Entry::StatusKey))
        .collect();
    let mut expected: Vec<Entry> = STATUS_ORDER.into_iter().map(Entry::Status).collect();
    expected.push(Entry::StatusKey);
    assert_eq!(listed, expected);
    assert!(Status::ALL.iter().all(|s| STATUS_ORDER.contains(s)));
    for status in Status::ALL {
        let rows: Vec<&LegendRow> = legend
            .rows
            .iter()
            .filter(|r| r.status == Some(status))
            .collect();
        assert_eq!(rows.len(), 1, "{status}");
        let row = rows[0];
        assert_eq!(row.entry, Entry::Status(status));
        let text = words(&legend, row);
        assert!(text.starts_with(status.as_str()), "{text}");
        assert!(text.contains(status_meaning(status)), "{text}");
        // A moment and a range: a diamond and a bar.
        let sample = sample_marks(&legend, row);
        let diamond = sample
            .iter()
            .find(|m| matches!(m, Mark::Polygon { points, .. } if points.len() == 4))
            .unwrap_or_else(|| panic!("{status} has no diamond"));
        assert!(sample.iter().any(|m| matches!(m, Mark::Rect { .. })));
        let style = status_style(Some(status));
        // Each style's diamond, as the legend's words say it: solid, pale
        // in a solid edge, hollow, hollow and dotted, half, crossed.
        let Mark::Polygon { fill, stroke, .. } = diamond else {
            unreachable!()
        };
        let (fill, edge) = (*fill, stroke.map(|s| s.color));
        match style {
            StatusStyle::Solid | StatusStyle::Crossed => {
                assert_eq!((fill, edge), (Some(lane), None), "{status}");
            }
            StatusStyle::Pale => {
                assert_eq!((fill, edge), (Some(pale_fill(lane, palette)), Some(lane)));
            }
            StatusStyle::Hollow | StatusStyle::Half => {
                assert_eq!((fill, edge), (Some(palette.background), Some(lane)));
            }
            StatusStyle::Dotted => {
                assert_eq!((fill, edge), (Some(palette.background), None));
            }
        }
        // Denied moments are crossed out, and their bars struck through,
        // in the text colour.
        let crossed = sample
            .iter()
            .any(|m| matches!(m, Mark::Polyline { stroke, .. } if stroke.color == palette.text));
        assert_eq!(crossed, style == StatusStyle::Crossed, "{status}");
        // Rumoured diamonds are outlined in dots, their bars' edges dotted.
        let dots = sample
            .iter()
            .filter(|m| matches!(m, Mark::Circle { fill: Some(f), .. } if *f == lane))
            .count();
        assert_eq!(dots > 0, style == StatusStyle::Dotted, "{status}");
        let dotted_edge = sample.iter().any(
            |m| matches!(m, Mark::Polyline { stroke, .. } if stroke.dash == Some(crate::scene::items::DOT)),
        );
        assert_eq!(dotted_edge, style == StatusStyle::Dotted, "{status}");
        // Disputed marks are half filled: a triangle on the diamond.
        let half = sample.iter().any(
            |m| matches!(m, Mark::Polygon { points, fill: Some(f), .. } if points.len() == 3 && *f == lane),
        );
        assert_eq!(half, style == StatusStyle::Half, "{status}");
    }
    // Every status has a sample of its own: no two are drawn alike.
    let sample_of = |status: Status| {
        let row = legend
            .rows
            .iter()
            .find(|r| r.status == Some(status))
            .unwrap_or_else(|| panic!("{status}"));
        sample_marks(&legend, row)
            .iter()
            .map(|m| m.clone().translated(-row.sample.min_x, -row.sample.min_y))
            .collect::<Vec<_>>()
    };
    for (i, a) in Status::ALL.into_iter().enumerate() {
        // No status is drawn as confirmed, the default look.
        assert_eq!(
            status_style(Some(a)) == status_style(None),
            a == Status::Confirmed,
            "{a}"
        );
        for b in Status::ALL.into_iter().skip(i + 1) {
            assert_ne!(sample_of(a), sample_of(b), "{a} and {b}");
            assert_ne!(status_style(Some(a)), status_style(Some(b)), "{a} and {b}");
        }
    }
}

#[test]
fn rows_do_not_overlap_and_texts_fit_the_width() {
    let metrics = FontMetrics::shared();
    for palette in palettes() {
        for width in WIDTHS {
            let legend = legend(width, &palette);
            let scene = &legend.scene;
            for (i, a) in legend.rows.iter().enumerate() {
                assert!(
                    a.rect.min_x >= 0.0
                        && a.rect.max_x <= width
                        && a.rect.min_y >= 0.0
                        && a.rect.max_y <= scene.height,
                    "{:?} at {:?} outside {width}×{}",
                    a.entry,
                    a.rect,
                    scene.height
                );
                for b in &legend.rows[i + 1..] {
                    assert!(
                        !a.rect.intersects(&b.rect),
                        "{:?} and {:?} overlap at {width}",
                        a.entry,
                        b.entry
                    );
                }
                // Words stay in their row's column.
                for mark in row_marks(&legend, a) {
                    if let Mark::Text(run) = mark {
                        let right = run.pos.x + metrics.width(&run.text, run.size);
                        assert!(
                            run.pos.x >= a.rect.min_x && right <= a.rect.max_x + 0.01,
                            "{:?} runs past its column at {width}: {right} > {}",
                            run.text,
                            a.rect.max_x
                        );
                    }
                }
            }
            for (_, run) in scene.texts() {
                let right = run.pos.x + metrics.width(&run.text, run.size);
                assert!(right <= width - INSET + 0.01, "{:?} at {width}", run.text);
                assert!(!run.text.is_empty());
            }
            // Headings and rows cover the marks without gaps.
            assert_eq!(
                scene.groups.iter().map(|g| g.marks.len()).sum::<usize>(),
                scene.marks.len()
            );
        }
    }
}

#[test]
fn samples_are_drawn_by_the_real_marks_code() {
    let palette = Palette::of(ThemeKind::Light);
    let legend = legend(820.0, &palette);
    let sample = |entry: Entry| {
        let row = legend
            .rows
            .iter()
            .find(|r| r.entry == entry)
            .unwrap_or_else(|| panic!("{entry:?}"));
        (sample_marks(&legend, row), row.sample)
    };
    // A moment and a range share one row of the canvas.
    for entry in [
        Entry::Moment,
        Entry::Range,
        Entry::Approximate,
        Entry::Qualified,
    ] {
        assert!(
            (sample(entry).1.height() - ROW_HEIGHT).abs() < 0.01,
            "{entry:?}"
        );
    }
    let has = |entry: Entry, f: &dyn Fn(&Mark) -> bool| sample(entry).0.iter().any(f);
    // The approximate moment's ring; a dashed edge on the approximate range.
    assert!(has(Entry::Approximate, &|m| matches!(
        m,
        Mark::Circle { .. }
    )));
    assert!(has(Entry::Approximate, &|m| {
        matches!(m, Mark::Polyline { stroke, .. } if stroke.dash.is_some())
    }));
    // Windows: whisker caps (vertical lines); an open end: a fade.
    assert!(has(Entry::Window, &|m| {
        matches!(m, Mark::Polyline { points, .. } if points.len() == 2 && (points[0].x - points[1].x).abs() < 0.01)
    }));
    assert!(has(Entry::MomentWindow, &|m| matches!(
        m,
        Mark::Rect { .. }
    )));
    assert!(has(Entry::OpenEnd, &|m| matches!(m, Mark::Gradient { .. })));
    // A faint bar's status key: the disputed diamond, half filled, over a
    // window.
    assert!(has(Entry::StatusKey, &|m| {
        matches!(m, Mark::Polygon { points, .. } if points.len() == 3)
    }));
    assert!(has(Entry::StatusKey, &|m| matches!(m, Mark::Rect { .. })));
    // `?` and `~` are drawn as curves.
    assert!(has(Entry::Qualified, &|m| matches!(m, Mark::Curve { .. })));
    // A link's curve and arrowhead; an era's band and title; bins.
    assert!(has(Entry::Link, &|m| matches!(m, Mark::Curve { .. })));
    assert!(has(
        Entry::Era,
        &|m| matches!(m, Mark::Text(run) if run.text == "Summit")
    ));
    assert!(has(
        Entry::Density,
        &|m| matches!(m, Mark::Tiles(t) if t.len() > 20)
    ));
    assert!(has(Entry::Overflow, &|m| {
        matches!(m, Mark::Text(run) if run.text == "+7" && run.color == palette.accent)
    }));
    assert!(has(Entry::Filtered, &|m| {
        matches!(m, Mark::Text(run) if run.text.ends_with("+3 filtered"))
    }));
    // Every sample stays inside its box, give or take a stroke and the
    // canvas's overhang past its edge.
    for row in &legend.rows {
        for mark in sample_marks(&legend, row) {
            let points: Vec<(f32, f32)> = match mark {
                Mark::Rect { rect, .. } | Mark::Gradient { rect, .. } => {
                    vec![(rect.min_x, rect.min_y), (rect.max_x, rect.max_y)]
                }
                Mark::Polygon { points, .. } | Mark::Polyline { points, .. } => {
                    points.iter().map(|p| (p.x, p.y)).collect()
                }
                _ => Vec::new(),
            };
            for (x, y) in points {
                assert!(
                    x >= row.sample.min_x - 6.0
                        && x <= row.sample.max_x + 6.0
                        && y >= row.sample.min_y - 3.0
                        && y <= row.sample.max_y + 3.0,
                    "{:?}: ({x}, {y}) outside {:?}",
                    row.entry,
                    row.sample
                );
            }
        }
    }
}

#[test]
fn wide_legends_use_columns() {
    let palette = Palette::of(ThemeKind::Light);
    let narrow = legend(460.0, &palette);
    let wide = legend(1600.0, &palette);
    let columns = |l: &Legend| {
        #[allow(clippy::cast_possible_truncation)] // Small, whole x.
        let mut xs: Vec<i32> = l.rows.iter().map(|r| r.rect.min_x.round() as i32).collect();
        xs.sort_unstable();
        xs.dedup();
        xs.len()
    };
    assert_eq!(columns(&narrow), 1);
    assert!(columns(&wide) >= 3, "{}", columns(&wide));
    assert!(wide.scene.height < narrow.scene.height / 2.0);
    assert_eq!(breaks(&[1.0, 1.0, 1.0, 1.0], 2), vec![2]);
    assert_eq!(breaks(&[3.0, 1.0, 1.0, 1.0], 2), vec![1]);
    assert_eq!(breaks(&[1.0, 1.0], 1), Vec::<usize>::new());
}

#[test]
fn words_wrap_inside_their_width() {
    let metrics = FontMetrics::shared();
    let lines = wrap("a moment: an event without an end", TEXT_SIZE, 80.0);
    assert!(lines.len() > 1, "{lines:?}");
    assert!(lines.iter().all(|l| metrics.width(l, TEXT_SIZE) <= 80.0));
    assert_eq!(lines.join(" "), "a moment: an event without an end");
    let cut = wrap("incomprehensibilities", TEXT_SIZE, 40.0);
    assert!(cut.len() == 1 && cut[0].ends_with('…'), "{cut:?}");
}

#[test]
fn an_export_appends_the_legend_in_its_own_pane() {
    let palette = Palette::of(ThemeKind::Light);
    let timeline = crate::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline);
    let layout = crate::layout::layout(
        &timeline,
        &crate::layout::initial_view(&timeline),
        &crate::layout::Params::new(900.0, palette),
    );
    let plain = Scene::for_export(&timeline, &layout, 600.0);
    let legend = legend(900.0, &palette);
    let with = plain.clone().with_legend(&legend, &palette);
    assert!((with.legend_height - legend.scene.height).abs() < f32::EPSILON);
    assert_eq!(&with.marks[..plain.marks.len()], &plain.marks[..]);
    assert_eq!(&with.groups[..plain.groups.len()], &plain.groups[..]);
    let added: Vec<&Group> = with.groups[plain.groups.len()..].iter().collect();
    assert!(
        added
            .iter()
            .all(|g| g.pane == Pane::Legend && g.kind == GroupKind::Legend)
    );
    // The rule, then the legend's own marks in order.
    let legend_marks: Vec<&Mark> = added
        .iter()
        .skip(1)
        .flat_map(|g| with.marks_of(g))
        .collect();
    assert_eq!(legend_marks, legend.scene.marks.iter().collect::<Vec<_>>());
}
