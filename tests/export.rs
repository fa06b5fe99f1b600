//! Headless export: the real binary with no display for the command line,
//! the library for the rest.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chronoscope::export::{self, ExportRange, ExportRequest, ImageFormat};
use chronoscope::layout::theme::ThemeKind;
use chronoscope::model::Timeline;
use chronoscope::time::{Date, TimeRange};
use quick_xml::events::Event;

mod common;
use common::temp_dir;

/// Runs `chronoscope export ARGS…` with no display, as on a headless server.
fn export_cli<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .arg("export")
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("cannot run chronoscope: {e}"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_success(output: &Output) {
    assert!(output.status.success(), "export failed: {}", stderr(output));
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn decode_png(bytes: &[u8]) -> image::RgbaImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("not a PNG: {e}"))
        .to_rgba8()
}

/// Distinct colours in an image: a blank or nearly blank image has a few.
fn colours(image: &image::RgbaImage) -> usize {
    image.pixels().map(|p| p.0).collect::<BTreeSet<_>>().len()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    files.sort();
    files
}

fn seed() -> Timeline {
    chronoscope::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline)
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// What an SVG holds, read with a real XML parser that rejects anything
/// not well-formed (mismatched tags, stray `&` or `<`, unknown entities).
#[derive(Debug, Default)]
struct Svg {
    /// Root element name, width and height.
    root: (String, String, String),
    /// Content of every `<text>`.
    texts: Vec<String>,
    /// Content of every `<title>`.
    titles: Vec<String>,
    /// `data-id` of every event group, in order.
    event_ids: Vec<String>,
}

fn parse_svg(text: &str) -> Svg {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut svg = Svg::default();
    let mut stack: Vec<String> = Vec::new();
    let mut content = String::new();
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("invalid XML at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name().as_ref().to_owned();
                let mut attributes = Vec::new();
                for attribute in e.attributes() {
                    let attribute =
                        attribute.unwrap_or_else(|err| panic!("bad attribute in <{name}>: {err}"));
                    let key = attribute.key.as_ref().to_owned();
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("bad attribute value in <{name}>: {err}"))
                        .into_owned();
                    attributes.push((key, value));
                }
                let get = |key: &str| {
                    attributes
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                };
                if stack.is_empty() {
                    roots += 1;
                    svg.root = (
                        name.clone(),
                        get("width").unwrap_or_default(),
                        get("height").unwrap_or_default(),
                    );
                }
                if name == "g" && get("class").as_deref() == Some("event") {
                    svg.event_ids.push(
                        get("data-id").unwrap_or_else(|| panic!("event group without data-id")),
                    );
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                    content.clear();
                }
            }
            Event::Text(t) => content.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or_else(|| panic!("unknown entity &{};", &*r))
                        .to_owned(),
                    Err(e) => panic!("bad character reference: {e}"),
                };
                content.push_str(&resolved);
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_owned();
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.as_str()),
                    "mismatched end tag"
                );
                match name.as_str() {
                    "text" => svg.texts.push(content.clone()),
                    "title" => svg.titles.push(content.clone()),
                    _ => {}
                }
                content.clear();
            }
            Event::Eof => break,
            Event::Decl(_)
            | Event::Comment(_)
            | Event::CData(_)
            | Event::PI(_)
            | Event::DocType(_) => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "an XML document has exactly one root");
    svg
}

#[test]
fn png_has_the_requested_width_is_not_blank_and_is_reproducible() {
    let dir = temp_dir();
    let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
    let output = export_cli(&[
        OsStr::new("-o"),
        a.as_os_str(),
        OsStr::new("--width"),
        OsStr::new("900"),
    ]);
    assert_success(&output);
    let message = stdout(&output);
    assert!(
        message.starts_with(&format!("wrote {} (900×", a.display())),
        "{message}"
    );
    assert!(message.contains(" px, 12 events)"), "{message}");
    let png = read(&a);
    let image = decode_png(&png);
    assert_eq!(image.width(), 900);
    assert!(
        image.height() > 200,
        "every lane is shown: {}",
        image.height()
    );
    assert!(
        message.contains(&format!("900×{} px", image.height())),
        "{message}"
    );
    assert!(
        colours(&image) > 50,
        "a blank image: {} colours",
        colours(&image)
    );

    assert_success(&export_cli(&[
        OsStr::new("-o"),
        b.as_os_str(),
        OsStr::new("--width"),
        OsStr::new("900"),
    ]));
    assert!(read(&b) == png, "two runs give different bytes");
    assert_eq!(
        files_in(dir.path()),
        vec![a, b],
        "temporary files left behind"
    );
}

