//! The Columns dialog of a table file: the first rows under their headers,
//! the columns chosen for start, end, title and lane (highlighted), the
//! day/month order and, for workbooks, the sheet. It opens by itself when
//! detection is unsure of a file opened for the first time, or when a
//! table does not load as read; File › Table Columns… opens it at any time.
//! "Open" reads the file again with the choice, which is then remembered
//! for the file ([`super::settings::Settings::remember_columns`]) and used
//! whenever it opens or reloads; "Cancel" keeps what is on screen.
//!
//! What the table holds and why detection may be wrong come from
//! [`crate::io::TablePreview`]; this module only shows it and gathers the
//! choice. The choice is the dialog's own form state (like the Export
//! dialog's); opening, reading another sheet and closing are
//! [`ColumnsCommand`]s.

use std::path::{Path, PathBuf};

use egui::{Color32, RichText, Ui};

use super::command::Command;
use super::loader::Loader;
use crate::io::table::mapping::Title;
use crate::io::table::preview::Role;
use crate::io::{DateOrder, LoadOptions, TablePreview};

/// What the dialog asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnsCommand {
    /// Show the dialog for the open table file (File › Table Columns…).
    Show,
    /// Read this sheet of the workbook for the preview.
    Sheet(String),
    /// Read the file again with the choice, and remember it.
    Open,
    /// Close the dialog, keeping what is on screen.
    Cancel,
}

/// The columns chosen in the dialog, by index into the preview's header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    /// The start date (`None` only while nothing holds dates).
    pub start: Option<usize>,
    /// The end date; `None`: every event is a moment.
    pub end: Option<usize>,
    /// The title; `None`: composed from what happened, who and where.
    pub title: Option<usize>,
    /// The lanes; `None`: one lane.
    pub lane: Option<usize>,
    /// Day/month order; `None`: as the column decides.
    pub order: Option<DateOrder>,
}

impl Choice {
    /// What the preview's mapping chose, with the order it was given.
    #[must_use]
    pub fn of(preview: &TablePreview) -> Self {
        let Some(mapping) = &preview.mapping else {
            return Self {
                order: preview.options.date_order,
                ..Self::default()
            };
        };
        Self {
            start: Some(mapping.start),
            end: mapping.end,
            title: match mapping.title {
                Title::Column(col) => Some(col),
                Title::Composed(_) => None,
            },
            lane: mapping.lane,
            order: preview.options.date_order,
        }
    }

    /// The options that read the table this way: every role named, so the
    /// file reads the same however detection would guess. `None` while no
    /// start column is chosen.
    #[must_use]
    pub fn options(&self, preview: &TablePreview) -> Option<LoadOptions> {
        let name = |col: Option<usize>| {
            col.and_then(|c| preview.header.get(c))
                .map(|h| h.trim().to_owned())
        };
        Some(LoadOptions {
            sheet: preview.sheet.clone().filter(|_| !preview.sheets.is_empty()),
            start_column: Some(name(self.start)?),
            end_column: name(self.end),
            title_column: name(self.title),
            lane_column: name(self.lane),
            date_order: self.order,
            moments_only: self.end.is_none(),
            single_lane: self.lane.is_none(),
            compose_title: self.title.is_none(),
        })
    }

    /// The role column `col` plays in this choice; the preview's mapping
    /// says for the columns the dialog does not choose (description, links…).
    fn role_of(&self, col: usize, preview: &TablePreview) -> Option<Role> {
        let detected = preview.mapping.as_ref().and_then(|m| m.role_of(col));
        let composed = self.title.is_none() && detected == Some(Role::Title);
        if self.start == Some(col) {
            Some(Role::Start)
        } else if self.end == Some(col) {
            Some(Role::End)
        } else if self.title == Some(col) || composed {
            Some(Role::Title)
        } else if self.lane == Some(col) {
            Some(Role::Lane)
        } else {
            // A column the choice moved elsewhere is a field now.
            detected.filter(|r| *r == Role::Detail)
        }
    }
}

/// The dialog while it is shown.
#[derive(Debug)]
pub struct ColumnsDialog {
    /// The file.
    pub path: PathBuf,
    /// What it holds and how it was understood.
    pub preview: TablePreview,
    /// What the user chose so far.
    pub choice: Choice,
    /// Another sheet being read for the preview.
    reading: Option<Loader>,
    /// Why that sheet could not be read.
    problem: Option<String>,
}

impl ColumnsDialog {
    fn new(path: &Path, preview: TablePreview) -> Self {
        Self {
            path: path.to_path_buf(),
            choice: Choice::of(&preview),
            preview,
            reading: None,
            problem: None,
        }
    }
}

