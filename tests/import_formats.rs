//! Opening the timeline files people already have: `TimelineJS` JSON and
//! spreadsheet CSV, Timeline (thetimelineproj) XML and old text files, and
//! vis-timeline data. The fixtures are modelled on what each tool writes;
//! every malformed one fails at its expected line and column.

use chronoscope::io::{self, Diagnostic, Format, Loaded, Severity};
use chronoscope::model::{Event, Rgb, Timeline};
use chronoscope::time::Precision;
use common::{chronoscope, expectations, fixture, fixture_files as files};

mod common;

const IMPORT_DIRS: [(&str, &[Format]); 4] = [
    ("timelinejs", &[Format::TimelineJs]),
    ("timelinejs_csv", &[Format::TimelineJsCsv]),
    (
        "thetimelineproj",
        &[Format::TimelineXml, Format::TimelineText],
    ),
    ("vis", &[Format::VisTimeline]),
];

fn load(path: &str) -> Loaded {
    io::load_path(&fixture(path)).unwrap_or_else(|d| panic!("{path}: {}", lines(&d)))
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// An owned copy of the event with this title.
fn event(timeline: &Timeline, title: &str) -> Event {
    timeline.events().find(|e| e.title() == title).map_or_else(
        || {
            let titles: Vec<&str> = timeline.events().map(|e| e.title()).collect();
            panic!("no event {title:?} among {titles:?}")
        },
        |e| e.to_event(),
    )
}

fn lane<'t>(timeline: &'t Timeline, event: &Event) -> &'t str {
    timeline
        .lanes()
        .get(event.lane)
        .map_or("?", |l| l.title.as_str())
}

fn iso(date: Option<&chronoscope::time::Date>) -> Option<String> {
    date.map(chronoscope::time::Date::to_iso)
}

#[test]
fn every_valid_fixture_loads_in_its_format_without_warnings() {
    for (dir, formats) in IMPORT_DIRS {
        for path in files(dir) {
            let loaded = io::load_path(&path)
                .unwrap_or_else(|d| panic!("{}: {}", path.display(), lines(&d)));
            assert!(
                formats.contains(&loaded.format),
                "{}: read as {:?}",
                path.display(),
                loaded.format
            );
            assert!(
                loaded.warnings.is_empty(),
                "{}:\n{}",
                path.display(),
                lines(&loaded.warnings)
            );
            assert!(!loaded.timeline.is_empty(), "{}", path.display());
        }
    }
}

#[test]
fn timelinejs_json_eras_html_and_media() {
    let loaded = load("timelinejs/seventh_century.json");
    assert_eq!(loaded.format, Format::TimelineJs);
    let t = &loaded.timeline;
    assert_eq!(t.title, "The Seventh Century");
    assert_eq!(
        t.description,
        "Events of the 7th century, from Wikipedia’s timeline of the Middle Ages."
    );
    assert_eq!(t.events().len(), 8);
    assert_eq!(t.lanes().len(), 1);
    let eras: Vec<(&str, String, String)> = t
        .eras()
        .iter()
        .map(|e| (e.title.as_str(), e.start.to_iso(), e.end.to_iso()))
        .collect();
    assert_eq!(
        eras,
        [
            ("First half", "0600".to_owned(), "0649".to_owned()),
            ("Second half", "0650".to_owned(), "0699".to_owned()),
            (
                "Tang Dynasty in China",
                "0618-06-18".to_owned(),
                "0907-06-01".to_owned()
            ),
        ]
    );
    assert_eq!(t.eras()[2].end.precision(), Precision::Day);

    let war = event(t, "Last great Roman–Persian War");
    assert_eq!(
        (war.start.to_iso(), iso(war.end.as_ref())),
        ("0602".to_owned(), Some("0628".to_owned()))
    );
    assert_eq!(war.start.precision(), Precision::Year);
    assert_eq!(
        war.description,
        "A long conflict leaves both empires exhausted.\n\nNeither can cope with the newly united Arab armies of the 630s."
    );
    assert_eq!(war.sources.len(), 1);
    assert_eq!(war.sources[0].name, "Wikipedia");
    assert_eq!(war.id, "event-1");

    let hijrah = event(t, "The Hijrah");
    assert_eq!(
        (hijrah.start.to_iso(), iso(hijrah.end.as_ref())),
        ("0622-07-16".to_owned(), Some("0622-09-24".to_owned()))
    );
    assert_eq!(hijrah.start.precision(), Precision::Day);

    // `<em>` dropped from the headline, `&amp;` decoded, the credit's link kept.
    let siege = event(t, "Siege of Constantinople");
    assert_eq!(
        siege.description,
        "Avar power is broken & the Persians are henceforth on the defensive."
    );
    let urls: Vec<Option<&str>> = siege.sources.iter().map(|s| s.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            Some("https://en.wikipedia.org/wiki/Siege_of_Constantinople_(626)"),
            Some("https://commons.wikimedia.org/wiki/File:Moldovita_murals_2010_16.jpg"),
        ]
    );
    assert_eq!(
        event(t, "First Arab siege of Constantinople").description,
        "Greek fire is used for the first time.\nThe siege fails."
    );
    assert!(event(t, "Death of Muhammad").sources.is_empty());
}

