//! The status bar: the visible range, how many events are in view, the
//! filter in effect, the legend button, the file and the last message.
//! It only reads the app's state and emits [`Command`]s.

use super::{ChronoscopeApp, Command, columns, find, io, save};

impl ChronoscopeApp {
    /// The status bar's count: every event, or how many the filter in
    /// effect shows and what it is. A long filter is cut with "…" (whole on
    /// hover) so the fields after it stay on screen; a query with an error
    /// is said to be not applied.
    fn filter_status_ui(&self, ui: &mut egui::Ui) {
        let total = self.doc.timeline.len();
        let Some(filtered) = &self.find.shown else {
            ui.label(crate::numbers::count(total, crate::numbers::EVENT));
            return;
        };
        let text = format!(
            "{} of {} shown — filter: {}",
            // Kept per filter, not counted from the bit set every frame.
            crate::numbers::grouped(filtered.lanes.len()),
            crate::numbers::grouped(total),
            self.find.filter_text(&self.doc.timeline)
        );
        let room = (ui.available_width() * 0.45).max(120.0);
        ui.scope(|ui| {
            ui.set_max_width(room);
            ui.add(egui::Label::new(text).truncate());
        });
        if self.find.show_only
            && let Some(error) = &self.find.error
        {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "query not applied: it has an error",
            )
            .on_hover_text(format!(
                "{error}\nThe last query without an error is in effect."
            ));
        }
    }

    pub(super) fn status_bar_ui(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            // The export's header says the range the same way.
            ui.label(crate::scene::overlay::range_text(&self.view));
            ui.separator();
            // "In view", not "shown": the filter's count says "shown", and
            // the two must not be taken for each other.
            let in_view = self.canvas.layout().map_or(0, |l| l.visible_events);
            ui.label(format!("{} in view", crate::numbers::grouped(in_view)));
            ui.separator();
            self.filter_status_ui(ui);
            ui.separator();
            if ui.small_button("Legend").clicked() {
                out.push(Command::Find(find::FindCommand::ToggleLegend));
            }
            ui.separator();
            let name = self.doc.path.as_ref().map_or_else(
                || format!("{} (built in)", io::SEED_NAME),
                |p| p.display().to_string(),
            );
            ui.label(name);
            if let Some(mapping) = &self.doc.mapping {
                let button = ui
                    .small_button("Columns…")
                    .on_hover_text(format!("{}; {mapping}", self.doc.format.name()));
                if button.clicked() {
                    out.push(Command::Columns(columns::ColumnsCommand::Show));
                }
            }
            if let Some(loader) = &self.loader {
                ui.separator();
                ui.add(
                    egui::ProgressBar::new(loader.progress())
                        .desired_width(120.0)
                        .show_percentage(),
                );
                ui.label("Loading…");
                if ui.button("Cancel").clicked() {
                    out.push(Command::CancelLoad);
                }
            }
            if let Some((message, _)) = &self.status {
                ui.separator();
                // The actions first: a long path must not push them off
                // the window; the message is cut short instead (in full on
                // hover).
                if let Some(path) = &self.saved_screenshot {
                    save::saved_actions_ui(ui, path, out);
                }
                ui.add(egui::Label::new(message).truncate());
            }
        });
    }
}
