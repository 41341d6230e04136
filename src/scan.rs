//! The fast path: checks JSON text against the declarations without building a value.
//!
//! `clean` answers only "valid, with no issue at all, as this dialect" or "don't know".
//! Anything unusual (an issue, a warning, an escape in a key, a duplicate key, a number
//! that is not plainly an integer, …) makes it give up, and the caller runs the full path,
//! which remains the one source of issues and messages. So the fast path can only ever be
//! stricter than the full path, never more lenient; `tests/scan.rs` checks that property.
//!
//! It also knows when what stopped it is an error the full path reports whatever else the
//! document holds (a value of the wrong type, a missing required property, …; `Stop::Error`).
//! Where only the verdict is wanted (a batch whose issue budget is spent), that settles
//! "invalid" without the full path; `tests/scan.rs` checks the full path always agrees.
//!
//! The text is read once, into a tape (`tape.rs`); detection and the checks walk the tape.
//! Everything here works on bytes: the tape proved them UTF-8, and a clean document never
//! becomes a `str`.

use crate::declare::{json_type, Format, Object, Shape, Unknown};
use crate::detect::{self, StateValue, TopLevel};
use crate::dialects::{Dialect, Root};
use crate::options::{DialectChoice, ValidateOptions};
use crate::parse::MAX_DEPTH;
use crate::prelude::*;
use crate::tape::{self, Kind, Tape};
use crate::time::parse_rfc3339;
use crate::validate::{is_uri, is_uuid};
use alloc::borrow::Cow;

/// Why the fast path stopped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Something the full path must look at: an issue or not (a warning, an escaped key, a
    /// key twice, `1.0` for an integer, …).
    GiveUp,
    /// A value the full path reports an error for, whatever the rest of the document holds,
    /// provided no key repeats (a value keeps the last of a repeated key, which may be
    /// another one): the document is invalid.
    Error,
}

use Stop::{Error, GiveUp};

type Scan<T> = Result<T, Stop>;

/// `Err(Error)` unless `ok`.
fn error_unless(ok: bool) -> Scan<()> {
    ok.then_some(()).ok_or(Error)
}

/// `Some(dialect)` when `text` is one document, valid for `dialect`, with no issue at all.
pub fn clean(text: &str, options: &ValidateOptions) -> Option<&'static Dialect> {
    let text = text.as_bytes();
    tape::with(text, |tape| match fast(text, tape?, options) {
        Fast::Clean(d) => Some(d),
        _ => None,
    })
}

/// Whether the fast path alone finds `text` invalid (the tests check it only ever does
/// when the full path does).
pub fn invalid(text: &str, options: &ValidateOptions) -> bool {
    let text = text.as_bytes();
    tape::with(text, |tape| tape.is_some_and(|tape| matches!(fast(text, tape, options), Fast::Invalid(..))))
}

/// What the fast path found on a tape.
pub(crate) enum Fast {
    Clean(&'static Dialect),
    /// Not clean (or not known to be) for the dialect and root it chose, which are those
    /// the full path checks against.
    NotClean(&'static Dialect, &'static Root),
    /// Invalid for the dialect and root it chose: it met an error (`Stop::Error`), and no
    /// key repeats. No issue is listed: the full path finds them.
    Invalid(&'static Dialect, &'static Root),
    /// It gave up before choosing.
    GaveUp,
}

/// `clean` on a tape already read from `text`.
pub(crate) fn fast(text: &[u8], tape: &Tape, options: &ValidateOptions) -> Fast {
    if options.non_finite {
        return Fast::GaveUp;
    }
    let Some(top) = Top::new(text, tape) else { return Fast::GaveUp };
    let fixed = match options.dialect {
        DialectChoice::Fixed(d) => Some(d),
        DialectChoice::Auto => None,
    };
    let check = |choice: detect::Choice<'_>| {
        // The top level's keys are those detection kept, so their fields are known.
        let mut fields = choice.places.fields.iter();
        let field_of = |_: &[u8]| fields.next().filter(|&&i| i != detect::NOT_DECLARED).map(|&i| usize::from(i));
        let result = Checker { text, tape }.object_by(0, choice.root.object, 1, field_of);
        (choice.dialect, choice.root, choice.places.distinct, result)
    };
    match detect::check_chosen(&top, fixed, check, |(_, _, _, result)| result.is_ok()) {
        None => Fast::GaveUp,
        Some((dialect, _, _, Ok(()))) => Fast::Clean(dialect),
        // Rare (invalid documents only): only then are keys looked at in every object, but
        // the top level's, when its places show them distinct.
        Some((dialect, root, top_distinct, Err(Error))) if !tape.has_duplicate_keys(text, top_distinct) => {
            Fast::Invalid(dialect, root)
        }
        Some((dialect, root, _, Err(_))) => Fast::NotClean(dialect, root),
    }
}

