//! Layout: (timeline, view, size) → everything the canvas shows, as plain
//! rectangles, points and strings.
//!
//! **Architecture invariant:** layout is a pure function with no egui and no
//! I/O, and it decides placement only: where each lane, shape and label
//! goes. How they look is decided once, from a [`Layout`], by the display
//! list in [`crate::scene`], which the window (`app`) and the headless
//! export (`export`) both translate, so they cannot drift apart. Layout
//! guarantees that no two event labels overlap and that no label is clipped:
//! events stack into sub-rows of their lane, and labels that still do not
//! fit are hidden and counted in a "+N" marker.
//!
//! Cost is proportional to what is visible, not to the size of the file:
//! events are culled by binary search ([`Timeline::visible`]), and a lane
//! with more visible events than [`DENSE_LANE_EVENTS`] is drawn as a density
//! histogram (one bin per [`DENSITY_BIN_PX`]) instead of items.
//!
//! `geometry.rs` holds the output types; `rows.rs` stacks a lane's events.

mod density;
mod geometry;
mod rows;
pub mod text;
pub mod theme;
pub mod uncertain;

use std::collections::HashMap;

use crate::model::Timeline;
use crate::time::{Time, TimeRange};
use crate::view::TimeView;
use crate::view::ticks::{Ticks, ticks};
pub use geometry::{
    DensityBin, EraBand, GridLine, Item, Label, LaneBox, Layout, LinkLine, Overflow, Params, Rect,
    Shape,
};
use rows::LaneRows;
use text::FontMetrics;
use theme::Palette;

/// Font size of event labels, in points.
pub const LABEL_SIZE: f32 = 13.0;
/// Font size of tick labels.
pub const TICK_SIZE: f32 = 12.0;
/// Font size of lane titles.
pub const LANE_TITLE_SIZE: f32 = 12.5;
/// Height of the two-tier time axis at the top.
pub const AXIS_HEIGHT: f32 = 42.0;
/// Height of the strip that holds era titles, when there are eras.
pub const ERA_STRIP: f32 = 18.0;
/// Height of a lane's title row.
pub const LANE_HEADER: f32 = 20.0;
/// Height of one sub-row of events.
pub const ROW_HEIGHT: f32 = 22.0;
/// Height of a lane's "+N" strip, when it has hidden labels.
pub const OVERFLOW_STRIP: f32 = 16.0;
/// Space below a lane's last row.
pub const LANE_PADDING: f32 = 6.0;
/// Side of a moment's marker.
pub const MARKER_SIZE: f32 = 11.0;
/// Room a faint bar's status key (its status's diamond, drawn where the
/// faint fill cannot show the status) takes at the bar's left end, so a
/// label inside the bar starts after it.
pub const STATUS_KEY_ROOM: f32 = MARKER_SIZE + 7.0;
/// Gap kept between neighbours in a row.
pub const GAP: f32 = 8.0;
/// Longest label before it is cut with "…" (the full title is in the tooltip).
pub const MAX_LABEL_WIDTH: f32 = 420.0;
/// A moment's precision extent is drawn as a soft bar only from this width
/// on; narrower, a marker at its centre reads better.
pub const MIN_PRECISION_BAR: f32 = 40.0;
/// Above this many visible events a lane is drawn as a density histogram.
pub const DENSE_LANE_EVENTS: usize = 1500;
/// Width of one density bin.
pub const DENSITY_BIN_PX: f32 = 2.0;
/// Height of a density histogram.
pub const DENSITY_HEIGHT: f32 = 2.0 * ROW_HEIGHT;

/// Fraction of the span added on each side when fitting all events, in the
/// window (Home, double-click) and in an export (`--all`) alike.
pub use crate::view::FIT_MARGIN;

