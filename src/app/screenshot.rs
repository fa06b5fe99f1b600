//! Saving what the window shows (egui's screenshot command), and the
//! Export image dialog.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::ColorImage;

use super::save::Delivered;
use crate::export::pdf::{Page, Paper};
use crate::export::{ExportRange, ExportRequest, ImageFormat};
use crate::layout::theme::ThemeKind;
use crate::model::Timeline;
use crate::view::TimeView;

/// Give up on a screenshot that has not arrived after this long.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(10);
/// Frames to draw before a `--screenshot` capture, so fonts and layout settle.
const SETTLE_FRAMES: u64 = 3;

/// Why a screenshot could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The image is empty or its pixels do not match its size.
    #[error("the screenshot is empty")]
    Empty,
    /// PNG encoding failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    /// The window never delivered the picture.
    #[error("the window did not deliver a screenshot")]
    NoAnswer,
    /// Writing failed (folder missing or read-only, disk full).
    #[error(transparent)]
    Write(#[from] crate::fsout::WriteError),
}

/// Encodes egui's screenshot as PNG and writes it with
/// [`crate::fsout::write`]: a failure leaves no half-written file and never
/// damages an existing one.
///
/// # Errors
/// [`SaveError`] saying what went wrong.
pub fn save_color_image(path: &Path, image: &ColorImage) -> Result<(), SaveError> {
    let [w, h] = image.size;
    if w == 0 || h == 0 || image.pixels.len() != w * h {
        return Err(SaveError::Empty);
    }
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err(SaveError::Empty);
    };
    let Some(buffer) = image::RgbaImage::from_raw(w, h, rgba) else {
        return Err(SaveError::Empty);
    };
    let mut png = Vec::new();
    buffer
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| SaveError::Encode(e.to_string()))?;
    crate::fsout::write(path, &png)?;
    Ok(())
}

type Slot = Arc<Mutex<Option<Arc<ColorImage>>>>;

/// What a requested screenshot is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShotTarget {
    /// Save to this file (File › Save Screenshot As…, `--screenshot`).
    File(PathBuf),
    /// Save into this folder under a name made of the title and the time
    /// of the request (File › Save Screenshot).
    Folder {
        /// The screenshot folder.
        folder: PathBuf,
        /// The timeline's title.
        title: String,
        /// When it was asked for, local time.
        at: chrono::NaiveDateTime,
    },
    /// Put the picture on the clipboard (Edit › Copy Screenshot).
    Clipboard,
}

/// A screenshot in flight: requested, then answered by a callback 2–3
/// frames later. [`Screenshot::poll`] is the one place that takes the
/// image, for File › Save Screenshot, Save Screenshot As…, Copy Screenshot
/// and `--screenshot`.
#[derive(Default)]
pub struct Screenshot {
    pending: Option<(ShotTarget, Slot, Instant)>,
    /// `--screenshot`: save here once drawn, then close the window.
    pub exit_after: Option<PathBuf>,
    exit_started: bool,
    exit_requested: bool,
}

impl Screenshot {
    /// Asks egui for a screenshot for `target`. A second request while one
    /// is in flight replaces it (the first answer is then ignored).
    pub fn request(&mut self, ctx: &egui::Context, target: ShotTarget) {
        let slot: Slot = Arc::default();
        let callback_slot = Arc::clone(&slot);
        let wake = ctx.clone();
        ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
            egui::ScreenshotCallback::new(move |image| {
                if let Ok(mut guard) = callback_slot.lock() {
                    *guard = Some(image);
                }
                // The callback does not repaint by itself.
                wake.request_repaint();
            }),
        ));
        self.pending = Some((target, slot, Instant::now()));
        ctx.request_repaint();
    }

    /// True while a screenshot is awaited.
    #[must_use]
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// An arrived screenshot with what it is for. Returns `None` while
    /// waiting, and [`SaveError::NoAnswer`] when the window never answered.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
    ) -> Option<(ShotTarget, Result<Arc<ColorImage>, SaveError>)> {
        let (_, slot, started) = self.pending.as_ref()?;
        let image = slot.lock().ok().and_then(|mut guard| guard.take());
        let result = match image {
            Some(image) => Ok(image),
            None if started.elapsed() > SCREENSHOT_TIMEOUT => Err(SaveError::NoAnswer),
            None => {
                ctx.request_repaint();
                return None;
            }
        };
        let (target, _, _) = self.pending.take()?;
        Some((target, result))
    }

    /// Drives a `--screenshot` run: once the timeline has been drawn for a
    /// few frames, take the picture. Returns true the first time it asks.
    pub fn drive_exit(&mut self, ctx: &egui::Context, frames: u64, loaded: bool) {
        let Some(path) = self.exit_after.clone() else {
            return;
        };
        if !self.exit_started && loaded && frames >= SETTLE_FRAMES {
            self.exit_started = true;
            self.request(ctx, ShotTarget::File(path));
        }
        ctx.request_repaint();
    }

    /// Called with a finished screenshot in a `--screenshot` run: report it
    /// on the terminal and close the window with the right exit code.
    pub fn finish_exit(&mut self, ctx: &egui::Context, outcome: &Delivered, exit_code: &AtomicU8) {
        if self.exit_requested {
            return;
        }
        match outcome {
            // Not `println!`: a closed standard output must not panic the
            // window after the file is safely written.
            Delivered::Saved { path, size: [w, h] } => {
                let _ = writeln!(std::io::stdout(), "wrote {} ({w}×{h} px)", path.display());
            }
            Delivered::Copied { .. } | Delivered::Failed { .. } => {
                let _ = writeln!(std::io::stderr(), "error: {}", outcome.message());
                exit_code.store(1, Ordering::Relaxed);
            }
        }
        self.exit_requested = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// The Export image dialog: format, size, theme and range, then a save
/// dialog, then the same renderer as `chronoscope export`, on a background
/// thread so the window stays responsive.
pub struct ExportDialog {
    /// True while the dialog window is shown.
    pub open: bool,
    format: ImageFormat,
    width: f32,
    scale: f32,
    theme: ThemeKind,
    all_events: bool,
    /// The legend goes below the timeline.
    legend: bool,
    /// The PDF page last chosen, kept while another format is picked.
    page: Page,
    running: Option<Receiver<ExportOutcome>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: ImageFormat::Png,
            width: 1600.0,
            scale: 1.0,
            theme: ThemeKind::Light,
            all_events: false,
            legend: false,
            page: Page::default(),
            running: None,
        }
    }
}

