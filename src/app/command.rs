//! What the user asked for. UI code only emits these; [`super::ChronoscopeApp::apply`]
//! carries them out in one place after the frame.

use std::path::PathBuf;

use crate::time::TimeRange;

use super::columns::ColumnsCommand;
use super::find::FindCommand;
use super::screenshot::ExportChoice;
use super::settings::ThemePreference;

/// One user intent.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// Show the Open dialog.
    OpenDialog,
    /// Open this file (from Open Recent, drag-and-drop or the command line).
    Open(PathBuf),
    /// Read the current file again.
    Reload,
    /// Switch View › Reload Automatically on or off.
    ToggleAutoReload,
    /// Stop the load in progress and keep what is shown.
    CancelLoad,
    /// Forget the recent files.
    ClearRecent,
    /// Save a screenshot of the window into the screenshot folder, asking
    /// nothing (File › Save Screenshot).
    SaveScreenshot,
    /// Ask where to save a screenshot of the window, then take it.
    SaveScreenshotAs,
    /// Take a screenshot of the window and save it here.
    Screenshot(PathBuf),
    /// Put a screenshot of the window on the clipboard.
    CopyScreenshot,
    /// Show this folder in the file manager.
    OpenFolder(PathBuf),
    /// Put this path on the clipboard as text.
    CopyPath(PathBuf),
    /// Ask for the folder Save Screenshot saves into.
    ChooseScreenshotFolder,
    /// Save screenshots here from now on (`None`: the default folder).
    SetScreenshotFolder(Option<PathBuf>),
    /// Show the Export image dialog.
    ExportImageDialog,
    /// Export with these options to this file.
    ExportTo(ExportChoice, PathBuf),
    /// Close the window.
    Quit,
    /// Zoom by `factor` (above 1 zooms in) around canvas x `x`: the time
    /// under it stays put. Relative, so several in one frame compose.
    ZoomAt {
        /// Canvas x, in points from the left edge.
        x: f64,
        /// Zoom factor.
        factor: f64,
    },
    /// Pan by `dx` points (positive moves the content right, showing
    /// earlier time), as a drag does.
    PanBy {
        /// Points.
        dx: f64,
    },
    /// Show exactly this stretch of time (a drag-to-zoom's range).
    ZoomTo {
        /// The range.
        range: TimeRange,
    },
    /// Fit every event.
    FitAll,
    /// Fit the selected event.
    FitSelected,
    /// Zoom around the centre (factor above 1 zooms in).
    ZoomCentre(f64),
    /// Pan by a fraction of the visible span (positive: later).
    PanFraction(f64),
    /// Scroll the lanes vertically by this many points (positive: down).
    ScrollLanes(f32),
    /// Select an event, or clear the selection.
    Select(Option<usize>),
    /// Switch the colour theme.
    SetTheme(ThemePreference),
    /// Show or hide the keyboard-shortcut list.
    ToggleShortcuts,
    /// Show or hide the About window.
    ToggleAbout,
    /// Close the error panel.
    DismissErrors,
    /// Find, filter and legend.
    Find(FindCommand),
    /// The Columns dialog of a table file.
    Columns(ColumnsCommand),
}
