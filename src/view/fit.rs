//! "Fit all": the view that shows every event, with a margin that never
//! invents time the data does not have.

use super::TimeView;
use crate::time::{Time, TimeRange};

/// Fraction of the data's span added on each side by "fit all" (the window
/// and the export share it, so both open on the same range).
pub const FIT_MARGIN: f64 = 0.04;

/// The view that shows all of `extent` with [`FIT_MARGIN`] of its length on
/// each side, except that the margin never invents future: data ending at
/// or before `present` is not padded past `present`, and data reaching past
/// `present` is padded by at most as much as it reaches past it. A
/// deep-time file that ends today must not be fitted out to "552 million
/// CE", a news timeline that ended yesterday must not show next month, and
/// a plan for the next two years still gets its ordinary margin.
///
/// The margin is a fraction of the data's own span, so it is measured in the
/// data's scale (years for deep time, hours for a day's events). An instant
/// (an empty extent) gets a day around it, as [`TimeView::fit`] gives.
/// `present` is passed in rather than read from the clock so the function
/// stays pure and testable; callers pass [`Time::today`].
#[must_use]
pub fn fit_all(extent: TimeRange, present: Time) -> TimeView {
    let extent = TimeRange::new(extent.start, extent.end);
    let len = extent.len_nanos();
    if len == 0 {
        return TimeView::fit(extent, FIT_MARGIN);
    }
    // `len` is at most the whole axis (~1.3e27 ns), far inside f64's exact
    // range for a 4 % margin; the result is rounded back to whole nanoseconds.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let pad = (len as f64 * FIT_MARGIN).round() as i128;
    let start = extent.start.add_nanos(-pad);
    // How far the data itself reaches past the present (0 when it ends
    // before): the right margin may go that far beyond its end, no further.
    let future = extent.end.since(present).max(0);
    let end = if future > 0 {
        extent.end.add_nanos(pad.min(future))
    } else {
        extent.end.add_nanos(pad).min(present).max(extent.end)
    };
    let mut view = TimeView::new(TimeRange::new(start, end));
    // The view keeps its span as f64, which over billions of years rounds
    // to about a minute: move it back by what rounding put past the end.
    for _ in 0..4 {
        let over = view.end().since(end);
        if over <= 0 {
            break;
        }
        view = TimeView::new(TimeRange::new(
            view.start().add_nanos(-over),
            view.end().add_nanos(-over),
        ));
    }
    view
}

#[cfg(test)]
// Test tolerances and expected values are computed in f64 from exact
// nanosecond counts far inside its range; the span of a one-day view is
// exactly representable.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::float_cmp
)]
mod tests {
    use super::*;
    use crate::time::{Date, NANOS_PER_DAY};

    fn year(y: i64) -> Time {
        Time::from_year(y)
    }

    #[test]
    fn deep_time_ending_at_the_present_is_not_padded_into_the_future() {
        let present = Date::parse("2026-12-04").map_or_else(|e| panic!("{e}"), |d| d.start());
        let extent = TimeRange::new(year(-13_800_000_000), present);
        let view = fit_all(extent, present);
        assert!(view.end() <= present, "{:?}", view.end().year());
        // The left margin is still there, in the data's own scale.
        let years_before = view.start().year() - (-13_800_000_000);
        assert!(
            (-600_000_000..=-500_000_000).contains(&years_before),
            "{years_before}"
        );
        // Every tick label stays in the past: nothing says "CE" with millions.
        let ticks = crate::view::ticks(&view, 1600.0, &|s: &str| 7.0 * s.chars().count() as f64);
        for tick in ticks.major.iter().chain(&ticks.minor) {
            assert!(!tick.label.contains("million CE"), "{}", tick.label);
            assert!(!tick.label.contains("billion CE"), "{}", tick.label);
        }
    }

    #[test]
    fn deep_time_ending_today_at_day_precision_is_not_padded_into_the_future() {
        // "2026-12-06" ends at the end of that day, a few hours past the
        // present: the margin may reach that far, not 552 million years.
        let present = Date::parse("2026-12-06T10:00").map_or_else(|e| panic!("{e}"), |d| d.start());
        let today = Date::parse("2026-12-06").map_or_else(|e| panic!("{e}"), |d| d.end());
        let view = fit_all(TimeRange::new(year(-13_800_000_000), today), present);
        assert!(
            view.end() <= today.add_nanos(NANOS_PER_DAY),
            "{:?}",
            view.end().year()
        );
        assert!(view.end() >= today.add_nanos(-NANOS_PER_DAY));
        // Ending a year ago: the view ends at the present, within rounding.
        let last = Date::parse("2025-11-07").map_or_else(|e| panic!("{e}"), |d| d.end());
        let view = fit_all(TimeRange::new(year(-13_800_000_000), last), present);
        assert!(view.end() <= present, "{:?}", view.end().year());
        assert!(view.end() > last, "{:?}", view.end().year());
    }

    #[test]
    fn a_plan_reaching_into_the_future_keeps_its_margin() {
        let present = year(2026);
        let extent = TimeRange::new(year(2025), year(2028));
        let view = fit_all(extent, present);
        let pad = (extent.len_nanos() as f64 * FIT_MARGIN) as i128;
        assert!((view.end().since(extent.end) - pad).abs() < NANOS_PER_DAY);
    }

    #[test]
    fn data_ending_in_the_past_stops_at_the_present() {
        // A news timeline whose last event was two days ago: the margin
        // (4 % of ten months is ~12 days) is cut at today.
        let present = year(2026);
        let extent = TimeRange::new(
            year(2025).add_nanos(31 * NANOS_PER_DAY),
            present.add_nanos(-2 * NANOS_PER_DAY),
        );
        let view = fit_all(extent, present);
        assert_eq!(view.end(), present);
        assert!(view.start() < extent.start);
    }

    #[test]
    fn data_far_from_the_present_gets_both_margins() {
        // The Mesozoic: the margin is millions of years and ends long before today.
        let extent = TimeRange::new(year(-252_000_000), year(-66_000_000));
        let view = fit_all(extent, year(2026));
        let pad = (extent.len_nanos() as f64 * FIT_MARGIN) as i128;
        assert!((view.start().since(extent.start) + pad).abs() < NANOS_PER_DAY);
        assert!((view.end().since(extent.end) - pad).abs() < NANOS_PER_DAY);
        // Data reaching into the future is padded on both sides as well.
        let extent = TimeRange::new(year(2000), year(2100));
        let view = fit_all(extent, year(2026));
        assert!(view.end() > extent.end);
    }

    #[test]
    fn an_instant_gets_a_day_and_extremes_stay_valid() {
        let t = year(1900);
        let view = fit_all(TimeRange::new(t, t), year(2026));
        assert_eq!(view.span_nanos(), NANOS_PER_DAY as f64);
        let all = fit_all(
            TimeRange::new(Time::min_value(), Time::max_value()),
            year(2026),
        );
        assert!(all.span_nanos().is_finite() && all.span_nanos() > 0.0);
    }
}
