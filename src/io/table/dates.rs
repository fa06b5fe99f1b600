//! Dates as tables hold them: ISO 8601, `06 November 2025`,
//! `November 6, 2025`, `6 Nov 2025`, `06.11.2025`, `06/11/2025` and
//! `11/06/2025`, Wikidata's signed long years, spreadsheet serial numbers,
//! Unix timestamps, and a separate clock column (`14:30`, `2:30 PM`).
//!
//! A cell is first read into a [`Shape`] that may still be ambiguous
//! (`06/11/2025`); the whole column then decides the day/month order, so
//! that one `13/11/2025` settles every row of the column.

use crate::time::{Date, MAX_YEAR, MIN_YEAR, NANOS_PER_MILLI, NANOS_PER_SEC, Precision, Time};

/// Which of day and month comes first in a numeric date such as `06/11/2025`.
/// Stored as `dmy` / `mdy` (the window remembers a file's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day, month, year: `06/11/2025` is 6 November (most of the world).
    Dmy,
    /// Month, day, year: `11/06/2025` is 6 November (the United States).
    Mdy,
}

impl DateOrder {
    /// `dmy` or `mdy`, as the command line spells it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Dmy => "dmy",
            Self::Mdy => "mdy",
        }
    }
}

/// A time of day as written, with its own precision and offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    milli: u32,
    precision: Precision,
    offset: Option<i32>,
    /// Written with AM or PM: a hint that the table is American.
    twelve_hour: bool,
}

impl Clock {
    /// True when the clock was written with AM or PM.
    #[must_use]
    pub const fn twelve_hour(&self) -> bool {
        self.twelve_hour
    }
}

/// One cell's date before the column has decided what is ambiguous.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Fully read.
    Done(Date),
    /// `a/b/year` (or with `.` or `-`): day and month in an unknown order.
    Numeric {
        /// First number.
        a: u32,
        /// Second number.
        b: u32,
        /// The year (two-digit years already widened).
        year: i64,
        /// The time written after the date, if any.
        clock: Option<Clock>,
    },
}

/// What a column of plain numbers holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// Years (`1969`, `-44`, `-13800000000`).
    Year,
    /// Seconds since 1970.
    UnixSeconds,
    /// Milliseconds since 1970.
    UnixMillis,
    /// Spreadsheet serial days since 1899-12-30 (the 1900 date system).
    Serial,
}

impl NumberKind {
    /// How the mapping names it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Year => "years",
            Self::UnixSeconds => "Unix seconds",
            Self::UnixMillis => "Unix milliseconds",
            Self::Serial => "spreadsheet serial dates",
        }
    }
}

/// Decides what a column of numbers holds from its values and header, or
/// `None` when they are not dates at all.
#[must_use]
pub fn number_kind(values: &[f64], header_says_year: bool) -> Option<NumberKind> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let whole = values.iter().all(|v| v.fract() == 0.0);
    let (low, high) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    #[allow(clippy::cast_precision_loss)] // The year bounds are exact in f64.
    let year_range = (MIN_YEAR as f64)..=(MAX_YEAR as f64);
    if whole && header_says_year && year_range.contains(&low) && year_range.contains(&high) {
        return Some(NumberKind::Year);
    }
    // Without a header that says so, only four-digit years are years: a
    // column of counts is not a column of dates.
    if whole && (1000.0..=2200.0).contains(&low) && high <= 2200.0 {
        return Some(NumberKind::Year);
    }
    if (1.0e11..=1.0e13).contains(&low) && high <= 1.0e13 {
        return Some(NumberKind::UnixMillis);
    }
    if (1.0e8..=1.0e10).contains(&low) && high <= 1.0e10 {
        return Some(NumberKind::UnixSeconds);
    }
    // Serial 10000 is 1927, 80000 is 2119: the dates spreadsheets hold.
    if (10_000.0..=80_000.0).contains(&low) && high <= 80_000.0 {
        return Some(NumberKind::Serial);
    }
    None
}