/// The dialog and what the window remembers around it.
#[derive(Debug, Default)]
pub struct ColumnsState {
    /// The dialog, while it is shown.
    pub dialog: Option<ColumnsDialog>,
    /// The preview of the table file on screen, for File › Table Columns….
    current: Option<(PathBuf, TablePreview)>,
    /// Options "Open" asked for: remembered for the file once it loads.
    pending: Option<(PathBuf, LoadOptions)>,
    /// Show the dialog once this file has loaded (asked for before any
    /// preview of it was there).
    show_when_loaded: Option<PathBuf>,
}

impl super::ChronoscopeApp {
    /// The Columns dialog, while it is shown.
    #[must_use]
    pub fn columns_dialog(&self) -> Option<&ColumnsDialog> {
        self.columns.dialog.as_ref()
    }

    /// Carries out a [`ColumnsCommand`].
    pub(super) fn apply_columns(&mut self, command: ColumnsCommand, ctx: &egui::Context) {
        match command {
            ColumnsCommand::Show => self.show_columns(ctx),
            ColumnsCommand::Sheet(sheet) => {
                if let Some(dialog) = self.columns.dialog.as_mut() {
                    let options = LoadOptions {
                        sheet: Some(sheet),
                        date_order: dialog.choice.order,
                        ..LoadOptions::default()
                    };
                    let wake = ctx.clone();
                    dialog.reading = Some(Loader::start(&dialog.path, options, move || {
                        wake.request_repaint();
                    }));
                    dialog.problem = None;
                }
            }
            ColumnsCommand::Open => {
                let Some(dialog) = self.columns.dialog.take() else {
                    return;
                };
                if let Some(reading) = &dialog.reading {
                    reading.cancel();
                }
                match dialog.choice.options(&dialog.preview) {
                    Some(options) => {
                        self.columns.pending = Some((dialog.path.clone(), options.clone()));
                        self.open_with(&dialog.path, options, ctx);
                    }
                    // The button is disabled then; keep the dialog.
                    None => self.columns.dialog = Some(dialog),
                }
            }
            ColumnsCommand::Cancel => {
                if let Some(reading) = self.columns.dialog.take().and_then(|d| d.reading) {
                    reading.cancel();
                }
            }
        }
    }

    fn show_columns(&mut self, ctx: &egui::Context) {
        let Some(path) = self.doc.path.clone().filter(|_| self.doc.format.is_table()) else {
            self.set_status(
                "Only table files (CSV, TSV, spreadsheets) have columns to choose".to_owned(),
            );
            return;
        };
        match &self.columns.current {
            Some((shown, preview)) if *shown == path => {
                self.columns.dialog = Some(ColumnsDialog::new(&path, preview.clone()));
            }
            // Read it again to preview it; the dialog opens when it is read.
            _ => {
                self.columns.show_when_loaded = Some(path.clone());
                self.open(&path, ctx);
            }
        }
    }

    /// After a load: remember the choice it was made with, keep the preview
    /// of what is on screen, and show the dialog when the user should
    /// choose: the table did not load as read, or detection is unsure of a
    /// file opened (not reloaded) with no choice remembered.
    pub(super) fn columns_loaded(
        &mut self,
        path: &Path,
        options: &LoadOptions,
        loaded: bool,
        preview: Option<TablePreview>,
        reloading: bool,
    ) {
        // Only the load "Open" started counts (not one of the same file
        // started otherwise after it was cancelled).
        let pending = self
            .columns
            .pending
            .take_if(|(p, _)| p == path)
            .filter(|(_, chosen)| chosen == options);
        if loaded {
            if let Some((_, chosen)) = &pending {
                self.settings.remember_columns(path, chosen.clone());
            }
            self.columns.current = preview.clone().map(|p| (path.to_path_buf(), p));
        }
        let asked = self
            .columns
            .show_when_loaded
            .take_if(|p| p == path)
            .is_some();
        let Some(preview) = preview else {
            if asked {
                // Never silent: say why the dialog asked for did not open.
                self.set_status(format!(
                    "The columns of {} cannot be shown: it was not read as a table",
                    path.display()
                ));
            }
            return;
        };
        let chosen_before = pending.is_some() || self.settings.saved_columns(path).is_some();
        if asked || !loaded || (preview.is_unsure() && !chosen_before && !reloading) {
            self.columns.dialog = Some(ColumnsDialog::new(path, preview));
        }
    }

