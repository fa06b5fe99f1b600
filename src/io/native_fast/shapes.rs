//! The typed shapes of a native file for the fast path: lanes, eras, the
//! view and events as `serde` reads them, each refusing unknown keys, with
//! every string borrowed from the text when it has no escapes.
//!
//! It knows only the file's syntax: whether a date is real, a lane is
//! declared or an id is unique is for the caller to check.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FastLane<'a> {
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) color: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FastEra<'a> {
    #[serde(borrow, default)]
    pub(super) title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) start: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) end: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) color: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FastView<'a> {
    #[serde(borrow)]
    pub(super) start: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) end: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FastEvent<'a> {
    #[serde(borrow, default)]
    pub(super) id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) title: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) start: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) end: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) lane: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) description: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) tags: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default)]
    pub(super) status: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) sources: Option<Vec<FastSource<'a>>>,
    #[serde(default)]
    pub(super) approximate: Option<bool>,
    #[serde(borrow, default)]
    pub(super) display_date: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) links: Option<Vec<FastLink<'a>>>,
    #[serde(borrow, default)]
    pub(super) fields: Option<FastFields<'a>>,
}

/// `"fields": { "name": "text", … }` in file order (a number sends the
/// file to the positioned reader, which takes numbers too).
pub(super) struct FastFields<'a>(pub(super) Vec<(Cow<'a, str>, Cow<'a, str>)>);

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
pub(super) struct SourceObject<'a> {
    #[serde(borrow, default)]
    pub(super) name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub(super) date: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkObject<'a> {
    #[serde(borrow)]
    pub(super) to: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) label: Option<Cow<'a, str>>,
}

/// A source: a bare name or an object.
pub(super) struct FastSource<'a>(pub(super) SourceObject<'a>);
/// A link: a bare id or an object.
pub(super) struct FastLink<'a>(pub(super) LinkObject<'a>);

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
pub(super) struct Key<'a>(pub(super) Cow<'a, str>);

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
