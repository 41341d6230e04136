//! JSON Pointers to line/column in the original text.
//!
//! Valid documents pay nothing for positions. When a document has issues, each pointer is
//! resolved on the tape its text was read into, and the text is walked once for lines.

use crate::keyset::{self, KeySet};
use crate::pointer::Pointer;
use crate::prelude::*;
use crate::tape::{self, Kind, Tape};
use alloc::borrow::Cow;

/// 1-based line and column; the column counts UTF-16 code units, as JS editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where the value at each pointer starts in `text`, read into `tape`; `None` for a pointer
/// that names nothing. A key that repeats names its last occurrence, the one a value keeps.
pub fn locate(text: &str, tape: &Tape, pointers: &[&str]) -> Vec<Option<Position>> {
    // A few pointers are resolved one by one (each jump costs at most its containers'
    // members); many (a document of 100 000 unknown keys) in one walk of the tape that
    // descends only towards them, so the cost stays linear in the document.
    const ONE_BY_ONE: usize = 8;
    let found = if pointers.len() <= ONE_BY_ONE {
        pointers.iter().enumerate().filter_map(|(slot, p)| Some((tape.offset(tape.resolve(text, p)?)?, slot))).collect()
    } else {
        let mut walk = Walk { text, tape, on_the_way: OnTheWay::default(), found: Vec::new() };
        for (slot, p) in pointers.iter().enumerate() {
            for (i, c) in p.char_indices() {
                if c == '/' {
                    walk.on_the_way.add(p.get(..i).unwrap_or(""), None);
                }
            }
            walk.on_the_way.add(p, Some(slot));
        }
        walk.value(0, &mut Pointer::root());
        walk.found
    };
    by_slot(text, found, pointers.len())
}

/// `locate` for many pointers: the tape walked once, into the containers on their way only.
struct Walk<'a> {
    text: &'a str,
    tape: &'a Tape,
    /// Every pointer wanted and every one on the way to it, with the slots that want it.
    on_the_way: OnTheWay<'a>,
    /// (byte offset, slot); a key that repeats is found at each occurrence, and `by_slot`
    /// keeps the later.
    found: Vec<(usize, usize)>,
}

/// Pointers, each with the slots that want it (none for one only on the way to another).
#[derive(Default)]
struct OnTheWay<'a> {
    pointers: Vec<&'a str>,
    set: KeySet,
    slots: Vec<Vec<usize>>,
}

impl<'a> OnTheWay<'a> {
    /// Adds `pointer`, once, and `slot` to the slots that want it.
    fn add(&mut self, pointer: &'a str, slot: Option<usize>) {
        let (place, new) = self.set.insert(&mut self.pointers, pointer);
        if new {
            self.slots.push(Vec::new());
        }
        if let (Some(slot), Some(slots)) = (slot, self.slots.get_mut(place)) {
            slots.push(slot);
        }
    }

    fn get(&self, pointer: &str) -> Option<&[usize]> {
        self.set.find(&self.pointers, pointer.as_bytes()).and_then(|place| self.slots.get(place)).map(Vec::as_slice)
    }
}

impl Walk<'_> {
    /// The tape is at most `MAX_DEPTH` deep, which bounds this recursion.
    fn value(&mut self, at: usize, ptr: &mut Pointer) {
        if let (Some(slots), Some(offset)) = (self.on_the_way.get(ptr.as_str()), self.tape.offset(at)) {
            self.found.extend(slots.iter().map(|s| (offset, *s)));
        }
        let tape = self.tape;
        match tape.get(at).map(|t| t.kind) {
            Some(Kind::Object) => {
                for (k, v) in tape.members(at) {
                    ptr.push_key(&tape.get(k).and_then(|t| tape::unescaped(self.text, t)).unwrap_or_default());
                    if self.on_the_way.get(ptr.as_str()).is_some() {
                        self.value(v, ptr);
                    }
                    ptr.pop();
                }
            }
            Some(Kind::Array) => {
                for (index, item) in tape.items(at).enumerate() {
                    ptr.push_index(index);
                    if self.on_the_way.get(ptr.as_str()).is_some() {
                        self.value(item, ptr);
                    }
                    ptr.pop();
                }
            }
            _ => {}
        }
    }
}

