//! AWS Signature Version 4 on both sides (feature `sigv4`): a client signs the request it
//! encoded, a server verifies what it received. Pure functions of the request's bytes,
//! the credentials and a time the caller passes in: no clock, no I/O.
//!
//! **A client** signs the encoded request and sends the three headers it gets back:
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use iam_login_profile::sigv4::{Credentials, Signer};
//!
//! let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
//! let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
//! let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
//! let headers = [
//!     ("Host", "iam.amazonaws.com"),
//!     ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
//! ];
//! let auth = Signer::new(&credentials).sign("POST", "/", &headers, body, time).unwrap();
//! assert_eq!(auth.x_amz_date(), "20150830T123600Z");
//! assert!(auth.authorization().starts_with(
//!     "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
//!      SignedHeaders=content-type;host;x-amz-date, Signature="
//! ));
//! // Send `headers` plus every (name, value) of `auth.headers()`.
//! ```
//!
//! **A server** verifies against its own credential store and clock:
//!
//! ```
//! # use std::time::{Duration, SystemTime};
//! # use iam_login_profile::sigv4::{Credentials, Signer};
//! # let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
//! # let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
//! # let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
//! # let mut headers = vec![
//! #     ("Host", "iam.amazonaws.com"),
//! #     ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
//! # ];
//! # let auth = Signer::new(&credentials).sign("POST", "/", &headers, body, time).unwrap();
//! # headers.extend(auth.headers());
//! use iam_login_profile::ErrorCode;
//! use iam_login_profile::sigv4::{AuthError, SecretKey, Verifier};
//!
//! let secret = SecretKey::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
//! let lookup = |id: &str| (id == "AKIDEXAMPLE").then_some(&secret);
//! let verifier = Verifier::new();
//!
//! let now = time + Duration::from_secs(60);
//! let principal = verifier.verify("POST", "/", &headers, body, now, lookup).unwrap();
//! assert_eq!(principal.access_key_id(), "AKIDEXAMPLE");
//!
//! // One byte of the body changed: refused, with the error AWS sends.
//! let err = verifier.verify("POST", "/", &headers, b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bab", now, lookup).unwrap_err();
//! assert_eq!(err, AuthError::SignatureDoesNotMatch);
//! assert_eq!((err.code(), err.http_status()), (ErrorCode::SIGNATURE_DOES_NOT_MATCH, 403));
//! ```
//!
//! # What is signed, and how
//!
//! The signer is held byte-identical to botocore's `SigV4Auth` (1.43.11) for the same
//! inputs by a differential test over 200 generated IAM requests, and to the published
//! test-suite signatures `aws-sigv4` ships:
//!
//! - every header the caller passes is signed, except those botocore leaves out
//!   (`connection`, `expect`, `keep-alive`, `proxy-authenticate`, `proxy-authorization`,
//!   `te`, `trailer`, `transfer-encoding`, `upgrade`, `user-agent`, `x-amzn-trace-id`) and
//!   the `Authorization`, `X-Amz-Date` (and, with a session token, `X-Amz-Security-Token`)
//!   that the signature replaces; `X-Amz-Date` (and `X-Amz-Security-Token`) are then added;
//! - a header's value is trimmed and its runs of whitespace folded to one space, the
//!   whitespace being Python's ASCII set (space, `\t`, `\n`, `\v`, `\f`, `\r`, `\x1c`–`\x1f`);
//!   a name given twice has its values joined with `,` in order;
//! - the path is normalised (`.` and `..` segments, repeated `/`) and percent-encoded again
//!   (`%` becomes `%25`), as botocore and `aws-sigv4` do for every service but S3;
//! - the query's pairs are decoded, encoded again with the unreserved set and sorted;
//! - the payload hash is that of the body, or the value of an `X-Amz-Content-SHA256`
//!   header when the caller passes one (botocore's rule).
//!
//! Deviations from botocore, none of which an IAM request meets: a `Date` header is signed
//! as given (botocore rewrites it and drops `X-Amz-Date`); non-ASCII whitespace inside a
//! header value is kept (Python's `str.split` would fold U+00A0 and friends); `aws-sigv4`
//! folds only spaces, so the two references disagree on a tab inside a value, and this
//! crate sides with botocore.
//!
//! The verifier rebuilds the same canonical request from the headers named in
//! `SignedHeaders` only, with the payload hash always computed from the body it got (an
//! `X-Amz-Content-SHA256` header is signed like any other, never trusted in place of the
//! body), and compares the signatures in constant time (`subtle`). It checks, in AWS's
//! order: the `Authorization` header's shape (`IncompleteSignature`, 400), the clock-skew
//! window (`SignatureDoesNotMatch` "Signature expired: …", 403), the credential scope
//! (region, service, terminator, date; `SignatureDoesNotMatch`), the access key
//! (`InvalidClientTokenId`, 403) and the signature (`SignatureDoesNotMatch`). `Host` and
//! `X-Amz-Date` must be signed, and so must `X-Amz-Security-Token` when it is sent; a
//! header named in `SignedHeaders` must be present; `Authorization`, `X-Amz-Date` and
//! `X-Amz-Security-Token` must come once. The presigned form (`X-Amz-Signature` and
//! friends in the query string) is verified too, and [`Signer::presign`] writes it.
//!
//! # Why hand-rolled
//!
//! `aws-sigv4` signs but has no verification API, needs Rust 1.94.1 (this crate's
//! `rust-version` is 1.88) and brings 69 crates (the smithy runtime, `tracing`, `bytes`);
//! `scratchstack-aws-signature` verifies but does not sign, looks keys up through an async
//! `tower::Service` (an executor for a pure function), and brings 69 crates of its own
//! (`chrono`, `regex`, `tower`, `derive_builder`, older `hmac`/`sha2`), and it answers a
//! missing signature with 400 where AWS sends 403. The canonicalisation is a page of code;
//! it stands on `hmac` + `sha2` (RustCrypto), `subtle` for the comparison and `zeroize`
//! for the secret, and `aws-sigv4` and botocore are held equal to it by tests (`aws-sigv4`
//! as a dev-dependency only). See `docs/sigv4.md`.

use std::borrow::Borrow;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::query::hex_value;
use crate::{ErrorCode, ErrorMessage, ErrorResponse, RequestId};

/// The service IAM signs for.
pub const DEFAULT_SERVICE: &str = "iam";
/// The region IAM's global endpoint signs for (in the `aws` partition).
pub const DEFAULT_REGION: &str = "us-east-1";
/// How far a request's `X-Amz-Date` may be from the server's clock: 15 minutes, as AWS.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);
/// The algorithm, the only one SigV4 has.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// The longest piece of input an error keeps (in characters), so that a refusal stays small.
const MAX_SHOWN: usize = 128;
/// The longest `X-Amz-Expires` SigV4 allows: 7 days.
const MAX_EXPIRES: u64 = 7 * 24 * 3600;

