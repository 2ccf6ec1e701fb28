//! Walking paths and reading one input into raw documents.

use crate::{BodyKind, IngestError, RawDocument};
use std::path::{Path, PathBuf};
use truce_document::{Format, Metadata, OffsetMap};

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
}

/// Expand paths (directories recursively, sorted) into inputs, lazily.
pub fn walk_inputs(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<InputSource, IngestError>> + '_ {
    paths.iter().flat_map(
        |p| -> Box<dyn Iterator<Item = Result<InputSource, IngestError>>> {
            if p.as_os_str() == "-" {
                return Box::new(std::iter::once(Ok(InputSource::Stdin)));
            }
            if p.is_dir() {
                let mut files = Vec::new();
                let mut stack = vec![p.clone()];
                let mut errors = Vec::new();
                while let Some(dir) = stack.pop() {
                    match std::fs::read_dir(&dir) {
                        Ok(rd) => {
                            for e in rd.flatten() {
                                let path = e.path();
                                if path.is_dir() {
                                    stack.push(path);
                                } else {
                                    files.push(path);
                                }
                            }
                        }
                        Err(source) => errors.push(IngestError::Io { path: dir, source }),
                    }
                }
                files.sort();
                return Box::new(
                    errors
                        .into_iter()
                        .map(Err)
                        .chain(files.into_iter().map(|f| Ok(InputSource::File(f)))),
                );
            }
            Box::new(std::iter::once(Ok(InputSource::File(p.clone()))))
        },
    )
}

/// Read one input into its raw documents.
pub fn read_input(src: &InputSource) -> Result<Vec<RawDocument>, IngestError> {
    let (bytes, path) = match src {
        InputSource::File(p) => (
            std::fs::read(p).map_err(|source| IngestError::Io {
                path: p.clone(),
                source,
            })?,
            p.clone(),
        ),
        InputSource::Stdin => {
            use std::io::Read;
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|source| IngestError::Io {
                    path: PathBuf::from("-"),
                    source,
                })?;
            (buf, PathBuf::from("-"))
        }
    };
    let body = String::from_utf8(bytes).map_err(|_| IngestError::Invalid {
        path: path.clone(),
        message: "not valid UTF-8 text".into(),
    })?;
    let is_html = body.trim_start().starts_with('<');
    Ok(vec![RawDocument {
        doc_id: stem(&path),
        origin: src.display(),
        format: if is_html { Format::Html } else { Format::Text },
        body_kind: if is_html {
            BodyKind::Html
        } else {
            BodyKind::Text
        },
        body_map: OffsetMap::identity(body.len()),
        body,
        meta: Metadata::default(),
    }])
}

fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "-".into());
    name.split('.').next().unwrap_or(&name).to_string()
}
