//! What Chronoscope remembers between runs (through eframe's storage,
//! together with the window size that eframe keeps itself).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::filters::Filters;
use crate::io::LoadOptions;

/// How many files Open Recent lists.
pub const MAX_RECENT: usize = 10;

/// The key under which settings are stored.
pub const STORAGE_KEY: &str = "chronoscope-settings";
/// The name eframe stores the window's state under (its folder is
/// `~/.local/share/chronoscope` on Linux).
pub const APP_ID: &str = "Chronoscope";

/// The version of the settings this build writes. Settings of a later
/// version are ignored (and left stored as they are) rather than misread.
pub const VERSION: u32 = 1;

/// The colour theme the user chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemePreference {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Persisted settings. `#[serde(default)]` keeps old stored settings
/// loadable when fields are added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Colour theme.
    pub theme: ThemePreference,
    /// The folder of the last export, proposed by the next save dialog.
    pub last_export_dir: Option<PathBuf>,
    /// Where File › Save Screenshot saves; `None` is the default (the
    /// Pictures folder's `Chronoscope` subfolder, or home).
    pub screenshot_dir: Option<PathBuf>,
    /// Reload the open file when it changes on disk (View › Reload
    /// Automatically).
    pub auto_reload: bool,
    /// The [`VERSION`] that wrote these settings (0 before versions).
    pub version: u32,
    /// Each recent file's find query and filters, restored when it opens.
    pub find: BTreeMap<PathBuf, SavedFind>,
    /// Each recent table file's columns, as chosen in its Columns dialog;
    /// used whenever it opens or reloads.
    pub columns: BTreeMap<PathBuf, LoadOptions>,
}

/// A file's find query and filters, remembered with its recent-files entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedFind {
    /// The query as typed.
    pub query: String,
    /// "Show only matches".
    pub show_only: bool,
    /// The sidebar's filters.
    pub filters: Filters,
}

impl Settings {
    /// Remembers `saved` for `path` (forgotten when empty), keeping entries
    /// only for the recent files.
    pub fn remember_find(&mut self, path: &Path, saved: SavedFind) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if saved == SavedFind::default() {
            self.find.remove(&path);
        } else {
            self.find.insert(path, saved);
        }
        let recent = &self.recent;
        self.find.retain(|p, _| recent.contains(p));
    }

    /// What was remembered for `path`.
    #[must_use]
    pub fn saved_find(&self, path: &Path) -> Option<&SavedFind> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.find.get(&path)
    }

    /// Remembers the columns chosen for the table file `path` (kept while it
    /// is a recent file). Default options are remembered too: they say the
    /// user confirmed what detection chose, so it is not asked again.
    pub fn remember_columns(&mut self, path: &Path, options: LoadOptions) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.columns.insert(path, options);
        let recent = &self.recent;
        self.columns.retain(|p, _| recent.contains(p));
    }

    /// The columns chosen for `path`, if any.
    #[must_use]
    pub fn saved_columns(&self, path: &Path) -> Option<&LoadOptions> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.columns.get(&path)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            theme: ThemePreference::default(),
            last_export_dir: None,
            screenshot_dir: None,
            auto_reload: true,
            version: 0,
            find: BTreeMap::new(),
            columns: BTreeMap::new(),
        }
    }
}

/// Just the version of stored settings, readable whatever else they hold.
#[derive(Deserialize)]
struct StoredVersion {
    #[serde(default)]
    version: u32,
}

/// Settings read from eframe's storage at start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// What to use.
    pub settings: Settings,
    /// Why the stored settings were not used, for the user.
    pub notice: Option<String>,
    /// True when the stored settings are from a later version: they must
    /// not be overwritten by this one's.
    pub keep_stored: bool,
}

