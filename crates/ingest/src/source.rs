//! Reading an input's bytes under a size cap, and gzip decompression.

use crate::{InputSource, Problem};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, Read};

/// Why bytes could not be had.
#[derive(Debug)]
pub(crate) enum ReadFailure {
    /// Opening or reading failed.
    Io(io::Error),
    /// The content is over a limit or undecodable.
    Problem(Problem),
}

/// Read at most `limit` bytes of an input, failing (without reading on)
/// when there are more.
pub(crate) fn read_capped(src: &InputSource, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    match src {
        InputSource::File(path) => {
            let file = File::open(path).map_err(ReadFailure::Io)?;
            let meta = file.metadata().map_err(ReadFailure::Io)?;
            if meta.is_dir() {
                return Err(ReadFailure::Io(io::Error::other("is a directory")));
            }
            // Regular files say their size up front: refuse before reading.
            if meta.is_file() && meta.len() > limit {
                return Err(ReadFailure::Problem(Problem::TooLarge {
                    size: Some(meta.len()),
                    limit,
                }));
            }
            let hint = if meta.is_file() { meta.len() } else { 0 };
            read_limited(file, limit, hint)
        }
        InputSource::Stdin => read_limited(io::stdin().lock(), limit, 0),
    }
}

fn read_limited(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadFailure> {
    let mut buf = Vec::with_capacity(hint.min(limit) as usize);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(ReadFailure::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadFailure::Problem(Problem::TooLarge {
            size: None,
            limit,
        }));
    }
    Ok(buf)
}

/// True when the bytes start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompress gzip data (all members), refusing to produce more than `limit` bytes.
pub(crate) fn gunzip_capped(bytes: &[u8], limit: u64) -> Result<Vec<u8>, Problem> {
    // A guess; the vector grows as needed, so never reserve a huge limit up front.
    let guess = (bytes.len() as u64)
        .saturating_mul(4)
        .min(limit)
        .min(64 << 20);
    let mut out = Vec::with_capacity(guess as usize);
    let decoder = MultiGzDecoder::new(bytes);
    match decoder.take(limit.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            return Err(Problem::Gzip(
                "truncated (ends before the end of the stream)".into(),
            ))
        }
        Err(e) => return Err(Problem::Gzip(e.to_string())),
    }
    if out.len() as u64 > limit {
        return Err(Problem::DecompressedTooLarge { limit });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_round_trips_and_is_detected_by_magic() {
        let z = gzip(b"hello ceasefire");
        assert!(is_gzip(&z));
        assert!(!is_gzip(b"hello"));
        assert_eq!(gunzip_capped(&z, 1024).unwrap(), b"hello ceasefire");
    }

    #[test]
    fn concatenated_members_are_all_read() {
        let mut z = gzip(b"one ");
        z.extend(gzip(b"two"));
        assert_eq!(gunzip_capped(&z, 1024).unwrap(), b"one two");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        // 16 MiB of zeros compresses to ~16 KiB; the cap is 1 MiB.
        let z = gzip(&vec![b'a'; 16 << 20]);
        assert!(z.len() < 100_000);
        assert_eq!(
            gunzip_capped(&z, 1 << 20),
            Err(Problem::DecompressedTooLarge { limit: 1 << 20 })
        );
    }

    #[test]
    fn truncated_and_corrupt_gzip_are_reported() {
        let z = gzip(&[b'x'; 10_000]);
        let cut = &z[..z.len() / 2];
        assert!(matches!(gunzip_capped(cut, 1 << 20), Err(Problem::Gzip(_))));
        let mut bad = z.clone();
        for b in bad.iter_mut().skip(12).take(8) {
            *b ^= 0x55;
        }
        assert!(matches!(
            gunzip_capped(&bad, 1 << 20),
            Err(Problem::Gzip(_))
        ));
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = std::env::temp_dir().join(format!("truce-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("big.txt");
        std::fs::write(&p, vec![b'a'; 5000]).unwrap();
        match read_capped(&InputSource::File(p.clone()), 4096) {
            Err(ReadFailure::Problem(Problem::TooLarge { size, limit })) => {
                assert_eq!(size, Some(5000));
                assert_eq!(limit, 4096);
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
        assert_eq!(
            read_capped(&InputSource::File(p.clone()), 5000)
                .unwrap()
                .len(),
            5000
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn streams_without_a_size_are_cut_at_the_limit() {
        let data = vec![b'a'; 300];
        assert!(matches!(
            read_limited(&data[..], 299, 0),
            Err(ReadFailure::Problem(Problem::TooLarge { size: None, .. }))
        ));
        assert_eq!(read_limited(&data[..], 300, 0).unwrap().len(), 300);
    }
}
