//! Opening the window: eframe's options, the settings from storage, and
//! what the command line asked for ([`OpenRequest`]).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use super::{ChronoscopeApp, apply_theme};
use crate::io::Severity;
use crate::layout::theme::ThemeKind;
use crate::time::TimeRange;
use crate::view::TimeView;

/// What the window is asked to show when it opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpenRequest {
    /// The file to open (the built-in timeline when `None`).
    pub file: Option<PathBuf>,
    /// Save a screenshot here once the timeline is drawn, then exit.
    pub screenshot: Option<PathBuf>,
    /// Open on this range instead of the file's view.
    pub range: Option<TimeRange>,
    /// The theme for this run only (the remembered one when `None`).
    pub theme: Option<ThemeKind>,
}

/// Opens the window on what `request` asks for; returns the exit code.
#[must_use]
pub fn run(request: OpenRequest) -> ExitCode {
    let started = std::time::Instant::now();
    let exit_code = Arc::new(AtomicU8::new(0));
    let app_exit = Arc::clone(&exit_code);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Chronoscope")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([480.0, 320.0])
            .with_drag_and_drop(true),
        persist_window: request.screenshot.is_none(),
        ..Default::default()
    };
    let args = request;
    let result = eframe::run_native(
        super::settings::APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = ChronoscopeApp::from_storage(cc.storage);
            apply_theme(&cc.egui_ctx, app.settings.theme);
            // A theme given on the command line is for this run only.
            match args.theme {
                Some(ThemeKind::Light) => cc.egui_ctx.set_theme(egui::ThemePreference::Light),
                Some(ThemeKind::Dark) => cc.egui_ctx.set_theme(egui::ThemePreference::Dark),
                None => {}
            }
            app.exit_code = app_exit;
            if std::env::var_os("CHRONOSCOPE_TRACE_STARTUP").is_some() {
                app.startup_trace = Some(started);
            }
            if let Some(path) = &args.file {
                app.open(path, &cc.egui_ctx);
            }
            if let Some(range) = args.range {
                // The file must be there before its view can be replaced.
                app.finish_loading();
                app.view = TimeView::new(range);
            }
            if let Some(out) = args.screenshot.clone() {
                // A scripted screenshot must show the file, not the seed:
                // wait for it here, and fail if it does not load.
                app.finish_loading();
                if let Some(problems) = app.errors() {
                    for e in problems {
                        eprintln!("{e}");
                    }
                    // Warnings alone are said, and the picture is taken.
                    if problems.iter().any(|d| d.severity == Severity::Error) {
                        app.exit_code.store(1, Ordering::Relaxed);
                        cc.egui_ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
                app.screenshot_and_exit(out);
            }
            Ok(Box::new(app))
        }),
    );
    if let Err(e) = result {
        eprintln!("error: cannot open a window: {e}");
        eprintln!("(`chronoscope check`, `convert` and `export` work without a display.)");
        return ExitCode::FAILURE;
    }
    ExitCode::from(exit_code.load(Ordering::Relaxed))
}