#[test]
fn scale_two_doubles_every_side() {
    let dir = temp_dir();
    let (one, two) = (dir.path().join("one.png"), dir.path().join("two.png"));
    assert_success(&export_cli(&[
        OsStr::new("-o"),
        one.as_os_str(),
        OsStr::new("--width=700"),
    ]));
    assert_success(&export_cli(&[
        OsStr::new("-o"),
        two.as_os_str(),
        OsStr::new("--width=700"),
        OsStr::new("--scale=2"),
    ]));
    let (one, two) = (decode_png(&read(&one)), decode_png(&read(&two)));
    assert_eq!(two.width(), 1400);
    assert_eq!(two.height(), 2 * one.height());
}

#[test]
fn height_is_honoured() {
    let request = ExportRequest {
        width: 640.0,
        height: Some(300.0),
        ..ExportRequest::default()
    };
    let rendered =
        export::render_image(&seed(), &request, ImageFormat::Png).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((rendered.width_px, rendered.height_px), (640, 300));
    let image = decode_png(&rendered.bytes);
    assert_eq!((image.width(), image.height()), (640, 300));
}

/// Every drawn event is one element with its full title as a tooltip, and
/// every label the layout placed is there as text.
fn assert_svg_shows_the_layout(timeline: &Timeline, request: &ExportRequest) {
    let bytes =
        export::render(timeline, request, ImageFormat::Svg).unwrap_or_else(|e| panic!("{e}"));
    let again =
        export::render(timeline, request, ImageFormat::Svg).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes == again, "two renders give different SVGs");
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
    let svg = parse_svg(&text);
    assert_eq!(svg.root.0, "svg");
    assert_eq!(svg.root.1, request.width.to_string());
    let layout = export::layout_for(timeline, request).unwrap_or_else(|e| panic!("{e}"));
    assert!(!layout.items.is_empty());
    let drawn: Vec<String> = layout
        .items
        .iter()
        .map(|item| timeline.event(item.event).id().to_owned())
        .collect();
    assert_eq!(
        svg.event_ids, drawn,
        "one element per drawn event, in layout order"
    );
    for item in &layout.items {
        let event = timeline.to_events().swap_remove(item.event);
        assert!(
            svg.titles
                .iter()
                .any(|t| t.starts_with(&format!("{}\n", event.title))),
            "no tooltip for {:?}",
            event.title
        );
        if let Some(label) = &item.label {
            assert!(
                svg.texts.contains(&label.text),
                "label {:?} missing",
                label.text
            );
            if label.text == event.title {
                assert!(svg.texts.contains(&event.title));
            }
        }
    }
    let full_labels = layout
        .items
        .iter()
        .filter(|item| {
            item.label
                .as_ref()
                .is_some_and(|l| l.text == timeline.event(item.event).title())
        })
        .count();
    assert!(
        full_labels * 2 >= layout.items.len(),
        "most seed labels fit: {full_labels} of {}",
        layout.items.len()
    );
    assert!(
        svg.texts.contains(&timeline.title),
        "the header shows the timeline's title"
    );
}

#[test]
fn svg_is_well_formed_and_names_every_labelled_event() {
    let timeline = seed();
    assert_svg_shows_the_layout(&timeline, &ExportRequest::default());
    assert_svg_shows_the_layout(
        &timeline,
        &ExportRequest {
            range: ExportRange::All,
            width: 1000.0,
            ..ExportRequest::default()
        },
    );
    assert_svg_shows_the_layout(
        &timeline,
        &ExportRequest {
            theme: ThemeKind::Dark,
            width: 500.0,
            ..ExportRequest::default()
        },
    );
}

