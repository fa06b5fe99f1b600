//! The window survives its own faults (`egui_kittest`, no display): a panic
//! on the loading thread, a reload that meets a half-written file, and
//! stored settings that are corrupt or from a later version.

use std::collections::HashMap;
use std::path::Path;

use chronoscope::app::ChronoscopeApp;
use chronoscope::app::command::Command;
use chronoscope::app::loader::Loader;
use chronoscope::app::settings::{self, Settings, ThemePreference};
use eframe::Storage as _;
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_with(
    app: impl FnOnce() -> ChronoscopeApp + 'static,
) -> Harness<'static, ChronoscopeApp> {
    let mut app = Some(app);
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |_cc| {
            app.take()
                .map_or_else(|| ChronoscopeApp::with_seed(Settings::default()), |f| f())
        });
    h.run_steps(3);
    h
}

fn harness() -> Harness<'static, ChronoscopeApp> {
    harness_with(|| ChronoscopeApp::with_seed(Settings::default()))
}

/// eframe's storage in memory.
#[derive(Default)]
struct Memory(HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn a_panic_on_the_loading_thread_is_an_error_and_the_timeline_stays() {
    let mut h = harness();
    let title = h.state().timeline().title.clone();
    let events = h.state().timeline().events().len();
    let loader = Loader::spawn(
        Path::new("crash.json"),
        |_, _| panic!("a bug in a reader"),
        || {},
    );
    h.state_mut().start_loading(loader);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(h.state().timeline().title, title);
    assert_eq!(h.state().timeline().events().len(), events);
    let errors = h
        .state()
        .errors()
        .unwrap_or_else(|| panic!("no error shown"));
    let line = errors[0].to_string();
    assert!(
        line.contains("internal error while loading (a bug in a reader)"),
        "{line}"
    );
    h.get_by_label(&line);
    // The window goes on: a good file still opens.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        r#"{"title": "Good", "events": [{"title": "a", "start": "2025"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ctx = h.ctx.clone();
    h.state_mut().open(&good, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(h.state().timeline().title, "Good");
}

#[test]
fn a_reload_that_meets_a_truncated_file_keeps_the_last_good_timeline() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("live.json");
    let full = r#"{"title": "Live", "events": [
  {"title": "one", "start": "2025-01-01"},
  {"title": "two", "start": "2025-02-01"},
  {"title": "three", "start": "2025-03-01"}
]}
"#;
    std::fs::write(&path, full).unwrap_or_else(|e| panic!("{e}"));
    let ctx = h.ctx.clone();
    h.state_mut().open(&path, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(h.state().timeline().events().len(), 3);

    // The editor has written half of the new version when we reload.
    std::fs::write(&path, &full[..full.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    h.state_mut().apply(Command::Reload, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(h.state().timeline().title, "Live");
    assert_eq!(
        h.state().timeline().events().len(),
        3,
        "the last good timeline"
    );
    let status = h.state().status_message().unwrap_or_default().to_owned();
    assert!(
        status.starts_with("Reload failed, last good timeline kept: line "),
        "{status}"
    );
    assert!(status.contains("EOF"), "says why: {status}");
    h.get_by_label_contains("still showing the last version that loaded");

    // Once the file is whole again, a reload shows it.
    std::fs::write(&path, full.replace("three", "four")).unwrap_or_else(|e| panic!("{e}"));
    h.state_mut().apply(Command::Reload, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert!(h.state().errors().is_none());
    assert!(h.state().timeline().events().any(|e| e.title() == "four"));
}

#[test]
fn corrupt_stored_settings_are_ignored_with_a_message() {
    let mut storage = Memory::default();
    storage.0.insert(
        settings::STORAGE_KEY.to_owned(),
        "(recent: [\"/x\"], theme: Purple, ((((".to_owned(),
    );
    let restored = settings::restore(Some(&storage));
    assert_eq!(restored.settings, Settings::default());
    assert!(!restored.keep_stored);
    let mut h = harness_with(move || ChronoscopeApp::from_storage(Some(&storage)));
    h.run_steps(3);
    let status = h.state().status_message().unwrap_or_default().to_owned();
    assert!(
        status.contains("could not be read and were reset"),
        "{status}"
    );
    h.get_by_label_contains("could not be read and were reset");
    // The reset settings are written back over the garbage.
    let mut after = Memory::default();
    eframe::App::save(h.state_mut(), &mut after);
    let back: Option<Settings> = eframe::get_value(&after, settings::STORAGE_KEY);
    assert_eq!(back.map(|s| s.version), Some(settings::VERSION));
}

#[test]
fn settings_from_a_later_version_are_ignored_and_left_alone() {
    let mut storage = Memory::default();
    let newer = Settings {
        theme: ThemePreference::Dark,
        version: settings::VERSION + 41,
        ..Settings::default()
    };
    eframe::set_value(&mut storage, settings::STORAGE_KEY, &newer);
    // A later version may add fields and change their types too.
    let stored = storage
        .get_string(settings::STORAGE_KEY)
        .unwrap_or_default()
        .replace("theme:Dark", "theme:(name:\"Solarized\",contrast:2)");
    assert!(stored.contains("Solarized"), "{stored}");
    storage
        .0
        .insert(settings::STORAGE_KEY.to_owned(), stored.clone());

    let restored = settings::restore(Some(&storage));
    assert_eq!(restored.settings, Settings::default());
    assert!(restored.keep_stored);
    let notice = restored.notice.unwrap_or_default();
    assert!(
        notice.contains("newer Chronoscope (settings version 42"),
        "{notice}"
    );

    let mut h = harness_with(move || ChronoscopeApp::from_storage(Some(&storage)));
    h.run_steps(3);
    h.get_by_label_contains("from a newer Chronoscope");
    // Saving at exit leaves the newer settings as they were.
    let mut on_disk = Memory::default();
    on_disk
        .0
        .insert(settings::STORAGE_KEY.to_owned(), stored.clone());
    eframe::App::save(h.state_mut(), &mut on_disk);
    assert_eq!(on_disk.get_string(settings::STORAGE_KEY), Some(stored));
}

#[test]
fn good_stored_settings_are_used() {
    let mut storage = Memory::default();
    let mine = Settings {
        theme: ThemePreference::Dark,
        version: settings::VERSION,
        ..Settings::default()
    };
    eframe::set_value(&mut storage, settings::STORAGE_KEY, &mine);
    let restored = settings::restore(Some(&storage));
    assert_eq!(restored.settings, mine);
    assert_eq!(restored.notice, None);
    // Settings saved before versions existed still load.
    storage
        .0
        .insert(settings::STORAGE_KEY.to_owned(), "(theme:Light)".to_owned());
    let restored = settings::restore(Some(&storage));
    assert_eq!(restored.settings.theme, ThemePreference::Light);
    assert_eq!(restored.notice, None);
}

/// A settings file eframe could not read at all (it then starts empty and
/// would write over it at exit) is kept beside itself, and the user told.
#[test]
fn an_unreadable_settings_file_is_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("app.ron");
    std::fs::write(&file, "{ \"chronoscope-settings\": ((((( garbage")
        .unwrap_or_else(|e| panic!("{e}"));
    let empty = Memory::default();
    let restored = settings::restore_from(Some(&empty), Some(&file));
    assert_eq!(restored.settings, Settings::default());
    let notice = restored.notice.unwrap_or_default();
    assert!(
        notice.contains("could not be read and were reset"),
        "{notice}"
    );
    assert!(notice.contains("app.ron.unreadable"), "{notice}");
    let kept = dir.path().join("app.ron.unreadable");
    assert_eq!(
        std::fs::read_to_string(kept).unwrap_or_default(),
        "{ \"chronoscope-settings\": ((((( garbage"
    );
    // No file, or an empty one: a first start, nothing to say.
    assert_eq!(settings::restore_from(Some(&empty), None).notice, None);
    std::fs::write(&file, "").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        settings::restore_from(Some(&empty), Some(&file)).notice,
        None
    );
}
