//! Hostile and careless input through the binary: terminal escapes in a
//! file never reach the terminal, a warnings-only file exits 0 with its
//! summary, huge negative years keep their sign, stdout errors never
//! panic, non-web source URLs are never links, and a file too large for
//! the memory is refused before it is read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chronoscope::io;
use common::{chronoscope, temp_dir};

mod common;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/budapest-summit.json")
}

/// True when `text` holds a byte that a terminal would obey: C0 controls
/// other than newline, DEL, C1 controls, bidi and invisible characters.
fn has_terminal_control(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && chronoscope::io::diag::is_unsafe(c))
}

#[test]
fn terminal_escapes_in_a_file_are_quoted_and_escaped() {
    let dir = temp_dir();
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let json = format!(
        r#"{{"events": [
  {{"title": "a", "start": {date}, "lane": "x", "links": [{{"to": {date}}}]}},
  {{"title": "b", "start": "2025", {key}: 1, "sources": [{{"url": "javascript:{esc}"}}]}}
]}}"#,
        date = serde_json::to_string(evil).unwrap_or_default(),
        key = serde_json::to_string(&format!("x{evil}\u{202e}")).unwrap_or_default(),
        esc = r"\u001b[31m"
    );
    let path = write(dir.path(), "evil.json", &json);
    let output = chronoscope(&["check", &path.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        !has_terminal_control(&err),
        "raw control characters: {err:?}"
    );
    assert!(
        err.contains(r#"invalid `start` date: "\u{1b}]0;pwned\u{7}\u{1b}[2J" is not a date"#),
        "{err}"
    );
    assert!(err.contains(r#"unknown field "x\u{1b}]0;pwned"#), "{err}");
    assert!(err.contains(r"\u{202e}"), "{err}");

    // CSV column names, and a value long enough to be shortened.
    let long = "Z".repeat(500);
    let csv = format!("Year,Headline,Col\u{1b}[2J,{long}\n2020,x,,\n");
    let path = write(dir.path(), "evil.csv", &csv);
    let output = chronoscope(&["check", &path.to_string_lossy()]);
    let err = stderr(&output);
    assert!(!has_terminal_control(&err), "{err:?}");
    assert!(err.contains(r#"unknown column "col\u{1b}[2j""#), "{err}");
    assert!(err.contains(&format!("\"{}…\"", "z".repeat(48))), "{err}");
    assert!(err.lines().all(|l| l.len() < 300), "{err}");

    // Timeline XML element names and categories.
    let xml = format!(
        "<?xml version=\"1.0\"?><timeline><version>2.0</version><x{}y/></timeline>",
        "\u{85}"
    );
    let path = write(dir.path(), "evil.timeline", &xml);
    let err = stderr(&chronoscope(&["check", &path.to_string_lossy()]));
    assert!(!has_terminal_control(&err), "{err:?}");
}

#[test]
fn a_file_name_with_escapes_is_printed_escaped() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "a\u{1b}[2J.json",
        r#"{"events": [{"title": "a", "start": "2025"}]}"#,
    );
    let output = chronoscope(&["check", &path.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!has_terminal_control(&out), "{out:?}");
    assert!(out.contains(r"a\u{1b}[2J.json: 1 event"), "{out}");
}

#[test]
fn warnings_alone_exit_0_with_the_summary_and_the_cut_off_says_warnings() {
    let dir = temp_dir();
    let mut header = "Year,Headline".to_owned();
    for i in 0..150 {
        let _ = write!(header, ",Extra {i}");
    }
    let path = write(
        dir.path(),
        "wide.csv",
        &format!("{header}\n2020,An event\n"),
    );
    let output = chronoscope(&["check", &path.to_string_lossy()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        stdout(&output).contains("wide.csv (TimelineJS CSV): 1 event"),
        "{}",
        stdout(&output)
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), io::diag::MAX_DIAGNOSTICS + 1, "{err}");
    assert!(
        lines.iter().all(|l| l.contains(": warning: ")),
        "only warnings: {err}"
    );
    assert!(
        lines
            .last()
            .is_some_and(|l| l.ends_with("warning: … and 50 more warnings not shown")),
        "{err}"
    );
}

#[test]
fn huge_negative_years_keep_their_sign() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "deep.json",
        r#"{"events": [{"title": "a", "start": "-9223372036854775808"},
                       {"title": "b", "start": -99999999999999999999}]}"#,
    );
    let err = stderr(&chronoscope(&["check", &path.to_string_lossy()]));
    assert!(
        err.contains("year -9223372036854775808 is outside the supported range"),
        "{err}"
    );
    assert!(
        err.contains("year -99999999999999999999 is outside"),
        "{err}"
    );
    assert!(!err.contains("year 9223372036854775808"), "{err}");
    // The same parser reads --from.
    let out = dir.path().join("x.svg");
    let output = chronoscope(&[
        "export",
        "-o",
        &out.to_string_lossy(),
        "--from",
        "-9223372036854775808",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            r#"--from "-9223372036854775808" is not a date (year -9223372036854775808 is outside"#
        ),
        "{err}"
    );
}

