//! JSON text out: serde_json writes it, with floats through ryu's small table. serde_json's
//! own float writer carries a 17 KB table (11.5 KB gzip of the package) for speed that a
//! result of a few floats does not need; ryu's small table is under 1 KB.

use serde::Serialize;
use serde_json::ser::Formatter;
use serde_json::Number;
use std::io;

/// serde_json's compact layout with floats written by ryu (shortest text that reads back exactly).
struct SmallFloats;

impl Formatter for SmallFloats {
    // serde_json writes `null` for NaN and the infinities before it gets here.
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(ryu::Buffer::new().format_finite(value).as_bytes())
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

/// `serde_json::to_string`, with `SmallFloats`.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, SmallFloats))?;
    // serde_json writes UTF-8 only; the fallback is never taken.
    Ok(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A float as JSON writes it; `NaN` for what JSON has no number for.
pub fn float(x: f64) -> String {
    if x.is_finite() {
        ryu::Buffer::new().format_finite(x).to_owned()
    } else {
        "NaN".to_owned()
    }
}

/// A number as JSON writes it (`Number`'s `Display` would bring serde_json's float writer).
pub fn number(n: &Number) -> String {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => u.to_string(),
        (None, Some(i)) => i.to_string(),
        (None, None) => float(n.as_f64().unwrap_or(f64::NAN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_back_exactly_and_integers_stay_integers() {
        for x in [0.1, 1.0 / 3.0, 1e300, -2.5e-308, 5e-324, f64::MAX, 0.85, 100.0] {
            let text = to_string(&x).unwrap_or_default();
            assert_eq!(text.parse::<f64>().ok(), Some(x), "{text}");
            assert_eq!(float(x), text);
        }
        assert_eq!(to_string(&f64::NAN).ok().as_deref(), Some("null"));
        assert_eq!(float(f64::INFINITY), "NaN");
        assert_eq!(number(&Number::from(42u8)), "42");
        assert_eq!(number(&Number::from(-7i8)), "-7");
        assert_eq!(number(&Number::from(u64::MAX)), "18446744073709551615");
        assert_eq!(number(&Number::from(i64::MIN)), "-9223372036854775808");
        assert_eq!(Number::from_f64(0.25).map(|n| number(&n)).as_deref(), Some("0.25"));
        let v = serde_json::json!({ "a": [1.5, 2, null, "x\u{e9}"] });
        assert_eq!(to_string(&v).ok(), serde_json::to_string(&v).ok());
    }
}
