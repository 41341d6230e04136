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

use crate::declare::{Object, Shape};
use crate::dialects::{self, Dialect, Root, ALL};
use crate::global::{global, Once, TryWith};
use crate::json_out::{self, ToJson};
use crate::keyset::KeySet;
use crate::order::{descending, from_descending, sort_keyed};
use crate::prelude::*;
use alloc::borrow::Cow;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
#[cfg(not(target_arch = "wasm32"))]
use tsify::Tsify;

/// The least score at which `dialect: 'auto'` accepts a dialect.
pub const THRESHOLD: f64 = 0.5;
/// Below this gap to the runner-up, a detection counts as ambiguous.
pub const MARGIN: f64 = 0.3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct Candidate {
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId"))]
    pub dialect: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[cfg_attr(not(target_arch = "wasm32"), tsify(missing_as_null))]
pub struct Detection {
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "DialectId | null"))]
    pub dialect: Option<String>,
    pub confidence: f64,
    /// Every dialect with a score above zero, best first (raw scores, before the ambiguity rule).
    pub candidates: Vec<Candidate>,
}

impl ToJson for Candidate {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out).field("dialect", &self.dialect).field("confidence", &self.confidence).end();
    }
}

impl ToJson for Detection {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("dialect", &self.dialect)
            .field("confidence", &self.confidence)
            .field("candidates", &self.candidates)
            .end();
    }
}

/// What detection reads of a document: its top-level keys and the values at state pointers.
/// Implemented for parsed values here and for the fast path's tape (`scan::Top`), which
/// reads bytes: keys and state values are bytes (UTF-8) for both.
pub trait TopLevel {
    fn key_count(&self) -> usize;
    fn keys(&self) -> impl Iterator<Item = &[u8]>;
    /// The value at the pointer whose (unescaped) segments are `path`.
    fn state_at(&self, path: &[&str]) -> StateValue<'_>;
    /// `sequence_hash` of the keys.
    fn sequence_hash(&self) -> (u64, usize) {
        sequence_hash(self.keys())
    }
}

/// The value at a state pointer, as far as detection cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateValue<'a> {
    Missing,
    Null,
    /// Decoded: a state written with escapes is still that state.
    Str(Cow<'a, [u8]>),
    Other,
}

impl TopLevel for Map<String, Value> {
    fn key_count(&self) -> usize {
        self.len()
    }
    fn keys(&self) -> impl Iterator<Item = &[u8]> {
        Map::keys(self).map(String::as_bytes)
    }
    fn state_at(&self, path: &[&str]) -> StateValue<'_> {
        let mut value = path.first().and_then(|key| self.get(*key));
        for key in path.iter().skip(1) {
            value = value.and_then(|v| v.get(*key));
        }
        match value {
            None => StateValue::Missing,
            Some(Value::Null) => StateValue::Null,
            Some(Value::String(s)) => StateValue::Str(Cow::Borrowed(s.as_bytes())),
            Some(_) => StateValue::Other,
        }
    }
}

/// For each key any root declares: its weight, 1 / (how many dialects declare it), and
/// which roots declare it (bit `8 × dialect + root`). Built once for the registry, so that
/// scoring a document costs one lookup per top-level key.
struct KeyInfo {
    weight: f64,
    roots: u64,
    /// The roots that require it.
    required: u64,
}

/// What scoring needs of each root, worked out once.
struct RootInfo {
    /// How many keys the root requires.
    required: usize,
    /// The segments of its state pointer.
    state: Vec<&'static str>,
    /// Whether a check of the root that finds no issue proves its state one of the
    /// dialect's own (`check_proves_state`).
    state_proven: bool,
}

struct Index {
    /// Every declared key once, found through `key_set`, and what it tells (same places).
    keys: Vec<&'static [u8]>,
    key_set: KeySet,
    key_info: Vec<KeyInfo>,
    /// The root bits of every dialect with more than one root.
    multi_root: u64,
    /// By dialect, then root, in registry order.
    roots: Vec<Vec<RootInfo>>,
}

