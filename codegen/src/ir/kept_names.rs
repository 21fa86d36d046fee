//! The request-body names a generated crate already has, kept from one
//! regeneration to the next. A body model's name depends on the rest of
//! the tree: `invitePostRequestBody` while one `invite` action takes a
//! table, `itemsInvitePostRequestBody` once another `invite` takes a
//! different one (see `request_bodies`). From the 2019 tree to the 2020
//! one, three bodies were renamed so, each a breaking change for the
//! applications that named them. `names.lock`, written beside the crate,
//! records the name each operation's body got; the next regen gives it
//! that name again while the name is free and the operations that keep
//! it share one parameter list, and names the newcomers further along
//! their paths instead.

use super::{simple_name, ApiVersion, Ir, ModelOrigin};
use crate::diagnostics::{Code, Diagnostic};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The file's name, in the crate's folder.
pub const FILE: &str = "names.lock";

/// The kept names, by the version and id of the operation whose body has
/// it, with what reading them found.
#[derive(Clone, Debug, Default)]
pub struct KeptNames {
    by_operation: BTreeMap<(ApiVersion, String), String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl KeptNames {
    /// The names kept in the crate folder `out`: none when it has no
    /// `names.lock` (a first regen, or a crate made elsewhere).
    pub fn in_crate(out: &Path, display: &str) -> KeptNames {
        let file = format!("{}/{FILE}", display.trim_end_matches('/'));
        match std::fs::read(out.join(FILE)) {
            Ok(bytes) => KeptNames::read(&String::from_utf8_lossy(&bytes), &file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => KeptNames::default(),
            Err(e) => KeptNames {
                by_operation: BTreeMap::new(),
                diagnostics: vec![Diagnostic::new(
                    Code::UnreadableKeptName,
                    &*file,
                    1,
                    format!("cannot read the kept names ({e}); every body is named afresh"),
                )],
            },
        }
    }

    /// Reads `<version> <operation id> <name>` lines; `#` starts a comment.
    /// A line that is not one (the file is written by regen, but it may
    /// be edited or merged by hand) is dropped with a warning, and that
    /// body is named afresh.
    pub fn read(text: &str, file: &str) -> KeptNames {
        let mut kept = KeptNames::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let version = words.first().and_then(|v| version_of(v));
            let why = match (version, words.as_slice()) {
                (None, _) => Some("its version is neither `v1.0` nor `beta`"),
                (_, [_, id, name]) if !is_id(id) || !is_body_name(name) => Some(
                    "its operation id or name is not one regen writes (a name ends in `RequestBody`)",
                ),
                (Some(version), [_, id, name]) => {
                    let key = (version, id.to_string());
                    match kept.by_operation.get(&key) {
                        Some(other) if other != name => {
                            Some("its operation is given another name on an earlier line")
                        }
                        _ => {
                            kept.by_operation.insert(key, name.to_string());
                            None
                        }
                    }
                }
                _ => Some("it is not `<version> <operation id> <name>`"),
            };
            if let Some(why) = why {
                kept.diagnostics.push(Diagnostic::new(
                    Code::UnreadableKeptName,
                    file,
                    u32::try_from(number + 1).unwrap_or(u32::MAX),
                    format!("line dropped: {why}; that body is named afresh"),
                ));
            }
        }
        kept
    }

    /// The name the body of operation `id` of `version` had, unqualified.
    pub fn get(&self, version: ApiVersion, id: &str) -> Option<&str> {
        self.by_operation
            .get(&(version, id.to_string()))
            .map(String::as_str)
    }

    /// The file for the crate of `ir`: a line for each operation whose
    /// body is a model made from its table, sorted.
    pub fn render(ir: &Ir, header: &str) -> String {
        let bodies: BTreeSet<(ApiVersion, &str)> = ir
            .models
            .iter()
            .filter(|m| m.origin == ModelOrigin::RequestBody)
            .map(|m| (m.version, m.name.as_str()))
            .collect();
        let mut lines: Vec<String> = ir
            .operations
            .iter()
            .filter_map(|op| {
                let ty = op.request_body.type_name.as_deref()?;
                bodies
                    .contains(&(op.version, ty))
                    .then(|| format!("{} {} {}", op.version.as_str(), op.id, simple_name(ty)))
            })
            .collect();
        lines.sort();
        let mut out = format!(
            "# {header}\n# The name of each operation's request body, kept by the next regen: see\n# codegen/src/ir/kept_names.rs. `<version> <operation id> <name>`.\n"
        );
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

fn version_of(text: &str) -> Option<ApiVersion> {
    [ApiVersion::V1, ApiVersion::Beta]
        .into_iter()
        .find(|v| v.as_str() == text)
}

/// An operation id as regen makes them: lowercase ASCII words and digits
/// joined by `_`.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A body model's name as regen makes them: ASCII letters and digits,
/// starting with a letter, ending in `RequestBody`.
fn is_body_name(name: &str) -> bool {
    name.len() > "RequestBody".len()
        && name.ends_with("RequestBody")
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_regen_does_not_write_are_dropped_with_their_line() {
        let text = "# comment\n\n\
            v1.0 v1_post_me_events_by_id_decline declinePostRequestBody\n\
            beta beta_post_x xPostRequestBody\n\
            v2 v2_post_x xPostRequestBody\n\
            v1.0 v1_post_y\n\
            v1.0 v1_post_z zPostRequestBody(); std::process::exit(1)\n\
            v1.0 V1_POST_Z zPostRequestBody\n\
            v1.0 v1_post_w notABody\n\
            v1.0 v1_post_me_events_by_id_decline otherPostRequestBody\n\
            v1.0 v1_post_me_events_by_id_decline declinePostRequestBody\n";
        let kept = KeptNames::read(text, "generated/names.lock");
        assert_eq!(
            kept.get(ApiVersion::V1, "v1_post_me_events_by_id_decline"),
            Some("declinePostRequestBody")
        );
        assert_eq!(
            kept.get(ApiVersion::Beta, "beta_post_x"),
            Some("xPostRequestBody")
        );
        assert_eq!(kept.by_operation.len(), 2);
        let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [5, 6, 7, 8, 9, 10]);
        assert!(kept
            .diagnostics
            .iter()
            .all(|d| d.code == Code::UnreadableKeptName && d.file == "generated/names.lock"));
    }

    #[test]
    fn any_text_reads_without_a_panic_and_keeps_only_names_regen_writes() {
        use proptest::prelude::*;
        let words = prop::sample::select(vec![
            "v1.0",
            "beta",
            "v1_post_x",
            "beta_post_y",
            "xPostRequestBody",
            "RequestBody",
            "x()PostRequestBody",
            "#",
            " ",
            "\t",
            "\n",
            "\r\n",
            "é",
            "",
        ]);
        let texts = prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "));
        proptest!(ProptestConfig::with_cases(5_000), |(text in texts)| {
            let kept = KeptNames::read(&text, "names.lock");
            for ((_, id), name) in &kept.by_operation {
                prop_assert!(is_id(id) && is_body_name(name), "{:?} kept {:?} {:?}", text, id, name);
            }
            // What is kept reads back the same, line by line.
            let lines: String = kept
                .by_operation
                .iter()
                .map(|((version, id), name)| format!("{} {id} {name}\n", version.as_str()))
                .collect();
            prop_assert_eq!(&KeptNames::read(&lines, "names.lock").by_operation, &kept.by_operation);
        });
    }

    #[test]
    fn a_crate_without_the_file_keeps_nothing_and_says_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptNames::in_crate(dir.path(), "generated");
        assert!(kept.by_operation.is_empty() && kept.diagnostics.is_empty());
        // A folder where the file should be cannot be read: a warning.
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        let kept = KeptNames::in_crate(dir.path(), "generated");
        assert_eq!(kept.diagnostics.len(), 1);
        assert_eq!(kept.diagnostics[0].file, "generated/names.lock");
    }
}