/// Reads the settings stored in `storage`. Corrupt settings are replaced
/// by the defaults, settings of a later version are ignored and kept; both
/// with a notice. Never fails.
#[must_use]
pub fn restore(storage: Option<&dyn eframe::Storage>) -> Restored {
    let file = eframe::storage_dir(APP_ID).map(|dir| dir.join("app.ron"));
    restore_from(storage, file.as_deref())
}

/// As [`restore`], with the file eframe's storage was read from: when the
/// storage holds nothing of ours but that file has content, eframe could
/// not read it (it then starts empty and would write over it at exit), so
/// a copy is kept beside it and the user is told.
#[must_use]
pub fn restore_from(storage: Option<&dyn eframe::Storage>, file: Option<&Path>) -> Restored {
    let Some(storage) = storage else {
        return Restored::default();
    };
    if storage.get_string(STORAGE_KEY).is_none() {
        let unreadable = file.filter(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 0));
        let Some(file) = unreadable else {
            return Restored::default();
        };
        let mut kept = file.as_os_str().to_owned();
        kept.push(".unreadable");
        let kept = PathBuf::from(kept);
        let copy = match std::fs::copy(file, &kept) {
            Ok(_) => format!("; it is kept as {}", kept.display()),
            Err(e) => format!("; it could not be kept ({e})"),
        };
        return Restored {
            settings: Settings::default(),
            notice: Some(crate::escape::escape(&format!(
                "The saved settings in {} could not be read and were reset (recent files, theme, export folder){copy}",
                file.display()
            ))
            .into_owned()),
            keep_stored: false,
        };
    }
    match eframe::get_value::<StoredVersion>(storage, STORAGE_KEY) {
        Some(StoredVersion { version }) if version > VERSION => {
            return Restored {
                settings: Settings::default(),
                notice: Some(format!(
                    "The saved settings are from a newer Chronoscope (settings version {version}; this one reads {VERSION}): they are left as they are, and defaults are used"
                )),
                keep_stored: true,
            };
        }
        _ => {}
    }
    match eframe::get_value::<Settings>(storage, STORAGE_KEY) {
        Some(settings) => Restored {
            settings,
            ..Restored::default()
        },
        None => Restored {
            settings: Settings::default(),
            notice: Some(
                "The saved settings could not be read and were reset (recent files, theme, export folder)"
                    .to_owned(),
            ),
            keep_stored: false,
        },
    }
}

impl Settings {
    /// Puts `path` at the top of the recent files, keeping at most [`MAX_RECENT`].
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_capped() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.remember(Path::new(&format!("/nonexistent/{i}.json")));
        }
        s.remember(Path::new("/nonexistent/12.json"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("/nonexistent/12.json"));
        assert_eq!(
            s.recent.iter().filter(|p| p.ends_with("12.json")).count(),
            1
        );
    }

    #[test]
    fn old_settings_still_load() {
        let s: Settings = serde_json::from_str(r#"{"theme":"Dark"}"#).unwrap_or_default();
        assert_eq!(s.theme, ThemePreference::Dark);
        assert!(s.recent.is_empty());
        // Settings stored before these existed get the defaults.
        assert!(s.auto_reload, "reloading automatically is on by default");
        assert_eq!(s.screenshot_dir, None);
    }

    #[test]
    fn chosen_columns_are_kept_for_recent_files_only_and_round_trip() {
        let mut s = Settings::default();
        let (a, b) = (
            Path::new("/nonexistent/a.csv"),
            Path::new("/nonexistent/b.csv"),
        );
        s.remember(a);
        let options = LoadOptions {
            start_column: Some("when".into()),
            date_order: Some(crate::io::DateOrder::Mdy),
            single_lane: true,
            ..LoadOptions::default()
        };
        s.remember_columns(a, options.clone());
        s.remember_columns(b, LoadOptions::default());
        assert_eq!(s.saved_columns(a), Some(&options));
        assert_eq!(s.saved_columns(b), None, "not a recent file");
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert!(json.contains(r#""date_order":"mdy""#), "{json}");
        let back: Settings = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back.saved_columns(a), Some(&options));
    }
}
