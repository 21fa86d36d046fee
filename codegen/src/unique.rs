//! Appending to a list what it does not hold yet, by a key, in time linear
//! in both. `if !list.iter().any(..) { list.push(..) }` per item made a page
//! of a hundred thousand rows (properties, parameters, enum members) take
//! minutes; a page's size is the docs' to choose.

use std::collections::HashSet;
use std::hash::Hash;

/// Appends each of `new`, in order, whose key neither an item of `list`
/// nor an earlier one of `new` has. The set of keys is only looked up,
/// never iterated, so the result does not depend on hashing.
pub fn extend<T, K: Eq + Hash>(
    list: &mut Vec<T>,
    new: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) {
    let mut held: HashSet<K> = list.iter().map(&key).collect();
    for item in new {
        if held.insert(key(&item)) {
            list.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_first_of_each_key_in_order() {
        let mut list = vec!["a", "B"];
        super::extend(&mut list, ["b", "c", "A", "c", "d"], |s| {
            s.to_ascii_lowercase()
        });
        assert_eq!(list, ["a", "B", "c", "d"]);
    }

    #[test]
    fn matches_the_quadratic_rule_on_every_small_case() {
        // Every list of up to five items from three keys, split every way.
        for case in crate::testing::every_string(&['x', 'y', 'z'], 5) {
            let items: Vec<char> = case.chars().collect();
            for split in 0..=items.len() {
                let mut fast = items[..split].to_vec();
                super::extend(&mut fast, items[split..].iter().copied(), |c| *c);
                let mut slow = items[..split].to_vec();
                for &c in &items[split..] {
                    if !slow.contains(&c) {
                        slow.push(c);
                    }
                }
                assert_eq!(fast, slow, "{case:?} split at {split}");
            }
        }
    }
}
