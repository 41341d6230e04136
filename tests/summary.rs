//! Summaries, with a fixed `now`; every expected value is worked out by hand from the
//! fixtures (their vendor facts are in reference/dialects.md) and DESIGN §2.
// Native only: they pass documents as parsed values, which only the native API takes.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::fs;
use std::path::Path;
use taskstatus::options::{summary_options, SummaryOptions};
use taskstatus::summary::{percent, summarise, Summary};
use taskstatus::Input;

/// 2026-07-08T10:20:00.000Z = 20642 days × 86 400 000 ms + 37 200 000 ms.
const NOW: f64 = 1_783_506_000_000.0;

fn compact(dialect: &str, kind: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dialect)
        .join(kind)
        .join(format!("{name}.json"));
    let v: Value = serde_json::from_str(&fs::read_to_string(path).expect("fixture")).expect("json");
    serde_json::to_string(&v).expect("json")
}

fn options(extra: Value) -> SummaryOptions {
    summary_options(&extra, NOW, "summarise").expect("options")
}

fn mixed() -> String {
    [
        compact("livepeer.task", "valid", "running-upload"),
        compact("livepeer.asset", "valid", "processing"),
        compact("sailpoint.task-status", "valid", "running"),
        compact("veritone.task-status-detail", "valid", "failed-error-details-seconds"),
        compact("flat.task", "valid", "done"),
        String::new(),
        compact("flat.task", "invalid", "state-enum"),
        compact("flat.task", "valid", "created"),
    ]
    .join("\n")
}

#[test]
fn a_mixed_ndjson_collection() {
    let s = summarise(Input::Text(&mixed()), &options(Value::Null));
    assert_eq!((s.total, s.valid, s.invalid), (7, 6, 1), "the blank line is no document");
    assert_eq!(
        serde_json::to_value(&s.by_state).expect("json"),
        json!({"queued": 1, "running": 3, "succeeded": 1, "failed": 1, "cancelled": 0, "unknown": 0})
    );
    assert_eq!(
        serde_json::to_value(s.by_dialect).expect("json"),
        json!({"livepeer.task": 1, "livepeer.asset": 1, "sailpoint.task-status": 1, "veritone.task-status-detail": 1, "flat.task": 2})
    );
    // Non-terminal tasks reporting progress: 0.5, 0.35, 0.35 (the queued Flat task has none).
    assert!((s.progress.expect("progress") - 0.4).abs() < 1e-12);
    // Stalled: the three running tasks, last updated in 2020 (idle = NOW − updatedAt).
    let stalled: Vec<(Option<&str>, &str, &str, f64)> =
        s.stalled.iter().map(|x| (x.id.as_deref(), x.dialect.as_str(), x.updated_at.as_str(), x.idle_ms)).collect();
    assert_eq!(
        stalled,
        [
            (
                Some("09F8B46C-61A0-4254-9875-F71F4C605BC7"),
                "livepeer.task",
                "2020-04-23T18:39:50.311Z",
                195_838_809_689.0
            ),
            (
                Some("09F8B46C-61A0-4254-9875-F71F4C605BC7"),
                "livepeer.asset",
                "2020-04-23T18:39:40.000Z",
                195_838_820_000.0
            ),
            (Some("id12345"), "sailpoint.task-status", "2020-07-11T21:25:02.000Z", 189_003_298_000.0),
        ]
    );
    assert_eq!(s.failures.len(), 1);
    assert_eq!(s.failures[0].message, "cannot decode", "the best message: errorDetails' msg");
    assert_eq!(s.invalid_items.len(), 1);
    assert_eq!((s.invalid_items[0].index, s.invalid_items[0].line), (5, Some(7)));
    let i = &s.invalid_items[0].issues[0];
    assert_eq!((i.path.as_str(), i.line, i.column), ("/state", Some(7), Some(42)));
    assert_eq!(s.text, "7 tasks: 1 queued, 3 running (avg 40%), 1 succeeded, 1 failed · 3 stalled · 1 invalid");

    let lines: Vec<(usize, &str, Option<f64>)> = s.tasks.iter().map(|t| (t.index, t.text.as_str(), t.eta_ms)).collect();
    assert_eq!(
        lines,
        [
            // ETA = elapsed × (1 − p) / p, elapsed from startedAt (scheduledAt here) to now.
            (0, "Livepeer upload 09F8B46C…: running 50% · updated 2266 d ago", Some(195_838_824_988.0)),
            // No startedAt: elapsed runs from createdAt.
            (1, "Livepeer video filename.mp4: running 35% · updated 2266 d ago", Some(363_700_675_511.0)),
            (
                2,
                "SailPoint QUARTZ Cloud Account Aggregation: running 35% · Started · updated 2187 d ago",
                Some(351_006_323_571.0)
            ),
            (3, "Veritone 3a1d2c4b…: failed · updated 1951 d ago", None),
            (4, "Flat 65ead1f0…: succeeded", None),
            (6, "Flat audio-export 65ead1f0…: queued · updated 4 min ago", None),
        ]
    );
}

