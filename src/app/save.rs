//! Screenshots that always save: the screenshot folder (the XDG Pictures
//! folder's `Chronoscope` subfolder by default), file names from the
//! timeline's title and the time, and the image clipboard.
//!
//! Nothing here asks the user anything: File › Save Screenshot must work on
//! a machine with no desktop portal, no zenity and no clipboard, and say
//! exactly what happened.

use std::path::{Path, PathBuf};

use egui::ColorImage;

use super::screenshot::{SaveError, ShotTarget, save_color_image};

/// Name of the subfolder of the Pictures folder that screenshots go to.
pub const SUBFOLDER: &str = "Chronoscope";

/// What the default screenshot folder depends on, read from the process
/// environment by [`FolderEnv::from_process`] or given by a test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FolderEnv {
    /// `$HOME`.
    pub home: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME` (`~/.config` when unset).
    pub config_home: Option<PathBuf>,
    /// `$XDG_PICTURES_DIR`, when set in the environment.
    pub pictures: Option<String>,
}

impl FolderEnv {
    /// The environment of this process.
    #[must_use]
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        Self {
            home: var("HOME").map(PathBuf::from),
            config_home: var("XDG_CONFIG_HOME").map(PathBuf::from),
            pictures: var("XDG_PICTURES_DIR").map(|v| v.to_string_lossy().into_owned()),
        }
    }
}

/// The folder screenshots go to when the user has not chosen one: the
/// Pictures folder's `Chronoscope` subfolder, or the home folder when there
/// is no Pictures folder (or it is the home folder itself, which is how
/// `xdg-user-dirs` marks a disabled one). The subfolder is created when a
/// screenshot is saved, not here.
#[must_use]
pub fn default_folder(env: &FolderEnv) -> PathBuf {
    let home = env.home.clone().unwrap_or_else(|| PathBuf::from("."));
    match pictures_folder(env) {
        Some(pictures) if pictures != home => pictures.join(SUBFOLDER),
        _ => home,
    }
}

/// The Pictures folder, if there is one: `$XDG_PICTURES_DIR`, else its line
/// in `user-dirs.dirs`, else `~/Pictures`; in each case only if it exists.
fn pictures_folder(env: &FolderEnv) -> Option<PathBuf> {
    let home = env.home.as_deref();
    let configured = env
        .pictures
        .as_deref()
        .and_then(|value| expand_home(value, home))
        .or_else(|| {
            let config = env
                .config_home
                .clone()
                .or_else(|| home.map(|h| h.join(".config")))?;
            let text = std::fs::read_to_string(config.join("user-dirs.dirs")).ok()?;
            user_dirs_pictures(&text, home)
        });
    configured
        .or_else(|| home.map(|h| h.join("Pictures")))
        .filter(|p| p.is_dir())
}

/// The `XDG_PICTURES_DIR` entry of a `user-dirs.dirs` file: lines of the
/// form `XDG_PICTURES_DIR="$HOME/Pictures"` (a path relative to `$HOME` or
/// an absolute one), `#` comments and blank lines.
#[must_use]
pub fn user_dirs_pictures(text: &str, home: Option<&Path>) -> Option<PathBuf> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("XDG_PICTURES_DIR="))
        .filter_map(|value| {
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            expand_home(value, home)
        })
        .next_back()
}

/// `$HOME/x` or `${HOME}/x` with the home folder put in; absolute paths as
/// they are; anything else (a relative path) is not a folder to trust.
fn expand_home(value: &str, home: Option<&Path>) -> Option<PathBuf> {
    for prefix in ["$HOME", "${HOME}"] {
        if let Some(rest) = value.strip_prefix(prefix) {
            let rest = rest.trim_start_matches('/');
            return home.map(|h| {
                if rest.is_empty() {
                    h.to_path_buf()
                } else {
                    h.join(rest)
                }
            });
        }
    }
    let path = PathBuf::from(value);
    path.is_absolute().then_some(path)
}

/// `<title> <YYYY-MM-DD HH-MM-SS>.png`, the title made safe as a file name.
#[must_use]
pub fn file_name(title: &str, at: chrono::NaiveDateTime) -> String {
    format!(
        "{} {}.png",
        super::sanitize(title),
        at.format("%Y-%m-%d %H-%M-%S")
    )
}

/// `name` in `folder`, or `name (2)`, `name (3)` … when taken (two
/// screenshots within one second must not overwrite each other).
#[must_use]
pub fn free_path(folder: &Path, name: &str) -> PathBuf {
    let path = folder.join(name);
    if !path.exists() {
        return path;
    }
    let stem = Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    (2..10_000)
        .map(|n| folder.join(format!("{stem} ({n}).png")))
        .find(|p| !p.exists())
        .unwrap_or(path)
}

