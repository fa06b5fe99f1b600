//! `chronoscope export -o OUT.pdf` (parsed back with lopdf: pages, paper
//! sizes, the events' titles as text, fonts embedded, same bytes twice) and
//! `chronoscope export --watch` (the real binary, a real file changed on
//! disk).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

use common::{export_to, temp_dir};

fn page_size(doc: &lopdf::Document) -> (f32, f32) {
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "one page");
    let page_id = pages
        .values()
        .next()
        .copied()
        .unwrap_or_else(|| panic!("no page"));
    let page = doc
        .get_dictionary(page_id)
        .unwrap_or_else(|e| panic!("{e}"));
    let media = page
        .get(b"MediaBox")
        .and_then(lopdf::Object::as_array)
        .unwrap_or_else(|e| panic!("no MediaBox: {e}"));
    let number = |i: usize| media[i].as_float().unwrap_or_else(|e| panic!("{e}"));
    (number(2) - number(0), number(3) - number(1))
}

/// All the text lopdf can read off the page, without whitespace: a PDF
/// places glyphs and runs, and lopdf puts a space between runs, so words
/// are compared with their spaces taken out.
fn page_text(doc: &lopdf::Document) -> String {
    let text = doc.extract_text(&[1]).unwrap_or_else(|e| panic!("{e}"));
    squeeze(&text)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn pdf_has_the_titles_as_text_on_a4_landscape_and_is_deterministic() {
    let dir = temp_dir();
    let out = dir.path().join("seed.pdf");
    let stdout = export_to(&out, &[]);
    assert!(stdout.contains("842×595 pt"), "{stdout}");
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("not a PDF: {e}"));
    let (w, h) = page_size(&doc);
    assert!(
        (w - 841.89).abs() < 0.5 && (h - 595.28).abs() < 0.5,
        "{w}×{h}"
    );

    // The title, lanes and count are text a reader can select and search.
    let text = page_text(&doc);
    for title in [
        "Trump, Putin and the Budapest summit that wasn't",
        "Kremlin",
        "Press reports",
        "12 events",
    ] {
        assert!(text.contains(&squeeze(title)), "{title:?} not in {text:?}");
    }
    // The events' titles (at 1600 points, scaled onto the paper, every
    // label of the seed fits).
    let wide = dir.path().join("wide.pdf");
    export_to(&wide, &["--width", "1600"]);
    let wide_text = page_text(&lopdf::Document::load(&wide).unwrap_or_else(|e| panic!("{e}")));
    for title in [
        "Trump and Putin speak by phone",
        "Peskov denies any rift between Lavrov and Putin",
        "Zakharova calls the FT report part of a campaign against Russia",
    ] {
        assert!(
            wide_text.contains(&squeeze(title)),
            "{title:?} not in {wide_text:?}"
        );
    }

    // The font travels with the document: an embedded font file.
    let embedded = doc.objects.values().any(|object| {
        object
            .as_dict()
            .is_ok_and(|d| d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"))
    });
    assert!(embedded, "the font is embedded");

    // Same input, same bytes (each run is a new process, so nothing that
    // depends on a per-process hash seed may leak into the file).
    for run in 0..3 {
        let again = dir.path().join(format!("again{run}.pdf"));
        export_to(&again, &[]);
        let again = std::fs::read(&again).unwrap_or_else(|e| panic!("{e}"));
        assert!(again == bytes, "run {run} gave different bytes");
    }
}

#[test]
fn page_sizes_letter_portrait_and_fit() {
    let dir = temp_dir();
    let letter = dir.path().join("letter.pdf");
    export_to(&letter, &["--page", "letter", "--portrait"]);
    let doc = lopdf::Document::load(&letter).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page_size(&doc), (612.0, 792.0));

    let fit = dir.path().join("fit.pdf");
    let stdout = export_to(&fit, &["--page", "fit", "--width", "1200"]);
    let doc = lopdf::Document::load(&fit).unwrap_or_else(|e| panic!("{e}"));
    let (w, h) = page_size(&doc);
    assert!((w - 1200.0).abs() < 0.5, "{w}");
    assert!(h > 100.0, "{h}");
    assert!(stdout.contains("1200×"), "{stdout}");
    assert!(page_text(&doc).contains("Peskov"), "{}", page_text(&doc));
}

#[test]
fn a_deep_time_pdf_carries_its_titles() {
    let dir = temp_dir();
    let out = dir.path().join("deep.pdf");
    let fixture = common::fixture("native/valid/deep_time.json");
    export_to(&out, &[&fixture.display().to_string(), "--all"]);
    let doc = lopdf::Document::load(&out).unwrap_or_else(|e| panic!("{e}"));
    let text = page_text(&doc);
    for title in ["Deep time", "Cosmos", "Big Bang", "Ides of March"] {
        assert!(text.contains(&squeeze(title)), "{title:?} not in {text}");
    }
}

/// Reads the child's stdout lines on a thread, so the test can wait for
/// each with a timeout.
fn lines_of(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = channel();
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn next_line(rx: &std::sync::mpsc::Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("no output from export --watch: {e}"))
}

fn timeline(title: &str) -> String {
    format!(
        r#"{{ "title": "{title}", "events": [ {{ "title": "{title} event", "start": "2025-10-16" }}, {{ "title": "Second", "start": "2025-10-20" }} ] }}"#
    )
}

#[test]
fn export_watch_exports_again_on_every_change_until_stopped() {
    let dir = temp_dir();
    let input = dir.path().join("live.json");
    let output = dir.path().join("live.svg");
    std::fs::write(&input, timeline("First")).unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["export"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .arg("--watch")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let lines = lines_of(&mut child);
    let read = || std::fs::read_to_string(&output).unwrap_or_default();

    assert!(next_line(&lines).starts_with("wrote "), "first export");
    assert!(read().contains("First event"));
    // Give the watch a moment to be in place before the first change.
    std::thread::sleep(Duration::from_millis(300));

    // A plain write.
    std::fs::write(&input, timeline("Changed")).unwrap_or_else(|e| panic!("{e}"));
    assert!(next_line(&lines).starts_with("wrote "), "after a write");
    assert!(read().contains("Changed event"), "{}", read());

    // An editor's atomic save: a temporary file renamed over the input.
    let temp = dir.path().join(".live.json.tmp");
    std::fs::write(&temp, timeline("Renamed")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&temp, &input).unwrap_or_else(|e| panic!("{e}"));
    assert!(next_line(&lines).starts_with("wrote "), "after a rename");
    assert!(read().contains("Renamed event"), "{}", read());

    // A broken save is reported (on stderr) and leaves the last good image.
    std::fs::write(&input, "{ \"events\": [ ").unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        read().contains("Renamed event"),
        "the last good export stays"
    );
    // Fixed again: exported again.
    std::fs::write(&input, timeline("Fixed")).unwrap_or_else(|e| panic!("{e}"));
    assert!(next_line(&lines).starts_with("wrote "), "after the fix");
    assert!(read().contains("Fixed event"), "{}", read());

    let _ = child.kill();
    let _ = child.wait();
}

/// A flag that cannot work (a bad query) ends `--watch` at once with exit
/// 1: every export would fail the same way. A broken file keeps watching
/// (the test above), since the next save may mend it.
#[test]
fn export_watch_with_a_bad_flag_exits_at_once() {
    let dir = temp_dir();
    let input = dir.path().join("live.json");
    std::fs::write(&input, timeline("First")).unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["export"])
        .arg(&input)
        .args(["-o"])
        .arg(dir.path().join("x.png"))
        .args(["--watch", "--filter", "status:zz"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.and_then(|s| s.code()), Some(1), "still watching");
}