#[test]
fn every_input_form_gives_the_same_summary() {
    let text = mixed();
    let docs: Vec<Value> =
        text.lines().filter(|l| !l.is_empty()).map(|l| serde_json::from_str(l).expect("json")).collect();
    let from_ndjson = summarise(Input::Text(&text), &options(Value::Null));
    let array = Value::Array(docs);
    let from_array = summarise(Input::Value(&array), &options(Value::Null));
    let pretty = serde_json::to_string_pretty(&array).expect("json");
    let from_json_text = summarise(Input::Text(&pretty), &options(Value::Null));
    // Same counts and lines; only the positions of the invalid item differ by form.
    let strip = |mut s: Summary| {
        s.invalid_items.iter_mut().for_each(|i| {
            i.line = None;
            i.issues.iter_mut().for_each(|x| {
                x.line = None;
                x.column = None;
            });
        });
        s
    };
    assert_eq!(strip(from_array.clone()), strip(from_ndjson));
    assert_eq!(strip(from_json_text), strip(from_array));
}

/// A running Flat task last modified at `at`.
fn doing(id: &str, at: &str) -> Value {
    json!({"id": id, "state": "doing", "modificationDate": at})
}

#[test]
fn stalled_boundaries() {
    let docs = json!([
        doing("exactly-15-min", "2026-07-08T10:05:00.000Z"),
        doing("just-over", "2026-07-08T10:04:59.999Z"),
        doing("just-under", "2026-07-08T10:05:00.001Z"),
    ]);
    let s = summarise(Input::Value(&docs), &options(Value::Null));
    let ids: Vec<(Option<&str>, f64)> = s.stalled.iter().map(|x| (x.id.as_deref(), x.idle_ms)).collect();
    assert_eq!(ids, [(Some("just-over"), 900_001.0)], "stalled means idle for more than stalledAfterMs");
    assert_eq!(s.text, "3 tasks: 3 running · 1 stalled");

    let s = summarise(Input::Value(&docs), &options(json!({"stalledAfterMs": 60000})));
    assert_eq!(s.stalled.len(), 3);
    let s = summarise(Input::Value(&docs), &options(json!({"now": "2026-07-08T10:05:00.000Z"})));
    assert_eq!(s.stalled.len(), 0, "now as RFC 3339");
}

#[test]
fn a_task_with_no_timestamps() {
    let s = summarise(
        Input::Value(&json!({"id": "no-times", "state": "doing", "progress": {"percent": 40}})),
        &options(Value::Null),
    );
    assert!(s.stalled.is_empty(), "without updatedAt a task cannot be called stalled");
    assert_eq!(s.tasks[0].text, "Flat no-times: running 40%");
    assert_eq!(s.tasks[0].eta_ms, None, "no start time: no ETA, rather than a guess");
    assert_eq!(s.text, "1 task: 1 running (40%)");
}