/// Saves `image` into `folder` (created when missing) under
/// [`file_name`]; returns the file written.
///
/// # Errors
/// [`SaveError::Write`] when the folder cannot be created or written, and
/// the other [`SaveError`]s of [`save_color_image`].
pub fn save_into_folder(
    image: &ColorImage,
    folder: &Path,
    title: &str,
    at: chrono::NaiveDateTime,
) -> Result<PathBuf, SaveError> {
    std::fs::create_dir_all(folder).map_err(|source| {
        SaveError::Write(crate::fsout::WriteError {
            path: folder.to_path_buf(),
            reason: format!("the folder cannot be created ({source})"),
            source,
        })
    })?;
    let path = free_path(folder, &file_name(title, at));
    save_color_image(&path, image)?;
    Ok(path)
}

/// What became of a screenshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivered {
    /// Written to this file, this many pixels wide and high.
    Saved {
        /// The file.
        path: PathBuf,
        /// Width and height in pixels (the window's physical pixels).
        size: [usize; 2],
    },
    /// Put on the clipboard.
    Copied {
        /// Width and height in pixels.
        size: [usize; 2],
    },
    /// Not saved or copied, and why (a sentence).
    Failed {
        /// What was being done: "saved" or "copied".
        action: &'static str,
        /// Why.
        reason: String,
    },
}

impl Delivered {
    /// The status-bar sentence.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Saved { path, size: [w, h] } => {
                format!("Saved screenshot to {} ({w}×{h} px)", path.display())
            }
            Self::Copied { size: [w, h] } => {
                format!("Copied a screenshot of the window ({w}×{h} px) to the clipboard")
            }
            Self::Failed { action, reason } => format!("Screenshot not {action}: {reason}"),
        }
    }
}

/// Carries out `target` with an arrived screenshot: writes the file, saves
/// into the folder, or copies to `clipboard`.
pub fn deliver(
    target: ShotTarget,
    image: Result<&ColorImage, &SaveError>,
    clipboard: &mut dyn ImageClipboard,
) -> Delivered {
    let action = if target == ShotTarget::Clipboard {
        "copied"
    } else {
        "saved"
    };
    let failed = |reason: String| Delivered::Failed { action, reason };
    let image = match image {
        Ok(image) => image,
        Err(e) => return failed(e.to_string()),
    };
    let size = image.size;
    match target {
        ShotTarget::File(path) => match save_color_image(&path, image) {
            Ok(()) => Delivered::Saved { path, size },
            Err(e) => failed(e.to_string()),
        },
        ShotTarget::Folder { folder, title, at } => {
            match save_into_folder(image, &folder, &title, at) {
                Ok(path) => Delivered::Saved { path, size },
                Err(e) => failed(e.to_string()),
            }
        }
        ShotTarget::Clipboard => match clipboard.set_image(image) {
            Ok(()) => Delivered::Copied { size },
            Err(reason) => failed(reason),
        },
    }
}

/// Somewhere an image can be copied to. The app owns one; tests put in
/// their own.
pub trait ImageClipboard {
    /// Puts `image` on the clipboard, or says why it could not.
    ///
    /// # Errors
    /// A sentence for the status bar.
    fn set_image(&mut self, image: &ColorImage) -> Result<(), String>;
}

/// The system clipboard through `arboard` (which egui itself uses), opened
/// on first use and kept open: on X11 the copied image is served from this
/// process for as long as the clipboard object lives.
#[derive(Default)]
pub struct SystemClipboard {
    clipboard: Option<arboard::Clipboard>,
}

impl ImageClipboard for SystemClipboard {
    fn set_image(&mut self, image: &ColorImage) -> Result<(), String> {
        if self.clipboard.is_none() {
            self.clipboard = Some(
                arboard::Clipboard::new()
                    .map_err(|e| format!("no clipboard is reachable on this system ({e})"))?,
            );
        }
        let Some(clipboard) = self.clipboard.as_mut() else {
            return Err("no clipboard is reachable on this system".to_owned());
        };
        let [width, height] = image.size;
        let bytes: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(egui::Color32::to_srgba_unmultiplied)
            .collect();
        clipboard
            .set_image(arboard::ImageData {
                width,
                height,
                bytes: bytes.into(),
            })
            .map_err(|e| format!("the clipboard refused the image ({e})"))
    }
}

/// Opens `folder` in the file manager, without waiting for it.
///
/// # Errors
/// A sentence for the status bar when no file manager could be started.
pub fn open_folder(folder: &Path) -> Result<(), String> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot open {} ({program}: {e})", folder.display()))
}

/// The status bar's "Open folder" and "Copy path" after a screenshot was saved.
pub fn saved_actions_ui(ui: &mut egui::Ui, path: &Path, out: &mut Vec<super::Command>) {
    if ui.small_button("Open folder").clicked()
        && let Some(folder) = path.parent()
    {
        out.push(super::Command::OpenFolder(folder.to_path_buf()));
    }
    if ui.small_button("Copy path").clicked() {
        out.push(super::Command::CopyPath(path.to_path_buf()));
    }
}

/// Screenshots in the app: File › Save Screenshot, Edit › Copy Screenshot,
/// and what is said when one arrives.
impl super::ChronoscopeApp {
    /// The folder File › Save Screenshot saves into: the one chosen in the
    /// settings, else [`default_folder`].
    #[must_use]
    pub fn screenshot_folder(&self) -> PathBuf {
        self.settings
            .screenshot_dir
            .clone()
            .unwrap_or_else(|| default_folder(&FolderEnv::from_process()))
    }

