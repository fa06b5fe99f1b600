//! Counts as a person reads them: `1,000,000 events`, `1 event`,
//! `412 of 1,000,000 events shown`.
//!
//! **Architecture invariant:** pure string formatting; knows nothing of the
//! model, egui or files, so the status bar, lane headers, `check` and the
//! export subtitle all say the same thing the same way.

/// A countable thing, with its singular and plural (English plurals are not
/// always "+s", so both are spelled out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun {
    /// Said of exactly one: "event".
    pub one: &'static str,
    /// Said of any other number, zero included: "events".
    pub many: &'static str,
}

/// Events.
pub const EVENT: Noun = Noun {
    one: "event",
    many: "events",
};
/// Lanes.
pub const LANE: Noun = Noun {
    one: "lane",
    many: "lanes",
};
/// Warnings.
pub const WARNING: Noun = Noun {
    one: "warning",
    many: "warnings",
};
/// Errors.
pub const ERROR: Noun = Noun {
    one: "error",
    many: "errors",
};
/// Eras.
pub const ERA: Noun = Noun {
    one: "era",
    many: "eras",
};
/// Matches of a query.
pub const MATCH: Noun = Noun {
    one: "match",
    many: "matches",
};
/// Rows of a table.
pub const ROW: Noun = Noun {
    one: "row",
    many: "rows",
};

/// A whole number that can be counted: `usize` lengths and `u64` totals
/// alike, without casts at every call site.
pub trait Count: Copy {
    /// The value as `u64` (saturating, though no count comes near it).
    fn as_u64(self) -> u64;
}

impl Count for u64 {
    fn as_u64(self) -> u64 {
        self
    }
}

impl Count for usize {
    fn as_u64(self) -> u64 {
        u64::try_from(self).unwrap_or(u64::MAX)
    }
}

impl Count for u32 {
    fn as_u64(self) -> u64 {
        u64::from(self)
    }
}

impl Noun {
    /// The form that goes with `n`.
    #[must_use]
    pub fn form(self, n: impl Count) -> &'static str {
        if n.as_u64() == 1 { self.one } else { self.many }
    }
}

/// `1000000` → `1,000,000` (groups of three digits, comma-separated, as in
/// English text; no separator below 1,000).
#[must_use]
pub fn grouped(value: impl Count) -> String {
    let digits = value.as_u64().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `count(1_000_000, EVENT)` → `1,000,000 events`; `count(1, EVENT)` →
/// `1 event`.
#[must_use]
pub fn count(n: impl Count, noun: Noun) -> String {
    format!("{} {}", grouped(n), noun.form(n))
}

/// How many of `total` are shown: `412 of 1,000,000 events shown`, or just
/// `1,000,000 events` when all are (the noun agrees with the total).
#[must_use]
pub fn shown_of(shown: impl Count, total: impl Count, noun: Noun) -> String {
    if shown.as_u64() == total.as_u64() {
        return count(total, noun);
    }
    format!(
        "{} of {} {} shown",
        grouped(shown),
        grouped(total),
        noun.form(total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        for (value, text) in [
            (0_u64, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1,000"),
            (12_345, "12,345"),
            (100_000, "100,000"),
            (1_000_000, "1,000,000"),
            (1_234_567_890, "1,234,567,890"),
            (u64::MAX, "18,446,744,073,709,551,615"),
            (u64::from(u32::MAX), "4,294,967,295"),
        ] {
            assert_eq!(grouped(value), text, "{value}");
        }
    }

    #[test]
    fn counts_agree_in_number() {
        for (n, noun, text) in [
            (0_usize, EVENT, "0 events"),
            (1, EVENT, "1 event"),
            (2, EVENT, "2 events"),
            (1_000_000, EVENT, "1,000,000 events"),
            (1, LANE, "1 lane"),
            (5, LANE, "5 lanes"),
            (1, WARNING, "1 warning"),
            (1_001, WARNING, "1,001 warnings"),
            (1, ERA, "1 era"),
            (1, MATCH, "1 match"),
            (12_345, MATCH, "12,345 matches"),
        ] {
            assert_eq!(count(n, noun), text);
        }
    }

    #[test]
    fn shown_of_total() {
        for (shown, total, text) in [
            (412_usize, 1_000_000_usize, "412 of 1,000,000 events shown"),
            (0, 1, "0 of 1 event shown"),
            (0, 13, "0 of 13 events shown"),
            (1_000_000, 1_000_000, "1,000,000 events"),
            (1, 1, "1 event"),
            (0, 0, "0 events"),
        ] {
            assert_eq!(shown_of(shown, total, EVENT), text);
        }
    }
}
