//! The window: eframe glue, state, and the one place where commands change it.
//!
//! **Architecture invariant:** UI functions (`canvas`, `panels`) only read
//! state and emit [`Command`]s; [`ChronoscopeApp::apply`] is the only code
//! that changes the document, the view or the selection. A file that fails
//! to load never replaces the one on screen.

pub mod canvas;
pub mod columns;
pub mod command;
mod dialogs;
pub mod filters;
pub mod find;
mod find_bar;
pub mod goto;
pub mod legend;
pub mod loader;
mod loading;
pub mod panels;
pub mod prompt;
mod run;
pub mod save;
pub mod screenshot;
pub mod settings;
mod status_bar;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU8;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use canvas::{CanvasInput, CanvasState};
pub use command::Command;
use dialogs::{DIALOG_TOO_FAST, DialogAnswer, sanitize, spawn_dialog, with_extension};
use loader::Loader;
pub use run::{OpenRequest, run};
use screenshot::Screenshot;
use settings::{Settings, ThemePreference};

use crate::io::{self, Diagnostic, Format, Loaded};
use crate::layout::theme::{Palette, ThemeKind};
use crate::model::Timeline;
use crate::time::{NANOS_PER_DAY, TimeRange};
use crate::view::TimeView;

/// The open document.
#[derive(Debug)]
pub struct Document {
    /// What is shown (shared with background exports).
    pub timeline: Arc<Timeline>,
    /// The file it came from; `None` for the built-in timeline.
    pub path: Option<PathBuf>,
    /// The format it was read as.
    pub format: Format,
    /// Warnings from loading it.
    pub warnings: Vec<Diagnostic>,
    /// How a table's columns were read (`start: date, title: headline`).
    pub mapping: Option<String>,
}

/// The application.
pub struct ChronoscopeApp {
    settings: Settings,
    doc: Document,
    /// Bumped whenever `doc` changes, so cached layouts are dropped.
    generation: u64,
    view: TimeView,
    selected: Option<usize>,
    canvas: CanvasState,
    loader: Option<Loader>,
    /// Why the last file did not load.
    errors: Option<(String, Vec<Diagnostic>)>,
    /// A short message in the status bar.
    status: Option<(String, Instant)>,
    show_shortcuts: bool,
    show_about: bool,
    screenshot: Screenshot,
    dialog_tx: Sender<DialogAnswer>,
    dialog_rx: Receiver<DialogAnswer>,
    window_title: String,
    /// Exit code for `--screenshot` runs.
    exit_code: Arc<AtomicU8>,
    /// Frames shown so far.
    frames: u64,
    /// When the process asked for the window, while the first frame that
    /// shows the loaded file is still to come; set only when
    /// `CHRONOSCOPE_TRACE_STARTUP` is (see `run`).
    startup_trace: Option<Instant>,
    /// The stored settings are from a later version: do not overwrite them.
    keep_stored_settings: bool,
    export: screenshot::ExportDialog,
    /// The in-window path field, and whether native dialogs work here.
    dialogs: prompt::Dialogs,
    /// Where screenshots are copied to.
    clipboard: Box<dyn save::ImageClipboard>,
    /// The last screenshot saved, offered in the status bar with "Open
    /// folder" and "Copy path" until the next message.
    saved_screenshot: Option<PathBuf>,
    /// The watch on the open file (live reload).
    auto_reload: watch::AutoReload,
    find: find::FindState,
    legend: legend::LegendWindow,
    /// The Columns dialog of table files, and the previews it shows.
    columns: columns::ColumnsState,
    /// Who had the keyboard at the end of the last frame.
    typing: find::Typing,
}