    /// Replaces the clipboard screenshots are copied to (tests use one that
    /// records, or one that is never reachable).
    pub fn set_clipboard(&mut self, clipboard: Box<dyn ImageClipboard>) {
        self.clipboard = clipboard;
    }

    /// The screenshot saved last, as the status bar offers it.
    #[must_use]
    pub fn saved_screenshot(&self) -> Option<&Path> {
        self.saved_screenshot.as_deref()
    }

    /// File › Save Screenshot: no dialog, straight into the folder.
    pub(super) fn save_screenshot(&mut self, ctx: &egui::Context) {
        let target = ShotTarget::Folder {
            folder: self.screenshot_folder(),
            title: self.doc.timeline.title.clone(),
            at: chrono::Local::now().naive_local(),
        };
        self.screenshot.request(ctx, target);
    }

    /// Takes an arrived screenshot to where it was meant for and says so.
    pub(super) fn poll_screenshot(&mut self, ctx: &egui::Context) {
        let Some((target, image)) = self.screenshot.poll(ctx) else {
            return;
        };
        let outcome = deliver(target, image.as_deref(), self.clipboard.as_mut());
        if self.screenshot.exit_after.is_some() {
            self.screenshot.finish_exit(ctx, &outcome, &self.exit_code);
        }
        self.set_status(outcome.message());
        if let Delivered::Saved { path, .. } = outcome {
            self.saved_screenshot = Some(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_opt(19, 5, 7))
            .unwrap_or_else(|| panic!("a valid date"))
    }

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_carry_the_title_and_the_time() {
        assert_eq!(
            file_name("The Budapest summit that wasn't", at()),
            "The Budapest summit that wasn't 2026-12-04 19-05-07.png"
        );
        assert_eq!(file_name("a/b: c?", at()), "a b c 2026-12-04 19-05-07.png");
        assert_eq!(file_name("", at()), "Timeline 2026-12-04 19-05-07.png");
    }

    #[test]
    fn user_dirs_file_is_read_like_xdg_user_dirs_writes_it() {
        let home = Path::new("/home/ana");
        let text = "# This file is written by xdg-user-dirs-update\n\
                    XDG_DESKTOP_DIR=\"$HOME/Desktop\"\n\
                    XDG_PICTURES_DIR=\"$HOME/Bilder\"\n";
        assert_eq!(
            user_dirs_pictures(text, Some(home)),
            Some(PathBuf::from("/home/ana/Bilder"))
        );
        let text = "XDG_PICTURES_DIR=\"/data/photos\"\n";
        assert_eq!(
            user_dirs_pictures(text, Some(home)),
            Some(PathBuf::from("/data/photos"))
        );
        assert_eq!(
            user_dirs_pictures("XDG_PICTURES_DIR=\"$HOME/\"", Some(home)),
            Some(home.to_path_buf())
        );
        assert_eq!(
            user_dirs_pictures("XDG_PICTURES_DIR=\"pics\"", Some(home)),
            None
        );
        assert_eq!(user_dirs_pictures("", Some(home)), None);
    }

    #[test]
    fn the_default_folder_is_pictures_chronoscope_or_home() {
        let home = temp();
        let env = FolderEnv {
            home: Some(home.path().to_path_buf()),
            config_home: Some(home.path().join("config")),
            pictures: None,
        };
        // No Pictures folder at all: the home folder.
        assert_eq!(default_folder(&env), home.path());
        // ~/Pictures exists: its Chronoscope subfolder.
        std::fs::create_dir(home.path().join("Pictures")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            default_folder(&env),
            home.path().join("Pictures").join(SUBFOLDER)
        );
        // user-dirs.dirs names another folder.
        std::fs::create_dir_all(home.path().join("config")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(home.path().join("Bilder")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            home.path().join("config/user-dirs.dirs"),
            "XDG_PICTURES_DIR=\"$HOME/Bilder\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            default_folder(&env),
            home.path().join("Bilder").join(SUBFOLDER)
        );
        // The environment variable wins; a disabled folder ($HOME) means home.
        let env = FolderEnv {
            pictures: Some("$HOME".to_owned()),
            ..env
        };
        assert_eq!(default_folder(&env), home.path());
    }

    #[test]
    fn saves_into_a_new_folder_without_overwriting() {
        let dir = temp();
        let folder = dir.path().join("Pictures").join(SUBFOLDER);
        let image = ColorImage::filled([8, 6], egui::Color32::from_rgb(1, 2, 3));
        let first =
            save_into_folder(&image, &folder, "Deep time", at()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first, folder.join("Deep time 2026-12-04 19-05-07.png"));
        let second =
            save_into_folder(&image, &folder, "Deep time", at()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(second, folder.join("Deep time 2026-12-04 19-05-07 (2).png"));
        let back = image::open(&second)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8();
        assert_eq!(back.dimensions(), (8, 6));

        // A folder that cannot be made (under a regular file) is an error
        // that names it, and nothing is written.
        let blocked = first.join("sub");
        let error = save_into_folder(&image, &blocked, "x", at())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(&blocked.display().to_string()), "{error}");
    }
}
