//! EDTF bounds in plain English, saying exactly as much as the record does:
//! "sometime between 3 and 7 November 2025", "around November 2025",
//! "possibly 2025", "in the 2010s (year unknown)", "began 3 November 2025,
//! end unknown".

use super::edtf::{Bound, BoundKind, EdtfDate, Part, Qualifiers, SetItem};
use super::{Date, Precision, format_span, format_year, month_name};

/// One bound in words: "around November 2025", "possibly 2025",
/// "sometime between 3 and 7 November 2025", "on or before 7 November 2025".
#[must_use]
pub fn bound_words(bound: &Bound) -> String {
    match bound.kind() {
        BoundKind::Date(date) => date_words(date),
        BoundKind::Open => "open".to_string(),
        BoundKind::Unknown => "unknown".to_string(),
        BoundKind::OneOf(items) => set_words(items),
    }
}

/// An event's dates in words: one bound, or a start and an end
/// ("5–7 November 2025", "from around 1984 to June 2004", "began
/// 3 November 2025, end unknown", "from 3 November 2025, still open").
#[must_use]
pub fn span_words(start: &Bound, end: Option<&Bound>) -> String {
    let Some(end) = end else {
        return bound_words(start);
    };
    match (start.kind(), end.kind()) {
        (BoundKind::Unknown | BoundKind::Open, BoundKind::Unknown | BoundKind::Open) => {
            "dates unknown".to_string()
        }
        (_, BoundKind::Unknown) => format!("began {}, end unknown", bound_words(start)),
        (_, BoundKind::Open) => format!("from {} onwards, no end", bound_words(start)),
        (BoundKind::Unknown, _) => format!("start unknown, ended {}", bound_words(end)),
        (BoundKind::Open, _) => format!("until {}, no start", bound_words(end)),
        _ => match (start.as_date(), end.as_date()) {
            (Some(a), Some(b)) => format_span(&a, Some(&b)),
            _ => format!("from {} to {}", bound_words(start), bound_words(end)),
        },
    }
}

/// One date, qualifiers included.
fn date_words(date: &EdtfDate) -> String {
    let base = unqualified(date);
    let parts = date.parts();
    let whole = date.qualifiers_of(parts[0]);
    if parts.iter().all(|p| date.qualifiers_of(*p) == whole) {
        return qualify(&base, whole);
    }
    // Qualifiers on some parts only: name them ("11 June 2004 (day
    // approximate)").
    let mut notes = Vec::new();
    for (flag, word) in [
        (Qualifiers::UNCERTAIN, "uncertain"),
        (Qualifiers::APPROXIMATE, "approximate"),
    ] {
        let named: Vec<&str> = parts
            .iter()
            .filter(|p| {
                let q = date.qualifiers_of(**p);
                (flag.uncertain && q.uncertain) || (flag.approximate && q.approximate)
            })
            .map(|p| part_name(*p))
            .collect();
        if !named.is_empty() {
            notes.push(format!("{} {word}", join_and(&named)));
        }
    }
    format!("{base} ({})", notes.join(", "))
}

/// `~` → "around …", `?` → "possibly …", `%` → "possibly around …".
fn qualify(base: &str, q: Qualifiers) -> String {
    if !q.approximate {
        return if q.uncertain {
            format!("possibly {base}")
        } else {
            base.to_string()
        };
    }
    // "around" replaces the "in" or "sometime" that opens a window.
    let trimmed = base
        .strip_prefix("in ")
        .or_else(|| base.strip_prefix("sometime "))
        .unwrap_or(base);
    let around = format!("around {trimmed}");
    if q.uncertain {
        format!("possibly {around}")
    } else {
        around
    }
}

const fn part_name(part: Part) -> &'static str {
    match part {
        Part::Year => "year",
        Part::Month => "month",
        Part::Day => "day",
    }
}

