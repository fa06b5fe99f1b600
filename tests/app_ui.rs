//! The real app driven through `egui_kittest`: drags, wheel, clicks, keys and
//! file loading, asserting on the app's state. No display or GPU needed.

use chronoscope::app::ChronoscopeApp;
use chronoscope::app::settings::Settings;
use chronoscope::time::Time;
use chronoscope::view::TimeView;
use egui::{
    Event, Key, Modifiers, MouseWheelUnit, PointerButton, Pos2, Rect, TouchPhase, Vec2, pos2,
};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::window::harness;

fn canvas(h: &Harness<'_, ChronoscopeApp>) -> Rect {
    h.state()
        .canvas_rect()
        .unwrap_or_else(|| panic!("the canvas was not drawn"))
}

/// Time at screen x under a view of the canvas.
fn time_at(view: &TimeView, rect: Rect, x: f32) -> Time {
    view.time_from_x(f64::from(x - rect.left()), f64::from(rect.width()))
}

/// How far apart two times are, in pixels of `view`.
fn px_apart(view: &TimeView, rect: Rect, a: Time, b: Time) -> f64 {
    #[allow(clippy::cast_precision_loss)] // A test tolerance in pixels.
    let nanos = (a.0 - b.0).abs() as f64;
    nanos / view.span_nanos() * f64::from(rect.width())
}

fn drag(
    h: &mut Harness<'_, ChronoscopeApp>,
    button: PointerButton,
    modifiers: Modifiers,
    from: Pos2,
    to: Pos2,
) {
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(from));
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button,
        pressed: true,
        modifiers,
    });
    h.step();
    for i in 1..=8 {
        #[allow(clippy::cast_precision_loss)] // Eight steps.
        let p = from.lerp(to, i as f32 / 8.0);
        h.event(Event::PointerMoved(p));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button,
        pressed: false,
        modifiers,
    });
    h.step();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(2);
}

fn assert_zoomed_to(
    h: &mut Harness<'_, ChronoscopeApp>,
    button: PointerButton,
    modifiers: Modifiers,
    y: f32,
) {
    let rect = canvas(h);
    let before = h.state().view();
    let (x1, x2) = (rect.left() + 300.0, rect.left() + 700.0);
    let (t1, t2) = (time_at(&before, rect, x1), time_at(&before, rect, x2));
    drag(h, button, modifiers, pos2(x1, y), pos2(x2, y));
    let after = h.state().view();
    assert!(
        px_apart(&before, rect, after.start(), t1) <= 1.0,
        "start off by {} px",
        px_apart(&before, rect, after.start(), t1)
    );
    assert!(
        px_apart(&before, rect, after.end(), t2) <= 1.0,
        "end off by {} px",
        px_apart(&before, rect, after.end(), t2)
    );
}

#[test]
fn right_drag_zooms_to_the_dragged_range() {
    let mut h = harness();
    let y = canvas(&h).top() + 300.0;
    assert_zoomed_to(&mut h, PointerButton::Secondary, Modifiers::NONE, y);
}

#[test]
fn primary_drag_on_the_axis_zooms() {
    let mut h = harness();
    let y = canvas(&h).top() + 20.0;
    assert_zoomed_to(&mut h, PointerButton::Primary, Modifiers::NONE, y);
}

#[test]
fn shift_drag_zooms() {
    let mut h = harness();
    let y = canvas(&h).top() + 500.0;
    assert_zoomed_to(&mut h, PointerButton::Primary, Modifiers::SHIFT, y);
}

#[test]
fn escape_cancels_a_zoom_drag() {
    let mut h = harness();
    let rect = canvas(&h);
    let before = h.state().view();
    let (from, to) = (
        pos2(rect.left() + 300.0, rect.top() + 300.0),
        pos2(rect.left() + 600.0, rect.top() + 300.0),
    );
    h.event(Event::PointerMoved(from));
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.event(Event::PointerMoved(to));
    h.step();
    h.key_press(Key::Escape);
    h.step();
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    assert_eq!(h.state().view(), before);
}

