//! taskstatus: validate, normalise and summarise the task status documents of five public APIs.
//!
//! This crate root is the native Rust API. It is plain Rust; `wasm.rs` (wasm32 only) is
//! the one place that knows JS and converts at the edge.

pub mod batch;
mod bytes;
pub mod declare;
mod describe;
pub mod detect;
pub mod dialects;
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
pub mod scan;
pub mod summary;
pub mod syntax;
pub mod tape;
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
use crate::options::{DialectChoice, ValidateOptions};
use crate::pointer::Pointer;
use crate::scan::Fast;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::str::Utf8Error;
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
    /// An already-parsed value.
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

/// A document that was parsed and checked: what `validate`, `normalise` and `summarise` share.
pub(crate) struct Checked<'a> {
    pub report: Report,
    pub value: Option<Cow<'a, Value>>,
    pub dialect: Option<&'static Dialect>,
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
    fn into_report(self) -> Report {
        match self {
            Verdict::Clean(d) => {
                Report { valid: true, dialect: Some(d.id.to_owned()), issues: Vec::new(), truncated: false }
            }
            Verdict::Checked(report, _) => report,
        }
    }
}

/// `validate` when no value is needed afterwards. Text is read once, into a tape, for the
/// fast path and, when the document is not clean, for its issues, walking the tape instead
/// of a parsed value (`node.rs`); what the tape cannot stand in for goes to `check`.
pub(crate) fn verdict(input: Input<'_>, options: &ValidateOptions) -> Verdict {
    match input {
        // A `str` is UTF-8, so `verdict_bytes` has no reason to refuse it.
        Input::Text(text) | Input::Encoded(text) => {
            verdict_bytes(text.as_bytes(), matches!(input, Input::Encoded(_)), options)
                .unwrap_or_else(|_| by_value(input, options))
        }
        Input::Value(_) => by_value(input, options),
    }
}

/// `verdict` for bytes meant to be UTF-8 text (`encoded`: written by the binding from a JS
/// value). The fast path reads the bytes and its tape proves them UTF-8, so a clean
/// document, the common case, is never checked for UTF-8 on its own; the others are before
/// they become text. `Err` when they are not UTF-8.
pub(crate) fn verdict_bytes(bytes: &[u8], encoded: bool, options: &ValidateOptions) -> Result<Verdict, Utf8Error> {
    match on_tape(bytes, encoded, options)? {
        Some(verdict) => Ok(verdict),
        None => Ok(by_value(text_input(std::str::from_utf8(bytes)?, encoded), options)),
    }
}

pub(crate) fn text_input(text: &str, encoded: bool) -> Input<'_> {
    if encoded {
        Input::Encoded(text)
    } else {
        Input::Text(text)
    }
}

fn by_value(input: Input<'_>, options: &ValidateOptions) -> Verdict {
    let checked = check(input, options);
    Verdict::Checked(checked.report, checked.dialect)
}

/// The fast path, then the issues on the same tape; `Ok(None)` for what needs the value path.
fn on_tape(bytes: &[u8], encoded: bool, options: &ValidateOptions) -> Result<Option<Verdict>, Utf8Error> {
    tape::with(bytes, |tape| {
        let Some(tape) = tape else { return Ok(None) };
        let chosen = match scan::fast(bytes, tape, options) {
            Fast::Clean(d) => return Ok(Some(Verdict::Clean(d))),
            // No issue can be listed (the batch's budget is spent): the verdict is enough.
            Fast::Invalid(d, _) if options.max_issues == 0 => {
                let report =
                    Report { valid: false, dialect: Some(d.id.to_owned()), issues: Vec::new(), truncated: true };
                return Ok(Some(Verdict::Checked(report, Some(d))));
            }
            // `Invalid` already looked for a repeated key, which `check_tape` would do again.
            Fast::Invalid(d, root) => Some((d, root, true)),
            Fast::NotClean(d, root) => Some((d, root, false)),
            Fast::GaveUp => None,
        };
        let text = std::str::from_utf8(bytes)?;
        Ok(check_tape(text_input(text, encoded), text, tape, options, chosen))
    })
}

