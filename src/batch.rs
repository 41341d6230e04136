//! Many documents in one call: a JSON array, NDJSON text, or NDJSON arriving in chunks.
//!
//! `Batch` validates each document and hands the outcome to a `Consumer`
//! (`validateMany` counts, `summarise` normalises). The issue budget (`maxIssues`) is
//! shared by all documents, and positions are found with one scan of the text per call.

use crate::dialects::{self, Dialect};
use crate::issue::{Code, Issue};
use crate::json_out::{self, ToJson};
use crate::node::TapeNode;
use crate::options::ValidateOptions;
use crate::position::{LineCursor, Position};
use crate::prelude::*;
use crate::syntax::{self, Rules};
use crate::text::text;
use crate::{Input, Report};
use core::str::Utf8Error;
use serde::{Deserialize, Serialize};
#[cfg(not(target_arch = "wasm32"))]
use serde_json::Value;
#[cfg(not(target_arch = "wasm32"))]
use tsify::Tsify;

/// What a batch does with each document.
pub trait Consumer {
    /// `doc`: the document on its tape; `None` when `needs_documents` said no.
    fn valid(&mut self, index: usize, dialect: &'static Dialect, doc: Option<TapeNode<'_>>);
    /// Whether `valid` uses the document; if not, a valid document's tape is not read again.
    fn needs_documents(&self) -> bool {
        true
    }
    /// Called once per invalid document; `issues` may be cut to the remaining budget.
    fn invalid(&mut self, index: usize);
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
pub struct InvalidItem {
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    pub issues: Vec<Issue>,
}

/// The result of `validateMany` and of a streaming validator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ManyReport {
    pub total: u64,
    pub valid: u64,
    pub invalid: u64,
    /// Valid documents per dialect; every dialect id is present.
    #[cfg_attr(not(target_arch = "wasm32"), tsify(type = "Record<DialectId, number>"))]
    pub by_dialect: ByDialect,
    pub invalid_items: Vec<InvalidItem>,
    /// Issues (or whole invalid items) were left out at `maxIssues`.
    pub truncated: bool,
}

impl ToJson for InvalidItem {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("index", &self.index)
            .field_if_some("line", &self.line)
            .field("issues", &self.issues)
            .end();
    }
}

impl ToJson for ManyReport {
    fn write_json(&self, out: &mut String) {
        json_out::Object::new(out)
            .field("total", &self.total)
            .field("valid", &self.valid)
            .field("invalid", &self.invalid)
            .field("byDialect", &self.by_dialect)
            .field("invalidItems", &self.invalid_items)
            .field("truncated", &self.truncated)
            .end();
    }
}

/// Valid documents per dialect, in registry order (a map lookup per document showed in the
/// profile). In JSON, an object with every dialect id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByDialect(pub [u64; dialects::COUNT]);

impl ByDialect {
    /// The count of the dialect `id`; `None` for an id no dialect has.
    pub fn get(&self, id: &str) -> Option<u64> {
        place(id).and_then(|i| self.0.get(i).copied())
    }

    pub fn bump(&mut self, dialect: &Dialect) {
        if let Some(n) = dialects::index_of(dialect).and_then(|i| self.0.get_mut(i)) {
            *n += 1;
        }
    }

    fn entries(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        dialects::IDS.iter().copied().zip(self.0.iter().copied())
    }
}

/// The registry place of the dialect `id`.
fn place(id: &str) -> Option<usize> {
    dialects::by_id(id).and_then(dialects::index_of)
}

impl ToJson for ByDialect {
    fn write_json(&self, out: &mut String) {
        json_out::members(out, self.entries());
    }
}

impl Serialize for ByDialect {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.entries())
    }
}

impl<'de> Deserialize<'de> for ByDialect {
    /// An object of dialect ids and counts; an id no dialect has is an error.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let counts = alloc::collections::BTreeMap::<String, u64>::deserialize(deserializer)?;
        let mut by_dialect = ByDialect::default();
        for (id, n) in counts {
            let slot = place(&id).and_then(|i| by_dialect.0.get_mut(i));
            *slot.ok_or_else(|| serde::de::Error::custom(text!("no dialect ", id)))? = n;
        }
        Ok(by_dialect)
    }
}

/// Validates documents one by one and keeps the invalid ones' issues within the budget.
pub struct Batch<'o> {
    pub options: &'o ValidateOptions,
    pub invalid_items: Vec<InvalidItem>,
    pub truncated: bool,
    budget: usize,
}

