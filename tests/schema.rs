//! The JSON Schema in `assets/` agrees with the reader: every valid fixture
//! validates, every structurally invalid one does not. (Fixtures under
//! `semantic/` are errors no schema can see, such as duplicate ids; the
//! schema accepts them and `check` rejects them.)

use std::path::Path;

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/chronoscope.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::validator_for(&value)
        .unwrap_or_else(|e| panic!("the schema itself is invalid: {e}"))
}

fn files(kind: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/native")
        .join(kind);
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

fn validates(validator: &jsonschema::Validator, path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(value) => validator.is_valid(&value),
        Err(_) => false,
    }
}

#[test]
fn valid_fixtures_and_the_seed_validate() {
    let validator = schema();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/budapest-summit.json");
    for path in files("valid")
        .into_iter()
        .chain(files("semantic"))
        .chain([seed])
    {
        assert!(
            validates(&validator, &path),
            "{} should validate",
            path.display()
        );
    }
}

#[test]
fn invalid_fixtures_do_not_validate() {
    let validator = schema();
    for path in files("invalid") {
        assert!(
            !validates(&validator, &path),
            "{} should not validate",
            path.display()
        );
    }
}

#[test]
fn schema_date_pattern_matches_the_parser() {
    let validator = schema();
    for (date, ok) in [
        ("2025", true),
        ("-13800000000", true),
        ("2025-10", true),
        ("-0043-03-15", true),
        ("2025-10-16T14:30:05.250+03:00", true),
        ("2025-02-30", false),
        ("2025-13", false),
        ("16 October 2025", false),
    ] {
        let doc = serde_json::json!({ "events": [ { "title": "x", "start": date } ] });
        assert_eq!(validator.is_valid(&doc), ok, "{date}");
        assert_eq!(chronoscope::time::Date::parse(date).is_ok(), ok, "{date}");
    }
}

/// Every EDTF form a `start` takes (the Library of Congress specification's
/// examples and ours) validates exactly when the reader accepts it; an
/// `end` takes every form but an interval. (What no pattern can see, such
/// as an interval that ends before it starts, is left to `check`.)
#[test]
fn schema_edtf_patterns_match_the_parser() {
    let validator = schema();
    let valid = [
        "1985-04-12T23:20:30Z",
        "1985-04-12T23:20:30-04",
        "1964/2008",
        "2004-02-01/2005",
        "Y170000002",
        "Y-170000002",
        "2001-21",
        "1984?",
        "2004-06~",
        "2004-06-11%",
        "201X",
        "20XX",
        "2004-XX",
        "1985-04-XX",
        "1985-XX-XX",
        "1985-04-12/..",
        "../1985-04",
        "1985/",
        "/1985-04-12",
        "1984~/2004-06",
        "1984?/2004%",
        "1984-06-02?/2004-08-08~",
        "-1985",
        "Y-17E7",
        "1950S2",
        "Y3388E2S3",
        "2001-34",
        "[1667,1668,1670..1672]",
        "[..1760-12-03]",
        "[1760-12..]",
        "[1760-01,1760-02,1760-12..]",
        "2004-06-~11",
        "2004-06~-11",
        "?2004-06-~11",
        "2004-%06-11",
        "156X-12-25",
        "XXXX-12-XX",
        "1XXX-12",
        "1984-1X",
        "2004-06-~01/2004-06-~20",
        "2004-06-XX/2004-07-03",
        "[2025-11-03..2025-11-07]",
        "[2025-11-03..2025-11-07]/2025-11",
        "Y-13800000000",
        "-13800000000",
        "2025-10-16T14:30:05.250+03:00",
    ];
    let invalid = [
        "2025-13",
        "2025-02-30",
        "2025-02-3X",
        "{1667,1668}",
        "/",
        "../..",
        "2025/2026/2027",
        "2025-11-03x",
        "201X5",
        "Y2025-10",
        "[2025,2026",
        "2001-21-05",
        "2025?T10:00",
    ];
    for (text, ok) in valid
        .iter()
        .map(|t| (*t, true))
        .chain(invalid.iter().map(|t| (*t, false)))
    {
        let doc = serde_json::json!({ "events": [ { "title": "x", "start": text } ] });
        assert_eq!(validator.is_valid(&doc), ok, "start {text}");
        assert_eq!(
            chronoscope::time::Edtf::parse(text).is_ok(),
            ok,
            "start {text}"
        );
        let as_end = ok && !text.contains('/');
        let doc =
            serde_json::json!({ "events": [ { "title": "x", "start": "2025", "end": text } ] });
        assert_eq!(validator.is_valid(&doc), as_end, "end {text}");
        assert_eq!(
            chronoscope::time::Bound::parse(text).is_ok(),
            as_end,
            "end {text}"
        );
    }
}
