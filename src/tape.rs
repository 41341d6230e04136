//! A document's tokens, found in one pass over its text (the idea of simdjson's tape).
//!
//! Reading the bytes is the expensive part of checking a document; everything after it
//! (choosing the dialect, checking the declarations, finding keys) walks this flat list
//! instead, and skipping a whole object or array is one jump. The reader checks the JSON
//! grammar completely, so a tape only exists for text that is JSON; it gives up (`None`)
//! on text that is not, and on anything past the limits, leaving the full path to say why.
//!
//! It reads bytes, not `str`: JSON has non-ASCII bytes only inside strings, and the reader
//! checks those are UTF-8, so a tape also proves its text is UTF-8. The fast path then never
//! needs a separate UTF-8 check of its input (5 % of validateMany's time in wasm).

use crate::global::{global, TryWith};
use crate::keyset::KeySet;
use crate::parse::{unescape, MAX_DEPTH, MAX_DOCUMENT_BYTES};
use crate::prelude::*;
use alloc::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    /// A string without escapes: its text is the bytes between the quotes.
    Str,
    /// A string with escapes (checked when read; decode with `Tape::string`).
    Escaped,
    Number,
    True,
    False,
    Null,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Kind,
    /// Strings: the byte after the opening quote; others: the first byte.
    pub start: u32,
    /// Strings: the closing quote; numbers and literals: one past the last byte;
    /// objects and arrays: the index of the token after the whole container.
    pub end: u32,
}

impl Token {
    /// The index of the token after this value (its next sibling).
    pub fn next(&self, at: usize) -> usize {
        match self.kind {
            Kind::Object | Kind::Array => self.end as usize,
            _ => at + 1,
        }
    }
}

/// A member of the top-level object: its key's text (between the quotes) and its value's
/// token.
#[derive(Debug, Clone, Copy)]
pub struct TopMember {
    pub key_start: u32,
    pub key_end: u32,
    pub value: u32,
}

/// `Tape::kept_members`: the decoded keys, and for each its (key token, value token).
pub type KeptMembers<'t> = (Vec<Cow<'t, [u8]>>, Vec<(usize, usize)>);

/// The tokens of one JSON text. An object's members follow it as key, value, key, value…;
/// an array's items follow it; both end where `end` says.
#[derive(Default)]
pub struct Tape {
    pub tokens: Vec<Token>,
    /// Open containers while reading.
    stack: Vec<usize>,
    /// The top-level object's members, listed while reading: every document's detection
    /// looks at them, and finding them on the tape again took 3 % of validateMany.
    top: Vec<TopMember>,
    /// Whether a top-level key has escapes.
    top_escaped: bool,
    /// `fingerprint` of the top-level keys, and their bytes.
    top_fingerprint: u64,
    top_key_bytes: usize,
}

impl Tape {
    /// A tape with nothing read yet (a constant, so that the reused tape needs no lazy
    /// initialiser).
    pub const EMPTY: Tape = Tape {
        tokens: Vec::new(),
        stack: Vec::new(),
        top: Vec::new(),
        top_escaped: false,
        top_fingerprint: 0,
        top_key_bytes: 0,
    };

