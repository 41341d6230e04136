//! Checks a document against a declaration and reports every issue with its pointer: on
//! its tape (`node::TapeNode`), or, as the tests' reference, its parsed value.

use crate::declare::{EnumMatch, Format, Object, Shape, Unknown};
use crate::describe::{expected, found, suggest};
use crate::issue::{Code, Issue, Severity, Sink};
use crate::node::{self, Node, TapeNode, View};
use crate::parse::{too_deep, MAX_DEPTH};
use crate::pointer::Pointer;
use crate::prelude::*;
use crate::tape;
use crate::text::text;
use crate::time::parse_rfc3339;
use serde_json::Value;

/// JS values that JSON cannot hold (NaN, ±Infinity) arrive from the binding as these
/// strings, so that they can be reported where they stand. See `js/api.js`.
pub const NON_FINITE_PREFIX: &str = "\u{0}taskstatus:non-finite:";

pub struct Walker<'s> {
    pub sink: &'s mut Sink,
    /// The value came from a JS object that held NaN or Infinity somewhere.
    pub non_finite: bool,
}

impl Walker<'_> {
    pub fn check<'a, N: Node<'a>>(&mut self, value: N, shape: &Shape, ptr: &mut Pointer) {
        if self.sink.full() {
            return;
        }
        // Parsed text never nests this deep; a value built in Rust might, and must not
        // exhaust the stack of this recursive walk.
        if ptr.depth() > MAX_DEPTH {
            let message = too_deep();
            self.sink.push(Issue::error(Code::Limit, ptr.as_str(), message));
            return;
        }
        let view = value.view();
        if self.non_finite {
            if let Some(name) = non_finite_name(&view) {
                let message = text!("Expected ", expected(shape), ", found ", name, ", which JSON cannot represent.");
                self.sink.push(Issue::error(Code::Type, ptr.as_str(), message));
                return;
            }
        }
        match (shape, &view) {
            (Shape::Any, _) => self.scan_free_form(value, &view, ptr),
            (Shape::Bool, View::Bool(_)) => {}
            (Shape::Str(format), View::String(s)) => self.check_format(*format, s, ptr),
            (Shape::Number { min, max }, View::Number(n)) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if min.is_some_and(|m| x < *m) || max.is_some_and(|m| x > *m) {
                    self.mismatch(Code::Range, shape, &view, ptr);
                }
            }
            (Shape::Integer { min, max }, View::Number(n)) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if crate::float::fract(x) != 0.0 {
                    self.mismatch(Code::Type, shape, &view, ptr);
                } else if min.is_some_and(|m| x < *m as f64) || max.is_some_and(|m| x > *m as f64) {
                    self.mismatch(Code::Range, shape, &view, ptr);
                }
            }
            (Shape::Enum(e), View::String(s)) => match e.lookup(s) {
                Some(EnumMatch::Exact(_)) => {}
                Some(EnumMatch::Legacy(canonical)) => {
                    let message = text!("Expected \"", canonical, "\", found the legacy spelling ", found(&view), ".");
                    self.sink.push(Issue::warning(Code::LegacyValue, ptr.as_str(), message));
                }
                None => {
                    self.mismatch(Code::Enum, shape, &view, ptr);
                }
            },
            (Shape::Array(item), View::Array(..)) => {
                for (i, v) in value.items().enumerate() {
                    ptr.push_index(i);
                    self.check(v, item, ptr);
                    ptr.pop();
                    if self.sink.full() {
                        return;
                    }
                }
            }
            (Shape::Object(object), View::Object(_)) => self.check_object(value, object, ptr),
            (Shape::Nullable(_), View::Null) => {}
            (Shape::Nullable(inner), _) => self.check(value, inner, ptr),
            (Shape::Map(inner), View::Object(_)) => {
                for (k, v) in value.members() {
                    ptr.push_key(&k);
                    self.check(v, inner, ptr);
                    ptr.pop();
                }
            }
            (Shape::StrLen { min, max }, View::String(s)) => {
                let n = crate::bytes::chars(s);
                if n < *min as usize || n > *max as usize {
                    let message = text!("Expected ", expected(shape), ", found a string of ", n, " characters.");
                    self.sink.push(Issue::error(Code::Range, ptr.as_str(), message));
                }
            }
            (Shape::OneOf(alternatives), _) => self.check_one_of(value, &view, alternatives, ptr),
            (Shape::JsonText(inner), View::String(s)) => self.check_json_text(s, inner, shape, ptr),
            _ => self.mismatch(Code::Type, shape, &view, ptr),
        }
    }

    /// The first alternative without errors wins; otherwise the one with the fewest errors
    /// (the first of equals) speaks for the value.
    fn check_one_of<'a, N: Node<'a>>(
        &mut self,
        value: N,
        view: &View<'a, N>,
        alternatives: &'static [Shape],
        ptr: &mut Pointer,
    ) {
        // A value of a type no alternative takes gets one issue that lists them all.
        if !alternatives.iter().any(|a| takes_type(a, view)) && non_finite_name(view).is_none() {
            return self.mismatch(Code::Type, &Shape::OneOf(alternatives), view, ptr);
        }
        let mut best: Option<(usize, Sink)> = None;
        for alt in alternatives {
            let mut trial = Sink::new(self.sink.cap.saturating_sub(self.sink.issues.len()).max(1), self.sink.strict);
            Walker { sink: &mut trial, non_finite: self.non_finite }.check(value, alt, ptr);
            let errors = trial.issues.iter().filter(|i| i.severity == Severity::Error).count()
                + usize::from(trial.truncated && trial.saw_error);
            if best.as_ref().is_none_or(|(e, _)| errors < *e) {
                best = Some((errors, trial));
            }
            if errors == 0 {
                break;
            }
        }
        if let Some((_, trial)) = best {
            self.take(trial);
        }
    }

    /// A string that must hold JSON text of `inner`; issues inside it are reported at the
    /// string, because a JSON Pointer cannot point into a string.
    fn check_json_text(&mut self, text: &str, inner: &Shape, shape: &Shape, ptr: &Pointer) {
        let mut inside = Sink::new(self.sink.cap, self.sink.strict);
        let read: Result<(), Issue> = tape::with(text.as_bytes(), |tape| {
            let tape = tape.ok_or_else(|| crate::parse::refused(text))?;
            let repeats = !node::stands_in_for_value(text, tape);
            let mut walker = Walker { sink: &mut inside, non_finite: false };
            walker.check(TapeNode { text, tape, at: 0, repeats }, inner, &mut Pointer::root());
            Ok(())
        });
        if let Err(e) = read {
            let what =
                e.message.strip_prefix("Expected valid JSON, found ").unwrap_or(&e.message).trim_end_matches('.');
            let message = text!("Expected ", expected(shape), ", found text that is not JSON (", what, ").");
            self.sink.push(Issue::error(Code::Format, ptr.as_str(), message));
            return;
        }
        for issue in &mut inside.issues {
            let at = if issue.path.is_empty() { "the top" } else { &issue.path };
            issue.message = text!("In the JSON text, at ", at, ": ", issue.message);
            issue.path.clear();
            issue.path.push_str(ptr.as_str());
        }
        self.take(inside);
    }

    /// The issues of a walk into a sink of its own, with what that sink dropped at its cap:
    /// an error it left out still makes the document invalid, and its issues were cut.
    fn take(&mut self, other: Sink) {
        for issue in other.issues {
            self.sink.push(issue);
        }
        self.sink.saw_error |= other.saw_error;
        self.sink.truncated |= other.truncated;
    }

    fn check_object<'a, N: Node<'a>>(&mut self, map: N, object: &Object, ptr: &mut Pointer) {
        for field in object.fields.iter().filter(|f| f.required && !map.has(f.name)) {
            let message = text!(
                "Expected the required property \"",
                field.name,
                "\" (",
                expected(&field.shape),
                "), found it missing."
            );
            self.sink.push(Issue::error(Code::Required, ptr.with_key(field.name), message));
        }
        for (key, v) in map.members() {
            ptr.push_key(&key);
            match object.field(&key) {
                Some(field) => self.check(v, &field.shape, ptr),
                None => {
                    if object.unknown == Unknown::Warn {
                        let extra = object.known_extras.iter().find(|(k, _)| *k == key);
                        let hint = match (extra, suggest(&key, object.fields.iter().map(|f| f.name))) {
                            (Some((_, why)), _) => {
                                text!(", which is not in the public schema (", *why, ").")
                            }
                            (None, Some(s)) => text!("; did you mean \"", s, "\"?"),
                            (None, None) => ".".to_owned(),
                        };
                        let message = text!(
                            "Expected only the properties of ",
                            object.name,
                            ", found the unknown property ",
                            found(&View::<N>::String(key.clone())),
                            hint
                        );
                        self.sink.push(Issue::warning(Code::UnknownField, ptr.as_str(), message));
                    }
                    self.scan_free_form(v, &v.view(), ptr);
                }
            }
            ptr.pop();
            if self.sink.full() {
                return;
            }
        }
    }

    fn check_format(&mut self, format: Format, s: &str, ptr: &Pointer) {
        let ok = match format {
            Format::Plain => true,
            Format::DateTime => parse_rfc3339(s).is_some(),
            Format::Uuid => is_uuid(s),
            Format::Uri => is_uri(s),
            Format::HttpUri => (s.starts_with("http://") || s.starts_with("https://")) && is_uri(s),
        };
        if !ok {
            self.mismatch(Code::Format, &Shape::Str(format), &View::<&Value>::String(s.into()), ptr);
        }
    }

    /// Free-form values are not checked, except for NaN/Infinity smuggled in from JS.
    fn scan_free_form<'a, N: Node<'a>>(&mut self, value: N, view: &View<'a, N>, ptr: &mut Pointer) {
        if self.non_finite && matches!(view, View::Array(..) | View::Object(_) | View::String(_)) {
            self.check_any_nested(value, view, ptr);
        }
    }

    fn check_any_nested<'a, N: Node<'a>>(&mut self, value: N, view: &View<'a, N>, ptr: &mut Pointer) {
        match view {
            View::Array(..) => {
                for (i, v) in value.items().enumerate() {
                    ptr.push_index(i);
                    self.check(v, &Shape::Any, ptr);
                    ptr.pop();
                }
            }
            View::Object(_) => {
                for (k, v) in value.members() {
                    ptr.push_key(&k);
                    self.check(v, &Shape::Any, ptr);
                    ptr.pop();
                }
            }
            _ => self.check(value, &Shape::Any, ptr),
        }
    }

    /// "Expected <what the shape takes>, found <the value>." as a `code` issue (a wrong
    /// type, a number out of range, a value not in an enum, a string not of its format).
    fn mismatch<N>(&mut self, code: Code, shape: &Shape, view: &View<'_, N>, ptr: &Pointer) {
        self.sink.push(Issue::error(code, ptr.as_str(), crate::describe::mismatch(shape, view)));
    }
}

