//! English phrases for messages: what a shape expects, what a value is.

use crate::declare::{Format, Shape};
use crate::node::{Node, View};
use crate::prelude::*;
use crate::text::{text, Padded};
use serde_json::Value;

/// Longest quoted excerpt of a found string; hostile input can be megabytes long.
const QUOTE_CHARS: usize = 40;

/// "a string", "one of \"a\", \"b\"", "null or an integer ≥ 0", …
pub fn expected(shape: &Shape) -> String {
    match shape {
        Shape::Any => "any JSON value".to_owned(),
        Shape::Bool => "a boolean".to_owned(),
        Shape::Str(Format::Plain) => "a string".to_owned(),
        Shape::Str(Format::DateTime) => "an RFC 3339 date-time string such as \"2026-07-08T10:15:30.000Z\"".to_owned(),
        Shape::Str(Format::Uuid) => "a UUID string such as \"8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f\"".to_owned(),
        Shape::Str(Format::Uri) => "an absolute URI string".to_owned(),
        Shape::Str(Format::HttpUri) => "an http:// or https:// URL string".to_owned(),
        Shape::StrLen { min, max } => text!("a string of ", *min, " to ", *max, " characters"),
        Shape::OneOf(alternatives) => join(&alternatives.iter().map(expected).collect::<Vec<_>>(), ", or "),
        Shape::JsonText(inner) => text!("a string holding JSON text of ", expected(inner)),
        Shape::Number { min, max } => {
            text!("a number", bounds(min.copied().map(number), max.copied().map(number)))
        }
        Shape::Integer { min, max } => {
            text!("an integer", bounds(min.map(|m| text!(*m)), max.map(|m| text!(*m))))
        }
        Shape::Enum(e) if e.values.len() == 1 => text!("\"", e.values.first().copied().unwrap_or_default(), "\""),
        Shape::Enum(e) => {
            let list: Vec<String> = e.values.iter().map(|&v| text!("\"", v, "\"")).collect();
            let case = if e.case_insensitive { " (any letter case)" } else { "" };
            text!("one of ", join(&list, ", "), case)
        }
        Shape::Array(item) => text!("an array of ", plural(item)),
        Shape::Object(o) => text!("a ", o.name, " object"),
        Shape::Nullable(inner) => text!("null or ", expected(inner)),
        Shape::Map(_) => "an object".to_owned(),
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

fn plural(item: &Shape) -> String {
    match item {
        Shape::Str(Format::Plain) => "strings".to_owned(),
        Shape::Object(o) => text!(o.name, " objects"),
        other => text!("items that are each ", expected(other)),
    }
}

fn bounds(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => text!(" from ", a, " to ", b),
        (Some(a), None) => text!(" of at least ", a),
        (None, Some(b)) => text!(" of at most ", b),
        (None, None) => String::new(),
    }
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
    match value {
        View::Null => "null".to_owned(),
        View::Bool(b) => text!("the boolean ", if *b { "true" } else { "false" }),
        View::Number(n) => text!("the number ", crate::json_out::number_in_message(n)),
        View::String(s) => text!("the string ", quote(s)),
        View::Array(_, 0) => "an empty array".to_owned(),
        View::Array(..) => "an array".to_owned(),
        View::Object(_) => "an object".to_owned(),
    }
}

/// `found` for a parsed value.
pub fn found_value(value: &Value) -> String {
    found(&value.view())
}

/// A JSON-quoted excerpt, cut at a character boundary.
pub fn quote(s: &str) -> String {
    let cut: String = s.chars().take(QUOTE_CHARS).collect();
    let mut quoted = crate::json_out::to_string(cut.as_str());
    if cut.len() < s.len() {
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

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = i;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let next = (diag + usize::from(ca != *cb)).min(above.saturating_add(1)).min(left.saturating_add(1));
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
    }
}
