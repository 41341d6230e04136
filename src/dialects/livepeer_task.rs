//! Livepeer Studio `Task` and `TaskStatus`. Facts: reference/dialects.md §1.

use super::livepeer::{DB_ONLY, ENCRYPTION, HTTP_URL, INPUT_CREATOR_ID, IPFS_EXPORT_PARAMS, PROFILES, URL_ONLY};
use super::livepeer_asset::ASSET;
use super::{Dialect, Root};
use crate::declare::{
    field, one_of_values, required, Doc, Enum, Field, Object, Shape, Unknown, BOOL, FREE_OBJECT, NUMBER, STRING,
};
use crate::model::State;
use crate::normalise::{Clock, NumberField, Read, TextField, TimeField};

const fn obj(name: &'static str, doc: &'static str, fields: &'static [Field]) -> Object {
    Object::new(name, doc, fields, Unknown::Warn)
}

/// British double-L `cancelled`.
static TASK_PHASE: Enum =
    one_of_values("TaskPhase", &["pending", "waiting", "running", "failed", "completed", "cancelled"]);
static TASK_TYPE: Enum = one_of_values("TaskType", &["upload", "export", "export-data", "transcode-file", "clip"]);

pub static TASK_STATUS: Object = obj(
    "TaskStatus",
    "Status of the task (read-only).",
    &[
        required("phase", Shape::Enum(&TASK_PHASE), "Phase of the task."),
        required("updatedAt", NUMBER, "When the status last changed (ms since the epoch)."),
        field("progress", NUMBER, "Progress as a 0-1 ratio."),
        field("errorMessage", STRING, "Why the task failed."),
        field("retries", NUMBER, "How many times the task was retried."),
        field("step", STRING, "Current step (write-only: not in responses)."),
    ],
);

static UPLOAD_PARAMS: Object = Object::new(
    "UploadTaskParams",
    "Parameters of an upload task.",
    &[
        field("url", STRING, "URL of the file to import."),
        field("encryption", Shape::Object(&ENCRYPTION), "Encryption of the file."),
        field("c2pa", BOOL, "Sign with C2PA."),
        field("profiles", PROFILES, "Transcode profiles."),
        field("targetSegmentSizeSecs", NUMBER, "Target segment size (s)."),
    ],
    Unknown::Warn,
)
.with_extras(&[("uploadedObjectKey", DB_ONLY), ("thumbnails", DB_ONLY), ("catalystPipelineStrategy", DB_ONLY)]);

static CUSTOM_EXPORT: Object = obj(
    "CustomExport",
    "Export to a URL of your own.",
    &[
        required("url", HTTP_URL, "Where to send the file (http or https)."),
        field("method", STRING, "HTTP method (default PUT)."),
        field("headers", Shape::Map(&STRING), "Headers to send."),
    ],
);
static EXPORT_CUSTOM: Object = obj(
    "ExportToCustom",
    "Export to a custom URL.",
    &[required("custom", Shape::Object(&CUSTOM_EXPORT), "The target.")],
);
static EXPORT_IPFS: Object =
    obj("ExportToIpfs", "Export to IPFS.", &[required("ipfs", Shape::Object(&IPFS_EXPORT_PARAMS), "IPFS settings.")]);
const EXPORT_PARAMS: Shape = Shape::OneOf(&[Shape::Object(&EXPORT_CUSTOM), Shape::Object(&EXPORT_IPFS)]);

static EXPORT_DATA_PARAMS: Object = obj(
    "ExportDataTaskParams",
    "Parameters of an export-data task.",
    &[
        required("content", FREE_OBJECT, "The data to export."),
        field("ipfs", Shape::Object(&IPFS_EXPORT_PARAMS), "IPFS settings."),
        field("type", STRING, "Content type, e.g. `text/plain`."),
        field("id", STRING, "Id of the content."),
    ],
);

