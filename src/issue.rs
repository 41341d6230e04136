//! Issues: what is wrong with a document, where, and how badly.

use crate::json_out::{self, ToJson};
use crate::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(not(target_arch = "wasm32"))]
use tsify::Tsify;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Stable issue codes. The kebab-case spelling is the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The text is not JSON.
    Syntax,
    /// A value has the wrong JSON type (NaN and Infinity included).
    Type,
    /// A required property is missing.
    Required,
    /// A string is not one of the allowed values.
    Enum,
    /// A string does not match its declared format (date-time, uuid, uri).
    Format,
    /// A number is outside its declared range.
    Range,
    /// A property the dialect does not declare.
    UnknownField,
    /// A spelling the vendor once used (SailPoint `Success`).
    LegacyValue,
    /// A key that appears twice in one object; the last one counts, as with `JSON.parse`.
    DuplicateKey,
    /// No dialect matches the document.
    UnknownDialect,
    /// An explicit limit (size, depth) was reached.
    Limit,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl ToJson for Severity {
    fn write_json(&self, out: &mut String) {
        json_out::string(out, self.as_str());
    }
}

impl ToJson for Code {
    fn write_json(&self, out: &mut String) {
        json_out::string(out, self.as_str());
    }
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Type => "type",
            Code::Required => "required",
            Code::Enum => "enum",
            Code::Format => "format",
            Code::Range => "range",
            Code::UnknownField => "unknown-field",
            Code::LegacyValue => "legacy-value",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownDialect => "unknown-dialect",
            Code::Limit => "limit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct Issue {
    pub severity: Severity,
    pub code: Code,
    /// RFC 6901 JSON Pointer; `""` is the root.
    pub path: String,
    /// One English sentence, with what was expected and what was found.
    pub message: String,
    /// Only when the input was text: 1-based line of the value (of the `{` that lacks a
    /// required property; of the point where a syntax error stopped parsing).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    /// Only when the input was text: 1-based column, in UTF-16 code units.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<u32>,
}

impl ToJson for Issue {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("severity", &self.severity)
            .field("code", &self.code)
            .field("path", &self.path)
            .field("message", &self.message)
            .field_if_some("line", &self.line)
            .field_if_some("column", &self.column)
            .end();
    }
}

impl Issue {
    pub fn error(code: Code, path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue { severity: Severity::Error, code, path: path.into(), message: message.into(), line: None, column: None }
    }

    pub fn warning(code: Code, path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue { severity: Severity::Warning, ..Issue::error(code, path, message) }
    }

    /// The pointer whose value start gives this issue's text position: the value itself,
    /// or for a missing property the object that lacks it.
    pub fn anchor_pointer(&self) -> &str {
        match self.code {
            Code::Required => crate::pointer::parent(&self.path),
            _ => &self.path,
        }
    }
}

/// Collects issues up to a cap, so that error collection stays linear and bounded.
#[derive(Debug)]
pub struct Sink {
    pub issues: Vec<Issue>,
    pub cap: usize,
    pub truncated: bool,
    /// An error was seen, kept or not: `valid` stays exact when the cap drops issues.
    pub saw_error: bool,
    /// `strict`: warnings that mean "not quite the vendor's schema" become errors.
    pub strict: bool,
}

impl Sink {
    pub fn new(cap: usize, strict: bool) -> Sink {
        Sink { issues: Vec::new(), cap, truncated: false, saw_error: false, strict }
    }

    pub fn push(&mut self, mut issue: Issue) {
        if self.strict && matches!(issue.code, Code::UnknownField | Code::LegacyValue | Code::DuplicateKey) {
            issue.severity = Severity::Error;
        }
        self.saw_error |= issue.severity == Severity::Error;
        if self.issues.len() >= self.cap {
            self.truncated = true;
            return;
        }
        self.issues.push(issue);
    }

    /// Nothing more can change the result: the cap is reached and validity is decided.
    pub fn full(&self) -> bool {
        self.truncated && self.saw_error
    }
}
