//! taskstatus: validate, normalise and summarise the task status documents of five public APIs.
//!
//! This crate root is the native Rust API. It is plain Rust; `wasm.rs` (wasm32 only) is
//! the one place that knows JS and converts at the edge.

// The package is built without `std` (scripts/build.sh): see `global.rs` and `wasm.rs`.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

pub mod batch;
mod bytes;
pub mod declare;
mod describe;
pub mod detect;
pub mod dialects;
mod float;
mod global;
// The fuzz targets' properties, natively (`fuzz/`, `tests/invariants.rs`).
#[cfg(not(target_arch = "wasm32"))]
pub mod invariants;
pub mod issue;
pub mod json_out;
mod keyset;
pub mod model;
pub mod node;
mod normalise;
pub mod number;
pub mod options;
mod order;
pub mod parse;
pub mod pointer;
pub mod position;
mod prelude;
pub mod scan;
pub mod summary;
pub mod syntax;
pub mod tape;
mod text;
pub mod time;
mod validate;

// The generators of the JSON Schema export, the TypeScript declarations and the dialect
// docs run natively (tests/docs.rs writes their output into pkg/ and docs/). The wasm's
// `jsonSchema` returns the generated schemas (`pkg/schemas.js`), so none of them, nor the
// prose they read (`declare::Doc`), is in it.
#[cfg(not(target_arch = "wasm32"))]
pub mod docs;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use crate::declare::Shape;
use crate::describe::found_value;
use crate::dialects::Dialect;
use crate::issue::{Code, Issue, Severity, Sink};
use crate::model::NormalisedStatus;
use crate::node::Node;
use crate::options::{DialectChoice, ValidateOptions};
use crate::pointer::Pointer;
use crate::prelude::*;
use crate::scan::Fast;
use crate::text::{append, text};
use alloc::borrow::Cow;
use core::str::Utf8Error;
use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(not(target_arch = "wasm32"))]
use tsify::Tsify;

pub use crate::detect::Detection;
pub use crate::parse::{MAX_DEPTH, MAX_DOCUMENT_BYTES};
pub use crate::summary::Summary;
pub use crate::validate::NON_FINITE_PREFIX;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A document as it reaches the library.
#[derive(Clone, Copy)]
pub enum Input<'a> {
    /// JSON text from a user: issues get line and column.
    Text(&'a str),
    /// An already-parsed value (natively: the wasm takes text, `js/api.js` writes values).
    #[cfg(not(target_arch = "wasm32"))]
    Value(&'a Value),
    /// JSON text that the binding encoded from a JS value: parsed, but issues get no
    /// positions, because the user never saw this text.
    Encoded(&'a str),
}

/// The result of `validate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct Report {
    /// No issue of severity `error`.
    pub valid: bool,
    /// The dialect the document was checked against (null: none matched).
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId | null"))]
    pub dialect: Option<String>,
    pub issues: Vec<Issue>,
    /// Issues were left out at `maxIssues`.
    pub truncated: bool,
}

impl json_out::ToJson for Report {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("valid", &self.valid)
            .field("dialect", &self.dialect)
            .field("issues", &self.issues)
            .field("truncated", &self.truncated)
            .end();
    }
}

pub fn validate(input: Input<'_>, options: &ValidateOptions) -> Report {
    verdict(input, options).into_report()
}