/// The view that shows every event and era with [`FIT_MARGIN`] on each
/// side, but never past today for data that ends in the past
/// ([`crate::view::fit_all`]). An empty timeline shows the calendar year
/// 2000, so that its title and lanes still have an axis.
#[must_use]
pub fn fit_all_view(timeline: &Timeline) -> TimeView {
    match timeline.extent() {
        Some(extent) => crate::view::fit_all(extent, Time::today()),
        None => TimeView::new(TimeRange::new(Time::from_year(2000), Time::from_year(2001))),
    }
}

/// The view a timeline opens on: its declared `view`, or all its events.
#[must_use]
pub fn initial_view(timeline: &Timeline) -> TimeView {
    match &timeline.initial_view {
        Some((start, end)) => TimeView::new(TimeRange::new(start.start(), end.end())),
        None => fit_all_view(timeline),
    }
}

/// Lays out `timeline` as seen through `view` on a canvas `params.width`
/// points wide.
#[must_use]
pub fn layout(timeline: &Timeline, view: &TimeView, params: &Params<'_>) -> Layout {
    let metrics = FontMetrics::shared();
    let width = params.width.max(1.0);
    let width_px = f64::from(width);
    let x_of = |t: Time| {
        // Clamped far outside the canvas so that f32 stays exact enough and
        // finite even for events billions of years away.
        #[allow(clippy::cast_possible_truncation)] // Clamped to ±1e6 first.
        let x = view.x_from_time(t, width_px).clamp(-1e6, 1e6) as f32;
        x
    };
    let tick_width = |s: &str| f64::from(metrics.width(s, TICK_SIZE));
    let ticks = ticks(view, width_px, &tick_width);
    let grid = grid_lines(&ticks, width_px);

    let visible_range = view.range();
    let eras = era_bands(timeline, visible_range, &x_of, width, &params.palette);
    let lanes_top = AXIS_HEIGHT
        + if timeline.eras().is_empty() {
            0.0
        } else {
            ERA_STRIP
        };

    // Events whose labels may reach into view start up to one label width
    // before it: look back that far.
    let look_back = view.time_from_x(-f64::from(MAX_LABEL_WIDTH + MARKER_SIZE + GAP), width_px);
    let cull = TimeRange::new(look_back.min(visible_range.start), visible_range.end);
    let mut out = Layout {
        width,
        view: *view,
        ticks,
        grid,
        lanes_top,
        lanes: Vec::with_capacity(timeline.lanes().len()),
        items: Vec::new(),
        overflows: Vec::new(),
        density: Vec::new(),
        eras,
        links: Vec::new(),
        content_bottom: lanes_top,
        visible_events: 0,
        palette: params.palette,
    };
    let dense_limit = dense_limit(width);
    let mut top = lanes_top;
    for (lane_index, lane) in timeline.lanes().iter().enumerate() {
        let Some(all) = timeline.lane_index(lane_index) else {
            continue;
        };
        let index = match params.shown {
            Some(shown) => match shown.lane(lane_index) {
                Some(index) => index,
                None => continue,
            },
            None => all.clone(),
        };
        let color = params.palette.lane_color(lane.color, lane_index);
        // This lane's events overlapping the view, counted exactly: those
        // that start inside it, plus long ones from before that reach in.
        // Binary search keeps this independent of the lane's size.
        let visible_in_lane = index.count_overlapping(visible_range);
        let filtered = all
            .count_overlapping(visible_range)
            .saturating_sub(visible_in_lane);
        out.visible_events += visible_in_lane;
        let dense = visible_in_lane > dense_limit;
        let body_top = top + LANE_HEADER;
        let body_height = if dense {
            density::density_lane(
                &index,
                &density::BinSpec {
                    view,
                    width,
                    top: body_top,
                    color,
                    lane: lane_index,
                },
                &mut out.density,
            )
        } else {
            // Events whose labels may reach into view are fetched too.
            let events = index.overlapping(cull);
            LaneRows {
                timeline,
                x_of: &x_of,
                width,
                top: body_top,
                color,
                max_rows: params.max_rows.max(1),
                visible: visible_range,
            }
            .place(&events, params.selected, &mut out.items, &mut out.overflows)
        };
        let height = LANE_HEADER + body_height.max(ROW_HEIGHT) + LANE_PADDING;
        out.lanes.push(LaneBox {
            lane: lane_index,
            title: lane.title.clone(),
            top,
            height,
            color,
            visible_events: visible_in_lane,
            dense,
            filtered,
        });
        top += height;
    }
    out.content_bottom = top;
    out.links = links(timeline, &out.items);
    out
}

