//! Writing output files safely. Every file Chronoscope writes (converted
//! timelines, exported images, screenshots) goes through [`write`] or
//! [`write_with`], which decide by what is already at the path:
//!
//! - nothing: a new file is created atomically (a temporary file in the same
//!   folder, flushed, renamed into place);
//! - a regular file: replaced atomically the same way, keeping its
//!   permissions and, where permitted, its owner and group; a file the user
//!   may not write is refused, as a shell redirection would;
//! - a symbolic link: the link stays and its final target is written,
//!   atomically, in the target's folder (a dangling link creates its target);
//! - a device or a FIFO, or an already open descriptor (`/dev/stdout`,
//!   `/dev/fd/N`, `/proc/self/fd/N`): written through directly, never
//!   replaced, so `-o /dev/stdout` works and `-o /dev/null` stays a device;
//! - a folder, a socket, a loop of links: refused with a message that says so.
//!
//! A failure never leaves a half-written file behind and never damages an
//! existing one (except, unavoidably, what was written through to a device).
//!
//! **Architecture invariant:** knows nothing of formats, of the window or of
//! the command line: bytes in, a file out.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A chain of symbolic links longer than this is treated as a loop (the
/// kernel's own limit on Linux).
const MAX_LINKS: usize = 40;

/// File names of temporary files are cut to this many bytes, so a long
/// target name still leaves room for the suffix under the usual 255.
const MAX_TEMP_STEM: usize = 128;

/// Why a file could not be written; nothing was left behind.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {reason}", path.display())]
pub struct WriteError {
    /// The target, as the caller named it.
    pub path: PathBuf,
    /// What is wrong, for a person: says what to change.
    pub reason: String,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

/// How a file was written (callers may ignore it; tests and messages use it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// A new file was created.
    Created,
    /// An existing regular file was replaced, keeping its permissions.
    Replaced,
    /// The path is a symbolic link; this, its final target, was written.
    ThroughLink(PathBuf),
    /// A device, FIFO or open descriptor was written in place.
    Direct,
}

/// What the path leads to, decided before anything is written.
enum Target {
    /// Nothing there yet: create it here.
    Create(PathBuf),
    /// A regular file to replace, with its metadata to keep.
    Replace(PathBuf, Metadata),
    /// Open and write in place. `append` for an already open descriptor,
    /// so output goes after whatever the shell's redirection holds.
    Direct { path: PathBuf, append: bool },
}

/// Writes `bytes` to `path` safely (see the module documentation).
///
/// # Errors
/// [`WriteError`] saying what to change: a missing or read-only folder, a
/// read-only file, a folder or socket in the way, a full disk.
pub fn write(path: &Path, bytes: &[u8]) -> Result<Written, WriteError> {
    write_with(path, |out| out.write_all(bytes))
}

/// Like [`write`], with the content produced by `content` into a buffered
/// writer, so large output need not be built in memory first.
///
/// # Errors
/// As [`write`]; an error returned by `content` is reported the same way.
pub fn write_with(
    path: &Path,
    content: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, WriteError> {
    let refuse = |reason: String, source: io::Error| WriteError {
        path: path.to_owned(),
        reason,
        source,
    };
    let target = resolve(path).map_err(|e| refuse(describe(&e, path, Step::Resolve), e))?;
    match target {
        Target::Direct {
            path: direct,
            append,
        } => {
            let file = OpenOptions::new()
                .write(true)
                .append(append)
                .open(&direct)
                .map_err(|e| refuse(describe(&e, &direct, Step::Open), e))?;
            let mut out = BufWriter::new(file);
            content(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| refuse(describe(&e, &direct, Step::Write), e))?;
            Ok(Written::Direct)
        }
        Target::Create(real) => {
            replace_file(&real, None, content)
                .map_err(|(step, e)| refuse(describe(&e, &real, step), e))?;
            Ok(if real == path {
                Written::Created
            } else {
                Written::ThroughLink(real)
            })
        }
        Target::Replace(real, meta) => {
            // A file the user may not write is not replaced behind their
            // back (renaming over it would succeed in a writable folder).
            // Opening without truncating changes nothing.
            OpenOptions::new()
                .write(true)
                .open(&real)
                .map_err(|e| refuse(describe(&e, &real, Step::Open), e))?;
            replace_file(&real, Some(&meta), content)
                .map_err(|(step, e)| refuse(describe(&e, &real, step), e))?;
            Ok(if real == path {
                Written::Replaced
            } else {
                Written::ThroughLink(real)
            })
        }
    }
}

/// Follows symbolic links to what `path` finally names.
fn resolve(path: &Path) -> io::Result<Target> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let meta = match fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Create(current)),
            Err(e) => return Err(e),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            if is_descriptor_link(&current) {
                // `/proc/self/fd/1` "points" at `pipe:[1234]` or at a file
                // the shell opened: only opening the link itself reaches it.
                return Ok(Target::Direct {
                    path: current,
                    append: true,
                });
            }
            let next = fs::read_link(&current)?;
            current = if next.is_absolute() {
                next
            } else {
                folder_of(&current).join(next)
            };
            continue;
        }
        if kind.is_file() {
            return Ok(Target::Replace(current, meta));
        }
        if kind.is_dir() {
            return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a folder"));
        }
        if is_socket(&meta) {
            return Err(io::Error::other(Refused::Socket));
        }
        // A character or block device, or a FIFO.
        return Ok(Target::Direct {
            path: current,
            append: false,
        });
    }
    Err(io::Error::other(Refused::LinkLoop))
}

