//! JSON Schema (draft 2020-12) generated from the declarations.
//!
//! The schema says what `validate` says with `strict: false`, ignoring warnings: unknown
//! properties are allowed (they are warnings), legacy enum spellings are listed.

use crate::declare::{Format, Object, Shape, Unknown};
use crate::dialects::Dialect;
use serde_json::{Map, Value};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

pub fn dialect_schema(dialect: &Dialect) -> Value {
    let mut defs = Defs::default();
    // The same rule as `Dialect::root_for`: the first root that the document holds a
    // signature key of, else the first root.
    let refs: Vec<(Vec<Value>, Value)> = dialect
        .roots
        .iter()
        .map(|r| {
            (
                r.signature(dialect)
                    .map(|k| object([("type", "object".into()), ("required", vec![k].into())]))
                    .collect(),
                defs.object(r.object),
            )
        })
        .collect();
    let mut root = refs.first().map_or(object([]), |(_, r)| r.clone());
    if refs.len() > 1 {
        for (signature, r) in refs.iter().rev() {
            let condition = object([("anyOf", signature.clone().into())]);
            root = object([("if", condition), ("then", r.clone()), ("else", root)]);
        }
    }
    document(defs, root, &format!("urn:taskstatus:{}", dialect.id), dialect.title, dialect.description)
}

/// `pkg/schemas.js`: every schema `jsonSchema` returns, by id, as JSON text in one JS module
/// (the wasm holds no schema). Text, not object literals: a string is cheaper to load (in
/// Node, 0.2-0.7 ms against 1.5-2 ms), and `JSON.parse` in `js/api.js` gives each call its
/// own copy.
pub fn schemas_module() -> String {
    let mut out = String::from(
        "// Generated from the declarations in src/ by `make docs`; tests/docs.rs fails when it is stale.\n\
         // The JSON Schema (draft 2020-12) of each dialect and of the normalised model, by id, as JSON text.\n\
         export default {\n",
    );
    let ids = crate::dialects::IDS.iter().copied().chain(["normalised"]);
    for id in ids {
        let schema = crate::json_out::to_string(&crate::json_schema(id).unwrap_or_default());
        out.push_str(&format!("  {}: {},\n", crate::json_out::to_string(id), crate::json_out::to_string(&schema)));
    }
    out.push_str("};\n");
    out
}

pub fn normalised_schema() -> Value {
    let o = &crate::model::NORMALISED;
    let mut defs = Defs::default();
    let root = defs.object(o);
    document(defs, root, "urn:taskstatus:normalised", "NormalisedStatus", o.doc.text())
}

fn document(defs: Defs, root_ref: Value, id: &str, title: &str, description: &str) -> Value {
    let mut schema = Map::new();
    schema.insert("$schema".into(), DRAFT.into());
    schema.insert("$id".into(), id.into());
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    if let Value::Object(r) = root_ref {
        schema.extend(r);
    }
    schema.insert("$defs".into(), Value::Object(defs.map));
    Value::Object(schema)
}

/// `$defs` under construction; objects and enums are named by their vendor names.
#[derive(Default)]
struct Defs {
    map: Map<String, Value>,
    /// Which declaration each name was given to, so that two different ones never share a name.
    owners: Vec<(String, usize)>,
}

