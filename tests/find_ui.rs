//! Find and filter in the window, driven through `egui_kittest`: Ctrl+F,
//! typing, Enter and F3 moving the view to the match and selecting it,
//! wrapping, Esc, the filter sidebar's checkboxes and the legend.

use chronoscope::app::find::FindCommand;
use chronoscope::app::{ChronoscopeApp, Command};
use chronoscope::scene::Emphasis;
use chronoscope::time::Date;
use chronoscope::view::TimeView;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::window::{ctrl_f, harness, type_text};

fn title_of(h: &Harness<'_, ChronoscopeApp>, i: usize) -> String {
    h.state().timeline().event(i).title().to_owned()
}

#[test]
fn ctrl_f_type_and_enter_go_to_the_match_and_select_it() {
    let mut h = harness();
    ctrl_f(&mut h);
    assert!(h.state().find_state().open);
    type_text(&mut h, "peskov");
    let find = h.state().find_state();
    assert_eq!(find.text, "peskov");
    assert_eq!(find.ordered.len(), 1, "{:?}", find.counter_text());
    assert_eq!(find.counter_text(), "1 match");
    // Start from a view far away from the match.
    let january = chronoscope::time::TimeRange::new(
        Date::year(2025).start(),
        Date::ym(2025, 2).map_or_else(|| unreachable!(), |d| d.start()),
    );
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(Command::ZoomTo { range: january }, &ctx);
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(4);
    let selected = h
        .state()
        .selected()
        .unwrap_or_else(|| panic!("nothing selected"));
    assert_eq!(
        title_of(&h, selected),
        "Peskov denies any rift between Lavrov and Putin"
    );
    assert_eq!(h.state().find_state().counter_text(), "1 of 1");
    // The view moved to the match, and the match is drawn as an item.
    let range = h.state().timeline().range_of(selected);
    let view = h.state().view().range();
    assert!(
        view.start <= range.start && range.end <= view.end,
        "{view:?} {range:?}"
    );
    let layout = h
        .state()
        .last_layout()
        .unwrap_or_else(|| panic!("no layout"));
    assert!(layout.items.iter().any(|i| i.event == selected));
    // The details panel shows it.
    h.get_by_label("Peskov denies any rift between Lavrov and Putin");
    // Matches highlighted, the rest dimmed.
    let find = h.state().find_state();
    assert_eq!(find.emphasis(selected), Emphasis::Highlighted);
    assert_eq!(find.emphasis((selected + 1) % 13), Emphasis::Dimmed);
}

