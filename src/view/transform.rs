//! [`TimeView`]: the one transform between time and screen x.
//!
//! Times are exact `i128` nanoseconds; only the offset from the view's start
//! becomes `f64`, and only after the exact integer subtraction. That offset
//! is small whenever the time is near the screen, so a millisecond span
//! 13.8 billion years ago maps to pixels as precisely as one in 2025.

use std::sync::LazyLock;

use crate::time::{NANOS_PER_DAY, Time, TimeRange};

/// The extended axis `[lo, hi]` a view may cover, in nanoseconds: the
/// representable years plus a margin on each side, so that "fit all" at the
/// very ends of the axis still has room for its margins. `hi - lo` is the
/// maximum span, rounded to whole nanoseconds.
static AXIS_NANOS: LazyLock<(i128, i128)> = LazyLock::new(|| {
    let min = Time::min_value().nanos();
    let len = Time::max_value().nanos() - min;
    let max_span = nanos_from_f64(f64_from_nanos(len) * TimeView::MAX_SPAN_FACTOR);
    let lo = min - (max_span - len) / 2;
    (lo, lo + max_span)
});

/// The visible stretch of time: `[start, start + span)`.
///
/// Every constructor and operation clamps, so a `TimeView` always has a
/// finite span in `[MIN_SPAN_NANOS, max_span_nanos()]` and lies inside the
/// (slightly extended) axis: no NaN, no inverted range, no jump.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeView {
    start: Time,
    span_nanos: f64,
}

impl TimeView {
    /// The narrowest view: one millisecond.
    pub const MIN_SPAN_NANOS: f64 = 1e6;

    /// How much wider than the whole axis the widest view is: a little, so
    /// that the axis ends are not glued to the window edges when zoomed out.
    const MAX_SPAN_FACTOR: f64 = 1.1;

    /// The widest view: a little more than `Time::max_value() -
    /// Time::min_value()` (about 44 billion years).
    #[must_use]
    pub fn max_span_nanos() -> f64 {
        let (lo, hi) = *AXIS_NANOS;
        f64_from_nanos(hi - lo)
    }

    /// The earliest time any view can show (a little before
    /// `Time::min_value()`).
    #[must_use]
    pub fn axis_start() -> Time {
        Time(AXIS_NANOS.0)
    }

    /// The first time after the latest any view can show (a little after
    /// `Time::max_value()`).
    #[must_use]
    pub fn axis_end() -> Time {
        Time(AXIS_NANOS.1)
    }

    /// A view of exactly `range`, clamped: a range shorter than
    /// [`Self::MIN_SPAN_NANOS`] or longer than [`Self::max_span_nanos`] keeps
    /// its centre, and the view is then moved inside the axis.
    #[must_use]
    pub fn new(range: TimeRange) -> Self {
        let range = TimeRange::new(range.start, range.end);
        Self::centred(midpoint(range), f64_from_nanos(len_nanos(range)))
    }

    /// A view showing `range` with `margin_fraction` of its length added on
    /// both sides, for "fit all". An empty range gets a day around it, so a
    /// single instant is shown at a readable zoom. Negative or non-finite
    /// margins count as zero; margins are capped at 100 lengths.
    #[must_use]
    pub fn fit(range: TimeRange, margin_fraction: f64) -> Self {
        let range = TimeRange::new(range.start, range.end);
        let margin = if margin_fraction.is_finite() {
            margin_fraction.clamp(0.0, 100.0)
        } else {
            0.0
        };
        let len = len_nanos(range);
        let span = if len == 0 {
            f64_from_nanos(NANOS_PER_DAY)
        } else {
            f64_from_nanos(len) * (1.0 + 2.0 * margin)
        };
        Self::centred(midpoint(range), span)
    }

    /// The first instant shown, at x = 0.
    #[must_use]
    pub const fn start(&self) -> Time {
        self.start
    }

    /// The first instant after the view, at x = width.
    #[must_use]
    pub fn end(&self) -> Time {
        self.start.add_nanos(nanos_from_f64(self.span_nanos))
    }

    /// The length of the view in nanoseconds, always finite and positive.
    #[must_use]
    pub const fn span_nanos(&self) -> f64 {
        self.span_nanos
    }

    /// The visible range `[start, end)`.
    #[must_use]
    pub fn range(&self) -> TimeRange {
        TimeRange {
            start: self.start,
            end: self.end(),
        }
    }

