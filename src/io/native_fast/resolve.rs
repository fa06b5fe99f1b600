//! What the fast path can decide only after the last event: the lanes in
//! the positioned reader's order, the id index that finds duplicates and
//! link targets, the eras and the view.
//!
//! It does not read JSON: it takes the shapes already read and the events
//! already in the builder, and gives up (`None`) where the positioned
//! reader would report a problem.

use std::borrow::Cow;
use std::collections::HashMap;

use super::shapes::{FastEra, FastLane};
use super::{LaneKey, Parsed, State, date};
use crate::model::{Era, Lane, Rgb, TimelineBuilder};

impl State<'_, '_> {
    /// The parsed file, once every event is read; `None` when it has no
    /// `events`, or anything found only now sends it to the positioned
    /// reader.
    pub(super) fn finish(self, default_title: &str) -> Option<Parsed> {
        let State {
            mut builder,
            lane_order,
            links,
            root,
            ..
        } = self;
        if !root.has_events {
            return None;
        }
        let (lanes, map) = final_lanes(root.lanes, &lane_order)?;
        builder.remap_lanes(&map);
        let ids = IdIndex::new(&builder)?;
        for (from, to, label) in &links {
            let target = ids.find(&builder, to)?;
            builder.add_link(*from, target, label.as_deref());
        }
        let eras = root
            .eras
            .unwrap_or_default()
            .into_iter()
            .map(era)
            .collect::<Option<Vec<Era>>>()?;
        let view = match root.view {
            Some(v) => {
                let (start, end) = (date(&v.start)?, date(&v.end)?);
                (end.end() > start.start()).then_some((start, end))?;
                Some((start, end))
            }
            None => None,
        };
        let title = root
            .title
            .map_or_else(|| default_title.to_owned(), Cow::into_owned);
        Some(Parsed {
            builder,
            title,
            description: root.description.map(Cow::into_owned).unwrap_or_default(),
            lanes,
            eras,
            view,
        })
    }
}

/// No colour, a colour, or `Err` for a text that is not one.
fn color(text: Option<&Cow<'_, str>>) -> Result<Option<Rgb>, ()> {
    match text {
        Some(text) => Rgb::parse_hex(text).map(Some).ok_or(()),
        None => Ok(None),
    }
}

fn era(e: FastEra<'_>) -> Option<Era> {
    let (start, end) = (date(&e.start)?, date(&e.end)?);
    if end.end() <= start.start() {
        return None;
    }
    Some(Era {
        title: e.title.map(Cow::into_owned).unwrap_or_default(),
        start,
        end,
        color: color(e.color.as_ref()).ok()?,
    })
}

/// The lanes as the positioned reader orders them, and where each lane of
/// first use goes: declared lanes first (an event naming any other is an
/// error), then the default lane; without declarations, order of first use.
fn final_lanes(
    declared: Option<Vec<FastLane<'_>>>,
    used: &[LaneKey<'_>],
) -> Option<(Vec<Lane>, Vec<usize>)> {
    let mut lanes: Vec<Lane> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let is_declared = declared.is_some();
    for lane in declared.into_iter().flatten() {
        let id = lane.id.into_owned();
        if index.contains_key(&id) {
            return None;
        }
        index.insert(id.clone(), lanes.len());
        lanes.push(Lane {
            title: lane.title.map_or_else(|| id.clone(), Cow::into_owned),
            color: color(lane.color.as_ref()).ok()?,
            id,
        });
    }
    let mut map = Vec::with_capacity(used.len());
    for key in used {
        let id = key.as_deref().unwrap_or_default();
        if let Some(&at) = index.get(id) {
            map.push(at);
        } else if is_declared && key.is_some() {
            return None;
        } else {
            let title = if key.is_none() && is_declared {
                "Other"
            } else {
                id
            };
            index.insert(id.to_owned(), lanes.len());
            map.push(lanes.len());
            lanes.push(Lane {
                id: id.to_owned(),
                title: title.to_owned(),
                color: None,
            });
        }
    }
    Some((lanes, map))
}

/// Event ids by hash, sorted: duplicates show up as neighbours, and a link
/// target is a binary search away (no map of ten million strings).
struct IdIndex(Vec<(u64, u32)>);

impl IdIndex {
    /// `None` when two events share an id.
    fn new(builder: &TimelineBuilder) -> Option<Self> {
        let mut by_hash: Vec<(u64, u32)> = (0..builder.len())
            .map(|i| (hash(builder.id(i)), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        by_hash.sort_unstable();
        for pair in by_hash.windows(2) {
            if pair[0].0 == pair[1].0 {
                // Same hash: compare this pair and every other with it.
                let same: Vec<&str> = by_hash
                    .iter()
                    .filter(|(h, _)| *h == pair[0].0)
                    .map(|&(_, i)| builder.id(i as usize))
                    .collect();
                let mut sorted = same.clone();
                sorted.sort_unstable();
                sorted.dedup();
                if sorted.len() != same.len() {
                    return None;
                }
            }
        }
        Some(Self(by_hash))
    }

    fn find(&self, builder: &TimelineBuilder, id: &str) -> Option<usize> {
        let h = hash(id);
        let first = self.0.partition_point(|(x, _)| *x < h);
        self.0[first..]
            .iter()
            .take_while(|(x, _)| *x == h)
            .map(|&(_, i)| i as usize)
            .find(|&i| builder.id(i) == id)
    }
}

/// FNV-1a over the bytes, then a final mix: fast on short ids, and any
/// collision is checked by comparing the strings.
fn hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}