    /// Reads `text`, which must be one JSON value in UTF-8 with only whitespace around it,
    /// nested at most `max_depth` deep. `None` when it is not (the tape is then unusable).
    pub fn read(&mut self, text: &[u8], max_depth: usize) -> Option<()> {
        self.tokens.clear();
        self.stack.clear();
        self.top.clear();
        self.top_escaped = false;
        self.top_fingerprint = 0;
        self.top_key_bytes = 0;
        if text.len() > MAX_DOCUMENT_BYTES.min(u32::MAX as usize) {
            return None;
        }
        // Offsets fit in u32 from here on (checked above), so `at as u32` below is exact.
        let b = text;
        let max_depth = max_depth.min(MAX_DEPTH);
        // Whether the innermost open container is an object: kept here rather than looked
        // up on the tape after every value.
        let mut in_object = false;
        let mut at = ws(b, 0);
        loop {
            // A value starts at `at`.
            let c = *b.get(at)?;
            let start = at as u32;
            match c {
                b'"' => {
                    let (end, kind) = string(b, at + 1)?;
                    self.tokens.push(Token { kind, start: start + 1, end: end as u32 });
                    at = end + 1;
                }
                b'{' | b'[' => {
                    if self.stack.len() >= max_depth {
                        return None;
                    }
                    in_object = c == b'{';
                    self.stack.push(self.tokens.len());
                    let kind = if in_object { Kind::Object } else { Kind::Array };
                    self.tokens.push(Token { kind, start, end: 0 });
                    at = ws(b, at + 1);
                    let close = if in_object { b'}' } else { b']' };
                    if b.get(at) == Some(&close) {
                        at += 1;
                        in_object = self.close()?;
                    } else {
                        if in_object {
                            at = self.key(b, at)?;
                        }
                        continue;
                    }
                }
                b't' | b'f' | b'n' => {
                    let (word, kind): (&[u8], Kind) = match c {
                        b't' => (b"true", Kind::True),
                        b'f' => (b"false", Kind::False),
                        _ => (b"null", Kind::Null),
                    };
                    if b.get(at..at + word.len()) != Some(word) {
                        return None;
                    }
                    at += word.len();
                    self.tokens.push(Token { kind, start, end: at as u32 });
                }
                _ => {
                    at = number(b, at)?;
                    self.tokens.push(Token { kind: Kind::Number, start, end: at as u32 });
                }
            }
            // After a value: a separator, closing brackets, or the end of the text.
            loop {
                at = ws(b, at);
                if self.stack.is_empty() {
                    return (at == b.len()).then_some(());
                }
                match b.get(at) {
                    Some(b',') => {
                        at = ws(b, at + 1);
                        if in_object {
                            at = self.key(b, at)?;
                        }
                        break;
                    }
                    Some(b'}') if in_object => {
                        at += 1;
                        in_object = self.close()?;
                    }
                    Some(b']') if !in_object => {
                        at += 1;
                        in_object = self.close()?;
                    }
                    _ => return None,
                }
            }
        }
    }

    /// A key and its colon at `at`; returns where the value starts.
    #[inline]
    fn key(&mut self, b: &[u8], at: usize) -> Option<usize> {
        if b.get(at) != Some(&b'"') {
            return None;
        }
        let (end, kind) = string(b, at + 1)?;
        self.tokens.push(Token { kind, start: at as u32 + 1, end: end as u32 });
        if self.stack.len() == 1 {
            let value = u32::try_from(self.tokens.len()).ok()?;
            self.top.push(TopMember { key_start: at as u32 + 1, key_end: end as u32, value });
            self.top_escaped |= kind == Kind::Escaped;
            let key = b.get(at + 1..end)?;
            self.top_fingerprint = fingerprint(self.top_fingerprint, key);
            self.top_key_bytes += key.len();
        }
        let at = ws(b, end + 1);
        (b.get(at) == Some(&b':')).then(|| ws(b, at + 1))
    }

    /// Closes the innermost container; returns whether the one now innermost is an object.
    // Inlined where it is hot: the wasm's inline threshold is low (.cargo/config.toml).
    #[inline]
    fn close(&mut self) -> Option<bool> {
        let open = self.stack.pop()?;
        let end = u32::try_from(self.tokens.len()).ok()?;
        self.tokens.get_mut(open)?.end = end;
        match self.stack.last() {
            Some(&outer) => Some(self.tokens.get(outer)?.kind == Kind::Object),
            None => Some(false),
        }
    }

    /// Whether some object holds a key twice (escaped keys compare decoded), not looking at
    /// the top level's keys when the caller knows them distinct.
    pub fn has_duplicate_keys(&self, text: &[u8], top_distinct: bool) -> bool {
        let mut keys = Vec::new();
        let skip = usize::from(top_distinct);
        self.tokens
            .iter()
            .enumerate()
            .skip(skip)
            .any(|(at, t)| t.kind == Kind::Object && self.repeats_a_key(text, at, &mut keys))
    }

