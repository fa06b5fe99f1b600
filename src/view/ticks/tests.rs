//! Tick tables and exhaustive non-overlap checks.
// Exact float equality is the point of several assertions: a tick's x must be
// bit for bit `x_from_time`, and the expected values (0, 640, 1e6 …) are
// exactly representable results of exact inputs.
#![allow(clippy::float_cmp)]

use proptest::prelude::*;

use super::ladder::{Grid, year_tick_at_or_after, year_tick_at_or_before};
use super::*;
use crate::time::{
    Civil, NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MILLI, TimeRange, compact_year_label,
    days_from_civil, year_label, year_range_label,
};

/// Every character is 7 points wide, a typical small UI font.
fn seven(text: &str) -> f64 {
    f64::from(u32::try_from(text.chars().count()).unwrap_or(u32::MAX)) * 7.0
}

fn at(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32, millis: u32) -> Time {
    Civil {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos: millis * 1_000_000,
        weekday: 0,
    }
    .to_time()
}

fn day(year: i64, month: u32, day: u32) -> Time {
    Time(days_from_civil(year, month, day) * NANOS_PER_DAY)
}

fn between(start: Time, end: Time) -> TimeView {
    TimeView::new(TimeRange::new(start, end))
}

fn labels(ticks: &[Tick]) -> Vec<&str> {
    ticks.iter().map(|tick| tick.label.as_str()).collect()
}

/// Everything that must hold for every view and width.
fn assert_well_formed(view: &TimeView, width: f64, ticks: &Ticks) {
    let context = || format!("{view:?} at {width} px, step {}", ticks.step_name);
    assert!(!ticks.step_name.is_empty(), "{}", context());
    for (tier, list) in [("minor", &ticks.minor), ("major", &ticks.major)] {
        assert!(
            f64::from(u32::try_from(list.len()).unwrap_or(u32::MAX)) <= width / 2.0 + 2.0,
            "{tier}: {} ticks, {}",
            list.len(),
            context()
        );
        let mut previous: Option<&Tick> = None;
        for tick in list {
            assert_eq!(
                tick.x,
                view.x_from_time(tick.time, width),
                "{tier} {tick:?}, {}",
                context()
            );
            if let Some(previous) = previous {
                assert!(previous.time < tick.time, "{tier} unsorted, {}", context());
            }
            previous = Some(tick);
        }
        // Labels of one tier never overlap and are never clipped.
        let mut previous_end = f64::NEG_INFINITY;
        for tick in list.iter().filter(|tick| !tick.label.is_empty()) {
            let w = seven(&tick.label);
            assert!(
                tick.label_x >= 0.0 && tick.label_x + w <= width,
                "{tier} clipped: {tick:?}, {}",
                context()
            );
            assert!(
                tick.label_x >= previous_end + LABEL_GAP_PX - 1e-9,
                "{tier} overlap at {tick:?}, {}",
                context()
            );
            previous_end = tick.label_x + w;
        }
    }
    for tick in &ticks.minor {
        assert!(
            tick.time >= view.start() && tick.time < view.end(),
            "minor {tick:?} outside, {}",
            context()
        );
        assert!((tick.label_x - tick.x - LABEL_OFFSET_PX).abs() < 1e-9);
    }
    if let Some((first, rest)) = ticks.major.split_first() {
        assert!(first.time <= view.start(), "no sticky tick, {}", context());
        for tick in rest {
            assert!(
                tick.time > view.start() && tick.time < view.end(),
                "major {tick:?} outside, {}",
                context()
            );
        }
    }
}

fn check(view: &TimeView, width: f64) -> Ticks {
    let ticks = ticks(view, width, &seven);
    assert_well_formed(view, width, &ticks);
    ticks
}

