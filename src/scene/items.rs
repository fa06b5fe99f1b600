//! Event marks: how each status, an approximate date, a coarse date, the
//! selection and emphasis are drawn; links between events; "+N" markers.
//!
//! Each status has its own mark, on a diamond and on a bar alike: solid
//! (confirmed, or none), pale inside a solid edge (reported), hollow
//! (claimed), hollow with a dotted edge (rumoured), the upper half filled
//! (disputed), crossed out (denied). A faint bar — a coarse date's extent,
//! a window with no certain part — cannot show a fill, so it carries its
//! status's diamond at its left end (the status key).

use super::{
    Anchor, Builder, Dash, Emphasis, GroupKind, Mark, Pane, Point, SceneParams, Stroke, pt, text,
};
use crate::layout::theme::{
    HOLLOW_ALPHA, Palette, Rgba, StatusStyle, bar_colors, pale_fill, text_on,
};
use crate::layout::uncertain::GLYPH_ROOM;
use crate::layout::{
    Item, LABEL_SIZE, Layout, LinkLine, MARKER_SIZE, Overflow, Rect, Shape, TICK_SIZE,
};

/// Corner radius of a bar.
pub const BAR_RADIUS: f32 = 3.0;
/// Outline width of a bar with a solid edge.
pub const BAR_EDGE: f32 = 1.0;
/// Outline width of a dashed bar edge (approximate or coarse dates).
pub const DASHED_EDGE: f32 = 1.2;
/// The dashes of an uncertain edge.
pub const EDGE_DASH: Dash = Dash { on: 4.0, off: 3.0 };
/// Width of the line crossing out a denied bar.
pub const BAR_CROSS: f32 = 1.5;
/// Width of the strokes of the cross over a denied moment.
pub const MARKER_CROSS: f32 = 1.5;
/// Half-length of the cross's arms, as a fraction of the marker's half
/// side: past the diamond's edges (which its diagonals cross at 0.5), inside
/// its bounding square, so the label's gap is kept.
pub const MARKER_CROSS_REACH: f32 = 0.8;
/// Outline width of a hollow (claimed) or half-filled (disputed) moment.
pub const HOLLOW_EDGE: f32 = 1.6;
/// Outline width of a pale (reported) moment.
pub const PALE_EDGE: f32 = 1.4;
/// Outline width of a pale (reported) bar: a little heavier than a solid
/// bar's, so the edge stands out from the pale fill.
pub const PALE_BAR_EDGE: f32 = 1.5;
/// Outline width of a dotted (rumoured) bar.
pub const DOTTED_EDGE: f32 = 1.8;
/// The dots of a rumoured bar's edge: square, short enough never to be
/// read as the dashes of an approximate date.
pub const DOT: Dash = Dash { on: 1.8, off: 1.8 };
/// Radius of the dots that outline a rumoured diamond.
pub const DOT_RADIUS: f32 = 1.35;
/// Side of the status key on a faint bar (see [`status_key`]).
pub const KEY_SIZE: f32 = MARKER_SIZE;
/// Room between a faint bar's left end (or its glyph) and its status key.
pub const KEY_INSET: f32 = 4.0;
/// How far the ring of an approximate moment lies outside the diamond.
pub const APPROXIMATE_RING_GAP: f32 = 2.5;
/// Alpha of the ring of an approximate moment.
pub const APPROXIMATE_RING_ALPHA: u8 = 153;
/// Width of the selection halo.
pub const HALO_WIDTH: f32 = 2.0;
/// Gap between a bar and its selection halo.
pub const HALO_GAP: f32 = 2.0;
/// Radius of a moment's selection halo beyond the marker's half side.
pub const MARKER_HALO_GAP: f32 = 4.0;
/// Width of the ring around a highlighted (found) event.
pub const HIGHLIGHT_WIDTH: f32 = 1.5;
/// Fraction of its alpha every colour of a dimmed event keeps.
pub const DIMMED_ALPHA: f32 = 0.25;
/// Alpha of links.
pub const LINK_ALPHA: u8 = 150;
/// Room around a label on a plate (see `Label::plate`), and its corner.
pub const PLATE_PAD: f32 = 3.0;
/// A plate lets a little of the bar show through: it is over the bar.
pub const PLATE_ALPHA: u8 = 225;
/// Length of a link's arrowhead.
pub const ARROW_LENGTH: f32 = 6.0;
/// Half the width of a link's arrowhead.
pub const ARROW_HALF_WIDTH: f32 = 3.5;
/// The least horizontal reach of a link's control points.
pub const LINK_MIN_REACH: f32 = 12.0;