    /// Where `time` is, in points from the left edge of a time area
    /// `width_px` wide. Times off screen give x outside `[0, width_px]`
    /// (possibly far outside, hence `f64`). A non-positive or non-finite
    /// width gives 0; the result is never NaN or infinite.
    #[must_use]
    pub fn x_from_time(&self, time: Time, width_px: f64) -> f64 {
        let Some(width_px) = valid_width(width_px) else {
            return 0.0;
        };
        // The exact integer difference first: it is small near the screen,
        // so it survives the conversion to f64 even in deep time.
        let offset_nanos = f64_from_nanos(time.nanos().saturating_sub(self.start.nanos()));
        (offset_nanos / self.span_nanos * width_px).clamp(-f64::MAX, f64::MAX)
    }

    /// The time at `x` points from the left edge of a time area `width_px`
    /// wide, rounded to the nanosecond and clamped to the axis. A
    /// non-positive or non-finite width, or a NaN x, gives the start.
    #[must_use]
    pub fn time_from_x(&self, x: f64, width_px: f64) -> Time {
        let Some(width_px) = valid_width(width_px) else {
            return self.start;
        };
        let offset_nanos = nanos_from_f64(x / width_px * self.span_nanos);
        let (lo, hi) = *AXIS_NANOS;
        Time(
            self.start
                .nanos()
                .saturating_add(offset_nanos)
                .clamp(lo, hi),
        )
    }

    /// The view after the pointer dragged the content `dx_px` points to the
    /// right: the content follows the pointer, so a positive `dx_px` shows
    /// earlier times. Stops at the ends of the axis.
    #[must_use]
    pub fn pan(&self, dx_px: f64, width_px: f64) -> Self {
        let Some(width_px) = valid_width(width_px) else {
            return *self;
        };
        if !dx_px.is_finite() {
            return *self;
        }
        let shift_nanos = nanos_from_f64(-dx_px / width_px * self.span_nanos);
        Self::clamped(
            self.start.nanos().saturating_add(shift_nanos),
            self.span_nanos,
        )
    }

    /// The view zoomed by `factor` around `x`: `factor > 1` zooms in. The
    /// time under `x` stays under `x` (within a pixel), also when the span
    /// clamps at a millisecond or the whole axis; only at the ends of the
    /// axis does the view stop instead of leaving it. A factor that is not a
    /// positive finite number does nothing; a non-finite `x` or width zooms
    /// around the centre.
    #[must_use]
    pub fn zoom_at(&self, x: f64, factor: f64, width_px: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let fraction = valid_width(width_px).map_or(0.5, |width_px| x / width_px);
        let fraction = if fraction.is_finite() { fraction } else { 0.5 };
        let span_nanos = clamp_span(self.span_nanos / factor);
        // The anchor is `start + fraction * span` before and after, so the
        // start moves by `fraction * (old span - new span)`. Only that
        // difference is rounded, never an absolute time.
        let shift_nanos = nanos_from_f64(fraction * (self.span_nanos - span_nanos));
        Self::clamped(self.start.nanos().saturating_add(shift_nanos), span_nanos)
    }

    /// The result of a drag-to-zoom from `x1` to `x2` (in either order):
    /// exactly the times under them, widened to the minimum span if the
    /// drag was shorter. Non-finite input or width does nothing.
    #[must_use]
    pub fn zoom_to(&self, x1: f64, x2: f64, width_px: f64) -> Self {
        if valid_width(width_px).is_none() || !x1.is_finite() || !x2.is_finite() {
            return *self;
        }
        let start = self.time_from_x(x1.min(x2), width_px);
        let end = self.time_from_x(x1.max(x2), width_px);
        Self::new(TimeRange::new(start, end))
    }

    /// A view of `span_nanos` (clamped) centred on `centre`.
    fn centred(centre: Time, span_nanos: f64) -> Self {
        let span_nanos = clamp_span(span_nanos);
        Self::clamped(
            centre
                .nanos()
                .saturating_sub(nanos_from_f64(span_nanos / 2.0)),
            span_nanos,
        )
    }