#[test]
fn october_and_november_2025_show_days_under_months() {
    let view = between(day(2025, 10, 1), day(2025, 12, 1));
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "1 day");
    let expected: Vec<String> = (1..=31).chain(1..=30).map(|d: u32| d.to_string()).collect();
    assert_eq!(labels(&ticks.minor), expected);
    assert_eq!(ticks.minor[0].time, day(2025, 10, 1));
    assert_eq!(ticks.minor[0].x, 0.0);
    assert_eq!(ticks.minor[60].time, day(2025, 11, 30));
    assert_eq!(labels(&ticks.major), ["October 2025", "November 2025"]);
    assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
    assert!((ticks.major[1].x - 1280.0 * 31.0 / 61.0).abs() < 1e-9);
    assert_eq!(ticks.major[1].label_x, ticks.major[1].x + LABEL_OFFSET_PX);
}

#[test]
fn a_week_shows_weekdays_or_hours_under_days() {
    let week = between(day(2025, 11, 3), day(2025, 11, 10));
    let ticks = check(&week, 500.0);
    assert_eq!(ticks.step_name, "1 day");
    assert_eq!(
        labels(&ticks.minor),
        [
            "Mon 3", "Tue 4", "Wed 5", "Thu 6", "Fri 7", "Sat 8", "Sun 9"
        ]
    );
    assert_eq!(labels(&ticks.major), ["November 2025"]);
    // Wider, hours fit, and the days move to the upper tier.
    let ticks = check(&week, 1280.0);
    assert_eq!(ticks.step_name, "6 h");
    assert_eq!(
        labels(&ticks.minor)[..5],
        ["00:00", "06:00", "12:00", "18:00", "00:00"]
    );
    assert_eq!(
        labels(&ticks.major)[..2],
        ["Mon 3 November 2025", "Tue 4 November 2025"]
    );
    assert_eq!(ticks.major.len(), 7);
}

#[test]
fn months_weeks_and_every_other_day() {
    let year = between(day(2025, 1, 1), day(2026, 1, 1));
    let ticks = check(&year, 500.0);
    assert_eq!(ticks.step_name, "1 month");
    assert_eq!(labels(&ticks.minor)[..3], ["Jan", "Feb", "Mar"]);
    assert_eq!(labels(&ticks.major), ["2025"]);
    // Wide enough for full month names.
    let ticks = check(&year, 900.0);
    assert_eq!(ticks.step_name, "1 month");
    assert_eq!(labels(&ticks.minor)[8], "September");
    // Wider still, weeks from Monday under months.
    let ticks = check(&year, 1280.0);
    assert_eq!(ticks.step_name, "1 week");
    assert!(
        ticks
            .minor
            .iter()
            .all(|tick| tick.time.civil().weekday == 0)
    );
    assert_eq!(labels(&ticks.minor)[..5], ["6", "13", "20", "27", "3"]);
    assert_eq!(labels(&ticks.major)[..2], ["January 2025", "February 2025"]);
    assert_eq!(ticks.major.len(), 12);
    // A quarter: days do not fit, every other day does.
    let quarter = between(day(2025, 10, 1), day(2026, 1, 1));
    let ticks = check(&quarter, 1280.0);
    assert_eq!(ticks.step_name, "2 days");
    assert_eq!(
        labels(&ticks.minor)[..17],
        [
            "1", "3", "5", "7", "9", "11", "13", "15", "17", "19", "21", "23", "25", "27", "29",
            "1", "3"
        ]
    );
    assert_eq!(
        labels(&ticks.major),
        ["October 2025", "November 2025", "December 2025"]
    );
    // Years of months: every other month or quarters, from January.
    let ticks = check(&between(day(2020, 1, 1), day(2026, 1, 1)), 1280.0);
    assert_eq!(ticks.step_name, "2 months");
    assert_eq!(
        labels(&ticks.minor)[..7],
        ["Jan", "Mar", "May", "Jul", "Sep", "Nov", "Jan"]
    );
    assert_eq!(labels(&ticks.major)[..2], ["2020", "2021"]);
    let ticks = check(&between(day(2014, 1, 1), day(2026, 1, 1)), 1280.0);
    assert_eq!(ticks.step_name, "3 months");
    assert_eq!(
        labels(&ticks.minor)[..5],
        ["Jan", "Apr", "Jul", "Oct", "Jan"]
    );
}

