//! Flat.io `Task` (API 2.24.0). Facts: reference/dialects.md §5.

use super::{Dialect, Root};
use crate::declare::{field, required, Doc, Enum, Object, Shape, Unknown, DATE_TIME, NUMBER, STRING};
use crate::model::{ErrorEntry, State};
use crate::node::{Node, TapeNode, View};
use crate::normalise::{
    at, items, normalise, text, Clock, Normalised, NumberField, Read, Special, TextField, TimeField,
};

static STATE: Enum = Enum {
    name: Doc::new("TaskState"),
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
    title: Doc::new("Flat.io Task"),
    vendor: "Flat",
    description: Doc::new(
        "An asynchronous task of the Flat.io music notation API (audio export, score save, OMR import).",
    ),
    docs: Doc::new("https://flat.io/developers/api/reference/#tag/Task"),
    roots: &[Root {
        object: &TASK,
        state: "/state",
        reads: &[
            Read::Text(TextField::Id, &["id"]),
            Read::Text(TextField::Kind, &["type"]),
            Read::Number(NumberField::Progress, 100.0, &["progress", "percent"]),
            Read::Text(TextField::ProgressText, &["progress", "text"]),
            Read::Time(TimeField::Created, Clock::Rfc3339, &["creationDate"]),
            Read::Time(TimeField::Updated, Clock::Rfc3339, &["modificationDate"]),
            Read::Time(TimeField::Completed, Clock::Rfc3339, &["doneDate"]),
            Read::Result(&["result"]),
        ],
    }],
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
    special: Some(Special { keys: &["errorHistory", "children"], fill: special }),
};

/// What a path cannot say: the errors come from two fields, and each child is a Task.
fn special<'a>(doc: TapeNode<'a>, status: &mut Normalised<'a>) {
    status.errors.extend(text(at(doc, ["result", "error"])).map(ErrorEntry::new));
    status.errors.extend(items(doc.get("errorHistory")).filter_map(|e| text(Some(e))).map(ErrorEntry::new));
    let children = items(doc.get("children")).filter(|child| matches!(child.view(), View::Object(_)));
    status.children = children.map(|child| normalise(&FLAT, child)).collect();
}