/// Headers botocore's `SigV4Auth` never signs (`SIGNED_HEADERS_BLACKLIST`).
const UNSIGNED: &[&str] = &[
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

// ---------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------

/// A secret access key. Its memory is zeroed when it is dropped (`zeroize`), and `Debug`
/// does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wraps a secret access key.
    pub fn new(secret: impl Into<String>) -> Self {
        SecretKey(secret.into())
    }
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// What a client signs with: an access key id, its secret and, for temporary
/// credentials, a session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret: SecretKey,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their three parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret: SecretKey::new(secret_access_key),
            session_token,
        }
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &self.secret)
            .field("session_token", &self.session_token.as_ref().map(|_| ".."))
            .finish()
    }
}

// ---------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------

/// Signs requests with one set of credentials for one region and service
/// (`us-east-1` and `iam` unless told otherwise).
#[derive(Clone, Debug)]
pub struct Signer<'a> {
    credentials: &'a Credentials,
    region: &'a str,
    service: &'a str,
}

/// The headers a signature adds to a request: `Authorization`, `X-Amz-Date` and, with a
/// session token, `X-Amz-Security-Token`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuthHeaders {
    authorization: String,
    x_amz_date: String,
    security_token: Option<String>,
    signature: String,
}

impl AuthHeaders {
    /// The `Authorization` header's value.
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    /// The `X-Amz-Date` header's value, `YYYYMMDDTHHMMSSZ`.
    pub fn x_amz_date(&self) -> &str {
        &self.x_amz_date
    }

    /// The `X-Amz-Security-Token` header's value, with temporary credentials.
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }

    /// The signature alone, 64 lower-case hex digits.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The headers to add, as (name, value) pairs, in the order botocore adds them.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("X-Amz-Date", Some(self.x_amz_date.as_str())),
            ("X-Amz-Security-Token", self.security_token.as_deref()),
            ("Authorization", Some(self.authorization.as_str())),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)))
    }
}

/// Why a request could not be signed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The headers have no `Host`: SigV4 signs it, so the caller must say what it will send.
    #[error("the request has no `Host` header")]
    MissingHost,
    /// The time is before 1970 or after 9999, which `X-Amz-Date` cannot write.
    #[error("the signing time is outside the years 1970 to 9999")]
    TimeOutOfRange,
    /// A presigned request may last 7 days at most.
    #[error("a presigned request may last 604800 seconds at most")]
    ExpiresTooLong,
}

/// A signature and the `SignedHeaders` it covers.
struct Signed {
    signed_headers: Vec<u8>,
    signature: String,
}

fn amz_date_of(time: SystemTime) -> Result<String, SignError> {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| SignError::TimeOutOfRange)?
        .as_secs();
    format_amz_date(secs).ok_or(SignError::TimeOutOfRange)
}

impl<'a> Signer<'a> {
    /// A signer for IAM: region `us-east-1`, service `iam`.
    pub fn new(credentials: &'a Credentials) -> Self {
        Signer {
            credentials,
            region: DEFAULT_REGION,
            service: DEFAULT_SERVICE,
        }
    }

    /// Signs for another region.
    pub fn region(mut self, region: &'a str) -> Self {
        self.region = region;
        self
    }

    /// Signs for another service.
    pub fn service(mut self, service: &'a str) -> Self {
        self.service = service;
        self
    }

