//! The fast path for well-formed native files: one typed `serde_json` pass
//! that streams each event straight into the [`TimelineBuilder`], borrowing
//! every string that has no escapes.
//!
//! It accepts only what the positioned reader ([`super::native`]) would
//! accept without a single warning, and it gives up (returns `None`) at the
//! first thing it does not take: unknown or repeated keys, numbers where it
//! expects strings, impossible dates, unknown lanes, duplicate ids, links
//! to nowhere. The positioned reader then reads the file again and reports
//! every problem with its line and column, so diagnostics are exactly as
//! good as before, and a well-formed file is read once, quickly. Both build
//! identical timelines (a property test checks it).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::links::web_url;
use crate::model::{
    EdtfDates, Era, EventRecord, Lane, ModelError, Rgb, Status, Timeline, TimelineBuilder,
};
use crate::time::{Bound, Date, Edtf};

/// The timeline in `text` if it is a well-formed native file without a
/// single warning; `None` sends the caller to the positioned reader.
#[must_use]
pub fn read(text: &str, default_title: &str) -> Option<Timeline> {
    read_with_progress(text, default_title, &mut |_| true)
}

/// As [`read`], calling `progress` with the bytes read so far about every
/// 64 KB; reading stops (`None`) when it returns false.
pub fn read_with_progress(
    text: &str,
    default_title: &str,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Timeline> {
    parse(text, default_title, progress)?.build().ok()
}

/// Everything of a well-formed native file, owned: the text it came from
/// can be dropped before [`Parsed::build`] sorts the columns (a 1 GB file's
/// bytes need not stay in memory while its ten million events are indexed).
pub struct Parsed {
    builder: TimelineBuilder,
    title: String,
    description: String,
    lanes: Vec<Lane>,
    eras: Vec<Era>,
    view: Option<(Date, Date)>,
}

impl Parsed {
    /// Sorts and indexes the events into the timeline.
    ///
    /// # Errors
    /// When the file holds more than the store can address.
    pub fn build(self) -> Result<Timeline, ModelError> {
        let mut timeline = self.builder.build(self.title, self.lanes, self.eras)?;
        timeline.description = self.description;
        timeline.initial_view = self.view;
        Ok(timeline)
    }
}

/// The first half of [`read_with_progress`]: reads `text` into a
/// [`Parsed`] that no longer borrows it.
pub fn parse(
    text: &str,
    default_title: &str,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Parsed> {
    let mut state = State {
        text_start: text.as_ptr() as usize,
        text_len: text.len(),
        progress,
        next_report: 0,
        // Columns reserved up front (an event takes at least this many
        // bytes of JSON) are not copied as they grow; pages reserved but
        // never touched cost no memory.
        builder: TimelineBuilder::with_capacity(text.len() / 128),
        lane_ids: HashMap::new(),
        lane_order: Vec::new(),
        default_lane: None,
        links: Vec::new(),
        root: Root::default(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    RootSeed(&mut state).deserialize(&mut de).ok()?;
    de.end().ok()?;
    state.finish(default_title)
}

#[derive(Default)]
struct Root<'a> {
    title: Option<Cow<'a, str>>,
    description: Option<Cow<'a, str>>,
    lanes: Option<Vec<FastLane<'a>>>,
    eras: Option<Vec<FastEra<'a>>>,
    view: Option<FastView<'a>>,
    has_events: bool,
}

/// A lane id as the events name it; `None` for an event without `lane`.
type LaneKey<'a> = Option<Cow<'a, str>>;

struct State<'a, 'p> {
    text_start: usize,
    text_len: usize,
    progress: &'p mut dyn FnMut(usize) -> bool,
    next_report: usize,
    builder: TimelineBuilder,
    /// Lanes in order of first use by an event (final order is known only
    /// at the end: `lanes` may come after `events`).
    lane_ids: HashMap<LaneKey<'a>, usize>,
    lane_order: Vec<LaneKey<'a>>,
    default_lane: Option<usize>,
    /// (from, to id, label), resolved once every id is known.
    links: Vec<(usize, Cow<'a, str>, Option<Cow<'a, str>>)>,
    root: Root<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastLane<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    color: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastEra<'a> {
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    start: Cow<'a, str>,
    #[serde(borrow)]
    end: Cow<'a, str>,
    #[serde(borrow, default)]
    color: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastView<'a> {
    #[serde(borrow)]
    start: Cow<'a, str>,
    #[serde(borrow)]
    end: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastEvent<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    start: Cow<'a, str>,
    #[serde(borrow, default)]
    end: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    lane: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    description: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tags: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default)]
    status: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    sources: Option<Vec<FastSource<'a>>>,
    #[serde(default)]
    approximate: Option<bool>,
    #[serde(borrow, default)]
    display_date: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    links: Option<Vec<FastLink<'a>>>,
    #[serde(borrow, default)]
    fields: Option<FastFields<'a>>,
}

/// `"fields": { "name": "text", … }` in file order (a number sends the
/// file to the positioned reader, which takes numbers too).
struct FastFields<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl<'de: 'a, 'a> Deserialize<'de> for FastFields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Fields<'a> {
            type Value = FastFields<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of names and texts")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    let value: Cow<'de, str> = map.next_value()?;
                    fields.push((key, value));
                }
                Ok(FastFields(fields))
            }
        }
        deserializer.deserialize_map(Fields(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceObject<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkObject<'a> {
    #[serde(borrow)]
    to: Cow<'a, str>,
    #[serde(borrow, default)]
    label: Option<Cow<'a, str>>,
}

/// A source: a bare name or an object.
struct FastSource<'a>(SourceObject<'a>);
/// A link: a bare id or an object.
struct FastLink<'a>(LinkObject<'a>);