fn index() -> &'static Index {
    static INDEX: Once<Index> = Once::new();
    INDEX.get_or_init(|| {
        let (mut keys, mut key_set, mut key_info) = (Vec::new(), KeySet::default(), Vec::<KeyInfo>::new());
        for (di, d) in ALL.iter().enumerate() {
            for (ri, r) in d.roots.iter().enumerate() {
                for f in r.object.fields {
                    let (place, new) = key_set.insert(&mut keys, f.name.as_bytes());
                    if new {
                        key_info.push(KeyInfo { weight: 0.0, roots: 0, required: 0 });
                    }
                    if let Some(info) = key_info.get_mut(place) {
                        info.roots |= root_bit(di, ri);
                        if f.required {
                            info.required |= root_bit(di, ri);
                        }
                    }
                }
            }
        }
        for info in &mut key_info {
            let dialects = (0..ALL.len()).filter(|di| info.roots & (0xff << (8 * di)) != 0).count();
            info.weight = 1.0 / dialects.max(1) as f64;
        }
        let roots = ALL
            .iter()
            .map(|d| {
                d.roots
                    .iter()
                    .map(|r| {
                        let state: Vec<&'static str> = r.state_keys().collect();
                        RootInfo {
                            required: r.object.required_bits().count_ones() as usize,
                            state_proven: check_proves_state(d, r.object, &state),
                            state,
                        }
                    })
                    .collect()
            })
            .collect();
        let multi_root = ALL
            .iter()
            .enumerate()
            .filter(|(_, d)| d.roots.len() > 1)
            .fold(0, |bits, (di, _)| bits | 0xffu64.checked_shl(u32::try_from(8 * di).unwrap_or(64)).unwrap_or(0));
        Index { keys, key_set, key_info, roots, multi_root }
    })
}

/// Whether an object that passes the fast path's check against `object` holds one of the
/// dialect's state values at `state` (its segments), given that it has the first segment's
/// key: each later segment is a required field of a plain object (not nullable), and the
/// last holds an enum, nullable only if the dialect takes `null` as a state, whose every
/// value is a state (the check passes an enum value only when it is spelt exactly so).
fn check_proves_state(dialect: &Dialect, object: &Object, state: &[&str]) -> bool {
    let Some((first, rest)) = state.split_first() else { return false };
    let Some(mut field) = object.field(first) else { return false };
    for segment in rest {
        let Shape::Object(inner) = field.shape else { return false };
        match inner.field(segment) {
            Some(f) if f.required => field = f,
            _ => return false,
        }
    }
    let values = match field.shape {
        Shape::Enum(e) => e.values,
        Shape::Nullable(Shape::Enum(e)) if dialect.accepts_null_state => e.values,
        _ => return false,
    };
    values.iter().all(|v| dialect.state_of(v.as_bytes()).is_some())
}

fn root_bit(dialect: usize, root: usize) -> u64 {
    1u64.checked_shl(u32::try_from(8 * dialect + root).unwrap_or(64)).unwrap_or(0)
}

/// What one pass over a document's keys found for one root.
#[derive(Clone, Copy, Default)]
struct Tally {
    /// Summed weight of the document's keys that the root declares.
    weighted: f64,
    /// How many of the root's required keys the document has.
    required_present: usize,
}

/// What a document holds where a root's state pointer points: the state's part of the score.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum StateClass {
    /// One of the dialect's state values (or SailPoint's `null`).
    Known,
    Missing,
    /// Something else.
    Other,
}

impl StateClass {
    fn of(dialect: &Dialect, root: &RootInfo, doc: &impl TopLevel) -> StateClass {
        match doc.state_at(&root.state) {
            StateValue::Str(s) if dialect.state_of(&s).is_some() => StateClass::Known,
            // SailPoint: `completionStatus: null` is the running state.
            StateValue::Null if dialect.accepts_null_state => StateClass::Known,
            StateValue::Missing => StateClass::Missing,
            _ => StateClass::Other,
        }
    }

    fn score(self) -> f64 {
        match self {
            StateClass::Known => 1.0,
            StateClass::Missing => 0.0,
            StateClass::Other => 0.6,
        }
    }
}

/// A root's score, and whether the document holds one of the dialect's state values there.
fn score_root(dialect: &Dialect, root: &RootInfo, doc: &impl TopLevel, tally: Tally) -> (f64, bool) {
    // None of the root's keys: no state either (the state's first key is one of them), so
    // the score is 0 without looking the state up.
    if tally.weighted == 0.0 {
        return (0.0, false);
    }
    let state = StateClass::of(dialect, root, doc);
    (root_score(root, doc.key_count(), tally, state), state == StateClass::Known)
}

