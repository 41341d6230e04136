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
fn overflows<T: Copy + PartialOrd + std::ops::Div<Output = T> + std::ops::Rem<Output = T> + From<u8>>(
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

/// `significand * 10^exponent`, multiplied or divided by serde_json's table of powers;
/// `None` when it is infinite.
fn from_parts(positive: bool, significand: u64, mut exponent: i32) -> Option<f64> {
    let mut f = significand as f64; // ok: rounds as serde_json's does
    loop {
        match POW10.get(exponent.unsigned_abs() as usize) {
            Some(&pow) => {
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

/// 10^0 to 10^308, each the nearest f64 (as serde_json's table).
static POW10: [f64; 309] = [
    1e000, 1e001, 1e002, 1e003, 1e004, 1e005, 1e006, 1e007, 1e008, 1e009, 1e010, 1e011, 1e012, 1e013, 1e014, 1e015,
    1e016, 1e017, 1e018, 1e019, 1e020, 1e021, 1e022, 1e023, 1e024, 1e025, 1e026, 1e027, 1e028, 1e029, 1e030, 1e031,
    1e032, 1e033, 1e034, 1e035, 1e036, 1e037, 1e038, 1e039, 1e040, 1e041, 1e042, 1e043, 1e044, 1e045, 1e046, 1e047,
    1e048, 1e049, 1e050, 1e051, 1e052, 1e053, 1e054, 1e055, 1e056, 1e057, 1e058, 1e059, 1e060, 1e061, 1e062, 1e063,
    1e064, 1e065, 1e066, 1e067, 1e068, 1e069, 1e070, 1e071, 1e072, 1e073, 1e074, 1e075, 1e076, 1e077, 1e078, 1e079,
    1e080, 1e081, 1e082, 1e083, 1e084, 1e085, 1e086, 1e087, 1e088, 1e089, 1e090, 1e091, 1e092, 1e093, 1e094, 1e095,
    1e096, 1e097, 1e098, 1e099, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110, 1e111,
    1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119, 1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127,
    1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143,
    1e144, 1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159,
    1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175,
    1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191,
    1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207,
    1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223,
    1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239,
    1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251, 1e252, 1e253, 1e254, 1e255,
    1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271,
    1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279, 1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287,
    1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303,
    1e304, 1e305, 1e306, 1e307, 1e308,
];
