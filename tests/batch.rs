//! `validateMany` and the streaming validator: the same answers for the same NDJSON,
//! however it is cut into chunks.
// Native only: they pass documents as parsed values, which only the native API takes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fixtures, mutations};
use serde_json::json;
use taskstatus::batch::{validate_many, validate_many_bytes, ManyReport, Pieces, Stream};
use taskstatus::options::ValidateOptions;
use taskstatus::{validate, Input};

/// Line 1 valid Flat, line 2 blank, line 3 a valid bare Livepeer asset status ending in CRLF,
/// line 4 Flat with an unknown state, line 5 whitespace only, line 6 Flat with multi-byte text
/// and a bad state, with no newline at the end.
const NDJSON: &str = "{\"id\":\"a\",\"state\":\"done\"}\n\n{\"phase\":\"deleting\",\"updatedAt\":1}\r\n{\"id\":\"b\",\"state\":\"nope\"}\n  \n{\"id\":\"é😀\",\"state\":\"x\"}";

/// (document index, its line, issue path, issue line, issue column)
type Where = (usize, Option<u32>, String, Option<u32>, Option<u32>);

fn positions(r: &ManyReport) -> Vec<Where> {
    r.invalid_items
        .iter()
        .flat_map(|item| item.issues.iter().map(move |i| (item.index, item.line, i.path.clone(), i.line, i.column)))
        .collect()
}

#[test]
fn validate_many_counts_and_positions() {
    let r = validate_many(Input::Text(NDJSON), &ValidateOptions::default());
    assert_eq!((r.total, r.valid, r.invalid, r.truncated), (4, 2, 2, false));
    assert_eq!(r.by_dialect.get("flat.task"), Some(1));
    assert_eq!(r.by_dialect.get("livepeer.asset"), Some(1));
    // Documents are numbered without the blank lines; lines count them. Columns are UTF-16:
    // on line 6, `{"id":"é😀","state":` is 20 units (😀 takes two), so the value starts at 21.
    assert_eq!(
        positions(&r),
        [(2, Some(4), "/state".to_owned(), Some(4), Some(19)), (3, Some(6), "/state".to_owned(), Some(6), Some(21))]
    );
}

#[test]
fn a_chunk_boundary_at_every_byte_changes_nothing() {
    let whole = validate_many(Input::Text(NDJSON), &ValidateOptions::default());
    let bytes = NDJSON.as_bytes();
    for cut in 0..=bytes.len() {
        let mut s = Stream::validator(ValidateOptions::default());
        let (a, b) = bytes.split_at(cut);
        s.push(a);
        s.push(b);
        assert_eq!(s.report(), whole, "cut at byte {cut}");
    }
    // One byte at a time: every UTF-8 sequence is split.
    let mut s = Stream::validator(ValidateOptions::default());
    for b in bytes {
        s.push(std::slice::from_ref(b));
    }
    assert_eq!(s.report(), whole);
}

#[test]
fn a_trailing_newline_and_empty_chunks_change_nothing() {
    let whole = validate_many(Input::Text(NDJSON), &ValidateOptions::default());
    let mut s = Stream::validator(ValidateOptions::default());
    s.push(b"");
    s.push(NDJSON.as_bytes());
    s.push(b"");
    s.push(b"\n");
    assert_eq!(s.report(), whole);
}

#[test]
fn bytes_that_are_not_utf8_are_an_issue_on_their_line() {
    let mut s = Stream::validator(ValidateOptions::default());
    s.push(b"{\"id\":\"a\",\"state\":\"done\"}\n{\"id\":\"\xff\",\"state\":\"done\"}\n");
    let r = s.report();
    assert_eq!((r.total, r.valid, r.invalid), (2, 1, 1));
    assert_eq!(positions(&r), [(1, Some(2), String::new(), Some(2), Some(1))]);
}

