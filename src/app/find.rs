//! Find and filter in the window: the find bar (Ctrl+F), its search off the
//! UI thread for large timelines, next/previous match, and what the canvas
//! needs to highlight, dim and hide events.
//!
//! The query language is [`crate::query`]'s; this module only holds the
//! window's state and turns [`FindCommand`]s into changes of it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};

use egui::{Key, Modifiers, Ui};

use super::command::Command;
use super::filters::Filters;
use crate::layout::{self, Params};
use crate::model::{ShownLanes, Status, Timeline};
use crate::query::{Matches, Query, QueryError, SearchIndex};
use crate::scene::Emphasis;
use crate::time::TimeRange;
use crate::view::TimeView;

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
    /// The matches in start order, for next/previous.
    pub ordered: Vec<usize>,
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
            ordered: Vec::new(),
            current: None,
            shown: None,
            generation: 0,
            focus: false,
            searching: false,
            dirty: false,
            counts: None,
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
        self.ordered.clear();
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

    /// "3 of 17", "17 matches", "no matches" or the error, for the bar.
    #[must_use]
    pub fn counter_text(&self) -> String {
        if let Some(error) = &self.error {
            return error.to_string();
        }
        if self.searching {
            return "searching…".to_owned();
        }
        match (&self.matches, self.current) {
            (None, _) => String::new(),
            (Some(_), _) if self.ordered.is_empty() => "no matches".to_owned(),
            (Some(_), Some(current)) => format!(
                "{} of {}",
                crate::time::thousands(current as u64 + 1),
                crate::time::thousands(self.ordered.len() as u64)
            ),
            (Some(_), None) => {
                let n = self.ordered.len();
                format!(
                    "{} match{}",
                    crate::time::thousands(n as u64),
                    if n == 1 { "" } else { "es" }
                )
            }
        }
    }

    /// The filter as a query, for the status bar ("status:denied -lane:press").
    #[must_use]
    pub fn filter_text(&self, timeline: &Timeline) -> String {
        let mut parts = Vec::new();
        if self.show_only && self.matches.is_some() && !self.text.trim().is_empty() {
            parts.push(self.text.trim().to_owned());
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
                self.set_matches(None, timeline);
            }
            Ok(query) => {
                self.error = None;
                if timeline.len() <= SEARCH_ON_UI_THREAD {
                    let index = self.index.get_or_init(|| SearchIndex::build(timeline));
                    let matches = query.matches(index, timeline);
                    self.searching = false;
                    self.set_matches(Some(matches), timeline);
                    return;
                }
                self.searching = true;
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
                    self.set_matches(Some(matches), timeline);
                }
                Ok(_) => {}
                Err(_) => self.searching = false,
            }
        }
    }

    fn set_matches(&mut self, matches: Option<Matches>, timeline: &Timeline) {
        self.ordered = matches.as_ref().map_or_else(Vec::new, |m| {
            timeline.by_start().filter(|&i| m.contains(i)).collect()
        });
        self.matches = matches;
        self.current = None;
        self.refilter(timeline);
    }

    /// Recomputes what the canvas shows after the query or filters changed.
    pub fn refilter(&mut self, timeline: &Timeline) {
        self.generation += 1;
        let query = self.matches.as_ref().filter(|_| self.show_only);
        if query.is_none() && !self.filters.is_active() {
            self.shown = None;
            return;
        }
        let mut shown = self.filters.matches(timeline);
        if let Some(query) = query {
            shown.and(query);
        }
        let lanes = Arc::new(ShownLanes::new(timeline, |i| shown.contains(i)));
        self.shown = Some(Arc::new(Shown {
            matches: shown,
            lanes,
        }));
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

/// A view that shows event `event` as an item of its own: the current view
/// when it already does; else the same span centred on it (or the event
/// fitted, when it is longer than the view); then zoomed in around it until
/// it is drawn as an item, not inside a histogram or a "+N".
#[must_use]
pub fn view_showing(
    timeline: &Timeline,
    view: TimeView,
    event: usize,
    width: f32,
    shown: Option<&ShownLanes>,
) -> TimeView {
    let range = timeline.range_of(event);
    let span = view.span_nanos();
    #[allow(clippy::cast_precision_loss)] // Lengths compared as fractions of a view.
    let length = range.len_nanos() as f64;
    let visible = view.range();
    let inside = range.start >= visible.start && range.end <= visible.end;
    let mut candidate = if length > span * 0.8 {
        TimeView::fit(range, 0.25)
    } else if inside {
        view
    } else {
        #[allow(clippy::cast_possible_truncation)] // A span is far below i128's range.
        let half = (span / 2.0) as i128;
        let mid = range.start.add_nanos(range.len_nanos() / 2);
        TimeView::new(TimeRange::new(mid.add_nanos(-half), mid.add_nanos(half)))
    };
    let width_px = f64::from(width.max(1.0));
    let palette = crate::layout::theme::Palette::of(crate::layout::theme::ThemeKind::Light);
    for _ in 0..24 {
        let mut params = Params::new(width, palette);
        params.selected = Some(event);
        params.shown = shown;
        let laid = layout::layout(timeline, &candidate, &params);
        if laid.items.iter().any(|item| item.event == event) {
            break;
        }
        let mid = range.start.add_nanos(range.len_nanos() / 2);
        let x = candidate.x_from_time(mid, width_px);
        candidate = candidate.zoom_at(x, 4.0, width_px);
    }
    candidate
}

/// The find bar: the query field, the counter, previous/next, "Show only
/// matches" and a close button.
pub fn bar_ui(ui: &mut Ui, find: &FindState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let name = ui.label("Find:");
        let mut text = find.text.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id_salt("find-query")
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
        let counter = find.counter_text();
        if find.error.is_some() {
            ui.colored_label(ui.visuals().error_fg_color, counter);
        } else {
            ui.label(counter);
        }
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

/// Ctrl+F, F3, Shift+F3 and Esc (while the bar is open), read once per frame
/// before the other shortcuts so Esc closes the bar first.
pub fn shortcuts(ctx: &egui::Context, find: &FindState, out: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::COMMAND, Key::F) {
            out.push(Command::Find(FindCommand::Open));
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
                    self.view = view_showing(
                        &timeline,
                        self.view,
                        event,
                        self.canvas_width_or_default(),
                        shown.as_deref().map(|s| &*s.lanes),
                    );
                }
            }
            FindCommand::ShowOnly(only) => {
                self.find.show_only = only;
                self.find.refilter(&timeline);
            }
            FindCommand::ToggleFilters => self.find.show_filters = !self.find.show_filters,
            FindCommand::ToggleLegend => self.find.show_legend = !self.find.show_legend,
            FindCommand::SetFilters(filters) => {
                self.find.filters = filters;
                self.find.refilter(&timeline);
            }
            FindCommand::OnlyStatus(status) => {
                self.find.filters = std::mem::take(&mut self.find.filters).only_status(status);
                self.find.refilter(&timeline);
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
                        &self.find.filters,
                        counts,
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
        self.find.filters = saved.filters;
        self.find.dirty = true;
        self.find.refilter(&self.doc.timeline);
    }
}
