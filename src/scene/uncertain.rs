//! How uncertain dates are drawn, once for the window and the export: the
//! certain part solid (in the item's status style), each uncertain window
//! faded, whiskers across the windows with caps at the earliest and the
//! latest instant, an open or unknown side fading out toward the edge, and
//! the `?`/`~`/`%` of a qualified date on the mark itself.

use super::items::{ItemStyle, bar, marker};
use super::{Anchor, Mark, Point, Stroke, pt, text};
use crate::layout::theme::{Palette, Rgba, StatusStyle, text_on};
use crate::layout::uncertain::Windows;
use crate::layout::{Item, MARKER_SIZE, Rect, Shape};

/// Alpha of an uncertain window's fill.
pub const WINDOW_ALPHA: u8 = 72;
/// Width of a whisker (the line across a window and its caps).
pub const WHISKER_WIDTH: f32 = 1.2;
/// Alpha of whiskers.
pub const WHISKER_ALPHA: u8 = 190;
/// Font size of the `?`/`~` glyph on a mark.
pub const GLYPH_SIZE: f32 = 9.5;
/// Windows narrower than this are drawn as the plain mark alone.
pub const MIN_WINDOW: f32 = 1.5;

/// The marks of an item whose dates leave windows open, in place of its
/// plain shape.
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
        } => {
            let is_moment = precision_only;
            window_bar(marks, rect, windows, is_moment, style, palette);
        }
        Shape::Marker { x, y } => {
            let (from, to) = (windows.earliest_x(), windows.latest_x());
            if to - from >= MARKER_SIZE {
                whiskers(
                    marks,
                    (from, to),
                    y,
                    MARKER_SIZE / 2.0,
                    windows,
                    style,
                    palette,
                );
            }
            marker(marks, pt(x, y), style, palette);
            glyph(marks, pt(x, y), windows.mark, on_marker(style), style);
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
    let faded = style.tint(style.color.with_alpha(WINDOW_ALPHA));
    let clear = style.tint(style.color.with_alpha(0));
    let window = |marks: &mut Vec<Mark>, (from, to): (f32, f32), fade: Fade| {
        if to - from < MIN_WINDOW {
            return;
        }
        let area = Rect::new(from, top, to, bottom);
        marks.push(match fade {
            Fade::None => Mark::Rect {
                rect: area,
                radius: 0.0,
                fill: Some(faded),
                stroke: None,
            },
            Fade::In => Mark::Gradient {
                rect: area,
                left: clear,
                right: faded,
            },
            Fade::Out => Mark::Gradient {
                rect: area,
                left: faded,
                right: clear,
            },
        });
    };
    let fade_in = if windows.open_start {
        Fade::In
    } else {
        Fade::None
    };
    let fade_out = if windows.open_end {
        Fade::Out
    } else {
        Fade::None
    };
    if is_moment {
        // One date somewhere in the window: nothing of it is certain.
        let fade = match (windows.open_start, windows.open_end) {
            (true, _) => Fade::In,
            (_, true) => Fade::Out,
            _ => Fade::None,
        };
        if !windows.start_certain {
            window(marks, windows.start, fade);
        }
    } else {
        if !windows.start_certain {
            window(marks, windows.start, fade_in);
        }
        if !windows.end_certain {
            window(marks, windows.end, fade_out);
        }
    }
    match windows.certain(is_moment) {
        Some((from, to)) => bar(
            marks,
            Rect::new(from, top, to.max(from + 2.0), bottom),
            style,
            palette,
        ),
        None if style.selected => {
            // Nothing solid to carry the selection halo: ring the window.
            marks.push(Mark::Rect {
                rect: Rect::new(rect.min_x - 2.0, top - 2.0, rect.max_x + 2.0, bottom + 2.0),
                radius: 3.0,
                fill: None,
                stroke: Some(Stroke::solid(2.0, palette.accent)),
            });
        }
        None => {}
    }
    let mid = f32::midpoint(top, bottom);
    whiskers(
        marks,
        (windows.earliest_x(), windows.latest_x()),
        mid,
        (bottom - top) / 2.0,
        windows,
        style,
        palette,
    );
    let glyph_color = if windows.certain(is_moment).is_some() && style.status != StatusStyle::Hollow
    {
        text_on(style.color)
    } else {
        palette.text
    };
    let at = pt(rect.min_x.max(0.0) + 2.0 + GLYPH_SIZE / 3.0, mid);
    glyph(marks, at, windows.mark, glyph_color, style);
}

#[derive(Clone, Copy)]
enum Fade {
    None,
    In,
    Out,
}

/// A line across the windows at `y`, with a cap at each end that has a
/// limit (an open side has none: it fades instead).
fn whiskers(
    marks: &mut Vec<Mark>,
    (from, to): (f32, f32),
    y: f32,
    half_height: f32,
    windows: &Windows,
    style: &ItemStyle,
    palette: &Palette,
) {
    let color = style.tint(palette.text.with_alpha(WHISKER_ALPHA));
    let stroke = Stroke::solid(WHISKER_WIDTH, color);
    let line = |a: Point, b: Point| Mark::Polyline {
        points: vec![a, b],
        stroke,
    };
    // The line runs through the uncertain windows only; the certain part
    // is the solid bar between them.
    for (a, b) in [windows.start, windows.end] {
        if b - a >= MIN_WINDOW {
            marks.push(line(pt(a.max(from), y), pt(b.min(to), y)));
        }
    }
    if !windows.open_start {
        marks.push(line(pt(from, y - half_height), pt(from, y + half_height)));
    }
    if !windows.open_end {
        marks.push(line(pt(to, y - half_height), pt(to, y + half_height)));
    }
}

/// The glyph's colour on a diamond: the lane colour on a hollow one, a
/// contrasting one on a filled one.
fn on_marker(style: &ItemStyle) -> Rgba {
    if style.status == StatusStyle::Hollow {
        style.color
    } else {
        text_on(style.color)
    }
}

fn glyph(marks: &mut Vec<Mark>, at: Point, mark: &str, color: Rgba, style: &ItemStyle) {
    if !mark.is_empty() {
        marks.push(text(
            mark,
            at.x,
            at.y,
            Anchor::Middle,
            GLYPH_SIZE,
            style.tint(color),
        ));
    }
}
