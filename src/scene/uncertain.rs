//! How uncertain dates are drawn, once for the window and the export: the
//! certain part solid (in the item's status style), each uncertain window
//! faded, whiskers across the windows with caps at the earliest and the
//! latest instant, an open or unknown side fading out toward the edge, and
//! the `?`/`~`/`%` of a qualified date on the mark itself.

use super::items::{BAR_CROSS, ItemStyle, bar, marker, status_key};
use super::{Mark, Point, Stroke, pt};
use crate::layout::theme::{Palette, Rgba, StatusStyle, text_on};
use crate::layout::uncertain::Windows;
use crate::layout::{Item, MARKER_SIZE, Rect, Shape};

/// Alpha of an uncertain window's fill.
pub const WINDOW_ALPHA: u8 = 72;
/// Width of a whisker (the line across a window and its caps).
pub const WHISKER_WIDTH: f32 = 1.2;
/// Alpha of whiskers.
pub const WHISKER_ALPHA: u8 = 190;
/// Windows narrower than this are drawn as the plain mark alone.
pub const MIN_WINDOW: f32 = 1.5;

/// The marks of an item whose dates leave windows open, in place of its
/// plain shape. Like every item, its shape comes first (a bar's whole
/// extent, faded; a moment's diamond) and its label is its only text: the
/// `?` and `~` are drawn as strokes.
pub fn item_marks(
    marks: &mut Vec<Mark>,
    item: &Item,
    windows: &Windows,
    style: &ItemStyle,
    palette: &Palette,
) {
    match item.shape {
        Shape::Bar {
            rect,
            precision_only,
        } => window_bar(marks, rect, windows, precision_only, style, palette),
        Shape::Marker { x, y } => {
            marker(marks, pt(x, y), style, palette);
            let (from, to) = (windows.earliest_x(), windows.latest_x());
            let h = MARKER_SIZE / 2.0;
            if to - from >= MARKER_SIZE {
                // The window around the diamond, not over it.
                let color = style.tint(palette.text.with_alpha(WHISKER_ALPHA));
                let stroke = Stroke::solid(WHISKER_WIDTH, color);
                for (a, b) in [(from, x - h), (x + h, to)] {
                    if b - a >= MIN_WINDOW {
                        marks.push(Mark::Polyline {
                            points: vec![pt(a, y), pt(b, y)],
                            stroke,
                        });
                    }
                }
                caps(marks, (from, to), y, h * 0.8, windows, stroke);
            }
            glyph_on(
                marks,
                windows.mark,
                pt(x, y),
                on_marker(style, palette),
                style,
                palette,
            );
        }
    }
}

fn window_bar(
    marks: &mut Vec<Mark>,
    rect: Rect,
    windows: &Windows,
    is_moment: bool,
    style: &ItemStyle,
    palette: &Palette,
) {
    let (top, bottom) = (rect.min_y, rect.max_y);
    // The whole extent, faded: where the event may be.
    marks.push(Mark::Rect {
        rect,
        radius: 0.0,
        fill: Some(style.tint(style.color.with_alpha(WINDOW_ALPHA))),
        stroke: None,
    });
    let mid = f32::midpoint(top, bottom);
    let color = style.tint(palette.text.with_alpha(WHISKER_ALPHA));
    let stroke = Stroke::solid(WHISKER_WIDTH, color);
    // The line runs through the uncertain windows only; the certain part
    // is the solid bar between them.
    let (from, to) = (windows.earliest_x(), windows.latest_x());
    let uncertain = [
        (!windows.start_certain).then_some(windows.start),
        (!windows.end_certain && !is_moment).then_some(windows.end),
    ];
    for (a, b) in uncertain.into_iter().flatten() {
        if b - a >= MIN_WINDOW {
            marks.push(Mark::Polyline {
                points: vec![pt(a.max(from), mid), pt(b.min(to), mid)],
                stroke,
            });
        }
    }
    caps(
        marks,
        (from, to),
        mid,
        (bottom - top) / 2.0,
        windows,
        stroke,
    );
    let certain = windows.certain(is_moment);
    if certain.is_none() && style.status == StatusStyle::Crossed {
        // Denied, though nothing of it is certain: crossed all along.
        marks.push(Mark::Polyline {
            points: vec![pt(rect.min_x, mid), pt(rect.max_x, mid)],
            stroke: Stroke::solid(BAR_CROSS, style.tint(palette.text)),
        });
    }
    // An open side fades out toward the edge: the background is laid over
    // it in a ramp, over its whisker and strike line too (drawn first),
    // which would otherwise run on to the canvas edge like a rule between
    // lanes.
    let background = style.ground(palette);
    let clear = background.with_alpha(0);
    if windows.open_start && windows.start.1 - windows.start.0 >= MIN_WINDOW {
        marks.push(Mark::Gradient {
            rect: Rect::new(
                windows.start.0.max(rect.min_x),
                top,
                windows.start.1,
                bottom,
            ),
            left: background,
            right: clear,
        });
    }
    if windows.open_end && windows.end.1 - windows.end.0 >= MIN_WINDOW {
        marks.push(Mark::Gradient {
            rect: Rect::new(windows.end.0, top, windows.end.1.min(rect.max_x), bottom),
            left: clear,
            right: background,
        });
    }
    match certain {
        Some((from, to)) => bar(
            marks,
            Rect::new(from, top, to.max(from + 2.0), bottom),
            style,
            palette,
        ),
        None if style.selected => {
            // Nothing solid carries the selection halo: ring the window.
            marks.push(Mark::Rect {
                rect: Rect::new(rect.min_x - 2.0, top - 2.0, rect.max_x + 2.0, bottom + 2.0),
                radius: 3.0,
                fill: None,
                stroke: Some(Stroke::solid(2.0, palette.accent)),
            });
        }
        None => {}
    }
    if certain.is_none() {
        // Nothing solid shows the status: its key does, over the whiskers.
        status_key(marks, rect, !windows.mark.is_empty(), style, palette);
    }
    let at = pt(rect.min_x.max(0.0) + 1.0 + GLYPH_HALF_WIDTH, mid);
    // On the solid part the glyph contrasts with the fill; on a faded
    // window it is in the text colour.
    let on_solid = certain.is_some_and(|(from, to)| from <= at.x && at.x <= to);
    let on = if on_solid {
        on_marker(style, palette)
    } else {
        Some(palette.text)
    };
    glyph_on(marks, windows.mark, at, on, style, palette);
}

