//! Dates as historians and archivists write them: EDTF, the Extended
//! Date/Time Format (ISO 8601-2 Annex A, the Library of Congress profile),
//! levels 0 and 1 and level 2's one-of sets, qualifiers on parts, unspecified
//! digits anywhere, exponential years and significant digits — on top of the
//! ISO 8601 forms [`Date::parse`] reads (hours, minutes, milliseconds, UTC
//! offsets, plain long years).
//!
//! Every bound keeps the earliest and the latest instant it can mean, so
//! `201X` covers 2010–2019 and `[2025-11-03..2025-11-07]` the five days of
//! that week; `Display` writes the canonical EDTF text back (the text as
//! written, for any EDTF input).

mod parse;
mod parse_date;
mod window;

pub(super) use window::significant_years;
mod write;

use parse::Parser;

use super::{Date, Precision, Time};

/// `?` (uncertain: the source may be wrong), `~` (approximate: an
/// estimate), or both (`%`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Qualifiers {
    /// `?` or `%`.
    pub uncertain: bool,
    /// `~` or `%`.
    pub approximate: bool,
}

impl Qualifiers {
    /// Neither.
    pub const NONE: Self = Self {
        uncertain: false,
        approximate: false,
    };
    /// `~`.
    pub const APPROXIMATE: Self = Self {
        uncertain: false,
        approximate: true,
    };
    /// `?`.
    pub const UNCERTAIN: Self = Self {
        uncertain: true,
        approximate: false,
    };

    /// Both sets of flags together.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self {
            uncertain: self.uncertain || other.uncertain,
            approximate: self.approximate || other.approximate,
        }
    }

    /// True when neither flag is set.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        !self.uncertain && !self.approximate
    }

    /// `""`, `"?"`, `"~"` or `"%"`.
    #[must_use]
    pub const fn symbol(self) -> &'static str {
        match (self.uncertain, self.approximate) {
            (false, false) => "",
            (true, false) => "?",
            (false, true) => "~",
            (true, true) => "%",
        }
    }

    fn from_byte(byte: u8) -> Option<Self> {
        match byte {
            b'?' => Some(Self::UNCERTAIN),
            b'~' => Some(Self::APPROXIMATE),
            b'%' => Some(Self::UNCERTAIN.union(Self::APPROXIMATE)),
            _ => None,
        }
    }
}

/// How the year of an [`EdtfDate`] was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum YearForm {
    /// `2025`, `-0043`, `201X`, or our plain long year `-13800000000`.
    Plain,
    /// `Y-13800000000`.
    Prefixed,
    /// `Y-17E7`: the significand times ten to this power.
    Exponent(u8),
}

/// The parts of a date a qualifier can sit beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The year.
    Year,
    /// The month (or season).
    Month,
    /// The day.
    Day,
}

/// One calendar date as EDTF writes it: digits may be unspecified (`X`),
/// each part may carry its own qualifier, the month slot may hold a season
/// (21–41), and a time of day may follow a complete date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EdtfDate {
    /// Unspecified digits count as 0 here; see `unspecified`.
    year: i64,
    year_form: YearForm,
    /// `1950S2`: only the first two digits are significant.
    significant: Option<u8>,
    /// 0 when not written; 1–12 a month; 21–41 a season or other sub-year
    /// grouping. Unspecified digits count as 0.
    month: u8,
    /// 0 when not written.
    day: u8,
    /// Bits 0–3: the four year digits from the left; 4–5 the month's; 6–7
    /// the day's. A set bit is an `X`.
    unspecified: u8,
    /// Qualifiers as written, left and right of year, month and day (the
    /// right-of-day slot also holds one after a time of day).
    written: [Qualifiers; 6],
    /// The whole date when a time of day was written (times have no `X`).
    clock: Option<Date>,
    /// How the UTC offset was written, so it is written back the same way.
    offset_style: OffsetStyle,
}

/// `+05:30`, `+0530` or `+05`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
enum OffsetStyle {
    #[default]
    Colon,
    Compact,
    HoursOnly,
}

const YEAR_MASK: u8 = 0b1111;
const MONTH_MASK: u8 = 0b11_0000;
const DAY_MASK: u8 = 0b1100_0000;

