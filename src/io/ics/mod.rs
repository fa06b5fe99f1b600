//! iCalendar (`.ics`, RFC 5545) as Google Calendar, Outlook, Thunderbird and
//! Apple Calendar export it. The `icalendar` crate parses the components;
//! this module reads the VEVENTs (never the DTSTARTs inside VTIMEZONE
//! blocks): `DTSTART`/`DTEND`/`DURATION` as all-day dates (`VALUE=DATE`),
//! UTC, floating or `TZID=` times; `SUMMARY`, `DESCRIPTION`, `LOCATION`,
//! `URL`, `CATEGORIES`, `STATUS`; recurrences through the `rrule` crate
//! (`COUNT`, `UNTIL`, `EXDATE`, `RDATE`, overridden instances by
//! `RECURRENCE-ID`), at most [`MAX_OCCURRENCES`] per event.
//!
//! Lines are unfolded here (not by the crate) so that every diagnostic can
//! point at the line of the original file.

mod zone;

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use icalendar::parser::{Component, Property};

use super::diag::Collector;
use super::native::ReadResult;
use super::timelinejs::add_source;
use crate::model::{Event, Lane, Status, Timeline};
use crate::time::{Date, Precision};
use zone::{Resolved, Zones, naive};

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

/// The text with folded lines joined and line ends made `\n`, and for each
/// join the offsets (unfolded, original) after it, to map positions back.
fn unfold(text: &str) -> (String, Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut marks = Vec::new();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let eol = match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\n' | b'\r', _) => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        let next = i + eol;
        if matches!(bytes.get(next), Some(b' ' | b'\t')) {
            // A fold: the break and the one space or tab after it vanish.
            copied = next + 1;
        } else {
            out.push('\n');
            copied = next;
        }
        i = copied.max(i + 1);
        marks.push((out.len(), copied));
    }
    out.push_str(&text[copied.min(text.len())..]);
    (out, marks)
}

/// Maps positions in the unfolded text back to the original.
struct Positions<'a> {
    unfolded: &'a str,
    marks: &'a [(usize, usize)],
}

impl Positions<'_> {
    /// The original offset of unfolded offset `at`.
    fn original(&self, at: usize) -> usize {
        let i = self.marks.partition_point(|(u, _)| *u <= at);
        match i.checked_sub(1).and_then(|i| self.marks.get(i)) {
            Some((u, o)) => o + (at - u),
            None => at,
        }
    }

    /// The original offset of a slice of the unfolded text (0 when the
    /// crate had to copy it).
    fn of(&self, s: &str) -> usize {
        let base = self.unfolded.as_ptr() as usize;
        let ptr = s.as_ptr() as usize;
        if ptr >= base && ptr <= base + self.unfolded.len() {
            self.original(ptr - base)
        } else {
            0
        }
    }
}

/// Undoes TEXT escaping: `\n`, `\,`, `\;`, `\\`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out.trim().to_owned()
}

