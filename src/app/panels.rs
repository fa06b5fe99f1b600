//! Menu bar, status bar, details panel, error panel and the small windows.
//! Each function only reads state and returns [`Command`]s.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::command::Command;
use super::settings::{Settings, ThemePreference};
use crate::io::Diagnostic;
use crate::io::links::web_url;
use crate::model::{Status, Timeline};

/// Ctrl+O.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+Q.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+Shift+S.
pub const SCREENSHOT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
/// Ctrl+Shift+C (plain Ctrl+C stays text copying).
pub const COPY_SCREENSHOT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
/// Ctrl+E.
pub const EXPORT_IMAGE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// Every shortcut, as the Help window lists them: (keys, what they do).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a timeline file"),
    ("F5", "Reload the current file"),
    (
        "Ctrl+Shift+S",
        "Save a screenshot of the window to the screenshot folder",
    ),
    ("Ctrl+Shift+C", "Copy a screenshot of the window"),
    (
        "Ctrl+E",
        "Export an image (PNG, SVG or PDF) of the visible range",
    ),
    ("Ctrl+Q", "Quit"),
    ("+ / =", "Zoom in at the centre"),
    ("−", "Zoom out at the centre"),
    ("← / →", "Pan earlier / later"),
    ("Home or 0", "Fit all events"),
    ("F", "Fit the selected event"),
    ("Esc", "Cancel a drag, or clear the selection"),
    (
        "Ctrl+F",
        "Find (words, \"phrases\", -word, OR, lane: tag: status: …)",
    ),
    (
        "Enter / F3, Shift+Enter / Shift+F3",
        "Next / previous match",
    ),
    (
        "Esc (in the find bar)",
        "Close the find bar and clear the highlight",
    ),
    ("F1", "Show this list"),
    (
        "Drag on the axis, right-drag, or Shift+drag",
        "Zoom to the dragged range",
    ),
    ("Drag", "Pan"),
    ("Ctrl+scroll or pinch", "Zoom around the pointer"),
    ("Scroll", "Scroll the lanes (or pan, when they all fit)"),
    ("Shift+scroll or horizontal scroll", "Pan"),
    ("Double-click on empty space", "Fit all events"),
];

/// What the menus enable.
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // Independent facts about what is open.
pub struct MenuState {
    /// A file is open (not the built-in timeline): Reload works.
    pub has_file: bool,
    /// It is a table whose columns can be chosen: Table Columns… works.
    pub table_file: bool,
    /// An event is selected: Fit Selected works.
    pub has_selection: bool,
}

/// The menu bar.
pub fn menu_bar_ui(ui: &mut Ui, settings: &Settings, state: MenuState, out: &mut Vec<Command>) {
    let has_selection = state.has_selection;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, settings, state, out));
        ui.menu_button("Edit", |ui| {
            if ui
                .add(
                    egui::Button::new("Copy Screenshot")
                        .shortcut_text(ui.ctx().format_shortcut(&COPY_SCREENSHOT)),
                )
                .clicked()
            {
                out.push(Command::CopyScreenshot);
            }
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, settings, has_selection, out));
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Keyboard Shortcuts").shortcut_text("F1"))
                .clicked()
            {
                out.push(Command::ToggleShortcuts);
            }
            if ui.button("About Chronoscope").clicked() {
                out.push(Command::ToggleAbout);
            }
        });
    });
}

