//! The client's half of the protocol step: an HTTP status and body in, the result
//! or a typed error out. No I/O: bring your own HTTP stack.

use crate::error::{ErrorCode, ErrorResponse};
use crate::response::GetLoginProfileResponse;
use crate::xml::{DecodeOptions, XmlError};

/// What went wrong with a `GetLoginProfile` call, as seen from the response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError<'a> {
    /// The service answered with an error response.
    #[error("HTTP {status}: {error}")]
    Service {
        /// The HTTP status.
        status: u16,
        /// The decoded error.
        error: ErrorResponse<'a>,
    },
    /// The body is empty (or only whitespace).
    #[error("HTTP {status} with an empty body")]
    EmptyBody {
        /// The HTTP status.
        status: u16,
    },
    /// A success status with a body that is not a `GetLoginProfileResponse`, an error
    /// status with a body that is not an error response, or a body (an HTML error page,
    /// say) that is not the XML expected.
    #[error("HTTP {status}: cannot decode the body")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// Why it could not be decoded.
        #[source]
        error: XmlError,
    },
}

impl ClientError<'_> {
    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        match self {
            ClientError::Service { status, .. }
            | ClientError::EmptyBody { status }
            | ClientError::Decode { status, .. } => *status,
        }
    }

    /// The error code, when the service sent one.
    pub fn code(&self) -> Option<&ErrorCode<'_>> {
        match self {
            ClientError::Service { error, .. } => Some(&error.error.code),
            _ => None,
        }
    }

    /// Should the call be retried? A retryable code (throttling, transient service
    /// failures), or a transient HTTP status (500, 502, 503, 504) — as botocore and
    /// aws-smithy-runtime decide.
    pub fn is_retryable(&self) -> bool {
        self.code().is_some_and(ErrorCode::is_retryable) || is_retryable_status(self.status())
    }

    /// Detaches the error from the body it was decoded from.
    pub fn into_owned(self) -> ClientError<'static> {
        match self {
            ClientError::Service { status, error } => ClientError::Service {
                status,
                error: error.into_owned(),
            },
            ClientError::EmptyBody { status } => ClientError::EmptyBody { status },
            ClientError::Decode { status, error } => ClientError::Decode { status, error },
        }
    }
}

/// HTTP statuses the SDKs retry whatever the body: 500, 502, 503 and 504.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 500 | 502 | 503 | 504)
}

/// Decodes the HTTP response to a `GetLoginProfile` request.
///
/// A 2xx status with a `GetLoginProfileResponse` body is the result. An
/// `ErrorResponse` (or EC2-style `Response`) body is a [`ClientError::Service`] whatever
/// the status, 200 included. Anything else keeps its status in the error.
///
/// ```
/// use iam_login_profile::{client, ClientError, ErrorCode};
///
/// let body = std::fs::read("tests/data/moto-get-login-profile-no-profile.xml").unwrap();
/// match client::decode_response(404, &body) {
///     Err(ClientError::Service { status: 404, error }) => assert_eq!(error.error.code, ErrorCode::NO_SUCH_ENTITY),
///     other => panic!("unexpected {other:?}"),
/// }
/// let err = client::decode_response(503, b"<html><body>Service Unavailable</body></html>").unwrap_err();
/// assert_eq!(err.status(), 503);
/// assert!(err.is_retryable());
/// ```
pub fn decode_response(status: u16, body: &[u8]) -> Result<GetLoginProfileResponse<'_>, ClientError<'_>> {
    decode_response_with(status, body, &DecodeOptions::new())
}

/// [`decode_response`] with explicit [`DecodeOptions`].
pub fn decode_response_with<'a>(
    status: u16,
    body: &'a [u8],
    options: &DecodeOptions,
) -> Result<GetLoginProfileResponse<'a>, ClientError<'a>> {
    let content = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if content.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        return Err(ClientError::EmptyBody { status });
    }
    let is_error_root = |e: &XmlError| matches!(e, XmlError::UnexpectedRoot { found, .. } if found == "ErrorResponse" || found == "Response");
    if (200..300).contains(&status) {
        match GetLoginProfileResponse::decode_with(body, options) {
            Ok(r) => Ok(r),
            Err(e) if is_error_root(&e) => Err(service_error(status, body, options)),
            Err(error) => Err(ClientError::Decode { status, error }),
        }
    } else {
        Err(service_error(status, body, options))
    }
}

fn service_error<'a>(status: u16, body: &'a [u8], options: &DecodeOptions) -> ClientError<'a> {
    match ErrorResponse::decode_with(body, options) {
        Ok(error) => ClientError::Service { status, error },
        Err(error) => ClientError::Decode { status, error },
    }
}
