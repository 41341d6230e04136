//! Why text is not JSON, and where: serde_json's account of it, without serde_json's parser.
//!
//! The tape (`tape.rs`) says whether text is JSON; this says why not when it is not, with
//! serde_json's message and at serde_json's place, so an issue reads the same whichever
//! reader found it. It follows serde_json's `Value` parser step for step: the same order of
//! checks, and the same two kinds of place (after the byte just read, or at the byte looked
//! at). `tests/syntax.rs` holds it to serde_json on every fixture and every mutation of one,
//! and on text broken at every byte.
//! It builds nothing, and keeps its containers on a stack of its own, so any depth of text
//! is read without recursion.

use crate::number::{self, Short};
use crate::prelude::*;

/// What is wrong, in serde_json's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Fault {
    /// serde_json's message for it.
    pub fn message(self) -> &'static str {
        match self {
            Fault::EofWhileParsingList => "EOF while parsing a list",
            Fault::EofWhileParsingObject => "EOF while parsing an object",
            Fault::EofWhileParsingString => "EOF while parsing a string",
            Fault::EofWhileParsingValue => "EOF while parsing a value",
            Fault::ExpectedColon => "expected `:`",
            Fault::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Fault::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Fault::ExpectedSomeIdent => "expected ident",
            Fault::ExpectedSomeValue => "expected value",
            Fault::InvalidEscape => "invalid escape",
            Fault::InvalidNumber => "invalid number",
            Fault::NumberOutOfRange => "number out of range",
            Fault::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            Fault::KeyMustBeAString => "key must be a string",
            Fault::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            Fault::TrailingComma => "trailing comma",
            Fault::TrailingCharacters => "trailing characters",
            Fault::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            Fault::RecursionLimitExceeded => "recursion limit exceeded",
        }
    }
}

/// Where reading stopped and why. `offset` is serde_json's index: bytes before the place it
/// reports, whose line and column `position` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    pub fault: Fault,
    pub offset: usize,
}

/// How much is checked beyond the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// As serde_json's `Value` parser: at most `parse::MAX_DEPTH - 1` levels, numbers within
    /// f64, `\u` escapes paired into characters.
    Value,
    /// The grammar alone, as serde's `IgnoredAny` reads it: any depth, any number, any
    /// `\u` escape. Used to tell JSON text from other text before its parts are read.
    Grammar,
}

/// Reads `text` as one JSON value; the first place it is not, as serde_json finds it.
pub fn check(text: &[u8], rules: Rules) -> Result<(), Stop> {
    Reader { b: text, at: 0, rules }.document()
}

/// serde_json's line and column of `offset`: 1-based line, column in bytes since the line's
/// start (0 when `offset` is just past a line break).
pub fn position(text: &[u8], offset: usize) -> (usize, usize) {
    // A plain loop: only a broken document gets here, and memchr's backward search would
    // add its own kilobyte to the wasm.
    let before = text.get(..offset).unwrap_or(text);
    let (mut line, mut start_of_line) = (1, 0);
    for (i, _) in before.iter().enumerate().filter(|(_, &c)| c == b'\n') {
        line += 1;
        start_of_line = i + 1;
    }
    (line, before.len() - start_of_line)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    rules: Rules,
}

