//! One EDTF date: year, month, day, their qualifiers and `X` digits, and
//! an ISO time of day with its offset.

use super::parse::Parser;
use super::{DAY_MASK, EdtfDate, EdtfError, MONTH_MASK, OffsetStyle, Qualifiers, YearForm};
use crate::time::{Date, Precision};

impl Parser<'_> {
    /// One date: `[q]year[q][-[q]month[q][-[q]day[q]]]`, or a complete date
    /// followed by a time of day and an optional offset.
    #[allow(clippy::too_many_lines)] // One pass over the parts of a date, in the order they are written.
    pub(super) fn date(&mut self) -> Result<EdtfDate, EdtfError> {
        let start = self.pos;
        let mut written = [Qualifiers::NONE; 6];
        let mut unspecified = 0_u8;
        written[0] = self.qualifier();
        let year_at = self.pos;
        let (year, year_form, digit_count) = if self.eat(b'Y') {
            self.long_year(start)?
        } else {
            self.plain_year(start, &mut unspecified)?
        };
        let mut significant = None;
        if self.eat(b'S') {
            let at = self.pos;
            let digits = self.digits();
            let value: u8 = digits.parse().unwrap_or(0);
            let total = year.unsigned_abs().checked_ilog10().map_or(1, |l| l + 1);
            if value == 0 || u32::from(value) > total.max(digit_count) {
                return Err(self.fail(
                    start,
                    at,
                    format!(
                        "`S` needs 1 to {} significant digits",
                        total.max(digit_count)
                    ),
                ));
            }
            if unspecified != 0 {
                return Err(self.fail(start, at, "significant digits cannot go with `X` digits"));
            }
            significant = Some(value);
        }
        written[1] = self.qualifier();
        let (mut month, mut day) = (0_u8, 0_u8);
        let (mut month_at, mut day_at) = (self.pos, self.pos);
        let (mut has_month, mut has_day) = (false, false);
        if self.peek() == Some(b'-') {
            has_month = true;
            if year_form != YearForm::Plain || significant.is_some() {
                return Err(self.fail(
                    start,
                    self.pos,
                    "a year written with `Y` or `S` has no month or day",
                ));
            }
            if digit_count < 4 {
                return Err(self.fail(
                    start,
                    year_at,
                    "a year needs at least four digits before a month (write 0025 for the year 25)",
                ));
            }
            self.pos += 1;
            written[2] = self.qualifier();
            month_at = self.pos;
            month = self.two(start, "month", 4, &mut unspecified)?;
            written[3] = self.qualifier();
            if self.peek() == Some(b'-') {
                has_day = true;
                self.pos += 1;
                written[4] = self.qualifier();
                day_at = self.pos;
                day = self.two(start, "day", 6, &mut unspecified)?;
                written[5] = self.qualifier();
            }
        }
        // Range checks first, each at the column of its part.
        if has_month && unspecified & MONTH_MASK == 0 {
            let season = (21..=41).contains(&month);
            if !(1..=12).contains(&month) && !season {
                return Err(self.fail(start, month_at, format!("month {month:02} does not exist")));
            }
            if season && has_day {
                return Err(self.fail(start, day_at, "a season has no day"));
            }
        }
        if has_day && unspecified & DAY_MASK == 0 && !(1..=31).contains(&day) {
            return Err(self.fail(start, day_at, format!("day {day:02} does not exist")));
        }
        let mut clock = None;
        let mut offset_style = OffsetStyle::Colon;
        if matches!(self.peek(), Some(b'T' | b't' | b' ')) && has_day {
            if unspecified != 0 || written.iter().any(|q| !q.is_empty()) {
                return Err(self.fail(
                    start,
                    self.pos,
                    "a time of day needs a complete date with no `X` and no qualifier before it",
                ));
            }
            self.pos += 1;
            let (date, style) = self.time(start, year, month, day)?;
            clock = Some(date);
            offset_style = style;
            written[5] = self.qualifier();
        }
        let date = EdtfDate {
            year,
            year_form,
            significant,
            month,
            day,
            unspecified,
            written,
            clock,
            offset_style,
        };
        if clock.is_none() && unspecified == 0 && significant.is_none() && month <= 12 {
            // A plain date: the calendar decides whether it exists.
            let precision = date.precision();
            if let Err(e) = Date::build(
                year,
                u32::from(month.max(1)),
                u32::from(day.max(1)),
                0,
                0,
                0,
                0,
                None,
                precision,
            ) {
                let at = if precision == Precision::Day && e.message.contains("has no day") {
                    day_at
                } else {
                    year_at
                };
                let reason = if at == day_at {
                    format!(
                        "{} has no day {day} in {}",
                        crate::time::month_name(u32::from(month)),
                        crate::time::format_year(year)
                    )
                } else {
                    e.message
                };
                return Err(self.fail(start, at, reason));
            }
        }
        Ok(date)
    }

    fn plain_year(
        &mut self,
        start: usize,
        unspecified: &mut u8,
    ) -> Result<(i64, YearForm, u32), EdtfError> {
        let negative = self.eat(b'-');
        if !negative {
            self.eat(b'+');
        }
        let digits_at = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'X') {
            self.pos += 1;
        }
        let written = &self.text[digits_at..self.pos];
        if written.is_empty() {
            return Err(self.unexpected(start, "a year"));
        }
        if written.contains('X') {
            if written.len() != 4 {
                return Err(self.fail(
                    start,
                    digits_at,
                    "unspecified digits (`X`) need a year of four digits",
                ));
            }
            for (i, b) in written.bytes().enumerate() {
                if b == b'X' {
                    *unspecified |= 1 << i;
                }
            }
        }
        let value = written.replace('X', "0");
        let count = u32::try_from(written.len()).unwrap_or(u32::MAX);
        let magnitude: i64 = value
            .parse()
            .map_err(|_| self.out_of_range(start, digits_at, written))?;
        let year = if negative { -magnitude } else { magnitude };
        self.check_range(start, digits_at, year)?;
        Ok((year, YearForm::Plain, count))
    }

    fn long_year(&mut self, start: usize) -> Result<(i64, YearForm, u32), EdtfError> {
        let negative = self.eat(b'-');
        let digits_at = self.pos;
        let digits = self.digits();
        if digits.is_empty() {
            return Err(self.unexpected(start, "the digits of a year after `Y`"));
        }
        let count = u32::try_from(digits.len()).unwrap_or(u32::MAX);
        let magnitude: i64 = digits
            .parse()
            .map_err(|_| self.out_of_range(start, digits_at, digits))?;
        let mut form = YearForm::Prefixed;
        let mut year = if negative { -magnitude } else { magnitude };
        if self.eat(b'E') {
            let at = self.pos;
            let exponent: u8 = self
                .digits()
                .parse()
                .map_err(|_| self.unexpected(start, "an exponent after `E`"))?;
            year = 10_i64
                .checked_pow(u32::from(exponent))
                .and_then(|p| year.checked_mul(p))
                .ok_or_else(|| self.out_of_range(start, at, &self.text[digits_at..self.pos]))?;
            if magnitude == 0 {
                return Err(self.fail(
                    start,
                    digits_at,
                    "an exponential year needs a non-zero significand",
                ));
            }
            form = YearForm::Exponent(exponent);
        }
        self.check_range(start, digits_at, year)?;
        Ok((year, form, count))
    }

    fn out_of_range(&self, start: usize, at: usize, written: &str) -> EdtfError {
        self.fail(
            start,
            at,
            format!(
                "year {} is outside the supported range {} to {}",
                crate::escape::excerpt(written),
                crate::time::MIN_YEAR,
                crate::time::MAX_YEAR
            ),
        )
    }

    fn check_range(&self, start: usize, at: usize, year: i64) -> Result<(), EdtfError> {
        if (crate::time::MIN_YEAR..=crate::time::MAX_YEAR).contains(&year) {
            Ok(())
        } else {
            Err(self.out_of_range(start, at, &year.to_string()))
        }
    }

    /// Two digits of a month or day, each of which may be `X`.
    fn two(
        &mut self,
        start: usize,
        what: &str,
        shift: u8,
        unspecified: &mut u8,
    ) -> Result<u8, EdtfError> {
        let mut value = 0;
        for i in 0..2 {
            match self.peek() {
                Some(b @ b'0'..=b'9') => value = value * 10 + (b - b'0'),
                Some(b'X') => {
                    value *= 10;
                    *unspecified |= 1 << (shift + i);
                }
                _ => return Err(self.unexpected(start, &format!("two digits for the {what}"))),
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// Exactly `count` digits of a clock field.
    fn fixed(&mut self, start: usize, what: &str) -> Result<(u32, usize), EdtfError> {
        let at = self.pos;
        for _ in 0..2 {
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.unexpected(start, &format!("two digits for the {what}")));
            }
            self.pos += 1;
        }
        Ok((self.text[at..self.pos].parse().unwrap_or(0), at))
    }

    /// `hh[:mm[:ss[.fff]]][Z|±hh[:mm]]` after a complete date.
    fn time(
        &mut self,
        start: usize,
        year: i64,
        month: u8,
        day: u8,
    ) -> Result<(Date, OffsetStyle), EdtfError> {
        let (hour, hour_at) = self.fixed(start, "hour")?;
        let mut precision = Precision::Hour;
        let (mut minute, mut second, mut milli) = (0, 0, 0);
        let (mut minute_at, mut second_at) = (hour_at, hour_at);
        if self.eat(b':') {
            (minute, minute_at) = self.fixed(start, "minute")?;
            precision = Precision::Minute;
            if self.eat(b':') {
                (second, second_at) = self.fixed(start, "second")?;
                precision = Precision::Second;
                let comma = !self.in_set && self.peek() == Some(b',');
                if (self.peek() == Some(b'.') && !self.at_dots()) || comma {
                    self.pos += 1;
                    let at = self.pos;
                    let fraction = self.digits();
                    if fraction.is_empty() || fraction.len() > 3 {
                        return Err(self.fail(
                            start,
                            at,
                            "expected one to three digits of milliseconds",
                        ));
                    }
                    let scale = 10_u32.pow(u32::try_from(3 - fraction.len()).unwrap_or(0));
                    milli = fraction.parse::<u32>().unwrap_or(0) * scale;
                    precision = Precision::Millisecond;
                }
            }
        }
        for (value, at, what, max) in [
            (hour, hour_at, "hour", 23),
            (minute, minute_at, "minute", 59),
            (second, second_at, "second", 59),
        ] {
            if value > max {
                let plural = format!("{what}s are 00 to {max}");
                return Err(self.fail(
                    start,
                    at,
                    format!("{what} {value:02} does not exist ({plural})"),
                ));
            }
        }
        let (offset, style) = self.offset(start)?;
        let date = Date::build(
            year,
            u32::from(month),
            u32::from(day),
            hour,
            minute,
            second,
            milli,
            offset,
            precision,
        )
        .map_err(|e| self.fail(start, start, e.message))?;
        Ok((date, style))
    }

    fn offset(&mut self, start: usize) -> Result<(Option<i32>, OffsetStyle), EdtfError> {
        if self.eat(b'Z') || self.eat(b'z') {
            return Ok((Some(0), OffsetStyle::Colon));
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.peek() == Some(b'-') {
            self.pos += 1;
            -1
        } else {
            return Ok((None, OffsetStyle::Colon));
        };
        let (hours, hours_at) = self.fixed(start, "offset hours")?;
        let colon = self.eat(b':');
        let (minutes, minutes_at, style) = if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            let (minutes, at) = self.fixed(start, "offset minutes")?;
            let style = if colon {
                OffsetStyle::Colon
            } else {
                OffsetStyle::Compact
            };
            (minutes, at, style)
        } else {
            (0, self.pos, OffsetStyle::HoursOnly)
        };
        if minutes > 59 {
            return Err(self.fail(start, minutes_at, "offset minutes are 00 to 59"));
        }
        if hours >= 24 {
            return Err(self.fail(start, hours_at, "the UTC offset must be less than 24 hours"));
        }
        let minutes = i32::try_from(hours * 60 + minutes).unwrap_or(0);
        Ok((Some(sign * minutes), style))
    }
}
