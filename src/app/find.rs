//! Find and filter in the window: the find bar (Ctrl+F), its search off the
//! UI thread for large timelines, next/previous match, and what the canvas
//! needs to highlight, dim and hide events.
//!
//! The query language is [`crate::query`]'s; this module only holds the
//! window's state and turns [`FindCommand`]s into changes of it.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};

use egui::Ui;

use super::command::Command;
use super::filters::{DateEnd, Filters};
pub use super::find_bar::{Typing, bar_ui, shortcuts};
use crate::model::{ShownLanes, Status, Timeline};
use crate::numbers::{MATCH, count, grouped};
use crate::query::{Matches, Query, QueryError, SearchIndex};
use crate::scene::Emphasis;

/// Timelines up to this size are searched on the UI thread: the answer is
/// there before the frame ends. Larger ones are searched on a thread.
const SEARCH_ON_UI_THREAD: usize = 50_000;

/// What the find bar, the filter sidebar and the legend ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum FindCommand {
    /// Show the find bar and put the keyboard in its field.
    Open,
    /// Hide it and clear the highlight (Esc).
    Close,
    /// The query text changed.
    SetText(String),
    /// Go to the next match (Enter, F3).
    Next,
    /// Go to the previous match (Shift+Enter, Shift+F3).
    Previous,
    /// Hide the events the query does not match.
    ShowOnly(bool),
    /// Show or hide the filter sidebar.
    ToggleFilters,
    /// Show or hide the legend.
    ToggleLegend,
    /// Replace the sidebar's filters.
    SetFilters(Filters),
    /// The text of the sidebar's From or To field changed (not applied yet).
    EditDate(DateEnd, String),
    /// Apply the From or To field's text, if it is a date or empty (Enter,
    /// or the field was left).
    CommitDate(DateEnd),
    /// Show only events of this status (a click in the legend).
    OnlyStatus(Status),
}

/// What the canvas hides: the events that pass every filter, per lane.
#[derive(Debug)]
pub struct Shown {
    /// The events shown.
    pub matches: Matches,
    /// Per lane, the shown events in start order.
    pub lanes: Arc<ShownLanes>,
}

/// A search answer from the worker: (request id, matches).
type Answer = (u64, Matches);

/// The sidebar's date fields as typed: a date is applied to
/// [`Filters`] only once it is complete (Enter, or the field is left), so
/// "2" on the way to "2025" never filters by the year 2.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateDrafts {
    /// The From field.
    pub from: String,
    /// The To field.
    pub to: String,
}

impl DateDrafts {
    /// The field for `end`.
    pub fn get_mut(&mut self, end: DateEnd) -> &mut String {
        match end {
            DateEnd::From => &mut self.from,
            DateEnd::To => &mut self.to,
        }
    }
}

/// The find bar's and filters' state.
#[allow(clippy::struct_excessive_bools)] // Independent switches: bar, filter, sidebar, legend, focus, worker.
pub struct FindState {
    /// The find bar is shown.
    pub open: bool,
    /// The query as typed.
    pub text: String,
    /// Hide what the query does not match.
    pub show_only: bool,
    /// The sidebar's filters.
    pub filters: Filters,
    /// The filter sidebar is shown.
    pub show_filters: bool,
    /// The legend is shown.
    pub show_legend: bool,
    /// Why the query does not parse.
    pub error: Option<QueryError>,
    /// The events the query matches; `None` with no (valid) query.
    pub matches: Option<Matches>,
    /// The query `matches` answer (trimmed): the last one that parsed, which
    /// is what is in effect while the text has an error or is searched.
    pub applied: String,
    /// The matches the sidebar's filters show, in start order, for
    /// next/previous: going to a hidden event would land on nothing.
    pub ordered: Vec<usize>,
    /// Matches the sidebar's filters hide (not in `ordered`).
    pub hidden: usize,
    /// The sidebar's date fields as typed.
    pub drafts: DateDrafts,
    /// Place in `ordered` of the match last gone to.
    pub current: Option<usize>,
    /// What the canvas shows when filtering; `None` shows everything.
    pub shown: Option<Arc<Shown>>,
    /// Bumped whenever highlight or filter change, so the canvas relayouts.
    pub generation: u64,
    /// The keyboard should go to the query field next frame.
    pub focus: bool,
    /// A search is running on the worker.
    pub searching: bool,
    /// The query must be run again at the next frame (a file was opened
    /// with a remembered query).
    pub dirty: bool,
    /// The sidebar's counts, once it has been shown for this timeline.
    pub counts: Option<super::filters::Counts>,
    /// The query text of the search on the worker, if any.
    pending: String,
    index: Arc<OnceLock<SearchIndex>>,
    latest: Arc<AtomicU64>,
    tx: Sender<Answer>,
    rx: Receiver<Answer>,
}