/// Everything that decides how one item looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemStyle {
    /// Fill colour (the lane's).
    pub color: Rgba,
    /// How its status is drawn.
    pub status: StatusStyle,
    /// The date is approximate.
    pub approximate: bool,
    /// A bar that only shows a coarse date's extent.
    pub precision_only: bool,
    /// The item is selected.
    pub selected: bool,
    /// Normal, dimmed or highlighted.
    pub emphasis: Emphasis,
    /// What lies behind the item, when it is not the canvas background (a
    /// striped lane): hollow fills, fades and label plates are of it, so
    /// they do not show as bands of another colour.
    pub ground: Option<Rgba>,
}

impl ItemStyle {
    /// The style of a laid-out item.
    #[must_use]
    pub fn of(item: &Item, params: &SceneParams<'_>) -> Self {
        Self {
            color: item.color,
            status: item.style,
            approximate: item.approximate,
            precision_only: matches!(
                item.shape,
                Shape::Bar {
                    precision_only: true,
                    ..
                }
            ),
            selected: params.selected == Some(item.event),
            emphasis: params.emphasis.map_or(Emphasis::Normal, |f| f(item.event)),
            ground: None,
        }
    }

    /// The colour behind the item: its lane's stripe, or the background.
    #[must_use]
    pub fn ground(&self, palette: &Palette) -> Rgba {
        self.ground.unwrap_or(palette.background)
    }

    /// A colour as this item shows it: faint when dimmed.
    #[must_use]
    pub fn tint(&self, color: Rgba) -> Rgba {
        if self.emphasis == Emphasis::Dimmed {
            // Rounded and within 0–255, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let alpha = (f32::from(color.3) * DIMMED_ALPHA).round() as u8;
            color.with_alpha(alpha)
        } else {
            color
        }
    }

    /// The one opaque colour its body is filled with, when it has one
    /// (solid, pale, crossed): a hollow body shows the background, a
    /// half-filled one two colours.
    #[must_use]
    pub fn even_fill(&self, palette: &Palette) -> Option<Rgba> {
        match self.status {
            StatusStyle::Solid | StatusStyle::Crossed => Some(self.color),
            StatusStyle::Pale => Some(pale_fill(self.color, palette)),
            StatusStyle::Hollow | StatusStyle::Dotted | StatusStyle::Half => None,
        }
    }

    /// The colour of its label: contrasting with the fill when the label
    /// sits inside a bar filled with one colour, the text colour otherwise.
    #[must_use]
    pub fn label_color(&self, inside: bool, palette: &Palette) -> Rgba {
        match self.even_fill(palette) {
            Some(fill) if inside && !self.precision_only => text_on(fill),
            _ => palette.text,
        }
    }
}

/// A curve from each linked source to its target, with an arrowhead.
pub(crate) fn links(builder: &mut Builder, layout: &Layout) {
    if layout.links.is_empty() {
        return;
    }
    builder.group(GroupKind::Links, Pane::Lanes, |marks| {
        for link in &layout.links {
            link_marks(marks, link, &layout.palette);
        }
    });
}

/// The marks of one link: a curve from its source to its target and an
/// arrowhead there (the legend's sample is drawn with this too).
pub fn link_marks(marks: &mut Vec<Mark>, link: &LinkLine, palette: &Palette) {
    let color = palette.muted.with_alpha(LINK_ALPHA);
    let (a, b) = (pt(link.from.0, link.from.1), pt(link.to.0, link.to.1));
    // The link enters the target from the left, horizontally; it leaves the
    // source to the right, or straight down or up toward the target's row
    // when the source's label is on its right.
    let dx = ((b.x - a.x).abs() / 2.0).max(LINK_MIN_REACH);
    let first = if link.leaves_vertically {
        pt(a.x, b.y)
    } else {
        pt(a.x + dx, a.y)
    };
    marks.push(Mark::Curve {
        points: [a, first, pt(b.x - dx, b.y), b],
        stroke: Stroke::solid(1.0, color),
    });
    // The curve ends heading right, so the arrowhead points right.
    marks.push(Mark::Polygon {
        points: vec![
            b,
            pt(b.x - ARROW_LENGTH, b.y - ARROW_HALF_WIDTH),
            pt(b.x - ARROW_LENGTH, b.y + ARROW_HALF_WIDTH),
        ],
        fill: Some(color),
        stroke: None,
    });
}

