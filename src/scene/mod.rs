//! The display list: a finished [`Layout`] turned into styled primitives —
//! every rectangle, polygon, line, curve, gradient and text run with its
//! final geometry and colour, in paint order.
//!
//! **Architecture invariant:** every styling decision is made here, once:
//! which colour a lane title has, that a denied moment gets a cross and a
//! selected item a halo, how long a dash is, where a label's text sits. The
//! two backends — `app::canvas` (egui shapes) and `export::svg` (SVG
//! elements, rasterised to PNG) — only translate [`Mark`]s; neither holds a
//! colour, a size or a shape rule of its own, so they cannot drift apart.
//! Like layout, this is pure: no egui, no I/O.
//!
//! Coordinates are points from the canvas's top-left corner. Marks come in
//! [`Group`]s, and each group lies in a [`Pane`]: the lanes pane scrolls
//! under the fixed axis in the window; the header pane exists only in an
//! export.
//!
//! Adding a mark (a find highlight, an uncertainty whisker, a legend) means
//! deciding its style in one of the builders here ([`items`] for event
//! marks, [`backdrop`] for what lies behind them, [`overlay`] for what lies
//! on top) and pushing primitives; both backends draw it with no change.

pub mod backdrop;
pub mod items;
pub mod legend;
pub mod overlay;
pub mod uncertain;

use std::ops::Range;

use crate::layout::theme::Rgba;
use crate::layout::{Layout, Rect};
use crate::model::Timeline;

/// A point on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    /// From the left edge.
    pub x: f32,
    /// From the top edge, growing downwards.
    pub y: f32,
}

/// A point from its coordinates.
#[must_use]
pub const fn pt(x: f32, y: f32) -> Point {
    Point { x, y }
}

/// A dash pattern: `on` points drawn, `off` points skipped, repeating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dash {
    /// Length of each dash.
    pub on: f32,
    /// Length of each gap.
    pub off: f32,
}

/// How a line or an outline is drawn. The stroke is centred on the
/// geometry: a mark that wants its outline inside (or outside) a shape has
/// its geometry inset (or outset) by half the width already.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Width in points.
    pub width: f32,
    /// Colour.
    pub color: Rgba,
    /// Dashes, or a solid line.
    pub dash: Option<Dash>,
}

impl Stroke {
    /// A solid stroke.
    #[must_use]
    pub const fn solid(width: f32, color: Rgba) -> Self {
        Self {
            width,
            color,
            dash: None,
        }
    }

    /// A dashed stroke.
    #[must_use]
    pub const fn dashed(width: f32, color: Rgba, dash: Dash) -> Self {
        Self {
            width,
            color,
            dash: Some(dash),
        }
    }
}

/// Which point of a text run its position names, horizontally. Vertically
/// the position is always the centre of the run's line box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The left end of the text.
    Start,
    /// Its middle.
    Middle,
    /// Its right end.
    End,
}

/// One line of text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// The text, already cut to fit.
    pub text: String,
    /// The anchor point: `pos.y` is the vertical centre of the line box.
    pub pos: Point,
    /// Which horizontal point `pos.x` is.
    pub anchor: Anchor,
    /// Font size in points (the embedded font, as [`crate::layout::text`] measures it).
    pub size: f32,
    /// Colour.
    pub color: Rgba,
    /// Nothing outside this rectangle is drawn, when set.
    pub clip: Option<Rect>,
}

