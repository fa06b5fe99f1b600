//! The header names each role of a table column goes by, in English,
//! German, French and Spanish (and the names data portals and APIs use),
//! and the status words of those languages.
//!
//! Names are written as [`super::mapping::normalise`] leaves a header:
//! lower case, letters and digits only, accents dropped, so `Date de
//! début`, `date_de_debut` and `DATE DE DÉBUT` are all `datededebut`. Each
//! list is best first: the first name that a header has and whose column
//! holds the right content wins.

use crate::model::Status;

/// The start date (or the only date).
pub(super) const START: &[&str] = &[
    "start",
    "startdate",
    "startdatum",
    "startedat",
    "begin",
    "beginn",
    "anfang",
    "begindate",
    "beginning",
    "from",
    "datefrom",
    "fromdate",
    "eventdate",
    "date",
    "datum",
    "fecha",
    "fechainicio",
    "fechadeinicio",
    "fechainicial",
    "inicio",
    "desde",
    "data",
    "datedebut",
    "datededebut",
    "debut",
    "anfangsdatum",
    "beginndatum",
    "von",
    "when",
    "day",
    "occurredat",
    "occurred",
    "pointintime",
    "publicationdate",
    "published",
    "publishedat",
    "publishedutc",
    "pubdate",
    "inception",
    "createdat",
    "createdutc",
    "created",
    "creationdate",
    "datetime",
    "timestamp",
    "time",
    "dtstart",
    "year",
    "jahr",
    "ano",
    "annee",
];

/// The end date.
pub(super) const END: &[&str] = &[
    "end",
    "enddate",
    "enddatum",
    "ende",
    "endedat",
    "finish",
    "until",
    "to",
    "dateto",
    "todate",
    "bis",
    "fin",
    "fechafin",
    "fechadefin",
    "fechafinal",
    "hasta",
    "datefin",
    "datedefin",
    "stop",
    "dissolved",
    "abolished",
    "enddatetime",
    "dtend",
    "endtime",
    "endyear",
];

/// A separate time of day of the start.
pub(super) const CLOCK: &[&str] = &[
    "time",
    "uhrzeit",
    "zeit",
    "hora",
    "heure",
    "timeofday",
    "eventtime",
    "starttime",
    "clock",
    "horainicio",
    "heuredebut",
    "startzeit",
];

/// A separate time of day of the end.
pub(super) const END_CLOCK: &[&str] = &["endtime", "endzeit", "horafin", "heurefin", "timeto"];

/// The title.
pub(super) const TITLE: &[&str] = &[
    "title",
    "headline",
    "event",
    "eventname",
    "name",
    "label",
    "itemlabel",
    "summary",
    "subject",
    "caption",
    "heading",
    "ereignis",
    "titel",
    "titre",
    "titulo",
    "nombre",
    "evento",
    "evenement",
    "what",
];

/// Longer text.
pub(super) const DESCRIPTION: &[&str] = &[
    "description",
    "desc",
    "notes",
    "note",
    "text",
    "details",
    "detail",
    "body",
    "content",
    "beschreibung",
    "notizen",
    "descripcion",
    "comment",
    "comments",
    "itemdescription",
    "summary",
    "abstract",
];

/// Values that group rows into lanes.
pub(super) const LANE: &[&str] = &[
    "lane",
    "group",
    "category",
    "desk",
    "track",
    "swimlane",
    "eventtype",
    "type",
    "kind",
    "kategorie",
    "categorie",
    "categoria",
    "gruppe",
    "groupe",
    "grupo",
    "section",
    "team",
    "topic",
    "theme",
];

/// A link per row.
pub(super) const URL: &[&str] = &[
    "url",
    "link",
    "href",
    "sourceurl",
    "uri",
    "website",
    "web",
    "article",
    "item",
];

/// Source names.
pub(super) const SOURCE: &[&str] = &[
    "source",
    "sources",
    "quelle",
    "quellen",
    "fuente",
    "fuentes",
    "publisher",
    "outlet",
    "reference",
];

/// Tags.
pub(super) const TAGS: &[&str] = &[
    "tags",
    "tag",
    "keywords",
    "categories",
    "schlagworte",
    "schlagworter",
    "kategorien",
    "etiquetas",
];

/// Status words.
pub(super) const STATUS: &[&str] = &["status", "state", "estado", "statut", "etat", "zustand"];

/// What happened, who did it, where: the parts a composed title is made of.
pub(super) const COMPOSE: [&[&str]; 3] = [
    &[
        "subeventtype",
        "subtype",
        "eventtype",
        "type",
        "category",
        "kind",
        "action",
        "incidenttype",
        "incident",
    ],
    &[
        "actor1",
        "actor",
        "actors",
        "person",
        "who",
        "party",
        "organization",
        "organisation",
        "agent",
        "perpetrator",
    ],
    &[
        "location", "place", "city", "town", "site", "admin1", "region", "country", "ort", "lugar",
        "lieu",
    ],
];

/// Headers that say a column of whole numbers holds years.
pub(super) const YEAR: &[&str] = &["jahr", "ano", "annee", "yr"];

/// Status words in German, French and Spanish (normalised), beside the
/// English ones [`Status::parse`] reads: a newsroom's sheet says
/// `bestätigt`, not `confirmed`.
const STATUS_WORDS: &[(&str, Status)] = &[
    ("bestatigt", Status::Confirmed),
    ("confirme", Status::Confirmed),
    ("confirmee", Status::Confirmed),
    ("confirmado", Status::Confirmed),
    ("confirmada", Status::Confirmed),
    ("gemeldet", Status::Reported),
    ("berichtet", Status::Reported),
    ("signale", Status::Reported),
    ("signalee", Status::Reported),
    ("rapporte", Status::Reported),
    ("reportado", Status::Reported),
    ("reportada", Status::Reported),
    ("informado", Status::Reported),
    ("behauptet", Status::Claimed),
    ("revendique", Status::Claimed),
    ("revendiquee", Status::Claimed),
    ("reivindicado", Status::Claimed),
    ("reivindicada", Status::Claimed),
    ("gerucht", Status::Rumoured),
    ("rumeur", Status::Rumoured),
    ("rumor", Status::Rumoured),
    ("dementiert", Status::Denied),
    ("bestritten", Status::Denied),
    ("dementi", Status::Denied),
    ("desmentido", Status::Denied),
    ("desmentida", Status::Denied),
    ("negado", Status::Denied),
    ("umstritten", Status::Disputed),
    ("conteste", Status::Disputed),
    ("contestee", Status::Disputed),
    ("disputado", Status::Disputed),
    ("disputada", Status::Disputed),
    ("controvertido", Status::Disputed),
];

/// The status a table's cell names, in English (as the native format
/// spells it) or in German, French or Spanish.
#[must_use]
pub fn status(text: &str) -> Option<Status> {
    Status::parse(text).or_else(|| {
        let word = super::mapping::normalise(text);
        STATUS_WORDS
            .iter()
            .find(|(name, _)| *name == word)
            .map(|(_, status)| *status)
    })
}
