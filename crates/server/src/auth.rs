//! Bearer-token checks: writes always need the token; reads need it only in private mode.
//! The comparison runs in constant time so response timing does not reveal the token.

use crate::error::ApiError;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, Method};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// Who may read and write.
#[derive(Clone, Default)]
pub struct AccessPolicy {
    token: Option<Arc<[u8]>>,
    private: bool,
}

impl std::fmt::Debug for AccessPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the token itself.
        f.debug_struct("AccessPolicy")
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("private", &self.private)
            .finish()
    }
}

/// Why an access policy cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// `--private` without a token would lock everyone out.
    #[error("--private needs a token (--token or TRUCE_TOKEN)")]
    PrivateWithoutToken,
    /// An empty token would match an empty `Authorization: Bearer` header.
    #[error("the token is empty; give a non-empty --token or TRUCE_TOKEN")]
    EmptyToken,
}

impl AccessPolicy {
    /// A policy from an optional token and the private flag.
    pub fn new(token: Option<String>, private: bool) -> Result<Self, PolicyError> {
        let token = match token {
            Some(t) if t.trim().is_empty() => return Err(PolicyError::EmptyToken),
            Some(t) => Some(Arc::from(t.into_bytes().into_boxed_slice())),
            None => None,
        };
        if private && token.is_none() {
            return Err(PolicyError::PrivateWithoutToken);
        }
        Ok(AccessPolicy { token, private })
    }

    /// Whether reads need the token.
    pub fn is_private(&self) -> bool {
        self.private
    }

    /// Whether a token is configured (so writes are possible at all).
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// Check the `Authorization` header of a request for `method`.
    pub fn check(&self, method: &Method, authorization: Option<&[u8]>) -> Result<(), ApiError> {
        let write = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !write && !self.private {
            return Ok(());
        }
        let Some(expected) = &self.token else {
            return Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "writes are disabled: start `truce serve` with --token or TRUCE_TOKEN",
            ));
        };
        let given = authorization.and_then(bearer).ok_or_else(|| {
            ApiError::unauthorized("missing bearer token (Authorization: Bearer ...)")
        })?;
        if tokens_match(given, expected) {
            Ok(())
        } else {
            Err(ApiError::unauthorized("wrong bearer token"))
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header value.
fn bearer(value: &[u8]) -> Option<&[u8]> {
    let (scheme, rest) = value.split_at(value.iter().position(|&b| b == b' ')?);
    if !scheme.eq_ignore_ascii_case(b"bearer") {
        return None;
    }
    let token = rest.trim_ascii();
    (!token.is_empty()).then_some(token)
}

/// Constant-time equality whose running time depends only on the expected token's length,
/// so neither the content nor the length of the secret leaks through timing.
fn tokens_match(given: &[u8], expected: &[u8]) -> bool {
    let mut padded = vec![0u8; expected.len()];
    for (dst, src) in padded.iter_mut().zip(given) {
        *dst = *src;
    }
    let same_len = (given.len() as u64).ct_eq(&(expected.len() as u64));
    let same_bytes = padded.as_slice().ct_eq(expected);
    bool::from(same_len & same_bytes)
}

fn authorization(parts: &Parts) -> Option<&[u8]> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes())
}

/// Extractor of a handler that reads: passes when reads are open or the token is right.
#[derive(Debug, Clone, Copy)]
pub struct ReadAccess;

impl<S> FromRequestParts<S> for ReadAccess
where
    S: Send + Sync,
    AccessPolicy: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        AccessPolicy::from_ref(state).check(&Method::GET, authorization(parts))?;
        Ok(ReadAccess)
    }
}

/// Extractor of a handler that writes: passes only with the right token.
#[derive(Debug, Clone, Copy)]
pub struct WriteAccess;

impl<S> FromRequestParts<S> for WriteAccess
where
    S: Send + Sync,
    AccessPolicy: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        AccessPolicy::from_ref(state).check(&Method::POST, authorization(parts))?;
        Ok(WriteAccess)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[test]
    fn bearer_header_is_parsed_case_insensitively() {
        assert_eq!(bearer(b"Bearer abc"), Some(&b"abc"[..]));
        assert_eq!(bearer(b"bearer  abc "), Some(&b"abc"[..]));
        assert_eq!(bearer(b"Basic abc"), None);
        assert_eq!(bearer(b"Bearer "), None);
        assert_eq!(bearer(b"Bearerabc"), None);
    }

    #[test]
    fn tokens_must_match_exactly() {
        assert!(tokens_match(b"secret", b"secret"));
        assert!(!tokens_match(b"secret1", b"secret"));
        assert!(!tokens_match(b"secre", b"secret"));
        assert!(!tokens_match(b"", b"secret"));
        assert!(!tokens_match(b"Secret", b"secret"));
    }

    #[test]
    fn open_policy_allows_reads_and_forbids_writes_without_token() {
        let p = AccessPolicy::new(None, false).expect("policy");
        assert!(p.check(&Method::GET, None).is_ok());
        let err = p
            .check(&Method::POST, Some(b"Bearer x"))
            .expect_err("no writes");
        assert_eq!(err.status, StatusCode::FORBIDDEN);
    }

    #[test]
    fn writes_need_the_token() {
        let p = AccessPolicy::new(Some("s3cret".into()), false).expect("policy");
        assert!(p.check(&Method::GET, None).is_ok());
        assert_eq!(
            p.check(&Method::POST, None).expect_err("missing").status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            p.check(&Method::POST, Some(b"Bearer nope"))
                .expect_err("wrong")
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert!(p.check(&Method::POST, Some(b"Bearer s3cret")).is_ok());
    }

    #[test]
    fn private_mode_guards_reads() {
        assert!(matches!(
            AccessPolicy::new(None, true),
            Err(PolicyError::PrivateWithoutToken)
        ));
        assert!(matches!(
            AccessPolicy::new(Some("  ".into()), false),
            Err(PolicyError::EmptyToken)
        ));
        let p = AccessPolicy::new(Some("s3cret".into()), true).expect("policy");
        assert!(p.check(&Method::GET, None).is_err());
        assert!(p.check(&Method::GET, Some(b"Bearer s3cret")).is_ok());
    }
}