#[test]
fn plain_drag_pans_with_the_pointer() {
    let mut h = harness();
    let rect = canvas(&h);
    let before = h.state().view();
    let y = rect.top() + 600.0;
    drag(
        &mut h,
        PointerButton::Primary,
        Modifiers::NONE,
        pos2(rect.left() + 600.0, y),
        pos2(rect.left() + 400.0, y),
    );
    let after = h.state().view();
    assert!(
        (after.span_nanos() - before.span_nanos()).abs() < 1.0,
        "panning keeps the span"
    );
    // Content moved left by 200 px: what was at x=600 is now at x=400.
    let moved = time_at(&before, rect, rect.left() + 600.0);
    let now_at = after.x_from_time(moved, f64::from(rect.width())) + f64::from(rect.left());
    assert!(
        (now_at - f64::from(rect.left() + 400.0)).abs() < 2.0,
        "{now_at}"
    );
}

#[test]
fn ctrl_scroll_zooms_around_the_pointer() {
    let mut h = harness();
    let rect = canvas(&h);
    let before = h.state().view();
    let pointer = pos2(rect.left() + 900.0, rect.top() + 300.0);
    let under = time_at(&before, rect, pointer.x);
    h.event(Event::PointerMoved(pointer));
    h.step();
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Line,
        delta: Vec2::new(0.0, 3.0),
        phase: TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
    h.run_steps(10);
    let after = h.state().view();
    assert!(after.span_nanos() < before.span_nanos() * 0.95, "zoomed in");
    let x = after.x_from_time(under, f64::from(rect.width())) + f64::from(rect.left());
    assert!(
        (x - f64::from(pointer.x)).abs() < 1.0,
        "the time under the pointer moved to {x}"
    );
}

#[test]
fn pinch_zooms_around_the_pointer() {
    let mut h = harness();
    let rect = canvas(&h);
    let before = h.state().view();
    let pointer = pos2(rect.left() + 200.0, rect.top() + 300.0);
    let under = time_at(&before, rect, pointer.x);
    h.event(Event::PointerMoved(pointer));
    h.step();
    h.event(Event::Zoom(0.5));
    h.run_steps(2);
    let after = h.state().view();
    assert!(
        (after.span_nanos() / before.span_nanos() - 2.0).abs() < 0.01,
        "zoomed out by 2"
    );
    let x = after.x_from_time(under, f64::from(rect.width())) + f64::from(rect.left());
    assert!((x - f64::from(pointer.x)).abs() < 1.0);
}

