//! Veritone aiWARE Edge `TaskStatusDetail` (Edge API 3.20). Facts: reference/dialects.md §4.
//! Wire names end in upper-case `ID` (`engineID`, not `engineId`); nothing is required.

use super::{Dialect, Root};
use crate::declare::{
    field, one_of_values, Doc, Enum, Field, Object, Shape, Unknown, ANY, BOOL, DATE_TIME, FREE_OBJECT, INTEGER, STRING,
    UUID,
};
use crate::model::{ErrorEntry, State};
use crate::node::{Node, TapeNode};
use crate::normalise::{text, Clock, Normalised, Read, Special, TextField, TimeField};
use crate::prelude::*;
use crate::tape;

const fn obj(name: &'static str, doc: &'static str, fields: &'static [Field]) -> Object {
    Object::new(name, doc, fields, Unknown::Warn)
}

static CREATE_TDO_DETAIL: Object = obj(
    "CreateTDODetail",
    "Details for creating a TDO in a createJob.",
    &[
        field("description", STRING, "TDO description."),
        field("isPublic", BOOL, "Whether the TDO is public."),
        field("name", STRING, "TDO name."),
        field("startDateTime", DATE_TIME, "Start of the media."),
        field("stopDateTime", DATE_TIME, "End of the media."),
    ],
);

static CREATE_JOBS_ACTION: Object = obj(
    "CreateJobsAction",
    "A job the engine asks the controller to create.",
    &[
        field("baseInternalJobID", STRING, "Internal job id to clone from."),
        field("createTDODetail", Shape::Object(&CREATE_TDO_DETAIL), "How to create the TDO."),
        field("noTDO", BOOL, "Do not create a TDO."),
        field("payloadJSON", Shape::JsonText(&ANY), "The job payload, as JSON text (`format: json`)."),
        field("token", STRING, "Token used to create the job."),
    ],
);

static TASK_IO_STATUS: Object = Object::new(
    "TaskIOStatus",
    "Counts for one input or output (open: extra keys are allowed).",
    &[
        field("id", UUID, "Input or output id."),
        field("processedCount", INTEGER, "Processed since the last update."),
        field("processedTotalCount", INTEGER, "Processed since the task started."),
    ],
    Unknown::Allow,
);

static TASK_PROCESSED_STATS: Object = obj(
    "TaskProcessedStats",
    "Work done since the last update.",
    &[
        field("processedBytes", INTEGER, "Bytes."),
        field("processedCPUMilliseconds", INTEGER, "CPU milliseconds."),
        field("processedCPUSeconds", INTEGER, "CPU seconds."),
        field("processedChunks", INTEGER, "Chunks."),
        field("processedMediaSeconds", INTEGER, "Media seconds."),
    ],
);

/// One entry of the JSON text in `errorDetails`: `[{"id":"xxx", "msg":"xxx"}]`.
static ERROR_DETAIL: Object = obj(
    "ErrorDetail",
    "One error in `errorDetails`.",
    &[field("id", STRING, "Error id."), field("msg", STRING, "Error message.")],
);

static JOB_STATUS: Enum = one_of_values(
    "JobStatusEnum",
    &["scheduled", "pending", "queued", "running", "complete", "aborted", "failed", "rejected", "reprocessing"],
);
static FAILURE_REASON: Enum = one_of_values(
    "FailureReasonEnum",
    &[
        "internal_error",
        "unknown",
        "connection",
        "rate_limited",
        "unauthorized",
        "api",
        "resources",
        "not_found",
        "core_api",
        "bad_data",
        "scheduling",
        "none",
    ],
);
static TASK_ACTION: Enum =
    one_of_values("TaskActionEnum", &["completeJob", "createJobs", "completeAndCreateJobs", "updateStatus"]);

