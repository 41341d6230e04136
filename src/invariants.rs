//! The properties every input must keep, whatever its bytes: checked by the fuzz targets
//! (`fuzz/`, `make fuzz`) and, on the saved regression inputs, by plain `cargo test`.

use crate::batch::{validate_many, Stream};
use crate::dialects::ALL;
use crate::issue::Severity;
use crate::model::NORMALISED;
use crate::options::{DialectChoice, SummaryOptions, ValidateOptions};
use crate::prelude::*;
use crate::{check_against, detect, normalise, scan, summary, validate, Input};

/// The dialect choice and strictness a fuzz input asks for: its first byte (then the text).
fn choose(data: &[u8]) -> (ValidateOptions, alloc::borrow::Cow<'_, str>) {
    let (head, rest) = data.split_first().map_or((0, data), |(h, r)| (*h, r));
    let dialect = match usize::from(head & 0x7f) % (ALL.len() + 1) {
        0 => DialectChoice::Auto,
        n => ALL.get(n - 1).map_or(DialectChoice::Auto, |d| DialectChoice::Fixed(d)),
    };
    (ValidateOptions { dialect, strict: head & 0x80 != 0, ..ValidateOptions::default() }, String::from_utf8_lossy(rest))
}

/// `validate` on text: the fast path agrees with the full one, issues carry positions, and
/// `valid` agrees with the issues.
pub fn validate_text(data: &[u8]) -> Result<(), String> {
    let (options, text) = choose(data);
    let _ = detect(Input::Text(&text));
    let report = validate(Input::Text(&text), &options);
    let by_value = crate::validate_by_value(Input::Text(&text), &options);
    if by_value != report {
        return Err(format!("validate and the walk of the parsed value disagree: {report:?} vs {by_value:?}"));
    }
    if report.issues.iter().any(|i| i.line.is_none() || i.column.is_none()) {
        return Err(format!("an issue from text without a position: {:?}", report.issues));
    }
    if report.valid == report.issues.iter().any(|i| i.severity == Severity::Error) {
        return Err(format!("valid does not agree with the issues: {report:?}"));
    }
    if let Some(d) = scan::clean(&text, &options) {
        if !(report.valid && report.issues.is_empty() && report.dialect.as_deref() == Some(d.id)) {
            return Err(format!("the fast path said {} but the full path said {report:?}", d.id));
        }
    }
    Ok(())
}

/// `normalise`: a valid document normalises, and its normalised form meets the normalised
/// declaration; an invalid one does not normalise.
pub fn normalise_text(data: &[u8]) -> Result<(), String> {
    let (options, text) = choose(data);
    let valid = validate(Input::Text(&text), &options).valid;
    match (valid, normalise(Input::Text(&text), &options)) {
        (true, Ok(status)) => {
            let value = serde_json::to_value(&status).map_err(|e| e.to_string())?;
            let issues = check_against(&value, &NORMALISED);
            if issues.is_empty() {
                Ok(())
            } else {
                Err(format!("normalised output breaks its own schema: {issues:?}"))
            }
        }
        (true, Err(r)) => Err(format!("valid, but normalise failed: {r:?}")),
        (false, Ok(_)) => Err("invalid, but normalise succeeded".to_owned()),
        (false, Err(_)) => Ok(()),
    }
}

/// Every single-document property, for every dialect choice, strict and not.
pub fn document(data: &[u8]) -> Result<(), String> {
    for head in 0..=(ALL.len() as u8) {
        for strict in [0, 0x80] {
            let mut input = vec![head | strict];
            input.extend_from_slice(data);
            validate_text(&input)?;
            normalise_text(&input)?;
        }
    }
    Ok(())
}

/// `summarise` and `validateMany` over NDJSON or an array agree on the totals.
pub fn summarise_text(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let options = ValidateOptions { max_issues: 50, ..ValidateOptions::default() };
    let whole = validate_many(Input::Text(&text), &options);
    if whole.total != whole.valid + whole.invalid {
        return Err(format!("totals do not add up: {whole:?}"));
    }
    let s = summary::summarise(Input::Text(&text), &SummaryOptions { validate: options, ..SummaryOptions::new(0.0) });
    if (s.total, s.valid) != (whole.total, whole.valid) {
        return Err(format!(
            "summarise and validateMany disagree: {} / {} vs {} / {}",
            s.total, s.valid, whole.total, whole.valid
        ));
    }
    Ok(())
}

/// The streaming validator gives `validateMany`'s answer however the bytes are cut (the cut
/// points come from the input itself), for text read as NDJSON.
pub fn stream_chunks(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    if !crate::batch::looks_like_ndjson(text.as_bytes()) {
        return Ok(());
    }
    let options = ValidateOptions { max_issues: 50, ..ValidateOptions::default() };
    let whole = validate_many(Input::Text(&text), &options);
    let bytes = text.as_bytes();
    let mut stream = Stream::validator(options);
    let mut at = 0;
    let mut step = data.first().map_or(1, |b| usize::from(*b % 17) + 1);
    while at < bytes.len() {
        let end = (at + step).min(bytes.len());
        stream.push(bytes.get(at..end).unwrap_or_default());
        at = end;
        step = step * 7 % 23 + 1;
    }
    let streamed = stream.report();
    if streamed == whole {
        Ok(())
    } else {
        Err(format!("streaming disagrees with validateMany: {streamed:?} vs {whole:?}"))
    }
}

/// Every many-document property.
pub fn many(data: &[u8]) -> Result<(), String> {
    summarise_text(data)?;
    stream_chunks(data)
}