/// Every drawn event as its own group, in layout order.
pub(crate) fn items(builder: &mut Builder, layout: &Layout, params: &SceneParams<'_>) {
    let palette = &layout.palette;
    for item in &layout.items {
        let style = ItemStyle {
            ground: striped(layout, item).then_some(palette.lane_alt),
            ..ItemStyle::of(item, params)
        };
        builder.group(GroupKind::Event(item.event), Pane::Lanes, |marks| {
            item_marks(marks, item, &style, palette);
        });
    }
}

/// True when the item lies in a striped lane (every other one, as
/// `backdrop::lanes` paints them).
fn striped(layout: &Layout, item: &Item) -> bool {
    let y = match item.shape {
        Shape::Bar { rect, .. } => f32::midpoint(rect.min_y, rect.max_y),
        Shape::Marker { y, .. } => y,
    };
    let lane = layout.lanes.partition_point(|l| l.top <= y);
    lane % 2 == 0 && lane > 0
}

/// The marks of one item: its shape in its status style, its selection
/// halo or highlight, its label.
pub fn item_marks(marks: &mut Vec<Mark>, item: &Item, style: &ItemStyle, palette: &Palette) {
    match (&item.windows, item.shape) {
        (Some(windows), _) => super::uncertain::item_marks(marks, item, windows, style, palette),
        (None, Shape::Bar { rect, .. }) => bar(marks, rect, style, palette),
        (None, Shape::Marker { x, y }) => marker(marks, pt(x, y), style, palette),
    }
    if let Some(label) = &item.label {
        if label.plate {
            // Over a fade, a whisker or a strike line: the text sits on a
            // plate of the background so nothing runs through it.
            let r = label.rect();
            marks.push(Mark::Rect {
                rect: Rect::new(
                    r.min_x - PLATE_PAD,
                    r.min_y + 1.0,
                    r.max_x + PLATE_PAD,
                    r.max_y - 1.0,
                ),
                radius: PLATE_PAD,
                fill: Some(style.tint(style.ground(palette).with_alpha(PLATE_ALPHA))),
                stroke: None,
            });
        }
        let inside_fill = label.inside && !label.plate;
        marks.push(text(
            label.text.clone(),
            label.x,
            label.y,
            Anchor::Start,
            LABEL_SIZE,
            style.tint(style.label_color(inside_fill, palette)),
        ));
    }
}