#[test]
fn timelinejs_json_cosmological_scale() {
    let t = load("timelinejs/cosmological.json").timeline;
    assert_eq!(t.title, "A Brief History of Everything");
    assert_eq!(t.events().len(), 5);
    let big_bang = event(&t, "The Big Bang");
    assert_eq!(big_bang.start.year_number(), -13_798_000_000);
    assert_eq!(big_bang.start.precision(), Precision::Year);
    assert_eq!(
        big_bang.id, "event-1",
        "an empty unique_id gets a generated id"
    );
    assert_eq!(big_bang.sources[0].name, "NASA / WMAP Science Team");
    let reionization = event(&t, "Reionization");
    assert_eq!(
        reionization.end.map(|d| d.year_number()),
        Some(-12_798_000_000)
    );
    let solar = event(&t, "Formation of the Solar System");
    assert_eq!(
        (solar.id.as_str(), solar.start.year_number()),
        ("solar-system", -4_568_000_000)
    );
    let life = event(&t, "First life");
    assert_eq!(
        life.display_date.as_deref(),
        Some("c. 3.8 billion years ago")
    );
    assert_eq!(life.date_text(), "c. 3.8 billion years ago");
}

#[test]
fn timelinejs_json_bce_months_groups_and_html() {
    let t = load("timelinejs/rome_groups.json").timeline;
    assert_eq!(t.title, "Rome & Carthage");
    assert_eq!(
        t.description, "Wars, reforms and assassinations.",
        "the <script> and its content are dropped"
    );
    let lanes: Vec<(&str, &str)> = t
        .lanes()
        .iter()
        .map(|l| (l.id.as_str(), l.title.as_str()))
        .collect();
    assert_eq!(
        lanes,
        [("Wars", "Wars"), ("Politics", "Politics"), ("", "Other")]
    );

    // TimelineJS labels year -264 "264 BCE": astronomical -263.
    let first = event(&t, "First Punic War");
    assert_eq!(
        (first.id.as_str(), first.start.year_number()),
        ("punic-1", -263)
    );
    assert_eq!(first.start.to_string(), "264 BCE");
    assert_eq!(first.end.map(|d| d.to_string()), Some("241 BCE".to_owned()));
    assert_eq!(lane(&t, &first), "Wars");

    let second = event(&t, "Second Punic War");
    assert_eq!(
        second.description,
        "Hannibal crosses the Alps.\n\nSee the article and Livius."
    );
    let sources: Vec<(&str, Option<&str>)> = second
        .sources
        .iter()
        .map(|s| (s.name.as_str(), s.url.as_deref()))
        .collect();
    assert_eq!(
        sources,
        [
            (
                "the article",
                Some("https://en.wikipedia.org/wiki/Second_Punic_War")
            ),
            (
                "Livius",
                Some("https://www.livius.org/articles/person/hannibal/")
            ),
        ]
    );

    let cannae = event(&t, "Battle of Cannae");
    assert_eq!(cannae.start.to_string(), "2 August 216 BCE");
    assert_eq!(
        cannae.description,
        "Rome's worst defeat\u{a0}— some 50\u{202f}000 dead."
    );
    assert_eq!(
        cannae.sources[0].url.as_deref(),
        Some("https://www.youtube.com/embed/dQw4w9WgXcQ"),
        "embed code gives its URL"
    );
    assert_eq!(cannae.sources[0].name, "A lecture on Cannae");

    let gracchus = event(&t, "Tiberius Gracchus proposes his land law");
    assert_eq!(
        (gracchus.start.to_iso(), gracchus.start.precision()),
        ("-0132-06".to_owned(), Precision::Month)
    );
    assert_eq!(gracchus.date_text(), "Summer 133 BC");

    let ides = event(&t, "Assassination of Julius Caesar");
    assert_eq!(
        (ides.start.to_iso(), ides.start.precision()),
        ("-0043-03-15T11:30".to_owned(), Precision::Minute)
    );
    assert_eq!(
        ides.description,
        "In the Curia of Pompey.\nTwenty-three stab wounds."
    );
    assert_eq!(lane(&t, &event(&t, "Octavian becomes Augustus")), "Other");
}

