//! The native event file and `chronoscope check`: fixtures, every error
//! class with its position, hostile input, and the seed timeline.

use std::path::{Path, PathBuf};

use chronoscope::io::{self, Diagnostic, Severity};
use chronoscope::time::Precision;
use common::{chronoscope, expectations};

mod common;

/// The fixtures of `tests/fixtures/native/<kind>`.
fn fixtures(kind: &str) -> Vec<PathBuf> {
    common::fixture_files(&format!("native/{kind}"))
}

fn assert_expected(path: &Path, diagnostics: &[Diagnostic]) {
    for (line, col, text) in expectations(path) {
        assert!(
            diagnostics.iter().any(|d| d.severity == Severity::Error
                && d.line == line
                && d.column == col
                && d.message.contains(&text)),
            "{}: expected an error at {line}:{col} containing {text:?}; got:\n{}",
            path.display(),
            diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn valid_fixtures_load_without_errors_or_warnings() {
    for path in fixtures("valid") {
        match io::load_path(&path) {
            Ok(loaded) => assert!(
                loaded.warnings.is_empty(),
                "{}: {:?}",
                path.display(),
                loaded.warnings
            ),
            Err(d) => panic!("{}: {d:?}", path.display()),
        }
    }
}

#[test]
fn invalid_and_semantic_fixtures_fail_at_the_right_place() {
    for path in fixtures("invalid").into_iter().chain(fixtures("semantic")) {
        match io::load_path(&path) {
            Ok(_) => panic!("{} loaded but should not", path.display()),
            Err(diagnostics) => assert_expected(&path, &diagnostics),
        }
    }
}

#[test]
fn check_prints_positions_and_exits_1_for_each_malformed_file() {
    for path in fixtures("invalid").into_iter().chain(fixtures("semantic")) {
        let name = path.display().to_string();
        let out = chronoscope(&["check", &name]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        for (line, col, text) in expectations(&path) {
            let prefix = format!("{name}:{line}:{col}: error: ");
            assert!(
                stderr
                    .lines()
                    .any(|l| l.starts_with(&prefix) && l.contains(&text)),
                "{name}: no `{prefix}…{text}` in:\n{stderr}"
            );
        }
    }
}

#[test]
fn check_summarises_the_seed() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/budapest-summit.json");
    let name = seed.display().to_string();
    let out = chronoscope(&["check", &name]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.trim(),
        format!("{name}: 13 events, 5 lanes, 2025-01-20 – 2025-11-23")
    );
}

#[test]
fn warnings_alone_exit_0_and_name_the_typo() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("typo.json");
    std::fs::write(
        &path,
        "{\"events\": [\n  {\"title\": \"x\", \"start\": \"2025\", \"descripton\": \"oops\"}\n]}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let name = path.display().to_string();
    let out = chronoscope(&["check", &name]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{name}:2:35: warning: unknown field \"descripton\""
        )),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `description`"), "{stderr}");

    // A typo in a required field is an error that also names the typo.
    std::fs::write(
        &path,
        "{\"events\": [{\"title\": \"x\", \"strat\": \"2025\"}]}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = chronoscope(&["check", &name]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean `start`") && stderr.contains("needs a `start`"),
        "{stderr}"
    );
}

#[test]
fn hostile_input_ends_in_a_clear_message() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "{\"events\": [{\"title\": \"x\", \"start\": \"2025-02-30\"}]}"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.json", Vec::new(), ":1:1: error: the file is empty"),
        ("spaces.json", b"  \n\n ".to_vec(), "error: the file is empty"),
        ("garbage.json", (0..=255_u8).cycle().take(10_000).collect(), ":1:1: error: the file holds binary data"),
        ("latin1.json", b"{\"events\": [{\"title\": \"caf\xe9\"}]}".to_vec(), ":1:27: error: the file is not valid UTF-8"),
        ("utf16.json", utf16, ":1:37: error: invalid `start` date"),
        (
            "deep.json",
            format!("{{\"events\": [{{\"title\": \"x\", \"start\": \"2025\", \"description\": {}{}}}]}}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            ":1:60: error: expected `description` to be a string, found an array",
        ),
        ("deep_root.json", "[".repeat(100_000).into_bytes(), ":1:1: error: expected a JSON object"),
        (
            "huge.json",
            format!("{{\"events\": [{{\"title\": \"{}\", \"start\": \"2025-13\"}}]}}", "x".repeat(50 * 1024 * 1024)).into_bytes(),
            "month 13 does not exist",
        ),
        ("unknown.txt", b"Just some prose.".to_vec(), "error: unrecognised file format"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        let out = chronoscope(&["check", &path.display().to_string()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let out = chronoscope(&["check", "/nonexistent/nothing.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("/nonexistent/nothing.json:1:1: error: cannot open the file")
    );
}

#[test]
fn seed_loads_with_every_event_and_honest_precision() {
    let loaded = io::load_seed().unwrap_or_else(|d| panic!("{d:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let t = &loaded.timeline;
    assert_eq!(t.events().len(), 13);
    assert_eq!(t.lanes().len(), 5);
    let event = |id: &str| t.event(t.find(id).unwrap_or_else(|| panic!("no event {id}")));
    assert_eq!(event("call").start().to_iso(), "2025-10-16");
    assert_eq!(event("peskov-denial").start().to_iso(), "2025-11-07");
    assert_eq!(
        event("peskov-denial")
            .status()
            .map(chronoscope::model::Status::as_str),
        Some("denied")
    );
    assert_eq!(
        event("rift-rumours")
            .status()
            .map(chronoscope::model::Status::as_str),
        Some("rumoured")
    );
    assert_eq!(
        event("no-concessions").start().precision(),
        Precision::Month
    );
    assert!(event("lavrov-rubio").description().contains("Marco Rubio"));
    assert!(
        t.events().all(|e| e.sources().len() > 0),
        "every event has a source"
    );
    let (start, end) = t.initial_view.as_ref().unwrap_or_else(|| panic!("no view"));
    assert_eq!(
        (start.to_iso().as_str(), end.to_iso().as_str()),
        ("2025-10-01", "2025-11-30")
    );
}

#[test]
fn lanes_are_inferred_in_order_of_first_appearance() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/native/valid/inferred_lanes.json");
    let t = io::load_path(&path)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .timeline;
    let ids: Vec<&str> = t.lanes().iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["B", "A", ""]);
    assert_eq!(t.event(0).links().len(), 1);
    assert_eq!(
        t.event(2).links().next().and_then(|l| l.label),
        Some("answers")
    );
    assert_eq!(t.event(3).date_text(), "Early January");
}

#[test]
fn declared_lanes_keep_their_colours_and_deep_time_parses() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/native/valid/deep_time.json");
    let t = io::load_path(&path)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .timeline;
    assert_eq!(
        t.lanes()[0].color.map(chronoscope::model::Rgb::to_hex),
        Some("#223344".to_owned())
    );
    assert_eq!(t.event(0).start().year_number(), -13_800_000_000);
    assert_eq!(t.event(1).start().year_number(), -4_540_000_000);
    assert!(t.event(1).approximate());
    assert_eq!(t.event(2).start().to_string(), "15 March 44 BCE");
    assert_eq!(t.event(2).sources().len(), 2);
    assert_eq!(t.eras().len(), 1);
    assert_eq!(t.eras()[0].start.to_string(), "509 BCE");
}

#[test]
fn native_round_trip_is_lossless() {
    for path in fixtures("valid")
        .into_iter()
        .chain([Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/budapest-summit.json")])
    {
        let first = io::load_path(&path)
            .unwrap_or_else(|d| panic!("{d:?}"))
            .timeline;
        let text = io::native::write(&first);
        let second = io::load_bytes("again.json", text.as_bytes())
            .unwrap_or_else(|d| panic!("{}: {d:?}\n{text}", path.display()))
            .timeline;
        assert_eq!(first, second, "{}", path.display());
        assert_eq!(io::native::write(&second), text);
    }
}

/// The README's example file, so the documentation cannot rot.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let start = readme
        .find("```json\n")
        .unwrap_or_else(|| panic!("no JSON example in the README"))
        + "```json\n".len();
    let end = readme[start..]
        .find("```")
        .unwrap_or_else(|| panic!("unterminated example"))
        + start;
    readme[start..end].to_owned()
}

#[test]
fn the_readme_example_loads_without_warnings() {
    let loaded = io::load_bytes("README.md", readme_example().as_bytes())
        .unwrap_or_else(|d| panic!("{d:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let t = &loaded.timeline;
    assert_eq!(t.events().len(), 3);
    assert_eq!(t.eras().len(), 1);
    assert_eq!(t.event(0).links().len(), 1);
    assert_eq!(t.event(2).start().offset_minutes(), Some(180));
}
