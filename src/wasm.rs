//! The JS binding: the only module that knows JS. It converts at the edge and nothing else.
//!
//! Inputs arrive as UTF-8 bytes of JSON text (`js/api.js` encodes JS values with
//! `JSON.stringify`, which is faster than walking them across the boundary, and strings
//! with `TextEncoder`, which is native, where wasm-bindgen's own string passing copies
//! ASCII one character at a time in JS). `validate` and `validateMany`, the per-document
//! hot paths, take their text from an input buffer that JS writes in place and their
//! options from `useOptions`, sent only when they change; the others take bytes. Results
//! leave as JSON text parsed by the engine's `JSON.parse`, so JS gets plain objects and
//! arrays.

use crate::batch::{Counter, Pieces, Stream};
use crate::global::global;
use crate::json_out::{self, ToJson};
use crate::node::TapeNode;
use crate::options::{self, ArgumentError, SummaryOptions, ValidateOptions};
use crate::prelude::*;
use crate::summary::{self, Accumulator};
use crate::tape;
use crate::text::text;
use crate::{Input, Report, Verdict};
use wasm_bindgen::prelude::*;

/// Without std (`global.rs`), a panic (a bug: input never reaches one) traps at once, as
/// `panic = "abort"` made it do with std, but formats no message: std's panic machinery
/// and, with no `format!` left, core's formatting stay out of the package.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

// Talc in place of Rust's default wasm allocator (dlmalloc): measured smaller in the wasm
// and no slower (docs/PERFORMANCE.md). The package runs single-threaded (no `atomics`).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// The JS built-ins the binding calls beyond wasm-bindgen's own `JsError`, imported here so
// that the wasm does not link js-sys, whose exported task poller and 44 closure shims would
// stay in it unused.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TypeError)]
    type JsTypeError;
    #[wasm_bindgen(constructor, js_class = TypeError)]
    fn new(message: &str) -> JsTypeError;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
    /// `String(x)`: the engine's shortest text of a number, for `json_out` (no float writer
    /// in the wasm).
    #[wasm_bindgen(js_name = String)]
    pub(crate) fn number_text(x: f64) -> String;
}

fn type_error(e: ArgumentError) -> JsValue {
    JsTypeError::new(&e.0).into()
}

/// A JS `Error` with `message`.
fn error(message: &str) -> JsValue {
    JsError::new(message).into()
}

fn to_js<T: ToJson>(value: &T) -> Result<JsValue, JsValue> {
    json_parse(&json_out::to_string(value))
}

/// The options of `function` from their JSON text, on its tape: a summariser's (`summary`)
/// or else those of `validate`, as the validate part of `SummaryOptions`. One function for
/// both, so that the wasm holds one copy of the reading.
fn read_options(json: &str, function: &str, summary: bool, non_finite: bool) -> Result<SummaryOptions, JsValue> {
    let mut o = tape::with(json.as_bytes(), |tape| {
        let Some(tape) = tape else {
            return Err(ArgumentError(text!(function, ": options must be a plain object")));
        };
        // `JSON.stringify` writes each key once; were one repeated, the options take its last value.
        let node = TapeNode { text: json, tape, at: 0, repeats: false };
        if summary {
            options::summary_options(node, date_now(), function)
        } else {
            options::validate_options(node, function)
                .map(|validate| SummaryOptions { validate, ..SummaryOptions::new(0.0) })
        }
    })
    .map_err(type_error)?;
    o.validate.non_finite = non_finite;
    Ok(o)
}

fn not_utf8() -> JsValue {
    type_error(ArgumentError("the input is not UTF-8".into()))
}

/// `encoded`: the text came from `JSON.stringify` of a JS value (no positions).
fn input(bytes: &[u8], encoded: bool) -> Result<Input<'_>, JsValue> {
    // TextEncoder always writes UTF-8 (a lone surrogate becomes U+FFFD), so this only fails
    // when the bindings are called around the API.
    let text = core::str::from_utf8(bytes).map_err(|_| not_utf8())?;
    Ok(if encoded { Input::Encoded(text) } else { Input::Text(text) })
}

fn validate_options(json: &str, function: &str, non_finite: bool) -> Result<ValidateOptions, JsValue> {
    Ok(read_options(json, function, false, non_finite)?.validate)
}