/// Turns `(byte offset, slot)` pairs into positions by slot, walking the text once (a slot
/// found twice keeps its later offset).
fn by_slot(text: &str, found: Vec<(usize, usize)>, slots: usize) -> Vec<Option<Position>> {
    let mut found: Vec<(u64, usize)> = found.into_iter().map(|(offset, slot)| (offset as u64, slot)).collect(); // ok: widens
    crate::order::sort_keyed(&mut found);
    let mut out = vec![None; slots];
    let mut cursor = LineCursor::new(text);
    for (offset, slot) in found {
        let pos = cursor.advance_to(usize::try_from(offset).unwrap_or(usize::MAX));
        if let Some(cell) = out.get_mut(slot) {
            *cell = Some(pos);
        }
    }
    out
}

/// Calls `found` with the pointer and the key of each key that repeats an earlier key of
/// the same object, in text order. Linear: each object's keys go into a set, whatever their
/// number.
pub fn duplicate_keys(text: &str, tape: &Tape, found: &mut dyn FnMut(&str, &str)) {
    repeated_keys(text, tape, 0, &mut Pointer::root(), found);
}

/// `duplicate_keys` below token `at` (the tape is at most `MAX_DEPTH` deep, which bounds
/// this recursion).
fn repeated_keys(text: &str, tape: &Tape, at: usize, ptr: &mut Pointer, found: &mut dyn FnMut(&str, &str)) {
    match tape.get(at).map(|t| t.kind) {
        Some(Kind::Object) => {
            let keys: Vec<Cow<'_, [u8]>> = tape
                .members(at)
                .map(|(k, _)| tape.get(k).and_then(|t| tape::unescaped_bytes(text.as_bytes(), t)).unwrap_or_default())
                .collect();
            let repeats = keyset::repeats(&keys);
            for (((_, v), key), repeat) in tape.members(at).zip(&keys).zip(repeats) {
                let key = core::str::from_utf8(key).unwrap_or_default();
                ptr.push_key(key);
                if repeat {
                    found(ptr.as_str(), key);
                }
                repeated_keys(text, tape, v, ptr, found);
                ptr.pop();
            }
        }
        Some(Kind::Array) => {
            for (index, item) in tape.items(at).enumerate() {
                ptr.push_index(index);
                repeated_keys(text, tape, item, ptr, found);
                ptr.pop();
            }
        }
        _ => {}
    }
}

/// The byte ranges of the items of a top-level JSON array (the text must be valid JSON).
pub fn array_items(text: &str) -> Vec<(usize, usize)> {
    let mut scan = Scan { b: text.as_bytes(), at: 0 };
    let mut items = Vec::new();
    scan.ws();
    if scan.peek() != Some(b'[') {
        return items;
    }
    scan.at += 1;
    loop {
        scan.ws();
        if matches!(scan.peek(), Some(b']') | None) {
            return items;
        }
        let start = scan.at;
        scan.skip_value();
        items.push((start, scan.at));
        if !scan.after_member(b']') {
            return items;
        }
    }
}

/// UTF-16 column of a 1-based byte column on a 1-based line (serde_json reports bytes).
pub fn utf16_column(text: &str, line: usize, byte_column: usize) -> usize {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1) };
    let end = start.saturating_add(byte_column.saturating_sub(1));
    let rest = text.get(start..).unwrap_or("");
    1 + rest.char_indices().take_while(|(i, _)| start + i < end).map(|(_, c)| c.len_utf16()).sum::<usize>()
}

/// Walks text forward once, turning byte offsets (given in order) into positions.
pub(crate) struct LineCursor<'a> {
    text: &'a str,
    offset: usize,
    line: u32,
    column: u32,
}

impl<'a> LineCursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCursor { text, offset: 0, line: 1, column: 1 }
    }

    pub(crate) fn advance_to(&mut self, target: usize) -> Position {
        if let Some(slice) = self.text.get(self.offset..target) {
            // Whole lines are only counted; the column needs the last line's characters,
            // and an ASCII line (the usual case) has as many as it has bytes.
            let last_line = match slice.rfind('\n') {
                Some(i) => {
                    let lines = slice.bytes().filter(|c| *c == b'\n').count();
                    self.line = self.line.saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
                    self.column = 1;
                    slice.get(i + 1..).unwrap_or("")
                }
                None => slice,
            };
            let units =
                if last_line.is_ascii() { last_line.len() } else { last_line.chars().map(char::len_utf16).sum() };
            self.column = self.column.saturating_add(u32::try_from(units).unwrap_or(u32::MAX));
            self.offset = target;
        }
        Position { line: self.line, column: self.column }
    }
}

