//! The filter sidebar (View › Filters): lanes, statuses and tags with
//! checkboxes and counts, and a date range. What it hides leaves a
//! "+N filtered" hint in its lane.

use std::collections::{BTreeMap, BTreeSet};

use egui::Ui;
use serde::{Deserialize, Serialize};

use super::command::Command;
use super::find::{DateDrafts, FindCommand};
use crate::model::{Status, Timeline};
use crate::query::{Matches, in_dates};
use crate::time::Date;

/// The sidebar's choices, by name (lane ids, status words, tags) so they
/// survive a reload and are remembered with the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Ids of the lanes hidden.
    pub hidden_lanes: BTreeSet<String>,
    /// Statuses hidden ("none" for events without one).
    pub hidden_statuses: BTreeSet<String>,
    /// Events with any of these tags are hidden.
    pub hidden_tags: BTreeSet<String>,
    /// Only events on or after this date (as typed).
    pub from: String,
    /// Only events on or before this date (as typed).
    pub to: String,
}

/// One of the sidebar's two date fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateEnd {
    /// From: only events on or after the date.
    From,
    /// To: only events on or before the date.
    To,
}

/// How many events each checkbox stands for, counted once per timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Per lane.
    pub lanes: Vec<usize>,
    /// Per status word ("none" included).
    pub statuses: BTreeMap<&'static str, usize>,
    /// Per tag, the most common first.
    pub tags: Vec<(String, usize)>,
}

/// At most this many tags are listed (the most common).
const MAX_TAGS: usize = 100;

/// The word of a status, or "none".
fn status_word(status: Option<Status>) -> &'static str {
    status.map_or("none", Status::as_str)
}

impl Counts {
    /// Counts `timeline`'s events per lane, status and tag.
    #[must_use]
    pub fn of(timeline: &Timeline) -> Self {
        let mut statuses = BTreeMap::new();
        let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
        for event in timeline.events() {
            *statuses.entry(status_word(event.status())).or_insert(0) += 1;
            for tag in event.tags() {
                *tags.entry(tag).or_insert(0) += 1;
            }
        }
        let mut tags: Vec<(String, usize)> =
            tags.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        tags.truncate(MAX_TAGS);
        Self {
            lanes: (0..timeline.lanes().len())
                .map(|l| timeline.lane_index(l).map_or(0, |i| i.len()))
                .collect(),
            statuses,
            tags,
        }
    }
}

impl Filters {
    /// True when anything is hidden.
    #[must_use]
    pub fn is_active(&self) -> bool {
        !self.hidden_lanes.is_empty()
            || !self.hidden_statuses.is_empty()
            || !self.hidden_tags.is_empty()
            || self.start_date().is_some()
            || self.end_date().is_some()
    }

    /// The applied text of the date field `end`.
    pub fn date_mut(&mut self, end: DateEnd) -> &mut String {
        match end {
            DateEnd::From => &mut self.from,
            DateEnd::To => &mut self.to,
        }
    }

    fn start_date(&self) -> Option<Date> {
        Date::parse(&self.from)
            .ok()
            .filter(|_| !self.from.trim().is_empty())
    }

    fn end_date(&self) -> Option<Date> {
        Date::parse(&self.to)
            .ok()
            .filter(|_| !self.to.trim().is_empty())
    }

    /// Only `status` shown (the legend's click).
    #[must_use]
    pub fn only_status(mut self, status: Status) -> Self {
        self.hidden_statuses = Status::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(["none"])
            .filter(|&w| w != status.as_str())
            .map(str::to_owned)
            .collect();
        self
    }

    /// The events the filters let through.
    #[must_use]
    pub fn matches(&self, timeline: &Timeline) -> Matches {
        let lanes: Vec<bool> = timeline
            .lanes()
            .iter()
            .map(|l| !self.hidden_lanes.contains(&l.id))
            .collect();
        let (from, to) = (self.start_date(), self.end_date());
        let all = Matches::all(timeline.len());
        all.filter(|i| {
            let event = timeline.event(i);
            lanes.get(event.lane()).copied().unwrap_or(true)
                && !self.hidden_statuses.contains(status_word(event.status()))
                && !event.tags().any(|t| self.hidden_tags.contains(t))
                && in_dates(timeline.range_of(i), from.as_ref(), to.as_ref())
        })
    }

    /// The filters in the query language, for the status bar.
    #[must_use]
    pub fn describe(&self, timeline: &Timeline) -> String {
        let mut parts = Vec::new();
        for lane in timeline.lanes() {
            if self.hidden_lanes.contains(&lane.id) {
                parts.push(format!("-lane:{}", quote(&lane.id)));
            }
        }
        if !self.hidden_statuses.is_empty() {
            let shown: Vec<&str> = Status::ALL
                .iter()
                .map(|s| s.as_str())
                .chain(["none"])
                .filter(|w| !self.hidden_statuses.contains(*w))
                .collect();
            parts.push(if shown.is_empty() {
                "status:(none shown)".to_owned()
            } else {
                format!("status:{}", shown.join(","))
            });
        }
        for tag in &self.hidden_tags {
            parts.push(format!("-tag:{}", quote(tag)));
        }
        if let Some(from) = self.start_date() {
            parts.push(format!("after:{}", from.to_iso()));
        }
        if let Some(to) = self.end_date() {
            parts.push(format!("before:{}", to.to_iso()));
        }
        parts.join(" ")
    }
}