/// The date a number of the given kind stands for.
///
/// # Errors
/// When the number is out of range for the axis.
pub fn date_from_number(value: f64, kind: NumberKind) -> Result<Date, String> {
    let out_of_range = || format!("{value} is out of range for {}", kind.name());
    match kind {
        NumberKind::Year => {
            #[allow(clippy::cast_possible_truncation)] // Checked to be whole and in range.
            let year = value as i64;
            if value.fract() != 0.0 || !(MIN_YEAR..=MAX_YEAR).contains(&year) {
                return Err(out_of_range());
            }
            Ok(Date::year(year))
        }
        NumberKind::UnixSeconds | NumberKind::UnixMillis => {
            let (unit, precision) = if kind == NumberKind::UnixSeconds {
                (NANOS_PER_SEC, Precision::Second)
            } else {
                (NANOS_PER_MILLI, Precision::Millisecond)
            };
            #[allow(clippy::cast_possible_truncation)] // Bounded by number_kind's ranges.
            let whole = value.trunc() as i128;
            let precision = if value.fract() == 0.0 {
                precision
            } else {
                Precision::Millisecond
            };
            #[allow(clippy::cast_possible_truncation)]
            let fraction = (value.fract() * 1.0e9) as i128 * unit / NANOS_PER_SEC;
            Ok(Date::from_time(Time(whole * unit + fraction), precision))
        }
        NumberKind::Serial => serial_date(value).ok_or_else(out_of_range),
    }
}

/// A spreadsheet serial date (days since 1899-12-30, the fraction the time
/// of day): day precision when whole, minute or second otherwise.
#[must_use]
pub fn serial_date(value: f64) -> Option<Date> {
    if !value.is_finite() || !(-700_000.0..=3_000_000.0).contains(&value) {
        return None;
    }
    let days = value.floor();
    #[allow(clippy::cast_possible_truncation)] // Bounded above.
    let millis = ((value - days) * 86_400_000.0).round() as i128;
    #[allow(clippy::cast_possible_truncation)]
    let days = days as i128;
    let epoch_1899 = crate::time::days_from_civil(1899, 12, 30);
    let time = Time((epoch_1899 + days) * crate::time::NANOS_PER_DAY + millis * NANOS_PER_MILLI);
    let precision = if millis == 0 {
        Precision::Day
    } else if millis % 60_000 == 0 {
        Precision::Minute
    } else if millis % 1000 == 0 {
        Precision::Second
    } else {
        Precision::Millisecond
    };
    Some(Date::from_time(time, precision))
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Num(String),
    Word(String),
    Sep(char),
}

fn tokens(text: &str) -> Vec<Token> {
    let lower = text
        .to_lowercase()
        .replace("a.m.", "am")
        .replace("p.m.", "pm");
    let mut out = Vec::new();
    let mut chars = lower.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                s.push(d);
                chars.next();
            }
            out.push(Token::Num(s));
        } else if c.is_alphabetic() {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic()) {
                s.push(d);
                chars.next();
            }
            out.push(Token::Word(s));
        } else {
            if !c.is_whitespace() {
                out.push(Token::Sep(c));
            }
            chars.next();
        }
    }
    out
}

/// Month names and abbreviations in English, German, French and Spanish.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene",
    ],
    &[
        "february", "feb", "febr", "februar", "février", "fevrier", "févr", "fevr", "febrero",
    ],
    &[
        "march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo",
    ],
    &["april", "apr", "avril", "avr", "abril", "abr"],
    &["may", "mai", "mayo"],
    &["june", "jun", "juni", "juin", "junio"],
    &["july", "jul", "juli", "juillet", "juil", "julio"],
    &["august", "aug", "août", "aout", "agosto", "ago"],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
    ],
    &["october", "oct", "oktober", "okt", "octobre", "octubre"],
    &["november", "nov", "novembre", "noviembre"],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
    ],
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

fn month_of(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn number(token: Option<&Token>) -> Option<&str> {
    match token {
        Some(Token::Num(s)) => Some(s),
        _ => None,
    }
}

/// A year as written in a table; two digits are widened as spreadsheets do
/// (`00`–`29` are 2000–2029, `30`–`99` are 1930–1999).
fn year_of(digits: &str) -> Option<i64> {
    let value: i64 = digits.parse().ok()?;
    match digits.len() {
        2 if value < 30 => Some(2000 + value),
        2 => Some(1900 + value),
        3..=5 => Some(value),
        _ => None,
    }
}

fn small(digits: &str, max: u32) -> Option<u32> {
    if digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|v| *v <= max)
}

