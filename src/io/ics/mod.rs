//! iCalendar (`.ics`, RFC 5545) as Google Calendar, Outlook, Thunderbird and
//! Apple Calendar export it. The `icalendar` crate parses the components;
//! this module reads the VEVENTs (never the DTSTARTs inside VTIMEZONE
//! blocks): `DTSTART`/`DTEND`/`DURATION` as all-day dates (`VALUE=DATE`),
//! UTC, floating or `TZID=` times; `SUMMARY`, `DESCRIPTION`, `LOCATION`,
//! `URL`, `CATEGORIES`, `STATUS`; recurrences through the `rrule` crate
//! ([`recur`]), at most [`MAX_OCCURRENCES`] per event.
//!
//! Lines are unfolded here (not by the crate) so that every diagnostic can
//! point at the line of the original file ([`lines`]).

mod lines;
mod recur;
mod values;
mod windows_zones;
mod zone;

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime, Timelike};
use icalendar::parser::{Component, Property};

use super::diag::{Collector, quote_list};
use super::native::ReadResult;
use super::timelinejs::add_source;
use crate::escape::quote;
use crate::model::{Event, Lane, Timeline};
use crate::time::{Date, Precision};
use lines::{Positions, unfold};
pub(super) use lines::{looks_like_icalendar, mend_split_characters};
use values::{When, Zone, duration, fields, unescape, unescape_list, when};
use zone::{Resolved, Zones};

/// Occurrences expanded per recurring event at most.
pub const MAX_OCCURRENCES: usize = 10_000;

/// Years after its start across which a recurrence without end is expanded.
pub const OPEN_HORIZON_YEARS: i32 = 2;

/// True when the text is an iCalendar file.
#[must_use]
pub fn sniff(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
}

/// Reads a calendar. `file` names it in diagnostics; the calendar's own
/// name (`X-WR-CALNAME`, `NAME`) titles the timeline, `default_title`
/// otherwise.
///
/// # Errors
/// Text that is no iCalendar (at the line the parser stopped), events
/// without a start, unreadable dates, ends before starts.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let mut diags = Collector::new(file, text);
    let (mut unfolded, marks) = unfold(text);
    let line_of = |at: usize| {
        let at = lines::original(&marks, at).min(text.len());
        memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1
    };
    // The warning goes after the last thing the file holds.
    close_cut_components(&mut unfolded, text.trim_end().len(), &mut diags, &line_of);
    let positions = Positions {
        unfolded: &unfolded,
        marks: &marks,
    };
    let components = match icalendar::parser::read_calendar_simple(&unfolded) {
        Ok(components) => components,
        Err(e) => {
            // The crate stops at the component it could not finish; the
            // line that is wrong inside it is found here.
            let (at, message) =
                if let Some((at, message)) = lines::outline(&unfolded, &line_of).problem {
                    (positions.original(at), message)
                } else {
                    let line = e.input.lines().next().unwrap_or_default();
                    let message = if line.trim().is_empty() {
                        "this is not valid iCalendar: the file ends here".to_owned()
                    } else {
                        format!("this is not valid iCalendar here: {}", quote(line))
                    };
                    (positions.of(e.input), message)
                };
            diags.error(at, message);
            return Err(diags.finish());
        }
    };
    let Some(calendar) = components.iter().find(|c| c.name == "VCALENDAR") else {
        diags.error(0, "the file has no VCALENDAR");
        return Err(diags.finish());
    };
    let zones = Zones::new(&calendar.components);
    let mut reader = Reader {
        zones: &zones,
        positions: &positions,
        diags: &mut diags,
        ids: HashSet::new(),
        events: Vec::new(),
        warned_zones: HashSet::new(),
        calendar_zone: calendar
            .find_prop("X-WR-TIMEZONE")
            .map(|p| p.val.as_str().trim().to_owned())
            .filter(|zone| !zone.is_empty()),
    };
    reader.calendar(calendar);
    let events = std::mem::take(&mut reader.events);
    let title = ["X-WR-CALNAME", "NAME"]
        .iter()
        .find_map(|name| calendar.find_prop(name))
        .map(|p| unescape(p.val.as_str()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| default_title.to_owned());
    if diags.has_errors() {
        return Err(diags.finish());
    }
    if events.is_empty() {
        diags.warning(0, "the calendar has no events");
    }
    let lanes = vec![Lane::default()];
    match Timeline::new(title, lanes, events, Vec::new()) {
        Ok(mut timeline) => {
            if let Some(description) = calendar.find_prop("X-WR-CALDESC") {
                timeline.description = unescape(description.val.as_str());
            }
            Ok((timeline, diags.finish()))
        }
        Err(e) => {
            diags.error(0, e.to_string());
            Err(diags.finish())
        }
    }
}

