//! Why a request is refused ([`AuthError`], with AWS's code, status and message) or
//! cannot be signed ([`SignError`]).

use std::fmt;

use crate::text::Escaped;
use crate::timestamp::Timestamp;
use crate::{ErrorCode, ErrorMessage, ErrorResponse, RequestId};

/// Why a request could not be signed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The headers have no `Host`: SigV4 signs it, so the caller must say what it will send.
    #[error("the request has no `Host` header")]
    MissingHost,
    /// The time is outside the years 0001 to 9999, which `X-Amz-Date` cannot write.
    #[error("the signing time is outside the years 0001 to 9999")]
    TimeOutOfRange,
    /// A presigned request may last 7 days at most.
    #[error("a presigned request may last 604800 seconds at most")]
    ExpiresTooLong,
}

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
    /// Both the `X-Amz-Date` and the `Date` header.
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
            Component::Date => "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
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
            Component::Date => "an `X-Amz-Date` or `Date` header",
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
    /// A date other than that of the request's time.
    Date {
        /// The date in the scope (escaped, bounded).
        found: String,
        /// The request's time, `YYYYMMDDTHHMMSSZ`.
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

/// What the server computed for a request whose signature did not match, for its log:
/// the canonical request and the string to sign (SigV4's decoded canonical form, which
/// `aws-sigv4` and the SDKs sign; botocore given a raw query signs it as sent). Compare
/// them with the client's (botocore logs both at `DEBUG`) to see which part differs: a
/// router that rewrote the path, a proxy that changed a header.
///
/// They hold the request's query, which a `GET` may use for a `Password`, and its
/// signed header values, an `X-Amz-Security-Token` among them: `Debug` and `Display`
/// show neither, and the AWS response never carries them. Log them where secrets may go.
#[derive(Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub(super) canonical_request: String,
    pub(super) string_to_sign: String,
    pub(super) other_scope_key: bool,
}

impl Mismatch {
    /// The canonical request the signature was checked against.
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string to sign of that canonical request.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// Was the kept [`SigningKey`](super::SigningKey) one of another day, region or
    /// service than the request's (a caller's slip: such a key cannot match)?
    pub fn key_of_another_scope(&self) -> bool {
        self.other_scope_key
    }
}

impl fmt::Debug for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mismatch")
            .field("key_of_another_scope", &self.other_scope_key)
            .finish_non_exhaustive()
    }
}