impl Default for FindState {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            open: false,
            text: String::new(),
            show_only: false,
            filters: Filters::default(),
            show_filters: false,
            show_legend: false,
            error: None,
            matches: None,
            applied: String::new(),
            ordered: Vec::new(),
            hidden: 0,
            drafts: DateDrafts::default(),
            current: None,
            shown: None,
            generation: 0,
            focus: false,
            searching: false,
            dirty: false,
            counts: None,
            pending: String::new(),
            index: Arc::new(OnceLock::new()),
            latest: Arc::new(AtomicU64::new(0)),
            tx,
            rx,
        }
    }
}

impl FindState {
    /// Forgets every result: a new timeline is shown. The text and the
    /// filters stay for the caller to keep or replace.
    pub fn reset(&mut self) {
        self.index = Arc::new(OnceLock::new());
        self.latest.fetch_add(1, Ordering::SeqCst);
        self.matches = None;
        self.applied.clear();
        self.ordered.clear();
        self.hidden = 0;
        self.current = None;
        self.shown = None;
        self.error = None;
        self.searching = false;
        self.counts = None;
        self.generation += 1;
    }

    /// How event `i` is drawn: matches highlighted and the rest dimmed while
    /// a query matches something.
    #[must_use]
    pub fn emphasis(&self, i: usize) -> Emphasis {
        match &self.matches {
            Some(m) if m.contains(i) => Emphasis::Highlighted,
            Some(_) => Emphasis::Dimmed,
            None => Emphasis::Normal,
        }
    }

    /// True while the query is a filter or the sidebar hides something.
    #[must_use]
    pub fn is_filtering(&self) -> bool {
        (self.show_only && self.matches.is_some()) || self.filters.is_active()
    }

    /// "3 of 17", "17 matches", "no matches" or the error, for the bar;
    /// matches the sidebar hides are counted apart ("2 matches, 1 hidden by
    /// the filter") since next/previous skip them.
    #[must_use]
    pub fn counter_text(&self) -> String {
        if let Some(error) = &self.error {
            return error.to_string();
        }
        if self.searching {
            return "searching…".to_owned();
        }
        if self.matches.is_none() {
            return String::new();
        }
        let n = self.ordered.len();
        let mut text = match self.current {
            _ if n == 0 && self.hidden == 0 => return "no matches".to_owned(),
            Some(current) => format!("{} of {}", grouped(current + 1), grouped(n)),
            None => count(n, MATCH),
        };
        if self.hidden > 0 {
            let _ = write!(text, ", {} hidden by the filter", grouped(self.hidden));
        }
        text
    }

    /// The filter in effect as a query, for the status bar ("status:denied
    /// -lane:press"): the last query that parsed, not the text as typed.
    #[must_use]
    pub fn filter_text(&self, timeline: &Timeline) -> String {
        let mut parts = Vec::new();
        if self.show_only && self.matches.is_some() && !self.applied.is_empty() {
            parts.push(self.applied.clone());
        }
        let sidebar = self.filters.describe(timeline);
        if !sidebar.is_empty() {
            parts.push(sidebar);
        }
        parts.join(" ")
    }

    /// Runs the query in `self.text` over `timeline`: at once when it is
    /// small, otherwise on a thread (a newer query cancels an older one).
    pub fn search(&mut self, timeline: &Arc<Timeline>, ctx: &egui::Context) {
        let id = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        match Query::parse(&self.text) {
            Err(error) => {
                self.error = Some(error);
                self.searching = false;
            }
            Ok(query) if query.is_everything() => {
                self.error = None;
                self.searching = false;
                self.applied.clear();
                self.set_matches(None, timeline);
            }
            Ok(query) => {
                self.error = None;
                if timeline.len() <= SEARCH_ON_UI_THREAD {
                    let index = self.index.get_or_init(|| SearchIndex::build(timeline));
                    let matches = query.matches(index, timeline);
                    self.searching = false;
                    self.applied = self.text.trim().to_owned();
                    self.set_matches(Some(matches), timeline);
                    return;
                }
                self.searching = true;
                self.pending = self.text.trim().to_owned();
                let (index, latest, tx) = (
                    Arc::clone(&self.index),
                    Arc::clone(&self.latest),
                    self.tx.clone(),
                );
                let timeline = Arc::clone(timeline);
                let ctx = ctx.clone();
                // A failed spawn only means no answer; the bar says "searching…".
                let _ = std::thread::Builder::new()
                    .name("chronoscope-find".into())
                    .spawn(move || {
                        let index = index.get_or_init(|| SearchIndex::build(&timeline));
                        let stale = || latest.load(Ordering::SeqCst) != id;
                        if let Some(matches) = query.matches_until(index, &timeline, &stale)
                            && !stale()
                        {
                            let _ = tx.send((id, matches));
                            ctx.request_repaint();
                        }
                    });
            }
        }
    }

