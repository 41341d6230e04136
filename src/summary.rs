//! Summaries of one document or many: counts, progress, stalled tasks, failures, one line of text.

use crate::batch::{Batch, ByDialect, Consumer, InvalidItem, Stream};
use crate::dialects::Dialect;
use crate::json_out::{self, ToJson};
use crate::model::State;
use crate::node::TapeNode;
use crate::normalise::Normalised;
use crate::options::SummaryOptions;
use crate::prelude::*;
use crate::text::{append, text};
use crate::time::parse_rfc3339;
use crate::Input;
use serde::{Deserialize, Serialize};
#[cfg(not(target_arch = "wasm32"))]
use tsify::Tsify;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct ByState {
    pub queued: u64,
    pub running: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub cancelled: u64,
    pub unknown: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct Stalled {
    pub id: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId"))]
    pub dialect: String,
    pub updated_at: String,
    pub idle_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct Failure {
    pub id: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId"))]
    pub dialect: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct TaskLine {
    pub index: usize,
    pub id: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId"))]
    pub dialect: String,
    pub state: State,
    pub progress: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub eta_ms: Option<f64>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct Summary {
    pub total: u64,
    pub valid: u64,
    pub invalid: u64,
    pub by_state: ByState,
    /// Every dialect id, with zero for those not seen.
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "Record<DialectId, number>"))]
    pub by_dialect: ByDialect,
    pub progress: Option<f64>,
    pub stalled: Vec<Stalled>,
    pub failures: Vec<Failure>,
    pub invalid_items: Vec<InvalidItem>,
    pub tasks: Vec<TaskLine>,
    pub text: String,
}

impl ToJson for ByState {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("queued", &self.queued)
            .field("running", &self.running)
            .field("succeeded", &self.succeeded)
            .field("failed", &self.failed)
            .field("cancelled", &self.cancelled)
            .field("unknown", &self.unknown)
            .end();
    }
}

impl ToJson for Stalled {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("id", &self.id)
            .field("dialect", &self.dialect)
            .field("updatedAt", &self.updated_at)
            .field("idleMs", &self.idle_ms)
            .end();
    }
}

impl ToJson for Failure {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("id", &self.id)
            .field("dialect", &self.dialect)
            .field("message", &self.message)
            .end();
    }
}

impl ToJson for TaskLine {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("index", &self.index)
            .field("id", &self.id)
            .field("dialect", &self.dialect)
            .field("state", &self.state)
            .field("progress", &self.progress)
            .field_if_some("etaMs", &self.eta_ms)
            .field("text", &self.text)
            .end();
    }
}

impl ToJson for Summary {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("total", &self.total)
            .field("valid", &self.valid)
            .field("invalid", &self.invalid)
            .field("byState", &self.by_state)
            .field("byDialect", &self.by_dialect)
            .field("progress", &self.progress)
            .field("stalled", &self.stalled)
            .field("failures", &self.failures)
            .field("invalidItems", &self.invalid_items)
            .field("tasks", &self.tasks)
            .field("text", &self.text)
            .end();
    }
}

/// One document, an array of documents, JSON text or NDJSON text.
pub fn summarise(input: Input<'_>, options: &SummaryOptions) -> Summary {
    let mut batch = Batch::new(&options.validate);
    let mut acc = Accumulator::new(*options);
    batch.run(input, &mut acc);
    acc.summary.invalid_items = batch.invalid_items;
    acc.finish()
}

/// `createSummariser`: NDJSON in chunks, summarised as `summarise` would the whole text.
pub fn stream(options: SummaryOptions) -> Stream<Accumulator> {
    Stream::new(options.validate, Accumulator::new(options))
}

/// The summary of everything pushed to a `stream`.
pub fn finish(stream: Stream<Accumulator>) -> Summary {
    let (mut acc, invalid_items, _) = stream.finish();
    acc.summary.invalid_items = invalid_items;
    acc.finish()
}

/// Counts and lists documents as they are validated.
pub struct Accumulator {
    options: SummaryOptions,
    summary: Summary,
    progress_sum: f64,
    progress_count: u64,
}

