//! Livepeer Studio `Asset` and `AssetStatus`. Facts: reference/dialects.md §2.

use super::livepeer::{CREATOR_ID, DB_ONLY, ENCRYPTION, PROFILES};
use super::{Dialect, Root};
use crate::declare::{
    field, one_of_values, required, Doc, Enum, Field, Object, Shape, Unknown, BOOL, FREE_OBJECT, NUMBER, STRING,
};
use crate::model::State;
use crate::normalise::{Clock, NumberField, Read, TextField, TimeField};

const fn obj(name: &'static str, doc: &'static str, fields: &'static [Field]) -> Object {
    Object::new(name, doc, fields, Unknown::Warn)
}

/// `deleting`/`deleted` since 2024-04-18.
static ASSET_PHASE: Enum =
    one_of_values("AssetPhase", &["uploading", "waiting", "processing", "ready", "failed", "deleting", "deleted"]);

pub static ASSET_STATUS: Object = obj(
    "AssetStatus",
    "Status of the asset (read-only).",
    &[
        required("phase", Shape::Enum(&ASSET_PHASE), "Phase of the asset."),
        required("updatedAt", NUMBER, "When the status last changed (ms since the epoch)."),
        field("progress", NUMBER, "Progress of the task creating this asset (0-1)."),
        field("errorMessage", STRING, "Why the asset failed."),
    ],
);

static ASSET_TYPE: Enum = one_of_values("AssetType", &["video", "audio"]);
static POLICY_TYPE: Enum = one_of_values("PlaybackPolicyType", &["public", "jwt", "webhook"]);
static PLAYBACK_POLICY: Object = obj(
    "PlaybackPolicy",
    "Whether playback needs a signed JWT or a webhook.",
    &[
        required("type", Shape::Enum(&POLICY_TYPE), "Policy type."),
        field("webhookId", STRING, "Webhook that decides access."),
        field("webhookContext", FREE_OBJECT, "Context passed to the webhook."),
        field("refreshInterval", NUMBER, "Seconds between webhook checks (default 600)."),
        field("allowedOrigins", Shape::Array(&STRING), "Origins allowed to play."),
    ],
);

static SOURCE_URL_TYPE: Enum = one_of_values("SourceUrlType", &["url"]);
static SOURCE_RECORDING_TYPE: Enum = one_of_values("SourceRecordingType", &["recording"]);
static SOURCE_OTHER_TYPE: Enum = one_of_values("SourceOtherType", &["directUpload", "clip"]);
static SOURCE_URL: Object = obj(
    "SourceUrl",
    "An asset imported from a URL.",
    &[
        required("type", Shape::Enum(&SOURCE_URL_TYPE), "Always `url`."),
        required("url", STRING, "Where the file was imported from."),
        field("gatewayUrl", STRING, "Gateway URL, for IPFS and Arweave sources."),
        field("encryption", Shape::Object(&ENCRYPTION), "Encryption of the input."),
    ],
);
static SOURCE_RECORDING: Object = obj(
    "SourceRecording",
    "An asset made from a livestream recording.",
    &[
        required("type", Shape::Enum(&SOURCE_RECORDING_TYPE), "Always `recording`."),
        required("sessionId", STRING, "The recorded session."),
    ],
);
static SOURCE_OTHER: Object = obj(
    "SourceDirectUploadOrClip",
    "An asset uploaded directly, or clipped from another.",
    &[
        required("type", Shape::Enum(&SOURCE_OTHER_TYPE), "`directUpload` or `clip`."),
        field("encryption", Shape::Object(&ENCRYPTION), "Encryption of the input."),
        field("sourceId", STRING, "Source of the clip."),
        field("sessionId", STRING, "Session of the clip."),
        field("playbackId", STRING, "Playback id of the clipped stream or asset."),
        field("requesterId", STRING, "Who asked for the clip."),
        field("assetId", STRING, "The clipped asset."),
    ],
);

