//! TimelineJS3 JSON (Knight Lab): a `title` slide, `events`, `eras` and a
//! `scale`, as documented at <https://timeline.knightlab.com/docs/json-format.html>
//! and as the examples in the TimelineJS3 repository write it (numbers as
//! strings, unused date parts as `""`).
//!
//! Reading rules, each chosen to keep what the author meant:
//! - A date's precision is its finest field: `{year}` is a year,
//!   `{year, month}` a month, and so on down to milliseconds. A field missing
//!   between two given ones (a `day` without a `month`) is read the way
//!   TimelineJS reads it (January, the 1st, 0 h) with a warning.
//! - TimelineJS labels year `-44` as "44 BCE", so on the `human` scale a
//!   negative year `-N` is N BCE, astronomical year `1 - N`. On the
//!   `cosmological` scale years are plain counts ("13.8 billion years ago")
//!   and are taken as astronomical years unchanged.
//! - An end date covers its whole precision, as in Chronoscope's own format
//!   (`1914`–`1918` includes 1918).
//! - Headlines and text are HTML: see [`super::html`]. Links in them, the
//!   media URL, link and credit become sources; nothing is fetched.
//!
//! The `Assembler` that turns read items into a [`Timeline`] is shared by
//! every importer (it owns lanes, unique ids and the final checks).

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

use std::collections::{HashMap, HashSet};

use serde_json::value::RawValue;

use super::diag::{Collector, quote};
use super::html;
use super::json::{Doc, RawObject};
use super::native::ReadResult;
use crate::model::{Era, Event, Lane, Rgb, Source, Timeline};
use crate::time::{Date, Precision};

const TOP_KEYS: &[&str] = &["title", "events", "eras", "scale"];
const SLIDE_KEYS: &[&str] = &[
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
];
const DATE_KEYS: &[&str] = &[
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "display_date",
    "format",
];
const TEXT_KEYS: &[&str] = &["headline", "text"];
const MEDIA_KEYS: &[&str] = &[
    "url",
    "caption",
    "credit",
    "thumbnail",
    "alt",
    "title",
    "link",
    "link_target",
];

/// The date fields, coarse to fine, in the order of [`Parts::fields`].
pub(crate) const FIELDS: [&str; 7] = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
];
const PRECISIONS: [Precision; 7] = [
    Precision::Year,
    Precision::Month,
    Precision::Day,
    Precision::Hour,
    Precision::Minute,
    Precision::Second,
    Precision::Millisecond,
];
/// Allowed values of each field (the year is checked by [`Date::build`]).
const RANGES: [(i64, i64); 7] = [
    (i64::MIN, i64::MAX),
    (1, 12),
    (1, 31),
    (0, 23),
    (0, 59),
    (0, 59),
    (0, 999),
];

/// True when the text looks like TimelineJS JSON: an object with
/// `start_date` objects or `headline`s (Chronoscope's own files have neither).
#[must_use]
pub fn sniff(text: &str) -> bool {
    let head: String = text.chars().take(65_536).collect();
    head.trim_start().starts_with('{')
        && (has_key(&head, "start_date") || has_key(&head, "headline"))
}

/// True when `"key"` occurs in `json` followed by a colon: as an object
/// key, not merely as a word inside some string.
pub(crate) fn has_key(json: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    json.match_indices(&quoted).any(|(at, _)| {
        let escaped = json.get(..at).is_some_and(|before| before.ends_with('\\'));
        let after = json.get(at + quoted.len()..).unwrap_or_default();
        !escaped && after.trim_start().starts_with(':')
    })
}