#[test]
fn one_hour_shows_minutes_under_the_hour() {
    let view = between(at(2025, 10, 16, 14, 0, 0, 0), at(2025, 10, 16, 15, 0, 0, 0));
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "2 min");
    assert_eq!(ticks.minor.len(), 30);
    assert_eq!(labels(&ticks.minor)[..3], ["14:00", "14:02", "14:04"]);
    assert_eq!(ticks.minor[29].label, "14:58");
    assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:00"]);
    assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
}

#[test]
fn one_day_shows_hours_under_the_day() {
    let view = between(day(2025, 10, 16), day(2025, 10, 17));
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "1 h");
    assert_eq!(labels(&ticks.minor)[..3], ["00:00", "01:00", "02:00"]);
    assert_eq!(labels(&ticks.major), ["Thu 16 October 2025"]);
}

#[test]
fn one_second_shows_milliseconds_under_the_second() {
    let view = between(
        at(2025, 10, 16, 14, 30, 5, 0),
        at(2025, 10, 16, 14, 30, 6, 0),
    );
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "50 ms");
    assert_eq!(ticks.minor.len(), 20);
    assert_eq!(labels(&ticks.minor)[..3], ["0 ms", "50 ms", "100 ms"]);
    assert_eq!(ticks.minor[19].label, "950 ms");
    assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:30:05"]);
}

#[test]
fn a_minute_shows_seconds_under_the_minute() {
    let view = between(
        at(2025, 10, 16, 14, 30, 0, 0),
        at(2025, 10, 16, 14, 31, 0, 0),
    );
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "5 s");
    assert_eq!(
        labels(&ticks.minor)[..3],
        ["14:30:00", "14:30:05", "14:30:10"]
    );
    assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:30"]);
}

#[test]
fn one_millisecond_shows_microseconds() {
    let view = between(
        at(2025, 10, 16, 14, 30, 5, 250),
        at(2025, 10, 16, 14, 30, 5, 251),
    );
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "50 µs");
    assert_eq!(labels(&ticks.minor)[..3], ["0 µs", "50 µs", "100 µs"]);
    assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:30:05.250"]);
}

#[test]
fn the_year_44_bce() {
    let year = between(Time::from_year(-43), Time::from_year(-42));
    let ticks = check(&year, 900.0);
    assert_eq!(ticks.step_name, "1 month");
    assert_eq!(ticks.minor.len(), 12);
    assert_eq!(ticks.minor[2].label, "March");
    assert_eq!(labels(&ticks.major), ["44 BCE"]);
    // The Ides of March, by the hour.
    let ides = between(day(-43, 3, 15), day(-43, 3, 16));
    let ticks = check(&ides, 1280.0);
    assert_eq!(ticks.step_name, "1 h");
    assert_eq!(labels(&ticks.major), ["Fri 15 March 44 BCE"]);
    // The whole of March 44 BCE, by the day.
    let march = between(day(-43, 3, 1), day(-43, 4, 1));
    let ticks = check(&march, 1280.0);
    assert_eq!(ticks.step_name, "1 day");
    assert_eq!(ticks.minor[14].label, "15");
    assert_eq!(labels(&ticks.major), ["March 44 BCE"]);
}