impl Consumer for Accumulator {
    fn valid(&mut self, index: usize, dialect: &'static Dialect, doc: Option<TapeNode<'_>>) {
        self.add_valid(index, dialect, doc);
    }

    fn invalid(&mut self, _: usize) {
        self.summary.total += 1;
        self.summary.invalid += 1;
    }
}

impl Accumulator {
    fn new(options: SummaryOptions) -> Self {
        Accumulator {
            options,
            summary: Summary {
                total: 0,
                valid: 0,
                invalid: 0,
                by_state: ByState::default(),
                by_dialect: ByDialect::default(),
                progress: None,
                stalled: Vec::new(),
                failures: Vec::new(),
                invalid_items: Vec::new(),
                tasks: Vec::new(),
                text: String::new(),
            },
            progress_sum: 0.0,
            progress_count: 0,
        }
    }

    fn add_valid(&mut self, index: usize, dialect: &'static Dialect, doc: Option<TapeNode<'_>>) {
        let Some(doc) = doc else { return };
        let status = crate::normalise::normalise(dialect, doc);
        self.summary.total += 1;
        self.summary.valid += 1;
        let s = &mut self.summary;
        *match status.state {
            State::Queued => &mut s.by_state.queued,
            State::Running => &mut s.by_state.running,
            State::Succeeded => &mut s.by_state.succeeded,
            State::Failed => &mut s.by_state.failed,
            State::Cancelled => &mut s.by_state.cancelled,
            State::Unknown => &mut s.by_state.unknown,
        } += 1;
        s.by_dialect.bump(dialect);
        if let (false, Some(p)) = (status.terminal, status.progress) {
            self.progress_sum += p;
            self.progress_count += 1;
        }
        let now = self.options.now_ms;
        let updated_ms = status.updated_at.as_deref().and_then(parse_rfc3339).map(|ms| ms as f64);
        if let (false, Some(updated), Some(at)) = (status.terminal, updated_ms, status.updated_at.as_ref()) {
            let idle = now - updated;
            if idle > self.options.stalled_after_ms {
                s.stalled.push(Stalled {
                    id: status.id.clone(),
                    dialect: dialect.id.into(),
                    updated_at: at.clone(),
                    idle_ms: idle,
                });
            }
        }
        if status.state == State::Failed {
            let message = status
                .errors
                .first()
                .map(|e| e.message.clone())
                .or_else(|| status.source_state.as_ref().map(|s| text!("The task failed (", s, ").")))
                .unwrap_or_else(|| "The task failed.".to_owned());
            s.failures.push(Failure { id: status.id.clone(), dialect: dialect.id.into(), message });
        }
        if self.options.tasks {
            let eta_ms = eta(&status, now);
            let text = task_text(dialect, &status, updated_ms.map(|u| now - u));
            s.tasks.push(TaskLine {
                index,
                id: status.id,
                dialect: dialect.id.into(),
                state: status.state,
                progress: status.progress,
                eta_ms,
                text,
            });
        }
    }

    fn finish(mut self) -> Summary {
        if self.progress_count > 0 {
            self.summary.progress = Some(self.progress_sum / self.progress_count as f64);
        }
        self.summary.text = summary_text(&self.summary);
        self.summary
    }
}

/// Remaining time for a running task: elapsed × (1 − p) / p, where elapsed runs from
/// `startedAt` (else `createdAt`) to `now`. Omitted unless 0 < p < 1 and a start is known.
fn eta(status: &Normalised<'_>, now: f64) -> Option<f64> {
    let p = status.progress.filter(|p| *p > 0.0 && *p < 1.0)?;
    if status.state != State::Running {
        return None;
    }
    let start = status.started_at.as_deref().or(status.created_at.as_deref()).and_then(parse_rfc3339)? as f64;
    let elapsed = now - start;
    (elapsed > 0.0).then(|| crate::float::round(elapsed * (1.0 - p) / p))
}

