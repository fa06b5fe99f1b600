//! Find and filter: one query language for the window and the command line.
//!
//! `peskov "budapest summit" -rumour status:denied,disputed lane:kremlin
//! tag:summit source:reuters after:2025-11-01 before:2025-11-08 has:links`.
//! Words must all match somewhere in the title, description, source names,
//! tags, further fields or the lane's title; matching ignores case and
//! diacritics ("peskov" finds "Peskóv"). `-term` excludes, `OR` offers
//! alternatives and binds tighter than the implicit AND, parentheses group.
//!
//! **Architecture invariant:** pure functions over the model; no egui, no
//! file formats. [`SearchIndex::build`] is the only code here that reads
//! events, so the matcher does not depend on how the model stores them.

mod eval;
mod fold;
mod index;
mod parse;
mod subset;
#[cfg(test)]
mod tests;

pub use eval::{Cancel, Matches, in_dates};
pub use fold::{fold, fold_into};
pub use index::SearchIndex;
pub use parse::{FIELDS, Has, Node, QueryError, Term};
pub use subset::subset;

use crate::model::Timeline;

/// A parsed query, ready to run against any timeline's [`SearchIndex`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    text: String,
    root: Node,
}

impl Query {
    /// Reads a query; the empty query matches every event.
    ///
    /// # Errors
    /// A [`QueryError`] with the 1-based column of the first problem.
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        Ok(Self {
            text: text.to_owned(),
            root: parse::parse(text)?,
        })
    }

    /// The text the query was read from.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed tree.
    #[must_use]
    pub const fn root(&self) -> &Node {
        &self.root
    }

    /// True for a query that matches everything (empty, or only spaces).
    #[must_use]
    pub const fn is_everything(&self) -> bool {
        matches!(self.root, Node::All)
    }

    /// The events of `timeline` (indexed as `index`) that match.
    #[must_use]
    pub fn matches(&self, index: &SearchIndex, timeline: &Timeline) -> Matches {
        eval::evaluate(
            &self.root,
            &Matches::all(index.len()),
            index,
            timeline,
            &|| false,
        )
        .unwrap_or_else(|| Matches::none(index.len()))
    }

    /// Like [`Self::matches`], but stops and returns `None` as soon as
    /// `cancelled` returns true (it is asked between shards of about
    /// 65,000 events), so a newer query never waits for an older one.
    #[must_use]
    pub fn matches_until(
        &self,
        index: &SearchIndex,
        timeline: &Timeline,
        cancelled: Cancel<'_>,
    ) -> Option<Matches> {
        eval::evaluate(
            &self.root,
            &Matches::all(index.len()),
            index,
            timeline,
            cancelled,
        )
    }
}

/// Parses `text` and runs it over `timeline` in one step (building an index
/// on the way): what the command line does.
///
/// # Errors
/// A [`QueryError`] when the query is malformed.
pub fn filter(timeline: &Timeline, text: &str) -> Result<Matches, QueryError> {
    let query = Query::parse(text)?;
    if query.is_everything() {
        return Ok(Matches::all(timeline.events().len()));
    }
    Ok(query.matches(&SearchIndex::build(timeline), timeline))
}
