//! The day/month order of a column's numeric dates (`06/11/2025`),
//! decided from the whole column: one day over 12 settles it, dots mean day
//! first, and AM/PM times hint at month first when nothing else does.

use super::Shape;

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
    /// A numeric date was written with dots (`06.11.2025`): day first
    /// wherever dots are written.
    pub dotted: bool,
    /// A numeric date was written with slashes or dashes (`06/11/2025`),
    /// which both orders use.
    pub slashed: bool,
}

impl OrderEvidence {
    /// Takes one cell's shape into account.
    pub fn add(&mut self, shape: &Shape) {
        if let Shape::Numeric {
            a,
            b,
            clock,
            separator,
            ..
        } = shape
        {
            self.numeric = true;
            self.day_first |= *a > 12;
            self.month_first |= *b > 12;
            self.twelve_hour |= clock.is_some_and(|c| c.twelve_hour());
            self.dotted |= *separator == '.';
            self.slashed |= *separator != '.';
        }
    }

    /// The order the evidence settles, or `None` when it is undecidable. A
    /// column of dotted dates alone is day first without a day over 12:
    /// `06.11.2025` is 6 November in every country that writes dots.
    #[must_use]
    pub const fn settled(&self) -> Option<DateOrder> {
        match (self.day_first, self.month_first) {
            (true, false) => Some(DateOrder::Dmy),
            (false, true) => Some(DateOrder::Mdy),
            (false, false) if self.dotted && !self.slashed => Some(DateOrder::Dmy),
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
