//! Evaluating a parsed query over a [`SearchIndex`]: each term becomes a
//! bit set over all events, combined with AND, OR and NOT.

use memchr::memmem::Finder;

use super::index::{SearchIndex, flag, marker, status_code};
use super::parse::{Has, Node, Term};
use crate::model::Timeline;
use crate::time::{Date, TimeRange};

/// The set of events a query matched: one bit per event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    words: Vec<u64>,
    len: usize,
}

impl Matches {
    /// No event of `len`.
    #[must_use]
    pub fn none(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Every event of `len`.
    #[must_use]
    pub fn all(len: usize) -> Self {
        let mut all = Self {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        all.clear_tail();
        all
    }

    fn clear_tail(&mut self) {
        let rest = self.len % 64;
        if rest != 0
            && let Some(last) = self.words.last_mut()
        {
            *last &= (1u64 << rest) - 1;
        }
    }

    /// Adds event `i`.
    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    /// True when event `i` matched.
    #[must_use]
    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// How many events matched.
    #[must_use]
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// How many events there are in all (matched or not).
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True when there are no events at all.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The matched events, in index order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + bit)
            })
        })
    }

    /// Keeps only events also in `other`.
    pub fn and(&mut self, other: &Self) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// Adds the events of `other`.
    pub fn or(&mut self, other: &Self) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// Swaps matched and unmatched.
    pub fn invert(&mut self) {
        for w in &mut self.words {
            *w = !*w;
        }
        self.clear_tail();
    }

    /// Sets the bits of events for which `keep(i)` holds, for every `i`.
    fn from_fn(len: usize, mut keep: impl FnMut(usize) -> bool) -> Self {
        let mut out = Self::none(len);
        for (w, word) in out.words.iter_mut().enumerate() {
            let base = w * 64;
            for bit in 0..64.min(len - base) {
                if keep(base + bit) {
                    *word |= 1 << bit;
                }
            }
        }
        out
    }
}

/// Evaluates `node`; `None` when `cancelled` said stop.
pub(super) fn evaluate(
    node: &Node,
    index: &SearchIndex,
    timeline: &Timeline,
    cancelled: &dyn Fn() -> bool,
) -> Option<Matches> {
    let len = index.len();
    match node {
        Node::All => Some(Matches::all(len)),
        Node::Term(term) => term_matches(term, index, timeline, cancelled),
        Node::And(parts) => {
            let mut out = Matches::all(len);
            for part in parts {
                out.and(&evaluate(part, index, timeline, cancelled)?);
                if out.count() == 0 {
                    break;
                }
            }
            Some(out)
        }
        Node::Or(parts) => {
            let mut out = Matches::none(len);
            for part in parts {
                out.or(&evaluate(part, index, timeline, cancelled)?);
            }
            Some(out)
        }
        Node::Not(inner) => {
            let mut out = evaluate(inner, index, timeline, cancelled)?;
            out.invert();
            Some(out)
        }
    }
}

fn term_matches(
    term: &Term,
    index: &SearchIndex,
    timeline: &Timeline,
    cancelled: &dyn Fn() -> bool,
) -> Option<Matches> {
    let len = index.len();
    Some(match term {
        Term::Text(text) => {
            let mut out = text_matches(index, text, None, cancelled)?;
            // Words also match the lane's title.
            let lanes: Vec<bool> = index.lane_titles.iter().map(|t| t.contains(text.as_str())).collect();
            if lanes.contains(&true) {
                out.or(&lane_matches(index, &lanes));
            }
            out
        }
        Term::Title(text) => text_matches(index, text, Some(marker::TITLE), cancelled)?,
        Term::Tag(text) => text_matches(index, text, Some(marker::TAG), cancelled)?,
        Term::Source(text) => text_matches(index, text, Some(marker::SOURCE), cancelled)?,
        Term::Lane(text) => {
            let lanes: Vec<bool> = index
                .lane_ids
                .iter()
                .zip(&index.lane_titles)
                .map(|(id, title)| id == text || title.contains(text.as_str()))
                .collect();
            lane_matches(index, &lanes)
        }
        Term::Status(statuses) => {
            let mut wanted = [false; 8];
            for &status in statuses {
                wanted[usize::from(status_code(status))] = true;
            }
            Matches::from_fn(len, |i| wanted[usize::from(index.statuses[i])])
        }
        Term::Has(has) => {
            let bit = match has {
                Has::Links => flag::LINKS,
                Has::Sources => flag::SOURCES,
                Has::Tags => flag::TAGS,
                Has::Description => flag::DESCRIPTION,
                Has::End => flag::END,
            };
            Matches::from_fn(len, |i| index.flags[i] & bit != 0)
        }
        Term::After(date) => {
            let from = date.start();
            Matches::from_fn(len, |i| timeline.range_of(i).end > from)
        }
        Term::Before(date) => {
            let to = date.end();
            Matches::from_fn(len, |i| timeline.range_of(i).start < to)
        }
    })
}

fn lane_matches(index: &SearchIndex, lanes: &[bool]) -> Matches {
    Matches::from_fn(index.len(), |i| {
        lanes.get(index.lanes[i] as usize).copied().unwrap_or(false)
    })
}

fn text_matches(
    index: &SearchIndex,
    text: &str,
    section: Option<u8>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Matches> {
    let mut out = Matches::none(index.len());
    let finder = Finder::new(text.as_bytes());
    for shard in &index.shards {
        if cancelled() {
            return None;
        }
        shard.search(&finder, section, |local| out.insert(shard.first + local));
    }
    Some(out)
}

/// True when an event covering `range` lies within `from`–`to`, both
/// inclusive at their precision (the `--from`/`--to` of the command line).
#[must_use]
pub fn in_dates(range: TimeRange, from: Option<&Date>, to: Option<&Date>) -> bool {
    from.is_none_or(|d| range.end > d.start()) && to.is_none_or(|d| range.start < d.end())
}