#[test]
fn double_click_on_empty_space_fits_all() {
    let mut h = harness();
    let rect = canvas(&h);
    let empty = pos2(rect.left() + 40.0, rect.bottom() - 40.0);
    h.event(Event::PointerMoved(empty));
    h.step();
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos: empty,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.step();
        h.event(Event::PointerButton {
            pos: empty,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
    let view = h.state().view();
    let extent = h
        .state()
        .timeline()
        .extent()
        .unwrap_or_else(|| panic!("empty"));
    assert!(
        view.start() <= extent.start && view.end() >= extent.end,
        "fit all shows January to November: {view:?} vs {extent:?}"
    );
    #[allow(clippy::cast_precision_loss)] // Compared with a 20% tolerance.
    let extent_nanos = extent.len_nanos() as f64;
    assert!(
        view.span_nanos() < 1.2 * extent_nanos,
        "with only a small margin"
    );
}

#[test]
fn clicking_an_event_shows_its_details_and_sources() {
    let mut h = harness();
    let rect = canvas(&h);
    let event = h
        .state()
        .timeline()
        .find("peskov-denial")
        .unwrap_or_else(|| panic!("no event"));
    let layout = h
        .state()
        .last_layout()
        .unwrap_or_else(|| panic!("no layout"));
    let item = layout.item_of(event).unwrap_or_else(|| panic!("not drawn"));
    let b = item.shape.bounds();
    let at = pos2(
        rect.left() + f32::midpoint(b.min_x, b.max_x),
        rect.top() + f32::midpoint(b.min_y, b.max_y),
    );
    h.event(Event::PointerMoved(at));
    h.step();
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(4);
    assert_eq!(h.state().selected(), Some(event));
    h.get_by_label("Peskov denies any rift between Lavrov and Putin");
    assert!(
        h.get_all_by_label("7 November 2025").count() >= 1,
        "the date (and the sources' date)"
    );
    // Peskov's denial is an on-record statement: confirmed.
    h.get_by_label("confirmed");
    h.get_by_label("The Kremlin");
    h.get_by_label("Reuters");
    // Esc clears the selection and closes the panel.
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().selected(), None);
    assert!(
        h.query_by_label("Peskov denies any rift between Lavrov and Putin")
            .is_none()
    );
}

#[test]
fn keyboard_shortcuts_do_what_help_lists() {
    let mut h = harness();
    let start = h.state().view();
    h.key_press(Key::Plus);
    h.run_steps(2);
    assert!(
        (start.span_nanos() / h.state().view().span_nanos() - 1.5).abs() < 1e-6,
        "+ zooms in"
    );
    h.key_press(Key::Minus);
    h.run_steps(2);
    assert!(
        (h.state().view().span_nanos() / start.span_nanos() - 1.0).abs() < 1e-6,
        "− zooms out"
    );
    let before = h.state().view();
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert!(h.state().view().start() > before.start(), "→ pans later");
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert!(
        px_apart(
            &before,
            canvas(&h),
            h.state().view().start(),
            before.start()
        ) < 0.01,
        "← pans back"
    );
    h.key_press(Key::Home);
    h.run_steps(2);
    let extent = h
        .state()
        .timeline()
        .extent()
        .unwrap_or_else(|| panic!("empty"));
    assert!(
        h.state().view().start() <= extent.start && h.state().view().end() >= extent.end,
        "Home fits all"
    );
    h.key_press(Key::Num0);
    h.run_steps(2);
    assert!(h.state().view().start() <= extent.start, "0 fits all");
    // F fits the selected event.
    let call = h
        .state()
        .timeline()
        .find("call")
        .unwrap_or_else(|| panic!("no call"));
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(chronoscope::app::Command::Select(Some(call)), &ctx);
    h.key_press(Key::F);
    h.run_steps(2);
    let range = h.state().timeline().range_of(call);
    let view = h.state().view();
    assert!(
        view.start() <= range.start
            && view.end() >= range.end
            && view.span_nanos() < 3.0 * 86_400e9,
        "F fits the selection"
    );
    // F1 opens the list, which names every shortcut.
    h.key_press(Key::F1);
    h.run_steps(3);
    h.get_by_label("Keyboard Shortcuts");
    for (keys, what) in chronoscope::app::panels::SHORTCUTS {
        assert!(h.get_all_by_label(keys).count() >= 1, "{keys}");
        assert!(h.get_all_by_label(what).count() >= 1, "{what}");
    }
}

#[test]
fn opening_a_malformed_file_keeps_the_timeline_and_shows_the_error() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"events\": [ { \"title\": \"x\", \"start\": \"2025-02-30\" } ]\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let before_view = h.state().view();
    let ctx = h.ctx.clone();
    h.state_mut().open(&bad, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(
        h.state().timeline().events().len(),
        13,
        "the seed is still shown"
    );
    assert_eq!(h.state().view(), before_view);
    let errors = h
        .state()
        .errors()
        .unwrap_or_else(|| panic!("no errors shown"));
    let line = errors[0].to_string();
    // The column points at the day inside the date string.
    assert!(line.ends_with("bad.json:2:49: error: invalid `start` date: \"2025-02-30\": February has no day 30 in 2025"), "{line}");
    h.get_by_label(&line);
    // Dismiss closes the panel; a good file then replaces the timeline.
    h.get_by_label("Dismiss").click();
    h.run_steps(3);
    assert!(h.state().errors().is_none());
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        "{\"title\": \"Good\", \"events\": [ { \"title\": \"Only\", \"start\": \"1969-07-20\" } ]}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    h.state_mut().open(&good, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(h.state().timeline().title, "Good");
    assert_eq!(
        h.state()
            .settings()
            .recent
            .first()
            .and_then(|p| p.file_name()),
        Some(std::ffi::OsStr::new("good.json"))
    );
}

#[test]
fn first_impression_shows_october_and_november_2025() {
    let h = harness();
    let view = h.state().view();
    let day = 86_400_000_000_000_i128;
    assert_eq!(
        view.start(),
        chronoscope::time::Date::ymd(2025, 10, 1)
            .map(|d| d.start())
            .unwrap_or_default()
    );
    assert!(
        (view.end().0
            - chronoscope::time::Date::ymd(2025, 12, 1)
                .map(|d| d.start().0)
                .unwrap_or_default())
        .abs()
            < day
    );
    let layout = h
        .state()
        .last_layout()
        .unwrap_or_else(|| panic!("no layout"));
    let labels: Vec<&str> = layout
        .ticks
        .major
        .iter()
        .map(|t| t.label.as_str())
        .collect();
    assert!(
        labels.iter().any(|l| l.contains("October 2025"))
            && labels.iter().any(|l| l.contains("November 2025")),
        "{labels:?}"
    );
    assert!(layout.ticks.minor.len() >= 30, "days are ticked");
    for event in h.state().timeline().visible(view.range()) {
        assert!(
            layout
                .item_of(event)
                .and_then(|i| i.label.as_ref())
                .is_some(),
            "event {event} has a label"
        );
    }
    h.get_by_label("Timeline");
}

#[test]
fn export_image_dialog_opens_from_the_shortcut_with_its_options() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("Export Image");
    for option in [
        "PNG",
        "SVG",
        "Visible range",
        "All events",
        "Light",
        "Dark",
        "Export…",
    ] {
        assert!(h.get_all_by_label(option).count() >= 1, "{option}");
    }
}

