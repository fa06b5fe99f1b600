//! Which column is what: the start (and end) date, the title, the lane,
//! the description, links, tags and status, found by header name in several
//! languages and confirmed by content. Overrides from [`LoadOptions`] win.

use std::fmt::Write as _;

use super::dates::{self, DateOrder, NumberKind, OrderEvidence};
use super::{Cell, Table};
use crate::io::options::LoadOptions;
use crate::time::Precision;

/// Header names (normalised: lower case, letters and digits only) of each
/// role, best first.
const START: &[&str] = &[
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
    "inicio",
    "data",
    "datedebut",
    "debut",
    "when",
    "day",
    "occurredat",
    "occurred",
    "pointintime",
    "publicationdate",
    "published",
    "publishedat",
    "pubdate",
    "inception",
    "createdat",
    "created",
    "datetime",
    "timestamp",
    "time",
    "dtstart",
    "year",
    "jahr",
    "ano",
    "año",
    "annee",
    "année",
];
const END: &[&str] = &[
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
    "datefin",
    "stop",
    "dissolved",
    "abolished",
    "enddatetime",
    "dtend",
    "endtime",
    "endyear",
];
const CLOCK: &[&str] = &[
    "time",
    "uhrzeit",
    "zeit",
    "hora",
    "heure",
    "timeofday",
    "eventtime",
    "starttime",
    "clock",
];
const END_CLOCK: &[&str] = &["endtime", "endzeit", "horafin", "heurefin", "timeto"];
const TITLE: &[&str] = &[
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
    "título",
    "nombre",
    "evento",
    "what",
];
const DESCRIPTION: &[&str] = &[
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
    "descripción",
    "comment",
    "comments",
    "itemdescription",
    "summary",
    "abstract",
];
const LANE: &[&str] = &[
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
    "catégorie",
    "categoria",
    "categoría",
    "gruppe",
    "groupe",
    "grupo",
    "section",
    "team",
    "topic",
    "theme",
];
const URL: &[&str] = &[
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
const SOURCE: &[&str] = &[
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
const TAGS: &[&str] = &[
    "tags",
    "tag",
    "keywords",
    "categories",
    "schlagworte",
    "kategorien",
    "etiquetas",
];
const STATUS: &[&str] = &["status", "state", "estado"];
/// What happened, who did it, where: the parts a composed title is made of.
const COMPOSE: [&[&str]; 3] = [
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

/// How a column was found, which says how sure the guess is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Named in the [`LoadOptions`].
    Given,
    /// By its header name, confirmed by its content.
    Header,
    /// By its content alone: no header names it (a guess worth showing).
    Content,
}

/// Where the day/month order of a column's numeric dates came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderSource {
    /// The [`LoadOptions`] named it.
    Given,
    /// The column settled it: some day or month is over 12.
    Settled,
    /// Nothing settled it: the default was assumed (only a guess when the
    /// column has ambiguous numeric dates at all, see [`ColumnDates::numeric`]).
    Assumed,
}

/// How one column's dates are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnDates {
    /// Order of numeric day/month dates.
    pub order: DateOrder,
    /// Where that order came from.
    pub order_source: OrderSource,
    /// The column's numbers are dates of this kind.
    pub numbers: Option<NumberKind>,
    /// Every timestamp in the column is midnight: they are days.
    pub midnight_is_day: bool,
    /// The column has ambiguous numeric dates (so the order is worth saying).
    pub numeric: bool,
}

impl ColumnDates {
    /// True when the column's numeric dates fit both orders and nobody
    /// chose one: the order read is a guess.
    #[must_use]
    pub fn order_is_guess(&self) -> bool {
        self.numeric && self.order_source == OrderSource::Assumed
    }
}

/// How the title of each event is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Title {
    /// From one column.
    Column(usize),
    /// Joined from these columns (no title column); empty: "Row N".
    Composed(Vec<usize>),
}

