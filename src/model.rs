//! The one lifecycle model every dialect normalises to, and its declaration
//! (which `jsonSchema('normalised')` is generated from).

use crate::declare::{field, required, Doc, Enum, Object, Shape, Unknown, DATE_TIME, STRING};
use crate::json_out::{self, ToJson};
use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
#[cfg(not(target_arch = "wasm32"))]
use tsify::Tsify;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum State {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Unknown,
}

impl State {
    pub const ALL: [State; 6] =
        [State::Queued, State::Running, State::Succeeded, State::Failed, State::Cancelled, State::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Running => "running",
            State::Succeeded => "succeeded",
            State::Failed => "failed",
            State::Cancelled => "cancelled",
            State::Unknown => "unknown",
        }
    }

    pub fn terminal(self) -> bool {
        matches!(self, State::Succeeded | State::Failed | State::Cancelled)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct ErrorEntry {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct Message {
    pub level: Level,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
}

/// How the model holds the values it copies from a document unchanged (`result`, `extra`):
/// for the native API serde_json's `Value`s; while normalising, the document's own tokens
/// (`normalise::Copied`), which the wasm writes out as they are, so that it builds no value.
pub trait Held {
    /// The members of `extra`.
    type Members;
}

impl Held for Value {
    type Members = Map<String, Value>;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(bound(
    serialize = "J: Serialize, J::Members: Serialize",
    deserialize = "J: Deserialize<'de>, J::Members: Deserialize<'de>"
))]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct NormalisedStatus<J: Held = Value> {
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId"))]
    pub dialect: String,
    pub id: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub state: State,
    pub terminal: bool,
    pub source_state: Option<String>,
    pub progress: Option<f64>,
    pub progress_text: Option<String>,
    pub created_at: Option<String>,
    pub started_at: Option<String>,
    pub updated_at: Option<String>,
    pub finished_at: Option<String>,
    pub retries: Option<f64>,
    pub errors: Vec<ErrorEntry>,
    pub messages: Vec<Message>,
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "Record<string, unknown> | null"))]
    pub result: Option<J>,
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "NormalisedStatus[]"))]
    pub children: Vec<NormalisedStatus<J>>,
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "Record<string, unknown>"))]
    pub extra: J::Members,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl ToJson for State {
    fn write_json(&self, out: &mut String) {
        json_out::string(out, self.as_str());
    }
}

impl ToJson for Level {
    fn write_json(&self, out: &mut String) {
        json_out::string(out, self.as_str());
    }
}

impl ToJson for ErrorEntry {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out).field("message", &self.message).field_if_some("code", &self.code).end();
    }
}

impl ToJson for Message {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("level", &self.level)
            .field("text", &self.text)
            .field_if_some("code", &self.code)
            .end();
    }
}

impl<J: Held + ToJson> ToJson for NormalisedStatus<J>
where
    J::Members: ToJson,
{
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("dialect", &self.dialect)
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("state", &self.state)
            .field("terminal", &self.terminal)
            .field("sourceState", &self.source_state)
            .field("progress", &self.progress)
            .field("progressText", &self.progress_text)
            .field("createdAt", &self.created_at)
            .field("startedAt", &self.started_at)
            .field("updatedAt", &self.updated_at)
            .field("finishedAt", &self.finished_at)
            .field("retries", &self.retries)
            .field("errors", &self.errors)
            .field("messages", &self.messages)
            .field("result", &self.result)
            .field("children", &self.children)
            .field("extra", &self.extra)
            .end();
    }
}

static STATE: Enum = Enum {
    name: Doc::new("State"),
    values: &["queued", "running", "succeeded", "failed", "cancelled", "unknown"],
    case_insensitive: false,
    legacy: &[],
};
static LEVEL: Enum =
    Enum { name: Doc::new("Level"), values: &["info", "warning", "error"], case_insensitive: false, legacy: &[] };
static DIALECT_ID: Enum =
    Enum { name: Doc::new("DialectId"), values: crate::dialects::IDS, case_insensitive: false, legacy: &[] };

static ERROR_ENTRY: Object = Object::new(
    "ErrorEntry",
    "An error the source reports.",
    &[required("message", STRING, "What went wrong."), field("code", STRING, "The source's error code.")],
    Unknown::Warn,
);
static MESSAGE: Object = Object::new(
    "Message",
    "A message the source attaches to the task.",
    &[
        required("level", Shape::Enum(&LEVEL), "How serious it is."),
        required("text", STRING, "The message text."),
        field("code", STRING, "The source's message key."),
    ],
    Unknown::Warn,
);
const NULLABLE_STRING: Shape = Shape::Nullable(&STRING);
const NULLABLE_TIME: Shape = Shape::Nullable(&DATE_TIME);
static PROGRESS: Shape = Shape::Number { min: Some(&0.0), max: Some(&1.0) };
static RETRIES: Shape = Shape::Number { min: Some(&0.0), max: None };
static RESULT: Shape = Shape::Map(&Shape::Any);
static NORMALISED_SHAPE: Shape = Shape::Object(&NORMALISED);

/// The declaration of `NormalisedStatus`, mirrored field for field.
pub static NORMALISED: Object = Object::new(
    "NormalisedStatus",
    "A task status from any dialect, in one lifecycle model.",
    &[
        required("dialect", Shape::Enum(&DIALECT_ID), "The dialect the document was read as."),
        required("id", NULLABLE_STRING, "The source's task id."),
        required("kind", NULLABLE_STRING, "The source's task type."),
        required("name", NULLABLE_STRING, "A human name, when the source has one."),
        required("state", Shape::Enum(&STATE), "Where the task is in its lifecycle."),
        required("terminal", Shape::Bool, "True when succeeded, failed or cancelled."),
        required("sourceState", NULLABLE_STRING, "The raw value that decided `state`."),
        required("progress", Shape::Nullable(&PROGRESS), "Progress from 0 to 1, or null when unknown."),
        required("progressText", NULLABLE_STRING, "The source's progress text."),
        required("createdAt", NULLABLE_TIME, "When the task was created (UTC, milliseconds)."),
        required("startedAt", NULLABLE_TIME, "When the task started."),
        required("updatedAt", NULLABLE_TIME, "When the task was last updated."),
        required("finishedAt", NULLABLE_TIME, "When the task ended; set only when terminal."),
        required("retries", Shape::Nullable(&RETRIES), "How many times the task was retried."),
        required("errors", Shape::Array(&Shape::Object(&ERROR_ENTRY)), "Errors the source reports."),
        required("messages", Shape::Array(&Shape::Object(&MESSAGE)), "Messages the source attaches."),
        required("result", Shape::Nullable(&RESULT), "The task's output, when the source has one."),
        required("children", Shape::Array(&NORMALISED_SHAPE), "Sub-tasks, normalised the same way."),
        required("extra", Shape::Map(&Shape::Any), "Source fields not mapped above, unchanged."),
    ],
    Unknown::Warn,
);
