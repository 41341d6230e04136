//! The fast path: checks JSON text against the declarations without building a value.
//!
//! `clean` answers only "valid, with no issue at all, as this dialect" or "don't know".
//! Anything unusual (an issue, a warning, an escape in a key, a duplicate key, a number
//! that is not plainly an integer, …) makes it give up, and the caller runs the full path,
//! which remains the one source of issues and messages. So the fast path can only ever be
//! stricter than the full path, never more lenient; `tests/scan.rs` checks that property.

use crate::declare::{Format, Object, Shape, Unknown};
use crate::detect::{self, StateValue, TopLevel};
use crate::dialects::Dialect;
use crate::options::{DialectChoice, ValidateOptions};
use crate::parse::{MAX_DEPTH, MAX_DOCUMENT_BYTES};
use crate::time::parse_rfc3339;
use crate::validate::{is_uri, is_uuid};
use std::borrow::Cow;

/// Gave up: the full path must decide.
struct GiveUp;

type Scan<T> = Result<T, GiveUp>;

/// `Some(dialect)` when `text` is one document, valid for `dialect`, with no issue at all.
pub fn clean(text: &str, options: &ValidateOptions) -> Option<&'static Dialect> {
    if options.non_finite || text.len() > MAX_DOCUMENT_BYTES {
        return None;
    }
    let mut s = Scanner { b: text.as_bytes(), text, at: 0 };
    let top = s.top_level().ok()?;
    let dialect = match options.dialect {
        DialectChoice::Fixed(d) => d,
        DialectChoice::Auto => detect::best_dialect(&top)?,
    };
    let root = dialect.root_for(top.members.iter().map(|m| m.0));
    s.members(&top, root.object, 1).ok()?;
    Some(dialect)
}

/// The top-level object: each key with where its value starts and where its skip ended.
struct Top<'t> {
    text: &'t str,
    members: Vec<(&'t str, usize, usize)>,
}

impl TopLevel for Top<'_> {
    fn key_count(&self) -> usize {
        self.members.len()
    }
    fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.0)
    }
    fn has(&self, key: &str) -> bool {
        self.members.iter().any(|m| m.0 == key)
    }
    fn state_at(&self, pointer: &str) -> StateValue<'_> {
        let mut segments = pointer.strip_prefix('/').unwrap_or(pointer).split('/');
        let Some(first) = segments.next() else { return StateValue::Missing };
        let Some(&(_, mut at, _)) = self.members.iter().find(|m| m.0 == first) else { return StateValue::Missing };
        let mut s = Scanner { b: self.text.as_bytes(), text: self.text, at };
        for key in segments {
            match s.find_member(at, key) {
                Some(next) => at = next,
                None => return StateValue::Missing,
            }
        }
        s.at = at;
        match s.peek() {
            Some(b'n') => StateValue::Null,
            Some(b'"') => match s.string() {
                Ok(Cow::Borrowed(v)) => StateValue::Str(v),
                _ => StateValue::Other,
            },
            _ => StateValue::Other,
        }
    }
}

struct Scanner<'t> {
    b: &'t [u8],
    text: &'t str,
    at: usize,
}

