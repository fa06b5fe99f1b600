//! Layout: (timeline, view, size) → everything the canvas shows, as plain
//! rectangles, points and strings.
//!
//! **Architecture invariant:** layout is a pure function with no egui and no
//! I/O. The window (`app`) and the headless export (`export`) both paint
//! from a [`Layout`] and nothing else, so they cannot drift apart. Layout
//! guarantees that no two event labels overlap and that no label is clipped:
//! events stack into sub-rows of their lane, and labels that still do not
//! fit are hidden and counted in a "+N" marker.
//!
//! Cost is proportional to what is visible, not to the size of the file:
//! events are culled by binary search ([`Timeline::visible`]), and a lane
//! with more visible events than [`DENSE_LANE_EVENTS`] is drawn as a density
//! histogram (one bin per [`DENSITY_BIN_PX`]) instead of items.

pub mod text;
pub mod theme;

use std::collections::HashMap;

use crate::model::Timeline;
use crate::time::{Time, TimeRange};
use crate::view::TimeView;
use crate::view::ticks::{Ticks, ticks};
use text::FontMetrics;
use theme::{Palette, Rgba, StatusStyle, status_style};

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

/// An axis-aligned rectangle in points, y growing downwards.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub min_x: f32,
    /// Top.
    pub min_y: f32,
    /// Right.
    pub max_x: f32,
    /// Bottom.
    pub max_y: f32,
}

impl Rect {
    /// A rectangle from its edges.
    #[must_use]
    pub const fn new(min_x: f32, min_y: f32, max_x: f32, max_y: f32) -> Self {
        Self {
            min_x,
            min_y,
            max_x,
            max_y,
        }
    }

    /// Width.
    #[must_use]
    pub fn width(&self) -> f32 {
        self.max_x - self.min_x
    }

    /// Height.
    #[must_use]
    pub fn height(&self) -> f32 {
        self.max_y - self.min_y
    }

    /// True when the point lies inside.
    #[must_use]
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.min_x && x <= self.max_x && y >= self.min_y && y <= self.max_y
    }

    /// True when the interiors overlap.
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        self.min_x < other.max_x
            && other.min_x < self.max_x
            && self.min_y < other.max_y
            && other.min_y < self.max_y
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(&self, other: &Self) -> Self {
        Self::new(
            self.min_x.min(other.min_x),
            self.min_y.min(other.min_y),
            self.max_x.max(other.max_x),
            self.max_y.max(other.max_y),
        )
    }
}

/// A lane's band.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBox {
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// Title at the left edge ("" for the unnamed default lane).
    pub title: String,
    /// Top of the band.
    pub top: f32,
    /// Height of the band.
    pub height: f32,
    /// Colour of the lane's events.
    pub color: Rgba,
    /// Visible events in this lane.
    pub visible_events: usize,
    /// True when drawn as a density histogram.
    pub dense: bool,
}

/// How an event is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A moment: a diamond centred here.
    Marker {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
    },
    /// A stretch of time: a bar. `precision_only` bars are moments whose
    /// date is coarse enough to cover visible time ("November 2025" when
    /// zoomed to days): drawn soft, they show what the date really says.
    Bar {
        /// The bar.
        rect: Rect,
        /// True for a moment's precision extent rather than a duration.
        precision_only: bool,
    },
}

impl Shape {
    /// The shape's bounding box.
    #[must_use]
    pub fn bounds(&self) -> Rect {
        match *self {
            Self::Marker { x, y } => Rect::new(
                x - MARKER_SIZE / 2.0,
                y - MARKER_SIZE / 2.0,
                x + MARKER_SIZE / 2.0,
                y + MARKER_SIZE / 2.0,
            ),
            Self::Bar { rect, .. } => rect,
        }
    }
}

/// A text placed on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text, possibly cut with "…".
    pub text: String,
    /// Left edge.
    pub x: f32,
    /// Vertical centre.
    pub y: f32,
    /// Measured width.
    pub width: f32,
    /// True when drawn inside its bar (then on the bar colour).
    pub inside: bool,
}

impl Label {
    /// The label's box (one line of [`LABEL_SIZE`] text).
    #[must_use]
    pub fn rect(&self) -> Rect {
        let half = FontMetrics::shared().line_height(LABEL_SIZE) / 2.0;
        Rect::new(self.x, self.y - half, self.x + self.width, self.y + half)
    }
}