/// What validating a document found, without keeping a value.
pub(crate) enum Verdict {
    /// Valid for this dialect, with no issue at all (the fast path).
    Clean(&'static Dialect),
    /// The report, and the dialect the document was checked against.
    Checked(Report, Option<&'static Dialect>),
}

impl Verdict {
    /// The dialect of a valid document (warnings allowed); `None` for an invalid one.
    pub(crate) fn valid_dialect(&self) -> Option<&'static Dialect> {
        match self {
            Verdict::Clean(d) => Some(d),
            Verdict::Checked(report, d) => d.filter(|_| report.valid),
        }
    }

    pub(crate) fn into_report(self) -> Report {
        match self {
            Verdict::Clean(d) => {
                Report { valid: true, dialect: Some(d.id.to_owned()), issues: Vec::new(), truncated: false }
            }
            Verdict::Checked(report, _) => report,
        }
    }

    /// The verdict of a document that is no document at all (not UTF-8, not JSON, too long
    /// or too deep): its one issue, and the dialect only if the caller fixed it.
    fn refused(issue: Issue, options: &ValidateOptions) -> Verdict {
        let dialect = match options.dialect {
            DialectChoice::Fixed(d) => Some(d.id.to_owned()),
            DialectChoice::Auto => None,
        };
        Verdict::Checked(Report { valid: false, dialect, issues: vec![issue], truncated: false }, None)
    }
}

/// `validate` when no value is needed afterwards. Every document is read as text, once,
/// into a tape: the fast path, and for a document that is not clean its issues, walk it
/// (`node.rs`). A value passed in natively is written as text first.
pub(crate) fn verdict(input: Input<'_>, options: &ValidateOptions) -> Verdict {
    match text_of(input) {
        Ok(text) => verdict_text(&text, !matches!(input, Input::Text(_)), options),
        Err(issue) => Verdict::refused(issue, options),
    }
}

fn verdict_text(text: &str, encoded: bool, options: &ValidateOptions) -> Verdict {
    // A `str` is UTF-8: `verdict_bytes` has no reason to refuse it.
    verdict_bytes(text.as_bytes(), encoded, options).unwrap_or_else(|_| Verdict::refused(not_utf8(), options))
}

/// The text of a document: a value passed in natively is written as text.
fn text_of(input: Input<'_>) -> Result<Cow<'_, str>, Issue> {
    match input {
        Input::Text(text) | Input::Encoded(text) => Ok(Cow::Borrowed(text)),
        #[cfg(not(target_arch = "wasm32"))]
        Input::Value(value) => written(value).map(Cow::Owned),
    }
}

/// The issue of bytes that are not UTF-8.
pub(crate) fn not_utf8() -> Issue {
    Issue::error(Code::Syntax, "", "Expected UTF-8 text, found bytes that are not UTF-8.")
}

/// A value built in Rust as the text the tape path reads, which holds each key once. A
/// value nested deeper than text may be is an issue, not written (the writer recurses).
#[cfg(not(target_arch = "wasm32"))]
fn written(value: &Value) -> Result<String, Issue> {
    if validate::deeper_than(value, MAX_DEPTH) {
        let message = parse::too_deep();
        return Err(Issue::error(Code::Limit, "", message));
    }
    let text = json_out::to_string(value);
    if text.len() > MAX_DOCUMENT_BYTES {
        let message = format!(
            "Expected a document of at most {MAX_DOCUMENT_BYTES} bytes once written with each key once, found {} bytes.",
            text.len()
        );
        return Err(Issue::error(Code::Limit, "", message));
    }
    Ok(text)
}

/// `verdict` for bytes meant to be UTF-8 text (`encoded`: written by the binding from a JS
/// value, so its issues get no positions). The fast path reads the bytes and its tape proves
/// them UTF-8, so a clean document, the common case, is never checked for UTF-8 on its own;
/// the others are before they become text. `Err` when they are not UTF-8.
pub(crate) fn verdict_bytes(bytes: &[u8], encoded: bool, options: &ValidateOptions) -> Result<Verdict, Utf8Error> {
    tape::with(bytes, |tape| {
        let Some(tape) = tape else {
            let issue = parse::refused(core::str::from_utf8(bytes)?);
            return Ok(Verdict::refused(positioned(issue, encoded), options));
        };
        let chosen = match scan::fast(bytes, tape, options) {
            Fast::Clean(d) => return Ok(Verdict::Clean(d)),
            // No issue can be listed (the batch's budget is spent): the verdict is enough.
            Fast::Invalid(d, _) if options.max_issues == 0 => {
                let report =
                    Report { valid: false, dialect: Some(d.id.to_owned()), issues: Vec::new(), truncated: true };
                return Ok(Verdict::Checked(report, Some(d)));
            }
            // `Invalid` already looked for a repeated key, which `check_tape` would do again.
            Fast::Invalid(d, root) => Some((d, root, true)),
            Fast::NotClean(d, root) => Some((d, root, false)),
            Fast::GaveUp => None,
        };
        let text = core::str::from_utf8(bytes)?;
        Ok(check_tape(text_input(text, encoded), text, tape, options, chosen))
    })
}

pub(crate) fn text_input(text: &str, encoded: bool) -> Input<'_> {
    if encoded {
        Input::Encoded(text)
    } else {
        Input::Text(text)
    }
}

/// Every issue of `text`, read into `tape`, walking the tape (`node.rs`): the same issues,
/// in the same order, with the same positions, as walking its parsed value
/// (`validate_by_value`, `tests/node.rs`). `chosen`: the dialect and root the fast path
/// chose, if it got that far, and whether it found that no key repeats.
fn check_tape(
    input: Input<'_>,
    text: &str,
    tape: &tape::Tape,
    options: &ValidateOptions,
    chosen: Option<(&'static Dialect, &'static dialects::Root, bool)>,
) -> Verdict {
    let keys_distinct = matches!(chosen, Some((_, _, true)));
    let repeats = !keys_distinct && !node::stands_in_for_value(text, tape);
    let mut sink = Sink::new(options.max_issues, options.strict);
    // The fast path read the keys as written; with a key twice, the value's keys (each
    // once, with its last value) choose again.
    let picked = match chosen.filter(|_| !repeats) {
        Some((dialect, root, _)) => Some((dialect, root)),
        None => pick(text, tape, options, &mut sink),
    };
    let document = node::TapeNode { text, tape, at: 0, repeats };
    if let Some((_, root)) = picked {
        let mut walker = validate::Walker { sink: &mut sink, non_finite: options.non_finite };
        walker.check(document, &Shape::Object(root.object), &mut Pointer::root());
    }
    let dialect = picked.map(|(d, _)| d);
    Verdict::Checked(report_of(sink, dialect, input, Some((text, tape)), repeats), dialect)
}

/// The end every walk shares: a warning for each repeated key, positions for text the user
/// gave (`read`: the text and its tape), the report.
// Inlined: the wasm was 134 B larger with these two as calls (the reference's copy is native only).
#[inline(always)]
fn report_of(
    mut sink: Sink,
    dialect: Option<&Dialect>,
    input: Input<'_>,
    read: Option<(&str, &tape::Tape)>,
    repeats: bool,
) -> Report {
    if let Some((text, tape)) = read {
        if repeats {
            position::duplicate_keys(text, tape, &mut |path, key| sink.push(duplicate_key(path, key)));
        }
        if matches!(input, Input::Text(_)) {
            place(&mut sink.issues, text, tape);
        }
    }
    Report {
        valid: !sink.saw_error,
        dialect: dialect.map(|d| d.id.to_owned()),
        issues: sink.issues,
        truncated: sink.truncated,
    }
}

/// The dialect and root to check a document on a tape against; `None`, with the issue that
/// says why, when there is none (the top level is no object, or of no dialect).
fn pick(
    text: &str,
    tape: &tape::Tape,
    options: &ValidateOptions,
    sink: &mut Sink,
) -> Option<(&'static Dialect, &'static dialects::Root)> {
    let keys = scan::TopKeys::read(text.as_bytes(), tape);
    let top = keys.as_ref().map(|keys| keys.top(text.as_bytes(), tape));
    let dialect = match (options.dialect, &top) {
        (DialectChoice::Fixed(d), _) => d,
        (DialectChoice::Auto, Some(top)) => match detect::best_dialect(top) {
            Some(d) => d,
            None => {
                sink.push(unknown_dialect(&detect::detect_top_level(top)));
                return None;
            }
        },
        (DialectChoice::Auto, None) => {
            let document = node::TapeNode { text, tape, at: 0, repeats: false };
            sink.push(not_a_document(&describe::found(&document.view())));
            return None;
        }
    };
    Some((dialect, dialect.root_for(top.iter().flat_map(|top| top.members().map(|m| m.0)))))
}

/// `issue` as it is reported: without a position for text the user never saw (`encoded`).
#[inline(always)] // as `report_of`
fn positioned(mut issue: Issue, encoded: bool) -> Issue {
    if encoded {
        issue.line = None;
        issue.column = None;
    }
    issue
}

/// The issue of a top level that is no object (`found`: what it is).
fn not_a_document(found: &str) -> Issue {
    Issue::error(Code::Type, "", text!("Expected a task status document (a JSON object), found ", found, "."))
}

/// `validate` through a parsed value: the reference that the tape walk is tested against
/// (`tests/node.rs`). Not used by the library itself.
#[doc(hidden)]
pub fn validate_by_value(input: Input<'_>, options: &ValidateOptions) -> Report {
    with_parsed(input, |value, tape| {
        let value = match value {
            Ok(v) => v,
            Err(issue) => return Verdict::refused(issue, options).into_report(),
        };
        let mut sink = Sink::new(options.max_issues, options.strict);
        let dialect = choose_dialect(&value, options, &mut sink);
        if let Some(dialect) = dialect {
            let shape = Shape::Object(root_of(dialect, &value).object);
            let mut walker = validate::Walker { sink: &mut sink, non_finite: options.non_finite };
            walker.check(value.as_ref(), &shape, &mut Pointer::root());
        }
        // Text and the tape its value was built from; none for a value passed in.
        let read = match input {
            Input::Text(text) | Input::Encoded(text) => tape.map(|tape| (text, tape)),
            #[cfg(not(target_arch = "wasm32"))]
            Input::Value(_) => None,
        };
        let repeats = read.is_some_and(|(text, tape)| !node::stands_in_for_value(text, tape));
        report_of(sink, dialect, input, read, repeats)
    })
}

/// Normalises a document, or returns the report of why it cannot be (it has errors).
pub fn normalise(input: Input<'_>, options: &ValidateOptions) -> Result<NormalisedStatus, Report> {
    check_then(input, options, |dialect, doc| normalise::normalise(dialect, doc).into_values())
}

/// `normalise`, with the status handed to `write` as JSON to write (the wasm's `normalise`).
/// It is written on the document's tape: the values the model copies (`result`, `extra`) are
/// written as the document has them, and no `Value` is built. `JSON.parse` reads the text as
/// the JSON of `normalise`'s status (`tests/json_out.rs`).
pub fn normalise_with<R>(
    input: Input<'_>,
    options: &ValidateOptions,
    write: impl FnOnce(&dyn json_out::ToJson) -> R,
) -> Result<R, Report> {
    check_then(input, options, |dialect, doc| write(&normalise::normalise(dialect, doc)))
}

/// Ranks the dialects for a document. Text that is not JSON matches none.
pub fn detect(input: Input<'_>) -> Detection {
    match input {
        #[cfg(not(target_arch = "wasm32"))]
        Input::Value(Value::Object(doc)) => detect::detect_top_level(doc),
        #[cfg(not(target_arch = "wasm32"))]
        Input::Value(_) => detect::nothing(),
        Input::Text(text) | Input::Encoded(text) => detect_text(text),
    }
}

/// `detect` of text, on its tape: no value is built (the wasm's `detect`).
pub(crate) fn detect_text(text: &str) -> Detection {
    tape::with(text.as_bytes(), |tape| {
        let tape = tape?;
        let keys = scan::TopKeys::read(text.as_bytes(), tape)?;
        Some(detect::detect_top_level(&keys.top(text.as_bytes(), tape)))
    })
    .unwrap_or_else(detect::nothing)
}

/// The JSON Schema of a dialect or of `normalised` (natively; see `pkg/schemas.js`).
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema(id: &str) -> Option<Value> {
    if id == "normalised" {
        return Some(schema::normalised_schema());
    }
    dialects::by_id(id).map(schema::dialect_schema)
}

/// The document's value (or the issue why it has none) and, for text, the tape it was
/// built from, handed to `f` (the reference walk's way in).
fn with_parsed<'a, R>(input: Input<'a>, f: impl FnOnce(Result<Cow<'a, Value>, Issue>, Option<&tape::Tape>) -> R) -> R {
    match input {
        #[cfg(not(target_arch = "wasm32"))]
        Input::Value(v) => f(Ok(Cow::Borrowed(v)), None),
        Input::Text(text) | Input::Encoded(text) => tape::with(text.as_bytes(), |tape| {
            let encoded = matches!(input, Input::Encoded(_));
            f(parse::parse_read(text, tape).map(Cow::Owned).map_err(|issue| positioned(issue, encoded)), tape)
        }),
    }
}

/// `verdict`, and for a valid document `valid` of its dialect and the document on a tape:
/// what `normalise` and `summarise` read. Such text is read twice (the verdict's tape, then
/// this one): reading it once measured no faster in `summarise` and cost 161 B of wasm.
pub(crate) fn check_then<R>(
    input: Input<'_>,
    options: &ValidateOptions,
    valid: impl FnOnce(&'static Dialect, node::TapeNode<'_>) -> R,
) -> Result<R, Report> {
    let text = text_of(input).map_err(|issue| Verdict::refused(issue, options).into_report())?;
    let verdict = verdict_text(&text, !matches!(input, Input::Text(_)), options);
    let Some(dialect) = verdict.valid_dialect() else { return Err(verdict.into_report()) };
    // A clean document holds no key twice (that is a warning).
    let maybe_repeats = matches!(verdict, Verdict::Checked(..));
    tape::with(text.as_bytes(), |tape| {
        // The verdict read this text into a tape, so it reads again.
        let Some(tape) = tape else { return Err(verdict.into_report()) };
        let repeats = maybe_repeats && !node::stands_in_for_value(&text, tape);
        Ok(valid(dialect, node::TapeNode { text: &text, tape, at: 0, repeats }))
    })
}

/// The issue for a repeated key at `path` (the later one).
pub(crate) fn duplicate_key(path: &str, key: &str) -> Issue {
    let message = text!(
        "Expected each key once in an object, found ",
        describe::quote(key),
        " again; the last one counts, as with JSON.parse."
    );
    Issue::warning(Code::DuplicateKey, path, message)
}

/// The dialect to check a parsed document against; `None`, with the issue that says why,
/// when there is none.
fn choose_dialect(value: &Value, options: &ValidateOptions, sink: &mut Sink) -> Option<&'static Dialect> {
    match options.dialect {
        DialectChoice::Fixed(d) => Some(d),
        DialectChoice::Auto => {
            let Value::Object(doc) = value else {
                sink.push(not_a_document(&found_value(value)));
                return None;
            };
            let best = detect::best_dialect(doc);
            if best.is_none() {
                sink.push(unknown_dialect(&detect::detect_value(value)));
            }
            best
        }
    }
}

