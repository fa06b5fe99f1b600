//! Property values of a VEVENT: TEXT with its escapes, dates and
//! date-times with their zones, durations, and the fields an event shows.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use icalendar::parser::{Component, Property};

use super::zone::naive;
use crate::escape::quote;
use crate::model::Status;

/// Undoes TEXT escaping: `\n`, `\,`, `\;`, `\\`.
pub(super) fn unescape(text: &str) -> String {
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

/// A comma-separated TEXT list (`\,` is a comma inside a value).
pub(super) fn unescape_list(text: &str) -> Vec<String> {
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

/// The value of parameter `key` of a property, without its quotes.
pub(super) fn param<'p>(prop: &'p Property<'_>, key: &str) -> Option<&'p str> {
    prop.params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// A DTSTART-like value: a day, or a local wall time with its zone.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum When {
    Day(NaiveDate),
    /// Wall time in UTC, in a TZID's zone, or floating.
    Time(NaiveDateTime, Zone),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Zone {
    Utc,
    Named(String),
    Floating,
}

impl When {
    /// The wall time (midnight for a day), for matching recurrences.
    pub fn wall(&self) -> NaiveDateTime {
        match self {
            Self::Day(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default(),
            Self::Time(t, _) => *t,
        }
    }

    pub fn with_wall(&self, wall: NaiveDateTime) -> Self {
        match self {
            Self::Day(_) => Self::Day(wall.date()),
            Self::Time(_, zone) => Self::Time(wall, zone.clone()),
        }
    }
}

/// Reads one date or date-time value of a property.
pub(super) fn when(prop: &Property<'_>, text: &str) -> Result<When, String> {
    let text = text.trim();
    let is_date = param(prop, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return NaiveDate::parse_from_str(text, "%Y%m%d")
            .map(When::Day)
            .map_err(|_| format!("{} is not a date (expected YYYYMMDD)", quote(text)));
    }
    let (body, utc) = match text.strip_suffix(['Z', 'z']) {
        Some(body) => (body, true),
        None => (text, false),
    };
    let wall = naive(body).ok_or_else(|| {
        format!(
            "{} is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)",
            quote(text)
        )
    })?;
    let zone = match (utc, param(prop, "TZID")) {
        (true, _) => Zone::Utc,
        (false, Some(tzid)) => Zone::Named(tzid.to_owned()),
        (false, None) => Zone::Floating,
    };
    Ok(When::Time(wall, zone))
}

/// An RFC 5545 DURATION: `P1D`, `PT1H30M`, `P2W`, `-PT15M`.
pub(super) fn duration(text: &str) -> Option<Duration> {
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
                let part = match (unit, in_time) {
                    ('W', false) => Duration::try_weeks(n),
                    ('D', false) => Duration::try_days(n),
                    ('H', true) => Duration::try_hours(n),
                    ('M', true) => Duration::try_minutes(n),
                    ('S', true) => Duration::try_seconds(n),
                    _ => None,
                };
                total = total.checked_add(&part?)?;
            }
        }
    }
    (any && digits.is_empty()).then(|| total * sign)
}

/// The model's status for a calendar's `STATUS`: a confirmed event is
/// confirmed; a tentative one is not settled, as a claim is not (drawn
/// hollow); a cancelled one is called off, as a denied event is (drawn
/// crossed out, as calendar programs strike cancelled events).
pub(super) fn status(value: &str) -> Option<Status> {
    match value {
        "confirmed" => Some(Status::Confirmed),
        "tentative" => Some(Status::Claimed),
        "cancelled" => Some(Status::Denied),
        _ => None,
    }
}

/// A VEVENT's location, calendar status, organizer and rule, shown as
/// fields of the event.
pub(super) fn fields(c: &Component<'_>, status: String) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    if let Some(location) = c.find_prop("LOCATION").map(|p| unescape(p.val.as_str()))
        && !location.is_empty()
    {
        fields.push(("Location".to_owned(), location));
    }
    if !status.is_empty() && status != "confirmed" {
        // The model's statuses are about claims: "tentative" drawn as
        // claimed, or a value the model has no word for, is also kept as
        // the calendar wrote it.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_lists() {
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1W"), Some(Duration::days(7)));
        assert_eq!(duration("-PT15M"), Some(Duration::minutes(-15)));
        assert_eq!(duration("P1H"), None);
        assert_eq!(duration("P99999999999999999W"), None, "no overflow");
        assert_eq!(unescape_list("a,b\\, c,,d"), vec!["a", "b, c", "d"]);
        assert_eq!(unescape("x\\ny\\;z"), "x\ny;z");
    }

    #[test]
    fn calendar_statuses() {
        assert_eq!(status("confirmed"), Some(Status::Confirmed));
        assert_eq!(status("tentative"), Some(Status::Claimed));
        assert_eq!(status("cancelled"), Some(Status::Denied));
        assert_eq!(status("needs-action"), None);
    }
}
