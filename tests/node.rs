//! Issues found by walking the tape (`src/node.rs`) are exactly those found by walking a
//! parsed value: the same issues in the same order, with the same messages, positions,
//! dialect and truncation. Checked for every fixture and every mutation of one, under
//! several options, and for the texts the tape must leave to the value path.

mod common;

use common::{fixtures, mutations};
use taskstatus::dialects::ALL;
use taskstatus::options::{DialectChoice, ValidateOptions};
use taskstatus::{validate, validate_by_value, validate_on_tape, Input, NON_FINITE_PREFIX};

/// Both walks over one input. Returns whether the tape walked it (rather than leaving it to
/// the value).
fn agrees_on(input: Input<'_>, options: &ValidateOptions) -> Result<bool, String> {
    let by_value = validate_by_value(input, options);
    match validate_on_tape(input, options) {
        Some(on_tape) if on_tape != by_value => {
            Err(format!("the tape said {on_tape:#?}\nthe value said {by_value:#?}"))
        }
        walked => Ok(walked.is_some()),
    }
}

/// `agrees_on` for text with positions and for encoded text; `validate`, which takes
/// whichever applies, agrees too.
fn agrees(text: &str, options: &ValidateOptions) -> Result<bool, String> {
    let mut walked = false;
    for input in [Input::Text(text), Input::Encoded(text)] {
        walked |= agrees_on(input, options)?;
        let (report, by_value) = (validate(input, options), validate_by_value(input, options));
        if report != by_value {
            return Err(format!("validate said {report:#?}\nthe value said {by_value:#?}"));
        }
    }
    Ok(walked)
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
    let (mut checked, mut walked_invalid) = (0, 0);
    for (name, text, options, expected) in fixtures() {
        for (turn, o) in option_sets(&options, 0).iter().enumerate() {
            let walked = agrees(&text, o).unwrap_or_else(|e| panic!("{name} (options {turn}): {e}"));
            if turn == 0 && walked && expected["issues"].as_array().is_some_and(|i| !i.is_empty()) {
                walked_invalid += 1;
            }
        }
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
    // Most fixtures with issues are walked on the tape, not handed to the value path.
    assert!(walked_invalid >= 40, "{walked_invalid}");
}

#[test]
fn escapes_in_keys_and_states_read_as_decoded() {
    let cases = [
        // A state written with escapes is still the state.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"wait\u0069ng","updatedAt":1},"bogus":1}"#,
        // An escaped key below the top level names the declared field.
        r#"{"id":"a","type":"upload","createdAt":1,"status":{"ph\u0061se":"waiting","updatedAt":"x"}}"#,
        // An escaped key at the top level: the value path decides.
        r#"{"\u0069d":"a","type":"upload","createdAt":1,"status":{"phase":"nope","updatedAt":1}}"#,
        r#"{"id":"a","type":"up\nload","createdAt":1,"status":{"phase":"waiting","updatedAt":1},"x\"y":[1,{"z\/":null}]}"#,
    ];
    for text in cases {
        agrees(text, &ValidateOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
}

#[test]
fn what_only_the_value_path_handles() {
    let cases = [
        // A key twice: the value keeps the last one.
        (r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"waiting","phase":7}}"#, false),
        // Not an object at the top.
        (r#"["a"]"#, false),
        ("null", false),
        // Not JSON.
        (r#"{"id":"a","#, false),
        // No dialect matches: the value path ranks the closest.
        (r#"{"name": "nightly", "status": "green"}"#, false),
    ];
    for (text, on_tape) in cases {
        let walked = agrees(text, &ValidateOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(walked, on_tape, "{text}");
    }
    // More top-level keys than detection's fixed table holds.
    let mut text = String::from(r#"{"id":"a","type":"upload","createdAt":1,"status":{"phase":"failed","updatedAt":1}"#);
    for i in 0..60 {
        text.push_str(&format!(r#","extra{i}":{i}"#));
    }
    text.push('}');
    assert!(!agrees(&text, &ValidateOptions::default()).expect("agrees"));
}

#[test]
fn values_that_were_nan_in_js_are_reported_from_the_tape() {
    let nan = format!("{NON_FINITE_PREFIX}NaN");
    let text = format!(
        r#"{{"id":"a","type":"upload","createdAt":"{nan}","status":{{"phase":"waiting","updatedAt":1,"progress":"{nan}"}},"output":{{"x":["{nan}"]}}}}"#
    )
    .replace('\u{0}', "\\u0000");
    let options = ValidateOptions { non_finite: true, ..ValidateOptions::default() };
    assert!(agrees(&text, &options).expect("agrees"));
    let report = validate(Input::Encoded(&text), &options);
    assert!(report.issues.iter().filter(|i| i.message.contains("NaN")).count() >= 2, "{report:#?}");
}