/// Reads a clock from tokens: `14`, `14:30`, `14:30:05.250`, `2:30 pm`,
/// `12 am`, then `z`, `utc`, `gmt` or `+03:00`. `None` when the tokens are
/// anything else.
fn clock(tokens: &[Token]) -> Option<Clock> {
    let mut i = 0;
    let hour = small(number(tokens.get(i))?, 23)?;
    i += 1;
    let mut clock = Clock {
        hour,
        minute: 0,
        second: 0,
        milli: 0,
        precision: Precision::Hour,
        offset: None,
        twelve_hour: false,
    };
    if tokens.get(i) == Some(&Token::Sep(':')) {
        clock.minute = small(number(tokens.get(i + 1))?, 59)?;
        clock.precision = Precision::Minute;
        i += 2;
        if tokens.get(i) == Some(&Token::Sep(':')) {
            clock.second = small(number(tokens.get(i + 1))?, 59)?;
            clock.precision = Precision::Second;
            i += 2;
            if matches!(tokens.get(i), Some(Token::Sep('.' | ','))) {
                let digits = number(tokens.get(i + 1))?;
                // Microseconds and nanoseconds keep their milliseconds.
                let ms: String = digits.chars().chain("00".chars()).take(3).collect();
                clock.milli = ms.parse().ok()?;
                clock.precision = Precision::Millisecond;
                i += 2;
            }
        }
    }
    if let Some(Token::Word(w)) = tokens.get(i)
        && (w == "am" || w == "pm")
    {
        if !(1..=12).contains(&clock.hour) {
            return None;
        }
        clock.hour = match (w.as_str(), clock.hour) {
            ("am", 12) => 0,
            ("pm", 12) => 12,
            ("pm", h) => h + 12,
            (_, h) => h,
        };
        clock.twelve_hour = true;
        i += 1;
    } else if clock.precision == Precision::Hour {
        // A lone number is not a time of day.
        return None;
    }
    match tokens.get(i..)? {
        [] => {}
        [Token::Word(w)] if w == "z" || w == "utc" || w == "gmt" => clock.offset = Some(0),
        [Token::Sep(sign @ ('+' | '-')), rest @ ..] => {
            let sign = if *sign == '-' { -1 } else { 1 };
            let minutes = match rest {
                [Token::Num(hhmm)] if hhmm.len() == 4 => {
                    hhmm[..2].parse::<i32>().ok()? * 60 + hhmm[2..].parse::<i32>().ok()?
                }
                [Token::Num(hh)] if hh.len() <= 2 => hh.parse::<i32>().ok()? * 60,
                [Token::Num(hh), Token::Sep(':'), Token::Num(mm)] => {
                    hh.parse::<i32>().ok()? * 60 + mm.parse::<i32>().ok()?
                }
                _ => return None,
            };
            clock.offset = Some(sign * minutes);
        }
        _ => return None,
    }
    Some(clock)
}

/// Reads a cell of a separate time column.
#[must_use]
pub fn parse_clock(text: &str) -> Option<Clock> {
    let tokens = tokens(text.trim());
    clock(&tokens)
}

/// Reads a date cell into its shape, or `None` when it is no date.
#[must_use]
pub fn shape(text: &str) -> Option<Shape> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(date) = Date::parse(text) {
        return Some(Shape::Done(date));
    }
    if let Some(date) = iso_like(text) {
        return Some(Shape::Done(date));
    }
    let mut tokens = tokens(text);
    // "Thu, 06 Nov 2025": the weekday adds nothing.
    if let Some(Token::Word(w)) = tokens.first()
        && WEEKDAYS.contains(&w.trim_end_matches('.'))
    {
        tokens.remove(0);
        if matches!(tokens.first(), Some(Token::Sep(',' | '.'))) {
            tokens.remove(0);
        }
    }
    let (part, used) = date_part(&tokens)?;
    let rest = &tokens[used..];
    let rest = match rest.first() {
        Some(Token::Sep(',')) => &rest[1..],
        Some(Token::Word(w)) if w == "t" || w == "at" || w == "um" || w == "à" => &rest[1..],
        _ => rest,
    };
    let clock = if rest.is_empty() {
        None
    } else {
        Some(clock(rest)?)
    };
    match part {
        Part::Numeric { a, b, year } => Some(Shape::Numeric { a, b, year, clock }),
        Part::Ymd(y, m, d) => build(y, m, d, Precision::Day, clock).ok().map(Shape::Done),
        Part::Ym(y, m) if clock.is_none() => {
            build(y, m, 1, Precision::Month, None).ok().map(Shape::Done)
        }
        Part::Ym(..) => None,
    }
}

