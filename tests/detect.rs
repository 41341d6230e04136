//! Detection: every valid fixture is recognised as its own dialect, ambiguity lowers
//! confidence, and a document of no dialect names the closest ones.
// Native only: they pass documents as parsed values, which only the native API takes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fixture_files, fixtures, mutations, Fixture};
use serde_json::{json, Value};
use std::fs;
use std::path::Path;
use taskstatus::{detect, validate, Input};

#[test]
fn every_valid_fixture_is_detected_as_its_dialect() {
    let mut checked = 0;
    let dialect_valid = fixture_files().into_iter().filter(|f| f.kind == "valid");
    for Fixture { dir, name, text, expected, .. } in dialect_valid {
        let Some(id) = taskstatus::dialects::IDS.iter().find(|id| **id == dir) else { continue };
        // A fixture that names its dialect is ambiguous on purpose (see `bare_status_ambiguity`).
        if expected.pointer("/options/dialect").is_some() {
            continue;
        }
        let d = detect(Input::Text(&text));
        assert_eq!(d.dialect.as_deref(), Some(*id), "{name}: {d:?}");
        assert!(d.confidence >= 0.5 && d.confidence <= 1.0, "{name}: {d:?}");
        checked += 1;
    }
    assert!(checked >= 30, "checked {checked}");
}

#[test]
fn bare_status_ambiguity() {
    // `waiting` is a phase of both Livepeer Task and Asset, and {phase, updatedAt} is both
    // bare statuses: each scores 0.3×0.5 + 0.2×1 + 0.5×1 = 0.85. The tie halves the confidence,
    // and the registry order (livepeer.task first) breaks it.
    let d = detect(Input::Value(&json!({"phase": "waiting", "updatedAt": 1587667174725_u64})));
    assert_eq!(d.dialect.as_deref(), Some("livepeer.task"));
    assert!(d.confidence > 0.4 && d.confidence < 0.5, "{d:?}");
    let scores: Vec<(&str, f64)> = d.candidates.iter().map(|c| (c.dialect.as_str(), c.confidence)).collect();
    assert_eq!(scores, [("livepeer.task", 0.85), ("livepeer.asset", 0.85)]);

    // `retries` exists only on a task status: no longer a tie.
    let d = detect(Input::Value(&json!({"phase": "waiting", "updatedAt": 1, "retries": 2})));
    assert_eq!(d.dialect.as_deref(), Some("livepeer.task"));
    assert!(d.confidence > 0.5);
    // `deleting` exists only on an asset.
    let d = detect(Input::Value(&json!({"phase": "deleting", "updatedAt": 1})));
    assert_eq!(d.dialect.as_deref(), Some("livepeer.asset"));
}

