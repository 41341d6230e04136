//! The results' JSON text (`src/json_out.rs`, what the wasm returns) is the text serde's
//! derived `Serialize` writes through serde_json, for every result the fixtures give and for
//! every optional member both present and absent. serde_json is the oracle: the derives
//! declare each result's wire names. Natively, floats are written by zmij in both, as
//! serde_json writes them; the wasm writes them with JS's `String(x)` (`tests/wasm.rs`
//! checks that text reads back as the same doubles).
// Native only: they pass documents as parsed values, which only the native API takes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fixtures, mutations};
use serde::Serialize;
use serde_json::{json, Value};
use taskstatus::batch::{validate_many, InvalidItem};
use taskstatus::issue::{Code, Issue};
use taskstatus::json_out::{self, ToJson};
use taskstatus::model::{ErrorEntry, Level, Message, State};
use taskstatus::options::{summary_options, validate_options};
use taskstatus::summary::{summarise, TaskLine};
use taskstatus::{detect, dialect_list, normalise, validate, Input};

/// 2026-07-08T10:20:00.000Z: late enough for the fixtures' running tasks to be stalled.
const NOW: f64 = 1_783_506_000_000.0;

#[track_caller]
fn same_text<T: Serialize + ToJson>(value: &T, what: &str) {
    let expected = serde_json::to_string(value).expect("serde_json writes every result"); // ok: test code
    assert_eq!(json_out::to_string(value), expected, "{what}");
}

#[test]
fn every_fixture_result_is_written_as_serde_writes_it() {
    for (name, text, options, _) in fixtures() {
        same_text(&validate(Input::Text(&text), &options), &name);
        same_text(&detect(Input::Text(&text)), &name);
        match normalise(Input::Text(&text), &options) {
            Ok(status) => same_text(&status, &name),
            Err(report) => same_text(&report, &name),
        }
        let one = summary_options(&json!({ "stalledAfterMs": 1 }), NOW, "test").expect("options"); // ok: test code
        same_text(&summarise(Input::Text(&text), &one), &name);
    }
}

/// Issues from broken documents: messages quote keys and values with any character in them.
#[test]
fn the_issues_of_every_broken_fixture_are_written_as_serde_writes_them() {
    let options = validate_options(&json!({ "maxIssues": 100000 }), "test").expect("options"); // ok: test code
    for (name, text, _, _) in fixtures().into_iter().step_by(3) {
        for (how, broken) in mutations(&text).step_by(5) {
            same_text(&validate(Input::Text(&broken), &options), &format!("{name}, {how}"));
        }
    }
    for control in (0u8..0x20).chain([b'"', b'\\', 0x7f]) {
        let key = format!("k{}é\u{2028}", char::from(control));
        let doc = json!({ "id": "t", "state": "done", key.clone(): [1.5, null, { "x": 1e300 }] });
        same_text(
            &validate(
                Input::Value(&doc),
                &validate_options(&json!({ "dialect": "flat.task" }), "test").expect("options"),
            ),
            &key,
        ); // ok: test code
    }
}

#[test]
fn collections_and_the_static_results_are_written_as_serde_writes_them() {
    let texts: Vec<String> = fixtures()
        .into_iter()
        .map(|(_, text, _, _)| {
            serde_json::from_str::<Value>(&text).map(|v| v.to_string()).unwrap_or(text.replace('\n', " "))
        })
        .collect();
    let ndjson = texts.join("\n");
    let options = validate_options(&Value::Null, "test").expect("options"); // ok: test code
    same_text(&validate_many(Input::Text(&ndjson), &options), "validateMany");
    for extra in [json!({}), json!({ "tasks": false }), json!({ "stalledAfterMs": 1 }), json!({ "now": 0 })] {
        let o = summary_options(&extra, NOW, "test").expect("options"); // ok: test code
        same_text(&summarise(Input::Text(&ndjson), &o), &extra.to_string());
    }
    same_text(&dialect_list(), "dialects");
}

/// The schemas (written into `pkg/schemas.js` by the generator, natively only).
#[test]
fn schemas_are_written_as_serde_json_writes_them() {
    for id in taskstatus::dialects::IDS.iter().chain(&["normalised"]) {
        same_text(&taskstatus::json_schema(id), id);
    }
}