static TASK_STATUS_DETAIL: Object = obj(
    "TaskStatusDetail",
    "A task's status, sent by an engine instance as a heartbeat (counts are deltas since the last one).",
    &[
        field("createJobsAction", Shape::Array(&Shape::Object(&CREATE_JOBS_ACTION)), "Jobs to create."),
        field("engineID", UUID, "The engine."),
        field("errorCount", INTEGER, "Errors since the last error update."),
        field(
            "errorDetails",
            Shape::JsonText(&Shape::Array(&Shape::Object(&ERROR_DETAIL))),
            "JSON text of an array of `{id, msg}` objects.",
        ),
        field("failureReason", Shape::Enum(&FAILURE_REASON), "Why it failed (when `taskStatus` is `failed`)."),
        field("inputs", Shape::Array(&Shape::Object(&TASK_IO_STATUS)), "Input counts."),
        field("internalJobID", UUID, "The job."),
        field("internalTaskID", UUID, "The task."),
        field("outputs", Shape::Array(&Shape::Object(&TASK_IO_STATUS)), "Output counts."),
        field("priorTimestamp", INTEGER, "Time of the last status update or start of the task (unit not stated)."),
        field("processedStats", Shape::Object(&TASK_PROCESSED_STATS), "Work done."),
        field("retryCount", INTEGER, "Retries since the last status update."),
        field("taskAction", Shape::Enum(&TASK_ACTION), "What the engine asks the controller to do."),
        field("taskOutput", FREE_OBJECT, "The task's output, at the end of a batch."),
        field("taskRouteID", STRING, "Task route of this work item."),
        field("taskStatus", Shape::Enum(&JOB_STATUS), "Task status (`complete`, not `completed`)."),
        field("timestamp", INTEGER, "Time of this update (unit not stated)."),
        field("workRequestID", UUID, "The work request."),
    ],
);

pub static VERITONE: Dialect = Dialect {
    id: "veritone.task-status-detail",
    title: Doc::new("Veritone TaskStatusDetail"),
    vendor: "Veritone",
    description: Doc::new("A task status that an aiWARE Edge engine instance reports to its controller."),
    docs: Doc::new("https://docs.veritone.com/#/apis/edge/"),
    roots: &[Root {
        object: &TASK_STATUS_DETAIL,
        state: "/taskStatus",
        reads: &[
            Read::Text(TextField::Id, &["internalTaskID"]),
            Read::Time(TimeField::Updated, Clock::Epoch, &["timestamp"]),
            Read::Result(&["taskOutput"]),
        ],
    }],
    states: &[
        ("scheduled", State::Queued),
        ("pending", State::Queued),
        ("queued", State::Queued),
        ("running", State::Running),
        ("reprocessing", State::Running),
        ("complete", State::Succeeded),
        ("failed", State::Failed),
        ("rejected", State::Failed),
        ("aborted", State::Cancelled),
    ],
    accepts_null_state: false,
    state_any_case: false,
    mapping: Doc::new(&[
        ("id", "`internalTaskID`"),
        ("updatedAt", "`timestamp` (below 10^11: seconds, else milliseconds)"),
        ("finishedAt", "`timestamp` (terminal only)"),
        ("errors", "`errorDetails` (JSON text: each `{id, msg}` → `{code: id, message: msg}`), else `failureReason` when failed"),
        ("result", "`taskOutput`"),
    ]),
    special: Some(Special { keys: &["errorDetails"], fill: special }),
};

/// What a path cannot say: `errorDetails` is JSON text, and `failureReason` speaks only
/// for a failed task without details.
fn special<'a>(doc: TapeNode<'a>, status: &mut Normalised<'a>) {
    let details = text(doc.get("errorDetails")).map(|t| error_details(&t)).unwrap_or_default();
    let failed = status.state == State::Failed;
    status.errors = if details.is_empty() && failed {
        text(doc.get("failureReason")).map(|r| ErrorEntry { message: r.clone(), code: Some(r) }).into_iter().collect()
    } else {
        details
    };
}

/// The entries of `errorDetails`, JSON text of an array of `{ id, msg }`. Validation has
/// checked the text, so the entries that read are used.
fn error_details(json: &str) -> Vec<ErrorEntry> {
    tape::with(json.as_bytes(), |tape| {
        let Some(tape) = tape else { return Vec::new() };
        // `get` takes a repeated key's last value whatever `repeats` says.
        let list = TapeNode { text: json, tape, at: 0, repeats: false };
        list.items()
            .filter_map(|e| {
                let code = text(e.get("id"));
                let message = text(e.get("msg")).or_else(|| code.clone())?;
                Some(ErrorEntry { message, code })
            })
            .collect()
    })
}
