//! Watching one file for changes, debounced: the window's live reload and
//! `chronoscope export --watch` both use it.
//!
//! The file's *folder* is watched, not the file: editors save by writing a
//! temporary file and renaming it over the original (which ends a watch on
//! the file itself), and some tools delete and recreate the file. Events
//! for other names in the folder are ignored, and a burst of events (one
//! save is often several) becomes one change once the file has been quiet
//! for [`DEBOUNCE`].
//!
//! **Architecture invariant:** knows nothing of formats, the model or egui;
//! it only says "this path changed".

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long a file must be quiet after an event before it counts as changed.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// What [`FileWatcher::poll`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poll {
    /// Nothing happened.
    Idle,
    /// Something happened; ask again after this long (the burst may go on).
    Settling(Duration),
    /// The file changed and has settled: read it now.
    Changed,
}

/// A watch on one file, through its folder.
pub struct FileWatcher {
    path: PathBuf,
    /// Kept alive for as long as the watch should last.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<()>,
    last_event: Option<Instant>,
}

impl std::fmt::Debug for FileWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatcher")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl FileWatcher {
    /// Starts watching `path`; `wake` is called (on another thread) on each
    /// event for it, so a UI can poll.
    ///
    /// # Errors
    /// A sentence saying why the folder cannot be watched (it does not
    /// exist, or the system's limit on watches is reached).
    pub fn new(path: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        // A relative path must keep meaning the same file if the working
        // folder changes; the folder must exist to be watched.
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Some(name) = path.file_name().map(OsString::from) else {
            return Err(format!("{} is not a file", path.display()));
        };
        let (tx, events) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                if is_change(event.kind)
                    && event.paths.iter().any(|p| p.file_name() == Some(&*name))
                {
                    // The receiver is gone only once the watcher is dropped.
                    let _ = tx.send(());
                    wake();
                }
            })
            .map_err(|e| format!("cannot watch {} for changes: {e}", path.display()))?;
        watcher
            .watch(&folder, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {} for changes: {e}", folder.display()))?;
        Ok(Self {
            path,
            _watcher: watcher,
            events,
            last_event: None,
        })
    }

    /// The file watched (absolute).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file changed and settled, without blocking. A file that
    /// is gone when it settles (deleted, not yet recreated) is not a change:
    /// the watch goes on and its recreation will be.
    pub fn poll(&mut self) -> Poll {
        while self.events.try_recv().is_ok() {
            self.last_event = Some(Instant::now());
        }
        self.settle()
    }

    /// Blocks until the file changed and settled. Returns false if the
    /// watch ended (the watcher thread is gone).
    pub fn wait(&mut self) -> bool {
        loop {
            let received = match self.last_event {
                None => self
                    .events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
                Some(last) => self
                    .events
                    .recv_timeout(DEBOUNCE.saturating_sub(last.elapsed())),
            };
            match received {
                Ok(()) => self.last_event = Some(Instant::now()),
                Err(RecvTimeoutError::Timeout) => {
                    if self.settle() == Poll::Changed {
                        return true;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    fn settle(&mut self) -> Poll {
        let Some(last) = self.last_event else {
            return Poll::Idle;
        };
        let quiet = last.elapsed();
        if quiet < DEBOUNCE {
            return Poll::Settling(DEBOUNCE.saturating_sub(quiet));
        }
        self.last_event = None;
        if self.path.is_file() {
            Poll::Changed
        } else {
            Poll::Idle
        }
    }
}

/// Events that can mean new content: writes, creations, renames and
/// removals; not reads or metadata (an `atime` update is not a save).
fn is_change(kind: EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    match kind {
        EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Other => false,
        EventKind::Access(access) => matches!(access, AccessKind::Close(AccessMode::Write)),
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(_) | EventKind::Any => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Waits for the watcher to say `Changed`, up to five seconds.
    fn changed_within(watcher: &mut FileWatcher) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if watcher.poll() == Poll::Changed {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// True if nothing is reported for a while.
    fn quiet(watcher: &mut FileWatcher) -> bool {
        let deadline = Instant::now() + DEBOUNCE * 3;
        while Instant::now() < deadline {
            if watcher.poll() == Poll::Changed {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    #[test]
    fn writes_renames_and_recreation_are_changes_other_files_are_not() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("t.json");
        std::fs::write(&path, "1").unwrap_or_else(|e| panic!("{e}"));
        let mut watcher = FileWatcher::new(&path, || {}).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(watcher.poll(), Poll::Idle);

        std::fs::write(&path, "2").unwrap_or_else(|e| panic!("{e}"));
        assert!(changed_within(&mut watcher), "a write");
        assert!(quiet(&mut watcher), "one change per burst");

        // An editor's atomic save: write a temporary file, rename it over.
        let temp = dir.path().join(".t.json.swp");
        std::fs::write(&temp, "3").unwrap_or_else(|e| panic!("{e}"));
        std::fs::rename(&temp, &path).unwrap_or_else(|e| panic!("{e}"));
        assert!(changed_within(&mut watcher), "a rename over the file");

        // Deleted: not a change while it is gone; recreated: a change.
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(quiet(&mut watcher), "a deleted file is not reloaded");
        std::fs::write(&path, "4").unwrap_or_else(|e| panic!("{e}"));
        assert!(changed_within(&mut watcher), "recreated");

        // Other files in the folder are none of its business.
        std::fs::write(dir.path().join("other.json"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert!(quiet(&mut watcher), "another file");
    }

    #[test]
    fn wait_blocks_until_a_change_settles() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("t.json");
        std::fs::write(&path, "1").unwrap_or_else(|e| panic!("{e}"));
        let mut watcher = FileWatcher::new(&path, || {}).unwrap_or_else(|e| panic!("{e}"));
        let writer_path = path.clone();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            for i in 0..3 {
                let _ = std::fs::write(&writer_path, format!("{i}"));
                std::thread::sleep(Duration::from_millis(30));
            }
        });
        let started = Instant::now();
        assert!(watcher.wait());
        assert!(started.elapsed() >= Duration::from_millis(100) + DEBOUNCE);
        let _ = writer.join();
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let error = FileWatcher::new(Path::new("/nonexistent-chronoscope/t.json"), || {})
            .err()
            .unwrap_or_default();
        assert!(error.contains("/nonexistent-chronoscope"), "{error}");
    }
}