impl EdtfDate {
    /// The date as a plain [`Date`] when it names one: no unspecified
    /// digits, no season, no significant-digit estimate.
    #[must_use]
    pub fn as_date(&self) -> Option<Date> {
        if let Some(clock) = self.clock {
            return Some(clock);
        }
        if self.unspecified != 0 || self.significant.is_some() || self.month > 12 {
            return None;
        }
        let precision = self.precision();
        Date::build(
            self.year,
            u32::from(self.month.max(1)),
            u32::from(self.day.max(1)),
            0,
            0,
            0,
            0,
            None,
            precision,
        )
        .ok()
    }

    /// True when the date is its plain [`Date`] and writes back as that
    /// date's ISO text, so the plain date alone keeps the text as written.
    /// The common forms are decided from the parts, without formatting:
    /// readers ask this for every date of a file.
    #[must_use]
    pub fn writes_as_iso(&self) -> bool {
        let Some(date) = self.as_date() else {
            return false;
        };
        let unqualified = self.written.iter().all(|q| q.is_empty());
        let four_digits = self.year_form == YearForm::Plain && (0..=9999).contains(&self.year);
        let offset_as_iso = self.clock.is_none()
            || self.offset_style == OffsetStyle::Colon
            || date.offset_minutes().is_none_or(|m| m == 0);
        if unqualified && four_digits && offset_as_iso {
            return true;
        }
        date.to_iso() == self.to_string()
    }

    /// The finest part written.
    #[must_use]
    pub fn precision(&self) -> Precision {
        if let Some(clock) = self.clock {
            clock.precision()
        } else if self.day != 0 || self.unspecified & DAY_MASK != 0 {
            Precision::Day
        } else if self.month != 0 || self.unspecified & MONTH_MASK != 0 {
            Precision::Month
        } else {
            Precision::Year
        }
    }

    /// The qualifiers that apply to `part`: one written to the left of a
    /// part applies to it alone, one to the right applies to it and every
    /// part before it (ISO 8601-2 §4.2, `2004-06~-11` is an approximate year
    /// and month).
    #[must_use]
    pub fn qualifiers_of(&self, part: Part) -> Qualifiers {
        let w = &self.written;
        match part {
            Part::Year => w[0].union(w[1]).union(w[3]).union(w[5]),
            Part::Month => w[2].union(w[3]).union(w[5]),
            Part::Day => w[4].union(w[5]),
        }
    }

    /// The parts written, coarse to fine.
    #[must_use]
    pub fn parts(&self) -> &'static [Part] {
        match self.precision() {
            Precision::Year => &[Part::Year],
            Precision::Month => &[Part::Year, Part::Month],
            _ => &[Part::Year, Part::Month, Part::Day],
        }
    }

    /// Every qualifier on any written part.
    #[must_use]
    pub fn qualifiers(&self) -> Qualifiers {
        self.parts()
            .iter()
            .fold(Qualifiers::NONE, |q, p| q.union(self.qualifiers_of(*p)))
    }

    /// True when `part` has at least one unspecified digit.
    #[must_use]
    pub const fn is_unspecified(&self, part: Part) -> bool {
        let mask = match part {
            Part::Year => YEAR_MASK,
            Part::Month => MONTH_MASK,
            Part::Day => DAY_MASK,
        };
        self.unspecified & mask != 0
    }

    /// How many trailing year digits are `X` (and none before them), when
    /// that is the pattern: `201X` → 1, `20XX` → 2.
    #[must_use]
    pub fn trailing_unspecified_year_digits(&self) -> Option<u32> {
        let mask = self.unspecified & YEAR_MASK;
        // Bit 3 is the last digit: a trailing run is 0b1000, 0b1100, ….
        [0b1000, 0b1100, 0b1110, 0b1111]
            .iter()
            .position(|m| *m == mask)
            .and_then(|i| u32::try_from(i + 1).ok())
    }

    /// The year as written, unspecified digits counted as 0.
    #[must_use]
    pub const fn year(&self) -> i64 {
        self.year
    }

    /// The month slot: 0 when not written, 21–41 a season.
    #[must_use]
    pub const fn month_slot(&self) -> u8 {
        self.month
    }

    /// The day, 0 when not written.
    #[must_use]
    pub const fn day(&self) -> u8 {
        self.day
    }

    /// `1950S2`: the number of significant digits of an estimated year.
    #[must_use]
    pub const fn significant_digits(&self) -> Option<u8> {
        self.significant
    }
}

