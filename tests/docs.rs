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
