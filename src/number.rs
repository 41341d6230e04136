//! A JSON number's value exactly as serde_json reads it, to the bit: the same digits kept,
//! the same powers of ten, the same rounding (serde_json's default reader, not its
//! `float_roundtrip` one), the same refusals beyond f64. Written out so serde_json's
//! deserialiser stays out of the wasm; `tests/number.rs` compares the two on numbers of
//! every form and at every edge.

/// A number as serde_json's `Number` holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Parsed {
    /// A non-negative integer that fits in u64.
    U64(u64),
    /// A negative integer that fits in i64.
    I64(i64),
    /// Anything else: a fraction, an exponent, `-0`, an integer beyond 64 bits.
    F64(f64),
}

impl Parsed {
    pub fn as_f64(self) -> f64 {
        match self {
            Parsed::U64(n) => n as f64, // ok: rounds as serde_json's `as_f64` does
            Parsed::I64(n) => n as f64, // ok: as above
            Parsed::F64(x) => x,
        }
    }

    /// As a `serde_json::Number` (every parsed float is finite).
    pub fn to_number(self) -> Option<serde_json::Number> {
        match self {
            Parsed::U64(n) => Some(n.into()),
            Parsed::I64(n) => Some(n.into()),
            Parsed::F64(x) => serde_json::Number::from_f64(x),
        }
    }
}

/// The value of `text`, a whole JSON number; `None` when it is not one, or is beyond f64.
pub fn parse(text: &[u8]) -> Option<Parsed> {
    // All of it, and nothing after: serde_json's `Number::from_str` refuses trailing bytes.
    read(text).ok().filter(|&(_, end)| end == text.len()).map(|(parsed, _)| parsed)
}

/// Why a number could not be read, as serde_json says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Short {
    /// The text ended inside the number.
    Eof,
    /// A byte that cannot be there.
    Invalid,
    /// Beyond f64.
    OutOfRange,
}

/// The number that `text` starts with (its sign included): its value and where it ends, or
/// why it is not one and serde_json's place for that (`syntax.rs` reports it).
pub fn read(text: &[u8]) -> Result<(Parsed, usize), (Short, usize)> {
    let mut r = Digits { b: text, at: 0, place: 0 };
    let positive = r.peek() != Some(b'-');
    r.at = usize::from(!positive);
    let parsed = r.integer(positive).map_err(|short| (short, r.place.min(text.len())))?;
    Ok((parsed, r.at))
}

/// Reads digits left to right as serde_json's `Deserializer` does.
struct Digits<'a> {
    b: &'a [u8],
    at: usize,
    /// Where a fault is reported: after the byte just read or at the byte looked at.
    place: usize,
}

/// Whether `n * 10 + digit` would pass `max` (serde_json's `overflow!`).
fn overflows<T: Copy + PartialOrd + core::ops::Div<Output = T> + core::ops::Rem<Output = T> + From<u8>>(
    n: T,
    digit: T,
    max: T,
) -> bool {
    let ten = T::from(10);
    n >= max / ten && (n > max / ten || digit > max % ten)
}

impl Digits<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn digit(&self) -> Option<u8> {
        self.peek().filter(u8::is_ascii_digit).map(|c| c - b'0')
    }

    /// A fault found by the byte just read (serde_json's `error`).
    fn error<T>(&mut self, short: Short) -> Result<T, Short> {
        self.place = self.at;
        Err(short)
    }

    /// A fault found by the byte looked at (serde_json's `peek_error`).
    fn peek_error<T>(&mut self, short: Short) -> Result<T, Short> {
        self.place = self.at + 1;
        Err(short)
    }

    /// The next byte, which must be a digit (an integer's first, an exponent's first).
    fn next_digit(&mut self) -> Result<u8, Short> {
        let Some(c) = self.peek() else { return self.error(Short::Eof) };
        self.at += 1;
        if c.is_ascii_digit() {
            Ok(c - b'0')
        } else {
            self.error(Short::Invalid)
        }
    }

    fn integer(&mut self, positive: bool) -> Result<Parsed, Short> {
        let mut significand = u64::from(self.next_digit()?);
        if significand == 0 {
            if self.digit().is_some() {
                return self.peek_error(Short::Invalid);
            }
        } else {
            while let Some(d) = self.digit() {
                let d = u64::from(d);
                if overflows(significand, d, u64::MAX) {
                    return self.long_integer(positive, significand).map(Parsed::F64);
                }
                self.at += 1;
                significand = significand * 10 + d;
            }
        }
        Ok(match self.peek() {
            Some(b'.') => Parsed::F64(self.decimal(positive, significand, 0)?),
            Some(b'e' | b'E') => Parsed::F64(self.exponent(positive, significand, 0)?),
            _ if positive => Parsed::U64(significand),
            _ => {
                let negated = (significand as i64).wrapping_neg(); // ok: wraps as serde_json's does
                                                                   // Beyond i64, and -0, are floats.
                if negated >= 0 {
                    Parsed::F64(-(significand as f64)) // ok: rounds as serde_json's does
                } else {
                    Parsed::I64(negated)
                }
            }
        })
    }

    /// Digits past u64: each one more power of ten, the digit itself dropped.
    fn long_integer(&mut self, positive: bool, significand: u64) -> Result<f64, Short> {
        let mut exponent = 0i32;
        while self.digit().is_some() {
            self.at += 1;
            exponent = exponent.saturating_add(1);
        }
        match self.peek() {
            Some(b'.') => self.decimal(positive, significand, exponent),
            Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
            _ => self.value(positive, significand, exponent),
        }
    }

    /// After the integer part, at the `.`.
    fn decimal(&mut self, positive: bool, mut significand: u64, before: i32) -> Result<f64, Short> {
        self.at += 1;
        let mut after = 0i32;
        let mut seen = false;
        while let Some(d) = self.digit() {
            seen = true;
            let d = u64::from(d);
            if overflows(significand, d, u64::MAX) {
                // The digits past u64 are dropped.
                while self.digit().is_some() {
                    self.at += 1;
                }
                break;
            }
            self.at += 1;
            significand = significand * 10 + d;
            after -= 1;
        }
        if !seen {
            let short = if self.peek().is_some() { Short::Invalid } else { Short::Eof };
            return self.peek_error(short);
        }
        let exponent = before + after;
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
            _ => self.value(positive, significand, exponent),
        }
    }

    /// At the `e`.
    fn exponent(&mut self, positive: bool, significand: u64, start: i32) -> Result<f64, Short> {
        self.at += 1;
        let sign = self.peek().filter(|c| matches!(c, b'+' | b'-'));
        self.at += usize::from(sign.is_some());
        let positive_exponent = sign != Some(b'-');
        let mut exponent = i32::from(self.next_digit()?);
        while let Some(d) = self.digit() {
            self.at += 1;
            let d = i32::from(d);
            if overflows(exponent, d, i32::MAX) {
                // serde_json gives up on an exponent beyond i32 at this digit: infinite
                // (refused) unless the number is 0 or the exponent negative (then it is 0).
                if significand != 0 && positive_exponent {
                    return self.error(Short::OutOfRange);
                }
                while self.digit().is_some() {
                    self.at += 1;
                }
                return Ok(if positive { 0.0 } else { -0.0 });
            }
            exponent = exponent * 10 + d;
        }
        let exponent = if positive_exponent { start.saturating_add(exponent) } else { start.saturating_sub(exponent) };
        self.value(positive, significand, exponent)
    }

    fn value(&mut self, positive: bool, significand: u64, exponent: i32) -> Result<f64, Short> {
        match from_parts(positive, significand, exponent) {
            Some(x) => Ok(x),
            None => self.error(Short::OutOfRange),
        }
    }
}