/// One member of a one-of set `[…]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SetItem {
    /// `1667`.
    Date(EdtfDate),
    /// `1670..1672`: one day (or month, year) from the first to the last.
    Range(EdtfDate, EdtfDate),
    /// `..1760-12-03`: on or before.
    OnOrBefore(EdtfDate),
    /// `1760-12..`: on or after.
    OnOrAfter(EdtfDate),
}

/// What a bound is, as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum BoundKind {
    /// One (possibly qualified, possibly partly unspecified) date.
    Date(EdtfDate),
    /// `[a,b..c]`: exactly one of these, we do not know which.
    OneOf(Vec<SetItem>),
    /// `..` in an interval: no limit on that side.
    Open,
    /// Nothing written on that side of an interval's `/`: not known.
    Unknown,
}

/// One end of an event (its start or its end) with everything we know about
/// it: the earliest and the latest instant it can mean, how precisely it
/// was written, and how sure the record is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bound {
    earliest: Time,
    latest: Time,
    precision: Precision,
    qualifiers: Qualifiers,
    kind: BoundKind,
}

impl Bound {
    /// An exact bound from a plain date (what importers of ISO dates make).
    #[must_use]
    pub fn from_date(date: Date) -> Self {
        Self {
            earliest: date.start(),
            latest: date.end(),
            precision: date.precision(),
            qualifiers: Qualifiers::NONE,
            kind: BoundKind::Date(EdtfDate::from_date(date)),
        }
    }

    /// Parses one bound: a date or a one-of set, no interval.
    ///
    /// # Errors
    /// When the text is not one EDTF date or set; the error names the byte
    /// offset of the problem inside `text`.
    pub fn parse(text: &str) -> Result<Self, EdtfError> {
        match Edtf::parse(text)? {
            Edtf::Single(bound) => Ok(bound),
            Edtf::Interval { .. } => {
                let at = text.find('/').unwrap_or(0);
                let lead = text.len() - text.trim_start().len();
                Err(EdtfError::new(
                    at,
                    lead..text.trim_end().len(),
                    "an interval cannot be one end of an event; write it in `start` alone"
                        .to_string(),
                    false,
                ))
            }
        }
    }

    /// The earliest instant the bound can mean (`Time::min_value()` when
    /// nothing limits it, as in `[..1984]` or an open start).
    #[must_use]
    pub const fn earliest(&self) -> Time {
        self.earliest
    }

    /// The first instant after the latest one the bound can mean
    /// (`Time::max_value()` when nothing limits it). `2025-11` ends at
    /// 1 December.
    #[must_use]
    pub const fn latest(&self) -> Time {
        self.latest
    }

    /// How precisely the bound was written (the finest part of its dates).
    #[must_use]
    pub const fn precision(&self) -> Precision {
        self.precision
    }

    /// Every `?` and `~` on the bound, on any part.
    #[must_use]
    pub const fn qualifiers(&self) -> Qualifiers {
        self.qualifiers
    }

    /// What the bound is, as written.
    #[must_use]
    pub const fn kind(&self) -> &BoundKind {
        &self.kind
    }

    /// The plain date when the bound is exactly one, unqualified.
    #[must_use]
    pub fn as_date(&self) -> Option<Date> {
        match &self.kind {
            BoundKind::Date(d) if self.qualifiers.is_empty() => d.as_date(),
            _ => None,
        }
    }

    /// True when the bound is one plain, unqualified date that writes back
    /// as its ISO text ([`EdtfDate::writes_as_iso`]).
    #[must_use]
    pub fn writes_as_iso(&self) -> bool {
        match &self.kind {
            BoundKind::Date(d) if self.qualifiers.is_empty() => d.writes_as_iso(),
            _ => false,
        }
    }

    /// A plain date standing in for the bound where only one date fits
    /// (its earliest instant, or its latest when nothing limits it on the
    /// left), at its precision; the bound's own date when it is one.
    #[must_use]
    pub fn stand_in(&self) -> Date {
        if let Some(date) = self.as_date() {
            return date;
        }
        let last = Time::max_value().add_nanos(-1);
        let at = if self.earliest > Time::min_value() && self.earliest < Time::max_value() {
            self.earliest
        } else if self.latest < Time::max_value() && self.latest > Time::min_value() {
            self.latest.add_nanos(-1)
        } else if self.earliest >= Time::max_value() {
            last
        } else {
            Time::min_value()
        };
        Date::from_time(at.clamp(Time::min_value(), last), self.precision)
    }

