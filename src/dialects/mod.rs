//! The registry of dialects. Adding a dialect means one file here and one line in `ALL`.

use crate::declare::Object;
use crate::model::{NormalisedStatus, State};
use serde_json::{Map, Value};

mod flat;

/// Everything the library knows about one vendor's task status document.
pub struct Dialect {
    pub id: &'static str,
    pub title: &'static str,
    pub vendor: &'static str,
    pub description: &'static str,
    /// Where the vendor documents the model.
    pub docs: &'static str,
    /// The document's declaration: drives validation, detection, JSON Schema and docs.
    pub root: &'static Object,
    /// The property of the root that holds the vendor's state value.
    pub state_field: &'static str,
    /// The vendor's state values and the lifecycle state each one means (DESIGN §2).
    pub states: &'static [(&'static str, State)],
    /// Maps a document that validated without errors to the lifecycle model.
    pub normalise: fn(&Map<String, Value>) -> NormalisedStatus,
}

pub static ALL: &[&Dialect] = &[&flat::FLAT];

/// Every dialect id, in registry order (`DialectId` in the JSON Schema of the normalised model).
pub static IDS: &[&str] = &["flat.task"];

pub fn by_id(id: &str) -> Option<&'static Dialect> {
    ALL.iter().copied().find(|d| d.id == id)
}

impl Dialect {
    /// The lifecycle state a vendor state value means, if the table knows it.
    pub fn state_of(&self, raw: &str) -> Option<State> {
        self.states.iter().find(|(v, _)| *v == raw).map(|(_, s)| *s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_the_registry() {
        let ids: Vec<&str> = ALL.iter().map(|d| d.id).collect();
        assert_eq!(ids, IDS);
    }
}