static PATH_ONLY: Object = obj("OutputPath", "Where to write one output.", &[field("path", STRING, "Output path.")]);
static TRANSCODE_OUTPUTS: Object = obj(
    "TranscodeFileOutputs",
    "The outputs to write.",
    &[field("hls", Shape::Object(&PATH_ONLY), "HLS output."), field("mp4", Shape::Object(&PATH_ONLY), "MP4 output.")],
);
static TRANSCODE_FILE_PARAMS: Object = obj(
    "TranscodeFileTaskParams",
    "Parameters of a transcode-file task.",
    &[
        field("input", Shape::Object(&URL_ONLY), "The input file."),
        field("storage", Shape::Object(&URL_ONLY), "Object store for the outputs (e.g. s3+https://…)."),
        field("outputs", Shape::Object(&TRANSCODE_OUTPUTS), "Outputs."),
        field("profiles", PROFILES, "Transcode profiles."),
        field("targetSegmentSizeSecs", NUMBER, "Target segment size (s)."),
        field("creatorId", INPUT_CREATOR_ID, "Who created the content."),
        field("c2pa", BOOL, "Sign with C2PA."),
    ],
);

static CLIP_STRATEGY: Object = obj(
    "ClipStrategy",
    "Which part to clip.",
    &[
        field("startTime", NUMBER, "Start (ms)."),
        field("endTime", NUMBER, "End (ms)."),
        field("playbackId", STRING, "The stream or asset to clip."),
    ],
);
static PIPELINE_STRATEGY: Enum = one_of_values(
    "CatalystPipelineStrategy",
    &["catalyst", "catalyst_ffmpeg", "background_external", "background_mist", "fallback_external", "external"],
);
static CLIP_PARAMS: Object = obj(
    "ClipTaskParams",
    "Parameters of a clip task.",
    &[
        field("url", STRING, "Source URL."),
        field("clipStrategy", Shape::Object(&CLIP_STRATEGY), "What to clip."),
        field("catalystPipelineStrategy", Shape::Enum(&PIPELINE_STRATEGY), "Pipeline to use."),
        field("sessionId", STRING, "Session id."),
        field("inputId", STRING, "Input id."),
    ],
);

static PARAMS: Object = obj(
    "TaskParams",
    "Parameters of the task: at most one key, matching `type`.",
    &[
        field("upload", Shape::Object(&UPLOAD_PARAMS), "For `upload`."),
        field("export", EXPORT_PARAMS, "For `export`."),
        field("exportData", Shape::Object(&EXPORT_DATA_PARAMS), "For `export-data`."),
        field("transcode-file", Shape::Object(&TRANSCODE_FILE_PARAMS), "For `transcode-file` (kebab-case key)."),
        field("clip", Shape::Object(&CLIP_PARAMS), "For `clip`."),
    ],
);

static UPLOAD_OUTPUT: Object = Object::new(
    "UploadTaskOutput",
    "Output of an upload task (open: any extra keys are allowed).",
    &[
        field("videoFilePath", STRING, "Path of the video file (write-only)."),
        field("metadataFilePath", STRING, "Path of the metadata file (write-only)."),
        field("assetSpec", Shape::Object(&ASSET), "The asset that was made."),
    ],
    Unknown::Allow,
);
static EXPORT_IPFS_OUTPUT: Object = obj(
    "ExportTaskOutputIpfs",
    "Where the export landed on IPFS.",
    &[
        required("videoFileCid", STRING, "Content id of the video."),
        field("videoFileUrl", STRING, "ipfs:// URL of the video."),
        field("videoFileGatewayUrl", STRING, "Gateway URL of the video."),
        field("nftMetadataCid", STRING, "Content id of the NFT metadata."),
        field("nftMetadataUrl", STRING, "ipfs:// URL of the NFT metadata."),
        field("nftMetadataGatewayUrl", STRING, "Gateway URL of the NFT metadata."),
    ],
);
static EXPORT_OUTPUT: Object = obj(
    "ExportTaskOutput",
    "Output of an export task.",
    &[field("ipfs", Shape::Object(&EXPORT_IPFS_OUTPUT), "IPFS result.")],
);
static EXPORT_DATA_IPFS_OUTPUT: Object =
    obj("ExportDataTaskOutputIpfs", "Where the data landed on IPFS.", &[required("cid", STRING, "Content id.")]);
