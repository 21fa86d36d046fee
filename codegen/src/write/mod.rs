//! Writing the generated tree, and the one freshness primitive for drift.
//!
//! `check` compares what would be written with what is there: changed,
//! added and removed generated files (those whose first line carries the
//! `@generated` header). `write` builds the new tree beside the old one,
//! copies hand-written files across, and swaps the folders, so a failure at
//! any point leaves either the old tree or the new one, never a mix.

use similar::TextDiff;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One file of the generated crate, by path relative to its root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// What differs between the wanted tree and the one on disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// A short unified diff of the changes.
    pub diff: String,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// The report shown by `regen --check` and the drift test.
    pub fn report(&self, out: &Path) -> String {
        let mut s = format!(
            "{} is stale; run `cargo xtask regen` to update it.\n",
            out.display()
        );
        for (what, list) in [
            ("changed", &self.changed),
            ("would be created", &self.added),
            ("would be removed", &self.removed),
        ] {
            for f in list {
                s.push_str(&format!("  {what}: {}\n", out.join(f).display()));
            }
        }
        s.push_str(&self.diff);
        s
    }
}

pub fn is_generated(contents: &str) -> bool {
    contents
        .lines()
        .next()
        .is_some_and(|l| l.contains("@generated"))
}

/// Generated files on disk (relative path to contents). Hand-written files
/// and build output are not listed.
pub fn generated_files(out: &Path) -> io::Result<BTreeMap<String, String>> {
    existing(out)
}

fn existing(out: &Path) -> io::Result<BTreeMap<String, String>> {
    let mut found = BTreeMap::new();
    if !out.exists() {
        return Ok(found);
    }
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            let path = entry.path();
            if ft.is_dir() {
                if entry.file_name() != "target" {
                    dirs.push(path);
                }
            } else if ft.is_file() {
                if let Ok(text) = fs::read_to_string(&path) {
                    if is_generated(&text) {
                        let rel = path
                            .strip_prefix(out)
                            .unwrap_or(&path)
                            .to_string_lossy()
                            .replace('\\', "/");
                        found.insert(rel, text);
                    }
                }
            }
        }
    }
    Ok(found)
}

const DIFF_LINES: usize = 80;

/// Compares `files` with the generated files under `out`.
pub fn check(out: &Path, files: &[GeneratedFile]) -> io::Result<Drift> {
    let mut on_disk = existing(out)?;
    let mut drift = Drift::default();
    for f in files {
        match on_disk.remove(&f.path) {
            Some(old) if old == f.contents => {}
            Some(old) => {
                drift.changed.push(f.path.clone());
                let diff = TextDiff::from_lines(&old, &f.contents);
                let text = diff
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{}", f.path), &format!("b/{}", f.path))
                    .to_string();
                drift.diff.push_str(&text);
            }
            None if out.join(&f.path).exists() => {
                // A hand-written file sits where a generated one should go.
                drift.changed.push(f.path.clone());
            }
            None => drift.added.push(f.path.clone()),
        }
    }
    drift.removed = on_disk.into_keys().collect();
    let lines: Vec<&str> = drift.diff.lines().collect();
    if lines.len() > DIFF_LINES {
        drift.diff = format!(
            "{}\n... ({} more diff lines)\n",
            lines[..DIFF_LINES].join("\n"),
            lines.len() - DIFF_LINES
        );
    }
    Ok(drift)
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "generated".into());
    out.with_file_name(format!(".{name}.{tag}"))
}

/// Puts back the old tree if an earlier regen died between the two renames.
pub fn recover(out: &Path) -> io::Result<()> {
    let old = sibling(out, "regen-old");
    if !out.exists() && old.exists() {
        fs::rename(&old, out)?;
    }
    Ok(())
}

