//! Replays, without nightly, what the fuzz targets check: on every fixture, on NDJSON made of
//! them, and on every input saved in `fuzz/regressions/` (crashes found by `make fuzz`).
#![cfg(not(target_arch = "wasm32"))] // the invariants module is native only

use std::fs;
use std::path::Path;
use taskstatus::invariants;

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> =
        fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    out.sort();
    out
}

#[test]
fn fixtures_keep_the_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut lines = Vec::new();
    for dialect in fs::read_dir(&root).expect("fixtures").flatten() {
        for kind in ["valid", "invalid"] {
            for path in files(&dialect.path().join(kind)) {
                let data = fs::read(&path).expect("read");
                invariants::document(&data).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&data) {
                    lines.push(serde_json::to_string(&v).expect("json"));
                }
            }
        }
    }
    let ndjson = lines.join("\n");
    invariants::many(ndjson.as_bytes()).expect("ndjson of all fixtures");
    invariants::many(format!("[{}]", lines.join(",")).as_bytes()).expect("an array of all fixtures");
}

#[test]
fn saved_fuzz_inputs_keep_the_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    type Check = fn(&[u8]) -> Result<(), String>;
    let targets: [(&str, Check); 4] = [
        ("validate_text", invariants::validate_text),
        ("normalise_text", invariants::normalise_text),
        ("summarise_text", invariants::summarise_text),
        ("stream_chunks", invariants::stream_chunks),
    ];
    for (target, check) in targets {
        for path in files(&root.join(target)) {
            check(&fs::read(&path).expect("read")).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