/// A root's score from its keys and what its state pointer found.
fn root_score(root: &RootInfo, key_count: usize, tally: Tally, state: StateClass) -> f64 {
    key_score(root, key_count, tally) + 0.5 * state.score()
}

/// The part of a root's score that its keys give; the state adds at most 0.5.
fn key_score(root: &RootInfo, key_count: usize, tally: Tally) -> f64 {
    let key_share = tally.weighted / key_count as f64;
    let required_share = if root.required == 0 {
        key_share
    } else {
        tally.required_present.min(root.required) as f64 / root.required as f64
    };
    0.3 * key_share + 0.2 * required_share
}

/// What one pass over a document's keys finds for every root.
struct Keys {
    /// By root bit.
    tallies: [Tally; 8 * dialects::COUNT],
    /// Roots the document holds a signature key of: a key that no other root of the same
    /// dialect declares (bit `8 × dialect + root`).
    signatures: u64,
}

impl Keys {
    /// The tally of root `root` of the dialect at `dialect` in the registry.
    fn of(&self, dialect: usize, root: usize) -> Tally {
        self.tallies.get(8 * dialect + root).copied().unwrap_or_default()
    }
}

#[inline(always)] // built in the caller's frame, not copied there
fn tally(doc: &impl TopLevel) -> Keys {
    let mut out = Keys { tallies: [Tally::default(); 8 * dialects::COUNT], signatures: 0 };
    let index = index();
    for k in doc.keys() {
        let Some(info) = index.key_set.find(&index.keys, k).and_then(|place| index.key_info.get(place)) else {
            continue;
        };
        let mut bits = info.roots;
        while bits != 0 {
            let bit = bits.trailing_zeros();
            if let Some(t) = out.tallies.get_mut(bit as usize) {
                t.weighted += info.weight;
                t.required_present += usize::from(info.required & (1u64 << bit) != 0);
            }
            // The key's roots within this dialect: a signature when it is only one of several.
            let dialect = 0xffu64 << (bit & !7);
            let within = info.roots & dialect;
            if within.count_ones() == 1 && (index.multi_root & dialect) != 0 {
                out.signatures |= within;
            }
            bits &= bits - 1;
        }
    }
    out
}

/// Every dialect's score (two decimals) and whether its state value matched, in registry order.
fn scores(doc: &impl TopLevel, keys: &Keys) -> [(f64, bool); dialects::COUNT] {
    let mut out = [(0.0, false); dialects::COUNT];
    if doc.key_count() == 0 {
        return out;
    }
    for ((di, d), (slot, roots)) in ALL.iter().enumerate().zip(out.iter_mut().zip(&index().roots)) {
        let best = roots
            .iter()
            .enumerate()
            .map(|(ri, r)| score_root(d, r, doc, keys.of(di, ri)))
            .fold((0.0, false), |a, b| if b.0 > a.0 { b } else { a });
        *slot = (round2(best.0), best.1);
    }
    out
}

/// What detection works out from a document's keys alone: the tallies, and the dialects
/// ordered by the highest score their keys allow (key score + 0.5 for the state), highest
/// first, equal bounds in registry order.
struct KeyPart {
    keys: Keys,
    order: [(u64, usize); dialects::COUNT],
}

fn key_part(doc: &impl TopLevel) -> KeyPart {
    let keys = tally(doc);
    let n = doc.key_count();
    let mut order = [(0u64, 0usize); dialects::COUNT];
    for (di, (slot, roots)) in order.iter_mut().zip(&index().roots).enumerate() {
        let bound = roots
            .iter()
            .enumerate()
            .map(|(ri, r)| (r, keys.of(di, ri)))
            .filter(|(_, t)| t.weighted > 0.0)
            .map(|(r, t)| key_score(r, n, t) + 0.5)
            .fold(0.0, f64::max);
        *slot = (descending(bound), di);
    }
    sort_keyed(&mut order);
    KeyPart { keys, order }
}