pub(super) fn bar(marks: &mut Vec<Mark>, rect: Rect, style: &ItemStyle, palette: &Palette) {
    let (body, edge) = bar_colors(
        style.color,
        style.status,
        style.precision_only,
        style.approximate,
        palette,
    );
    let radius = BAR_RADIUS
        .min(rect.height() / 2.0)
        .min(rect.width() / 2.0)
        .max(0.0);
    // A disputed bar is hollow below and filled above.
    let half = style.status == StatusStyle::Half && !style.precision_only;
    let dotted = style.status == StatusStyle::Dotted && !style.precision_only;
    if style.approximate || style.precision_only || dotted {
        // A dashed edge along the rectangle's outline: an uncertain date;
        // a dotted one: a rumour (which wins the edge when both hold; an
        // approximate date still shows its `~`, fade and whiskers).
        let stroke = if dotted {
            Stroke::dashed(DOTTED_EDGE, style.tint(edge), DOT)
        } else {
            Stroke::dashed(DASHED_EDGE, style.tint(edge), EDGE_DASH)
        };
        marks.push(Mark::Rect {
            rect,
            radius,
            fill: Some(style.tint(if half {
                style.color.with_alpha(HOLLOW_ALPHA)
            } else {
                body
            })),
            stroke: None,
        });
        if half {
            upper_half(marks, rect, stroke.width / 2.0, style);
        }
        let (l, t, r, b) = (rect.min_x, rect.min_y, rect.max_x, rect.max_y);
        marks.push(Mark::Polyline {
            points: vec![pt(l, t), pt(r, t), pt(r, b), pt(l, b), pt(l, t)],
            stroke,
        });
    } else {
        // A solid edge just inside the bar's extent: one shape whose
        // centred stroke ends exactly at the bar's edge.
        let width = if style.status == StatusStyle::Pale {
            PALE_BAR_EDGE
        } else {
            BAR_EDGE
        };
        let inner = inset(rect, width / 2.0);
        let inner_radius = (radius - width / 2.0).max(0.0);
        let stroke = Stroke::solid(width, style.tint(edge));
        if half {
            // The hollow body, the filled upper half, the edge over both.
            marks.push(Mark::Rect {
                rect,
                radius,
                fill: Some(style.tint(style.color.with_alpha(HOLLOW_ALPHA))),
                stroke: None,
            });
            upper_half(marks, rect, width, style);
            marks.push(Mark::Rect {
                rect: inner,
                radius: inner_radius,
                fill: None,
                stroke: Some(stroke),
            });
        } else {
            marks.push(Mark::Rect {
                rect: inner,
                radius: inner_radius,
                fill: Some(style.tint(body)),
                stroke: Some(stroke),
            });
        }
    }
    if style.status == StatusStyle::Crossed {
        let y = f32::midpoint(rect.min_y, rect.max_y);
        marks.push(Mark::Polyline {
            points: vec![pt(rect.min_x, y), pt(rect.max_x, y)],
            stroke: Stroke::solid(BAR_CROSS, style.tint(palette.text)),
        });
    }
    if style.precision_only {
        // The faint bar of a coarse date shows no fill of its own: its
        // status goes on a key.
        status_key(marks, rect, false, style, palette);
    }
    let ring = |gap: f32, width: f32, color: Rgba| Mark::Rect {
        rect: inset(rect, -(gap + width / 2.0)),
        radius: radius + gap + width / 2.0,
        fill: None,
        stroke: Some(Stroke::solid(width, color)),
    };
    if style.emphasis == Emphasis::Highlighted {
        marks.push(ring(
            HALO_GAP,
            HIGHLIGHT_WIDTH,
            palette.accent.with_alpha(160),
        ));
    }
    if style.selected {
        marks.push(ring(HALO_GAP, HALO_WIDTH, palette.accent));
    }
}

/// The filled upper half of a disputed bar, `edge` inside its extent: up
/// to its edge's stroke (a rounded edge's stroke covers the square
/// corners).
fn upper_half(marks: &mut Vec<Mark>, rect: Rect, edge: f32, style: &ItemStyle) {
    let mid = f32::midpoint(rect.min_y, rect.max_y);
    let (l, r) = (rect.min_x + edge, rect.max_x - edge);
    if r > l {
        marks.push(Mark::Rect {
            rect: Rect::new(l, rect.min_y + edge, r, mid),
            radius: 0.0,
            fill: Some(style.tint(style.color)),
            stroke: None,
        });
    }
}

/// The status key of a faint bar (`rect`): its status's diamond at the
/// bar's visible left end, after the `?`/`~` glyph when `glyph`, where
/// layout left [`crate::layout::STATUS_KEY_ROOM`] for it (on a bar too
/// short for that, moved left to end inside it). Nothing for a status a
/// faint bar shows as it is (none, confirmed, denied).
pub(super) fn status_key(
    marks: &mut Vec<Mark>,
    rect: Rect,
    glyph: bool,
    style: &ItemStyle,
    palette: &Palette,
) {
    if !style.status.needs_key_on_faint() {
        return;
    }
    let h = KEY_SIZE / 2.0;
    let glyph_room = if glyph { GLYPH_ROOM - 5.0 } else { 0.0 };
    let left = rect.min_x.max(0.0) + KEY_INSET + glyph_room;
    let x = (left + h).min(rect.max_x - h - 1.0).max(rect.min_x + h);
    let y = f32::midpoint(rect.min_y, rect.max_y);
    diamond(marks, pt(x, y), h, style, palette);
}

pub(super) fn marker(marks: &mut Vec<Mark>, c: Point, style: &ItemStyle, palette: &Palette) {
    let h = MARKER_SIZE / 2.0;
    diamond(marks, c, h, style, palette);
    let ring = |radius: f32, stroke: Stroke| Mark::Circle {
        centre: c,
        radius,
        fill: None,
        stroke: Some(stroke),
    };
    if style.approximate {
        let color = style.tint(style.color.with_alpha(APPROXIMATE_RING_ALPHA));
        marks.push(ring(h + APPROXIMATE_RING_GAP, Stroke::solid(1.0, color)));
    }
    if style.emphasis == Emphasis::Highlighted {
        let color = palette.accent.with_alpha(160);
        marks.push(ring(
            h + MARKER_HALO_GAP,
            Stroke::solid(HIGHLIGHT_WIDTH, color),
        ));
    }
    if style.selected {
        marks.push(ring(
            h + MARKER_HALO_GAP,
            Stroke::solid(HALO_WIDTH, palette.accent),
        ));
    }
}