/// A cursor over valid JSON text that skips values: how `array_items` finds items without
/// reading a whole array into a tape.
struct Scan<'a> {
    b: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// After a member: `,` continues, `close` ends the container. False when the container ended.
    fn after_member(&mut self, close: u8) -> bool {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                true
            }
            Some(c) if c == close => {
                self.at += 1;
                false
            }
            _ => false,
        }
    }

    fn skip_string(&mut self) {
        self.at += 1;
        while let Some(c) = self.peek() {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    /// Skips one value without building pointers (iterative: no recursion on deep input).
    fn skip_value(&mut self) {
        self.ws();
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' => {
                    self.skip_string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return;
                    }
                }
                b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return,
                _ => {}
            }
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tape_of(text: &str) -> Tape {
        let mut tape = Tape::default();
        tape.read(text.as_bytes(), crate::parse::MAX_DEPTH).expect("json"); // ok: test code, literal JSON texts
        tape
    }

    #[test]
    fn finds_values_in_nested_text() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"é\": {\"c~/d\": true, \"e\\u0066\": null}, \"😀\": \"s\"\n}";
        let pointers =
            ["", "/a/1/b", "/é/c~0~1d", "/a/0", "/missing", "/é/ef", "/😀", "/a/2", "/a/x", "/a/01", "/a/+1"];
        let got = locate(text, &tape_of(text), &pointers);
        assert_eq!(got[0], Some(Position { line: 1, column: 1 }));
        assert_eq!(got[1], Some(Position { line: 2, column: 18 }));
        assert_eq!(got[2], Some(Position { line: 3, column: 17 }));
        assert_eq!(got[3], Some(Position { line: 2, column: 9 }));
        assert_eq!(got[4], None);
        // An escaped key names its decoded spelling.
        assert_eq!(got[5], Some(Position { line: 3, column: 34 }));
        assert_eq!(got[6], Some(Position { line: 3, column: 47 }));
        // RFC 6901 array indexes: in range, digits only, no leading zero.
        assert_eq!(&got[7..], [None, None, None, None]);
    }

    #[test]
    fn one_walk_for_many_pointers_finds_what_resolving_each_finds() {
        let text = "{\"a\": [1, {\"b\": \"x\"}], \"s\": {\"p\": 1}, \"é\": {\"c~/d\": true, \"e\\u0066\": null},\n \"s\": {\"p\": 2}}";
        let pointers = ["", "/a/1/b", "/é/c~0~1d", "/a/0", "/missing", "/é/ef", "/s/p", "/s", "/a/2", "/a/01", "/a/x"];
        let tape = tape_of(text);
        let walked = locate(text, &tape, &pointers);
        assert!(pointers.len() > 8, "more than are resolved one by one");
        let each: Vec<_> = pointers.iter().map(|p| locate(text, &tape, &[p])[0]).collect();
        assert_eq!(walked, each);
        assert_eq!(walked[6], Some(Position { line: 2, column: 13 }));
        assert_eq!(walked.iter().filter(|p| p.is_some()).count(), 7);
    }

    #[test]
    fn a_repeated_key_names_its_last_occurrence() {
        // JSON.parse and serde_json keep the last `s`, so that is where its issues point.
        let text = "{\"s\": {\"p\": 1},\n \"s\": {\"p\": 2}}";
        let got = locate(text, &tape_of(text), &["/s", "/s/p"]);
        assert_eq!(got, [Some(Position { line: 2, column: 7 }), Some(Position { line: 2, column: 13 })]);
    }

    /// The pointers `duplicate_keys` finds, each checked against the key it names.
    fn duplicate_pointers(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        duplicate_keys(text, &tape_of(text), &mut |path, key| {
            let last = path.rsplit('/').next().unwrap_or_default();
            assert_eq!(crate::pointer::unescape(last), key, "{path}");
            out.push(path.to_owned());
        });
        out
    }

    #[test]
    fn finds_duplicate_keys_at_every_level() {
        let text = r#"{"a":1,"b":{"x":1,"x":2},"a":[{"k":1,"k":2,"k":3}],"a\u0062":0,"ab":1}"#;
        assert_eq!(duplicate_pointers(text), ["/b/x", "/a", "/a/0/k", "/a/0/k", "/ab"]);
        let text = r#"{"a/b":{"~":1,"~":2}}"#;
        assert_eq!(duplicate_pointers(text), ["/a~1b/~0"]);
    }

    #[test]
    fn columns_are_utf16_units() {
        // 😀 takes two UTF-16 units, so the value 2 starts at column 15, not 14.
        let text = "{\"😀\":1, \"x\": 2}";
        assert_eq!(locate(text, &tape_of(text), &["/x"])[0], Some(Position { line: 1, column: 15 }));
        assert_eq!(utf16_column("ab\n😀c", 2, 5), 3);
    }
}