#[test]
fn theme_switch_changes_the_canvas_palette_and_is_remembered() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        chronoscope::app::Command::SetTheme(chronoscope::app::settings::ThemePreference::Dark),
        &ctx,
    );
    h.run_steps(3);
    let layout = h
        .state()
        .last_layout()
        .unwrap_or_else(|| panic!("no layout"));
    assert_eq!(
        layout.palette.kind,
        chronoscope::layout::theme::ThemeKind::Dark
    );
    assert_eq!(
        h.state().settings().theme,
        chronoscope::app::settings::ThemePreference::Dark
    );
}

#[test]
fn a_pinch_and_a_scroll_in_one_frame_both_take_effect() {
    let mut h = harness();
    let rect = canvas(&h);
    let before = h.state().view();
    let pointer = pos2(rect.left() + 400.0, rect.top() + 300.0);
    let under = time_at(&before, rect, pointer.x);
    h.event(Event::PointerMoved(pointer));
    h.step();
    // Both arrive before the same frame: the canvas emits a zoom and a pan.
    h.event(Event::Zoom(0.5));
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(120.0, 0.0),
        phase: TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    h.step();
    let after = h.state().view();
    assert!(
        (after.span_nanos() / before.span_nanos() - 2.0).abs() < 0.01,
        "the pinch zoomed out by 2: {}",
        after.span_nanos() / before.span_nanos()
    );
    let x = after.x_from_time(under, f64::from(rect.width())) + f64::from(rect.left());
    assert!(
        x - f64::from(pointer.x) > 1.0,
        "the scroll panned in the same frame (time under the pointer moved to {x})"
    );
}

#[test]
fn view_commands_compose_in_order() {
    let ctx = egui::Context::default();
    let mut app = ChronoscopeApp::with_seed(Settings::default());
    let width = f64::from(chronoscope::app::canvas::default_size().x);
    let start = app.view();
    app.apply(
        chronoscope::app::Command::ZoomAt {
            x: 300.0,
            factor: 2.0,
        },
        &ctx,
    );
    app.apply(chronoscope::app::Command::PanBy { dx: 50.0 }, &ctx);
    app.apply(
        chronoscope::app::Command::ZoomAt {
            x: 900.0,
            factor: 0.8,
        },
        &ctx,
    );
    let expected = start
        .zoom_at(300.0, 2.0, width)
        .pan(50.0, width)
        .zoom_at(900.0, 0.8, width);
    assert_eq!(app.view(), expected);
    let range = chronoscope::time::TimeRange::new(
        chronoscope::time::Date::year(2024).start(),
        chronoscope::time::Date::year(2024).end(),
    );
    app.apply(chronoscope::app::Command::ZoomTo { range }, &ctx);
    app.apply(chronoscope::app::Command::PanBy { dx: 0.0 }, &ctx);
    assert_eq!(app.view().range(), range);
}