impl ChronoscopeApp {
    /// With `CHRONOSCOPE_TRACE_STARTUP` set: says once, on standard error,
    /// how long after start the first frame showing the loaded file was
    /// laid out (the README's start-to-first-frame figure is measured so).
    fn report_startup(&mut self) {
        if self.loader.is_none()
            && let Some(started) = self.startup_trace.take()
        {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "startup: {} laid out and painted {} ms after start",
                crate::numbers::count(self.doc.timeline.len(), crate::numbers::EVENT),
                started.elapsed().as_millis()
            );
        }
    }

    /// An app showing `loaded`, with `settings` (from storage, or default).
    #[must_use]
    pub fn new(loaded: Loaded, path: Option<PathBuf>, settings: Settings) -> Self {
        let (dialog_tx, dialog_rx) = channel();
        let mut app = Self {
            settings,
            doc: Document {
                timeline: Arc::new(Timeline::empty()),
                path: None,
                format: Format::Native,
                warnings: Vec::new(),
                mapping: None,
            },
            generation: 0,
            view: crate::layout::fit_all_view(&Timeline::empty()),
            selected: None,
            canvas: CanvasState::default(),
            loader: None,
            errors: None,
            status: None,
            show_shortcuts: false,
            show_about: false,
            screenshot: Screenshot::default(),
            dialog_tx,
            dialog_rx,
            window_title: String::new(),
            exit_code: Arc::new(AtomicU8::new(0)),
            frames: 0,
            startup_trace: None,
            keep_stored_settings: false,
            export: screenshot::ExportDialog::default(),
            dialogs: prompt::Dialogs::default(),
            clipboard: Box::new(save::SystemClipboard::default()),
            saved_screenshot: None,
            auto_reload: watch::AutoReload::default(),
            find: find::FindState::default(),
            legend: legend::LegendWindow::default(),
            columns: columns::ColumnsState::default(),
            typing: find::Typing::default(),
        };
        app.replace_document(loaded, path);
        app
    }

    /// An app on the built-in seed timeline.
    #[must_use]
    pub fn with_seed(settings: Settings) -> Self {
        let loaded = io::load_seed().unwrap_or_else(|_| Loaded {
            timeline: Timeline::empty(),
            format: Format::Native,
            warnings: Vec::new(),
            mapping: None,
        });
        Self::new(loaded, None, settings)
    }

    /// An app on the seed timeline with the settings eframe stored; stored
    /// settings that are corrupt or from a later version are ignored, and
    /// the status bar says so.
    #[must_use]
    pub fn from_storage(storage: Option<&dyn eframe::Storage>) -> Self {
        let restored = settings::restore(storage);
        let mut app = Self::with_seed(restored.settings);
        app.keep_stored_settings = restored.keep_stored;
        if let Some(notice) = restored.notice {
            let line = format!("chronoscope: {notice}\n");
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            app.set_status(notice);
        }
        app
    }

    /// The timeline on screen.
    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.doc.timeline
    }

    /// The open document.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The visible range.
    #[must_use]
    pub fn view(&self) -> TimeView {
        self.view
    }

    /// The selected event.
    #[must_use]
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The find bar's and filters' state.
    #[must_use]
    pub fn find_state(&self) -> &find::FindState {
        &self.find
    }

    /// Why the last file failed to load, if it did.
    #[must_use]
    pub fn errors(&self) -> Option<&[Diagnostic]> {
        self.errors.as_ref().map(|(_, d)| d.as_slice())
    }

    /// The status-bar message.
    #[must_use]
    pub fn status_message(&self) -> Option<&str> {
        self.status.as_ref().map(|(s, _)| s.as_str())
    }

    /// True while a file loads in the background.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// The settings that will be stored.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Width of the time area in the last frame.
    #[must_use]
    pub fn canvas_width(&self) -> f32 {
        self.canvas.width
    }

    /// How far the lanes are scrolled down, in points.
    #[must_use]
    pub fn lanes_scroll(&self) -> f32 {
        self.canvas.scroll_y
    }

    /// Where the canvas was drawn in the last frame (screen points).
    #[must_use]
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas.rect
    }

    /// The display list painted in the last frame.
    #[must_use]
    pub fn last_scene(&self) -> Option<&crate::scene::Scene> {
        self.canvas.scene()
    }

    /// The legend's display list, once View › Legend has been shown.
    #[must_use]
    pub fn last_legend(&self) -> Option<&crate::scene::legend::Legend> {
        self.legend.legend()
    }

    /// The layout painted in the last frame.
    #[must_use]
    pub fn last_layout(&self) -> Option<&crate::layout::Layout> {
        self.canvas.layout()
    }

    /// Makes the app save a screenshot to `path` once the timeline is drawn,
    /// then close the window (`--screenshot`).
    pub fn screenshot_and_exit(&mut self, path: PathBuf) {
        self.screenshot.exit_after = Some(path);
    }

    /// The view a timeline opens on: its `view`, or all its events
    /// ([`crate::layout::initial_view`], shared with the export).
    #[must_use]
    pub fn initial_view(timeline: &Timeline) -> TimeView {
        crate::layout::initial_view(timeline)
    }

    fn set_status(&mut self, message: String) {
        self.status = Some((message, Instant::now()));
        self.saved_screenshot = None;
    }

    /// Carries out one command. This is the only place state changes.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let width = f64::from(if self.canvas.width > 1.0 {
            self.canvas.width
        } else {
            canvas::default_size().x
        });
        match command {
            Command::OpenDialog => self.open_dialog(ctx),
            Command::Open(path) => self.open(&path, ctx),
            Command::Reload => match self.doc.path.clone() {
                Some(path) => self.reload(&path, ctx),
                None => self.set_status("The built-in timeline has no file to reload".to_owned()),
            },
            Command::CancelLoad => {
                if let Some(loader) = self.loader.take() {
                    loader.cancel();
                    self.set_status(format!("Cancelled loading {}", loader.path.display()));
                }
            }
            Command::ClearRecent => self.settings.recent.clear(),
            Command::ToggleAutoReload => self.settings.auto_reload = !self.settings.auto_reload,
            Command::SaveScreenshot => self.save_screenshot(ctx),
            Command::SaveScreenshotAs => self.save_screenshot_as(ctx),
            Command::Screenshot(path) => {
                self.settings.last_export_dir = path.parent().map(Path::to_path_buf);
                self.screenshot
                    .request(ctx, screenshot::ShotTarget::File(path));
            }
            Command::CopyScreenshot => self
                .screenshot
                .request(ctx, screenshot::ShotTarget::Clipboard),
            Command::OpenFolder(folder) => {
                if let Err(e) = save::open_folder(&folder) {
                    self.set_status(e);
                }
            }
            Command::CopyPath(path) => {
                ctx.copy_text(path.display().to_string());
                self.set_status(format!("Copied {} to the clipboard", path.display()));
            }
            Command::ChooseScreenshotFolder => self.choose_screenshot_folder(ctx),
            Command::SetScreenshotFolder(folder) => {
                self.settings.screenshot_dir = folder;
                let folder = self.screenshot_folder();
                self.set_status(format!("Screenshots will be saved in {}", folder.display()));
            }
            Command::ExportImageDialog => self.export.open = true,
            Command::ExportTo(choice, path) => {
                self.export.start(&choice, &self.doc.timeline, path, ctx);
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ZoomAt { x, factor } => self.view = self.view.zoom_at(x, factor, width),
            Command::PanBy { dx } => self.view = self.view.pan(dx, width),
            Command::ZoomTo { range } => self.view = TimeView::new(range),
            Command::FitAll => self.view = crate::layout::fit_all_view(&self.doc.timeline),
            Command::FitSelected => {
                if let Some(selected) = self.selected {
                    // The stated extent: an open end must not fit the axis.
                    let range = goto::focus_range(&self.doc.timeline, selected);
                    // A moment gets some context around it: a day at least.
                    let range = if range.len_nanos() < NANOS_PER_DAY {
                        let mid = range.start.add_nanos(range.len_nanos() / 2);
                        TimeRange::new(
                            mid.add_nanos(-NANOS_PER_DAY / 2),
                            mid.add_nanos(NANOS_PER_DAY / 2),
                        )
                    } else {
                        range
                    };
                    self.view = TimeView::fit(range, 0.25);
                    self.canvas.reveal = Some(selected);
                }
            }
            Command::ZoomCentre(factor) => {
                self.view = self.view.zoom_at(width / 2.0, factor, width);
            }
            Command::PanFraction(fraction) => self.view = self.view.pan(-fraction * width, width),
            Command::ScrollLanes(dy) => self.canvas.scroll_y = (self.canvas.scroll_y + dy).max(0.0),
            Command::Select(selected) => {
                self.selected = selected.filter(|&i| i < self.doc.timeline.len());
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                apply_theme(ctx, theme);
            }
            Command::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::ToggleAbout => self.show_about = !self.show_about,
            Command::DismissErrors => self.errors = None,
            Command::Find(command) => self.apply_find(command, ctx),
            Command::Columns(command) => self.apply_columns(command, ctx),
        }
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(result) = self.loader.as_ref().and_then(Loader::poll)
            && let Some(loader) = self.loader.take()
        {
            self.loaded(&loader.path, &loader.options, result);
        }
        self.poll_columns();
        while let Ok(answer) = self.dialog_rx.try_recv() {
            self.dialog_answered(answer, ctx);
        }
        self.poll_screenshot(ctx);
        self.poll_watch(ctx);
        if let Some((folder, message)) = self.export.poll() {
            if folder.is_some() {
                self.settings.last_export_dir = folder;
            }
            self.set_status(message);
        }
        // Files dropped on the window open like File > Open.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open(&path, ctx);
        }
    }

    fn palette(ui: &egui::Ui) -> Palette {
        Palette::of(if ui.visuals().dark_mode {
            ThemeKind::Dark
        } else {
            ThemeKind::Light
        })
    }
}

