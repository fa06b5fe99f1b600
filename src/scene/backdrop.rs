//! What lies behind the events — lane stripes and titles, the grid, era
//! bands, density histograms — and the time axis on top of them.

use std::fmt::Write as _;

use super::{Anchor, Builder, GroupKind, Mark, Pane, hline, text, vline};
use crate::layout::text::FontMetrics;
use crate::layout::theme::Palette;
use crate::layout::{
    AXIS_HEIGHT, DensityBin, ERA_STRIP, EraBand, LANE_HEADER, LANE_TITLE_SIZE, LaneBox, Layout,
    Rect, TICK_SIZE,
};

/// Left edge of a lane's colour swatch.
pub const SWATCH_X: f32 = 6.0;
/// Side of a lane's colour swatch.
pub const SWATCH_SIZE: f32 = 8.0;
/// Corner radius of a lane's colour swatch.
pub const SWATCH_RADIUS: f32 = 2.0;
/// Left edge of a lane's title.
pub const LANE_TITLE_X: f32 = 20.0;
/// Length of a lower-tier tick line, up from the bottom of the axis.
pub const MINOR_TICK_LENGTH: f32 = 6.0;

/// Alternating stripes and a separator under each lane; then each lane's
/// colour swatch and title.
pub(crate) fn lanes(builder: &mut Builder, layout: &Layout) {
    let palette = &layout.palette;
    let width = layout.width;
    builder.group(GroupKind::Lanes, Pane::Lanes, |marks| {
        for (i, lane) in layout.lanes.iter().enumerate() {
            if i % 2 == 1 {
                marks.push(Mark::Rect {
                    rect: Rect::new(0.0, lane.top, width, lane.top + lane.height),
                    radius: 0.0,
                    fill: Some(palette.lane_alt),
                    stroke: None,
                });
            }
        }
        // Separators after every stripe, so no stripe covers the line above it.
        for lane in &layout.lanes {
            marks.push(hline(0.0, width, lane.top + lane.height, palette.grid));
        }
    });
    builder.group(GroupKind::LaneTitles, Pane::Lanes, |marks| {
        for lane in &layout.lanes {
            lane_title_marks(marks, lane, width, palette);
        }
    });
}

/// A lane's colour swatch and title (the legend's "+N filtered" sample is
/// drawn with this too). A dense lane's title says how many events its
/// histogram stands for; a filter's hidden events are counted in it.
pub fn lane_title_marks(marks: &mut Vec<Mark>, lane: &LaneBox, width: f32, palette: &Palette) {
    let metrics = FontMetrics::shared();
    let centre = lane.top + LANE_HEADER / 2.0;
    marks.push(Mark::Rect {
        rect: Rect::new(
            SWATCH_X,
            centre - SWATCH_SIZE / 2.0,
            SWATCH_X + SWATCH_SIZE,
            centre + SWATCH_SIZE / 2.0,
        ),
        radius: SWATCH_RADIUS,
        fill: Some(lane.color),
        stroke: None,
    });
    // An unnamed lane (the one default lane) shows only its counts.
    let mut title = lane.title.clone();
    if lane.dense {
        let _ = write!(
            title,
            "  ({})",
            crate::numbers::count(lane.visible_events, crate::numbers::EVENT)
        );
    }
    // What a filter hides is said, never left as a silent gap.
    if lane.filtered > 0 {
        let _ = write!(
            title,
            "  +{} filtered",
            crate::numbers::grouped(lane.filtered)
        );
    }
    let room = (width - LANE_TITLE_X - 4.0).max(0.0);
    if metrics.width(&title, LANE_TITLE_SIZE) > room {
        title = metrics.ellipsize(&title, LANE_TITLE_SIZE, room);
    }
    if !title.is_empty() {
        marks.push(text(
            title,
            LANE_TITLE_X,
            centre,
            Anchor::Start,
            LANE_TITLE_SIZE,
            palette.lane_title,
        ));
    }
}

/// A vertical line through the lanes at every tick, stronger for the upper tier.
pub(crate) fn grid(builder: &mut Builder, layout: &Layout, bottom: f32) {
    let palette = &layout.palette;
    builder.group(GroupKind::Grid, Pane::Fixed, |marks| {
        for line in &layout.grid {
            let color = if line.major {
                palette.grid_major
            } else {
                palette.grid
            };
            marks.push(vline(line.x, layout.lanes_top, bottom, color));
        }
    });
}

