//! What layout produces: plain rectangles, points and strings in canvas
//! points, with no style beyond the lane colour and status of each item
//! (the display list in [`crate::scene`] decides how they look).

use super::text::FontMetrics;
use super::theme::{Palette, Rgba, StatusStyle};
use super::{LABEL_SIZE, MARKER_SIZE, OVERFLOW_STRIP};
use crate::model::ShownLanes;
use crate::time::TimeRange;
use crate::view::TimeView;
use crate::view::ticks::Ticks;

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
    /// Events in view that a filter hides ("+N filtered" in the header):
    /// a filter never leaves a silent gap.
    pub filtered: usize,
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
    /// True when drawn over a part of its bar that is not a solid fill (a
    /// faded window, a strike line): then on a plate of the background
    /// colour, in the text colour, so it stays readable.
    pub plate: bool,
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
    /// The windows its dates leave open, when a date is uncertain (EDTF
    /// qualifiers, sets, unspecified digits, open or unknown ends).
    pub windows: Option<super::uncertain::Windows>,
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

/// One bin of a dense lane: a bar for the events that start in it, and a
/// cell of the occupancy band for every event that overlaps it, so an event
/// that started long before the view (or spans all of it) is never hidden.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DensityBin {
    /// The bar (empty when no event starts here).
    pub rect: Rect,
    /// Events that start in the bin.
    pub count: u32,
    /// Events that overlap the bin: those starting in it and those ongoing.
    pub overlapping: u32,
    /// The bin's cell of the occupancy band under the bars.
    pub band: Rect,
    /// The band cell's colour (stronger for more overlapping events).
    pub band_color: Rgba,
    /// Colour of the bar.
    pub color: Rgba,
    /// Index of the lane.
    pub lane: usize,
    /// The time the bin covers.
    pub range: TimeRange,
}

impl DensityBin {
    /// True when the point is over the bin's column (bar area or band).
    #[must_use]
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.band.min_x
            && x < self.band.max_x
            && y <= self.band.max_y
            && y >= self.band.max_y - super::DENSITY_HEIGHT
    }
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
    /// Where the line starts: right of the source's shape, or below or
    /// above it when it [`Self::leaves_vertically`].
    pub from: (f32, f32),
    /// Where it ends (left of the target's shape).
    pub to: (f32, f32),
    /// The source's own label lies to its right and the target is in
    /// another row: the line leaves downward or upward, toward the target's
    /// row, instead of running through that label.
    pub leaves_vertically: bool,
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
pub struct Params<'a> {
    /// Canvas width in points.
    pub width: f32,
    /// Colours.
    pub palette: Palette,
    /// Most sub-rows a lane may use before labels are hidden.
    pub max_rows: usize,
    /// The selected event, drawn on top (its label wins a place first).
    pub selected: Option<usize>,
    /// The events a filter shows, per lane; every event when `None`.
    /// Hidden events are counted in [`LaneBox::filtered`].
    pub shown: Option<&'a ShownLanes>,
}

impl Params<'_> {
    /// Defaults for a canvas `width` points wide.
    #[must_use]
    pub fn new(width: f32, palette: Palette) -> Self {
        Self {
            width,
            palette,
            max_rows: 8,
            selected: None,
            shown: None,
        }
    }
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

    /// The density bin under the point.
    #[must_use]
    pub fn hit_bin(&self, x: f32, y: f32) -> Option<&DensityBin> {
        self.density.iter().find(|b| b.contains(x, y))
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
