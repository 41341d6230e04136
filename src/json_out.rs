//! JSON text out: the results the API returns, written by hand.
//!
//! serde's derived `Serialize` through serde_json's writer compiled to 28 KB of wasm (8.5 KB
//! gzip, measured with it stubbed out) for about twenty result types; `ToJson` writes the same
//! text for a fraction of that. The derives stay, for Rust callers and as the oracle:
//! `tests/json_out.rs` checks that both write the same text for every result of every fixture.
//! Floats: in the wasm, JS's own `String(x)` writes them (`wasm::number_text`), so that a
//! float writer and its tables (ryu's: 2.7 KB of the wasm's gzip) stay out of the package;
//! natively, zmij writes them, as serde_json does. Both write the shortest text that reads
//! back as the same double, so `JSON.parse` gives JS the same numbers either way; messages
//! use ECMAScript's layout on both (`float`).

use crate::prelude::*;
use crate::text::{append, text, Piece};
use serde_json::{Map, Number, Value};

/// A value that writes itself as compact JSON text, exactly as serde_json writes it.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// The compact JSON text of `value`.
pub fn to_string<T: ?Sized + ToJson>(value: &T) -> String {
    let mut out = String::with_capacity(128);
    value.write_json(&mut out);
    out
}

/// An object being written: `{`, its members in order, then `}` from `end`.
pub struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    pub fn new(out: &'a mut String) -> Object<'a> {
        out.push('{');
        Object { out, empty: true }
    }

    pub fn field(&mut self, name: &str, value: &dyn ToJson) -> &mut Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        string(self.out, name);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// A member left out when it is `None` (serde's `skip_serializing_if = "Option::is_none"`).
    pub fn field_if_some<T: ToJson>(&mut self, name: &str, value: &Option<T>) -> &mut Self {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// A JSON string, escaped as serde_json escapes it: `"` and `\`, the control characters
/// (short escapes where JSON has them, else `\u00xx`), nothing else.
pub fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain_from = 0;
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both ends are character boundaries.
        out.push_str(s.get(plain_from..i).unwrap_or_default());
        plain_from = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            for digit in [byte >> 4, byte & 0xf] {
                out.push(char::from_digit(u32::from(digit), 16).unwrap_or('0'));
            }
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(plain_from..).unwrap_or_default());
    out.push('"');
}

/// A float for messages, as JS prints it (`1`, `0.5`, `1e+21`); `NaN` for what JSON has no
/// number for (a float in a result is written `null` there, as serde_json writes it).
pub fn float(x: f64) -> String {
    if !x.is_finite() {
        return "NaN".to_owned();
    }
    #[cfg(target_arch = "wasm32")]
    return crate::wasm::number_text(x);
    #[cfg(not(target_arch = "wasm32"))]
    return ecmascript(x);
}

/// Finite `x` as ECMAScript's `Number.prototype.toString` writes it (ES2024 §6.1.6.1.20),
/// from zmij's shortest digits: what `String(x)` gives in the wasm, done natively.
/// `tests/wasm.rs` holds the two to each other, over many doubles.
#[doc(hidden)]
pub fn ecmascript(x: f64) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(x.abs());
    // zmij writes `d.ddd`, `0.000ddd` or `d.ddde±N`: the digits and where the point goes.
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = text!(whole, fraction);
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0');
    // x = 0.digits * 10^n (the spec's n), and k digits.
    let n = whole.len() as i32 + exponent - leading as i32; // ok: a double's text is short
    let k = digits.len() as i32; // ok: at most 17
    let mut out = String::with_capacity(26);
    if x < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(digits);
        out.extend(core::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at_checked(n as usize).unwrap_or((digits, "")); // ok: 0 < n < k
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-n) as usize));
        out.push_str(digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, "")); // ok: x != 0, so k >= 1
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push_str(if n > 0 { "e+" } else { "e-" });
        append!(&mut out, (n - 1).unsigned_abs());
    }
    out
}

/// A number as JSON writes it (`Number`'s `Display` would bring serde_json's float writer).
pub fn number(n: &Number) -> String {
    number_with(n, |x| to_string(&x))
}

/// A number for messages: floats laid out as `float` lays them out.
pub fn number_in_message(n: &Number) -> String {
    number_with(n, float)
}

fn number_with(n: &Number, float: fn(f64) -> String) -> String {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => text!(u),
        (None, Some(i)) => text!(i),
        (None, None) => float(n.as_f64().unwrap_or(f64::NAN)),
    }
}

impl<T: ?Sized + ToJson> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                Piece::from(self).push_to(out);
            }
        }
    )*};
}
integers!(u32, u64, usize);