fn param<'p>(prop: &'p Property<'_>, key: &str) -> Option<&'p str> {
    prop.params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// A DTSTART-like value: a day, or a local wall time with its zone.
#[derive(Clone, Debug, PartialEq)]
enum When {
    Day(NaiveDate),
    /// Wall time; `Some(0)`-offset `Utc`, or a TZID, or floating.
    Time(NaiveDateTime, Zone),
}

#[derive(Clone, Debug, PartialEq)]
enum Zone {
    Utc,
    Named(String),
    Floating,
}

impl When {
    /// The wall time (midnight for a day), for matching recurrences.
    fn wall(&self) -> NaiveDateTime {
        match self {
            Self::Day(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default(),
            Self::Time(t, _) => *t,
        }
    }

    fn with_wall(&self, wall: NaiveDateTime) -> Self {
        match self {
            Self::Day(_) => Self::Day(wall.date()),
            Self::Time(_, zone) => Self::Time(wall, zone.clone()),
        }
    }
}

/// Reads one date or date-time value of a property.
fn when(prop: &Property<'_>, text: &str) -> Result<When, String> {
    let text = text.trim();
    let is_date = param(prop, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return NaiveDate::parse_from_str(text, "%Y%m%d")
            .map(When::Day)
            .map_err(|_| format!("`{text}` is not a date (expected YYYYMMDD)"));
    }
    let (body, utc) = match text.strip_suffix(['Z', 'z']) {
        Some(body) => (body, true),
        None => (text, false),
    };
    let wall = naive(body).ok_or_else(|| {
        format!("`{text}` is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)")
    })?;
    let zone = match (utc, param(prop, "TZID")) {
        (true, _) => Zone::Utc,
        (false, Some(tzid)) => Zone::Named(tzid.to_owned()),
        (false, None) => Zone::Floating,
    };
    Ok(When::Time(wall, zone))
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
    let (unfolded, marks) = unfold(text);
    let positions = Positions {
        unfolded: &unfolded,
        marks: &marks,
    };
    let components = match icalendar::parser::read_calendar_simple(&unfolded) {
        Ok(components) => components,
        Err(e) => {
            let at = positions.of(e.input);
            let line: String = e
                .input
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(60)
                .collect();
            diags.error(at, format!("this is not valid iCalendar here: `{line}`"));
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

struct Reader<'r, 'd> {
    zones: &'r Zones,
    positions: &'r Positions<'r>,
    diags: &'r mut Collector<'d>,
    ids: HashSet<String>,
    events: Vec<Event>,
    warned_zones: HashSet<String>,
}

/// One VEVENT as read, before recurrences are expanded.
struct Item<'c> {
    component: &'c Component<'c>,
    at: usize,
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
                        "`{}` is not a DURATION (such as PT1H30M or P1D); ignored",
                        p.val.as_str()
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

    /// Expands a recurring event into its occurrences.
    fn expand(
        &mut self,
        item: &Item<'_>,
        rule: &Property<'_>,
        overrides: &HashMap<(String, NaiveDateTime), usize>,
    ) {
        let first = item.start.wall();
        let start = rrule::Tz::UTC.from_utc_datetime(&first);
        let text = self.wall_until(&item.start, rule.val.as_str());
        let text = text.as_str();
        let set = text
            .parse::<rrule::RRule<rrule::Unvalidated>>()
            .and_then(|r| r.build(start));
        let set = match set {
            Ok(set) => set,
            Err(e) => {
                self.diags.warning(
                    self.at(rule),
                    format!("this RRULE cannot be read ({e}); only the first occurrence is shown"),
                );
                self.push(item, &item.start, None);
                return;
            }
        };
        let open = !text.to_ascii_uppercase().contains("COUNT=")
            && !text.to_ascii_uppercase().contains("UNTIL=");
        let horizon = first
            .checked_add_signed(Duration::days(365 * i64::from(OPEN_HORIZON_YEARS)))
            .unwrap_or(first);
        if open {
            self.diags.warning(
                self.at(rule),
                format!(
                    "this recurrence has no end; it is expanded for {OPEN_HORIZON_YEARS} years, until {}",
                    horizon.date()
                ),
            );
        }
        // The iterator ignores `RRuleSet::before`: stop at the horizon here.
        let limit = if open { horizon } else { NaiveDateTime::MAX };
        let excluded = self.exdates(item);
        let mut walls: Vec<NaiveDateTime> = set
            .into_iter()
            .take(MAX_OCCURRENCES + 1)
            .map(|d| d.naive_utc())
            .take_while(|d| *d < limit)
            .collect();
        walls.extend(self.rdates(item));
        walls.sort_unstable();
        walls.dedup();
        if walls.len() > MAX_OCCURRENCES {
            walls.truncate(MAX_OCCURRENCES);
            self.diags.warning(
                self.at(rule),
                format!("this recurrence has more than {MAX_OCCURRENCES} occurrences; only the first {MAX_OCCURRENCES} are shown"),
            );
        }
        let uid = item.uid.clone().unwrap_or_default();
        for (n, wall) in walls.into_iter().enumerate() {
            if excluded.contains(&wall) || overrides.contains_key(&(uid.clone(), wall)) {
                continue;
            }
            self.push(item, &item.start.with_wall(wall), Some(n));
        }
    }

    /// The rule with its `UNTIL` in the event's wall time: occurrences are
    /// expanded in wall time (so that they keep their hour across daylight
    /// saving changes), and a UTC `UNTIL` must be compared in the same terms.
    fn wall_until(&mut self, start: &When, rule: &str) -> String {
        rule.split(';')
            .map(|part| {
                let Some((key, value)) = part.split_once('=') else {
                    return part.to_owned();
                };
                if !key.trim().eq_ignore_ascii_case("UNTIL") {
                    return part.to_owned();
                }
                let value = value.trim();
                let wall = if value.len() == 8 {
                    // A date: the end of that day, in wall time.
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(23, 59, 59))
                } else {
                    let utc = value.ends_with(['Z', 'z']);
                    naive(value.trim_end_matches(['Z', 'z']))
                        .map(|t| if utc { self.utc_to_wall(start, t) } else { t })
                };
                wall.map_or_else(
                    || part.to_owned(),
                    |w| format!("UNTIL={}Z", w.format("%Y%m%dT%H%M%S")),
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The wall times of every EXDATE (several properties, comma lists).
    fn exdates(&mut self, item: &Item<'_>) -> HashSet<NaiveDateTime> {
        self.list(item, "EXDATE").into_iter().collect()
    }

    fn rdates(&mut self, item: &Item<'_>) -> Vec<NaiveDateTime> {
        self.list(item, "RDATE")
    }

    fn list(&mut self, item: &Item<'_>, name: &str) -> Vec<NaiveDateTime> {
        let mut out = Vec::new();
        for prop in item.component.properties.iter().filter(|p| p.name == name) {
            for value in prop.val.as_str().split(',') {
                match when(prop, value) {
                    // A UTC exception to a zoned event: compare in its wall time.
                    Ok(When::Time(t, Zone::Utc)) => out.push(self.utc_to_wall(&item.start, t)),
                    Ok(w) => out.push(w.wall()),
                    Err(message) => self
                        .diags
                        .warning(self.at(prop), format!("invalid {name} ignored: {message}")),
                }
            }
        }
        out
    }

    fn utc_to_wall(&mut self, start: &When, utc: NaiveDateTime) -> NaiveDateTime {
        let When::Time(_, Zone::Named(tzid)) = start else {
            return utc;
        };
        let mut wall = utc;
        for _ in 0..2 {
            let (offset, _) = self.zones.offset(tzid, wall);
            wall = utc + Duration::minutes(i64::from(offset.unwrap_or(0)));
        }
        wall
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
                    Zone::Floating => None,
                    Zone::Named(tzid) => {
                        let (offset, resolved) = self.zones.offset(tzid, *t);
                        if resolved == Resolved::Unknown && self.warned_zones.insert(tzid.clone()) {
                            self.diags.warning(
                                at,
                                format!("the time zone `{tzid}` is neither in the time-zone database nor defined in the file; its times are read as UTC"),
                            );
                        }
                        offset
                    }
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
        let Some(start_date) = self.date(start, item.at) else {
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
        let end_date = end.and_then(|e| self.date(&e, item.at));
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
        event.status = (status == "confirmed").then_some(Status::Confirmed);
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

/// A VEVENT's location, calendar status, organizer and rule, shown as
/// fields of the event.
fn fields(c: &Component<'_>, status: String) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    if let Some(location) = c.find_prop("LOCATION").map(|p| unescape(p.val.as_str()))
        && !location.is_empty()
    {
        fields.push(("Location".to_owned(), location));
    }
    if !status.is_empty() && status != "confirmed" {
        // The model's statuses are about claims; a calendar's tentative or
        // cancelled is kept as written.
        fields.push(("Status".to_owned(), status));
    }
    if let Some(organizer) = c.find_prop("ORGANIZER") {
        let name = param(organizer, "CN").map_or_else(
            || {
                organizer
                    .val
                    .as_str()
                    .trim_start_matches("mailto:")
                    .to_owned()
            },
            ToOwned::to_owned,
        );
        fields.push(("Organizer".to_owned(), name));
    }
    if let Some(rule) = c.find_prop("RRULE") {
        fields.push(("Repeats".to_owned(), rule.val.as_str().to_owned()));
    }
    fields
}

/// A comma-separated TEXT list (`\,` is a comma inside a value).
fn unescape_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push('\\');
                    current.push(next);
                }
            }
            ',' => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out.iter()
        .map(|s| unescape(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// An RFC 5545 DURATION: `P1D`, `PT1H30M`, `P2W`, `-PT15M`.
fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let body = body.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut digits = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            'T' => in_time = true,
            unit => {
                let n: i64 = digits.parse().ok()?;
                digits.clear();
                any = true;
                total += match (unit, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    (any && digits.is_empty()).then(|| total * sign)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolding_keeps_positions() {
        let text = "A:1\r\nB:long\r\n  line\r\nC:3\r\n";
        let (unfolded, marks) = unfold(text);
        assert_eq!(unfolded, "A:1\nB:long line\nC:3\n");
        let p = Positions {
            unfolded: &unfolded,
            marks: &marks,
        };
        let c = unfolded.find("C:").unwrap_or_default();
        assert_eq!(p.original(c), text.find("C:").unwrap_or_default());
    }

    #[test]
    fn durations_and_lists() {
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1W"), Some(Duration::days(7)));
        assert_eq!(duration("-PT15M"), Some(Duration::minutes(-15)));
        assert_eq!(duration("P1H"), None);
        assert_eq!(unescape_list("a,b\\, c,,d"), vec!["a", "b, c", "d"]);
        assert_eq!(unescape("x\\ny\\;z"), "x\ny;z");
    }
}