/// The top-level object as detection sees it, each key with its value's place on the tape.
/// On the fast path (`new`): plain keys only (an escaped key makes it give up), as the
/// tape's reader listed them. Beyond it (`TopKeys`): each key decoded, once, as a parsed
/// value holds it. One type for both, so that detection is compiled into the wasm once.
pub(crate) struct Top<'t> {
    text: &'t [u8],
    tape: &'t Tape,
    members: &'t [tape::TopMember],
    /// The bytes the members' key ranges are in: `text`, or `TopKeys`'s decoded keys.
    keys: &'t [u8],
    /// `members` is the reader's own listing (whose fingerprint the tape keeps), read on the
    /// fast path, where a document with a key twice is never clean; else keys count once,
    /// the last of a repeated key below the top level too.
    listed: bool,
}

/// More top-level keys than this go to the full path.
const MAX_TOP_KEYS: usize = 48;

impl<'t> Top<'t> {
    /// `None` unless the top level is an object of at most `MAX_TOP_KEYS` plain keys.
    pub(crate) fn new(text: &'t [u8], tape: &'t Tape) -> Option<Self> {
        if tape.get(0)?.kind != Kind::Object {
            return None;
        }
        let members = tape.top_members().filter(|m| m.len() <= MAX_TOP_KEYS)?;
        Some(Top { text, tape, members, keys: text, listed: true })
    }

    /// Each top-level key with its value's place on the tape.
    pub(crate) fn members(&self) -> impl Iterator<Item = (&'t [u8], u32)> + Clone + '_ {
        let keys = self.keys;
        // The ranges were taken from `keys`: they are there.
        self.members
            .iter()
            .map(move |m| (keys.get(m.key_start as usize..m.key_end as usize).unwrap_or_default(), m.value))
    }

    /// The value of `key` in the object at `at` (below the top level: rare, state pointers
    /// only). Keys compare decoded, as in a parsed value; the last of a repeated key counts
    /// beyond the fast path.
    fn member(&self, at: usize, key: &str) -> Option<usize> {
        let mut found = self.tape.members(at).filter(|(k, _)| {
            self.tape
                .get(*k)
                .and_then(|t| tape::unescaped_bytes(self.text, t))
                .is_some_and(|k| same(&k, key.as_bytes()))
        });
        let first = found.next();
        match self.listed {
            true => first,
            false => found.last().or(first),
        }
        .map(|(_, v)| v)
    }
}

/// The top level of any object on a tape, for detection where the fast path's `Top` does
/// not reach (escaped keys, many keys, a key twice): each key decoded and listed once, at
/// its first place with its last value, as a parsed value holds it. No text needs a value
/// to be ranked.
pub(crate) struct TopKeys {
    members: Vec<tape::TopMember>,
    keys: Vec<u8>,
}

impl TopKeys {
    /// `None` unless the tape's value is an object.
    pub(crate) fn read(text: &[u8], tape: &Tape) -> Option<TopKeys> {
        if tape.get(0)?.kind != Kind::Object {
            return None;
        }
        let mut out = TopKeys { members: Vec::new(), keys: Vec::new() };
        let (keys, kept) = tape.kept_members(text, 0);
        for (key, (_, v)) in keys.iter().zip(kept) {
            let key_start = u32::try_from(out.keys.len()).ok()?;
            out.keys.extend_from_slice(key);
            let key_end = u32::try_from(out.keys.len()).ok()?;
            out.members.push(tape::TopMember { key_start, key_end, value: u32::try_from(v).ok()? });
        }
        Some(out)
    }

    pub(crate) fn top<'t>(&'t self, text: &'t [u8], tape: &'t Tape) -> Top<'t> {
        Top { text, tape, members: &self.members, keys: &self.keys, listed: false }
    }
}

impl TopLevel for Top<'_> {
    fn key_count(&self) -> usize {
        self.members.len()
    }
    fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.members().map(|m| m.0)
    }
    /// Worked out by the tape's reader, for its own listing.
    fn sequence_hash(&self) -> (u64, usize) {
        if !self.listed {
            return detect::sequence_hash(self.keys());
        }
        let (hash, key_bytes) = self.tape.top_fingerprint();
        (hash, key_bytes.saturating_add(4 * self.members.len()))
    }
    fn state_at(&self, path: &[&str]) -> StateValue<'_> {
        let mut segments = path.iter();
        let Some(first) = segments.next() else { return StateValue::Missing };
        let Some((_, at)) = self.members().find(|m| same(m.0, first.as_bytes())) else {
            return StateValue::Missing;
        };
        let mut at = at as usize;
        for key in segments {
            match self.member(at, key) {
                Some(value) => at = value,
                None => return StateValue::Missing,
            }
        }
        match self.tape.get(at) {
            Some(t) if t.kind == Kind::Null => StateValue::Null,
            Some(t) => tape::unescaped_bytes(self.text, t).map_or(StateValue::Other, StateValue::Str),
            None => StateValue::Missing,
        }
    }
}