    /// Takes a finished search from the worker, if the newest one is done.
    pub fn poll(&mut self, timeline: &Timeline) {
        while let Ok((id, matches)) = self.rx.try_recv() {
            if id == self.latest.load(Ordering::SeqCst) {
                self.searching = false;
                self.applied = std::mem::take(&mut self.pending);
                self.set_matches(Some(matches), timeline);
            }
        }
    }

    /// Next/previous right after typing: a search of a small timeline is
    /// already done; a large one is not waited for (the bar says
    /// "searching…" and the key does nothing yet).
    fn wait_if_small(&mut self, timeline: &Timeline) {
        if timeline.len() <= SEARCH_ON_UI_THREAD {
            self.wait(timeline);
        }
    }

    /// Waits for a search in progress (tests, scripted runs).
    pub fn wait(&mut self, timeline: &Timeline) {
        while self.searching {
            match self.rx.recv() {
                Ok((id, matches)) if id == self.latest.load(Ordering::SeqCst) => {
                    self.searching = false;
                    self.applied = std::mem::take(&mut self.pending);
                    self.set_matches(Some(matches), timeline);
                }
                Ok(_) => {}
                Err(_) => self.searching = false,
            }
        }
    }

    fn set_matches(&mut self, matches: Option<Matches>, timeline: &Timeline) {
        self.matches = matches;
        self.current = None;
        self.refilter(timeline);
    }

    /// Recomputes what the canvas shows, and which matches next/previous go
    /// to, after the query or filters changed.
    pub fn refilter(&mut self, timeline: &Timeline) {
        self.generation += 1;
        let sidebar = self
            .filters
            .is_active()
            .then(|| self.filters.matches(timeline));
        self.reorder(timeline, sidebar.as_ref());
        let query = self.matches.as_ref().filter(|_| self.show_only);
        let shown = match (sidebar, query) {
            (None, None) => {
                self.shown = None;
                return;
            }
            (Some(mut shown), Some(query)) => {
                shown.and(query);
                shown
            }
            (Some(shown), None) => shown,
            (None, Some(query)) => query.clone(),
        };
        let lanes = Arc::new(ShownLanes::new(timeline, |i| shown.contains(i)));
        self.shown = Some(Arc::new(Shown {
            matches: shown,
            lanes,
        }));
    }

    /// The matches `sidebar` lets through, in start order; the match gone
    /// to last stays current when it is still among them.
    fn reorder(&mut self, timeline: &Timeline, sidebar: Option<&Matches>) {
        let was = self.current.and_then(|c| self.ordered.get(c).copied());
        let Some(matches) = &self.matches else {
            self.ordered.clear();
            self.hidden = 0;
            self.current = None;
            return;
        };
        self.ordered = timeline
            .by_start()
            .filter(|&i| matches.contains(i) && sidebar.is_none_or(|s| s.contains(i)))
            .collect();
        self.hidden = matches.count() - self.ordered.len();
        self.current = was.and_then(|event| self.ordered.iter().position(|&i| i == event));
    }

    /// Replaces the sidebar's filters. A date field whose applied value
    /// changed shows the new value; one that did not keeps what is being
    /// typed in it.
    pub fn replace_filters(&mut self, filters: Filters, timeline: &Timeline) {
        if filters.from != self.filters.from {
            self.drafts.from.clone_from(&filters.from);
        }
        if filters.to != self.filters.to {
            self.drafts.to.clone_from(&filters.to);
        }
        self.filters = filters;
        self.refilter(timeline);
    }

    /// Applies the date field `end` as typed, when it is empty or a date;
    /// returns false (and applies nothing) when it is not a date.
    pub fn commit_date(&mut self, end: DateEnd, timeline: &Timeline) -> bool {
        let typed = self.drafts.get_mut(end).trim().to_owned();
        if !typed.is_empty() && crate::time::Date::parse(&typed).is_err() {
            return false;
        }
        let mut filters = self.filters.clone();
        *filters.date_mut(end) = typed;
        if filters != self.filters {
            self.replace_filters(filters, timeline);
        }
        true
    }