#[test]
fn svg_from_the_command_line_is_well_formed() {
    let dir = temp_dir();
    let out = dir.path().join("seed.svg");
    let output = export_cli(&[OsStr::new("-o"), out.as_os_str()]);
    assert_success(&output);
    let text = String::from_utf8(read(&out)).unwrap_or_else(|e| panic!("{e}"));
    let svg = parse_svg(&text);
    assert_eq!(svg.root.1, "1600");
    assert!(
        svg.texts
            .iter()
            .any(|t| t == "Trump and Putin speak by phone"),
        "{:?}",
        svg.texts
    );
    assert!(
        svg.texts
            .iter()
            .any(|t| t.contains("October") && t.contains("November 2025")),
        "range in the header"
    );
    assert!(
        !text.contains("NaN") && !text.contains("inf"),
        "numbers are finite"
    );
}

#[test]
fn titles_with_markup_characters_are_escaped() {
    let dir = temp_dir();
    let file = dir.path().join("nasty.json");
    let json = r#"{
        "title": "Tom & Jerry <\"quoted\"> 'single' \u0001",
        "events": [
            { "id": "a&b", "title": "</text><script>alert(1)</script> & co", "start": "2025-10-16" },
            { "title": "Less < more > \"quotes\" ' apostrophe", "start": "2025-10-18", "end": "2025-10-25", "status": "denied", "approximate": true },
            { "title": "Rumour ]]> --> <!--", "start": "2025-10-20", "status": "rumoured" }
        ]
    }"#;
    std::fs::write(&file, json).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("nasty.svg");
    assert_success(&export_cli(&[
        file.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--width=1200"),
    ]));
    let svg = parse_svg(&String::from_utf8(read(&out)).unwrap_or_else(|e| panic!("{e}")));
    assert!(
        svg.texts
            .iter()
            .any(|t| t == "</text><script>alert(1)</script> & co"),
        "{:?}",
        svg.texts
    );
    assert!(
        svg.texts
            .iter()
            .any(|t| t == "Less < more > \"quotes\" ' apostrophe"),
        "{:?}",
        svg.texts
    );
    assert!(
        svg.texts
            .iter()
            .any(|t| t == "Tom & Jerry <\"quoted\"> 'single' "),
        "{:?}",
        svg.texts
    );
    assert!(svg.event_ids.contains(&"a&b".to_owned()));
    // The PNG of the same file rasterises too.
    let png = dir.path().join("nasty.png");
    assert_success(&export_cli(&[
        file.as_os_str(),
        OsStr::new("-o"),
        png.as_os_str(),
        OsStr::new("--width=400"),
    ]));
    assert_eq!(decode_png(&read(&png)).width(), 400);
}

#[test]
fn from_and_to_include_only_events_in_that_range() {
    let dir = temp_dir();
    let out = dir.path().join("late-october.svg");
    let output = export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--from"),
        OsStr::new("2025-10-20"),
        OsStr::new("--to"),
        OsStr::new("2025-10-31"),
    ]);
    assert_success(&output);
    let svg = parse_svg(&String::from_utf8(read(&out)).unwrap_or_else(|e| panic!("{e}")));
    let timeline = seed();
    // `--to` is inclusive: the range ends where 31 October does.
    let range = TimeRange::new(date("2025-10-20").start(), date("2025-10-31").end());
    let expected: BTreeSet<String> = timeline
        .events()
        .filter(|e| e.range().overlaps(range))
        .map(|e| e.id().to_owned())
        .collect();
    let shown: BTreeSet<String> = svg.event_ids.iter().cloned().collect();
    assert_eq!(shown, expected);
    assert!(
        !expected.is_empty() && expected.len() < timeline.events().len(),
        "{expected:?}"
    );
    assert!(
        stdout(&output).contains(&format!("{} events)", expected.len())),
        "{}",
        stdout(&output)
    );
}

