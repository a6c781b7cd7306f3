//! The request: `Action=GetLoginProfile&Version=2010-05-08[&UserName=…]`, both directions.
//!
//! Encoding gives the exact bytes botocore sends (spec §2): `Action`, `Version`, then
//! `UserName`, with `quote_plus` percent-encoding (`+ = , @` → `%2B %3D %2C %40`;
//! `A-Za-z0-9 . - _ ~` kept; uppercase hex). Decoding reads what a server receives, the
//! GET query string or the POST form body: any order, `+` as space, `%xx` in either case,
//! the signing and common parameters passed over; every bad request gets a typed
//! [`RequestError`] that also knows the AWS error to send back.

use std::borrow::Cow;
use std::fmt;

use crate::error::{ErrorCode, ErrorMessage, ErrorResponse};
use crate::response::RequestId;
use crate::user_name::{UserName, UserNameError};

/// The action name, `GetLoginProfile`.
pub const ACTION: &str = "GetLoginProfile";
/// The API version, `2010-05-08`.
pub const VERSION: &str = "2010-05-08";
/// The `Content-Type` botocore sends with the form body.
pub const REQUEST_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// The `GetLoginProfile` request: whose login profile to get.
///
/// ```
/// use iam_login_profile::{GetLoginProfileRequest, UserName};
///
/// let request = GetLoginProfileRequest::new(Some(UserName::new("a+b=c,d.e@f-g_h").unwrap()));
/// assert_eq!(
///     request.to_query_string(),
///     "Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
/// );
/// let decoded = GetLoginProfileRequest::decode(b"UserName=a%2bb%3Dc%2Cd.e%40f-g_h&Version=2010-05-08&Action=GetLoginProfile").unwrap();
/// assert_eq!(decoded, request);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct GetLoginProfileRequest<'a> {
    /// The user; `None` means the caller's own identity (optional in the current API, spec §1.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<UserName<'a>>,
}

/// Bytes kept as they are by `quote_plus`: `A-Za-z0-9_.-~`.
static UNRESERVED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'~');
        b += 1;
    }
    t
};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

impl<'a> GetLoginProfileRequest<'a> {
    /// A request for `user_name`, or for the caller when `None`.
    pub fn new(user_name: Option<UserName<'a>>) -> Self {
        GetLoginProfileRequest { user_name }
    }

    /// The `Content-Type` to send with the form body: [`REQUEST_CONTENT_TYPE`].
    pub fn content_type(&self) -> &'static str {
        REQUEST_CONTENT_TYPE
    }

    /// Appends the form body (or query string) botocore sends to `out`.
    pub fn encode(&self, out: &mut String) {
        out.push_str("Action=GetLoginProfile&Version=2010-05-08");
        if let Some(name) = &self.user_name {
            out.push_str("&UserName=");
            encode_component(out, name.as_str());
        }
    }

    /// The form body as a new `String`.
    pub fn to_query_string(&self) -> String {
        let mut out = String::with_capacity(54);
        self.encode(&mut out);
        out
    }

    /// Decodes a query string or form body (without the leading `?`).
    pub fn decode(input: &'a [u8]) -> Result<Self, RequestError> {
        match Self::match_shape(input) {
            Some(request) => Ok(request),
            None => Self::decode_general(input),
        }
    }

    /// The body exactly as botocore and aws-sdk-iam send it, with a user name that needs
    /// no percent-decoding: a comparison and the user-name check, nothing else. `None`
    /// sends the input to [`decode_general`](Self::decode_general).
    #[inline]
    fn match_shape(input: &'a [u8]) -> Option<Self> {
        let rest = input.strip_prefix(b"Action=GetLoginProfile&Version=2010-05-08")?;
        if rest.is_empty() {
            return Some(GetLoginProfileRequest { user_name: None });
        }
        let value = rest.strip_prefix(b"&UserName=")?;
        // `+` would decode to a space and `%` starts an escape: both for the general path.
        if value.is_empty()
            || value.len() > crate::user_name::MAX_LEN
            || !value.iter().all(|&b| crate::user_name::is_allowed_byte(b) && b != b'+')
        {
            return None;
        }
        let name = std::str::from_utf8(value).ok()?;
        Some(GetLoginProfileRequest {
            user_name: Some(UserName::new_unchecked(Cow::Borrowed(name))),
        })
    }

    /// Decodes on the general path only, bypassing the shortcut for botocore's exact
    /// layout. Same result as [`decode`](Self::decode) on every input; public so that
    /// tests and fuzzers can hold the two equal.
    #[doc(hidden)]
    pub fn decode_general(input: &'a [u8]) -> Result<Self, RequestError> {
        let mut action = None;
        let mut version = None;
        let mut user_name: Option<Cow<'a, str>> = None;
        for_each_pair(input, |key, value| {
            let slot = match &*key {
                "Action" => &mut action,
                "Version" => &mut version,
                "UserName" => &mut user_name,
                k if is_common_parameter(k) => return Ok(()),
                _ => return Err(RequestError::UnknownParameter { name: key.into_owned() }),
            };
            if slot.is_some() {
                return Err(RequestError::DuplicateParameter { name: key.into_owned() });
            }
            *slot = Some(value);
            Ok(())
        })?;
        match action.as_deref() {
            None => return Err(RequestError::MissingAction),
            Some(ACTION) => {}
            Some(other) => {
                return Err(RequestError::InvalidAction {
                    action: other.to_owned(),
                });
            }
        }
        match version.as_deref() {
            None => return Err(RequestError::MissingVersion),
            Some(VERSION) => {}
            Some(other) => {
                return Err(RequestError::InvalidVersion {
                    version: other.to_owned(),
                });
            }
        }
        let user_name = match user_name {
            None => None,
            Some(name) => Some(UserName::new(name)?),
        };
        Ok(GetLoginProfileRequest { user_name })
    }

    /// Detaches the request from the input it was decoded from.
    pub fn into_owned(self) -> GetLoginProfileRequest<'static> {
        GetLoginProfileRequest {
            user_name: self.user_name.map(UserName::into_owned),
        }
    }
}