#[test]
fn timelinejs_csv_newsroom_sheet() {
    let loaded = load("timelinejs_csv/women.csv");
    assert_eq!(loaded.format, Format::TimelineJsCsv);
    let t = &loaded.timeline;
    assert_eq!(t.title, "Women in Computing");
    assert_eq!(
        t.description,
        "From the Analytical Engine to the Moon: ten moments, chosen by our science desk."
    );
    assert_eq!(t.events().len(), 10);
    let lanes: Vec<&str> = t.lanes().iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        lanes,
        ["Pioneers", "Languages", "Space", "Networking", "Events"]
    );
    assert_eq!(t.eras().len(), 1);
    assert_eq!(
        (
            t.eras()[0].title.as_str(),
            t.eras()[0].start.to_iso(),
            t.eras()[0].end.to_iso()
        ),
        (
            "Second World War",
            "1939-09-01".to_owned(),
            "1945-09-02".to_owned()
        )
    );

    let lovelace = event(t, "Ada Lovelace’s Notes");
    assert_eq!(
        (lovelace.start.to_iso(), lovelace.start.precision()),
        ("1843".to_owned(), Precision::Year)
    );
    assert_eq!(lovelace.id, "event-1");
    let hopper = event(t, "Grace Hopper joins the Mark I team");
    assert_eq!(
        (hopper.start.to_iso(), hopper.start.precision()),
        ("1944-07".to_owned(), Precision::Month)
    );
    // A quoted cell with commas and line breaks, including an empty line.
    let eniac = event(t, "The ENIAC is shown to the press");
    assert_eq!(
        eniac.description,
        "Its programmers, Kathleen McNulty, Jean Jennings, Betty Snyder,\nMarlyn Wescoff, Frances Bilas and Ruth Lichterman, were not introduced.\n\nThey were rediscovered decades later."
    );
    // Doubled quotes, and a 24-hour time.
    let bug = event(t, "The \"first actual case of bug being found\"");
    assert_eq!(
        (bug.start.to_iso(), bug.start.precision()),
        ("1947-09-09T15:45".to_owned(), Precision::Minute)
    );
    assert!(
        bug.description
            .ends_with("\"1545 Relay #70 Panel F (moth) in relay.\"")
    );
    assert_eq!(
        bug.sources[0].name,
        "Smithsonian National Museum of American History"
    );
    let cobol = event(t, "COBOL is designed");
    assert_eq!(iso(cobol.end.as_ref()), Some("1959-05-29".to_owned()));
    assert_eq!(cobol.date_text(), "May 28–29, 1959");
    let apollo = event(t, "Apollo 11 lands");
    assert_eq!(
        (apollo.start.to_iso(), apollo.start.precision()),
        ("1969-07-20T20:17:40".to_owned(), Precision::Second)
    );
    assert_eq!(lane(t, &apollo), "Space");
    // "2:30 PM" to "4:00 PM".
    let panel = event(t, "Live panel: women who code");
    assert_eq!(
        (panel.start.to_iso(), iso(panel.end.as_ref())),
        (
            "2025-03-08T14:30".to_owned(),
            Some("2025-03-08T16:00".to_owned())
        )
    );
    assert_eq!(
        panel.description,
        "Join our reporters and guests at the newsroom, 12 Main St., for International Women's Day."
    );
}

