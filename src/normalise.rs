//! Normalisation (DESIGN §2), driven by the dialects' declarations: each root lists where
//! its documents hold the model's fields (`Read`), a dialect's `Special` maps what a path
//! cannot say, and `normalise` applies the rules that hold for all of them.

use crate::dialects::{Dialect, Root};
use crate::json_out::{self, ToJson};
use crate::model::{ErrorEntry, Held, NormalisedStatus, State};
use crate::node::{Node, TapeNode, View};
use crate::prelude::*;
use crate::time::{format_rfc3339, parse_rfc3339};
use serde_json::{Map, Value};

/// A path of keys from the top level of a document.
pub type Path = &'static [&'static str];

/// One field of the model, read from one place of a root's documents. (The state's source
/// is the root's state pointer, so it is not listed.)
pub enum Read {
    /// A string, copied.
    Text(TextField, Path),
    /// A time, rendered as RFC 3339 in UTC with milliseconds.
    Time(TimeField, Clock, Path),
    /// A number, divided by `scale` (a percentage is 100).
    Number(NumberField, f64, Path),
    /// The task's output: any value, copied.
    Result(Path),
}

#[derive(Clone, Copy, Debug)]
pub enum TextField {
    Id,
    Kind,
    Name,
    ProgressText,
    /// An error message: one entry of `errors`.
    Error,
}

#[derive(Clone, Copy, Debug)]
pub enum TimeField {
    Created,
    Started,
    Updated,
    /// The source's own completion time; becomes `finishedAt` when terminal.
    Completed,
}

#[derive(Clone, Copy, Debug)]
pub enum NumberField {
    Progress,
    Retries,
}

/// How the source writes a time.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    /// An RFC 3339 string.
    Rfc3339,
    /// Epoch milliseconds (a JSON number, possibly fractional).
    EpochMs,
    /// An epoch integer of a unit the vendor does not state (Veritone): below 10^11 it is
    /// seconds (10^11 s is the year 5138), else milliseconds.
    Epoch,
}

/// What a dialect maps in code: `fill` sets more of the model after the reads (`state`
/// is the lookup of `sourceState` by then, `finishedAt` the source's completion time),
/// and `keys` are the top-level fields it reads, which stay out of `extra`.
#[derive(Clone, Copy)]
pub struct Special {
    pub keys: &'static [&'static str],
    pub fill: for<'a> fn(TapeNode<'a>, &mut Normalised<'a>),
}

/// The model as normalising fills it: the values it copies are the document's own, read
/// from its tape. The wasm writes them out as they are; the native API makes them `Value`s.
pub type Normalised<'a> = NormalisedStatus<Copied<'a>>;