#[test]
fn years_around_the_start_of_the_era_are_round_on_both_sides() {
    let era = between(Time::from_year(-99), Time::from_year(101));
    let ticks = check(&era, 1280.0);
    assert_eq!(ticks.step_name, "10 years");
    assert_eq!(
        labels(&ticks.minor),
        [
            "100 BCE", "90 BCE", "80 BCE", "70 BCE", "60 BCE", "50 BCE", "40 BCE", "30 BCE",
            "20 BCE", "10 BCE", "1 CE", "10", "20", "30", "40", "50", "60", "70", "80", "90",
            // 100 sits 6 px from the right edge: dropped, not clipped.
            ""
        ]
    );
    // 10 BCE is astronomical year −9, 1 BCE is year 0.
    assert_eq!(ticks.minor[9].time, Time::from_year(-9));
    assert_eq!(ticks.minor[10].time, Time::from_year(1));
    assert_eq!(labels(&ticks.major), ["100–1 BCE", "1–99", ""]);
    // Year by year across year 0 (50 px a year): no year 0 on the labels.
    let ticks = check(&between(Time::from_year(-15), Time::from_year(15)), 1500.0);
    assert_eq!(ticks.step_name, "1 year");
    assert_eq!(ticks.minor.len(), 30);
    assert_eq!(
        labels(&ticks.minor)[10..18],
        [
            "6 BCE", "5 BCE", "4 BCE", "3 BCE", "2 BCE", "1 BCE", "1 CE", "2"
        ]
    );
    assert_eq!(ticks.minor[15].time, Time::from_year(0));
    assert_eq!(
        labels(&ticks.major),
        ["20–11 BCE", "10–1 BCE", "1–9", "10–19"]
    );
    // Twenty thousand years to now.
    let ticks = check(
        &between(Time::from_year(-20_000), Time::from_year(2025)),
        1280.0,
    );
    assert_eq!(ticks.step_name, "2000 years");
    assert_eq!(
        labels(&ticks.minor)[..3],
        ["20,000 BCE", "18,000 BCE", "16,000 BCE"]
    );
    assert_eq!(labels(&ticks.minor)[10], "1 CE");
    assert_eq!(
        labels(&ticks.major)[1..],
        ["20,000–10,001 BCE", "10,000–1 BCE", "1–9999"]
    );
}

#[test]
fn from_1900_to_2100() {
    let view = between(Time::from_year(1900), Time::from_year(2100));
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "10 years");
    let expected: Vec<String> = (0..20).map(|i| (1900 + 10 * i).to_string()).collect();
    assert_eq!(labels(&ticks.minor), expected);
    assert_eq!(labels(&ticks.major), ["1900–1999", "2000–2099"]);
    // 1900 was not a leap year, 2000 was: the centuries differ by a day.
    assert!((ticks.major[1].x - 640.0).abs() < 0.01);
}

#[test]
fn four_point_six_billion_years() {
    let view = between(Time::from_year(1 - 4_600_000_000), Time::from_year(2025));
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "200 million years");
    assert_eq!(labels(&ticks.minor)[..3], ["4.6 Gya", "4.4 Gya", "4.2 Gya"]);
    assert_eq!(
        labels(&ticks.minor)[19..],
        ["800 Mya", "600 Mya", "400 Mya", "200 Mya", ""]
    );
    assert_eq!(
        labels(&ticks.major),
        [
            "5–4 billion years ago",
            "4–3 billion years ago",
            "3–2 billion years ago",
            "2–1 billion years ago",
            "1 billion years ago – 1 CE",
            ""
        ]
    );
    let ticks = check(&view, 500.0);
    assert_eq!(ticks.step_name, "500 million years");
    assert_eq!(labels(&ticks.major)[..2], ["5–4 Gya", "4–3 Gya"]);
    // The finest step wins over the longest words: even at 4000 px the
    // minor labels stay compact, while the upper tier spells them out.
    let ticks = check(&view, 4000.0);
    assert_eq!(ticks.step_name, "100 million years");
    assert_eq!(ticks.minor[0].label, "4.6 Gya");
    assert_eq!(ticks.major[0].label, "5–4 billion years ago");
}