/// `check` on the tape of `text`, without a value: the same issues, in the same order, with
/// the same positions (`tests/node.rs`). `None` for what only the value path handles: a key
/// twice, a top level that is not an object of plain keys, a document of no dialect.
/// `chosen`: the dialect and root the fast path chose, if it got that far, and whether it
/// found that no key repeats (then not looked for again).
fn check_tape(
    input: Input<'_>,
    text: &str,
    tape: &tape::Tape,
    options: &ValidateOptions,
    chosen: Option<(&'static Dialect, &'static dialects::Root, bool)>,
) -> Option<Verdict> {
    let keys_distinct = matches!(chosen, Some((_, _, true)));
    if !keys_distinct && !node::stands_in_for_value(text, tape) {
        return None;
    }
    let (dialect, root) = match chosen {
        Some((dialect, root, _)) => (dialect, root),
        None => {
            let top = scan::Top::new(text.as_bytes(), tape)?;
            // A document of no dialect goes to the value path, which ranks the closest ones
            // (ranking a tape too would put a second copy of the ranking in the wasm).
            let dialect = match options.dialect {
                DialectChoice::Fixed(d) => d,
                DialectChoice::Auto => detect::best_dialect(&top)?,
            };
            (dialect, dialect.root_for(top.members().map(|m| m.0)))
        }
    };
    let mut sink = Sink::new(options.max_issues, options.strict);
    let document = node::TapeNode { text, tape, at: 0 };
    validate::Walker { sink: &mut sink, non_finite: options.non_finite }.check(
        document,
        &Shape::Object(root.object),
        &mut Pointer::root(),
    );
    if matches!(input, Input::Text(_)) {
        place(&mut sink.issues, text, tape);
    }
    let report = Report {
        valid: !sink.saw_error,
        dialect: Some(dialect.id.to_owned()),
        issues: sink.issues,
        truncated: sink.truncated,
    };
    Some(Verdict::Checked(report, Some(dialect)))
}

/// `validate` through a parsed value only: the reference that the tape walk is tested
/// against (`tests/node.rs`).
#[doc(hidden)]
pub fn validate_by_value(input: Input<'_>, options: &ValidateOptions) -> Report {
    check_by(input, options, |walker, value, _, shape| walker.check(value, shape, &mut Pointer::root())).report
}

/// `validate` on the tape only: `None` where it would fall back to the value (`tests/node.rs`).
#[doc(hidden)]
pub fn validate_on_tape(input: Input<'_>, options: &ValidateOptions) -> Option<Report> {
    let (Input::Text(text) | Input::Encoded(text)) = input else { return None };
    let encoded = matches!(input, Input::Encoded(_));
    on_tape(text.as_bytes(), encoded, options).ok().flatten().map(Verdict::into_report)
}

/// Normalises a document, or returns the report of why it cannot be (it has errors).
pub fn normalise(input: Input<'_>, options: &ValidateOptions) -> Result<NormalisedStatus, Report> {
    let checked = check(input, options);
    match (checked.report.valid, checked.dialect, checked.value.as_deref()) {
        (true, Some(dialect), Some(Value::Object(doc))) => Ok(normalise::normalise(dialect, doc)),
        _ => Err(checked.report),
    }
}

/// Ranks the dialects for a document. Text that is not JSON matches none.
pub fn detect(input: Input<'_>) -> Detection {
    let parsed = match input {
        Input::Value(v) => Ok(Cow::Borrowed(v)),
        Input::Text(text) | Input::Encoded(text) => parse::parse_document(text).map(Cow::Owned),
    };
    detect::detect_value(parsed.as_deref().unwrap_or(&Value::Null))
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
/// built from, handed to `f`: text is read once, for the value and for what `f` does next.
fn with_parsed<'a, R>(input: Input<'a>, f: impl FnOnce(Result<Cow<'a, Value>, Issue>, Option<&tape::Tape>) -> R) -> R {
    match input {
        Input::Value(v) => f(Ok(Cow::Borrowed(v)), None),
        Input::Text(text) | Input::Encoded(text) => tape::with(text.as_bytes(), |tape| {
            let value = parse::parse_read(text, tape).map(Cow::Owned).map_err(|mut issue| {
                if matches!(input, Input::Encoded(_)) {
                    issue.line = None;
                    issue.column = None;
                }
                issue
            });
            f(value, tape)
        }),
    }
}

pub(crate) fn check<'a>(input: Input<'a>, options: &ValidateOptions) -> Checked<'a> {
    check_by(input, options, |walker, value, standing_in, shape| walker.check_parsed(value, standing_in, shape))
}

