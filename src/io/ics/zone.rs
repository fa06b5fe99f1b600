//! Time zones of iCalendar times: `TZID=Europe/Berlin` through the IANA
//! database (chrono-tz), anything else (Outlook's `W. Europe Standard
//! Time`, custom zones) through the file's own VTIMEZONE definitions, and
//! Windows zone names the file does not define through CLDR's table of
//! their IANA equivalents.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime, Offset, TimeZone};
use icalendar::parser::Component;

use super::windows_zones::iana_of_windows;
use crate::io::guard::guarded;

/// One STANDARD or DAYLIGHT block of a VTIMEZONE.
#[derive(Clone, Debug)]
struct Observance {
    /// First onset, in local time before the change.
    start: NaiveDateTime,
    /// Offset before the onset, in minutes.
    from: i32,
    /// Offset from the onset on, in minutes.
    to: i32,
    /// When the change repeats.
    rrule: Option<String>,
    /// Further single onsets.
    rdates: Vec<NaiveDateTime>,
}

/// The zones a calendar's times can name.
#[derive(Debug, Default)]
pub struct Zones {
    defined: HashMap<String, Vec<Observance>>,
}

/// How a TZID was resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Through the IANA database.
    Database,
    /// Through the file's VTIMEZONE.
    Defined,
    /// Not at all: the time is read as floating (a wall time without a
    /// zone, placed on the axis as if it were UTC).
    Unknown,
}

/// An iCalendar date-time `20251106T143000` (without `Z`).
#[must_use]
pub fn naive(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y%m%dT%H%M%S").ok()
}

/// An offset such as `+0100`, `-0530` or `+013000`, in minutes.
fn offset_minutes(text: &str) -> Option<i32> {
    let text = text.trim();
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    if digits.len() < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..4].parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

/// The IANA zone a TZID names, also when a client prefixes it
/// (`/mozilla.org/20050126_1/Europe/Berlin`) or quotes it.
fn database_zone(tzid: &str) -> Option<chrono_tz::Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(tz) = tzid.parse::<chrono_tz::Tz>() {
        return Some(tz);
    }
    // Keep the last two path parts ("Europe/Berlin") or the last one.
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    let two = parts.len().checked_sub(2).map(|i| parts[i..].join("/"));
    two.and_then(|t| t.parse().ok())
        .or_else(|| parts.last().and_then(|t| t.parse().ok()))
}