impl Defs {
    /// The `$defs` name for a declaration at `address`, and whether it is new.
    fn name(&mut self, base: &str, address: usize) -> (String, bool) {
        if let Some((name, _)) = self.owners.iter().find(|(_, a)| *a == address) {
            return (name.clone(), false);
        }
        let mut name = base.to_owned();
        let mut n = 2;
        while self.owners.iter().any(|(taken, _)| *taken == name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.owners.push((name.clone(), address));
        (name, true)
    }

    fn object(&mut self, o: &'static Object) -> Value {
        let (name, new) = self.name(o.name, o as *const Object as usize);
        if new {
            // Placeholder first: a recursive declaration (Flat `children`) refers to itself.
            self.map.insert(name.clone(), Value::Bool(true));
            let mut properties = Map::new();
            for f in o.fields {
                let mut s = self.shape(&f.shape);
                if let Value::Object(m) = &mut s {
                    m.insert("description".into(), f.doc.text().into());
                }
                properties.insert(f.name.into(), s);
            }
            let required: Vec<&str> = o.fields.iter().filter(|f| f.required).map(|f| f.name).collect();
            let mut def = members([("type", "object".into()), ("description", o.doc.text().into())]);
            def.insert("properties".into(), properties.into());
            if !required.is_empty() {
                def.insert("required".into(), required.into());
            }
            if o.unknown == Unknown::Allow {
                def.insert("additionalProperties".into(), true.into());
            }
            self.map.insert(name.clone(), def.into());
        }
        reference(&name)
    }

    fn shape(&mut self, shape: &'static Shape) -> Value {
        match shape {
            Shape::Any => object([]),
            Shape::Bool => typed("boolean", []),
            Shape::Str(Format::Plain) => typed("string", []),
            Shape::Str(Format::DateTime) => typed("string", [("format", "date-time".into())]),
            Shape::Str(Format::Uuid) => typed("string", [("format", "uuid".into())]),
            Shape::Str(Format::Uri) => typed("string", [("format", "uri".into())]),
            Shape::Str(Format::HttpUri) => {
                typed("string", [("format", "uri".into()), ("pattern", "^http(s)?://".into())])
            }
            Shape::StrLen { min, max } => typed("string", [("minLength", (*min).into()), ("maxLength", (*max).into())]),
            Shape::OneOf(alternatives) => {
                object([("anyOf", alternatives.iter().map(|a| self.shape(a)).collect::<Vec<_>>().into())])
            }
            // JSON Schema can name the content type but not check it (an annotation in 2020-12).
            Shape::JsonText(_) => typed("string", [("contentMediaType", "application/json".into())]),
            Shape::Number { min, max } => {
                bounded("number", min.copied().map(Value::from), max.copied().map(Value::from))
            }
            Shape::Integer { min, max } => {
                bounded("integer", min.copied().map(Value::from), max.copied().map(Value::from))
            }
            Shape::Enum(e) => {
                let (name, new) = self.name(e.name, *e as *const _ as usize);
                if new {
                    let def = if e.case_insensitive {
                        let any_case: Vec<String> = e.values.iter().map(|v| case_insensitive(v)).collect();
                        typed("string", [("pattern", format!("^(?:{})$", any_case.join("|")).into())])
                    } else {
                        let mut values: Vec<&str> = e.values.to_vec();
                        values.extend(e.legacy.iter().map(|(old, _)| *old));
                        typed("string", [("enum", values.into())])
                    };
                    self.map.insert(name.clone(), def);
                }
                reference(&name)
            }
            Shape::Array(item) => typed("array", [("items", self.shape(item))]),
            Shape::Object(o) => self.object(o),
            Shape::Nullable(inner) => object([("anyOf", vec![typed("null", []), self.shape(inner)].into())]),
            Shape::Map(inner) => typed("object", [("additionalProperties", self.shape(inner))]),
        }
    }
}

/// `Success` → `[Ss][Uu][Cc][Cc][Ee][Ss][Ss]` (ECMA-262 patterns have no inline flags).
fn case_insensitive(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            let (lo, up) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
            if lo == up {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c.to_string()
                } else {
                    format!("\\{c}")
                }
            } else {
                format!("[{up}{lo}]")
            }
        })
        .collect()
}

fn bounded(kind: &str, min: Option<Value>, max: Option<Value>) -> Value {
    let mut s = members([("type", kind.into())]);
    if let Some(m) = min {
        s.insert("minimum".into(), m);
    }
    if let Some(m) = max {
        s.insert("maximum".into(), m);
    }
    s.into()
}

/// The members of an object, in order. Used instead of `json!`, which inlines every
/// insert: the generator is cold code and this keeps it small in the wasm.
fn members<const N: usize>(members: [(&str, Value); N]) -> Map<String, Value> {
    members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn object<const N: usize>(members_in_order: [(&str, Value); N]) -> Value {
    members(members_in_order).into()
}

/// `{ "type": kind, ...more }`.
fn typed<const N: usize>(kind: &str, more: [(&str, Value); N]) -> Value {
    let mut s = members([("type", kind.into())]);
    s.extend(more.into_iter().map(|(k, v)| (k.to_owned(), v)));
    s.into()
}

fn reference(name: &str) -> Value {
    object([("$ref", format!("#/$defs/{name}").into())])
}
