//! `chronoscope convert IN -o OUT.json`: every supported file becomes a
//! native file that loads back to the same timeline, and a native file
//! converts to itself. Checked through the library and through the binary.

use std::path::{Path, PathBuf};

use chronoscope::io::{self, Format};
use common::chronoscope;

mod common;

/// The loadable fixtures of every format (not the invalid ones).
fn valid_fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "native/valid",
        "timelinejs",
        "timelinejs_csv",
        "thetimelineproj",
        "vis",
        "tables",
        "ics",
    ] {
        files.extend(common::fixture_files(dir));
    }
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/budapest-summit.json"));
    files
}

#[test]
fn converted_files_load_back_to_the_same_timeline() {
    for path in valid_fixtures() {
        let first = io::load_path(&path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let json = io::native::write(&first.timeline);
        let second = io::load_bytes("converted.json", json.as_bytes())
            .unwrap_or_else(|d| panic!("{}: {d:?}\n{json}", path.display()));
        assert_eq!(second.format, Format::Native, "{}", path.display());
        assert!(
            second.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            second.warnings
        );
        assert_eq!(
            first.timeline.to_events(),
            second.timeline.to_events(),
            "{}: events",
            path.display()
        );
        assert_eq!(first.timeline, second.timeline, "{}", path.display());
        // Converting the converted file changes nothing more.
        assert_eq!(
            io::native::write(&second.timeline),
            json,
            "{}",
            path.display()
        );
    }
}

#[test]
fn converted_files_follow_the_published_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/chronoscope.schema.json");
    let schema_text = std::fs::read_to_string(&schema_path).unwrap_or_else(|e| panic!("{e}"));
    let schema: serde_json::Value =
        serde_json::from_str(&schema_text).unwrap_or_else(|e| panic!("{e}"));
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    for path in valid_fixtures() {
        let loaded = io::load_path(&path).unwrap_or_else(|d| panic!("{d:?}"));
        let json = io::native::write(&loaded.timeline);
        let value: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn converting_a_native_file_gives_its_content_back() {
    for path in valid_fixtures() {
        let original = io::load_path(&path).unwrap_or_else(|d| panic!("{d:?}"));
        if original.format != Format::Native {
            continue;
        }
        let json = io::native::write(&original.timeline);
        let again =
            io::load_bytes("again.json", json.as_bytes()).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(original.timeline, again.timeline, "{}", path.display());
    }
}

#[test]
fn convert_command_writes_native_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (i, path) in valid_fixtures().into_iter().enumerate() {
        let input = path.display().to_string();
        let output = dir.path().join(format!("out-{i}.json"));
        let out = chronoscope(&["convert", &input, "-o", &output.display().to_string()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{input}: {stderr}");
        let expected = io::load_path(&path).unwrap_or_else(|d| panic!("{d:?}"));
        let n = expected.timeline.events().len();
        // "wrote 1 event", "wrote 13 events": counts agree in number.
        let wrote = format!(
            "wrote {}",
            chronoscope::numbers::count(n, chronoscope::numbers::EVENT)
        );
        assert!(stderr.contains(&wrote), "{input}: {stderr}");
        let converted = io::load_path(&output).unwrap_or_else(|d| panic!("{input}: {d:?}"));
        assert_eq!(converted.format, Format::Native);
        assert_eq!(converted.timeline, expected.timeline, "{input}");
    }
}

#[test]
fn convert_command_to_standard_output() {
    let path = common::fixture("timelinejs_csv").join("women.csv");
    let out = chronoscope(&["convert", &path.display().to_string(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0));
    let converted = io::load_bytes("stdout.json", &out.stdout).unwrap_or_else(|d| panic!("{d:?}"));
    let expected = io::load_path(&path).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(converted.timeline, expected.timeline);
}

#[test]
fn convert_command_refuses_malformed_files_with_positions() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = dir.path().join("never.json");
    let input = common::fixture("timelinejs_csv/invalid").join("bad_cells.csv");
    let name = input.display().to_string();
    let out = chronoscope(&["convert", &name, "-o", &output.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{name}:5:11: error: hour 25 does not exist")),
        "{stderr}"
    );
    assert!(!output.exists(), "nothing is written for a malformed file");
}