/// What [`resolve`] refuses to write to, as the source of an `io::Error`.
#[derive(Debug, thiserror::Error)]
enum Refused {
    #[error("it is a socket; Chronoscope writes to files, devices and pipes only")]
    Socket,
    #[error("the path is a loop of symbolic links (or too long a chain of them)")]
    LinkLoop,
}

/// True for a link in a process's descriptor table (`/proc/N/fd/M`, also
/// reached as `/dev/fd/M` or `/dev/stdout`), whose "target" is no path.
fn is_descriptor_link(link: &Path) -> bool {
    let folder = fs::canonicalize(folder_of(link)).unwrap_or_default();
    folder.starts_with("/proc") && folder.file_name().is_some_and(|name| name == "fd")
}

#[cfg(unix)]
fn is_socket(meta: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_socket()
}

#[cfg(not(unix))]
fn is_socket(_meta: &Metadata) -> bool {
    false
}

/// The folder a path is in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Which step failed, so the message names the right culprit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Looking at what the path is.
    Resolve,
    /// Opening the target itself.
    Open,
    /// Creating the temporary file in the folder.
    Create,
    /// Writing or flushing the bytes.
    Write,
    /// Renaming the temporary file into place.
    Rename,
}

type StepResult<T> = Result<T, (Step, io::Error)>;

