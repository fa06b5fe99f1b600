//! The window's backend of the display list: each [`Mark`] becomes egui
//! shapes. It translates and decides nothing — colours, sizes and shapes
//! all come from [`crate::scene`], the same list the export writes as SVG.

use egui::epaint::{CircleShape, CubicBezierShape, RectShape};
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, StrokeKind, pos2};

use crate::layout::theme::Rgba;
use crate::scene::{Anchor, Mark, Pane, Point, Scene, Stroke, TextRun};

/// An sRGB colour with straight alpha as egui's colour.
#[must_use]
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, c.3)
}

/// Where the scene's panes go on screen.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    /// The canvas on screen.
    pub rect: Rect,
    /// Vertical scroll of the lanes pane, in points.
    pub scroll_y: f32,
}

impl Placement {
    /// The clip rectangle of a pane.
    fn clip(&self, scene: &Scene, pane: Pane) -> Rect {
        match pane {
            Pane::Lanes => Rect::from_min_max(
                pos2(self.rect.left(), self.rect.top() + scene.lanes_top),
                self.rect.max,
            ),
            Pane::Header | Pane::Fixed | Pane::Legend => self.rect,
        }
    }

    /// How far a pane's marks move down on screen.
    fn offset_y(&self, pane: Pane) -> f32 {
        match pane {
            Pane::Lanes => self.rect.top() - self.scroll_y,
            Pane::Header | Pane::Fixed | Pane::Legend => self.rect.top(),
        }
    }
}

/// Paints the whole scene: its background, then every group in order.
pub fn paint_scene(painter: &Painter, scene: &Scene, placement: Placement) {
    painter.rect_filled(placement.rect, CornerRadius::ZERO, color(scene.background));
    // One painter per pane, so groups only pick theirs.
    let panes = [Pane::Fixed, Pane::Lanes].map(|pane| {
        (
            pane,
            painter.with_clip_rect(placement.clip(scene, pane)),
            placement.offset_y(pane),
        )
    });
    for group in &scene.groups {
        // The header and the legend pane belong to exports: the window has
        // its own title bar, and shows the legend in its own window.
        let Some((_, pane_painter, dy)) = panes.iter().find(|(pane, _, _)| *pane == group.pane)
        else {
            continue;
        };
        let to_screen = Offset {
            dx: placement.rect.left(),
            dy: *dy,
        };
        // Lanes scrolled out of sight cost nothing: marks entirely above
        // or below the pane's clip are skipped before egui lays out text.
        let clip = pane_painter.clip_rect();
        let (top, bottom) = (clip.top() - to_screen.dy, clip.bottom() - to_screen.dy);
        for mark in scene.marks_of(group) {
            if mark_rows(mark).is_some_and(|(y0, y1)| y1 < top || y0 > bottom) {
                continue;
            }
            paint_mark(pane_painter, mark, to_screen);
        }
    }
}

/// The vertical extent of a mark in canvas points, generously (a text's
/// whole font size either side of its centre, a stroke's whole width), or
/// `None` when it is not worth working out.
fn mark_rows(mark: &Mark) -> Option<(f32, f32)> {
    let span = |ys: &mut dyn Iterator<Item = f32>, pad: f32| {
        let (lo, hi) = ys.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), y| {
            (lo.min(y), hi.max(y))
        });
        (lo <= hi).then_some((lo - pad, hi + pad))
    };
    let pad = |s: &Option<Stroke>| s.map_or(0.0, |s| s.width);
    match mark {
        Mark::Rect { rect, stroke, .. } => {
            Some((rect.min_y - pad(stroke), rect.max_y + pad(stroke)))
        }
        Mark::Gradient { rect, .. } => Some((rect.min_y, rect.max_y)),
        Mark::Polygon { points, stroke, .. } => span(&mut points.iter().map(|p| p.y), pad(stroke)),
        Mark::Polyline { points, stroke } => span(&mut points.iter().map(|p| p.y), stroke.width),
        Mark::Curve { points, stroke } => span(&mut points.iter().map(|p| p.y), stroke.width),
        Mark::Circle {
            centre,
            radius,
            stroke,
            ..
        } => Some((
            centre.y - radius - pad(stroke),
            centre.y + radius + pad(stroke),
        )),
        Mark::Text(run) => Some((run.pos.y - run.size, run.pos.y + run.size)),
        Mark::Tiles(_) => None,
    }
}

/// Paints marks that are not part of a scene (the drag-to-zoom band) in
/// the fixed pane.
pub fn paint_overlay(painter: &Painter, marks: &[Mark], rect: Rect) {
    let painter = painter.with_clip_rect(rect);
    let to_screen = Offset {
        dx: rect.left(),
        dy: rect.top(),
    };
    for mark in marks {
        paint_mark(&painter, mark, to_screen);
    }
}