#[test]
fn next_and_previous_wrap() {
    let mut h = harness();
    ctrl_f(&mut h);
    type_text(&mut h, "lavrov");
    let n = h.state().find_state().ordered.len();
    assert!(n >= 3, "{n}");
    let mut seen = Vec::new();
    for _ in 0..n {
        h.key_press(Key::F3);
        h.run_steps(2);
        seen.push(h.state().selected());
    }
    assert_eq!(h.state().find_state().counter_text(), format!("{n} of {n}"));
    // One more wraps to the first; previous wraps back to the last.
    h.key_press(Key::F3);
    h.run_steps(2);
    assert_eq!(h.state().selected(), seen[0]);
    assert_eq!(h.state().find_state().counter_text(), format!("1 of {n}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run_steps(2);
    assert_eq!(h.state().selected(), seen[n - 1]);
    // The matches come in start order (the stated start: a window open on
    // the left, like "over the past two weeks", by its limited side).
    let starts: Vec<_> = seen
        .iter()
        .map(|s| h.state().timeline().stated_start(s.unwrap_or(0)))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn esc_closes_the_bar_and_clears_the_highlight() {
    let mut h = harness();
    ctrl_f(&mut h);
    type_text(&mut h, "summit");
    assert!(h.state().find_state().matches.is_some());
    h.key_press(Key::Escape);
    h.run_steps(3);
    let find = h.state().find_state();
    assert!(!find.open);
    assert!(find.matches.is_none());
    assert!(find.text.is_empty());
    assert_eq!(find.emphasis(0), Emphasis::Normal);
}

#[test]
fn a_bad_query_says_where() {
    let mut h = harness();
    ctrl_f(&mut h);
    type_text(&mut h, "stauts:denied");
    let find = h.state().find_state();
    assert!(
        find.counter_text().starts_with("column 1:"),
        "{}",
        find.counter_text()
    );
    assert!(find.matches.is_none());
}

#[test]
fn show_only_matches_and_filter_checkboxes_change_the_shown_count() {
    let mut h = harness();
    ctrl_f(&mut h);
    type_text(&mut h, "lavrov");
    let matched = h.state().find_state().ordered.len();
    h.get_by_label("Show only matches").click();
    h.run_steps(3);
    let shown = |h: &Harness<'_, ChronoscopeApp>| {
        h.state()
            .find_state()
            .shown
            .as_ref()
            .map(|s| s.matches.count())
    };
    assert_eq!(shown(&h), Some(matched));
    h.get_by_label("Show only matches").click();
    h.run_steps(3);
    assert_eq!(shown(&h), None);

    // View › Filters: untick a lane.
    h.get_by_label("View").click();
    h.run_steps(4);
    assert!(
        h.query_by_label_contains("Fit All").is_some(),
        "the View menu did not open"
    );
    h.query_by_label_contains("Filters")
        .unwrap_or_else(|| panic!("no View › Filters"))
        .click();
    h.run_steps(3);
    assert!(h.state().find_state().show_filters);
    let press = h
        .state()
        .timeline()
        .lanes()
        .iter()
        .position(|l| l.id == "press")
        .unwrap_or_else(|| panic!("no press lane"));
    let in_press = h
        .state()
        .timeline()
        .events()
        .filter(|e| e.lane() == press)
        .count();
    h.get_by_label(&format!("Press reports ({in_press})"))
        .click();
    h.run_steps(3);
    assert_eq!(shown(&h), Some(13 - in_press));
    // The lane says what it hides.
    let layout = h
        .state()
        .last_layout()
        .unwrap_or_else(|| panic!("no layout"));
    let lane = layout
        .lanes
        .iter()
        .find(|l| l.lane == press)
        .unwrap_or_else(|| panic!("lane"));
    assert_eq!(lane.visible_events, 0);
    assert!(lane.filtered > 0);
    h.get_by_label(&format!("Press reports ({in_press})"))
        .click();
    h.run_steps(3);
    assert_eq!(shown(&h), None);
}

#[test]
fn the_legend_opens_and_a_click_on_a_status_filters() {
    let mut h = harness();
    h.get_by_label("Legend").click();
    h.run_steps(3);
    assert!(h.state().find_state().show_legend);
    h.get_by_label("denied").click();
    h.run_steps(3);
    let shown = h
        .state()
        .find_state()
        .shown
        .as_ref()
        .map(|s| s.matches.count());
    let denied = h
        .state()
        .timeline()
        .events()
        .filter(|e| e.status() == Some(chronoscope::model::Status::Denied))
        .count();
    assert_eq!(shown, Some(denied));
    assert!(
        h.state()
            .find_state()
            .filter_text(h.state().timeline())
            .contains("status:denied")
    );
}

/// Opens `json` (a Chronoscope file written to a temporary folder) in `h`.
fn open_json(h: &mut Harness<'_, ChronoscopeApp>, json: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("timeline.json");
    std::fs::write(&path, json).unwrap_or_else(|e| panic!("{e}"));
    let ctx = h.ctx.clone();
    h.state_mut().open(&path, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(4);
    assert!(h.state().errors().is_none(), "{:?}", h.state().errors());
    dir
}

fn apply(h: &mut Harness<'_, ChronoscopeApp>, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(command, &ctx);
}

const DAY_NANOS: f64 = 86_400e9;

#[test]
fn going_to_an_open_ended_match_shows_its_stated_extent() {
    // Anchors a century apart, so that fitting the whole axis or the data
    // is told apart from showing the event.
    let json = r#"{ "title": "Open ends", "lanes": [ { "id": "a", "title": "A" } ],
      "events": [
        { "id": "early", "title": "Anchor early", "start": "1900-01-01", "lane": "a" },
        { "id": "late", "title": "Anchor late", "start": "2100-01-01", "lane": "a" },
        { "id": "open", "title": "Openend treaty in force", "start": "2025-11-03/..", "lane": "a" },
        { "id": "unknown", "title": "Unknownend talks", "start": "2025-11-03/", "lane": "a" },
        { "id": "before", "title": "Beforedate silence", "start": "[..2025-11-07]", "lane": "a" },
        { "id": "closed", "title": "Closedend window", "start": "[..2025-10-24]", "end": "[2025-11-07..]", "lane": "a" }
      ] }"#;
    let mut h = harness();
    let _dir = open_json(&mut h, json);
    let whole = h.state().view();
    let month = chronoscope::time::TimeRange::new(
        Date::ym(2025, 1).map_or_else(|| unreachable!(), |d| d.start()),
        Date::ym(2025, 2).map_or_else(|| unreachable!(), |d| d.start()),
    );
    ctrl_f(&mut h);
    for word in ["openend", "unknownend", "beforedate", "closedend"] {
        apply(&mut h, Command::Find(FindCommand::SetText(word.into())));
        h.run_steps(2);
        // From a month far away the view pans, keeping its span; from the
        // whole file it keeps that span or zooms in: it never zooms out to
        // the ends of the axis.
        for (from, start_view) in [("a month away", TimeView::new(month)), ("fit all", whole)] {
            apply(
                &mut h,
                Command::ZoomTo {
                    range: start_view.range(),
                },
            );
            h.run_steps(2);
            h.key_press(Key::Enter);
            h.run_steps(4);
            let selected = h
                .state()
                .selected()
                .unwrap_or_else(|| panic!("{word}: nothing selected"));
            let timeline = h.state().timeline();
            let (start, end) = (
                timeline.stated_start(selected),
                timeline.stated_end(selected),
            );
            let view = h.state().view();
            let range = view.range();
            assert!(
                range.start <= start && end <= range.end,
                "{word} from {from}: {range:?} does not show {start:?}..{end:?}"
            );
            // (A stated extent longer than the view is fitted: weeks.)
            assert!(
                view.span_nanos() <= (start_view.span_nanos() * 1.001).max(120.0 * DAY_NANOS),
                "{word} from {from}: zoomed out to {} days",
                view.span_nanos() / DAY_NANOS
            );
            // The match is drawn as an item of its own.
            let layout = h.state().last_layout().unwrap_or_else(|| panic!("layout"));
            assert!(layout.items.iter().any(|i| i.event == selected), "{word}");
        }
        // Fit Selected ("F") fits the stated extent, in days.
        let selected = h.state().selected();
        apply(&mut h, Command::FitAll);
        apply(&mut h, Command::FitSelected);
        h.run_steps(2);
        let timeline = h.state().timeline();
        let selected = selected.unwrap_or_else(|| panic!("{word}"));
        let (start, end) = (
            timeline.stated_start(selected),
            timeline.stated_end(selected),
        );
        let view = h.state().view();
        let range = view.range();
        assert!(
            range.start <= start && end <= range.end,
            "{word} (F): {range:?} does not show {start:?}..{end:?}"
        );
        assert!(
            view.span_nanos() < 120.0 * DAY_NANOS,
            "{word} (F): a span of {} days",
            view.span_nanos() / DAY_NANOS
        );
    }
}

#[test]
fn find_never_steps_onto_an_event_the_filter_hides() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        Command::Find(FindCommand::OnlyStatus(chronoscope::model::Status::Denied)),
        &ctx,
    );
    ctrl_f(&mut h);
    type_text(&mut h, "lavrov");
    let find = h.state().find_state();
    let all: Vec<usize> = (0..13)
        .filter(|&i| find.matches.as_ref().is_some_and(|m| m.contains(i)))
        .collect();
    let shown: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| find.shown.as_ref().is_some_and(|s| s.matches.contains(i)))
        .collect();
    assert!(
        !shown.is_empty() && shown.len() < all.len(),
        "{all:?} {shown:?}"
    );
    let hidden = all.len() - shown.len();
    // The bar counts what can be gone to and says what the filter hides.
    let counter = find.counter_text();
    assert!(
        counter.starts_with(&format!("{} match", shown.len()))
            && counter.contains(&format!("{hidden} hidden by the filter")),
        "{counter}"
    );
    for _ in 0..=all.len() {
        h.key_press(Key::Enter);
        h.run_steps(3);
        let selected = h.state().selected().unwrap_or_else(|| {
            panic!(
                "landed on nothing: {}",
                h.state().find_state().counter_text()
            )
        });
        assert!(shown.contains(&selected), "{selected} is hidden");
        let layout = h.state().last_layout().unwrap_or_else(|| panic!("layout"));
        assert!(layout.items.iter().any(|i| i.event == selected));
        assert!(layout.visible_events > 0);
    }
}

