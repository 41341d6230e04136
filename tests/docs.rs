//! The committed dialect pages must be what the declarations generate.
//! `make docs` (TASKSTATUS_WRITE_DOCS=1) rewrites them.

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

#[test]
fn typescript_declarations_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/index.d.ts");
    let text = taskstatus::typescript::index_d_ts();
    if std::env::var_os("TASKSTATUS_WRITE_DOCS").is_some() {
        fs::write(&path, &text).expect("write index.d.ts");
    } else {
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == text, "stale {} (run `make docs`)", path.display());
    }
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