fn file_menu_ui(ui: &mut Ui, settings: &Settings, state: MenuState, out: &mut Vec<Command>) {
    let has_file = state.has_file;
    if ui
        .add(egui::Button::new("Open…").shortcut_text(ui.ctx().format_shortcut(&OPEN)))
        .clicked()
    {
        out.push(Command::OpenDialog);
    }
    ui.menu_button("Open Recent", |ui| {
        if settings.recent.is_empty() {
            ui.add_enabled(false, egui::Button::new("No recent files"));
        }
        for path in &settings.recent {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                out.push(Command::Open(path.clone()));
            }
        }
        ui.separator();
        if ui
            .add_enabled(
                !settings.recent.is_empty(),
                egui::Button::new("Clear Recent"),
            )
            .clicked()
        {
            out.push(Command::ClearRecent);
        }
    });
    if ui
        .add_enabled(has_file, egui::Button::new("Reload").shortcut_text("F5"))
        .clicked()
    {
        out.push(Command::Reload);
    }
    if ui
        .add_enabled(state.table_file, egui::Button::new("Table Columns…"))
        .on_disabled_hover_text("Only table files (CSV, TSV, spreadsheets) have columns to choose")
        .clicked()
    {
        out.push(Command::Columns(super::columns::ColumnsCommand::Show));
    }
    ui.separator();
    if ui
        .add(
            egui::Button::new("Save Screenshot")
                .shortcut_text(ui.ctx().format_shortcut(&SCREENSHOT)),
        )
        .clicked()
    {
        out.push(Command::SaveScreenshot);
    }
    if ui.button("Save Screenshot As…").clicked() {
        out.push(Command::SaveScreenshotAs);
    }
    ui.menu_button("Screenshot Folder", |ui| {
        let folder = settings.screenshot_dir.clone().unwrap_or_else(|| {
            super::save::default_folder(&super::save::FolderEnv::from_process())
        });
        ui.weak(folder.display().to_string());
        if ui.button("Change…").clicked() {
            out.push(Command::ChooseScreenshotFolder);
        }
        if ui
            .add_enabled(
                settings.screenshot_dir.is_some(),
                egui::Button::new("Use the Default Folder"),
            )
            .clicked()
        {
            out.push(Command::SetScreenshotFolder(None));
        }
    });
    if ui
        .add(
            egui::Button::new("Export Image…")
                .shortcut_text(ui.ctx().format_shortcut(&EXPORT_IMAGE)),
        )
        .clicked()
    {
        out.push(Command::ExportImageDialog);
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT)))
        .clicked()
    {
        out.push(Command::Quit);
    }
}

fn view_menu_ui(ui: &mut Ui, settings: &Settings, has_selection: bool, out: &mut Vec<Command>) {
    if ui
        .add(egui::Button::new("Fit All").shortcut_text("Home"))
        .clicked()
    {
        out.push(Command::FitAll);
    }
    if ui
        .add_enabled(
            has_selection,
            egui::Button::new("Fit Selected").shortcut_text("F"),
        )
        .clicked()
    {
        out.push(Command::FitSelected);
    }
    if ui
        .add(egui::Button::new("Zoom In").shortcut_text("+"))
        .clicked()
    {
        out.push(Command::ZoomCentre(super::canvas::KEY_ZOOM_FACTOR));
    }
    if ui
        .add(egui::Button::new("Zoom Out").shortcut_text("−"))
        .clicked()
    {
        out.push(Command::ZoomCentre(1.0 / super::canvas::KEY_ZOOM_FACTOR));
    }
    ui.separator();
    if ui
        .checkbox(&mut settings.auto_reload.clone(), "Reload Automatically")
        .on_hover_text("Read the file again whenever it changes on disk")
        .clicked()
    {
        out.push(Command::ToggleAutoReload);
    }
    ui.separator();
    for (name, keys, command) in [
        ("Find…", "Ctrl+F", super::find::FindCommand::Open),
        ("Filters", "", super::find::FindCommand::ToggleFilters),
        ("Legend", "", super::find::FindCommand::ToggleLegend),
    ] {
        if ui
            .add(egui::Button::new(name).shortcut_text(keys))
            .clicked()
        {
            out.push(Command::Find(command));
        }
    }
    ui.separator();
    for (pref, name) in [
        (ThemePreference::Light, "Light Theme"),
        (ThemePreference::Dark, "Dark Theme"),
        (ThemePreference::System, "System Theme"),
    ] {
        if ui.radio(settings.theme == pref, name).clicked() {
            out.push(Command::SetTheme(pref));
        }
    }
}