use crate::bytes::same;

struct Checker<'t> {
    text: &'t [u8],
    tape: &'t Tape,
}

impl<'t> Checker<'t> {
    fn token(&self, at: usize) -> Scan<&'t tape::Token> {
        self.tape.get(at).ok_or(GiveUp)
    }

    /// A plain key's text; escaped keys are left to the full path.
    fn key(&self, at: usize) -> Scan<&'t [u8]> {
        tape::raw_bytes(self.text, self.token(at)?).ok_or(GiveUp)
    }

    /// A string value, decoded (UTF-8: the tape checked it, `decoded` made it). Any other
    /// value is an error for the shapes that ask for a string.
    // Inlined where it is hot: the wasm's inline threshold is low (.cargo/config.toml).
    #[inline]
    fn string(&self, at: usize) -> Scan<Cow<'t, [u8]>> {
        let t = self.token(at)?;
        match t.kind {
            Kind::Str | Kind::Escaped => tape::unescaped_bytes(self.text, t).ok_or(GiveUp),
            _ => Err(Error),
        }
    }

    /// A number's text; any other value is an error for the shapes that ask for a number.
    fn number(&self, at: usize) -> Scan<&'t [u8]> {
        let t = self.token(at)?;
        if t.kind != Kind::Number {
            return Err(Error);
        }
        self.text.get(t.start as usize..t.end as usize).ok_or(GiveUp)
    }

    /// Checks the value at `at` against `shape`; `depth` counts the enclosing containers.
    fn value(&self, at: usize, shape: &Shape, depth: usize) -> Scan<()> {
        match shape {
            Shape::Any => self.any(at),
            Shape::Bool => error_unless(matches!(self.token(at)?.kind, Kind::True | Kind::False)),
            Shape::Str(format) => {
                let s = self.string(at)?;
                let ok = match format {
                    Format::Plain => true,
                    Format::DateTime => parse_rfc3339(&s).is_some(),
                    Format::Uuid => is_uuid(&s),
                    Format::Uri => is_uri(&s),
                    Format::HttpUri => (s.starts_with(b"http://") || s.starts_with(b"https://")) && is_uri(&s),
                };
                error_unless(ok)
            }
            Shape::StrLen { min, max } => {
                let n = char_count(&self.string(at)?);
                error_unless(n >= *min as usize && n <= *max as usize)
            }
            Shape::Number { min, max } => {
                let n = self.number(at)?;
                if min.is_none() && max.is_none() {
                    return Ok(());
                }
                let x = tape::value(n).filter(|x| x.is_finite()).ok_or(GiveUp)?;
                error_unless(!(min.is_some_and(|m| x < *m) || max.is_some_and(|m| x > *m)))
            }
            Shape::Integer { min, max } => {
                let n = self.number(at)?;
                // `1.0` and `1e3` are integers to the full path too; leave them to it.
                if n.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) {
                    return Err(GiveUp);
                }
                if min.is_none() && max.is_none() {
                    return Ok(());
                }
                let x = tape::value(n).ok_or(GiveUp)?;
                error_unless(!(min.is_some_and(|m| x < *m as f64) || max.is_some_and(|m| x > *m as f64)))
            }
            Shape::Enum(e) => {
                let s = self.string(at)?;
                if e.values.iter().any(|v| same(v.as_bytes(), &s)) {
                    return Ok(());
                }
                // A legacy spelling, or another letter case where that is allowed: a warning.
                match core::str::from_utf8(&s).map(|s| e.lookup(s)) {
                    Ok(None) => Err(Error),
                    _ => Err(GiveUp),
                }
            }
            Shape::Array(item) => {
                if self.token(at)?.kind != Kind::Array {
                    return Err(Error);
                }
                self.tape.items(at).try_for_each(|i| self.value(i, item, depth + 1))
            }
            Shape::Object(object) => self.object(at, object, depth + 1),
            Shape::Nullable(inner) => {
                if self.token(at)?.kind == Kind::Null {
                    Ok(())
                } else {
                    self.value(at, inner, depth)
                }
            }
            Shape::Map(inner) => {
                if self.token(at)?.kind != Kind::Object {
                    return Err(Error);
                }
                self.distinct_keys(at)?;
                self.tape.members(at).try_for_each(|(_, v)| self.value(v, inner, depth + 1))
            }
            // An error only when every alternative has one (the full path then reports the
            // closest one's).
            Shape::OneOf(alternatives) => {
                let mut stop = Error;
                for alt in *alternatives {
                    match self.value(at, alt, depth) {
                        Ok(()) => return Ok(()),
                        Err(GiveUp) => stop = GiveUp,
                        Err(Error) => {}
                    }
                }
                Err(stop)
            }
            Shape::JsonText(inner) => {
                let inside = self.string(at)?;
                // Nesting inside the string counts towards the same limit as outside it.
                let mut nested = Tape::default();
                nested.read(&inside, MAX_DEPTH.saturating_sub(depth + 1)).ok_or(GiveUp)?;
                match (Checker { text: &inside, tape: &nested }.value(0, inner, depth + 1)) {
                    // The outer check for repeated keys does not look inside the string.
                    Err(Error) if nested.has_duplicate_keys(&inside, false) => Err(GiveUp),
                    result => result,
                }
            }
        }
    }

    /// An object against its declaration: every key declared (or the object open), each
    /// value right, every required key present, no key twice.
    fn object(&self, at: usize, object: &Object, depth: usize) -> Scan<()> {
        self.object_by(at, object, depth, |key| object.position(key))
    }

    /// `object`, with each member's place in `object.fields` from `field_of`, called once
    /// per member in order with its key.
    fn object_by(
        &self,
        at: usize,
        object: &Object,
        depth: usize,
        mut field_of: impl FnMut(&[u8]) -> Option<usize>,
    ) -> Scan<()> {
        if self.token(at)?.kind != Kind::Object {
            return Err(Error);
        }
        let mut seen = 0u64;
        let mut open_keys = false;
        for (k, v) in self.tape.members(at) {
            let key = self.key(k)?;
            match field_of(key) {
                Some(i) => {
                    let bit = 1u64.checked_shl(u32::try_from(i).map_err(|_| GiveUp)?).ok_or(GiveUp)?;
                    if seen & bit != 0 {
                        return Err(GiveUp); // a duplicate key: the full path says what happens
                    }
                    seen |= bit;
                    let field = object.fields.get(i).ok_or(GiveUp)?;
                    match field.types {
                        0 => self.value(v, &field.shape, depth)?,
                        // Most fields: decided by the value's type, without `value`.
                        types => error_unless(types & type_bit(self.token(v)?.kind) != 0)?,
                    }
                }
                None if object.unknown == Unknown::Allow => {
                    open_keys = true;
                    self.any(v)?;
                }
                None => return Err(GiveUp), // an unknown property is a warning: the full path reports it
            }
        }
        if open_keys {
            self.distinct_keys(at)?;
        }
        let required = object.required_bits();
        error_unless(seen & required == required)
    }

    /// Any JSON value (the tape already checked its syntax): only keys matter, which must be
    /// plain and distinct in every object inside it.
    fn any(&self, at: usize) -> Scan<()> {
        let end = self.token(at)?.next(at);
        for i in at..end {
            if self.token(i)?.kind == Kind::Object {
                self.distinct_keys(i)?;
            }
        }
        Ok(())
    }

    /// The object at `at` has plain keys, each once (however many: a big free-form map stays
    /// on the fast path).
    fn distinct_keys(&self, at: usize) -> Scan<()> {
        const LIST: usize = 32;
        // On the stack: clean documents with an open map or object check one per document,
        // and a `Vec` here was an allocation each time (2 % of validateMany).
        let mut keys: [&[u8]; LIST] = [&[]; LIST];
        for (count, (k, _)) in self.tape.members(at).enumerate() {
            let key = self.key(k)?;
            if keys.get(..count).unwrap_or_default().iter().any(|k| same(k, key)) {
                return Err(GiveUp);
            }
            let Some(slot) = keys.get_mut(count) else {
                // A big map: the tape's check, which keeps a set.
                for (k, _) in self.tape.members(at) {
                    self.key(k)?;
                }
                let repeats = self.tape.repeats_a_key(self.text, at, &mut Vec::new());
                return if repeats { Err(GiveUp) } else { Ok(()) };
            };
            *slot = key;
        }
        Ok(())
    }
}

/// The `json_type` bit of a token (0 for objects and arrays, which no `Field::types` holds).
fn type_bit(kind: Kind) -> u8 {
    match kind {
        Kind::Null => json_type::NULL,
        Kind::True | Kind::False => json_type::BOOL,
        Kind::Number => json_type::NUMBER,
        Kind::Str | Kind::Escaped => json_type::STRING,
        Kind::Object | Kind::Array => 0,
    }
}

/// The characters in UTF-8 `bytes`: the bytes that do not continue a character.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&c| c & 0xc0 != 0x80).count()
}