#[test]
fn all_fits_every_event() {
    let dir = temp_dir();
    let out = dir.path().join("all.svg");
    assert_success(&export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--all"),
    ]));
    let svg = parse_svg(&String::from_utf8(read(&out)).unwrap_or_else(|e| panic!("{e}")));
    let timeline = seed();
    let all: BTreeSet<String> = timeline.events().map(|e| e.id().to_owned()).collect();
    assert_eq!(svg.event_ids.iter().cloned().collect::<BTreeSet<_>>(), all);
}

#[test]
fn dark_theme_differs_from_light() {
    let timeline = seed();
    let light = ExportRequest {
        width: 600.0,
        ..ExportRequest::default()
    };
    let dark = ExportRequest {
        theme: ThemeKind::Dark,
        ..light.clone()
    };
    let light = decode_png(
        &export::render(&timeline, &light, ImageFormat::Png).unwrap_or_else(|e| panic!("{e}")),
    );
    let dark = decode_png(
        &export::render(&timeline, &dark, ImageFormat::Png).unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(light.dimensions(), dark.dimensions());
    let brightness =
        |p: &image::Rgba<u8>| u32::from(p.0[0]) + u32::from(p.0[1]) + u32::from(p.0[2]);
    // The header's background, top left.
    assert!(brightness(light.get_pixel(2, 2)) > 600 && brightness(dark.get_pixel(2, 2)) < 200);
    assert_ne!(light.into_raw(), dark.into_raw());

    // And from the command line.
    let dir = temp_dir();
    let out = dir.path().join("dark.png");
    assert_success(&export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--theme"),
        OsStr::new("dark"),
        OsStr::new("--width=300"),
    ]));
    let image = decode_png(&read(&out));
    assert!(brightness(image.get_pixel(2, 2)) < 200);
}

/// Asserts a failed export: non-zero exit, `error: …` with `needle`, and
/// nothing written in `dir` beyond what was there before.
fn assert_fails_cleanly(output: &Output, needle: &str, dir: &Path, before: &[PathBuf]) {
    assert!(!output.status.success(), "export should have failed");
    let message = stderr(output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(
        message.contains(needle),
        "expected {needle:?} in {message:?}"
    );
    assert_eq!(files_in(dir), before, "files left behind");
}

#[test]
fn an_unwritable_target_gives_a_clear_error_and_leaves_nothing_behind() {
    let dir = temp_dir();
    // A missing folder.
    let missing = dir.path().join("no-such-folder").join("out.png");
    let output = export_cli(&[
        OsStr::new("-o"),
        missing.as_os_str(),
        OsStr::new("--width=300"),
    ]);
    assert_fails_cleanly(&output, "does not exist", dir.path(), &[]);

    // A regular file used as a folder fails even for root, which ignores
    // permission bits.
    let file = dir.path().join("plain.txt");
    std::fs::write(&file, "not a folder").unwrap_or_else(|e| panic!("{e}"));
    let inside_file = file.join("out.png");
    let output = export_cli(&[
        OsStr::new("-o"),
        inside_file.as_os_str(),
        OsStr::new("--width=300"),
    ]);
    assert_fails_cleanly(
        &output,
        "is not a folder",
        dir.path(),
        std::slice::from_ref(&file),
    );
    if Path::new("/etc/hostname").is_file() {
        let output = export_cli(&[
            OsStr::new("-o"),
            OsStr::new("/etc/hostname/x.png"),
            OsStr::new("--width=300"),
        ]);
        assert!(!output.status.success());
        assert!(
            stderr(&output)
                .contains("cannot write /etc/hostname/x.png: /etc/hostname is not a folder"),
            "{}",
            stderr(&output)
        );
    }

    // A read-only folder, where permissions apply (not as root).
    let read_only = dir.path().join("read-only");
    std::fs::create_dir(&read_only).unwrap_or_else(|e| panic!("{e}"));
    set_mode(&read_only, 0o555);
    let probe_ok = std::fs::write(read_only.join("probe"), "x").is_ok();
    if probe_ok {
        // Running as root: the folder is writable after all; nothing to test.
        let _ = std::fs::remove_file(read_only.join("probe"));
    } else {
        let output = export_cli(&[
            OsStr::new("-o"),
            read_only.join("out.png").as_os_str(),
            OsStr::new("--width=300"),
        ]);
        assert_fails_cleanly(&output, "is not writable", &read_only, &[]);
    }
    set_mode(&read_only, 0o755);
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}

#[test]
fn a_failed_export_keeps_an_existing_file() {
    let dir = temp_dir();
    let out = dir.path().join("keep.png");
    std::fs::write(&out, "previous").unwrap_or_else(|e| panic!("{e}"));
    let output = export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--from"),
        OsStr::new("2025-02-30"),
    ]);
    assert_fails_cleanly(
        &output,
        "--from \"2025-02-30\" is not a date",
        dir.path(),
        std::slice::from_ref(&out),
    );
    assert_eq!(read(&out), b"previous");
}