fn join_and(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The date without its qualifiers.
fn unqualified(date: &EdtfDate) -> String {
    if let Some(plain) = date.as_date() {
        return plain.to_string();
    }
    if let Some(digits) = date.significant_digits() {
        let (low, high) = super::edtf::significant_years(date.year(), digits);
        return format!(
            "sometime between {} and {} (estimated {})",
            format_year(low),
            format_year(high),
            format_year(date.year())
        );
    }
    if date.month_slot() > 12 {
        return season_words(date);
    }
    unspecified_words(date)
}

fn season_words(date: &EdtfDate) -> String {
    let year = if date.is_unspecified(Part::Year) {
        year_pattern_words(date).unwrap_or_else(|| "an unknown year".to_string())
    } else {
        format_year(date.year())
    };
    let name = match date.month_slot() {
        21 => "spring",
        22 => "summer",
        23 => "autumn",
        24 => "winter",
        25 => "spring (Northern Hemisphere)",
        26 => "summer (Northern Hemisphere)",
        27 => "autumn (Northern Hemisphere)",
        28 => "winter (Northern Hemisphere)",
        29 => "spring (Southern Hemisphere)",
        30 => "summer (Southern Hemisphere)",
        31 => "autumn (Southern Hemisphere)",
        32 => "winter (Southern Hemisphere)",
        33 => "first quarter",
        34 => "second quarter",
        35 => "third quarter",
        36 => "fourth quarter",
        37 => "first third",
        38 => "second third",
        39 => "last third",
        40 => "first half",
        _ => "second half",
    };
    match name.split_once(' ') {
        Some((season, hemisphere)) if hemisphere.starts_with('(') => {
            format!("{season} {year} {hemisphere}")
        }
        _ if date.month_slot() >= 33 => format!("the {name} of {year}"),
        _ => format!("{name} {year}"),
    }
}

/// A year with trailing `X` digits as a range: "the 2010s", "1500–1599";
/// `None` for other patterns (`1X5X`) and for negative years.
fn year_pattern_words(date: &EdtfDate) -> Option<String> {
    let year = date.year();
    match date.trailing_unspecified_year_digits()? {
        1 if year >= 0 => Some(format!("the {year}s")),
        n if n < 4 && year >= 0 => {
            let span = 10_i64.pow(n);
            Some(format!(
                "{}–{}",
                format_year(year),
                format_year(year + span - 1)
            ))
        }
        4 => Some("an unknown year".to_string()),
        _ => None,
    }
}

/// A date with unspecified digits: the known parts, and what is unknown.
fn unspecified_words(date: &EdtfDate) -> String {
    let unknown: Vec<&str> = date
        .parts()
        .iter()
        .filter(|p| date.is_unspecified(**p))
        .map(|p| part_name(*p))
        .collect();
    let note = format!("({} unknown)", join_and(&unknown));
    let year_known = !date.is_unspecified(Part::Year);
    let month_known = !date.is_unspecified(Part::Month);
    let fully = |part: Part, slot: u8| date.is_unspecified(part) && slot == 0;
    let trailing = date.trailing_unspecified_year_digits();
    let pattern = year_pattern_words(date);
    match (date.precision(), pattern) {
        (Precision::Year, Some(_)) if trailing == Some(4) => "in an unknown year".to_string(),
        (Precision::Year, Some(years)) if trailing == Some(1) => format!("in {years} {note}"),
        (Precision::Year, Some(years)) => format!("sometime in {years} {note}"),
        (Precision::Month, _) if year_known && fully(Part::Month, date.month_slot()) => {
            format!("in {} {note}", format_year(date.year()))
        }
        (Precision::Day, _) if year_known && month_known && fully(Part::Day, date.day()) => {
            let month = month_name(u32::from(date.month_slot()));
            format!("in {month} {} {note}", format_year(date.year()))
        }
        (Precision::Day, _)
            if year_known
                && fully(Part::Month, date.month_slot())
                && fully(Part::Day, date.day()) =>
        {
            format!("in {} {note}", format_year(date.year()))
        }
        (Precision::Day, Some(years))
            if !date.is_unspecified(Part::Month) && !date.is_unspecified(Part::Day) =>
        {
            let day_month = format!(
                "{} {}",
                date.day(),
                month_name(u32::from(date.month_slot()))
            );
            if trailing == Some(4) {
                format!("{day_month} {note}")
            } else {
                format!("{day_month} in {years} {note}")
            }
        }
        _ => {
            // Anything else: the window it leaves, and what is unknown.
            let (from, to) = window_dates(date);
            format!("sometime {} {note}", between(&from, &to))
        }
    }
}

/// The first and the last date of a date's window, at its precision.
fn window_dates(date: &EdtfDate) -> (Date, Date) {
    let precision = date.precision().min(Precision::Day);
    let (earliest, latest) = date.window_or_epoch();
    (
        Date::from_time(earliest, precision),
        Date::from_time(latest.add_nanos(-1).max(earliest), precision),
    )
}

/// "between 3 and 7 November 2025", "between 30 October and 2 November
/// 2025", "between October and December 1984", "between 1670 and 1672".
#[must_use]
pub fn between(from: &Date, to: &Date) -> String {
    let same_year = from.year_number() == to.year_number();
    let same_month = same_year && from.month() == to.month();
    let year = format_year(to.year_number());
    match (from.precision(), to.precision()) {
        (Precision::Day, Precision::Day) if same_month => format!(
            "between {} and {} {} {year}",
            from.day(),
            to.day(),
            month_name(to.month())
        ),
        (Precision::Day, Precision::Day) if same_year => format!(
            "between {} {} and {} {} {year}",
            from.day(),
            month_name(from.month()),
            to.day(),
            month_name(to.month())
        ),
        (Precision::Month, Precision::Month) if same_year => format!(
            "between {} and {} {year}",
            month_name(from.month()),
            month_name(to.month())
        ),
        _ => format!("between {from} and {to}"),
    }
}

fn set_words(items: &[SetItem]) -> String {
    let item_words = |item: &SetItem| match item {
        SetItem::Date(d) => date_words(d),
        SetItem::Range(a, b) => match (a.as_date(), b.as_date()) {
            (Some(a), Some(b)) if a.precision() == b.precision() => {
                format!("sometime {}", between(&a, &b))
            }
            _ => format!("sometime between {} and {}", date_words(a), date_words(b)),
        },
        SetItem::OnOrBefore(d) => format!("on or before {}", date_words(d)),
        SetItem::OnOrAfter(d) => format!("on or after {}", date_words(d)),
    };
    let words: Vec<String> = items.iter().map(item_words).collect();
    match words.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("one of {} or {last}", init.join(", ")),
        [] => String::new(),
    }
}
