//! The `Assembler` that the TimelineJS, Timeline and vis-timeline readers
//! feed: lanes by id in order of first use, unique event ids and the
//! end-after-start checks; and `add_source` (the calendar and table readers
//! use it too): sources without duplicates or unsafe links.
//!
//! It knows nothing of any file's syntax: readers hand it events and eras
//! already read, with the offsets to report problems at. (It lives under
//! TimelineJS, its first user; how a TimelineJS slide becomes an event is
//! in `super::slide`.)

use std::collections::{HashMap, HashSet};

use crate::io::diag::{Collector, quote};
use crate::io::native::ReadResult;
use crate::model::{Era, Event, Lane, Rgb, Source, Timeline};
use crate::time::Date;

/// Turns read items into a [`Timeline`]: lanes by id in order of first use,
/// unique event ids, the same end-after-start rule as the native format.
/// Shared by every importer.
#[derive(Debug, Default)]
pub(crate) struct Assembler {
    lanes: Vec<Lane>,
    lane_ids: HashMap<String, usize>,
    events: Vec<Event>,
    eras: Vec<Era>,
    ids: HashSet<String>,
    /// The next suffix to try for each id given more than once, so that
    /// n copies of one id cost n steps, not n² (a hostile file's hang).
    next_suffix: HashMap<String, usize>,
    /// The timeline's title, when the file gives one.
    pub title: Option<String>,
    /// The timeline's description.
    pub description: String,
    /// The range to open on.
    pub initial_view: Option<(Date, Date)>,
}

impl Assembler {
    /// The index of lane `id`, created with `title` and `color` if new.
    pub fn lane(&mut self, id: &str, title: &str, color: Option<Rgb>) -> usize {
        if let Some(&index) = self.lane_ids.get(id) {
            return index;
        }
        let index = self.lanes.len();
        self.lane_ids.insert(id.to_owned(), index);
        self.lanes.push(Lane {
            id: id.to_owned(),
            title: title.to_owned(),
            color,
        });
        index
    }

    /// True when lane `id` exists.
    pub fn has_lane(&self, id: &str) -> bool {
        self.lane_ids.contains_key(id)
    }

    /// How many lanes there are so far.
    pub fn lane_count(&self) -> usize {
        self.lanes.len()
    }

    /// An id for the event at `index` (0-based, in file order): `wanted`
    /// when given and free, else `event-N`, suffixed until unique.
    pub fn unique_id(
        &mut self,
        wanted: Option<(String, usize)>,
        index: usize,
        diags: &mut Collector<'_>,
    ) -> String {
        let base = match wanted {
            Some((id, at)) if self.ids.contains(&id) => {
                let free = self.free_id(&id);
                diags.warning(
                    at,
                    format!(
                        "the id {} is used twice; this event is given the id {}",
                        quote(&id),
                        quote(&free)
                    ),
                );
                free
            }
            Some((id, _)) => id,
            None => self.free_id(&format!("event-{}", index + 1)),
        };
        self.ids.insert(base.clone());
        base
    }

    fn free_id(&mut self, wanted: &str) -> String {
        if !self.ids.contains(wanted) {
            return wanted.to_owned();
        }
        // Suffixes already handed out for `wanted` are never tried again;
        // the loop ends because there are only finitely many ids.
        let next = self.next_suffix.entry(wanted.to_owned()).or_insert(2);
        loop {
            let id = format!("{wanted}-{next}");
            *next += 1;
            if !self.ids.contains(&id) {
                return id;
            }
        }
    }

    /// Adds an event, checking (like the native format) that it does not end
    /// before it starts; `end_at` is where the end is written.
    pub fn push_event(&mut self, event: Event, end_at: usize, diags: &mut Collector<'_>) {
        if let Some(end) = &event.end
            && end.end() <= event.start.start()
        {
            diags.error(
                end_at,
                format!("the event ends ({end}) before it starts ({})", event.start),
            );
            return;
        }
        self.events.push(event);
    }

    /// Adds an era, checking that it does not end before it starts.
    pub fn push_era(&mut self, era: Era, end_at: usize, diags: &mut Collector<'_>) {
        if era.end.end() <= era.start.start() {
            diags.error(
                end_at,
                format!(
                    "the era ends ({}) before it starts ({})",
                    era.end, era.start
                ),
            );
            return;
        }
        self.eras.push(era);
    }

    /// The timeline, or every error found.
    pub fn finish(mut self, default_title: &str, mut diags: Collector<'_>) -> ReadResult {
        // Events without a lane share an untitled one; beside titled lanes it
        // needs a name to be told apart.
        if self.lanes.len() > 1
            && let Some(lane) = self.lane_ids.get("").and_then(|&i| self.lanes.get_mut(i))
            && lane.title.is_empty()
        {
            "Other".clone_into(&mut lane.title);
        }
        let title = self.title.unwrap_or_else(|| default_title.to_owned());
        match Timeline::new(title, self.lanes, self.events, self.eras) {
            Ok(mut timeline) => {
                timeline.description = self.description;
                timeline.initial_view = self.initial_view;
                if diags.has_errors() {
                    Err(diags.finish())
                } else {
                    Ok((timeline, diags.finish()))
                }
            }
            Err(e) => {
                diags.error(0, e.to_string());
                Err(diags.finish())
            }
        }
    }
}

/// Adds a source unless one with the same URL (or, without URL, the same
/// name) is there already. A URL that is not a web link
/// ([`crate::io::links::web_url`]: `javascript:`, `file:`, hidden characters …)
/// is kept as plain text in the name, never as a link.
pub(crate) fn add_source(sources: &mut Vec<Source>, name: &str, url: Option<&str>) {
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    let name = name.trim();
    if name.is_empty() && url.is_none() {
        return;
    }
    let as_text;
    let (name, url) = match url {
        Some(u) if crate::io::links::web_url(u).is_none() => {
            as_text = if name.is_empty() || name == u {
                u.to_owned()
            } else {
                format!("{name} ({u})")
            };
            (as_text.as_str(), None)
        }
        _ => (name, url),
    };
    let duplicate = sources.iter().any(|s| match url {
        Some(url) => s.url.as_deref() == Some(url),
        None => s.url.is_none() && s.name == name,
    });
    if !duplicate {
        let name = if name.is_empty() {
            url.unwrap_or_default()
        } else {
            name
        };
        sources.push(Source {
            name: name.to_owned(),
            url: url.map(ToOwned::to_owned),
            date: None,
        });
    }
}
