//! Which dialect a document is, scored from the dialects' own declarations.
//!
//! Each root a dialect accepts is scored against the document's top-level keys (0..1):
//!
//! - 0.3 × key share: the document's keys that the root declares, each weighted by how
//!   distinctive it is (1 / the number of dialects declaring it: `id` counts little,
//!   `engineID` counts fully), over the number of the document's keys;
//! - 0.2 × required share: the root's required keys present (a root with none uses the key share);
//! - 0.5 × state: 1 when the state property holds one of the dialect's state values,
//!   0.6 when it is present with another value (a typo in a state is still that dialect),
//!   0 when absent.
//!
//! A dialect scores its best root. `dialect: 'auto'` takes the best-scoring dialect when its
//! score reaches `THRESHOLD`; ties go to the dialect listed first in the registry
//! (`livepeer.task` before `livepeer.asset`). The confidence reported is the score lowered by
//! ambiguity: when the runner-up also holds one of its own state values and scores within
//! `MARGIN`, confidence = best × (0.5 + 0.5 × gap / MARGIN), so an exact tie halves it (a bare
//! Livepeer status with phase `waiting` or `failed` fits both Livepeer dialects equally).

use crate::dialects::{Dialect, Root, ALL};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The least score at which `dialect: 'auto'` accepts a dialect.
pub const THRESHOLD: f64 = 0.5;
/// Below this gap to the runner-up, a detection counts as ambiguous.
pub const MARGIN: f64 = 0.3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub dialect: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub dialect: Option<String>,
    pub confidence: f64,
    /// Every dialect with a score above zero, best first (raw scores, before the ambiguity rule).
    pub candidates: Vec<Candidate>,
}

/// How many dialects declare `key` at the top of one of their roots.
fn declared_by(key: &str) -> usize {
    ALL.iter().filter(|d| d.roots.iter().any(|r| r.object.field(key).is_some())).count()
}

/// A root's score, and whether the document holds one of the dialect's state values there.
fn score_root(dialect: &Dialect, root: &Root, value: &Value, doc: &Map<String, Value>) -> (f64, bool) {
    let weighted: f64 =
        doc.keys().filter(|k| root.object.field(k).is_some()).map(|k| 1.0 / declared_by(k).max(1) as f64).sum();
    let key_share = weighted / doc.len() as f64;
    let required: Vec<_> = root.object.fields.iter().filter(|f| f.required).collect();
    let required_share = if required.is_empty() {
        key_share
    } else {
        required.iter().filter(|f| doc.contains_key(f.name)).count() as f64 / required.len() as f64
    };
    let state = match value.pointer(root.state) {
        Some(Value::String(s)) if dialect.state_of(s).is_some() => 1.0,
        // SailPoint: `completionStatus: null` is the running state.
        Some(Value::Null) if dialect.accepts_null_state => 1.0,
        Some(_) => 0.6,
        None => 0.0,
    };
    (0.3 * key_share + 0.2 * required_share + 0.5 * state, state == 1.0)
}

/// The dialect's best root: its score (two decimals) and whether its state value matched.
pub fn score(dialect: &Dialect, value: &Value) -> (f64, bool) {
    let Value::Object(doc) = value else { return (0.0, false) };
    if doc.is_empty() {
        return (0.0, false);
    }
    let best = dialect.roots.iter().map(|r| score_root(dialect, r, value, doc)).fold((0.0, false), |a, b| {
        if b.0 > a.0 {
            b
        } else {
            a
        }
    });
    (round2(best.0), best.1)
}

/// Two decimals: confidences are for people and stable tests, not for arithmetic.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Ranks every dialect for a parsed document.
pub fn detect_value(value: &Value) -> Detection {
    let mut ranked: Vec<(usize, Candidate, bool)> = ALL
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (confidence, state_ok) = score(d, value);
            (i, Candidate { dialect: d.id.to_owned(), confidence }, state_ok)
        })
        .filter(|(_, c, _)| c.confidence > 0.0)
        .collect();
    ranked.sort_by(|(ia, a, _), (ib, b, _)| b.confidence.total_cmp(&a.confidence).then(ia.cmp(ib)));
    let best = ranked.first().map_or(0.0, |(_, c, _)| c.confidence);
    let rival = ranked.get(1).filter(|(_, _, state_ok)| *state_ok).map(|(_, c, _)| c.confidence);
    let confidence = match rival {
        Some(r) if best - r < MARGIN => round2(best * (0.5 + 0.5 * (best - r) / MARGIN)),
        _ => best,
    };
    let candidates: Vec<Candidate> = ranked.into_iter().map(|(_, c, _)| c).collect();
    let chosen = candidates.first().filter(|c| c.confidence >= THRESHOLD);
    Detection {
        dialect: chosen.map(|c| c.dialect.clone()),
        confidence: if chosen.is_some() { confidence } else { 0.0 },
        candidates,
    }
}