impl<'o> Batch<'o> {
    pub fn new(options: &'o ValidateOptions) -> Self {
        Batch { options, invalid_items: Vec::new(), truncated: false, budget: options.max_issues }
    }

    /// One document, an array of documents, JSON text (one document or an array) or NDJSON.
    pub fn run(&mut self, input: Input<'_>, consumer: &mut dyn Consumer) {
        match input {
            #[cfg(not(target_arch = "wasm32"))]
            Input::Value(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(i, item, consumer);
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            Input::Value(v) => self.value(0, v, consumer),
            // A `str` is UTF-8: `text` has nothing to refuse.
            Input::Text(text) => self.text(text.as_bytes(), true, consumer).unwrap_or_default(),
            Input::Encoded(text) => self.text(text.as_bytes(), false, consumer).unwrap_or_default(),
        }
    }

    /// JSON text (one document or an array) or NDJSON, as bytes meant to be UTF-8. NDJSON
    /// is read line by line as bytes: a line that is not UTF-8 is an issue of its own, as
    /// in a stream. Anything else must be UTF-8 as a whole (`Err` when it is not).
    fn text(&mut self, text: &[u8], positions: bool, consumer: &mut dyn Consumer) -> Result<(), Utf8Error> {
        // NDJSON first: no text is both that and one JSON value (its first line would be a
        // whole value, with a second line after it).
        if looks_like_ndjson(text) {
            self.ndjson(text, positions, consumer);
            return Ok(());
        }
        let text = core::str::from_utf8(text)?;
        // A syntax check that builds nothing; then each document is read from its own slice of
        // the text, so a million-item array never becomes one million-item value.
        if syntax::check(text.as_bytes(), Rules::Grammar).is_ok() {
            if text.trim_start().starts_with('[') {
                let mut cursor = LineCursor::new(text);
                for (i, (start, end)) in crate::position::array_items(text).into_iter().enumerate() {
                    let at = cursor.advance_to(start);
                    let item = text.get(start..end).unwrap_or("");
                    self.document(i, item.as_bytes(), at, positions, consumer);
                }
            } else {
                self.document(0, text.as_bytes(), Position { line: 1, column: 1 }, positions, consumer);
            }
        } else {
            let input = crate::text_input(text, !positions);
            let report = crate::verdict(input, &self.checking()).into_report();
            self.add_invalid(0, positions.then_some(1), report.issues, report.truncated, consumer);
        }
        Ok(())
    }

    /// NDJSON: each line a document, read as bytes (only a document that is not clean is
    /// checked for UTF-8 as a whole: `verdict_bytes`).
    fn ndjson(&mut self, text: &[u8], positions: bool, consumer: &mut dyn Consumer) {
        let mut index = 0;
        for (n, line) in lines(text).enumerate() {
            let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            if self.line(index, line_no, line, positions, consumer) {
                index += 1;
            }
        }
    }

    /// One NDJSON line (without its `\n`), UTF-8 or not. Returns false for a blank line,
    /// which is no document.
    pub fn line(
        &mut self,
        index: usize,
        line_no: u32,
        line: &[u8],
        positions: bool,
        consumer: &mut dyn Consumer,
    ) -> bool {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return false;
        }
        self.document(index, line, Position { line: line_no, column: 1 }, positions, consumer);
        true
    }

    /// One document whose text starts at `at` in the caller's text; positions are shifted
    /// there. Bytes that are not UTF-8 are an issue of their own.
    fn document(&mut self, index: usize, text: &[u8], at: Position, positions: bool, consumer: &mut dyn Consumer) {
        let options = self.checking();
        // `None`: valid, and handed to the consumer; `Err`: not UTF-8. Counting needs no second
        // read: the tape read for the fast path also gives the issues.
        let outcome: Result<Option<Report>, Utf8Error> = if consumer.needs_documents() {
            core::str::from_utf8(text).map(|text| {
                let input = crate::text_input(text, !positions);
                crate::check_then(input, &options, |d, doc| consumer.valid(index, d, Some(doc))).err()
            })
        } else {
            crate::verdict_bytes(text, !positions, &options).map(|verdict| match verdict.valid_dialect() {
                Some(d) => {
                    consumer.valid(index, d, None);
                    None
                }
                None => Some(verdict.into_report()),
            })
        };
        let Ok(report) = outcome else {
            let line_at = positions.then_some(at.line);
            let mut issue = Issue::error(Code::Syntax, "", "Expected UTF-8 text, found bytes that are not UTF-8.");
            issue.line = line_at;
            issue.column = line_at.map(|_| 1);
            return self.add_invalid(index, line_at, vec![issue], false, consumer);
        };
        let Some(report) = report else { return };
        let mut issues = report.issues;
        for issue in &mut issues {
            if issue.line == Some(1) {
                issue.column = issue.column.map(|c| c.saturating_add(at.column - 1));
            }
            issue.line = issue.line.map(|l| l.saturating_add(at.line - 1));
        }
        let line = positions.then_some(at.line);
        self.add_invalid(index, line, issues, report.truncated, consumer);
    }