/// What the Export image dialog asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportChoice {
    /// What to render.
    pub request: ExportRequest,
    /// PNG, SVG or PDF (with its page).
    pub format: ImageFormat,
}

/// How a background export ended: the file and what was written, or why not.
pub type ExportOutcome = (
    PathBuf,
    Result<crate::export::Rendered, crate::export::ExportError>,
);

impl ExportDialog {
    /// The format row, and the paper row for a PDF.
    fn format_ui(&mut self, ui: &mut egui::Ui) {
        ui.label("Format");
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.format, ImageFormat::Png, "PNG");
            ui.radio_value(&mut self.format, ImageFormat::Svg, "SVG");
            let pdf = ImageFormat::Pdf(self.page);
            if ui
                .radio(matches!(self.format, ImageFormat::Pdf(_)), "PDF")
                .clicked()
            {
                self.format = pdf;
            }
        });
        ui.end_row();
        if let ImageFormat::Pdf(page) = &mut self.format {
            ui.label("Paper");
            ui.horizontal(|ui| {
                ui.radio_value(&mut page.paper, Paper::A4, "A4");
                ui.radio_value(&mut page.paper, Paper::Letter, "Letter");
                ui.radio_value(&mut page.paper, Paper::Fit, "Image size");
                ui.add_enabled(
                    page.paper != Paper::Fit,
                    egui::Checkbox::new(&mut page.portrait, "Portrait"),
                );
            });
            self.page = *page;
            ui.end_row();
        }
    }

    /// The printable width of the PDF paper chosen, if a PDF on paper is.
    fn paper_width(&self) -> Option<f32> {
        match self.format {
            ImageFormat::Pdf(page) => page.printable_width(),
            ImageFormat::Png | ImageFormat::Svg => None,
        }
    }

    /// Shows the dialog; returns a choice when the user presses Export.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        view: TimeView,
        dark_now: bool,
    ) -> Option<ExportChoice> {
        if !self.open {
            // Follow the window's theme until the user picks one here.
            self.theme = if dark_now {
                ThemeKind::Dark
            } else {
                ThemeKind::Light
            };
            return None;
        }
        let mut chosen = None;
        let mut open = self.open;
        egui::Window::new("Export Image")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("export-options")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        self.format_ui(ui);
                        ui.label("Range");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut self.all_events, false, "Visible range");
                            ui.radio_value(&mut self.all_events, true, "All events");
                        });
                        ui.end_row();
                        ui.label("Width (points)");
                        // On paper the width is the paper's, so text prints
                        // at its own size.
                        ui.add_enabled(
                            self.paper_width().is_none(),
                            egui::DragValue::new(&mut self.width)
                                .range(300.0..=8000.0)
                                .speed(10.0),
                        );
                        ui.end_row();
                        ui.label("Pixels per point");
                        ui.add_enabled(
                            self.format == ImageFormat::Png,
                            egui::DragValue::new(&mut self.scale)
                                .range(0.5..=4.0)
                                .speed(0.05),
                        );
                        ui.end_row();
                        ui.label("Theme");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut self.theme, ThemeKind::Light, "Light");
                            ui.radio_value(&mut self.theme, ThemeKind::Dark, "Dark");
                        });
                        ui.end_row();
                        ui.label("Legend");
                        ui.checkbox(&mut self.legend, "Include legend")
                            .on_hover_text("What every mark means, below the timeline");
                        ui.end_row();
                    });
                ui.add_space(6.0);
                let busy = self.running.is_some();
                if ui
                    .add_enabled(
                        !busy,
                        egui::Button::new(if busy { "Exporting…" } else { "Export…" }),
                    )
                    .clicked()
                {
                    let range = if self.all_events {
                        ExportRange::All
                    } else {
                        ExportRange::Range(view.range())
                    };
                    chosen = Some(ExportChoice {
                        request: ExportRequest {
                            range,
                            width: self.paper_width().unwrap_or(self.width),
                            height: None,
                            scale: if self.format == ImageFormat::Png {
                                self.scale
                            } else {
                                1.0
                            },
                            theme: self.theme,
                            shown: None,
                            legend: self.legend,
                        },
                        format: self.format,
                    });
                }
            });
        self.open = open;
        chosen
    }

    /// Renders and writes `path` on a background thread (the path was
    /// asked for already, by a native dialog or the in-window field).
    pub fn start(
        &mut self,
        choice: &ExportChoice,
        timeline: &Arc<Timeline>,
        path: PathBuf,
        ctx: &egui::Context,
    ) {
        self.open = false;
        let (request, format) = (choice.request.clone(), choice.format);
        let timeline = Arc::clone(timeline);
        self.run_in_background(ctx, move || {
            let result = caught(|| crate::export::save_as(&timeline, &request, format, &path));
            (path, result)
        });
    }

    /// Runs an export `job` on a background thread; [`ExportDialog::poll`]
    /// reports how it ended, a panic in it included.
    pub fn run_in_background(
        &mut self,
        ctx: &egui::Context,
        job: impl FnOnce() -> ExportOutcome + Send + 'static,
    ) {
        let (tx, rx) = channel();
        self.running = Some(rx);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("chronoscope-export".into())
            .spawn(move || {
                // A panic drops `tx` unsent, which `poll` reports.
                let _ = tx.send(job());
                ctx.request_repaint();
            });
        if spawned.is_err() {
            self.running = None;
        }
    }

    /// A finished export: the folder to remember and a status message.
    pub fn poll(&mut self) -> Option<(Option<PathBuf>, String)> {
        let received = self.running.as_ref()?.try_recv();
        let (path, result) = match received {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                return Some((
                    None,
                    "Export failed: internal error in the export thread; the timeline is unchanged"
                        .to_owned(),
                ));
            }
        };
        self.running = None;
        Some(match result {
            Ok(rendered) => (
                path.parent().map(Path::to_path_buf),
                format!(
                    "Exported {} ({}×{} px, {})",
                    path.display(),
                    rendered.width_px,
                    rendered.height_px,
                    crate::numbers::count(rendered.events, crate::numbers::EVENT)
                ),
            ),
            Err(e) => (None, format!("Export to {} failed: {e}", path.display())),
        })
    }
}