enum Part {
    Ymd(i64, u32, u32),
    Ym(i64, u32),
    Numeric { a: u32, b: u32, year: i64 },
}

/// The date at the start of `tokens` and how many tokens it used.
fn date_part(t: &[Token]) -> Option<(Part, usize)> {
    use Token::{Num, Sep, Word};
    match t {
        // 2025/11/06, 2025.11.06
        [Num(y), Sep(s1), Num(m), Sep(s2), Num(d), ..]
            if y.len() == 4 && s1 == s2 && matches!(s1, '/' | '.') =>
        {
            Some((Part::Ymd(y.parse().ok()?, small(m, 12)?, small(d, 31)?), 5))
        }
        // 06.11.2025, 06/11/2025, 06-11-2025, 6/11/25
        [Num(a), Sep(s1), Num(b), Sep(s2), Num(y), ..]
            if s1 == s2 && matches!(s1, '/' | '.' | '-') && a.len() <= 2 && b.len() <= 2 =>
        {
            let year = if y.len() == 2 || y.len() == 4 {
                year_of(y)?
            } else {
                return None;
            };
            Some((
                Part::Numeric {
                    a: small(a, 31)?,
                    b: small(b, 31)?,
                    year,
                },
                5,
            ))
        }
        // 6 Nov 2025, 06 November 2025, 6. November 2025, 6-Nov-25, 6 de noviembre de 2025
        [Num(d), rest @ ..] if d.len() <= 2 => {
            let mut i = 0;
            if matches!(rest.get(i), Some(Sep('.' | '-' | '/'))) {
                i += 1;
            }
            if matches!(rest.get(i), Some(Word(w)) if w == "de") {
                i += 1;
            }
            let Some(Word(month)) = rest.get(i) else {
                return None;
            };
            let month = month_of(month)?;
            i += 1;
            if matches!(rest.get(i), Some(Sep('.' | '-' | '/' | ','))) {
                i += 1;
            }
            if matches!(rest.get(i), Some(Word(w)) if w == "de") {
                i += 1;
            }
            let year = year_of(number(rest.get(i))?)?;
            Some((Part::Ymd(year, month, small(d, 31)?), i + 2))
        }
        // November 6, 2025; Nov 6 2025; November 2025
        [Word(month), rest @ ..] => {
            let month = month_of(month.trim_end_matches('.'))?;
            let mut i = 0;
            if matches!(rest.get(i), Some(Sep('.'))) {
                i += 1;
            }
            let first = number(rest.get(i))?;
            if first.len() >= 3 {
                return Some((Part::Ym(year_of(first)?, month), i + 2));
            }
            let day = small(first, 31)?;
            i += 1;
            if matches!(rest.get(i), Some(Sep(','))) {
                i += 1;
            }
            let year = year_of(number(rest.get(i))?)?;
            Some((Part::Ymd(year, month, day), i + 2))
        }
        _ => None,
    }
}

fn build(
    year: i64,
    month: u32,
    day: u32,
    precision: Precision,
    clock: Option<Clock>,
) -> Result<Date, String> {
    let (h, mi, s, ms, precision, offset) = clock.map_or((0, 0, 0, 0, precision, None), |c| {
        (c.hour, c.minute, c.second, c.milli, c.precision, c.offset)
    });
    Date::build(year, month, day, h, mi, s, ms, offset, precision).map_err(|e| e.message)
}

