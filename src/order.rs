//! Sorting through one small function. Each `sort_by` with its own closure, or over its own
//! element type, puts another copy of core's sort into the wasm, and even one copy of
//! `sort_unstable` is 4.7 KB (quicksort, heapsort fallback, small-sort networks); so the crate
//! sorts `(key, index)` pairs only, with keys made to order as wanted, by a heapsort of its
//! own. The pairs sorted are few (issues to place, dialects to rank): O(n log n) in any case
//! is what matters, not core's constant factors.

/// A sort key that orders floats from the highest down (IEEE total order, reversed).
pub fn descending(x: f64) -> u64 {
    let bits = x.to_bits();
    !(if bits >> 63 == 1 { !bits } else { bits | 1 << 63 })
}

pub fn from_descending(key: u64) -> f64 {
    let ordered = !key;
    f64::from_bits(if ordered >> 63 == 1 { ordered & !(1 << 63) } else { !ordered })
}

/// Sorts `(key, index)` pairs by key, then index (a heapsort: in place, no recursion).
pub fn sort_keyed(pairs: &mut [(u64, usize)]) {
    for start in (0..pairs.len() / 2).rev() {
        sift_down(pairs, start);
    }
    for end in (1..pairs.len()).rev() {
        pairs.swap(0, end);
        if let Some(heap) = pairs.get_mut(..end) {
            sift_down(heap, 0);
        }
    }
}

/// Moves the pair at `at` down the max-heap `heap` until both its children are smaller.
fn sift_down(heap: &mut [(u64, usize)], mut at: usize) {
    loop {
        let left = 2 * at + 1;
        let bigger = match (heap.get(left), heap.get(left + 1)) {
            (Some(l), Some(r)) if r > l => left + 1,
            (Some(_), _) => left,
            (None, _) => return,
        };
        if heap.get(bigger) <= heap.get(at) {
            return;
        }
        heap.swap(at, bigger);
        at = bigger;
    }
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

    #[test]
    fn sorts_as_std_does_at_every_length_with_repeated_keys() {
        // xorshift: arbitrary, repeatable pairs, keys drawn from a few values so many tie.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in 0..300 {
            let pairs: Vec<(u64, usize)> = (0..len).map(|_| (next() % 7, (next() % 1000) as usize)).collect();
            let mut ours = pairs.clone();
            sort_keyed(&mut ours);
            let mut expected = pairs;
            expected.sort();
            assert_eq!(ours, expected, "length {len}");
        }
        let mut descending: Vec<(u64, usize)> = (0..1000).rev().map(|i| (i as u64, 0)).collect();
        sort_keyed(&mut descending);
        assert!(descending.windows(2).all(|w| w[0] <= w[1]));
    }
}