global! {
    /// The next document's UTF-8 text. `js/api.js` writes it straight into this buffer
    /// with `TextEncoder.encodeInto` (no allocation and one copy per call, where passing
    /// bytes costs an encoded array, a `malloc`, a copy and a `free`), then calls
    /// `validate` or `validateMany` with its length.
    static INPUT: Vec<u8> = Vec::new();
}
global! {
    /// The options `useOptions` parsed last: JS sends them only when they change.
    static OPTIONS: ValidateOptions = ValidateOptions::DEFAULT;
}
global! {
    /// The report of the last `validate` that was not clean, for `takeReport`.
    static REPORT: Option<Report> = None;
}
global! {
    /// A `validateMany` whose text `js/api.js` is writing a piece at a time.
    static PIECES: Option<Pieces> = None;
}

/// A pointer to at least `capacity` bytes of input buffer; bytes already written stay.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|buffer| {
        if buffer.len() < capacity {
            buffer.resize(capacity, 0);
        }
        buffer.as_mut_ptr()
    })
}

/// Lets the input buffer go (after a large input: `js/api.js` decides).
#[wasm_bindgen(js_name = releaseInput)]
pub fn release_input() {
    INPUT.set(Vec::new());
}

/// The wasm's memory, for `js/api.js` to write into the input buffer.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Copies `bytes` into the input buffer and returns its length: what `api.js` does with
/// `encodeInto`, for callers in Rust (the wasm tests).
pub fn write_input(bytes: &[u8]) -> usize {
    INPUT.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.extend_from_slice(bytes);
    });
    bytes.len()
}

/// Runs `f` on the first `len` bytes of the input buffer.
fn with_input<R>(len: usize, f: impl FnOnce(&[u8]) -> R) -> R {
    INPUT.with_borrow(|buffer| f(buffer.get(..len).unwrap_or(buffer)))
}

/// Parses the options of `validate` or `validateMany` (`function` names it in errors) for
/// the calls that follow.
#[wasm_bindgen(js_name = useOptions)]
pub fn use_options(options: &str, function: &str) -> Result<(), JsValue> {
    OPTIONS.set(validate_options(options, function, false)?);
    Ok(())
}

fn current_options(non_finite: bool) -> ValidateOptions {
    ValidateOptions { non_finite, ..OPTIONS.with_borrow(|o| *o) }
}

/// What `validate` returns when the document is not clean: its report is in `takeReport`.
pub const NOT_CLEAN: u32 = u32::MAX;

/// Validates the input buffer's first `len` bytes. A clean document (the common case) comes
/// back as its dialect's index in the registry (the order of `pkg/dialects.js`) and
/// `js/api.js` builds the report: nothing to serialise, no `JSON.parse`, no JS value per
/// document. Otherwise `NOT_CLEAN`.
#[wasm_bindgen]
pub fn validate(len: usize, encoded: bool, non_finite: bool) -> Result<u32, JsValue> {
    let o = current_options(non_finite);
    with_input(len, |bytes| match crate::verdict_bytes(bytes, encoded, &o).map_err(|_| not_utf8())? {
        Verdict::Clean(d) => {
            let index = crate::dialects::index_of(d).unwrap_or(0);
            Ok(u32::try_from(index).unwrap_or(NOT_CLEAN))
        }
        Verdict::Checked(report, _) => {
            REPORT.set(Some(report));
            Ok(NOT_CLEAN)
        }
    })
}

/// The report of the last `validate` that returned `NOT_CLEAN`.
#[wasm_bindgen(js_name = takeReport)]
pub fn take_report() -> Result<JsValue, JsValue> {
    match REPORT.take() {
        Some(report) => to_js(&report),
        None => Err(error("takeReport: no report waiting")),
    }
}

/// `{ status }` when the document normalises, `{ report }` when it has errors
/// (the JS side throws `TaskStatusError` with the report's issues).
#[wasm_bindgen]
pub fn normalise(text: &[u8], encoded: bool, non_finite: bool, options: &str) -> Result<JsValue, JsValue> {
    /// `{ status }` or `{ report }`, written straight as text.
    struct Normalised<'a>(&'a str, &'a dyn ToJson);
    impl ToJson for Normalised<'_> {
        fn write_json(&self, out: &mut String) {
            json_out::Object::new(out).field(self.0, self.1).end();
        }
    }
    let o = validate_options(options, "normalise", non_finite)?;
    let status = crate::normalise_with(input(text, encoded)?, &o, |status| to_js(&Normalised("status", status)));
    status.unwrap_or_else(|report| to_js(&Normalised("report", &report)))
}

