use std::path::PathBuf;

/// Why an input could not be read; the path is always named.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The input.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The content is not something truce reads.
    #[error("{path}: {message}")]
    Invalid {
        /// The input.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}
