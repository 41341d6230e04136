//! English phrases for messages: what a shape expects, what a value is.

use crate::declare::{Format, Shape};
use crate::node::{Node, View};
use crate::prelude::*;
use crate::text::{append, text, Padded};
use serde_json::Value;

/// Longest quoted excerpt of a found string; hostile input can be megabytes long.
const QUOTE_CHARS: usize = 40;

/// "a string", "one of \"a\", \"b\"", "null or an integer ≥ 0", …
pub fn expected(shape: &Shape) -> String {
    let mut out = String::new();
    write_expected(shape, &mut out);
    out
}

/// `expected`, appended to `out` (written in place: no string per part).
fn write_expected(shape: &Shape, out: &mut String) {
    match shape {
        Shape::Any => out.push_str("any JSON value"),
        Shape::Bool => out.push_str("a boolean"),
        Shape::Str(Format::Plain) => out.push_str("a string"),
        Shape::Str(Format::DateTime) => {
            out.push_str("an RFC 3339 date-time string such as \"2026-07-08T10:15:30.000Z\"")
        }
        Shape::Str(Format::Uuid) => out.push_str("a UUID string such as \"8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f\""),
        Shape::Str(Format::Uri) => out.push_str("an absolute URI string"),
        Shape::Str(Format::HttpUri) => out.push_str("an http:// or https:// URL string"),
        Shape::StrLen { min, max } => append!(out, "a string of ", *min, " to ", *max, " characters"),
        Shape::OneOf(alternatives) => {
            for (i, alternative) in alternatives.iter().enumerate() {
                if i > 0 {
                    out.push_str(", or ");
                }
                write_expected(alternative, out);
            }
        }
        Shape::JsonText(inner) => {
            out.push_str("a string holding JSON text of ");
            write_expected(inner, out);
        }
        Shape::Number { min, max } => {
            out.push_str("a number");
            bounds(min.copied().map(number), max.copied().map(number), out);
        }
        Shape::Integer { min, max } => {
            out.push_str("an integer");
            bounds(min.map(|m| text!(*m)), max.map(|m| text!(*m)), out);
        }
        Shape::Enum(e) => {
            // One value is named alone ("\"x\""); any other count is listed.
            if e.values.len() != 1 {
                out.push_str("one of ");
            }
            for (i, v) in e.values.iter().enumerate() {
                append!(out, if i > 0 { ", \"" } else { "\"" }, *v, "\"");
            }
            if e.values.len() != 1 && e.case_insensitive {
                out.push_str(" (any letter case)");
            }
        }
        Shape::Array(item) => {
            out.push_str("an array of ");
            match item {
                Shape::Str(Format::Plain) => out.push_str("strings"),
                Shape::Object(o) => append!(out, o.name, " objects"),
                other => {
                    out.push_str("items that are each ");
                    write_expected(other, out);
                }
            }
        }
        Shape::Object(o) => append!(out, "a ", o.name, " object"),
        Shape::Nullable(inner) => {
            out.push_str("null or ");
            write_expected(inner, out);
        }
        Shape::Map(_) => out.push_str("an object"),
    }
}

fn bounds(min: Option<String>, max: Option<String>, out: &mut String) {
    match (min, max) {
        (Some(a), Some(b)) => append!(out, " from ", a, " to ", b),
        (Some(a), None) => append!(out, " of at least ", a),
        (None, Some(b)) => append!(out, " of at most ", b),
        (None, None) => {}
    }
}