/// Canvas points to screen points.
#[derive(Clone, Copy, Debug)]
struct Offset {
    dx: f32,
    dy: f32,
}

impl Offset {
    fn pos(self, p: Point) -> Pos2 {
        pos2(p.x + self.dx, p.y + self.dy)
    }

    fn rect(self, r: crate::layout::Rect) -> Rect {
        Rect::from_min_max(
            pos2(r.min_x + self.dx, r.min_y + self.dy),
            pos2(r.max_x + self.dx, r.max_y + self.dy),
        )
    }
}

fn stroke(s: Option<Stroke>) -> egui::Stroke {
    s.map_or(egui::Stroke::NONE, |s| {
        egui::Stroke::new(s.width, color(s.color))
    })
}

fn fill(f: Option<Rgba>) -> Color32 {
    f.map_or(Color32::TRANSPARENT, color)
}

fn paint_mark(painter: &Painter, mark: &Mark, to: Offset) {
    match mark {
        Mark::Rect {
            rect,
            radius,
            fill: f,
            stroke: s,
        } => {
            painter.add(RectShape::new(
                to.rect(*rect),
                CornerRadius::from(*radius),
                fill(*f),
                stroke(*s),
                StrokeKind::Middle,
            ));
        }
        Mark::Polygon {
            points,
            fill: f,
            stroke: s,
        } => {
            let points = points.iter().map(|&p| to.pos(p)).collect();
            painter.add(Shape::convex_polygon(points, fill(*f), stroke(*s)));
        }
        Mark::Polyline { points, stroke: s } => {
            let egui_stroke = stroke(Some(*s));
            match (s.dash, points.as_slice()) {
                // Rules and crosses: no point list to build.
                (None, [a, b]) => {
                    painter.line_segment([to.pos(*a), to.pos(*b)], egui_stroke);
                }
                (Some(dash), _) => {
                    let points: Vec<Pos2> = points.iter().map(|&p| to.pos(p)).collect();
                    painter.extend(Shape::dashed_line(&points, egui_stroke, dash.on, dash.off));
                }
                (None, _) => {
                    let points = points.iter().map(|&p| to.pos(p)).collect();
                    painter.add(Shape::line(points, egui_stroke));
                }
            }
        }
        Mark::Curve { points, stroke: s } => {
            painter.add(CubicBezierShape::from_points_stroke(
                points.map(|p| to.pos(p)),
                false,
                Color32::TRANSPARENT,
                stroke(Some(*s)),
            ));
        }
        Mark::Circle {
            centre,
            radius,
            fill: f,
            stroke: s,
        } => {
            painter.add(CircleShape {
                center: to.pos(*centre),
                radius: *radius,
                fill: fill(*f),
                stroke: stroke(*s),
            });
        }
        Mark::Gradient { rect, left, right } => {
            painter.add(gradient(to.rect(*rect), color(*left), color(*right)));
        }
        Mark::Tiles(tiles) => {
            // One mesh: thousands of rects cost too much as separate shapes.
            let mut mesh = egui::Mesh::default();
            for (rect, c) in tiles {
                mesh.add_colored_rect(to.rect(*rect), color(*c));
            }
            painter.add(Shape::mesh(mesh));
        }
        Mark::Text(run) => paint_text(painter, run, to),
    }
}

/// A rectangle filled with a horizontal ramp, as a four-vertex mesh.
fn gradient(r: Rect, left: Color32, right: Color32) -> Shape {
    let mut mesh = egui::Mesh::default();
    mesh.colored_vertex(r.left_top(), left);
    mesh.colored_vertex(r.right_top(), right);
    mesh.colored_vertex(r.right_bottom(), right);
    mesh.colored_vertex(r.left_bottom(), left);
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    Shape::mesh(mesh)
}

