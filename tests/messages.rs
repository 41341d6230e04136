//! The sentence of each kind of issue, exactly: "Expected <what the declaration takes>,
//! found <what the document holds>." (DESIGN §1). The fixtures' expected files pin codes,
//! paths and positions, not the words; these pin the words, written from the dialect facts
//! (Flat's `TaskState` values, SailPoint's legacy `Success`; reference/dialects.md §4, §5).

use taskstatus::issue::Issue;
use taskstatus::{validate, Input};

fn messages(text: &str) -> Vec<(String, String)> {
    let report = validate(Input::Text(text), &Default::default());
    report.issues.into_iter().map(|Issue { path, message, .. }| (path, message)).collect()
}

fn pairs(expected: &[(&str, impl AsRef<str>)]) -> Vec<(String, String)> {
    expected.iter().map(|(p, m)| (p.to_string(), m.as_ref().to_owned())).collect()
}

#[test]
fn each_kind_of_issue_says_what_was_expected_and_what_was_found() {
    let flat_states = r#"one of "created", "blocked", "doing", "done", "canceled", "error""#;
    let cases: [(&str, Vec<(&str, String)>); 6] = [
        // type, enum, format and a wrong type in an array, in document order.
        (
            r#"{"id": 7, "state": "finished", "creationDate": "yesterday", "errorHistory": ["a", null]}"#,
            vec![
                ("/id", "Expected a string, found the number 7.".into()),
                ("/state", format!(r#"Expected {flat_states}, found the string "finished"."#)),
                (
                    "/creationDate",
                    r#"Expected an RFC 3339 date-time string such as "2026-07-08T10:15:30.000Z", found the string "yesterday"."#
                        .into(),
                ),
                ("/errorHistory/1", "Expected a string, found null.".into()),
            ],
        ),
        // required (at the object that lacks it), before the issues of its members.
        (
            r#"{"state": "done", "isCancellable": "no"}"#,
            vec![
                ("/id", r#"Expected the required property "id" (a string), found it missing."#.into()),
                ("/isCancellable", r#"Expected a boolean, found the string "no"."#.into()),
            ],
        ),
        // unknown-field: a warning, with the declared name it most likely meant.
        (
            r#"{"id": "a", "state": "done", "creation_date": "2026-07-08T10:15:30Z"}"#,
            vec![(
                "/creation_date",
                r#"Expected only the properties of Task, found the unknown property the string "creation_date"; did you mean "creationDate"?"#.into(),
            )],
        ),
        // an object where a string belongs, and an array where an object belongs.
        (
            r#"{"id": {}, "state": "done", "progress": []}"#,
            vec![
                ("/id", "Expected a string, found an object.".into()),
                ("/progress", "Expected a TaskProgress object, found an empty array.".into()),
            ],
        ),
        // legacy-value (SailPoint's Title-case completion status).
        (
            r#"{"id": "a", "type": "QUARTZ", "uniqueName": "n", "description": "d", "parentName": null, "launcher": "l", "modified": null, "created": "2026-07-08T10:15:30Z", "launched": null, "completed": null, "completionStatus": "Success", "messages": [], "returns": [], "attributes": {}, "progress": null, "percentComplete": 0}"#,
            vec![(
                "/completionStatus",
                r#"Expected "SUCCESS", found the legacy spelling the string "Success"."#.into(),
            )],
        ),
        // a number where a boolean belongs.
        (
            r#"{"id": "a", "state": "done", "isCancellable": 0.5}"#,
            vec![("/isCancellable", "Expected a boolean, found the number 0.5.".into())],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(messages(text), pairs(&expected), "{text}");
    }
}

/// A key twice: a warning at the later one, whose value counts (as with `JSON.parse`), the
/// key quoted as written and its pointer escaped (RFC 6901: `/` is `~1`), after the issues of
/// the walk.
#[test]
fn a_repeated_key_is_named_at_its_last_place() {
    let text = r#"{"id": "a", "state": 1, "a/b": 1, "state": "done", "a\/b": 2}"#;
    let unknown = r#"Expected only the properties of Task, found the unknown property the string "a/b"."#;
    let twice = |key: &str| {
        format!("Expected each key once in an object, found \"{key}\" again; the last one counts, as with JSON.parse.")
    };
    let expected = [("/a~1b", unknown.to_owned()), ("/state", twice("state")), ("/a~1b", twice("a/b"))];
    assert_eq!(messages(text), pairs(&expected));
}

/// Veritone's `errorDetails` holds JSON text of an array of `{id, msg}` objects
/// (reference/dialects.md §4): issues inside the text are reported at the string, saying
/// where in the text; text that is not JSON says why.
#[test]
fn issues_inside_json_text_are_reported_at_the_string() {
    let veritone = |error_details: &str| {
        format!(
            r#"{{"errorDetails": {error_details}, "engineID": "8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f", "internalJobID": "0b6f7a52-9d1e-4f0a-8d55-3c2e1b0a9f8e", "internalTaskID": "3a1d2c4b-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "taskStatus": "failed", "timestamp": 1614902430000}}"#
        )
    };
    let expected = "a string holding JSON text of an array of ErrorDetail objects";
    let cases = [
        (
            r#""[{\"id\": \"chunk-7\", \"msg\": 7}]""#,
            "In the JSON text, at /0/msg: Expected a string, found the number 7.".to_owned(),
        ),
        (
            r#""{\"id\": \"chunk-7\"}""#,
            "In the JSON text, at the top: Expected an array of ErrorDetail objects, found an object.".to_owned(),
        ),
        (
            r#""cannot decode chunk 7""#,
            format!("Expected {expected}, found text that is not JSON (a syntax error: expected value)."),
        ),
    ];
    for (details, message) in cases {
        let text = veritone(details);
        assert_eq!(messages(&text), pairs(&[("/errorDetails", &message)]), "{details}");
    }
}

/// Livepeer's asset `source` is one of three objects (reference/dialects.md §2): a value of
/// a type none of them takes names them all; an object that none of them takes is reported
/// as the closest one (the fewest errors, the first of equals) sees it.
#[test]
fn one_of_reports_every_alternative_or_the_closest() {
    let asset = |source: &str| {
        format!(r#"{{"id": "a", "name": "n", "source": {source}, "status": {{"phase": "ready", "updatedAt": 1}}}}"#)
    };
    let all = "a SourceUrl object, or a SourceRecording object, or a SourceDirectUploadOrClip object";
    // {"type": "recording"}: SourceUrl has two errors (its type, no url), SourceRecording one
    // (no sessionId), SourceDirectUploadOrClip one (its type): SourceRecording speaks.
    let cases = [
        ("7", vec![("/source", format!("Expected {all}, found the number 7."))]),
        (
            r#"{"type": "recording"}"#,
            vec![(
                "/source/sessionId",
                r#"Expected the required property "sessionId" (a string), found it missing."#.to_owned(),
            )],
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(messages(&asset(source)), pairs(&expected), "{source}");
    }
}