/// Grid lines at every tick inside the canvas.
fn grid_lines(ticks: &Ticks, width_px: f64) -> Vec<GridLine> {
    ticks
        .minor
        .iter()
        .map(|t| (t.x, false))
        .chain(ticks.major.iter().map(|t| (t.x, true)))
        .filter(|(x, _)| (0.0..=width_px).contains(x))
        .map(|(x, major)| {
            #[allow(clippy::cast_possible_truncation)] // Inside the canvas.
            let x = x as f32;
            GridLine { x, major }
        })
        .collect()
}

/// Bands of the eras that overlap the view, with their titles where they fit.
fn era_bands(
    timeline: &Timeline,
    visible_range: TimeRange,
    x_of: &impl Fn(Time) -> f32,
    width: f32,
    palette: &Palette,
) -> Vec<EraBand> {
    let metrics = FontMetrics::shared();
    timeline
        .eras()
        .iter()
        .enumerate()
        .filter(|(_, era)| era.time_range().overlaps(visible_range))
        .map(|(i, era)| {
            let r = era.time_range();
            let (x0, x1) = (x_of(r.start).max(0.0), x_of(r.end).min(width));
            let label_x = x0 + 4.0;
            let text = metrics.ellipsize(&era.title, TICK_SIZE, (x1 - label_x - 4.0).max(0.0));
            let label = (!text.is_empty()).then(|| Label {
                width: metrics.width(&text, TICK_SIZE),
                text,
                x: label_x,
                y: AXIS_HEIGHT + ERA_STRIP / 2.0,
                inside: false,
                plate: false,
            });
            EraBand {
                x0,
                x1,
                label,
                color: palette.era_color(era.color, i),
            }
        })
        .collect()
}

/// Above this many visible events a lane is binned: items denser than
/// about one per two points could not be told apart (and more items than
/// that would not fit the frame budget at ten lanes). Below it the lane draws
/// items, labels those that fit and counts the rest in "+N" markers (rows
/// bound how many shapes are drawn, so a crowded lane stays cheap).
#[must_use]
pub fn dense_limit(width: f32) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // A small positive count.
    let by_width = (width / 2.0).max(50.0) as usize;
    by_width.min(DENSE_LANE_EVENTS)
}

/// Lines for links whose both ends are drawn.
fn links(timeline: &Timeline, items: &[Item]) -> Vec<LinkLine> {
    let drawn: HashMap<usize, &Item> = items.iter().map(|item| (item.event, item)).collect();
    let mut out = Vec::new();
    for item in items {
        for link in timeline.event(item.event).links() {
            if let Some(target) = drawn.get(&link.target) {
                let from = item.shape.bounds();
                let to = target.shape.bounds();
                let to_y = f32::midpoint(to.min_y, to.max_y);
                let label_right = item
                    .label
                    .as_ref()
                    .is_some_and(|l| !l.inside && l.x >= from.max_x - 0.5 && to.min_x > from.max_x);
                let other_row = to_y > from.max_y || to_y < from.min_y;
                let leaves_vertically = label_right && other_row;
                let start = if leaves_vertically {
                    let edge = if to_y > from.max_y {
                        from.max_y
                    } else {
                        from.min_y
                    };
                    (f32::midpoint(from.min_x, from.max_x), edge)
                } else {
                    (
                        from.max_x.min(to.min_x.max(from.min_x)),
                        f32::midpoint(from.min_y, from.max_y),
                    )
                };
                out.push(LinkLine {
                    from: start,
                    to: (to.min_x, to_y),
                    leaves_vertically,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod density_tests;
#[cfg(test)]
mod tests;
