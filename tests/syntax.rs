//! `src/syntax.rs` says why text is not JSON exactly as serde_json does: its message, line
//! and byte column under the `Value` rules, and the same yes or no as serde's `IgnoredAny`
//! under the grammar rules. Text made to break in every way: every fixture and its
//! mutations, and seeds full of escapes, surrogates, numbers, nesting and line breaks, each
//! cut at every byte and with bytes replaced and inserted at every place.

mod common;

use common::{fixtures, mutations};
use std::collections::HashSet;
use taskstatus::syntax::{check, position, Fault, Rules};

/// serde_json's message, line and column for `text`, or `None` when it is JSON.
fn serde_json_says(text: &str) -> Option<(String, usize, usize)> {
    let e = serde_json::from_str::<serde_json::Value>(text).err()?;
    let full = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    Some((full.strip_suffix(&at).unwrap_or(&full).to_owned(), e.line(), e.column()))
}

/// Checks `text` both ways; returns the fault found under the `Value` rules.
#[track_caller]
fn same(text: &str) -> Option<Fault> {
    let ours = check(text.as_bytes(), Rules::Value).err();
    let said = ours.map(|stop| {
        let (line, column) = position(text.as_bytes(), stop.offset);
        (stop.fault.message().to_owned(), line, column)
    });
    assert_eq!(said, serde_json_says(text), "Value rules: {text:?}");
    let grammar = check(text.as_bytes(), Rules::Grammar).is_ok();
    let ignored = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    assert_eq!(grammar, ignored, "grammar rules: {text:?}");
    ours.map(|stop| stop.fault)
}

/// Text that exercises every path: escapes of each kind, surrogates paired and not,
/// numbers of each form, empty and nested containers, several lines, and characters of
/// two, three and four bytes before the places that break.
const SEEDS: &[&str] = &[
    "{\"a\": [1, -2.5e+3, 0, -0.0E-1, true, false, null],\n \"b\": {\"c\": \"d\\n\\u00e9\\\"\"}, \"é😀\": []}",
    "[\"\\ud83d\\ude00\", \"\\uD800\\uDC00\", \"\\\\\\/\\b\\f\\r\\t\", {}, [[]], \"€\"]",
    "\r\n  {\n\"k\"\t:\n\"v\" ,\"n\":123456789012345678901234,\"f\":1.5e308,\"z\":0e99999999999}\n",
    "[1e308, 2e-400, 1.7976931348623157e308, 18446744073709551615]",
    "[0.0e99999999999, -1e-99999999999, 5e-2147483648, 0e2147483647]",
];

/// Bytes that turn up where JSON breaks.
const BYTES: &[u8] = b"\"\\u1x}],:\n\x01e.-0 dD+{[";

fn variants(text: &str) -> impl Iterator<Item = String> + '_ {
    let b = text.as_bytes();
    (0..=b.len()).flat_map(move |i| {
        let cut = b.get(..i).map(<[u8]>::to_vec);
        let replaced = BYTES.iter().filter(move |_| i < b.len()).map(move |&c| {
            let mut m = b.to_vec();
            m[i] = c; // ok: test code, i < len
            m
        });
        let inserted = BYTES.iter().map(move |&c| {
            let mut m = b.to_vec();
            m.insert(i, c);
            m
        });
        cut.into_iter().chain(replaced).chain(inserted).filter_map(|m| String::from_utf8(m).ok())
    })
}

#[test]
fn seeds_broken_in_every_way_stop_where_serde_json_stops() {
    let mut seen = HashSet::new();
    for seed in SEEDS {
        assert_eq!(same(seed), None, "the seed is JSON: {seed}");
        for text in variants(seed) {
            seen.extend(same(&text));
        }
    }
    // Deep text: the limit, and what comes before and after it.
    for n in [126, 127, 128, 129, 400] {
        for text in ["[".repeat(n), "[".repeat(n) + &"]".repeat(n), "{\"a\":".repeat(n) + "1" + &"}".repeat(n)] {
            seen.extend(same(&text));
            for tail in ["x", ",", "\"\\q\"", "]"] {
                seen.extend(same(&(text.clone() + tail)));
            }
        }
    }
    for text in [
        "",
        " ",
        "\n\n",
        "nul",
        "nulx",
        "tru",
        "f",
        "-",
        "-x",
        "01",
        "1.",
        "1.x",
        "1e",
        "1ex",
        "\"\\u12",
        "\"\\ud800\\u",
    ] {
        seen.extend(same(text));
    }
    // serde_json gives up on an exponent at the digit that takes it beyond i32, before the
    // digits after it.
    for text in ["1e2147483647", "1e21474836470", "1e21474836480", "1e-21474836480", "0e21474836480", "[1E+2147483648]"]
    {
        seen.extend(same(text));
    }
    // Every fault is met, so each branch of the reader has been held to serde_json's.
    let every = [
        Fault::EofWhileParsingList,
        Fault::EofWhileParsingObject,
        Fault::EofWhileParsingString,
        Fault::EofWhileParsingValue,
        Fault::ExpectedColon,
        Fault::ExpectedListCommaOrEnd,
        Fault::ExpectedObjectCommaOrEnd,
        Fault::ExpectedSomeIdent,
        Fault::ExpectedSomeValue,
        Fault::InvalidEscape,
        Fault::InvalidNumber,
        Fault::NumberOutOfRange,
        Fault::ControlCharacterWhileParsingString,
        Fault::KeyMustBeAString,
        Fault::LoneLeadingSurrogateInHexEscape,
        Fault::TrailingComma,
        Fault::TrailingCharacters,
        Fault::UnexpectedEndOfHexEscape,
        Fault::RecursionLimitExceeded,
    ];
    let missed: Vec<_> = every.iter().filter(|f| !seen.contains(f)).collect();
    assert!(missed.is_empty(), "never produced: {missed:?}");
}

#[test]
fn fixtures_and_their_mutations_stop_where_serde_json_stops() {
    for (_, text, _, _) in fixtures() {
        same(&text);
        for (_, broken) in mutations(&text) {
            same(&broken);
        }
    }
}

#[test]
fn positions_count_lines_and_bytes_as_serde_json_does() {
    // Bytes since the line's start; 0 just after a line break.
    assert_eq!(position(b"ab\ncd", 0), (1, 0));
    assert_eq!(position(b"ab\ncd", 2), (1, 2));
    assert_eq!(position(b"ab\ncd", 3), (2, 0));
    assert_eq!(position(b"ab\ncd", 5), (2, 2));
    assert_eq!(position("é\n\nx".as_bytes(), 5), (3, 1));
}
