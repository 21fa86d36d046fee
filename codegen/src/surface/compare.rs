//! Two listings compared: items removed, changed, added, and switched on
//! by fewer or more feature sets (`cfg` predicates as boolean formulas).

use super::listing::{split_gate, split_top, Listing};
use super::FILE;
use crate::diff::{Change, ChangeKind};
use std::collections::{BTreeMap, BTreeSet};

/// The changes from `old` to `new`. An item added or removed with its
/// parent (a field with its struct) is the parent's change alone. The
/// subject of an addition or removal is its whole line; of a change, what
/// the line is about.
pub fn changes(old: &Listing, new: &Listing) -> Vec<Change> {
    let mut out = Vec::new();
    let mut change = |kind: ChangeKind, key: &str, detail: String| {
        out.push(Change {
            widens_access: false,
            kind,
            subject: key.to_string(),
            detail,
            source: FILE.to_string(),
        })
    };
    let path_of = |key: &str| {
        key.split_once(' ')
            .map(|(_, p)| p.to_string())
            .unwrap_or_default()
    };
    // The path whose ancestors say whether a line goes with its parent: a
    // trait impl goes with its type.
    let below = |key: &str| match key.strip_prefix("impl ") {
        Some(rest) => format!("{}::_", rest.split(": ").next().unwrap_or(rest)),
        None => path_of(key),
    };
    // The gate of each item by its path, on each side.
    let gates = |listing: &Listing| -> BTreeMap<String, Option<String>> {
        listing
            .lines
            .iter()
            .filter(|(k, _)| !k.starts_with("impl ") && !k.starts_with("expands "))
            .map(|(k, line)| (path_of(k), split_gate(line).1.map(str::to_string)))
            .collect()
    };
    let (old_gates, new_gates) = (gates(old), gates(new));
    // Whether an ancestor of `path` is listed on one side and not the other.
    type Gates = BTreeMap<String, Option<String>>;
    let with_parent = |path: &str, on: &Gates, off: &Gates| {
        let mut at = path;
        while let Some((parent, _)) = at.rsplit_once("::") {
            if on.contains_key(parent) && !off.contains_key(parent) {
                return true;
            }
            at = parent;
        }
        false
    };
    // Whether the nearest item above `path` on both sides had its gate
    // changed just so: a model's fields go with the model.
    let same_as_parent = |path: &str, (was, now): (Option<&str>, Option<&str>)| {
        let mut at = path;
        while let Some((parent, _)) = at.rsplit_once("::") {
            if let (Some(p_was), Some(p_now)) = (old_gates.get(parent), new_gates.get(parent)) {
                return p_was.as_deref() == was && p_now.as_deref() == now;
            }
            at = parent;
        }
        false
    };
    // What a line says beyond its key: `: Option<String>  if ...`.
    let rest = |key: &str, line: &str| line[key.len().min(line.len())..].trim().to_string();
    for (key, line) in &old.lines {
        match new.lines.get(key) {
            None => {
                if !with_parent(&below(key), &old_gates, &new_gates) {
                    change(ChangeKind::ApiItemRemoved, line, String::new());
                }
            }
            Some(now) if now == line => {}
            Some(now) => {
                let (was_body, was_gate) = split_gate(line);
                let (now_body, now_gate) = split_gate(now);
                if was_body != now_body {
                    change(
                        ChangeKind::ApiItemChanged,
                        key,
                        format!(
                            "was `{}`, now `{}`",
                            rest(key, was_body),
                            rest(key, now_body)
                        ),
                    );
                } else if !same_as_parent(&below(key), (was_gate, now_gate))
                    && !same_features(was_gate, now_gate)
                {
                    let narrowed = !implies(was_gate, now_gate);
                    change(
                        if narrowed {
                            ChangeKind::FeatureGateNarrowed
                        } else {
                            ChangeKind::FeatureGateWidened
                        },
                        key,
                        format!(
                            "was on {}, now on {}",
                            was_gate.unwrap_or("always"),
                            now_gate.unwrap_or("always")
                        ),
                    );
                }
            }
        }
    }
    for (key, line) in &new.lines {
        if old.lines.contains_key(key) {
            continue;
        }
        if with_parent(&below(key), &new_gates, &old_gates) {
            continue;
        }
        // A variant of an enum that a `match` must cover whole breaks the
        // matches written against the old one.
        let exhaustive = key
            .strip_prefix("variant ")
            .and_then(|path| path.rsplit_once("::"))
            .and_then(|(owner, _)| old.lines.get(&format!("enum {owner}")))
            .is_some_and(|enum_line| !split_gate(enum_line).0.ends_with(" non_exhaustive"));
        if exhaustive {
            change(
                ChangeKind::VariantOfExhaustiveEnumAdded,
                line,
                String::new(),
            );
        } else {
            change(ChangeKind::ApiItemAdded, line, String::new());
        }
    }
    out.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
    out
}

