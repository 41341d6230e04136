//! Runs every fixture in `tests/fixtures/<dialect>/{valid,invalid}/` natively.
//!
//! A fixture is a document (`<rule>.json`, verbatim text) and its expectation
//! (`<rule>.expected.json`), written from the vendor facts in `reference/dialects.md`:
//! `valid`, `dialect`, every issue's `severity`/`code`/`path`/`line`/`column` in order,
//! `truncated`, optional `options`, and for valid documents the full `normalised` result.
//! The JS suite (`tests/js/suite.js`) runs the same files through the built package.

use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use taskstatus::{normalise, options, validate, Input};

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dialect in fs::read_dir(&root).expect("fixtures dir").flatten() {
        for kind in ["valid", "invalid"] {
            let Ok(entries) = fs::read_dir(dialect.path().join(kind)) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                if name.ends_with(".json") && !name.ends_with(".expected.json") {
                    let expected = p.with_file_name(name.replace(".json", ".expected.json"));
                    out.push((p, expected));
                }
            }
        }
    }
    out.sort();
    out
}

/// The asserted part of an issue (messages are prose; `messageIncludes` checks a fragment).
fn issue_key(issue: &Value) -> Value {
    json!({
        "severity": issue["severity"], "code": issue["code"], "path": issue["path"],
        "line": issue.get("line").cloned().unwrap_or(Value::Null),
        "column": issue.get("column").cloned().unwrap_or(Value::Null),
    })
}

/// JSON numbers compared as numbers: `1` and `1.0` are the same value (as in JS).
fn canon(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(a) => Value::Array(a.iter().map(canon).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), canon(v))).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_fixture_matches_its_expectation() {
    let all = fixtures();
    assert!(all.len() >= 20, "expected the fixture corpus, found {} files", all.len());
    let mut failures = Vec::new();
    for (doc_path, expected_path) in &all {
        let text = fs::read_to_string(doc_path).expect("fixture text");
        let expected: Value = serde_json::from_str(&fs::read_to_string(expected_path).expect("expectation"))
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let opts = options::validate_options(expected.get("options").unwrap_or(&Value::Null), "test")
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let report = serde_json::to_value(validate(Input::Text(&text), &opts)).expect("report");

        let check = |failures: &mut Vec<String>, what: &str, got: &Value, want: &Value| {
            if canon(got) != canon(want) {
                failures.push(format!("{}: {what}\n   got: {got}\n  want: {want}", doc_path.display()));
            }
        };
        check(&mut failures, "valid", &report["valid"], &expected["valid"]);
        check(&mut failures, "dialect", &report["dialect"], &expected["dialect"]);
        check(&mut failures, "truncated", &report["truncated"], expected.get("truncated").unwrap_or(&json!(false)));
        let got: Vec<Value> = report["issues"].as_array().expect("issues").iter().map(issue_key).collect();
        let want: Vec<Value> = expected["issues"].as_array().expect("issues").iter().map(issue_key).collect();
        check(&mut failures, "issues", &json!(got), &json!(want));
        for (g, w) in
            report["issues"].as_array().into_iter().flatten().zip(expected["issues"].as_array().into_iter().flatten())
        {
            if let Some(fragment) = w.get("messageIncludes").and_then(Value::as_str) {
                let message = g["message"].as_str().unwrap_or_default();
                if !message.contains(fragment) {
                    failures.push(format!("{}: message {message:?} lacks {fragment:?}", doc_path.display()));
                }
            }
        }
        if let Some(want) = expected.get("normalised") {
            match normalise(Input::Text(&text), &opts) {
                Ok(status) => check(&mut failures, "normalised", &serde_json::to_value(status).expect("status"), want),
                Err(r) => failures.push(format!("{}: normalise failed: {:?}", doc_path.display(), r.issues)),
            }
        } else if expected["valid"] == json!(false) && normalise(Input::Text(&text), &opts).is_ok() {
            failures.push(format!("{}: normalise accepted an invalid document", doc_path.display()));
        }
    }
    assert!(failures.is_empty(), "{} fixture mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_dialect_has_enough_fixtures() {
    for d in taskstatus::dialects::IDS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(d);
        let count = |kind: &str| {
            fs::read_dir(dir.join(kind))
                .map(|r| r.flatten().filter(|e| !e.file_name().to_string_lossy().ends_with(".expected.json")).count())
                .unwrap_or(0)
        };
        assert!(count("valid") >= 6, "{d}: at least 6 valid fixtures");
        assert!(count("invalid") >= 12, "{d}: at least 12 invalid fixtures");
    }
}
