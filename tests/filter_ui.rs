//! The filter sidebar, the status bar and typing in the window's text
//! fields, driven through `egui_kittest`: a date filter applies only a
//! complete date and keeps the keyboard, single-key shortcuts stay quiet
//! while typing, and the status bar says what is in effect.

use chronoscope::app::find::FindCommand;
use chronoscope::app::{ChronoscopeApp, Command};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

mod common;
use common::window::{ctrl_f, harness, type_text};

fn apply(h: &mut Harness<'_, ChronoscopeApp>, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(command, &ctx);
}

fn event_named(h: &Harness<'_, ChronoscopeApp>, title: &str) -> usize {
    let timeline = h.state().timeline();
    (0..timeline.len())
        .find(|&i| timeline.event(i).title() == title)
        .unwrap_or_else(|| panic!("no event {title:?}"))
}

/// Presses `key` the way a keyboard does while typing: the key, then its text.
fn type_key(h: &mut Harness<'_, ChronoscopeApp>, key: Key, text: &str) {
    h.event(Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::Text(text.to_owned()));
    h.event(Event::Key {
        key,
        physical_key: None,
        pressed: false,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
}

fn digit_key(c: char) -> Key {
    Key::from_name(&c.to_string()).unwrap_or(Key::Minus)
}

#[test]
fn a_date_filter_applies_only_a_complete_date_and_keeps_the_keyboard() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let peskov = event_named(&h, "Peskov denies any rift between Lavrov and Putin");
    h.state_mut().apply(Command::Select(Some(peskov)), &ctx);
    h.state_mut()
        .apply(Command::Find(FindCommand::ToggleFilters), &ctx);
    h.run_steps(3);
    let view = h.state().view();
    h.get_by_label("To").click();
    h.run_steps(3);
    assert!(
        h.ctx.text_edit_focused(),
        "the field did not take the keyboard"
    );
    // Typing "2025-11-01" one key at a time: nothing is applied on the way,
    // the selection stays, "0" and "-" do not fit or zoom, and the field
    // keeps the keyboard.
    for c in "2025-11-01".chars() {
        type_key(&mut h, digit_key(c), &c.to_string());
        assert!(
            h.ctx.text_edit_focused(),
            "the field lost the keyboard at {c:?}"
        );
        let find = h.state().find_state();
        assert_eq!(find.filters.to, "", "applied while typing, at {c:?}");
        assert!(find.shown.is_none(), "filtered while typing, at {c:?}");
        assert_eq!(h.state().selected(), Some(peskov), "at {c:?}");
        assert_eq!(h.state().view(), view, "a shortcut fired at {c:?}");
    }
    // The details panel going away moves the sidebar's widgets about; the
    // field keeps the keyboard all the same.
    apply(&mut h, Command::Select(None));
    h.run_steps(3);
    assert!(
        h.ctx.text_edit_focused(),
        "the field lost the keyboard to a layout change"
    );
    apply(&mut h, Command::Select(Some(peskov)));
    h.run_steps(3);
    assert!(
        h.ctx.text_edit_focused(),
        "the field lost the keyboard to a layout change"
    );
    // Enter applies it.
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().find_state().filters.to, "2025-11-01");
    assert!(h.state().find_state().shown.is_some());
    // The status bar says it in the query language.
    let said = h.state().find_state().filter_text(h.state().timeline());
    assert_eq!(said, "before:2025-11-01");
    // A date that does not exist is shown as such and not applied.
    h.get_by_label("To").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut h, "2025-13-01");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().find_state().filters.to, "2025-11-01");
    assert!(h.query_by_label_contains("not a date").is_some());
    // Leaving the field with a complete date applies it too.
    h.get_by_label("From").click();
    h.run_steps(2);
    type_text(&mut h, "2025-10-20");
    assert_eq!(h.state().find_state().filters.from, "");
    h.get_by_label("To").click();
    h.run_steps(3);
    assert_eq!(h.state().find_state().filters.from, "2025-10-20");
    // "Show everything" empties both fields, with what is being typed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut h, "2025-1");
    h.get_by_label("Show everything").click();
    h.run_steps(3);
    let find = h.state().find_state();
    assert!(find.shown.is_none());
    assert_eq!(
        (find.drafts.from.as_str(), find.drafts.to.as_str()),
        ("", "")
    );
}