/// Whether `shape` accepts values of this JSON type at all (before any other check).
fn takes_type<N>(shape: &Shape, value: &View<'_, N>) -> bool {
    match (shape, value) {
        (Shape::Any, _) | (Shape::Nullable(_), View::Null) | (Shape::Bool, View::Bool(_)) => true,
        (Shape::Str(_) | Shape::StrLen { .. } | Shape::Enum(_) | Shape::JsonText(_), View::String(_)) => true,
        (Shape::Number { .. } | Shape::Integer { .. }, View::Number(_)) => true,
        (Shape::Array(_), View::Array(..)) | (Shape::Object(_) | Shape::Map(_), View::Object(_)) => true,
        (Shape::Nullable(inner), _) => takes_type(inner, value),
        (Shape::OneOf(alternatives), _) => alternatives.iter().any(|a| takes_type(a, value)),
        _ => false,
    }
}

fn non_finite_name<'v, N>(value: &'v View<'_, N>) -> Option<&'v str> {
    match value {
        View::String(s) => s.strip_prefix(NON_FINITE_PREFIX),
        _ => None,
    }
}

pub(crate) fn is_uuid(s: impl AsRef<[u8]>) -> bool {
    uuid(s.as_ref())
}

/// `is_uuid` on bytes (one copy of the code for `str` and the fast path's bytes).
fn uuid(s: &[u8]) -> bool {
    let Ok(b) = <&[u8; 36]>::try_from(s) else {
        return false;
    };
    let [a @ .., b'-'] = &b[..9] else { return false };
    let [c @ .., b'-'] = &b[9..14] else { return false };
    let [d @ .., b'-'] = &b[14..19] else { return false };
    let [e @ .., b'-'] = &b[19..24] else { return false };
    // The 32 digits side by side, tested 8 at a time: a test per byte was 5 % of
    // validateMany's time in wasm.
    let mut digits = [0u8; 32];
    for (to, from) in digits.chunks_exact_mut(4).zip([&a[..4], &a[4..], c, d, e, &b[24..28], &b[28..32], &b[32..]]) {
        to.copy_from_slice(from);
    }
    digits.chunks_exact(8).all(|word| word.try_into().is_ok_and(|w| all_hex(u64::from_le_bytes(w))))
}