    /// The members of the object at `at` as a parsed value keeps them: each key (decoded)
    /// once, at its first place, with its last value, as serde_json's map and `JSON.parse`
    /// do. Linear however many keys there are (a set finds the earlier place). The decoded
    /// keys, and for each (key token, value token), in the same order.
    pub fn kept_members<'t>(&self, text: &'t [u8], at: usize) -> KeptMembers<'t> {
        let (mut keys, mut kept) = (Vec::new(), Vec::new());
        let mut set = KeySet::default();
        for (k, v) in self.members(at) {
            let key = self.get(k).and_then(|t| unescaped_bytes(text, t)).unwrap_or_default();
            match set.insert(&mut keys, key) {
                (_, true) => kept.push((k, v)),
                (place, false) => {
                    if let Some(member) = kept.get_mut(place) {
                        member.1 = v;
                    }
                }
            }
        }
        (keys, kept)
    }

    /// Whether the object at `at` holds a key twice (decoded; a key that does not decode
    /// counts as a repeat). A small object compares its keys in a list (`keys`, reused by the
    /// caller); past `LIST` keys, a set keeps it linear however many there are.
    pub fn repeats_a_key<'t>(&self, text: &'t [u8], at: usize, keys: &mut Vec<Cow<'t, [u8]>>) -> bool {
        const LIST: usize = 32;
        keys.clear();
        let mut set: Option<KeySet> = None;
        for (k, _) in self.members(at) {
            let Some(key) = self.get(k).and_then(|t| unescaped_bytes(text, t)) else { return true };
            let repeated = match &mut set {
                Some(set) => !set.insert(keys, key).1,
                None if keys.contains(&key) => true,
                None => {
                    keys.push(key);
                    if keys.len() > LIST {
                        // Distinct so far: into the set without looking.
                        let mut all = KeySet::default();
                        for place in 0..keys.len() {
                            all.add(keys, place);
                        }
                        set = Some(all);
                    }
                    false
                }
            };
            if repeated {
                return true;
            }
        }
        false
    }

    /// The token the pointer names, from the root (`None` when it names nothing). A key
    /// that repeats names its last occurrence: the one a parsed value keeps.
    pub fn resolve(&self, text: &str, pointer: &str) -> Option<usize> {
        let mut at = 0;
        if pointer.is_empty() {
            return self.get(0).map(|_| 0);
        }
        for segment in pointer.strip_prefix('/')?.split('/') {
            let segment = crate::pointer::unescape(segment);
            at = match self.get(at)?.kind {
                Kind::Object => {
                    self.members(at)
                        .filter(|(k, _)| {
                            self.get(*k).and_then(|t| unescaped(text, t)) == Some(Cow::Borrowed(&*segment))
                        })
                        .last()?
                        .1
                }
                Kind::Array => {
                    // RFC 6901: digits, no leading zero (`01` names nothing).
                    let canonical =
                        segment.bytes().all(|c| c.is_ascii_digit()) && (segment == "0" || !segment.starts_with('0'));
                    let index: usize = segment.parse().ok().filter(|_| canonical)?;
                    self.items(at).nth(index)?
                }
                _ => return None,
            };
        }
        Some(at)
    }

    /// Where the value of a token starts in the text (a string at its opening quote).
    pub fn offset(&self, at: usize) -> Option<usize> {
        let t = self.get(at)?;
        Some(match t.kind {
            Kind::Str | Kind::Escaped => (t.start as usize).saturating_sub(1),
            _ => t.start as usize,
        })
    }

    /// The members of the top-level object (empty for any other value), when no key of
    /// theirs has escapes.
    pub fn top_members(&self) -> Option<&[TopMember]> {
        (!self.top_escaped).then_some(&self.top[..])
    }

    /// `fingerprint` of the top-level keys (as written), and their bytes.
    pub fn top_fingerprint(&self) -> (u64, usize) {
        (self.top_fingerprint, self.top_key_bytes)
    }

    pub fn get(&self, at: usize) -> Option<&Token> {
        self.tokens.get(at)
    }

    /// The members of the object at `at`: (key token index, value token index).
    pub fn members(&self, at: usize) -> Members<'_> {
        let end = match self.tokens.get(at) {
            Some(t) if t.kind == Kind::Object => t.end as usize,
            _ => at,
        };
        Members { tape: self, at: at + 1, end }
    }

    /// The items of the array at `at`: token indexes.
    pub fn items(&self, at: usize) -> Items<'_> {
        let end = match self.tokens.get(at) {
            Some(t) if t.kind == Kind::Array => t.end as usize,
            _ => at,
        };
        Items { tape: self, at: at + 1, end }
    }
}

