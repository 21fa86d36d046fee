//! The no-change fast path of `regen` and `regen --check`: a fingerprint of
//! everything a regeneration reads (every file under the docs root, which
//! covers pages and the includes they use, and the generator binary itself)
//! and of the generated files on disk. When both match the last run that
//! wrote or checked the tree, nothing can have changed and the run stops
//! there. Any edit to a page, an include, the generator or a generated file
//! changes a fingerprint and the full pipeline runs.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

/// Fingerprints of one run: what went in, and what the tree holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprints {
    pub inputs: u64,
    pub outputs: u64,
}

/// Everything a regeneration of `docs` reads, and the generator's identity
/// (its executable's path, size and modification time).
pub fn inputs(docs: &Path) -> io::Result<u64> {
    let root = crate::include_root(docs);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    docs.hash(&mut h);
    for path in crate::parse::files_under(&root) {
        path.strip_prefix(&root).unwrap_or(&path).hash(&mut h);
        std::fs::read(&path).unwrap_or_default().hash(&mut h);
    }
    let exe = std::env::current_exe()?;
    let meta = std::fs::metadata(&exe)?;
    exe.hash(&mut h);
    meta.len().hash(&mut h);
    meta.modified().ok().hash(&mut h);
    Ok(h.finish())
}

/// The generated files now under `out`.
pub fn outputs(out: &Path) -> io::Result<u64> {
    let files: BTreeMap<String, String> = crate::write::generated_files(out)?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut h);
    Ok(h.finish())
}

/// Where the fingerprints of the tree at `out` are kept: a file under
/// `cache_dir` named after `out`.
pub fn file_for(cache_dir: &Path, out: &Path) -> PathBuf {
    let canonical = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    cache_dir.join(format!("{:016x}", h.finish()))
}

pub fn load(file: &Path) -> Option<Fingerprints> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut parts = text.split_whitespace().map(|p| u64::from_str_radix(p, 16));
    Some(Fingerprints {
        inputs: parts.next()?.ok()?,
        outputs: parts.next()?.ok()?,
    })
}

pub fn store(file: &Path, f: Fingerprints) -> io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(file, format!("{:016x} {:016x}\n", f.inputs, f.outputs))
}

/// Whether the tree at `out` is known to be fresh for `docs`: the last run
/// saw the same inputs and left the same outputs.
pub fn is_fresh(cache_file: &Path, docs: &Path, out: &Path) -> bool {
    let Some(saved) = load(cache_file) else {
        return false;
    };
    inputs(docs).is_ok_and(|i| i == saved.inputs) && outputs(out).is_ok_and(|o| o == saved.outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_to_a_page_an_include_or_an_output_invalidates() {
        let root = std::env::temp_dir().join(format!("graph-codegen-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let docs = root.join("docs/api-reference/v1.0");
        let out = root.join("out");
        std::fs::create_dir_all(docs.join("api")).unwrap();
        std::fs::create_dir_all(root.join("docs/api-reference/includes")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(docs.join("api/a.md"), "# A").unwrap();
        std::fs::write(root.join("docs/api-reference/includes/p.md"), "|x|").unwrap();
        let header = crate::emit::HEADER;
        std::fs::write(out.join("lib.rs"), format!("// {header}\nfn a() {{}}\n")).unwrap();
        let cache = file_for(&root.join("cache"), &out);
        let save = || {
            store(
                &cache,
                Fingerprints {
                    inputs: inputs(&docs).unwrap(),
                    outputs: outputs(&out).unwrap(),
                },
            )
            .unwrap()
        };
        save();
        assert!(is_fresh(&cache, &docs, &out));

        std::fs::write(docs.join("api/a.md"), "# B").unwrap();
        assert!(!is_fresh(&cache, &docs, &out), "a page changed");
        save();
        std::fs::write(root.join("docs/api-reference/includes/p.md"), "|y|").unwrap();
        assert!(!is_fresh(&cache, &docs, &out), "an include changed");
        save();
        std::fs::write(out.join("lib.rs"), format!("// {header}\nfn b() {{}}\n")).unwrap();
        assert!(!is_fresh(&cache, &docs, &out), "a generated file changed");
        save();
        std::fs::write(out.join("notes.txt"), "hand-written").unwrap();
        assert!(
            is_fresh(&cache, &docs, &out),
            "hand-written files are not outputs"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
