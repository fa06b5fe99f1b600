//! Going to an event (find's next/previous, "F" fit selected): which stretch
//! of time shows it, and how far to scroll the lanes so its row is on the
//! canvas.
//!
//! An event's covered range ([`Timeline::range_of`]) reaches the end of the
//! axis on a side its dates leave open (`2025-11-03/..`, `[..2025-11-07]`):
//! fitting that would show billions of years. Going to an event therefore
//! works on [`focus_range`], its stated extent with a finite stand-in for
//! an unlimited side.

use crate::layout::theme::{Palette, ThemeKind};
use crate::layout::{self, Layout, Params};
use crate::model::{ShownLanes, Timeline};
use crate::time::{Time, TimeRange};
use crate::view::TimeView;

/// Room kept above and below a revealed row, in points, so it does not sit
/// glued to the canvas edge.
const REVEAL_MARGIN_PX: f32 = 8.0;

/// The stretch of time that shows event `event` as stated: from its stated
/// start to its stated end ([`Timeline::stated_start`],
/// [`Timeline::stated_end`]), never less than its start date at that date's
/// precision. A side its dates leave unlimited (an open or unknown end,
/// `[..date]`) is drawn on past the limited side by the event's own scale:
/// its stated length, or its start date's precision when that is longer (a
/// day for `2025-11-03/..`), so the view shows that it goes on without
/// reaching for the end of the axis.
#[must_use]
pub fn focus_range(timeline: &Timeline, event: usize) -> TimeRange {
    let covered = timeline.range_of(event);
    let (min, max) = (Time::min_value(), Time::max_value());
    let own = timeline.event(event).start_bound().stand_in();
    let mut start = timeline.stated_start(event).min(own.start());
    let mut end = timeline.stated_end(event).max(own.end());
    // Nothing finite was stated on a side (no known date at all there):
    // the start date alone stands for it.
    if start <= min {
        start = own.start();
    }
    if end >= max {
        end = own.end();
    }
    let unit = own.end().since(own.start()).max(1);
    let pad = end.since(start).max(unit);
    if covered.start <= min {
        start = start.add_nanos(-pad);
    }
    if covered.end >= max {
        end = end.add_nanos(pad);
    }
    TimeRange::new(start, end)
}

/// A view that shows event `event` as an item of its own: the current view
/// when it already shows the event's [`focus_range`]; else the same span
/// centred on it (or the range fitted, when it is longer than the view);
/// then zoomed in around it until it is drawn as an item, not inside a
/// histogram or a "+N".
#[must_use]
pub fn view_showing(
    timeline: &Timeline,
    view: TimeView,
    event: usize,
    width: f32,
    shown: Option<&ShownLanes>,
) -> TimeView {
    let range = focus_range(timeline, event);
    let span = view.span_nanos();
    #[allow(clippy::cast_precision_loss)] // Lengths compared as fractions of a view.
    let length = range.len_nanos() as f64;
    // "Already shown" leaves a twentieth of the view free on each side: a
    // match glued to the canvas edge is easily missed.
    #[allow(clippy::cast_possible_truncation)] // A span is far below i128's range.
    let edge = (span / 20.0) as i128;
    let inside =
        range.start >= view.start().add_nanos(edge) && range.end <= view.end().add_nanos(-edge);
    let mid = range.start.add_nanos(range.len_nanos() / 2);
    let centred = |span: f64| {
        #[allow(clippy::cast_possible_truncation)] // A span is far below i128's range.
        let half = (span / 2.0) as i128;
        TimeView::new(TimeRange::new(mid.add_nanos(-half), mid.add_nanos(half)))
    };
    let mut candidate = if length > span * 0.8 {
        TimeView::fit(range, 0.25)
    } else if inside {
        view
    } else {
        centred(span)
    };
    // Colours do not move anything: any palette lays out the same.
    let palette = Palette::of(ThemeKind::Light);
    for _ in 0..24 {
        let mut params = Params::new(width, palette);
        params.selected = Some(event);
        params.shown = shown;
        let laid = layout::layout(timeline, &candidate, &params);
        if laid.items.iter().any(|item| item.event == event) {
            break;
        }
        // Zoomed in around the event, which is put in the middle: zooming
        // about its own x would keep it wherever it was, at an edge maybe.
        candidate = centred(candidate.span_nanos() / 4.0);
    }
    candidate
}