/// `significand * 10^exponent`, multiplied or divided by serde_json's powers of ten
/// (`pow10`); `None` when it is infinite.
fn from_parts(positive: bool, significand: u64, mut exponent: i32) -> Option<f64> {
    let mut f = significand as f64; // ok: rounds as serde_json's does
    loop {
        match pow10(exponent.unsigned_abs()) {
            Some(pow) => {
                if exponent >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return None;
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            None => {
                if f == 0.0 {
                    break;
                }
                if exponent >= 0 {
                    return None;
                }
                f /= 1e308;
                exponent += 308;
            }
        }
    }
    Some(if positive { f } else { -f })
}

/// 10^n as the nearest f64 for n up to 308, the powers serde_json keeps in a table; `None`
/// beyond. Up to 10^22 every power is exact and comes from a small table; the others are
/// rounded here from 5^n, exactly (10^n = 5^n * 2^n), rather than shipped as 2.3 KB of
/// table that does not compress. They are rare in documents, and cost well under 1 us.
pub fn pow10(n: u32) -> Option<f64> {
    if let Some(&exact) = EXACT_POW10.get(n as usize) {
        return Some(exact);
    }
    if n > 308 {
        return None;
    }
    // 5^n in 64-bit limbs, least significant first: 5^308 < 2^716 fits in 12.
    let mut limbs: [u64; 12] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let mut len = 1;
    let mut left = n;
    while left > 0 {
        // 5^27 < 2^63: a step's product and carry fit in 128 bits.
        let step = left.min(27);
        left -= step;
        let factor = 5u128.pow(step);
        let mut carry = 0u128;
        for limb in limbs.iter_mut().take(len) {
            let product = u128::from(*limb) * factor + carry;
            *limb = product as u64; // ok: the low 64 bits, the rest carries
            carry = product >> 64;
        }
        if carry > 0 {
            if let Some(limb) = limbs.get_mut(len) {
                *limb = carry as u64; // ok: carry < 2^63 (factor < 2^63, limb < 2^64)
                len += 1;
            }
        }
    }
    let top = limbs.get(len - 1).copied().unwrap_or(1).max(1);
    // The bit length of 5^n, then its top 53 bits rounded to nearest, ties to even.
    let bits = (len as u32 - 1) * 64 + (64 - top.leading_zeros());
    let shift = bits - 53;
    let bit = |i: u32| limbs.get((i / 64) as usize).is_some_and(|l| l >> (i % 64) & 1 == 1);
    let mut mantissa = 0u64;
    for i in (shift..bits).rev() {
        mantissa = mantissa << 1 | u64::from(bit(i));
    }
    let half = bit(shift - 1);
    let below_half = (0..shift - 1).any(bit);
    if half && (below_half || mantissa & 1 == 1) {
        mantissa += 1;
    }
    // A carry out of 53 bits leaves 2^53: one bit longer, same mantissa bits (all zero).
    let exponent = bits - 1 + n + u32::from(mantissa >> 53 == 1);
    Some(f64::from_bits(u64::from(exponent + 1023) << 52 | (mantissa & ((1 << 52) - 1))))
}

/// 10^0 to 10^22: each exact in an f64.
static EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];