/// Deserialises "a string or an object" without serde's buffering untagged
/// enums.
macro_rules! string_or_object {
    ($outer:ident, $object:ident, $what:literal, $from_string:expr) => {
        impl<'de: 'a, 'a> Deserialize<'de> for $outer<'a> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V<'a>(std::marker::PhantomData<&'a ()>);
                impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
                    type Value = $outer<'a>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_borrowed_str<E: de::Error>(
                        self,
                        v: &'de str,
                    ) -> Result<Self::Value, E> {
                        Ok($outer($from_string(Cow::Borrowed(v))))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                        Ok($outer($from_string(Cow::Owned(v.to_owned()))))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                        $object::deserialize(de::value::MapAccessDeserializer::new(map)).map($outer)
                    }
                }
                deserializer.deserialize_any(V(std::marker::PhantomData))
            }
        }
    };
}

string_or_object!(FastSource, SourceObject, "a source", |name| SourceObject {
    name: Some(name),
    url: None,
    date: None,
});
string_or_object!(FastLink, LinkObject, "a link", |to| LinkObject {
    to,
    label: None
});

/// A map key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V(std::marker::PhantomData))
    }
}

/// Any error: the caller falls back to the positioned reader, which says
/// what and where.
fn give_up<E: de::Error>() -> E {
    E::custom("not on the fast path")
}

struct RootSeed<'s, 'a, 'p>(&'s mut State<'a, 'p>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for RootSeed<'_, 'a, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for RootSeed<'_, 'a, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timeline object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if seen.contains(&key) {
                return Err(give_up());
            }
            match key.as_ref() {
                "$schema" | "version" => {
                    map.next_value::<IgnoredAny>()?;
                }
                "title" => self.0.root.title = map.next_value()?,
                "description" => self.0.root.description = map.next_value()?,
                "lanes" => self.0.root.lanes = map.next_value()?,
                "eras" => self.0.root.eras = map.next_value()?,
                "view" => self.0.root.view = map.next_value()?,
                "events" => {
                    let has_events = map.next_value_seed(EventsSeed(&mut *self.0))?;
                    self.0.root.has_events = has_events;
                }
                _ => return Err(give_up()),
            }
            seen.push(key);
        }
        Ok(())
    }
}