impl Zones {
    /// Collects the VTIMEZONE definitions of a calendar.
    #[must_use]
    pub fn new(components: &[Component<'_>]) -> Self {
        let mut defined = HashMap::new();
        for zone in components.iter().filter(|c| c.name == "VTIMEZONE") {
            let Some(tzid) = zone.find_prop("TZID") else {
                continue;
            };
            let observances = zone
                .components
                .iter()
                .filter(|c| c.name == "STANDARD" || c.name == "DAYLIGHT")
                .filter_map(|c| {
                    let value = |name: &str| c.find_prop(name).map(|p| p.val.as_str().to_owned());
                    Some(Observance {
                        start: naive(&value("DTSTART")?)?,
                        from: offset_minutes(&value("TZOFFSETFROM")?)?,
                        to: offset_minutes(&value("TZOFFSETTO")?)?,
                        rrule: value("RRULE"),
                        rdates: c
                            .properties
                            .iter()
                            .filter(|p| p.name == "RDATE")
                            .flat_map(|p| {
                                p.val
                                    .as_str()
                                    .split(',')
                                    .filter_map(naive)
                                    .collect::<Vec<_>>()
                            })
                            .collect(),
                    })
                })
                .collect::<Vec<_>>();
            if !observances.is_empty() {
                defined.insert(tzid.val.as_str().trim().to_owned(), observances);
            }
        }
        Self { defined }
    }

    /// The UTC offset (minutes) of local time `local` in zone `tzid`.
    #[must_use]
    pub fn offset(&self, tzid: &str, local: NaiveDateTime) -> (Option<i32>, Resolved) {
        if let Some(tz) = database_zone(tzid) {
            return (Some(database_offset(tz, local)), Resolved::Database);
        }
        let name = tzid.trim().trim_matches('"');
        if let Some(observances) = self.defined.get(name) {
            return (Some(defined_offset(observances, local)), Resolved::Defined);
        }
        // After the file's own definition, which says what its writer meant.
        match iana_of_windows(name).and_then(|iana| iana.parse().ok()) {
            Some(tz) => (Some(database_offset(tz, local)), Resolved::Database),
            None => (None, Resolved::Unknown),
        }
    }
}

/// The UTC offset (minutes) of local time `local` in an IANA zone.
fn database_offset(tz: chrono_tz::Tz, local: NaiveDateTime) -> i32 {
    // A time skipped by a spring-forward change: the offset before it.
    let offset = tz.from_local_datetime(&local).earliest().map_or_else(
        || tz.offset_from_utc_datetime(&local).fix().local_minus_utc(),
        |t| t.offset().fix().local_minus_utc(),
    );
    offset / 60
}

/// The offset a VTIMEZONE gives local time `local`: that of the observance
/// with the latest onset at or before it.
fn defined_offset(observances: &[Observance], local: NaiveDateTime) -> i32 {
    let mut best: Option<(NaiveDateTime, i32)> = None;
    for o in observances {
        if let Some(onset) = last_onset(o, local)
            && best.is_none_or(|(at, _)| onset > at)
        {
            best = Some((onset, o.to));
        }
    }
    best.map_or_else(
        || {
            observances
                .iter()
                .min_by_key(|o| o.start)
                .map_or(0, |o| o.from)
        },
        |(_, offset)| offset,
    )
}

/// The latest onset of `o` at or before `local`.
fn last_onset(o: &Observance, local: NaiveDateTime) -> Option<NaiveDateTime> {
    let mut best = o.rdates.iter().copied().filter(|d| *d <= local).max();
    if o.start <= local {
        best = best.max(Some(o.start));
    }
    let Some(rule) = &o.rrule else {
        return best;
    };
    // Rules that repeat yearly: expand from two years before `local`, not
    // from 1601 as Outlook writes, keeping the onset's month, day and time.
    let from = if o.start.year() < local.year() - 1 {
        o.start.with_year(local.year() - 1).unwrap_or(o.start)
    } else {
        o.start
    };
    // The rrule crate slices rule parts at byte offsets (it panics on
    // non-ASCII text), and RFC 5545 rules are ASCII: a damaged zone rule
    // is ignored, as one that does not parse is.
    if !rule.is_ascii() {
        return best;
    }
    let start = rrule::Tz::UTC.from_utc_datetime(&from);
    let limit = rrule::Tz::UTC.from_utc_datetime(&local);
    let expand = || {
        let set = rule
            .parse::<rrule::RRule<rrule::Unvalidated>>()
            .and_then(|rule| rule.build(start))
            .ok()?;
        set.into_iter()
            .take(200)
            .take_while(|d| *d <= limit)
            .last()
            .map(|d| d.naive_utc())
    };
    // A panic the check above did not foresee costs this onset, not the file.
    let onset = guarded(expand).ok().flatten();
    best.max(onset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        naive(text).unwrap_or_default()
    }

    #[test]
    fn database_and_prefixed_names() {
        let zones = Zones::default();
        assert_eq!(
            zones.offset("Europe/Berlin", at("20250701T120000")),
            (Some(120), Resolved::Database)
        );
        assert_eq!(
            zones
                .offset(
                    "/mozilla.org/20050126_1/Europe/Berlin",
                    at("20250101T120000")
                )
                .0,
            Some(60)
        );
        assert_eq!(
            zones.offset("Nowhere", at("20250101T120000")).1,
            Resolved::Unknown
        );
        // A Windows name the file does not define: through CLDR's table.
        assert_eq!(
            zones.offset("Pacific Standard Time", at("20250101T120000")),
            (Some(-480), Resolved::Database)
        );
        assert_eq!(
            zones.offset("\"Tokyo Standard Time\"", at("20250701T120000")),
            (Some(540), Resolved::Database)
        );
        assert_eq!(offset_minutes("-0530"), Some(-330));
    }

    #[test]
    fn outlook_definition() {
        let observances = vec![
            Observance {
                start: at("16010101T030000"),
                from: 120,
                to: 60,
                rrule: Some("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10".into()),
                rdates: Vec::new(),
            },
            Observance {
                start: at("16010101T020000"),
                from: 60,
                to: 120,
                rrule: Some("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3".into()),
                rdates: Vec::new(),
            },
        ];
        assert_eq!(defined_offset(&observances, at("20250715T100000")), 120);
        assert_eq!(defined_offset(&observances, at("20251106T100000")), 60);
        assert_eq!(defined_offset(&observances, at("20250330T030000")), 120);
        assert_eq!(defined_offset(&observances, at("20250330T015959")), 60);
    }
}