/// The best-scoring dialect (its index) and its score: the maximum of `scores`, ties to the
/// dialect listed first. A root's score is at most its key score + 0.5 (the state's part),
/// and rounding keeps that order; so dialects are tried from the highest such bound down,
/// and the state of a root that cannot win is never looked up. Each state it looks up is
/// added to `probes`, in order: given the key part, they decide the outcome.
fn best_score(doc: &impl TopLevel, part: &KeyPart, probes: &mut Vec<Probe>) -> Option<(usize, f64)> {
    let n = doc.key_count();
    let roots = &index().roots;
    let mut best: Option<(usize, f64)> = None;
    let beats = |best: Option<(usize, f64)>, di: usize, score: f64| match best {
        None => score > 0.0,
        Some((bi, bs)) => score > bs || (score == bs && di < bi),
    };
    for &(bound, di) in &part.order {
        if !beats(best, di, round2(from_descending(bound))) {
            continue;
        }
        let (Some(d), Some(roots)) = (ALL.get(di), roots.get(di)) else { continue };
        let mut top = 0.0;
        for (ri, r) in roots.iter().enumerate() {
            let t = part.keys.of(di, ri);
            if t.weighted == 0.0 || key_score(r, n, t) + 0.5 <= top {
                continue;
            }
            let state = StateClass::of(d, r, doc);
            probes.push(Probe { dialect: di, root: ri, state });
            let score = root_score(r, n, t, state);
            if score > top {
                top = score;
            }
        }
        if beats(best, di, round2(top)) {
            best = Some((di, round2(top)));
        }
    }
    best
}

/// One state `best_score` looked up, and what it found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Probe {
    dialect: usize,
    root: usize,
    state: StateClass,
}

/// `best_score` for a key part, remembered with the states it looked up. Which state it
/// looks up next depends only on the key part and the states found so far, so a document
/// with the same keys that finds the same states at the same probes gets the same outcome;
/// checking that costs the state lookups alone (no scores, no rounding).
#[derive(Default)]
struct Decision {
    probes: Vec<Probe>,
    best: Option<(usize, f64)>,
}

impl Decision {
    /// The remembered outcome, if `doc` finds the same state at every probe.
    fn replay(&self, doc: &impl TopLevel) -> Option<Option<(usize, f64)>> {
        for p in &self.probes {
            let (d, root) = (ALL.get(p.dialect)?, index().roots.get(p.dialect)?.get(p.root)?);
            if StateClass::of(d, root, doc) != p.state {
                return None;
            }
        }
        Some(self.best)
    }

    /// The outcome for `doc`: replayed, or worked out and remembered.
    fn best(&mut self, doc: &impl TopLevel, part: &KeyPart) -> Option<(usize, f64)> {
        if !self.probes.is_empty() {
            if let Some(best) = self.replay(doc) {
                return best;
            }
        }
        self.probes.clear();
        self.best = best_score(doc, part, &mut self.probes);
        self.best
    }
}

/// `key_part` for the key sequences seen last. Documents from one API repeat their keys,
/// and this part is a function of the keys alone: a hit costs a cheap hash of the keys'
/// lengths and end bytes and one comparison of the keys where they lie in the text, where
/// working it out costs a table lookup per key and a score per root. Nothing is copied on a
/// hit (a copy per key is a `memory.copy` call in wasm). The state values, which differ
/// document to document, are still read every time.
struct KeyCache {
    entries: Vec<Kept>,
    next: usize,
}

struct Kept {
    hash: u64,
    /// The keys, each as its length (4 bytes) and its bytes: unambiguous.
    sequence: Vec<u8>,
    part: KeyPart,
    /// The last dialect choice for these keys.
    decision: Decision,
    /// Each key's field in the declaration of the root last chosen (`NOT_DECLARED` for none),
    /// and that root (dialect, root): the checks of the top level then look no key up.
    fields: Vec<u8>,
    fields_of: Option<(usize, usize)>,
    /// Whether every key is a different declared field: then none repeats.
    fields_distinct: bool,
    /// `sure_dialect` of these keys, once worked out.
    sure: Option<Option<usize>>,
}

/// Each top-level key's place in the fields of the chosen root, in key order
/// (`NOT_DECLARED` for none), and whether the places prove that no top-level key repeats
/// (each key a different declared field; two equal keys are the same field).
pub struct Places<'k> {
    pub fields: &'k [u8],
    pub distinct: bool,
}

/// In `Kept::fields`: a key the root does not declare.
pub const NOT_DECLARED: u8 = u8::MAX;