#[test]
fn no_dialect_names_the_closest() {
    let r = validate(Input::Text(r#"{"name": "nightly", "status": "green"}"#), &Default::default());
    assert_eq!(r.dialect, None);
    assert_eq!(r.issues.len(), 1);
    let issue = &r.issues[0];
    assert_eq!(serde_json::to_value(issue.code).expect("code"), json!("unknown-dialect"));
    assert!(issue.message.contains("the closest are livepeer.asset"), "{}", issue.message);

    // The whole message: every dialect, then the (up to three) best candidates `detect`
    // ranks, each with its confidence to two decimals; or that none scores at all.
    let known = "livepeer.task, livepeer.asset, sailpoint.task-status, veritone.task-status-detail, flat.task";
    for text in [r#"{"name": "nightly", "status": "green", "id": "x", "type": 1}"#, r#"{"colour": 1}"#] {
        let r = validate(Input::Text(text), &Default::default());
        let ranked: Vec<String> = detect(Input::Text(text))
            .candidates
            .iter()
            .take(3)
            .map(|c| format!("{} ({:.2})", c.dialect, c.confidence))
            .collect();
        let closest = if ranked.is_empty() {
            "none scores above zero".to_owned()
        } else {
            format!("the closest are {}", ranked.join(", "))
        };
        let message =
            format!("Expected a document of one of the dialects {known}, found none that matches; {closest}.");
        assert_eq!(r.issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>(), [message.as_str()], "{text}");
    }
}

#[test]
fn the_checked_dialect_is_the_detected_one() {
    // `best_dialect` (used for every document, and which skips roots that cannot win) must
    // agree with `detect` (which scores every root) on every fixture, every mutation of one,
    // and every fixture without one of its top-level keys.
    let mut n = 0;
    for (name, text, _, _) in fixtures() {
        // Every third mutation (3 is prime to the five kinds made per byte): all took 10 s.
        let mut texts: Vec<(String, String)> = mutations(&text).step_by(3).collect();
        if let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(&text) {
            for key in doc.keys() {
                let mut less = doc.clone();
                less.remove(key);
                texts.push((format!("without {key}"), Value::Object(less).to_string()));
            }
        }
        texts.push(("as is".into(), text));
        for (what, t) in texts {
            let Ok(value) = serde_json::from_str::<Value>(&t) else { continue };
            let Value::Object(doc) = &value else { continue };
            let best = taskstatus::detect::best_dialect(doc).map(|d| d.id);
            let by_value = detect(Input::Value(&value));
            assert_eq!(best, by_value.dialect.as_deref(), "{name} {what}");
            // Text is ranked on its tape (as in the wasm): the same ranking, to the bit.
            assert_eq!(detect(Input::Text(&t)), by_value, "{name} {what}");
            n += 1;
        }
    }
    assert!(n > 20_000, "{n}");
}

/// `detect::choose` finds the root from the key index; it must be the root `Dialect::root_for`
/// names (the full path's rule) for every fixture and every dialect it could be checked against.
#[test]
fn the_fast_root_choice_is_root_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    let mut non_first = 0;
    for id in taskstatus::dialects::IDS {
        for kind in ["valid", "invalid"] {
            for entry in fs::read_dir(root.join(id).join(kind)).expect("fixtures").flatten() {
                let Ok(Value::Object(doc)) = serde_json::from_str(&fs::read_to_string(entry.path()).expect("read"))
                else {
                    continue;
                };
                for d in taskstatus::dialects::ALL {
                    let (_, chosen) =
                        taskstatus::detect::choose(&doc, Some(d)).expect("a fixed dialect is always chosen");
                    let expected = d.root_for(doc.keys().map(String::as_bytes));
                    assert!(
                        std::ptr::eq(chosen, expected),
                        "{}: {} vs {}",
                        entry.path().display(),
                        chosen.object.name,
                        expected.object.name
                    );
                    non_first += usize::from(!std::ptr::eq(expected, &d.roots[0]));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500 && non_first > 10, "{checked} {non_first}");
}

/// Detection keeps its key-only work for the key sequences seen last (`detect::KeyCache`):
/// what depends on state values must be read again for each document. The same keys with
/// states of other dialects, cycled through more sequences than the cache holds, and a key
/// sequence too long to keep: `best_dialect` = the full ranking each time.
#[test]
fn what_detection_keeps_between_documents_depends_on_the_keys_only() {
    // Livepeer: `waiting` is a phase of both Task and Asset, `uploading` of Asset only,
    // `completed` of Task only (dialects.md); `nope` of neither.
    let phases = ["waiting", "uploading", "completed", "nope", "ready"];
    let mut n = 0;
    for round in 0..3 {
        for extra in 0..12 {
            for phase in phases {
                let mut doc = json!({"id": "a", "createdAt": 1, "status": {"phase": phase, "updatedAt": 1}});
                if let Value::Object(map) = &mut doc {
                    // A different sequence per `extra` (12 > the 8 kept), alike across rounds.
                    for i in 0..extra {
                        map.insert(format!("x{i}"), json!(i));
                    }
                    if round == 2 {
                        map.insert("k".repeat(2000), json!(0));
                    }
                }
                let Value::Object(map) = &doc else { continue };
                let best = taskstatus::detect::best_dialect(map).map(|d| d.id);
                assert_eq!(best, detect(Input::Value(&doc)).dialect.as_deref(), "{doc}");
                n += 1;
            }
        }
    }
    assert_eq!(n, 180);
    // Both answers occur, so a cache that kept the first answer per key sequence would fail.
    let answers: std::collections::HashSet<Option<&str>> = phases
        .iter()
        .map(|p| {
            let doc = json!({"id": "a", "createdAt": 1, "status": {"phase": p, "updatedAt": 1}});
            detect(Input::Value(&doc)).dialect.map(|d| if d.contains("asset") { "asset" } else { "task" })
        })
        .collect();
    assert!(answers.len() >= 2, "{answers:?}");
}

/// The top level of a document is checked with its keys' fields as detection kept them for
/// the root it chose (`detect::check_chosen`): the same keys checked against another
/// dialect (fixed by the options, or chosen by their state) are checked against that
/// dialect's fields. Every fixture, auto then fixed to each dialect in turn, as text:
/// `validate` = the value path (a key another dialect does not declare is a warning).
#[test]
fn the_same_keys_checked_against_another_dialect_are_checked_with_its_fields() {
    use taskstatus::options::{DialectChoice, ValidateOptions};
    let fixed = taskstatus::dialects::ALL.iter().map(|d| (d.id, DialectChoice::Fixed(d)));
    let choices: Vec<(&str, DialectChoice)> = std::iter::once(("auto", DialectChoice::Auto)).chain(fixed).collect();
    for (name, text, _, _) in fixtures() {
        for round in 0..2 {
            for &(id, dialect) in &choices {
                let options = ValidateOptions { dialect, ..ValidateOptions::default() };
                let report = validate(Input::Text(&text), &options);
                let by_value = taskstatus::validate_by_value(Input::Text(&text), &options);
                assert_eq!(report, by_value, "{name}, {id}, round {round}");
            }
        }
    }
}

/// For keys where one dialect wins whenever its state is one of its own, the fast path
/// checks that dialect first and takes a passing check as proof of the state, without
/// looking at any state (`detect::check_chosen`). Every valid fixture with its state
/// replaced by every state of every dialect, each also in upper case (another letter case
/// for most), by none of them, `null` and a number, with its state's object emptied, and with no state key
/// (optional in a Livepeer Task: its check passes without one): `validate` on text =
/// the value path, twice each (the second from what detection kept).
#[test]
fn a_passing_check_of_the_dialect_its_keys_favour_proves_its_state() {
    let dialects = taskstatus::dialects::ALL;
    let mut states: Vec<Value> = dialects.iter().flat_map(|d| d.states.iter().map(|(s, _)| json!(s))).collect();
    states.extend(dialects.iter().flat_map(|d| d.states.iter().map(|(s, _)| json!(s.to_uppercase()))));
    states.extend([json!("nope"), json!(null), json!(7), json!("")]);
    let (mut checked, mut clean_by_other_dialect) = (0, 0);
    for Fixture { dir, name, text, expected, .. } in fixture_files().into_iter().filter(|f| f.kind == "valid") {
        let Some(d) = dialects.iter().find(|d| d.id == dir) else { continue };
        let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(&text) else { continue };
        let root = d.root_for(doc.keys().map(String::as_bytes));
        let options = taskstatus::options::validate_options(expected.get("options").unwrap_or(&Value::Null), "t")
            .expect("options");
        let mut variants: Vec<Value> = states
            .iter()
            .filter_map(|state| {
                let mut v = Value::Object(doc.clone());
                *v.pointer_mut(root.state)? = state.clone();
                Some(v)
            })
            .collect();
        // The state pointer's first key kept, what it points into removed; the key removed.
        let first = root.state.split('/').nth(1).unwrap_or("");
        if root.state.matches('/').count() > 1 {
            let mut v = Value::Object(doc.clone());
            v[first] = json!({});
            variants.push(v);
        }
        let mut without = doc.clone();
        without.remove(first);
        variants.push(Value::Object(without));
        for v in variants {
            let text = v.to_string();
            for round in 0..2 {
                let report = validate(Input::Text(&text), &options);
                let by_value = taskstatus::validate_by_value(Input::Text(&text), &options);
                assert_eq!(report, by_value, "{name}, round {round}: {text}");
                if report.valid && report.issues.is_empty() && report.dialect.as_deref() != Some(d.id) {
                    clean_by_other_dialect += 1;
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    // Keys that fit two dialects, and a state of the other one: that one is chosen.
    assert!(clean_by_other_dialect > 0, "{clean_by_other_dialect}");
}

/// Where the fast path's top level does not reach, text is still ranked on its tape: keys
/// with escapes, a key twice (its last value counts, at its first place, as with
/// JSON.parse), a state key twice below the top level, more keys than the fast path lists.
/// Each ranks as its parsed value does.
#[test]
fn text_beyond_the_fast_path_ranks_as_its_value() {
    let many: String = (0..60).map(|i| format!(",\"x{i}\":{i}")).collect();
    let texts = [
        r#"{"id":"a","st\u0061te":"done","creationDate":"2026-07-08T10:15:30Z"}"#.to_owned(),
        r#"{"state":"nope","id":"a","state":"done"}"#.to_owned(),
        r#"{"id":"a","state":"done","id":"b","state":"nope"}"#.to_owned(),
        r#"{"id":"a","createdAt":1,"status":{"phase":"nope","phase":"ready","updatedAt":1}}"#.to_owned(),
        r#"{"id":"a","createdAt":1,"status":{"phase":"ready","phase":"nope","updatedAt":1}}"#.to_owned(),
        format!(r#"{{"id":"a","state":"done"{many}}}"#),
    ];
    let mut dialects = std::collections::HashSet::new();
    for text in &texts {
        let value: Value = serde_json::from_str(text).expect("the texts are JSON");
        let by_value = detect(Input::Value(&value));
        assert_eq!(detect(Input::Text(text)), by_value, "{text}");
        dialects.insert(by_value.dialect);
    }
    // Not all alike: the repeated keys change the answer.
    assert!(dialects.len() >= 2, "{dialects:?}");
}
