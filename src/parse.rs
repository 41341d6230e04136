//! JSON text to a value, with explicit limits; every failure becomes an issue.
//!
//! The value is built from the document's tape (`tape.rs`, whose reader checks the grammar
//! and reads numbers as serde_json does), so serde_json's `Value` parser stays out of the
//! wasm; `tests/parse.rs` checks the value is the one serde_json parses, for every fixture
//! and every mutation of one. Text that is not JSON gets serde_json's account of why (its
//! message and where it stopped), from `syntax.rs`.

use crate::issue::{Code, Issue};
use crate::position::utf16_column;
use crate::prelude::*;
use crate::syntax::{self, Fault, Rules};
use crate::tape::{self, Kind, Tape};
use crate::text::text;
use serde_json::{Map, Value};

/// Largest JSON text accepted for one document.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting accepted (serde_json's recursion limit, which we keep on purpose:
/// it bounds the stack of every recursive walk that follows parsing).
pub const MAX_DEPTH: usize = 128;

/// Parses one JSON document, or returns the issue that says why it is not one.
pub fn parse_document(text: &str) -> Result<Value, Issue> {
    tape::with(text.as_bytes(), |tape| parse_read(text, tape))
}

/// `parse_document` of text already read into `tape` (`None`: the reader refused it).
pub(crate) fn parse_read(text: &str, tape: Option<&Tape>) -> Result<Value, Issue> {
    tape.and_then(|tape| value_at(text, tape, 0, 1, MAX_DEPTH)).ok_or_else(|| refused(text))
}

/// The message of nesting deeper than `MAX_DEPTH`.
pub(crate) fn too_deep() -> String {
    text!("Expected nesting of at most ", MAX_DEPTH, " levels, found deeper nesting.")
}

/// Why `text` is no document: too long, or not JSON within the limits (the issue of text
/// that the tape's reader refused).
pub(crate) fn refused(text: &str) -> Issue {
    if text.len() > MAX_DOCUMENT_BYTES {
        let mut issue = Issue::error(
            Code::Limit,
            "",
            text!("Expected a document of at most ", MAX_DOCUMENT_BYTES, " bytes, found ", text.len(), " bytes."),
        );
        issue.line = Some(1);
        issue.column = Some(1);
        return issue;
    }
    not_json(text)
}

/// The value of the tape's token `at`, `depth` containers deep counting itself, as
/// serde_json parses its text. `None` for a container `max_depth` deep (serde_json's `Value`
/// stops one level short of the tape's limit, `MAX_DEPTH`).
pub(crate) fn value_at(text: &str, tape: &Tape, at: usize, depth: usize, max_depth: usize) -> Option<Value> {
    let token = tape.get(at)?;
    Some(match token.kind {
        Kind::Object | Kind::Array if depth >= max_depth => return None,
        Kind::Object => {
            let mut map = Map::new();
            for (key, value) in tape.members(at) {
                let key = tape::unescaped(text, tape.get(key)?)?.into_owned();
                // A repeated key keeps its first place and its last value, as in serde_json.
                map.insert(key, value_at(text, tape, value, depth + 1, max_depth)?);
            }
            Value::Object(map)
        }
        Kind::Array => Value::Array(
            tape.items(at).map(|item| value_at(text, tape, item, depth + 1, max_depth)).collect::<Option<_>>()?,
        ),
        Kind::Str | Kind::Escaped => Value::String(tape::unescaped(text, token)?.into_owned()),
        Kind::Number => Value::Number(crate::node::number(text, token)?),
        Kind::True => Value::Bool(true),
        Kind::False => Value::Bool(false),
        Kind::Null => Value::Null,
    })
}

