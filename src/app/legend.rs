//! The legend (View › Legend, or the status bar's "Legend"): what every
//! mark on the canvas means. A click on a status shows only its events.

use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::command::Command;
use super::find::FindCommand;
use crate::layout::theme::{StatusStyle, status_style};
use crate::model::Status;

/// A sample of a mark, drawn as the canvas draws it.
#[derive(Clone, Copy)]
enum Sample {
    Moment(StatusStyle),
    Range,
    PrecisionBar,
    Approximate,
    Link,
    Era,
    Overflow,
    Density,
}

/// What each status means, as the legend says it.
fn status_meaning(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "established by the record (solid)",
        Status::Reported => "reported by a source, not independently confirmed (solid)",
        Status::Claimed => "asserted by an interested party (hollow)",
        Status::Rumoured => "circulating without a named source (hollow)",
        Status::Denied => "denied by a party to it (crossed out)",
        Status::Disputed => "sources disagree (hollow)",
    }
}

/// A moment's diamond: filled, hollow or crossed out.
fn moment(painter: &egui::Painter, c: Pos2, style: StatusStyle, color: Color32, text: Color32) {
    let r = 6.0;
    let diamond = vec![
        pos2(c.x, c.y - r),
        pos2(c.x + r, c.y),
        pos2(c.x, c.y + r),
        pos2(c.x - r, c.y),
    ];
    let fill = if style == StatusStyle::Hollow {
        Color32::TRANSPARENT
    } else {
        color
    };
    painter.add(Shape::convex_polygon(
        diamond,
        fill,
        Stroke::new(1.5, color),
    ));
    if style == StatusStyle::Crossed {
        let stroke = Stroke::new(1.5, text);
        painter.line_segment(
            [pos2(c.x - 8.0, c.y - 8.0), pos2(c.x + 8.0, c.y + 8.0)],
            stroke,
        );
        painter.line_segment(
            [pos2(c.x - 8.0, c.y + 8.0), pos2(c.x + 8.0, c.y - 8.0)],
            stroke,
        );
    }
}

fn sample_ui(ui: &mut Ui, sample: Sample, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(44.0, 16.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let c = rect.center();
    let text = ui.visuals().text_color();
    let diamond = |r: f32| {
        vec![
            pos2(c.x, c.y - r),
            pos2(c.x + r, c.y),
            pos2(c.x, c.y + r),
            pos2(c.x - r, c.y),
        ]
    };
    match sample {
        Sample::Moment(style) => moment(&painter, c, style, color, text),
        Sample::Range => {
            painter.rect_filled(Rect::from_center_size(c, vec2(36.0, 8.0)), 2.0, color);
        }
        Sample::PrecisionBar => {
            painter.rect_filled(
                Rect::from_center_size(c, vec2(36.0, 8.0)),
                2.0,
                color.gamma_multiply(0.3),
            );
            painter.add(Shape::convex_polygon(diamond(5.0), color, Stroke::NONE));
        }
        Sample::Approximate => {
            let r = Rect::from_center_size(c, vec2(36.0, 8.0));
            painter.rect_filled(r, 2.0, color);
            painter.add(Shape::dashed_line(
                &[
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                    r.left_top(),
                ],
                Stroke::new(1.0, text),
                3.0,
                2.0,
            ));
        }
        Sample::Link => {
            let (a, b) = (
                pos2(rect.left() + 4.0, c.y + 5.0),
                pos2(rect.right() - 4.0, c.y - 5.0),
            );
            painter.line_segment([a, b], Stroke::new(1.2, text.gamma_multiply(0.7)));
            painter.add(Shape::convex_polygon(
                vec![b, b + vec2(-7.0, 1.0), b + vec2(-3.0, 6.0)],
                text.gamma_multiply(0.7),
                Stroke::NONE,
            ));
        }
        Sample::Era => {
            painter.rect_filled(rect, 0.0, color.gamma_multiply(0.25));
        }
        Sample::Overflow => {
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                "+7",
                egui::FontId::proportional(11.0),
                text,
            );
        }
        Sample::Density => {
            for (i, h) in [4.0, 9.0, 14.0, 7.0, 11.0, 3.0].iter().enumerate() {
                #[allow(clippy::cast_precision_loss)] // Six bars.
                let x = rect.left() + 4.0 + i as f32 * 6.0;
                painter.rect_filled(
                    Rect::from_min_max(
                        Pos2::new(x, rect.bottom() - h),
                        Pos2::new(x + 5.0, rect.bottom()),
                    ),
                    0.0,
                    color,
                );
            }
        }
    }
}

/// The legend window.
pub fn window(ctx: &egui::Context, open: &mut bool, out: &mut Vec<Command>) {
    let accent = Color32::from_rgb(0x4e, 0x79, 0xa7);
    egui::Window::new("Legend")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("legend").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                let rows = [
                    (Sample::Moment(StatusStyle::Solid), "a moment: an event without an end"),
                    (Sample::Range, "a range: an event from its start to its end"),
                    (Sample::PrecisionBar, "a moment known only to its month or year: the faint bar spans what the date covers"),
                    (Sample::Approximate, "an approximate date (dashed edge)"),
                    (Sample::Link, "a link from one event to another (\"led to\")"),
                    (Sample::Era, "an era: a named period behind the lanes"),
                    (Sample::Overflow, "+N: events too close to label; click to zoom in"),
                    (Sample::Density, "density bins: too many events to draw one by one"),
                ];
                for (sample, meaning) in rows {
                    sample_ui(ui, sample, accent);
                    ui.label(meaning);
                    ui.end_row();
                }
                ui.label("+N filtered");
                ui.label("in a lane's title: events in view that a filter hides");
                ui.end_row();
            });
            ui.separator();
            ui.label(egui::RichText::new("Statuses — click one to show only its events").strong());
            egui::Grid::new("legend-statuses").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                for status in Status::ALL {
                    sample_ui(ui, Sample::Moment(status_style(Some(status))), accent);
                    ui.horizontal(|ui| {
                        if ui
                            .link(status.as_str())
                            .on_hover_text(format!("Show only {} events", status.as_str()))
                            .clicked()
                        {
                            out.push(Command::Find(FindCommand::OnlyStatus(status)));
                        }
                        ui.label(status_meaning(status));
                    });
                    ui.end_row();
                }
            });
        });
}
