//! The little language every dialect is declared in.
//!
//! A dialect is plain `static` data built from these types. The same data drives
//! validation (`validate.rs`), detection (`detect.rs`), JSON Schema export
//! (`schema.rs`) and the generated docs, so the four can never disagree.

/// Prose that only the generators read (JSON Schema, TypeScript declarations and docs,
/// which run natively). In the wasm it is a zero-sized stand-in, so its text is not
/// linked in: the wasm's `jsonSchema` is the schemas generated from it (`pkg/schemas.js`).
#[derive(Debug, Clone, Copy)]
pub struct Doc<T: Copy + 'static = &'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    text: T,
    #[cfg(target_arch = "wasm32")]
    text: core::marker::PhantomData<T>,
}

impl<T: Copy> Doc<T> {
    pub const fn new(text: T) -> Doc<T> {
        #[cfg(target_arch = "wasm32")]
        let text = {
            let _ = text;
            core::marker::PhantomData
        };
        Doc { text }
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn text(self) -> T {
        self.text
    }
}

/// What a JSON value must look like.
#[derive(Debug)]
pub enum Shape {
    /// Any JSON value at all (free-form payloads).
    Any,
    Bool,
    Str(Format),
    /// A JSON number; `min`/`max` are inclusive. Bounds are held by reference: that keeps a
    /// `Shape` at 12 bytes in wasm32 (40 inline), and every declared field half its size.
    Number {
        min: Option<&'static f64>,
        max: Option<&'static f64>,
    },
    /// A JSON number with no fractional part.
    Integer {
        min: Option<&'static i64>,
        max: Option<&'static i64>,
    },
    Enum(&'static Enum),
    Array(&'static Shape),
    Object(&'static Object),
    /// `null` or the inner shape.
    Nullable(&'static Shape),
    /// A free-form object whose values all have one shape (`additionalProperties: <shape>`).
    Map(&'static Shape),
    /// A string of `min..=max` characters.
    StrLen {
        min: u32,
        max: u32,
    },
    /// The first alternative the value satisfies (JSON Schema `anyOf`). When none does,
    /// the issues of the closest one are reported.
    OneOf(&'static [Shape]),
    /// A string that holds JSON text of the inner shape (Veritone `errorDetails`).
    /// JSON Schema cannot check the content, so the schema only says "a string".
    JsonText(&'static Shape),
}

/// Formats a string can be declared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    /// RFC 3339 `date-time`.
    DateTime,
    Uuid,
    Uri,
    /// A URI that starts with `http://` or `https://` (pattern `^http(s)?://`).
    HttpUri,
}

/// A closed set of string values.
#[derive(Debug)]
pub struct Enum {
    /// The vendor's name for the enum, used in `$defs` and the docs.
    pub name: Doc,
    pub values: &'static [&'static str],
    /// Accept any letter case (SailPoint); the canonical spelling is still reported as legacy.
    pub case_insensitive: bool,
    /// Spellings the vendor once used: `(legacy, canonical)`. Accepted with a `legacy-value` warning.
    pub legacy: &'static [(&'static str, &'static str)],
}

/// What to do with a property the declaration does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// Real responses carry extra keys: warn (`strict` makes it an error).
    Warn,
    /// The vendor declares the object open (`additionalProperties: true`): accept silently.
    Allow,
}

#[derive(Debug)]
pub struct Object {
    /// The vendor's model name (`Task`, `TaskProgress`), used in messages, `$defs` and docs.
    pub name: &'static str,
    pub doc: Doc,
    pub fields: &'static [Field],
    pub unknown: Unknown,
    /// Keys outside the public schema that real responses are known to carry, and why;
    /// still `unknown-field` warnings, with the reason in the message.
    pub known_extras: &'static [(&'static str, &'static str)],
    /// The fields by a hash of their names, built with the declaration (`Object::new`).
    index: FieldIndex,
    /// Bit `i` set when field `i` is required.
    required: u64,
}

/// Finds a key's field in one or two probes, where a search of the list compared a key with
/// half the fields on average (10 % of validateMany's time in wasm). Open addressing over
/// `SLOTS` slots, each 0 (empty) or a field's position + 1; never full, so a probe sequence
/// always reaches an empty slot.
#[derive(Debug)]
struct FieldIndex([u8; FieldIndex::SLOTS]);

impl FieldIndex {
    const SLOTS: usize = 64;
    /// Declarations are smaller: the fast path's `seen` set is one `u64`, and a half-empty
    /// table keeps probe sequences short.
    const MAX_FIELDS: usize = Self::SLOTS / 2;

    /// The first slot to probe for `name`: its length and its first and last bytes, mixed.
    const fn slot(name: &[u8]) -> usize {
        let (first, last) = match (name.first(), name.last()) {
            (Some(f), Some(l)) => (*f as u32, *l as u32),
            _ => (0, 0),
        };
        // Truncating a length past u32 only changes the hash.
        let h = (name.len() as u32).wrapping_mul(0x9E37_79B1)
            ^ first.wrapping_mul(0x85EB_CA6B)
            ^ last.wrapping_mul(0xC2B2_AE35);
        (h >> 26) as usize // the top 6 bits: 0..SLOTS
    }

    /// Built at compile time: a declaration that is too big, or that names a field twice,
    /// does not compile. (Indexing here is evaluated by the compiler, never at run time.)
    const fn of(fields: &[Field]) -> (FieldIndex, u64) {
        assert!(fields.len() <= Self::MAX_FIELDS, "a declaration has at most 32 fields");
        let mut slots = [0u8; Self::SLOTS];
        let mut required = 0u64;
        let mut i = 0;
        while i < fields.len() {
            let name = fields[i].name.as_bytes();
            let mut at = Self::slot(name);
            while slots[at] != 0 {
                assert!(!const_same(fields[slots[at] as usize - 1].name.as_bytes(), name), "a field is declared twice");
                at = (at + 1) % Self::SLOTS;
            }
            slots[at] = i as u8 + 1;
            if fields[i].required {
                required |= 1 << i;
            }
            i += 1;
        }
        (FieldIndex(slots), required)
    }
}

const fn const_same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[derive(Debug)]
pub struct Field {
    /// The exact wire name.
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
    pub doc: Doc,
    /// When the shape asks nothing but a JSON type (a plain string, a number without
    /// bounds, a boolean, or any of them nullable): those types, as `json_type` bits. Then
    /// the value's type alone says whether it is right; 0 when the shape asks more.
    pub types: u8,
}

/// JSON value types as bits (`Field::types`).
pub mod json_type {
    pub const NULL: u8 = 1;
    pub const BOOL: u8 = 2;
    pub const NUMBER: u8 = 4;
    pub const STRING: u8 = 8;
}

impl Shape {
    /// `Field::types` of a field of this shape.
    pub const fn types_alone(&self) -> u8 {
        match self {
            Shape::Bool => json_type::BOOL,
            Shape::Str(Format::Plain) => json_type::STRING,
            Shape::Number { min: None, max: None } => json_type::NUMBER,
            Shape::Nullable(inner) => match inner.types_alone() {
                0 => 0,
                types => types | json_type::NULL,
            },
            _ => 0,
        }
    }
}

impl Object {
    /// A declaration with these fields and no extras worth naming.
    pub const fn new(name: &'static str, doc: &'static str, fields: &'static [Field], unknown: Unknown) -> Object {
        let (index, required) = FieldIndex::of(fields);
        Object { name, doc: Doc::new(doc), fields, unknown, known_extras: &[], index, required }
    }

    pub const fn with_extras(mut self, known_extras: &'static [(&'static str, &'static str)]) -> Object {
        self.known_extras = known_extras;
        self
    }

    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.get(self.position(name.as_bytes())?)
    }

    /// Whether a field is named by these bytes (a key as the fast path reads it).
    pub fn declares(&self, name: &[u8]) -> bool {
        self.position(name).is_some()
    }

    /// The place in `fields` of the field named by these bytes.
    #[inline]
    pub fn position(&self, name: &[u8]) -> Option<usize> {
        let mut at = FieldIndex::slot(name);
        for _ in 0..FieldIndex::SLOTS {
            let i = usize::from(*self.index.0.get(at)?).checked_sub(1)?;
            if crate::bytes::same(self.fields.get(i)?.name.as_bytes(), name) {
                return Some(i);
            }
            at = (at + 1) % FieldIndex::SLOTS;
        }
        None
    }

    /// Bit `i` set when field `i` is required.
    pub fn required_bits(&self) -> u64 {
        self.required
    }
}

impl Enum {
    /// How `found` matches this enum, or `None` when it is not a member.
    pub fn lookup(&self, found: &str) -> Option<EnumMatch> {
        if let Some(v) = self.values.iter().find(|v| **v == found) {
            return Some(EnumMatch::Exact(v));
        }
        if let Some((_, canonical)) = self.legacy.iter().find(|(old, _)| *old == found) {
            return Some(EnumMatch::Legacy(canonical));
        }
        if self.case_insensitive {
            if let Some(v) = self.values.iter().find(|v| v.eq_ignore_ascii_case(found)) {
                return Some(EnumMatch::Legacy(v));
            }
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumMatch {
    Exact(&'static str),
    /// Accepted spelling that is not the canonical one; carries the canonical value.
    Legacy(&'static str),
}

impl EnumMatch {
    pub fn canonical(self) -> &'static str {
        match self {
            EnumMatch::Exact(v) | EnumMatch::Legacy(v) => v,
        }
    }
}

/// Shorthands so that dialect files read like the vendor's tables.
pub const fn field(name: &'static str, shape: Shape, doc: &'static str) -> Field {
    let types = shape.types_alone();
    Field { name, shape, required: false, doc: Doc::new(doc), types }
}

pub const fn required(name: &'static str, shape: Shape, doc: &'static str) -> Field {
    let types = shape.types_alone();
    Field { name, shape, required: true, doc: Doc::new(doc), types }
}

pub const STRING: Shape = Shape::Str(Format::Plain);
pub const DATE_TIME: Shape = Shape::Str(Format::DateTime);
pub const NUMBER: Shape = Shape::Number { min: None, max: None };
pub const INTEGER: Shape = Shape::Integer { min: None, max: None };
pub const BOOL: Shape = Shape::Bool;
pub const UUID: Shape = Shape::Str(Format::Uuid);
pub const ANY: Shape = Shape::Any;
/// A free-form object (`type: object, additionalProperties: true`).
pub const FREE_OBJECT: Shape = Shape::Map(&Shape::Any);

/// A closed set of values, spelt exactly.
pub const fn one_of_values(name: &'static str, values: &'static [&'static str]) -> Enum {
    Enum { name: Doc::new(name), values, case_insensitive: false, legacy: &[] }
}

// Natively: `collect` belongs to the docs generator.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{field, Object, Shape, Unknown, STRING};
    use crate::dialects::ALL;
    use crate::docs::collect;
    use crate::model::NORMALISED;

    /// Every object declared anywhere: the dialects' roots, the normalised model, and all
    /// they reach.
    fn all_objects() -> Vec<&'static Object> {
        let mut out = Vec::new();
        ALL.iter().flat_map(|d| d.roots).for_each(|r| collect(&Shape::Object(r.object), &mut out));
        collect(&Shape::Object(&NORMALISED), &mut out);
        out
    }

    /// What the index must answer: the field of that exact name, found by reading the list.
    fn by_search(object: &Object, name: &[u8]) -> Option<usize> {
        object.fields.iter().position(|f| f.name.as_bytes() == name)
    }

    #[test]
    fn the_index_finds_what_a_search_of_the_list_finds() {
        let objects = all_objects();
        assert!(objects.len() > 30, "the walk reaches every declaration ({})", objects.len());
        let mut names = 0;
        for object in objects {
            for (i, f) in object.fields.iter().enumerate() {
                assert_eq!(object.position(f.name.as_bytes()), Some(i), "{}.{}", object.name, f.name);
                names += 1;
                // Near misses: a byte changed at each place, one byte more and one less.
                let name = f.name.as_bytes();
                let mut near: Vec<Vec<u8>> = (0..name.len())
                    .map(|at| {
                        let mut n = name.to_vec();
                        n[at] ^= 0x20;
                        n
                    })
                    .collect();
                near.push([name, b"x"].concat());
                near.push(name[..name.len() - 1].to_vec());
                for n in near {
                    assert_eq!(
                        object.position(&n),
                        by_search(object, &n),
                        "{}: {:?}",
                        object.name,
                        String::from_utf8_lossy(&n)
                    );
                }
            }
            for other in [&b""[..], b"\xff", b"unknown", b"idid"] {
                assert_eq!(object.position(other), by_search(object, other));
            }
        }
        assert!(names > 200, "{names} names");
    }

    static COLLIDING: Object = Object::new(
        "Colliding",
        "Names that all hash to one slot: same length, first and last bytes.",
        &[
            field("a0z", STRING, ""),
            field("a1z", STRING, ""),
            field("a2z", STRING, ""),
            field("a3z", STRING, ""),
            field("a4z", STRING, ""),
            field("a5z", STRING, ""),
            field("a6z", STRING, ""),
            field("a7z", STRING, ""),
            field("a8z", STRING, ""),
            field("a9z", STRING, ""),
            field("b", STRING, ""),
        ],
        Unknown::Warn,
    );

    #[test]
    fn colliding_names_are_all_found_along_their_probe_sequence() {
        for (i, f) in COLLIDING.fields.iter().enumerate() {
            assert_eq!(COLLIDING.position(f.name.as_bytes()), Some(i), "{}", f.name);
        }
        for missing in [&b"aAz"[..], b"a", b"az", b"a10z", b"c"] {
            assert_eq!(COLLIDING.position(missing), None, "{:?}", missing);
        }
    }

    /// `describe::edit_distance` reads a declared name as bytes.
    #[test]
    fn every_field_name_is_ascii() {
        for object in all_objects() {
            for f in object.fields {
                assert!(f.name.is_ascii(), "{}.{}", object.name, f.name);
            }
        }
    }

    #[test]
    fn required_bits_name_the_required_fields() {
        for object in all_objects() {
            for (i, f) in object.fields.iter().enumerate() {
                assert_eq!(object.required_bits() >> i & 1 == 1, f.required, "{}.{}", object.name, f.name);
            }
            assert_eq!(object.required_bits() >> object.fields.len(), 0, "{}", object.name);
        }
    }
}
