//! JSON Schema (draft 2020-12) generated from the declarations.
//!
//! The schema says what `validate` says with `strict: false`, ignoring warnings: unknown
//! properties are allowed (they are warnings), legacy enum spellings are listed.

use crate::declare::{Format, Object, Shape, Unknown};
use crate::dialects::Dialect;
use serde_json::{json, Map, Value};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

pub fn dialect_schema(dialect: &Dialect) -> Value {
    document(
        dialect.root,
        &format!("urn:taskstatus:{}", dialect.id),
        dialect.title,
        dialect.description,
    )
}

pub fn normalised_schema() -> Value {
    let o = &crate::model::NORMALISED;
    document(o, "urn:taskstatus:normalised", "NormalisedStatus", o.doc)
}

fn document(root: &'static Object, id: &str, title: &str, description: &str) -> Value {
    let mut defs = Defs::default();
    let root_ref = defs.object(root);
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
                    m.insert("description".into(), f.doc.into());
                }
                properties.insert(f.name.into(), s);
            }
            let required: Vec<&str> = o
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name)
                .collect();
            let mut def =
                json!({ "type": "object", "description": o.doc, "properties": properties });
            if !required.is_empty() {
                def["required"] = json!(required);
            }
            if o.unknown == Unknown::Allow {
                def["additionalProperties"] = Value::Bool(true);
            }
            self.map.insert(name.clone(), def);
        }
        json!({ "$ref": format!("#/$defs/{name}") })
    }

    fn shape(&mut self, shape: &'static Shape) -> Value {
        match shape {
            Shape::Any => json!({}),
            Shape::Bool => json!({ "type": "boolean" }),
            Shape::Str(Format::Plain) => json!({ "type": "string" }),
            Shape::Str(Format::DateTime) => json!({ "type": "string", "format": "date-time" }),
            Shape::Str(Format::Uuid) => json!({ "type": "string", "format": "uuid" }),
            Shape::Str(Format::Uri) => json!({ "type": "string", "format": "uri" }),
            Shape::Number { min, max } => {
                bounded("number", min.map(Value::from), max.map(Value::from))
            }
            Shape::Integer { min, max } => {
                bounded("integer", min.map(Value::from), max.map(Value::from))
            }
            Shape::Enum(e) => {
                let (name, new) = self.name(e.name, *e as *const _ as usize);
                if new {
                    let mut values: Vec<&str> = e.values.to_vec();
                    values.extend(e.legacy.iter().map(|(old, _)| *old));
                    self.map
                        .insert(name.clone(), json!({ "type": "string", "enum": values }));
                }
                json!({ "$ref": format!("#/$defs/{name}") })
            }
            Shape::Array(item) => json!({ "type": "array", "items": self.shape(item) }),
            Shape::Object(o) => self.object(o),
            Shape::Nullable(inner) => json!({ "anyOf": [{ "type": "null" }, self.shape(inner)] }),
            Shape::Map(inner) => {
                json!({ "type": "object", "additionalProperties": self.shape(inner) })
            }
        }
    }
}

fn bounded(kind: &str, min: Option<Value>, max: Option<Value>) -> Value {
    let mut s = json!({ "type": kind });
    if let Some(m) = min {
        s["minimum"] = m;
    }
    if let Some(m) = max {
        s["maximum"] = m;
    }
    s
}