pub struct Members<'t> {
    tape: &'t Tape,
    at: usize,
    end: usize,
}

impl Iterator for Members<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        if self.at >= self.end {
            return None;
        }
        let key = self.at;
        let value = key + 1;
        self.at = self.tape.tokens.get(value)?.next(value);
        Some((key, value))
    }
}

pub struct Items<'t> {
    tape: &'t Tape,
    at: usize,
    end: usize,
}

impl Iterator for Items<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.at >= self.end {
            return None;
        }
        let item = self.at;
        self.at = self.tape.tokens.get(item)?.next(item);
        Some(item)
    }
}

/// `hash` with one more key of a sequence mixed in: its length and its first and last
/// bytes. Detection keeps what it works out for a sequence of top-level keys under this
/// (`detect::KeyCache`); the reader works it out as it reads them, where it costs least.
pub fn fingerprint(hash: u64, key: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let ends = u64::from(key.first().copied().unwrap_or(0)) << 32 | u64::from(key.last().copied().unwrap_or(0)) << 40;
    (hash ^ ends ^ key.len() as u64).wrapping_mul(K).rotate_left(29)
}

/// The text of a `Kind::Str` token (escaped strings have none without decoding).
pub fn raw<'t>(text: &'t str, token: &Token) -> Option<&'t str> {
    match token.kind {
        Kind::Str => text.get(token.start as usize..token.end as usize),
        _ => None,
    }
}

/// `raw` on the bytes the tape was read from (the fast path's view: no `str` needed).
pub fn raw_bytes<'t>(text: &'t [u8], token: &Token) -> Option<&'t [u8]> {
    match token.kind {
        Kind::Str => text.get(token.start as usize..token.end as usize),
        _ => None,
    }
}

/// A string token's text, decoded if it needs to be.
pub fn unescaped<'t>(text: &'t str, token: &Token) -> Option<Cow<'t, str>> {
    match token.kind {
        Kind::Str => raw(text, token).map(Cow::Borrowed),
        _ => decoded(text.as_bytes(), token).map(Cow::Owned),
    }
}

/// `unescaped` on the bytes the tape was read from.
// Inlined where it is hot: the wasm's inline threshold is low (.cargo/config.toml).
#[inline]
pub fn unescaped_bytes<'t>(text: &'t [u8], token: &Token) -> Option<Cow<'t, [u8]>> {
    match token.kind {
        Kind::Str => raw_bytes(text, token).map(Cow::Borrowed),
        _ => decoded(text, token).map(|s| Cow::Owned(s.into_bytes())),
    }
}

global! {
    /// One tape, reused by every document (no allocation per document once it has grown).
    static TAPE: Tape = Tape::EMPTY;
}

/// Reads `text` into the reused tape and hands it to `f` (`None` when it is not JSON
/// within the limits).
pub fn with<R>(text: &[u8], f: impl FnOnce(Option<&Tape>) -> R) -> R {
    TAPE.try_with_borrow_mut(|tape| match tape {
        Some(tape) => {
            let ok = tape.read(text, MAX_DEPTH).is_some();
            f(ok.then_some(&*tape))
        }
        // Only if `f` itself reads a tape: then a fresh one.
        None => {
            let mut tape = Tape::default();
            let ok = tape.read(text, MAX_DEPTH).is_some();
            f(ok.then_some(&tape))
        }
    })
}

