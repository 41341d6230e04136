//! The little language every dialect is declared in.
//!
//! A dialect is plain `static` data built from these types. The same data drives
//! validation (`validate.rs`), detection (`detect.rs`), JSON Schema export
//! (`schema.rs`) and the generated docs, so the four can never disagree.

/// What a JSON value must look like.
#[derive(Debug)]
pub enum Shape {
    /// Any JSON value at all (free-form payloads).
    Any,
    Bool,
    Str(Format),
    /// A JSON number; `min`/`max` are inclusive.
    Number {
        min: Option<f64>,
        max: Option<f64>,
    },
    /// A JSON number with no fractional part.
    Integer {
        min: Option<i64>,
        max: Option<i64>,
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
    /// The vendor's name for the enum, used in messages and `$defs`.
    pub name: &'static str,
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
    pub doc: &'static str,
    pub fields: &'static [Field],
    pub unknown: Unknown,
    /// Keys outside the public schema that real responses are known to carry, and why;
    /// still `unknown-field` warnings, with the reason in the message.
    pub known_extras: &'static [(&'static str, &'static str)],
}

#[derive(Debug)]
pub struct Field {
    /// The exact wire name.
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
    pub doc: &'static str,
}

impl Object {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether a field is named by these bytes (a key as the fast path reads it).
    pub fn declares(&self, name: &[u8]) -> bool {
        self.fields.iter().any(|f| crate::bytes::same(f.name.as_bytes(), name))
    }

    /// An open-ended object with these fields and no extras worth naming.
    pub const fn new(name: &'static str, doc: &'static str, fields: &'static [Field], unknown: Unknown) -> Object {
        Object { name, doc, fields, unknown, known_extras: &[] }
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
    Field { name, shape, required: false, doc }
}

pub const fn required(name: &'static str, shape: Shape, doc: &'static str) -> Field {
    Field { name, shape, required: true, doc }
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
    Enum { name, values, case_insensitive: false, legacy: &[] }
}
