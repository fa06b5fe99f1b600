//! Links leave their sources past their own labels.

use super::*;

/// Points along a cubic Bézier curve.
fn along(points: &[Point; 4]) -> impl Iterator<Item = Point> + '_ {
    (0..=50).map(move |i| {
        #[allow(clippy::cast_precision_loss)] // A small step count.
        let t = i as f32 / 50.0;
        let u = 1.0 - t;
        let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
        pt(
            points.iter().zip(w).map(|(p, w)| p.x * w).sum(),
            points.iter().zip(w).map(|(p, w)| p.y * w).sum(),
        )
    })
}

#[test]
fn links_leave_past_their_sources_labels() {
    // In the seed, links leave events whose labels are on their right for
    // events in other rows: they once ran through those labels. (A link to
    // an event further along the same row still runs through the label
    // between them.)
    let timeline = seed();
    for (from, to) in [("2025-10-01", "2025-11-30"), ("2025-10-12", "2025-10-28")] {
        let (layout, scene) = build(
            &timeline,
            &view_of(from, to),
            1280.0,
            ThemeKind::Light,
            None,
        );
        let vertical = layout.links.iter().filter(|l| l.leaves_vertically).count();
        assert!(vertical >= 1, "{from}–{to}: {:?}", layout.links);
        let curves = scene
            .groups_of(GroupKind::Links)
            .flat_map(|g| scene.marks_of(g))
            .filter_map(|m| match m {
                Mark::Curve { points, .. } => Some(points),
                _ => None,
            });
        for points in curves {
            // The source: the item whose shape the curve starts on.
            let start = points[0];
            let source = layout
                .items
                .iter()
                .find(|i| {
                    let b = i.shape.bounds();
                    start.x >= b.min_x - 0.5
                        && start.x <= b.max_x + 0.5
                        && start.y >= b.min_y - 0.5
                        && start.y <= b.max_y + 0.5
                })
                .unwrap_or_else(|| panic!("no item under {start:?}"));
            let Some(r) = source.label.as_ref().map(Label::rect) else {
                continue;
            };
            let end = points[3];
            if end.y >= r.min_y && end.y <= r.max_y {
                continue; // The same row: the known exception.
            }
            for p in along(points) {
                let inside = p.x > r.min_x + 1.0
                    && p.x < r.max_x - 1.0
                    && p.y > r.min_y + 1.0
                    && p.y < r.max_y - 1.0;
                assert!(
                    !inside,
                    "{from}–{to}: {p:?} of {points:?} in its source's label {r:?}"
                );
            }
        }
    }
}