/// One primitive.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A rectangle with rounded corners, filled and/or outlined.
    Rect {
        /// The rectangle.
        rect: Rect,
        /// Corner radius (0 for square corners).
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A closed convex polygon.
    Polygon {
        /// Corners, in order.
        points: Vec<Point>,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// An open polyline (closed when its last point is its first).
    Polyline {
        /// The points, in order.
        points: Vec<Point>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A cubic Bézier curve: start, two control points, end.
    Curve {
        /// Start, control, control, end.
        points: [Point; 4],
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A circle, filled and/or outlined.
    Circle {
        /// Centre.
        centre: Point,
        /// Radius.
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A rectangle filled with a horizontal ramp from `left` to `right`
    /// (for fades, such as an uncertain start fading in).
    Gradient {
        /// The rectangle.
        rect: Rect,
        /// Colour at the left edge.
        left: Rgba,
        /// Colour at the right edge.
        right: Rgba,
    },
    /// Many filled square-cornered rectangles drawn as one (histograms,
    /// coverage bins): the window paints them as a single mesh.
    Tiles(Vec<(Rect, Rgba)>),
    /// A text run.
    Text(TextRun),
}

impl Mark {
    /// The same mark moved by `dx`, `dy` (a clip moves with its text): the
    /// legend builds each sample at its own origin and moves it into place.
    #[must_use]
    pub fn translated(mut self, dx: f32, dy: f32) -> Self {
        let point = |p: &mut Point| {
            p.x += dx;
            p.y += dy;
        };
        let rect =
            |r: &mut Rect| *r = Rect::new(r.min_x + dx, r.min_y + dy, r.max_x + dx, r.max_y + dy);
        match &mut self {
            Self::Rect { rect: r, .. } | Self::Gradient { rect: r, .. } => rect(r),
            Self::Polygon { points, .. } | Self::Polyline { points, .. } => {
                points.iter_mut().for_each(point);
            }
            Self::Curve { points, .. } => points.iter_mut().for_each(point),
            Self::Circle { centre, .. } => point(centre),
            Self::Tiles(tiles) => tiles.iter_mut().for_each(|(r, _)| rect(r)),
            Self::Text(run) => {
                point(&mut run.pos);
                if let Some(clip) = &mut run.clip {
                    rect(clip);
                }
            }
        }
        self
    }
}

/// Where a group's marks live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Above the canvas, in an export only (title and range shown).
    Header,
    /// The canvas, not scrolled: axis, grid, eras, overlays.
    Fixed,
    /// The lanes: scrolled vertically in the window, clipped to
    /// [`Scene::lanes_top`] and below.
    Lanes,
    /// Below the canvas, in an export with a legend only: its marks' y
    /// counts from the legend's top ([`legend::Legend`]).
    Legend,
}

/// What a group of marks shows; the SVG names its elements after it, and
/// events and "+N" markers get tooltips there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupKind {
    /// The export's header.
    Header,
    /// Lane stripes and separators.
    Lanes,
    /// Lane swatches and titles.
    LaneTitles,
    /// Grid lines through the lanes.
    Grid,
    /// One era's band and title.
    Era,
    /// The line under the era strip.
    EraStrip,
    /// Density histograms of dense lanes.
    Density,
    /// Links between events.
    Links,
    /// One event: index into [`Timeline::events`].
    Event(usize),
    /// A "+N" marker: index into [`Layout::overflows`].
    Overflow(usize),
    /// The time axis.
    Axis,
    /// Something drawn over everything (the drag-to-zoom band).
    Overlay,
    /// A heading or an entry of the legend.
    Legend,
}

/// A run of consecutive marks with one meaning and one pane.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// What the marks show.
    pub kind: GroupKind,
    /// Where they live.
    pub pane: Pane,
    /// Their indexes in [`Scene::marks`].
    pub marks: Range<usize>,
}

/// The display list of one canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Canvas width in points.
    pub width: f32,
    /// Canvas height in points (below the header, if any).
    pub height: f32,
    /// Height of the header pane above the canvas (0 in the window).
    pub header_height: f32,
    /// Height of the legend pane below the canvas (0 unless an export
    /// carries the legend).
    pub legend_height: f32,
    /// Top of the lanes pane: the lanes are clipped to this and below.
    pub lanes_top: f32,
    /// Background behind everything.
    pub background: Rgba,
    /// Every primitive, in paint order.
    pub marks: Vec<Mark>,
    /// The groups, in paint order, covering `marks` without gaps.
    pub groups: Vec<Group>,
}

/// How an event is emphasised (find results are highlighted, the rest of
/// the timeline dimmed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Emphasis {
    /// Drawn as usual.
    #[default]
    Normal,
    /// Drawn faint, behind what matters.
    Dimmed,
    /// Drawn with a highlight ring.
    Highlighted,
}

/// What the scene needs besides the timeline and its layout.
#[derive(Clone, Copy, Default)]
pub struct SceneParams<'a> {
    /// Canvas height in points: vertical rules and era bands reach down to
    /// it (at least to the bottom of the last lane).
    pub height: f32,
    /// The selected event gets a halo.
    pub selected: Option<usize>,
    /// How each event is emphasised; all [`Emphasis::Normal`] when `None`.
    pub emphasis: Option<&'a dyn Fn(usize) -> Emphasis>,
}

/// Collects marks into groups.
pub(crate) struct Builder {
    marks: Vec<Mark>,
    groups: Vec<Group>,
}