impl Kept {
    /// Not kept: worked out for one document.
    fn once(doc: &impl TopLevel) -> Kept {
        Kept {
            hash: 0,
            sequence: Vec::new(),
            part: key_part(doc),
            decision: Decision::default(),
            fields: Vec::new(),
            fields_of: None,
            fields_distinct: false,
            sure: None,
        }
    }

    /// `sure_dialect` of these keys.
    fn sure(&mut self, doc: &impl TopLevel) -> Option<usize> {
        let part = &self.part;
        *self.sure.get_or_insert_with(|| sure_dialect(doc, part))
    }

    /// The dialect (its index) a document with these keys is checked against: `fixed`, or
    /// the best-scoring one when it reaches `THRESHOLD`.
    fn choice(&mut self, doc: &impl TopLevel, fixed: Option<&'static Dialect>) -> Option<usize> {
        match fixed {
            Some(d) => dialects::index_of(d),
            None => self.decision.best(doc, &self.part).filter(|(_, s)| *s >= THRESHOLD).map(|(i, _)| i),
        }
    }

    /// The dialect at `i` in the registry, and the root these keys select in it (its index
    /// and itself).
    fn dialect_root(&self, i: usize) -> Option<(&'static Dialect, usize, &'static Root)> {
        let dialect = *ALL.get(i)?;
        let root_index = root_of(i, &self.part.keys);
        Some((dialect, root_index, dialect.roots.get(root_index)?))
    }

    /// `check` of `doc` against the dialect at `i`, its root for these keys and their places.
    fn check_as<R>(&mut self, doc: &impl TopLevel, i: usize, check: &mut impl FnMut(Choice<'_>) -> R) -> Option<R> {
        let (dialect, root_index, root) = self.dialect_root(i)?;
        let places = self.fields_for(doc, i, root, root_index);
        Some(check(Choice { dialect, root, places }))
    }

    /// `fields` for root `root` of dialect `dialect`, worked out if another root had them.
    fn fields_for(&mut self, doc: &impl TopLevel, dialect: usize, root: &Root, root_index: usize) -> Places<'_> {
        if self.fields_of != Some((dialect, root_index)) {
            self.fields.clear();
            let position = |k: &[u8]| root.object.position(k).and_then(|i| u8::try_from(i).ok());
            self.fields.extend(doc.keys().map(|k| position(k).unwrap_or(NOT_DECLARED)));
            self.fields_of = Some((dialect, root_index));
            let mut seen = 0u64;
            self.fields_distinct = self.fields.iter().all(|&i| {
                let bit = 1u64.checked_shl(u32::from(i)).unwrap_or(0);
                let new = bit != 0 && seen & bit == 0;
                seen |= bit;
                new
            });
        }
        Places { fields: &self.fields, distinct: self.fields_distinct }
    }
}

impl KeyCache {
    const ENTRIES: usize = 8;
    /// Longer key sequences are worked out each time, not kept.
    const MAX_BYTES: usize = 1024;
}

/// The keys of `doc` as `Kept` holds them (`bytes` long, from `sequence_hash`).
fn sequence_of(doc: &impl TopLevel, bytes: usize) -> Vec<u8> {
    let mut sequence = Vec::with_capacity(bytes);
    for k in doc.keys() {
        let len = u32::try_from(k.len()).unwrap_or(u32::MAX);
        sequence.extend_from_slice(&len.to_le_bytes());
        sequence.extend_from_slice(k);
    }
    sequence
}

/// Whether `sequence` (as `sequence_of` writes it) lists exactly the keys of `doc`, in order.
// Inlined where it is hot: the wasm's inline threshold is low (.cargo/config.toml).
#[inline]
fn lists_keys(sequence: &[u8], doc: &impl TopLevel) -> bool {
    let mut rest = sequence;
    for k in doc.keys() {
        let Some((len, tail)) = rest.split_first_chunk::<4>() else { return false };
        let Some((kept, tail)) = usize::try_from(u32::from_le_bytes(*len)).ok().and_then(|n| tail.split_at_checked(n))
        else {
            return false;
        };
        if !crate::bytes::same(kept, k) {
            return false;
        }
        rest = tail;
    }
    rest.is_empty()
}

/// A hash of a key sequence (`tape::fingerprint`: collisions only cost a comparison), and
/// the bytes the sequence takes as `Kept` holds it.
pub(crate) fn sequence_hash<'k>(keys: impl Iterator<Item = &'k [u8]>) -> (u64, usize) {
    let (mut hash, mut bytes) = (0u64, 0usize);
    for k in keys {
        hash = crate::tape::fingerprint(hash, k);
        bytes = bytes.saturating_add(4).saturating_add(k.len());
    }
    (hash, bytes)
}

