//! One document as text: validate (auto and each dialect, strict and not), detect, normalise.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = taskstatus::invariants::document(data) {
        panic!("{e}");
    }
});