#[test]
fn timelinejs_csv_columns_in_any_order_and_case() {
    let t = load("timelinejs_csv/election_night.csv").timeline;
    assert_eq!(t.title, "Springfield votes");
    assert_eq!(t.description, "Results as they came in, minute by minute.");
    assert_eq!(t.events().len(), 7);
    let starts: Vec<String> = t.events().map(|e| e.start().to_iso()).collect();
    assert_eq!(
        starts,
        [
            "2024-11-05T19:00",    // 7:00 PM
            "2024-11-05T21:00",    // 21:00
            "2024-11-05T20:15",    // 8:15 pm
            "2024-11-05T21:03:30", // 21:03:30
            "2024-11-05T23:30",    // 2330
            "2024-11-06T00:05",    // 12:05 a.m.
            "2025-01",
        ]
    );
    let counting = event(&t, "Counting");
    assert_eq!(
        iso(counting.end.as_ref()),
        Some("2024-11-06T02:00".to_owned())
    );
    assert_eq!(lane(&t, &counting), "Count");
    assert_eq!(
        event(&t, "First precinct reports").description,
        "Ward 3: 1,204 votes cast."
    );
    assert_eq!(
        event(&t, "First precinct reports").sources[0].name,
        "Springfield Gazette"
    );
    assert_eq!(
        lane(&t, &event(&t, "Mayor concedes: \"The voters have spoken\"")),
        "Results"
    );
    assert_eq!(
        event(&t, "Final result certified").date_text(),
        "Just after midnight"
    );
}

#[test]
fn timeline_xml_2x_categories_containers_eras() {
    let loaded = load("thetimelineproj/thesis_2x.timeline");
    assert_eq!(loaded.format, Format::TimelineXml);
    let t = &loaded.timeline;
    assert_eq!(
        t.title, "thesis_2x",
        "Timeline files have no title: the file name is used"
    );
    assert_eq!(t.events().len(), 8);
    let lanes: Vec<(&str, &str, Option<String>)> = t
        .lanes()
        .iter()
        .map(|l| (l.id.as_str(), l.title.as_str(), l.color.map(Rgb::to_hex)))
        .collect();
    assert_eq!(
        lanes,
        [
            ("Research", "Research", Some("#2d82d2".to_owned())),
            ("Reading", "Research › Reading", Some("#fafa14".to_owned())),
            ("Writing", "Writing", Some("#289a28".to_owned())),
            ("Admin", "Admin", Some("#eb52ff".to_owned())),
            ("", "Other", None),
        ]
    );
    // Eras end where Timeline ends them: the day before a midnight end.
    let eras: Vec<(&str, String, String, Option<String>)> = t
        .eras()
        .iter()
        .map(|e| {
            (
                e.title.as_str(),
                e.start.to_iso(),
                e.end.to_iso(),
                e.color.map(Rgb::to_hex),
            )
        })
        .collect();
    assert_eq!(
        eras,
        [
            (
                "Autumn term",
                "2021-09-01".to_owned(),
                "2021-12-17".to_owned(),
                Some("#eedbf0".to_owned())
            ),
            (
                "Spring term",
                "2022-01-10".to_owned(),
                "2022-06-03".to_owned(),
                Some("#c6fbf5".to_owned())
            ),
        ]
    );

    // The container stays an event; it and its members carry its title as a tag.
    let container = event(t, "Chapter 2: Related work");
    assert_eq!(
        container.description,
        "A container can also have a description"
    );
    assert_eq!(container.tags, ["Chapter 2: Related work"]);
    let survey = event(t, "Survey of timeline tools");
    assert_eq!(lane(t, &survey), "Research › Reading");
    assert_eq!(survey.tags, ["Chapter 2: Related work"]);
    assert_eq!(
        (survey.start.to_iso(), survey.start.precision()),
        ("2021-10-31T17:36:49".to_owned(), Precision::Second)
    );
    assert_eq!(
        survey.description,
        "Read the papers on visualising time.\n\nTake notes in the wiki."
    );
    let links: Vec<Option<&str>> = survey.sources.iter().map(|s| s.url.as_deref()).collect();
    assert_eq!(
        links,
        [
            Some("https://en.wikipedia.org/wiki/Timeline"),
            Some("https://thetimelineproj.sourceforge.net")
        ]
    );
    let draft = event(t, "Draft the chapter");
    assert_eq!(
        (draft.start.to_iso(), draft.start.precision()),
        ("2021-11-05T13:56".to_owned(), Precision::Minute)
    );
    assert_eq!(lane(t, &draft), "Writing");
    assert_eq!(
        draft.tags,
        ["Chapter 2: Related work", "Research"],
        "further categories are tags"
    );
}

