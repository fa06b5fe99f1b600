//! An event's dates from one row: its start cell and its end cell put
//! together, with EDTF kept as the native reader keeps it, so that a
//! table's `2025-11~` or `[2025-11-03..2025-11-07]` is drawn with its
//! window and said in words, and `convert` writes it back as written.
//! The table core and the streamed Parquet reader both build their
//! events' dates here.

use super::column_dates::When;
use crate::model::{EdtfDates, Event};
use crate::time::{Bound, Date, Edtf};

/// An event's dates: plain stand-ins, and the EDTF when they cannot say
/// it all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EventDates {
    /// The start (an EDTF start's stand-in).
    pub(crate) start: Date,
    /// The end, if any (an EDTF end's stand-in).
    pub(crate) end: Option<Date>,
    /// The dates as EDTF wrote them, when a plain date cannot say them.
    pub(crate) edtf: Option<EdtfDates>,
}

impl EventDates {
    /// Puts the dates on `event`.
    pub(crate) fn apply(self, event: &mut Event) {
        event.start = self.start;
        event.end = self.end;
        if let Some(dates) = self.edtf {
            event.set_edtf(dates);
        }
    }
}

/// The dates of a row whose start reads as `start` and whose end cell, if
/// it is not empty, reads as `end`. An end that cannot be used (unreadable,
/// before the start, an interval, or beside a start that is an interval
/// with its own end) is dropped with a warning through `warn`, which the
/// caller places at the end cell.
pub(crate) fn event_dates(
    start: When,
    end: Option<Result<When, String>>,
    warn: &mut dyn FnMut(String),
) -> EventDates {
    // Plain dates, as nearly every table holds them, stay plain: no bounds
    // are built for a million rows of ISO dates.
    if let When::Date(start) = start
        && !matches!(end, Some(Ok(When::Edtf(_))))
    {
        let end = match end {
            Some(Ok(When::Date(end))) if end.end() > start.start() => Some(end),
            Some(Ok(When::Date(end))) => {
                warn(format!(
                    "the end ({end}) is before the start ({start}); the end is dropped"
                ));
                None
            }
            Some(Err(reason)) => {
                warn(cannot_read(&reason));
                None
            }
            _ => None,
        };
        return EventDates {
            start,
            end,
            edtf: None,
        };
    }
    let start = match start {
        When::Date(date) => Edtf::Single(Bound::from_date(date)),
        When::Edtf(edtf) => *edtf,
    };
    let end = match end {
        None => None,
        Some(_) if matches!(start, Edtf::Interval { .. }) => {
            warn(
                "the start is an interval, which has its own end; the end column's date is ignored"
                    .to_owned(),
            );
            None
        }
        Some(Err(reason)) => {
            warn(cannot_read(&reason));
            None
        }
        Some(Ok(when)) => {
            let bound = when.bound();
            if bound.is_none() {
                warn(
                    "an interval cannot be the end of an event (write it in the start column); the end is dropped"
                        .to_owned(),
                );
            }
            bound
        }
    };
    let end = end.filter(|end| {
        let after = end.latest() > start.start().earliest();
        if !after {
            warn(format!(
                "the end ({end}) is before the start ({}); the end is dropped",
                start.start()
            ));
        }
        after
    });
    let (start_date, end_date) = (start.start().stand_in(), end.as_ref().map(Bound::stand_in));
    match EdtfDates::of(start, end) {
        Some(dates) => EventDates {
            start: dates.start.stand_in(),
            end: dates.end.as_ref().map(Bound::stand_in),
            edtf: Some(dates),
        },
        None => EventDates {
            start: start_date,
            end: end_date,
            edtf: None,
        },
    }
}

fn cannot_read(reason: &str) -> String {
    format!("the end date cannot be read ({reason}); the end is dropped")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edtf(text: &str) -> When {
        When::Edtf(Box::new(
            Edtf::parse(text).unwrap_or_else(|e| panic!("{text}: {e}")),
        ))
    }

    fn read(start: When, end: Option<When>) -> (EventDates, Vec<String>) {
        let mut warnings = Vec::new();
        let dates = event_dates(start, end.map(Ok), &mut |w| warnings.push(w));
        (dates, warnings)
    }

    #[test]
    fn plain_dates_stay_plain() {
        let day = |d| When::Date(Date::ymd(2025, 11, d).unwrap_or_else(|| panic!()));
        let (dates, warnings) = read(day(3), Some(day(5)));
        assert_eq!(dates.edtf, None);
        assert_eq!(dates.end.map(|d| d.to_iso()).as_deref(), Some("2025-11-05"));
        assert!(warnings.is_empty());
        let (dates, warnings) = read(day(5), Some(day(3)));
        assert_eq!(dates.end, None);
        assert!(warnings[0].contains("before the start"), "{warnings:?}");
    }

    #[test]
    fn an_interval_in_the_start_gives_both_bounds() {
        let (dates, warnings) = read(edtf("2025-11-03/2025-11-05"), None);
        assert!(warnings.is_empty());
        let kept = dates.edtf.unwrap_or_else(|| panic!("no EDTF"));
        assert!(kept.one_field);
        assert_eq!(dates.start.to_iso(), "2025-11-03");
        assert_eq!(dates.end.map(|d| d.to_iso()).as_deref(), Some("2025-11-05"));
        // Its own end wins over the end column's.
        let day = When::Date(Date::ymd(2025, 12, 1).unwrap_or_else(|| panic!()));
        let (dates, warnings) = read(edtf("2025-11-03/2025-11-05"), Some(day));
        assert_eq!(dates.end.map(|d| d.to_iso()).as_deref(), Some("2025-11-05"));
        assert!(warnings[0].contains("interval"), "{warnings:?}");
    }

    #[test]
    fn qualified_and_windowed_starts_keep_their_edtf() {
        for text in ["2025-11~", "201X", "[2025-11-03..2025-11-07]"] {
            let (dates, _) = read(edtf(text), None);
            let kept = dates.edtf.unwrap_or_else(|| panic!("{text}: no EDTF"));
            assert_eq!(kept.start.to_string(), text);
            assert_eq!(dates.end, None);
        }
        // A plain start with an approximate end.
        let day = When::Date(Date::ymd(2025, 11, 1).unwrap_or_else(|| panic!()));
        let (dates, _) = read(day, Some(edtf("2025-12~")));
        let kept = dates.edtf.unwrap_or_else(|| panic!("no EDTF"));
        assert_eq!(kept.end.map(|b| b.to_string()).as_deref(), Some("2025-12~"));
        assert!(!kept.one_field);
    }
}
