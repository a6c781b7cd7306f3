//! AWS Signature Version 4 on both sides (feature `sigv4`): a client signs the request it
//! encoded, a server verifies what it received. Pure functions of the request's bytes,
//! the credentials and a time the caller passes in ([`SigningTime`]: a `SystemTime`, the
//! crate's [`Timestamp`](crate::Timestamp) or Unix seconds): no clock, no I/O.
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
//! **A server** verifies in steps, so that it finds the secret however it does (a
//! database, an `async` key service) and may keep the derived [`SigningKey`]:
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
//! let verifier = Verifier::new();
//! let now = time + Duration::from_secs(60);
//!
//! // 1. Read the signature: shape, clock, scope; no secret yet.
//! let signed = verifier.read("POST", "/", &headers, body, now).unwrap();
//! assert_eq!((signed.access_key_id(), signed.date()), ("AKIDEXAMPLE", "20150830"));
//! // 2. Find the secret (here a constant; `.await` a database as well), or a kept key.
//! let secret = SecretKey::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
//! let key = signed.derive_key(&secret); // keep it for the day, region and service
//! // 3. Verify.
//! let principal = signed.verify_with_key(&key).unwrap();
//! assert_eq!(principal.access_key_id(), "AKIDEXAMPLE");
//!
//! // One byte of the body changed: refused, with the error AWS sends, and what the
//! // server computed for its log.
//! let changed = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bab";
//! let err = verifier.read("POST", "/", &headers, changed, now).unwrap().verify_with_key(&key).unwrap_err();
//! assert_eq!((err.code(), err.http_status()), (ErrorCode::SIGNATURE_DOES_NOT_MATCH, 403));
//! assert!(err.mismatch().unwrap().canonical_request().starts_with("POST\n/\n\ncontent-type:"));
//!
//! // The same in one call, with a synchronous lookup that hands back what it found.
//! let (principal, found) = verifier
//!     .verify("POST", "/", &headers, body, now, |id| (id == "AKIDEXAMPLE").then_some(&secret))
//!     .unwrap();
//! assert_eq!(principal.access_key_id(), "AKIDEXAMPLE");
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
//!   whitespace being Python's ASCII set (space, `\t`, `\n`, `\v`, `\f`, `\r`, `\x1c`–`\x1f`),
//!   the set [`is_form_content_type`](crate::is_form_content_type) trims too; a name given
//!   twice has its values joined with `,` in order;
//! - the path is normalised (`.` and `..` segments, repeated `/`) and percent-encoded again
//!   (`%` becomes `%25`), as botocore and `aws-sigv4` do for every service but S3;
//! - the query's pairs are read as the request decoder reads them (`+` a space, `%xx` in
//!   either case), encoded again with the unreserved set and sorted;
//! - the payload hash is that of the body, or the value of an `X-Amz-Content-SHA256`
//!   header when the caller passes one (botocore's rule).
//!
//! Deviations from botocore, none of which an IAM request meets: a `Date` header is signed
//! as given (botocore rewrites it and drops `X-Amz-Date`); non-ASCII whitespace inside a
//! header value is kept (Python's `str.split` would fold U+00A0 and friends); `aws-sigv4`
//! folds only spaces, so the two references disagree on a tab inside a value, and this
//! crate sides with botocore.
//!
//! # What is verified
//!
//! The verifier authenticates what the server acts on: the canonical query is built
//! from the pairs the request decoder reads, so two requests the decoder reads
//! differently never share a canonical request (`%2B` is a plus, `+` a space, and a
//! signature over one is no signature over the other). botocore, given a URL, signs its
//! query as sent rather than decoded; such a query is tried in that form too, which is
//! just as faithful (the bytes sent determine what they decode to). It rebuilds the
//! canonical request from the headers named in `SignedHeaders` only, with the payload
//! hash always computed from the body it got, and compares the signatures in constant
//! time (`subtle`). Before any secret it bounds the work: `SignedHeaders` must be
//! lower-case names, sorted, each once, at most 64 (as every SDK writes it), the
//! `Authorization` at most 4096 bytes, so that the canonical request is never more than
//! about three times the request; `Host`, the header that gave the time, a sent
//! `X-Amz-Security-Token` and a sent `Content-Type` must be signed. The checks and
//! their errors, in AWS's order, are in `docs/sigv4.md`.
//!
//! # Why hand-rolled
//!
//! `aws-sigv4` signs but has no verification API, needs Rust 1.94.1 (this crate's
//! `rust-version` is 1.88) and brings 69 crates (the smithy runtime, `tracing`, `bytes`);
//! `scratchstack-aws-signature` verifies but does not sign, looks keys up through an async
//! `tower::Service`, and brings 69 crates of its own. The canonicalisation stands on
//! `hmac` + `sha2` (RustCrypto), `subtle` for the comparison and `zeroize` for the
//! secret, and `aws-sigv4` and botocore are held equal to it by tests (`aws-sigv4` as a
//! dev-dependency only). See `docs/sigv4.md`.

