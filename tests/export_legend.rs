//! `chronoscope export --legend`: the legend below the timeline in SVG,
//! PNG and PDF (the real binary, no display), and nothing of it without
//! the flag.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chronoscope::export::{self, ExportRequest, ImageFormat};
use chronoscope::layout::theme::{Palette, ThemeKind};
use chronoscope::model::Status;
use chronoscope::scene::Mark;
use chronoscope::scene::legend::{Legend, legend, status_meaning};
use common::{export_to, temp_dir};

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The legend an export `width` points wide in `theme` carries.
fn expected(width: f32, theme: ThemeKind) -> Legend {
    legend(width, &Palette::of(theme))
}

/// The text runs of a legend, in order.
fn legend_texts(legend: &Legend) -> Vec<String> {
    legend
        .scene
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text(run) => Some(run.text.clone()),
            _ => None,
        })
        .collect()
}

/// The legend's part of an SVG: the `<g class="legend">` element and
/// everything in it; empty when there is none.
fn legend_part(svg: &str) -> &str {
    match (svg.find("<g class=\"legend\""), svg.rfind("</svg>")) {
        (Some(start), Some(end)) if start < end => &svg[start..end],
        _ => "",
    }
}

/// The content of every `<text>` in `svg`, XML entities resolved.
fn svg_texts(svg: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out = Vec::new();
    let mut open: Option<String> = None;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad SVG: {e}"))
        {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "text" => {
                open = Some(String::new());
            }
            quick_xml::events::Event::Text(t) => {
                if let Some(text) = &mut open {
                    text.push_str(&t.xml10_content());
                }
            }
            quick_xml::events::Event::GeneralRef(r) => {
                if let Some(text) = &mut open {
                    let resolved = quick_xml::escape::resolve_predefined_entity(&r)
                        .map(str::to_owned)
                        .unwrap_or_default();
                    text.push_str(&resolved);
                }
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == "text" => {
                if let Some(text) = open.take() {
                    out.push(text);
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn svg_with_legend_holds_every_entry_and_without_it_none() {
    let dir = temp_dir();
    let with = dir.path().join("with.svg");
    let without = dir.path().join("without.svg");
    export_to(&with, &["--legend"]);
    export_to(&without, &[]);
    let (with, without) = (read_text(&with), read_text(&without));
    let legend = expected(1600.0, ThemeKind::Light);

    // The document is well formed, and its legend holds the legend's text
    // runs in order: every status with its meaning among them.
    let texts = svg_texts(legend_part(&with));
    assert_eq!(texts, legend_texts(&legend));
    let words = texts.join(" ");
    for status in Status::ALL {
        let line = format!("{status}: {}", status_meaning(status));
        assert!(words.contains(&line), "{line:?} not in {words:?}");
    }
    for heading in ["Events", "Status of the claim", "Uncertain dates"] {
        assert!(texts.iter().any(|t| t == heading), "{heading}");
    }
    // The samples are there as shapes: one element per mark (tiles are a
    // rect each), plus the rule above the legend.
    let shapes = |svg: &str| count(svg, "<rect ") + count(svg, "<path ") + count(svg, "<circle ");
    let expected_shapes: usize = legend
        .scene
        .marks
        .iter()
        .map(|m| match m {
            Mark::Text(_) => 0,
            Mark::Tiles(tiles) => tiles.len(),
            _ => 1,
        })
        .sum::<usize>()
        + 1;
    assert_eq!(shapes(legend_part(&with)), expected_shapes);
    assert!(with.contains("<linearGradient"), "the open end's fade");

    // Without the flag: no legend, none of its words, and the timeline
    // part is the same document.
    assert_eq!(legend_part(&without), "");
    let plain_texts = svg_texts(&without);
    for status in Status::ALL {
        assert!(
            !plain_texts
                .iter()
                .any(|t| t.contains(status_meaning(status))),
            "{status}"
        );
    }
    assert!(!plain_texts.iter().any(|t| t == "Uncertain dates"));
    // The same header and canvas, byte for byte: the legend only follows
    // them (and the image is taller).
    let from_title = |svg: &str, end: &str| {
        let start = svg.find("<title>").unwrap_or(0);
        svg[start..svg.find(end).unwrap_or(svg.len())].to_owned()
    };
    assert_eq!(
        from_title(&with, "<g class=\"legend\""),
        from_title(&without, "</svg>")
    );
}

#[test]
fn png_with_legend_is_taller_by_the_legend_and_not_blank_there() {
    let dir = temp_dir();
    for theme in ["light", "dark"] {
        let with = dir.path().join(format!("with-{theme}.png"));
        let without = dir.path().join(format!("without-{theme}.png"));
        let said = export_to(&with, &["--legend", "--width", "1000", "--theme", theme]);
        export_to(&without, &["--width", "1000", "--theme", theme]);
        let load = |path: &Path| {
            image::open(path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .to_rgba8()
        };
        let (with, without) = (load(&with), load(&without));
        let kind = if theme == "dark" {
            ThemeKind::Dark
        } else {
            ThemeKind::Light
        };
        let legend_height = expected(1000.0, kind).scene.height;
        assert_eq!(with.width(), without.width());
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        // A whole, positive height.
        let grown = legend_height.round() as u32;
        assert_eq!(with.height(), without.height() + grown, "{theme}");
        assert!(
            said.contains(&format!("1000×{} px", with.height())),
            "{said}"
        );
        // The timeline above is the image without the legend, pixel for pixel.
        for y in (0..without.height()).step_by(3) {
            for x in (0..without.width()).step_by(5) {
                assert_eq!(
                    with.get_pixel(x, y),
                    without.get_pixel(x, y),
                    "({x}, {y}) {theme}"
                );
            }
        }
        // The legend's area holds samples and words in many colours.
        let colours: BTreeSet<[u8; 4]> = (without.height()..with.height())
            .flat_map(|y| (0..with.width()).map(move |x| (x, y)))
            .map(|(x, y)| with.get_pixel(x, y).0)
            .collect();
        assert!(colours.len() > 60, "{theme}: {} colours", colours.len());
    }
}

#[test]
fn a_given_height_keeps_the_lanes_out_of_the_legend() {
    let timeline = chronoscope::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline);
    let request = ExportRequest {
        width: 800.0,
        height: Some(200.0),
        legend: true,
        ..ExportRequest::default()
    };
    let legend_height = expected(800.0, ThemeKind::Light).scene.height;
    let png = export::render_image(&timeline, &request, ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // A whole, positive height.
    let expected_height = (200.0 + legend_height).round() as u32;
    assert_eq!((png.width_px, png.height_px), (800, expected_height));
    // The first legend text sits where the legend says, not over a lane:
    // the row of pixels between the rule and the first heading is blank.
    let image = image::load_from_memory(&png.bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgba8();
    for y in 202..206 {
        for x in 0..800 {
            assert_eq!(image.get_pixel(x, y).0, [255, 255, 255, 255], "({x}, {y})");
        }
    }
    let svg =
        export::render(&timeline, &request, ImageFormat::Svg).unwrap_or_else(|e| panic!("{e}"));
    let svg = String::from_utf8(svg).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        svg.contains("clip-path=\"url(#canvas"),
        "the canvas is clipped"
    );
}

#[test]
fn pdf_with_legend_carries_its_words() {
    let dir = temp_dir();
    let with = dir.path().join("with.pdf");
    let without = dir.path().join("without.pdf");
    export_to(&with, &["--legend", "--page", "fit"]);
    export_to(&without, &["--page", "fit"]);
    let text = |path: &Path| {
        let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{e}"));
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1);
        let text = doc.extract_text(&[1]).unwrap_or_else(|e| panic!("{e}"));
        text.split_whitespace().collect::<String>()
    };
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let (with, without) = (text(&with), text(&without));
    for words in [
        "Status of the claim",
        "Uncertain dates",
        "denied: denied by a party",
        "+3 filtered",
    ] {
        assert!(with.contains(&squeeze(words)), "{words:?} not in {with:?}");
        assert!(
            !without.contains(&squeeze(words)),
            "{words:?} in {without:?}"
        );
    }
}