/// The vertical scroll of the lanes that puts event `event`'s row inside a
/// canvas `height` points tall, moving as little as possible from `scroll`:
/// the drawn item (mark and label) when `layout` has one, else the top of
/// its lane. The caller clamps the result to the content.
#[must_use]
pub fn scroll_revealing(
    layout: &Layout,
    timeline: &Timeline,
    event: usize,
    scroll: f32,
    height: f32,
) -> f32 {
    let area = (height - layout.lanes_top).max(0.0);
    let row = layout
        .items
        .iter()
        .find(|item| item.event == event)
        .map(|item| (item.hit.min_y, item.hit.max_y))
        .or_else(|| {
            let lane = timeline.get(event)?.lane();
            let lane = layout.lanes.iter().find(|l| l.lane == lane)?;
            Some((lane.top, lane.top + lane.height.min(area)))
        });
    let Some((top, bottom)) = row else {
        return scroll;
    };
    // Layout y is content y: on screen it is `y - scroll` below the axis.
    let want_top = top - REVEAL_MARGIN_PX;
    let want_bottom = bottom + REVEAL_MARGIN_PX;
    let shown_top = layout.lanes_top + scroll;
    let shown_bottom = shown_top + area;
    let scroll = if want_top < shown_top || want_bottom - want_top > area {
        want_top - layout.lanes_top
    } else if want_bottom > shown_bottom {
        want_bottom - area - layout.lanes_top
    } else {
        scroll
    };
    scroll.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Date, NANOS_PER_DAY};

    fn timeline(json: &str) -> Timeline {
        crate::io::load_bytes("t.json", json.as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"))
            .timeline
    }

    fn day(text: &str) -> Time {
        Date::parse(text).map_or_else(|e| panic!("{e}"), |d| d.start())
    }

    fn one(start: &str, end: Option<&str>) -> TimeRange {
        let end = end.map_or_else(String::new, |e| format!(r#", "end": "{e}""#));
        let t = timeline(&format!(
            r#"{{ "events": [ {{ "title": "x", "start": "{start}"{end} }} ] }}"#
        ));
        focus_range(&t, 0)
    }

    #[test]
    fn an_open_or_unknown_end_goes_on_by_the_start_dates_precision() {
        // The day itself, then one more day to show that it goes on.
        let expected = TimeRange::new(day("2025-11-03"), day("2025-11-05"));
        assert_eq!(one("2025-11-03/..", None), expected);
        assert_eq!(one("2025-11-03/", None), expected);
        // A month's precision gives a month (November, then 30 days more).
        let month = one("2025-11/..", None);
        assert_eq!(month.start, day("2025-11-01"));
        assert_eq!(month.end, day("2025-12-31"));
    }

    #[test]
    fn an_unlimited_start_reaches_back_by_the_end_dates_scale() {
        assert_eq!(
            one("[..2025-11-07]", None),
            TimeRange::new(day("2025-11-06"), day("2025-11-08"))
        );
        // Both sides unlimited: the stated fortnight, and a fortnight more
        // on each side.
        let range = one("[..2025-10-24]", Some("[2025-11-07..]"));
        assert_eq!(range.start, day("2025-10-10"));
        assert_eq!(range.end, day("2025-11-21"));
    }

    #[test]
    fn a_closed_event_is_its_covered_range() {
        assert_eq!(
            one("2025-11-03", Some("2025-11-07")),
            TimeRange::new(day("2025-11-03"), day("2025-11-08"))
        );
        let moment = one("2025-11-03T14:30", None);
        assert_eq!(moment.len_nanos(), NANOS_PER_DAY / 24 / 60);
        // Deep time: a year's precision, far from the axis' ends.
        let deep = one("Y-13800000000/..", None);
        assert!(deep.len_nanos() < 3 * 366 * NANOS_PER_DAY, "{deep:?}");
    }

    #[test]
    fn an_event_at_the_edge_of_the_view_is_brought_to_the_middle() {
        let t = timeline(
            r#"{ "events": [
                { "title": "a", "start": "2025-11-03" },
                { "title": "b", "start": "2025-12-20" } ] }"#,
        );
        // Sixty days from the day before `a`: it is in view, but at the edge.
        let view = TimeView::new(TimeRange::new(day("2025-11-02"), day("2026-01-01")));
        let went = view_showing(&t, view, 0, 1000.0, None);
        let mid = day("2025-11-03").add_nanos(NANOS_PER_DAY / 2);
        let centre = went.start().add_nanos(went.range().len_nanos() / 2);
        assert!(centre.since(mid).abs() < NANOS_PER_DAY / 100, "{went:?}");
        // `b`, well inside, is shown where it is.
        assert_eq!(view_showing(&t, view, 1, 1000.0, None), view);
    }

    #[test]
    fn going_to_an_open_ended_event_never_shows_the_whole_axis() {
        let t = timeline(
            r#"{ "events": [
                { "title": "early", "start": "1900" },
                { "title": "open", "start": "2025-11-03/.." },
                { "title": "before", "start": "[..2025-11-07]" } ] }"#,
        );
        let whole = crate::layout::fit_all_view(&t);
        for event in [1, 2] {
            let view = view_showing(&t, whole, event, 1000.0, None);
            let range = focus_range(&t, event);
            assert!(view.span_nanos() <= whole.span_nanos(), "{event}");
            assert!(view.start() <= range.start && range.end <= view.end());
        }
    }
}
