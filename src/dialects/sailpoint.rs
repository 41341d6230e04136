//! SailPoint Identity Security Cloud `TaskStatus` (beta / v2024–v2026 / task-management).
//! Facts: reference/dialects.md §3. Many fields are required but nullable.

use super::{Dialect, Root};
use crate::declare::{
    field, one_of_values, required, Doc, Enum, Field, Object, Shape, Unknown, DATE_TIME, FREE_OBJECT, INTEGER, STRING,
};
use crate::model::{ErrorEntry, Level, Message, State};
use crate::node::{Node, TapeNode, View};
use crate::normalise::{items, text, Clock, Copied, Normalised, NumberField, Read, Special, TextField, TimeField};
use crate::prelude::*;

const fn obj(name: &'static str, doc: &'static str, fields: &'static [Field]) -> Object {
    Object::new(name, doc, fields, Unknown::Warn)
}

const NULLABLE_STRING: Shape = Shape::Nullable(&STRING);
const NULLABLE_TIME: Shape = Shape::Nullable(&DATE_TIME);

static TARGET_TYPE: Enum = one_of_values("TargetType", &["APPLICATION", "IDENTITY"]);
static TARGET: Object = obj(
    "Target",
    "What the task ran against.",
    &[
        field("id", STRING, "Target id."),
        field("type", Shape::Nullable(&Shape::Enum(&TARGET_TYPE)), "`APPLICATION`, `IDENTITY` or null."),
        field("name", STRING, "Target name."),
    ],
);

static LOCALIZED_MESSAGE: Object = obj(
    "LocalizedMessage",
    "A message in one locale.",
    &[required("locale", STRING, "Locale tag, e.g. `en-US`."), required("message", STRING, "The text.")],
);

static MESSAGE_TYPE: Enum = one_of_values("TaskStatusMessageType", &["INFO", "WARN", "ERROR"]);
const PARAMETER: Shape = Shape::OneOf(&[FREE_OBJECT, STRING]);
static TASK_STATUS_MESSAGE: Object = obj(
    "TaskStatusMessage",
    "A message the task logged.",
    &[
        required("type", Shape::Enum(&MESSAGE_TYPE), "Severity."),
        required("localizedText", Shape::Nullable(&Shape::Object(&LOCALIZED_MESSAGE)), "The text, or null."),
        required("key", STRING, "Message key."),
        required(
            "parameters",
            Shape::Nullable(&Shape::Array(&PARAMETER)),
            "Message parameters (objects or strings), or null.",
        ),
    ],
);

static TASK_RETURN_DETAILS: Object = obj(
    "TaskReturnDetails",
    "A value the task returns, named and pointing into `attributes`.",
    &[
        required("name", STRING, "Display name of the return."),
        required("attributeName", STRING, "Which key of `attributes` holds the value."),
    ],
);

static TASK_DEFINITION_SUMMARY: Object = obj(
    "TaskDefinitionSummary",
    "The definition the task ran from.",
    &[
        required("id", STRING, "Definition id."),
        required("uniqueName", STRING, "Definition name."),
        required("description", NULLABLE_STRING, "Description, or null."),
        required("parentName", STRING, "Parent definition name."),
        required("executor", NULLABLE_STRING, "Executor class, or null."),
        required("arguments", FREE_OBJECT, "Definition arguments."),
    ],
);

static TASK_TYPE: Enum = one_of_values("TaskStatusType", &["QUARTZ", "QPOC", "QUEUED_TASK"]);

/// UPPER-case since 2024-06-25; the Title-case spellings came before and still appear in
/// the spec's own examples, so they are accepted as `legacy-value` warnings, in any case.
static COMPLETION_STATUS: Enum = Enum {
    name: Doc::new("CompletionStatus"),
    values: &["SUCCESS", "WARNING", "ERROR", "TERMINATED", "TEMPERROR"],
    case_insensitive: true,
    legacy: &[
        ("Success", "SUCCESS"),
        ("Warning", "WARNING"),
        ("Error", "ERROR"),
        ("Terminated", "TERMINATED"),
        ("TempError", "TEMPERROR"),
    ],
};