global! {
    static KEY_CACHE: KeyCache = KeyCache { entries: Vec::new(), next: 0 };
}

fn with_kept<R>(doc: &impl TopLevel, f: impl FnOnce(&mut Kept) -> R) -> R {
    KEY_CACHE.try_with_borrow_mut(|cache| {
        let Some(cache) = cache else { return f(&mut Kept::once(doc)) };
        let (hash, bytes) = doc.sequence_hash();
        if bytes > KeyCache::MAX_BYTES {
            return f(&mut Kept::once(doc));
        }
        if let Some(kept) = cache.entries.iter_mut().find(|e| e.hash == hash && lists_keys(&e.sequence, doc)) {
            return f(kept);
        }
        let entry = Kept { hash, sequence: sequence_of(doc, bytes), ..Kept::once(doc) };
        let slot = cache.next % KeyCache::ENTRIES;
        cache.next = slot + 1;
        if let Some(old) = cache.entries.get_mut(slot) {
            *old = entry;
        } else {
            cache.entries.push(entry);
        }
        match cache.entries.get_mut(slot) {
            Some(kept) => f(kept),
            None => f(&mut Kept::once(doc)),
        }
    })
}

/// The root of `dialect` (its index in the registry) a document is checked against, from
/// its signatures: the same rule as `Dialect::root_for`, without comparing any key again.
fn root_of(dialect: usize, keys: &Keys) -> usize {
    let mine = keys.signatures.checked_shr(u32::try_from(8 * dialect).unwrap_or(64)).unwrap_or(0) & 0xff;
    if mine == 0 {
        0
    } else {
        mine.trailing_zeros() as usize
    }
}

/// The dialect a document is checked against (the fixed one, or the one `dialect: 'auto'`
/// picks, as `detect_top_level` would, without building its report) and which of its roots.
pub fn choose(doc: &impl TopLevel, fixed: Option<&'static Dialect>) -> Option<(&'static Dialect, &'static Root)> {
    with_kept(doc, |kept| {
        let i = kept.choice(doc, fixed)?;
        kept.dialect_root(i).map(|(dialect, _, root)| (dialect, root))
    })
}

/// What `check_chosen` hands its check: the choice of `choose`, and the top-level keys'
/// `Places` in the root's fields.
pub struct Choice<'k> {
    pub dialect: &'static Dialect,
    pub root: &'static Root,
    pub places: Places<'k>,
}

/// `check` of the `choose` choice; `None` when there is no choice. When the keys make one
/// dialect win whenever its state is one of its own (`sure_dialect`), that dialect is checked
/// first without looking at any state, and a result that `passes` ends it: the check
/// proved the state (`check_proves_state`). Otherwise the states decide, and the check runs
/// again only if they chose another dialect (same keys, same dialect: same check).
pub fn check_chosen<R>(
    doc: &impl TopLevel,
    fixed: Option<&'static Dialect>,
    mut check: impl FnMut(Choice<'_>) -> R,
    passes: impl Fn(&R) -> bool,
) -> Option<R> {
    with_kept(doc, |kept| {
        let mut tried = None;
        if let (None, Some(i)) = (fixed, kept.sure(doc)) {
            let result = kept.check_as(doc, i, &mut check)?;
            if passes(&result) {
                return Some(result);
            }
            tried = Some((i, result));
        }
        let i = kept.choice(doc, fixed)?;
        match tried {
            Some((t, result)) if t == i => Some(result),
            _ => kept.check_as(doc, i, &mut check),
        }
    })
}

/// The dialect (its index) that `dialect: 'auto'` picks for a document with these keys
/// whenever its state, at the pointer of the root the keys select, is one of its own:
/// that root's score is then its key score + 0.5, which reaches `THRESHOLD` and beats the
/// highest score any other dialect's keys allow (ties to the one listed first). Only for a
/// root whose passing check proves that state (`RootInfo::state_proven`) and whose state's
/// first key the document has.
fn sure_dialect(doc: &impl TopLevel, part: &KeyPart) -> Option<usize> {
    let n = doc.key_count();
    let roots = &index().roots;
    (0..dialects::COUNT).find(|&di| {
        let ri = root_of(di, &part.keys);
        let Some(root) = roots.get(di).and_then(|r| r.get(ri)) else { return false };
        let has_state_key = root.state.first().is_some_and(|first| doc.keys().any(|k| k == first.as_bytes()));
        let t = part.keys.of(di, ri);
        let sure = round2(key_score(root, n, t) + 0.5);
        root.state_proven
            && has_state_key
            // Always so while THRESHOLD is 0.5 (key scores are not negative); kept for a higher one.
            && sure >= THRESHOLD
            && part.order.iter().all(|&(bound, other)| {
                let bound = round2(from_descending(bound));
                other == di || sure > bound || (sure == bound && di < other)
            })
    })
}

/// Two decimals: confidences are for people and stable tests, not for arithmetic.
fn round2(x: f64) -> f64 {
    crate::float::round(x * 100.0) / 100.0
}

/// Ranks every dialect for a parsed document.
pub fn detect_value(value: &Value) -> Detection {
    match value {
        Value::Object(doc) => detect_top_level(doc),
        _ => nothing(),
    }
}

/// The detection of what is no object: no dialect, no candidate.
pub fn nothing() -> Detection {
    Detection { dialect: None, confidence: 0.0, candidates: Vec::new() }
}

/// The dialect `dialect: 'auto'` checks a document against.
pub fn best_dialect(doc: &impl TopLevel) -> Option<&'static Dialect> {
    choose(doc, None).map(|(d, _)| d)
}