/// One drawn event.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Index into [`Timeline::events`].
    pub event: usize,
    /// Its shape.
    pub shape: Shape,
    /// Its label, when there is room for one.
    pub label: Option<Label>,
    /// Fill colour.
    pub color: Rgba,
    /// How its status is drawn.
    pub style: StatusStyle,
    /// The date is approximate: drawn with a dashed edge.
    pub approximate: bool,
    /// Where a pointer hits it (shape and label).
    pub hit: Rect,
}

/// A "+N" marker: N labels hidden here for lack of room.
#[derive(Clone, Debug, PartialEq)]
pub struct Overflow {
    /// Left edge of the text.
    pub x: f32,
    /// Vertical centre.
    pub y: f32,
    /// The text ("+3").
    pub text: String,
    /// Measured width.
    pub width: f32,
    /// The events whose labels are hidden.
    pub events: Vec<usize>,
}

/// One bin of a density histogram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DensityBin {
    /// The bar.
    pub rect: Rect,
    /// Events in the bin.
    pub count: u32,
    /// Colour.
    pub color: Rgba,
}

/// An era's background band.
#[derive(Clone, Debug, PartialEq)]
pub struct EraBand {
    /// Horizontal extent (clipped to the canvas), full height.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Title, placed in the era strip; `None` when it does not fit.
    pub label: Option<Label>,
    /// Band colour (translucent).
    pub color: Rgba,
}

/// A link between two drawn events.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkLine {
    /// Where the line starts (right of the source's shape).
    pub from: (f32, f32),
    /// Where it ends (left of the target's shape).
    pub to: (f32, f32),
}

/// A grid line with its strength.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridLine {
    /// x of the line.
    pub x: f32,
    /// True for upper-tier ticks.
    pub major: bool,
}

/// Everything the canvas shows. All coordinates are in points from the
/// canvas's top-left corner, as if nothing were scrolled: the window moves
/// the part below the axis by its vertical scroll offset.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Canvas width.
    pub width: f32,
    /// The view this layout shows.
    pub view: TimeView,
    /// Tick marks and labels of the axis (x relative to the canvas).
    pub ticks: Ticks,
    /// Grid lines through the lanes.
    pub grid: Vec<GridLine>,
    /// Top of the lanes (below the axis and the era strip).
    pub lanes_top: f32,
    /// The lanes, top to bottom.
    pub lanes: Vec<LaneBox>,
    /// Drawn events, in drawing order.
    pub items: Vec<Item>,
    /// "+N" markers.
    pub overflows: Vec<Overflow>,
    /// Density histogram bins of dense lanes.
    pub density: Vec<DensityBin>,
    /// Era bands.
    pub eras: Vec<EraBand>,
    /// Links between drawn events.
    pub links: Vec<LinkLine>,
    /// Bottom of the last lane.
    pub content_bottom: f32,
    /// Events overlapping the visible range.
    pub visible_events: usize,
    /// The palette the colours come from.
    pub palette: Palette,
}

/// What layout needs besides the timeline and the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Canvas width in points.
    pub width: f32,
    /// Colours.
    pub palette: Palette,
    /// Most sub-rows a lane may use before labels are hidden.
    pub max_rows: usize,
    /// The selected event, drawn on top (its label wins a place first).
    pub selected: Option<usize>,
}

impl Params {
    /// Defaults for a canvas `width` points wide.
    #[must_use]
    pub fn new(width: f32, palette: Palette) -> Self {
        Self {
            width,
            palette,
            max_rows: 8,
            selected: None,
        }
    }
}