#[test]
fn validate_many_of_bytes_answers_as_of_text_and_as_a_stream() {
    let o = ValidateOptions::default();
    let whole = validate_many(Input::Text(NDJSON), &o);
    assert_eq!(validate_many_bytes(NDJSON.as_bytes(), false, &o), Ok(whole));
    // NDJSON bytes are read line by line: a line that is not UTF-8 is its own issue, as in a
    // stream, and the clean lines around it still count.
    let ndjson: &[u8] = b"{\"id\":\"a\",\"state\":\"done\"}\n{\"id\":\"\xff\",\"state\":\"done\"}\n{\"id\":\"\xc3\xa9\",\"state\":\"done\"}";
    let mut s = Stream::validator(o);
    s.push(ndjson);
    let r = validate_many_bytes(ndjson, false, &o).expect("NDJSON is read line by line");
    assert_eq!((r.total, r.valid, r.invalid), (3, 2, 1));
    assert_eq!(r, s.report());
    // Anything else is text as a whole, which must be UTF-8.
    assert!(validate_many_bytes(b"[{\"id\":\"\xff\",\"state\":\"done\"}]", false, &o).is_err());
    assert!(validate_many_bytes(b"{\"id\":\"\xff\",\"state\":\"done\"}", false, &o).is_err());
}

#[test]
fn a_text_in_pieces_is_validated_as_the_whole_text_at_every_cut() {
    let texts: [&[u8]; 9] = [
        NDJSON.as_bytes(),
        // Blank lines (one of them not ASCII: U+00A0) before the first document.
        "\n \u{a0}\r\n{\"id\":\"a\",\"state\":\"done\"}\n{\"id\":\"b\",\"state\":\"nope\"}".as_bytes(),
        // One document, pretty-printed; an array on one line; one document alone.
        b"{\n  \"id\": \"a\",\n  \"state\": \"nope\"\n}\n",
        b"[{\"id\":\"a\",\"state\":\"done\"},{\"id\":1}]\n",
        b"{\"id\":\"a\",\"state\":\"done\"}",
        // Two lines, the first not a document: not NDJSON, one syntax error.
        b"{\"id\":\n\"a\"}\n{}",
        // Not UTF-8: in an NDJSON line (its own issue), in an array (the whole text fails).
        b"{\"id\":\"a\",\"state\":\"done\"}\n{\"id\":\"\xff\",\"state\":\"done\"}\n",
        b"[{\"id\":\"\xff\",\"state\":\"done\"}]",
        b"",
    ];
    let o = ValidateOptions { max_issues: 3, ..ValidateOptions::default() };
    for text in texts {
        let whole = validate_many_bytes(text, false, &o);
        for cut in 0..=text.len() {
            let (a, b) = text.split_at(cut);
            let mut pieces = Pieces::new(o);
            pieces.push(a);
            pieces.push(b);
            assert_eq!(pieces.finish(), whole, "{text:x?} cut at {cut}");
        }
        let mut pieces = Pieces::new(o);
        for b in text {
            pieces.push(std::slice::from_ref(b));
        }
        assert_eq!(pieces.finish(), whole, "{text:x?} a byte at a time");
    }
}

#[test]
fn max_issues_caps_the_total_and_memory() {
    let line = "{\"id\":1,\"state\":2}\n";
    let opts = ValidateOptions { max_issues: 5, ..ValidateOptions::default() };
    let mut s = Stream::validator(opts);
    for _ in 0..1000 {
        s.push(line.as_bytes());
    }
    let r = s.report();
    assert_eq!((r.total, r.invalid), (1000, 1000));
    assert!(r.truncated);
    // 2 issues per document: two whole documents, half of the third, and no more items kept.
    assert_eq!(r.invalid_items.iter().map(|i| i.issues.len()).collect::<Vec<_>>(), [2, 2, 1]);
}

#[test]
fn issues_cut_inside_one_document_make_the_batch_truncated() {
    // Four wrong types in one Flat task (its `id`, `state`, `type` and `score` are strings),
    // and room for two: the item lists two, and the report says some were left out.
    let line = "{\"id\":1,\"state\":2,\"type\":3,\"score\":4}";
    let opts = ValidateOptions { max_issues: 2, ..ValidateOptions::default() };
    for text in [line.to_owned(), format!("{line}\n")] {
        let r = validate_many(Input::Text(&text), &opts);
        assert_eq!((r.total, r.invalid, r.truncated), (1, 1, true), "{text:?}");
        assert_eq!(r.invalid_items[0].issues.len(), 2);
    }
    let doc: serde_json::Value = serde_json::from_str(line).expect("json");
    let r = validate_many(Input::Value(&json!([doc])), &opts);
    assert_eq!((r.invalid, r.truncated, r.invalid_items[0].issues.len()), (1, true, 2));
}

