//! JSON Schema (draft 2020-12) generated from the declarations.
//!
//! The schema says what `validate` says with `strict: false`, ignoring warnings: unknown
//! properties are allowed (they are warnings), legacy enum spellings are listed.

use crate::declare::{Format, Object, Shape, Unknown};
use crate::dialects::Dialect;
use serde_json::{json, Map, Value};

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
                r.signature(dialect).map(|k| json!({ "type": "object", "required": [k] })).collect(),
                defs.object(r.object),
            )
        })
        .collect();
    let mut root = refs.first().map_or(json!({}), |(_, r)| r.clone());
    if refs.len() > 1 {
        for (signature, r) in refs.iter().rev() {
            root = json!({ "if": { "anyOf": signature }, "then": r, "else": root });
        }
    }
    document(defs, root, &format!("urn:taskstatus:{}", dialect.id), dialect.title, dialect.description)
}

pub fn normalised_schema() -> Value {
    let o = &crate::model::NORMALISED;
    let mut defs = Defs::default();
    let root = defs.object(o);
    document(defs, root, "urn:taskstatus:normalised", "NormalisedStatus", o.doc)
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
                    m.insert("description".into(), f.doc.into());
                }
                properties.insert(f.name.into(), s);
            }
            let required: Vec<&str> = o.fields.iter().filter(|f| f.required).map(|f| f.name).collect();
            let mut def = json!({ "type": "object", "description": o.doc, "properties": properties });
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
            Shape::Str(Format::HttpUri) => {
                json!({ "type": "string", "format": "uri", "pattern": "^http(s)?://" })
            }
            Shape::StrLen { min, max } => {
                json!({ "type": "string", "minLength": min, "maxLength": max })
            }
            Shape::OneOf(alternatives) => {
                json!({ "anyOf": alternatives.iter().map(|a| self.shape(a)).collect::<Vec<_>>() })
            }
            // JSON Schema can name the content type but not check it (an annotation in 2020-12).
            Shape::JsonText(_) => {
                json!({ "type": "string", "contentMediaType": "application/json" })
            }
            Shape::Number { min, max } => bounded("number", min.map(Value::from), max.map(Value::from)),
            Shape::Integer { min, max } => bounded("integer", min.map(Value::from), max.map(Value::from)),
            Shape::Enum(e) => {
                let (name, new) = self.name(e.name, *e as *const _ as usize);
                if new {
                    let def = if e.case_insensitive {
                        let any_case: Vec<String> = e.values.iter().map(|v| case_insensitive(v)).collect();
                        json!({ "type": "string", "pattern": format!("^(?:{})$", any_case.join("|")) })
                    } else {
                        let mut values: Vec<&str> = e.values.to_vec();
                        values.extend(e.legacy.iter().map(|(old, _)| *old));
                        json!({ "type": "string", "enum": values })
                    };
                    self.map.insert(name.clone(), def);
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
    let mut s = json!({ "type": kind });
    if let Some(m) = min {
        s["minimum"] = m;
    }
    if let Some(m) = max {
        s["maximum"] = m;
    }
    s
}