/// Keyboard shortcuts, read once per frame. Single keys are ignored while a
/// text field has the keyboard (`typing`, which counts a field that had it
/// at the end of the last frame: Esc takes it away before this is read) or
/// any other widget does.
pub fn shortcuts(ctx: &egui::Context, zoom_dragging: bool, typing: bool, out: &mut Vec<Command>) {
    let typing = typing || ctx.egui_wants_keyboard_input();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&OPEN) {
            out.push(Command::OpenDialog);
        }
        if i.consume_shortcut(&QUIT) {
            out.push(Command::Quit);
        }
        if i.consume_shortcut(&SCREENSHOT) {
            out.push(Command::SaveScreenshot);
        }
        if i.consume_shortcut(&COPY_SCREENSHOT) {
            out.push(Command::CopyScreenshot);
        }
        if i.consume_shortcut(&EXPORT_IMAGE) {
            out.push(Command::ExportImageDialog);
        }
        if i.consume_key(Modifiers::NONE, Key::F5) {
            out.push(Command::Reload);
        }
        if i.consume_key(Modifiers::NONE, Key::F1) {
            out.push(Command::ToggleShortcuts);
        }
        if typing {
            return;
        }
        if i.consume_key(Modifiers::NONE, Key::Plus)
            || i.consume_key(Modifiers::NONE, Key::Equals)
            || i.consume_key(Modifiers::SHIFT, Key::Equals)
        {
            out.push(Command::ZoomCentre(super::canvas::KEY_ZOOM_FACTOR));
        }
        if i.consume_key(Modifiers::NONE, Key::Minus) {
            out.push(Command::ZoomCentre(1.0 / super::canvas::KEY_ZOOM_FACTOR));
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            out.push(Command::PanFraction(-0.2));
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
            out.push(Command::PanFraction(0.2));
        }
        if i.consume_key(Modifiers::NONE, Key::Home) || i.consume_key(Modifiers::NONE, Key::Num0) {
            out.push(Command::FitAll);
        }
        if i.consume_key(Modifiers::NONE, Key::F) {
            out.push(Command::FitSelected);
        }
        // While a zoom drag is drawn, the canvas takes Esc to cancel it.
        if !zoom_dragging && i.consume_key(Modifiers::NONE, Key::Escape) {
            out.push(Command::Select(None));
        }
    });
}

/// "Dated to the day, approximately (EDTF [2025-11-03..2025-11-07])": the
/// precision, and the EDTF as written for whoever wants the exact statement.
fn date_note(event: &crate::model::EventRef<'_>) -> String {
    let precision = event.start_bound().precision().name();
    let mut note = format!("Dated to the {precision}");
    if event.approximate() {
        note.push_str(", approximately");
    }
    if let Some(dates) = event.edtf() {
        let end = dates.end.as_ref().map(ToString::to_string);
        let written = match (dates.one_field, end) {
            (true, end) => format!("{}/{}", dates.start, end.unwrap_or_default()),
            (false, Some(end)) => format!("{} – {end}", dates.start),
            (false, None) => dates.start.to_string(),
        };
        note.push_str(" (EDTF ");
        note.push_str(&written);
        note.push(')');
    }
    note
}

