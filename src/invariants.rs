//! The properties every input must keep, whatever its bytes: checked by the fuzz targets
//! (`fuzz/`, `make fuzz`) and, on the saved regression inputs, by plain `cargo test`.

use crate::batch::{validate_many, Stream};
use crate::dialects::ALL;
use crate::issue::Severity;
use crate::model::NORMALISED;
use crate::options::{DialectChoice, SummaryOptions, ValidateOptions};
use crate::{check_against, detect, normalise, scan, summary, validate, Input};

/// One document: no panic (a panic fails the caller); a valid document normalises, and its
/// normalised form satisfies the normalised declaration; the fast path agrees with the full one;
/// issues from text carry positions.
pub fn document(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let _ = detect(Input::Text(&text));
    let choices = std::iter::once(DialectChoice::Auto).chain(ALL.iter().map(|d| DialectChoice::Fixed(d)));
    for (n, dialect) in choices.enumerate() {
        let options = ValidateOptions { dialect, strict: n % 2 == 1, ..ValidateOptions::default() };
        let report = validate(Input::Text(&text), &options);
        let full = crate::check(Input::Text(&text), &options).report;
        if full != report {
            return Err(format!("validate's fast path and the full path disagree: {report:?} vs {full:?}"));
        }
        if report.issues.iter().any(|i| i.line.is_none() || i.column.is_none()) {
            return Err(format!("an issue from text without a position: {:?}", report.issues));
        }
        if report.valid != !report.issues.iter().any(|i| i.severity == Severity::Error) && !report.truncated {
            return Err(format!("valid does not agree with the issues: {report:?}"));
        }
        if let Some(d) = scan::clean(&text, &options) {
            if !(report.valid && report.issues.is_empty() && report.dialect.as_deref() == Some(d.id)) {
                return Err(format!("the fast path said {} but the full path said {report:?}", d.id));
            }
        }
        match (report.valid, normalise(Input::Text(&text), &options)) {
            (true, Ok(status)) => {
                let value = serde_json::to_value(&status).map_err(|e| e.to_string())?;
                let issues = check_against(&value, &NORMALISED);
                if !issues.is_empty() {
                    return Err(format!("normalised output breaks its own schema: {issues:?}"));
                }
            }
            (true, Err(r)) => return Err(format!("valid, but normalise failed: {r:?}")),
            (false, Ok(_)) => return Err("invalid, but normalise succeeded".to_owned()),
            (false, Err(_)) => {}
        }
    }
    Ok(())
}

/// Many documents: totals add up, and the streaming validator gives `validateMany`'s answer
/// however the bytes are cut (the cut points come from the input itself).
pub fn many(data: &[u8]) -> Result<(), String> {
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
    // NDJSON streaming only matches when the text is read as NDJSON, not as one JSON array.
    if crate::batch::looks_like_ndjson(&text) {
        let bytes = text.as_bytes();
        let mut stream = Stream::new(options);
        let mut at = 0;
        let mut step = data.first().map_or(1, |b| usize::from(*b % 17) + 1);
        while at < bytes.len() {
            let end = (at + step).min(bytes.len());
            stream.push(bytes.get(at..end).unwrap_or_default());
            at = end;
            step = step * 7 % 23 + 1;
        }
        let streamed = stream.finish();
        if streamed != whole {
            return Err(format!("streaming disagrees with validateMany: {streamed:?} vs {whole:?}"));
        }
    }
    Ok(())
}
