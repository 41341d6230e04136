//! The shared half of normalisation: each dialect fills a `Draft` from its own
//! fields, and `finish` applies the rules that hold for all of them (DESIGN §2).

use crate::dialects::Dialect;
use crate::model::{ErrorEntry, Message, NormalisedStatus, State};
use crate::time::{format_rfc3339, parse_rfc3339};
use serde_json::{Map, Value};

/// What a dialect's mapping knows; `finish` derives the rest.
#[derive(Debug, Default)]
pub struct Draft {
    pub id: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    /// Set when the state is not a plain lookup of `source_state` (SailPoint's `null`).
    pub state: Option<State>,
    pub source_state: Option<String>,
    /// Any scale the dialect converted to 0..1; clamped here.
    pub progress: Option<f64>,
    pub progress_text: Option<String>,
    pub created_at: Option<String>,
    pub started_at: Option<String>,
    pub updated_at: Option<String>,
    /// The source's own completion time; becomes `finishedAt` when terminal.
    pub completed_at: Option<String>,
    pub retries: Option<f64>,
    pub errors: Vec<ErrorEntry>,
    pub messages: Vec<Message>,
    pub result: Option<Value>,
    pub children: Vec<NormalisedStatus>,
}

impl Draft {
    /// Applies the common rules; `mapped` names the source fields that are not copied to `extra`.
    pub fn finish(self, dialect: &Dialect, doc: &Map<String, Value>, mapped: &[&str]) -> NormalisedStatus {
        let state = self
            .state
            .or_else(|| self.source_state.as_deref().and_then(|s| dialect.state_of(s.as_bytes())))
            .unwrap_or(State::Unknown);
        let terminal = state.terminal();
        let progress = self
            .progress
            .filter(|p| p.is_finite())
            .map(|p| p.clamp(0.0, 1.0))
            .or((state == State::Succeeded).then_some(1.0));
        let finished_at = if terminal { self.completed_at.or_else(|| self.updated_at.clone()) } else { None };
        let extra =
            doc.iter().filter(|(k, _)| !mapped.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
        NormalisedStatus {
            dialect: dialect.id.to_owned(),
            id: self.id,
            kind: self.kind,
            name: self.name,
            state,
            terminal,
            source_state: self.source_state,
            progress,
            progress_text: self.progress_text,
            created_at: self.created_at,
            started_at: self.started_at,
            updated_at: self.updated_at,
            finished_at,
            retries: self.retries,
            errors: self.errors,
            messages: self.messages,
            result: self.result,
            children: self.children,
            extra,
        }
    }
}

impl ErrorEntry {
    pub fn new(message: impl Into<String>) -> ErrorEntry {
        ErrorEntry { message: message.into(), code: None }
    }
}

/// An owned copy of a string value.
pub fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

/// An RFC 3339 string at `key`, re-rendered as UTC with milliseconds.
pub fn rfc3339_at(doc: &Map<String, Value>, key: &str) -> Option<String> {
    doc.get(key).and_then(Value::as_str).and_then(parse_rfc3339).and_then(format_rfc3339)
}

/// Epoch milliseconds (a JSON number, possibly fractional) as RFC 3339.
pub fn ms_time(value: Option<&Value>) -> Option<String> {
    let ms = value.and_then(Value::as_f64).filter(|x| x.is_finite() && x.abs() < 1e15)?;
    format_rfc3339(ms.floor() as i64) // ok: |ms| < 1e15 fits i64
}

/// An epoch integer whose unit the vendor does not state (Veritone): below 10^11 it is
/// seconds (10^11 s is the year 5138), else milliseconds.
pub fn epoch_time(value: Option<&Value>) -> Option<String> {
    let x = value.and_then(Value::as_f64).filter(|x| x.is_finite())?;
    ms_time(Some(&Value::from(if x.abs() < 1e11 { x * 1000.0 } else { x })))
}