/// Ranks every dialect for a document's top level.
pub fn detect_top_level(doc: &impl TopLevel) -> Detection {
    let scores = scores(doc, &tally(doc));
    // Best first; equal scores in registry order.
    let mut order: Vec<(u64, usize)> =
        scores.iter().enumerate().filter(|(_, s)| s.0 > 0.0).map(|(i, s)| (descending(s.0), i)).collect();
    sort_keyed(&mut order);
    let ranked: Vec<(Candidate, bool)> = order
        .iter()
        .filter_map(|(_, i)| {
            let (d, (confidence, state_ok)) = (ALL.get(*i)?, *scores.get(*i)?);
            Some((Candidate { dialect: d.id.to_owned(), confidence }, state_ok))
        })
        .collect();
    let best = ranked.first().map_or(0.0, |(c, _)| c.confidence);
    let rival = ranked.get(1).filter(|(_, state_ok)| *state_ok).map(|(c, _)| c.confidence);
    let confidence = match rival {
        Some(r) if best - r < MARGIN => round2(best * (0.5 + 0.5 * (best - r) / MARGIN)),
        _ => best,
    };
    let candidates: Vec<Candidate> = ranked.into_iter().map(|(c, _)| c).collect();
    let chosen = candidates.first().filter(|c| c.confidence >= THRESHOLD);
    Detection {
        dialect: chosen.map(|c| c.dialect.clone()),
        confidence: if chosen.is_some() { confidence } else { 0.0 },
        candidates,
    }
}

#[cfg(test)]
mod tests {
    use super::{check_proves_state, key_part, root_of, sure_dialect, with_kept, KeyPart};
    use crate::dialects::{Dialect, ALL};
    use serde_json::{json, Map, Value};

    /// Tallies, signatures and order.
    type Decisive = (Vec<(f64, usize)>, u64, Vec<(u64, usize)>);

    /// What decides detection in a key part, comparable.
    fn summary(part: &KeyPart) -> Decisive {
        let tallies = part.keys.tallies.iter().map(|t| (t.weighted, t.required_present)).collect();
        (tallies, part.keys.signatures, part.order.to_vec())
    }

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// The cache picks an entry by a hash of each key's length and end bytes, so sequences
    /// that differ only inside a key collide: what it hands out must still be the part of
    /// the document's own keys.
    #[test]
    fn colliding_key_sequences_get_their_own_part() {
        let docs = [
            // A short key (compared byte by byte) and keys of 8 bytes or more (a word at a time).
            json!({"id": "a", "state": "done"}),
            json!({"id": "a", "stbte": "done"}),
            json!({"completionStatus": "SUCCESS", "uniqueName": "x"}),
            json!({"complXtionStatus": "SUCCESS", "uniqueName": "x"}),
            json!({"completionStatus": "SUCCESS", "uniqXeName": "x"}),
        ]
        .map(object);
        let parts: Vec<_> = docs.iter().map(|d| summary(&key_part(d))).collect();
        assert_ne!(parts[0], parts[1]);
        assert_ne!(parts[2], parts[3]);
        assert_ne!(parts[2], parts[4]);
        for _ in 0..3 {
            for (doc, part) in docs.iter().zip(&parts) {
                assert_eq!(&with_kept(doc, |kept| summary(&kept.part)), part, "{doc:?}");
            }
        }
    }