/// ISO 8601 as databases and Wikidata write it, beyond what [`Date::parse`]
/// takes: `-13800000000-01-01T00:00:00Z`, `+1879-03-14T00:00:00Z`,
/// `2025-11-06 14:30:00.123456 UTC`, `2025-11-00` (Wikidata's unknown day).
fn iso_like(text: &str) -> Option<Date> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 {
        return None;
    }
    let magnitude: i64 = body[..digits].parse().ok()?;
    let year = if negative { -magnitude } else { magnitude };
    let rest = &body[digits..];
    let rest = rest.strip_prefix('-')?;
    let month: u32 = rest.get(..2)?.parse().ok()?;
    let rest = rest[2..].strip_prefix('-')?;
    let day: u32 = rest.get(..2)?.parse().ok()?;
    let rest = &rest[2..];
    let clock = match rest.strip_prefix(['T', 't', ' ']) {
        Some(time) => Some(clock(&tokens(time.trim()))?),
        None if rest.is_empty() => None,
        None => return None,
    };
    // Deep time (and Wikidata's 00 month or day) keeps only what it can mean.
    let all_midnight = clock.is_none_or(|c| (c.hour, c.minute, c.second, c.milli) == (0, 0, 0, 0));
    if Date::ymd(year, 1, 1).is_none() || month == 0 {
        return (all_midnight && day <= 1)
            .then(|| Date::year(year))
            .filter(|_| (MIN_YEAR..=MAX_YEAR).contains(&year));
    }
    if day == 0 {
        return all_midnight.then(|| Date::ym(year, month)).flatten();
    }
    build(year, month, day, Precision::Day, clock).ok()
}

/// Turns a shape into a date once the column's order is known.
///
/// # Errors
/// When the day does not exist (`31/02/2025`), with the reason.
pub fn resolve(shape: Shape, order: DateOrder) -> Result<Date, String> {
    match shape {
        Shape::Done(date) => Ok(date),
        Shape::Numeric { a, b, year, clock } => {
            let (day, month) = match order {
                DateOrder::Dmy => (a, b),
                DateOrder::Mdy => (b, a),
            };
            build(year, month, day, Precision::Day, clock)
        }
    }
}

/// Adds a separate time of day to a day-precision date.
#[must_use]
pub fn with_clock(date: Date, clock: Clock) -> Date {
    if date.precision() != Precision::Day {
        return date;
    }
    build(
        date.year_number(),
        date.month(),
        date.day(),
        Precision::Day,
        Some(clock),
    )
    .unwrap_or(date)
}

/// What the numeric dates of a whole column say about their order.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent pieces of evidence, each seen or not"
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OrderEvidence {
    /// A first number over 12 was seen: day first.
    pub day_first: bool,
    /// A second number over 12 was seen: month first.
    pub month_first: bool,
    /// Ambiguous numeric dates were seen at all.
    pub numeric: bool,
    /// Times were written with AM/PM (an American habit).
    pub twelve_hour: bool,
    /// The separator of the numeric dates was a dot (`06.11.2025` is
    /// always day first).
    pub dotted: bool,
}

impl OrderEvidence {
    /// Takes one cell's shape into account.
    pub fn add(&mut self, shape: &Shape, dotted: bool) {
        if let Shape::Numeric { a, b, clock, .. } = shape {
            self.numeric = true;
            self.day_first |= *a > 12;
            self.month_first |= *b > 12;
            self.twelve_hour |= clock.is_some_and(|c| c.twelve_hour);
            self.dotted |= dotted;
        }
    }

    /// The order the evidence settles, or `None` when it is undecidable.
    #[must_use]
    pub const fn settled(&self) -> Option<DateOrder> {
        match (self.day_first, self.month_first) {
            (true, false) => Some(DateOrder::Dmy),
            (false, true) => Some(DateOrder::Mdy),
            _ => None,
        }
    }

