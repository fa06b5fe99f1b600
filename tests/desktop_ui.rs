//! The desktop loop through `egui_kittest`: File › Save Screenshot with no
//! dialog, Edit › Copy Screenshot with and without a clipboard, the
//! in-window path field where no native dialog can be shown, and live
//! reload of a file changed on disk. No display or GPU needed: the test
//! answers the window's screenshot request itself, as eframe would.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chronoscope::app::ChronoscopeApp;
use chronoscope::app::save::ImageClipboard;
use chronoscope::app::settings::Settings;
use egui::{Color32, ColorImage, Event, Key, Modifiers, ViewportCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::temp_dir;

fn harness_with(settings: Settings) -> Harness<'static, ChronoscopeApp> {
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |_cc| ChronoscopeApp::with_seed(settings.clone()));
    h.run_steps(3);
    h
}

/// The picture the test hands over for a screenshot request: 64×40 pixels
/// with one red corner, so the saved file can be recognised.
fn picture() -> Arc<ColorImage> {
    let mut image = ColorImage::filled([64, 40], Color32::from_rgb(240, 240, 240));
    image.pixels[0] = Color32::RED;
    Arc::new(image)
}

/// Steps one frame at a time until the app asks the window for a
/// screenshot, then answers it as eframe does. Panics if it never asks.
fn answer_screenshot(h: &mut Harness<'_, ChronoscopeApp>) {
    for _ in 0..10 {
        h.step();
        let requests: Vec<egui::ScreenshotCallback> = h
            .output()
            .viewport_output
            .values()
            .flat_map(|v| v.commands.iter())
            .filter_map(|c| match c {
                ViewportCommand::Screenshot(callback) => Some(callback.clone()),
                _ => None,
            })
            .collect();
        if !requests.is_empty() {
            for callback in requests {
                callback.complete(picture());
            }
            h.run_steps(3);
            return;
        }
    }
    panic!("the app never asked for a screenshot");
}

/// Presses `key` with Ctrl+Shift, one event per frame (so the frame that
/// reacts to it is the last one run).
fn ctrl_shift(h: &mut Harness<'_, ChronoscopeApp>, key: Key) {
    let modifiers = Modifiers::COMMAND | Modifiers::SHIFT;
    h.event(Event::ModifiersChanged(modifiers));
    h.step();
    h.event(Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    });
}

fn release(h: &mut Harness<'_, ChronoscopeApp>, key: Key) {
    let modifiers = Modifiers::COMMAND | Modifiers::SHIFT;
    h.event(Event::Key {
        key,
        physical_key: None,
        pressed: false,
        repeat: false,
        modifiers,
    });
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(2);
}

fn pngs_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "png"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn status(h: &Harness<'_, ChronoscopeApp>) -> String {
    h.state().status_message().unwrap_or_default().to_owned()
}

#[test]
fn ctrl_shift_s_saves_into_the_screenshot_folder_without_a_dialog() {
    let dir = temp_dir();
    let folder = dir.path().join("Pictures").join("Chronoscope");
    let mut h = harness_with(Settings {
        screenshot_dir: Some(folder.clone()),
        ..Settings::default()
    });
    ctrl_shift(&mut h, Key::S);
    answer_screenshot(&mut h);
    release(&mut h, Key::S);

    let files = pngs_in(&folder);
    assert_eq!(files.len(), 1, "one PNG in the new folder: {files:?}");
    let name = files[0]
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(
        name.starts_with("Trump, Putin and the Budapest summit that wasn't 20")
            && files[0].extension().is_some_and(|x| x == "png"),
        "{name}"
    );
    // `<title> YYYY-MM-DD HH-MM-SS.png`
    let stamp = name
        .trim_start_matches("Trump, Putin and the Budapest summit that wasn't ")
        .trim_end_matches(".png");
    assert_eq!(stamp.len(), "2026-12-04 19-05-07".len(), "{stamp}");
    let image = image::open(&files[0])
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgba8();
    assert_eq!(image.dimensions(), (64, 40));
    assert_eq!(image.get_pixel(0, 0).0, [255, 0, 0, 255]);

    // The status bar says where, with the two actions.
    let message = status(&h);
    assert!(
        message.contains(&files[0].display().to_string()),
        "{message}"
    );
    assert_eq!(h.state().saved_screenshot(), Some(files[0].as_path()));
    h.get_by_label("Open folder");
    h.get_by_label("Copy path").click();
    h.run_steps(2);
    assert!(status(&h).starts_with("Copied "), "{}", status(&h));
}