#[test]
fn timeline_xml_2x_milestones_fuzzy_labels_and_view() {
    let t = &load("thetimelineproj/thesis_2x.timeline").timeline;
    let kickoff = event(t, "Kick-off meeting");
    assert!(kickoff.is_moment(), "a milestone is a moment");
    assert_eq!(
        (kickoff.start.to_iso(), kickoff.start.precision()),
        ("2021-09-15".to_owned(), Precision::Day)
    );
    assert_eq!(
        kickoff.description,
        "With both supervisors & the head of department."
    );
    let search = event(t, "Literature search");
    assert!(search.approximate, "<fuzzy>");
    assert_eq!(iso(search.end.as_ref()), Some("2021-10-15".to_owned()));
    assert_eq!(
        search.end.map(|d| d.end()),
        chronoscope::time::Date::parse("2021-10-16")
            .ok()
            .map(|d| d.start())
    );
    let experiments = event(t, "Experiments");
    assert!(experiments.approximate, "<fuzzy_start>/<fuzzy_end>");
    assert_eq!(experiments.tags, ["lab", "user study"]);
    assert_eq!(
        iso(experiments.end.as_ref()),
        Some("2022-03-31T17:00".to_owned())
    );
    assert!(event(t, "Backup to the university server").is_moment());
    assert_eq!(
        lane(t, &event(t, "(Draft) submitted")),
        "Other",
        "the escaping space is removed"
    );
    let (start, end) = t.initial_view.as_ref().unwrap_or_else(|| panic!("no view"));
    assert_eq!(
        (start.to_iso(), end.to_iso()),
        (
            "2021-08-28T19:42:22".to_owned(),
            "2022-06-30T18:35:52".to_owned()
        )
    );
}

#[test]
fn timeline_xml_1x_negative_years() {
    let t = load("thetimelineproj/antiquity_1x.timeline").timeline;
    assert_eq!(t.events().len(), 3);
    let marathon = event(&t, "Battle of Marathon");
    assert_eq!(
        marathon.start.year_number(),
        -489,
        "Timeline's years are astronomical"
    );
    assert_eq!(marathon.start.to_string(), "12 September 490 BCE");
    assert!(marathon.approximate && marathon.is_moment());
    assert_eq!(lane(&t, &marathon), "Greece");
    let war = event(&t, "Peloponnesian War");
    assert_eq!(
        (war.start.to_iso(), iso(war.end.as_ref())),
        ("-0430-01-01".to_owned(), Some("-0404-12-31".to_owned()))
    );
    assert_eq!(
        war.sources[0].url.as_deref(),
        Some("https://en.wikipedia.org/wiki/Peloponnesian_War")
    );
    let ides = event(&t, "Ides of March");
    assert_eq!(
        (ides.start.to_iso(), ides.start.precision()),
        ("-0043-03-15T11:00".to_owned(), Precision::Minute)
    );
    assert_eq!(lane(&t, &ides), "Rome");
    assert_eq!(
        t.lanes()[1].color.map(Rgb::to_hex),
        Some("#ff8080".to_owned())
    );

    let example = load("thetimelineproj/example_1_0.timeline").timeline;
    assert_eq!(example.events().len(), 1);
    assert_eq!(example.event(0).start().to_iso(), "2012-07-04T13:20");
    assert!(example.event(0).is_moment());
    assert_eq!(
        example.lanes()[0].color.map(Rgb::to_hex),
        Some("#ff0000".to_owned())
    );
}

