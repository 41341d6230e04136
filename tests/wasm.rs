//! The binding layer (`src/wasm.rs`) under wasm-bindgen-test, in Node and in headless
//! Chromium (`make test-wasm`). Round trips: each JS result is turned back into the
//! typed Rust value and compared exactly with what the native core returns.
#![cfg(target_arch = "wasm32")]

use serde::de::DeserializeOwned;
use taskstatus::model::NormalisedStatus;
use taskstatus::options::{self, ValidateOptions};
use taskstatus::summary::Summary;
use taskstatus::{wasm, Detection, Input, Report};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const DOING: &str = include_str!("fixtures/flat.task/valid/doing.json");
const CHILDREN: &str = include_str!("fixtures/flat.task/valid/with-children.json");
const CHILD_INVALID: &str = include_str!("fixtures/flat.task/invalid/child-invalid.json");
const UTF16: &str = include_str!("fixtures/flat.task/invalid/utf16-columns.json");

fn back<T: DeserializeOwned>(v: Result<JsValue, JsValue>) -> T {
    let v = v.unwrap_or_else(|e| panic!("the binding threw {e:?}"));
    serde_wasm_bindgen::from_value(v).unwrap_or_else(|e| panic!("not the typed shape: {e}"))
}

fn threw_type_error(v: Result<JsValue, JsValue>) -> String {
    match v {
        Ok(v) => panic!("expected a TypeError, got {v:?}"),
        Err(e) => {
            assert!(e.is_instance_of::<js_sys::TypeError>(), "not a TypeError: {e:?}");
            e.unchecked_into::<js_sys::Error>().message().into()
        }
    }
}

/// The message of the plain JS `Error` (not a TypeError) that `v` threw.
fn threw_error<T: std::fmt::Debug>(v: Result<T, JsValue>) -> String {
    match v {
        Ok(v) => panic!("expected an Error, got {v:?}"),
        Err(e) => {
            assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
            assert!(!e.is_instance_of::<js_sys::TypeError>(), "a TypeError: {e:?}");
            e.unchecked_into::<js_sys::Error>().message().into()
        }
    }
}

/// `validate`'s binding, as `js/api.js` calls it: the text in the input buffer, the options
/// set before; a clean document comes back as its dialect's index in the registry (the
/// JS side builds the report from it), any other as `NOT_CLEAN` with its report waiting.
fn validated(text: &str, encoded: bool) -> Report {
    wasm::use_options("null", "validate").unwrap_or_else(|e| panic!("threw {e:?}"));
    let out =
        wasm::validate(wasm::write_input(text.as_bytes()), encoded, false).unwrap_or_else(|e| panic!("threw {e:?}"));
    if out == wasm::NOT_CLEAN {
        return back(wasm::take_report());
    }
    // `js/api.js` reads the index in `pkg/dialects.js`, the registry in order (tests/docs.rs).
    let ids = taskstatus::dialects::IDS;
    let id = ids.get(out as usize).unwrap_or_else(|| panic!("index {out} of {ids:?}"));
    Report { valid: true, dialect: Some((*id).to_owned()), issues: Vec::new(), truncated: false }
}

#[wasm_bindgen_test]
fn validate_round_trips_with_positions() {
    let clean = wasm::validate(wasm::write_input(DOING.as_bytes()), false, false);
    assert!(clean.is_ok_and(|n| n != wasm::NOT_CLEAN));
    // A report is taken once.
    let _ = validated(CHILD_INVALID, false);
    assert_eq!(threw_error(wasm::take_report()), "takeReport: no report waiting");
    for text in [DOING, CHILD_INVALID, UTF16] {
        assert_eq!(validated(text, false), taskstatus::validate(Input::Text(text), &ValidateOptions::default()));
    }
    // The positions themselves, as the fixture states them (1-based, UTF-16 columns).
    let js = validated(UTF16, false);
    assert_eq!((js.issues[0].line, js.issues[0].column), (Some(1), Some(25)));
}

#[wasm_bindgen_test]
fn encoded_input_has_no_positions() {
    let js = validated(CHILD_INVALID, true);
    assert!(!js.valid);
    assert!(js.issues.iter().all(|i| i.line.is_none() && i.column.is_none()));
}

#[wasm_bindgen_test]
fn normalise_round_trips() {
    #[derive(serde::Deserialize)]
    struct Out {
        status: NormalisedStatus,
    }
    let js: Out = back(wasm::normalise(CHILDREN.as_bytes(), false, false, "null"));
    let native = taskstatus::normalise(Input::Text(CHILDREN), &ValidateOptions::default()).expect("valid fixture");
    assert_eq!(js.status, native);
    assert_eq!(js.status.children.len(), 2);
}

#[wasm_bindgen_test]
fn normalise_reports_instead_of_status_when_invalid() {
    #[derive(serde::Deserialize)]
    struct Out {
        report: Report,
    }
    let js: Out = back(wasm::normalise(CHILD_INVALID.as_bytes(), false, false, "null"));
    assert_eq!(js.report.issues.len(), 2);
}