/// A diamond of half side `h` centred on `c` in the item's status style:
/// a moment's marker, or a faint bar's status key. Its first mark is the
/// whole diamond.
fn diamond(marks: &mut Vec<Mark>, c: Point, h: f32, style: &ItemStyle, palette: &Palette) {
    let points = vec![
        pt(c.x, c.y - h),
        pt(c.x + h, c.y),
        pt(c.x, c.y + h),
        pt(c.x - h, c.y),
    ];
    let color = style.tint(style.color);
    let background = style.tint(style.ground(palette));
    match style.status {
        StatusStyle::Solid | StatusStyle::Crossed => marks.push(Mark::Polygon {
            points,
            fill: Some(color),
            stroke: None,
        }),
        StatusStyle::Pale => marks.push(Mark::Polygon {
            points,
            fill: Some(style.tint(pale_fill(style.color, palette))),
            stroke: Some(Stroke::solid(PALE_EDGE, color)),
        }),
        StatusStyle::Hollow => marks.push(Mark::Polygon {
            points,
            fill: Some(background),
            stroke: Some(Stroke::solid(HOLLOW_EDGE, color)),
        }),
        StatusStyle::Dotted => {
            // Round dots on the corners and halfway along each side.
            let dots: Vec<Point> = (0..4)
                .flat_map(|i| {
                    let (a, b) = (points[i], points[(i + 1) % 4]);
                    [a, pt(f32::midpoint(a.x, b.x), f32::midpoint(a.y, b.y))]
                })
                .collect();
            marks.push(Mark::Polygon {
                points,
                fill: Some(background),
                stroke: None,
            });
            marks.extend(dots.into_iter().map(|centre| Mark::Circle {
                centre,
                radius: DOT_RADIUS,
                fill: Some(color),
                stroke: None,
            }));
        }
        StatusStyle::Half => {
            let upper = vec![points[0], points[1], points[3]];
            marks.push(Mark::Polygon {
                points,
                fill: Some(background),
                stroke: Some(Stroke::solid(HOLLOW_EDGE, color)),
            });
            marks.push(Mark::Polygon {
                points: upper,
                fill: Some(color),
                stroke: None,
            });
        }
    }
    if style.status == StatusStyle::Crossed {
        // An X over the diamond in the text colour, as a denied bar is
        // struck through in it, its arms past the diamond's edges: cut out
        // of it in the background colour, at 1× it read as four dots.
        let d = h * MARKER_CROSS_REACH;
        let stroke = Stroke::solid(MARKER_CROSS, style.tint(palette.text));
        marks.push(Mark::Polyline {
            points: vec![pt(c.x - d, c.y - d), pt(c.x + d, c.y + d)],
            stroke,
        });
        marks.push(Mark::Polyline {
            points: vec![pt(c.x - d, c.y + d), pt(c.x + d, c.y - d)],
            stroke,
        });
    }
}

/// "+N" where labels were hidden for lack of room.
pub(crate) fn overflows(builder: &mut Builder, layout: &Layout) {
    for (i, overflow) in layout.overflows.iter().enumerate() {
        builder.group(GroupKind::Overflow(i), Pane::Lanes, |marks| {
            marks.push(overflow_mark(overflow, &layout.palette));
        });
    }
}

/// The text of a "+N" marker: clickable in the window, so in the accent
/// colour.
#[must_use]
pub fn overflow_mark(overflow: &Overflow, palette: &Palette) -> Mark {
    text(
        overflow.text.clone(),
        overflow.x,
        overflow.y,
        Anchor::Start,
        TICK_SIZE,
        palette.accent,
    )
}

/// `rect` shrunk by `by` on every side (grown when negative).
fn inset(rect: Rect, by: f32) -> Rect {
    Rect::new(
        rect.min_x + by,
        rect.min_y + by,
        rect.max_x - by,
        rect.max_y - by,
    )
}