static TASK_STATUS: Object = obj(
    "TaskStatus",
    "The status of a SailPoint task.",
    &[
        required("id", STRING, "Task id."),
        required("type", Shape::Enum(&TASK_TYPE), "Task type."),
        required("uniqueName", STRING, "Task name."),
        required("description", STRING, "Task description."),
        required("parentName", NULLABLE_STRING, "Parent task name, or null."),
        required("launcher", STRING, "Who or what launched the task."),
        field("target", Shape::Nullable(&Shape::Object(&TARGET)), "What the task ran against, or null."),
        required("created", DATE_TIME, "When the task was created."),
        required("modified", NULLABLE_TIME, "When it was last modified, or null."),
        required("launched", NULLABLE_TIME, "When it was launched, or null."),
        required("completed", NULLABLE_TIME, "When it completed; null while running."),
        required(
            "completionStatus",
            Shape::Nullable(&Shape::Enum(&COMPLETION_STATUS)),
            "How it completed; null while running.",
        ),
        required("messages", Shape::Array(&Shape::Object(&TASK_STATUS_MESSAGE)), "Messages the task logged."),
        required("returns", Shape::Array(&Shape::Object(&TASK_RETURN_DETAILS)), "Values the task returns."),
        required("attributes", FREE_OBJECT, "Task attributes (a free map)."),
        required("progress", NULLABLE_STRING, "Progress text (not a number), or null."),
        required("percentComplete", INTEGER, "Percent complete (0-100)."),
        field("taskDefinitionSummary", Shape::Object(&TASK_DEFINITION_SUMMARY), "The definition it ran from."),
    ],
);

pub static SAILPOINT: Dialect = Dialect {
    id: "sailpoint.task-status",
    title: Doc::new("SailPoint TaskStatus"),
    vendor: "SailPoint",
    description: Doc::new(
        "The status of an Identity Security Cloud (IdentityNow) task, such as an account aggregation.",
    ),
    docs: Doc::new("https://developer.sailpoint.com/docs/api/beta/get-task-status"),
    roots: &[Root {
        object: &TASK_STATUS,
        state: "/completionStatus",
        reads: &[
            Read::Text(TextField::Id, &["id"]),
            Read::Text(TextField::Kind, &["type"]),
            Read::Text(TextField::Name, &["uniqueName"]),
            Read::Number(NumberField::Progress, 100.0, &["percentComplete"]),
            Read::Text(TextField::ProgressText, &["progress"]),
            Read::Time(TimeField::Created, Clock::Rfc3339, &["created"]),
            Read::Time(TimeField::Started, Clock::Rfc3339, &["launched"]),
            Read::Time(TimeField::Updated, Clock::Rfc3339, &["modified"]),
            Read::Time(TimeField::Completed, Clock::Rfc3339, &["completed"]),
        ],
    }],
    states: &[
        ("SUCCESS", State::Succeeded),
        ("WARNING", State::Succeeded),
        ("ERROR", State::Failed),
        ("TEMPERROR", State::Failed),
        ("TERMINATED", State::Cancelled),
    ],
    accepts_null_state: true,
    state_any_case: true,
    mapping: Doc::new(&[
        ("id", "`id`"),
        ("kind", "`type`"),
        ("name", "`uniqueName`"),
        ("progress", "`percentComplete` / 100"),
        ("progressText", "`progress`"),
        ("createdAt", "`created`"),
        ("startedAt", "`launched`"),
        ("updatedAt", "`modified`"),
        ("finishedAt", "`completed`, else `modified` (terminal only)"),
        ("errors", "messages of type ERROR: `localizedText.message`, else `key` (code: `key`)"),
        ("messages", "every message: INFO → info, WARN → warning, ERROR → error"),
        ("result", "`{ [name]: attributes[attributeName] }` for each of `returns`"),
    ]),
    special: Some(Special { keys: &["messages", "returns"], fill: special }),
};

/// What a path cannot say: the state while `completionStatus` is null, the messages and
/// errors, and the result that `returns` points to in `attributes`.
fn special<'a>(doc: TapeNode<'a>, status: &mut Normalised<'a>) {
    // `null` means not finished: queued until it is launched, then running.
    if status.source_state.is_none() {
        let launched = matches!(doc.get("launched").map(Node::view), Some(View::String(_)));
        status.state = if launched { State::Running } else { State::Queued };
    }
    for m in items(doc.get("messages")) {
        let key = text(m.get("key"));
        let Some(said) = text(m.get("localizedText").and_then(|l| l.get("message"))).or_else(|| key.clone()) else {
            continue;
        };
        let level = match text(m.get("type")).as_deref() {
            Some("ERROR") => Level::Error,
            Some("WARN") => Level::Warning,
            _ => Level::Info,
        };
        if level == Level::Error {
            status.errors.push(ErrorEntry { message: said.clone(), code: key.clone() });
        }
        status.messages.push(Message { level, text: said, code: key });
    }
    // Each return names a key of `attributes`: { [name]: attributes[attributeName] }. A name
    // twice keeps its first place and its last value, as in an object parsed from JSON.
    let attributes = doc.get("attributes");
    let result: Vec<(String, Copied<'a>)> = items(doc.get("returns"))
        .filter_map(|r| {
            let name = text(r.get("name"))?;
            let attribute = text(r.get("attributeName"))?;
            Some((name, attributes.and_then(|a| a.get(&attribute)).map_or(Copied::Null, Copied::Node)))
        })
        .collect();
    status.result = (!result.is_empty()).then_some(Copied::Object(result));
}
