//! Parsing (`src/parse.rs`) gives the value serde_json parses, and for text that is not JSON
//! the issue serde_json's own error makes: every fixture, every mutation of every fixture,
//! numbers at the edges of each representation, and nesting around the limit. serde_json's
//! `Value` parser is the oracle (the wasm no longer contains it).

mod common;

use common::{fixtures, mutations};
use serde_json::Value;
use taskstatus::issue::{Code, Issue};
use taskstatus::parse::{parse_document, MAX_DEPTH};
use taskstatus::position::utf16_column;

/// What serde_json's `Value` parser says of `text`, as an issue where it refuses it.
fn oracle(text: &str) -> Result<Value, Issue> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let full = e.to_string();
        let what = full.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&full);
        let mut issue = if what.starts_with("recursion limit exceeded") {
            Issue::error(
                Code::Limit,
                "",
                format!("Expected nesting of at most {MAX_DEPTH} levels, found deeper nesting."),
            )
        } else {
            Issue::error(Code::Syntax, "", format!("Expected valid JSON, found a syntax error: {what}."))
        };
        let line = e.line().max(1);
        issue.line = u32::try_from(line).ok();
        issue.column = u32::try_from(utf16_column(text, line, e.column())).ok();
        issue
    })
}

#[track_caller]
fn same(text: &str, what: &str) {
    let ours = parse_document(text);
    let theirs = oracle(text);
    // `Value`'s equality tells integers from floats (`1` is not `1.0`), as the JSON out does.
    assert_eq!(ours, theirs, "{what}: {text:?}");
}

#[test]
fn every_fixture_and_every_mutation_parses_as_serde_json_parses_it() {
    for (name, text, _, _) in fixtures() {
        same(&text, &name);
        for (how, broken) in mutations(&text) {
            same(&broken, &format!("{name}, {how}"));
        }
    }
}

#[test]
fn numbers_at_the_edges_of_each_representation() {
    let numbers = [
        "0",
        "-0",
        "1",
        "-1",
        "0.0",
        "-0.0",
        "1e0",
        "1E+2",
        "1e-2",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "9223372036854775807",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "1e309",
        "-1e309",
        "4.9e-324",
        "2e-324",
        "1e-400",
        "0.1",
        "0.30000000000000004",
        "1e23",
        "8.98846567431158e307",
        "00",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "0x10",
        "1.5e3000",
        "0e999999",
        "1",
    ];
    for n in numbers {
        same(n, n);
        same(&format!("[{n}]"), n);
        same(&format!("{{\"n\": {n}, \"m\": [{n}, \"{n}\"]}}"), n);
    }
}

#[test]
fn nesting_around_the_limit_and_keys_that_repeat() {
    for n in [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 300] {
        same(&("[".repeat(n) + &"]".repeat(n)), &format!("{n} arrays"));
        same(&("{\"a\":".repeat(n) + "1" + &"}".repeat(n)), &format!("{n} objects"));
        // Too deep and a syntax error: whichever comes first in the text.
        same(&("[".repeat(n) + "x"), &format!("{n} then x"));
        same(&("[x".to_owned() + &"[".repeat(n)), &format!("x then {n}"));
        same(&format!("{}\n \"[{{\\\"\" ,\n{}", "[".repeat(n / 2), "[".repeat(n)), &format!("{n} with a string"));
    }
    for text in [
        r#"{"a":1,"b":2,"a":3}"#,
        r#"{"a":{"x":1},"a":[2]}"#,
        r#"{"\u0061":1,"a":2}"#,
        r#"{"é😀\n":"\ud83d\ude00\u00e9\/","":null}"#,
        " \t\r\n[true,false,null,\"\"] \n",
    ] {
        same(text, text);
    }
}
