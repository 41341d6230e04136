//! `validateMany` natively over an NDJSON file, for profilers (docs/PERFORMANCE.md, "Where
//! the time goes"): `node bench/write-corpus.mjs 2 /tmp/c2.ndjson`, then
//! `cargo build --release --example profile` and
//! `valgrind --tool=callgrind target/release/examples/profile /tmp/c2.ndjson`.
//! Instruction counts repeat exactly; wall times on a shared machine do not.

use taskstatus::options::ValidateOptions;
use taskstatus::{batch, Input};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: profile <file.ndjson> [repeats]")?;
    let repeats: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1).max(1);
    let text = std::fs::read_to_string(path)?;
    let options = ValidateOptions::default();
    let start = std::time::Instant::now();
    let mut valid = 0;
    for _ in 0..repeats {
        valid += batch::validate_many(Input::Text(&text), &options).valid;
    }
    let seconds = start.elapsed().as_secs_f64() / repeats as f64;
    eprintln!("{valid} valid; {:.1} ms per run; {:.0} MB/s", seconds * 1e3, text.len() as f64 / 1e6 / seconds);
    Ok(())
}