/// The decoded text of an escaped string token.
pub fn decoded(text: &[u8], token: &Token) -> Option<String> {
    match token.kind {
        Kind::Escaped => {
            let literal = text.get((token.start as usize).saturating_sub(1)..token.end as usize + 1)?;
            core::str::from_utf8(literal).ok().and_then(unescape)
        }
        _ => None,
    }
}

#[inline(always)]
fn ws(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// Where the run of plain ASCII bytes at `at` ends: at a `"`, `\\`, a control character or a
/// non-ASCII byte, or where fewer bytes are left than one step reads (the caller goes on a
/// byte at a time). Strings are most of a task status document's bytes.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn plain_run(b: &[u8], mut at: usize) -> usize {
    // Eight bytes at a time.
    while let Some(chunk) = b.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let hits = specials(u64::from_le_bytes(chunk));
        if hits != 0 {
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at
}

/// `plain_run` sixteen bytes at a time with SIMD128 (validateMany 2.7 % faster than eight
/// at a time with SWAR). `tests/wasm.rs` checks it in wasm, at every offset.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn plain_run(b: &[u8], mut at: usize) -> usize {
    use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_ge, u8x16_splat, u8x16_sub, v128_or};
    while let Some((lo, hi)) = b.get(at..at + 16).and_then(|c| c.split_first_chunk::<8>()) {
        let hi = <[u8; 8]>::try_from(hi).unwrap_or_default();
        let v = u64x2(u64::from_le_bytes(*lo), u64::from_le_bytes(hi));
        // A control byte wraps to 0xe0 and up, a non-ASCII byte stays at 0x60 and up.
        let odd = u8x16_ge(u8x16_sub(v, u8x16_splat(0x20)), u8x16_splat(0x60));
        let hits = v128_or(v128_or(u8x16_eq(v, u8x16_splat(b'"')), u8x16_eq(v, u8x16_splat(b'\\'))), odd);
        let mask = u8x16_bitmask(hits);
        if mask != 0 {
            return at + mask.trailing_zeros() as usize;
        }
        at += 16;
    }
    at
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const ONES: u64 = 0x0101_0101_0101_0101;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes of `w` that end or interrupt a plain ASCII run: `"`, `\`, a control character or
/// a non-ASCII byte.
/// The lowest set high bit marks the first such byte exactly (SWAR: a borrow only ever
/// spreads upwards from a byte that really matched).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn specials(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    (zero(quote) | zero(backslash) | w.wrapping_sub(ONES * 0x20) & !w | w) & HIGH
}

/// The string whose content starts at `at`: where its closing quote is, and whether it
/// has escapes (which must decode: no bad escape, no lone surrogate).
#[inline(always)]
fn string(b: &[u8], mut at: usize) -> Option<(usize, Kind)> {
    let start = at;
    let mut kind = Kind::Str;
    loop {
        at = plain_run(b, at);
        match *b.get(at)? {
            b'"' => {
                if kind == Kind::Escaped && !escapes_decode(b.get(start..at)?) {
                    return None;
                }
                return Some((at, kind));
            }
            b'\\' => {
                kind = Kind::Escaped;
                at += 2; // checked by `unescape` at the end
            }
            c if c < 0x20 => return None,
            c if c >= 0x80 => at = non_ascii_run(b, at)?,
            _ => at += 1,
        }
    }
}

/// The end of the run of non-ASCII bytes at `at`, which must be whole UTF-8 characters
/// (every byte of a multi-byte character is non-ASCII, so a run holds whole ones).
#[inline(never)] // rare in task status documents: kept out of the string loop
fn non_ascii_run(b: &[u8], at: usize) -> Option<usize> {
    let run = b.get(at..)?;
    let len = run.iter().position(u8::is_ascii).unwrap_or(run.len());
    core::str::from_utf8(run.get(..len)?).ok()?;
    Some(at + len)
}

/// Whether a string's content (between its quotes) decodes: the rules of `parse::unescape`
/// (a known escape, `\u` with four hex digits, surrogates in pairs), without building it.
fn escapes_decode(inner: &[u8]) -> bool {
    let hex4 = |at: usize| crate::parse::hex4(&mut inner.get(at..).unwrap_or_default());
    let mut i = 0;
    while let Some(&c) = inner.get(i) {
        match c {
            b'\\' => match inner.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => {
                    let Some(first) = hex4(i + 2) else { return false };
                    i += 6;
                    if (0xD800..0xDC00).contains(&first) {
                        if inner.get(i..i + 2) != Some(b"\\u") {
                            return false;
                        }
                        match hex4(i + 2) {
                            Some(second) if (0xDC00..0xE000).contains(&second) => i += 6,
                            _ => return false,
                        }
                    } else if (0xDC00..0xE000).contains(&first) {
                        return false;
                    }
                }
                _ => return false,
            },
            b'"' => return false,
            c if c < 0x20 => return false,
            _ => i += 1,
        }
    }
    true
}

/// The value of a number's text as serde_json reads it (so the tape agrees with the value
/// path, rounding included); `None` where serde_json refuses it, beyond f64. Integers of up
/// to 15 digits are exact in f64 and read here; core's float parser and its 10 KB table of
/// powers stay out of the wasm.
pub fn value(number: &[u8]) -> Option<f64> {
    let digits = number.strip_prefix(b"-").unwrap_or(number);
    if digits.len() <= 15 && !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        let n = digits.iter().fold(0u64, |n, c| n * 10 + u64::from(c - b'0'));
        let x = n as f64; // ok: below 10^15, exact
        return Some(if digits.len() < number.len() { -x } else { x });
    }
    crate::number::parse(number).map(crate::number::Parsed::as_f64)
}

/// A number at `at`, checked against the JSON grammar; returns where it ends.
fn number(b: &[u8], mut at: usize) -> Option<usize> {
    let start = at;
    let digits = |at: &mut usize| {
        let from = *at;
        while b.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at > from
    };
    if b.get(at) == Some(&b'-') {
        at += 1;
    }
    match b.get(at)? {
        b'0' => at += 1,
        b'1'..=b'9' => {
            digits(&mut at);
        }
        _ => return None,
    }
    let mut plain = true;
    if b.get(at) == Some(&b'.') {
        at += 1;
        if !digits(&mut at) {
            return None;
        }
    }
    if matches!(b.get(at), Some(b'e' | b'E')) {
        plain = false;
        at += 1;
        if matches!(b.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if !digits(&mut at) {
            return None;
        }
    }
    // The grammar allows `158e7667190311`; the full path rejects a number beyond f64.
    // Without an exponent, only a number of over 300 digits gets there.
    if !plain || at - start > 300 {
        value(b.get(start..at)?)?;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Vec<(Kind, u32, u32)>> {
        let mut tape = Tape::default();
        tape.read(text.as_bytes(), MAX_DEPTH)?;
        Some(tape.tokens.iter().map(|t| (t.kind, t.start, t.end)).collect())
    }

    #[test]
    fn tokens_and_jumps() {
        // {"a":[1,true],"b":"x"}
        // 0    5 7  9       19
        let t = read(r#"{"a":[1,true],"b":"x"}"#).expect("json"); // ok: test code, a literal JSON text
        assert_eq!(
            t,
            vec![
                (Kind::Object, 0, 7),
                (Kind::Str, 2, 3),
                (Kind::Array, 5, 5),
                (Kind::Number, 6, 7),
                (Kind::True, 8, 12),
                (Kind::Str, 15, 16),
                (Kind::Str, 19, 20),
            ]
        );
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        let cases = [
            "{}",
            "[]",
            " { } ",
            "[1,]",
            "{,}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1 2]",
            "01",
            "-",
            "-0",
            "1.",
            "1.5e",
            "1e+5",
            "1E-2",
            "\"\\u00e9\"",
            "\"\\ud800\"",
            "\"\\x\"",
            "\"a\u{1}\"",
            "\"abcdefghijklmnop\\\"q\"",
            "tru",
            "true false",
            "nul",
            "[[[]]]",
            "[{]}",
            "{\"a\":[}",
            "\"unterminated",
            "158e7667190311",
            "1e308",
            "\"é😀 long enough to take the eight-byte road\"",
            "{\"a\":1}x",
            "",
        ];
        for text in cases {
            let ours = read(text).is_some();
            let theirs = serde_json::from_str::<serde_json::Value>(text).is_ok();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn escapes_decode_as_unescape_says() {
        let pieces = [
            "a",
            "\\n",
            "\\\\",
            "\\/",
            "\\u00e9",
            "\\ud83d\\ude00",
            "\\ud800",
            "\\udc00",
            "\\ud800x",
            "\\ud800\\u0041",
            "\\u12",
            "\\uzzzz",
            "\\x",
            "\\",
            "\"",
            "\u{1}",
            "é",
            "\\u0000",
            "\\U0041",
        ];
        for a in pieces {
            for b in pieces {
                let inner = format!("{a}{b}");
                let literal = format!("\"{inner}\"");
                assert_eq!(escapes_decode(inner.as_bytes()), unescape(&literal).is_some(), "{literal}");
            }
        }
    }

    #[test]
    fn numbers_read_as_the_value_path_reads_them() {
        let cases = [
            "0",
            "-0",
            "7",
            "-7",
            "123456789012345",
            "-999999999999999",
            "1234567890123456",
            "9007199254740993",
            "18446744073709551616",
            "-9223372036854775809",
            "0.1",
            "-2.5e-3",
            "1E2",
            "1e308",
            "1.7976931348623157e308",
            "1.8e308",
            "1e400",
            "-1e400",
            "4.9e-324",
        ];
        for n in cases {
            let theirs = serde_json::from_str::<serde_json::Value>(n).ok().and_then(|v| v.as_f64());
            assert_eq!(super::value(n.as_bytes()).map(f64::to_bits), theirs.map(f64::to_bits), "{n}");
        }
        assert_eq!(super::value(b"-"), None);
        assert_eq!(super::value(b""), None);
    }

    #[test]
    fn repeated_keys_are_found_in_objects_of_any_size() {
        let object = |n: usize, extra: &str| {
            let members: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
            format!("{{\"a\":{{{}{extra}}}}}", members.join(","))
        };
        let cases = [
            (r#"{"a":1,"b":{"x":1,"x":2}}"#.to_owned(), true),
            (r#"{"a":1,"b":{"x":1,"\u0078":2}}"#.to_owned(), true),
            (object(31, ""), false),
            (object(100, ""), false),
            // Past the list, into the set: the repeat is found either way.
            (object(100, r#","k0":0"#), true),
            (object(100, r#","k9\u0039":0"#), true),
            (object(5, r#","k4":0"#), true),
        ];
        for (text, repeated) in cases {
            let mut tape = Tape::default();
            assert!(tape.read(text.as_bytes(), MAX_DEPTH).is_some(), "{text}");
            assert_eq!(tape.has_duplicate_keys(text.as_bytes(), false), repeated, "{text}");
        }
    }

    #[test]
    fn strings_must_be_utf8_exactly_as_str_says() {
        // Well-formed characters of each length, and every way of being ill-formed:
        // continuation bytes alone, overlong forms, surrogates, beyond U+10FFFF, cut short.
        let pieces: [&[u8]; 16] = [
            b"a",
            "é".as_bytes(),
            "€".as_bytes(),
            "😀".as_bytes(),
            b"\x80",
            b"\xbf",
            b"\xc0\x80",
            b"\xc1\xbf",
            b"\xe0\x80\x80",
            b"\xed\xa0\x80",
            b"\xf0\x80\x80\x80",
            b"\xf4\x90\x80\x80",
            b"\xf5\x80\x80\x80",
            b"\xe2\x82",
            b"\xf0\x9f\x98",
            b"\xff",
        ];
        for a in pieces {
            for b in pieces {
                // At every offset, so that each piece meets the 8-byte steps everywhere.
                for pad in 0..9 {
                    let mut text = b"\"".to_vec();
                    text.extend(core::iter::repeat_n(b'p', pad));
                    text.extend_from_slice(a);
                    text.extend_from_slice(b);
                    text.extend_from_slice(b"\"");
                    let utf8 = core::str::from_utf8(&text).is_ok();
                    assert_eq!(Tape::default().read(&text, MAX_DEPTH).is_some(), utf8, "{text:x?}");
                }
            }
        }
        // Outside strings JSON has no place for any non-ASCII byte.
        for text in ["[1,é]", "é", "{\"a\":1}é", "[1é]"] {
            assert!(Tape::default().read(text.as_bytes(), MAX_DEPTH).is_none(), "{text}");
        }
    }

    #[test]
    fn the_top_level_members_are_listed_while_reading() {
        fn top(text: &str) -> Option<Vec<(&str, u32)>> {
            let mut tape = Tape::default();
            tape.read(text.as_bytes(), MAX_DEPTH)?;
            let members = tape.top_members()?;
            Some(members.iter().map(|m| (&text[m.key_start as usize..m.key_end as usize], m.value)).collect())
        }
        // Keys below the top level, and in arrays, are not top-level members.
        assert_eq!(
            top(r#"{"a":1,"b":{"c":2},"d":[{"e":3}],"f":"x"}"#),
            Some(vec![("a", 2), ("b", 4), ("d", 8), ("f", 13)])
        );
        assert_eq!(top(r#" { "a" : { "\u0062" : 1 } } "#), Some(vec![("a", 2)]));
        assert_eq!(top(r#"[{"a":1}]"#), Some(vec![]));
        assert_eq!(top(r#""a""#), Some(vec![]));
        // A top-level key with escapes: detection leaves the document to the full path.
        assert_eq!(top(r#"{"a":1,"\u0062":2}"#), None);
        // The fingerprint of the keys is worked out as they are read: as `fingerprint` of
        // the listed keys in order.
        for text in [r#"{"a":1,"bc":{"d":2},"efg":[{"h":3}]}"#, r#"{"efg":1,"bc":2,"a":3}"#, "{}", "[]"] {
            let mut tape = Tape::default();
            assert!(tape.read(text.as_bytes(), MAX_DEPTH).is_some());
            let keys: Vec<&str> = top(text).unwrap_or_default().into_iter().map(|(k, _)| k).collect();
            let hash = keys.iter().fold(0, |h, k| fingerprint(h, k.as_bytes()));
            let bytes = keys.iter().map(|k| k.len()).sum();
            assert_eq!(tape.top_fingerprint(), (hash, bytes), "{text}");
        }
        // A tape reused for the next text starts afresh.
        let mut tape = Tape::default();
        assert!(tape.read(br#"{"\u0062":2}"#, MAX_DEPTH).is_some() && tape.top_members().is_none());
        assert!(tape.read(br#"{"a":{"b":1}}"#, MAX_DEPTH).is_some());
        assert_eq!(tape.top_members().map(<[_]>::len), Some(1));
        assert_eq!(tape.top_fingerprint(), (fingerprint(0, b"a"), 1));
    }

    #[test]
    fn depth_is_limited() {
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(read(&deep(MAX_DEPTH)).is_some());
        assert!(read(&deep(MAX_DEPTH + 1)).is_none());
    }

    #[test]
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    fn finds_the_first_special_byte_in_every_lane() {
        for lane in 0..8 {
            for special in [b'"', b'\\', 0x1f, 0x00, 0x80, 0xe9, 0xff] {
                let mut bytes = [b'a'; 8];
                bytes[lane] = special;
                // A byte that would borrow from a lower lane must not hide it.
                if lane > 0 {
                    bytes[lane - 1] = 0x7f;
                }
                let hits = specials(u64::from_le_bytes(bytes));
                assert_eq!(hits.trailing_zeros() / 8, lane as u32, "{special} at {lane}");
            }
            assert_eq!(specials(u64::from_le_bytes([b'a'; 8])), 0);
            assert_eq!(specials(u64::from_le_bytes([0x7f; 8])), 0);
        }
    }
}