    /// Signs a request: its method, path with the query string (`/` or `/?a=b`), headers
    /// (which must include `Host`), body and the time to sign at. Returns the headers to add.
    ///
    /// # Errors
    ///
    /// [`SignError::MissingHost`] without a `Host` header, [`SignError::TimeOutOfRange`]
    /// for a time `X-Amz-Date` cannot write.
    pub fn sign<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(N, V)],
        body: &[u8],
        time: SystemTime,
    ) -> Result<AuthHeaders, SignError> {
        let amz_date = amz_date_of(time)?;
        let token = self.credentials.session_token.as_deref();
        let mut extra: Vec<(&[u8], &[u8])> = vec![(b"x-amz-date", amz_date.as_bytes())];
        if let Some(token) = token {
            extra.push((b"x-amz-security-token", token.as_bytes()));
        }
        let (path, query) = split_path_query(path_and_query);
        let signed = self.sign_canonical(method, path, query, headers, &extra, body, &amz_date, token.is_some())?;

        let mut authorization = Vec::with_capacity(200);
        authorization.extend_from_slice(ALGORITHM.as_bytes());
        authorization.extend_from_slice(b" Credential=");
        authorization.extend_from_slice(self.credentials.access_key_id.as_bytes());
        authorization.push(b'/');
        self.scope(&amz_date).write(&mut authorization);
        authorization.extend_from_slice(b", SignedHeaders=");
        authorization.extend_from_slice(&signed.signed_headers);
        authorization.extend_from_slice(b", Signature=");
        authorization.extend_from_slice(signed.signature.as_bytes());
        Ok(AuthHeaders {
            // Only a header name that is not UTF-8 (no HTTP token is) would be replaced.
            authorization: String::from_utf8_lossy(&authorization).into_owned(),
            x_amz_date: amz_date,
            security_token: token.map(str::to_owned),
            signature: signed.signature,
        })
    }

    /// Presigns a request (the query-string form): returns `path_and_query` with
    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Expires`, `X-Amz-Security-Token` (with a session token) and
    /// `X-Amz-Signature` appended, as the SigV4 test suite writes them. The headers and
    /// the body are signed as by [`Signer::sign`] (the body's hash, not `UNSIGNED-PAYLOAD`).
    ///
    /// # Errors
    ///
    /// As [`Signer::sign`], and [`SignError::ExpiresTooLong`] past 7 days.
    pub fn presign<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(N, V)],
        body: &[u8],
        time: SystemTime,
        expires: Duration,
    ) -> Result<String, SignError> {
        if expires.as_secs() > MAX_EXPIRES {
            return Err(SignError::ExpiresTooLong);
        }
        let amz_date = amz_date_of(time)?;
        let token = self.credentials.session_token.as_deref();
        let mut credential = Vec::with_capacity(64);
        credential.extend_from_slice(self.credentials.access_key_id.as_bytes());
        credential.push(b'/');
        self.scope(&amz_date).write(&mut credential);
        let signed_headers = self.signed_header_names(headers);
        let expires = expires.as_secs().to_string();
        let mut params: Vec<(&str, &[u8])> = vec![
            ("X-Amz-Algorithm", ALGORITHM.as_bytes()),
            ("X-Amz-Credential", &credential),
            ("X-Amz-Date", amz_date.as_bytes()),
            ("X-Amz-SignedHeaders", &signed_headers),
            ("X-Amz-Expires", expires.as_bytes()),
        ];
        if let Some(token) = token {
            params.push(("X-Amz-Security-Token", token.as_bytes()));
        }
        let mut target = Vec::with_capacity(path_and_query.len() + 256);
        target.extend_from_slice(path_and_query.as_bytes());
        target.push(if path_and_query.contains('?') { b'&' } else { b'?' });
        for (i, (name, value)) in params.iter().enumerate() {
            if i > 0 {
                target.push(b'&');
            }
            target.extend_from_slice(name.as_bytes());
            target.push(b'=');
            push_encoded(&mut target, value, false);
        }
        let (path, query) = split_path_query_bytes(&target);
        let signed = self.sign_canonical(method, path, query, headers, &[], body, &amz_date, false)?;
        target.extend_from_slice(b"&X-Amz-Signature=");
        target.extend_from_slice(signed.signature.as_bytes());
        Ok(String::from_utf8_lossy(&target).into_owned())
    }

    fn scope<'s>(&'s self, amz_date: &'s str) -> Scope<'s> {
        Scope {
            date: &amz_date.as_bytes()[..8],
            region: self.region.as_bytes(),
            service: self.service.as_bytes(),
        }
    }

    /// Is this header one botocore signs? Not the unsigned ones, not those the
    /// signature replaces.
    fn signs(name: &[u8], token: bool) -> bool {
        !(name == b"authorization"
            || name == b"x-amz-date"
            || (token && name == b"x-amz-security-token")
            || UNSIGNED.iter().any(|u| u.as_bytes() == name))
    }

    fn signed_header_names<N: AsRef<[u8]>, V: AsRef<[u8]>>(&self, headers: &[(N, V)]) -> Vec<u8> {
        let mut names: Vec<Vec<u8>> = headers
            .iter()
            .map(|(n, _)| n.as_ref().to_ascii_lowercase())
            .filter(|n| Self::signs(n, false))
            .collect();
        names.sort();
        names.dedup();
        names.join(&b';')
    }

    /// The canonical request of the caller's headers (as botocore selects them) plus
    /// `extra`, and its signature.
    #[allow(clippy::too_many_arguments)]
    fn sign_canonical<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        &self,
        method: &str,
        path: &[u8],
        query: &[u8],
        headers: &[(N, V)],
        extra: &[(&[u8], &[u8])],
        body: &[u8],
        amz_date: &str,
        token: bool,
    ) -> Result<Signed, SignError> {
        let mut signed: Vec<(Vec<u8>, &[u8])> = Vec::with_capacity(headers.len() + extra.len());
        let mut payload_hash: Option<&[u8]> = None;
        let mut has_host = false;
        for (name, value) in headers {
            let lower = name.as_ref().to_ascii_lowercase();
            if !Self::signs(&lower, token) {
                continue;
            }
            has_host |= lower == b"host";
            if lower == b"x-amz-content-sha256" && payload_hash.is_none() {
                payload_hash = Some(value.as_ref());
            }
            signed.push((lower, value.as_ref()));
        }
        if !has_host {
            return Err(SignError::MissingHost);
        }
        signed.extend(extra.iter().map(|&(n, v)| (n.to_vec(), v)));
        // Sorted by name; a stable sort keeps a repeated name's values in order.
        signed.sort_by(|a, b| a.0.cmp(&b.0));

        let mut names = Vec::with_capacity(signed.len());
        let mut canonical_headers = Vec::with_capacity(256);
        let mut i = 0;
        while i < signed.len() {
            let name = &signed[i].0;
            canonical_headers.extend_from_slice(name);
            canonical_headers.push(b':');
            let mut first = true;
            while i < signed.len() && &signed[i].0 == name {
                if !first {
                    canonical_headers.push(b',');
                }
                first = false;
                push_trimmed(&mut canonical_headers, signed[i].1);
                i += 1;
            }
            canonical_headers.push(b'\n');
            names.push(name.as_slice());
        }
        let signed_headers = names.join(&b';');

        let body_hash;
        let payload = match payload_hash {
            Some(h) => h,
            None => {
                body_hash = sha256_hex(body);
                body_hash.as_bytes()
            }
        };
        let canonical_request = canonical_request(
            method.as_bytes(),
            path,
            &canonical_query(query, None),
            &canonical_headers,
            &signed_headers,
            payload,
        );
        let signature = signature_hex(
            &self.credentials.secret,
            &self.scope(amz_date),
            amz_date.as_bytes(),
            &canonical_request,
        );
        Ok(Signed {
            signed_headers,
            signature,
        })
    }

    /// Signs an `http::Request` in place (features `sigv4` and `http`): adds
    /// `X-Amz-Date`, `Authorization` and, with a session token, `X-Amz-Security-Token`,
    /// replacing any already there. Without a `Host` header one is added from the URI's
    /// authority, lower-cased and without a default port, as botocore derives it.
    ///
    /// # Errors
    ///
    /// [`SignError::MissingHost`] when there is neither a `Host` header nor an authority,
    /// [`SignError::TimeOutOfRange`] as [`Signer::sign`].
    #[cfg(feature = "http")]
    pub fn sign_http<B: AsRef<[u8]>>(&self, request: &mut http::Request<B>, time: SystemTime) -> Result<(), SignError> {
        if !request.headers().contains_key(http::header::HOST) {
            let uri = request.uri();
            let authority = uri.authority().ok_or(SignError::MissingHost)?;
            let mut host = authority.host().to_ascii_lowercase();
            let default_port = match uri.scheme_str() {
                Some("http") => Some(80),
                Some("https") => Some(443),
                _ => None,
            };
            if let Some(port) = authority.port_u16().filter(|&p| Some(p) != default_port) {
                host.push(':');
                host.push_str(&port.to_string());
            }
            let value = http::HeaderValue::from_str(&host).map_err(|_| SignError::MissingHost)?;
            request.headers_mut().insert(http::header::HOST, value);
        }
        let headers: Vec<(&[u8], &[u8])> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes()))
            .collect();
        let path_and_query = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
        let auth = self.sign(
            request.method().as_str(),
            path_and_query,
            &headers,
            request.body().as_ref(),
            time,
        )?;
        let map = request.headers_mut();
        for (name, value) in auth.headers() {
            // Our own output: ASCII without control characters, except a session token
            // the caller gave; a token no header can carry is left out (and the request
            // fails to verify) rather than panicking.
            if let Ok(value) = http::HeaderValue::from_str(value) {
                map.insert(name, value);
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Verifying
// ---------------------------------------------------------------------------------------

/// Checks signatures for a server: the service and region requests must be scoped to
/// (`iam`, `us-east-1` unless told otherwise) and the clock-skew window (15 minutes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    service: String,
    region: Option<String>,
    clock_skew: Duration,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::new()
    }
}

/// Who signed a request that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Principal {
    access_key_id: String,
    session_token: Option<String>,
}

impl Principal {
    /// The access key id the request was signed with.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The `X-Amz-Security-Token` it carried (signed; trimmed, as signed), for temporary
    /// credentials; the caller checks it against the token it issued with that key.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl Verifier {
    /// A verifier for IAM: service `iam`, region `us-east-1`, 15 minutes of clock skew.
    pub fn new() -> Self {
        Verifier {
            service: DEFAULT_SERVICE.to_owned(),
            region: Some(DEFAULT_REGION.to_owned()),
            clock_skew: DEFAULT_CLOCK_SKEW,
        }
    }

    /// Requires another region in the credential scope.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Accepts any region in the credential scope (the signature still covers it).
    pub fn any_region(mut self) -> Self {
        self.region = None;
        self
    }

    /// Requires another service in the credential scope.
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = service.into();
        self
    }

    /// Sets how far `X-Amz-Date` may be from `now`, either way.
    pub fn clock_skew(mut self, window: Duration) -> Self {
        self.clock_skew = window;
        self
    }

    /// Verifies a received request: its method, path with query string as received,
    /// headers as (name, value) pairs, body, the server's time, and `lookup`, which gives
    /// the secret of an access key id (`None` for a key it does not know).
    ///
    /// # Errors
    ///
    /// The [`AuthError`] to answer with; see the module docs for the order of the checks.
    pub fn verify<N, V, S>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(N, V)],
        body: &[u8],
        now: SystemTime,
        lookup: impl FnOnce(&str) -> Option<S>,
    ) -> Result<Principal, AuthError>
    where
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
        S: Borrow<SecretKey>,
    {
        let (path, query) = split_path_query(path_and_query);
        let authorization = single_header(headers, b"authorization")?;
        let query_algorithm = query_param(query, b"X-Amz-Algorithm");
        let parsed = match (authorization, query_algorithm) {
            (Some(_), Some(_)) => return Err(AuthError::BothForms),
            (None, None) => return Err(AuthError::MissingAuthenticationToken),
            (Some(value), None) => parse_authorization(value, headers)?,
            (None, Some(algorithm)) => parse_query_auth(&algorithm, query)?,
        };

        let request_secs = parse_amz_date(&parsed.date).ok_or_else(|| AuthError::MalformedDate {
            date: shown(&parsed.date),
        })?;
        let now_secs = seconds_since_epoch(now);
        let skew = i64::try_from(self.clock_skew.as_secs()).unwrap_or(i64::MAX);
        if request_secs < now_secs.saturating_sub(skew) {
            return Err(AuthError::SignatureExpired {
                signed: request_secs,
                now: now_secs,
                skew_minutes: skew / 60,
            });
        }
        if request_secs > now_secs.saturating_add(skew) {
            return Err(AuthError::SignatureNotYetCurrent {
                signed: request_secs,
                now: now_secs,
                skew_minutes: skew / 60,
            });
        }
        if let Some(expires) = parsed.expires
            && now_secs > request_secs.saturating_add(expires as i64)
        {
            return Err(AuthError::RequestExpired {
                signed: request_secs,
                expires,
                now: now_secs,
            });
        }

        // The credential scope: five parts, for this region, service and date.
        let parts: Vec<&[u8]> = parsed.credential.split(|&b| b == b'/').collect();
        let [access_key_id, date, region, service, terminator] = parts[..] else {
            return Err(AuthError::MalformedCredential {
                credential: shown(&parsed.credential),
            });
        };
        let mut mismatches = Vec::new();
        if let Some(expected) = &self.region
            && region != expected.as_bytes()
        {
            mismatches.push(ScopeMismatch::Region { found: shown(region) });
        }
        if service != self.service.as_bytes() {
            mismatches.push(ScopeMismatch::Service {
                expected: shown(self.service.as_bytes()),
            });
        }
        if terminator != b"aws4_request" {
            mismatches.push(ScopeMismatch::Terminator {
                found: shown(terminator),
            });
        }
        if date != &parsed.date[..8] {
            mismatches.push(ScopeMismatch::Date {
                found: shown(date),
                date: shown(&parsed.date),
            });
        }
        if !mismatches.is_empty() {
            return Err(AuthError::WrongScope(mismatches));
        }

        // Host and X-Amz-Date must be signed (and the token, when sent).
        let signed_names: Vec<&[u8]> = parsed.signed_headers.split(|&b| b == b';').collect();
        let is_signed = |name: &[u8]| signed_names.iter().any(|n| n.eq_ignore_ascii_case(name));
        if !is_signed(b"host") {
            return Err(AuthError::HeaderNotSigned { header: "Host" });
        }
        if !parsed.query_form && !is_signed(b"x-amz-date") {
            return Err(AuthError::HeaderNotSigned { header: "X-Amz-Date" });
        }
        let token = if parsed.query_form {
            parsed.token.clone()
        } else {
            single_header(headers, b"x-amz-security-token")?.map(<[u8]>::to_vec)
        };
        if token.is_some() && !parsed.query_form && !is_signed(b"x-amz-security-token") {
            return Err(AuthError::HeaderNotSigned {
                header: "X-Amz-Security-Token",
            });
        }

        let access_key_id = String::from_utf8_lossy(access_key_id);
        let secret = lookup(&access_key_id).ok_or_else(|| AuthError::InvalidClientTokenId {
            access_key_id: shown(access_key_id.as_bytes()),
        })?;

        // The canonical request from the signed headers only.
        // A name in `SignedHeaders` that the request lacks refuses it: a signer signs
        // only what it sends, and a header dropped on the way (even an empty one) is a
        // different request.
        let mut canonical_headers = Vec::with_capacity(256);
        for name in &signed_names {
            canonical_headers.extend_from_slice(name);
            canonical_headers.push(b':');
            let mut found = false;
            for (n, v) in headers {
                if n.as_ref().eq_ignore_ascii_case(name) {
                    if found {
                        canonical_headers.push(b',');
                    }
                    found = true;
                    push_trimmed(&mut canonical_headers, v.as_ref());
                }
            }
            if !found {
                return Err(AuthError::SignatureDoesNotMatch);
            }
            canonical_headers.push(b'\n');
        }
        let payload = sha256_hex(body);
        let canonical_query = canonical_query(query, parsed.query_form.then_some(b"X-Amz-Signature".as_slice()));
        let canonical_request = canonical_request(
            method.as_bytes(),
            path,
            &canonical_query,
            &canonical_headers,
            &parsed.signed_headers,
            payload.as_bytes(),
        );
        let scope = Scope { date, region, service };
        let expected = signature_hex(secret.borrow(), &scope, &parsed.date, &canonical_request);
        if bool::from(expected.as_bytes().ct_eq(&parsed.signature)) {
            Ok(Principal {
                access_key_id: access_key_id.into_owned(),
                // As signed: trimmed, whitespace folded.
                session_token: token.map(|t| {
                    let mut canonical = Vec::with_capacity(t.len());
                    push_trimmed(&mut canonical, &t);
                    String::from_utf8_lossy(&canonical).into_owned()
                }),
            })
        } else {
            Err(AuthError::SignatureDoesNotMatch)
        }
    }

    /// Verifies an `http::Request` (features `sigv4` and `http`), as [`Verifier::verify`].
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    #[cfg(feature = "http")]
    pub fn verify_http<B: AsRef<[u8]>, S: Borrow<SecretKey>>(
        &self,
        request: &http::Request<B>,
        now: SystemTime,
        lookup: impl FnOnce(&str) -> Option<S>,
    ) -> Result<Principal, AuthError> {
        let headers: Vec<(&[u8], &[u8])> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes()))
            .collect();
        let path_and_query = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
        self.verify(
            request.method().as_str(),
            path_and_query,
            &headers,
            request.body().as_ref(),
            now,
            lookup,
        )
    }
}

/// The pieces of a signature, from the `Authorization` header or the query string.
struct Parsed {
    credential: Vec<u8>,
    signed_headers: Vec<u8>,
    signature: Vec<u8>,
    date: Vec<u8>,
    expires: Option<u64>,
    token: Option<Vec<u8>>,
    query_form: bool,
}

fn parse_authorization<N: AsRef<[u8]>, V: AsRef<[u8]>>(value: &[u8], headers: &[(N, V)]) -> Result<Parsed, AuthError> {
    let value = value.trim_ascii();
    let (algorithm, rest) = match value.iter().position(|&b| b == b' ') {
        Some(i) => (&value[..i], &value[i + 1..]),
        None => (value, &b""[..]),
    };
    if algorithm != ALGORITHM.as_bytes() {
        return Err(AuthError::UnsupportedAlgorithm {
            algorithm: shown(algorithm),
        });
    }
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    // AWS splits at commas and at whitespace: `Credential=KEY /20150830/…` (a space in
    // the key) is refused for its `/20150830/…` part.
    for pair in rest.split(|&b| b == b',' || b.is_ascii_whitespace()) {
        if pair.is_empty() {
            continue;
        }
        let Some(eq) = pair.iter().position(|&b| b == b'=') else {
            return Err(AuthError::MalformedAuthorization {
                pair: shown(pair),
                authorization: shown(value),
            });
        };
        let (key, val) = (&pair[..eq], &pair[eq + 1..]);
        // The last of a repeated key wins, as AWS does.
        match key {
            b"Credential" => credential = Some(val),
            b"SignedHeaders" => signed_headers = Some(val),
            b"Signature" => signature = Some(val),
            _ => {}
        }
    }
    let date = single_header(headers, b"x-amz-date")?;
    let mut missing = Vec::new();
    if credential.is_none() {
        missing.push(Component::Credential);
    }
    if signature.is_none() {
        missing.push(Component::Signature);
    }
    if signed_headers.is_none() {
        missing.push(Component::SignedHeaders);
    }
    if date.is_none() {
        missing.push(Component::Date);
    }
    match (credential, signed_headers, signature, date) {
        (Some(credential), Some(signed_headers), Some(signature), Some(date)) => Ok(Parsed {
            credential: credential.to_vec(),
            signed_headers: signed_headers.to_vec(),
            signature: signature.to_vec(),
            date: date.trim_ascii().to_vec(),
            expires: None,
            token: None,
            query_form: false,
        }),
        _ => Err(AuthError::MissingComponents { missing }),
    }
}

fn parse_query_auth(algorithm: &[u8], query: &[u8]) -> Result<Parsed, AuthError> {
    if algorithm != ALGORITHM.as_bytes() {
        return Err(AuthError::UnsupportedAlgorithm {
            algorithm: shown(algorithm),
        });
    }
    let credential = query_param(query, b"X-Amz-Credential");
    let signature = query_param(query, b"X-Amz-Signature");
    let signed_headers = query_param(query, b"X-Amz-SignedHeaders");
    let date = query_param(query, b"X-Amz-Date");
    let mut missing = Vec::new();
    if credential.is_none() {
        missing.push(Component::QueryCredential);
    }
    if signature.is_none() {
        missing.push(Component::QuerySignature);
    }
    if signed_headers.is_none() {
        missing.push(Component::QuerySignedHeaders);
    }
    if date.is_none() {
        missing.push(Component::QueryDate);
    }
    let (Some(credential), Some(signature), Some(signed_headers), Some(date)) =
        (credential, signature, signed_headers, date)
    else {
        return Err(AuthError::MissingComponents { missing });
    };
    let expires = match query_param(query, b"X-Amz-Expires") {
        None => None,
        Some(raw) => {
            let n = parse_decimal(&raw).filter(|&n| n <= MAX_EXPIRES);
            Some(n.ok_or_else(|| AuthError::MalformedExpires { expires: shown(&raw) })?)
        }
    };
    Ok(Parsed {
        credential,
        signed_headers,
        signature,
        date,
        expires,
        token: query_param(query, b"X-Amz-Security-Token"),
        query_form: true,
    })
}

fn parse_decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 10 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
}

/// The value of the one header named `name` (lower case); two of them are refused.
fn single_header<'h, N: AsRef<[u8]>, V: AsRef<[u8]>>(
    headers: &'h [(N, V)],
    name: &'static [u8],
) -> Result<Option<&'h [u8]>, AuthError> {
    let mut found = None;
    for (n, v) in headers {
        if n.as_ref().eq_ignore_ascii_case(name) {
            if found.is_some() {
                return Err(AuthError::DuplicateHeader {
                    header: match name {
                        b"authorization" => "Authorization",
                        b"x-amz-date" => "X-Amz-Date",
                        _ => "X-Amz-Security-Token",
                    },
                });
            }
            found = Some(v.as_ref());
        }
    }
    Ok(found)
}

/// The decoded value of the first query parameter named `name` (exactly).
fn query_param(query: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    query.split(|&b| b == b'&').find_map(|pair| {
        let (k, v) = split_pair(pair);
        (percent_decode(k) == name).then(|| percent_decode(v))
    })
}

// ---------------------------------------------------------------------------------------
// The refusal
// ---------------------------------------------------------------------------------------

/// A part of the `Authorization` header (or of the presigned query) that is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Component {
    /// `Credential=` in the `Authorization` header.
    Credential,
    /// `Signature=`.
    Signature,
    /// `SignedHeaders=`.
    SignedHeaders,
    /// The `X-Amz-Date` header.
    Date,
    /// The `X-Amz-Credential` query parameter.
    QueryCredential,
    /// The `X-Amz-Signature` query parameter.
    QuerySignature,
    /// The `X-Amz-SignedHeaders` query parameter.
    QuerySignedHeaders,
    /// The `X-Amz-Date` query parameter.
    QueryDate,
}

impl Component {
    fn aws_message(self) -> &'static str {
        match self {
            Component::Credential => "Authorization header requires 'Credential' parameter.",
            Component::Signature => "Authorization header requires 'Signature' parameter.",
            Component::SignedHeaders => "Authorization header requires 'SignedHeaders' parameter.",
            Component::Date => "Authorization header requires existence of a 'X-Amz-Date' header.",
            Component::QueryCredential => "AWS query-string parameters must include 'X-Amz-Credential'.",
            Component::QuerySignature => "AWS query-string parameters must include 'X-Amz-Signature'.",
            Component::QuerySignedHeaders => "AWS query-string parameters must include 'X-Amz-SignedHeaders'.",
            Component::QueryDate => "AWS query-string parameters must include 'X-Amz-Date'.",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Component::Credential => "`Credential`",
            Component::Signature => "`Signature`",
            Component::SignedHeaders => "`SignedHeaders`",
            Component::Date => "the `X-Amz-Date` header",
            Component::QueryCredential => "`X-Amz-Credential`",
            Component::QuerySignature => "`X-Amz-Signature`",
            Component::QuerySignedHeaders => "`X-Amz-SignedHeaders`",
            Component::QueryDate => "`X-Amz-Date`",
        }
    }
}

/// One way the credential scope is not this server's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScopeMismatch {
    /// Another region than the one required.
    Region {
        /// The region in the scope (escaped, bounded).
        found: String,
    },
    /// Another service.
    Service {
        /// The service this server is.
        expected: String,
    },
    /// A terminator other than `aws4_request`.
    Terminator {
        /// The terminator in the scope (escaped, bounded).
        found: String,
    },
    /// A date other than that of `X-Amz-Date`.
    Date {
        /// The date in the scope (escaped, bounded).
        found: String,
        /// The `X-Amz-Date`.
        date: String,
    },
}

impl ScopeMismatch {
    fn aws_message(&self) -> String {
        match self {
            ScopeMismatch::Region { found } => format!("Credential should be scoped to a valid region, not '{found}'."),
            ScopeMismatch::Service { expected } => {
                format!("Credential should be scoped to correct service: '{expected}'.")
            }
            ScopeMismatch::Terminator { found } => {
                format!("Credential should be scoped with a valid terminator: 'aws4_request', not '{found}'.")
            }
            ScopeMismatch::Date { found, date } => format!(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{found}' != '{}', from '{date}'.",
                date.get(..8).unwrap_or(date)
            ),
        }
    }
}

/// Why a request is refused, and what to answer: [`code`](AuthError::code),
/// [`http_status`](AuthError::http_status), [`aws_message`](AuthError::aws_message), or
/// the whole [`ErrorResponse`] from [`to_error_response`](AuthError::to_error_response).
///
/// The input an error quotes is kept escaped (control characters as `\u{..}`, bytes that
/// are not UTF-8 as `\x..`) and cut to 128 characters, so that `Display` and the message
/// sent back stay one short line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// No `Authorization` header and no `X-Amz-Algorithm` query parameter:
    /// `MissingAuthenticationToken`, 403.
    MissingAuthenticationToken,
    /// Both an `Authorization` header and a presigned query: `SignatureDoesNotMatch`, 403.
    BothForms,
    /// A header that must come once came twice: `IncompleteSignature`, 400.
    DuplicateHeader {
        /// The header's name.
        header: &'static str,
    },
    /// Not `AWS4-HMAC-SHA256`: `IncompleteSignature`, 400.
    UnsupportedAlgorithm {
        /// The algorithm given (escaped, bounded).
        algorithm: String,
    },
    /// A part of the `Authorization` header without `=`: `IncompleteSignature`, 400.
    MalformedAuthorization {
        /// The part (escaped, bounded).
        pair: String,
        /// The header (escaped, bounded).
        authorization: String,
    },
    /// Parts of the signature are missing: `IncompleteSignature`, 400.
    MissingComponents {
        /// What is missing, in AWS's order.
        missing: Vec<Component>,
    },
    /// `X-Amz-Date` is not `YYYYMMDDTHHMMSSZ`: `IncompleteSignature`, 400.
    MalformedDate {
        /// The value (escaped, bounded).
        date: String,
    },
    /// `X-Amz-Expires` is not a number of seconds up to 604800: `IncompleteSignature`, 400.
    MalformedExpires {
        /// The value (escaped, bounded).
        expires: String,
    },
    /// The credential is not `KEY/DATE/REGION/SERVICE/aws4_request`: `IncompleteSignature`, 400.
    MalformedCredential {
        /// The credential (escaped, bounded).
        credential: String,
    },
    /// Signed before the clock-skew window: `SignatureDoesNotMatch`, 403.
    SignatureExpired {
        /// `X-Amz-Date`, in seconds since 1970.
        signed: i64,
        /// The server's time, in seconds since 1970.
        now: i64,
        /// The window, in minutes.
        skew_minutes: i64,
    },
    /// Signed after the clock-skew window: `SignatureDoesNotMatch`, 403.
    SignatureNotYetCurrent {
        /// `X-Amz-Date`, in seconds since 1970.
        signed: i64,
        /// The server's time, in seconds since 1970.
        now: i64,
        /// The window, in minutes.
        skew_minutes: i64,
    },
    /// A presigned request past its `X-Amz-Expires`: `SignatureDoesNotMatch`, 403.
    RequestExpired {
        /// `X-Amz-Date`, in seconds since 1970.
        signed: i64,
        /// `X-Amz-Expires`, in seconds.
        expires: u64,
        /// The server's time, in seconds since 1970.
        now: i64,
    },
    /// The credential scope is not this server's: `SignatureDoesNotMatch`, 403.
    WrongScope(Vec<ScopeMismatch>),
    /// A header that must be signed is not in `SignedHeaders`: `SignatureDoesNotMatch`, 403.
    HeaderNotSigned {
        /// The header's name.
        header: &'static str,
    },
    /// The lookup knows no such access key: `InvalidClientTokenId`, 403.
    InvalidClientTokenId {
        /// The access key id (escaped, bounded).
        access_key_id: String,
    },
    /// The signature is not the one the secret gives: `SignatureDoesNotMatch`, 403.
    SignatureDoesNotMatch,
}

const MISMATCH_MESSAGE: &str = "The request signature we calculated does not match the signature you provided. \
     Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

impl AuthError {
    /// The AWS error code.
    pub fn code(&self) -> ErrorCode<'static> {
        match self {
            AuthError::MissingAuthenticationToken => ErrorCode::MISSING_AUTHENTICATION_TOKEN,
            AuthError::DuplicateHeader { .. }
            | AuthError::UnsupportedAlgorithm { .. }
            | AuthError::MalformedAuthorization { .. }
            | AuthError::MissingComponents { .. }
            | AuthError::MalformedDate { .. }
            | AuthError::MalformedExpires { .. }
            | AuthError::MalformedCredential { .. } => ErrorCode::INCOMPLETE_SIGNATURE,
            AuthError::InvalidClientTokenId { .. } => ErrorCode::INVALID_CLIENT_TOKEN_ID,
            AuthError::BothForms
            | AuthError::SignatureExpired { .. }
            | AuthError::SignatureNotYetCurrent { .. }
            | AuthError::RequestExpired { .. }
            | AuthError::WrongScope(_)
            | AuthError::HeaderNotSigned { .. }
            | AuthError::SignatureDoesNotMatch => ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        }
    }

    /// The HTTP status AWS sends with it: 400 for `IncompleteSignature`, 403 otherwise.
    pub fn http_status(&self) -> u16 {
        self.code().http_status()
    }

    /// The `Message` AWS sends, word for word where AWS's wording is known (the sources
    /// are in `docs/sigv4.md`).
    pub fn aws_message(&self) -> String {
        match self {
            AuthError::MissingAuthenticationToken => "Request is missing Authentication Token".to_owned(),
            AuthError::BothForms | AuthError::SignatureDoesNotMatch => MISMATCH_MESSAGE.to_owned(),
            AuthError::DuplicateHeader { header } => format!("Found more than one '{header}' header."),
            AuthError::UnsupportedAlgorithm { algorithm } => format!("Unsupported AWS 'algorithm': '{algorithm}'."),
            AuthError::MalformedAuthorization { pair, authorization } => format!(
                "'{pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '{authorization}'."
            ),
            AuthError::MissingComponents { missing } => {
                let mut message: Vec<&str> = missing.iter().map(|c| c.aws_message()).collect();
                if missing.iter().any(|c| {
                    matches!(
                        c,
                        Component::Credential | Component::Signature | Component::SignedHeaders | Component::Date
                    )
                }) {
                    message.push("Authorization=AWS4-HMAC-SHA256");
                } else {
                    message.push("Re-examine the query-string parameters.");
                }
                message.join(" ")
            }
            AuthError::MalformedDate { date } => {
                format!(
                    "Date must be in ISO-8601 'basic format'. Got '{date}'. See http://en.wikipedia.org/wiki/ISO_8601"
                )
            }
            AuthError::MalformedExpires { expires } => {
                format!("X-Amz-Expires must be a number of seconds from 0 to 604800. Got '{expires}'.")
            }
            AuthError::MalformedCredential { credential } => format!(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'"
            ),
            AuthError::SignatureExpired {
                signed,
                now,
                skew_minutes,
            } => format!(
                "Signature expired: {} is now earlier than {} ({} - {skew_minutes} min.)",
                amz(*signed),
                amz(now.saturating_sub(skew_minutes.saturating_mul(60))),
                amz(*now)
            ),
            AuthError::SignatureNotYetCurrent {
                signed,
                now,
                skew_minutes,
            } => format!(
                "Signature not yet current: {} is still later than {} ({} + {skew_minutes} min.)",
                amz(*signed),
                amz(now.saturating_add(skew_minutes.saturating_mul(60))),
                amz(*now)
            ),
            AuthError::RequestExpired { signed, expires, now } => format!(
                "Request has expired: signed at {} for {expires} seconds, and it is now {}.",
                amz(*signed),
                amz(*now)
            ),
            AuthError::WrongScope(mismatches) => mismatches
                .iter()
                .map(ScopeMismatch::aws_message)
                .collect::<Vec<_>>()
                .join(" "),
            AuthError::HeaderNotSigned { header: "Host" } => {
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.".to_owned()
            }
            AuthError::HeaderNotSigned { header } => {
                format!("'{header}' must be a 'SignedHeader' in the AWS Authorization.")
            }
            AuthError::InvalidClientTokenId { .. } => {
                "The security token included in the request is invalid.".to_owned()
            }
        }
    }

    /// The error response to send: code, `Type` `Sender`, [`aws_message`](AuthError::aws_message).
    pub fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        let message = ErrorMessage::new_escaped(&self.aws_message());
        ErrorResponse::new(self.code(), Some(message), request_id.map(RequestId::into_owned))
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::MissingAuthenticationToken => {
                f.write_str("the request is not signed: no `Authorization` header and no `X-Amz-Algorithm` parameter")
            }
            AuthError::BothForms => {
                f.write_str("the request has both an `Authorization` header and an `X-Amz-Algorithm` parameter")
            }
            AuthError::DuplicateHeader { header } => write!(f, "more than one `{header}` header"),
            AuthError::UnsupportedAlgorithm { algorithm } => {
                write!(
                    f,
                    "unsupported signing algorithm: expected `AWS4-HMAC-SHA256`, found `{algorithm}`"
                )
            }
            AuthError::MalformedAuthorization { pair, .. } => {
                write!(f, "malformed `Authorization` header: `{pair}` is not a key=value pair")
            }
            AuthError::MissingComponents { missing } => {
                f.write_str("incomplete signature: missing ")?;
                for (i, c) in missing.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(c.name())?;
                }
                Ok(())
            }
            AuthError::MalformedDate { date } => {
                write!(f, "malformed `X-Amz-Date`: expected `YYYYMMDDTHHMMSSZ`, found `{date}`")
            }
            AuthError::MalformedExpires { expires } => {
                write!(
                    f,
                    "malformed `X-Amz-Expires`: expected seconds from 0 to 604800, found `{expires}`"
                )
            }
            AuthError::MalformedCredential { credential } => write!(
                f,
                "malformed credential: expected `KEY/YYYYMMDD/REGION/SERVICE/aws4_request`, found `{credential}`"
            ),
            AuthError::SignatureExpired {
                signed,
                now,
                skew_minutes,
            } => write!(
                f,
                "signature expired: signed at {}, more than {skew_minutes} minutes before {}",
                amz(*signed),
                amz(*now)
            ),
            AuthError::SignatureNotYetCurrent {
                signed,
                now,
                skew_minutes,
            } => write!(
                f,
                "signature not yet current: signed at {}, more than {skew_minutes} minutes after {}",
                amz(*signed),
                amz(*now)
            ),
            AuthError::RequestExpired { signed, expires, now } => write!(
                f,
                "presigned request expired: signed at {} for {expires} s, now {}",
                amz(*signed),
                amz(*now)
            ),
            AuthError::WrongScope(mismatches) => {
                f.write_str("wrong credential scope: ")?;
                for (i, m) in mismatches.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match m {
                        ScopeMismatch::Region { found } => write!(f, "region `{found}`")?,
                        ScopeMismatch::Service { expected } => write!(f, "service is not `{expected}`")?,
                        ScopeMismatch::Terminator { found } => write!(f, "terminator `{found}`")?,
                        ScopeMismatch::Date { found, date } => write!(f, "date `{found}` is not that of `{date}`")?,
                    }
                }
                Ok(())
            }
            AuthError::HeaderNotSigned { header } => write!(f, "`{header}` is not among the signed headers"),
            AuthError::InvalidClientTokenId { access_key_id } => write!(f, "unknown access key id `{access_key_id}`"),
            AuthError::SignatureDoesNotMatch => f.write_str("the signature does not match"),
        }
    }
}

impl std::error::Error for AuthError {}

/// Input for an error: bytes that are not UTF-8 as `\x..`, control characters as
/// `\u{..}`, cut to [`MAX_SHOWN`] characters with `…` after.
fn shown(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if count == MAX_SHOWN {
                out.push('…');
                return out;
            }
            if c.is_control() {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
            count += 1;
        }
        for b in chunk.invalid() {
            if count == MAX_SHOWN {
                out.push('…');
                return out;
            }
            out.push_str(&format!("\\x{b:02x}"));
            count += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Canonicalisation and the key
// ---------------------------------------------------------------------------------------

struct Scope<'s> {
    date: &'s [u8],
    region: &'s [u8],
    service: &'s [u8],
}

impl Scope<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.date);
        out.push(b'/');
        out.extend_from_slice(self.region);
        out.push(b'/');
        out.extend_from_slice(self.service);
        out.extend_from_slice(b"/aws4_request");
    }
}

fn canonical_request(
    method: &[u8],
    path: &[u8],
    query: &[u8],
    headers: &[u8],
    signed: &[u8],
    payload: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(method.len() + path.len() * 2 + query.len() + headers.len() + signed.len() + 80);
    out.extend(method.iter().map(u8::to_ascii_uppercase));
    out.push(b'\n');
    canonical_path(&mut out, path);
    out.push(b'\n');
    out.extend_from_slice(query);
    out.push(b'\n');
    out.extend_from_slice(headers);
    out.push(b'\n');
    out.extend_from_slice(signed);
    out.push(b'\n');
    out.extend_from_slice(payload);
    out
}

fn signature_hex(secret: &SecretKey, scope: &Scope<'_>, amz_date: &[u8], canonical_request: &[u8]) -> String {
    let mut string_to_sign = Vec::with_capacity(160);
    string_to_sign.extend_from_slice(ALGORITHM.as_bytes());
    string_to_sign.push(b'\n');
    string_to_sign.extend_from_slice(amz_date);
    string_to_sign.push(b'\n');
    scope.write(&mut string_to_sign);
    string_to_sign.push(b'\n');
    string_to_sign.extend_from_slice(sha256_hex(canonical_request).as_bytes());

    let mut key = Zeroizing::new(Vec::with_capacity(4 + secret.0.len()));
    key.extend_from_slice(b"AWS4");
    key.extend_from_slice(secret.0.as_bytes());
    let k_date = Zeroizing::new(hmac(&key, scope.date));
    let k_region = Zeroizing::new(hmac(&*k_date, scope.region));
    let k_service = Zeroizing::new(hmac(&*k_region, scope.service));
    let k_signing = Zeroizing::new(hmac(&*k_service, b"aws4_request"));
    hex(&hmac(&*k_signing, &string_to_sign))
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length: `new_from_slice` cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

fn sha256_hex(data: &[u8]) -> String {
    if data.is_empty() {
        return EMPTY_SHA256.to_owned();
    }
    hex(&Sha256::digest(data).into())
}

fn hex(bytes: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Appends `value` trimmed, with its runs of whitespace folded to one space (Python's
/// `' '.join(value.split())` over ASCII).
fn push_trimmed(out: &mut Vec<u8>, value: &[u8]) {
    let is_ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f);
    let mut first = true;
    for word in value.split(|&b| is_ws(b)).filter(|w| !w.is_empty()) {
        if !first {
            out.push(b' ');
        }
        first = false;
        out.extend_from_slice(word);
    }
}

fn split_path_query(path_and_query: &str) -> (&[u8], &[u8]) {
    split_path_query_bytes(path_and_query.as_bytes())
}

fn split_path_query_bytes(bytes: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(b'?', bytes) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, b""),
    }
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn push_encoded(out: &mut Vec<u8>, bytes: &[u8], keep_slash: bool) {
    use crate::query::HEX;
    for &b in bytes {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

/// The path as botocore signs it: dot segments and empty segments removed
/// (`remove_dot_segments`), then percent-encoded with `/` kept (`quote(path, safe='/~')`).
fn canonical_path(out: &mut Vec<u8>, path: &[u8]) {
    if path.is_empty() {
        out.push(b'/');
        return;
    }
    let mut segments: Vec<&[u8]> = Vec::new();
    for segment in path.split(|&b| b == b'/') {
        match segment {
            b"" | b"." => {}
            b".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut normalized = Vec::with_capacity(path.len());
    if path[0] == b'/' {
        normalized.push(b'/');
    }
    normalized.extend_from_slice(&segments.join(&b'/'));
    if path[path.len() - 1] == b'/' && !segments.is_empty() {
        normalized.push(b'/');
    }
    push_encoded(out, &normalized, true);
}

fn split_pair(pair: &[u8]) -> (&[u8], &[u8]) {
    match pair.iter().position(|&b| b == b'=') {
        Some(i) => (&pair[..i], &pair[i + 1..]),
        None => (pair, b""),
    }
}

/// `%XX` decoded; a `%` not followed by two hex digits is kept as it is; `+` is kept.
fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                s.get(i + 1).and_then(|&b| hex_value(b)),
                s.get(i + 2).and_then(|&b| hex_value(b)),
            )
        {
            out.push(hi << 4 | lo);
            i += 3;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// The canonical query string: each pair decoded and encoded again with the unreserved
/// set, sorted by key then value; `skip` (the presigned signature) left out.
fn canonical_query(query: &[u8], skip: Option<&[u8]>) -> Vec<u8> {
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for pair in query.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (k, v) = split_pair(pair);
        let (k, v) = (percent_decode(k), percent_decode(v));
        if skip.is_some_and(|s| s == k.as_slice()) {
            continue;
        }
        let mut ek = Vec::with_capacity(k.len());
        push_encoded(&mut ek, &k, false);
        let mut ev = Vec::with_capacity(v.len());
        push_encoded(&mut ev, &v, false);
        pairs.push((ek, ev));
    }
    pairs.sort();
    let mut out = Vec::with_capacity(query.len() + 8);
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend_from_slice(k);
        out.push(b'=');
        out.extend_from_slice(v);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Dates: `YYYYMMDDTHHMMSSZ` without a calendar crate (and without a panic)
// ---------------------------------------------------------------------------------------

fn seconds_since_epoch(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYYMMDDTHHMMSSZ` for seconds since 1970, for the years 0 to 9999.
fn amz_date(secs: i64) -> Option<String> {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

fn format_amz_date(secs: u64) -> Option<String> {
    amz_date(i64::try_from(secs).ok()?)
}

/// For messages: the date, or the seconds when out of range.
fn amz(secs: i64) -> String {
    amz_date(secs).unwrap_or_else(|| format!("@{secs}"))
}

/// Seconds since 1970 of `YYYYMMDDTHHMMSSZ`, checking every field's range.
fn parse_amz_date(s: &[u8]) -> Option<i64> {
    if s.len() != 16 || s[8] != b'T' || s[15] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        s[r].iter()
            .try_fold(0i64, |n, &b| b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0')))
    };
    let (y, mo, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (h, mi, sec) = (num(9..11)?, num(11..13)?, num(13..15)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > month_days || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for secs in [0, 1_440_938_160, 951_782_400, 253_402_300_799] {
            let s = amz_date(secs).unwrap();
            assert_eq!(parse_amz_date(s.as_bytes()), Some(secs), "{s}");
        }
        assert_eq!(amz_date(1_440_938_160).unwrap(), "20150830T123600Z");
        assert_eq!(amz_date(951_782_400).unwrap(), "20000229T000000Z");
        assert_eq!(amz_date(253_402_300_800), None);
        assert_eq!(parse_amz_date(b"20150230T000000Z"), None);
        assert_eq!(parse_amz_date(b"20150830T240000Z"), None);
        assert_eq!(parse_amz_date(b"2015083OT123600Z"), None);
    }

    #[test]
    fn whitespace_folds_like_python_split() {
        let mut out = Vec::new();
        push_trimmed(&mut out, b"  a \t\x0b b\x1c\x1fc  ");
        assert_eq!(out, b"a b c");
    }

    #[test]
    fn paths_normalise_like_botocore() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"", b"/"),
            (b"/", b"/"),
            (b"/a/./b/../c/", b"/a/c/"),
            (b"//a//b", b"/a/b"),
            (b"/../..", b"/"),
            (b"/a b/%2F", b"/a%20b/%252F"),
        ];
        for (path, expected) in cases {
            let mut out = Vec::new();
            canonical_path(&mut out, path);
            assert_eq!(out, *expected, "{}", String::from_utf8_lossy(path));
        }
    }

    #[test]
    fn queries_sort_and_encode() {
        assert_eq!(canonical_query(b"b=2&a=1&a=0&c", None), b"a=0&a=1&b=2&c=");
        assert_eq!(canonical_query(b"k=%2f%7E+x&&z=%zz", None), b"k=%2F~%2Bx&z=%25zz");
    }

    #[test]
    fn shown_escapes_and_bounds() {
        assert_eq!(shown(b"a\nb\xffc"), "a\\u{a}b\\xffc");
        let long = "x".repeat(300);
        assert_eq!(shown(long.as_bytes()), format!("{}…", "x".repeat(128)));
    }
}
