//! Dates as tables hold them: ISO 8601, `06 November 2025`,
//! `November 6, 2025`, `6 Nov 2025`, `06.11.2025`, `06/11/2025` and
//! `11/06/2025`, Wikidata's signed long years, spreadsheet serial numbers,
//! Unix timestamps, ISO basic dates (`20251106`), EDTF (`2025-11~`,
//! `201X`, `[2025-11-03..2025-11-07]`, `2025-11-03/2025-11-05`), and a
//! separate clock column (`14:30`, `2:30 PM`).
//!
//! A cell is first read into a [`Shape`] that may still be ambiguous
//! (`06/11/2025`); the whole column then decides the day/month order, so
//! that one `13/11/2025` settles every row of the column.

mod numbers;
mod order;

pub use numbers::{
    MAX_UNSIGNED_YEAR, NumberKind, basic_date, date_from_number, number_kind, serial_date,
};
pub use order::{DateOrder, OrderEvidence};

use crate::time::{Date, MAX_YEAR, MIN_YEAR, Precision};
use crate::time::{Edtf, EdtfError};

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
        /// `/`, `.` or `-`: dots are written day first.
        separator: char,
    },
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

/// A cell of digits alone, unsigned: a year of up to five digits, or an
/// ISO basic date `YYYYMMDD`; any other run of digits is no date in a
/// table (`1762439400` is a timestamp or a count, not a year — deep time
/// is written signed, `-13800000000`, and read by [`Date::parse`]).
fn bare_integer(digits: &str) -> Option<Date> {
    let value: f64 = digits.parse().ok()?;
    if digits.len() == 8 {
        return basic_date(value);
    }
    if value > MAX_UNSIGNED_YEAR {
        return None;
    }
    Date::parse(digits).ok()
}

/// A text the plain forms do not read, as EDTF (`2025-11~`, `201X`,
/// `[2025-11-03..2025-11-07]`, `2025-11-03/2025-11-05`); `None` when it
/// does not look like EDTF at all, an error when it does but is none.
///
/// Only texts whose every date has a year of four digits (or `X`s, or
/// `Y`) are tried: a table's `11/2025` or `3/4` is no interval between the
/// years 11 and 2025 or 3 and 4, which EDTF's short years would make them.
#[must_use]
pub fn edtf(text: &str) -> Option<Result<Edtf, EdtfError>> {
    let text = text.trim();
    // Plain integers are [`shape`]'s: `1762439400` is no year in a table.
    if text
        .trim_start_matches(['-', '+'])
        .bytes()
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut pieces = text
        .split(['/', ',', '[', ']', '{', '}'])
        .flat_map(|piece| piece.split(".."))
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .peekable();
    pieces.peek()?;
    let year_like = |piece: &str| {
        let body = piece.trim_start_matches(['?', '~', '%', '-', '+']);
        body.starts_with('Y')
            || body
                .as_bytes()
                .get(..4)
                .is_some_and(|four| four.iter().all(|b| b.is_ascii_digit() || *b == b'X'))
    };
    if !pieces.all(year_like) {
        return None;
    }
    Some(Edtf::parse(text))
}

/// Reads a date cell into its shape, or `None` when it is no date.
#[must_use]
pub fn shape(text: &str) -> Option<Shape> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return bare_integer(text).map(Shape::Done);
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
    if let Some(shape) = month_day_clock_year(&tokens) {
        return Some(shape);
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
        Part::Numeric {
            a,
            b,
            year,
            separator,
        } => Some(Shape::Numeric {
            a,
            b,
            year,
            clock,
            separator,
        }),
        Part::Ymd(y, m, d) => build(y, m, d, Precision::Day, clock).ok().map(Shape::Done),
        Part::Ym(y, m) if clock.is_none() => {
            build(y, m, 1, Precision::Month, None).ok().map(Shape::Done)
        }
        Part::Ym(..) => None,
    }
}

/// `Nov 06 14:30:00 +0000 2025`, as Twitter's `created_at` and Unix
/// `date` (`Nov  6 14:30:00 UTC 2025`) write it: the year after the time.
fn month_day_clock_year(t: &[Token]) -> Option<Shape> {
    let [
        Token::Word(month),
        Token::Num(day),
        Token::Num(_),
        Token::Sep(':'),
        ..,
        Token::Num(year),
    ] = t
    else {
        return None;
    };
    if year.len() != 4 {
        return None;
    }
    let clock = clock(&t[2..t.len() - 1])?;
    let month = month_of(month.trim_end_matches('.'))?;
    build(
        year.parse().ok()?,
        month,
        small(day, 31)?,
        Precision::Day,
        Some(clock),
    )
    .ok()
    .map(Shape::Done)
}

enum Part {
    Ymd(i64, u32, u32),
    Ym(i64, u32),
    Numeric {
        a: u32,
        b: u32,
        year: i64,
        separator: char,
    },
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
                    separator: *s1,
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
        Shape::Numeric {
            a, b, year, clock, ..
        } => {
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

#[cfg(test)]
mod tests;