#[test]
fn documents_past_the_issue_budget_are_judged_as_validate_judges_them() {
    // Once a first document has spent the budget, the others are only judged (their walk
    // stops at a first error): the count of invalid ones must still be exact, for every
    // fixture, strict or not, and every mutation of it (warnings before errors, errors
    // inside alternatives and inside JSON text, repeated keys, text that is not JSON).
    let spend = "{\"id\":1,\"state\":\"done\"}";
    let mut judged = 0;
    for (name, text, options, _) in fixtures() {
        let one_line = text.replace(['\n', '\r'], " ");
        for (what, doc) in
            std::iter::once(("as is".to_owned(), one_line.clone())).chain(mutations(&one_line).step_by(5))
        {
            let alone = validate(Input::Text(&doc), &options);
            let batch = ValidateOptions { max_issues: 1, ..options };
            let r = validate_many(Input::Text(&format!("{spend}\n{doc}\n")), &batch);
            let blank = doc.trim().is_empty();
            let expected = 1 + u64::from(!alone.valid && !blank);
            assert_eq!(r.invalid, expected, "{name}, {what}: {doc}");
            assert!(r.truncated || expected == 1, "{name}, {what}");
            judged += 1;
        }
    }
    assert!(judged > 20_000, "{judged}");
}

#[test]
fn arrays_and_json_text_of_arrays_agree() {
    let docs = json!([{"id": "a", "state": "done"}, {"id": "b", "state": "nope"}]);
    let from_value = validate_many(Input::Value(&docs), &ValidateOptions::default());
    let text = serde_json::to_string_pretty(&docs).expect("json");
    let from_text = validate_many(Input::Text(&text), &ValidateOptions::default());
    assert_eq!((from_value.total, from_value.invalid), (2, 1));
    assert_eq!(from_text.invalid_items[0].index, 1);
    // In the pretty text the second item opens on line 6 and its state value is on line 8.
    assert_eq!(from_text.invalid_items[0].line, Some(6));
    assert_eq!(from_text.invalid_items[0].issues[0].line, Some(8));
}

#[test]
fn repeated_keys_in_array_items_are_reported_per_item() {
    let text = "[\n{\"id\":\"a\",\"state\":\"done\"},\n{\"id\":\"b\",\"state\":\"doing\",\"state\":\"done\"}\n]";
    // Not strict: a warning, and a warning alone leaves the item valid (and unlisted).
    let r = validate_many(Input::Text(text), &ValidateOptions::default());
    assert_eq!((r.valid, r.invalid), (2, 0));
    // Strict: the repeat is an error, at the item's own pointer, on line 3 at the second "done" (column 35).
    let strict = ValidateOptions { strict: true, ..ValidateOptions::default() };
    let r = validate_many(Input::Text(text), &strict);
    assert_eq!((r.valid, r.invalid), (1, 1));
    assert_eq!(positions(&r), [(1, Some(3), "/state".to_owned(), Some(3), Some(35))]);
}

#[test]
fn an_array_item_beyond_the_limits_is_an_issue_of_that_item_alone() {
    // The whole text is read for its grammar alone (any depth, any number, any `\u`), so
    // one item too deep, out of range or with a lone surrogate spoils only itself.
    let deep = "[".repeat(200) + &"]".repeat(200);
    for bad in [deep.as_str(), "1e400", "\"\\ud800\""] {
        let text = format!("[{{\"id\":\"a\",\"state\":\"done\"}},\n{bad},\n{{\"id\":\"b\",\"state\":\"done\"}}]");
        let r = validate_many(Input::Text(&text), &ValidateOptions::default());
        assert_eq!((r.total, r.valid, r.invalid), (3, 2, 1), "{bad}");
        assert_eq!((r.invalid_items[0].index, r.invalid_items[0].line), (1, Some(2)), "{bad}");
        let issue = &r.invalid_items[0].issues[0];
        assert_eq!((issue.line, issue.path.as_str()), (Some(2), ""), "{bad}");
    }
    // Text that breaks the grammar is one issue for the whole text, where it breaks.
    let r = validate_many(Input::Text("[{\"id\":\"a\",\"state\":\"done\"},\n{\"id\" 1}]"), &ValidateOptions::default());
    assert_eq!((r.total, r.invalid), (1, 1));
    let issue = &r.invalid_items[0].issues[0];
    assert_eq!((issue.line, issue.column), (Some(2), Some(7)));
}
