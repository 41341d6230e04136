//! Sorting through one instantiation. Each `sort_by` with its own closure, or over its own
//! element type, puts another copy of the sort (up to 6 KB) into the wasm; so the crate sorts
//! `(key, index)` pairs only, with keys made to order as wanted.

/// A sort key that orders floats from the highest down (IEEE total order, reversed).
pub fn descending(x: f64) -> u64 {
    let bits = x.to_bits();
    !(if bits >> 63 == 1 { !bits } else { bits | 1 << 63 })
}

pub fn from_descending(key: u64) -> f64 {
    let ordered = !key;
    f64::from_bits(if ordered >> 63 == 1 { ordered & !(1 << 63) } else { !ordered })
}

/// Sorts `(key, index)` pairs by key, then index.
pub fn sort_keyed(pairs: &mut [(u64, usize)]) {
    pairs.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descending_keys_order_floats_from_the_highest_down_and_read_back() {
        let xs = [f64::INFINITY, 1.5, 0.5, 0.49, 0.0, -0.0, -1e-300, -2.0, f64::NEG_INFINITY];
        let mut pairs: Vec<(u64, usize)> = xs.iter().rev().enumerate().map(|(i, x)| (descending(*x), i)).collect();
        sort_keyed(&mut pairs);
        let sorted: Vec<f64> = pairs.iter().map(|(k, _)| from_descending(*k)).collect();
        assert_eq!(
            sorted.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        // Equal keys keep index order.
        let mut ties = vec![(descending(0.7), 2), (descending(0.7), 0), (descending(0.9), 1)];
        sort_keyed(&mut ties);
        assert_eq!(ties.iter().map(|p| p.1).collect::<Vec<_>>(), [1, 0, 2]);
    }
}
