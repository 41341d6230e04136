//! A JSON value as the walker (`validate.rs`) reads it: a parsed `serde_json::Value`, or a
//! token on a tape (`tape.rs`), so that a document read for the fast path can be checked
//! for issues without building a value.
//!
//! Both must look the same to the walker: same keys in the same order, strings decoded,
//! numbers as serde_json reads them. The tape stands in only for text where that holds
//! (`stands_in_for_value`); `tests/node.rs` checks that the two walks agree exactly.

use crate::prelude::*;
use crate::tape::{self, Kind, Tape};
use alloc::borrow::Cow;
use serde_json::{Number, Value};

/// One value, read once by the walker.
pub enum View<'a, N> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    /// An array and how many items it holds.
    Array(N, usize),
    Object(N),
}

pub trait Node<'a>: Copy {
    fn view(self) -> View<'a, Self>;
    fn items(self) -> impl Iterator<Item = Self>;
    fn members(self) -> impl Iterator<Item = (Cow<'a, str>, Self)>;
    fn has(self, key: &str) -> bool;
}

impl<'a> Node<'a> for &'a Value {
    fn view(self) -> View<'a, Self> {
        match self {
            Value::Null => View::Null,
            Value::Bool(b) => View::Bool(*b),
            Value::Number(n) => View::Number(n.clone()),
            Value::String(s) => View::String(Cow::Borrowed(s)),
            Value::Array(items) => View::Array(self, items.len()),
            Value::Object(_) => View::Object(self),
        }
    }

    fn items(self) -> impl Iterator<Item = Self> {
        self.as_array().into_iter().flatten()
    }

    fn members(self) -> impl Iterator<Item = (Cow<'a, str>, Self)> {
        self.as_object().into_iter().flatten().map(|(k, v)| (Cow::Borrowed(k.as_str()), v))
    }

    fn has(self, key: &str) -> bool {
        self.as_object().is_some_and(|m| m.contains_key(key))
    }
}

/// A token of a tape read from `text`.
#[derive(Clone, Copy)]
pub struct TapeNode<'a> {
    pub text: &'a str,
    pub tape: &'a Tape,
    pub at: usize,
    /// Some object of the document holds a key twice (`!stands_in_for_value`): objects
    /// then list each key once, with its last value, as the parsed value would.
    pub repeats: bool,
}

impl<'a> TapeNode<'a> {
    fn at(self, at: usize) -> Self {
        TapeNode { at, ..self }
    }

    fn key(self, at: usize) -> Cow<'a, str> {
        // A tape holds only keys that decode (the reader checked every escape).
        self.tape.get(at).and_then(|t| tape::unescaped(self.text, t)).unwrap_or_default()
    }

    /// The value of `key` in this object: the last one if the key repeats, as in the parsed
    /// value. `None` for a key it does not hold, or when this is no object.
    pub fn get(self, key: &str) -> Option<Self> {
        self.tape.members(self.at).filter(|(k, _)| self.key(*k) == key).last().map(|(_, v)| self.at(v))
    }

    /// The text of the scalar token `at` as the document writes it: a string with its quotes
    /// and escapes, a number or literal as written.
    fn written(self, at: usize) -> &'a str {
        let (Some(start), Some(t)) = (self.tape.offset(at), self.tape.get(at)) else { return "null" };
        let end = t.end as usize + usize::from(matches!(t.kind, Kind::Str | Kind::Escaped));
        self.text.get(start..end).unwrap_or("null")
    }

    /// The value as serde_json's `Value` (the native API's copies). A tape holds only keys
    /// that decode and numbers that parse, so nothing is left out.
    pub fn value(self) -> serde_json::Value {
        crate::parse::value_at(self.text, self.tape, self.at, 0, usize::MAX).unwrap_or_default()
    }
}

/// The value as JSON text, without building it: containers written compactly, strings and
/// numbers as the document writes them (`JSON.parse` reads them the same). A key that
/// repeats is written each time; `JSON.parse` then keeps its first place and last value, as
/// the parsed value does.
impl crate::json_out::ToJson for TapeNode<'_> {
    fn write_json(&self, out: &mut String) {
        let Some(t) = self.tape.get(self.at) else { return out.push_str("null") };
        match t.kind {
            Kind::Object => {
                out.push('{');
                for (n, (k, v)) in self.tape.members(self.at).enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    out.push_str(self.written(k));
                    out.push(':');
                    self.at(v).write_json(out);
                }
                out.push('}');
            }
            Kind::Array => {
                out.push('[');
                for (n, item) in self.tape.items(self.at).enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    self.at(item).write_json(out);
                }
                out.push(']');
            }
            _ => out.push_str(self.written(self.at)),
        }
    }
}

impl<'a> Node<'a> for TapeNode<'a> {
    fn view(self) -> View<'a, Self> {
        let Some(t) = self.tape.get(self.at) else { return View::Null };
        match t.kind {
            Kind::Null => View::Null,
            Kind::True => View::Bool(true),
            Kind::False => View::Bool(false),
            // The tape reader took only numbers that parse (see `stands_in_for_value`).
            Kind::Number => View::Number(number(self.text, t).unwrap_or_else(|| Number::from(0u8))),
            Kind::Str | Kind::Escaped => View::String(tape::unescaped(self.text, t).unwrap_or_default()),
            Kind::Array => View::Array(self, self.tape.items(self.at).count()),
            Kind::Object => View::Object(self),
        }
    }

    fn items(self) -> impl Iterator<Item = Self> {
        self.tape.items(self.at).map(move |i| self.at(i))
    }

    fn members(self) -> impl Iterator<Item = (Cow<'a, str>, Self)> {
        // Without a repeated key the tape's members are the value's, and nothing is collected.
        let (kept, plain) = match self.repeats {
            true => (self.tape.kept_members(self.text.as_bytes(), self.at).1, None),
            false => (Vec::new(), Some(self.tape.members(self.at))),
        };
        kept.into_iter().chain(plain.into_iter().flatten()).map(move |(k, v)| (self.key(k), self.at(v)))
    }

    fn has(self, key: &str) -> bool {
        self.tape.members(self.at).any(|(k, _)| self.key(k) == key)
    }
}

/// A number token as serde_json reads it; `None` where serde_json refuses it (out of range).
pub(crate) fn number(text: &str, t: &tape::Token) -> Option<Number> {
    crate::number::parse(text.as_bytes().get(t.start as usize..t.end as usize)?)?.to_number()
}

/// Whether walking the tape gives what walking the value parsed from `text` would: no key
/// twice in an object (a value keeps only the last). Numbers need no check: the tape reader
/// refuses those serde_json refuses (beyond f64, such as `1e400`).
pub fn stands_in_for_value(text: &str, tape: &Tape) -> bool {
    !tape.has_duplicate_keys(text.as_bytes(), false)
}
