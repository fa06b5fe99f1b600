//! Find and filter in the window, driven through `egui_kittest`: Ctrl+F,
//! typing, Enter and F3 moving the view to the match and selecting it,
//! wrapping, Esc, the filter sidebar's checkboxes and the legend.

use chronoscope::app::settings::Settings;
use chronoscope::app::{ChronoscopeApp, Command};
use chronoscope::scene::Emphasis;
use chronoscope::time::Date;
use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, ChronoscopeApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        .build_eframe(|_cc| ChronoscopeApp::with_seed(Settings::default()));
    h.run_steps(3);
    h
}

fn ctrl_f(h: &mut Harness<'_, ChronoscopeApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
}

fn type_text(h: &mut Harness<'_, ChronoscopeApp>, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run_steps(3);
}

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
    // The matches come in start order.
    let starts: Vec<_> = seen
        .iter()
        .map(|s| h.state().timeline().range_of(s.unwrap_or(0)).start)
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
