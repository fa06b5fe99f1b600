//! How an event's dates are kept: the instants it covers (earliest and
//! latest) are hot columns of the store; the rest of a date "as written"
//! (its precision and UTC offset) is a two-byte [`DateForm`] in the cold
//! part, from which the written [`Date`] is rebuilt exactly.
//!
//! A richer date (qualifiers, uncertain windows) extends [`DateForm`] and
//! keeps its earliest/latest instants in the same hot columns, so culling,
//! indexes and layout do not change.

use crate::time::{Civil, Date, NANOS_PER_MIN, Precision, Time};

/// A date's precision and written UTC offset, packed in 15 bits: the
/// precision in the low 3 bits, the offset plus 1440 minutes above them
/// (0 when no offset was written).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateForm(u16);

/// Offsets are below 24 hours in magnitude (checked by [`Date::build`]).
const OFFSET_BIAS: i32 = 24 * 60;

impl DateForm {
    /// The form of `date`.
    #[must_use]
    pub fn of(date: &Date) -> Self {
        let precision = Precision::ALL
            .iter()
            .position(|&p| p == date.precision())
            .unwrap_or(0);
        let offset = date
            .offset_minutes()
            .map_or(0, |m| i32::from(m) + OFFSET_BIAS);
        let bits =
            u32::try_from(precision).unwrap_or(0) | (u32::try_from(offset).unwrap_or(0) << 3);
        Self(u16::try_from(bits).unwrap_or(0))
    }

    /// The packed bits.
    #[must_use]
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// A form from its packed bits (as [`Self::bits`] gave them).
    #[must_use]
    pub const fn from_bits(bits: u16) -> Self {
        Self(bits)
    }

    /// The precision the date was written with.
    #[must_use]
    pub fn precision(self) -> Precision {
        Precision::ALL[usize::from(self.0 & 7).min(Precision::ALL.len() - 1)]
    }

    /// The UTC offset written with the date, in minutes.
    #[must_use]
    pub fn offset_minutes(self) -> Option<i32> {
        let code = i32::from(self.0 >> 3);
        (code != 0).then(|| code - OFFSET_BIAS)
    }

    /// The date as written whose first instant is `start`: its fields are
    /// the local (offset) calendar fields of that instant.
    #[must_use]
    pub fn date_at(self, start: Time) -> Date {
        let offset = self.offset_minutes();
        let local = start.add_nanos(i128::from(offset.unwrap_or(0)) * NANOS_PER_MIN);
        let c = Civil::from_time(local);
        Date::build(
            c.year,
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.second,
            c.millis(),
            offset,
            self.precision(),
        )
        .unwrap_or_else(|_| Date::from_time(start, self.precision()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form_is_rebuilt_exactly() {
        for text in [
            "2025",
            "-13800000000",
            "-0043-03-15",
            "2025-10",
            "2025-10-16",
            "2025-10-16T14",
            "2025-10-16T14:30+03:00",
            "2025-10-16T23:30-09:30",
            "2025-12-31T23:59:59.999Z",
            "0000-02-29T00:00:00.001+23:59",
            "-9999-01-01T00:00-23:59",
        ] {
            let date = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let form = DateForm::of(&date);
            assert_eq!(DateForm::from_bits(form.bits()), form);
            assert_eq!(form.date_at(date.start()), date, "{text}");
        }
    }
}