    /// A value built in Rust (the native API): checked as the text it is written as.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn value(&mut self, index: usize, value: &Value, consumer: &mut dyn Consumer) {
        let checked =
            crate::check_then(Input::Value(value), &self.checking(), |d, doc| consumer.valid(index, d, Some(doc)));
        if let Err(report) = checked {
            self.add_invalid(index, None, report.issues, report.truncated, consumer);
        }
    }

    /// The options each document is checked with. Once the budget is spent no issue can be
    /// listed, so a document is only judged: a cap of 0 issues stops its walk at the first
    /// error (`Sink::full`), and validity stays exact. With 10 % invalid documents this is
    /// most of them past the first `maxIssues`.
    fn checking(&self) -> ValidateOptions {
        match self.budget {
            0 => ValidateOptions { max_issues: 0, ..*self.options },
            _ => *self.options,
        }
    }

    /// `cut`: the document's own check left issues out at `maxIssues`.
    fn add_invalid(
        &mut self,
        index: usize,
        line: Option<u32>,
        mut issues: Vec<Issue>,
        cut: bool,
        consumer: &mut dyn Consumer,
    ) {
        consumer.invalid(index);
        self.truncated |= cut;
        if self.budget == 0 {
            // Counted, but no room left to list it: memory stays bounded however many fail.
            self.truncated = true;
            return;
        }
        if issues.len() > self.budget {
            issues.truncate(self.budget);
            self.truncated = true;
        }
        self.budget -= issues.len();
        self.invalid_items.push(InvalidItem { index, line, issues });
    }
}

/// The lines of `text` as `split(|&c| c == b'\n')` gives them, found by memchr's search
/// (core's scans 4 bytes at a time on wasm32: 7 % of validateMany's time).
fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text).map(Some).chain([None]);
    ends.map(move |end| {
        let end = end.unwrap_or(text.len());
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        line
    })
}

/// NDJSON: more than one non-blank line, and the first of them is a JSON document on its own.
pub fn looks_like_ndjson(text: &[u8]) -> bool {
    let mut non_blank = lines(text).filter(|l| !blank(l)).map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    match (non_blank.next(), non_blank.next()) {
        (Some(first), Some(_)) => core::str::from_utf8(first).is_ok() && syntax::check(first, Rules::Grammar).is_ok(),
        _ => false,
    }
}

/// Whether a line is blank for `looks_like_ndjson`: whitespace only, as `str::trim` says.
fn blank(line: &[u8]) -> bool {
    // An ASCII byte that `char::is_whitespace` refuses settles it at once: a long line (a
    // one-line array) is not decoded just to find its first `[`.
    if line.iter().any(|&c| c.is_ascii() && !matches!(c, b' ' | b'\t'..=b'\r')) {
        return false;
    }
    core::str::from_utf8(line).is_ok_and(|l| l.trim().is_empty())
}

/// Counts for `validateMany`.
#[derive(Default)]
pub struct Counter {
    pub total: u64,
    pub valid: u64,
    pub invalid: u64,
    pub by_dialect: ByDialect,
}

impl Consumer for Counter {
    fn needs_documents(&self) -> bool {
        false
    }

    fn valid(&mut self, _: usize, dialect: &'static Dialect, _: Option<TapeNode<'_>>) {
        self.total += 1;
        self.valid += 1;
        self.by_dialect.bump(dialect);
    }

    fn invalid(&mut self, _: usize) {
        self.total += 1;
        self.invalid += 1;
    }
}

impl Counter {
    pub fn report(self, batch: Batch<'_>) -> ManyReport {
        ManyReport {
            total: self.total,
            valid: self.valid,
            invalid: self.invalid,
            by_dialect: self.by_dialect,
            invalid_items: batch.invalid_items,
            truncated: batch.truncated,
        }
    }
}