#[test]
fn timeline_text_before_0_10() {
    let loaded = load("thetimelineproj/tennis_0_9.timeline");
    assert_eq!(loaded.format, Format::TimelineText);
    let t = &loaded.timeline;
    assert_eq!(t.events().len(), 3);
    let colours: Vec<(&str, Option<String>)> = t
        .lanes()
        .iter()
        .map(|l| (l.title.as_str(), l.color.map(Rgb::to_hex)))
        .collect();
    assert_eq!(
        colours,
        [
            ("Hidden", Some("#000000".to_owned())),
            ("Work", Some("#ff0000".to_owned())),
            ("Private", Some("#0000ff".to_owned())),
            ("Other", None)
        ]
    );
    let tennis = event(t, "Tennis");
    assert!(tennis.is_moment());
    assert_eq!(tennis.start.to_iso(), "2010-05-02T09:00");
    assert_eq!(tennis.description, "Med Kristoffer.");
    let conference = event(t, "Konferens");
    assert_eq!(
        (conference.start.to_iso(), iso(conference.end.as_ref())),
        ("2010-05-05".to_owned(), Some("2010-05-07".to_owned()))
    );
    assert_eq!(conference.description, "Rum 3;\nta med laddaren.");
    assert_eq!(lane(t, &event(t, "Deadline; rapport")), "Other");
    assert!(t.initial_view.is_some());
}

#[test]
fn vis_items_groups_and_background_eras() {
    let loaded = load("vis/background_groups.json");
    assert_eq!(loaded.format, Format::VisTimeline);
    let t = &loaded.timeline;
    assert_eq!(t.events().len(), 6);
    let lanes: Vec<(&str, &str)> = t
        .lanes()
        .iter()
        .map(|l| (l.id.as_str(), l.title.as_str()))
        .collect();
    assert_eq!(lanes, [("1", "Group 1"), ("2", "Group 2")]);
    let eras: Vec<(&str, String, String)> = t
        .eras()
        .iter()
        .map(|e| (e.title.as_str(), e.start.to_iso(), e.end.to_iso()))
        .collect();
    assert_eq!(
        eras[0],
        ("Period A", "2014-01-16".to_owned(), "2014-01-21".to_owned())
    );
    assert_eq!(
        eras.len(),
        4,
        "background items become eras, grouped or not"
    );
    let first = event(t, "item 1 start");
    assert_eq!((first.id.as_str(), lane(t, &first)), ("1", "Group 1"));
    let range = event(t, "item 4");
    assert_eq!(
        (range.start.to_iso(), iso(range.end.as_ref())),
        ("2014-01-17".to_owned(), Some("2014-01-20".to_owned()))
    );
    assert!(event(t, "item 5").is_moment());
}

#[test]
fn vis_array_with_milliseconds_and_iso_strings() {
    let t = load("vis/ww2_points.json").timeline;
    assert_eq!(t.events().len(), 11);
    let poland = event(&t, "German Invasion of Poland");
    assert_eq!(
        (poland.start.to_iso(), poland.start.precision()),
        ("1939-09-01".to_owned(), Precision::Day)
    );
    assert_eq!(poland.id, "event-1");
    let hiroshima = event(&t, "Hiroshima");
    assert_eq!(
        (hiroshima.start.to_iso(), hiroshima.start.precision()),
        ("1945-08-06T08:15:00+09:00".to_owned(), Precision::Second)
    );
    assert_eq!(hiroshima.description, "08:15 local time.\n\nSee Wikipedia.");
    assert_eq!(hiroshima.sources[0].name, "Wikipedia");
    let war = event(&t, "Second World War");
    assert_eq!(
        iso(war.end.as_ref()),
        Some("1945-09-01".to_owned()),
        "vis ends are instants: up to 2 September 00:00"
    );
    let atlantic = event(&t, "Battle of the Atlantic");
    assert_eq!(
        (atlantic.start.to_iso(), iso(atlantic.end.as_ref())),
        ("1939-09-03".to_owned(), Some("1945-05-08".to_owned()))
    );
}