#[wasm_bindgen_test]
fn summarise_and_detect_round_trip() {
    let ndjson = format!("{}\n\n{}\n", DOING.replace('\n', ""), CHILD_INVALID.replace('\n', ""));
    let opts = r#"{"now":"2026-07-08T10:20:00Z"}"#;
    let js: Summary = back(wasm::summarise(ndjson.as_bytes(), false, false, opts));
    let native_opts =
        options::summary_options(&serde_json::from_str(opts).expect("json"), 0.0, "summarise").expect("options");
    assert_eq!(js, taskstatus::summary::summarise(Input::Text(&ndjson), &native_opts));
    assert_eq!((js.total, js.valid, js.invalid), (2, 1, 1));
    assert_eq!(js.invalid_items[0].line, Some(3));

    let js: Detection = back(wasm::detect(DOING.as_bytes()));
    assert_eq!(js, taskstatus::detect(Input::Text(DOING)));
}

#[wasm_bindgen_test]
fn bad_arguments_throw_type_errors() {
    let m = threw_type_error(wasm::use_options(r#"{"dialect":"nope"}"#, "validate").map(|()| JsValue::NULL));
    assert!(m.contains("flat.task") && m.starts_with("validate:"), "{m}");
    threw_type_error(wasm::use_options(r#"{"maxIssues":-1}"#, "validateMany").map(|()| JsValue::NULL));
    threw_type_error(wasm::summarise(b"{}", false, false, r#"{"now":"yesterday"}"#));
}

/// The binding's own guards (`js/api.js` guards before them): plain Errors that say what.
#[wasm_bindgen_test]
fn misuse_throws_errors_that_name_it() {
    let mut v = wasm::NdjsonStream::new("null", false).unwrap_or_else(|e| panic!("threw {e:?}"));
    let _ = back::<serde_json::Value>(v.finish());
    assert_eq!(threw_error(v.push_bytes(b"{}")), "createValidator: push() after finish()");
    assert_eq!(threw_error(v.finish()), "createValidator: finish() called twice");
    assert_eq!(threw_error(wasm::many_push(0)), "manyPush: no manyBegin");
    assert_eq!(threw_error(wasm::many_finish()), "manyFinish: no manyBegin");
    assert!(wasm::NdjsonStream::new("{\"now\":\"x\"}", true).is_err_and(|e| e.is_instance_of::<js_sys::TypeError>()));
    let mut s = wasm::NdjsonStream::new("null", true).unwrap_or_else(|e| panic!("threw {e:?}"));
    let _ = back::<serde_json::Value>(s.finish());
    assert_eq!(threw_error(s.push_bytes(b"{}")), "createSummariser: push() after finish()");
    assert_eq!(threw_error(s.finish()), "createSummariser: finish() called twice");
}

/// The tape's string scan, which in wasm reads sixteen bytes at a time with SIMD128 (eight
/// natively, tested in `tape.rs`): each byte that ends or interrupts a plain run is found
/// wherever it falls in a step, and what is a JSON string, and its text, is serde_json's.
#[wasm_bindgen_test]
fn strings_are_read_as_serde_json_reads_them_at_every_offset() {
    use taskstatus::tape::{self, Tape};
    let pieces: [&[u8]; 15] = [
        b"\"",
        b"\\n",
        b"\\u00e9",
        b"\\",
        b"\x1f",
        b"\x00",
        b"\x7f",
        b" ",
        b"~",
        "é".as_bytes(),
        b"\xc2\x80",
        b"\x80",
        b"\xe9",
        b"\xff",
        "😀".as_bytes(),
    ];
    let mut tape = Tape::default();
    for pad in 0..34 {
        for piece in pieces {
            for tail in [0, 1, 15, 16, 17] {
                let mut text = b"[\"".to_vec();
                text.extend(std::iter::repeat_n(b'p', pad));
                text.extend_from_slice(piece);
                text.extend(std::iter::repeat_n(b'q', tail));
                text.extend_from_slice(b"\"]");
                let theirs = serde_json::from_slice::<serde_json::Value>(&text).ok();
                let ours = tape.read(&text, 8).and_then(|()| tape::unescaped_bytes(&text, tape.get(1)?));
                let theirs = theirs.as_ref().and_then(|v| Some(v.get(0)?.as_str()?.as_bytes()));
                assert_eq!(ours.as_deref(), theirs, "{text:x?}");
            }
        }
    }
}

/// The wasm writes floats with JS's `String(x)` (no float writer in the package); natively
/// messages lay out zmij's digits as ECMAScript does. Messages must read the same on both, and results
/// must read back as the same doubles.
#[wasm_bindgen_test]
fn floats_are_written_as_natively_and_read_back_exactly() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut doubles: Vec<f64> = (0..20_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            f64::from_bits(seed)
        })
        .filter(|x| x.is_finite())
        .collect();
    // Short decimals, integers around 2^53 and the layout's edges (1e21, 1e-7).
    doubles.extend((0..2000).map(|i| f64::from(i) / 100.0 - 5.0));
    doubles.extend([9007199254740993.0, 1e21, 999999999999999900000.0, 1e-7, 1e-6, 5e-324, f64::MAX, -0.0]);
    for x in doubles {
        let message = taskstatus::json_out::float(x);
        assert_eq!(message, taskstatus::json_out::ecmascript(x), "{x:e}");
        // Exactly the same double (JSON has one zero: `-0` is written `0`).
        let written = taskstatus::json_out::to_string(&x);
        let expected = if x == 0.0 { 0.0 } else { x };
        assert_eq!(written.parse::<f64>().ok().map(f64::to_bits), Some(expected.to_bits()), "{x:e}: {written}");
    }
}
