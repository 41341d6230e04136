#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = taskstatus::invariants::summarise_text(data) {
        panic!("{e}");
    }
});
