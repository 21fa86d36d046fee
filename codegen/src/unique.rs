//! Appending to a list what it does not hold yet, by a key, in time linear
//! in both. `if !list.iter().any(..) { list.push(..) }` per item made a page
//! of a hundred thousand rows (properties, parameters, enum members) take
//! minutes; a page's size is the docs' to choose. Short lists, nearly all
//! of them, are still scanned: hashing cost more than the scan there.

use std::collections::HashSet;
use std::hash::Hash;

/// How long a list is scanned before its keys go into a set.
pub const SCANNED: usize = 32;

/// Appends each of `new`, in order, whose key neither an item of `list`
/// nor an earlier one of `new` has. The set of keys is only looked up,
/// never iterated, so the result does not depend on hashing.
pub fn extend<T, K: Eq + Hash>(
    list: &mut Vec<T>,
    new: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) {
    // The keys held, each made once: a list while short, then a set.
    let mut scanned: Vec<K> = list.iter().map(&key).collect();
    let mut hashed: Option<HashSet<K>> = None;
    for item in new {
        let k = key(&item);
        if hashed.is_none() && scanned.len() >= SCANNED {
            hashed = Some(scanned.drain(..).collect());
        }
        let is_new = match &mut hashed {
            Some(set) => set.insert(k),
            None if scanned.contains(&k) => false,
            None => {
                scanned.push(k);
                true
            }
        };
        if is_new {
            list.push(item);
        }
    }
}

/// The names of a list that grows one item at a time, each asked for
/// before it is pushed: scanned while the list is short, then kept in a
/// set (only looked up, never iterated).
#[derive(Default)]
pub struct Names(Option<HashSet<String>>);

impl Names {
    /// Whether `list` (whose names `name_of` gives) holds no item named
    /// `name`. When it does not, the name counts as held from now on: the
    /// caller pushes its item.
    pub fn is_new<T>(&mut self, list: &[T], name_of: impl Fn(&T) -> &str, name: &str) -> bool {
        match &mut self.0 {
            Some(set) => set.insert(name.to_string()),
            None if list.len() < SCANNED => !list.iter().any(|x| name_of(x) == name),
            None => {
                let mut set: HashSet<String> =
                    list.iter().map(|x| name_of(x).to_string()).collect();
                let new = set.insert(name.to_string());
                self.0 = Some(set);
                new
            }
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

    #[test]
    fn names_match_the_quadratic_rule_across_the_switch() {
        let names: Vec<String> = (0..200).map(|i| format!("n{}", (i * 7) % 60)).collect();
        let (mut fast, mut slow): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        let mut seen = super::Names::default();
        for n in &names {
            if seen.is_new(&fast, |x| x.as_str(), n) {
                fast.push(n.clone());
            }
            if !slow.contains(n) {
                slow.push(n.clone());
            }
        }
        assert_eq!(fast, slow);
        assert_eq!(fast.len(), 60);
    }

    #[test]
    fn matches_the_quadratic_rule_past_the_scanned_length() {
        // Keys repeat every 50, across the switch from scan to set.
        let items: Vec<u32> = (0..300).map(|i| (i * 7) % 50).collect();
        for split in [0, 10, super::SCANNED - 1, super::SCANNED, 40, 120] {
            let mut fast = items[..split].to_vec();
            let mut slow = fast.clone();
            super::extend(&mut fast, items[split..].iter().copied(), |n| *n);
            for &n in &items[split..] {
                if !slow.contains(&n) {
                    slow.push(n);
                }
            }
            assert_eq!(fast, slow, "split at {split}");
        }
    }
}