#[test]
fn the_file_menu_entry_saves_too_and_a_second_shot_does_not_overwrite() {
    let dir = temp_dir();
    let folder = dir.path().join("shots");
    let mut h = harness_with(Settings {
        screenshot_dir: Some(folder.clone()),
        ..Settings::default()
    });
    for _ in 0..2 {
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label("Save Screenshot Ctrl+Shift+S").click();
        answer_screenshot(&mut h);
    }
    assert_eq!(pngs_in(&folder).len(), 2, "{:?}", pngs_in(&folder));
    assert!(
        status(&h).starts_with("Saved screenshot to "),
        "{}",
        status(&h)
    );
}

#[test]
fn a_folder_that_cannot_be_made_is_said_not_hidden() {
    let dir = temp_dir();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(Settings {
        screenshot_dir: Some(blocker.join("sub")),
        ..Settings::default()
    });
    ctrl_shift(&mut h, Key::S);
    answer_screenshot(&mut h);
    release(&mut h, Key::S);
    let message = status(&h);
    assert!(message.starts_with("Screenshot not saved: "), "{message}");
    assert!(message.contains("sub"), "{message}");
}

/// A clipboard that keeps what it is given.
#[derive(Clone, Default)]
struct Recording(Arc<Mutex<Vec<[usize; 2]>>>);

impl ImageClipboard for Recording {
    fn set_image(&mut self, image: &ColorImage) -> Result<(), String> {
        if let Ok(mut images) = self.0.lock() {
            images.push(image.size);
        }
        Ok(())
    }
}

/// A machine with no clipboard.
struct Unreachable;

impl ImageClipboard for Unreachable {
    fn set_image(&mut self, _: &ColorImage) -> Result<(), String> {
        Err("no clipboard is reachable on this system".to_owned())
    }
}

#[test]
fn copy_screenshot_puts_the_picture_on_the_clipboard_or_says_it_cannot() {
    let mut h = harness_with(Settings::default());
    let clipboard = Recording::default();
    h.state_mut().set_clipboard(Box::new(clipboard.clone()));
    ctrl_shift(&mut h, Key::C);
    answer_screenshot(&mut h);
    release(&mut h, Key::C);
    assert_eq!(
        clipboard.0.lock().map(|v| v.clone()).unwrap_or_default(),
        vec![[64, 40]]
    );
    assert!(
        status(&h).starts_with("Copied a screenshot"),
        "{}",
        status(&h)
    );

    // From the Edit menu, with no clipboard to be had.
    h.state_mut().set_clipboard(Box::new(Unreachable));
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label("Copy Screenshot Ctrl+Shift+C").click();
    answer_screenshot(&mut h);
    assert_eq!(
        status(&h),
        "Screenshot not copied: no clipboard is reachable on this system"
    );
}

#[test]
fn with_no_dialog_save_as_asks_in_the_window_with_the_proposed_name() {
    let dir = temp_dir();
    let mut h = harness_with(Settings {
        last_export_dir: Some(dir.path().to_path_buf()),
        ..Settings::default()
    });
    h.state_mut().use_in_window_dialogs();
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Save Screenshot As…").click();
    h.run_steps(3);
    let proposed = h
        .state()
        .path_prompt()
        .map_or_else(|| panic!("no path field"), |p| p.text.clone());
    assert!(
        proposed.starts_with(
            &dir.path()
                .join("Trump, Putin and the Budapest summit that wasn't 20")
                .display()
                .to_string()
        ),
        "{proposed}"
    );
    // The user types another name and presses Save.
    let target = dir.path().join("typed.png");
    if let Some(prompt) = h.state_mut().path_prompt_mut() {
        prompt.text = target.display().to_string();
    }
    h.run_steps(1);
    h.get_by_label("Save").click();
    answer_screenshot(&mut h);
    assert!(target.is_file(), "saved where typed");
    assert!(h.state().path_prompt().is_none(), "the field closed");
}

#[test]
fn with_no_dialog_open_asks_in_the_window_and_opens_the_typed_file() {
    let dir = temp_dir();
    let file = dir.path().join("typed.json");
    std::fs::write(
        &file,
        r#"{ "title": "Typed", "events": [ { "title": "A", "start": "2020" } ] }"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(Settings::default());
    h.state_mut().use_in_window_dialogs();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    assert!(
        h.state().path_prompt().is_some(),
        "Open… asks in the window"
    );
    h.get_by_label("Open Timeline");
    if let Some(prompt) = h.state_mut().path_prompt_mut() {
        prompt.text = dir.path().join("missing.json").display().to_string();
    }
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(3);
    let problem = h
        .state()
        .path_prompt()
        .and_then(|p| p.problem.clone())
        .unwrap_or_default();
    assert!(
        problem.contains("missing.json"),
        "a missing file is refused: {problem}"
    );
    if let Some(prompt) = h.state_mut().path_prompt_mut() {
        prompt.text = file.display().to_string();
    }
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(3);
    h.state_mut().finish_loading();
    h.run_steps(2);
    assert_eq!(h.state().timeline().title, "Typed");
}

/// Steps (with real time passing, for the watcher and the loader) until
/// `done` holds, up to ten seconds.
fn step_until(
    h: &mut Harness<'_, ChronoscopeApp>,
    what: &str,
    done: impl Fn(&ChronoscopeApp) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(30));
        h.step();
    }
}

