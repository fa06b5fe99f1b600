//! The dialogs the window opens on their own threads (Open, Export
//! screenshot), so it keeps painting while one is open, and the file-name
//! helpers they share with the Export image dialog.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::ChronoscopeApp;
use crate::io::{self, Format};

/// A dialog that answers faster than this did not really open: there is no
/// portal or zenity to show it.
pub(super) const DIALOG_TOO_FAST: Duration = Duration::from_millis(250);
/// What the user is told when no file dialog can be shown.
pub(super) const NO_DIALOG: &str = "No file dialog is available on this system (no desktop portal or zenity). Pass files on the command line, drop them on the window, or use `chronoscope export`.";

/// Answers from dialogs that run on their own threads (so the window keeps
/// painting while a dialog is open).
#[derive(Debug)]
pub(super) enum DialogAnswer {
    /// The file picked to open, and how long the dialog took.
    Open(Option<PathBuf>, Duration),
    /// Where to save a screenshot, and how long the dialog took.
    Screenshot(Option<PathBuf>, Duration),
}

impl ChronoscopeApp {
    pub(super) fn open_dialog(&self, ctx: &egui::Context) {
        let tx = self.dialog_tx.clone();
        let ctx = ctx.clone();
        let start_dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        spawn_dialog(move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title("Open timeline");
            let extensions = io::all_extensions();
            dialog = dialog.add_filter("Timeline files", &extensions);
            for format in Format::ALL {
                dialog = dialog.add_filter(format.name(), format.extensions());
            }
            dialog = dialog.add_filter("All files", &["*"]);
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let picked = dialog.pick_file();
            let _ = tx.send(DialogAnswer::Open(picked, started.elapsed()));
            ctx.request_repaint();
        });
    }

    pub(super) fn screenshot_dialog(&self, ctx: &egui::Context) {
        let tx = self.dialog_tx.clone();
        let ctx = ctx.clone();
        let name = format!(
            "{} {}.png",
            sanitize(&self.doc.timeline.title),
            chrono::Local::now().format("%Y-%m-%d")
        );
        let dir = self.settings.last_export_dir.clone();
        spawn_dialog(move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new()
                .set_title("Export screenshot")
                .set_file_name(name)
                .add_filter("PNG image", &["png"]);
            if let Some(dir) = dir {
                dialog = dialog.set_directory(dir);
            }
            let picked = dialog.save_file();
            let _ = tx.send(DialogAnswer::Screenshot(picked, started.elapsed()));
            ctx.request_repaint();
        });
    }
}

pub(super) fn spawn_dialog(f: impl FnOnce() + Send + 'static) {
    // A failed spawn only means no dialog; nothing is lost.
    let _ = std::thread::Builder::new()
        .name("chronoscope-dialog".into())
        .spawn(f);
}

pub(super) fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
    {
        path
    } else {
        path.with_extension(extension)
    }
}

/// A title made safe as a file name.
pub(super) fn sanitize(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_,.'’".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned: String = cleaned.chars().take(80).collect();
    if cleaned.is_empty() {
        "Timeline".to_owned()
    } else {
        cleaned
    }
}
