//! Options as the JS API takes them, checked strictly: a bad argument is the caller's
//! bug, so it becomes a `TypeError` that says what was expected.

use crate::describe::{found, quote};
use crate::dialects::{self, Dialect};
use crate::node::{Node, View};
use crate::prelude::*;
use crate::text::text;
use crate::time::parse_rfc3339;
use core::fmt;
use serde_json::Number;

/// Default cap on collected issues.
pub const DEFAULT_MAX_ISSUES: usize = 100;
/// Largest `maxIssues` accepted, so that one call's output stays bounded.
pub const MAX_MAX_ISSUES: usize = 100_000;
/// Default idle time after which a non-terminal task counts as stalled: 15 minutes.
pub const DEFAULT_STALLED_AFTER_MS: f64 = 15.0 * 60.0 * 1000.0;

/// A bad argument (not bad content). The binding throws it as a JS `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgumentError(pub String);

impl fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for ArgumentError {}

#[derive(Clone, Copy)]
pub enum DialectChoice {
    Auto,
    Fixed(&'static Dialect),
}

#[derive(Clone, Copy)]
pub struct ValidateOptions {
    pub dialect: DialectChoice,
    pub strict: bool,
    pub max_issues: usize,
    /// The value came from a JS object holding NaN/Infinity (see `validate::NON_FINITE_PREFIX`).
    pub non_finite: bool,
}

impl ValidateOptions {
    /// The defaults, as a constant: the wasm's thread-locals start from it without a lazy
    /// initialiser.
    pub const DEFAULT: ValidateOptions = ValidateOptions {
        dialect: DialectChoice::Auto,
        strict: false,
        max_issues: DEFAULT_MAX_ISSUES,
        non_finite: false,
    };
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions::DEFAULT
    }
}

#[derive(Clone, Copy)]
pub struct SummaryOptions {
    pub validate: ValidateOptions,
    /// Epoch milliseconds that "stalled" and "ago" are measured from.
    pub now_ms: f64,
    pub stalled_after_ms: f64,
    /// List each task in `tasks` (off keeps a huge summary small).
    pub tasks: bool,
}

impl SummaryOptions {
    pub fn new(now_ms: f64) -> SummaryOptions {
        SummaryOptions {
            validate: ValidateOptions::default(),
            now_ms,
            stalled_after_ms: DEFAULT_STALLED_AFTER_MS,
            tasks: true,
        }
    }
}

/// The options as JS passes them, for the TypeScript declarations (`src/typescript.rs`).
/// `validate_options` and `summary_options` read them; a test keeps both in step.
pub mod js {
    use crate::prelude::*;
    use serde::Serialize;
    use serde_json::Value;
    #[cfg(not(target_arch = "wasm32"))]
    use tsify::Tsify;

    /// Options of `validate`, `validateMany`, `createValidator` and `normalise`.
    #[derive(Debug, Default, Serialize)]
    #[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
    #[serde(rename_all = "camelCase")]
    pub struct ValidateOptions {
        /// The dialect to check against; default `'auto'` (detected).
        #[cfg_attr(not(target_arch = "wasm32"), tsify(optional, type = "DialectId | 'auto'"))]
        pub dialect: Option<String>,
        /// Unknown fields and legacy values become errors; default `false`.
        #[cfg_attr(not(target_arch = "wasm32"), tsify(optional))]
        pub strict: Option<bool>,
        /// Issues collected before collection stops and `truncated` is set; default 100, 1 to 100000.
        #[cfg_attr(not(target_arch = "wasm32"), tsify(optional))]
        pub max_issues: Option<u32>,
    }

    /// Options of `summarise`: those of `validate` and these.
    #[derive(Debug, Default, Serialize)]
    #[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
    #[serde(rename_all = "camelCase")]
    pub struct SummaryOptions {
        #[serde(flatten)]
        pub validate: ValidateOptions,
        /// The time "stalled" is measured from: epoch milliseconds or RFC 3339; default: now.
        #[cfg_attr(not(target_arch = "wasm32"), tsify(optional, type = "number | string"))]
        pub now: Option<Value>,
        /// Idle time after which a non-terminal task counts as stalled; default 900000 (15 minutes).
        #[cfg_attr(not(target_arch = "wasm32"), tsify(optional))]
        pub stalled_after_ms: Option<f64>,
        /// List each task in `tasks`; default `true` (`false` keeps a huge summary small).
        #[cfg_attr(not(target_arch = "wasm32"), tsify(optional))]
        pub tasks: Option<bool>,
    }
}

/// Option keys `validate_options` accepts.
pub const VALIDATE_KEYS: [&str; 3] = ["dialect", "strict", "maxIssues"];
/// Option keys `summary_options` accepts (those of `validate_options` first).
pub const SUMMARY_KEYS: [&str; 6] = ["dialect", "strict", "maxIssues", "now", "stalledAfterMs", "tasks"];

/// "validate: maxIssues must be …, got the number -1"
fn bad<'a, N: Node<'a>>(function: &str, what: &str, got: N) -> ArgumentError {
    ArgumentError(text!(function, ": ", what, ", got ", found(&got.view())))
}