/// The details of the selected event.
pub fn details_ui(ui: &mut Ui, timeline: &Timeline, selected: usize, out: &mut Vec<Command>) {
    let Some(event) = timeline.get(selected) else {
        return;
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(event.title()).heading()).wrap());
        ui.label(RichText::new(event.date_text()).strong());
        ui.weak(date_note(&event));
        ui.add_space(6.0);
        egui::Grid::new("event-facts")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                if let Some(lane) = timeline
                    .lanes()
                    .get(event.lane())
                    .filter(|l| !l.title.is_empty())
                {
                    ui.weak("Lane");
                    ui.label(&lane.title);
                    ui.end_row();
                }
                if let Some(status) = event.status() {
                    ui.weak("Status");
                    ui.label(
                        RichText::new(status.as_str())
                            .color(status_color(status))
                            .strong(),
                    );
                    ui.end_row();
                }
                if event.tags().len() > 0 {
                    ui.weak("Tags");
                    ui.label(event.tags().collect::<Vec<_>>().join(", "));
                    ui.end_row();
                }
            });
        if !event.description().is_empty() {
            ui.add_space(6.0);
            ui.add(egui::Label::new(event.description()).wrap());
        }
        if event.sources().len() > 0 {
            ui.add_space(8.0);
            ui.label(RichText::new("Sources").strong());
            for source in event.sources() {
                ui.horizontal_wrapped(|ui| {
                    // Only http and https open in the browser: a file's
                    // `javascript:` or `file:` link must do nothing.
                    // The text checked is the text opened (trimmed), and a
                    // URL with hidden or reordering characters is shown
                    // escaped, never as a link.
                    if let Some(url) = source.url.and_then(web_url) {
                        ui.hyperlink_to(source.name, url).on_hover_text(url);
                    } else {
                        let response = ui.label(source.name);
                        if let Some(url) = source.url {
                            response.on_hover_text(format!(
                                "{} (not a web link; not opened)",
                                crate::io::diag::quote(url)
                            ));
                        }
                    }
                    if let Some(date) = &source.date {
                        ui.weak(date.to_string());
                    }
                });
            }
        }
        if event.fields().len() > 0 {
            ui.add_space(8.0);
            fields_ui(ui, event.fields());
        }
        if event.links().len() > 0 {
            ui.add_space(8.0);
            ui.label(RichText::new("Linked events").strong());
            for link in event.links() {
                if let Some(target) = timeline.get(link.target) {
                    let text = match link.label {
                        Some(label) => format!("{label}: {}", target.title()),
                        None => target.title().to_owned(),
                    };
                    if ui.link(text).clicked() {
                        out.push(Command::Select(Some(link.target)));
                    }
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Fit to event").clicked() {
                out.push(Command::FitSelected);
            }
            if ui.button("Close").clicked() {
                out.push(Command::Select(None));
            }
        });
    });
}

/// True for http and https URLs, the only ones Chronoscope opens.
#[must_use]
pub fn is_web_url(url: &str) -> bool {
    web_url(url).is_some()
}

fn status_color(status: Status) -> egui::Color32 {
    match status {
        Status::Confirmed => egui::Color32::from_rgb(46, 139, 87),
        Status::Reported => egui::Color32::from_rgb(70, 110, 180),
        Status::Claimed | Status::Disputed => egui::Color32::from_rgb(200, 130, 30),
        Status::Rumoured => egui::Color32::from_rgb(150, 110, 170),
        Status::Denied => egui::Color32::from_rgb(200, 60, 60),
    }
}

/// The dismissable panel listing why a file did not load.
pub fn errors_ui(ui: &mut Ui, title: &str, errors: &[Diagnostic], out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(title)
                .strong()
                .color(ui.visuals().error_fg_color),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Dismiss").clicked() {
                out.push(Command::DismissErrors);
            }
            if ui.button("Copy").clicked() {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                ui.ctx().copy_text(text.join("\n"));
            }
        });
    });
    egui::ScrollArea::vertical()
        .max_height(140.0)
        .show(ui, |ui| {
            for d in errors {
                ui.add(egui::Label::new(RichText::new(d.to_string()).monospace()).wrap());
            }
        });
}

/// The keyboard-shortcut window.
pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard Shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(*keys).monospace());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
        });
}

/// The About window.
pub fn about_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About Chronoscope")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading("Chronoscope");
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
            ui.label(
                "A timeline viewer: one zoomable axis from billions of years to milliseconds.",
            );
            ui.label("Reads Chronoscope JSON and the files of other timeline tools.");
        });
}

/// An event's further fields (a table's other columns, a calendar's
/// location) as a two-column table of names and values.
fn fields_ui<'t>(ui: &mut Ui, fields: impl Iterator<Item = (&'t str, &'t str)>) {
    egui::Grid::new("event-fields")
        .num_columns(2)
        .striped(true)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for (name, value) in fields {
                ui.weak(name);
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_open() {
        assert!(is_web_url("https://www.reuters.com/"));
        assert!(is_web_url("HTTP://example.org/x"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("ftp://example.org"));
        assert!(is_web_url("http://a"));
        assert!(!is_web_url("https://example.org/\u{202e}txt.exe"));
    }
}
