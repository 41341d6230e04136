//! The committed dialect pages must be what the declarations generate.
//! `make docs` (TASKSTATUS_WRITE_DOCS=1) rewrites them.
// The generators run natively only (they are not in the wasm).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

#[test]
fn dialect_pages_match_the_declarations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/dialects");
    let write = std::env::var_os("TASKSTATUS_WRITE_DOCS").is_some();
    let mut stale = Vec::new();
    for d in taskstatus::dialects::ALL {
        let page = taskstatus::docs::dialect_page(d);
        let path = dir.join(format!("{}.md", d.id));
        if write {
            fs::create_dir_all(&dir).expect("docs dir");
            fs::write(&path, &page).expect("write page");
        } else if fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale generated docs (run `make docs`): {stale:?}");
}

/// Writes a generated file under `make docs`; otherwise fails when the committed one differs.
fn generated(relative: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("TASKSTATUS_WRITE_DOCS").is_some() {
        fs::write(&path, text).expect("write a generated file"); // ok: test code
    } else {
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == text, "stale {} (run `make docs`)", path.display());
    }
}

#[test]
fn typescript_declarations_match_the_rust_types() {
    generated("pkg/index.d.ts", &taskstatus::typescript::index_d_ts());
}

/// The schemas `jsonSchema` returns in JS are the ones the declarations generate.
#[test]
fn schemas_module_matches_the_declarations() {
    generated("pkg/schemas.js", &taskstatus::schema::schemas_module());
}

/// So are the documented schema files the package ships for tools.
#[test]
fn documented_schema_files_match_the_declarations() {
    for id in taskstatus::schema::schema_ids() {
        let text = taskstatus::schema::documented_file(id).unwrap_or_default();
        generated(&format!("pkg/schemas/{id}.json"), &text);
    }
}

/// The documented files say what each object and field is; `jsonSchema`'s schemas are the
/// same without those words, and keep every property named `description`.
#[test]
fn schemas_without_prose_lose_only_the_descriptions() {
    use serde_json::Value;
    // Counts `description` keys by the kind of value they hold: (text, schema).
    fn descriptions(v: &Value) -> (usize, usize) {
        match v {
            Value::Object(m) => m.iter().fold((0, 0), |(t, s), (k, v)| {
                let (t2, s2) = descriptions(v);
                let here = (k == "description") as usize;
                (t + t2 + here * v.is_string() as usize, s + s2 + here * v.is_object() as usize)
            }),
            Value::Array(a) => a.iter().map(descriptions).fold((0, 0), |(t, s), (t2, s2)| (t + t2, s + s2)),
            _ => (0, 0),
        }
    }
    let mut properties_named_description = 0;
    for id in taskstatus::schema::schema_ids() {
        let documented = taskstatus::json_schema(id).unwrap_or_default();
        let mut bare = documented.clone();
        taskstatus::schema::without_prose(&mut bare);
        let (text_before, schemas_before) = descriptions(&documented);
        assert!(text_before > 10, "{id}: the documented schema describes its fields ({text_before})");
        assert_eq!(descriptions(&bare), (0, schemas_before), "{id}");
        assert_eq!(bare["$id"], documented["$id"]);
        assert_eq!(bare["title"], documented["title"]);
        properties_named_description += schemas_before;
    }
    // dialects.md: SailPoint's TaskStatus and TaskDefinitionSummary, and Veritone's
    // CreateTDODetail, each have a `description` field.
    assert_eq!(properties_named_description, 3);
}

/// The dialect list `dialects()` returns in JS is the registry's, in its order.
#[test]
fn dialects_module_matches_the_registry() {
    generated("pkg/dialects.js", &taskstatus::schema::dialects_module());
}

/// The option types in index.d.ts name exactly the keys the option readers accept.
#[test]
fn option_types_name_the_accepted_keys() {
    use taskstatus::options::{js, SUMMARY_KEYS, VALIDATE_KEYS};
    let all = js::ValidateOptions { dialect: Some("auto".into()), strict: Some(true), max_issues: Some(1) };
    let keys = |v: serde_json::Value| -> Vec<String> {
        v.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
    };
    assert_eq!(keys(serde_json::to_value(&all).unwrap()), VALIDATE_KEYS);
    let summary = js::SummaryOptions {
        validate: all,
        now: Some(serde_json::json!(0)),
        stalled_after_ms: Some(1.0),
        tasks: Some(true),
    };
    assert_eq!(keys(serde_json::to_value(&summary).unwrap()), SUMMARY_KEYS);
}

/// The README's API reference names every function, option, result field and issue code
/// that the generated declarations name (the document types have their own generated pages).
#[test]
fn the_readme_documents_the_whole_api() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let d_ts = taskstatus::typescript::index_d_ts();
    let api = d_ts.split("// Documents, as each vendor sends them").next().unwrap_or_default();
    let functions =
        d_ts.lines().filter_map(|l| l.strip_prefix("export function ")).map(|l| l.split('(').next().unwrap_or(""));
    let fields = api.lines().filter_map(|l| {
        let name = l.trim_start().split(['?', ':']).next()?;
        (l.starts_with("    ")
            && l.contains(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(name)
    });
    let codes = api
        .lines()
        .find(|l| l.starts_with("export type Code ="))
        .map(|l| l.split('"').skip(1).step_by(2).collect::<Vec<_>>())
        .unwrap_or_default();
    assert!(codes.len() >= 11, "the issue codes are read from the declarations: {codes:?}");
    let missing: Vec<&str> = functions
        .chain(fields)
        .chain(codes.iter().copied())
        .filter(|name| !readme.contains(&format!("`{name}`")) && !readme.contains(&format!("`{name}(")))
        .collect();
    assert!(missing.is_empty(), "README.md's API reference does not name: {missing:?}");
}