impl Builder {
    fn new(capacity: usize) -> Self {
        Self {
            marks: Vec::with_capacity(capacity),
            groups: Vec::new(),
        }
    }

    /// Adds the marks `f` pushes as one group; an empty group is dropped.
    pub(crate) fn group(&mut self, kind: GroupKind, pane: Pane, f: impl FnOnce(&mut Vec<Mark>)) {
        let start = self.marks.len();
        f(&mut self.marks);
        let end = self.marks.len();
        if end > start {
            self.groups.push(Group {
                kind,
                pane,
                marks: start..end,
            });
        }
    }
}

impl Scene {
    /// The display list of `layout` on a canvas `params.height` points
    /// tall, as the window shows it.
    #[must_use]
    pub fn new(layout: &Layout, params: &SceneParams<'_>) -> Self {
        let height = params.height.max(layout.content_bottom);
        let mut builder = Builder::new(layout.items.len() * 3 + layout.grid.len() + 64);
        backdrop::lanes(&mut builder, layout);
        backdrop::grid(&mut builder, layout, height);
        backdrop::eras(&mut builder, layout, height);
        backdrop::density(&mut builder, layout);
        items::links(&mut builder, layout);
        items::items(&mut builder, layout, params);
        items::overflows(&mut builder, layout);
        backdrop::axis(&mut builder, layout);
        Self {
            width: layout.width,
            height,
            header_height: 0.0,
            legend_height: 0.0,
            lanes_top: layout.lanes_top,
            background: layout.palette.background,
            marks: builder.marks,
            groups: builder.groups,
        }
    }

    /// The display list of an exported image `total_height` points tall
    /// (header included): the header with the timeline's title and the
    /// range shown, then the canvas as the window draws it.
    #[must_use]
    pub fn for_export(timeline: &Timeline, layout: &Layout, total_height: f32) -> Self {
        let header_height = overlay::HEADER_HEIGHT;
        let canvas = SceneParams {
            height: (total_height - header_height).max(layout.content_bottom),
            ..SceneParams::default()
        };
        let mut scene = Self::new(layout, &canvas);
        let mut builder = Builder::new(8);
        overlay::header(&mut builder, timeline, layout);
        // The header comes first in paint order.
        let shift = builder.marks.len();
        for group in &mut scene.groups {
            group.marks = group.marks.start + shift..group.marks.end + shift;
        }
        builder.marks.append(&mut scene.marks);
        builder.groups.append(&mut scene.groups);
        scene.marks = builder.marks;
        scene.groups = builder.groups;
        scene.header_height = header_height;
        scene
    }

    /// The marks of a group.
    #[must_use]
    pub fn marks_of(&self, group: &Group) -> &[Mark] {
        self.marks.get(group.marks.clone()).unwrap_or_default()
    }

    /// Every text run with the pane it lies in, in paint order.
    pub fn texts(&self) -> impl Iterator<Item = (Pane, &TextRun)> {
        self.groups.iter().flat_map(move |group| {
            self.marks_of(group)
                .iter()
                .filter_map(move |mark| match mark {
                    Mark::Text(run) => Some((group.pane, run)),
                    _ => None,
                })
        })
    }

    /// The groups of one kind.
    pub fn groups_of(&self, kind: GroupKind) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(move |g| g.kind == kind)
    }
}

/// A one-point horizontal rule, put on a whole pixel row at scale 1 so it
/// stays crisp instead of smearing over two rows.
pub(crate) fn hline(x0: f32, x1: f32, y: f32, color: Rgba) -> Mark {
    let y = y.floor() + 0.5;
    Mark::Polyline {
        points: vec![pt(x0, y), pt(x1, y)],
        stroke: Stroke::solid(1.0, color),
    }
}

/// A one-point vertical rule, on a whole pixel column (see [`hline`]).
pub(crate) fn vline(x: f32, y0: f32, y1: f32, color: Rgba) -> Mark {
    let x = x.floor() + 0.5;
    Mark::Polyline {
        points: vec![pt(x, y0), pt(x, y1)],
        stroke: Stroke::solid(1.0, color),
    }
}

/// A text run whose line box is centred on `y`.
pub(crate) fn text(
    text: impl Into<String>,
    x: f32,
    y: f32,
    anchor: Anchor,
    size: f32,
    color: Rgba,
) -> Mark {
    Mark::Text(TextRun {
        text: text.into(),
        pos: pt(x, y),
        anchor,
        size,
        color,
        clip: None,
    })
}

#[cfg(test)]
mod tests;