#[test]
fn singular_and_plural() {
    let summary = |v: Value| summarise(Input::Value(&v), &options(Value::Null)).text;
    assert_eq!(summary(json!([])), "0 tasks");
    assert_eq!(summary(json!({"id": "a", "state": "done"})), "1 task: 1 succeeded");
    assert_eq!(summary(json!([{"id": "a", "state": "done"}, {"id": "b", "state": "done"}])), "2 tasks: 2 succeeded");
    assert_eq!(
        summary(
            json!([{"id": "a", "state": "doing", "progress": {"percent": 20}}, {"id": "b", "state": "doing", "progress": {"percent": 57}}])
        ),
        "2 tasks: 2 running (avg 39%)"
    );
    assert_eq!(summary(json!([{"id": "a", "state": "nope"}])), "1 task · 1 invalid");
}

#[test]
fn percentages_never_claim_the_end_early() {
    assert_eq!([percent(0.0), percent(0.004), percent(0.385), percent(0.995), percent(1.0)], [0, 1, 39, 99, 100]);
}

#[test]
fn ndjson_with_invalid_and_blank_lines_and_tasks_off() {
    let text = "\n{\"id\":\"a\",\"state\":\"done\"}\n\r\nnot json\n{\"id\":\"b\",\"state\":\"doing\"}\n\n";
    let s = summarise(Input::Text(text), &options(json!({"tasks": false})));
    assert_eq!((s.total, s.valid, s.invalid), (3, 2, 1));
    assert_eq!((s.invalid_items[0].index, s.invalid_items[0].line), (1, Some(4)));
    assert_eq!(s.invalid_items[0].issues[0].code, serde_json::from_value(json!("syntax")).expect("code"));
    assert!(s.tasks.is_empty(), "tasks: false keeps a huge summary small");
    assert_eq!(s.text, "3 tasks: 1 running, 1 succeeded · 1 invalid");
}

#[test]
fn per_dialect_collections_agree_with_the_normalisation_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for id in taskstatus::dialects::IDS {
        let mut docs = Vec::new();
        let mut states = serde_json::Map::new();
        for e in fs::read_dir(root.join(id).join("valid")).expect("fixtures").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".expected.json") {
                continue;
            }
            let expected: Value = serde_json::from_str(
                &fs::read_to_string(e.path().with_file_name(name.replace(".json", ".expected.json"))).expect("read"),
            )
            .expect("json");
            let state = expected["normalised"]["state"].as_str().expect("state").to_owned();
            let n = states.get(&state).and_then(Value::as_u64).unwrap_or(0);
            states.insert(state, json!(n + 1));
            docs.push(serde_json::from_str::<Value>(&fs::read_to_string(e.path()).expect("read")).expect("json"));
        }
        let s = summarise(Input::Value(&Value::Array(docs.clone())), &options(json!({"dialect": id})));
        assert_eq!((s.total, s.valid), (docs.len() as u64, docs.len() as u64), "{id}");
        let by_state = serde_json::to_value(&s.by_state).expect("json");
        for (state, n) in &states {
            assert_eq!(&by_state[state], n, "{id}: {state}");
        }
        assert_eq!(s.by_dialect.get(id), Some(docs.len() as u64), "{id}");
        assert_eq!(s.failures.len() as u64, states.get("failed").and_then(Value::as_u64).unwrap_or(0), "{id}");
    }
}

/// `createSummariser`: the same summary as `summarise` over the whole text, whatever the
/// chunking (a cut at every byte, so every UTF-8 sequence and CRLF pair is split once).
#[test]
fn a_summary_stream_matches_summarise_at_every_chunk_boundary() {
    let text = format!("{}\r\n{{\"id\":\"é😀\",\"state\":\"doing\"}}\n\nnot json", mixed());
    let opts = options(Value::Null);
    let whole = summarise(Input::Text(&text), &opts);
    assert_eq!((whole.total, whole.invalid), (9, 2), "the hand count: 7 + the emoji task + `not json`");
    for cut in 0..=text.len() {
        let (a, b) = text.as_bytes().split_at(cut);
        let mut s = taskstatus::summary::stream(opts);
        s.push(a);
        s.push(b);
        assert_eq!(taskstatus::summary::finish(s), whole, "cut at byte {cut}");
    }
}