fn events_json(titles: &[&str]) -> String {
    let events: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                r#"{{ "id": "{t}", "title": "{t}", "start": "2025-10-{:02}" }}"#,
                i + 1
            )
        })
        .collect();
    format!(
        r#"{{ "title": "Live", "events": [ {} ] }}"#,
        events.join(", ")
    )
}

#[test]
fn a_file_changed_on_disk_reloads_keeping_view_and_selection_and_a_broken_save_keeps_it() {
    let dir = temp_dir();
    let path = dir.path().join("live.json");
    std::fs::write(&path, events_json(&["One", "Two"])).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(Settings::default());
    let ctx = h.ctx.clone();
    h.state_mut().open(&path, &ctx);
    h.state_mut().finish_loading();
    step_until(&mut h, "the watch", |app| app.watched_file().is_some());
    // The user zooms somewhere and selects the second event.
    let zoomed = chronoscope::view::TimeView::new(chronoscope::time::TimeRange::new(
        chronoscope::time::Time::from_year(2025),
        chronoscope::time::Time::from_year(2026),
    ));
    h.state_mut().apply(
        chronoscope::app::Command::ZoomTo {
            range: zoomed.range(),
        },
        &ctx,
    );
    h.state_mut()
        .apply(chronoscope::app::Command::Select(Some(1)), &ctx);
    // And looks for "Two" in the find bar.
    for command in [
        chronoscope::app::find::FindCommand::Open,
        chronoscope::app::find::FindCommand::SetText("Two".to_owned()),
    ] {
        h.state_mut()
            .apply(chronoscope::app::Command::Find(command), &ctx);
    }
    h.run_steps(2);
    assert_eq!(h.state().find_state().counter_text(), "1 match");

    // Saved with a new event before the selected one.
    std::fs::write(&path, events_json(&["One", "Inserted", "Two"]))
        .unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut h, "the reload", |app| app.timeline().len() == 3);
    assert_eq!(h.state().view(), zoomed, "the view stays");
    let selected = h
        .state()
        .selected()
        .and_then(|i| h.state().timeline().get(i));
    assert_eq!(
        selected.map(|e| e.title()),
        Some("Two"),
        "the selection follows its event"
    );
    assert!(status(&h).starts_with("Reloaded "), "{}", status(&h));
    h.run_steps(2);
    assert_eq!(h.state().find_state().text, "Two", "the query stays");
    assert!(h.state().find_state().open);
    assert_eq!(
        h.state().find_state().counter_text(),
        "1 match",
        "and is run on the new version"
    );
    let two = h.state().timeline().find("Two");
    assert_eq!(
        h.state().find_state().ordered.first().copied(),
        two,
        "the match is the event's new place"
    );

    // An editor's atomic save: a temporary file renamed over it.
    let temp = dir.path().join(".live.json.swp");
    std::fs::write(&temp, events_json(&["One", "Inserted", "Two", "Four"]))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&temp, &path).unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut h, "the reload after a rename", |app| {
        app.timeline().len() == 4
    });

    // A save that breaks the file: the last good timeline stays, with the errors.
    std::fs::write(&path, "{ \"events\": [ { \"title\": 1 } ] }").unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut h, "the error panel", |app| app.errors().is_some());
    assert_eq!(
        h.state().timeline().len(),
        4,
        "the last good timeline stays"
    );
    assert_eq!(h.state().view(), zoomed);

    // Deleted and recreated (some tools save that way): reloaded again.
    std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(400));
    h.run_steps(3);
    std::fs::write(&path, events_json(&["Back"])).unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut h, "the reload after recreation", |app| {
        app.timeline().len() == 1
    });
    assert!(h.state().errors().is_none(), "the errors went with the fix");
    assert_eq!(h.state().selected(), None, "the selected event is gone");
}

#[test]
fn reload_automatically_can_be_switched_off_and_is_remembered() {
    let dir = temp_dir();
    let path = dir.path().join("live.json");
    std::fs::write(&path, events_json(&["One"])).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(Settings::default());
    assert!(h.state().settings().auto_reload, "on by default");
    let ctx = h.ctx.clone();
    h.state_mut().open(&path, &ctx);
    h.state_mut().finish_loading();
    step_until(&mut h, "the watch", |app| app.watched_file().is_some());
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Reload Automatically").click();
    h.run_steps(2);
    assert!(!h.state().settings().auto_reload);
    assert!(h.state().watched_file().is_none(), "the watch stops");
    std::fs::write(&path, events_json(&["One", "Two"])).unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(600));
    h.run_steps(5);
    assert_eq!(h.state().timeline().len(), 1, "not reloaded");
}