/// Whether all 8 bytes of `word` are ASCII hex digits, tested at once (SWAR): per byte, the
/// high bit of `x + (0x80 - lo)` says `x >= lo` and that of `x + (0x7f - hi)` says `x > hi`,
/// without carries between bytes once every byte is below 0x80.
fn all_hex(word: u64) -> bool {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * EACH;
    let within = |x: u64, lo: u64, hi: u64| (x + (0x80 - lo) * EACH) & !(x + (0x7f - hi) * EACH) & HIGH;
    let lower = word | (0x20 * EACH); // 'A'..='F' → 'a'..='f'; only they and 'a'..='f' land there
    word & HIGH == 0 && within(word, 0x30, 0x39) | within(lower, 0x61, 0x66) == HIGH
}

/// An absolute URI: a scheme, a colon, and no whitespace (RFC 3986 §3.1, loosely).
pub(crate) fn is_uri(s: impl AsRef<[u8]>) -> bool {
    uri(s.as_ref())
}

/// `is_uri` on UTF-8 bytes.
fn uri(s: &[u8]) -> bool {
    let Some(colon) = s.iter().position(|&c| c == b':') else {
        return false;
    };
    let (scheme, rest) = s.split_at(colon);
    let mut scheme = scheme.iter();
    scheme.next().is_some_and(u8::is_ascii_alphabetic)
        && scheme.all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && rest.len() > 1
        && !has_whitespace(s)
}