fn paint_text(painter: &Painter, run: &TextRun, to: Offset) {
    let align = match run.anchor {
        Anchor::Start => Align2::LEFT_CENTER,
        Anchor::Middle => Align2::CENTER_CENTER,
        Anchor::End => Align2::RIGHT_CENTER,
    };
    let font = FontId::proportional(run.size);
    let pos = to.pos(run.pos);
    match run.clip {
        Some(clip) => {
            let clip = to.rect(clip).intersect(painter.clip_rect());
            painter
                .with_clip_rect(clip)
                .text(pos, align, &run.text, font, color(run.color));
        }
        None => {
            painter.text(pos, align, &run.text, font, color(run.color));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Dash, Group, GroupKind, TextRun, pt};

    /// Paints `scene` in one egui frame and returns the shapes it produced.
    fn painted(scene: &Scene, scroll_y: f32) -> Vec<egui::epaint::ClippedShape> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(400.0, 300.0))),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            let rect = Rect::from_min_size(pos2(10.0, 20.0), egui::vec2(200.0, 100.0));
            paint_scene(ui.painter(), scene, Placement { rect, scroll_y });
        });
        output.textures_delta.clear();
        output.shapes
    }

    #[test]
    fn every_primitive_becomes_an_egui_shape_in_its_pane() {
        let red = Rgba(255, 0, 0, 255);
        let marks = vec![
            Mark::Gradient {
                rect: crate::layout::Rect::new(0.0, 0.0, 200.0, 40.0),
                left: red,
                right: red.with_alpha(0),
            },
            Mark::Tiles(vec![
                (crate::layout::Rect::new(0.0, 50.0, 2.0, 60.0), red),
                (crate::layout::Rect::new(2.0, 50.0, 4.0, 60.0), red),
            ]),
            Mark::Polyline {
                points: vec![pt(0.0, 70.0), pt(200.0, 70.0)],
                stroke: Stroke::dashed(1.0, red, Dash { on: 4.0, off: 3.0 }),
            },
            Mark::Text(TextRun {
                text: "clipped".to_owned(),
                pos: pt(100.0, 80.0),
                anchor: Anchor::Middle,
                size: 12.0,
                color: red,
                clip: Some(crate::layout::Rect::new(90.0, 70.0, 110.0, 90.0)),
            }),
        ];
        let scene = Scene {
            width: 200.0,
            height: 100.0,
            header_height: 0.0,
            legend_height: 0.0,
            lanes_top: 30.0,
            background: Rgba(255, 255, 255, 255),
            groups: vec![
                Group {
                    kind: GroupKind::Overlay,
                    pane: Pane::Fixed,
                    marks: 0..1,
                },
                Group {
                    kind: GroupKind::Density,
                    pane: Pane::Lanes,
                    marks: 1..4,
                },
            ],
            marks,
        };
        let shapes = painted(&scene, 5.0);
        let meshes: Vec<&egui::epaint::ClippedShape> = shapes
            .iter()
            .filter(|s| matches!(s.shape, Shape::Mesh(_)))
            .collect();
        // The gradient and the two tiles, each one mesh.
        assert_eq!(meshes.len(), 2, "{shapes:?}");
        // The lanes pane is clipped below its top and moved up by the scroll.
        let lanes_clip = meshes[1].clip_rect;
        assert!((lanes_clip.top() - 50.0).abs() < 1e-3, "{lanes_clip:?}");
        let Shape::Mesh(tiles) = &meshes[1].shape else {
            panic!("not a mesh")
        };
        assert!(tiles.vertices.iter().any(|v| (v.pos.y - 65.0).abs() < 1e-3));
        // Dashes become several segments; the clipped text its own clip.
        let dashes = shapes
            .iter()
            .filter(|s| matches!(s.shape, Shape::LineSegment { .. } | Shape::Path(_)))
            .count();
        assert!(dashes > 10, "{dashes}");
        let text_clip = shapes
            .iter()
            .find(|s| matches!(s.shape, Shape::Text(_)))
            .map(|s| s.clip_rect);
        assert_eq!(
            text_clip,
            Some(Rect::from_min_max(pos2(100.0, 85.0), pos2(120.0, 105.0)))
        );
    }

    #[test]
    fn marks_scrolled_out_of_the_lanes_are_not_painted() {
        let text = |y: f32| {
            Mark::Text(TextRun {
                text: format!("at {y}"),
                pos: pt(50.0, y),
                anchor: Anchor::Start,
                size: 12.0,
                color: Rgba(0, 0, 0, 255),
                clip: None,
            })
        };
        let marks = vec![text(60.0), text(400.0), text(-50.0)];
        let scene = Scene {
            width: 200.0,
            height: 100.0,
            header_height: 0.0,
            legend_height: 0.0,
            lanes_top: 30.0,
            background: Rgba(255, 255, 255, 255),
            groups: vec![Group {
                kind: GroupKind::LaneTitles,
                pane: Pane::Lanes,
                marks: 0..3,
            }],
            marks,
        };
        let texts = |scroll| {
            painted(&scene, scroll)
                .iter()
                .filter(|s| matches!(s.shape, Shape::Text(_)))
                .count()
        };
        assert_eq!(texts(0.0), 1, "only the text inside the lanes");
        assert_eq!(texts(330.0), 1, "scrolled down to the text at 400");
    }
}