impl ToJson for f64 {
    fn write_json(&self, out: &mut String) {
        if !self.is_finite() {
            out.push_str("null");
            return;
        }
        // JSON.parse reads either text back as the same double.
        #[cfg(target_arch = "wasm32")]
        out.push_str(&crate::wasm::number_text(*self));
        #[cfg(not(target_arch = "wasm32"))]
        out.push_str(zmij::Buffer::new().format_finite(*self));
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        array(out, self.len(), &mut |i, out| {
            if let Some(item) = self.get(i) {
                item.write_json(out);
            }
        });
    }
}

/// `[item 0,item 1,…]`: the frame written once for every item type, not once per type.
fn array(out: &mut String, len: usize, item: &mut dyn FnMut(usize, &mut String)) {
    out.push('[');
    for i in 0..len {
        if i > 0 {
            out.push(',');
        }
        item(i, out);
    }
    out.push(']');
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// An object of `members` (key, value), in order.
pub fn members<K: AsRef<str>, V: ToJson>(out: &mut String, members: impl IntoIterator<Item = (K, V)>) {
    let mut object = Object::new(out);
    for (key, value) in members {
        object.field(key.as_ref(), &value);
    }
    object.end();
}

impl ToJson for Map<String, Value> {
    fn write_json(&self, out: &mut String) {
        members(out, self);
    }
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Number(n) => out.push_str(&number(n)),
            Value::String(s) => string(out, s),
            Value::Array(items) => items.write_json(out),
            Value::Object(map) => map.write_json(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_back_exactly_and_integers_stay_integers() {
        for x in [0.1, 1.0 / 3.0, 1e300, -2.5e-308, 5e-324, f64::MAX, 0.85, 100.0] {
            let text = to_string(&x);
            assert_eq!(text.parse::<f64>().ok(), Some(x), "{text}");
            assert_eq!(float(x).parse::<f64>().ok(), Some(x), "{text}");
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(to_string(&x), "null");
            assert_eq!(float(x), "NaN");
        }
        assert_eq!(number(&Number::from(42u8)), "42");
        assert_eq!(number(&Number::from(-7i8)), "-7");
        assert_eq!(number(&Number::from(u64::MAX)), "18446744073709551615");
        assert_eq!(number(&Number::from(i64::MIN)), "-9223372036854775808");
        assert_eq!(Number::from_f64(0.25).map(|n| number(&n)).as_deref(), Some("0.25"));
        // A float that is a whole number: JSON text as serde_json writes it, messages as JS.
        assert_eq!(Number::from_f64(1.0).map(|n| number(&n)).as_deref(), Some("1.0"));
        assert_eq!(Number::from_f64(1.0).map(|n| number_in_message(&n)).as_deref(), Some("1"));
        assert_eq!(Number::from_f64(1e21).map(|n| number_in_message(&n)).as_deref(), Some("1e+21"));
    }

    #[test]
    fn floats_in_messages_are_laid_out_as_javascript_prints_them() {
        // Number::prototype.toString's cases (ES2024 6.1.6.1.20), each as JS prints it.
        let cases: [(f64, &str); 24] = [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (100.0, "100"),
            (0.1, "0.1"),
            (0.85, "0.85"),
            (123.456, "123.456"),
            (1e20, "100000000000000000000"),
            (1.2345678901234568e20, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e-6, "0.000001"),
            (1.25e-6, "0.00000125"),
            (1e-7, "1e-7"),
            (-1.5e-7, "-1.5e-7"),
            (123e-20, "1.23e-18"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2f64.powi(53), "9007199254740992"),
            (1e15 + 0.5, "1000000000000000.5"),
            (4.35, "4.35"),
        ];
        for (x, js) in cases {
            assert_eq!(ecmascript(x), js, "{x:e}");
            assert_eq!(float(x), js, "{x:e}");
        }
    }

    #[test]
    fn every_character_is_escaped_as_serde_json_escapes_it() {
        let every: String = (0u32..0x800).chain([0xfffd, 0x1f600]).filter_map(char::from_u32).collect();
        for s in [every.as_str(), "", "plain", "\u{7f}", "a\"b\\c\u{1}\u{1f}é\u{2028}"] {
            assert_eq!(Some(to_string(s)), serde_json::to_string(s).ok(), "{s:?}");
        }
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let v = serde_json::json!({
            "a": [1.5, 2, -3, null, "x\u{e9}", true, false, [], {}],
            "": { "nested\n": { "k": 18446744073709551615u64 } },
            "z": 1e-7,
            "b": 0.1,
            "whole": 1.0,
            "big": 1e21
        });
        assert_eq!(Some(to_string(&v)), serde_json::to_string(&v).ok());
        assert_eq!(v.as_object().map(to_string), v.as_object().and_then(|map| serde_json::to_string(map).ok()));
        let options = [Some(1u32), None];
        assert_eq!(to_string(&options[..]), "[1,null]");
        let mut out = String::new();
        Object::new(&mut out).field_if_some("a", &Some(1u64)).field_if_some("b", &None::<u64>).field("c", &"d").end();
        assert_eq!(out, r#"{"a":1,"c":"d"}"#);
    }
}
