//! A set of byte strings by hash, for keys: detection's table of declared keys, repeated
//! keys in an object, the pointers `position` looks for. The strings stay in the caller's
//! list and the set holds their places in it, so one small table serves every key type;
//! std's `HashMap` put a copy of hashbrown and of SipHash into the wasm for each use.

use crate::bytes;
use crate::prelude::*;

/// Open addressing over a power-of-two number of slots, each 0 (empty) or a place in the
/// caller's list + 1; at most half full, so a probe sequence always reaches an empty slot.
#[derive(Debug, Default)]
pub struct KeySet {
    slots: Vec<u32>,
    len: usize,
}

impl KeySet {
    /// The place in `items` of the string equal to `key`, if it was added.
    pub fn find<T: AsRef<[u8]>>(&self, items: &[T], key: &[u8]) -> Option<usize> {
        self.probe(key, &|place| items.get(place).map(AsRef::as_ref))
    }

    /// `find` through `item` (a place's string): one copy of the probe for every item type.
    fn probe<'a>(&self, key: &[u8], item: &dyn Fn(usize) -> Option<&'a [u8]>) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash(key) as usize & mask; // ok: keeps the low bits, as a mask does
        loop {
            let place = (*self.slots.get(at)? as usize).checked_sub(1)?;
            if item(place).is_some_and(|item| bytes::same(item, key)) {
                return Some(place);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `items[place]`; when an equal string is already in, returns its place instead
    /// (the set keeps the first).
    pub fn add<T: AsRef<[u8]>>(&mut self, items: &[T], place: usize) -> Option<usize> {
        let key = items.get(place)?.as_ref();
        if let Some(earlier) = self.find(items, key) {
            return Some(earlier);
        }
        self.add_new(items, place);
        None
    }

    /// Adds `items[place]`, known to be in no slot yet.
    fn add_new<T: AsRef<[u8]>>(&mut self, items: &[T], place: usize) {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow(items);
        }
        if let Some(item) = items.get(place) {
            self.put(item.as_ref(), place);
            self.len += 1;
        }
    }

    /// The place of `item` in `items`: an equal string's if one was added, or else its own,
    /// pushed and added; and whether it is new.
    pub fn insert<T: AsRef<[u8]>>(&mut self, items: &mut Vec<T>, item: T) -> (usize, bool) {
        match self.find(items, item.as_ref()) {
            Some(place) => (place, false),
            None => {
                items.push(item);
                let place = items.len() - 1; // ok: just pushed
                self.add_new(items, place);
                (place, true)
            }
        }
    }

    fn grow<T: AsRef<[u8]>>(&mut self, items: &[T]) {
        let size = (2 * self.slots.len()).max(16);
        let old = core::mem::replace(&mut self.slots, vec![0; size]);
        for place in old.into_iter().filter_map(|s| (s as usize).checked_sub(1)) {
            if let Some(item) = items.get(place) {
                self.put(item.as_ref(), place);
            }
        }
    }

    /// Puts `place` in the first empty slot of `key`'s probe sequence (there is one: the
    /// table is at most half full).
    fn put(&mut self, key: &[u8], place: usize) {
        // `grow` ran first, so there are slots (and one of them empty).
        let Some(mask) = self.slots.len().checked_sub(1) else { return };
        let mut at = hash(key) as usize & mask; // ok: as in `find`
        while let Some(slot) = self.slots.get_mut(at) {
            if *slot == 0 {
                // Places fit: a list of keys is bounded by the document size (< 4 GiB).
                *slot = u32::try_from(place + 1).unwrap_or(u32::MAX);
                return;
            }
            at = (at + 1) & mask;
        }
    }
}

/// Which strings of `items` equal an earlier one, by place.
pub fn repeats<T: AsRef<[u8]>>(items: &[T]) -> Vec<bool> {
    let mut set = KeySet::default();
    (0..items.len()).map(|place| set.add(items, place).is_some()).collect()
}

/// A multiply-xor hash over eight bytes at a time: keys are short, and detection runs it
/// for every key of every document (a byte-at-a-time FNV showed in the profile).
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = 0u64;
    for (i, b) in chunks.remainder().iter().enumerate() {
        tail |= u64::from(*b) << (8 * i);
    }
    // The length keeps "a" and "a\0" apart; truncating it past 64 bits only changes the hash.
    (h ^ tail ^ bytes.len() as u64).wrapping_mul(K).rotate_left(29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_string_added_and_nothing_else_through_growth() {
        let items: Vec<String> = (0..1000).map(|i| format!("key{i}")).collect();
        let mut set = KeySet::default();
        assert_eq!(set.find(&items, b"key0"), None);
        for place in 0..items.len() {
            assert_eq!(set.add(&items, place), None);
            // Everything added so far is found after each growth, nothing later is.
            if place.is_power_of_two() {
                for earlier in 0..=place {
                    assert_eq!(set.find(&items, items[earlier].as_bytes()), Some(earlier));
                }
                assert_eq!(set.find(&items, items[place + 1].as_bytes()), None);
            }
        }
        assert_eq!(set.find(&items, b"key"), None);
        assert_eq!(set.find(&items, b""), None);
        assert_eq!(set.find(&items, b"key1000"), None);
    }

    #[test]
    fn repeats_marks_every_later_copy_and_only_those() {
        let items = ["a", "b", "a", "", "b", "a", "", "a\0", "ab"];
        assert_eq!(repeats(&items), [false, false, true, false, true, true, true, false, false]);
        assert!(repeats::<&str>(&[]).is_empty());
        // Many keys, every third a copy of an earlier one.
        let many: Vec<String> =
            (0..300).map(|i| if i % 3 == 2 { format!("k{}", i / 3) } else { format!("k{i}") }).collect();
        let expected: Vec<bool> = (0..300).map(|i| i % 3 == 2 && (i / 3) % 3 != 2).collect();
        assert_eq!(repeats(&many), expected);
    }
}
