//! The EDTF field grammar: intervals, sides, sets.

use std::fmt;

use super::{Bound, BoundKind, Edtf, EdtfDate, EdtfError, Precision, Qualifiers, SetItem};
use crate::time::Time;

/// A cursor over the bytes of one field. Offsets are into the original
/// text, so errors can point inside it.
pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
    /// End of the text without trailing white space.
    pub(super) end: usize,
    /// Inside `[…]`, where `,` separates members and is no decimal comma.
    pub(super) in_set: bool,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let end = text.trim_end().len();
        let pos = text.len() - text.trim_start().len();
        Self {
            text,
            bytes: text.as_bytes(),
            pos: pos.min(end),
            end,
            in_set: false,
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.bytes[self.pos])
    }

    pub(super) fn peek_at(&self, ahead: usize) -> Option<u8> {
        let at = self.pos + ahead;
        (at < self.end).then(|| self.bytes[at])
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn at_dots(&self) -> bool {
        self.peek() == Some(b'.') && self.peek_at(1) == Some(b'.')
    }

    /// End of the date that starts at `start`: the next `/`, `,`, `]`, `..`
    /// or the end of the text.
    pub(super) fn token_end(&self, start: usize) -> usize {
        if matches!(self.bytes.get(start), Some(b'[' | b'{')) {
            // A set is quoted whole, up to its closing bracket.
            let close = self.text[start..self.end].find([']', '}']);
            return close.map_or(self.end, |i| start + i + 1);
        }
        let mut i = start;
        while i < self.end {
            match self.bytes[i] {
                b'/' | b',' | b']' => break,
                b'.' if self.bytes.get(i + 1) == Some(&b'.') => break,
                _ => i += 1,
            }
        }
        i.max(start)
    }

    /// An error at `at`, quoting the date (or set) that starts at `start`.
    pub(super) fn fail(&self, start: usize, at: usize, reason: impl fmt::Display) -> EdtfError {
        let end = self.token_end(start);
        let quoted = self.text.get(start..end).unwrap_or("");
        if quoted.is_empty() {
            EdtfError::new(at, reason.to_string())
        } else {
            // Quoted, escaped and shortened: the text may be anything.
            EdtfError::new(at, format!("{}: {reason}", crate::escape::quote(quoted)))
        }
    }

    pub(super) fn unexpected(&self, start: usize, what: &str) -> EdtfError {
        let found = self.text[self.pos..self.end].chars().next().map_or_else(
            || "the end".to_string(),
            |c| format!("`{}`", crate::escape::excerpt(c.encode_utf8(&mut [0; 4]))),
        );
        self.fail(start, self.pos, format!("expected {what}, found {found}"))
    }

    pub(super) fn field(mut self) -> Result<Edtf, EdtfError> {
        if self.pos == self.end {
            return Err(EdtfError::new(
                self.pos,
                "empty date: expected a date such as 2025-10-16 or 2025-11~".to_string(),
            ));
        }
        let slash = self.text[self.pos..self.end]
            .find('/')
            .map(|i| i + self.pos);
        let Some(slash) = slash else {
            let bound = self.bound(self.end)?;
            return Ok(Edtf::Single(bound));
        };
        if let Some(second) = self.text[slash + 1..self.end].find('/') {
            let at = slash + 1 + second;
            return Err(EdtfError::new(
                at,
                format!(
                    "{}: an interval has one `/`",
                    crate::escape::quote(&self.text[self.pos..self.end])
                ),
            ));
        }
        let whole = self.pos;
        let start = self.side(slash)?;
        self.pos = slash + 1;
        let end = self.side(self.end)?;
        self.interval(whole, slash, start, end)
    }

    /// One side of an interval, ending at `stop`.
    fn side(&mut self, stop: usize) -> Result<Option<Bound>, EdtfError> {
        let saved_end = self.end;
        self.end = stop;
        let result = if self.pos == stop {
            Ok(None)
        } else if self.at_dots() && self.pos + 2 == stop {
            self.pos = stop;
            Ok(Some(Bound::side(BoundKind::Open, Time::EPOCH, Time::EPOCH)))
        } else {
            self.bound(stop).map(Some)
        };
        self.end = saved_end;
        result
    }

    fn interval(
        &self,
        whole: usize,
        slash: usize,
        start: Option<Bound>,
        end: Option<Bound>,
    ) -> Result<Edtf, EdtfError> {
        let dated = |b: &Option<Bound>| {
            b.as_ref()
                .is_some_and(|b| !matches!(b.kind, BoundKind::Open))
        };
        if !dated(&start) && !dated(&end) {
            return Err(EdtfError::new(
                whole,
                format!(
                    "{}: an interval needs a date on at least one side of the `/`",
                    crate::escape::quote(&self.text[whole..self.end])
                ),
            ));
        }
        let (min, max) = (Time::min_value(), Time::max_value());
        let start = match start {
            None => Bound::side(
                BoundKind::Unknown,
                min,
                end.as_ref().map_or(max, Bound::latest),
            ),
            Some(b) if b.kind == BoundKind::Open => Bound::side(BoundKind::Open, min, min),
            Some(b) => b,
        };
        let end = match end {
            None => Bound::side(BoundKind::Unknown, start.earliest, max),
            Some(b) if b.kind == BoundKind::Open => Bound::side(BoundKind::Open, max, max),
            Some(b) => b,
        };
        let both_dated = !matches!(start.kind, BoundKind::Open | BoundKind::Unknown)
            && !matches!(end.kind, BoundKind::Open | BoundKind::Unknown);
        if both_dated && end.latest <= start.earliest {
            return Err(EdtfError::new(
                slash + 1,
                format!(
                    "{}: the interval ends before it starts",
                    crate::escape::quote(&self.text[whole..self.end])
                ),
            ));
        }
        Ok(Edtf::Interval { start, end })
    }

    /// A date or a set, which must end at `stop`.
    fn bound(&mut self, stop: usize) -> Result<Bound, EdtfError> {
        let start = self.pos;
        let bound = match self.peek() {
            Some(b'[') => self.set()?,
            Some(b'{') => {
                return Err(self.fail(
                    start,
                    start,
                    "`{…}` means all of these dates; one end of an event takes one date, so write `[…]` (one of them)",
                ));
            }
            _ => {
                let date = self.date()?;
                let (earliest, latest) = self.window_of(&date, start)?;
                Bound {
                    earliest,
                    latest,
                    precision: date.precision(),
                    qualifiers: date.qualifiers(),
                    kind: BoundKind::Date(date),
                }
            }
        };
        if self.pos != stop {
            return Err(self.unexpected(start, "the end of the date"));
        }
        Ok(bound)
    }

    fn window_of(&self, date: &EdtfDate, start: usize) -> Result<(Time, Time), EdtfError> {
        date.window()
            .ok_or_else(|| self.fail(start, start, "no day in the calendar matches these digits"))
    }

    fn set(&mut self) -> Result<Bound, EdtfError> {
        let start = self.pos;
        self.pos += 1;
        self.in_set = true;
        let mut items = Vec::new();
        let (mut earliest, mut latest) = (Time::max_value(), Time::min_value());
        let mut precision = Precision::Year;
        let mut qualifiers = Qualifiers::NONE;
        loop {
            while self.eat(b' ') {}
            if self.peek() == Some(b']') && items.is_empty() {
                return Err(self.fail(start, self.pos, "a set needs at least one date"));
            }
            let item_start = self.pos;
            let item = if self.at_dots() {
                self.pos += 2;
                let d = self.date()?;
                let (_, late) = self.window_of(&d, item_start + 2)?;
                earliest = Time::min_value();
                latest = latest.max(late);
                SetItem::OnOrBefore(d)
            } else {
                let d = self.date()?;
                let (early, late) = self.window_of(&d, item_start)?;
                earliest = earliest.min(early);
                if self.at_dots() {
                    self.pos += 2;
                    if matches!(self.peek(), Some(b',' | b']') | None) {
                        latest = Time::max_value();
                        SetItem::OnOrAfter(d)
                    } else {
                        let last_start = self.pos;
                        let last = self.date()?;
                        let (_, last_late) = self.window_of(&last, last_start)?;
                        if last_late <= early {
                            return Err(self.fail(
                                item_start,
                                last_start,
                                "the range ends before it starts",
                            ));
                        }
                        latest = latest.max(last_late);
                        precision = precision.max(last.precision());
                        qualifiers = qualifiers.union(last.qualifiers());
                        SetItem::Range(d, last)
                    }
                } else {
                    latest = latest.max(late);
                    SetItem::Date(d)
                }
            };
            let first = match &item {
                SetItem::Date(d)
                | SetItem::Range(d, _)
                | SetItem::OnOrBefore(d)
                | SetItem::OnOrAfter(d) => *d,
            };
            precision = precision.max(first.precision());
            qualifiers = qualifiers.union(first.qualifiers());
            items.push(item);
            while self.eat(b' ') {}
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                break;
            }
            self.in_set = false;
            return Err(if self.peek().is_none() {
                self.fail(start, self.pos, "the set is not closed with `]`")
            } else {
                self.unexpected(item_start, "`,` or `]`")
            });
        }
        self.in_set = false;
        Ok(Bound {
            earliest,
            latest,
            precision,
            qualifiers,
            kind: BoundKind::OneOf(items),
        })
    }

    pub(super) fn qualifier(&mut self) -> Qualifiers {
        match self.peek().and_then(Qualifiers::from_byte) {
            Some(q) => {
                self.pos += 1;
                q
            }
            None => Qualifiers::NONE,
        }
    }

    pub(super) fn digits(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }
}