    /// The one place that establishes the invariants: the span is clamped
    /// first, then the start is moved so the whole view lies on the axis.
    fn clamped(start_nanos: i128, span_nanos: f64) -> Self {
        let span_nanos = clamp_span(span_nanos);
        let (lo, hi) = *AXIS_NANOS;
        // `span <= hi - lo`, so `hi - span >= lo` and the bounds are ordered;
        // `max` then `min` cannot panic even if they were not.
        let latest_start = hi - nanos_from_f64(span_nanos);
        Self {
            start: Time(start_nanos.max(lo).min(latest_start)),
            span_nanos,
        }
    }
}

/// A span forced into `[MIN_SPAN_NANOS, max_span_nanos()]`; NaN becomes the
/// minimum and infinity the maximum.
fn clamp_span(span_nanos: f64) -> f64 {
    let max = TimeView::max_span_nanos();
    if span_nanos.is_nan() {
        TimeView::MIN_SPAN_NANOS
    } else {
        span_nanos.clamp(TimeView::MIN_SPAN_NANOS, max)
    }
}

/// The width if it can divide: positive and finite.
fn valid_width(width_px: f64) -> Option<f64> {
    (width_px.is_finite() && width_px > 0.0).then_some(width_px)
}

/// Length of an ordered range, saturating for ranges beyond any axis.
fn len_nanos(range: TimeRange) -> i128 {
    range.end.nanos().saturating_sub(range.start.nanos())
}

/// The middle of a range without overflow, even for extreme times.
fn midpoint(range: TimeRange) -> Time {
    Time(range.start.nanos().midpoint(range.end.nanos()))
}

/// Rounds to whole nanoseconds. `as` saturates at the `i128` limits and maps
/// NaN to 0, which is exactly the no-panic behaviour wanted here.
#[allow(clippy::cast_possible_truncation)] // Saturation is the intent, see above.
pub(super) fn nanos_from_f64(nanos: f64) -> i128 {
    nanos.round() as i128
}

/// Nanoseconds as `f64`: exact below 2^53 ns (104 days) and within one part
/// in 10^16 beyond, far below a pixel for any offset that is near the screen.
#[allow(clippy::cast_precision_loss)] // Relative error 1e-16, see above.
pub(super) fn f64_from_nanos(nanos: i128) -> f64 {
    nanos as f64
}

