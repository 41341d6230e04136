//! What several test files share: the fixtures, and the texts derived from them.
// Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::fs;
use std::path::Path;
use taskstatus::options::{validate_options, ValidateOptions};

/// One fixture document and what its `.expected.json` says of it.
pub struct Fixture {
    /// The directory it is in: a dialect id, or `auto`.
    pub dir: String,
    /// `valid` or `invalid`.
    pub kind: &'static str,
    pub name: String,
    pub text: String,
    pub expected: Value,
}

/// Every fixture document, read once.
pub fn fixture_files() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in fs::read_dir(root).expect("fixtures").flatten() {
        for kind in ["valid", "invalid"] {
            for e in fs::read_dir(dir.path().join(kind)).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".expected.json") {
                    continue;
                }
                let expected: Value = serde_json::from_str(
                    &fs::read_to_string(e.path().with_file_name(name.replace(".json", ".expected.json")))
                        .expect("read"),
                )
                .expect("json");
                let text = fs::read_to_string(e.path()).expect("read");
                out.push(Fixture { dir: dir.file_name().to_string_lossy().into_owned(), kind, name, text, expected });
            }
        }
    }
    out
}

/// Every fixture document: (file name, text, options from its `.expected.json`, expected).
pub fn fixtures() -> Vec<(String, String, ValidateOptions, Value)> {
    fixture_files()
        .into_iter()
        .map(|f| {
            let options = validate_options(f.expected.get("options").unwrap_or(&Value::Null), "test").expect("options");
            (f.name, f.text, options, f.expected)
        })
        .collect()
}

/// Every truncation of `text`, and `text` with each byte replaced by a few troublemakers,
/// where the result is still UTF-8: (what was done, the text).
pub fn mutations(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len()).flat_map(move |cut| {
        let truncated = std::str::from_utf8(&bytes[..cut]).ok().map(|t| (format!("cut at {cut}"), t.to_owned()));
        let replaced = [b'"', b'1', b'x', b'}'].into_iter().filter_map(move |c| {
            let mut m = bytes.to_vec();
            m[cut] = c;
            String::from_utf8(m).ok().map(|t| (format!("byte {cut} → {}", c as char), t))
        });
        truncated.into_iter().chain(replaced)
    })
}
