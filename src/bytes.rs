//! Byte-string equality a word at a time. On wasm32 `==` on slices calls compiler-builtins'
//! `memcmp`, a byte loop behind a call, and key lookups and detection's key cache compare
//! many strings: it was 7 % of validateMany's time in wasm. And characters counted without
//! core's `chars().count()`, whose word-at-a-time version is 1 KB of wasm.

/// Whether `a` and `b` hold the same bytes.
// Inlined where it is hot: the wasm's inline threshold is low (.cargo/config.toml).
#[inline]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let (mut xs, mut ys) = (a.chunks_exact(8), b.chunks_exact(8));
    if !(&mut xs).zip(&mut ys).all(|(x, y)| word(x) == word(y)) {
        return false;
    }
    // The last 8 bytes cover the remainder (they overlap words already compared).
    let last = a.len() - 8; // ok: a.len() >= 8
    word(a.get(last..).unwrap_or_default()) == word(b.get(last..).unwrap_or_default())
}

/// How many characters (code points) `text` holds: its bytes that start one, which in UTF-8
/// are all but the continuation bytes (`0b10xx_xxxx`).
pub fn chars(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count() // ok: i8 reinterprets the byte
}

/// Eight bytes as one number (zero for any other length, which `same` never passes).
#[inline]
fn word(bytes: &[u8]) -> u64 {
    bytes.try_into().map_or(0, u64::from_ne_bytes)
}

#[cfg(test)]
mod tests {
    use super::{chars, same};

    #[test]
    fn characters_are_counted_as_std_counts_them() {
        for text in ["", "a", "é", "€", "😀", "aé€😀z", "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"]
        {
            assert_eq!(chars(text), text.chars().count(), "{text:?}");
            let long = text.repeat(37);
            assert_eq!(chars(&long), long.chars().count(), "{text:?} x 37");
        }
    }

    #[test]
    fn equal_exactly_when_the_bytes_are() {
        let base: Vec<u8> = (0u8..40).collect();
        for len in 0..=base.len() {
            let a = &base[..len];
            assert!(same(a, a));
            assert!(!same(a, &base[..len.saturating_sub(1)]) || len == 0);
            // One byte changed anywhere: in a word, in the overlap, in a short string.
            for place in 0..len {
                let mut b = a.to_vec();
                b[place] ^= 0x80;
                assert!(!same(a, &b), "len {len}, place {place}");
            }
        }
    }
}
