//! Memory: after warm-up, 10 000 calls on a 1 MB document, valid and invalid alternating,
//! leave the wasm memory exactly as large as it was; error paths leak nothing.
//! Run in Node, release build (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use taskstatus::wasm;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}

/// A Flat task of about 1 MB: its progress text is long.
fn document(state: &str) -> String {
    let text = "Rendering audio ".repeat(65_536);
    format!(r#"{{"id":"65ead1f0c2b3a40012ab34cd","state":"{state}","progress":{{"percent":40,"text":"{text}"}}}}"#)
}

#[wasm_bindgen_test]
fn ten_thousand_calls_on_a_megabyte_do_not_grow_memory() {
    let valid = document("doing");
    let invalid = document("finished");
    assert!(valid.len() > 1_000_000);
    let call = |i: usize| {
        let text = if i % 2 == 0 { &valid } else { &invalid };
        let out = wasm::validate(wasm::write_input(text.as_bytes()), false, false).unwrap_or_else(|e| panic!("{e:?}"));
        // A clean document comes back as its dialect's index, any other with its report waiting.
        let valid = if out == wasm::NOT_CLEAN {
            let report = wasm::take_report().unwrap_or_else(|e| panic!("{e:?}"));
            js_sys::Reflect::get(&report, &"valid".into()).ok().and_then(|v| v.as_bool())
        } else {
            Some(true)
        };
        assert_eq!(valid, Some(i % 2 == 0));
    };
    for i in 0..100 {
        call(i);
    }
    let before = memory_bytes();
    for i in 0..10_000 {
        call(i);
    }
    assert_eq!(memory_bytes(), before, "the wasm memory grew");
}
