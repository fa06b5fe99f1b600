//! Live reload: the open file is watched (View › Reload Automatically, on
//! by default) and read again in the background when it changes on disk,
//! keeping the view, the selection and the filters. A save that breaks the
//! file keeps the last good timeline on screen with the error panel.

use std::path::{Path, PathBuf};

use crate::watch::{FileWatcher, Poll};

/// The watch on the open file, and what is waiting to happen.
#[derive(Debug, Default)]
pub struct AutoReload {
    /// The file watched and its watcher.
    watcher: Option<FileWatcher>,
    /// The file we failed to watch (so the failure is said once).
    failed: Option<PathBuf>,
    /// A change arrived while a load was running: reload when it ends.
    wanted: bool,
    /// True while the load in progress is a reload of the open file (by
    /// hand or on a change), which keeps the view, the selection and the
    /// filters.
    pub(super) reloading: bool,
}

impl AutoReload {
    /// The file being watched.
    #[must_use]
    pub fn watched(&self) -> Option<&Path> {
        self.watcher.as_ref().map(FileWatcher::path)
    }
}

impl super::ChronoscopeApp {
    /// The file watched for live reload, if any.
    #[must_use]
    pub fn watched_file(&self) -> Option<&Path> {
        self.auto_reload.watched()
    }

    /// Keeps the watch on the open file (or none) and reloads it when it
    /// changed. Called once per frame.
    pub(super) fn poll_watch(&mut self, ctx: &egui::Context) {
        self.sync_watch(ctx);
        let Some(watcher) = self.auto_reload.watcher.as_mut() else {
            return;
        };
        match watcher.poll() {
            Poll::Idle => {}
            Poll::Settling(after) => ctx.request_repaint_after(after),
            Poll::Changed => self.auto_reload.wanted = true,
        }
        if self.auto_reload.wanted
            && self.loader.is_none()
            && let Some(path) = self.doc.path.clone()
        {
            self.auto_reload.wanted = false;
            self.reload(&path, ctx);
        }
    }

    /// Starts, moves or stops the watch so it follows the open file and the
    /// setting.
    fn sync_watch(&mut self, ctx: &egui::Context) {
        let wanted = self.doc.path.clone().filter(|_| self.settings.auto_reload);
        let Some(path) = wanted else {
            self.auto_reload.watcher = None;
            self.auto_reload.wanted = false;
            return;
        };
        let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        if self.auto_reload.watched() == Some(absolute.as_path())
            || self.auto_reload.failed.as_ref() == Some(&path)
        {
            return;
        }
        let wake = ctx.clone();
        match FileWatcher::new(&path, move || wake.request_repaint()) {
            Ok(watcher) => {
                self.auto_reload.watcher = Some(watcher);
                self.auto_reload.failed = None;
            }
            Err(e) => {
                self.auto_reload.watcher = None;
                self.auto_reload.failed = Some(path);
                self.set_status(format!("Not reloading automatically: {e}"));
            }
        }
    }
}
