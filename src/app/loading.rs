//! Opening files: the background load with the file's table options,
//! and what happens when it ends — a new document, a new version of the
//! open one (live reload), or the errors beside the timeline that stays.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::loader::Loader;
use super::{ChronoscopeApp, Document};
use crate::io::{self, LoadOptions, Loaded, Previewed};
use crate::numbers;

impl ChronoscopeApp {
    /// Shows `loaded` as a new document: the view, the selection and the
    /// scroll start afresh; each file's query and filters go with it.
    pub(super) fn replace_document(&mut self, loaded: Loaded, path: Option<PathBuf>) {
        self.save_find();
        self.view = Self::initial_view(&loaded.timeline);
        self.doc = Document {
            timeline: Arc::new(loaded.timeline),
            path,
            format: loaded.format,
            warnings: loaded.warnings,
            mapping: loaded.mapping,
        };
        self.generation += 1;
        self.selected = None;
        self.canvas.scroll_y = 0.0;
        self.restore_find();
    }

    /// A new version of the open file: the view, the vertical scroll and
    /// the filters stay; the selection follows its event's id.
    pub(super) fn refresh_document(&mut self, loaded: Loaded) {
        let selected_id = self
            .selected
            .and_then(|i| self.doc.timeline.get(i))
            .map(|e| e.id().to_owned());
        self.selected = selected_id.and_then(|id| loaded.timeline.find(&id));
        self.doc.timeline = Arc::new(loaded.timeline);
        self.doc.format = loaded.format;
        self.doc.warnings = loaded.warnings;
        self.doc.mapping = loaded.mapping;
        self.generation += 1;
        // The query, the filters and "show only" stay; their results are
        // worked out again for the new version of the file.
        self.find.reset();
        self.find.dirty = true;
        self.find.refilter(&self.doc.timeline);
    }

    /// Reads the open file again in the background, keeping the view.
    pub(super) fn reload(&mut self, path: &Path, ctx: &egui::Context) {
        self.open(path, ctx);
        self.auto_reload.reloading = true;
    }

    /// Starts loading `path` (a table with the columns remembered for it);
    /// the current timeline stays until it succeeds.
    pub fn open(&mut self, path: &Path, ctx: &egui::Context) {
        let options = self
            .settings
            .saved_columns(path)
            .cloned()
            .unwrap_or_default();
        self.open_with(path, options, ctx);
    }

    /// Starts loading `path` with these table options.
    pub(super) fn open_with(&mut self, path: &Path, options: LoadOptions, ctx: &egui::Context) {
        self.auto_reload.reloading = false;
        let ctx = ctx.clone();
        self.start_loading(Loader::start(path, options, move || {
            ctx.request_repaint();
        }));
    }

    /// Shows `loader`'s progress and applies its result when it arrives
    /// (the current timeline stays until one loads).
    pub fn start_loading(&mut self, loader: Loader) {
        self.set_status(format!("Loading {}…", loader.path.display()));
        self.loader = Some(loader);
    }

    /// Waits for a load in progress to finish and applies it (tests, `--screenshot`).
    pub fn finish_loading(&mut self) {
        if let Some(loader) = self.loader.take() {
            let result = loader.wait();
            self.loaded(&loader.path, &loader.options, result);
        }
    }

    pub(super) fn loaded(&mut self, path: &Path, options: &LoadOptions, previewed: Previewed) {
        let reloading = std::mem::take(&mut self.auto_reload.reloading)
            && self.doc.path.as_deref() == Some(path);
        let verb = if reloading { "Reloaded" } else { "Opened" };
        let Previewed { result, preview } = previewed;
        let ok = result.is_ok();
        match result {
            Ok(loaded) => {
                let n = loaded.timeline.len();
                let warnings = loaded.warnings.len();
                self.settings.remember(path);
                if reloading {
                    self.refresh_document(loaded);
                } else {
                    self.replace_document(loaded, Some(path.to_path_buf()));
                }
                self.errors = None;
                let mut message = format!(
                    "{verb} {} ({})",
                    path.display(),
                    numbers::count(n, numbers::EVENT)
                );
                if warnings > 0 {
                    let _ = write!(message, ", {}", numbers::count(warnings, numbers::WARNING));
                    self.errors = Some((
                        format!("{} loaded with warnings", path.display()),
                        self.doc.warnings.clone(),
                    ));
                }
                // How a table's columns were read, last: the longest part.
                if let Some(mapping) = &self.doc.mapping {
                    let _ = write!(message, " — {}; {mapping}", self.doc.format.name());
                }
                self.set_status(message);
            }
            Err(diagnostics) if self.doc.path.as_deref() == Some(path) => {
                // A reload that meets a file saved half-way (or broken)
                // keeps the last version that loaded, and says why.
                let why = diagnostics
                    .iter()
                    .find(|d| d.severity == io::Severity::Error)
                    .map(|d| format!("line {}: {}", d.line, io::diag::escape(&d.message)))
                    .unwrap_or_default();
                let title = format!(
                    "Could not reload {}: still showing the last version that loaded (the file may be partly written; reload again when it is saved)",
                    path.display()
                );
                self.errors = Some((title, diagnostics));
                self.set_status(format!("Reload failed, last good timeline kept: {why}"));
            }
            Err(diagnostics) => {
                let verb = if reloading { "reload" } else { "open" };
                let title = format!(
                    "Could not {verb} {}: the timeline on screen is unchanged",
                    path.display()
                );
                self.errors = Some((title, diagnostics));
                self.set_status(format!("Failed to {verb} {}", path.display()));
            }
        }
        self.columns_loaded(path, options, ok, preview, reloading);
    }
}