/// Why a request is refused, and what to answer: [`code`](AuthError::code),
/// [`http_status`](AuthError::http_status), [`message`](AuthError::message), or the
/// whole [`ErrorResponse`] from [`to_error_response`](AuthError::to_error_response).
///
/// The input an error quotes is shown as every error of this crate shows input (control
/// characters escaped, cut after 64 characters with `…`; bytes that are not UTF-8 as
/// U+FFFD), so that `Display` and the message sent back stay one short line.
///
/// ```
/// use iam_login_profile::{ErrorCode, RequestId, Timestamp};
/// use iam_login_profile::sigv4::{AuthError, Verifier};
///
/// let now: Timestamp = "2015-08-30T12:36:00Z".parse().unwrap();
/// let headers = [("Host", "iam.amazonaws.com")];
/// let err: AuthError = Verifier::new().read("POST", "/", &headers, b"", now).unwrap_err();
/// assert_eq!(err, AuthError::MissingAuthenticationToken);
/// assert_eq!((err.code(), err.http_status()), (ErrorCode::MISSING_AUTHENTICATION_TOKEN, 403));
/// assert_eq!(err.message(), "Request is missing Authentication Token");
/// let response = err.to_error_response(Some(RequestId::from_static("req-9")));
/// assert_eq!(response.error.code, ErrorCode::MISSING_AUTHENTICATION_TOKEN);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// No `Authorization` header and no `X-Amz-Algorithm` query parameter:
    /// `MissingAuthenticationToken`, 403.
    MissingAuthenticationToken,
    /// Both an `Authorization` header and a presigned query: `SignatureDoesNotMatch`, 403.
    BothForms,
    /// A query parameter with an empty name and an empty value (a segment `=`):
    /// `SignatureDoesNotMatch`, 403. botocore signs an empty segment (`a=1&`, which the
    /// decoder skips) as that very pair, so no signature tells `a=1&` from `a=1&=`, which
    /// the decoder reads differently; no request of the table has such a parameter.
    EmptyParameter,
    /// A header that must come once came twice: `IncompleteSignature`, 400.
    DuplicateHeader {
        /// The header's name.
        header: &'static str,
    },
    /// An `Authorization` header longer than any signer writes (4096 bytes):
    /// `IncompleteSignature`, 400.
    AuthorizationTooLong {
        /// Its length in bytes.
        length: usize,
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
    /// `SignedHeaders` is not lower-case names, sorted, each once, at most 64:
    /// `IncompleteSignature`, 400.
    MalformedSignedHeaders {
        /// The list (escaped, bounded).
        signed_headers: String,
    },
    /// The request's time is neither ISO 8601 basic format (`YYYYMMDDTHHMMSSZ`) nor, in
    /// a `Date` header, RFC 1123: `IncompleteSignature`, 400.
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
        /// The request's time, in seconds since 1970.
        signed: i64,
        /// The server's time, in seconds since 1970.
        now: i64,
        /// The window, in minutes.
        skew_minutes: i64,
    },
    /// Signed after the clock-skew window: `SignatureDoesNotMatch`, 403.
    SignatureNotYetCurrent {
        /// The request's time, in seconds since 1970.
        signed: i64,
        /// The server's time, in seconds since 1970.
        now: i64,
        /// The window, in minutes.
        skew_minutes: i64,
    },
    /// A presigned request past its `X-Amz-Expires`: `SignatureDoesNotMatch`, 403.
    RequestExpired {
        /// The request's time, in seconds since 1970.
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
    /// A header named in `SignedHeaders` is not in the request (a signer signs only what
    /// it sends): `SignatureDoesNotMatch`, 403.
    SignedHeaderMissing {
        /// The name (escaped, bounded).
        header: String,
    },
    /// The signature is not the one the secret gives: `SignatureDoesNotMatch`, 403. The
    /// [`Mismatch`] says what was computed, for the server's log.
    SignatureDoesNotMatch(Box<Mismatch>),
}

const MISMATCH_MESSAGE: &str = "The request signature we calculated does not match the signature you provided. \
     Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/// Input for an error, as the crate shows input ([`Escaped`]); bytes that are not UTF-8
/// as U+FFFD. Only a prefix long enough for the shown characters and the `…` is read.
pub(super) fn shown(bytes: &[u8]) -> String {
    // Each shown character takes at most four bytes, and the cut needs one more.
    let prefix = &bytes[..bytes.len().min(4 * (Escaped::LIMIT + 1))];
    Escaped(&String::from_utf8_lossy(prefix)).to_string()
}

