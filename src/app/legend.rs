//! The legend (View › Legend, or the status bar's "Legend"): what every
//! mark on the canvas means. The display list comes from
//! [`crate::scene::legend`] and is painted by the canvas's own translator,
//! so its samples are the canvas's marks, in the canvas's colours; this
//! module only adds the window around it and makes each status row a
//! button that shows only its events.

use egui::{Rect, Sense, Ui, pos2, vec2};

use super::canvas::paint::{Placement, paint_scene};
use super::command::Command;
use super::find::FindCommand;
use crate::layout::theme::Palette;
use crate::scene::legend::{Legend, legend};

/// Width of the legend in the window: two columns of the legend's own
/// minimum, so it fits a laptop screen without scrolling.
pub const LEGEND_WIDTH: f32 = 820.0;
/// Narrowest legend, on a small window (one column).
const MIN_LEGEND_WIDTH: f32 = 320.0;
/// Room the window's frame, title and hint take around the legend.
const WINDOW_CHROME: f32 = 120.0;
/// The least height the legend gets before it scrolls.
const MIN_SCROLL_HEIGHT: f32 = 200.0;

/// The legend window's display list, laid out again only when its width
/// or colours change.
#[derive(Default)]
pub struct LegendWindow {
    cached: Option<(Palette, Legend)>,
}

impl LegendWindow {
    /// The legend painted last, if it has been shown.
    #[must_use]
    pub fn legend(&self) -> Option<&Legend> {
        self.cached.as_ref().map(|(_, legend)| legend)
    }

    fn legend_for(&mut self, width: f32, palette: Palette) -> &Legend {
        let fresh = self
            .cached
            .as_ref()
            .is_some_and(|(p, l)| *p == palette && (l.scene.width - width).abs() <= 0.5);
        if !fresh {
            self.cached = None;
        }
        &self
            .cached
            .get_or_insert_with(|| (palette, legend(width, &palette)))
            .1
    }

    /// Shows the legend window while `open`; a click on a status pushes
    /// the command that shows only its events.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        palette: Palette,
        out: &mut Vec<Command>,
    ) {
        if !*open {
            return;
        }
        let screen = ctx.content_rect();
        let width = LEGEND_WIDTH
            .min(screen.width() - 40.0)
            .max(MIN_LEGEND_WIDTH);
        egui::Window::new("Legend")
            .open(open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("Click a status to show only its events.");
                let legend = self.legend_for(width, palette);
                // As tall as the legend where the screen allows: a scroll
                // area in a window otherwise keeps to egui's small default.
                let height = legend
                    .scene
                    .height
                    .min((screen.height() - WINDOW_CHROME).max(MIN_SCROLL_HEIGHT));
                egui::ScrollArea::vertical()
                    .min_scrolled_height(height)
                    .max_height(height)
                    .show(ui, |ui| legend_ui(ui, legend, out));
            });
    }
}

/// Paints `legend` and makes its status rows clickable, each a button
/// named after its status for screen readers.
fn legend_ui(ui: &mut Ui, legend: &Legend, out: &mut Vec<Command>) {
    let size = vec2(legend.scene.width, legend.scene.height);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    paint_scene(
        ui.painter(),
        &legend.scene,
        Placement {
            rect,
            scroll_y: 0.0,
        },
    );
    for row in &legend.rows {
        let Some(status) = row.status else {
            continue;
        };
        let row_rect = Rect::from_min_max(
            pos2(rect.left() + row.rect.min_x, rect.top() + row.rect.min_y),
            pos2(rect.left() + row.rect.max_x, rect.top() + row.rect.max_y),
        )
        .expand2(vec2(4.0, 2.0));
        let response = ui.interact(
            row_rect,
            ui.make_persistent_id(("legend-status", status.as_str())),
            Sense::click(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, status.as_str()));
        if response.hovered() {
            // The window's own hover style, not a timeline mark.
            ui.painter().rect_stroke(
                row_rect,
                3.0,
                ui.visuals().widgets.hovered.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        if response
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_text(format!("Show only {status} events"))
            .clicked()
        {
            out.push(Command::Find(FindCommand::OnlyStatus(status)));
        }
    }
}