    /// The order to use when nothing settles it: day first for dotted dates
    /// and most of the world, month first when times carry AM/PM.
    #[must_use]
    pub const fn default_order(&self) -> DateOrder {
        if self.twelve_hour && !self.dotted {
            DateOrder::Mdy
        } else {
            DateOrder::Dmy
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(text: &str) -> Date {
        match shape(text) {
            Some(Shape::Done(d)) => d,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn written_forms() {
        for text in [
            "06 November 2025",
            "6 November 2025",
            "November 6, 2025",
            "Nov 6 2025",
            "6 Nov 2025",
            "6-Nov-25",
            "6. November 2025",
            "Thu, 06 Nov 2025",
            "2025/11/06",
            "6 de noviembre de 2025",
            "2025-11-06",
        ] {
            assert_eq!(done(text).to_iso(), "2025-11-06", "{text}");
        }
        assert_eq!(done("November 2025").to_iso(), "2025-11");
        assert_eq!(done("2025-11-06 14:30:00").to_iso(), "2025-11-06T14:30:00");
        assert_eq!(
            done("November 6, 2025 2:30 PM").to_iso(),
            "2025-11-06T14:30"
        );
        assert_eq!(
            done("2025-11-06 14:30:05.123456 UTC").to_iso(),
            "2025-11-06T14:30:05.123Z"
        );
    }

    #[test]
    fn wikidata_years() {
        let big_bang = done("-13800000000-01-01T00:00:00Z");
        assert_eq!(big_bang.year_number(), -13_800_000_000);
        assert_eq!(big_bang.precision(), Precision::Year);
        assert_eq!(
            done("+1879-03-14T00:00:00Z").to_iso(),
            "1879-03-14T00:00:00Z"
        );
        assert_eq!(done("-0043-03-15T00:00:00Z").year_number(), -43);
        assert_eq!(done("1900-05-00").to_iso(), "1900-05");
    }

    #[test]
    fn numeric_order_from_the_column() {
        let s = shape("06/11/2025");
        assert!(matches!(
            s,
            Some(Shape::Numeric {
                a: 6,
                b: 11,
                year: 2025,
                ..
            })
        ));
        let mut evidence = OrderEvidence::default();
        for text in ["06/11/2025", "13/11/2025"] {
            if let Some(s) = shape(text) {
                evidence.add(&s, false);
            }
        }
        assert_eq!(evidence.settled(), Some(DateOrder::Dmy));
        let resolved = s.map(|s| resolve(s, DateOrder::Mdy));
        assert_eq!(
            resolved.and_then(Result::ok).map(|d| d.to_iso()),
            Some("2025-06-11".into())
        );
        let pm = shape("11/6/2025 2:30:00 PM");
        let mut evidence = OrderEvidence::default();
        if let Some(s) = &pm {
            evidence.add(s, false);
        }
        assert_eq!(evidence.settled(), None);
        assert_eq!(evidence.default_order(), DateOrder::Mdy);
        let us = shape("11/13/2025").unwrap_or(Shape::Done(Date::year(1)));
        assert!(resolve(us, DateOrder::Dmy).is_err());
        assert!(pm.is_some());
    }

    #[test]
    fn clocks_and_numbers() {
        assert_eq!(
            parse_clock("14:30").map(|c| (c.hour, c.minute)),
            Some((14, 30))
        );
        assert_eq!(parse_clock("2:30 PM").map(|c| c.hour), Some(14));
        assert_eq!(parse_clock("12 a.m.").map(|c| c.hour), Some(0));
        assert_eq!(parse_clock("14"), None);
        assert_eq!(number_kind(&[1969.0, -44.0], true), Some(NumberKind::Year));
        assert_eq!(
            number_kind(&[1969.0, 2001.0], false),
            Some(NumberKind::Year)
        );
        assert_eq!(number_kind(&[0.0, 12.0], false), None);
        assert_eq!(
            number_kind(&[1_762_425_000.0], false),
            Some(NumberKind::UnixSeconds)
        );
        assert_eq!(
            number_kind(&[1_762_425_000_000.0], false),
            Some(NumberKind::UnixMillis)
        );
        assert_eq!(
            number_kind(&[45_967.0, 45_968.5], false),
            Some(NumberKind::Serial)
        );
        assert_eq!(number_kind(&[3.5], false), None);
        assert_eq!(
            serial_date(45_967.0).map(|d| d.to_iso()),
            Some("2025-11-06".into())
        );
        assert_eq!(
            serial_date(45_967.604_166_666_7).map(|d| d.to_iso()),
            Some("2025-11-06T14:30".into())
        );
        assert_eq!(
            date_from_number(1_762_439_400.0, NumberKind::UnixSeconds).map(|d| d.to_iso()),
            Ok("2025-11-06T14:30:00".into())
        );
        assert!(shape("hello").is_none());
        assert!(shape("12").is_some(), "a bare year is ISO");
        assert!(shape("14:30").is_none());
    }
}