fn quote(value: &str) -> String {
    if value.contains(char::is_whitespace) {
        format!("\"{value}\"")
    } else {
        value.to_owned()
    }
}

/// What the sidebar shows.
#[derive(Clone, Copy)]
pub struct Sidebar<'a> {
    /// The filters in effect.
    pub filters: &'a Filters,
    /// The date fields as typed.
    pub drafts: &'a DateDrafts,
    /// The counts beside the checkboxes.
    pub counts: &'a Counts,
}

/// The sidebar.
pub fn sidebar_ui(ui: &mut Ui, timeline: &Timeline, sidebar: Sidebar<'_>, out: &mut Vec<Command>) {
    let Sidebar {
        filters,
        drafts,
        counts,
    } = sidebar;
    let mut next = filters.clone();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Filters");
        ui.label(egui::RichText::new("Lanes").strong());
        for (i, lane) in timeline.lanes().iter().enumerate() {
            let name = if lane.title.is_empty() {
                &lane.id
            } else {
                &lane.title
            };
            let count = counts.lanes.get(i).copied().unwrap_or(0);
            toggle(
                ui,
                &mut next.hidden_lanes,
                &lane.id,
                &format!("{name} ({count})"),
            );
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Statuses").strong());
        for word in Status::ALL.iter().map(|s| s.as_str()).chain(["none"]) {
            let count = counts.statuses.get(word).copied().unwrap_or(0);
            let label = if word == "none" { "no status" } else { word };
            toggle(
                ui,
                &mut next.hidden_statuses,
                word,
                &format!("{label} ({count})"),
            );
        }
        if !counts.tags.is_empty() {
            ui.add_space(6.0);
            ui.label(egui::RichText::new("Tags").strong());
            for (tag, count) in &counts.tags {
                toggle(ui, &mut next.hidden_tags, tag, &format!("{tag} ({count})"));
            }
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Dates").strong());
        for (end, label, draft, applied) in [
            (DateEnd::From, "From", &drafts.from, &filters.from),
            (DateEnd::To, "To", &drafts.to, &filters.to),
        ] {
            date_field_ui(ui, end, label, draft, applied, out);
        }
        ui.add_space(6.0);
        if ui
            .add_enabled(filters.is_active(), egui::Button::new("Show everything"))
            .clicked()
        {
            next = Filters::default();
            // A date being typed (not applied, perhaps no date) goes too.
            for end in [DateEnd::From, DateEnd::To] {
                out.push(Command::Find(FindCommand::EditDate(end, String::new())));
            }
        }
    });
    if next != *filters {
        out.push(Command::Find(FindCommand::SetFilters(next)));
    }
}

/// A date field of the sidebar. Its text is applied only when the user is
/// done with it (Enter, or the keyboard leaves the field) and it is a date:
/// applying each keystroke would filter by the year 2 on the way to 2025.
/// A text that is no date is shown in red and not applied.
fn date_field_ui(
    ui: &mut Ui,
    end: DateEnd,
    label: &str,
    draft: &str,
    applied: &str,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let name = ui.label(label);
        let mut text = draft.to_owned();
        let valid = text.trim().is_empty() || Date::parse(&text).is_ok();
        let mut edit = egui::TextEdit::singleline(&mut text)
            // A fixed id: the field keeps the keyboard when panels around
            // it appear or go (the details panel closing, say).
            .id_salt(("filter-date", label))
            .hint_text("2025-11-01")
            .desired_width(110.0);
        if !valid {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        let field = ui
            .add(edit)
            .labelled_by(name.id)
            .on_hover_text("A date: 2025, 2025-11 or 2025-11-01. Enter applies it.");
        if field.changed() {
            out.push(Command::Find(FindCommand::EditDate(end, text.clone())));
        }
        if field.lost_focus() {
            out.push(Command::Find(FindCommand::CommitDate(end)));
        }
        if !valid {
            ui.colored_label(ui.visuals().error_fg_color, "not a date");
        } else if text.trim() != applied {
            ui.weak("Enter to apply");
        }
    });
}

/// A checkbox that is ticked while `key` is not in `hidden`.
fn toggle(ui: &mut Ui, hidden: &mut BTreeSet<String>, key: &str, label: &str) {
    let mut shown = !hidden.contains(key);
    if ui.checkbox(&mut shown, label).changed() {
        if shown {
            hidden.remove(key);
        } else {
            hidden.insert(key.to_owned());
        }
    }
}
