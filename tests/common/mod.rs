//! Helpers shared by the integration tests: fixture paths, `.expect` files,
//! and running the built binary without a display.

// Each test crate includes this module and uses a different subset of it.
#![allow(dead_code)]

pub mod window;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `tests/fixtures/<path>`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// The fixture files of `tests/fixtures/<dir>`, sorted: not `.expect`
/// files, not subdirectories. Panics when there are none.
pub fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let dir = fixture(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x != "expect"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// Runs the built `chronoscope` with no display, as `check`, `convert` and
/// `export` must work.
pub fn chronoscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("cannot run chronoscope: {e}"))
}

/// The `LINE:COL: substring` lines of a fixture's `.expect` file.
pub fn expectations(path: &Path) -> Vec<(usize, usize, String)> {
    let text = std::fs::read_to_string(path.with_extension("expect"))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, ':');
            let mut number = || {
                parts
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| panic!("bad expect line {l}"))
            };
            let (line, col) = (number(), number());
            (
                line,
                col,
                parts.next().unwrap_or_default().trim().to_owned(),
            )
        })
        .collect()
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `chronoscope export -o OUT EXTRA…`, which must succeed; its
/// standard output (the report).
pub fn export_to(out: &Path, extra: &[&str]) -> String {
    let out_text = out.display().to_string();
    let mut args = vec!["export", "-o", out_text.as_str()];
    args.extend_from_slice(extra);
    let output = chronoscope(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