/// Writes a temporary file beside `real`, gives it the old file's owner and
/// mode (`keep`), makes it durable and renames it over `real`; on any
/// failure the temporary file is removed and `real` is untouched.
fn replace_file(
    real: &Path,
    keep: Option<&Metadata>,
    content: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> StepResult<()> {
    let (file, temp) = create_temp(real, keep.is_some()).map_err(|e| (Step::Create, e))?;
    let result = finish(file, &temp, real, keep, content);
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn finish(
    file: File,
    temp: &Path,
    real: &Path,
    keep: Option<&Metadata>,
    content: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> StepResult<()> {
    let mut out = BufWriter::new(file);
    content(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| (Step::Write, e))?;
    let file = out
        .into_inner()
        .map_err(|e| (Step::Write, e.into_error()))?;
    if let Some(meta) = keep {
        // Owner first: changing the owner clears set-id bits, which the
        // mode then restores.
        keep_owner(&file, meta);
        file.set_permissions(meta.permissions())
            .map_err(|e| (Step::Write, e))?;
    }
    file.sync_all().map_err(|e| (Step::Write, e))?;
    drop(file);
    fs::rename(temp, real).map_err(|e| (Step::Rename, e))?;
    // Make the rename itself durable; not every file system can sync a
    // folder, and the data is already safe, so a failure is ignored.
    if let Ok(folder) = File::open(folder_of(real)) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Gives `file` the owner and group of `meta` where permitted: root keeps
/// both; another user can often keep the group; otherwise the new file is
/// the user's own, as with any editor that saves by renaming.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _meta: &Metadata) {}

/// A new, exclusively created temporary file in `real`'s folder. It starts
/// private (0600) when it will replace a file, whose own mode is applied
/// once written, so the content is never readable by more people than the
/// old file allowed; a new file gets the usual 0666 less the umask.
fn create_temp(real: &Path, private: bool) -> io::Result<(File, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let folder = folder_of(real);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem: String = String::new();
    for c in name.chars() {
        if stem.len() + c.len_utf8() > MAX_TEMP_STEM {
            break;
        }
        stem.push(c);
    }
    let mut last = io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary name");
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{stem}.{}-{n}.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        set_mode(&mut options, if private { 0o600 } else { 0o666 });
        match options.open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

#[cfg(unix)]
fn set_mode(options: &mut OpenOptions, mode: u32) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(mode);
}

#[cfg(not(unix))]
fn set_mode(_options: &mut OpenOptions, _mode: u32) {}

/// A reason that says what to change, for an error at `step` on `path`.
fn describe(error: &io::Error, path: &Path, step: Step) -> String {
    let folder = folder_of(path).display().to_string();
    let at_the_target = matches!(step, Step::Open | Step::Resolve);
    match error.kind() {
        io::ErrorKind::NotFound => format!("the folder {folder} does not exist"),
        io::ErrorKind::NotADirectory => format!("{folder} is not a folder"),
        io::ErrorKind::PermissionDenied if at_the_target => {
            format!("the file is not writable ({error})")
        }
        io::ErrorKind::PermissionDenied => {
            format!("the folder {folder} is not writable ({error})")
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            format!("the folder {folder} is on a read-only file system")
        }
        io::ErrorKind::IsADirectory => "a folder of that name is in the way".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::QuotaExceeded => "the disk quota is exceeded".to_owned(),
        _ => match error.get_ref().and_then(|e| e.downcast_ref::<Refused>()) {
            Some(refused) => refused.to_string(),
            None => error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn entries(dir: &Path) -> usize {
        fs::read_dir(dir).map_or(0, Iterator::count)
    }

    #[test]
    fn creates_and_replaces_leaving_no_temporary_files() {
        let dir = dir();
        let path = dir.path().join("out.json");
        assert_eq!(write(&path, b"one").ok(), Some(Written::Created));
        assert_eq!(write(&path, b"two").ok(), Some(Written::Replaced));
        assert_eq!(read(&path), "two");
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_alone() {
        let dir = dir();
        let path = dir.path().join("out.json");
        write(&path, b"good").unwrap_or_else(|e| panic!("{e}"));
        let error = write_with(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("the renderer gave up"))
        })
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(error.contains("the renderer gave up"), "{error}");
        assert_eq!(read(&path), "good");
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn folders_in_the_way_and_missing_folders_are_explained() {
        let dir = dir();
        let error = write(dir.path(), b"x").err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("a folder of that name is in the way")),
            "{error:?}"
        );
        let missing = dir.path().join("no/such/x.json");
        let error = write(&missing, b"x").err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("does not exist")),
            "{error:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = dir();
        let path = dir.path().join("private.json");
        fs::write(&path, "s").unwrap_or_else(|e| panic!("{e}"));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
            .unwrap_or_else(|e| panic!("{e}"));
        write(&path, b"new").unwrap_or_else(|e| panic!("{e}"));
        let mode = fs::metadata(&path).map_or(0, |m| m.permissions().mode());
        assert_eq!(mode & 0o7777, 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))
            .unwrap_or_else(|e| panic!("{e}"));
        write(&path, b"newer").unwrap_or_else(|e| panic!("{e}"));
        let mode = fs::metadata(&path).map_or(0, |m| m.permissions().mode());
        assert_eq!(mode & 0o7777, 0o640);
        assert_eq!(read(&path), "newer");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_and_its_target_is_written() {
        let dir = dir();
        let real_dir = dir.path().join("real");
        fs::create_dir(&real_dir).unwrap_or_else(|e| panic!("{e}"));
        let target = real_dir.join("target.json");
        fs::write(&target, "old").unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real/target.json", &link).unwrap_or_else(|e| panic!("{e}"));
        let how = write(&link, b"new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            how,
            Written::ThroughLink(dir.path().join("real/target.json"))
        );
        assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(read(&target), "new");
        // The temporary file was beside the target, and is gone.
        assert_eq!(entries(&real_dir), 1);
        // A dangling link creates its target.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("real/new.json", &dangling).unwrap_or_else(|e| panic!("{e}"));
        write(&dangling, b"fresh").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&real_dir.join("new.json")), "fresh");
        // A loop is refused.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap_or_else(|e| panic!("{e}"));
        let error = write(&a, b"x").err().map(|e| e.to_string());
        assert!(
            error.as_deref().is_some_and(|e| e.contains("loop")),
            "{error:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_through_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = dir();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let reader_path = fifo.clone();
        let reader = std::thread::spawn(move || fs::read(&reader_path));
        let how = write(&fifo, b"through the pipe").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(how, Written::Direct);
        let got = reader.join().ok().and_then(Result::ok).unwrap_or_default();
        assert_eq!(got, b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo()));
        assert_eq!(entries(dir.path()), 1);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_through_and_stay_devices() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        assert_eq!(write(null, b"gone").ok(), Some(Written::Direct));
        assert!(fs::symlink_metadata(null).is_ok_and(|m| m.file_type().is_char_device()));
        // A full device is a clear error, not a success.
        let error = write(Path::new("/dev/full"), b"x")
            .err()
            .map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("the disk is full")),
            "{error:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_is_refused() {
        let dir = dir();
        let path = dir.path().join("sock");
        let _listener =
            std::os::unix::net::UnixListener::bind(&path).unwrap_or_else(|e| panic!("{e}"));
        let error = write(&path, b"x").err().map(|e| e.to_string());
        assert!(
            error.as_deref().is_some_and(|e| e.contains("socket")),
            "{error:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_open_descriptor_is_appended_to() {
        use std::os::fd::AsRawFd;
        let dir = dir();
        let path = dir.path().join("redirected.txt");
        let file = File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        let link = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        if !link.exists() {
            return; // No /proc here.
        }
        let mut handle = &file;
        handle
            .write_all(b"before ")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(write(&link, b"after").ok(), Some(Written::Direct));
        assert_eq!(read(&path), "before after");
        // The file the descriptor names was not replaced.
        assert_eq!(entries(dir.path()), 1);
    }
}