/// Whether UTF-8 `s` holds a character that `char::is_whitespace` accepts (ASCII ones
/// without decoding; anything that is not UTF-8 counts as whitespace, so as not a URI).
fn has_whitespace(s: &[u8]) -> bool {
    if s.is_ascii() {
        return s.iter().any(|c| matches!(c, b' ' | b'\t'..=b'\r'));
    }
    core::str::from_utf8(s).map_or(true, |s| s.chars().any(char::is_whitespace))
}

/// Whether `value` nests deeper than `limit` containers (without recursing).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn deeper_than(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 0usize)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth >= limit {
            return true;
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_values_built_in_rust_are_a_limit_issue_not_a_stack_overflow() {
        let mut v = Value::Null;
        for _ in 0..100_000 {
            v = Value::Array(vec![v]);
        }
        let mut sink = Sink::new(10, false);
        Walker { sink: &mut sink, non_finite: false }.check(&v, &Shape::Any, &mut Pointer::root());
        // Shape::Any does not descend unless NaN may hide inside; with it, it must stop at the limit.
        Walker { sink: &mut sink, non_finite: true }.check(&v, &Shape::Any, &mut Pointer::root());
        assert_eq!(sink.issues.len(), 1);
        assert_eq!(sink.issues[0].code, Code::Limit);
        // Dropping a 100 000-deep Value recurses too; unwind it iteratively.
        while let Value::Array(mut items) = v {
            v = items.pop().unwrap_or(Value::Null);
        }
    }

    #[test]
    fn formats() {
        assert!(is_uuid("8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f"));
        assert!(!is_uuid("8bdb0e3b7a6e4b1c9a3c1a2b3c4d5e6f"));
        assert!(is_uuid("8BDB0E3B-7A6E-4B1C-9A3C-1A2B3C4D5E6F"));
        for bad in [
            "8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6g",
            "8bdb0e3b-7a6e-4b1c-9a3c1-a2b3c4d5e6f",
            "8bdb0e3b7-a6e-4b1c-9a3c-1a2b3c4d5e6f",
            "8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f-",
            "-8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6",
            "8bdb0e3b-7a6e-4b1c-9a3c--a2b3c4d5e6f",
            "8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6\u{e9}",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
        // Every byte of a UUID replaced by a dash, a hex digit and a non-hex letter, checked
        // against the definition (RFC 9562 §4: 8-4-4-4-12 hex digits) read place by place.
        let by_place = |b: &[u8]| {
            b.len() == 36
                && b.iter().enumerate().all(|(i, c)| {
                    if [8, 13, 18, 23].contains(&i) {
                        *c == b'-'
                    } else {
                        c.is_ascii_hexdigit()
                    }
                })
        };
        let valid = b"8bdb0e3b-7a6e-4b1c-9a3c-1a2b3c4d5e6f";
        for place in 0..valid.len() {
            for byte in [b'-', b'a', b'F', b'9', b'g', b' '] {
                let mut edited = *valid;
                edited[place] = byte;
                let text = core::str::from_utf8(&edited).unwrap_or_default();
                assert_eq!(is_uuid(text), by_place(&edited), "{text}");
            }
        }
        assert!(is_uri("https://example.com/x"));
        assert!(!is_uri("example.com"));
        assert!(!is_uri("https://a b"));
    }

    #[test]
    fn uris_are_judged_on_bytes_as_the_definition_says_on_characters() {
        // RFC 3986 §3.1 scheme, a colon, something after it, no character `char` calls
        // whitespace (ASCII or not: U+000B, U+0085, U+00A0, U+2028 count; U+200B does not).
        let by_chars = |s: &str| {
            let Some((scheme, rest)) = s.split_once(':') else { return false };
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
                && !s.chars().any(char::is_whitespace)
        };
        let parts = [
            "", "a", "h", "é", "1", "+", ":", "//x", " ", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2028}", "\u{200b}",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(is_uri(&s), by_chars(&s), "{s:?}");
                }
            }
        }
    }
}