/// A `cfg` predicate, read for [`implies`].
#[derive(Clone, Debug, PartialEq)]
enum Predicate {
    /// `feature = "v1"`, or any other atom, by its text.
    Atom(String),
    All(Vec<Predicate>),
    Any(Vec<Predicate>),
    Not(Box<Predicate>),
}

impl Predicate {
    fn read(text: &str) -> Predicate {
        let text = text.trim();
        for (word, make) in [
            ("all(", Predicate::All as fn(Vec<Predicate>) -> Predicate),
            ("any(", Predicate::Any),
        ] {
            if let Some(inner) = text.strip_prefix(word).and_then(|r| r.strip_suffix(')')) {
                return make(split_top(inner).into_iter().map(Predicate::read).collect());
            }
        }
        if let Some(inner) = text.strip_prefix("not(").and_then(|r| r.strip_suffix(')')) {
            return Predicate::Not(Box::new(Predicate::read(inner)));
        }
        Predicate::Atom(text.to_string())
    }

    fn atoms<'a>(&'a self, out: &mut BTreeSet<&'a str>) {
        match self {
            Predicate::Atom(a) => {
                out.insert(a);
            }
            Predicate::All(ps) | Predicate::Any(ps) => ps.iter().for_each(|p| p.atoms(out)),
            Predicate::Not(p) => p.atoms(out),
        }
    }

    fn holds(&self, on: &BTreeSet<&str>) -> bool {
        match self {
            Predicate::Atom(a) => on.contains(a.as_str()),
            Predicate::All(ps) => ps.iter().all(|p| p.holds(on)),
            Predicate::Any(ps) => ps.iter().any(|p| p.holds(on)),
            Predicate::Not(p) => !p.holds(on),
        }
    }
}

/// Whether two gates, written otherwise, switch an item on with the same
/// features.
fn same_features(was: Option<&str>, now: Option<&str>) -> bool {
    implies(was, now) && implies(now, was)
}

/// Whether every build that has an item gated by `was` still has it when
/// `now` gates it (`None`: always there). Features are taken as
/// independent of each other, which may call a change narrowing that the
/// crate's `[features]` table makes harmless, never the other way round.
/// With more than sixteen features in play, only the same predicate is.
pub(super) fn implies(was: Option<&str>, now: Option<&str>) -> bool {
    let Some(now) = now else { return true };
    let Some(was) = was else { return false };
    let (was, now) = (Predicate::read(was), Predicate::read(now));
    let mut atoms = BTreeSet::new();
    was.atoms(&mut atoms);
    now.atoms(&mut atoms);
    let atoms: Vec<&str> = atoms.into_iter().collect();
    if atoms.len() > 16 {
        return was == now;
    }
    (0u32..1 << atoms.len()).all(|set| {
        let on: BTreeSet<&str> = atoms
            .iter()
            .enumerate()
            .filter(|(i, _)| set & (1 << i) != 0)
            .map(|(_, a)| *a)
            .collect();
        !was.holds(&on) || now.holds(&on)
    })
}