/// A percentage that never claims 100 % before the end nor 0 % after the start.
pub fn percent(p: f64) -> u32 {
    let r = crate::float::round(p * 100.0);
    let r = if p < 1.0 { r.min(99.0) } else { r };
    let r = if p > 0.0 { r.max(1.0) } else { r };
    r.clamp(0.0, 100.0) as u32 // ok: clamped to 0..=100
}

/// "12 s", "5 min", "3 h", "2 d" (whole units, rounded down).
fn ago(ms: f64) -> String {
    let s = (ms / 1000.0).clamp(0.0, 1e15) as u64; // ok: clamped; float formatting stays out of the wasm
    match s {
        0..60 => text!(s, " s"),
        60..3_600 => text!(s / 60, " min"),
        3_600..172_800 => text!(s / 3_600, " h"),
        _ => text!(s / 86_400, " d"),
    }
}

fn short_id(id: &str) -> String {
    // Where the 9th and the 13th characters start, if there are that many.
    let mut starts = id.char_indices().map(|(at, _)| at);
    match (starts.nth(8), starts.nth(3)) {
        (Some(cut), Some(_)) => text!(id.get(..cut).unwrap_or(id), "…"),
        _ => id.to_owned(),
    }
}

/// `Flat audio-export 65ead1f0…: running 40% · Rendering audio · updated 12 s ago`
fn task_text(dialect: &Dialect, s: &Normalised<'_>, idle_ms: Option<f64>) -> String {
    let mut text = dialect.vendor.to_owned();
    if let Some(kind) = &s.kind {
        append!(&mut text, " ", kind);
    }
    match (&s.name, &s.id) {
        (Some(name), _) => append!(&mut text, " ", name),
        (None, Some(id)) => append!(&mut text, " ", short_id(id)),
        (None, None) => {}
    }
    append!(&mut text, ": ", s.state.as_str());
    if let (false, Some(p)) = (s.terminal, s.progress) {
        append!(&mut text, " ", percent(p), "%");
    }
    if let Some(t) = &s.progress_text {
        append!(&mut text, " · ", t);
    }
    if let Some(idle) = idle_ms {
        append!(&mut text, " · updated ", ago(idle), " ago");
    }
    text
}

/// `5 tasks: 2 running (avg 38%), 2 succeeded, 1 failed · 1 stalled`
fn summary_text(s: &Summary) -> String {
    let noun = if s.total == 1 { "task" } else { "tasks" };
    let mut text = text!(s.total, " ", noun);
    let mut separator = ": ";
    for state in State::ALL {
        let n = match state {
            State::Queued => s.by_state.queued,
            State::Running => s.by_state.running,
            State::Succeeded => s.by_state.succeeded,
            State::Failed => s.by_state.failed,
            State::Cancelled => s.by_state.cancelled,
            State::Unknown => s.by_state.unknown,
        };
        if n == 0 {
            continue;
        }
        append!(&mut text, separator, n, " ", state.as_str());
        separator = ", ";
        if let (State::Running, Some(p)) = (state, s.progress) {
            let avg = if n > 1 { "avg " } else { "" };
            append!(&mut text, " (", avg, percent(p), "%)");
        }
    }
    if !s.stalled.is_empty() {
        append!(&mut text, " · ", s.stalled.len(), " stalled");
    }
    if s.invalid > 0 {
        append!(&mut text, " · ", s.invalid, " invalid");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::short_id;

    #[test]
    fn ids_past_twelve_characters_keep_their_first_eight() {
        assert_eq!(short_id(""), "");
        assert_eq!(short_id("abcdefghijkl"), "abcdefghijkl");
        assert_eq!(short_id("abcdefghijklm"), "abcdefgh…");
        // Characters, not bytes: twelve two-byte characters stay whole, thirteen are cut.
        assert_eq!(short_id(&"é".repeat(12)), "é".repeat(12));
        assert_eq!(short_id(&"é".repeat(13)), format!("{}…", "é".repeat(8)));
        assert_eq!(short_id("😀😀😀😀😀😀😀😀😀😀😀😀😀"), "😀😀😀😀😀😀😀😀…");
    }
}