impl<'t> Scanner<'t> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Scan<()> {
        self.ws();
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// Reads the top-level object's keys, skipping the values (they are checked later).
    fn top_level(&mut self) -> Scan<Top<'t>> {
        self.eat(b'{')?;
        let mut members: Vec<(&'t str, usize, usize)> = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
        } else {
            loop {
                self.ws();
                let Cow::Borrowed(key) = self.string()? else { return Err(GiveUp) };
                if members.iter().any(|m| m.0 == key) {
                    return Err(GiveUp); // duplicate keys: the full path says what happens
                }
                self.eat(b':')?;
                self.ws();
                let start = self.at;
                self.skip_structure()?;
                self.ws();
                members.push((key, start, self.at));
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b'}') => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(GiveUp),
                }
            }
        }
        self.ws();
        if self.at != self.b.len() {
            return Err(GiveUp);
        }
        Ok(Top { text: self.text, members })
    }

    /// Checks the top-level members (found by `top_level`) against the root object.
    fn members(&mut self, top: &Top<'t>, object: &Object, depth: usize) -> Scan<()> {
        let mut seen = 0u64;
        for &(key, start, end) in &top.members {
            self.at = start;
            self.member(object, key, &mut seen, depth)?;
            // The skip only matched brackets; the value must fill what it skipped.
            self.ws();
            if self.at != end {
                return Err(GiveUp);
            }
        }
        required_present(object, seen)
    }

    fn member(&mut self, object: &Object, key: &str, seen: &mut u64, depth: usize) -> Scan<()> {
        match object.fields.iter().position(|f| f.name == key) {
            Some(i) => {
                let bit = 1u64.checked_shl(u32::try_from(i).map_err(|_| GiveUp)?).ok_or(GiveUp)?;
                *seen |= bit;
                let field = object.fields.get(i).ok_or(GiveUp)?;
                self.value(&field.shape, depth)
            }
            None if object.unknown == Unknown::Allow => self.any(depth),
            None => Err(GiveUp), // an unknown property is a warning: the full path reports it
        }
    }

    fn value(&mut self, shape: &Shape, depth: usize) -> Scan<()> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.ws();
        match shape {
            Shape::Any => self.any(depth),
            Shape::Bool => match self.peek() {
                Some(b't') => self.literal(b"true"),
                Some(b'f') => self.literal(b"false"),
                _ => Err(GiveUp),
            },
            Shape::Str(format) => {
                let s = self.string()?;
                let ok = match format {
                    Format::Plain => true,
                    Format::DateTime => parse_rfc3339(&s).is_some(),
                    Format::Uuid => is_uuid(&s),
                    Format::Uri => is_uri(&s),
                    Format::HttpUri => (s.starts_with("http://") || s.starts_with("https://")) && is_uri(&s),
                };
                ok.then_some(()).ok_or(GiveUp)
            }
            Shape::StrLen { min, max } => {
                let n = self.string()?.chars().count();
                (n >= *min as usize && n <= *max as usize).then_some(()).ok_or(GiveUp)
            }
            Shape::Number { min, max } => {
                let x = self.number()?.parse::<f64>().map_err(|_| GiveUp)?;
                let out = !x.is_finite() || min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m);
                (!out).then_some(()).ok_or(GiveUp)
            }
            Shape::Integer { min, max } => {
                let n = self.number()?;
                // `1.0` and `1e3` are integers to the full path too; leave them to it.
                if n.bytes().any(|c| matches!(c, b'.' | b'e' | b'E')) {
                    return Err(GiveUp);
                }
                let x = n.parse::<f64>().map_err(|_| GiveUp)?;
                let out = min.is_some_and(|m| x < m as f64) || max.is_some_and(|m| x > m as f64);
                (!out).then_some(()).ok_or(GiveUp)
            }
            Shape::Enum(e) => {
                let s = self.string()?;
                e.values.contains(&s.as_ref()).then_some(()).ok_or(GiveUp)
            }
            Shape::Array(item) => self.items(|s| s.value(item, depth + 1)),
            Shape::Object(object) => self.object(object, depth),
            Shape::Nullable(inner) => {
                if self.peek() == Some(b'n') {
                    self.literal(b"null")
                } else {
                    self.value(inner, depth)
                }
            }
            Shape::Map(inner) => self.object_members(depth, |s, _| s.value(inner, depth + 1)),
            Shape::OneOf(alternatives) => {
                let start = self.at;
                for alt in *alternatives {
                    self.at = start;
                    if self.value(alt, depth).is_ok() {
                        return Ok(());
                    }
                }
                Err(GiveUp)
            }
            Shape::JsonText(inner) => {
                let inside = self.string()?;
                let mut s = Scanner { b: inside.as_bytes(), text: &inside, at: 0 };
                s.value(inner, depth + 1)?;
                s.ws();
                (s.at == s.b.len()).then_some(()).ok_or(GiveUp)
            }
        }
    }

    fn object(&mut self, object: &Object, depth: usize) -> Scan<()> {
        let mut seen = 0u64;
        self.object_members(depth, |s, key| s.member(object, key, &mut seen, depth + 1))?;
        required_present(object, seen)
    }

    /// `{ "key": value, … }`, calling `each` with the scanner at each value.
    fn object_members(&mut self, depth: usize, mut each: impl FnMut(&mut Self, &str) -> Scan<()>) -> Scan<()> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.eat(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        // Keys seen in this object: a repeated key is a `duplicate-key` issue for the full path.
        let mut keys: Vec<Cow<'t, str>> = Vec::new();
        loop {
            self.ws();
            let key = self.string()?;
            if keys.len() >= 32 || keys.contains(&key) {
                return Err(GiveUp);
            }
            self.eat(b':')?;
            self.ws();
            each(self, &key)?;
            keys.push(key);
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(GiveUp),
            }
        }
    }

    /// `[ item, … ]`, calling `each` with the scanner at each item.
    fn items(&mut self, mut each: impl FnMut(&mut Self) -> Scan<()>) -> Scan<()> {
        self.eat(b'[')?;
        self.ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            each(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(GiveUp),
            }
        }
    }

    /// Any JSON value, checked for syntax.
    fn any(&mut self, depth: usize) -> Scan<()> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.ws();
        match self.peek() {
            Some(b'{') => self.object_members(depth, |s, _| s.any(depth + 1)),
            Some(b'[') => self.items(|s| s.any(depth + 1)),
            Some(b'"') => self.string().map(|_| ()),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            _ => self.number().map(|_| ()),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Scan<()> {
        if self.b.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// A string, borrowed when it has no escapes.
    fn string(&mut self) -> Scan<Cow<'t, str>> {
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let start = self.at + 1;
        let rest = self.b.get(start..).ok_or(GiveUp)?;
        // One tight search for the common case: no escape, no control character.
        let stop = rest.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).ok_or(GiveUp)?;
        match rest.get(stop) {
            Some(b'"') => {
                self.at = start + stop + 1;
                self.text.get(start..start + stop).map(Cow::Borrowed).ok_or(GiveUp)
            }
            Some(b'\\') => {
                let mut i = start + stop;
                loop {
                    match self.b.get(i) {
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(c) if *c < 0x20 => return Err(GiveUp),
                        Some(_) => i += 1,
                        None => return Err(GiveUp),
                    }
                }
                self.at = i + 1;
                let raw = self.text.get(start - 1..self.at).ok_or(GiveUp)?;
                crate::parse::unescape(raw).map(Cow::Owned).ok_or(GiveUp)
            }
            _ => Err(GiveUp), // a raw control character: not JSON
        }
    }

    /// A number, checked against the JSON grammar; returns its text.
    fn number(&mut self) -> Scan<&'t str> {
        let start = self.at;
        let digits = |s: &mut Self| {
            let from = s.at;
            while s.peek().is_some_and(|c| c.is_ascii_digit()) {
                s.at += 1;
            }
            s.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(GiveUp),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(GiveUp);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(GiveUp);
            }
        }
        let n = self.text.get(start..self.at).ok_or(GiveUp)?;
        // The grammar allows `158e7667190311`; the full path rejects a number beyond f64.
        // (Found by the summarise_text fuzz target: fuzz/regressions/summarise_text/crash-69e9….)
        if n.parse::<f64>().map_or(true, |x| x.is_infinite()) {
            return Err(GiveUp);
        }
        Ok(n)
    }

    /// Skips one value by its brackets and strings only (no checks: `members` checks it later).
    fn skip_structure(&mut self) -> Scan<()> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return Err(GiveUp),
                Some(b'"') => {
                    self.string()?;
                    if depth == 0 {
                        return Ok(());
                    }
                    continue;
                }
                Some(b'{' | b'[') => depth += 1,
                Some(b'}' | b']') => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return Ok(());
                    }
                }
                Some(b',') if depth == 0 => return Ok(()),
                _ => {}
            }
            self.at += 1;
        }
    }

    /// Where the value of `key` starts, in the object starting at `at` (top level of it only).
    fn find_member(&mut self, at: usize, key: &str) -> Option<usize> {
        self.at = at;
        self.eat(b'{').ok()?;
        loop {
            self.ws();
            if self.peek() == Some(b'}') {
                return None;
            }
            let k = self.string().ok()?;
            self.eat(b':').ok()?;
            self.ws();
            if k == key {
                return Some(self.at);
            }
            self.skip_structure().ok()?;
            self.ws();
            if self.peek() == Some(b',') {
                self.at += 1;
            } else {
                return None;
            }
        }
    }
}

fn required_present(object: &Object, seen: u64) -> Scan<()> {
    for (i, f) in object.fields.iter().enumerate() {
        let bit = u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)).ok_or(GiveUp)?;
        if f.required && seen & bit == 0 {
            return Err(GiveUp);
        }
    }
    Ok(())
}