/// `validateMany`: every document of an array, JSON text or NDJSON text.
pub fn validate_many(input: Input<'_>, options: &ValidateOptions) -> ManyReport {
    let mut batch = Batch::new(options);
    let mut counter = Counter::default();
    batch.run(input, &mut counter);
    counter.report(batch)
}

/// `validate_many` of text as bytes (`encoded`: written by the binding from a JS value), so
/// that NDJSON needs no UTF-8 check of the whole (see `Batch::text`).
pub fn validate_many_bytes(text: &[u8], encoded: bool, options: &ValidateOptions) -> Result<ManyReport, Utf8Error> {
    let mut batch = Batch::new(options);
    let mut counter = Counter::default();
    batch.text(text, !encoded, &mut counter)?;
    Ok(counter.report(batch))
}

/// `validate_many_bytes` of one text handed over in pieces: the binding writes a large string
/// a piece at a time, so the wasm never holds all of it, and each piece is read while it is
/// still in the cache (a 50 MB text written whole ran 8 % slower than in 1 MB pieces).
/// NDJSON is validated as it arrives, through a `Stream`; anything else (one document, an
/// array) is kept whole and validated at the end. Which it is depends on the first two
/// non-blank lines (`looks_like_ndjson`), so pieces are kept until two whole ones arrived.
pub struct Pieces {
    options: ValidateOptions,
    /// The text so far, while it is not known to be NDJSON.
    kept: Vec<u8>,
    /// Where the search for the first two non-blank lines in `kept` has got to.
    scanned: usize,
    non_blank: usize,
    /// Known not to be NDJSON: everything is kept.
    whole: bool,
    stream: Option<Stream<Counter>>,
}

impl Pieces {
    pub fn new(options: ValidateOptions) -> Pieces {
        Pieces { options, kept: Vec::new(), scanned: 0, non_blank: 0, whole: false, stream: None }
    }

    pub fn push(&mut self, piece: &[u8]) {
        if let Some(stream) = &mut self.stream {
            return stream.push(piece);
        }
        self.kept.extend_from_slice(piece);
        if self.whole {
            return;
        }
        // Whole lines only: a line cut short could still turn out blank.
        while let Some(nl) = self.kept.get(self.scanned..).and_then(|rest| memchr::memchr(b'\n', rest)) {
            let line = self.kept.get(self.scanned..self.scanned + nl).unwrap_or_default();
            self.scanned += nl + 1;
            self.non_blank += usize::from(!blank(line));
            if self.non_blank == 2 {
                // Decided by what has arrived, exactly as for the whole text.
                if looks_like_ndjson(self.kept.get(..self.scanned).unwrap_or_default()) {
                    let mut stream = Stream::validator(self.options);
                    stream.push(&core::mem::take(&mut self.kept));
                    self.stream = Some(stream);
                } else {
                    self.whole = true;
                }
                return;
            }
        }
    }

    /// The report of the whole text; `Err` when text that is not NDJSON is not UTF-8.
    pub fn finish(self) -> Result<ManyReport, Utf8Error> {
        match self.stream {
            Some(stream) => Ok(stream.report()),
            None => validate_many_bytes(&self.kept, false, &self.options),
        }
    }
}

/// NDJSON that arrives in chunks split anywhere, even inside a UTF-8 sequence, handed
/// document by document to a consumer (`Counter` for `createValidator`, the summary's
/// accumulator for `createSummariser`). Memory holds one partial line at most (and a line
/// longer than the document limit is skipped to its end, reported as a `limit` issue).
pub struct Stream<C: Consumer> {
    lines: Lines,
    consumer: C,
}

impl<C: Consumer> Stream<C> {
    pub fn new(options: ValidateOptions, consumer: C) -> Stream<C> {
        let lines = Lines {
            options,
            pending: Vec::new(),
            skipping: false,
            line_no: 0,
            index: 0,
            invalid_items: Vec::new(),
            truncated: false,
            budget: options.max_issues,
        };
        Stream { lines, consumer }
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.lines.push(chunk, &mut self.consumer);
    }

    /// Takes a last line without a newline; returns the consumer, the invalid items and
    /// whether any were cut at `maxIssues`.
    pub fn finish(mut self) -> (C, Vec<InvalidItem>, bool) {
        if !self.lines.pending.is_empty() || self.lines.skipping {
            self.lines.end_line(&[], &mut self.consumer);
        }
        (self.consumer, self.lines.invalid_items, self.lines.truncated)
    }
}

