//! Issues found by walking the tape (`src/node.rs`) are exactly those found by walking a
//! parsed value: the same issues in the same order, with the same messages, positions,
//! dialect and truncation. Checked for every fixture and every mutation of one, under
//! several options, and for the texts the fast path leaves: a key twice, no object, no JSON,
//! no dialect.
// Native only: they pass documents as parsed values, which only the native API takes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fixtures, mutations};
use taskstatus::dialects::ALL;
use taskstatus::issue::Code;
use taskstatus::options::{DialectChoice, ValidateOptions};
use taskstatus::{validate, validate_by_value, Input, MAX_DEPTH, NON_FINITE_PREFIX};

/// `validate` (the tape) and the reference walk of the parsed value agree on one input.
fn agrees_on(input: Input<'_>, options: &ValidateOptions) -> Result<(), String> {
    let (on_tape, by_value) = (validate(input, options), validate_by_value(input, options));
    if on_tape != by_value {
        return Err(format!("the tape said {on_tape:#?}\nthe value said {by_value:#?}"));
    }
    Ok(())
}

/// `agrees_on` for text with positions and for encoded text.
fn agrees(text: &str, options: &ValidateOptions) -> Result<(), String> {
    [Input::Text(text), Input::Encoded(text)].into_iter().try_for_each(|input| agrees_on(input, options))
}

/// The fixture's own options, then stricter and fixed-dialect variants of them.
fn option_sets(fixture: &ValidateOptions, turn: usize) -> Vec<ValidateOptions> {
    let fixed = ALL.get(turn % ALL.len()).map_or(DialectChoice::Auto, |d| DialectChoice::Fixed(d));
    vec![
        *fixture,
        ValidateOptions { strict: true, max_issues: 2, ..*fixture },
        ValidateOptions { dialect: fixed, max_issues: 1, ..*fixture },
    ]
}

#[test]
fn the_tape_walk_reports_what_the_value_walk_reports() {
    let (mut checked, mut invalid) = (0, 0);
    for (name, text, options, expected) in fixtures() {
        for (turn, o) in option_sets(&options, 0).iter().enumerate() {
            agrees(&text, o).unwrap_or_else(|e| panic!("{name} (options {turn}): {e}"));
        }
        invalid += usize::from(expected["issues"].as_array().is_some_and(|i| !i.is_empty()));
        // Every seventh mutation (7 is prime to the five made per byte, so each kind comes
        // round), under one of the option sets, with positions or without, in turn. All of
        // them, in a debug build, took 50 s.
        for (n, (what, t)) in mutations(&text).enumerate().filter(|(n, _)| n % 7 == 0) {
            let o = &option_sets(&options, n)[n % 3];
            let input = if n % 2 == 0 { Input::Text(&t) } else { Input::Encoded(&t) };
            agrees_on(input, o).unwrap_or_else(|e| panic!("{name} {what}: {e}"));
            checked += 1;
        }
    }
    assert!(checked > 30_000, "{checked}");
    assert!(invalid >= 40, "{invalid}");
}