/// The `events` array (or `null`, which the positioned reader reports).
struct EventsSeed<'s, 'a, 'p>(&'s mut State<'a, 'p>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for EventsSeed<'_, 'a, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for EventsSeed<'_, 'a, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of events")
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while let Some(event) = seq.next_element::<FastEvent<'de>>()? {
            // The title borrows from the text: its address says how far
            // the reader has come.
            let at = (event.title.as_ptr() as usize).saturating_sub(self.0.text_start);
            if at >= self.0.next_report && at <= self.0.text_len {
                self.0.next_report = at + (1 << 16);
                if !(self.0.progress)(at) {
                    return Err(give_up());
                }
            }
            self.0.event(event).ok_or_else(give_up)?;
        }
        Ok(true)
    }
}

fn date(text: &str) -> Option<Date> {
    Date::parse(text).ok()
}

impl<'a> State<'a, '_> {
    fn event(&mut self, e: FastEvent<'a>) -> Option<()> {
        let index = self.builder.len();
        // Anything wrong with a date is the positioned reader's to report.
        let field = Edtf::parse(&e.start).ok()?;
        let end = match &e.end {
            Some(text) => Some(Bound::parse(text).ok()?),
            None => None,
        };
        if end.is_some() && field.end().is_some() {
            return None;
        }
        if end
            .as_ref()
            .is_some_and(|end| end.latest() <= field.start().earliest())
        {
            return None;
        }
        let (start_bound, end_bound) = (field.start().clone(), field.end().cloned());
        let end = end_bound.or(end);
        let (start, end_date) = (start_bound.stand_in(), end.as_ref().map(Bound::stand_in));
        let edtf = EdtfDates::of(field, end);
        let end = end_date;
        let status = match &e.status {
            Some(word) => Some(Status::parse(word)?),
            None => None,
        };
        let lane = self.lane(&e.lane);
        let generated;
        let id = if let Some(id) = &e.id {
            id.as_ref()
        } else {
            generated = format!("event-{}", index + 1);
            &generated
        };
        self.builder.push_record(&EventRecord {
            id,
            title: &e.title,
            description: e.description.as_deref().unwrap_or_default(),
            start,
            end,
            lane,
            status,
            approximate: e.approximate.unwrap_or(false),
            display_date: e.display_date.as_deref(),
            edtf: edtf.as_ref(),
        });
        for tag in e.tags.iter().flatten() {
            self.builder.add_tag(tag);
        }
        for FastSource(source) in e.sources.into_iter().flatten() {
            let date = match &source.date {
                Some(text) => Some(date(text)?),
                None => None,
            };
            // A URL that is not a web link gets a warning: the positioned
            // reader's job.
            if source
                .url
                .as_deref()
                .is_some_and(|url| web_url(url).is_none())
            {
                return None;
            }
            let name = match (&source.name, &source.url) {
                (Some(name), _) => name.as_ref(),
                (None, Some(url)) => url.as_ref(),
                (None, None) => return None,
            };
            self.builder.add_source(name, source.url.as_deref(), date);
        }
        for (key, value) in e.fields.iter().flat_map(|f| f.0.iter()) {
            self.builder.add_field(key, value);
        }
        for FastLink(link) in e.links.into_iter().flatten() {
            self.links.push((index, link.to, link.label));
        }
        Some(())
    }

    fn lane(&mut self, key: &LaneKey<'a>) -> usize {
        if key.is_none()
            && let Some(lane) = self.default_lane
        {
            return lane;
        }
        let lane = if let Some(&lane) = self.lane_ids.get(key) {
            lane
        } else {
            let lane = self.lane_order.len();
            self.lane_ids.insert(key.clone(), lane);
            self.lane_order.push(key.clone());
            lane
        };
        if key.is_none() {
            self.default_lane = Some(lane);
        }
        lane
    }

    fn finish(self, default_title: &str) -> Option<Parsed> {
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