#[test]
fn bad_dates_sizes_and_names_are_explained() {
    let dir = temp_dir();
    let out = dir.path().join("x.png");
    let output = export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--from"),
        OsStr::new("yesterday"),
    ]);
    assert_fails_cleanly(
        &output,
        "--from \"yesterday\" is not a date",
        dir.path(),
        &[],
    );
    let output = export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--from=2025-11-10"),
        OsStr::new("--to=2025-11-01"),
    ]);
    assert_fails_cleanly(&output, "is not before", dir.path(), &[]);
    let output = export_cli(&[
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--width=100000"),
    ]);
    assert_fails_cleanly(&output, "--width must be between", dir.path(), &[]);
    let output = export_cli(&[OsStr::new("-o"), out.as_os_str(), OsStr::new("--scale=0")]);
    assert_fails_cleanly(&output, "--scale must be between", dir.path(), &[]);
    let output = export_cli(&[OsStr::new("-o"), dir.path().join("x.jpg").as_os_str()]);
    assert_fails_cleanly(&output, "must end in .pdf, .png or .svg", dir.path(), &[]);
    let output = export_cli(&[
        dir.path().join("missing.json").as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_fails_cleanly(&output, "cannot open the file", dir.path(), &[]);
    // A file with problems: one problem a line, no literal "\n".
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        r#"{"events": [{"title": "a", "start": "2025-13"}, {"title": "b", "start": "x"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = export_cli(&[broken.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("\\n"), "{stderr}");
    assert!(
        stderr
            .lines()
            .filter(|l| l.contains("broken.json:1:"))
            .count()
            >= 2,
        "{stderr}"
    );
    std::fs::remove_file(&broken).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn screenshot_pixels_are_saved_as_png_atomically() {
    let dir = temp_dir();
    let out = dir.path().join("shot.png");
    let (width, height) = (7_u32, 5_u32);
    let rgba: Vec<u8> = (0..width * height)
        .flat_map(|i| [u8::try_from(i * 7 % 256).unwrap_or(0), 40, 200, 255])
        .collect();
    export::png::save_png_atomically(&out, width, height, &rgba).unwrap_or_else(|e| panic!("{e}"));
    let image = decode_png(&read(&out));
    assert_eq!(image.dimensions(), (width, height));
    assert_eq!(image.into_raw(), rgba);
    assert_eq!(files_in(dir.path()), vec![out.clone()]);

    let missing = dir.path().join("nowhere").join("shot.png");
    let error = export::png::save_png_atomically(&missing, width, height, &rgba)
        .err()
        .map(|e| e.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("does not exist")),
        "{error:?}"
    );
    let error = export::png::save_png_atomically(&out, width + 1, height, &rgba)
        .err()
        .map(|e| e.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("do not make a 8×5 RGBA image")),
        "{error:?}"
    );
    assert_eq!(files_in(dir.path()), vec![out]);
}
