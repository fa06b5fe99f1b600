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