/// Ranked on the text's tape (no value built); whether it was encoded plays no part.
#[wasm_bindgen]
pub fn detect(text: &[u8]) -> Result<JsValue, JsValue> {
    to_js(&crate::detect_text(core::str::from_utf8(text).map_err(|_| not_utf8())?))
}

fn summary_options(json: &str, function: &str, non_finite: bool) -> Result<SummaryOptions, JsValue> {
    read_options(json, function, true, non_finite)
}

#[wasm_bindgen]
pub fn summarise(text: &[u8], encoded: bool, non_finite: bool, options: &str) -> Result<JsValue, JsValue> {
    let o = summary_options(options, "summarise", non_finite)?;
    // An array encoded from JS is a list of documents, exactly as JSON text of an array is.
    to_js(&summary::summarise(input(text, encoded)?, &o))
}

/// `validateMany` over the input buffer's first `len` bytes, with the options of `useOptions`.
#[wasm_bindgen(js_name = validateMany)]
pub fn validate_many(len: usize, encoded: bool, non_finite: bool) -> Result<JsValue, JsValue> {
    let o = current_options(non_finite);
    with_input(len, |bytes| {
        let report = crate::batch::validate_many_bytes(bytes, encoded, &o).map_err(|_| not_utf8())?;
        to_js(&report)
    })
}

/// Starts `validateMany` of a text too large to write at once, with the options of
/// `useOptions`: `js/api.js` writes it into the input buffer a piece at a time
/// (`manyPush`) and takes the report from `manyFinish` (`batch::Pieces`).
#[wasm_bindgen(js_name = manyBegin)]
pub fn many_begin(non_finite: bool) {
    PIECES.set(Some(Pieces::new(current_options(non_finite))));
}

/// The next piece: the input buffer's first `len` bytes.
#[wasm_bindgen(js_name = manyPush)]
pub fn many_push(len: usize) -> Result<(), JsValue> {
    PIECES.with_borrow_mut(|pieces| match pieces {
        Some(pieces) => {
            with_input(len, |bytes| pieces.push(bytes));
            Ok(())
        }
        None => Err(error("manyPush: no manyBegin")),
    })
}

#[wasm_bindgen(js_name = manyFinish)]
pub fn many_finish() -> Result<JsValue, JsValue> {
    let pieces = PIECES.take().ok_or_else(|| error("manyFinish: no manyBegin"))?;
    to_js(&pieces.finish().map_err(|_| not_utf8())?)
}

/// NDJSON over chunks: `createValidator` and `createSummariser` in `js/api.js`. One class
/// for both (one set of exports and of glue), holding a `batch::Stream` until `finish`.
/// Chunks arrive as bytes: `js/api.js` encodes a string chunk with `TextEncoder`.
#[wasm_bindgen(js_name = NdjsonStream)]
pub struct NdjsonStream {
    /// The public function, for the messages of misuse.
    function: &'static str,
    inner: Option<Streaming>,
}

enum Streaming {
    Validator(Stream<Counter>),
    Summariser(Stream<Accumulator>),
}

#[wasm_bindgen(js_class = NdjsonStream)]
impl NdjsonStream {
    /// A `createSummariser` when `summarise`, else a `createValidator`, with its options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, summarise: bool) -> Result<NdjsonStream, JsValue> {
        let (function, inner) = if summarise {
            let function = "createSummariser";
            (function, Streaming::Summariser(summary::stream(summary_options(options, function, false)?)))
        } else {
            let function = "createValidator";
            (function, Streaming::Validator(Stream::validator(validate_options(options, function, false)?)))
        };
        Ok(NdjsonStream { function, inner: Some(inner) })
    }

    #[wasm_bindgen(js_name = pushBytes)]
    pub fn push_bytes(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        match &mut self.inner {
            Some(Streaming::Validator(stream)) => stream.push(chunk),
            Some(Streaming::Summariser(stream)) => stream.push(chunk),
            None => return Err(error(&text!(self.function, ": push() after finish()"))),
        }
        Ok(())
    }

    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        match self.inner.take() {
            Some(Streaming::Validator(stream)) => to_js(&stream.report()),
            Some(Streaming::Summariser(stream)) => to_js(&summary::finish(stream)),
            None => Err(error(&text!(self.function, ": finish() called twice"))),
        }
    }
}
