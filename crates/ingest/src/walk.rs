//! Expanding command-line paths into inputs, lazily and in a stable order.

use crate::IngestError;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One input to read: a file path or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl InputSource {
    /// How the input is named in messages.
    pub fn display(&self) -> String {
        match self {
            InputSource::File(p) => p.display().to_string(),
            InputSource::Stdin => "-".to_string(),
        }
    }

    /// The path used in error messages (`-` for stdin).
    pub fn path(&self) -> PathBuf {
        match self {
            InputSource::File(p) => p.clone(),
            InputSource::Stdin => PathBuf::from("-"),
        }
    }

    /// Size on disk when cheaply known (used to bound how much is read at once).
    pub fn size_hint(&self) -> Option<u64> {
        match self {
            InputSource::File(p) => fs::metadata(p).ok().map(|m| m.len()),
            InputSource::Stdin => None,
        }
    }
}

/// Expand paths into inputs, lazily: `-` is stdin, a directory is walked
/// recursively in sorted (byte-wise by name) order, skipping hidden entries,
/// and anything else is a file. Only one directory listing per level is
/// held at a time, never the documents.
pub fn walk_inputs(paths: &[PathBuf]) -> Walk<'_> {
    Walk {
        args: paths.iter(),
        stack: Vec::new(),
        seen_dirs: HashSet::new(),
    }
}

/// The iterator returned by [`walk_inputs`].
#[derive(Debug)]
pub struct Walk<'a> {
    args: std::slice::Iter<'a, PathBuf>,
    /// Remaining entries of each open directory, innermost last, reversed
    /// so that `pop` yields them in sorted order.
    stack: Vec<Vec<Entry>>,
    /// Canonical directories already entered (symlink loops).
    seen_dirs: HashSet<PathBuf>,
}

#[derive(Debug)]
enum Entry {
    Dir(PathBuf),
    File(PathBuf),
    Failed(IngestError),
}

impl Walk<'_> {
    /// Open a directory and queue its entries; `None` when it was seen before.
    fn enter(&mut self, dir: &Path) -> Option<IngestError> {
        if let Ok(canonical) = fs::canonicalize(dir) {
            if !self.seen_dirs.insert(canonical) {
                return None;
            }
        }
        let listing = match fs::read_dir(dir) {
            Ok(l) => l,
            Err(source) => {
                return Some(IngestError::Io {
                    path: dir.to_path_buf(),
                    source,
                })
            }
        };
        let mut entries: Vec<(Vec<u8>, Entry)> = Vec::new();
        for item in listing {
            let entry = match item {
                Ok(e) => e,
                Err(source) => {
                    entries.push((
                        Vec::new(),
                        Entry::Failed(IngestError::Io {
                            path: dir.to_path_buf(),
                            source,
                        }),
                    ));
                    continue;
                }
            };
            let name = entry.file_name();
            let key = name.to_string_lossy().as_bytes().to_vec();
            if key.first() == Some(&b'.') {
                continue;
            }
            let path = entry.path();
            // Follow symlinks: a link to a directory is walked (loops are cut
            // by `seen_dirs`), a dangling link is reported when read.
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => path.is_dir(),
                Ok(t) => t.is_dir(),
                Err(_) => path.is_dir(),
            };
            entries.push((
                key,
                if is_dir {
                    Entry::Dir(path)
                } else {
                    Entry::File(path)
                },
            ));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.stack
            .push(entries.into_iter().rev().map(|(_, e)| e).collect());
        None
    }
}

impl Iterator for Walk<'_> {
    type Item = Result<InputSource, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(top) = self.stack.last_mut() {
                match top.pop() {
                    Some(Entry::File(p)) => return Some(Ok(InputSource::File(p))),
                    Some(Entry::Failed(e)) => return Some(Err(e)),
                    Some(Entry::Dir(d)) => {
                        if let Some(e) = self.enter(&d) {
                            return Some(Err(e));
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                return Some(Ok(InputSource::Stdin));
            }
            match fs::metadata(arg) {
                Ok(m) if m.is_dir() => {
                    if let Some(e) = self.enter(arg) {
                        return Some(Err(e));
                    }
                }
                Ok(_) => return Some(Ok(InputSource::File(arg.clone()))),
                Err(source) => {
                    return Some(Err(IngestError::Io {
                        path: arg.clone(),
                        source,
                    }))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("truce-walk-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).expect("create temp dir");
        d
    }

    #[test]
    fn directories_are_walked_recursively_in_sorted_order() {
        let d = temp_dir("order");
        fs::create_dir_all(d.join("b/inner")).unwrap();
        fs::write(d.join("c.txt"), "c").unwrap();
        fs::write(d.join("a.txt"), "a").unwrap();
        fs::write(d.join("b/inner/z.txt"), "z").unwrap();
        fs::write(d.join("b/y.txt"), "y").unwrap();
        fs::write(d.join(".hidden"), "h").unwrap();
        let got: Vec<String> = walk_inputs(std::slice::from_ref(&d))
            .map(|r| {
                let src = r.expect("readable");
                let p = src.path();
                p.strip_prefix(&d).unwrap().display().to_string()
            })
            .collect();
        assert_eq!(got, ["a.txt", "b/inner/z.txt", "b/y.txt", "c.txt"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn stdin_and_missing_paths_keep_their_place() {
        let paths = [PathBuf::from("-"), PathBuf::from("/no/such/truce/file")];
        let got: Vec<_> = walk_inputs(&paths).collect();
        assert!(matches!(got[0], Ok(InputSource::Stdin)));
        match &got[1] {
            Err(IngestError::Io { path, .. }) => assert!(path.ends_with("file")),
            other => panic!("expected an I/O error, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_walked_once() {
        let d = temp_dir("loop");
        fs::write(d.join("doc.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&d, d.join("again")).unwrap();
        let n = walk_inputs(std::slice::from_ref(&d)).count();
        assert_eq!(n, 1);
        let _ = fs::remove_dir_all(&d);
    }
}