/// How `check_by` walks a parsed document against a declaration: on a tape (`check`), or
/// the value itself (`validate_by_value`, the reference for the tests). Only the first is
/// reachable from the wasm, so only one walker is compiled into it. The tape passed is its
/// text's, when that stands in for the value.
type Walk = fn(&mut validate::Walker<'_>, &Value, Option<(&str, &tape::Tape)>, &Shape);

fn check_by<'a>(input: Input<'a>, options: &ValidateOptions, walk: Walk) -> Checked<'a> {
    let fixed = match options.dialect {
        DialectChoice::Fixed(d) => Some(d),
        DialectChoice::Auto => None,
    };
    with_parsed(input, |value, tape| {
        let value = match value {
            Ok(v) => v,
            Err(issue) => {
                let dialect = fixed.map(|d| d.id.to_owned());
                let report = Report { valid: false, dialect, issues: vec![issue], truncated: false };
                return Checked { report, value: None, dialect: None };
            }
        };
        let mut sink = Sink::new(options.max_issues, options.strict);
        let dialect = choose_dialect(&value, options, &mut sink);
        let shape = dialect.map(|d| Shape::Object(root_of(d, &value).object));
        let non_finite = options.non_finite;
        // Text and the tape its value was built from; none for a value passed in.
        let read = match input {
            Input::Text(text) | Input::Encoded(text) => tape.map(|tape| (text, tape)),
            Input::Value(_) => None,
        };
        // Asked once here: whether keys repeat decides both the walk and the warnings.
        let repeats = read.is_some_and(|(text, tape)| !node::stands_in_for_value(text, tape));
        if let Some(shape) = &shape {
            let standing_in = read.filter(|_| !repeats);
            walk(&mut validate::Walker { sink: &mut sink, non_finite }, &value, standing_in, shape);
        }
        if let Some((text, tape)) = read {
            if repeats {
                for path in position::duplicate_keys(text, tape) {
                    sink.push(duplicate_key(path));
                }
            }
            if matches!(input, Input::Text(_)) {
                place(&mut sink.issues, text, tape);
            }
        }
        let report = Report {
            valid: !sink.saw_error,
            dialect: dialect.map(|d| d.id.to_owned()),
            issues: sink.issues,
            truncated: sink.truncated,
        };
        Checked { report, value: Some(value), dialect }
    })
}

/// The issue for a repeated key at `path` (the later one).
pub(crate) fn duplicate_key(path: String) -> Issue {
    let key = pointer::unescape(path.rsplit('/').next().unwrap_or(""));
    let message = format!(
        "Expected each key once in an object, found {} again; the last one counts, as with JSON.parse.",
        describe::quote(&key)
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
                let message = format!("Expected a task status document (a JSON object), found {}.", found_value(value));
                sink.push(Issue::error(Code::Type, "", message));
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
        _ => dialect.root_for(std::iter::empty()),
    }
}

fn unknown_dialect(detection: &Detection) -> Issue {
    let closest: Vec<String> = detection
        .candidates
        .iter()
        .take(3)
        .map(|c| format!("{} ({})", c.dialect, describe::two_decimals(c.confidence)))
        .collect();
    let closest = if closest.is_empty() {
        "none scores above zero".to_owned()
    } else {
        format!("the closest are {}", describe::join(&closest, ", "))
    };
    Issue::error(
        Code::UnknownDialect,
        "",
        format!(
            "Expected a document of one of the dialects {}, found none that matches; {closest}.",
            describe::join(dialects::IDS, ", ")
        ),
    )
}

/// Gives each issue without a position the line and column of its anchor in `text`.
pub(crate) fn place(issues: &mut [Issue], text: &str, tape: &tape::Tape) {
    let wanted: Vec<(usize, String)> = issues
        .iter()
        .enumerate()
        .filter(|(_, i)| i.line.is_none())
        .map(|(n, i)| (n, i.anchor_pointer().to_owned()))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let pointers: Vec<&str> = wanted.iter().map(|(_, p)| p.as_str()).collect();
    for ((n, _), pos) in wanted.iter().zip(position::locate(text, tape, &pointers)) {
        if let (Some(issue), Some(pos)) = (issues.get_mut(*n), pos) {
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct DialectInfo {
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId"))]
    pub id: String,
    pub title: String,
    pub vendor: String,
    pub description: String,
    pub docs: String,
}

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

pub fn dialect_list() -> Vec<DialectInfo> {
    dialects::ALL
        .iter()
        .map(|d| DialectInfo {
            id: d.id.into(),
            title: d.title.into(),
            vendor: d.vendor.into(),
            description: d.description.into(),
            docs: d.docs.into(),
        })
        .collect()
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
}
