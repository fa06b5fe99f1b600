//! EDTF text back from a parsed bound: the canonical form, which is the
//! text as written for every EDTF input.

use std::fmt;

use super::{Bound, BoundKind, Edtf, EdtfDate, OffsetStyle, Precision, SetItem, YearForm};

impl fmt::Display for EdtfDate {
    /// The canonical EDTF text, which is the text as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = &self.written;
        f.write_str(w[0].symbol())?;
        if let Some(clock) = self.clock {
            let iso = clock.to_iso();
            match clock.offset_minutes() {
                Some(m) if m != 0 && self.offset_style != OffsetStyle::Colon => {
                    // to_iso ends in `±hh:mm`; write the form the text used.
                    let (head, tail) = iso.split_at(iso.len().saturating_sub(6));
                    f.write_str(head)?;
                    f.write_str(&tail[..3])?;
                    if self.offset_style == OffsetStyle::Compact {
                        f.write_str(&tail[4..])?;
                    }
                }
                _ => f.write_str(&iso)?,
            }
            return f.write_str(w[5].symbol());
        }
        match self.year_form {
            YearForm::Plain => {
                if self.year < 0 {
                    f.write_str("-")?;
                }
                let digits = format!("{:04}", self.year.unsigned_abs());
                for (i, ch) in digits.chars().enumerate() {
                    let x = i < 4 && self.unspecified >> i & 1 != 0;
                    write!(f, "{}", if x { 'X' } else { ch })?;
                }
            }
            YearForm::Prefixed => write!(f, "Y{}", self.year)?,
            YearForm::Exponent(e) => {
                let significand = self.year / 10_i64.pow(u32::from(e));
                write!(f, "Y{significand}E{e}")?;
            }
        }
        if let Some(s) = self.significant {
            write!(f, "S{s}")?;
        }
        f.write_str(w[1].symbol())?;
        let two = |f: &mut fmt::Formatter<'_>, value: u8, shift: u8| {
            let tens = self.unspecified >> shift & 1 != 0;
            let ones = self.unspecified >> (shift + 1) & 1 != 0;
            let digit = |x: bool, d: u8| if x { 'X' } else { char::from(b'0' + d) };
            write!(f, "{}{}", digit(tens, value / 10), digit(ones, value % 10))
        };
        if self.precision() >= Precision::Month {
            write!(f, "-{}", w[2].symbol())?;
            two(f, self.month, 4)?;
            f.write_str(w[3].symbol())?;
        }
        if self.precision() >= Precision::Day {
            write!(f, "-{}", w[4].symbol())?;
            two(f, self.day, 6)?;
        }
        f.write_str(w[5].symbol())
    }
}

impl fmt::Display for Bound {
    /// The canonical EDTF text of the bound (`..` open, empty unknown).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BoundKind::Date(d) => write!(f, "{d}"),
            BoundKind::Open => f.write_str(".."),
            BoundKind::Unknown => Ok(()),
            BoundKind::OneOf(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    match item {
                        SetItem::Date(d) => write!(f, "{d}")?,
                        SetItem::Range(a, b) => write!(f, "{a}..{b}")?,
                        SetItem::OnOrBefore(d) => write!(f, "..{d}")?,
                        SetItem::OnOrAfter(d) => write!(f, "{d}..")?,
                    }
                }
                f.write_str("]")
            }
        }
    }
}

impl fmt::Display for Edtf {
    /// The canonical EDTF text of the field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Single(b) => write!(f, "{b}"),
            Self::Interval { start, end } => write!(f, "{start}/{end}"),
        }
    }
}