/// The value of each of the `known` options by its place there: `None` when not given or
/// `null`; a key given twice counts with its last value, as with `JSON.parse`.
fn entries<'a, N: Node<'a>>(
    options: N,
    known: &[&str],
    given: &mut [Option<N>],
    function: &str,
) -> Result<(), ArgumentError> {
    match options.view() {
        View::Null => return Ok(()),
        View::Object(_) => {}
        _ => return Err(bad(function, "options must be an object", options)),
    }
    for (key, value) in options.members() {
        let Some(slot) = known.iter().position(|k| *k == key).and_then(|i| given.get_mut(i)) else {
            return Err(ArgumentError(text!(
                function,
                ": unknown option ",
                quote(&key),
                "; the options are ",
                crate::describe::join(known, ", ")
            )));
        };
        *slot = (!matches!(value.view(), View::Null)).then_some(value);
    }
    Ok(())
}

pub fn dialect_choice<'a, N: Node<'a>>(value: Option<N>, function: &str) -> Result<DialectChoice, ArgumentError> {
    let Some(value) = value else { return Ok(DialectChoice::Auto) };
    match value.view() {
        View::String(s) if s == "auto" => Ok(DialectChoice::Auto),
        View::String(s) => dialects::by_id(&s).map(DialectChoice::Fixed).ok_or_else(|| unknown_dialect(function, &s)),
        View::Null => Ok(DialectChoice::Auto),
        _ => Err(bad(function, "dialect must be a string", value)),
    }
}

pub fn unknown_dialect(function: &str, id: &str) -> ArgumentError {
    ArgumentError(text!(
        function,
        ": unknown dialect ",
        quote(id),
        "; the known dialects are ",
        crate::describe::join(dialects::IDS, ", ")
    ))
}

fn flag<'a, N: Node<'a>>(value: Option<N>, name: &str, default: bool, function: &str) -> Result<bool, ArgumentError> {
    let Some(value) = value else { return Ok(default) };
    match value.view() {
        View::Bool(b) => Ok(b),
        _ => Err(bad(function, &text!(name, " must be a boolean"), value)),
    }
}

/// The number a node holds, if it is one.
fn number<'a, N: Node<'a>>(value: N) -> Option<Number> {
    match value.view() {
        View::Number(n) => Some(n),
        _ => None,
    }
}

fn max_issues<'a, N: Node<'a>>(value: Option<N>, function: &str) -> Result<usize, ArgumentError> {
    let Some(value) = value else { return Ok(DEFAULT_MAX_ISSUES) };
    number(value)
        .and_then(|n| n.as_u64())
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| (1..=MAX_MAX_ISSUES).contains(n))
        .ok_or_else(|| bad(function, &text!("maxIssues must be a whole number from 1 to ", MAX_MAX_ISSUES), value))
}

/// Options of `validate` and `normalise`, from a parsed value or a tape.
pub fn validate_options<'a, N: Node<'a>>(options: N, function: &str) -> Result<ValidateOptions, ArgumentError> {
    let mut given = [None; VALIDATE_KEYS.len()];
    entries(options, &VALIDATE_KEYS, &mut given, function)?;
    validate_from(given, function)
}

/// The options of `VALIDATE_KEYS`, given in that order.
fn validate_from<'a, N: Node<'a>>(
    [dialect, strict, max]: [Option<N>; VALIDATE_KEYS.len()],
    function: &str,
) -> Result<ValidateOptions, ArgumentError> {
    Ok(ValidateOptions {
        dialect: dialect_choice(dialect, function)?,
        strict: flag(strict, "strict", false, function)?,
        max_issues: max_issues(max, function)?,
        non_finite: false,
    })
}

/// Options of `summarise`; `clock_ms` is the current time, used when `now` is not given.
pub fn summary_options<'a, N: Node<'a>>(
    options: N,
    clock_ms: f64,
    function: &str,
) -> Result<SummaryOptions, ArgumentError> {
    let f = function;
    let mut out = SummaryOptions::new(clock_ms);
    let mut given = [None; SUMMARY_KEYS.len()];
    entries(options, &SUMMARY_KEYS, &mut given, f)?;
    let [dialect, strict, max, now, stalled_after, tasks] = given;
    out.validate = validate_from([dialect, strict, max], f)?;
    out.tasks = flag(tasks, "tasks", true, f)?;
    const NOW: &str = "now must be epoch milliseconds or an RFC 3339 date-time";
    out.now_ms = match now {
        None => clock_ms,
        Some(v) => match v.view() {
            View::Number(n) => n.as_f64().ok_or_else(|| bad(f, NOW, v))?,
            View::String(s) => parse_rfc3339(s.as_ref()).map(|ms| ms as f64).ok_or_else(|| bad(f, NOW, v))?,
            _ => return Err(bad(f, NOW, v)),
        },
    };
    out.stalled_after_ms = match stalled_after {
        None => DEFAULT_STALLED_AFTER_MS,
        Some(v) => number(v)
            .and_then(|n| n.as_f64())
            .filter(|x| *x >= 0.0)
            .ok_or_else(|| bad(f, "stalledAfterMs must be a number of milliseconds ≥ 0", v))?,
    };
    Ok(out)
}
