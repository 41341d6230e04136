//! Markdown reference pages generated from the declarations (`docs/dialects/<id>.md`).
//! `tests/docs.rs` fails when the committed pages differ; `make docs` rewrites them.

use crate::declare::{Format, Object, Shape, Unknown};
use crate::dialects::Dialect;
use std::fmt::Write;

/// The page for one dialect.
pub fn dialect_page(d: &Dialect) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} (`{}`)\n", d.title.text(), d.id); // ok: writing to a String cannot fail
    let _ = writeln!(out, "{}\n", d.description.text());
    let _ = writeln!(out, "Vendor: {}. Reference: <{}>.\n", d.vendor, d.docs.text());
    let _ = writeln!(out, "_Generated from `src/dialects/` by `make docs`; do not edit by hand._\n");

    out.push_str("## Documents\n\n");
    for r in d.roots {
        let signature: Vec<String> = r.signature(d).map(|k| format!("`{k}`")).collect();
        let how = if d.roots.len() > 1 {
            format!(" Chosen when the document has {}.", signature.join(", "))
        } else {
            String::new()
        };
        let _ = writeln!(out, "- [{}](#{}): state at `{}`.{how}", r.object.name, anchor(r.object.name), r.state);
    }
    if d.roots.len() > 1 {
        out.push_str("\nA document with none of those keys is read as the first.\n");
    }

    out.push_str("\n## Lifecycle mapping\n\n| vendor value | state |\n|---|---|\n");
    for (value, state) in d.states {
        let _ = writeln!(out, "| `{value}` | {} |", state.as_str());
    }
    if d.accepts_null_state {
        out.push_str("| `null` | queued until launched, then running |\n");
    }
    if d.state_any_case {
        out.push_str("\nValues match in any letter case.\n");
    }

    out.push_str("\n## Normalisation\n\n| normalised | from |\n|---|---|\n");
    for (to, from) in d.mapping.text() {
        let _ = writeln!(out, "| `{to}` | {from} |");
    }
    out.push_str(
        "\nEvery time becomes RFC 3339 UTC with milliseconds; `progress` is clamped to 0..1 and is 1 when \
         succeeded without one; fields not mapped are kept in `extra` unchanged.\n",
    );

    let mut objects: Vec<&'static Object> = Vec::new();
    for r in d.roots {
        collect(&Shape::Object(r.object), &mut objects);
    }
    for o in objects {
        let _ = writeln!(out, "\n## {}\n\n{}\n", o.name, o.doc.text());
        match o.unknown {
            Unknown::Warn => out.push_str("Other properties: `unknown-field` warning (an error with `strict`).\n\n"),
            Unknown::Allow => out.push_str("Other properties: allowed.\n\n"),
        }
        out.push_str("| property | type | required | description |\n|---|---|---|---|\n");
        for f in o.fields {
            let required = if f.required { "yes" } else { "" };
            let _ = writeln!(
                out,
                "| `{}` | {} | {required} | {} |",
                f.name,
                type_of(&f.shape),
                f.doc.text().replace('|', "\\|")
            );
        }
        for (key, why) in o.known_extras {
            let _ = writeln!(out, "| `{key}` | (not in the schema) | | {why} |");
        }
    }
    out
}

/// Every object reachable from `shape`, each once, in first-seen order.
pub(crate) fn collect(shape: &Shape, out: &mut Vec<&'static Object>) {
    match shape {
        Shape::Object(o) => {
            if out.iter().any(|seen| std::ptr::eq(*seen, *o)) {
                return;
            }
            out.push(o);
            for f in o.fields {
                collect(&f.shape, out);
            }
        }
        Shape::Array(inner) | Shape::Nullable(inner) | Shape::Map(inner) | Shape::JsonText(inner) => {
            collect(inner, out)
        }
        Shape::OneOf(alternatives) => alternatives.iter().for_each(|a| collect(a, out)),
        _ => {}
    }
}

fn anchor(name: &str) -> String {
    name.to_lowercase()
}

fn type_of(shape: &Shape) -> String {
    match shape {
        Shape::Any => "any".into(),
        Shape::Bool => "boolean".into(),
        Shape::Str(Format::Plain) => "string".into(),
        Shape::Str(Format::DateTime) => "string (RFC 3339 date-time)".into(),
        Shape::Str(Format::Uuid) => "string (UUID)".into(),
        Shape::Str(Format::Uri) => "string (URI)".into(),
        Shape::Str(Format::HttpUri) => "string (http/https URL)".into(),
        Shape::StrLen { min, max } => format!("string ({min}–{max} characters)"),
        Shape::Number { min, max } => {
            format!("number{}", range(min.map(|x| x.to_string()), max.map(|x| x.to_string())))
        }
        Shape::Integer { min, max } => {
            format!("integer{}", range(min.map(|x| x.to_string()), max.map(|x| x.to_string())))
        }
        Shape::Enum(e) => {
            let values: Vec<String> = e.values.iter().map(|v| format!("`{v}`")).collect();
            let legacy: Vec<String> = e.legacy.iter().map(|(old, _)| format!("`{old}`")).collect();
            let mut s = format!("{}: {}", e.name.text(), values.join(", "));
            if e.case_insensitive {
                s.push_str(" (any case)");
            }
            if !legacy.is_empty() {
                let _ = write!(s, "; legacy {}", legacy.join(", "));
            }
            s
        }
        Shape::Array(inner) => format!("array of {}", type_of(inner)),
        Shape::Object(o) => format!("[{}](#{})", o.name, anchor(o.name)),
        Shape::Nullable(inner) => format!("{} or null", type_of(inner)),
        Shape::Map(inner) => match inner {
            Shape::Any => "object (free-form)".into(),
            other => format!("object of {}", type_of(other)),
        },
        Shape::OneOf(alternatives) => alternatives.iter().map(type_of).collect::<Vec<_>>().join(" or "),
        Shape::JsonText(inner) => format!("string holding JSON: {}", type_of(inner)),
    }
}

fn range(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!(" ({a}–{b})"),
        (Some(a), None) => format!(" (≥ {a})"),
        (None, Some(b)) => format!(" (≤ {b})"),
        (None, None) => String::new(),
    }
}