/// Percent-encodes `s` as `urllib.parse.quote_plus` does (what botocore sends).
fn encode_component(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !UNRESERVED[b as usize] {
            out.push_str(&s[start..i]);
            if b == b' ' {
                out.push('+');
            } else {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
}

/// Parameters every AWS query API accepts for signing and auth (spec §5.3), passed over.
fn is_common_parameter(key: &str) -> bool {
    key.starts_with("X-Amz-")
        || key.starts_with("Signature")
        || matches!(key, "AWSAccessKeyId" | "Timestamp" | "Expires" | "SecurityToken")
}

/// Splits `input` into `key=value` pairs and percent-decodes each, borrowing where
/// nothing is escaped. Empty segments (`a&&b`) are skipped and a segment without `=`
/// has an empty value, as in `application/x-www-form-urlencoded` parsing.
fn for_each_pair<'a>(
    input: &'a [u8],
    mut f: impl FnMut(Cow<'a, str>, Cow<'a, str>) -> Result<(), RequestError>,
) -> Result<(), RequestError> {
    let mut start = 0;
    while start <= input.len() {
        let end = memchr::memchr(b'&', &input[start..]).map_or(input.len(), |i| start + i);
        let segment = &input[start..end];
        if !segment.is_empty() {
            let (key, value, value_at) = match memchr::memchr(b'=', segment) {
                Some(eq) => (&segment[..eq], &segment[eq + 1..], start + eq + 1),
                None => (segment, &segment[segment.len()..], end),
            };
            f(percent_decode(key, start)?, percent_decode(value, value_at)?)?;
        }
        start = end + 1;
    }
    Ok(())
}

#[inline]
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `+` and `%xx` in `raw` (found at `at` in the input).
fn percent_decode(raw: &[u8], at: usize) -> Result<Cow<'_, str>, RequestError> {
    let not_utf8 = |offset| RequestError::Malformed {
        offset,
        problem: MalformedKind::NotUtf8,
    };
    if !raw.iter().any(|&b| b == b'%' || b == b'+') {
        return std::str::from_utf8(raw)
            .map(Cow::Borrowed)
            .map_err(|e| not_utf8(at + e.valid_up_to()));
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = raw.get(i + 1).copied().and_then(hex_value);
                let lo = raw.get(i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => {
                        return Err(RequestError::Malformed {
                            offset: at + i,
                            problem: MalformedKind::BadEscape,
                        });
                    }
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Ok(Cow::Owned(s)),
        // The offset is of the pair's start: decoded bytes do not map one to one back.
        Err(_) => Err(not_utf8(at)),
    }
}

/// Does this `Content-Type` announce a form body? `application/x-www-form-urlencoded`,
/// with or without parameters such as `; charset=utf-8`, in any case.
///
/// ```
/// use iam_login_profile::is_form_content_type;
///
/// assert!(is_form_content_type("application/x-www-form-urlencoded"));
/// assert!(is_form_content_type("Application/X-WWW-Form-URLEncoded; charset=UTF-8"));
/// assert!(!is_form_content_type("application/json"));
/// ```
pub fn is_form_content_type(value: &str) -> bool {
    let media_type = value.split(';').next().unwrap_or_default();
    media_type
        .trim_matches(|c| c == ' ' || c == '\t')
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// What is malformed about a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MalformedKind {
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// Bytes, raw or percent-decoded, that are not UTF-8.
    NotUtf8,
}

/// Why a request could not be decoded, and what a server should answer
/// ([`RequestError::to_error_response`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// No `Action` parameter.
    #[error("missing parameter `Action`")]
    MissingAction,
    /// An `Action` other than `GetLoginProfile`.
    #[error("unsupported action `{action}`: expected `GetLoginProfile`")]
    InvalidAction {
        /// The action asked for.
        action: String,
    },
    /// No `Version` parameter.
    #[error("missing parameter `Version`")]
    MissingVersion,
    /// A `Version` other than `2010-05-08`.
    #[error("unsupported version `{version}`: expected `2010-05-08`")]
    InvalidVersion {
        /// The version asked for.
        version: String,
    },
    /// Bad percent-encoding or bytes that are not UTF-8.
    #[error("malformed query string at offset {offset}: {problem}")]
    Malformed {
        /// Byte offset of the bad escape, or of the value that is not UTF-8.
        offset: usize,
        /// What is wrong.
        problem: MalformedKind,
    },
    /// A parameter given twice (refused: which one counts would be a guess).
    #[error("parameter `{name}` is given more than once")]
    DuplicateParameter {
        /// The parameter.
        name: String,
    },
    /// A parameter `GetLoginProfile` does not take.
    #[error("unknown parameter `{name}`")]
    UnknownParameter {
        /// The parameter, decoded.
        name: String,
    },
    /// A `UserName` that is not valid.
    #[error(transparent)]
    InvalidUserName(#[from] UserNameError),
}

impl fmt::Display for MalformedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MalformedKind::BadEscape => "expected two hex digits after `%`",
            MalformedKind::NotUtf8 => "the decoded bytes are not UTF-8",
        })
    }
}