#[test]
fn malformed_files_fail_at_their_position() {
    for (dir, _) in IMPORT_DIRS {
        for path in files(&format!("{dir}/invalid")) {
            let Err(diagnostics) = io::load_path(&path) else {
                panic!("{} loaded but should not", path.display())
            };
            let expected = expectations(&path);
            assert!(!expected.is_empty(), "{}", path.display());
            for (line, col, text) in expected {
                assert!(
                    diagnostics.iter().any(|d| d.severity == Severity::Error
                        && d.line == line
                        && d.column == col
                        && d.message.contains(&text)),
                    "{}: expected an error at {line}:{col} containing {text:?}; got:\n{}",
                    path.display(),
                    lines(&diagnostics)
                );
            }
        }
    }
}

#[test]
fn check_prints_positions_and_exits_1_for_malformed_files() {
    for (dir, _) in IMPORT_DIRS {
        for path in files(&format!("{dir}/invalid")) {
            let name = path.display().to_string();
            let out = chronoscope(&["check", &name]);
            assert_eq!(out.status.code(), Some(1), "{name}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
            for (line, col, text) in expectations(&path) {
                let prefix = format!("{name}:{line}:{col}: error: ");
                assert!(
                    stderr
                        .lines()
                        .any(|l| l.starts_with(&prefix) && l.contains(&text)),
                    "{name}: no `{prefix}…{text}` in:\n{stderr}"
                );
            }
        }
    }
}

#[test]
fn unknown_files_name_the_formats_we_read() {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        [
            "Chronoscope JSON",
            "TimelineJS JSON",
            "TimelineJS CSV",
            "Timeline XML",
            "Timeline text",
            "vis-timeline",
            "CSV",
            "TSV",
            "XLSX",
            "XLS",
            "ODS",
            "iCalendar",
            "Parquet"
        ]
    );
    for file in ["unknown/islands.geojson", "unknown/notes.txt"] {
        let diagnostics = io::load_path(&fixture(file))
            .err()
            .unwrap_or_else(|| panic!("{file} loaded"));
        assert_eq!(diagnostics.len(), 1, "{}", lines(&diagnostics));
        let d = &diagnostics[0];
        assert_eq!(
            (d.line, d.column, d.severity),
            (1, 1, Severity::Error),
            "{d}"
        );
        assert_eq!(
            d.message,
            format!(
                "unrecognised file format; Chronoscope reads: {}",
                names.join(", ")
            )
        );
    }
    // Issue 11 made these two known: a calendar, and any table with a date column.
    let party = io::load_path(&fixture("unknown/party.ics")).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(party.format, Format::ICalendar);
    assert_eq!(party.timeline.event(0).title(), "Bastille Day Party");
    let expenses =
        io::load_path(&fixture("unknown/expenses.csv")).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(expenses.format, Format::Csv);
    assert_eq!(expenses.timeline.len(), 2);
    assert_eq!(
        expenses.describe(),
        "CSV; start: date, title: composed from category, amount; lane: category"
    );
    assert_eq!(expenses.timeline.event(0).title(), "food — 12.50");
}

