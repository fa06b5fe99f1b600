//! TimelineJS date objects (`{"year": …, "month": …}`): their fields,
//! numbers written as strings or JSON numbers, and the date they describe
//! at the precision of the finest field, each problem at the field that
//! causes it.
//!
//! It knows nothing of slides: whether a date is a start, an end or was
//! required is the caller's to say. The CSV reader builds [`Parts`] from
//! cells and shares [`build_date`] and [`parse_integer`].

use serde_json::value::RawValue;

use super::non_empty;
use crate::io::diag::{Collector, quote};
use crate::io::json::Doc;
use crate::time::{Date, Precision};

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
    for (i, precision) in Precision::ALL.iter().enumerate().take(finest + 1) {
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

/// Reads a date object: the date (when valid), its `display_date`, and
/// whether it is empty (no field given, or all empty strings, as
/// spreadsheet-to-JSON exports write an absent date): that is no date, not
/// an error.
pub(super) fn date<'a>(
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
            let found = crate::io::json::kind(value);
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