/// Each era's translucent band from the axis down, with its title in the
/// era strip; a line under the strip.
pub(crate) fn eras(builder: &mut Builder, layout: &Layout, bottom: f32) {
    let palette = &layout.palette;
    for era in &layout.eras {
        if era.x1 <= era.x0 {
            continue;
        }
        builder.group(GroupKind::Era, Pane::Fixed, |marks| {
            era_marks(marks, era, AXIS_HEIGHT, bottom, palette);
        });
    }
    if !layout.eras.is_empty() {
        builder.group(GroupKind::EraStrip, Pane::Fixed, |marks| {
            marks.push(hline(
                0.0,
                layout.width,
                AXIS_HEIGHT + ERA_STRIP,
                palette.grid_major,
            ));
        });
    }
}

/// One era's band from `top` to `bottom` and its title where layout put
/// it (the legend's sample is drawn with this too).
pub fn era_marks(marks: &mut Vec<Mark>, era: &EraBand, top: f32, bottom: f32, palette: &Palette) {
    marks.push(Mark::Rect {
        rect: Rect::new(era.x0, top, era.x1, bottom),
        radius: 0.0,
        fill: Some(era.color),
        stroke: None,
    });
    if let Some(label) = &era.label {
        marks.push(text(
            label.text.clone(),
            label.x,
            label.y,
            Anchor::Start,
            TICK_SIZE,
            palette.era_text,
        ));
    }
}

/// Density histograms, all bins as one batch of tiles.
pub(crate) fn density(builder: &mut Builder, layout: &Layout) {
    if layout.density.is_empty() {
        return;
    }
    builder.group(GroupKind::Density, Pane::Lanes, |marks| {
        marks.push(density_mark(&layout.density));
    });
}

/// Bins as one batch of tiles: bars for the events that start in a bin,
/// and under them the occupancy band for every event that overlaps it (the
/// legend's sample is drawn with this too).
#[must_use]
pub fn density_mark(bins: &[DensityBin]) -> Mark {
    Mark::Tiles(
        bins.iter()
            .filter(|b| b.count > 0)
            .map(|b| (b.rect, b.color))
            .chain(bins.iter().map(|b| (b.band, b.band_color)))
            .collect(),
    )
}

/// The two-tier axis: the coarse unit above ("November 2025"), the fine one
/// below ("16"), each label where the tick generator put it.
pub(crate) fn axis(builder: &mut Builder, layout: &Layout) {
    let palette = &layout.palette;
    let width = layout.width;
    let tier = AXIS_HEIGHT / 2.0;
    builder.group(GroupKind::Axis, Pane::Fixed, |marks| {
        marks.push(Mark::Rect {
            rect: Rect::new(0.0, 0.0, width, AXIS_HEIGHT),
            radius: 0.0,
            fill: Some(palette.axis_background),
            stroke: None,
        });
        for tick in &layout.ticks.major {
            let x = to_f32(tick.x);
            if (0.0..=width).contains(&x) {
                marks.push(vline(x, 0.0, AXIS_HEIGHT, palette.grid_major));
            }
            if !tick.label.is_empty() {
                marks.push(text(
                    tick.label.clone(),
                    to_f32(tick.label_x),
                    tier / 2.0 + 1.0,
                    Anchor::Start,
                    TICK_SIZE,
                    palette.text,
                ));
            }
        }
        for tick in &layout.ticks.minor {
            let x = to_f32(tick.x);
            if (0.0..=width).contains(&x) {
                marks.push(vline(
                    x,
                    AXIS_HEIGHT - MINOR_TICK_LENGTH,
                    AXIS_HEIGHT,
                    palette.muted,
                ));
            }
            if !tick.label.is_empty() {
                marks.push(text(
                    tick.label.clone(),
                    to_f32(tick.label_x),
                    tier + tier / 2.0,
                    Anchor::Start,
                    TICK_SIZE,
                    palette.muted,
                ));
            }
        }
        marks.push(hline(0.0, width, tier, palette.grid));
        marks.push(hline(0.0, width, AXIS_HEIGHT, palette.grid_major));
    });
}

/// A tick position (f64 in view space) as a point on the canvas.
fn to_f32(x: f64) -> f32 {
    // Clamped first: ticks far off the canvas are never visible anyway.
    #[allow(clippy::cast_possible_truncation)] // Clamped to ±1e6.
    let x = x.clamp(-1e6, 1e6) as f32;
    x
}
