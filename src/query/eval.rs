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

    /// Removes the events of `other`.
    pub fn and_not(&mut self, other: &Self) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    /// The events of `self` for which `keep(i)` holds.
    #[must_use]
    pub fn filter(&self, mut keep: impl FnMut(usize) -> bool) -> Self {
        let mut out = Self::none(self.len);
        for (w, (&bits, word)) in self.words.iter().zip(&mut out.words).enumerate() {
            if bits == u64::MAX {
                // A full word (the usual case for a first test): no bit
                // juggling, and the loop vectorises.
                let base = w * 64;
                let mut kept = 0u64;
                for bit in 0..64 {
                    kept |= u64::from(keep(base + bit)) << bit;
                }
                *word = kept;
                continue;
            }
            let mut rest = bits;
            while rest != 0 {
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                if keep(w * 64 + bit as usize) {
                    *word |= 1 << bit;
                }
            }
        }
        out
    }

    /// Swaps matched and unmatched.
    pub fn invert(&mut self) {
        for w in &mut self.words {
            *w = !*w;
        }
        self.clear_tail();
    }
}

/// Asked between shards: true when the caller no longer wants the answer.
pub type Cancel<'a> = &'a (dyn Fn() -> bool + Sync);

/// Evaluates `node` over the events in `within` (the result is a subset of
/// it); `None` when `cancelled` said stop.
pub(super) fn evaluate(
    node: &Node,
    within: &Matches,
    index: &SearchIndex,
    timeline: &Timeline,
    cancelled: Cancel<'_>,
) -> Option<Matches> {
    match node {
        Node::All => Some(within.clone()),
        Node::Term(term) => term_matches(term, within, index, timeline, cancelled),
        Node::And(parts) => {
            // Cheap column tests first: each part only looks at what the
            // parts before it kept, so a word after `status:denied` is
            // searched in a few records instead of the whole text.
            let mut parts: Vec<&Node> = parts.iter().collect();
            parts.sort_by_key(|p| cost(p));
            let mut out = within.clone();
            for part in parts {
                if out.count() == 0 {
                    break;
                }
                out = evaluate(part, &out, index, timeline, cancelled)?;
            }
            Some(out)
        }
        Node::Or(parts) => {
            let mut out = Matches::none(within.len);
            let mut rest = within.clone();
            for part in parts {
                if rest.count() == 0 {
                    break;
                }
                let found = evaluate(part, &rest, index, timeline, cancelled)?;
                out.or(&found);
                rest.and_not(&found);
            }
            Some(out)
        }
        Node::Not(inner) => {
            let found = evaluate(inner, within, index, timeline, cancelled)?;
            let mut out = within.clone();
            out.and_not(&found);
            Some(out)
        }
    }
}

/// A rough cost, to order the parts of an AND: text searches read the
/// index's text, column tests one byte per event.
fn cost(node: &Node) -> u32 {
    match node {
        Node::All => 0,
        Node::Term(Term::Text(_) | Term::Title(_) | Term::Tag(_) | Term::Source(_)) => 10,
        Node::Term(_) => 1,
        Node::Not(inner) => cost(inner),
        Node::And(parts) | Node::Or(parts) => parts.iter().map(cost).sum(),
    }
}

fn term_matches(
    term: &Term,
    within: &Matches,
    index: &SearchIndex,
    timeline: &Timeline,
    cancelled: Cancel<'_>,
) -> Option<Matches> {
    Some(match term {
        Term::Text(text) => {
            let mut out = text_matches(index, within, text, None, cancelled)?;
            // Words also match the lane's title.
            let lanes: Vec<bool> = index
                .lane_titles
                .iter()
                .map(|t| t.contains(text.as_str()))
                .collect();
            if lanes.contains(&true) {
                out.or(&lane_matches(index, within, &lanes));
            }
            out
        }
        Term::Title(text) => text_matches(index, within, text, Some(marker::TITLE), cancelled)?,
        Term::Tag(text) => text_matches(index, within, text, Some(marker::TAG), cancelled)?,
        Term::Source(text) => text_matches(index, within, text, Some(marker::SOURCE), cancelled)?,
        Term::Lane(text) => {
            let lanes: Vec<bool> = index
                .lane_ids
                .iter()
                .zip(&index.lane_titles)
                .map(|(id, title)| id == text || title.contains(text.as_str()))
                .collect();
            lane_matches(index, within, &lanes)
        }
        Term::Status(statuses) => {
            let mut wanted = [false; 8];
            for &status in statuses {
                wanted[usize::from(status_code(status))] = true;
            }
            within.filter(|i| wanted[usize::from(index.statuses[i])])
        }
        Term::Has(has) => {
            let bit = match has {
                Has::Links => flag::LINKS,
                Has::Sources => flag::SOURCES,
                Has::Tags => flag::TAGS,
                Has::Description => flag::DESCRIPTION,
                Has::End => flag::END,
            };
            within.filter(|i| index.flags[i] & bit != 0)
        }
        Term::After(date) => {
            let from = date.start();
            within.filter(|i| timeline.range_of(i).end > from)
        }
        Term::Before(date) => {
            let to = date.end();
            within.filter(|i| timeline.range_of(i).start < to)
        }
    })
}

fn lane_matches(index: &SearchIndex, within: &Matches, lanes: &[bool]) -> Matches {
    within.filter(|i| lanes.get(index.lanes[i] as usize).copied().unwrap_or(false))
}

/// Below this share of all events, a text term reads only the candidates'
/// records; above it, one scan of every shard is faster.
const SPARSE_SHARE: usize = 16;

fn text_matches(
    index: &SearchIndex,
    within: &Matches,
    text: &str,
    section: Option<u8>,
    cancelled: Cancel<'_>,
) -> Option<Matches> {
    let finder = Finder::new(text.as_bytes());
    let candidates = within.count();
    if candidates * SPARSE_SHARE < index.len() {
        let mut out = Matches::none(index.len());
        for (n, i) in within.iter().enumerate() {
            if n % 4096 == 0 && cancelled() {
                return None;
            }
            if index
                .locate(i)
                .is_some_and(|(shard, local)| shard.record_contains(local, &finder, section))
            {
                out.insert(i);
            }
        }
        return Some(out);
    }
    let scan = |shards: &[super::index::Shard]| {
        let mut out = Matches::none(index.len());
        for shard in shards {
            if cancelled() {
                return None;
            }
            shard.search(&finder, section, |local| out.insert(shard.first + local));
        }
        Some(out)
    };
    // Two halves on two threads: a scan is memory-bound and the machines
    // this runs on have at least two cores.
    let mut out = if index.shards.len() >= 2 {
        let (first, second) = index.shards.split_at(index.shards.len() / 2);
        let (a, b) = std::thread::scope(|s| {
            let other = s.spawn(|| scan(second));
            let mine = scan(first);
            (mine, other.join().ok().flatten())
        });
        let mut a = a?;
        a.or(&b?);
        a
    } else {
        scan(&index.shards)?
    };
    out.and(within);
    Some(out)
}

/// True when an event covering `range` lies within `from`–`to`, both
/// inclusive at their precision (the `--from`/`--to` of the command line).
#[must_use]
pub fn in_dates(range: TimeRange, from: Option<&Date>, to: Option<&Date>) -> bool {
    from.is_none_or(|d| range.end > d.start()) && to.is_none_or(|d| range.start < d.end())
}