/// Ends the components a file cut short leaves open (calendar programs and
/// downloads truncate files), with a warning at the end of the file
/// (`end`): the events before the cut still load.
fn close_cut_components(
    unfolded: &mut String,
    end: usize,
    diags: &mut Collector<'_>,
    line_of: &dyn Fn(usize) -> usize,
) {
    if lines::ends_calendar(unfolded) {
        return;
    }
    let outline = lines::outline(unfolded, line_of);
    if outline.problem.is_some() || outline.open.is_empty() {
        // Something else is wrong: the parser's error says what.
        return;
    }
    let missing: Vec<String> = outline
        .open
        .iter()
        .rev()
        .map(|name| format!("END:{name}"))
        .collect();
    diags.warning(
        end,
        format!(
            "the file ends without {}: it may have been cut short; it is read as far as it goes",
            quote_list(missing.iter().map(String::as_str))
        ),
    );
    if !unfolded.ends_with('\n') {
        unfolded.push('\n');
    }
    for line in missing {
        unfolded.push_str(&line);
        unfolded.push('\n');
    }
}

struct Reader<'r, 'd> {
    zones: &'r Zones,
    positions: &'r Positions<'r>,
    diags: &'r mut Collector<'d>,
    ids: HashSet<String>,
    events: Vec<Event>,
    warned_zones: HashSet<String>,
    /// The calendar's `X-WR-TIMEZONE` (Google and Apple write it), where
    /// its floating times are: the zone the calendar's owner sees them in.
    calendar_zone: Option<String>,
}

/// The UTC offset of wall time `local` in zone `tzid`, or `None` (a
/// floating time) for a zone nothing resolves, which is warned about once
/// per zone; `whose` names the zone in that warning.
fn offset_in(
    (zones, warned, diags): (&Zones, &mut HashSet<String>, &mut Collector<'_>),
    tzid: &str,
    local: NaiveDateTime,
    at: usize,
    whose: &str,
) -> Option<i32> {
    let (offset, resolved) = zones.offset(tzid, local);
    if resolved == Resolved::Unknown && warned.insert(tzid.to_owned()) {
        diags.warning(
            at,
            format!(
                "{whose} {} is neither in the time-zone database, nor a Windows zone name, nor defined in the file; its times are read as floating (wall-clock times without a zone)",
                quote(tzid)
            ),
        );
    }
    offset
}

/// One VEVENT as read, before recurrences are expanded.
struct Item<'c> {
    component: &'c Component<'c>,
    at: usize,
    /// Where its DTSTART and DTEND are, for warnings about their zones.
    start_at: usize,
    end_at: usize,
    uid: Option<String>,
    start: When,
    end: Option<When>,
    duration: Option<Duration>,
    recurrence_id: Option<When>,
    cancelled: bool,
}

impl Reader<'_, '_> {
    fn at(&self, prop: &Property<'_>) -> usize {
        self.positions.of(prop.name.as_str())
    }