#[test]
fn check_warns_about_source_urls_that_are_not_web_links() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "links.json",
        r#"{"events": [{"title": "a", "start": "2025", "sources": [
            {"name": "ok", "url": "http://a"},
            {"name": "js", "url": "javascript:alert(1)"},
            {"name": "file", "url": "file:///etc/passwd"},
            {"name": "bidi", "url": "https://example.org/\u202egpj.exe"}
        ]}]}"#,
    );
    let output = chronoscope(&["check", &path.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert_eq!(
        err.matches("is not a web link").count(),
        3,
        "javascript:, file: and the bidi URL, not http://a: {err}"
    );
    assert!(err.contains(r#""javascript:alert(1)""#), "{err}");
    assert!(err.contains(r"\u{202e}"), "{err}");

    // Importers keep such URLs as text, never as links.
    let tl = r#"{"events": [{"start_date": {"year": 2020}, "text": {"headline": "h"},
        "media": {"url": "javascript:alert(1)", "credit": "Credit"}}]}"#;
    let loaded = io::load_bytes("t.json", tl.as_bytes()).unwrap_or_else(|d| panic!("{d:?}"));
    let sources: Vec<_> = loaded.timeline.event(0).sources().collect();
    assert!(sources.iter().all(|s| s.url.is_none()), "{sources:?}");
    assert!(
        sources
            .iter()
            .any(|s| s.name.contains("javascript:alert(1)")),
        "{sources:?}"
    );
}