/// Reads a TimelineJS JSON file. `file` names it in diagnostics;
/// `default_title` is used when there is no title slide.
///
/// # Errors
/// Every error found (syntax, types, impossible dates, missing start dates,
/// ends before starts), each with line and column, with the warnings.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let root = Doc::root_object(file, text).map_err(|d| vec![d])?;
    let mut doc = Doc::new(file, text);
    doc.check_keys(&root, TOP_KEYS, "the timeline");
    let cosmological = match root.get("scale") {
        Some(raw) => match doc
            .string(raw, "scale")
            .map(|s| s.trim().to_ascii_lowercase())
        {
            Some(scale) if scale == "cosmological" => true,
            Some(scale) if scale == "human" || scale.is_empty() => false,
            Some(scale) => {
                let at = doc.offset(raw);
                doc.diags.error(
                    at,
                    format!(
                        "unknown `scale` {}: TimelineJS knows `human` and `cosmological`",
                        quote(&scale)
                    ),
                );
                false
            }
            None => false,
        },
        None => false,
    };
    let mut assembler = Assembler::default();
    if let Some(raw) = root.get("title")
        && let Some(slide) = slide(&mut doc, raw, TITLE_SLIDE, cosmological)
    {
        assembler.title = non_empty(&html::to_line(&slide.headline).text);
        assembler.description = html::to_text(&slide.text).text;
    }
    match root.get("events") {
        Some(raw) => {
            for (index, item) in doc
                .array(raw, "events")
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                let Some(slide) = slide(&mut doc, item, "an event", cosmological) else {
                    continue;
                };
                match slide.start {
                    Some(start) => assembler.slide_event(slide, start, index, &mut doc.diags),
                    None if slide.start_missing => doc
                        .diags
                        .error(slide.at, "an event needs a `start_date` with a `year`"),
                    None => {}
                }
            }
        }
        None => doc.diags.error(
            0,
            "the file has no `events` array (TimelineJS requires one)",
        ),
    }
    if let Some(raw) = root.get("eras") {
        for item in doc.array(raw, "eras").unwrap_or_default() {
            let Some(slide) = slide(&mut doc, item, "an era", cosmological) else {
                continue;
            };
            if slide.start_missing || slide.end_missing {
                doc.diags
                    .error(slide.at, "an era needs a `start_date` and an `end_date`");
                continue;
            }
            assembler.slide_era(&slide, &mut doc.diags);
        }
    }
    assembler.finish(default_title, doc.diags)
}

/// The parts of a TimelineJS date as written.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parts {
    /// Value and byte offset of year, month, day, hour, minute, second and
    /// millisecond, in the order of [`FIELDS`]; `None` when not given.
    pub fields: [Option<(i64, usize)>; 7],
}

/// Builds the date that `parts` describe, recording problems at the field
/// that causes them. `None` (with an error) when the year is missing or a
/// field is impossible.
pub(crate) fn build_date(
    parts: &Parts,
    at: usize,
    cosmological: bool,
    diags: &mut Collector<'_>,
) -> Option<Date> {
    let Some((written_year, year_at)) = parts.fields[0] else {
        diags.error(at, "a date needs a `year`");
        return None;
    };
    let finest = parts.fields.iter().rposition(Option::is_some).unwrap_or(0);
    let offset_of = |i: usize| {
        parts
            .fields
            .get(i)
            .copied()
            .flatten()
            .map_or(year_at, |(_, at)| at)
    };
    if let Some(gap) = (1..finest).find(|&i| parts.fields.get(i).is_some_and(Option::is_none)) {
        let first = match gap {
            1 => "January",
            2 => "the 1st",
            _ => "0",
        };
        diags.warning(
            offset_of(finest),
            format!(
                "`{}` is given without `{}`; TimelineJS reads the {} as {first}",
                FIELDS[finest], FIELDS[gap], FIELDS[gap]
            ),
        );
    }
    let mut values = [0_u32; 7];
    for (i, field) in parts.fields.iter().enumerate().skip(1) {
        let first = u32::from(i <= 2);
        let Some((value, value_at)) = *field else {
            values[i] = first;
            continue;
        };
        let (low, high) = RANGES[i];
        if !(low..=high).contains(&value) {
            diags.error(
                value_at,
                format!(
                    "{} {value} does not exist ({}s are {low} to {high})",
                    FIELDS[i], FIELDS[i]
                ),
            );
            return None;
        }
        values[i] = u32::try_from(value).unwrap_or(first);
    }
    // TimelineJS labels year -N as "N BCE": astronomical year 1 - N.
    let year = if !cosmological && written_year < 0 {
        written_year.saturating_add(1)
    } else {
        written_year
    };
    // Build coarse to fine so that an impossible date is reported at the
    // field that makes it impossible (February 30 at the day).
    let [_, month, day, hour, minute, second, milli] = values;
    let mut date = None;
    for (i, precision) in PRECISIONS.iter().enumerate().take(finest + 1) {
        match Date::build(
            year, month, day, hour, minute, second, milli, None, *precision,
        ) {
            Ok(built) => date = Some(built),
            Err(e) => {
                let message = if written_year == year {
                    e.message
                } else {
                    format!("{e} (written as year {written_year})")
                };
                diags.error(offset_of(i), message);
                return None;
            }
        }
    }
    date
}