#[test]
fn going_to_a_match_scrolls_its_lane_into_view() {
    // Thirty lanes of one event each: far more than the canvas holds.
    let lanes: Vec<String> = (0..30)
        .map(|l| format!(r#"{{ "id": "l{l}", "title": "Lane {l}" }}"#))
        .collect();
    let events: Vec<String> = (0..30)
        .map(|l| {
            let title = if l == 29 { "Bottommost event".to_owned() } else { format!("Event {l}") };
            format!(
                r#"{{ "id": "e{l}", "title": "{title}", "start": "2025-11-{:02}", "lane": "l{l}" }}"#,
                l % 28 + 1
            )
        })
        .collect();
    let json = format!(
        r#"{{ "title": "Many lanes", "lanes": [{}], "events": [{}] }}"#,
        lanes.join(","),
        events.join(",")
    );
    let mut h = harness();
    let _dir = open_json(&mut h, &json);
    ctrl_f(&mut h);
    for word in ["bottommost", "event 0"] {
        apply(&mut h, Command::Find(FindCommand::SetText(word.into())));
        h.run_steps(2);
        h.key_press(Key::Enter);
        h.run_steps(4);
        let selected = h.state().selected().unwrap_or_else(|| panic!("{word}"));
        let rect = h.state().canvas_rect().unwrap_or_else(|| panic!("canvas"));
        let layout = h.state().last_layout().unwrap_or_else(|| panic!("layout"));
        assert!(
            layout.content_bottom - layout.lanes_top > rect.height(),
            "the lanes must overflow the canvas"
        );
        let item = layout
            .items
            .iter()
            .find(|i| i.event == selected)
            .unwrap_or_else(|| panic!("{word}: not drawn"));
        let scroll = h.state().lanes_scroll();
        let top = item.shape.bounds().min_y - scroll;
        let bottom = item.shape.bounds().max_y - scroll;
        assert!(
            top >= layout.lanes_top && bottom <= rect.height(),
            "{word}: the match is at {top}..{bottom}, the lanes show {}..{}",
            layout.lanes_top,
            rect.height()
        );
    }
}

#[test]
fn the_find_bar_buttons_stay_put_as_the_count_changes() {
    let mut h = harness();
    ctrl_f(&mut h);
    let place = |h: &Harness<'_, ChronoscopeApp>| {
        (
            h.get_by_label("Previous").rect(),
            h.get_by_label("Next").rect(),
            h.get_by_label("Show only matches").rect(),
        )
    };
    let empty = place(&h);
    for text in [
        "peskov",
        "lavrov",
        "zzzzqqq",
        "stauts:denied lavrov",
        "summit",
    ] {
        apply(&mut h, Command::Find(FindCommand::SetText(text.into())));
        h.run_steps(3);
        assert_eq!(place(&h), empty, "{text}");
        h.key_press(Key::F3);
        h.run_steps(3);
        assert_eq!(place(&h), empty, "{text}, after F3");
    }
}