static NFT_TEMPLATE: Enum = one_of_values("IpfsSpecNftMetadataTemplate", &["file", "player"]);
static IPFS_SPEC: Object = obj(
    "IpfsSpec",
    "How the asset is exported to IPFS.",
    &[
        field("nftMetadataTemplate", Shape::Enum(&NFT_TEMPLATE), "NFT metadata template."),
        field("nftMetadata", FREE_OBJECT, "Extra NFT metadata."),
    ],
);
static IPFS_FILE_INFO: Object = obj(
    "IpfsFileInfo",
    "A file on IPFS.",
    &[
        required("cid", STRING, "Content id."),
        field("url", STRING, "ipfs:// URL."),
        field("gatewayUrl", STRING, "Gateway URL."),
    ],
);
static STORAGE_IPFS: Object = obj(
    "AssetStorageIpfs",
    "The asset's IPFS storage.",
    &[
        field("spec", Shape::Object(&IPFS_SPEC), "Export settings."),
        field("cid", STRING, "Content id of the video file."),
        field("url", STRING, "ipfs:// URL of the video file."),
        field("gatewayUrl", STRING, "Gateway URL of the video file."),
        field("nftMetadata", Shape::Object(&IPFS_FILE_INFO), "The NFT metadata file."),
        field("updatedAt", NUMBER, "When the IPFS storage changed (ms)."),
    ],
);
static STORAGE_PHASE: Enum =
    one_of_values("StorageStatusPhase", &["waiting", "processing", "ready", "failed", "reverted"]);
static STORAGE_TASKS: Object = obj(
    "StorageStatusTasks",
    "The storage tasks.",
    &[
        field("pending", STRING, "The pending task."),
        field("last", STRING, "The last task."),
        field("failed", STRING, "The last failed task."),
    ],
);
static STORAGE_STATUS: Object = obj(
    "StorageStatus",
    "Status of the asset's storage.",
    &[
        required("phase", Shape::Enum(&STORAGE_PHASE), "Storage phase."),
        field("progress", NUMBER, "Progress (0-1)."),
        field("errorMessage", STRING, "Why storage failed."),
        required("tasks", Shape::Object(&STORAGE_TASKS), "Storage task ids."),
    ],
);
static STORAGE: Object = obj(
    "AssetStorage",
    "Where the asset is stored besides Livepeer.",
    &[
        field("ipfs", Shape::Object(&STORAGE_IPFS), "IPFS storage."),
        field("status", Shape::Object(&STORAGE_STATUS), "Storage status."),
    ],
);
static HASH: Object = obj(
    "AssetHash",
    "A hash of the file.",
    &[field("hash", STRING, "The hash value."), field("algorithm", STRING, "The algorithm, e.g. `sha256`.")],
);
static TRACK_TYPE: Enum = one_of_values("TrackType", &["video", "audio"]);
static TRACK: Object = obj(
    "VideoSpecTrack",
    "A track of the file.",
    &[
        required("type", Shape::Enum(&TRACK_TYPE), "Track type."),
        required("codec", STRING, "Codec."),
        field("startTime", NUMBER, "Start time (s)."),
        field("duration", NUMBER, "Duration (s)."),
        field("bitrate", NUMBER, "Bitrate (bit/s)."),
        field("width", NUMBER, "Width (video)."),
        field("height", NUMBER, "Height (video)."),
        field("pixelFormat", STRING, "Pixel format (video)."),
        field("fps", NUMBER, "Frame rate (video)."),
        field("channels", NUMBER, "Channels (audio)."),
        field("sampleRate", NUMBER, "Sample rate (audio)."),
        field("bitDepth", NUMBER, "Bit depth (audio)."),
    ],
);
static VIDEO_SPEC: Object = obj(
    "VideoSpec",
    "What the file holds (read-only).",
    &[
        field("format", STRING, "Container format."),
        field("duration", NUMBER, "Duration (s)."),
        field("bitrate", NUMBER, "Bitrate (bit/s)."),
        field("tracks", Shape::Array(&Shape::Object(&TRACK)), "Tracks."),
    ],
);