/// The issue of text that is not JSON within the limits: serde_json's message, at serde_json's
/// place (`syntax.rs` retraces its `Value` parser).
fn not_json(text: &str) -> Issue {
    let Err(stop) = syntax::check(text.as_bytes(), Rules::Value) else {
        // Not reached: the tape's reader refuses only what serde_json refuses (`tests/parse.rs`).
        return Issue::error(Code::Syntax, "", "Expected valid JSON.");
    };
    let mut issue = if stop.fault == Fault::RecursionLimitExceeded {
        Issue::error(Code::Limit, "", too_deep())
    } else {
        Issue::error(Code::Syntax, "", text!("Expected valid JSON, found a syntax error: ", stop.fault.message(), "."))
    };
    let (line, column) = syntax::position(text.as_bytes(), stop.offset);
    issue.line = u32::try_from(line).ok();
    issue.column = u32::try_from(utf16_column(text, line, column)).ok();
    issue
}

/// The text of a JSON string literal (with its quotes), escapes decoded; `None` when it is
/// not a valid literal (a bad escape, a lone surrogate, a raw control character).
/// Written here because serde's `String` deserialiser drags core's float formatting into the
/// wasm through its error messages.
pub fn unescape(literal: &str) -> Option<String> {
    // Byte by byte: the text is UTF-8 already, and escapes and quotes are ASCII, so other
    // bytes are copied as they are (a `char` loop encoded each one again: 3.9 KB of wasm).
    let mut rest = literal.strip_prefix('"')?.strip_suffix('"')?.as_bytes();
    let mut out = Vec::with_capacity(rest.len());
    while let Some((&byte, after)) = rest.split_first() {
        rest = after;
        match byte {
            b'\\' => {
                let (&escape, after) = rest.split_first()?;
                rest = after;
                let decoded = match escape {
                    b'"' | b'\\' | b'/' => escape,
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'u' => {
                        let first = hex4(&mut rest)?;
                        let code = if (0xD800..0xDC00).contains(&first) {
                            rest = rest.strip_prefix(b"\\u")?;
                            let second = hex4(&mut rest)?;
                            if !(0xDC00..0xE000).contains(&second) {
                                return None;
                            }
                            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        } else {
                            first
                        };
                        out.extend_from_slice(char::from_u32(code)?.encode_utf8(&mut [0; 4]).as_bytes());
                        continue;
                    }
                    _ => return None,
                };
                out.push(decoded);
            }
            b'"' => return None,
            byte if byte < 0x20 => return None,
            byte => out.push(byte),
        }
    }
    String::from_utf8(out).ok()
}

/// The value of the four hex digits at the start of `rest`, which moves past them.
pub(crate) fn hex4(rest: &mut &[u8]) -> Option<u32> {
    let (digits, after) = rest.split_at_checked(4)?;
    *rest = after;
    digits.iter().try_fold(0, |value, &digit| Some(value * 16 + char::from(digit).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn unescape_agrees_with_serde_json() {
        for lit in [
            r#""plain""#,
            r#""a\"b\\c\/d""#,
            r#""\n\t\r\b\f""#,
            r#""\u00e9\ud83d\ude00""#,
            r#""é😀""#,
            r#""x\u0041é\u00E9\uFFFFy""#,
            r#""""#,
        ] {
            assert_eq!(super::unescape(lit), serde_json::from_str::<String>(lit).ok(), "{lit}");
        }
        for bad in [
            r#""\ud800""#,
            r#""\udc00x""#,
            r#""\x""#,
            "\"a\u{1}b\"",
            r#""a"b""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\ud800\u0041""#,
            r#""\ud800\n""#,
            r#""a\""#,
        ] {
            assert_eq!(super::unescape(bad), None, "{bad}");
            assert!(serde_json::from_str::<String>(bad).is_err(), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn syntax_error_column_counts_utf16_units() {
        // "é" is 2 bytes but 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
        let e = parse_document("{\"é😀\": tru}").unwrap_err();
        assert_eq!(e.code, Code::Syntax);
        assert_eq!(e.line, Some(1));
        // serde_json stops on the "}" after "tru": UTF-16 column 12 ({=1,"=2,é=3,😀=4-5,"=6,:=7,space=8,t=9,r=10,u=11,}=12).
        assert_eq!(e.column, Some(12));
    }

    #[test]
    fn depth_limit_is_reported() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        let e = parse_document(&deep).unwrap_err();
        assert_eq!(e.code, Code::Limit);
    }
}