/// The caps of the whiskers at the earliest and latest instant; an open
/// side has none (it fades instead).
fn caps(
    marks: &mut Vec<Mark>,
    (from, to): (f32, f32),
    y: f32,
    half_height: f32,
    windows: &Windows,
    stroke: Stroke,
) {
    let cap = |x: f32| Mark::Polyline {
        points: vec![pt(x, y - half_height), pt(x, y + half_height)],
        stroke,
    };
    if !windows.open_start {
        marks.push(cap(from));
    }
    if !windows.open_end {
        marks.push(cap(to));
    }
}

/// The glyph's colour on a mark in the item's status style: a contrasting
/// one on an even fill, the lane colour on a hollow one; `None` on a
/// half-filled one, which no single colour reads on.
fn on_marker(style: &ItemStyle, palette: &Palette) -> Option<Rgba> {
    match style.even_fill(palette) {
        Some(fill) => Some(text_on(fill)),
        None if style.status.is_hollow() => Some(style.color),
        None => None,
    }
}

/// `mark` at `at` in `color`, or where no single colour reads (over a
/// half-filled mark) in the text colour on a halo of the background.
fn glyph_on(
    marks: &mut Vec<Mark>,
    mark: &str,
    at: Point,
    color: Option<Rgba>,
    style: &ItemStyle,
    palette: &Palette,
) {
    if let Some(color) = color {
        glyph(marks, mark, at, style.tint(color));
    } else {
        let halo = Stroke::solid(
            GLYPH_STROKE + 2.0 * GLYPH_HALO,
            style.tint(style.ground(palette)),
        );
        glyph_stroked(marks, mark, at, halo);
        glyph(marks, mark, at, style.tint(palette.text));
    }
}

/// Half the width of a `?` or `~` glyph.
pub const GLYPH_HALF_WIDTH: f32 = 3.0;
/// Width of a glyph's strokes.
pub const GLYPH_STROKE: f32 = 1.4;
/// Width of the background halo round a glyph on a half-filled mark.
pub const GLYPH_HALO: f32 = 1.0;

/// `?`, `~` or `%` (both, side by side) centred on `at`, drawn as strokes
/// so it looks the same in every backend and counts as no text. The legend
/// draws its samples with this too.
pub fn glyph(marks: &mut Vec<Mark>, mark: &str, at: Point, color: Rgba) {
    glyph_stroked(marks, mark, at, Stroke::solid(GLYPH_STROKE, color));
}

/// [`glyph`] drawn with `stroke` (a wider one makes its halo).
fn glyph_stroked(marks: &mut Vec<Mark>, mark: &str, at: Point, stroke: Stroke) {
    let color = stroke.color;
    let w = GLYPH_HALF_WIDTH;
    let question = |marks: &mut Vec<Mark>, c: Point| {
        let p = |dx: f32, dy: f32| pt(c.x + dx, c.y + dy);
        marks.push(Mark::Curve {
            points: [
                p(-w * 0.85, -2.0),
                p(-w * 0.85, -5.2),
                p(w * 0.85, -5.2),
                p(w * 0.85, -2.0),
            ],
            stroke,
        });
        marks.push(Mark::Curve {
            points: [
                p(w * 0.85, -2.0),
                p(w * 0.85, -0.4),
                p(0.0, -0.6),
                p(0.0, 1.6),
            ],
            stroke,
        });
        marks.push(Mark::Circle {
            centre: p(0.0, 3.9),
            radius: stroke.width * 0.65,
            fill: Some(color),
            stroke: None,
        });
    };
    let tilde = |marks: &mut Vec<Mark>, c: Point| {
        let p = |dx: f32, dy: f32| pt(c.x + dx, c.y + dy);
        marks.push(Mark::Curve {
            points: [p(-w, 1.0), p(-w * 0.4, -3.2), p(w * 0.4, 3.2), p(w, -1.0)],
            stroke,
        });
    };
    match mark {
        "?" => question(marks, at),
        "~" => tilde(marks, at),
        "%" => {
            question(marks, pt(at.x - w, at.y));
            tilde(marks, pt(at.x + w + 0.5, at.y));
        }
        _ => {}
    }
}