use std::time::Duration;

mod canonical;
mod claims;
mod credentials;
mod error;
mod sign;
mod time;
mod verify;

pub use credentials::{Credentials, SecretKey, SigningKey};
pub use error::{AuthError, Component, Mismatch, ScopeMismatch, SignError};
pub use sign::{AuthHeaders, Signer};
pub use time::SigningTime;
pub use verify::{Headers, MAX_AUTHORIZATION, Principal, SignedRequest, Verifier};

use canonical::hex;

/// The service IAM signs for.
pub const DEFAULT_SERVICE: &str = "iam";
/// The region IAM's global endpoint signs for (in the `aws` partition).
pub const DEFAULT_REGION: &str = "us-east-1";
/// How far a request's time may be from the server's clock: 15 minutes, as AWS.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);
/// The algorithm, the only one SigV4 has.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The longest `X-Amz-Expires` SigV4 allows: 7 days.
const MAX_EXPIRES: u64 = 7 * 24 * 3600;

/// The string to sign, in pieces: the algorithm, the request's time, the credential
/// scope and the canonical request's hash.
fn string_to_sign<'a>(
    amz_date: &'a [u8; 16],
    region: &'a [u8],
    service: &'a [u8],
    canonical_hash: &'a [u8; 64],
) -> [&'a [u8]; 10] {
    [
        b"AWS4-HMAC-SHA256\n",
        amz_date,
        b"\n",
        &amz_date[..8],
        b"/",
        region,
        b"/",
        service,
        b"/aws4_request\n",
        canonical_hash,
    ]
}

/// The signature of a canonical request's hash with `key`.
fn signature(key: &SigningKey, amz_date: &[u8; 16], canonical_hash: &[u8; 64]) -> [u8; 32] {
    key.sign(&string_to_sign(
        amz_date,
        key.region().as_bytes(),
        key.service().as_bytes(),
        canonical_hash,
    ))
}

#[cfg(test)]
mod tests {
    use crate::timestamp::Timestamp;

    #[test]
    fn request_times_read_as_aws_reads_them() {
        let basic = Timestamp::parse_basic(b"20150830T123600Z").unwrap();
        assert_eq!(basic.unix_timestamp(), 1_440_938_160);
        let mut out = [0; 16];
        basic.write_basic(&mut out);
        assert_eq!(&out, b"20150830T123600Z");
        for http in [
            &b"Sun, 30 Aug 2015 12:36:00 GMT"[..],
            b"Sun, 30 Aug 2015 12:36:00 -0000",
            b"Sun, 30 Aug 2015 12:36:00 +0000",
            b"Sun, 30 Aug 2015 12:36:00 UTC",
        ] {
            assert_eq!(Timestamp::parse_http_date(http), Some(basic), "{http:?}");
        }
        for bad in [
            &b"Mon, 30 Aug 2015 12:36:00 GMT"[..],
            b"Sun, 30 Aug 2015 12:36:00 +0100",
            b"Sun, 31 Feb 2015 12:36:00 GMT",
            b"Sun,30 Aug 2015 12:36:00 GMT",
            b"Sun, 30 aug 2015 12:36:00 GMT",
        ] {
            assert_eq!(Timestamp::parse_http_date(bad), None, "{bad:?}");
        }
        for bad in [
            &b"20150230T000000Z"[..],
            b"20150830T240000Z",
            b"2015083OT123600Z",
            b"00000101T000000Z",
        ] {
            assert_eq!(Timestamp::parse_basic(bad), None, "{bad:?}");
        }
        assert_eq!(
            Timestamp::parse_basic(b"20000229T000000Z").unwrap().unix_timestamp(),
            951_782_400
        );
    }
}