/// Lays out `timeline` as seen through `view` on a canvas `params.width`
/// points wide.
#[must_use]
pub fn layout(timeline: &Timeline, view: &TimeView, params: &Params) -> Layout {
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
        let Some(index) = timeline.lane_index(lane_index) else {
            continue;
        };
        let color = params.palette.lane_color(lane.color, lane_index);
        // This lane's events overlapping the view, counted exactly: those
        // that start inside it, plus long ones from before that reach in.
        // Binary search keeps this independent of the lane's size.
        let inside = index.starting_in(visible_range);
        let reaching_in = index.events[index.candidates(visible_range).start..inside.start]
            .iter()
            .filter(|&&i| timeline.range_of(i as usize).overlaps(visible_range))
            .count();
        let visible_in_lane = inside.len() + reaching_in;
        out.visible_events += visible_in_lane;
        let dense = visible_in_lane > dense_limit;
        let body_top = top + LANE_HEADER;
        let body_height = if dense {
            density_lane(index, view, width, body_top, color, &mut out.density)
        } else {
            // Events whose labels may reach into view are fetched too.
            let events: Vec<usize> = index.events[index.candidates(cull)]
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| timeline.range_of(i).overlaps(cull))
                .collect();
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

/// Places one lane's events into sub-rows.
struct LaneRows<'a, F: Fn(Time) -> f32> {
    timeline: &'a Timeline,
    x_of: &'a F,
    width: f32,
    top: f32,
    color: Rgba,
    max_rows: usize,
    /// The visible range: events outside it are not drawn even if they were
    /// fetched for their labels.
    visible: TimeRange,
}

/// An event's shape and label before it has a row.
struct Candidate {
    event: usize,
    /// Shape extent.
    left: f32,
    right: f32,
    kind: CandidateKind,
    label: Option<(String, f32, f32, bool)>, // text, x, width, inside
}

#[derive(Clone, Copy)]
enum CandidateKind {
    Marker(f32),
    Bar { precision_only: bool },
}