/// Writes `files` to `out` atomically. Returns whether anything changed.
/// Refuses to overwrite a hand-written file.
pub fn write(out: &Path, files: &[GeneratedFile]) -> io::Result<bool> {
    recover(out)?;
    if check(out, files)?.is_empty() {
        return Ok(false);
    }
    for f in files {
        let target = out.join(&f.path);
        if let Ok(text) = fs::read_to_string(&target) {
            if !is_generated(&text) {
                return Err(io::Error::other(format!(
                    "{} is hand-written (no @generated header); not overwriting it",
                    target.display()
                )));
            }
        }
    }
    let tmp = sibling(out, "regen-tmp");
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    fs::create_dir_all(&tmp)?;
    // Hand-written files (and build output) move across untouched.
    if out.exists() {
        copy_hand_written(out, out, &tmp)?;
    }
    for f in files {
        let path = tmp.join(&f.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &f.contents)?;
    }
    let old = sibling(out, "regen-old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if out.exists() {
        fs::rename(out, &old)?;
    }
    fs::rename(&tmp, out)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(true)
}

/// Carries hand-written files (no `@generated` header) and the build output
/// (`target/`) across to the new tree. Hard links, so nothing is copied
/// and the old tree stays whole until the swap; a plain copy where links
/// are refused.
fn copy_hand_written(root: &Path, dir: &Path, to: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let ft = entry.file_type()?;
        if ft.is_dir() {
            if rel == Path::new("target") {
                link_all(&path, &to.join(rel))?;
            } else {
                copy_hand_written(root, &path, to)?;
            }
        } else if ft.is_file() && !starts_generated(&path) {
            link_or_copy(&path, &to.join(rel))?;
        }
    }
    Ok(())
}

/// Whether a file's first line carries the header; reads 512 bytes at most.
fn starts_generated(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    is_generated(&String::from_utf8_lossy(&head[..n]))
}

fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to)?;
    }
    Ok(())
}

fn link_all(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let ft = entry.file_type()?;
        let dest = to.join(entry.file_name());
        if ft.is_dir() {
            link_all(&entry.path(), &dest)?;
        } else if ft.is_file() {
            link_or_copy(&entry.path(), &dest)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: format!("// @generated\n{body}\n"),
        }
    }

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn drift_names_changed_added_and_removed_files() {
        let root = tempdir("drift");
        let out = root.join("generated");
        write(&out, &[file("a.rs", "a"), file("gone.rs", "x")]).unwrap();
        let drift = check(&out, &[file("a.rs", "b"), file("new.rs", "n")]).unwrap();
        assert_eq!(drift.changed, vec!["a.rs"]);
        assert_eq!(drift.added, vec!["new.rs"]);
        assert_eq!(drift.removed, vec!["gone.rs"]);
        assert!(drift.diff.contains("-a") && drift.diff.contains("+b"));
        assert!(drift.report(&out).contains("cargo xtask regen"));
    }

    #[test]
    fn hand_written_files_survive_and_are_never_overwritten() {
        let root = tempdir("hand");
        let out = root.join("generated");
        fs::create_dir_all(out.join("src")).unwrap();
        fs::write(out.join("src/extra.rs"), "// mine\n").unwrap();
        write(&out, &[file("src/lib.rs", "x")]).unwrap();
        write(&out, &[file("src/lib.rs", "y")]).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("src/extra.rs")).unwrap(),
            "// mine\n"
        );
        assert!(write(&out, &[file("src/extra.rs", "z")]).is_err());
        assert_eq!(
            fs::read_to_string(out.join("src/extra.rs")).unwrap(),
            "// mine\n"
        );
    }

    #[test]
    fn an_interrupted_swap_is_recovered() {
        let root = tempdir("recover");
        let out = root.join("generated");
        write(&out, &[file("a.rs", "a")]).unwrap();
        // Simulate a crash between the two renames.
        fs::rename(&out, sibling(&out, "regen-old")).unwrap();
        recover(&out).unwrap();
        assert!(check(&out, &[file("a.rs", "a")]).unwrap().is_empty());
    }
}