#[test]
fn shortcuts_do_not_fire_while_typing() {
    let mut h = harness();
    ctrl_f(&mut h);
    let view = h.state().view();
    for (key, text) in [
        (Key::Num0, "0"),
        (Key::Plus, "+"),
        (Key::Minus, "-"),
        (Key::F, "f"),
    ] {
        type_key(&mut h, key, text);
        assert_eq!(h.state().view(), view, "{text:?} fired a shortcut");
        assert!(h.ctx.text_edit_focused());
    }
    assert_eq!(h.state().find_state().text, "0+-f");
    // In a date field of the sidebar, F3 and Esc belong to the field: no
    // match is gone to and the find bar stays open.
    apply(&mut h, Command::Find(FindCommand::SetText("lavrov".into())));
    apply(&mut h, Command::Find(FindCommand::ToggleFilters));
    h.run_steps(3);
    h.get_by_label("From").click();
    h.run_steps(2);
    assert!(h.ctx.text_edit_focused());
    h.key_press(Key::F3);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().find_state().current, None);
    assert_eq!(h.state().selected(), None);
    assert!(h.state().find_state().open);
}

/// The status bar's filter field.
fn filter_status(h: &Harness<'_, ChronoscopeApp>) -> Option<String> {
    h.query_by_label_contains("shown — filter")
        // A label's text is its accesskit value.
        .map(|n| {
            n.value()
                .or_else(|| n.accesskit_node().label())
                .unwrap_or_default()
        })
}

#[test]
fn a_bad_query_leaves_the_last_good_filter_in_the_status_bar() {
    let mut h = harness();
    ctrl_f(&mut h);
    type_text(&mut h, "lavrov");
    h.get_by_label("Show only matches").click();
    h.run_steps(3);
    let good = filter_status(&h).unwrap_or_else(|| panic!("no filter in the status bar"));
    assert!(good.ends_with("filter: lavrov"), "{good}");
    // The count is the filter's matches, of every event.
    let shown = h
        .state()
        .find_state()
        .shown
        .as_ref()
        .map_or(0, |s| s.matches.count());
    assert!(shown > 0 && shown < 13, "{shown}");
    assert!(good.starts_with(&format!("{shown} of 13 shown")), "{good}");
    // Back in the field (the checkbox took the click), after the text.
    h.get_by_label("Find:").click();
    h.run_steps(2);
    h.key_press(Key::End);
    type_text(&mut h, " status:denid");
    assert!(h.state().find_state().error.is_some());
    let bad = filter_status(&h).unwrap_or_else(|| panic!("no filter in the status bar"));
    // The count is the last good query's, and so is the text beside it;
    // the status bar says that what is typed is not in effect.
    assert_eq!(bad, good);
    assert!(h.query_by_label_contains("not applied").is_some());
    // Fixed, it is applied.
    h.key_press(Key::Backspace);
    h.key_press(Key::Backspace);
    type_text(&mut h, "ied");
    let fixed = filter_status(&h).unwrap_or_else(|| panic!("no filter in the status bar"));
    assert!(fixed.ends_with("filter: lavrov status:denied"), "{fixed}");
    assert!(h.query_by_label_contains("not applied").is_none());
}

#[test]
fn the_status_bar_tells_in_view_from_shown_and_a_long_filter_keeps_the_rest() {
    let mut h = harness();
    // Zoomed in, some events are out of view.
    let ctx = h.ctx.clone();
    let peskov = event_named(&h, "Peskov denies any rift between Lavrov and Putin");
    h.state_mut().apply(Command::Select(Some(peskov)), &ctx);
    h.state_mut().apply(Command::FitSelected, &ctx);
    h.state_mut().apply(Command::Select(None), &ctx);
    h.run_steps(3);
    assert!(h.query_by_label_contains("in view").is_some());
    assert!(h.query_by_label_contains("events shown").is_none());
    // A filter longer than the window.
    ctrl_f(&mut h);
    type_text(&mut h, &"lavrov ".repeat(60));
    h.get_by_label("Show only matches").click();
    h.run_steps(3);
    let filter = h
        .query_by_label_contains("shown — filter")
        .unwrap_or_else(|| panic!("no filter in the status bar"));
    let width = h.ctx.content_rect().width();
    assert!(filter.rect().right() < width, "{:?}", filter.rect());
    for other in ["Legend", "budapest-summit.json (built in)"] {
        let node = h.get_by_label(other);
        assert!(
            node.rect().right() <= width,
            "{other} pushed off: {:?}",
            node.rect()
        );
    }
}