#[test]
fn content_decides_and_the_extension_only_breaks_ties() {
    let read = |path: &str| std::fs::read(fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let format = |name: &str, bytes: &[u8]| {
        io::load_bytes(name, bytes)
            .map(|l| l.format)
            .map_err(|d| lines(&d))
    };
    assert_eq!(
        format("export.txt", &read("timelinejs/rome_groups.json")),
        Ok(Format::TimelineJs)
    );
    assert_eq!(
        format("sheet.json", &read("timelinejs_csv/women.csv")),
        Ok(Format::TimelineJsCsv)
    );
    assert_eq!(
        format("old.xml", &read("thetimelineproj/tennis_0_9.timeline")),
        Ok(Format::TimelineText)
    );
    assert_eq!(
        format("data", &read("vis/ww2_points.json")),
        Ok(Format::VisTimeline)
    );
    assert_eq!(
        format("thesis.json", &read("thetimelineproj/thesis_2x.timeline")),
        Ok(Format::TimelineXml)
    );
    assert_eq!(
        format("seed.timeline", io::SEED_JSON.as_bytes()),
        Ok(Format::Native)
    );
    // Without a recognisable start, a `.json` file is read as Chronoscope's
    // own format and gets its errors.
    let error = format(
        "list.json",
        b"[ { \"title\": \"x\", \"start\": \"2025\" } ]",
    )
    .err()
    .unwrap_or_default();
    assert!(
        error.contains("1:1: error: expected a JSON object"),
        "{error}"
    );
    // Damaged files are still read by the format their extension names.
    let error = format(
        "cut.timeline",
        b"<?xml version=\"1.0\"?>\n<timeline>\n  <events>\n",
    )
    .err()
    .unwrap_or_default();
    assert!(error.contains("the file ends inside <events>"), "{error}");
}

#[test]
fn check_names_the_detected_format() {
    let path = fixture("timelinejs_csv/women.csv");
    let name = path.display().to_string();
    let out = chronoscope(&["check", &name]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{name} (TimelineJS CSV): 10 events, 5 lanes, 1843 – 2025-03-08T16:00")
    );
    let path = fixture("thetimelineproj/thesis_2x.timeline");
    let out = chronoscope(&["check", &path.display().to_string()]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(Timeline XML): 8 events"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Cuts every fixture at many places and flips bytes in it: each result
/// loads or fails with positioned diagnostics, and nothing panics.
#[test]
fn damaged_files_never_panic() {
    let mut paths = Vec::new();
    for (dir, _) in IMPORT_DIRS {
        paths.extend(files(dir));
        paths.extend(files(&format!("{dir}/invalid")));
    }
    paths.extend(files("unknown"));
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("x")
            .to_owned();
        let step = (bytes.len() / 150).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let check = |result: Result<Loaded, Vec<Diagnostic>>| {
                if let Err(diagnostics) = result {
                    assert!(!diagnostics.is_empty(), "{name} cut at {cut}");
                    assert!(
                        diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1),
                        "{name} cut at {cut}"
                    );
                }
            };
            check(io::load_bytes(&name, &bytes[..cut]));
            let mut flipped = bytes.clone();
            for (i, b) in [b'"', b'<', b',', b'\n', b'-', b'9', b'{', b';', b'\\', b'>']
                .iter()
                .enumerate()
            {
                if let Some(slot) = flipped.get_mut(cut + i * 7) {
                    *slot = *b;
                }
            }
            check(io::load_bytes(&name, &flipped));
        }
    }
}

/// Feeds every reader, directly (without detection), thousands of random
/// texts built from the characters its format is made of: none panics, and
/// every diagnostic has a position.
#[test]
fn readers_survive_random_text() {
    type Reader = fn(&str, &str, &str) -> io::native::ReadResult;
    let readers: [(&str, Reader, &str); 5] = [
        (
            "timelinejs",
            io::timelinejs::read,
            "{}[]:,\"year\"\"start_date\"\"events\"-12 <p>&amp;",
        ),
        (
            "csv",
            io::timelinejs_csv::read,
            "Year,Time,Headline\n\r\"\"2:30 PM1969-,13 a.m.",
        ),
        (
            "xml",
            io::thetimelineproj::read,
            "<timeline><event></event><start>2020-1-1 0:0:0</start>&#;&lt;<![CDATA[x]]>",
        ),
        (
            "text",
            io::thetimelineproj_text::read,
            "EVENT:CATEGORY:;\\\n# END 2009-7-1 0:0:0,255",
        ),
        (
            "vis",
            io::vis_timeline::read,
            "[]{}:,\"start\"\"end\"\"items\"\"type\"\"range\"-2014-01-16/Date(1)/",
        ),
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, read, alphabet) in readers {
        let chars: Vec<char> = alphabet.chars().chain(['é', '\u{a0}', ' ']).collect();
        for _ in 0..2_000 {
            let len = usize::try_from(next() % 80).unwrap_or(0);
            let text: String = (0..len)
                .map(|_| chars[usize::try_from(next() % chars.len() as u64).unwrap_or(0)])
                .collect();
            if let Err(diagnostics) = read("fuzz", &text, "fuzz") {
                assert!(
                    diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1),
                    "{name}: {text:?}"
                );
            }
        }
    }
}