/// Runs `chronoscope ARGS` with standard output read by `head -c1`, so the
/// pipe closes after one byte; returns chronoscope's exit status and stderr.
fn into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let head = Command::new("head")
        .arg("-c1")
        .stdin(out)
        .stdout(Stdio::null())
        .status();
    assert!(head.is_ok_and(|s| s.success()));
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (output.status.code(), stderr(&output))
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = temp_dir();
    // More output than a pipe holds (64 KiB), so the writes must meet the
    // closed pipe.
    let mut csv = "Year,Month,Day,Headline,Text\n".to_owned();
    for i in 0..3000 {
        let _ = writeln!(
            csv,
            "{},1,1,Event number {i},Some text for event {i}",
            1000 + i
        );
    }
    let rows = write(dir.path(), "rows.csv", &csv);
    for args in [
        vec!["convert", &*rows.to_string_lossy(), "-o", "-"],
        vec!["convert", &*rows.to_string_lossy(), "-o", "/dev/stdout"],
    ] {
        let args: Vec<&str> = args.iter().map(|s| &**s).collect();
        let (code, err) = into_closed_pipe(&args);
        assert!(matches!(code, Some(0 | 141)), "{args:?}: {code:?} {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("Broken pipe"), "quietly: {err}");
    }
    // `check many files | head -1`: 2000 summary lines.
    let seed = seed();
    let seed = seed.to_string_lossy();
    let mut args = vec!["check"];
    args.extend(std::iter::repeat_n(&*seed, 2000));
    let (code, err) = into_closed_pipe(&args);
    assert!(matches!(code, Some(0 | 141)), "{code:?} {err}");
    assert!(!err.contains("panicked"), "{err}");
    // `generate -o - | head` and an image on standard output, likewise.
    for args in [
        vec!["generate", "100000", "-o", "-"],
        vec!["export", "-o", "-", "--format", "png", "--all"],
    ] {
        let (code, err) = into_closed_pipe(&args);
        assert!(matches!(code, Some(0 | 141)), "{args:?}: {code:?} {err}");
        assert!(!err.contains("Broken pipe"), "quietly: {err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_one_line_and_exit_1() {
    let seed = seed();
    for args in [
        vec!["check", &*seed.to_string_lossy()],
        vec!["convert", &*seed.to_string_lossy(), "-o", "-"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap_or_else(|e| panic!("{e}"));
        let output = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
            .args(&args)
            .stdout(full)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{err}");
        assert!(
            lines[0].starts_with("error: cannot write to standard output: "),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_too_large_for_the_memory_is_refused_before_reading() {
    // A sparse 1.5 GB file (no disk used), checked with a 2 GB address
    // space: loading it would need several times its size.
    let dir = temp_dir();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    std::io::Write::write_all(&mut &file, b"{\"events\": [").unwrap_or_else(|e| panic!("{e}"));
    file.set_len(1_500_000_000)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let started = std::time::Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000 && exec '{}' check '{}'",
            env!("CARGO_BIN_EXE_chronoscope"),
            path.display()
        ))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "huge.json:1:1: error: the file is too large for this machine's memory: it is 1.5 GB"
        ),
        "{err}"
    );
    assert!(err.contains("is available"), "{err}");
    assert!(started.elapsed().as_secs() < 10, "refused without reading");
}

/// A hang guard, not a speed target: work that grew with the square of the
/// input (found while hardening) took over a minute here; it is linear now
/// and takes well under a second, so 30 s only catches a return of the bug.
#[test]
fn many_copies_of_one_id_or_unknown_lanes_do_not_hang() {
    let started = std::time::Instant::now();
    let mut events = String::new();
    for i in 0..20_000 {
        if i > 0 {
            events.push(',');
        }
        events.push_str(
            r#"{"unique_id": "a", "start_date": {"year": 2000}, "text": {"headline": "h"}}"#,
        );
    }
    let text = format!(r#"{{"events": [{events}]}}"#);
    let loaded = io::load_bytes("dup.json", text.as_bytes()).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(loaded.timeline.events().len(), 20_000);
    let ids: std::collections::HashSet<String> = loaded
        .timeline
        .events()
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(ids.len(), 20_000, "ids stay unique");

    // 20,000 declared lanes and 20,000 events naming unknown ones.
    let mut lanes = String::new();
    let mut events = String::new();
    for i in 0..20_000 {
        if i > 0 {
            lanes.push(',');
            events.push(',');
        }
        let _ = write!(lanes, r#"{{"id": "l{i}"}}"#);
        let _ = write!(
            events,
            r#"{{"title": "e", "start": "2000", "lane": "x{i}"}}"#
        );
    }
    let text = format!(r#"{{"lanes": [{lanes}], "events": [{events}]}}"#);
    let errors = io::load_bytes("lanes.json", text.as_bytes())
        .err()
        .unwrap_or_default();
    assert!(
        errors[0].message.ends_with(r#""l8", "l9", and 19990 more"#),
        "{}",
        errors[0].message
    );
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn edtf_errors_quote_the_date_escaped_and_shortened() {
    for hostile in [
        format!("\u{1b}]0;pwned\u{7}{}", "9".repeat(5000)),
        format!("2025-01-01/{}\u{1b}[2J", "9".repeat(5000)),
        format!("2025/2024\u{202e}{}", "1".repeat(5000)),
    ] {
        let error = chronoscope::time::Edtf::parse(&hostile)
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(!error.is_empty(), "{hostile:?} parsed");
        assert!(!has_terminal_control(&error), "{error:?}");
        assert!(error.len() < 300, "{error}");
    }
}
