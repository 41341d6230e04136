//! Livepeer Studio models shared by `livepeer.task` and `livepeer.asset`
//! (`api-schema.yaml`; facts: reference/dialects.md §1–2).
//!
//! The public schema says `additionalProperties: false` almost everywhere, but responses
//! carry database-only keys, so unknown keys are warnings (`strict` makes them errors).

use crate::declare::{
    field, one_of_values, required, Enum, Field, Format, Object, Shape, Unknown, FREE_OBJECT, STRING,
};

/// Why the known database-only keys appear on the wire.
pub const DB_ONLY: &str = "a database-only key that Livepeer responses can carry";

const fn obj(name: &'static str, doc: &'static str, fields: &'static [Field]) -> Object {
    Object::new(name, doc, fields, Unknown::Warn)
}

static PROFILE_PROFILE: Enum =
    one_of_values("TranscodeProfileProfile", &["H264Baseline", "H264Main", "H264High", "H264ConstrainedHigh"]);
static PROFILE_ENCODER: Enum = one_of_values("TranscodeProfileEncoder", &["H.264", "HEVC", "VP8", "VP9"]);

pub static TRANSCODE_PROFILE: Object = obj(
    "TranscodeProfile",
    "A rendition to transcode to.",
    &[
        field("width", Shape::Integer { min: Some(&128), max: None }, "Width in pixels."),
        field("name", Shape::StrLen { min: 1, max: 500 }, "Rendition name."),
        field("height", Shape::Integer { min: Some(&128), max: None }, "Height in pixels."),
        required("bitrate", Shape::Integer { min: Some(&400), max: None }, "Bitrate in bit/s."),
        field("quality", Shape::Integer { min: Some(&0), max: Some(&44) }, "Constant quality (0-44)."),
        field("fps", Shape::Integer { min: Some(&0), max: None }, "Frames per second."),
        field("fpsDen", Shape::Integer { min: Some(&1), max: None }, "Frame rate denominator."),
        field("gop", STRING, "Group of pictures."),
        field("profile", Shape::Enum(&PROFILE_PROFILE), "H.264 profile."),
        field("encoder", Shape::Enum(&PROFILE_ENCODER), "Codec."),
    ],
);
pub const PROFILES: Shape = Shape::Array(&Shape::Object(&TRANSCODE_PROFILE));

static NFT_TEMPLATE: Enum = one_of_values("NftMetadataTemplate", &["file", "player"]);

static PINATA_JWT: Object =
    obj("PinataJwt", "Pinata credentials: a JWT.", &[required("jwt", STRING, "Pinata JWT (write-only).")]);
static PINATA_KEY: Object = obj(
    "PinataApiKey",
    "Pinata credentials: an API key and secret.",
    &[required("apiKey", STRING, "Pinata API key."), required("apiSecret", STRING, "Pinata API secret (write-only).")],
);

pub static IPFS_EXPORT_PARAMS: Object = obj(
    "IpfsExportParams",
    "Where and how to export to IPFS.",
    &[
        field("nftMetadataTemplate", Shape::Enum(&NFT_TEMPLATE), "NFT metadata template (default `file`)."),
        field("nftMetadata", FREE_OBJECT, "Extra NFT metadata."),
        field(
            "pinata",
            Shape::OneOf(&[Shape::Object(&PINATA_JWT), Shape::Object(&PINATA_KEY)]),
            "Custom Pinata credentials.",
        ),
    ],
);

pub static ENCRYPTION: Object = obj(
    "Encryption",
    "Encryption of the input file.",
    &[required("encryptedKey", STRING, "The encrypted key (write-only).")],
);

static CREATOR_TYPE: Enum = one_of_values("CreatorIdType", &["unverified"]);

/// `creator-id`: the response form, only the object.
pub static CREATOR_ID: Object = obj(
    "CreatorId",
    "Who created the content.",
    &[
        required("type", Shape::Enum(&CREATOR_TYPE), "Always `unverified`."),
        required("value", STRING, "The creator id."),
    ],
);

/// `input-creator-id`: the object form, or a bare string.
pub const INPUT_CREATOR_ID: Shape = Shape::OneOf(&[Shape::Object(&CREATOR_ID), STRING]);

pub const HTTP_URL: Shape = Shape::Str(Format::HttpUri);

/// A `{ url }` object (`transcode-file` input and storage).
pub static URL_ONLY: Object = obj("UrlLocation", "A location given by URL.", &[field("url", STRING, "The URL.")]);