impl eframe::App for ChronoscopeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        self.poll_background(&ctx);
        self.find.poll(&self.doc.timeline);
        if std::mem::take(&mut self.find.dirty) {
            self.find.search(&Arc::clone(&self.doc.timeline), &ctx);
        }
        let mut commands = Vec::new();
        let typing = find::Typing::now_or(&ctx, self.typing);
        find::shortcuts(&ctx, &self.find, typing, &mut commands);
        panels::shortcuts(
            &ctx,
            self.canvas.is_zoom_dragging(),
            typing.in_field,
            &mut commands,
        );

        let title = format!("{} — Chronoscope", self.doc.timeline.title);
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }

        egui::Panel::top("menu").show(ui, |ui| {
            panels::menu_bar_ui(
                ui,
                &self.settings,
                panels::MenuState {
                    has_file: self.doc.path.is_some(),
                    table_file: self.doc.path.is_some() && self.doc.format.is_table(),
                    has_selection: self.selected.is_some(),
                },
                &mut commands,
            );
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui, &mut commands));
        if let Some((title, errors)) = &self.errors {
            egui::Panel::bottom("errors")
                .resizable(true)
                .show(ui, |ui| panels::errors_ui(ui, title, errors, &mut commands));
        }
        if let Some(selected) = self.selected {
            egui::Panel::right("details")
                .default_size(320.0)
                .resizable(true)
                .show(ui, |ui| {
                    panels::details_ui(ui, &self.doc.timeline, selected, &mut commands);
                });
        }
        self.find_panels_ui(ui, &mut commands);
        let palette = Self::palette(ui);
        let emphasis = |i: usize| self.find.emphasis(i);
        let shown = self.find.shown.clone();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let input = CanvasInput {
                    timeline: &self.doc.timeline,
                    generation: self.generation,
                    view: self.view,
                    selected: self.selected,
                    palette,
                    emphasis: self
                        .find
                        .matches
                        .is_some()
                        .then_some(&emphasis as &dyn Fn(usize) -> _),
                    shown: shown.as_deref().map(|s| &*s.lanes),
                    filter_generation: self.find.generation,
                };
                commands.extend(canvas::canvas_ui(ui, &input, &mut self.canvas));
            });
        panels::shortcuts_window(&ctx, &mut self.show_shortcuts);
        panels::about_window(&ctx, &mut self.show_about);
        self.legend
            .window(&ctx, &mut self.find.show_legend, palette, &mut commands);
        if let Some(mut choice) =
            self.export
                .window(&ctx, self.view, palette.kind == ThemeKind::Dark)
        {
            // The image shows what the window shows: filtered events stay out.
            choice.request.shown = self.find.shown.as_ref().map(|s| Arc::clone(&s.lanes));
            self.ask_export_path(choice, &ctx);
        }
        self.prompt_ui(&ctx, &mut commands);
        columns::window(&ctx, &mut self.columns, &mut commands);

        for command in commands {
            self.apply(command, &ctx);
        }
        self.typing = find::Typing::now(&ctx);
        self.report_startup();
        self.screenshot
            .drive_exit(&ctx, self.frames, self.loader.is_none());
        if self.loader.is_some()
            || self
                .status
                .as_ref()
                .is_some_and(|(_, t)| t.elapsed() < Duration::from_secs(1))
        {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.keep_stored_settings {
            return;
        }
        let stored = Settings {
            version: settings::VERSION,
            ..self.settings.clone()
        };
        eframe::set_value(storage, settings::STORAGE_KEY, &stored);
    }
}

fn apply_theme(ctx: &egui::Context, theme: ThemePreference) {
    ctx.set_theme(match theme {
        ThemePreference::System => egui::ThemePreference::System,
        ThemePreference::Light => egui::ThemePreference::Light,
        ThemePreference::Dark => egui::ThemePreference::Dark,
    });
}