    fn calendar(&mut self, calendar: &Component<'_>) {
        let mut items = Vec::new();
        for component in calendar.components.iter().filter(|c| c.name == "VEVENT") {
            if let Some(item) = self.item(component) {
                items.push(item);
            }
        }
        // Overridden instances of recurring events, by UID and original start.
        let mut overrides: HashMap<(String, NaiveDateTime), usize> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            if let (Some(uid), Some(rid)) = (&item.uid, &item.recurrence_id) {
                overrides.insert((uid.clone(), rid.wall()), i);
            }
        }
        for item in &items {
            if item.recurrence_id.is_some() {
                // An override stands on its own; a cancelled one only removes.
                if !item.cancelled {
                    self.push(item, &item.start, None);
                }
                continue;
            }
            match item.component.find_prop("RRULE") {
                Some(rule) => self.expand(item, rule, &overrides),
                None => self.push(item, &item.start, None),
            }
        }
    }

    fn item<'c>(&mut self, component: &'c Component<'c>) -> Option<Item<'c>> {
        let begin = component.properties.first().map_or(0, |p| self.at(p));
        let read_when = |name: &str, this: &mut Self| -> Option<When> {
            let prop = component.find_prop(name)?;
            match when(prop, prop.val.as_str()) {
                Ok(w) => Some(w),
                Err(message) => {
                    this.diags
                        .error(this.at(prop), format!("invalid {name}: {message}"));
                    None
                }
            }
        };
        let Some(start) = read_when("DTSTART", self) else {
            if component.find_prop("DTSTART").is_none() {
                self.diags.error(begin, "this VEVENT has no DTSTART");
            }
            return None;
        };
        let end = read_when("DTEND", self);
        let recurrence_id = read_when("RECURRENCE-ID", self);
        let duration = component.find_prop("DURATION").and_then(|p| {
            let parsed = duration(p.val.as_str());
            if parsed.is_none() {
                self.diags.warning(
                    self.at(p),
                    format!(
                        "{} is not a DURATION (such as PT1H30M or P1D); ignored",
                        quote(p.val.as_str())
                    ),
                );
            }
            parsed
        });
        let cancelled = component
            .find_prop("STATUS")
            .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED"));
        Some(Item {
            component,
            at: begin,
            start_at: component.find_prop("DTSTART").map_or(begin, |p| self.at(p)),
            end_at: component
                .find_prop("DTEND")
                .or_else(|| component.find_prop("DTSTART"))
                .map_or(begin, |p| self.at(p)),
            uid: component
                .find_prop("UID")
                .map(|p| p.val.as_str().trim().to_owned()),
            start,
            end,
            duration,
            recurrence_id,
            cancelled,
        })
    }

    /// The model date of a value.
    fn date(&mut self, value: &When, at: usize) -> Option<Date> {
        match value {
            When::Day(d) => Date::ymd(
                i64::from(chrono::Datelike::year(d)),
                chrono::Datelike::month(d),
                chrono::Datelike::day(d),
            ),
            When::Time(t, zone) => {
                let offset = match zone {
                    Zone::Utc => Some(0),
                    Zone::Floating => self.calendar_zone.as_deref().and_then(|tzid| {
                        offset_in(
                            (self.zones, &mut self.warned_zones, self.diags),
                            tzid,
                            *t,
                            at,
                            "the calendar's time zone (X-WR-TIMEZONE)",
                        )
                    }),
                    Zone::Named(tzid) => offset_in(
                        (self.zones, &mut self.warned_zones, self.diags),
                        tzid,
                        *t,
                        at,
                        "the time zone",
                    ),
                };
                let precision = if t.second() == 0 {
                    Precision::Minute
                } else {
                    Precision::Second
                };
                Date::build(
                    i64::from(chrono::Datelike::year(t)),
                    chrono::Datelike::month(t),
                    chrono::Datelike::day(t),
                    t.hour(),
                    t.minute(),
                    t.second(),
                    0,
                    offset,
                    precision,
                )
                .ok()
            }
        }
    }

    /// Adds one occurrence (`n`: its index, for a recurring event) starting at `start`.
    fn push(&mut self, item: &Item<'_>, start: &When, n: Option<usize>) {
        let c = item.component;
        let Some(start_date) = self.date(start, item.start_at) else {
            self.diags.error(
                item.at,
                "this VEVENT's start is not a date the axis can show",
            );
            return;
        };
        // The end moves with the occurrence: the same length as the first.
        let length = match (&item.end, item.duration) {
            (_, Some(duration)) => Some(duration),
            (Some(end), None) => Some(end.wall() - item.start.wall()),
            (None, None) => None,
        };
        let end = length.and_then(|length| match start {
            // All-day ends are exclusive: a one-day event has no end, a
            // three-day event ends on its third day.
            When::Day(day) => (length.num_days() > 1)
                .then(|| day.checked_add_signed(Duration::days(length.num_days() - 1)))
                .flatten()
                .map(When::Day),
            When::Time(..) => {
                let wall = start.wall().checked_add_signed(length)?;
                Some(match &item.end {
                    // A UTC end of a zoned start keeps its own zone.
                    Some(When::Time(_, zone)) if item.duration.is_none() && n.is_none() => {
                        When::Time(wall, zone.clone())
                    }
                    _ => start.with_wall(wall),
                })
            }
        });
        let end_date = end.and_then(|e| self.date(&e, item.end_at));
        let text = |name: &str| {
            c.find_prop(name)
                .map(|p| unescape(p.val.as_str()))
                .unwrap_or_default()
        };
        let title = text("SUMMARY");
        let mut event = Event::new(
            if title.is_empty() {
                "Untitled".to_owned()
            } else {
                title
            },
            start_date,
        );
        if let Some(end) = end_date {
            if end.end() > start_date.start() {
                event.end = Some(end);
            } else {
                self.diags.warning(
                    item.at,
                    "this VEVENT ends before it starts; the end is dropped",
                );
            }
        }
        event.description = text("DESCRIPTION");
        let base = item
            .uid
            .clone()
            .unwrap_or_else(|| format!("event-{}", self.events.len() + 1));
        let wanted = if n.is_some() || item.recurrence_id.is_some() {
            format!("{base}/{}", start.wall().format("%Y%m%dT%H%M%S"))
        } else {
            base
        };
        event.id = self.unique(&wanted);
        for prop in c.properties.iter().filter(|p| p.name == "CATEGORIES") {
            for tag in unescape_list(prop.val.as_str()) {
                if !event.tags.contains(&tag) {
                    event.tags.push(tag);
                }
            }
        }
        let status = text("STATUS").to_ascii_lowercase();
        event.status = values::status(&status);
        if let Some(url) = c.find_prop("URL") {
            add_source(&mut event.sources, "", Some(&unescape(url.val.as_str())));
        }
        let fields = fields(c, status);
        event.fields = fields;
        self.events.push(event);
    }

    fn unique(&mut self, wanted: &str) -> String {
        let mut id = wanted.to_owned();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}