impl Reader<'_> {
    /// Stopped by the byte just read (serde_json's `error`).
    fn error<T>(&self, fault: Fault) -> Result<T, Stop> {
        Err(Stop { fault, offset: self.at.min(self.b.len()) })
    }

    /// Stopped by the byte looked at, not yet read (serde_json's `peek_error`).
    fn peek_error<T>(&self, fault: Fault) -> Result<T, Stop> {
        Err(Stop { fault, offset: (self.at + 1).min(self.b.len()) })
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    /// The next byte that is not JSON whitespace, not read.
    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
        self.peek()
    }

    fn document(&mut self) -> Result<(), Stop> {
        // Each open container's closing byte; serde_json's depth counter starts at 128 and
        // refuses the container that brings it to 0.
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value.
            match self.skip_whitespace() {
                None => return self.peek_error(Fault::EofWhileParsingValue),
                Some(b'n') => self.ident(b"null")?,
                Some(b't') => self.ident(b"true")?,
                Some(b'f') => self.ident(b"false")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b'"') => {
                    self.at += 1;
                    self.string()?;
                }
                Some(c @ (b'[' | b'{')) => {
                    if self.rules == Rules::Value && open.len() + 1 >= crate::parse::MAX_DEPTH {
                        return self.peek_error(Fault::RecursionLimitExceeded);
                    }
                    self.at += 1;
                    let (close, eof) = if c == b'[' {
                        (b']', Fault::EofWhileParsingList)
                    } else {
                        (b'}', Fault::EofWhileParsingObject)
                    };
                    open.push(close);
                    match self.skip_whitespace() {
                        None => return self.peek_error(eof),
                        Some(b) if b == close => {
                            self.at += 1;
                            open.pop();
                        }
                        // The first item: whatever it is, the value's own check says.
                        Some(_) if c == b'[' => continue,
                        Some(b'"') => {
                            self.key()?;
                            continue;
                        }
                        Some(_) => return self.peek_error(Fault::KeyMustBeAString),
                    }
                }
                Some(_) => return self.peek_error(Fault::ExpectedSomeValue),
            }
            // After a value: close what ends here, then the next item, member or the end.
            loop {
                let Some(&close) = open.last() else {
                    return match self.skip_whitespace() {
                        Some(_) => self.peek_error(Fault::TrailingCharacters),
                        None => Ok(()),
                    };
                };
                let (eof, expected) = if close == b']' {
                    (Fault::EofWhileParsingList, Fault::ExpectedListCommaOrEnd)
                } else {
                    (Fault::EofWhileParsingObject, Fault::ExpectedObjectCommaOrEnd)
                };
                match self.skip_whitespace() {
                    None => return self.peek_error(eof),
                    Some(b) if b == close => {
                        self.at += 1;
                        open.pop();
                    }
                    Some(b',') => {
                        self.at += 1;
                        match self.skip_whitespace() {
                            None => return self.peek_error(Fault::EofWhileParsingValue),
                            Some(b) if b == close => return self.peek_error(Fault::TrailingComma),
                            Some(_) if close == b']' => break,
                            Some(b'"') => {
                                self.key()?;
                                break;
                            }
                            Some(_) => return self.peek_error(Fault::KeyMustBeAString),
                        }
                    }
                    Some(_) => return self.peek_error(expected),
                }
            }
        }
    }

    /// A member's key (at its opening quote) and the colon after it.
    fn key(&mut self) -> Result<(), Stop> {
        self.at += 1;
        self.string()?;
        match self.skip_whitespace() {
            Some(b':') => {
                self.at += 1;
                Ok(())
            }
            Some(_) => self.peek_error(Fault::ExpectedColon),
            None => self.peek_error(Fault::EofWhileParsingObject),
        }
    }

    /// `null`, `true` or `false`, at its first byte.
    fn ident(&mut self, ident: &[u8]) -> Result<(), Stop> {
        self.at += 1;
        for expected in ident.iter().skip(1) {
            match self.next() {
                None => return self.error(Fault::EofWhileParsingValue),
                Some(c) if c != *expected => return self.error(Fault::ExpectedSomeIdent),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// A number, at its first byte (its sign if it has one): `number.rs` reads it as
    /// serde_json does, and says where it stops short.
    fn number(&mut self) -> Result<(), Stop> {
        let start = self.at;
        match number::read(self.b.get(start..).unwrap_or_default()) {
            Ok((_, end)) => {
                self.at = start + end;
                Ok(())
            }
            Err((Short::OutOfRange, place)) if self.rules == Rules::Grammar => {
                // The grammar alone: any number, read on to its end.
                self.at = start + place;
                while let Some(b'0'..=b'9') = self.peek() {
                    self.at += 1;
                }
                Ok(())
            }
            Err((short, place)) => {
                let fault = match short {
                    Short::Eof => Fault::EofWhileParsingValue,
                    Short::Invalid => Fault::InvalidNumber,
                    Short::OutOfRange => Fault::NumberOutOfRange,
                };
                Err(Stop { fault, offset: start + place })
            }
        }
    }

    /// A string, after its opening quote.
    fn string(&mut self) -> Result<(), Stop> {
        loop {
            match self.next() {
                None => return self.error(Fault::EofWhileParsingString),
                Some(b'"') => return Ok(()),
                Some(b'\\') => self.escape()?,
                Some(0..=0x1f) => return self.error(Fault::ControlCharacterWhileParsingString),
                Some(_) => {}
            }
        }
    }

    /// An escape, after its backslash.
    fn escape(&mut self) -> Result<(), Stop> {
        match self.next() {
            None => self.error(Fault::EofWhileParsingString),
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(()),
            Some(b'u') => {
                let first = self.hex()?;
                if self.rules == Rules::Grammar {
                    return Ok(());
                }
                if (0xDC00..=0xDFFF).contains(&first) {
                    return self.error(Fault::LoneLeadingSurrogateInHexEscape);
                }
                if !(0xD800..=0xDBFF).contains(&first) {
                    return Ok(());
                }
                // A leading surrogate: `\u` and a trailing one must follow.
                for expected in [b'\\', b'u'] {
                    match self.next() {
                        None => return self.error(Fault::EofWhileParsingString),
                        Some(c) if c != expected => return self.error(Fault::UnexpectedEndOfHexEscape),
                        Some(_) => {}
                    }
                }
                if (0xDC00..=0xDFFF).contains(&self.hex()?) {
                    Ok(())
                } else {
                    self.error(Fault::LoneLeadingSurrogateInHexEscape)
                }
            }
            Some(_) => self.error(Fault::InvalidEscape),
        }
    }

    /// The four hex digits of a `\u` escape.
    fn hex(&mut self) -> Result<u16, Stop> {
        let Some(digits) = self.b.get(self.at..self.at + 4) else {
            self.at = self.b.len();
            return self.error(Fault::EofWhileParsingString);
        };
        self.at += 4;
        let value =
            digits.iter().try_fold(0u16, |n, &c| Some(n * 16 + u16::try_from(char::from(c).to_digit(16)?).ok()?));
        match value {
            Some(n) => Ok(n),
            None => self.error(Fault::InvalidEscape),
        }
    }
}
