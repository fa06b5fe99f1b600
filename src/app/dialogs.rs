//! What native dialogs answer (they run on their own threads, see
//! [`super::prompt`], so the window keeps painting while one is open), and
//! the file-name helpers shared with the Export image dialog.

use std::path::PathBuf;
use std::time::Duration;

/// A dialog that answers faster than this did not really open: there is no
/// portal or zenity to show it.
pub(super) const DIALOG_TOO_FAST: Duration = Duration::from_millis(250);
/// An answer from a native file dialog, which runs on its own thread (so
/// the window keeps painting while it is open).
#[derive(Debug)]
pub(super) struct DialogAnswer {
    /// What the path was asked for.
    pub(super) purpose: super::prompt::PromptFor,
    /// What the in-window field proposes if the dialog could not be shown.
    pub(super) proposed: PathBuf,
    /// The path picked; `None` when cancelled or not shown.
    pub(super) picked: Option<PathBuf>,
    /// How long the dialog was open: too fast means it never showed.
    pub(super) took: Duration,
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
