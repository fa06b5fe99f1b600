//! Recurring VEVENTs: `RRULE` expanded by the rrule crate, with `COUNT`,
//! `UNTIL`, `EXDATE`, `RDATE` and overridden instances, at most
//! [`MAX_OCCURRENCES`] per event.
//!
//! The crate panics on some values (it slices rule parts at byte offsets):
//! rules that are not ASCII, as RFC 5545 rules always are, never reach it,
//! and every call into it runs under [`guarded`] as a backstop.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use icalendar::parser::Property;

use super::values::{When, Zone, when};
use super::zone::naive;
use super::{Item, MAX_OCCURRENCES, OPEN_HORIZON_YEARS, Reader};
use crate::escape::quote;
use crate::io::guard::guarded;
use crate::numbers::grouped;

/// Longest message of the rrule crate shown, in characters: its values are
/// quoted and shortened, but a value with backticks in it could escape that.
const MAX_CRATE_MESSAGE_CHARS: usize = 240;

/// What expanding a rule gave: its occurrences' wall times, or why not.
enum Expanded {
    Walls(Vec<NaiveDateTime>),
    Unreadable(String),
    Failed(String),
}

impl Reader<'_, '_> {
    /// Expands a recurring event into its occurrences.
    pub(super) fn expand(
        &mut self,
        item: &Item<'_>,
        rule: &Property<'_>,
        overrides: &HashMap<(String, NaiveDateTime), usize>,
    ) {
        let value = rule.val.as_str();
        let at = self.at(rule);
        if let Some((i, c)) = value.char_indices().find(|(_, c)| !c.is_ascii()) {
            let here = self.positions.find(&value[i..]).unwrap_or(at);
            self.diags.warning(
                here,
                format!(
                    "this RRULE holds {}, which no recurrence rule does (they are ASCII): {}; only the first occurrence is shown",
                    quote(&c.to_string()),
                    quote(value)
                ),
            );
            self.push(item, &item.start, None);
            return;
        }
        let first = item.start.wall();
        let text = self.wall_until(&item.start, value);
        let open = !has_key(&text, "COUNT") && !has_key(&text, "UNTIL");
        // A COUNT with an UNTIL may rightly end before the count.
        let asked = stated_count(&text).filter(|_| !has_key(&text, "UNTIL"));
        let horizon = first
            .checked_add_signed(Duration::days(365 * i64::from(OPEN_HORIZON_YEARS)))
            .unwrap_or(first);
        // The iterator ignores `RRuleSet::before`: stop at the horizon here.
        let limit = if open { horizon } else { NaiveDateTime::MAX };
        let mut walls = match expand_rule(&text, first, limit) {
            Expanded::Walls(walls) => walls,
            Expanded::Unreadable(why) => {
                return self.first_only(item, at, &format!("this RRULE cannot be read ({why})"));
            }
            Expanded::Failed(why) => {
                let what = format!(
                    "the recurrence library failed on this RRULE ({}): {}",
                    quote(&why),
                    quote(value)
                );
                return self.first_only(item, at, &what);
            }
        };
        let was_empty = walls.is_empty();
        if was_empty {
            // A rule no date satisfies (February 30th, INTERVAL=0): RFC 5545
            // counts DTSTART as the first occurrence whatever the rule says.
            let within = if open {
                format!(" in the {OPEN_HORIZON_YEARS} years it is expanded for")
            } else {
                String::new()
            };
            self.diags.warning(
                at,
                format!(
                    "this RRULE yields no occurrence{within}: {}; the event is shown once, at its DTSTART",
                    quote(value)
                ),
            );
            walls.push(first);
        } else if walls[0] != first {
            self.dtstart_first(at, &mut walls, first, asked);
        }
        if open && !was_empty {
            self.diags.warning(
                at,
                format!(
                    "this recurrence has no end; it is expanded for {OPEN_HORIZON_YEARS} years, until {}",
                    horizon.date()
                ),
            );
        } else if let Some(asked) =
            asked.filter(|&n| !was_empty && walls.len() < n.min(MAX_OCCURRENCES + 1))
        {
            // The recurrence library's calendar ends in the year 10000, and
            // it gives up on a rare date after 100,000 tries: a COUNT it
            // cannot reach ends the series early, which the reader is told.
            let last = walls.last().map_or(first, |w| *w).date();
            self.diags.warning(
                at,
                format!(
                    "this RRULE asks for {} occurrences, but the recurrence library stops after {}, on {}-{:02}-{:02}; the series is shown that far",
                    grouped(asked),
                    grouped(walls.len()),
                    last.year(),
                    last.month(),
                    last.day()
                ),
            );
        }
        let excluded = self.exdates(item);
        walls.extend(self.rdates(item));
        walls.sort_unstable();
        walls.dedup();
        if walls.len() > MAX_OCCURRENCES {
            walls.truncate(MAX_OCCURRENCES);
            self.diags.warning(
                at,
                format!(
                    "this recurrence has more than {0} occurrences; only the first {0} are shown",
                    grouped(MAX_OCCURRENCES)
                ),
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

    /// A DTSTART that is not a date of its rule (a Wednesday start of a
    /// rule of Mondays): RFC 5545 counts it as the first occurrence all
    /// the same, and within the COUNT, as calendar programs show it; the
    /// recurrence library leaves it out.
    fn dtstart_first(
        &mut self,
        at: usize,
        walls: &mut Vec<NaiveDateTime>,
        first: NaiveDateTime,
        asked: Option<usize>,
    ) {
        walls.insert(0, first);
        if let Some(asked) = asked {
            walls.truncate(asked);
        }
        let day = first.date();
        self.diags.warning(
            at,
            format!(
                "the event's DTSTART ({}-{:02}-{:02}) is not a date of its RRULE; it is shown as the first occurrence, as RFC 5545 counts it",
                day.year(),
                day.month(),
                day.day()
            ),
        );
    }

    /// A rule that cannot be expanded: its event once, at its DTSTART,
    /// with a warning that says why.
    fn first_only(&mut self, item: &Item<'_>, at: usize, why: &str) {
        self.diags
            .warning(at, format!("{why}; only the first occurrence is shown"));
        self.push(item, &item.start, None);
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

    /// The wall time in the start's zone of a UTC time.
    pub(super) fn utc_to_wall(&mut self, start: &When, utc: NaiveDateTime) -> NaiveDateTime {
        let When::Time(_, Zone::Named(tzid)) = start else {
            return utc;
        };
        let mut wall = utc;
        for _ in 0..2 {
            let (offset, _) = self.zones.offset(tzid, wall);
            let offset = Duration::minutes(i64::from(offset.unwrap_or(0)));
            // Near the end of the calendar's range the sum may not exist.
            wall = utc.checked_add_signed(offset).unwrap_or(utc);
        }
        wall
    }
}

/// The wall times a rule (ASCII, its `UNTIL` in wall time) yields from
/// `first` on, before `limit`, one more than [`MAX_OCCURRENCES`] at most.
/// The value of the rule's part `key` (`COUNT=5` → `5`), if it has one.
fn part<'r>(rule: &'r str, key: &str) -> Option<&'r str> {
    rule.split(';')
        .filter_map(|part| part.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
        .map(|(_, value)| value.trim())
}

fn has_key(rule: &str, key: &str) -> bool {
    part(rule, key).is_some()
}

/// The rule's `COUNT`, when it states a readable one.
fn stated_count(rule: &str) -> Option<usize> {
    part(rule, "COUNT").and_then(|value| value.parse().ok())
}

fn expand_rule(text: &str, first: NaiveDateTime, limit: NaiveDateTime) -> Expanded {
    let start = rrule::Tz::UTC.from_utc_datetime(&first);
    let expanded = guarded(|| {
        let set = text
            .parse::<rrule::RRule<rrule::Unvalidated>>()
            .and_then(|rule| rule.build(start))?;
        Ok::<_, rrule::RRuleError>(
            set.into_iter()
                .take(MAX_OCCURRENCES + 1)
                .map(|d| d.naive_utc())
                .take_while(|d| *d < limit)
                .collect(),
        )
    });
    match expanded {
        Ok(Ok(walls)) => Expanded::Walls(walls),
        Ok(Err(e)) => Expanded::Unreadable(crate_message(&e.to_string())),
        Err(panic) => Expanded::Failed(panic),
    }
}

/// A message of the rrule crate for a person: the values it puts between
/// backticks come from the file, and are quoted (escaped, shortened) as
/// all file content in messages is; the whole is shortened too.
fn crate_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_CRATE_MESSAGE_CHARS));
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&quote(part));
        } else {
            out.push_str(part);
        }
    }
    let out = out.trim().trim_end_matches('.');
    match out.char_indices().nth(MAX_CRATE_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &out[..cut]),
        None => out.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        naive(text).unwrap_or_default()
    }

    #[test]
    fn crate_messages_quote_and_shorten_values() {
        let long = "X".repeat(5_000);
        let message = crate_message(&format!(
            "RRule parsing error: `{long}` is not a valid weekday. Valid values are `MO`, `TU`."
        ));
        assert!(message.chars().count() < 200, "{message}");
        assert!(message.contains("\"XXXX"), "{message}");
        assert!(message.contains("…\""), "{message}");
        assert!(message.ends_with("\"MO\", \"TU\""), "{message}");
        let odd = crate_message(&format!("`a`{long}` more"));
        assert!(odd.chars().count() <= MAX_CRATE_MESSAGE_CHARS + 1, "{odd}");
    }

    #[test]
    fn rules_that_yield_nothing_or_too_much() {
        let first = at("20250101T100000");
        let none = expand_rule(
            "FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2",
            first,
            NaiveDateTime::MAX,
        );
        assert!(matches!(none, Expanded::Walls(ref w) if w.is_empty()));
        let huge = expand_rule("FREQ=DAILY;COUNT=4294967295", first, NaiveDateTime::MAX);
        assert!(matches!(huge, Expanded::Walls(ref w) if w.len() == MAX_OCCURRENCES + 1));
        // The backstop: the crate's own panic on a rule `expand` refuses
        // before it gets here becomes a message.
        let panics = expand_rule(
            "FREQ=WEEKLY;COUNT=3;BYDAY=SA,SÜN",
            first,
            NaiveDateTime::MAX,
        );
        assert!(matches!(panics, Expanded::Failed(ref why) if why.contains("char boundary")));
        let bad = expand_rule("FREQ=SOMETIMES", first, NaiveDateTime::MAX);
        assert!(
            matches!(bad, Expanded::Unreadable(ref why) if why.contains("\"SOMETIMES\"")),
            "{}",
            match bad {
                Expanded::Unreadable(why) | Expanded::Failed(why) => why,
                Expanded::Walls(_) => String::new(),
            }
        );
    }
}