static EXPORT_DATA_OUTPUT: Object = obj(
    "ExportDataTaskOutput",
    "Output of an export-data task.",
    &[field("ipfs", Shape::Object(&EXPORT_DATA_IPFS_OUTPUT), "IPFS result.")],
);
static OUTPUT: Object = obj(
    "TaskOutput",
    "Output of the task (read-only).",
    &[
        field("upload", Shape::Object(&UPLOAD_OUTPUT), "For `upload`."),
        field("export", Shape::Object(&EXPORT_OUTPUT), "For `export`."),
        field("exportData", Shape::Object(&EXPORT_DATA_OUTPUT), "For `export-data`."),
    ],
);

pub static TASK: Object = Object::new(
    "Task",
    "A Livepeer Studio task: an upload, export, export-data, transcode-file or clip job.",
    &[
        field("id", STRING, "Task id."),
        field("type", Shape::Enum(&TASK_TYPE), "Task type."),
        field("createdAt", NUMBER, "When the task was created (ms)."),
        field("scheduledAt", NUMBER, "When the task was scheduled to run (ms)."),
        field("inputAssetId", STRING, "Input asset."),
        field("outputAssetId", STRING, "Output asset."),
        field("projectId", STRING, "Project (since 2024-08-28)."),
        field("requesterId", STRING, "hash(IP + SALT + PlaybackId)."),
        field("params", Shape::Object(&PARAMS), "Parameters of the task."),
        field("status", Shape::Object(&TASK_STATUS), "Status of the task."),
        field("output", Shape::Object(&OUTPUT), "Output of the task."),
    ],
    Unknown::Warn,
)
.with_extras(&[("userId", DB_ONLY)]);

pub static LIVEPEER_TASK: Dialect = Dialect {
    id: "livepeer.task",
    title: Doc::new("Livepeer Task"),
    vendor: "Livepeer",
    description: Doc::new(
        "A Livepeer Studio task (or its bare TaskStatus): upload, export, export-data, transcode-file or clip.",
    ),
    docs: Doc::new("https://docs.livepeer.org/api-reference/task/get"),
    roots: &[
        Root {
            object: &TASK,
            state: "/status/phase",
            reads: &[
                Read::Text(TextField::Id, &["id"]),
                Read::Text(TextField::Kind, &["type"]),
                Read::Number(NumberField::Progress, 1.0, &["status", "progress"]),
                Read::Time(TimeField::Created, Clock::EpochMs, &["createdAt"]),
                Read::Time(TimeField::Started, Clock::EpochMs, &["scheduledAt"]),
                Read::Time(TimeField::Updated, Clock::EpochMs, &["status", "updatedAt"]),
                Read::Number(NumberField::Retries, 1.0, &["status", "retries"]),
                Read::Text(TextField::Error, &["status", "errorMessage"]),
                Read::Result(&["output"]),
            ],
        },
        Root {
            object: &TASK_STATUS,
            state: "/phase",
            reads: &[
                Read::Number(NumberField::Progress, 1.0, &["progress"]),
                Read::Time(TimeField::Updated, Clock::EpochMs, &["updatedAt"]),
                Read::Number(NumberField::Retries, 1.0, &["retries"]),
                Read::Text(TextField::Error, &["errorMessage"]),
            ],
        },
    ],
    states: &[
        ("pending", State::Queued),
        ("waiting", State::Queued),
        ("running", State::Running),
        ("completed", State::Succeeded),
        ("failed", State::Failed),
        ("cancelled", State::Cancelled),
    ],
    accepts_null_state: false,
    state_any_case: false,
    mapping: Doc::new(&[
        ("id", "`id` (a bare TaskStatus has none)"),
        ("kind", "`type`"),
        ("progress", "`status.progress` (0-1)"),
        ("createdAt", "`createdAt` (ms)"),
        ("startedAt", "`scheduledAt` (ms)"),
        ("updatedAt", "`status.updatedAt` (ms)"),
        ("finishedAt", "`status.updatedAt` (terminal only)"),
        ("retries", "`status.retries`"),
        ("errors", "`status.errorMessage`"),
        ("result", "`output`"),
    ]),
    special: None,
};
