//! The seed timeline in a kittest window, and the keys the window suites
//! press.

use chronoscope::app::ChronoscopeApp;
use chronoscope::app::settings::Settings;
use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;

/// The window at 1280×800 in the light theme on the built-in timeline,
/// its first frames drawn.
pub fn harness() -> Harness<'static, ChronoscopeApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        .build_eframe(|_cc| ChronoscopeApp::with_seed(Settings::default()));
    h.run_steps(3);
    h
}

/// Ctrl+F (Cmd+F on macOS): opens find.
pub fn ctrl_f(h: &mut Harness<'_, ChronoscopeApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
}

/// Types `text` into whatever has the keyboard.
pub fn type_text(h: &mut Harness<'_, ChronoscopeApp>, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run_steps(3);
}