impl<F: Fn(Time) -> f32> LaneRows<'_, F> {
    /// Returns the height the rows take.
    fn place(
        &self,
        events: &[usize],
        selected: Option<usize>,
        items: &mut Vec<Item>,
        overflows: &mut Vec<Overflow>,
    ) -> f32 {
        let metrics = FontMetrics::shared();
        let mut candidates: Vec<Candidate> = events
            .iter()
            .filter_map(|&e| self.candidate(e, metrics))
            .collect();
        // The selected event claims its row first, so its label is never
        // the one hidden.
        if let Some(pos) = candidates.iter().position(|c| Some(c.event) == selected) {
            let chosen = candidates.remove(pos);
            candidates.insert(0, chosen);
        }
        let mut row_ends: Vec<f32> = Vec::new();
        let mut hidden: Vec<(f32, usize)> = Vec::new();
        let first_item = items.len();
        for c in candidates {
            let label_right = c.label.as_ref().map_or(c.right, |(_, x, w, _)| x + w);
            let full_left = c
                .left
                .min(c.label.as_ref().map_or(c.left, |(_, x, _, _)| *x));
            let full_right = c.right.max(label_right);
            let fits = |end: f32, left: f32| end + GAP <= left;
            let row = row_ends.iter().position(|&end| fits(end, full_left));
            let (row, keep_label) = match row {
                Some(row) => (row, true),
                None if row_ends.len() < self.max_rows => {
                    row_ends.push(f32::NEG_INFINITY);
                    (row_ends.len() - 1, true)
                }
                None => {
                    // No row has room for the label. Keep the shape where it
                    // touches nothing; if even that fails, the event is only
                    // counted in a "+N" marker (drawing it over another
                    // event's label would hide both).
                    if let Some(row) = row_ends.iter().position(|&end| fits(end, c.left)) {
                        (row, false)
                    } else {
                        hidden.push((c.left.max(0.0), c.event));
                        continue;
                    }
                }
            };
            let keep_label = keep_label && c.label.is_some();
            let end = if keep_label { full_right } else { c.right };
            if let Some(slot) = row_ends.get_mut(row) {
                *slot = slot.max(end);
            }
            if !keep_label {
                hidden.push((c.left.max(0.0), c.event));
            }
            items.push(self.item(&c, row, keep_label));
        }
        let rows_height = ROW_HEIGHT * rows_f32(row_ends.len().max(1));
        if hidden.is_empty() {
            return rows_height;
        }
        // Cluster hidden labels that sit close together into one "+N".
        hidden.sort_by(|a, b| a.0.total_cmp(&b.0));
        let metrics = FontMetrics::shared();
        let y = self.top + rows_height + OVERFLOW_STRIP / 2.0;
        let mut clusters: Vec<(f32, Vec<usize>)> = Vec::new();
        let mut cluster_end = f32::NEG_INFINITY;
        for (x, event) in hidden {
            match clusters.last_mut() {
                Some((_, members)) if x <= cluster_end => members.push(event),
                _ => clusters.push((x, vec![event])),
            }
            if let Some((start, members)) = clusters.last() {
                let text = format!("+{}", crate::numbers::grouped(members.len()));
                cluster_end = start + metrics.width(&text, TICK_SIZE) + GAP;
            }
        }
        for (x, events) in clusters {
            let text = format!("+{}", crate::numbers::grouped(events.len()));
            let width = metrics.width(&text, TICK_SIZE);
            let x = x.min(self.width - width - 2.0).max(0.0);
            overflows.push(Overflow {
                x,
                y,
                text,
                width,
                events,
            });
        }
        debug_assert!(items.len() >= first_item);
        rows_height + OVERFLOW_STRIP
    }

    fn candidate(&self, event: usize, metrics: &FontMetrics) -> Option<Candidate> {
        let e = &self.timeline.events()[event];
        let range = self.timeline.range_of(event);
        let (x0, x1) = ((self.x_of)(range.start), (self.x_of)(range.end));
        let threshold = if e.is_moment() {
            MIN_PRECISION_BAR
        } else {
            MARKER_SIZE * 1.5
        };
        let wide = x1 - x0 >= threshold;
        let (kind, left, right) = if wide {
            (
                CandidateKind::Bar {
                    precision_only: e.is_moment(),
                },
                x0,
                x1.max(x0 + 2.0),
            )
        } else {
            let cx = f32::midpoint(x0, x1);
            (
                CandidateKind::Marker(cx),
                cx - MARKER_SIZE / 2.0,
                cx + MARKER_SIZE / 2.0,
            )
        };
        if !range.overlaps(self.visible) || right <= 0.0 || left >= self.width {
            // Off screen (it was only kept because its label might reach in;
            // a label without its shape would point at nothing).
            return None;
        }
        // Measure once; cut only the rare title that is too long.
        let full_width = metrics.width(&e.title, LABEL_SIZE);
        let (title, title_width) = if full_width <= MAX_LABEL_WIDTH {
            (e.title.clone(), full_width)
        } else {
            let cut = metrics.ellipsize(&e.title, LABEL_SIZE, MAX_LABEL_WIDTH);
            let cut_width = metrics.width(&cut, LABEL_SIZE);
            (cut, cut_width)
        };
        let visible_left = left.max(0.0);
        let visible_right = right.min(self.width);
        let label = if title.is_empty() {
            None
        } else if matches!(kind, CandidateKind::Bar { .. })
            && full_width + 10.0 <= visible_right - visible_left
        {
            // Inside a bar the whole title may be used: the bar holds it.
            Some((e.title.clone(), visible_left + 5.0, full_width, true))
        } else if right + 4.0 + title_width <= self.width {
            Some((title, right + 4.0, title_width, false))
        } else if left - 4.0 - title_width >= 0.0 {
            // No room to the right before the edge: put it on the left.
            Some((title, left - 4.0 - title_width, title_width, false))
        } else {
            let room = self.width - right - 4.0;
            let cut = metrics.ellipsize(&e.title, LABEL_SIZE, room);
            let cut_width = metrics.width(&cut, LABEL_SIZE);
            (room >= 40.0 && !cut.is_empty()).then_some((cut, right + 4.0, cut_width, false))
        };
        Some(Candidate {
            event,
            left,
            right,
            kind,
            label,
        })
    }

    fn item(&self, c: &Candidate, row: usize, keep_label: bool) -> Item {
        let e = &self.timeline.events()[c.event];
        let cy = self.top + ROW_HEIGHT * (rows_f32(row) + 0.5);
        let shape = match c.kind {
            CandidateKind::Marker(x) => Shape::Marker { x, y: cy },
            CandidateKind::Bar { precision_only } => {
                // Bars are clipped a little outside the canvas so painting
                // never handles coordinates millions of points away.
                let rect = Rect::new(
                    c.left.max(-4.0),
                    cy - 7.0,
                    c.right.min(self.width + 4.0),
                    cy + 7.0,
                );
                Shape::Bar {
                    rect,
                    precision_only,
                }
            }
        };
        let label = c
            .label
            .as_ref()
            .filter(|_| keep_label)
            .map(|(text, x, width, inside)| Label {
                text: text.clone(),
                x: *x,
                y: cy,
                width: *width,
                inside: *inside,
            });
        let mut hit = shape.bounds();
        if let Some(label) = &label {
            hit = hit.union(&label.rect());
        }
        Item {
            event: c.event,
            shape,
            label,
            color: self.color,
            style: status_style(e.status),
            approximate: e.approximate,
            hit,
        }
    }
}