/// The columns found, by index into the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The start date.
    pub start: usize,
    /// How the start column was found.
    pub start_found: Found,
    /// How the start column's dates are read.
    pub start_dates: ColumnDates,
    /// A separate time-of-day column.
    pub time: Option<usize>,
    /// The end date.
    pub end: Option<usize>,
    /// A separate time-of-day column for the end.
    pub end_time: Option<usize>,
    /// How the end column's dates are read.
    pub end_dates: Option<ColumnDates>,
    /// The title.
    pub title: Title,
    /// Longer text.
    pub description: Option<usize>,
    /// Values become lanes.
    pub lane: Option<usize>,
    /// A link per row.
    pub url: Option<usize>,
    /// Source names.
    pub source: Option<usize>,
    /// Tags.
    pub tags: Option<usize>,
    /// Status words.
    pub status: Option<usize>,
    /// What detection was unsure about.
    pub warnings: Vec<String>,
}

impl Mapping {
    /// Columns whose values the event holds elsewhere than in its fields.
    #[must_use]
    pub fn used_columns(&self) -> Vec<usize> {
        let mut used = vec![self.start];
        used.extend(
            [
                self.time,
                self.end,
                self.end_time,
                self.description,
                self.lane,
                self.url,
                self.source,
                self.tags,
                self.status,
            ]
            .into_iter()
            .flatten(),
        );
        if let Title::Column(col) = self.title {
            used.push(col);
        }
        used
    }

    /// `start: event_date, title: composed from sub_event_type, actor1,
    /// location; lane: event_type`.
    #[must_use]
    pub fn describe(&self, header: &[String]) -> String {
        let name = |col: usize| header.get(col).map_or("?", |h| h.trim());
        let mut start = format!("start: {}", name(self.start));
        if let Some(time) = self.time {
            let _ = write!(start, " + {}", name(time));
        }
        if let Some(kind) = self.start_dates.numbers {
            let _ = write!(start, " ({})", kind.name());
        } else if self.start_dates.numeric {
            start.push_str(match self.start_dates.order {
                DateOrder::Dmy => " (day/month)",
                DateOrder::Mdy => " (month/day)",
            });
        }
        let mut parts = vec![start];
        if let Some(end) = self.end {
            let mut part = format!("end: {}", name(end));
            if let Some(time) = self.end_time {
                let _ = write!(part, " + {}", name(time));
            }
            parts.push(part);
        }
        parts.push(match &self.title {
            Title::Column(col) => format!("title: {}", name(*col)),
            Title::Composed(cols) if cols.is_empty() => "title: row numbers".to_owned(),
            Title::Composed(cols) => format!(
                "title: composed from {}",
                cols.iter().map(|&c| name(c)).collect::<Vec<_>>().join(", ")
            ),
        });
        // Dates and title read as one phrase; the lane after a semicolon
        // (a composed title's own list has commas).
        let mut out = parts.join(", ");
        if let Some(lane) = self.lane {
            let _ = write!(out, "; lane: {}", name(lane));
        }
        out
    }
}

/// A header name reduced to lower-case letters and digits.
#[must_use]
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a column's values look like as dates.
#[derive(Clone, Debug, Default)]
struct DateStats {
    non_empty: usize,
    parsed: usize,
    numbers: Option<NumberKind>,
    evidence: OrderEvidence,
    /// Values with a time of day, and those at exactly midnight.
    timed: usize,
    midnight: usize,
}

impl DateStats {
    fn rate(&self) -> f64 {
        if self.non_empty == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)] // Row counts are far below 2^52.
        let rate = self.parsed as f64 / self.non_empty as f64;
        rate
    }
}

fn header_says_year(name: &str) -> bool {
    let n = normalise(name);
    n.contains("year") || ["jahr", "ano", "año", "annee", "année", "yr"].contains(&n.as_str())
}

