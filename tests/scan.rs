//! The fast path (`scan::clean`) may only ever say "valid" when the full path does, for the
//! same dialect and with no issue at all; and it must say so for ordinary valid documents.

mod common;

use common::{fixtures, mutations};
use serde_json::{json, Value};
use taskstatus::options::ValidateOptions;
use taskstatus::{scan, Input};

/// The property, for one text. The full path is taken through a parsed value (never the
/// fast path), with the text's repeated keys reported from its tape.
fn agrees(text: &str, options: &ValidateOptions) -> Result<(), String> {
    let Some(d) = scan::clean(text, options) else { return Ok(()) };
    if let Err(e) = serde_json::from_str::<Value>(text) {
        return Err(format!("fast path accepted text that is not JSON ({e})"));
    }
    let full = taskstatus::validate_by_value(Input::Text(text), options);
    if full.valid && full.issues.is_empty() && full.dialect.as_deref() == Some(d.id) {
        Ok(())
    } else {
        Err(format!("fast path said {} but the full path said {full:?}", d.id))
    }
}

#[test]
fn never_more_lenient_than_the_full_path() {
    let mut checked = 0;
    for (name, text, options, _) in fixtures() {
        agrees(&text, &options).map_err(|e| format!("{name}: {e}")).unwrap_or_else(|e| panic!("{e}"));
        for (what, t) in mutations(&text) {
            agrees(&t, &options).unwrap_or_else(|e| panic!("{name} {what}: {e}"));
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn numbers_beyond_f64_are_left_to_the_full_path() {
    // Found by fuzzing: the JSON grammar allows these, serde_json rejects them as out of range.
    let ok =
        r#"{"internalTaskID":"3a1d2c4b-5e6f-4a7b-8c9d-0e1f2a3b4c5d","taskStatus":"complete","taskOutput":{"n":1e300}}"#;
    assert!(scan::clean(ok, &ValidateOptions::default()).is_some(), "a large but finite number is fine");
    for n in ["1e400", "158e7667190311", "-1e309", &"9".repeat(400)] {
        // Veritone's taskOutput is free-form: only the number itself can fail the document.
        let text = format!(
            r#"{{"internalTaskID":"3a1d2c4b-5e6f-4a7b-8c9d-0e1f2a3b4c5d","taskStatus":"complete","taskOutput":{{"n":{n}}}}}"#
        );
        agrees(&text, &ValidateOptions::default()).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert!(scan::clean(&text, &ValidateOptions::default()).is_none(), "{n}");
    }
}

#[test]
fn ordinary_valid_documents_take_the_fast_path() {
    let mut n = 0;
    for (name, text, options, expected) in fixtures() {
        let clean_expected =
            expected["valid"] == Value::Bool(true) && expected["issues"].as_array().is_some_and(|i| i.is_empty());
        if clean_expected {
            let d = scan::clean(&text, &options).map(|d| d.id);
            assert_eq!(d, expected["dialect"].as_str(), "{name}");
            n += 1;
        }
    }
    assert!(n >= 30, "{n}");
}

/// A free-form map of any size stays on the fast path when its keys are plain and distinct;
/// a key repeated past the first 32, or an escaped one, leaves it to the full path.
#[test]
fn big_free_form_maps_take_the_fast_path() {
    // Veritone's `taskOutput` is free-form (dialects.md).
    let doc = |extra: &str| {
        let members: Vec<String> = (0..200).map(|i| format!(r#""k{i}":{i}"#)).collect();
        format!(
            r#"{{"internalTaskID":"3a1d2c4b-5e6f-4a7b-8c9d-0e1f2a3b4c5d","taskStatus":"complete","taskOutput":{{{}{extra}}}}}"#,
            members.join(",")
        )
    };
    let options = ValidateOptions::default();
    let plain = doc("");
    assert_eq!(scan::clean(&plain, &options).map(|d| d.id), Some("veritone.task-status-detail"));
    for extra in [r#","k150":0"#, r#","k0":0"#, r#","k\u0031":0"#, r#","k200\n":0"#] {
        let text = doc(extra);
        agrees(&text, &options).unwrap_or_else(|e| panic!("{extra}: {e}"));
        assert!(scan::clean(&text, &options).is_none(), "{extra}");
    } // A small map keeps its keys on the stack: a repeat among them, at any place.
    for members in [r#""a":1,"a":2"#, r#""a":1,"b":2,"c":3,"b":4"#, r#""x":{"y":1,"y":1}"#] {
        let text = format!(
            r#"{{"internalTaskID":"3a1d2c4b-5e6f-4a7b-8c9d-0e1f2a3b4c5d","taskStatus":"complete","taskOutput":{{{members}}}}}"#
        );
        agrees(&text, &options).unwrap_or_else(|e| panic!("{members}: {e}"));
        assert!(scan::clean(&text, &options).is_none(), "{members}");
    }
}

/// The other direction: when the fast path meets an error and calls a document invalid
/// (only the verdict is wanted: a batch past its issue budget), the full path must find it
/// invalid too; and a document judged with no room for issues gets the full path's verdict.
fn judged_alike(text: &str, options: &ValidateOptions) -> Result<bool, String> {
    let full = taskstatus::validate(Input::Text(text), options);
    let fast_invalid = scan::invalid(text, options);
    if fast_invalid && full.valid {
        return Err(format!("fast path said invalid but the full path said {full:?}"));
    }
    let judged = taskstatus::validate(Input::Text(text), &ValidateOptions { max_issues: 0, ..*options });
    if judged.valid != full.valid {
        return Err(format!("judged {judged:?} but the full path said {full:?}"));
    }
    Ok(fast_invalid)
}

#[test]
fn never_stricter_than_the_full_path_when_it_says_invalid() {
    let (mut checked, mut invalid) = (0, 0);
    for (name, text, options, _) in fixtures() {
        for strict in [false, true] {
            let options = ValidateOptions { strict: options.strict || strict, ..options };
            let texts = std::iter::once(("as is".to_owned(), text.clone()))
                .chain(mutations(&text).step_by(5))
                .chain(values_replaced(&text));
            for (what, t) in texts {
                invalid += usize::from(judged_alike(&t, &options).unwrap_or_else(|e| panic!("{name} {what}: {e}")));
                checked += 1;
            }
        }
    }
    assert!(checked > 40_000 && invalid > 2_000, "{checked} checked, {invalid} found invalid by the fast path");
}

#[test]
fn what_only_looks_like_an_error_is_left_to_the_full_path() {
    let options = ValidateOptions::default();
    let veritone = |rest: &str| {
        format!(r#"{{"internalTaskID":"3a1d2c4b-5e6f-4a7b-8c9d-0e1f2a3b4c5d","taskStatus":"complete"{rest}}}"#)
    };
    // (text, valid): each has a value that at first sight fails its declaration (dialects.md:
    // `taskStatus` is one of JobStatusEnum; `errorDetails` is JSON text of `{id, msg}` with
    // string ids; `errorCount` an integer).
    let cases = [
        // A bad status, then the same key again with a good one: the last one counts.
        (veritone(r#","taskStatus":"failed""#).replace(r#""complete""#, r#""finished""#), true),
        // The other way round.
        (veritone(r#","taskStatus":"finished""#), false),
        // Inside JSON text, a number for an id, then the same key with a string.
        (veritone(r#","errorDetails":"[{\"id\":1,\"id\":\"e1\"}]""#), true),
        // And without the second one.
        (veritone(r#","errorDetails":"[{\"id\":1}]""#), false),
        // `errorCount` is an integer: written with a fraction or an exponent, it still is one.
        (veritone(r#","errorCount":1.0"#), true),
        (veritone(r#","errorCount":2e1"#), true),
        (veritone(r#","errorCount":1.5"#), false),
    ];
    for (text, valid) in &cases {
        let full = taskstatus::validate(Input::Text(text), &options);
        assert_eq!(full.valid, *valid, "{text}: {full:?}");
        judged_alike(text, &options).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
}

/// `text` (JSON) with each value in turn replaced by a value of each JSON type, written
/// back as text: documents that are JSON, mostly with one wrong value.
fn values_replaced(text: &str) -> Vec<(String, String)> {
    fn places(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                m.iter().for_each(|(k, v)| places(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out))
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| places(v, format!("{at}/{i}"), out)),
            _ => {}
        }
        out.push(at);
    }
    let Ok(doc) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    let mut at = Vec::new();
    places(&doc, String::new(), &mut at);
    let others =
        [Value::Null, Value::from(7), Value::from(-1.5), Value::from("x"), Value::from(true), json!([]), json!({})];
    let mut out = Vec::new();
    for pointer in at.iter().filter(|p| !p.is_empty()) {
        for other in &others {
            let mut d = doc.clone();
            if let Some(slot) = d.pointer_mut(pointer) {
                *slot = other.clone();
                out.push((format!("{pointer} = {other}"), d.to_string()));
            }
        }
    }
    out
}