/// A value the model copies from a document (`result`, `extra`).
#[derive(Clone)]
pub enum Copied<'a> {
    Null,
    /// A value of the document, as its tape holds it.
    Node(TapeNode<'a>),
    /// An object the normaliser puts together (SailPoint's `result`).
    Object(Vec<(String, Copied<'a>)>),
}

impl<'a> Held for Copied<'a> {
    type Members = Vec<(String, Copied<'a>)>;
}

impl ToJson for Copied<'_> {
    fn write_json(&self, out: &mut String) {
        match self {
            Copied::Null => out.push_str("null"),
            Copied::Node(node) => node.write_json(out),
            Copied::Object(members) => members.write_json(out),
        }
    }
}

/// Members written as an object, in order.
impl ToJson for Vec<(String, Copied<'_>)> {
    fn write_json(&self, out: &mut String) {
        json_out::members(out, self.iter().map(|(key, value)| (key, value)));
    }
}

impl Copied<'_> {
    /// The value as serde_json's `Value` (the native API).
    fn into_value(self) -> Value {
        match self {
            Copied::Null => Value::Null,
            Copied::Node(node) => node.value(),
            Copied::Object(members) => Value::Object(members_into_map(members)),
        }
    }
}

fn members_into_map(members: Vec<(String, Copied<'_>)>) -> Map<String, Value> {
    members.into_iter().map(|(k, v)| (k, v.into_value())).collect()
}

impl Normalised<'_> {
    /// The model with the values it copied made `Value`s: what the native API returns.
    pub fn into_values(self) -> NormalisedStatus {
        NormalisedStatus {
            dialect: self.dialect,
            id: self.id,
            kind: self.kind,
            name: self.name,
            state: self.state,
            terminal: self.terminal,
            source_state: self.source_state,
            progress: self.progress,
            progress_text: self.progress_text,
            created_at: self.created_at,
            started_at: self.started_at,
            updated_at: self.updated_at,
            finished_at: self.finished_at,
            retries: self.retries,
            errors: self.errors,
            messages: self.messages,
            result: self.result.map(Copied::into_value),
            children: self.children.into_iter().map(Normalised::into_values).collect(),
            extra: members_into_map(self.extra),
        }
    }
}

impl Read {
    /// The model field it sets, as the docs' mapping table names it.
    pub fn field_name(&self) -> &'static str {
        match self {
            Read::Text(TextField::Id, _) => "id",
            Read::Text(TextField::Kind, _) => "kind",
            Read::Text(TextField::Name, _) => "name",
            Read::Text(TextField::ProgressText, _) => "progressText",
            Read::Text(TextField::Error, _) => "errors",
            Read::Time(TimeField::Created, ..) => "createdAt",
            Read::Time(TimeField::Started, ..) => "startedAt",
            Read::Time(TimeField::Updated, ..) => "updatedAt",
            Read::Time(TimeField::Completed, ..) => "finishedAt",
            Read::Number(NumberField::Progress, ..) => "progress",
            Read::Number(NumberField::Retries, ..) => "retries",
            Read::Result(_) => "result",
        }
    }

    /// The path it reads.
    pub fn path(&self) -> Path {
        match self {
            Read::Text(_, path) | Read::Time(_, _, path) | Read::Number(_, _, path) | Read::Result(path) => path,
        }
    }

    /// The top-level key the read starts from.
    pub fn key(&self) -> Option<&'static str> {
        self.path().first().copied()
    }
}

/// The value at the path of `keys` in `doc`.
pub fn at<'a, 'k>(doc: TapeNode<'a>, keys: impl IntoIterator<Item = &'k str>) -> Option<TapeNode<'a>> {
    keys.into_iter().try_fold(doc, |node, key| node.get(key))
}

/// Normalises a document of `dialect` that validated without errors: the root's reads
/// and the dialect's `Special` fill the model, then the rules that hold for all dialects
/// (DESIGN §2) derive the rest.
pub fn normalise<'a>(dialect: &'static Dialect, doc: TapeNode<'a>) -> Normalised<'a> {
    let root = root_to_read(dialect, doc);
    let source_state = text(at(doc, root.state_keys()));
    let state = source_state.as_deref().and_then(|s| dialect.state_of(s.as_bytes())).unwrap_or(State::Unknown);
    let mut status = NormalisedStatus {
        dialect: dialect.id.to_owned(),
        id: None,
        kind: None,
        name: None,
        state,
        terminal: false,
        source_state,
        progress: None,
        progress_text: None,
        created_at: None,
        started_at: None,
        updated_at: None,
        // The source's own completion time until the rules below.
        finished_at: None,
        retries: None,
        errors: Vec::new(),
        messages: Vec::new(),
        result: None,
        children: Vec::new(),
        extra: Vec::new(),
    };
    for read in root.reads {
        read.into(&mut status, doc);
    }
    let special = dialect.special.as_ref();
    if let Some(special) = special {
        (special.fill)(doc, &mut status);
    }
    status.terminal = status.state.terminal();
    // Any scale the dialect's reads converted to 0..1, clamped.
    status.progress = status
        .progress
        .filter(|p| p.is_finite())
        .map(|p| p.clamp(0.0, 1.0))
        .or((status.state == State::Succeeded).then_some(1.0));
    status.finished_at =
        if status.terminal { status.finished_at.take().or_else(|| status.updated_at.clone()) } else { None };
    // The fields that the reads and `special` start from are not copied to `extra`.
    let state_key = root.state_keys().next();
    let keys = special.map_or(&[][..], |s| s.keys);
    let mapped = |k: &str| state_key == Some(k) || root.reads.iter().any(|r| r.key() == Some(k)) || keys.contains(&k);
    status.extra = doc.members().filter(|(k, _)| !mapped(k)).map(|(k, v)| (k.into_owned(), Copied::Node(v))).collect();
    status
}