    /// The match `step` places from the current one (wrapping), made
    /// current; `None` when nothing matches.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.ordered.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        self.current = Some(next);
        self.ordered.get(next).copied()
    }
}

impl super::ChronoscopeApp {
    /// Carries out a find, filter or legend command (called from `apply`).
    pub(super) fn apply_find(&mut self, command: FindCommand, ctx: &egui::Context) {
        let timeline = Arc::clone(&self.doc.timeline);
        match command {
            FindCommand::Open => {
                self.find.open = true;
                self.find.focus = true;
            }
            FindCommand::Close => {
                self.find.open = false;
                self.find.text.clear();
                self.find.show_only = false;
                self.find.search(&timeline, ctx);
            }
            FindCommand::SetText(text) => {
                self.find.text = text;
                self.find.search(&timeline, ctx);
            }
            FindCommand::Next | FindCommand::Previous => {
                self.find.wait_if_small(&timeline);
                if let Some(event) = self.find.step(command == FindCommand::Next) {
                    self.selected = Some(event);
                    let shown = self.find.shown.clone();
                    self.view = super::goto::view_showing(
                        &timeline,
                        self.view,
                        event,
                        self.canvas_width_or_default(),
                        shown.as_deref().map(|s| &*s.lanes),
                    );
                    self.canvas.reveal = Some(event);
                }
            }
            FindCommand::ShowOnly(only) => {
                self.find.show_only = only;
                self.find.refilter(&timeline);
            }
            FindCommand::ToggleFilters => self.find.show_filters = !self.find.show_filters,
            FindCommand::ToggleLegend => self.find.show_legend = !self.find.show_legend,
            FindCommand::SetFilters(filters) => self.find.replace_filters(filters, &timeline),
            FindCommand::EditDate(end, text) => *self.find.drafts.get_mut(end) = text,
            FindCommand::CommitDate(end) => {
                // A text that is not a date stays in its field, in red, and
                // the filter in effect stays as it was.
                let _ = self.find.commit_date(end, &timeline);
            }
            FindCommand::OnlyStatus(status) => {
                let filters = self.find.filters.clone().only_status(status);
                self.find.replace_filters(filters, &timeline);
            }
        }
        // A filtered-out selection would be invisible: drop it.
        if let (Some(selected), Some(shown)) = (self.selected, &self.find.shown)
            && !shown.matches.contains(selected)
        {
            self.selected = None;
        }
        self.save_find();
    }

    /// The find bar (above the canvas) and the filter sidebar (left of
    /// it), when shown.
    pub(super) fn find_panels_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.find.open {
            egui::Panel::top("find").show(ui, |ui| bar_ui(ui, &self.find, commands));
            self.find.focus = false;
        }
        if self.find.show_filters {
            let counts = self
                .find
                .counts
                .get_or_insert_with(|| super::filters::Counts::of(&self.doc.timeline));
            egui::Panel::left("filters")
                .default_size(220.0)
                .resizable(true)
                .show(ui, |ui| {
                    super::filters::sidebar_ui(
                        ui,
                        &self.doc.timeline,
                        super::filters::Sidebar {
                            filters: &self.find.filters,
                            drafts: &self.find.drafts,
                            counts,
                        },
                        commands,
                    );
                });
        }
    }

    fn canvas_width_or_default(&self) -> f32 {
        if self.canvas.width > 1.0 {
            self.canvas.width
        } else {
            super::canvas::default_size().x
        }
    }

    /// Remembers the open file's query and filters with its recent entry.
    pub(super) fn save_find(&mut self) {
        if let Some(path) = self.doc.path.clone() {
            let saved = super::settings::SavedFind {
                query: self.find.text.clone(),
                show_only: self.find.show_only,
                filters: self.find.filters.clone(),
            };
            self.settings.remember_find(&path, saved);
        }
    }

    /// Restores what was remembered for the file now open.
    pub(super) fn restore_find(&mut self) {
        self.find.reset();
        let saved = self
            .doc
            .path
            .as_deref()
            .and_then(|p| self.settings.saved_find(p))
            .cloned()
            .unwrap_or_default();
        self.find.open |= !saved.query.is_empty();
        self.find.text = saved.query;
        self.find.show_only = saved.show_only;
        self.find.drafts = DateDrafts {
            from: saved.filters.from.clone(),
            to: saved.filters.to.clone(),
        };
        self.find.filters = saved.filters;
        self.find.dirty = true;
        self.find.refilter(&self.doc.timeline);
    }
}
