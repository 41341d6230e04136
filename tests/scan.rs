//! The fast path (`scan::clean`) may only ever say "valid" when the full path does, for the
//! same dialect and with no issue at all; and it must say so for ordinary valid documents.

mod common;

use common::{fixtures, mutations};
use serde_json::Value;
use taskstatus::options::ValidateOptions;
use taskstatus::{scan, Input};

/// The property, for one text.
fn agrees(text: &str, options: &ValidateOptions) -> Result<(), String> {
    let Some(d) = scan::clean(text, options) else { return Ok(()) };
    let full = taskstatus::validate(
        Input::Value(&match serde_json::from_str::<Value>(text) {
            Ok(v) => v,
            Err(e) => return Err(format!("fast path accepted text that is not JSON ({e})")),
        }),
        options,
    );
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
    }
}