fn as_number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(v) => Some(*v),
        Cell::Text(t) => {
            let t = t.trim();
            // "2025-11" parses as no number; "1e5" is not a date anyone writes.
            if t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'+')
                && t.bytes().any(|b| b.is_ascii_digit())
            {
                t.parse().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Examines the first `limit` rows of column `col` as dates.
fn date_stats(table: &Table, col: usize, limit: usize) -> DateStats {
    let mut stats = DateStats::default();
    let cells: Vec<&Cell> = table
        .rows
        .iter()
        .take(limit)
        .filter_map(|r| r.get(col))
        .filter(|c| !c.is_empty())
        .collect();
    stats.non_empty = cells.len();
    let numbers: Vec<f64> = cells.iter().filter_map(|c| as_number(c)).collect();
    // Mostly numbers: a column of years, timestamps or serial dates.
    if numbers.len() * 10 >= stats.non_empty * 9 {
        stats.numbers = dates::number_kind(&numbers, header_says_year(&table.header[col]));
        if stats.numbers.is_some() {
            stats.parsed = numbers.len();
        }
        return stats;
    }
    for cell in cells {
        let shape = match cell {
            Cell::Date(d) => Some(dates::Shape::Done(*d)),
            Cell::Text(t) => dates::shape(t),
            Cell::Number(v) => dates::shape(&Cell::Number(*v).text()),
            Cell::Empty => None,
        };
        let Some(shape) = shape else { continue };
        stats.parsed += 1;
        let dotted = matches!(cell, Cell::Text(t) if t.contains('.') && !t.contains(':'));
        stats.evidence.add(&shape, dotted);
        if let dates::Shape::Done(d) = shape
            && d.precision() > Precision::Day
        {
            stats.timed += 1;
            if d.clock() == (0, 0, 0, 0) {
                stats.midnight += 1;
            }
        }
    }
    stats
}

fn find_named(table: &Table, names: &[&str], skip: &[usize]) -> Vec<usize> {
    let normalised: Vec<String> = table.header.iter().map(|h| normalise(h)).collect();
    names
        .iter()
        .filter_map(|name| {
            normalised
                .iter()
                .enumerate()
                .position(|(i, h)| h == name && !skip.contains(&i))
        })
        .collect()
}

/// The column a user named: by exact header, then ignoring case and
/// punctuation.
fn named_column(table: &Table, wanted: &str, what: &str) -> Result<usize, String> {
    let exact = table.header.iter().position(|h| h.trim() == wanted.trim());
    exact
        .or_else(|| {
            let w = normalise(wanted);
            table.header.iter().position(|h| normalise(h) == w)
        })
        .ok_or_else(|| {
            format!(
                "there is no column `{wanted}` for the {what}; the columns are: {}",
                list(&table.header)
            )
        })
}

fn list(header: &[String]) -> String {
    header
        .iter()
        .map(|h| format!("`{}`", h.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

const SAMPLE: usize = 2000;

/// Finds every role's column.
///
/// # Errors
/// When no column holds dates, or a column named in `options` does not exist.
pub fn detect(table: &Table, options: &LoadOptions) -> Result<Mapping, String> {
    let mut warnings = Vec::new();
    let (start, start_found) = match &options.start_column {
        Some(name) => (named_column(table, name, "start date")?, Found::Given),
        None => find_date_column(table, START, &[]).ok_or_else(|| {
            format!(
                "no column holds dates: looked for a header such as `date`, `start` or `datum` and for a column of dates; the columns are: {}; name it with --start-column",
                list(&table.header)
            )
        })?,
    };
    let start_dates = column_dates(table, start, options, &mut warnings);
    let mut used = vec![start];
    let end = match &options.end_column {
        Some(name) => Some(named_column(table, name, "end date")?),
        None if options.moments_only => None,
        None => find_date_column(table, END, &used).map(|(col, _)| col),
    };
    let end_dates = end.map(|col| column_dates(table, col, options, &mut warnings));
    used.extend(end);
    let start_stats = date_stats(table, start, SAMPLE);
    let time = if start_stats.timed == 0 && start_dates.numbers.is_none() {
        find_named(table, CLOCK, &used)
            .into_iter()
            .find(|&col| clock_rate(table, col) >= 0.8)
    } else {
        None
    };
    used.extend(time);
    let end_time = match (time, end) {
        (Some(_), Some(_)) => find_named(table, END_CLOCK, &used)
            .into_iter()
            .find(|&col| clock_rate(table, col) >= 0.8),
        _ => None,
    };
    used.extend(end_time);
    let lane = match &options.lane_column {
        Some(name) => Some(named_column(table, name, "lane")?),
        None if options.single_lane => None,
        None => find_named(table, LANE, &used)
            .into_iter()
            .find(|&col| lane_like(table, col)),
    };
    used.extend(lane);
    let title = match &options.title_column {
        Some(name) => Title::Column(named_column(table, name, "title")?),
        None if options.compose_title => Title::Composed(Vec::new()),
        None => find_named(table, TITLE, &used)
            .into_iter()
            .find(|&col| text_like(table, col))
            .map_or(Title::Composed(Vec::new()), Title::Column),
    };
    if let Title::Column(col) = title {
        used.push(col);
    }
    let pick = |names: &[&str], used: &mut Vec<usize>, test: &dyn Fn(usize) -> bool| {
        let found = find_named(table, names, used)
            .into_iter()
            .find(|&c| test(c));
        used.extend(found);
        found
    };
    let description = pick(DESCRIPTION, &mut used, &|c| text_like(table, c));
    let url = pick(URL, &mut used, &|c| link_like(table, c));
    let source = pick(SOURCE, &mut used, &|c| text_like(table, c));
    let tags = pick(TAGS, &mut used, &|_| true);
    let status = pick(STATUS, &mut used, &|c| lane_like(table, c));
    let title = match title {
        Title::Composed(_) => {
            let dates: Vec<usize> = [Some(start), end, time, end_time]
                .into_iter()
                .flatten()
                .collect();
            Title::Composed(compose(table, &used, &dates))
        }
        column @ Title::Column(_) => column,
    };
    Ok(Mapping {
        start,
        start_found,
        start_dates,
        time,
        end,
        end_time,
        end_dates,
        title,
        description,
        lane,
        url,
        source,
        tags,
        status,
        warnings,
    })
}

/// True when most of the first rows of column `col` are dates.
pub(super) fn looks_like_dates(table: &Table, col: usize) -> bool {
    let stats = date_stats(table, col, SAMPLE);
    stats.parsed > 0 && stats.rate() >= 0.5
}

/// The first column named like a date role whose content is mostly dates;
/// for the start, else the leftmost column of text dates. Says whether a
/// header or only the content pointed at it.
fn find_date_column(table: &Table, names: &[&str], skip: &[usize]) -> Option<(usize, Found)> {
    let qualifies = |col: usize| looks_like_dates(table, col);
    if let Some(col) = find_named(table, names, skip)
        .into_iter()
        .find(|&c| qualifies(c))
    {
        return Some((col, Found::Header));
    }
    // Headers such as "Date of event" or "Publication date".
    let stems: &[&str] = if names == START {
        &["date", "datum", "fecha", "start", "begin"]
    } else {
        &["end", "until", "finish"]
    };
    let stemmed = (0..table.header.len()).find(|&col| {
        let n = normalise(&table.header[col]);
        !skip.contains(&col)
            && stems.iter().any(|s| n.contains(s))
            && (names != START
                || !["end", "until", "update", "modif"]
                    .iter()
                    .any(|s| n.contains(s)))
            && qualifies(col)
    });
    if stemmed.is_some() || names != START {
        return stemmed.map(|col| (col, Found::Header));
    }
    // No header says so: the leftmost column of written dates (not numbers,
    // which are as likely counts).
    let by_content = (0..table.header.len()).find(|&col| {
        let stats = date_stats(table, col, SAMPLE);
        !skip.contains(&col) && stats.numbers.is_none() && stats.parsed > 0 && stats.rate() >= 0.9
    });
    // Else the column whose header says it holds the start, although few
    // of its values are dates: reading it then names it and its values.
    by_content.map(|col| (col, Found::Content)).or_else(|| {
        find_named(table, names, skip)
            .first()
            .map(|&col| (col, Found::Header))
    })
}

/// Reads the whole column to decide its order and kind.
pub(super) fn column_dates(
    table: &Table,
    col: usize,
    options: &LoadOptions,
    warnings: &mut Vec<String>,
) -> ColumnDates {
    let stats = date_stats(table, col, usize::MAX);
    let name = table.header[col].trim();
    let evidence = stats.evidence;
    let (order, order_source) = match (options.date_order, evidence.settled()) {
        (Some(order), _) => (order, OrderSource::Given),
        (None, Some(order)) => (order, OrderSource::Settled),
        (None, None) if evidence.numeric => {
            let order = evidence.default_order();
            let (read, other) = match order {
                DateOrder::Dmy => ("day first", DateOrder::Mdy),
                DateOrder::Mdy => ("month first", DateOrder::Dmy),
            };
            let why = if evidence.day_first && evidence.month_first {
                "mixes day-first and month-first dates"
            } else {
                "has no day over 12, so its dates could be day/month or month/day"
            };
            warnings.push(format!(
                "the column `{name}` {why}; they are read {read} (use --date-order {} otherwise)",
                other.name()
            ));
            (order, OrderSource::Assumed)
        }
        (None, None) => (DateOrder::Dmy, OrderSource::Assumed),
    };
    ColumnDates {
        order,
        order_source,
        numbers: stats.numbers,
        midnight_is_day: stats.timed > 0 && stats.midnight == stats.timed,
        numeric: evidence.numeric,
    }
}

fn non_empty(table: &Table, col: usize) -> impl Iterator<Item = &Cell> {
    table
        .rows
        .iter()
        .take(SAMPLE)
        .filter_map(move |r| r.get(col))
        .filter(|c| !c.is_empty())
}

fn clock_rate(table: &Table, col: usize) -> f64 {
    let (mut all, mut clocks) = (0_u32, 0_u32);
    for cell in non_empty(table, col) {
        all += 1;
        clocks += u32::from(dates::parse_clock(&cell.text()).is_some());
    }
    if all == 0 {
        0.0
    } else {
        f64::from(clocks) / f64::from(all)
    }
}

/// Mostly text, not numbers.
fn text_like(table: &Table, col: usize) -> bool {
    let (mut all, mut numbers) = (0_usize, 0_usize);
    for cell in non_empty(table, col) {
        all += 1;
        numbers += usize::from(as_number(cell).is_some());
    }
    all > 0 && numbers * 2 < all
}

/// Few distinct values: a column that groups rows.
fn lane_like(table: &Table, col: usize) -> bool {
    let mut distinct = std::collections::HashSet::new();
    let mut all = 0;
    for cell in non_empty(table, col) {
        all += 1;
        distinct.insert(cell.text());
    }
    all > 0 && distinct.len() <= 60 && (distinct.len() <= 12 || distinct.len() * 2 <= all)
}

fn link_like(table: &Table, col: usize) -> bool {
    let (mut all, mut links) = (0_usize, 0_usize);
    for cell in non_empty(table, col) {
        all += 1;
        let t = cell.text();
        links += usize::from(t.starts_with("http://") || t.starts_with("https://"));
    }
    all > 0 && links * 2 > all
}

/// The columns a title is composed from when none is named one: what
/// happened, who, where; else the first short text columns.
fn compose(table: &Table, used: &[usize], dates: &[usize]) -> Vec<usize> {
    let mut parts: Vec<usize> = COMPOSE
        .iter()
        .filter_map(|names| {
            find_named(table, names, used)
                .into_iter()
                .find(|&c| text_like(table, c))
        })
        .collect();
    parts.dedup();
    if !parts.is_empty() {
        return parts;
    }
    let short = |c: usize| {
        let (mut n, mut len) = (0_usize, 0_usize);
        for cell in non_empty(table, c) {
            n += 1;
            len += cell.text().chars().count();
        }
        n > 0 && len / n <= 80
    };
    let free: Vec<usize> = (0..table.header.len())
        .filter(|c| !used.contains(c) && text_like(table, *c) && !link_like(table, *c) && short(*c))
        .take(2)
        .collect();
    if !free.is_empty() {
        return free;
    }
    // Only the lane and numbers are left ("date, amount, category"): say
    // those, text first, rather than nothing.
    let (text, other): (Vec<usize>, Vec<usize>) = (0..table.header.len())
        .filter(|c| !dates.contains(c) && short(*c))
        .partition(|c| text_like(table, *c));
    text.into_iter().chain(other).take(2).collect()
}
