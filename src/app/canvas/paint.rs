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
            Pane::Header | Pane::Fixed => self.rect,
        }
    }

    /// How far a pane's marks move down on screen.
    fn offset_y(&self, pane: Pane) -> f32 {
        match pane {
            Pane::Lanes => self.rect.top() - self.scroll_y,
            Pane::Header | Pane::Fixed => self.rect.top(),
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
        // The header belongs to exports; the window has its own title bar.
        let Some((_, pane_painter, dy)) = panes.iter().find(|(pane, _, _)| *pane == group.pane)
        else {
            continue;
        };
        let to_screen = Offset {
            dx: placement.rect.left(),
            dy: *dy,
        };
        for mark in scene.marks_of(group) {
            paint_mark(pane_painter, mark, to_screen);
        }
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
            let points: Vec<Pos2> = points.iter().map(|&p| to.pos(p)).collect();
            let egui_stroke = stroke(Some(*s));
            match (s.dash, points.as_slice()) {
                (Some(dash), _) => {
                    painter.extend(Shape::dashed_line(&points, egui_stroke, dash.on, dash.off));
                }
                (None, [a, b]) => {
                    painter.line_segment([*a, *b], egui_stroke);
                }
                (None, _) => {
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
