//! The window and the export cannot drift apart: the SVG export of the view
//! the window shows, at the window's size and theme, places every text run
//! where the window's display list does, in the same colours, and paints
//! every other mark in the same colours too; and the legend `--legend`
//! adds is the one View › Legend paints.

use chronoscope::app::ChronoscopeApp;
use chronoscope::app::settings::Settings;
use chronoscope::export::{self, ExportRange, ExportRequest, ImageFormat};
use chronoscope::layout::text::FontMetrics;
use chronoscope::layout::theme::{Rgba, ThemeKind};
use chronoscope::scene::{Anchor, Mark, Pane, Scene, overlay};
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quick_xml::events::Event;

/// One painted SVG element: its name, paints and (for text) placement.
#[derive(Debug, Default, Clone, PartialEq)]
struct Element {
    name: String,
    fill: Option<String>,
    stroke: Option<String>,
    x: f32,
    y: f32,
    anchor: String,
    size: f32,
    text: String,
    /// Inside the canvas group (below the header).
    canvas: bool,
    /// Inside the legend's group (below the canvas).
    legend: bool,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// `#rrggbb` plus an opacity, as the SVG writes a colour.
fn paint(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    let colour = attr(e, key)?;
    if colour.starts_with("url(") {
        // A ramp: its colours are in the gradient's stops.
        return Some("gradient".to_owned());
    }
    let opacity = attr(e, &format!("{key}-opacity")).unwrap_or_else(|| "1".to_owned());
    Some(format!("{colour}/{opacity}"))
}

fn number(text: Option<String>) -> f32 {
    text.and_then(|t| t.parse().ok()).unwrap_or(f32::NAN)
}

/// Every painted element of an SVG, in document order.
fn elements(svg: &str) -> Vec<Element> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out: Vec<Element> = Vec::new();
    let mut in_canvas = false;
    let mut in_legend = false;
    let mut open_text: Option<Element> = None;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad SVG: {e}"))
        {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                if name == "g" && attr(&e, "transform").is_some() {
                    // The legend's group follows the canvas's.
                    in_legend = attr(&e, "class").as_deref() == Some("legend");
                    in_canvas = !in_legend;
                }
                if !matches!(name.as_str(), "rect" | "path" | "circle" | "text") {
                    continue;
                }
                let element = Element {
                    fill: paint(&e, "fill"),
                    stroke: paint(&e, "stroke"),
                    x: number(attr(&e, "x")),
                    y: number(attr(&e, "y")),
                    anchor: attr(&e, "text-anchor").unwrap_or_else(|| "start".to_owned()),
                    size: number(attr(&e, "font-size")),
                    canvas: in_canvas,
                    legend: in_legend,
                    name: name.clone(),
                    ..Element::default()
                };
                if name == "text" {
                    open_text = Some(element);
                } else {
                    out.push(element);
                }
            }
            Event::Text(t) => {
                if let Some(text) = &mut open_text {
                    text.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(text) = &mut open_text {
                    let resolved = r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .or_else(|| {
                            quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned)
                        })
                        .unwrap_or_default();
                    text.text.push_str(&resolved);
                }
            }
            Event::End(e) if e.name().as_ref() == "text" => {
                if let Some(text) = open_text.take() {
                    out.push(text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn hex(c: Rgba) -> String {
    let opacity = if c.3 == 255 {
        "1".to_owned()
    } else {
        let rounded = (f64::from(c.alpha()) * 100.0).round() / 100.0;
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    format!("{}/{opacity}", c.hex())
}

/// What the SVG must hold for each mark of the window's display list: the
/// element name, its fill and stroke, and for text its run.
/// An element name, its fill and stroke, and the text mark it stands for.
type Expected<'a> = (String, Option<String>, Option<String>, Option<&'a Mark>);

fn expected(scene: &Scene) -> Vec<Expected<'_>> {
    let mut out = Vec::new();
    for group in scene.groups.iter().filter(|g| g.pane != Pane::Header) {
        for mark in scene.marks_of(group) {
            let none = Some("none/1".to_owned());
            match mark {
                Mark::Rect { fill, stroke, .. } => out.push((
                    "rect".to_owned(),
                    fill.map(hex).or_else(|| none.clone()),
                    stroke.map(|s| hex(s.color)),
                    None,
                )),
                Mark::Polygon { fill, stroke, .. } => out.push((
                    "path".to_owned(),
                    fill.map(hex).or_else(|| none.clone()),
                    stroke.map(|s| hex(s.color)),
                    None,
                )),
                Mark::Polyline { stroke, .. } | Mark::Curve { stroke, .. } => {
                    out.push(("path".to_owned(), none, Some(hex(stroke.color)), None));
                }
                Mark::Circle { fill, stroke, .. } => out.push((
                    "circle".to_owned(),
                    fill.map(hex).or_else(|| none.clone()),
                    stroke.map(|s| hex(s.color)),
                    None,
                )),
                Mark::Tiles(tiles) => {
                    for (_, c) in tiles {
                        out.push(("rect".to_owned(), Some(hex(*c)), None, None));
                    }
                }
                Mark::Text(run) => {
                    out.push(("text".to_owned(), Some(hex(run.color)), None, Some(mark)));
                }
                Mark::Gradient { .. } => {
                    out.push(("rect".to_owned(), Some("gradient".to_owned()), None, None));
                }
            }
        }
    }
    out
}

/// Checks that the SVG `elements` paint the `expected` marks, in order:
/// names, fills and strokes, and each text where the display list puts it.
/// Returns how many texts were compared.
fn assert_same_marks(elements: &[Element], expected: &[Expected<'_>]) -> usize {
    assert_eq!(
        elements.len(),
        expected.len(),
        "one SVG element per window mark"
    );
    let metrics = FontMetrics::shared();
    let mut texts = 0;
    for (element, (name, fill, stroke, mark)) in elements.iter().zip(expected) {
        assert_eq!(&element.name, name, "{element:?}");
        assert_eq!(&element.fill, fill, "fill of {element:?}");
        assert_eq!(&element.stroke, stroke, "stroke of {element:?}");
        if let Some(Mark::Text(run)) = mark {
            texts += 1;
            assert_eq!(element.text, run.text);
            let baseline =
                run.pos.y - metrics.line_height(run.size) / 2.0 + metrics.ascent(run.size);
            assert!(
                (element.x - run.pos.x).abs() <= 0.006 && (element.y - baseline).abs() <= 0.006,
                "{:?} at ({}, {}) in the SVG, ({}, {baseline}) in the window",
                run.text,
                element.x,
                element.y,
                run.pos.x
            );
            assert!((element.size - run.size).abs() < 1e-3);
            let anchor = match run.anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            assert_eq!(element.anchor, anchor);
        }
    }
    texts
}

fn assert_export_matches_the_window(theme: egui::Theme, kind: ThemeKind) {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(60)
        .with_theme(theme)
        .build_eframe(|_cc| ChronoscopeApp::with_seed(Settings::default()));
    h.run_steps(3);
    let app = h.state();
    let scene = app
        .last_scene()
        .unwrap_or_else(|| panic!("nothing painted"))
        .clone();
    let request = ExportRequest {
        range: ExportRange::Range(app.view().range()),
        width: scene.width,
        height: Some(scene.height + overlay::HEADER_HEIGHT),
        scale: 1.0,
        theme: kind,
        shown: None,
        legend: false,
    };
    let svg = export::render(app.timeline(), &request, ImageFormat::Svg)
        .unwrap_or_else(|e| panic!("{e}"));
    let svg = String::from_utf8(svg).unwrap_or_else(|e| panic!("{e}"));
    let canvas: Vec<Element> = elements(&svg).into_iter().filter(|e| e.canvas).collect();
    let texts = assert_same_marks(&canvas, &expected(&scene));
    assert!(
        texts > 40,
        "the seed's labels, lane titles and ticks: {texts}"
    );
}

#[test]
fn the_light_export_draws_what_the_window_draws() {
    assert_export_matches_the_window(egui::Theme::Light, ThemeKind::Light);
}

#[test]
fn the_dark_export_draws_what_the_window_draws() {
    assert_export_matches_the_window(egui::Theme::Dark, ThemeKind::Dark);
}

/// The legend an export carries is the one View › Legend paints: the same
/// text runs in the same places and colours, the same sample marks.
fn assert_exported_legend_matches_the_window(theme: egui::Theme, kind: ThemeKind) {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(60)
        .with_theme(theme)
        .build_eframe(|_cc| ChronoscopeApp::with_seed(Settings::default()));
    h.run_steps(3);
    h.get_by_label("Legend").click();
    h.run_steps(3);
    let legend = h
        .state()
        .last_legend()
        .unwrap_or_else(|| panic!("the legend was not painted"))
        .clone();
    let request = ExportRequest {
        range: ExportRange::Range(h.state().view().range()),
        width: legend.scene.width,
        height: None,
        scale: 1.0,
        theme: kind,
        shown: None,
        legend: true,
    };
    let svg = export::render(h.state().timeline(), &request, ImageFormat::Svg)
        .unwrap_or_else(|e| panic!("{e}"));
    let svg = String::from_utf8(svg).unwrap_or_else(|e| panic!("{e}"));
    let exported: Vec<Element> = elements(&svg).into_iter().filter(|e| e.legend).collect();
    // The export sets the legend off with a rule, then draws its marks.
    let (rule, marks) = exported
        .split_first()
        .unwrap_or_else(|| panic!("no legend in the SVG"));
    assert_eq!(rule.name, "path");
    let texts = assert_same_marks(marks, &expected(&legend.scene));
    assert!(texts > 30, "headings and meanings: {texts}");
}

#[test]
fn the_light_exported_legend_is_the_windows_legend() {
    assert_exported_legend_matches_the_window(egui::Theme::Light, ThemeKind::Light);
}

#[test]
fn the_dark_exported_legend_is_the_windows_legend() {
    assert_exported_legend_matches_the_window(egui::Theme::Dark, ThemeKind::Dark);
}