/// The optional members the fixtures may not reach, each present and absent.
#[test]
fn optional_members_are_left_out_or_written_as_serde_does() {
    for (line, column) in [(None, None), (Some(3), None), (None, Some(0)), (Some(u32::MAX), Some(7))] {
        let issue = Issue { line, column, ..Issue::error(Code::Syntax, "/a~1b", "m\u{0}\"") };
        same_text(&issue, "issue");
        same_text(&InvalidItem { index: usize::MAX, line, issues: vec![issue.clone(), issue] }, "item");
    }
    for code in [None, Some("E1\t".to_owned())] {
        same_text(&ErrorEntry { message: "boom".into(), code: code.clone() }, "error entry");
        for level in [Level::Info, Level::Warning, Level::Error] {
            same_text(&Message { level, text: "t".into(), code: code.clone() }, "message");
        }
    }
    for (progress, eta_ms) in [(None, None), (Some(0.25), Some(1e21)), (Some(f64::NAN), Some(f64::INFINITY))] {
        for state in State::ALL {
            let line =
                TaskLine { index: 0, id: None, dialect: "flat.task".into(), state, progress, eta_ms, text: "x".into() };
            same_text(&line, "task line");
        }
    }
}

/// The wasm's `normalise` writes the values it copies as the document has them
/// (`normalise_with`): the text must read back as the JSON of `normalise`'s status, with
/// numbers, escapes, whitespace and repeated keys as the document wrote them. And text is
/// normalised as its parsed value is (a repeated key counts with its last value).
#[track_caller]
fn written_as_copied_reads_as_status(text: &str, options: &taskstatus::options::ValidateOptions, what: &str) {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        // (A repeated key is an error in text under `strict`, and the value holds none.)
        if let Ok(from_text) = normalise(Input::Text(text), options) {
            assert_eq!(Ok(from_text), normalise(Input::Value(&value), options), "{what}");
        }
    }
    let copied = taskstatus::normalise_with(Input::Text(text), options, |status| json_out::to_string(status));
    match (copied, normalise(Input::Text(text), options)) {
        (Ok(copied), Ok(status)) => {
            let read: Value = serde_json::from_str(&copied).unwrap_or_else(|e| panic!("{what}: {e}: {copied}"));
            assert_eq!(read, serde_json::to_value(&status).expect("json"), "{what}: {copied}");
            // ok: test code
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{what}"),
        (a, b) => panic!("{what}: normalise_with {a:?}, normalise {b:?}"),
    }
}

#[test]
fn normalise_as_copied_reads_as_normalise_writes() {
    for (name, text, options, _) in fixtures() {
        written_as_copied_reads_as_status(&text, &options, &name);
    }
    let options = validate_options(&Value::Null, "test").expect("options"); // ok: test code
                                                                            // Values only copied: odd numbers, escapes, whitespace, a key twice inside `result` and at
                                                                            // the top level, nesting; SailPoint's `returns` naming one result twice.
    let result = r#"{ "n": [1E2, -0, 0.1e-7, 12345678901234567890, -9007199254740993],
        "s\u00e9": "a\"b\\c\u2028\ud83d\ude00\n", "k": 1, "k": {"deep": [[{}], []]},
        "t": true, "f": false, "z": null }"#;
    let texts = [
        format!(r#"{{"id":"f","state":"done","result":{result},"x\u0041":[ 1 , {{ }} ],"xA":2}}"#),
        format!(r#"{{"id":"f","state":"doing","type":"t","result":{result},"result":{{"last":1}},"state":"done"}}"#),
        format!(
            r#"{{"id":"2c9180835d2e5168015d32f890ca1581","type":"QUARTZ","uniqueName":"u","description":"d",
            "parentName":null,"launcher":"l","target":null,"created":"2026-01-01T00:00:00Z","modified":null,
            "launched":null,"completed":null,"completionStatus":"SUCCESS","messages":[],"progress":null,
            "percentComplete":100,
            "attributes":{{"a":{result},"b":[1,2]}},"returns":[{{"name":"r","attributeName":"a"}},
            {{"name":"q","attributeName":"none"}},{{"name":"r","attributeName":"b"}}]}}"#
        ),
    ];
    for text in &texts {
        let report = validate(Input::Text(text), &options);
        assert!(report.valid, "{report:#?}");
        written_as_copied_reads_as_status(text, &options, text);
    }
    for (how, text) in mutations(&texts[0]).step_by(3) {
        written_as_copied_reads_as_status(&text, &options, &how);
    }
}
