//! RFC 6901 JSON Pointers, built incrementally while walking a document.

use crate::prelude::*;
use crate::text::Piece;
use alloc::borrow::Cow;

/// A pointer that grows and shrinks as a walker descends and returns.
#[derive(Debug, Default, Clone)]
pub struct Pointer {
    text: String,
    marks: Vec<usize>,
}

impl Pointer {
    pub fn root() -> Pointer {
        Pointer::default()
    }

    pub fn from(text: &str) -> Pointer {
        Pointer { text: text.to_owned(), marks: Vec::new() }
    }

    pub fn push_key(&mut self, key: &str) {
        self.marks.push(self.text.len());
        self.text.push('/');
        push_escaped(&mut self.text, key);
    }

    pub fn push_index(&mut self, index: usize) {
        self.marks.push(self.text.len());
        self.text.push('/');
        Piece::from(&index).push_to(&mut self.text);
    }

    pub fn pop(&mut self) {
        if let Some(len) = self.marks.pop() {
            self.text.truncate(len);
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How many segments deep this pointer is.
    pub fn depth(&self) -> usize {
        self.marks.len()
    }

    /// `self` with one more key, as an owned string (for a missing property).
    pub fn with_key(&self, key: &str) -> String {
        let mut s = String::with_capacity(self.text.len() + key.len() + 1);
        s.push_str(&self.text);
        s.push('/');
        push_escaped(&mut s, key);
        s
    }
}

/// Escapes `~` and `/` as RFC 6901 requires.
pub fn push_escaped(out: &mut String, key: &str) {
    // A byte test: the char-set pattern showed in the profile of invalid documents.
    if !key.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// A reference token with its escapes undone (`~1` → `/`, `~0` → `~`, in one pass, so
/// `~01` is `~1`, as RFC 6901 requires).
pub fn unescape(token: &str) -> Cow<'_, str> {
    if !token.contains('~') {
        return Cow::Borrowed(token);
    }
    // Bytes: `~0` and `~1` are ASCII, so the rest is copied as it is and stays UTF-8.
    let mut out = Vec::with_capacity(token.len());
    let mut rest = token.as_bytes();
    while let Some((&byte, after)) = rest.split_first() {
        rest = after;
        let decoded = match (byte, rest.first()) {
            (b'~', Some(b'1')) => b'/',
            (b'~', Some(b'0')) => b'~',
            _ => {
                out.push(byte);
                continue;
            }
        };
        out.push(decoded);
        rest = rest.get(1..).unwrap_or_default();
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| token.to_owned()))
}

/// The pointer of the parent container (`""` for the root and its children).
pub fn parent(pointer: &str) -> &str {
    match pointer.rfind('/') {
        Some(i) => pointer.get(..i).unwrap_or(""),
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_pops() {
        let mut p = Pointer::root();
        p.push_key("a/b");
        p.push_index(3);
        p.push_key("m~n");
        assert_eq!(p.as_str(), "/a~1b/3/m~0n");
        p.pop();
        assert_eq!(p.as_str(), "/a~1b/3");
        assert_eq!(p.with_key("x"), "/a~1b/3/x");
        assert_eq!(parent("/a~1b/3"), "/a~1b");
        for key in ["a/b", "m~n", "~1", "~0", "/~", "plain", "é~/"] {
            let mut escaped = String::new();
            push_escaped(&mut escaped, key);
            assert_eq!(unescape(&escaped), key, "{escaped}");
        }
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(unescape("~"), "~");
        assert_eq!(unescape("a~2~~1é~0"), "a~2~/é~");
        assert_eq!(parent("/a"), "");
        assert_eq!(parent(""), "");
    }
}
