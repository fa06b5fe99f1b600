//! The in-window path field. Where no native file dialog can be shown (no
//! desktop portal and no zenity: a minimal window manager, a remote
//! session, a fresh install) Open…, Save Screenshot As…, Export Image… and
//! the screenshot folder ask here instead, with a proposed path filled in,
//! so no menu entry is ever a dead end.

use std::path::{Path, PathBuf};

use egui::{Key, RichText};

use super::command::Command;
use super::screenshot::ExportChoice;

/// What the path is for.
#[derive(Clone, Debug, PartialEq)]
pub enum PromptFor {
    /// A timeline file to open.
    Open,
    /// Where to save a screenshot of the window.
    SaveScreenshot,
    /// Where to export an image or PDF, with the options already chosen.
    Export(ExportChoice),
    /// The folder File › Save Screenshot saves into.
    ScreenshotFolder,
}

impl PromptFor {
    fn title(&self) -> &'static str {
        match self {
            Self::Open => "Open Timeline",
            Self::SaveScreenshot => "Save Screenshot As",
            Self::Export(_) => "Export Image",
            Self::ScreenshotFolder => "Screenshot Folder",
        }
    }

    fn action(&self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::SaveScreenshot | Self::Export(_) => "Save",
            Self::ScreenshotFolder => "Use This Folder",
        }
    }
}

/// An open path field: what it is for and what is typed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PromptFor,
    /// The path as typed (starts as the proposed one).
    pub text: String,
    /// Why the last attempt was refused.
    pub problem: Option<String>,
    focused: bool,
}

/// What the user did with the path field this frame.
#[derive(Debug, PartialEq)]
#[must_use]
pub enum PromptOutcome {
    /// Still typing.
    Open,
    /// Closed without a path.
    Cancelled,
    /// A path was given: carry this out.
    Done(Command),
}

impl PathPrompt {
    /// A field for `purpose`, filled in with `proposed`.
    #[must_use]
    pub fn new(purpose: PromptFor, proposed: &Path) -> Self {
        Self {
            purpose,
            text: proposed.display().to_string(),
            problem: None,
            focused: false,
        }
    }

    /// Shows the field as a small window.
    pub fn window(&mut self, ctx: &egui::Context) -> PromptOutcome {
        let mut outcome = PromptOutcome::Open;
        let mut open = true;
        egui::Window::new(self.purpose.title())
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(
                    "No file dialog is available on this system (no desktop portal or zenity): \
                     type the path here.",
                );
                let label = ui.label("Path");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .desired_width(520.0)
                            .font(egui::TextStyle::Monospace),
                    )
                    .labelled_by(label.id);
                if !self.focused {
                    field.request_focus();
                    self.focused = true;
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if let Some(problem) = &self.problem {
                    ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
                }
                ui.horizontal(|ui| {
                    let ready = !self.text.trim().is_empty();
                    if (ui
                        .add_enabled(ready, egui::Button::new(self.purpose.action()))
                        .clicked()
                        || (entered && ready))
                        && let Some(command) = self.submit()
                    {
                        outcome = PromptOutcome::Done(command);
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = PromptOutcome::Cancelled;
                    }
                });
            });
        if !open {
            outcome = PromptOutcome::Cancelled;
        }
        outcome
    }

    /// The command the typed path stands for, or `None` with
    /// [`Self::problem`] set when it cannot be right.
    pub fn submit(&mut self) -> Option<Command> {
        let path = expand_tilde(self.text.trim());
        let command = match &self.purpose {
            PromptFor::Open if !path.is_file() => {
                self.problem = Some(format!("There is no file {}.", path.display()));
                return None;
            }
            PromptFor::Open => Command::Open(path),
            PromptFor::SaveScreenshot => Command::Screenshot(super::with_extension(path, "png")),
            PromptFor::Export(choice) => {
                let path = super::with_extension(path, choice.format.extension());
                Command::ExportTo(choice.clone(), path)
            }
            PromptFor::ScreenshotFolder if path.is_file() => {
                self.problem = Some(format!("{} is a file, not a folder.", path.display()));
                return None;
            }
            PromptFor::ScreenshotFolder => Command::SetScreenshotFolder(Some(path)),
        };
        self.problem = None;
        Some(command)
    }
}

/// `~/x` → `$HOME/x`, as a shell would (people type it).
fn expand_tilde(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

/// The app's path asking: the field open now, and whether to skip native
/// dialogs.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// The in-window path field, when one is shown.
    pub open: Option<PathPrompt>,
    /// Set once a native dialog failed to show: ask in the window from
    /// then on.
    pub in_window: bool,
}

/// Asking for paths: the native dialog on its own thread, and the
/// in-window field when the dialog cannot be shown.
impl super::ChronoscopeApp {
    /// Makes every Open…, Save As… and Export… ask in the window instead of
    /// trying a native dialog first (for tests, and for a session where a
    /// dialog already failed to show).
    pub fn use_in_window_dialogs(&mut self) {
        self.dialogs.in_window = true;
    }

    /// The in-window path field, if one is open.
    #[must_use]
    pub fn path_prompt(&self) -> Option<&PathPrompt> {
        self.dialogs.open.as_ref()
    }

    /// The in-window path field, to fill in (as the user types).
    pub fn path_prompt_mut(&mut self) -> Option<&mut PathPrompt> {
        self.dialogs.open.as_mut()
    }

