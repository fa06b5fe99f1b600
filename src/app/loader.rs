//! Loading files off the UI thread, with progress. The reading itself is
//! [`io::load_path_previewed`], the same code the command line uses, with
//! the file's table options and a preview of a table's columns.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::io::{self, Diagnostic, LoadOptions, Loaded, Previewed, Severity};

/// What a loading thread and the window share: how far it got, and
/// whether the user cancelled.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Bytes read plus bytes parsed (each half of the bar).
    pub done: AtomicU64,
    /// Set by [`Loader::cancel`]; the loading thread stops at its next check.
    pub cancel: AtomicBool,
}

/// A file being loaded in the background.
#[derive(Debug)]
pub struct Loader {
    /// The file.
    pub path: PathBuf,
    read: Arc<LoadProgress>,
    /// File size (0 when unknown).
    pub total: u64,
    /// The table options it is read with.
    pub options: LoadOptions,
    rx: Receiver<Previewed>,
}

impl Loader {
    /// Starts loading `path` with the table `options`; `wake` is called
    /// when the result is ready so the UI repaints.
    pub fn start(path: &Path, options: LoadOptions, wake: impl Fn() + Send + 'static) -> Self {
        let job_options = options.clone();
        let mut loader = Self::spawn_previewed(
            path,
            move |path, progress| load(path, &job_options, progress),
            wake,
        );
        loader.options = options;
        loader
    }

    /// Runs `job` (reading `path`, reporting progress) on a background
    /// thread. A panic in it is caught and becomes an error diagnostic, so
    /// a bug in a reader costs the load, never the window or what it shows.
    pub fn spawn(
        path: &Path,
        job: impl FnOnce(&Path, &LoadProgress) -> Result<Loaded, Vec<Diagnostic>> + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        Self::spawn_previewed(
            path,
            move |path, progress| Previewed {
                result: job(path, progress),
                preview: None,
            },
            wake,
        )
    }

    /// As [`Self::spawn`], for a job that also previews a table.
    fn spawn_previewed(
        path: &Path,
        job: impl FnOnce(&Path, &LoadProgress) -> Previewed + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let read = Arc::new(LoadProgress::default());
        let total = std::fs::metadata(path).map_or(0, |m| m.len());
        let thread_path = path.to_path_buf();
        let thread_read = Arc::clone(&read);
        let spawned = std::thread::Builder::new()
            .name("chronoscope-load".into())
            .spawn(move || {
                let result = catch_unwind(AssertUnwindSafe(|| job(&thread_path, &thread_read)))
                    .unwrap_or_else(|panic| {
                        failed(whole_file(
                            &thread_path,
                            format!(
                                "internal error while loading ({}); nothing was changed — please report this with the file",
                                panic_message(panic.as_ref())
                            ),
                        ))
                    });
                // The receiver is gone only if the app closed meanwhile.
                let _ = tx.send(result);
                wake();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = channel();
            let _ = tx.send(failed(whole_file(
                path,
                format!("cannot start loading: {e}"),
            )));
            return Self {
                path: path.to_path_buf(),
                read,
                total,
                options: LoadOptions::default(),
                rx: rx2,
            };
        }
        Self {
            path: path.to_path_buf(),
            read,
            total,
            options: LoadOptions::default(),
            rx,
        }
    }

    /// Asks the loading thread to stop; its result will not be applied.
    pub fn cancel(&self) {
        self.read.cancel.store(true, Ordering::Relaxed);
    }

    /// Fraction done, 0–1: reading is the first half, parsing the second.
    #[must_use]
    pub fn progress(&self) -> f32 {
        if self.total == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)] // A progress bar needs no more.
        let fraction = self.read.done.load(Ordering::Relaxed) as f32 / (2 * self.total) as f32;
        fraction.clamp(0.0, 1.0)
    }

    /// The result (with a table's preview), once it is there.
    #[must_use]
    pub fn poll(&self) -> Option<Previewed> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(failed(whole_file(
                &self.path,
                "loading stopped unexpectedly".to_owned(),
            ))),
        }
    }

    /// Blocks until the result is there (for tests and `--screenshot`).
    #[must_use]
    pub fn wait(&self) -> Previewed {
        self.rx.recv().unwrap_or_else(|_| {
            failed(whole_file(
                &self.path,
                "loading stopped unexpectedly".to_owned(),
            ))
        })
    }
}

/// A load that failed before anything was read.
fn failed(error: Diagnostic) -> Previewed {
    Previewed {
        result: Err(vec![error]),
        preview: None,
    }
}

fn whole_file(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        file: path.display().to_string(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        message,
    }
}

fn load(path: &Path, options: &LoadOptions, progress: &LoadProgress) -> Previewed {
    let total = std::fs::metadata(path).map_or(0, |m| m.len());
    io::load_path_previewed(path, options, |phase, bytes| {
        let base = match phase {
            io::LoadPhase::Reading => 0,
            io::LoadPhase::Parsing => total,
        };
        progress.done.store(base + bytes, Ordering::Relaxed);
        !progress.cancel.load(Ordering::Relaxed)
    })
}

/// The text a panic was raised with (`panic!("…")` gives a `&str` or a
/// `String`; anything else is unnamed).
#[must_use]
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .map_or_else(
            || "a panic".to_owned(),
            |m| crate::io::diag::escape(&m).into_owned(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_loading_is_an_error_not_a_crash() {
        let loader = Loader::spawn(Path::new("boom.json"), |_, _| panic!("reader bug"), || {});
        let error = loader.wait().result.err().unwrap_or_default();
        assert_eq!(error.len(), 1);
        assert!(
            error[0]
                .to_string()
                .starts_with("boom.json:1:1: error: internal error while loading (reader bug)"),
            "{error:?}"
        );
    }
}