/// A row count as f32; rows are bounded by `Params::max_rows`, far below
/// where f32 loses integers.
#[allow(clippy::cast_precision_loss)]
fn rows_f32(rows: usize) -> f32 {
    rows as f32
}

/// Above this many visible events a lane is a histogram: more than one
/// event per four points cannot carry labels anyway, and items would cost
/// more than a frame allows.
#[must_use]
pub fn dense_limit(width: f32) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // A small positive count.
    let by_width = (width / 4.0).max(50.0) as usize;
    by_width.min(DENSE_LANE_EVENTS)
}

/// Bins a dense lane's event starts per [`DENSITY_BIN_PX`] by binary search
/// on its sorted starts: the cost depends on the canvas width, not on how
/// many events the lane holds. Returns the height used.
fn density_lane(
    index: &crate::model::LaneIndex,
    view: &TimeView,
    width: f32,
    top: f32,
    color: Rgba,
    out: &mut Vec<DensityBin>,
) -> f32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // Small positive count of bins.
    let bins = (width / DENSITY_BIN_PX).ceil().max(1.0) as usize;
    let width_px = f64::from(width);
    let boundary = |b: usize| {
        #[allow(clippy::cast_precision_loss)] // Bin index is small.
        let x = (b as f64) * f64::from(DENSITY_BIN_PX);
        let t = view.time_from_x(x, width_px);
        index.starts.partition_point(|&s| s < t)
    };
    let mut counts = Vec::with_capacity(bins);
    let mut left = boundary(0);
    for b in 0..bins {
        let right = boundary(b + 1);
        counts.push(u32::try_from(right.saturating_sub(left)).unwrap_or(u32::MAX));
        left = right;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    #[allow(clippy::cast_precision_loss)]
    // Counts far below 2^24 matter; beyond, precision is moot.
    let scale = |count: u32| ((count as f32).ln_1p() / (max as f32).ln_1p()).clamp(0.0, 1.0);
    let bottom = top + DENSITY_HEIGHT;
    for (i, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = (DENSITY_HEIGHT - 2.0) * scale(count).max(0.08);
        #[allow(clippy::cast_precision_loss)] // Bin index is small.
        let x = i as f32 * DENSITY_BIN_PX;
        out.push(DensityBin {
            rect: Rect::new(x, bottom - h, x + DENSITY_BIN_PX, bottom),
            count,
            color,
        });
    }
    DENSITY_HEIGHT
}

/// Lines for links whose both ends are drawn.
fn links(timeline: &Timeline, items: &[Item]) -> Vec<LinkLine> {
    let drawn: HashMap<usize, &Item> = items.iter().map(|item| (item.event, item)).collect();
    let mut out = Vec::new();
    for item in items {
        for link in &timeline.events()[item.event].links {
            if let Some(target) = drawn.get(&link.target) {
                let from = item.shape.bounds();
                let to = target.shape.bounds();
                out.push(LinkLine {
                    from: (
                        from.max_x.min(to.min_x.max(from.min_x)),
                        f32::midpoint(from.min_y, from.max_y),
                    ),
                    to: (to.min_x, f32::midpoint(to.min_y, to.max_y)),
                });
            }
        }
    }
    out
}

impl Layout {
    /// The event under the point, topmost first.
    #[must_use]
    pub fn hit(&self, x: f32, y: f32) -> Option<usize> {
        self.items
            .iter()
            .rev()
            .find(|item| item.hit.contains(x, y))
            .map(|item| item.event)
    }

    /// The "+N" marker under the point.
    #[must_use]
    pub fn hit_overflow(&self, x: f32, y: f32) -> Option<&Overflow> {
        self.overflows
            .iter()
            .find(|o| x >= o.x && x <= o.x + o.width && (y - o.y).abs() <= OVERFLOW_STRIP / 2.0)
    }

    /// The item drawn for an event, if it is drawn.
    #[must_use]
    pub fn item_of(&self, event: usize) -> Option<&Item> {
        self.items.iter().find(|item| item.event == event)
    }
}

#[cfg(test)]
mod tests;