    /// Takes the preview of another sheet when it has been read.
    pub(super) fn poll_columns(&mut self) {
        let Some(dialog) = self.columns.dialog.as_mut() else {
            return;
        };
        let Some(read) = dialog.reading.as_ref().and_then(Loader::poll) else {
            return;
        };
        dialog.reading = None;
        match read.preview {
            Some(preview) => {
                dialog.choice = Choice::of(&preview);
                dialog.preview = preview;
            }
            None => {
                dialog.problem = read.result.err().and_then(|errors| {
                    errors
                        .first()
                        .map(|e| crate::io::diag::escape(&e.message).into_owned())
                });
            }
        }
    }
}

/// The colour a role is highlighted with, readable on both themes.
fn role_colour(role: Role, dark: bool) -> Color32 {
    let (light, dark_mode) = match role {
        Role::Start => (
            Color32::from_rgb(0x15, 0x5f, 0xa8),
            Color32::from_rgb(0x7f, 0xb8, 0xf0),
        ),
        Role::End => (
            Color32::from_rgb(0x6a, 0x3d, 0x9a),
            Color32::from_rgb(0xc2, 0xa5, 0xea),
        ),
        Role::Title => (
            Color32::from_rgb(0x1e, 0x7a, 0x3c),
            Color32::from_rgb(0x86, 0xd6, 0x9c),
        ),
        Role::Lane => (
            Color32::from_rgb(0xa8, 0x5a, 0x00),
            Color32::from_rgb(0xf0, 0xb0, 0x5e),
        ),
        Role::Detail => (Color32::from_gray(90), Color32::from_gray(170)),
    };
    if dark { dark_mode } else { light }
}

const fn role_name(role: Role) -> &'static str {
    match role {
        Role::Start => "start",
        Role::End => "end",
        Role::Title => "title",
        Role::Lane => "lane",
        Role::Detail => "details",
    }
}

/// A header name as the dialog shows it (an empty one by its place).
fn column_name(preview: &TablePreview, col: usize) -> String {
    match preview.header.get(col).map(|h| h.trim()) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => format!("column {}", col + 1),
    }
}

