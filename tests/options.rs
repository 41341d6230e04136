//! The options readers (`src/options.rs`) read the wasm's options text on its tape exactly as
//! they read a parsed value natively: the same options, or the same `TypeError` message.
// Native only: the reference is a parsed value.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use taskstatus::node::TapeNode;
use taskstatus::options::{summary_options, validate_options, ArgumentError, DialectChoice, SummaryOptions};
use taskstatus::tape;

/// 2026-07-08T10:20:00.000Z
const CLOCK: f64 = 1_783_506_000_000.0;

/// What an options reader decided, comparable.
type Read = Result<(Option<&'static str>, bool, usize, f64, f64, bool), ArgumentError>;

fn seen(o: Result<SummaryOptions, ArgumentError>) -> Read {
    o.map(|o| {
        let dialect = match o.validate.dialect {
            DialectChoice::Auto => None,
            DialectChoice::Fixed(d) => Some(d.id),
        };
        (dialect, o.validate.strict, o.validate.max_issues, o.now_ms, o.stalled_after_ms, o.tasks)
    })
}

/// `validate_options` and `summary_options` of `json`, on its tape and as a parsed value.
fn both_ways(json: &str) -> [(Read, Read); 2] {
    let value: Value = serde_json::from_str(json).expect("test options are JSON"); // ok: test code
    tape::with(json.as_bytes(), |tape| {
        let node = TapeNode { text: json, tape: tape.expect("read"), at: 0, repeats: false }; // ok: test code
        let as_validate =
            |o: Result<_, _>| seen(o.map(|validate| SummaryOptions { validate, ..SummaryOptions::new(0.0) }));
        [
            (as_validate(validate_options(node, "f")), as_validate(validate_options(&value, "f"))),
            (seen(summary_options(node, CLOCK, "f")), seen(summary_options(&value, CLOCK, "f"))),
        ]
    })
}

#[test]
fn options_read_on_a_tape_as_from_a_value() {
    let cases = [
        "null",
        "{}",
        r#"{"dialect":"flat.task","strict":true,"maxIssues":7}"#,
        r#"{"dialect":"auto"}"#,
        r#"{"dialect":null,"strict":null,"maxIssues":null,"now":null,"stalledAfterMs":null,"tasks":null}"#,
        r#"{"dialect":"nope"}"#,
        r#"{"dialect":1}"#,
        r#"{"strict":"yes"}"#,
        r#"{"maxIssues":0}"#,
        r#"{"maxIssues":100000}"#,
        r#"{"maxIssues":100001}"#,
        r#"{"maxIssues":1.5}"#,
        r#"{"maxIssues":-1}"#,
        r#"{"dialcet":"flat.task"}"#,
        r#"{"di\u0061lect":"flat.task"}"#,
        r#"{"strict":false,"strict":true}"#,
        r#"{"maxIssues":5,"maxIssues":null}"#,
        "[]",
        r#""flat.task""#,
        "true",
        r#"{"now":"2026-07-08T10:05:00.000Z","stalledAfterMs":60000,"tasks":false}"#,
        r#"{"now":1}"#,
        r#"{"now":"yesterday"}"#,
        r#"{"now":[]}"#,
        r#"{"stalledAfterMs":-1}"#,
        r#"{"stalledAfterMs":"1"}"#,
        r#"{"tasks":0}"#,
    ];
    for json in cases {
        for (on_tape, from_value) in both_ways(json) {
            assert_eq!(on_tape, from_value, "{json}");
        }
    }
}

/// What the rules say, for a few of them (the defaults: auto, not strict, 100 issues, the
/// clock, 15 minutes, tasks listed).
#[test]
fn options_read_on_a_tape_follow_the_rules() {
    let summary = |json: &str| both_ways(json)[1].0.clone();
    let defaults = Ok((None, false, 100, CLOCK, 900_000.0, true));
    assert_eq!(summary("null"), defaults);
    assert_eq!(summary(r#"{"dialect":null,"strict":null,"tasks":null}"#), defaults);
    assert_eq!(summary(r#"{"strict":false,"strict":true}"#), Ok((None, true, 100, CLOCK, 900_000.0, true)));
    assert_eq!(summary(r#"{"di\u0061lect":"flat.task"}"#), Ok((Some("flat.task"), false, 100, CLOCK, 900_000.0, true)));
    assert_eq!(summary(r#"{"now":1,"tasks":false}"#), Ok((None, false, 100, 1.0, 900_000.0, false)));
    let message = |json: &str| summary(json).err().map(|e| e.0).unwrap_or_default();
    assert!(message(r#"{"maxIssues":100001}"#).contains("got the number 100001"), "{}", message("{}"));
    assert!(message(r#"{"dialcet":1}"#).starts_with("f: unknown option \"dialcet\"; the options are dialect,"));
    assert!(message(r#"{"strictly":true}"#).starts_with("f: unknown option \"strictly\""));
    assert!(message("[]").starts_with("f: options must be an object, got an empty array"));
}
