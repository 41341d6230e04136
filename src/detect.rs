//! Which dialect a document is, scored from the dialects' own declarations.
//!
//! Score of a dialect for a document (0..1):
//!   0.4 × (share of the document's top-level keys that the dialect declares)
//! + 0.3 × (share of the dialect's required keys that are present)
//! + 0.3 × (1 if the state property holds one of the dialect's state values, else 0)
//!
//! The best score wins when it reaches `THRESHOLD`; ties go to the dialect listed first
//! in the registry (a stable order, so the answer never flips between runs).

use crate::dialects::{Dialect, ALL};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The least confidence at which `dialect: 'auto'` accepts a dialect.
pub const THRESHOLD: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub dialect: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub dialect: Option<String>,
    pub confidence: f64,
    /// Every dialect with a score above zero, best first.
    pub candidates: Vec<Candidate>,
}

pub fn score(dialect: &Dialect, doc: &Map<String, Value>) -> f64 {
    if doc.is_empty() {
        return 0.0;
    }
    let root = dialect.root;
    let known = doc.keys().filter(|k| root.field(k).is_some()).count();
    let required: Vec<_> = root.fields.iter().filter(|f| f.required).collect();
    let present = required.iter().filter(|f| doc.contains_key(f.name)).count();
    let required_share = if required.is_empty() {
        1.0
    } else {
        present as f64 / required.len() as f64
    };
    let state_ok = doc
        .get(dialect.state_field)
        .and_then(Value::as_str)
        .is_some_and(|s| dialect.state_of(s).is_some());
    let raw = 0.4 * (known as f64 / doc.len() as f64)
        + 0.3 * required_share
        + if state_ok { 0.3 } else { 0.0 };
    // Two decimals: confidences are for people and stable tests, not for arithmetic.
    (raw * 100.0).round() / 100.0
}

/// Ranks every dialect for a parsed document.
pub fn detect_value(value: &Value) -> Detection {
    let Value::Object(doc) = value else {
        return Detection {
            dialect: None,
            confidence: 0.0,
            candidates: Vec::new(),
        };
    };
    let mut candidates: Vec<(usize, Candidate)> = ALL
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                i,
                Candidate {
                    dialect: d.id.to_owned(),
                    confidence: score(d, doc),
                },
            )
        })
        .filter(|(_, c)| c.confidence > 0.0)
        .collect();
    candidates.sort_by(|(ia, a), (ib, b)| b.confidence.total_cmp(&a.confidence).then(ia.cmp(ib)));
    let candidates: Vec<Candidate> = candidates.into_iter().map(|(_, c)| c).collect();
    let best = candidates.first().filter(|c| c.confidence >= THRESHOLD);
    Detection {
        dialect: best.map(|c| c.dialect.clone()),
        confidence: best.map_or(0.0, |c| c.confidence),
        candidates,
    }
}