#[test]
fn deep_time_by_the_year_is_never_rounded() {
    let ten_years = between(
        Time::from_year(-13_800_000_005),
        Time::from_year(-13_799_999_995),
    );
    let ticks = check(&ten_years, 1280.0);
    assert_eq!(ticks.step_name, "3 months");
    let major = labels(&ticks.major);
    assert!(major.contains(&"13,800,000,001 BCE"), "{major:?}");
    assert!(major.contains(&"13,799,999,999 BCE"), "{major:?}");
    let century = between(
        Time::from_year(-13_800_000_050),
        Time::from_year(-13_799_999_950),
    );
    let ticks = check(&century, 1280.0);
    assert_eq!(ticks.step_name, "20 years");
    assert_eq!(
        labels(&ticks.minor)[..3],
        [
            "13,800,000,040 BCE",
            "13,800,000,020 BCE",
            "13.8 billion years ago"
        ]
    );
    assert_eq!(labels(&ticks.major)[1], "13,800,000,000–13,799,999,901 BCE");
    // A millisecond 13.8 billion years ago still has exact labels.
    let big_bang = Time::from_year(-13_800_000_000);
    let ms = between(big_bang, big_bang.add_nanos(NANOS_PER_MILLI));
    let ticks = check(&ms, 1280.0);
    assert_eq!(ticks.step_name, "50 µs");
    assert_eq!(
        labels(&ticks.major),
        ["Sat 1 January 13,800,000,001 BCE, 00:00:00.000"]
    );
}

#[test]
fn the_whole_axis() {
    let all = TimeView::fit(TimeRange::new(Time::min_value(), Time::max_value()), 1.0);
    for width in [100.0, 300.0, 1280.0, 4000.0] {
        let ticks = check(&all, width);
        assert!(
            ticks.step_name.ends_with("billion years"),
            "{}",
            ticks.step_name
        );
    }
}

#[test]
fn the_sticky_label_stays_on_screen_until_the_next_one_needs_room() {
    let width = 1280.0;
    // 32 days at 40 px a day, November starting 40 px in: "October
    // 2025" (84 px) and "Oct 2025" (56 px) do not fit before
    // "November 2025" at 43 px; "Oct" does.
    let start = day(2025, 10, 31);
    let base = between(start, start.add_nanos(32 * NANOS_PER_DAY));
    let ticks = check(&base, width);
    assert_eq!(ticks.step_name, "1 day");
    assert_eq!(labels(&ticks.major), ["Oct", "November 2025", ""]);
    assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
    assert!(ticks.major[0].x < 0.0);
    assert_eq!(ticks.major[1].label_x, 43.0);
    // Panned so that November starts 25 px in: "Oct" (21 px) is pushed
    // left by a point to end 5 px before "November 2025" at 28 px.
    let ticks = check(&base.pan(-15.0, width), width);
    assert_eq!(labels(&ticks.major)[..2], ["Oct", "November 2025"]);
    assert!((ticks.major[0].label_x - 2.0).abs() < 1e-9);
    // November 10 px in: no room at all, the October label hides.
    let ticks = check(&base.pan(-30.0, width), width);
    assert_eq!(labels(&ticks.major)[..2], ["", "November 2025"]);
    // Further left, November becomes the sticky label itself.
    let ticks = check(&base.pan(-100.0, width), width);
    assert_eq!(labels(&ticks.major), ["November 2025", "December 2025"]);
    assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
    // In the middle of a day the sticky label sits at the edge, whole.
    let noon = day(2025, 10, 10).add_nanos(6 * NANOS_PER_HOUR);
    let ticks = check(&between(noon, noon.add_nanos(12 * NANOS_PER_HOUR)), width);
    assert_eq!(ticks.step_name, "30 min");
    assert_eq!(labels(&ticks.major), ["Fri 10 October 2025"]);
    assert!(ticks.major[0].x < 0.0);
    assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
    // Ten days of 12 hours: the long date does not fit a day (128 px),
    // so every day, the sticky one included, reads "10 Oct 2025".
    let ticks = check(&between(day(2025, 10, 10), day(2025, 10, 20)), width);
    assert_eq!(ticks.step_name, "12 h");
    assert_eq!(labels(&ticks.major)[..2], ["10 Oct 2025", "11 Oct 2025"]);
}

