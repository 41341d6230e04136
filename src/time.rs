//! RFC 3339 date-times to epoch milliseconds and back.
//!
//! Written here rather than pulled from `chrono`/`time` because we need only these two
//! conversions, and those crates would multiply the size of the wasm package.

use crate::prelude::*;
use crate::text::{text, Padded};

/// Parses an RFC 3339 `date-time` (the JSON Schema format) to Unix epoch milliseconds.
/// Fractions beyond milliseconds are truncated.
pub fn parse_rfc3339(s: impl AsRef<[u8]>) -> Option<i64> {
    rfc3339(s.as_ref())
}

/// `parse_rfc3339` on bytes (the fast path's strings are bytes; one copy of the code).
fn rfc3339(b: &[u8]) -> Option<i64> {
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, d| d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0')))
    };
    let sep = |at: usize, want: &[u8]| b.get(at).is_some_and(|c| want.contains(c));
    let year = num(0, 4)?;
    if !sep(4, b"-") || !sep(7, b"-") || !sep(10, b"Tt") || !sep(13, b":") || !sep(16, b":") {
        return None;
    }
    let (month, day, hour, minute, second) = (num(5, 2)?, num(8, 2)?, num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut at = 19;
    let mut millis = 0i64;
    if sep(at, b".") {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 3 {
                millis = millis * 10 + i64::from(b.get(at).copied().unwrap_or(b'0') - b'0');
            }
            at += 1;
        }
        let taken = at - start;
        if taken == 0 {
            return None;
        }
        for _ in taken..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(at) {
        Some(b'Z' | b'z') if at + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if at + 6 == b.len() && sep(at + 3, b":") => {
            let (oh, om) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    // A leap second is folded into the last millisecond of its minute.
    let (second, millis) = if second == 60 { (59, 999) } else { (second, millis) };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ`. `None` outside years 0..=9999.
pub fn format_rfc3339(ms: i64) -> Option<String> {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let (h, rest) = (in_day / 3_600_000, in_day % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, milli) = (rest / 1_000, rest % 1_000);
    // Each part is at least 0 here: `unsigned_abs` is the value.
    let [year, month, day, h, m, s, milli] = [year, month, day, h, m, s, milli].map(i64::unsigned_abs);
    #[rustfmt::skip]
    let text = text!(
        Padded(year, 4), "-", Padded(month, 2), "-", Padded(day, 2),
        "T", Padded(h, 2), ":", Padded(m, 2), ":", Padded(s, 2), ".", Padded(milli, 3), "Z"
    );
    Some(text)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's `days_from_civil` / `civil_from_days` (public domain algorithms).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        // 1587667174725 ms is the Livepeer example; its UTC rendering is fixed by definition.
        assert_eq!(format_rfc3339(1_587_667_174_725).as_deref(), Some("2020-04-23T18:39:34.725Z"));
        assert_eq!(parse_rfc3339("2020-04-23T18:39:34.725Z"), Some(1_587_667_174_725));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(format_rfc3339(-1).as_deref(), Some("1969-12-31T23:59:59.999Z"));
        assert_eq!(parse_rfc3339("2024-02-29T12:00:00.1234567Z"), parse_rfc3339("2024-02-29T12:00:00.123Z"));
    }

    #[test]
    fn rejects_what_rfc3339_rejects() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "2026-07-08",
            "2026-07-08T10:15:30",
            "2026-07-08 10:15:30Z",
            "2026-13-01T00:00:00Z",
            "2026-07-08T24:00:00Z",
            "2026-07-08T10:15:30.Z",
            "2026-07-08T10:15:30+0100",
            "yesterday",
            "",
            "2026-07-08T10:15:30Zjunk",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