    pub(super) fn open_dialog(&mut self, ctx: &egui::Context) {
        let folder = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        // A trailing separator: the user types the file name after it.
        let proposed = PathBuf::from(format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR));
        self.ask_path(PromptFor::Open, proposed, ctx);
    }

    pub(super) fn save_screenshot_as(&mut self, ctx: &egui::Context) {
        let name =
            super::save::file_name(&self.doc.timeline.title, chrono::Local::now().naive_local());
        let folder = self
            .settings
            .last_export_dir
            .clone()
            .unwrap_or_else(|| self.screenshot_folder());
        self.ask_path(PromptFor::SaveScreenshot, folder.join(name), ctx);
    }

    pub(super) fn choose_screenshot_folder(&mut self, ctx: &egui::Context) {
        let folder = self.screenshot_folder();
        self.ask_path(PromptFor::ScreenshotFolder, folder, ctx);
    }

    pub(super) fn ask_export_path(&mut self, choice: ExportChoice, ctx: &egui::Context) {
        let name = format!(
            "{} {}.{}",
            super::sanitize(&self.doc.timeline.title),
            chrono::Local::now().format("%Y-%m-%d"),
            choice.format.extension()
        );
        let folder = self
            .settings
            .last_export_dir
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        self.ask_path(PromptFor::Export(choice), folder.join(name), ctx);
    }

    /// Asks for a path for `purpose`: a native dialog, or straight away the
    /// in-window field once dialogs are known not to show.
    fn ask_path(&mut self, purpose: PromptFor, proposed: PathBuf, ctx: &egui::Context) {
        if self.dialogs.in_window {
            self.dialogs.open = Some(PathPrompt::new(purpose, &proposed));
            return;
        }
        let tx = self.dialog_tx.clone();
        let ctx = ctx.clone();
        super::spawn_dialog(move || {
            let started = std::time::Instant::now();
            let picked = native_dialog(&purpose, &proposed);
            let _ = tx.send(super::DialogAnswer {
                purpose,
                proposed,
                picked,
                took: started.elapsed(),
            });
            ctx.request_repaint();
        });
    }

    /// A native dialog answered: carry out the path, or open the in-window
    /// field when the dialog never showed.
    pub(super) fn dialog_answered(&mut self, answer: super::DialogAnswer, ctx: &egui::Context) {
        let super::DialogAnswer {
            purpose,
            proposed,
            picked,
            took,
        } = answer;
        match picked {
            Some(path) => {
                let mut prompt = PathPrompt::new(purpose, &path);
                match prompt.submit() {
                    Some(command) => self.apply(command, ctx),
                    None => self.dialogs.open = Some(prompt),
                }
            }
            None if took < super::DIALOG_TOO_FAST => {
                self.dialogs.in_window = true;
                self.dialogs.open = Some(PathPrompt::new(purpose, &proposed));
            }
            None => {}
        }
    }

    /// Shows the in-window path field, if open.
    pub(super) fn prompt_ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let Some(prompt) = self.dialogs.open.as_mut() else {
            return;
        };
        match prompt.window(ctx) {
            PromptOutcome::Open => {}
            PromptOutcome::Cancelled => self.dialogs.open = None,
            PromptOutcome::Done(command) => {
                self.dialogs.open = None;
                out.push(command);
            }
        }
    }
}

/// Shows the native dialog for `purpose` (blocking this thread).
fn native_dialog(purpose: &PromptFor, proposed: &Path) -> Option<PathBuf> {
    let folder = if proposed.is_dir() {
        Some(proposed)
    } else {
        proposed.parent().filter(|p| p.is_dir())
    };
    let name = proposed
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    match purpose {
        PromptFor::Open => {
            dialog = dialog
                .set_title("Open timeline")
                .add_filter("Timeline files", &crate::io::all_extensions());
            for format in crate::io::Format::ALL {
                dialog = dialog.add_filter(format.name(), format.extensions());
            }
            dialog.add_filter("All files", &["*"]).pick_file()
        }
        PromptFor::SaveScreenshot => dialog
            .set_title("Save screenshot")
            .set_file_name(name)
            .add_filter("PNG image", &["png"])
            .save_file(),
        PromptFor::Export(choice) => {
            let extension = choice.format.extension();
            dialog
                .set_title("Export image")
                .set_file_name(name)
                .add_filter(choice.format.name(), &[extension])
                .save_file()
        }
        PromptFor::ScreenshotFolder => dialog.set_title("Screenshot folder").pick_folder(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_becomes_the_command_it_stands_for() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").unwrap_or_else(|e| panic!("{e}"));

        let mut prompt = PathPrompt::new(PromptFor::Open, &file);
        assert_eq!(prompt.submit(), Some(Command::Open(file.clone())));

        let missing = dir.path().join("missing.json");
        let mut prompt = PathPrompt::new(PromptFor::Open, &missing);
        assert_eq!(prompt.submit(), None);
        assert!(
            prompt
                .problem
                .as_deref()
                .unwrap_or("")
                .contains("missing.json")
        );

        let mut prompt = PathPrompt::new(PromptFor::SaveScreenshot, &dir.path().join("shot"));
        assert_eq!(
            prompt.submit(),
            Some(Command::Screenshot(dir.path().join("shot.png")))
        );

        let mut prompt = PathPrompt::new(PromptFor::ScreenshotFolder, &file);
        assert_eq!(prompt.submit(), None, "a file is not a folder");
        let mut prompt = PathPrompt::new(PromptFor::ScreenshotFolder, dir.path());
        assert_eq!(
            prompt.submit(),
            Some(Command::SetScreenshotFolder(Some(dir.path().to_path_buf())))
        );
    }
}