#[test]
fn escapes_in_keys_and_states_read_as_decoded() {
    let cases = [
        // A state written with escapes is still the state.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"wait\u0069ng","updatedAt":1},"bogus":1}"#,
        // An escaped key below the top level names the declared field.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"ph\u0061se":"waiting","updatedAt":"x"}}"#,
        // An escaped key at the top level: past the fast path, detection decodes it.
        r#"{"\u0069d":"a","type":"upload","createdAt":1,"status":{"phase":"nope","updatedAt":1}}"#,
        r#"{"id":"a","type":"up\nload","createdAt":1,"status":{"phase":"waiting","updatedAt":1},"x\"y":[1,{"z\/":null}]}"#,
    ];
    for text in cases {
        agrees(text, &ValidateOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
}

/// What the fast path leaves alone and only a parsed value used to decide: a key twice, a
/// top level that is no object, text that is not JSON, a document of no dialect, escaped or
/// many top-level keys. The tape's walk reports it as the value's does.
#[test]
fn what_the_fast_path_leaves_is_walked_as_the_value_is() {
    let cases = [
        // A key twice: the value keeps the last one.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"waiting","phase":7}}"#,
        // At the top level of an invalid document, after its first error (where the fast
        // path's check stops): a declared key, an undeclared one. The fast path skips the top
        // level's repeated-key search only when each key is a different declared field.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"nope","updatedAt":1},"type":"x"}"#,
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"nope","updatedAt":1},"bogus":1,"bogus":2}"#,
        // A repeated top-level key decides the dialect: its last value counts.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"waiting","updatedAt":1},"status":"green"}"#,
        r#"{"id":"a","status":"green","type":"upload","createdAt":1,"status":{"phase":"waiting","updatedAt":1}}"#,
        // Not an object at the top.
        r#"["a"]"#,
        "null",
        r#""text""#,
        // Not JSON.
        r#"{"id":"a","#,
        // No dialect matches: the closest are ranked.
        r#"{"name": "nightly", "status": "green"}"#,
    ];
    // Strict and fixed: the undeclared keys are errors, and cannot make detection choose none.
    let task = ALL.first().map_or(DialectChoice::Auto, |d| DialectChoice::Fixed(d));
    let strict = ValidateOptions { strict: true, dialect: task, ..Default::default() };
    for text in cases {
        agrees(text, &ValidateOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
        agrees(text, &strict).unwrap_or_else(|e| panic!("{text} (strict, fixed): {e}"));
    }
    // More top-level keys than the fast path's detection table holds.
    let mut text = String::from(r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"failed","updatedAt":1}"#);
    for i in 0..60 {
        text.push_str(&format!(r#","extra{i}":{i}"#));
    }
    text.push('}');
    agrees(&text, &ValidateOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
}

#[test]
fn values_that_were_nan_in_js_are_reported_from_the_tape() {
    let nan = format!("{NON_FINITE_PREFIX}NaN");
    let text = format!(
        r#"{{"id":"a","type":"upload","createdAt":"{nan}","status":{{"phase":"waiting","updatedAt":1,"progress":"{nan}"}},"output":{{"x":["{nan}"]}}}}"#
    )
    .replace('\u{0}', "\\u0000");
    let options = ValidateOptions { non_finite: true, ..ValidateOptions::default() };
    agrees(&text, &options).unwrap_or_else(|e| panic!("{text}: {e}"));
    let report = validate(Input::Encoded(&text), &options);
    assert!(report.issues.iter().filter(|i| i.message.contains("NaN")).count() >= 2, "{report:#?}");
}

/// Where a key repeats, the tape's objects list each key once, the last one counting, as
/// with `JSON.parse`: the same report as walking
/// the value, and the right one.
#[test]
fn repeated_keys_count_once_the_last_one_counting() {
    let veritone = |details: &str| {
        format!(
            r#"{{"engineID":"8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f","taskStatus":"running","errorDetails":{}}}"#,
            serde_json::to_string(details).unwrap_or_default()
        )
    };
    // (text, the pointers of its errors)
    let cases = [
        // Livepeer Task `status.phase`: `waiting` is one of its phases, `nope` is not.
        (
            r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"nope","phase":"waiting","updatedAt":1}}"#
                .to_owned(),
            vec![],
        ),
        (
            r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"waiting","phase":"nope","updatedAt":1}}"#
                .to_owned(),
            vec!["/status/phase"],
        ),
        (
            r#"{"id":"a","id":"b","type":"upload","createdAt":"x","status":{"phase":"waiting","updatedAt":1}}"#
                .to_owned(),
            vec!["/createdAt"],
        ),
        // Veritone `errorDetails` is JSON text of `{id, msg}` objects; its keys repeat too.
        (veritone(r#"[{"id":"e1","msg":1,"msg":"cannot decode"}]"#), vec![]),
        (veritone(r#"[{"id":"e1","msg":"cannot decode","msg":1}]"#), vec!["/errorDetails"]),
    ];
    for (text, errors) in cases {
        // Fixed: detection alone would find no dialect for an unknown phase.
        let dialect = taskstatus::dialects::by_id(if text.contains("engineID") {
            "veritone.task-status-detail"
        } else {
            "livepeer.task"
        });
        let options = ValidateOptions {
            dialect: dialect.map_or(DialectChoice::Auto, DialectChoice::Fixed),
            ..ValidateOptions::default()
        };
        agrees(&text, &options).unwrap_or_else(|e| panic!("{text}: {e}"));
        let report = validate(Input::Text(&text), &options);
        let found: Vec<&str> = report.errors().map(|i| i.path.as_str()).collect();
        assert_eq!(found, errors, "{text}: {report:#?}");
        assert!(report.issues.iter().any(|i| i.code == Code::DuplicateKey) || text.contains("errorDetails"), "{text}");
        assert!(report.errors().all(|i| i.line.is_some()), "{report:#?}");
    }
}

/// A value built in Rust has no text: it is written as text and walked on that tape, with the
/// same report as walking it, fixture by fixture.
#[test]
fn values_built_in_rust_report_what_their_text_reports() {
    let mut checked = 0;
    for (name, text, options, _) in fixtures() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        for o in option_sets(&options, checked) {
            let (report, by_value) = (validate(Input::Value(&value), &o), validate_by_value(Input::Value(&value), &o));
            assert_eq!(report, by_value, "{name}");
            // And the text's own, unless it holds what only text can: a key twice.
            let from_text = validate(Input::Encoded(&text), &o);
            if from_text.issues.iter().all(|i| i.code != Code::DuplicateKey) {
                assert_eq!(report, from_text, "{name}");
            }
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

/// A value built in Rust may nest deeper than any text is allowed to: it gets a limit issue,
/// where writing it as text would recurse without bound.
#[test]
fn a_value_deeper_than_text_may_nest_is_reported_not_written() {
    let mut deep = serde_json::json!("bottom");
    for _ in 0..(MAX_DEPTH + 10) {
        deep = serde_json::json!([deep]);
    }
    let value = serde_json::json!({"id":"a","type":"upload","createdAt":1,"status":{"phase":"waiting","updatedAt":1},"output":{"x":deep}});
    let report = validate(Input::Value(&value), &ValidateOptions::default());
    assert!(!report.valid);
    assert!(report.issues.iter().any(|i| i.code == Code::Limit && i.message.contains("nesting")), "{report:#?}");
    // Just within the limit: walked as usual.
    let mut within = serde_json::json!(1);
    for _ in 0..(MAX_DEPTH - 5) {
        within = serde_json::json!([within]);
    }
    let value = serde_json::json!({"id":"a","type":"upload","createdAt":1,"status":{"phase":"waiting","updatedAt":1},"output":{"x":within}});
    assert_eq!(
        validate(Input::Value(&value), &ValidateOptions::default()),
        validate_by_value(Input::Value(&value), &ValidateOptions::default())
    );
}

/// Text nested exactly `MAX_DEPTH` deep is within the tape's limit and one level past what
/// `parse_document` builds: `normalise` reports what `validate` reports for it, and a valid
/// one normalises (it is read on its tape), keeping all of its nesting in `extra`.
#[test]
fn text_as_deep_as_the_tape_allows_normalises_as_it_validates() {
    let options = ValidateOptions::default();
    // Flat's `result` must be an object: an array there is an error `validate` lists.
    let nested = |open: &str, close: &str| format!("{}{}", open.repeat(MAX_DEPTH - 1), close.repeat(MAX_DEPTH - 1));
    let invalid = format!(r#"{{"id":"a","state":"done","result":{}}}"#, nested("[", "]"));
    let report = validate(Input::Text(&invalid), &options);
    assert!(!report.valid && report.issues.iter().any(|i| i.path == "/result"), "{report:#?}");
    assert_eq!(taskstatus::normalise(Input::Text(&invalid), &options).err(), Some(report));
    // A property Flat does not declare holds any JSON (a warning): valid on the tape.
    let valid = format!(r#"{{"id":"a","state":"done","custom":{}}}"#, nested("[", "]"));
    let report = validate(Input::Text(&valid), &options);
    assert!(report.valid, "{report:#?}");
    let status = taskstatus::normalise(Input::Text(&valid), &options).expect("valid, so it normalises");
    let mut depth = 0;
    let mut custom = status.extra.get("custom");
    while let Some(serde_json::Value::Array(items)) = custom {
        depth += 1;
        custom = items.first();
    }
    // The document's object and `custom`'s arrays.
    assert_eq!((depth + 1, custom), (MAX_DEPTH, None));
}
