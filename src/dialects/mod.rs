//! The registry of dialects. Adding a dialect means one file here and one line in `ALL`.

use crate::declare::{Doc, Object, Unknown};
use crate::model::State;
use crate::normalise::{Read, Special};
use crate::prelude::*;

mod flat;
mod livepeer;
mod livepeer_asset;
mod livepeer_task;
mod sailpoint;
mod veritone;

/// Everything the library knows about one vendor's task status document.
pub struct Dialect {
    pub id: &'static str,
    pub title: Doc,
    /// Also in the summary's task lines, so not a `Doc`.
    pub vendor: &'static str,
    pub description: Doc,
    /// Where the vendor documents the model.
    pub docs: Doc,
    /// The document's declaration: drives validation, detection, JSON Schema and docs.
    /// Some dialects accept more than one document (a whole Livepeer Task or a bare
    /// TaskStatus); see `root_for` for which one a document is checked against.
    pub roots: &'static [Root],
    /// The vendor's state values and the lifecycle state each one means (DESIGN §2).
    pub states: &'static [(&'static str, State)],
    /// A `null` state value is a state too (SailPoint: still running).
    pub accepts_null_state: bool,
    /// State values match in any letter case (SailPoint).
    pub state_any_case: bool,
    /// Where each normalised field comes from, in words, for the generated docs (the
    /// behaviour is the roots' `reads` and `special`, pinned by the fixtures; a test checks
    /// that these words name each read's path).
    pub mapping: Doc<&'static [(&'static str, &'static str)]>,
    /// What normalisation maps in code, beyond the roots' reads.
    pub special: Option<Special>,
}

/// One kind of document a dialect accepts.
pub struct Root {
    pub object: &'static Object,
    /// JSON Pointer to the vendor's state value in this document (`/status/phase`).
    pub state: &'static str,
    /// Where normalisation finds the model's fields in this document.
    pub reads: &'static [Read],
}

impl Root {
    /// The keys of the state pointer (it holds no `~` escapes: a test below checks).
    pub fn state_keys(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.state.strip_prefix('/').unwrap_or(self.state).split('/')
    }

    /// This root's fields that no other root of `dialect` declares: a document holding any
    /// of them is this kind of document.
    pub fn signature(&self, dialect: &Dialect) -> impl Iterator<Item = &'static str> + '_ {
        let others: Vec<&Root> = dialect.roots.iter().filter(|r| !core::ptr::eq(*r, self)).collect();
        self.object.fields.iter().map(|f| f.name).filter(move |n| others.iter().all(|r| r.object.field(n).is_none()))
    }
}

/// How many dialects there are.
pub const COUNT: usize = 5;

pub static ALL: &[&Dialect; COUNT] = &[
    &livepeer_task::LIVEPEER_TASK,
    &livepeer_asset::LIVEPEER_ASSET,
    &sailpoint::SAILPOINT,
    &veritone::VERITONE,
    &flat::FLAT,
];

/// Never used: every dialect declares at least one root (a test checks), but `root_for`
/// must return something without a panic.
pub(crate) static NO_ROOT: Root = Root { object: &EMPTY, state: "", reads: &[] };
static EMPTY: Object = Object::new("Document", "", &[], Unknown::Warn);

/// Every dialect id, in registry order (`DialectId` in the JSON Schema of the normalised model).
pub static IDS: &[&str] =
    &["livepeer.task", "livepeer.asset", "sailpoint.task-status", "veritone.task-status-detail", "flat.task"];

pub fn by_id(id: &str) -> Option<&'static Dialect> {
    // `bytes::same`, not `==`: five inlined comparisons were 1.8 KB of wasm.
    ALL.iter().copied().find(|d| crate::bytes::same(d.id.as_bytes(), id.as_bytes()))
}

/// A dialect's place in the registry (its index in `ALL` and `IDS`).
pub fn index_of(dialect: &Dialect) -> Option<usize> {
    ALL.iter().position(|d| core::ptr::eq(*d, dialect))
}

impl Dialect {
    /// The root a document is checked against: the first that the document holds a
    /// signature key of (`status` for a Task, `phase` for a bare TaskStatus); otherwise the
    /// first root. `schema.rs` states the same rule in JSON Schema.
    pub fn root_for<'k>(&self, keys: impl Iterator<Item = &'k [u8]> + Clone) -> &'static Root {
        let only_in = |r: &Root, k: &[u8]| {
            r.object.declares(k) && self.roots.iter().all(|o| core::ptr::eq(o, r) || !o.object.declares(k))
        };
        if self.roots.len() > 1 {
            if let Some(r) = self.roots.iter().find(|r| keys.clone().any(|k| only_in(r, k))) {
                return r;
            }
        }
        self.roots.first().unwrap_or(&NO_ROOT)
    }

    /// The lifecycle state a vendor state value means, if the table knows it.
    pub fn state_of(&self, raw: &[u8]) -> Option<State> {
        let same = |v: &&(&str, State)| {
            if self.state_any_case {
                v.0.as_bytes().eq_ignore_ascii_case(raw)
            } else {
                crate::bytes::same(v.0.as_bytes(), raw)
            }
        };
        self.states.iter().find(same).map(|(_, s)| *s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_pointers_are_plain_paths() {
        // Detection splits them on `/` without unescaping (`detect::index`).
        for d in ALL {
            for r in d.roots {
                assert!(r.state.starts_with('/') && !r.state.contains('~'), "{}: {}", d.id, r.state);
                // Detection scores a root without any of its keys as 0 without looking the
                // state up (`detect::score_root`): the state's first key must be declared.
                let first = r.state_keys().next().unwrap_or("");
                assert!(r.object.field(first).is_some(), "{}: {} is not a field of {}", d.id, r.state, r.object.name);
            }
        }
    }

    // The docs' words are not compiled for the wasm (`declare::Doc`).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_mapping_docs_name_what_each_read_reads() {
        use crate::normalise::{Clock, Read};
        for d in ALL {
            let rows = d.mapping.text();
            for (i, root) in d.roots.iter().enumerate() {
                for read in root.reads {
                    let name = read.field_name();
                    let row = rows.iter().find(|(to, _)| *to == name);
                    assert!(row.is_some(), "{}: no `{name}` row in the mapping docs", d.id);
                    let words = row.map_or("", |(_, words)| *words);
                    // The first root's paths whole; the others' (a bare status) are the ends
                    // of those paths (`progress` is `status.progress` in a whole Task).
                    let path = read.path().join(".");
                    let named = if i == 0 { format!("`{path}`") } else { format!("{path}`") };
                    assert!(words.contains(&named), "{} {name}: {words:?} does not name {named}", d.id);
                    // The unit, said in the first root's words exactly when the read converts.
                    let said = |unit: &str| i == 0 && words.contains(unit);
                    let units_agree = match read {
                        Read::Number(_, scale, _) => said("/ 100") == (*scale == 100.0),
                        Read::Time(_, clock, _) if i == 0 => {
                            said("(ms)") == matches!(clock, Clock::EpochMs)
                                && said("seconds, else milliseconds") == matches!(clock, Clock::Epoch)
                        }
                        _ => true,
                    };
                    assert!(units_agree, "{} {name}: {words:?} says another unit than the read", d.id);
                }
            }
        }
    }

    #[test]
    fn ids_match_the_registry() {
        let ids: Vec<&str> = ALL.iter().map(|d| d.id).collect();
        assert_eq!(ids, IDS);
        assert!(ALL.iter().all(|d| !d.roots.is_empty()));
    }
}
