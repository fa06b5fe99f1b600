//! Dense lanes as bins: per [`DENSITY_BIN_PX`], how many events start in
//! the bin (a bar) and how many overlap it (a cell of the occupancy band
//! under the bars). Both are searches per bin edge on the lane's sorted
//! starts and ends, each galloping on from the last edge's answer, so the
//! cost follows the canvas width, never the lane's size, and an event is counted in every bin it overlaps however
//! long ago it began: no event is hidden by binning.

use super::theme::Rgba;
use super::{DENSITY_BIN_PX, DENSITY_HEIGHT, DensityBin, Rect};
use crate::model::LaneEvents;
use crate::time::TimeRange;
use crate::view::TimeView;

/// Height of the occupancy band at the bottom of a dense lane.
pub const BAND_HEIGHT: f32 = 6.0;

/// Where and how one lane's bins go.
pub struct BinSpec<'a> {
    /// The view.
    pub view: &'a TimeView,
    /// Canvas width.
    pub width: f32,
    /// Top of the lane's body.
    pub top: f32,
    /// The lane's colour.
    pub color: Rgba,
    /// The lane's index.
    pub lane: usize,
}

/// Bins a dense lane; returns the height used.
pub fn density_lane(lane: &LaneEvents<'_>, spec: &BinSpec<'_>, out: &mut Vec<DensityBin>) -> f32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // Small positive count of bins.
    let bins = (spec.width / DENSITY_BIN_PX).ceil().max(1.0) as usize;
    let width_px = f64::from(spec.width);
    let edge = |b: usize| {
        #[allow(clippy::cast_precision_loss)] // Bin index is small.
        let x = (b as f64) * f64::from(DENSITY_BIN_PX);
        spec.view.time_from_x(x, width_px)
    };
    // (range, starting, overlapping) per bin.
    let mut counts = Vec::with_capacity(bins);
    let mut left = edge(0);
    let mut started_before_left = lane.starting_before(left);
    let mut ended_by_left = lane.ended_by(left);
    for b in 0..bins {
        let right = edge(b + 1);
        // The edges only grow, so each search starts where the last ended:
        // at 10M events, independent searches were most of a frame.
        let started_before_right = lane.starting_before_from(right, started_before_left);
        if b > 0 {
            ended_by_left = lane.ended_by_from(left, ended_by_left);
        }
        let starting = started_before_right.saturating_sub(started_before_left);
        let overlapping = started_before_right.saturating_sub(ended_by_left);
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        counts.push((
            TimeRange::new(left, right),
            narrow(starting),
            narrow(overlapping),
        ));
        left = right;
        started_before_left = started_before_right;
    }
    let max_start = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let max_over = counts.iter().map(|c| c.2).max().unwrap_or(1).max(1);
    #[allow(clippy::cast_precision_loss)]
    // Counts far below 2^24 matter; beyond, precision is moot.
    let scale =
        |count: u32, max: u32| ((count as f32).ln_1p() / (max as f32).ln_1p()).clamp(0.0, 1.0);
    let bottom = spec.top + DENSITY_HEIGHT;
    let bars_bottom = bottom - BAND_HEIGHT - 1.0;
    let bars_height = DENSITY_HEIGHT - BAND_HEIGHT - 3.0;
    for (i, &(range, starting, overlapping)) in counts.iter().enumerate() {
        if overlapping == 0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)] // Bin index is small.
        let x = i as f32 * DENSITY_BIN_PX;
        let h = if starting == 0 {
            0.0
        } else {
            bars_height * scale(starting, max_start).max(0.08)
        };
        // One event alone must still show clearly: the band starts at a
        // third of full strength.
        let strength = 0.35 + 0.65 * scale(overlapping, max_over);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0–255.
        let alpha = (strength * 255.0).round() as u8;
        out.push(DensityBin {
            rect: Rect::new(x, bars_bottom - h, x + DENSITY_BIN_PX, bars_bottom),
            count: starting,
            overlapping,
            band: Rect::new(x, bottom - BAND_HEIGHT, x + DENSITY_BIN_PX, bottom),
            band_color: spec.color.with_alpha(alpha),
            color: spec.color,
            lane: spec.lane,
            range,
        });
    }
    DENSITY_HEIGHT
}
