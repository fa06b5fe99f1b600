//! The find bar (Ctrl+F) and its keys: the query field, the match count,
//! previous/next, "Show only matches" and Close. It only reads
//! [`FindState`] and emits [`Command`]s.

use egui::{Align, Id, Key, Layout, Modifiers, Ui};

use super::command::Command;
use super::find::{FindCommand, FindState};

/// Width of the match count's slot, in points. Fixed, so the buttons after
/// it stay where they are while the text changes from "" to "3 of 17" or an
/// error: a click aimed at "Show only matches" must not land on "Next". A
/// longer text is cut with "…" and shown whole on hover.
const COUNTER_WIDTH_PX: f32 = 230.0;

/// The query field's id, the same wherever the bar is drawn, so the keys
/// can tell typing in it from typing in another field.
#[must_use]
pub fn query_field_id() -> Id {
    Id::unique("chronoscope-find-query")
}

/// The find bar: the query field, the counter, previous/next, "Show only
/// matches" and a close button.
pub fn bar_ui(ui: &mut Ui, find: &FindState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let name = ui.label("Find:");
        let mut text = find.text.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(query_field_id())
                .hint_text(
                    "words \"a phrase\" -not OR lane: tag: status: source: after: before: has:",
                )
                .desired_width(360.0),
        );
        let field = field.labelled_by(name.id);
        if find.focus {
            field.request_focus();
        }
        if field.changed() {
            out.push(Command::Find(FindCommand::SetText(text)));
        }
        // Enter leaves a single-line field; keep the keyboard there so the
        // next Enter goes on to the following match.
        if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::Find(if back {
                FindCommand::Previous
            } else {
                FindCommand::Next
            }));
            field.request_focus();
        }
        counter_ui(ui, find);
        let any = !find.ordered.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("Previous"))
            .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
            .clicked()
        {
            out.push(Command::Find(FindCommand::Previous));
        }
        if ui
            .add_enabled(any, egui::Button::new("Next"))
            .on_hover_text("Next match (Enter, F3)")
            .clicked()
        {
            out.push(Command::Find(FindCommand::Next));
        }
        let mut only = find.show_only;
        if ui.checkbox(&mut only, "Show only matches").changed() {
            out.push(Command::Find(FindCommand::ShowOnly(only)));
        }
        if ui.button("Close").on_hover_text("Close (Esc)").clicked() {
            out.push(Command::Find(FindCommand::Close));
        }
    });
}

/// The count (or the query's error, in red) in its fixed-width slot.
fn counter_ui(ui: &mut Ui, find: &FindState) {
    let counter = find.counter_text();
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(COUNTER_WIDTH_PX, height),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_min_width(COUNTER_WIDTH_PX);
            let text = if find.error.is_some() {
                egui::RichText::new(counter).color(ui.visuals().error_fg_color)
            } else {
                egui::RichText::new(counter)
            };
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

/// Who has the keyboard: a text field, and whether it is the find bar's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Typing {
    /// A text field has the keyboard.
    pub in_field: bool,
    /// It is the find bar's query field.
    pub in_query: bool,
}

impl Typing {
    /// Who has the keyboard now.
    #[must_use]
    pub fn now(ctx: &egui::Context) -> Self {
        Self {
            in_field: ctx.text_edit_focused(),
            in_query: ctx.memory(|m| m.has_focus(query_field_id())),
        }
    }

    /// Who has the keyboard now or had it at the end of the last frame
    /// (`last`). egui takes the keyboard from a field as soon as Esc
    /// arrives, before any shortcut is read, so Esc pressed in a field
    /// would otherwise also clear the selection or close the find bar.
    #[must_use]
    pub fn now_or(ctx: &egui::Context, last: Self) -> Self {
        let now = Self::now(ctx);
        if now.in_field { now } else { last }
    }

    /// A text field other than the find query has the keyboard.
    #[must_use]
    pub fn elsewhere(self) -> bool {
        self.in_field && !self.in_query
    }
}

/// Ctrl+F, F3, Shift+F3 and Esc (while the bar is open), read once per frame
/// before the other shortcuts so Esc closes the bar first. While another
/// text field has the keyboard (a date in the filter sidebar) only Ctrl+F
/// works: F3 and Esc there belong to that field.
pub fn shortcuts(ctx: &egui::Context, find: &FindState, typing: Typing, out: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::COMMAND, Key::F) {
            out.push(Command::Find(FindCommand::Open));
        }
        if typing.elsewhere() {
            return;
        }
        if i.consume_key(Modifiers::SHIFT, Key::F3) {
            out.push(Command::Find(FindCommand::Previous));
        }
        if i.consume_key(Modifiers::NONE, Key::F3) {
            out.push(Command::Find(FindCommand::Next));
        }
        if find.open && i.consume_key(Modifiers::NONE, Key::Escape) {
            out.push(Command::Find(FindCommand::Close));
        }
    });
}