pub static ASSET: Object = Object::new(
    "Asset",
    "A Livepeer Studio asset: a video or audio file and its processing status.",
    &[
        required("id", STRING, "Asset id."),
        field("type", Shape::Enum(&ASSET_TYPE), "`video` or `audio`."),
        field("playbackId", STRING, "Playback id."),
        field("userId", STRING, "Owner (deprecated)."),
        field("staticMp4", BOOL, "Whether to make MP4 renditions (write-only)."),
        field("playbackUrl", STRING, "Playback URL."),
        field("downloadUrl", STRING, "Download URL."),
        field("playbackPolicy", Shape::Nullable(&Shape::Object(&PLAYBACK_POLICY)), "Who may play the asset."),
        required(
            "source",
            Shape::OneOf(&[Shape::Object(&SOURCE_URL), Shape::Object(&SOURCE_RECORDING), Shape::Object(&SOURCE_OTHER)]),
            "Where the asset came from.",
        ),
        field("creatorId", Shape::Object(&CREATOR_ID), "Who created it."),
        field("profiles", PROFILES, "Transcode profiles."),
        field("storage", Shape::Object(&STORAGE), "Storage besides Livepeer."),
        field("status", Shape::Object(&ASSET_STATUS), "Status of the asset."),
        required("name", STRING, "Asset name."),
        field("projectId", STRING, "Project id."),
        field("createdAt", NUMBER, "When the asset was created (ms)."),
        field("createdByTokenName", STRING, "API token that created it."),
        field("size", NUMBER, "Size in bytes."),
        field("hash", Shape::Nullable(&Shape::Array(&Shape::Object(&HASH))), "Hashes of the file."),
        field("videoSpec", Shape::Object(&VIDEO_SPEC), "What the file holds."),
    ],
    Unknown::Warn,
)
.with_extras(&[("deleted", DB_ONLY)]);

pub static LIVEPEER_ASSET: Dialect = Dialect {
    id: "livepeer.asset",
    title: Doc::new("Livepeer Asset"),
    vendor: "Livepeer",
    description: Doc::new(
        "A Livepeer Studio asset (or its bare AssetStatus): an uploaded or imported video being processed.",
    ),
    docs: Doc::new("https://docs.livepeer.org/api-reference/asset/get"),
    roots: &[
        Root {
            object: &ASSET,
            state: "/status/phase",
            reads: &[
                Read::Text(TextField::Id, &["id"]),
                Read::Text(TextField::Kind, &["type"]),
                Read::Text(TextField::Name, &["name"]),
                Read::Number(NumberField::Progress, 1.0, &["status", "progress"]),
                Read::Time(TimeField::Created, Clock::EpochMs, &["createdAt"]),
                Read::Time(TimeField::Updated, Clock::EpochMs, &["status", "updatedAt"]),
                Read::Text(TextField::Error, &["status", "errorMessage"]),
            ],
        },
        Root {
            object: &ASSET_STATUS,
            state: "/phase",
            reads: &[
                Read::Number(NumberField::Progress, 1.0, &["progress"]),
                Read::Time(TimeField::Updated, Clock::EpochMs, &["updatedAt"]),
                Read::Text(TextField::Error, &["errorMessage"]),
            ],
        },
    ],
    states: &[
        ("waiting", State::Queued),
        ("uploading", State::Running),
        ("processing", State::Running),
        ("deleting", State::Running),
        ("ready", State::Succeeded),
        ("failed", State::Failed),
        ("deleted", State::Cancelled),
    ],
    accepts_null_state: false,
    state_any_case: false,
    mapping: Doc::new(&[
        ("id", "`id` (a bare AssetStatus has none)"),
        ("kind", "`type` (`video`, `audio`)"),
        ("name", "`name`"),
        ("progress", "`status.progress` (0-1)"),
        ("createdAt", "`createdAt` (ms)"),
        ("updatedAt", "`status.updatedAt` (ms)"),
        ("finishedAt", "`status.updatedAt` (terminal only)"),
        ("errors", "`status.errorMessage`"),
    ]),
    special: None,
};