/// Runs an export, turning a panic in it into an error, so that a bug in
/// the renderer fails one export and never the window.
fn caught(
    save: impl FnOnce() -> Result<crate::export::Rendered, crate::export::ExportError>,
) -> Result<crate::export::Rendered, crate::export::ExportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(save)).unwrap_or_else(|panic| {
        Err(crate::export::ExportError::Render(format!(
            "internal error ({})",
            super::loader::panic_message(panic.as_ref())
        )))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_export_is_an_error_and_the_dialog_is_free_again() {
        let error = caught(|| panic!("renderer bug"))
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("cannot draw the image: internal error (renderer bug)")
        );
        // A panic outside the renderer (the save dialog, say) ends the
        // export with a message instead of "Exporting…" for ever.
        let ctx = egui::Context::default();
        let mut dialog = ExportDialog::default();
        dialog.run_in_background(&ctx, || panic!("dialog bug"));
        let started = Instant::now();
        let result = loop {
            if let Some(result) = dialog.poll() {
                break Some(result);
            }
            if started.elapsed() > Duration::from_secs(10) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let (folder, message) = result.unwrap_or_else(|| panic!("no answer"));
        assert_eq!(folder, None);
        assert!(
            message.starts_with("Export failed: internal error"),
            "{message}"
        );
        assert!(dialog.running.is_none());
    }

    #[test]
    fn saves_a_png_and_refuses_bad_targets() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut image = ColorImage::filled([40, 30], egui::Color32::from_rgb(10, 20, 30));
        image.pixels[5] = egui::Color32::RED;
        let path = dir.path().join("shot.png");
        save_color_image(&path, &image).unwrap_or_else(|e| panic!("{e}"));
        let back = image::open(&path)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8();
        assert_eq!(back.dimensions(), (40, 30));
        assert_eq!(back.get_pixel(5, 0).0, [255, 0, 0, 255]);
        assert_eq!(back.get_pixel(0, 0).0, [10, 20, 30, 255]);

        // A folder that cannot exist (under a regular file) fails cleanly.
        let bad = dir.path().join("shot.png").join("x.png");
        assert!(matches!(
            save_color_image(&bad, &image),
            Err(SaveError::Write(_))
        ));
        let leftovers = std::fs::read_dir(dir.path()).map_or(0, Iterator::count);
        assert_eq!(leftovers, 1, "only the first PNG is there");
    }
}
