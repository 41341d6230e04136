//! `src/number.rs` reads a number to the same bits as serde_json's `Number::from_str`: the
//! same kind (u64, i64 or f64), the same rounding, the same refusals. Numbers at every edge
//! of each kind, and a deterministic sweep of digit strings, fractions and exponents.

use serde_json::Number;
use taskstatus::number::{parse, pow10, Parsed};

/// What serde_json makes of `text`, in `Parsed`'s terms (`None`: refused).
fn serde_json_reads(text: &str) -> Option<Parsed> {
    let n: Number = text.parse().ok()?;
    Some(if let Some(u) = n.as_u64() {
        Parsed::U64(u)
    } else if let Some(i) = n.as_i64() {
        Parsed::I64(i)
    } else {
        Parsed::F64(n.as_f64()?)
    })
}

/// Compares bits, so -0.0 is not 0.0 and every rounding shows.
fn bits(p: Option<Parsed>) -> Option<(u8, u64)> {
    p.map(|p| match p {
        Parsed::U64(n) => (0, n),
        Parsed::I64(n) => (1, n as u64), // ok: test code, bits only
        Parsed::F64(x) => (2, x.to_bits()),
    })
}

#[track_caller]
fn same(text: &str) {
    assert_eq!(bits(parse(text.as_bytes())), bits(serde_json_reads(text)), "{text:?}");
    if let Some(p) = parse(text.as_bytes()) {
        let ours = p.to_number().map(|n| n.to_string());
        let theirs = text.parse::<Number>().ok().map(|n| n.to_string());
        assert_eq!(ours, theirs, "{text:?} as a Number");
    }
}

/// The powers serde_json keeps in a table, computed: each the nearest f64 to 10^n, which
/// std's correctly rounded `parse` gives; nothing beyond 10^308.
#[test]
fn every_power_of_ten_is_the_nearest_f64() {
    for n in 0..=308 {
        let nearest: f64 = format!("1e{n}").parse().expect("ok: test code");
        assert_eq!(pow10(n).map(f64::to_bits), Some(nearest.to_bits()), "10^{n}");
    }
    assert_eq!(pow10(309), None);
    assert_eq!(pow10(u32::MAX), None);
    // Exponents that use each power, both ways, beside serde_json.
    for n in 0..=330 {
        for text in [format!("7e{n}"), format!("7e-{n}"), format!("123456789.987e{n}"), format!("0.5e-{n}")] {
            same(&text);
        }
    }
}

#[test]
fn numbers_at_every_edge_read_as_serde_json_reads_them() {
    for text in [
        "0",
        "-0",
        "7",
        "-7",
        "9007199254740993",
        "18446744073709551615",
        "18446744073709551616",
        "18446744073709551619",
        "184467440737095516150",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551615",
        "-18446744073709551616",
        "1844674407370955161.5",
        "1844674407370955161.6",
        "18446744073709551616.5e-3",
        "0.1",
        "0.30000000000000004",
        "-2.5e-3",
        "1E2",
        "1e+2",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "1.8e308",
        "1e309",
        "-1e309",
        "1e400",
        "4.9e-324",
        "2e-324",
        "1e-400",
        "0e999999",
        "0.0e99999999999",
        "1e2147483647",
        "1e2147483648",
        "1e-2147483648",
        "-1e-21474836480",
        "123456789012345678901234567890e-20",
        "0.000000000000000000000000000001e30",
        // Not numbers, or not only one.
        "",
        "-",
        "01",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "1 ",
        "1x",
        "--1",
        "1.5.5",
    ] {
        same(text);
    }
    for n in 300..330 {
        same(&"9".repeat(n));
        same(&format!("0.{}1", "0".repeat(n)));
        same(&format!("1{}e-{n}", "0".repeat(n)));
    }
}

#[test]
fn a_sweep_of_digits_fractions_and_exponents_reads_as_serde_json_reads_it() {
    // A small deterministic generator (xorshift): no dependency, the same sweep every run.
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    for _ in 0..200_000 {
        let mut text = String::new();
        if next(3) == 0 {
            text.push('-');
        }
        let int_digits = 1 + next(25);
        for i in 0..int_digits {
            let d = if i == 0 && int_digits > 1 { 1 + next(9) } else { next(10) };
            text.push(char::from(b'0' + d as u8)); // ok: test code, d < 10
        }
        if next(2) == 0 {
            text.push('.');
            for _ in 0..1 + next(25) {
                text.push(char::from(b'0' + next(10) as u8)); // ok: test code
            }
        }
        if next(2) == 0 {
            text.push(if next(2) == 0 { 'e' } else { 'E' });
            match next(3) {
                0 => text.push('-'),
                1 => text.push('+'),
                _ => {}
            }
            text.push_str(&next(400).to_string());
        }
        same(&text);
    }
}