/// `YYYYMMDDTHHMMSSZ` of seconds since 1970, or `@seconds` outside the years 0001–9999.
pub(super) fn basic_date(secs: i64) -> String {
    match Timestamp::from_unix_timestamp(secs, 0) {
        Ok(t) => {
            let mut out = [0; 16];
            t.write_basic(&mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
        Err(_) => format!("@{secs}"),
    }
}

impl AuthError {
    /// The AWS error code.
    pub fn code(&self) -> ErrorCode<'static> {
        match self {
            AuthError::MissingAuthenticationToken => ErrorCode::MISSING_AUTHENTICATION_TOKEN,
            AuthError::DuplicateHeader { .. }
            | AuthError::AuthorizationTooLong { .. }
            | AuthError::UnsupportedAlgorithm { .. }
            | AuthError::MalformedAuthorization { .. }
            | AuthError::MissingComponents { .. }
            | AuthError::MalformedSignedHeaders { .. }
            | AuthError::MalformedDate { .. }
            | AuthError::MalformedExpires { .. }
            | AuthError::MalformedCredential { .. } => ErrorCode::INCOMPLETE_SIGNATURE,
            AuthError::InvalidClientTokenId { .. } => ErrorCode::INVALID_CLIENT_TOKEN_ID,
            AuthError::BothForms
            | AuthError::EmptyParameter
            | AuthError::SignatureExpired { .. }
            | AuthError::SignatureNotYetCurrent { .. }
            | AuthError::RequestExpired { .. }
            | AuthError::WrongScope(_)
            | AuthError::HeaderNotSigned { .. }
            | AuthError::SignedHeaderMissing { .. }
            | AuthError::SignatureDoesNotMatch(_) => ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        }
    }

    /// The HTTP status AWS sends with it: 400 for `IncompleteSignature`, 403 otherwise.
    pub fn http_status(&self) -> u16 {
        self.code().http_status()
    }

    /// What was computed for a request whose signature did not match.
    pub fn mismatch(&self) -> Option<&Mismatch> {
        match self {
            AuthError::SignatureDoesNotMatch(m) => Some(m),
            _ => None,
        }
    }

    /// The `Message` AWS sends, word for word where AWS's wording is known (the sources
    /// are in `docs/sigv4.md`).
    pub fn message(&self) -> String {
        match self {
            AuthError::MissingAuthenticationToken => "Request is missing Authentication Token".to_owned(),
            AuthError::BothForms
            | AuthError::EmptyParameter
            | AuthError::SignedHeaderMissing { .. }
            | AuthError::SignatureDoesNotMatch(_) => MISMATCH_MESSAGE.to_owned(),
            AuthError::DuplicateHeader { header } => format!("Found more than one '{header}' header."),
            AuthError::AuthorizationTooLong { length } => {
                format!("Authorization header is {length} bytes long; at most 4096 are read.")
            }
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
            AuthError::MalformedSignedHeaders { signed_headers } => format!(
                "SignedHeaders must be lower-case header names, sorted, each once, at most 64. Got '{signed_headers}'."
            ),
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
                basic_date(*signed),
                basic_date(now.saturating_sub(skew_minutes.saturating_mul(60))),
                basic_date(*now)
            ),
            AuthError::SignatureNotYetCurrent {
                signed,
                now,
                skew_minutes,
            } => format!(
                "Signature not yet current: {} is still later than {} ({} + {skew_minutes} min.)",
                basic_date(*signed),
                basic_date(now.saturating_add(skew_minutes.saturating_mul(60))),
                basic_date(*now)
            ),
            AuthError::RequestExpired { signed, expires, now } => format!(
                "Request has expired: signed at {} for {expires} seconds, and it is now {}.",
                basic_date(*signed),
                basic_date(*now)
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

    /// The error response to send: code, `Type` `Sender`, [`message`](AuthError::message).
    pub fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        let message = ErrorMessage::new_escaped(&self.message());
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
            AuthError::EmptyParameter => f.write_str(
                "the query has a parameter with an empty name and value (`=`), which a signature cannot tell from an empty segment",
            ),
            AuthError::DuplicateHeader { header } => write!(f, "more than one `{header}` header"),
            AuthError::AuthorizationTooLong { length } => {
                write!(f, "the `Authorization` header is {length} bytes long, more than 4096")
            }
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
            AuthError::MalformedSignedHeaders { signed_headers } => write!(
                f,
                "malformed `SignedHeaders`: expected at most 64 lower-case names, sorted, each once, found `{signed_headers}`"
            ),
            AuthError::MalformedDate { date } => write!(
                f,
                "malformed request time: expected `YYYYMMDDTHHMMSSZ` (or an RFC 1123 `Date`), found `{date}`"
            ),
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
                basic_date(*signed),
                basic_date(*now)
            ),
            AuthError::SignatureNotYetCurrent {
                signed,
                now,
                skew_minutes,
            } => write!(
                f,
                "signature not yet current: signed at {}, more than {skew_minutes} minutes after {}",
                basic_date(*signed),
                basic_date(*now)
            ),
            AuthError::RequestExpired { signed, expires, now } => write!(
                f,
                "presigned request expired: signed at {} for {expires} s, now {}",
                basic_date(*signed),
                basic_date(*now)
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
            AuthError::SignedHeaderMissing { header } => {
                write!(f, "the signed header `{header}` is not in the request")
            }
            AuthError::SignatureDoesNotMatch(m) if m.other_scope_key => {
                f.write_str("the signature does not match (the kept signing key is of another scope)")
            }
            AuthError::SignatureDoesNotMatch(_) => f.write_str("the signature does not match"),
        }
    }
}

impl std::error::Error for AuthError {}

/// So that a server answers an auth error as any other: `Reply::from_error(&error, id)`.
impl crate::AwsError for AuthError {
    fn code(&self) -> ErrorCode<'_> {
        AuthError::code(self)
    }

    fn message(&self) -> Option<std::borrow::Cow<'_, str>> {
        Some(std::borrow::Cow::Owned(AuthError::message(self)))
    }
}
