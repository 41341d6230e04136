//! The float rounding std gives and core does not: the wasm is built without std
//! (`global.rs`). The same code runs natively, where the tests hold it to std's.

/// `x` without its fraction, as `f64::trunc`. From 2^52 up every double is whole, and
/// below it the cast is exact.
fn trunc(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        (x as i64 as f64).copysign(x) // ok: |x| < 2^52 fits i64; the sign keeps -0.0
    } else {
        x
    }
}

/// The largest whole number not above `x`, as `f64::floor`.
pub(crate) fn floor(x: f64) -> f64 {
    let whole = trunc(x);
    if whole > x {
        whole - 1.0
    } else {
        whole
    }
}

/// `x` without its whole part, as `f64::fract`.
pub(crate) fn fract(x: f64) -> f64 {
    x - trunc(x)
}

/// The nearest whole number, halves away from zero, as `f64::round`.
pub(crate) fn round(x: f64) -> f64 {
    let whole = trunc(x);
    if (x - whole).abs() >= 0.5 {
        whole + x.signum()
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_as_std_does() {
        let xs = [
            0.0,
            -0.0,
            0.3,
            -0.3,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            4503599627370495.5,
            1e300,
            -1e300,
            123.456,
            -123.456,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e-300,
            99.99999999999999,
            -0.5,
            -1.5,
            -4503599627370495.5,
            4503599627370496.0,
            9007199254740993.0,
            -1e-300,
            7.0,
            -7.0,
        ];
        for x in xs {
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "round({x})");
            assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "floor({x})");
            assert_eq!(fract(x).to_bits(), x.fract().to_bits(), "fract({x})");
            assert_eq!(trunc(x).to_bits(), x.trunc().to_bits(), "trunc({x})");
        }
        assert!(round(f64::NAN).is_nan() && fract(f64::NAN).is_nan());
    }
}