/// A stream's state but its consumer: one copy of the line handling in the wasm for every
/// kind of consumer (it calls the consumer once a document).
struct Lines {
    options: ValidateOptions,
    pending: Vec<u8>,
    /// The current line is over the limit: drop bytes until its end.
    skipping: bool,
    line_no: u32,
    index: usize,
    invalid_items: Vec<InvalidItem>,
    truncated: bool,
    budget: usize,
}

impl Lines {
    fn push(&mut self, mut chunk: &[u8], consumer: &mut dyn Consumer) {
        while let Some(nl) = memchr::memchr(b'\n', chunk) {
            let (head, rest) = chunk.split_at(nl);
            self.end_line(head, consumer);
            chunk = rest.get(1..).unwrap_or_default();
        }
        if !self.skipping {
            self.pending.extend_from_slice(chunk);
            if self.pending.len() > crate::parse::MAX_DOCUMENT_BYTES {
                self.skipping = true;
                self.pending = Vec::new();
            }
        }
    }

    /// Ends the current line, whose last bytes are `tail` (the bytes before it are pending).
    fn end_line(&mut self, tail: &[u8], consumer: &mut dyn Consumer) {
        self.line_no = self.line_no.saturating_add(1);
        if self.skipping {
            self.skipping = false;
            let message = text!(
                "Expected a document of at most ",
                crate::parse::MAX_DOCUMENT_BYTES,
                " bytes, found a longer line."
            );
            let mut issue = Issue::error(Code::Limit, "", message);
            issue.line = Some(self.line_no);
            issue.column = Some(1);
            self.with_batch(consumer, |batch, consumer, index, line_no| {
                batch.add_invalid(index, Some(line_no), vec![issue], false, consumer);
            });
            self.index += 1;
            return;
        }
        if self.pending.is_empty() {
            // A line within one chunk, the common case: read where it is, not copied.
            self.line(tail, consumer);
            return;
        }
        let mut line = core::mem::take(&mut self.pending);
        line.extend_from_slice(tail);
        self.line(&line, consumer);
        // Keep the allocation for the next line, unless one huge line inflated it.
        if line.capacity() <= 1 << 20 {
            self.pending = line;
            self.pending.clear();
        }
    }

    fn line(&mut self, line: &[u8], consumer: &mut dyn Consumer) {
        let mut counted = false;
        self.with_batch(consumer, |batch, consumer, index, line_no| {
            counted = batch.line(index, line_no, line, true, consumer);
        });
        if counted {
            self.index += 1;
        }
    }

    /// Runs `f` with a `Batch` that carries this stream's budget and items across calls.
    fn with_batch(
        &mut self,
        consumer: &mut dyn Consumer,
        f: impl FnOnce(&mut Batch<'_>, &mut dyn Consumer, usize, u32),
    ) {
        let mut batch = Batch {
            options: &self.options,
            invalid_items: core::mem::take(&mut self.invalid_items),
            truncated: self.truncated,
            budget: self.budget,
        };
        f(&mut batch, consumer, self.index, self.line_no);
        self.invalid_items = batch.invalid_items;
        self.truncated = batch.truncated;
        self.budget = batch.budget;
    }
}

impl Stream<Counter> {
    /// `createValidator`.
    pub fn validator(options: ValidateOptions) -> Self {
        Stream::new(options, Counter::default())
    }

    /// The report of everything pushed.
    pub fn report(self) -> ManyReport {
        let (counter, invalid_items, truncated) = self.finish();
        ManyReport {
            total: counter.total,
            valid: counter.valid,
            invalid: counter.invalid,
            by_dialect: counter.by_dialect,
            invalid_items,
            truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{blank, lines};

    #[test]
    fn blank_is_what_trim_says() {
        let parts = ["", " ", "\t", "\u{b}", "\u{c}", "\r", "\u{1c}", "\u{85}", "\u{a0}", "\u{2028}", "a", "{", "é"];
        for a in parts {
            for b in parts {
                let line = format!("{a}{b}");
                assert_eq!(blank(line.as_bytes()), line.trim().is_empty(), "{line:?}");
            }
        }
    }

    #[test]
    fn lines_are_what_split_gives() {
        for text in ["", "\n", "a", "a\n", "\na", "a\nb", "a\n\nb\n", "é\r\n{}\n\n", "\n\n\n"] {
            let text = text.as_bytes();
            assert_eq!(lines(text).collect::<Vec<_>>(), text.split(|&c| c == b'\n').collect::<Vec<_>>(), "{text:?}");
        }
    }
}