/// `parts` with `separator` between them. (std's `join` is 1 KB of wasm for each element type.)
pub fn join<T: AsRef<str>>(parts: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// A float as JSON writes it (core's float formatting stays out of the wasm).
pub fn number(x: f64) -> String {
    crate::json_out::float(x)
}

/// Two decimals without float formatting: 0.85 → "0.85".
pub fn two_decimals(x: f64) -> String {
    let hundredths = crate::float::round(x * 100.0).clamp(0.0, 1e9) as u64; // ok: clamped to a small range
    text!(hundredths / 100, ".", Padded(hundredths % 100, 2))
}

/// "the number 42", "the string \"abc\"", "null", "an array", …
pub fn found<N>(value: &View<'_, N>) -> String {
    let mut out = String::new();
    write_found(value, &mut out);
    out
}

/// `found`, appended to `out`.
fn write_found<N>(value: &View<'_, N>, out: &mut String) {
    match value {
        View::Null => out.push_str("null"),
        View::Bool(b) => append!(out, "the boolean ", if *b { "true" } else { "false" }),
        View::Number(n) => append!(out, "the number ", crate::json_out::number_in_message(n)),
        View::String(s) => append!(out, "the string ", quote(s)),
        View::Array(_, 0) => out.push_str("an empty array"),
        View::Array(..) => out.push_str("an array"),
        View::Object(_) => out.push_str("an object"),
    }
}

/// "Expected <what `shape` takes>, found <`value`>." (a wrong type, a number out of range, a
/// value not in an enum), written into one string.
pub fn mismatch<N>(shape: &Shape, value: &View<'_, N>) -> String {
    let mut out = String::from("Expected ");
    write_expected(shape, &mut out);
    out.push_str(", found ");
    write_found(value, &mut out);
    out.push('.');
    out
}

/// `found` for a parsed value.
pub fn found_value(value: &Value) -> String {
    found(&value.view())
}

/// A JSON-quoted excerpt, cut at a character boundary.
pub fn quote(s: &str) -> String {
    let end = s.char_indices().nth(QUOTE_CHARS).map_or(s.len(), |(at, _)| at);
    let mut quoted = crate::json_out::to_string(s.get(..end).unwrap_or(s));
    if end < s.len() {
        quoted.push('…');
    }
    quoted
}

/// The known name a misspelt key most likely meant: the same letters in another case or
/// in SDK snake_case (`engineId`, `engine_id` → `engineID`; `updated_at` → `updatedAt`),
/// else a name at most two edits away.
pub fn suggest<'a>(key: &str, known: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    if key.len() > 64 {
        return None;
    }
    let plain = |s: &str| -> Vec<u8> { s.bytes().filter(|b| *b != b'_').map(|b| b.to_ascii_lowercase()).collect() };
    let wanted = plain(key);
    if let Some(k) = known.clone().find(|k| plain(k) == wanted) {
        return Some(k);
    }
    known
        .filter(|k| k.len() > 3)
        .map(|k| (edit_distance(key, k), k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters from `a` to `b`, a declared name, which is ASCII (a
/// test checks): so `b` is read as bytes, without a list of its characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = i;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let next =
                (diag + usize::from(ca != char::from(*cb))).min(above.saturating_add(1)).min(left.saturating_add(1));
            diag = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["engineID", "taskStatus", "timestamp"];
        assert_eq!(suggest("engineId", names.iter().copied()), Some("engineID"));
        assert_eq!(suggest("engine_id", names.iter().copied()), Some("engineID"));
        assert_eq!(suggest("task_status", names.iter().copied()), Some("taskStatus"));
        assert_eq!(suggest("taskStatuss", names.iter().copied()), Some("taskStatus"));
        assert_eq!(suggest("colour", names.iter().copied()), None);
        // Edits count characters, not bytes: two two-byte letters are two edits.
        assert_eq!(suggest("engineÏD", names.iter().copied()), Some("engineID"));
        assert_eq!(suggest("tåskStätus", names.iter().copied()), Some("taskStatus"));
        assert_eq!(suggest("tåskStätüs", names.iter().copied()), None);
    }

    /// One phrase per kind of shape, as messages say "Expected <phrase>, found …".
    #[test]
    fn expected_phrases_name_each_kind_of_shape() {
        use crate::declare::{Enum, Object, Unknown, INTEGER, STRING};
        static TASK: Object = Object::new("Task", "", &[], Unknown::Warn);
        static STATES: Enum = crate::declare::one_of_values("State", &["done", "error"]);
        static ANY_CASE: Enum =
            Enum { case_insensitive: true, ..crate::declare::one_of_values("Status", &["OK", "NO"]) };
        static ONE: Enum = crate::declare::one_of_values("Kind", &["video"]);
        static PAIR: [Shape; 2] = [Shape::Bool, Shape::Object(&TASK)];
        static A_TASK: Shape = Shape::Object(&TASK);
        static EITHER: Shape = Shape::OneOf(&PAIR);
        let cases: [(Shape, &str); 17] = [
            (Shape::Any, "any JSON value"),
            (Shape::Bool, "a boolean"),
            (STRING, "a string"),
            (Shape::Str(Format::Uri), "an absolute URI string"),
            (Shape::Str(Format::HttpUri), "an http:// or https:// URL string"),
            (Shape::StrLen { min: 1, max: 64 }, "a string of 1 to 64 characters"),
            (Shape::Number { min: Some(&0.0), max: Some(&1.5) }, "a number from 0 to 1.5"),
            (Shape::Integer { min: Some(&0), max: None }, "an integer of at least 0"),
            (Shape::Integer { min: None, max: Some(&-2) }, "an integer of at most -2"),
            (Shape::Enum(&STATES), "one of \"done\", \"error\""),
            (Shape::Enum(&ANY_CASE), "one of \"OK\", \"NO\" (any letter case)"),
            (Shape::Enum(&ONE), "\"video\""),
            (Shape::Array(&STRING), "an array of strings"),
            (Shape::Array(&A_TASK), "an array of Task objects"),
            (Shape::Array(&INTEGER), "an array of items that are each an integer"),
            (Shape::Nullable(&EITHER), "null or a boolean, or a Task object"),
            (Shape::JsonText(&Shape::Map(&Shape::Any)), "a string holding JSON text of an object"),
        ];
        for (shape, phrase) in cases {
            assert_eq!(expected(&shape), phrase);
        }
    }

    #[test]
    fn joins_put_the_separator_between_parts_only() {
        assert_eq!(join::<&str>(&[], ", "), "");
        assert_eq!(join(&["a"], ", "), "a");
        assert_eq!(join(&["a".to_owned(), String::new(), "c".to_owned()], ", or "), "a, or , or c");
    }

    #[test]
    fn quotes_are_cut() {
        let long = "é".repeat(100);
        let q = quote(&long);
        assert!(q.ends_with('…'));
        assert_eq!(q.chars().filter(|c| *c == 'é').count(), QUOTE_CHARS);
        // Cut only past the limit, and only then marked.
        let exact = "é".repeat(QUOTE_CHARS);
        assert_eq!(quote(&exact), format!("\"{exact}\""));
        assert_eq!(quote(&format!("{exact}x")), format!("\"{exact}\"…"));
    }
}
