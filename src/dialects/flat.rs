//! Flat.io `Task` (API 2.24.0). Facts: reference/dialects.md §5.

use super::{Dialect, Root};
use crate::declare::{field, required, Doc, Enum, Object, Shape, Unknown, DATE_TIME, NUMBER, STRING};
use crate::model::{ErrorEntry, NormalisedStatus, State};
use crate::normalise::{rfc3339_at, text, Draft};
use serde_json::{Map, Value};

static STATE: Enum = Enum {
    name: "TaskState",
    // `blocked` since 2.22.0; single-L "canceled".
    values: &["created", "blocked", "doing", "done", "canceled", "error"],
    case_insensitive: false,
    legacy: &[],
};

static PROGRESS: Object = Object::new(
    "TaskProgress",
    "How far the task has got.",
    &[
        field("percent", NUMBER, "Percent of the task progression (0-100 by naming; the spec states no range)."),
        field("text", STRING, "Human-readable progress text."),
    ],
    Unknown::Warn,
);

static RESULT: Object = Object::new(
    "TaskResult",
    "What the worker returned.",
    &[
        field("url", STRING, "URL returned by the worker (e.g. the exported file)."),
        field("error", STRING, "Error returned by the worker."),
    ],
    Unknown::Warn,
);

static TASK_SHAPE: Shape = Shape::Object(&TASK);

static TASK: Object = Object::new(
    "Task",
    "An asynchronous Flat task: an audio export, a score save or an OMR import.",
    &[
        required("id", STRING, "Unique task id."),
        field("type", STRING, "Task type: `audio-export`, `score-save`, `import-omr` (open set)."),
        required("state", Shape::Enum(&STATE), "Task state."),
        field("format", STRING, "File format, e.g. `mp3`, `wav`."),
        field("score", STRING, "Score id, for score-related tasks."),
        field("revision", STRING, "Score revision id (2.22.0+)."),
        field("progress", Shape::Object(&PROGRESS), "Progress of the task."),
        field("creationDate", DATE_TIME, "When the task was created."),
        field("modificationDate", DATE_TIME, "When the task was last modified."),
        field("doneDate", DATE_TIME, "When the task finished."),
        field("result", Shape::Object(&RESULT), "The task's result."),
        field("errorHistory", Shape::Array(&STRING), "Error identifiers."),
        field("isCancellable", Shape::Bool, "True only while `state` is `created` (2.22.0+)."),
        field("children", Shape::Array(&TASK_SHAPE), "Sub-tasks, e.g. conversion subtasks (2.22.0+)."),
    ],
    Unknown::Warn,
);

pub static FLAT: Dialect = Dialect {
    id: "flat.task",
    title: "Flat.io Task",
    vendor: "Flat",
    description: "An asynchronous task of the Flat.io music notation API (audio export, score save, OMR import).",
    docs: "https://flat.io/developers/api/reference/#tag/Task",
    roots: &[Root { object: &TASK, state: "/state" }],
    states: &[
        ("created", State::Queued),
        ("blocked", State::Queued),
        ("doing", State::Running),
        ("done", State::Succeeded),
        ("error", State::Failed),
        ("canceled", State::Cancelled),
    ],
    accepts_null_state: false,
    state_any_case: false,
    mapping: Doc::new(&[
        ("id", "`id`"),
        ("kind", "`type`"),
        ("progress", "`progress.percent` / 100"),
        ("progressText", "`progress.text`"),
        ("createdAt", "`creationDate`"),
        ("updatedAt", "`modificationDate`"),
        ("finishedAt", "`doneDate`, else `modificationDate` (terminal only)"),
        ("errors", "`result.error`, then each `errorHistory` entry"),
        ("result", "`result`"),
        ("children", "each of `children`, normalised the same way"),
    ]),
    normalise,
};

/// The Flat fields that `normalise` maps; the rest go to `extra` unchanged.
const MAPPED: &[&str] = &[
    "id",
    "type",
    "state",
    "progress",
    "creationDate",
    "modificationDate",
    "doneDate",
    "result",
    "errorHistory",
    "children",
];

fn normalise(doc: &Map<String, Value>) -> NormalisedStatus {
    let progress = doc.get("progress");
    let mut errors: Vec<ErrorEntry> =
        text(doc.get("result").and_then(|r| r.get("error"))).map(ErrorEntry::new).into_iter().collect();
    if let Some(Value::Array(history)) = doc.get("errorHistory") {
        errors.extend(history.iter().filter_map(Value::as_str).map(ErrorEntry::new));
    }
    let children = match doc.get("children") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).map(normalise).collect(),
        _ => Vec::new(),
    };
    Draft {
        id: text(doc.get("id")),
        kind: text(doc.get("type")),
        source_state: text(doc.get("state")),
        progress: progress.and_then(|p| p.get("percent")).and_then(Value::as_f64).map(|p| p / 100.0),
        progress_text: text(progress.and_then(|p| p.get("text"))),
        created_at: rfc3339_at(doc, "creationDate"),
        updated_at: rfc3339_at(doc, "modificationDate"),
        completed_at: rfc3339_at(doc, "doneDate"),
        errors,
        result: doc.get("result").cloned(),
        children,
        ..Draft::default()
    }
    .finish(&FLAT, doc, MAPPED)
}