impl RequestError {
    /// The AWS error code a server answers with.
    pub fn aws_code(&self) -> ErrorCode<'static> {
        match self {
            RequestError::MissingAction => ErrorCode::MISSING_ACTION,
            RequestError::InvalidAction { .. } | RequestError::InvalidVersion { .. } => ErrorCode::INVALID_ACTION,
            RequestError::MissingVersion => ErrorCode::MISSING_PARAMETER,
            RequestError::Malformed { .. } => ErrorCode::MALFORMED_QUERY_STRING,
            RequestError::DuplicateParameter { .. } | RequestError::UnknownParameter { .. } => {
                ErrorCode::INVALID_QUERY_PARAMETER
            }
            RequestError::InvalidUserName(_) => ErrorCode::VALIDATION_ERROR,
        }
    }

    /// The AWS error message a server answers with.
    pub fn aws_message(&self) -> String {
        match self {
            RequestError::MissingAction => "The request must contain the parameter Action.".to_owned(),
            RequestError::InvalidAction { action } => {
                format!("Could not find operation {action} for version {VERSION}")
            }
            RequestError::InvalidVersion { version } => {
                format!("Could not find operation {ACTION} for version {version}")
            }
            RequestError::MissingVersion => "The request must contain the parameter Version.".to_owned(),
            RequestError::Malformed { offset, problem } => {
                format!("The query string is malformed at offset {offset}: {problem}.")
            }
            RequestError::DuplicateParameter { name } => {
                format!("The parameter {name} must not be given more than once.")
            }
            RequestError::UnknownParameter { name } => {
                format!("The parameter {name} is not recognized by {ACTION}.")
            }
            RequestError::InvalidUserName(e) => e.aws_message(),
        }
    }

    /// The HTTP status a server answers with.
    pub fn http_status(&self) -> u16 {
        self.aws_code().http_status()
    }

    /// The whole error response a server sends back, `Type` and status included.
    ///
    /// ```
    /// use iam_login_profile::{GetLoginProfileRequest, RequestId};
    ///
    /// let err = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name").unwrap_err();
    /// let response = err.to_error_response(Some(RequestId::new("req-1").unwrap()));
    /// assert_eq!(response.http_status(), 400);
    /// assert_eq!(response.error.code.as_str(), "ValidationError");
    /// assert_eq!(
    ///     response.error.message.unwrap().as_str(),
    ///     r"1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
    /// );
    /// ```
    pub fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        // The message quotes decoded input, which is UTF-8 but may hold characters XML
        // cannot carry; those are written as `\u{..}` escapes rather than dropped.
        let message = ErrorMessage::new_escaped(&self.aws_message());
        ErrorResponse::new(self.aws_code(), Some(message), request_id.map(RequestId::into_owned))
    }
}

/// The library path the hand-written codec shortcuts, kept for tests, fuzzing and
/// benchmarks: `serde_urlencoded` decoding and encoding.
#[doc(hidden)]
pub mod reference {
    use super::*;

    /// All `key=value` pairs of a query string, decoded by `serde_urlencoded`.
    /// (It is lenient: bad escapes pass through and invalid UTF-8 is replaced, which is
    /// why the crate checks both itself.)
    pub fn decode_pairs(input: &[u8]) -> Vec<(String, String)> {
        serde_urlencoded::from_bytes(input).unwrap_or_default()
    }

    /// All pairs as the crate's fast path decodes them.
    pub fn fast_pairs(input: &[u8]) -> Result<Vec<(String, String)>, RequestError> {
        let mut pairs = Vec::new();
        for_each_pair(input, |k, v| {
            pairs.push((k.into_owned(), v.into_owned()));
            Ok(())
        })?;
        Ok(pairs)
    }

    /// The body of `request` encoded by `serde_urlencoded` (identical to
    /// [`GetLoginProfileRequest::encode`] for every valid request).
    pub fn encode(request: &GetLoginProfileRequest<'_>) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![("Action", ACTION), ("Version", VERSION)];
        if let Some(name) = &request.user_name {
            pairs.push(("UserName", name.as_str()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for GetLoginProfileRequest<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(GetLoginProfileRequest {
            user_name: u.arbitrary()?,
        })
    }
}