/// `text` cut to `max` characters with "…", so one long cell cannot
/// widen the grid past the window.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Shows the dialog, if it is open; the choice is edited in place.
pub(super) fn window(ctx: &egui::Context, state: &mut ColumnsState, out: &mut Vec<Command>) {
    let Some(dialog) = state.dialog.as_mut() else {
        return;
    };
    let name = dialog.path.file_name().map_or_else(
        || dialog.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut open = true;
    egui::Window::new(format!("Columns of {name}"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(760.0)
        .show(ctx, |ui| dialog_ui(ui, dialog, out));
    if !open {
        out.push(Command::Columns(ColumnsCommand::Cancel));
    }
}

fn dialog_ui(ui: &mut Ui, dialog: &mut ColumnsDialog, out: &mut Vec<Command>) {
    let preview = &dialog.preview;
    let reasons = preview.reasons();
    if reasons.is_empty() {
        ui.label(if preview.options.start_column.is_some() {
            "These are the columns chosen for this file."
        } else {
            "Every column below was found by its header."
        });
    } else {
        for reason in reasons {
            ui.label(RichText::new(format!("• {reason}")).color(ui.visuals().warn_fg_color));
        }
    }
    if preview.failed() && preview.mapping.is_some() {
        ui.label("The columns below are a guess: check them, then Open.");
    }
    if let Some(problem) = &dialog.problem {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
    ui.add_space(6.0);
    choices_ui(ui, dialog, out);
    ui.add_space(6.0);
    let preview = &dialog.preview;
    if let Some(start) = dialog.choice.start {
        let dates: Vec<String> = preview
            .dates_in(start, dialog.choice.order)
            .into_iter()
            .take(3)
            .map(|d| d.unwrap_or_else(|why| format!("({why})")))
            .collect();
        ui.label(format!(
            "`{}` reads as: {}",
            column_name(preview, start),
            dates.join(" · ")
        ));
    }
    rows_ui(ui, preview, &dialog.choice);
    ui.separator();
    ui.horizontal(|ui| {
        let options = dialog.choice.options(&dialog.preview);
        let open = ui
            .add_enabled(options.is_some(), egui::Button::new("Open"))
            .on_disabled_hover_text("Choose the column that holds the start dates");
        if open.clicked() {
            out.push(Command::Columns(ColumnsCommand::Open));
        }
        if ui.button("Cancel").clicked() {
            out.push(Command::Columns(ColumnsCommand::Cancel));
        }
        if dialog.reading.is_some() {
            ui.spinner();
            ui.label("Reading the sheet…");
        }
    });
}

/// One labelled combo box choosing a column, or `none` when allowed.
fn column_combo(
    ui: &mut Ui,
    label: &str,
    preview: &TablePreview,
    value: &mut Option<usize>,
    none: Option<&str>,
) {
    let label_response = ui.label(label);
    let shown = |v: Option<usize>| {
        v.map_or_else(
            || none.unwrap_or("choose a column").to_owned(),
            |c| cut(&column_name(preview, c), 40),
        )
    };
    let response = egui::ComboBox::from_id_salt(("columns", label))
        .selected_text(shown(*value))
        .width(240.0)
        .show_ui(ui, |ui| {
            if let Some(none) = none {
                ui.selectable_value(value, None, none);
            }
            for col in 0..preview.header.len() {
                let mut text = cut(&column_name(preview, col), 40);
                if preview.holds_dates(col) {
                    text.push_str("  · dates");
                }
                ui.selectable_value(value, Some(col), text);
            }
        })
        .response;
    response.labelled_by(label_response.id);
    ui.end_row();
}

fn choices_ui(ui: &mut Ui, dialog: &mut ColumnsDialog, out: &mut Vec<Command>) {
    let preview = &dialog.preview;
    let choice = &mut dialog.choice;
    egui::Grid::new("columns-choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            if !preview.sheets.is_empty() {
                let label = ui.label("Sheet");
                let current = preview.sheet.clone().unwrap_or_default();
                let mut picked = current.clone();
                let response = egui::ComboBox::from_id_salt("columns-sheet")
                    .selected_text(cut(&current, 40))
                    .width(240.0)
                    .show_ui(ui, |ui| {
                        for sheet in &preview.sheets {
                            ui.selectable_value(&mut picked, sheet.clone(), cut(sheet, 40));
                        }
                    })
                    .response;
                response.labelled_by(label.id);
                if picked != current {
                    out.push(Command::Columns(ColumnsCommand::Sheet(picked)));
                }
                ui.end_row();
            }
            column_combo(ui, "Start", preview, &mut choice.start, None);
            column_combo(ui, "End", preview, &mut choice.end, Some("none (moments)"));
            column_combo(
                ui,
                "Title",
                preview,
                &mut choice.title,
                Some("composed (what, who, where)"),
            );
            column_combo(
                ui,
                "Lane",
                preview,
                &mut choice.lane,
                Some("none (one lane)"),
            );
            let label = ui.label("Day/month order");
            let orders = [
                (None, "automatic (as the column says)"),
                (Some(DateOrder::Dmy), "day/month (06/11 is 6 November)"),
                (Some(DateOrder::Mdy), "month/day (06/11 is 11 June)"),
            ];
            let selected = orders
                .iter()
                .find(|(o, _)| *o == choice.order)
                .map_or("", |(_, text)| text);
            let response = egui::ComboBox::from_id_salt("columns-order")
                .selected_text(selected)
                .width(240.0)
                .show_ui(ui, |ui| {
                    for (order, text) in orders {
                        ui.selectable_value(&mut choice.order, order, text);
                    }
                })
                .response;
            response.labelled_by(label.id);
            ui.end_row();
        });
}

/// The first rows under their headers, each chosen column in its role's
/// colour with the role named above it.
fn rows_ui(ui: &mut Ui, preview: &TablePreview, choice: &Choice) {
    let dark = ui.visuals().dark_mode;
    let roles: Vec<Option<Role>> = (0..preview.header.len())
        .map(|col| choice.role_of(col, preview))
        .collect();
    let cell = |text: String, role: Option<Role>| {
        let text = RichText::new(text);
        match role {
            Some(role) => text.color(role_colour(role, dark)),
            None => text.weak(),
        }
    };
    egui::ScrollArea::both()
        .max_height(280.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("columns-rows")
                .striped(true)
                .spacing([14.0, 3.0])
                .show(ui, |ui| {
                    for role in &roles {
                        ui.label(cell(role.map_or("", |r| role_name(r)).to_owned(), *role).small());
                    }
                    ui.end_row();
                    for (col, role) in roles.iter().enumerate() {
                        ui.label(cell(cut(&column_name(preview, col), 28), *role).strong());
                    }
                    ui.end_row();
                    for row in &preview.rows {
                        for (text, role) in row.iter().zip(&roles) {
                            ui.label(cell(cut(text, 28), *role));
                        }
                        ui.end_row();
                    }
                });
        });
    let rows = crate::numbers::count(preview.row_count, crate::numbers::ROW);
    ui.weak(if preview.rows.len() < preview.row_count {
        format!("The first {} of {rows}.", preview.rows.len())
    } else {
        format!("{rows} in all.")
    });
}