    /// True when the bound is one plain date at its precision: no window
    /// beyond what the precision says, no qualifier.
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.as_date().is_some()
    }

    /// The bound with `extra` added to every part (what `"approximate":
    /// true` does to both ends of an event).
    #[must_use]
    pub fn qualified(&self, extra: Qualifiers) -> Self {
        let mut out = self.clone();
        out.qualifiers = out.qualifiers.union(extra);
        let add = |d: &mut EdtfDate| d.written[5] = d.written[5].union(extra);
        match &mut out.kind {
            BoundKind::Date(d) => add(d),
            BoundKind::OneOf(items) => {
                for item in items {
                    match item {
                        SetItem::Date(d) | SetItem::OnOrBefore(d) | SetItem::OnOrAfter(d) => add(d),
                        SetItem::Range(a, b) => {
                            add(a);
                            add(b);
                        }
                    }
                }
            }
            BoundKind::Open | BoundKind::Unknown => {}
        }
        out
    }

    fn side(kind: BoundKind, earliest: Time, latest: Time) -> Self {
        Self {
            earliest,
            latest,
            precision: Precision::Day,
            qualifiers: Qualifiers::NONE,
            kind,
        }
    }
}

impl EdtfDate {
    fn from_date(date: Date) -> Self {
        let p = date.precision();
        Self {
            year: date.year_number(),
            year_form: YearForm::Plain,
            significant: None,
            month: if p >= Precision::Month {
                narrow(date.month())
            } else {
                0
            },
            day: if p >= Precision::Day {
                narrow(date.day())
            } else {
                0
            },
            unspecified: 0,
            written: [Qualifiers::NONE; 6],
            clock: (p > Precision::Day).then_some(date),
            offset_style: OffsetStyle::Colon,
        }
    }
}

fn narrow(value: u32) -> u8 {
    u8::try_from(value).unwrap_or(0)
}

/// A `start` or `end` field: one bound, or an interval `a/b` in one field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Edtf {
    /// One date or one-of set.
    Single(Bound),
    /// `2025-11-03/2025-11-05`, `2025-11-03/..` (open), `2025-11-03/`
    /// (end unknown).
    Interval {
        /// The start; `Open` or `Unknown` when so written.
        start: Bound,
        /// The end; `Open` or `Unknown` when so written.
        end: Bound,
    },
}

/// Why a text is not an EDTF date. Like [`Date::parse`]'s errors, the
/// message never repeats the text (which may hold anything, terminal escapes
/// included): `date` says which part of the text it is about, and whoever
/// reports it shows that part quoted and escaped (`"2025-13": month 13 does
/// not exist`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EdtfError {
    /// Byte offset in the text where the problem starts.
    pub offset: usize,
    /// Byte range of the date (or set, or interval) the error is about.
    pub date: std::ops::Range<usize>,
    /// What is wrong, for a person: `month 13 does not exist`.
    pub message: String,
    /// True when the text is not a date at all, rather than a date that
    /// does not exist.
    pub syntax: bool,
}

impl EdtfError {
    fn new(offset: usize, date: std::ops::Range<usize>, message: String, syntax: bool) -> Self {
        Self {
            offset,
            date,
            message,
            syntax,
        }
    }

    /// The part of `text` (the text given to the parser) this error is
    /// about.
    #[must_use]
    pub fn date_in<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.date.clone()).unwrap_or("")
    }
}

impl Edtf {
    /// Parses a `start`/`end` field: EDTF levels 0 and 1, level 2 one-of
    /// sets, part qualifiers, unspecified digits, exponential years and
    /// significant digits, and the ISO forms of [`Date::parse`].
    ///
    /// # Errors
    /// When the text is none of these, or names a day that does not exist.
    pub fn parse(text: &str) -> Result<Self, EdtfError> {
        Parser::new(text).field()
    }

    /// The start of the field (the bound itself for a single one).
    #[must_use]
    pub const fn start(&self) -> &Bound {
        match self {
            Self::Single(b) | Self::Interval { start: b, .. } => b,
        }
    }

    /// The end when the field is an interval.
    #[must_use]
    pub const fn end(&self) -> Option<&Bound> {
        match self {
            Self::Single(_) => None,
            Self::Interval { end, .. } => Some(end),
        }
    }
}

#[cfg(test)]
mod tests;