/// The root a document is read as: the one whose state the document holds closest to its
/// top level (a Livepeer document with a top-level `phase` is a bare status, whatever else
/// it holds); if it holds none, the first.
fn root_to_read(dialect: &'static Dialect, doc: TapeNode<'_>) -> &'static Root {
    let held = dialect.roots.iter().filter(|r| at(doc, r.state_keys()).is_some());
    held.min_by_key(|r| r.state_keys().count()).or(dialect.roots.first()).unwrap_or(&crate::dialects::NO_ROOT)
}

impl Read {
    /// Sets the model's field from `doc`.
    fn into<'a>(&self, status: &mut Normalised<'a>, doc: TapeNode<'a>) {
        match self {
            Read::Text(field, path) => {
                let value = text(at(doc, path.iter().copied()));
                match field {
                    TextField::Id => status.id = value,
                    TextField::Kind => status.kind = value,
                    TextField::Name => status.name = value,
                    TextField::ProgressText => status.progress_text = value,
                    TextField::Error => status.errors.extend(value.map(ErrorEntry::new)),
                }
            }
            Read::Time(field, clock, path) => {
                *match field {
                    TimeField::Created => &mut status.created_at,
                    TimeField::Started => &mut status.started_at,
                    TimeField::Updated => &mut status.updated_at,
                    TimeField::Completed => &mut status.finished_at,
                } = time(at(doc, path.iter().copied()), *clock);
            }
            Read::Number(field, scale, path) => {
                *match field {
                    NumberField::Progress => &mut status.progress,
                    NumberField::Retries => &mut status.retries,
                } = number(at(doc, path.iter().copied())).map(|x| x / scale);
            }
            Read::Result(path) => status.result = at(doc, path.iter().copied()).map(Copied::Node),
        }
    }
}

impl ErrorEntry {
    pub fn new(message: impl Into<String>) -> ErrorEntry {
        ErrorEntry { message: message.into(), code: None }
    }
}

/// An owned copy of a string value.
pub fn text<'a, N: Node<'a>>(value: Option<N>) -> Option<String> {
    match value?.view() {
        View::String(s) => Some(s.into_owned()),
        _ => None,
    }
}

/// The items of an array value; none for anything else.
pub fn items<'a>(value: Option<TapeNode<'a>>) -> impl Iterator<Item = TapeNode<'a>> {
    value.into_iter().flat_map(Node::items)
}

/// A number value, as `f64`.
pub fn number<'a, N: Node<'a>>(value: Option<N>) -> Option<f64> {
    match value?.view() {
        View::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// A time as the source writes it, rendered as RFC 3339 in UTC with milliseconds.
fn time(value: Option<TapeNode<'_>>, clock: Clock) -> Option<String> {
    let ms = match clock {
        Clock::Rfc3339 => return text(value).and_then(parse_rfc3339).and_then(format_rfc3339),
        Clock::EpochMs => number(value)?,
        Clock::Epoch => number(value).map(|x| if x.abs() < 1e11 { x * 1000.0 } else { x })?,
    };
    let ms = Some(ms).filter(|x| x.is_finite() && x.abs() < 1e15)?;
    format_rfc3339(crate::float::floor(ms) as i64) // ok: |ms| < 1e15 fits i64
}