/// Parses a whole number as TimelineJS accepts it: optional sign and digits,
/// surrounding spaces ignored; `Ok(None)` for an empty field.
///
/// # Errors
/// A message when the text is not a whole number or does not fit.
pub(crate) fn parse_integer(text: &str, field: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{field}` must be a whole number, not {}",
            quote(text)
        ));
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| format!("`{field}` {} is too large", quote(text)))
}

/// One slide (event, era or title) as read, before it becomes part of the
/// timeline; both TimelineJS readers fill it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slide {
    /// Offset of the slide, for errors about it as a whole.
    pub at: usize,
    /// The start date, when given and valid.
    pub start: Option<Date>,
    /// No start date was given at all (as opposed to an invalid one).
    pub start_missing: bool,
    /// The end date, when given and valid.
    pub end: Option<Date>,
    /// No end date was given.
    pub end_missing: bool,
    /// Where the end date is written.
    pub end_at: usize,
    /// The slide's display date, or the dates' own.
    pub display_date: Option<String>,
    /// `text.headline` (HTML).
    pub headline: String,
    /// `text.text` (HTML).
    pub text: String,
    /// The media block.
    pub media: Media,
    /// The group (lane), trimmed, when not empty.
    pub group: Option<String>,
    /// The `unique_id` and where it is written.
    pub id: Option<(String, usize)>,
}

/// A slide's media: all strings, empty when not given.
#[derive(Clone, Debug, Default)]
pub(crate) struct Media {
    /// The media URL (or embed code).
    pub url: String,
    /// A link the media points to.
    pub link: String,
    /// Credit line (HTML).
    pub credit: String,
    /// Caption (HTML).
    pub caption: String,
}

fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some(trimmed.to_owned())
    }
}

/// What the title slide is called in messages (and how `slide` knows it).
const TITLE_SLIDE: &str = "the title slide";

/// Reads a slide object; `None` when it is not an object.
fn slide<'a>(
    doc: &mut Doc<'a>,
    raw: &'a RawValue,
    what: &str,
    cosmological: bool,
) -> Option<Slide> {
    let object = doc.object(raw, what)?;
    doc.check_keys(&object, SLIDE_KEYS, what);
    let mut slide = Slide {
        at: doc.offset(raw),
        start_missing: true,
        end_missing: true,
        ..Slide::default()
    };
    let mut displays = (None, None);
    // TimelineJS ignores the title slide's dates (spreadsheet exports give
    // it empty ones), and so do we.
    let dated = what != TITLE_SLIDE;
    if let Some(raw) = object.get("start_date").filter(|_| dated) {
        let empty;
        (slide.start, displays.0, empty) = date(doc, raw, cosmological);
        slide.start_missing = empty;
    }
    if let Some(raw) = object.get("end_date").filter(|_| dated) {
        let empty;
        slide.end_at = doc.offset(raw);
        (slide.end, displays.1, empty) = date(doc, raw, cosmological);
        slide.end_missing = empty;
    }
    if let Some(raw) = object.get("text")
        && let Some(text) = doc.object(raw, "`text` (with `headline` and `text`)")
    {
        doc.check_keys(&text, TEXT_KEYS, "`text`");
        slide.headline = string_field(doc, &text, "headline");
        slide.text = string_field(doc, &text, "text");
    }
    if let Some(raw) = object.get("media")
        && let Some(media) = doc.object(raw, "`media`")
    {
        doc.check_keys(&media, MEDIA_KEYS, "`media`");
        slide.media = Media {
            url: string_field(doc, &media, "url"),
            link: string_field(doc, &media, "link"),
            credit: string_field(doc, &media, "credit"),
            caption: string_field(doc, &media, "caption"),
        };
    }
    slide.group = object
        .get("group")
        .and_then(|v| doc.string_or_number(v, "group"))
        .and_then(|s| non_empty(&s));
    slide.id = object.get("unique_id").and_then(|v| {
        let at = doc.offset(v);
        doc.string_or_number(v, "unique_id")
            .and_then(|s| non_empty(&s))
            .map(|id| (id, at))
    });
    slide.display_date = object
        .get("display_date")
        .and_then(|v| doc.string(v, "display_date"))
        .and_then(|s| non_empty(&s))
        .or_else(|| match displays {
            (Some(start), Some(end)) => Some(format!("{start} – {end}")),
            (start, end) => start.or(end),
        });
    Some(slide)
}

fn string_field<'a>(doc: &mut Doc<'a>, object: &RawObject<'a>, key: &str) -> String {
    object
        .get(key)
        .and_then(|v| doc.string_or_number(v, key))
        .unwrap_or_default()
}

/// Reads a date object: the date (when valid), its `display_date`, and
/// whether it is empty (no field given, or all empty strings, as
/// spreadsheet-to-JSON exports write an absent date): that is no date, not
/// an error.
fn date<'a>(
    doc: &mut Doc<'a>,
    raw: &'a RawValue,
    cosmological: bool,
) -> (Option<Date>, Option<String>, bool) {
    let Some(object) = doc.object(raw, "a date (with `year`, `month`, …)") else {
        return (None, None, false);
    };
    doc.check_keys(&object, DATE_KEYS, "a date");
    let mut parts = Parts::default();
    let mut valid = true;
    for (i, field) in FIELDS.iter().enumerate() {
        let Some(value) = object.get(field) else {
            continue;
        };
        let at = doc.offset(value);
        let number = if value.get().starts_with('"') {
            doc.string(value, field).map(|s| parse_integer(&s, field))
        } else if value
            .get()
            .starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        {
            Some(json_number(value.get(), field))
        } else {
            let found = super::json::kind(value);
            Some(Err(format!(
                "expected `{field}` to be a number, found {found}"
            )))
        };
        match number {
            Some(Ok(parsed)) => parts.fields[i] = parsed.map(|v| (v, at)),
            Some(Err(message)) => {
                doc.diags.error(at, message);
                valid = false;
            }
            None => valid = false,
        }
    }
    let display = object
        .get("display_date")
        .and_then(|v| doc.string(v, "display_date"))
        .and_then(|s| non_empty(&s));
    if !valid {
        return (None, display, false);
    }
    if parts.fields.iter().all(Option::is_none) {
        return (None, display, true);
    }
    let at = doc.offset(raw);
    (
        build_date(&parts, at, cosmological, &mut doc.diags),
        display,
        false,
    )
}

/// A JSON number that must be whole (`1969`, `-13800000000`, `1.9e3`).
fn json_number(text: &str, field: &str) -> Result<Option<i64>, String> {
    if let Ok(value) = text.parse::<i64>() {
        return Ok(Some(value));
    }
    match text.parse::<f64>() {
        // Whole values of magnitude below 2^53 convert exactly.
        #[allow(clippy::cast_possible_truncation)]
        Ok(value) if value.fract() == 0.0 && value.abs() < 9.0e15 => Ok(Some(value as i64)),
        _ => Err(format!(
            "`{field}` must be a whole number, not {}",
            quote(text)
        )),
    }
}

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

    /// Adds a TimelineJS event slide.
    pub fn slide_event(
        &mut self,
        slide: Slide,
        start: Date,
        index: usize,
        diags: &mut Collector<'_>,
    ) {
        if !slide.end_missing && slide.end.is_none() {
            return; // An invalid end date was reported already.
        }
        let headline = html::to_line(&slide.headline);
        let body = html::to_text(&slide.text);
        let caption = html::to_line(&slide.media.caption);
        let title = [
            &headline.text,
            body.text.lines().next().unwrap_or_default(),
            &caption.text,
        ]
        .into_iter()
        .find(|t| !t.is_empty())
        .map_or_else(|| "Untitled".to_owned(), ToOwned::to_owned);
        let mut sources = Vec::new();
        for link in headline.links.iter().chain(&body.links) {
            add_source(&mut sources, &link.label, Some(&link.href));
        }
        media_sources(&slide.media, &mut sources);
        let lane = match &slide.group {
            Some(group) => self.lane(group, group, None),
            None => self.lane("", "", None),
        };
        let id = self.unique_id(slide.id, index, diags);
        let mut event = Event::new(title, start);
        event.id = id;
        event.description = body.text;
        event.end = slide.end;
        event.lane = lane;
        event.sources = sources;
        event.display_date = slide.display_date;
        self.push_event(event, slide.end_at, diags);
    }

    /// Adds a TimelineJS era slide (both dates already checked as given).
    pub fn slide_era(&mut self, slide: &Slide, diags: &mut Collector<'_>) {
        let (Some(start), Some(end)) = (slide.start, slide.end) else {
            return;
        };
        let title = html::to_line(&slide.headline).text;
        self.push_era(
            Era {
                title,
                start,
                end,
                color: None,
            },
            slide.end_at,
            diags,
        );
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
/// ([`super::links::web_url`]: `javascript:`, `file:`, hidden characters …)
/// is kept as plain text in the name, never as a link.
pub(crate) fn add_source(sources: &mut Vec<Source>, name: &str, url: Option<&str>) {
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    let name = name.trim();
    if name.is_empty() && url.is_none() {
        return;
    }
    let as_text;
    let (name, url) = match url {
        Some(u) if super::links::web_url(u).is_none() => {
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

/// The sources a media block gives: its URL (named by the credit or
/// caption), its link, and the credit itself (with any links in it).
/// Embed code (`<iframe …>`, `<blockquote …>`) gives its links only.
pub(crate) fn media_sources(media: &Media, sources: &mut Vec<Source>) {
    let credit = html::to_line(&media.credit);
    let caption = html::to_line(&media.caption);
    let name = if credit.text.is_empty() {
        &caption.text
    } else {
        &credit.text
    };
    let url = media.url.trim();
    if url.starts_with('<') {
        for link in html::urls(url) {
            add_source(sources, name, Some(&link));
        }
    } else if !url.is_empty() {
        add_source(sources, name, Some(url));
    }
    if !media.link.trim().is_empty() {
        add_source(sources, name, Some(&media.link));
    }
    for link in &credit.links {
        add_source(sources, &link.label, Some(&link.href));
    }
    if url.is_empty() && credit.links.is_empty() && !credit.text.is_empty() {
        add_source(sources, &credit.text, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_ok(text: &str) -> Timeline {
        match read("t.json", text, "Untitled") {
            Ok((timeline, _)) => timeline,
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn precision_follows_the_fields() {
        let t = read_ok(
            r#"{"events": [
              {"start_date": {"year": "1969", "month": "", "day": ""}, "text": {"headline": "Y"}},
              {"start_date": {"year": 1969, "month": 7}, "text": {"headline": "M"}},
              {"start_date": {"year": "1969", "month": "7", "day": "20", "hour": "20", "minute": "17"}, "text": {"headline": "Min"}},
              {"start_date": {"year": "-44", "month": "3", "day": "15"}, "text": {"headline": "BCE"}}
            ]}"#,
        );
        let iso: Vec<String> = t.events().map(|e| e.start().to_iso()).collect();
        assert_eq!(iso, ["1969", "1969-07", "1969-07-20T20:17", "-0043-03-15"]);
        assert_eq!(t.event(3).start().to_string(), "15 March 44 BCE");
    }

    #[test]
    fn sniffs_keys_not_words() {
        assert!(sniff("{\"events\": [{\"start_date\" : {\"year\": 1}}]}"));
        assert!(!sniff(
            "{\"events\": [{\"title\": \"headline\", \"start\": \"2025\"}]}"
        ));
        assert!(!sniff("{\"title\": \"say \\\"headline\\\": x\"}"));
    }

    #[test]
    fn errors_point_at_the_field() {
        let text = "{\"events\": [\n {\"start_date\": {\"year\": \"2001\", \"month\": \"2\", \"day\": \"30\"}}\n]}";
        let d = read("t.json", text, "x").err().unwrap_or_default();
        assert!(
            d.iter().any(|d| d.line == 2
                && d.column == 55
                && d.message.contains("February has no day 30")),
            "{d:?}"
        );
    }
}