#[test]
fn the_last_minor_label_is_dropped_rather_than_clipped() {
    // 40 hours at 32 px an hour: 3-hour ticks, the last at 39 h is 32 px
    // from the right edge, too close for "15:00" (35 px).
    let start = day(2025, 10, 16);
    let view = between(start, start.add_nanos(40 * NANOS_PER_HOUR));
    let ticks = check(&view, 1280.0);
    assert_eq!(ticks.step_name, "3 h");
    let last = ticks.minor.len() - 1;
    assert_eq!(ticks.minor[last].time, start.add_nanos(39 * NANOS_PER_HOUR));
    assert_eq!(ticks.minor[last].label, "");
    assert_eq!(ticks.minor[last - 1].label, "12:00");
    // The tick itself stays: its line is drawn without a label.
    assert!((ticks.minor[last].x - 1248.0).abs() < 1e-9);
    // Wider, the label fits again (the step is still 3 hours).
    let ticks = check(&view, 1520.0);
    assert_eq!(
        ticks.minor.last().map(|tick| tick.label.as_str()),
        Some("15:00")
    );
}

#[test]
fn bad_inputs_give_no_ticks_or_sane_ones() {
    let view = between(day(2025, 10, 1), day(2025, 12, 1));
    for width in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(ticks(&view, width, &seven), Ticks::default());
    }
    // A font that measures nothing still gives a bounded number of ticks.
    let zero = ticks(&view, 1280.0, &|_| 0.0);
    assert!(zero.minor.len() <= 640);
    let nan = ticks(&view, 1280.0, &|_| f64::NAN);
    assert!(nan.minor.len() <= 640);
    // A font so wide that nothing fits drops every label.
    let huge = ticks(&view, 1280.0, &|_| 1e9);
    assert!(
        huge.minor
            .iter()
            .chain(&huge.major)
            .all(|tick| tick.label.is_empty())
    );
    // Tiny areas work too.
    for width in [1.0, 10.0, 50.0] {
        let _ = check(&view, width);
    }
}

#[test]
fn year_labels() {
    assert_eq!(year_label(2025), "2025");
    assert_eq!(year_label(-43), "44 BCE");
    assert_eq!(year_label(1 - 4_600_000_000), "4.6 billion years ago");
    assert_eq!(year_label(-13_800_000_000), "13,800,000,001 BCE");
    assert_eq!(year_label(1 - 13_801_000_000), "13,801 million years ago");
    assert_eq!(year_label(1_234_567), "1,234,567 CE");
    assert_eq!(compact_year_label(1 - 4_600_000_000), "4.6 Gya");
    assert_eq!(compact_year_label(1 - 66_000_000), "66 Mya");
    assert_eq!(compact_year_label(1 - 13_801_000_000), "13,801 Mya");
    assert_eq!(compact_year_label(1 - 12_000), "12k BCE");
    assert_eq!(compact_year_label(20_000), "20k CE");
    assert_eq!(compact_year_label(5_000_000), "5M CE");
    assert_eq!(compact_year_label(5_000_000_000), "5B CE");
    assert_eq!(compact_year_label(-43), "44 BCE");
    assert_eq!(compact_year_label(-13_800_000_000), "13,800,000,001 BCE");
}

#[test]
fn year_range_labels() {
    for (first, next, full, compact) in [
        (2020, 2030, "2020–2029", "2020–2029"),
        (1900, 2000, "1900–1999", "1900–1999"),
        (-49, -39, "50–41 BCE", "50–41 BCE"),
        (1, 10, "1–9", "1–9"),
        (-9, 1, "10–1 BCE", "10–1 BCE"),
        (10_000, 20_000, "10,000–19,999 CE", "10,000–19,999 CE"),
        (
            1 - 66_000_000,
            1 - 65_000_000,
            "66–65 million years ago",
            "66–65 Mya",
        ),
        (
            1 - 5_000_000_000,
            1 - 4_000_000_000,
            "5–4 billion years ago",
            "5–4 Gya",
        ),
        (
            1 - 1_000_000_000,
            1 - 900_000_000,
            "1 billion years ago – 900 million years ago",
            "1 Gya – 900 Mya",
        ),
        (
            1 - 10_000_000_000,
            1,
            "10 billion years ago – 1 CE",
            "10 Gya – 1 CE",
        ),
        (1, 10_000_000_000, "1 CE – 10 billion CE", "1–10B CE"),
        (
            10_000_000_000,
            20_000_000_000,
            "10–20 billion CE",
            "10B–20B CE",
        ),
        // Deep time by the decade: every digit, never a rounded end.
        (
            1 - 13_800_000_010,
            1 - 13_800_000_000,
            "13,800,000,010–13,800,000,001 BCE",
            "13,800,000,010–13,800,000,001 BCE",
        ),
    ] {
        assert_eq!(year_range_label(first, next, false), full);
        assert_eq!(year_range_label(first, next, true), compact);
    }
}

