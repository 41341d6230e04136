//! NDJSON and JSON arrays: validateMany, summarise, and the streaming validator fed chunks
//! cut at points taken from the input.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = taskstatus::invariants::many(data) {
        panic!("{e}");
    }
});