#[cfg(test)]
// Exact float equality is the point of several assertions: a tick's x must be
// bit for bit `x_from_time`, and the expected values (0, 640, 1e6 …) are
// exactly representable results of exact inputs.
#[allow(clippy::float_cmp)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::time::{
        NANOS_PER_HOUR, NANOS_PER_MEAN_YEAR, NANOS_PER_MILLI, NANOS_PER_SEC, days_from_civil,
    };

    fn day(year: i64, month: u32, day: u32) -> Time {
        Time(days_from_civil(year, month, day) * NANOS_PER_DAY)
    }

    fn view_around(centre: Time, span_nanos: f64) -> TimeView {
        TimeView::centred(centre, span_nanos)
    }

    /// Asserts the invariants every view must keep.
    fn assert_valid(view: &TimeView) {
        let span = view.span_nanos();
        assert!(span.is_finite(), "{view:?}");
        assert!(
            (TimeView::MIN_SPAN_NANOS..=TimeView::max_span_nanos()).contains(&span),
            "{view:?}"
        );
        assert!(view.start() >= TimeView::axis_start(), "{view:?}");
        assert!(view.end() <= TimeView::axis_end(), "{view:?}");
        assert!(view.start() < view.end(), "{view:?}");
    }

    #[test]
    fn max_span_is_a_little_more_than_the_axis() {
        let axis = f64_from_nanos(Time::max_value().since(Time::min_value()));
        let max = TimeView::max_span_nanos();
        assert!(max > axis * 1.05 && max < axis * 1.2, "{max} vs {axis}");
        assert!(TimeView::axis_start() < Time::min_value());
        assert!(TimeView::axis_end() > Time::max_value());
        let all = TimeView::new(TimeRange::new(Time(i128::MIN), Time(i128::MAX)));
        assert_valid(&all);
        assert_eq!(
            all.range(),
            TimeRange::new(TimeView::axis_start(), TimeView::axis_end())
        );
    }

    #[test]
    fn new_keeps_a_range_exactly() {
        let range = TimeRange::new(day(2025, 10, 1), day(2025, 12, 1));
        let view = TimeView::new(range);
        assert_eq!(view.range(), range);
        assert_eq!(view.start(), range.start);
        assert_eq!(view.end(), range.end);
        assert!((view.x_from_time(day(2025, 11, 1), 1280.0) - 31.0 / 61.0 * 1280.0).abs() < 1e-9);
        // Swapped ends are the same range.
        assert_eq!(
            TimeView::new(TimeRange {
                start: range.end,
                end: range.start
            }),
            view
        );
    }

    #[test]
    fn new_clamps_span_around_the_centre() {
        let t = day(2025, 10, 16);
        let tiny = TimeView::new(TimeRange::new(t, t.add_nanos(10)));
        assert!((tiny.span_nanos() - TimeView::MIN_SPAN_NANOS).abs() < f64::EPSILON);
        assert!(tiny.start() < t && tiny.end() > t.add_nanos(10));
        assert_eq!(tiny.start().since(t), -(NANOS_PER_MILLI / 2) + 5);
        let point = TimeView::new(TimeRange::new(t, t));
        assert_valid(&point);
        assert_eq!(point.x_from_time(t, 100.0), 50.0);
    }

    #[test]
    fn new_moves_the_view_inside_the_axis() {
        let early = TimeView::new(TimeRange::new(
            Time(i128::MIN),
            Time(i128::MIN).add_nanos(NANOS_PER_DAY),
        ));
        assert_valid(&early);
        assert_eq!(early.start(), TimeView::axis_start());
        let late = TimeView::new(TimeRange::new(
            Time(i128::MAX - NANOS_PER_DAY),
            Time(i128::MAX),
        ));
        assert_valid(&late);
        assert_eq!(late.end(), TimeView::axis_end());
    }

    #[test]
    fn fit_adds_margins() {
        let range = TimeRange::new(day(2025, 1, 1), day(2025, 11, 30));
        let view = TimeView::fit(range, 0.05);
        let len = f64_from_nanos(range.len_nanos());
        assert!((view.span_nanos() - len * 1.1).abs() < 1.0);
        let x0 = view.x_from_time(range.start, 1000.0);
        let x1 = view.x_from_time(range.end, 1000.0);
        assert!((x0 - 1000.0 * 0.05 / 1.1).abs() < 1e-6, "{x0}");
        assert!((1000.0 - x1 - x0).abs() < 1e-6, "{x1}");
        // Bad margins count as none.
        for margin in [f64::NAN, f64::NEG_INFINITY, -1.0] {
            assert_eq!(TimeView::fit(range, margin).range(), range);
        }
        assert_valid(&TimeView::fit(range, f64::INFINITY));
    }

    #[test]
    fn fit_of_an_instant_is_a_day_around_it() {
        let t = day(2025, 10, 16).add_nanos(12 * NANOS_PER_HOUR);
        let view = TimeView::fit(TimeRange::new(t, t), 0.05);
        assert_eq!(
            view.range(),
            TimeRange::new(day(2025, 10, 16), day(2025, 10, 17))
        );
        let deep = Time::from_year(-13_800_000_000);
        let view = TimeView::fit(TimeRange::new(deep, deep), 0.05);
        assert!((view.span_nanos() - f64_from_nanos(NANOS_PER_DAY)).abs() < f64::EPSILON);
        assert_eq!(view.x_from_time(deep, 800.0), 400.0);
    }

    #[test]
    fn fit_all_of_the_whole_axis_clamps_to_the_max_span() {
        let view = TimeView::fit(TimeRange::new(Time::min_value(), Time::max_value()), 0.5);
        assert_valid(&view);
        assert!((view.span_nanos() - TimeView::max_span_nanos()).abs() < f64::EPSILON);
    }

    /// Spans from the whole axis down to a millisecond, each a factor of
    /// about 3 apart, so every zoom level and every step of the tick ladder
    /// is visited.
    fn every_span() -> Vec<f64> {
        let mut spans = Vec::new();
        let mut span = TimeView::max_span_nanos();
        while span > TimeView::MIN_SPAN_NANOS {
            spans.push(span);
            span /= 3.0;
        }
        spans.push(TimeView::MIN_SPAN_NANOS);
        spans
    }

    fn every_centre() -> Vec<Time> {
        vec![
            Time::from_year(-13_800_000_000),
            Time::from_year(-4_600_000_000),
            Time::from_year(-66_000_000),
            Time(days_from_civil(-43, 3, 15) * NANOS_PER_DAY),
            Time::from_year(0),
            Time::EPOCH,
            day(2025, 10, 16).add_nanos(
                14 * NANOS_PER_HOUR
                    + 30 * 60 * NANOS_PER_SEC
                    + 5 * NANOS_PER_SEC
                    + 250 * NANOS_PER_MILLI,
            ),
            Time::from_year(19_999_999_999),
            Time::min_value(),
            Time::max_value(),
        ]
    }

    #[test]
    fn x_time_x_round_trips_at_every_zoom() {
        for centre in every_centre() {
            for span in every_span() {
                let view = view_around(centre, span);
                assert_valid(&view);
                for width in [1.0, 300.0, 1280.0] {
                    for i in 0..=64 {
                        let x = f64::from(i) / 64.0 * width * 1.5 - width * 0.25;
                        let time = view.time_from_x(x, width);
                        if time == TimeView::axis_start() || time == TimeView::axis_end() {
                            continue; // Beyond the axis: clamped by design.
                        }
                        let back = view.x_from_time(time, width);
                        // Rounding to a nanosecond is the only loss: half a
                        // nanosecond of a millisecond at 1280 px is 6.4e-4 px.
                        assert!(
                            (back - x).abs() < 1e-3,
                            "{view:?} at {width}: {x} -> {back}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_millisecond_in_deep_time_is_as_sharp_as_in_2025() {
        let centre = Time::from_year(-13_800_000_000);
        let view = view_around(centre, TimeView::MIN_SPAN_NANOS);
        assert_eq!(view.span_nanos(), 1e6);
        assert_eq!(view.start(), centre.add_nanos(-500_000));
        assert_eq!(view.x_from_time(centre, 1280.0), 640.0);
        assert!((view.x_from_time(centre.add_nanos(1000), 1280.0) - 641.28).abs() < 1e-9);
        for x in 0..=1280 {
            let x = f64::from(x);
            let back = view.x_from_time(view.time_from_x(x, 1280.0), 1280.0);
            assert!((back - x).abs() < 1e-3, "{x} -> {back}");
        }
    }

    #[test]
    fn time_x_time_round_trips_within_a_nanosecond_per_pixel() {
        for centre in every_centre() {
            for span in every_span() {
                let view = view_around(centre, span);
                let width = 1280.0;
                let nanos_per_px = view.span_nanos() / width;
                for i in 0..=16 {
                    let t = view
                        .start()
                        .add_nanos(nanos_from_f64(view.span_nanos() * f64::from(i) / 16.0));
                    let back = view.time_from_x(view.x_from_time(t, width), width);
                    let error = f64_from_nanos(back.since(t)).abs();
                    assert!(
                        error <= (nanos_per_px * 1e-9).max(1.0),
                        "{view:?}: {t:?} -> {back:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn bad_widths_and_positions_never_give_nan() {
        let view = TimeView::new(TimeRange::new(day(2025, 10, 1), day(2025, 12, 1)));
        for width in [0.0, -5.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(view.x_from_time(day(2025, 11, 1), width), 0.0);
            assert_eq!(view.time_from_x(10.0, width), view.start());
            assert_eq!(view.pan(10.0, width), view);
            assert_eq!(view.zoom_to(10.0, 20.0, width), view);
            let zoomed = view.zoom_at(10.0, 2.0, width);
            assert_valid(&zoomed);
            // Without a width the zoom is around the centre.
            assert!((zoomed.span_nanos() * 2.0 - view.span_nanos()).abs() < 1.0);
            assert_eq!(
                zoomed.start().since(view.start()),
                nanos_from_f64(view.span_nanos() / 4.0)
            );
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e308, -1e308] {
            let t = view.time_from_x(x, 1280.0);
            assert!(t >= TimeView::axis_start() && t <= TimeView::axis_end());
            assert!(view.x_from_time(t, 1280.0).is_finite());
            assert_valid(&view.pan(x, 1280.0));
            assert_valid(&view.zoom_at(x, 1.5, 1280.0));
            assert_valid(&view.zoom_to(x, 10.0, 1280.0));
        }
        assert_eq!(view.time_from_x(f64::NAN, 1280.0), view.start());
        assert!(view.x_from_time(Time(i128::MAX), 1e300).is_finite());
        assert!(view.x_from_time(Time(i128::MIN), 1e300).is_finite());
    }

    #[test]
    fn bad_factors_are_no_ops() {
        let view = TimeView::new(TimeRange::new(day(2025, 10, 1), day(2025, 12, 1)));
        for factor in [0.0, -2.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(view.zoom_at(100.0, factor, 1280.0), view);
        }
        assert_eq!(view.zoom_at(100.0, 1.0, 1280.0), view);
    }

    #[test]
    fn pan_follows_the_pointer() {
        let view = TimeView::new(TimeRange::new(day(2025, 10, 1), day(2025, 12, 1)));
        let width = 1220.0; // 20 px per day
        let panned = view.pan(20.0, width);
        assert_eq!(panned.start(), day(2025, 9, 30));
        assert_eq!(panned.span_nanos(), view.span_nanos());
        assert_eq!(view.pan(-40.0, width).start(), day(2025, 10, 3));
        assert_eq!(view.pan(0.0, width), view);
    }

    #[test]
    fn pan_and_zoom_stop_at_the_axis_ends() {
        let first = TimeView::new(TimeRange::new(
            TimeView::axis_start(),
            TimeView::axis_start().add_nanos(NANOS_PER_DAY),
        ));
        assert_eq!(first.pan(1e6, 1000.0), first);
        assert_eq!(
            first.pan(-500.0, 1000.0).start(),
            first.start().add_nanos(NANOS_PER_DAY / 2)
        );
        let last = TimeView::new(TimeRange::new(
            TimeView::axis_end().add_nanos(-NANOS_PER_DAY),
            TimeView::axis_end(),
        ));
        assert_eq!(last.pan(-1e6, 1000.0), last);
        // Zooming out at the right end keeps the end pinned instead of
        // leaving the axis.
        let out = last.zoom_at(900.0, 0.5, 1000.0);
        assert_eq!(out.end(), TimeView::axis_end());
        assert!((out.span_nanos() - 2.0 * last.span_nanos()).abs() < 1.0);
        // Zooming out all the way gives the whole (extended) axis.
        let mut view = last;
        for _ in 0..200 {
            view = view.zoom_at(123.0, 0.5, 1000.0);
            assert_valid(&view);
        }
        assert_eq!(
            view.range(),
            TimeRange::new(TimeView::axis_start(), TimeView::axis_end())
        );
        assert_eq!(view.pan(300.0, 1000.0), view);
    }

    #[test]
    fn zoom_keeps_the_time_under_the_pointer() {
        let view = TimeView::new(TimeRange::new(day(2025, 10, 1), day(2025, 12, 1)));
        let width = 1280.0;
        let x = 300.0;
        let anchor = view.time_from_x(x, width);
        let zoomed = view.zoom_at(x, 2.0, width);
        assert!((zoomed.span_nanos() * 2.0 - view.span_nanos()).abs() < 1.0);
        assert!((zoomed.x_from_time(anchor, width) - x).abs() < 1e-6);
        let out = zoomed.zoom_at(x, 0.5, width);
        assert!(f64_from_nanos(out.start().since(view.start())).abs() <= 1.0);
    }

    #[test]
    fn zoom_in_stops_at_a_millisecond() {
        let mut view = view_around(Time::from_year(-13_800_000_000), 1e20);
        let width = 1280.0;
        let anchor = view.time_from_x(1000.0, width);
        for _ in 0..100 {
            view = view.zoom_at(1000.0, 1.7, width);
            assert_valid(&view);
            assert!(
                (view.x_from_time(anchor, width) - 1000.0).abs() < 1.0,
                "{view:?}"
            );
        }
        assert_eq!(view.span_nanos(), TimeView::MIN_SPAN_NANOS);
        // A further zoom in is a no-op rather than a jump.
        assert_eq!(view.zoom_at(10.0, 4.0, width), view);
    }

    #[test]
    fn zoom_to_selects_the_dragged_range() {
        let view = TimeView::new(TimeRange::new(day(2025, 10, 1), day(2025, 12, 1)));
        let width = 1220.0; // 20 px per day
        let expected = TimeRange::new(day(2025, 10, 11), day(2025, 10, 21));
        assert_eq!(view.zoom_to(200.0, 400.0, width).range(), expected);
        assert_eq!(view.zoom_to(400.0, 200.0, width).range(), expected);
        let click = view.zoom_to(200.0, 200.0, width);
        assert!((click.span_nanos() - TimeView::MIN_SPAN_NANOS).abs() < f64::EPSILON);
        assert!((click.x_from_time(day(2025, 10, 11), width) - width / 2.0).abs() < 1e-6);
        // Dragging beyond the area is allowed and still exact.
        let wide = view.zoom_to(-1220.0, 2440.0, width);
        assert_eq!(
            wide.range(),
            TimeRange::new(day(2025, 8, 1), day(2026, 1, 31))
        );
        assert!((wide.span_nanos() / f64_from_nanos(NANOS_PER_MEAN_YEAR) - 0.5).abs() < 0.01);
    }

    /// Views anywhere on the axis, with spans spread evenly in log scale
    /// from a millisecond to the whole axis.
    fn any_view() -> impl Strategy<Value = TimeView> {
        (0.0..1.0_f64, 0.0..1.0_f64).prop_map(|(position, log_span)| {
            let span = TimeView::MIN_SPAN_NANOS
                * (TimeView::max_span_nanos() / TimeView::MIN_SPAN_NANOS).powf(log_span);
            let (lo, hi) = *AXIS_NANOS;
            let start = lo + nanos_from_f64(f64_from_nanos(hi - lo) * position);
            TimeView::clamped(start, span)
        })
    }

    /// Any f64 at all, weighted towards awkward values.
    fn any_f64() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(0.0),
            Just(-0.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            -1e4..1e4_f64,
            proptest::num::f64::ANY,
        ]
    }

    #[derive(Clone, Debug)]
    enum Op {
        Pan(f64, f64),
        ZoomAt(f64, f64, f64),
        ZoomTo(f64, f64, f64),
        New(i128, i128),
        Fit(i128, i128, f64),
    }

    fn any_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (any_f64(), any_f64()).prop_map(|(dx, w)| Op::Pan(dx, w)),
            (any_f64(), any_f64(), any_f64()).prop_map(|(x, f, w)| Op::ZoomAt(x, f, w)),
            (any_f64(), any_f64(), any_f64()).prop_map(|(a, b, w)| Op::ZoomTo(a, b, w)),
            (any::<i128>(), any::<i128>()).prop_map(|(a, b)| Op::New(a, b)),
            (any::<i128>(), any::<i128>(), any_f64()).prop_map(|(a, b, m)| Op::Fit(a, b, m)),
        ]
    }

    proptest! {
        #[test]
        fn any_sequence_of_operations_keeps_the_invariants(ops in proptest::collection::vec(any_op(), 1..40)) {
            let mut view = TimeView::new(TimeRange::new(day(2025, 10, 1), day(2025, 12, 1)));
            for op in ops {
                view = match op {
                    Op::Pan(dx, w) => view.pan(dx, w),
                    Op::ZoomAt(x, f, w) => view.zoom_at(x, f, w),
                    Op::ZoomTo(a, b, w) => view.zoom_to(a, b, w),
                    Op::New(a, b) => TimeView::new(TimeRange::new(Time(a), Time(b))),
                    Op::Fit(a, b, m) => TimeView::fit(TimeRange::new(Time(a), Time(b)), m),
                };
                assert_valid(&view);
                prop_assert!(view.x_from_time(Time(0), 1280.0).is_finite());
                prop_assert!(!view.x_from_time(view.time_from_x(640.0, 1280.0), 1280.0).is_nan());
            }
        }

        #[test]
        fn pan_moves_content_by_exactly_dx(view in any_view(), dx in -3000.0..3000.0_f64, width in 1.0..5000.0_f64) {
            let panned = view.pan(dx, width);
            prop_assert_eq!(panned.span_nanos(), view.span_nanos());
            let moved = f64_from_nanos(panned.start().since(view.start()));
            let wanted = -dx / width * view.span_nanos();
            // Either the exact move, or a shorter one in the same direction
            // that stopped at an end of the axis.
            let at_end = panned.start() == TimeView::axis_start() || panned.end() == TimeView::axis_end();
            if at_end {
                prop_assert!(moved.abs() <= wanted.abs() + 1.0);
                prop_assert!(moved == 0.0 || moved.signum() == wanted.signum());
            } else {
                prop_assert!((moved - wanted).abs() <= 1.0 + wanted.abs() * 1e-12);
                // What was at x is now at x + dx, within a pixel. x is inside
                // the view: a time past the view's end may lie past the
                // axis's, where time_from_x clamps (a 34-point-wide view at
                // the end of the axis once failed here with x = 100).
                let x = width * 0.3;
                let t = view.time_from_x(x, width);
                // Rounding to whole nanoseconds, twice, is the only loss.
                let tolerance_px = 2.0 * width / view.span_nanos() + 1e-6;
                prop_assert!((panned.x_from_time(t, width) - (x + dx)).abs() < tolerance_px);
                // And panning back restores the view.
                let back = panned.pan(-dx, width);
                prop_assert!(f64_from_nanos(back.start().since(view.start())).abs() <= 2.0);
            }
        }

        #[test]
        fn zoom_keeps_the_anchor_under_the_pointer(
            view in any_view(), fraction in -0.5..1.5_f64, log_factor in -3.0..3.0_f64, width in 1.0..5000.0_f64,
        ) {
            let factor = 10.0_f64.powf(log_factor);
            let x = fraction * width;
            let anchor = view.time_from_x(x, width);
            // A pointer beyond the end of the axis has the axis end under it.
            let anchor_clamped = anchor == TimeView::axis_start() || anchor == TimeView::axis_end();
            let zoomed = view.zoom_at(x, factor, width);
            let wanted_span = view.span_nanos() / factor;
            let span_clamped = !(TimeView::MIN_SPAN_NANOS..=TimeView::max_span_nanos()).contains(&wanted_span);
            if !span_clamped {
                prop_assert!((zoomed.span_nanos() - wanted_span).abs() <= wanted_span * 1e-12);
            }
            let start_clamped = zoomed.start() == TimeView::axis_start() || zoomed.end() == TimeView::axis_end();
            if !start_clamped && !anchor_clamped {
                // The anchor holds even when the span clamps.
                prop_assert!((zoomed.x_from_time(anchor, width) - x).abs() < 1.0, "{zoomed:?}");
            }
            if !span_clamped && !start_clamped && !anchor_clamped {
                // Zooming back restores the view within a pixel.
                let back = zoomed.zoom_at(x, 1.0 / factor, width);
                let error_px = f64_from_nanos(back.start().since(view.start())).abs() / view.span_nanos() * width;
                prop_assert!(error_px < 1.0, "{back:?} vs {view:?}");
            }
            // Never a jump: the anchor stays on screen whenever it was.
            if (0.0..=width).contains(&x) {
                let new_x = zoomed.x_from_time(anchor, width);
                prop_assert!((-1.0..=width + 1.0).contains(&new_x), "{new_x}");
            }
        }

        #[test]
        fn zoom_to_is_the_dragged_range(view in any_view(), a in -0.5..1.5_f64, b in -0.5..1.5_f64, width in 10.0..5000.0_f64) {
            let (x1, x2) = (a * width, b * width);
            let zoomed = view.zoom_to(x1, x2, width);
            let t1 = view.time_from_x(x1.min(x2), width);
            let t2 = view.time_from_x(x1.max(x2), width);
            let len = f64_from_nanos(t2.since(t1));
            if len >= TimeView::MIN_SPAN_NANOS {
                // The span is an f64, exact to 1e-16 of itself.
                let tolerance_nanos = len * 1e-15 + 1.0;
                prop_assert!(f64_from_nanos(zoomed.start().since(t1)).abs() <= tolerance_nanos);
                prop_assert!(f64_from_nanos(zoomed.end().since(t2)).abs() <= tolerance_nanos);
                // The dragged x1 and x2 are the new edges, within a pixel,
                // unless the drag went beyond the end of the axis.
                let on_axis = |t: Time| t != TimeView::axis_start() && t != TimeView::axis_end();
                if on_axis(t1) {
                    prop_assert!((view.x_from_time(zoomed.start(), width) - x1.min(x2)).abs() < 1.0);
                }
                if on_axis(t2) {
                    prop_assert!((view.x_from_time(zoomed.end(), width) - x1.max(x2)).abs() < 1.0);
                }
            } else {
                prop_assert!((zoomed.span_nanos() - TimeView::MIN_SPAN_NANOS).abs() < 1.0);
            }
        }
    }
}