    /// The rules of `check_proves_state`, each broken on its own: on the dialects' own state
    /// pointers it holds (dialects.md: each state is a required enum of the dialect's states).
    #[test]
    fn a_passing_check_proves_a_state_only_where_the_declaration_says_so() {
        use crate::model::State;
        for d in ALL {
            for r in d.roots {
                let state: Vec<&str> = r.state_keys().collect();
                assert!(check_proves_state(d, r.object, &state), "{} {}", d.id, r.state);
            }
        }
        let [task, asset, sailpoint, _, flat] = *ALL;
        let (task_root, asset_root) = (task.roots[0].object, asset.roots[0].object);
        // Not an enum, or through a value that is not an object.
        assert!(!check_proves_state(task, task_root, &["status", "updatedAt"]));
        assert!(!check_proves_state(task, task_root, &["id", "phase"]));
        // An enum value that is no state.
        let fewer = Dialect { states: &flat.states[1..], ..*flat };
        assert!(!check_proves_state(&fewer, flat.roots[0].object, &["state"]));
        // `null` allowed where the dialect takes no `null` state.
        let no_null = Dialect { accepts_null_state: false, ..*sailpoint };
        assert!(!check_proves_state(&no_null, sailpoint.roots[0].object, &["completionStatus"]));
        // A segment below the first that is not required (storage.status), with every value
        // of its enum made a state: only the requirement is missing.
        let mut states = asset.states.to_vec();
        states.push(("reverted", State::Failed));
        let more = Dialect { states: Box::leak(states.into_boxed_slice()), ..*asset };
        assert!(check_proves_state(&more, asset_root, &["status", "phase"]));
        assert!(!check_proves_state(&more, asset_root, &["storage", "status", "phase"]));
        // The same path from the storage object: its first key is the document's to have.
        let storage = match asset_root.field("storage").map(|f| &f.shape) {
            Some(crate::declare::Shape::Object(o)) => *o,
            _ => panic!("Asset declares storage"), // ok: test code, a fact of the declaration
        };
        assert!(check_proves_state(&more, storage, &["status", "phase"]));
    }

    /// `sure_dialect` names a dialect only if `dialect: 'auto'` picks it whatever the other
    /// dialects' states, whenever its own state is one of its own. Every valid fixture's
    /// top level, and every pair of them merged (keys of two dialects competing), with each
    /// of the sure dialect's states.
    #[test]
    fn a_sure_dialect_wins_whenever_its_state_is_its_own() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut docs: Vec<Map<String, Value>> = Vec::new();
        for d in ALL {
            for e in std::fs::read_dir(dir.join(d.id).join("valid")).into_iter().flatten().flatten() {
                let path = e.path();
                if path.to_string_lossy().ends_with(".expected.json") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if let Ok(Value::Object(doc)) = serde_json::from_str(&text) {
                    docs.push(doc);
                }
            }
        }
        let single = docs.len();
        for a in 0..single {
            for b in 0..single {
                let mut merged = docs[a].clone();
                merged.extend(docs[b].clone());
                docs.push(merged);
            }
        }
        let (mut sure, mut unsure) = (0, 0);
        for doc in &docs {
            let part = key_part(doc);
            let Some(di) = sure_dialect(doc, &part) else {
                unsure += 1;
                continue;
            };
            let d = ALL[di];
            let root = &d.roots[root_of(di, &part.keys)];
            for (state, _) in d.states {
                let mut v = Value::Object(doc.clone());
                let Some(slot) = v.pointer_mut(root.state) else { continue };
                *slot = json!(state);
                assert_eq!(super::detect_value(&v).dialect.as_deref(), Some(d.id), "{v}");
                sure += 1;
            }
        }
        assert!(sure > 1000 && unsure > 10, "{sure} {unsure}");
    }
}
