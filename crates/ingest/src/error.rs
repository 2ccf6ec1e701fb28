//! Why an input could not be read (fully).

use std::fmt;
use std::path::PathBuf;

/// Why an input could not be read; the path is always named.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path could not be opened or read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The input.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The content is not something truce reads, or only partly.
    #[error("{}: {problem}", path.display())]
    Input {
        /// The input.
        path: PathBuf,
        /// What is wrong.
        problem: Problem,
    },
}

impl IngestError {
    /// The problem with the content, if it is not an I/O error.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            IngestError::Io { .. } => None,
            IngestError::Input { problem, .. } => Some(problem),
        }
    }
}

/// What is wrong with an input's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Zero bytes (after decompression).
    #[error("empty file")]
    Empty,
    /// Only whitespace.
    #[error("empty file (only whitespace)")]
    Blank,
    /// NUL bytes or many control characters; `what` names a recognised binary format.
    #[error("{}", binary_message(*.what))]
    Binary {
        /// E.g. "PDF document", when the magic bytes say so.
        what: Option<&'static str>,
    },
    /// The input (on disk, or as read from stdin) is over the byte limit.
    #[error("{}", too_large_message(*.size, *.limit))]
    TooLarge {
        /// Size on disk, when known before reading.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// A gzip input expands past the byte limit.
    #[error("decompressed size exceeds the {} limit", ByteSize(*.limit))]
    DecompressedTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// Gzip data that ends early or does not decode.
    #[error("corrupt gzip data: {0}")]
    Gzip(String),
    /// A feed that ends before its closing tags; complete items are kept.
    #[error("truncated feed: {detail} ({})", kept_message(*.kept))]
    TruncatedFeed {
        /// Where it ends.
        detail: String,
        /// How many items were complete and are returned.
        kept: usize,
    },
    /// A feed that is not well-formed XML; items before the fault are kept.
    #[error("malformed feed at byte {offset}: {detail} ({})", kept_message(*.kept))]
    MalformedFeed {
        /// Byte offset of the fault in the raw (decompressed) input.
        offset: usize,
        /// The XML parser's complaint.
        detail: String,
        /// How many items before the fault are returned.
        kept: usize,
    },
    /// A well-formed feed without items or entries.
    #[error("{0} feed has no items")]
    NoItems(&'static str),
    /// An XML document whose root is not a feed.
    #[error("XML document with root element <{0}> is not a supported feed (RSS or Atom)")]
    UnsupportedXml(String),
    /// JSON Lines records that could not be read; good records are kept.
    #[error("{unit} {position}: {detail} ({bad} of {total} records unreadable, {kept} kept)")]
    BadRecords {
        /// "line" for JSON Lines, "record" for a JSON array.
        unit: &'static str,
        /// 1-based line (or array position) of the first bad record.
        position: usize,
        /// What is wrong with it.
        detail: String,
        /// Bad records in the file.
        bad: usize,
        /// All records in the file.
        total: usize,
        /// Documents returned.
        kept: usize,
    },
    /// A JSON document that is neither JSON Lines nor an array of records.
    #[error("not JSON Lines: {0}")]
    NotJsonLines(String),
}

fn binary_message(what: Option<&'static str>) -> String {
    match what {
        Some(w) => format!("binary file, not text ({w})"),
        None => "binary file, not text".to_string(),
    }
}

fn too_large_message(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(s) => format!(
            "file is larger than the {} limit ({})",
            ByteSize(limit),
            ByteSize(s)
        ),
        None => format!("file is larger than the {} limit", ByteSize(limit)),
    }
}

fn kept_message(kept: usize) -> String {
    match kept {
        0 => "no complete items".to_string(),
        1 => "1 complete item kept".to_string(),
        n => format!("{n} complete items kept"),
    }
}

/// A byte count shown the way people write limits: `64 MiB`, `1.5 GiB`, `900 bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
        let n = self.0;
        if n < 1024 {
            return write!(f, "{n} bytes");
        }
        let mut value = n as f64 / 1024.0;
        let mut unit = 0;
        while value >= 1024.0 && unit + 1 < UNITS.len() {
            value /= 1024.0;
            unit += 1;
        }
        if (value - value.round()).abs() < 0.05 {
            write!(f, "{} {}", value.round() as u64, UNITS[unit])
        } else {
            write!(f, "{value:.1} {}", UNITS[unit])
        }
    }
}

/// Parse a byte count as people write it: `4096`, `64M`, `64MiB`, `1.5G`, `500k`.
///
/// Suffixes are binary (k = 1024); `B`, `iB` and case are optional.
pub fn parse_byte_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (try 4096, 500K, 64M or 1G)"))?;
    let unit = unit.trim().to_ascii_lowercase();
    let factor: u64 = match unit.trim_end_matches('b').trim_end_matches('i') {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return Err(format!("`{s}`: unknown size unit (use K, M, G or T)")),
    };
    let bytes = value * factor as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("`{s}`: size must be at least 1 byte"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_print_like_people_write_them() {
        assert_eq!(ByteSize(64 << 20).to_string(), "64 MiB");
        assert_eq!(ByteSize(900).to_string(), "900 bytes");
        assert_eq!(ByteSize(1536 << 20).to_string(), "1.5 GiB");
        assert_eq!(ByteSize(4096).to_string(), "4 KiB");
    }

    #[test]
    fn sizes_parse_with_and_without_units() {
        assert_eq!(parse_byte_size("4096"), Ok(4096));
        assert_eq!(parse_byte_size("64M"), Ok(64 << 20));
        assert_eq!(parse_byte_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_byte_size("64mb"), Ok(64 << 20));
        assert_eq!(parse_byte_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_byte_size(" 10k "), Ok(10240));
        assert!(parse_byte_size("lots").is_err());
        assert!(parse_byte_size("10 parsecs").is_err());
        assert!(parse_byte_size("0").is_err());
    }

    #[test]
    fn messages_name_the_problem() {
        let p = Problem::TooLarge {
            size: Some(100 << 20),
            limit: 64 << 20,
        };
        assert_eq!(
            p.to_string(),
            "file is larger than the 64 MiB limit (100 MiB)"
        );
        let p = Problem::TruncatedFeed {
            detail: "ends inside item 3".into(),
            kept: 2,
        };
        assert_eq!(
            p.to_string(),
            "truncated feed: ends inside item 3 (2 complete items kept)"
        );
        assert_eq!(
            Problem::Binary { what: None }.to_string(),
            "binary file, not text"
        );
    }
}