fn root_of(dialect: &'static Dialect, value: &Value) -> &'static dialects::Root {
    match value {
        Value::Object(doc) => dialect.root_for(doc.keys().map(String::as_bytes)),
        _ => dialect.root_for(core::iter::empty()),
    }
}

fn unknown_dialect(detection: &Detection) -> Issue {
    let mut message = text!(
        "Expected a document of one of the dialects ",
        describe::join(dialects::IDS, ", "),
        ", found none that matches; "
    );
    if detection.candidates.is_empty() {
        message.push_str("none scores above zero");
    }
    for (i, c) in detection.candidates.iter().take(3).enumerate() {
        let before = if i == 0 { "the closest are " } else { ", " };
        append!(&mut message, before, c.dialect, " (", describe::two_decimals(c.confidence), ")");
    }
    message.push('.');
    Issue::error(Code::UnknownDialect, "", message)
}

/// Gives each issue without a position the line and column of its anchor in `text`.
pub(crate) fn place(issues: &mut [Issue], text: &str, tape: &tape::Tape) {
    let unplaced = |i: &Issue| i.line.is_none();
    let pointers: Vec<&str> = issues.iter().filter(|i| unplaced(i)).map(Issue::anchor_pointer).collect();
    if pointers.is_empty() {
        return;
    }
    let positions = position::locate(text, tape, &pointers);
    for (issue, pos) in issues.iter_mut().filter(|i| unplaced(i)).zip(positions) {
        if let Some(pos) = pos {
            issue.line = Some(pos.line);
            issue.column = Some(pos.column);
        }
    }
}

/// Every issue of a value against one declaration (no dialect choice, no positions).
pub fn check_against(value: &Value, object: &'static declare::Object) -> Vec<Issue> {
    let mut sink = Sink::new(options::MAX_MAX_ISSUES, false);
    validate::Walker { sink: &mut sink, non_finite: false }.check(value, &Shape::Object(object), &mut Pointer::root());
    sink.issues
}

/// `dialects()` of the JS API.
// Native only: generated into `pkg/dialects.js`; the wasm holds none of this prose (`declare::Doc`).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct DialectInfo {
    #[tsify(type = "DialectId")]
    pub id: String,
    pub title: String,
    pub vendor: String,
    pub description: String,
    pub docs: String,
}

#[cfg(not(target_arch = "wasm32"))]
impl json_out::ToJson for DialectInfo {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("id", &self.id)
            .field("title", &self.title)
            .field("vendor", &self.vendor)
            .field("description", &self.description)
            .field("docs", &self.docs)
            .end();
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn dialect_list() -> Vec<DialectInfo> {
    dialects::ALL
        .iter()
        .map(|d| DialectInfo {
            id: d.id.into(),
            title: d.title.text().into(),
            vendor: d.vendor.into(),
            description: d.description.text().into(),
            docs: d.docs.text().into(),
        })
        .collect()
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
}