#[test]
fn year_grid_is_round_in_both_eras() {
    for (year, n, after, before) in [
        (2025, 10, 2030, 2020),
        (2020, 10, 2020, 2020),
        (1, 10, 1, 1),
        (5, 10, 10, 1),
        (0, 10, 1, -9),
        (-9, 10, -9, -9),
        (-10, 10, -9, -19),
        (0, 1, 0, 0),
        (
            -13_800_000_000,
            1_000_000_000,
            1 - 13_000_000_000,
            1 - 14_000_000_000,
        ),
    ] {
        assert_eq!(year_tick_at_or_after(year, n), after, "after {year} by {n}");
        assert_eq!(
            year_tick_at_or_before(year, n),
            before,
            "before {year} by {n}"
        );
    }
}

#[test]
fn odd_days_keep_two_days_apart_across_months() {
    let view = between(day(2024, 1, 1), day(2025, 1, 1));
    let times = Grid::OddDays.times(view.start(), view.end(), 1_000);
    for pair in times.windows(2) {
        let gap = pair[1].since(pair[0]) / NANOS_PER_DAY;
        assert!(
            (2..=3).contains(&gap),
            "{:?} -> {:?}",
            pair[0].civil(),
            pair[1].civil()
        );
    }
    assert_eq!(
        Grid::OddDays.at_or_before(day(2024, 3, 31)),
        day(2024, 3, 29)
    );
}

#[test]
fn every_width_and_every_zoom_is_well_formed() {
    let centres = [
        Time::from_year(-13_800_000_000),
        Time::from_year(-66_000_000),
        Time::from_year(-43).add_nanos(73 * NANOS_PER_DAY + 11 * NANOS_PER_HOUR),
        Time::from_year(0),
        at(2025, 10, 16, 14, 30, 5, 250),
        Time::max_value(),
    ];
    for centre in centres {
        let mut span = TimeView::max_span_nanos();
        while span >= TimeView::MIN_SPAN_NANOS {
            let view = TimeView::new(TimeRange::new(centre, centre)).zoom_at(0.0, 1e6 / span, 1.0);
            for width in (300..=4000).step_by(37) {
                let _ = check(&view, f64::from(width));
            }
            span /= 7.0;
        }
    }
}

/// Views anywhere on the axis, weighted towards the regions people
/// look at: deep time, BCE, the recent past.
fn any_view() -> impl Strategy<Value = TimeView> {
    let centre = prop_oneof![
        (-20_000_000_000_i64..20_000_000_000).prop_map(Time::from_year),
        (-13_900_000_000_i64..-4_000_000_000).prop_map(Time::from_year),
        (-3_000_i64..3_000).prop_map(Time::from_year),
        (1_900_i64..2_100).prop_map(Time::from_year),
    ];
    (centre, 0.0..1.0_f64, 0..NANOS_PER_DAY).prop_map(|(centre, log_span, nanos)| {
        let span = TimeView::MIN_SPAN_NANOS
            * (TimeView::max_span_nanos() / TimeView::MIN_SPAN_NANOS).powf(log_span);
        let centre = centre.add_nanos(nanos * 365);
        TimeView::new(TimeRange::new(centre, centre)).zoom_at(
            0.5,
            TimeView::MIN_SPAN_NANOS / span,
            1.0,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn labels_never_overlap_at_any_width(view in any_view()) {
        for width in (300..=4000).step_by(37) {
            let _ = check(&view, f64::from(width));
        }
    }
}
