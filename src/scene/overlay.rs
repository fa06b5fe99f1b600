//! What is drawn around or over the canvas: an export's header (title,
//! range shown, event count) and the window's drag-to-zoom band.

use super::{Anchor, Builder, GroupKind, Mark, Pane, Stroke, text};
use crate::layout::text::FontMetrics;
use crate::layout::theme::Palette;
use crate::layout::{AXIS_HEIGHT, Layout, Rect, TICK_SIZE};
use crate::model::Timeline;
use crate::time::{Date, format_span, precision_for_span};
use crate::view::TimeView;

/// Height of an export's header above the canvas (title and range shown).
pub const HEADER_HEIGHT: f32 = 56.0;
/// Font size of the timeline's title in the header.
pub const TITLE_SIZE: f32 = 18.0;
/// Font size of the range line under the title.
pub const SUBTITLE_SIZE: f32 = 12.0;
/// Left and right margin of the header text.
pub const HEADER_INSET: f32 = 16.0;
/// Baseline of the header's title.
const TITLE_BASELINE: f32 = 25.0;
/// Baseline of the header's range and count.
const SUBTITLE_BASELINE: f32 = 45.0;
/// Least room kept between the range and the event count.
const HEADER_GAP: f32 = 24.0;
/// Alpha of the drag-to-zoom band's fill.
pub const ZOOM_BAND_ALPHA: u8 = 40;
/// How far below the axis the drag-to-zoom band names its range.
const ZOOM_BAND_TEXT_Y: f32 = AXIS_HEIGHT + 14.0;

/// The range a view shows, as a person reads it ("1 October – 30 November
/// 2025"), at a precision that suits its length.
#[must_use]
pub fn range_text(view: &TimeView) -> String {
    let range = view.range();
    #[allow(clippy::cast_precision_loss)] // Only compared with thresholds.
    let precision = precision_for_span(range.len_nanos() as f64);
    let start = Date::from_time(range.start, precision);
    // The range is half-open: its last shown instant is one nanosecond
    // before `end`, so a view ending at midnight reads as the day before.
    let end = Date::from_time(range.end.add_nanos(-1).max(range.start), precision);
    format_span(&start, Some(&end))
}

/// The vertical centre of a line of `size` text whose baseline is at `baseline`.
fn centre_of(baseline: f32, size: f32) -> f32 {
    let metrics = FontMetrics::shared();
    baseline - metrics.ascent(size) + metrics.line_height(size) / 2.0
}

/// The export's header: the timeline's title, the range shown, and how many
/// events it holds (dropped when the range needs the room).
pub(crate) fn header(builder: &mut Builder, timeline: &Timeline, layout: &Layout) {
    let metrics = FontMetrics::shared();
    let palette = &layout.palette;
    let room = (layout.width - 2.0 * HEADER_INSET).max(0.0);
    let count = layout.visible_events;
    let count_text = crate::numbers::count(count, crate::numbers::EVENT);
    let count_width = metrics.width(&count_text, SUBTITLE_SIZE);
    let range = metrics.ellipsize(
        &range_text(&layout.view),
        SUBTITLE_SIZE,
        (room - count_width - HEADER_GAP).max(0.0),
    );
    let title = metrics.ellipsize(&timeline.title, TITLE_SIZE, room);
    let subtitle_y = centre_of(SUBTITLE_BASELINE, SUBTITLE_SIZE);
    builder.group(GroupKind::Header, Pane::Header, |marks| {
        if !title.is_empty() {
            marks.push(text(
                title,
                HEADER_INSET,
                centre_of(TITLE_BASELINE, TITLE_SIZE),
                Anchor::Start,
                TITLE_SIZE,
                palette.text,
            ));
        }
        let count_fits = range.is_empty()
            || room > count_width + metrics.width(&range, SUBTITLE_SIZE) + HEADER_GAP;
        if !range.is_empty() {
            marks.push(text(
                range,
                HEADER_INSET,
                subtitle_y,
                Anchor::Start,
                SUBTITLE_SIZE,
                palette.muted,
            ));
        }
        if count_fits {
            marks.push(text(
                count_text,
                layout.width - HEADER_INSET,
                subtitle_y,
                Anchor::End,
                SUBTITLE_SIZE,
                palette.muted,
            ));
        }
    });
}

/// The translucent band of a drag-to-zoom between `x0` and `x1` on a canvas
/// `width` × `height` showing `view`, with the range it will zoom to.
#[must_use]
pub fn zoom_band(
    view: &TimeView,
    x0: f32,
    x1: f32,
    width: f32,
    height: f32,
    palette: &Palette,
) -> Vec<Mark> {
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    let band = Rect::new(x0, 0.0, x1, height);
    let width_px = f64::from(width.max(1.0));
    let precision = precision_for_span(view.span_nanos() * f64::from(x1 - x0) / width_px);
    let from = Date::from_time(view.time_from_x(f64::from(x0), width_px), precision);
    let to = Date::from_time(view.time_from_x(f64::from(x1), width_px), precision);
    vec![
        Mark::Rect {
            rect: band,
            radius: 0.0,
            fill: Some(palette.accent.with_alpha(ZOOM_BAND_ALPHA)),
            stroke: None,
        },
        Mark::Rect {
            rect: Rect::new(x0 + 0.5, 0.5, x1 - 0.5, height - 0.5),
            radius: 0.0,
            fill: None,
            stroke: Some(Stroke::solid(1.0, palette.accent)),
        },
        text(
            format!("{from} – {to}"),
            f32::midpoint(x0, x1),
            ZOOM_BAND_TEXT_Y,
            Anchor::Middle,
            TICK_SIZE,
            palette.accent,
        ),
    ]
}
