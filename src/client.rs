//! The client's half of the protocol step: an HTTP status and body in, the result
//! or a typed error out. No I/O: bring your own HTTP stack.
//!
//! One generic decode, keyed on the request type ([`Operation`]): the response type
//! follows from it, so a mismatched pair does not compile. [`decode`] borrows from the
//! body; [`decode_owned`] gives a `'static` response for callers that hold it across an
//! `.await`; `decode_http` (feature `http`) reads an `http::Response`.
//!
//! The error owns its data ([`ClientError`] is `'static`), so it can be passed up with
//! `?` into `Box<dyn Error + Send + Sync>` or `anyhow::Error` while the body is dropped.

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use crate::http_glue::decode_http;

use crate::error_response::{ErrorCode, ErrorResponse};
use crate::operation::Operation;
use crate::response::{DecodeError, DecodeResponse};
use crate::xml::{DecodeOptions, XmlError};

/// What went wrong with a call, as seen from the response.
///
/// ```
/// use iam_login_profile::{client, ClientError, DeleteLoginProfileRequest, ErrorCode};
///
/// let body = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
///   <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
///   <RequestId>req-7</RequestId>
/// </ErrorResponse>"#;
/// let err: ClientError = client::decode::<DeleteLoginProfileRequest>(400, body).unwrap_err();
/// assert_eq!((err.http_status(), err.code()), (400, Some(&ErrorCode::THROTTLING)));
/// assert_eq!(err.message(), Some("Rate exceeded"));
/// assert!(err.is_retryable());
/// assert_eq!(err.to_string(), "HTTP 400: Throttling: Rate exceeded (request id req-7)");
///
/// let err = client::decode::<DeleteLoginProfileRequest>(502, b"").unwrap_err();
/// assert!(matches!(err, ClientError::EmptyBody { http_status: 502 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The service answered with an error response.
    #[error("HTTP {http_status}: {error}")]
    Service {
        /// The HTTP status.
        http_status: u16,
        /// The decoded error.
        error: ErrorResponse<'static>,
    },
    /// The body is empty (or only whitespace).
    #[error("HTTP {http_status} with an empty body")]
    EmptyBody {
        /// The HTTP status.
        http_status: u16,
    },
    /// A success status with a body that is not the operation's response, an error
    /// status with a body that is not an error response, or a body (an HTML error page,
    /// say) that is not the XML expected.
    #[error("HTTP {http_status}: cannot decode the body: {error}")]
    Decode {
        /// The HTTP status.
        http_status: u16,
        /// Why it could not be decoded (its text is also in this error's).
        #[source]
        error: DecodeError,
    },
}

impl ClientError {
    /// The HTTP status of the response.
    pub fn http_status(&self) -> u16 {
        match self {
            ClientError::Service { http_status, .. }
            | ClientError::EmptyBody { http_status }
            | ClientError::Decode { http_status, .. } => *http_status,
        }
    }

    /// The error code, when the service sent one.
    pub fn code(&self) -> Option<&ErrorCode<'static>> {
        match self {
            ClientError::Service { error, .. } => Some(&error.error.code),
            _ => None,
        }
    }

    /// The error message, when the service sent one with a message.
    pub fn message(&self) -> Option<&str> {
        self.error_response().and_then(ErrorResponse::message)
    }

    /// The error response, when the service sent one.
    pub fn error_response(&self) -> Option<&ErrorResponse<'static>> {
        match self {
            ClientError::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Should the call be retried? A retryable code (throttling, transient service
    /// failures), or a transient HTTP status (500, 502, 503, 504) — as botocore and
    /// aws-smithy-runtime decide.
    pub fn is_retryable(&self) -> bool {
        self.code().is_some_and(ErrorCode::is_retryable) || is_retryable_status(self.http_status())
    }
}

/// HTTP statuses the SDKs retry whatever the body: 500, 502, 503 and 504.
pub fn is_retryable_status(http_status: u16) -> bool {
    matches!(http_status, 500 | 502 | 503 | 504)
}

/// Decodes the HTTP response to a request of operation `Q`, borrowing from `body`.
///
/// A 2xx status with the operation's response body is the result. An `ErrorResponse`
/// (or EC2-style `Response`) body is a [`ClientError::Service`] whatever the status, 200
/// included. Anything else keeps its status in the error.
///
/// # Errors
///
/// [`ClientError`]: the service's error, an empty body, or a body that does not decode.
///
/// ```
/// use iam_login_profile::{client, ClientError, ErrorCode, GetLoginProfileRequest, UpdateLoginProfileRequest};
///
/// let ok = br#"<UpdateLoginProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
///   <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
/// </UpdateLoginProfileResponse>"#;
/// let response = client::decode::<UpdateLoginProfileRequest>(200, ok).unwrap();
/// assert_eq!(response.request_id.unwrap(), "req-1");
///
/// let body = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
///   <Error><Type>Sender</Type><Code>NoSuchEntity</Code>
///     <Message>Login Profile for User Bob cannot be found.</Message></Error>
///   <RequestId>4ba3b2a7-1f3c-4e4e-9d57-0d8c27c7a3a1</RequestId>
/// </ErrorResponse>"#;
/// match client::decode::<GetLoginProfileRequest>(404, body) {
///     Err(ClientError::Service { http_status: 404, error }) => assert_eq!(error.error.code, ErrorCode::NO_SUCH_ENTITY),
///     other => panic!("unexpected {other:?}"),
/// }
/// let err = client::decode::<GetLoginProfileRequest>(503, b"<html><body>Service Unavailable</body></html>").unwrap_err();
/// assert_eq!(err.http_status(), 503);
/// assert!(err.is_retryable());
/// ```
pub fn decode<Q: Operation>(http_status: u16, body: &[u8]) -> Result<Q::Response<'_>, ClientError> {
    decode_with::<Q>(http_status, body, &DecodeOptions::new())
}

/// [`decode`] with explicit [`DecodeOptions`].
///
/// # Errors
///
/// As [`decode`].
pub fn decode_with<'a, Q: Operation>(
    http_status: u16,
    body: &'a [u8],
    options: &DecodeOptions,
) -> Result<Q::Response<'a>, ClientError> {
    decode_step(http_status, body, options, Q::Response::<'a>::decode_with)
}

/// [`decode`], detached from `body`: the response is `'static`, for a caller that returns
/// it across an `.await` or keeps it after the body is dropped.
///
/// # Errors
///
/// As [`decode`].
///
/// ```
/// use iam_login_profile::{client, GetLoginProfileRequest, GetLoginProfileResponse};
///
/// let body = std::fs::read("tests/data/aws-docs-get-login-profile-sample-response.xml").unwrap();
/// let response: GetLoginProfileResponse<'static> = client::decode_owned::<GetLoginProfileRequest>(200, &body).unwrap();
/// drop(body);
/// assert_eq!(response.login_profile.user_name.as_str(), "Bob");
/// ```
pub fn decode_owned<Q: Operation>(http_status: u16, body: &[u8]) -> Result<Q::Response<'static>, ClientError> {
    decode::<Q>(http_status, body).map(Q::response_into_owned)
}

/// The step every operation shares: the status and the root element choose between the
/// result and the error.
fn decode_step<'a, T>(
    http_status: u16,
    body: &'a [u8],
    options: &DecodeOptions,
    decode: impl FnOnce(&'a [u8], &DecodeOptions) -> Result<T, DecodeError>,
) -> Result<T, ClientError> {
    let content = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if content.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        return Err(ClientError::EmptyBody { http_status });
    }
    let is_error_root = |e: &DecodeError| matches!(e, DecodeError::Xml(XmlError::UnexpectedRoot { found, .. }) if found == "ErrorResponse" || found == "Response");
    if (200..300).contains(&http_status) {
        match decode(body, options) {
            Ok(r) => Ok(r),
            Err(e) if is_error_root(&e) => Err(service_error(http_status, body, options)),
            Err(error) => Err(ClientError::Decode { http_status, error }),
        }
    } else {
        Err(service_error(http_status, body, options))
    }
}

fn service_error(http_status: u16, body: &[u8], options: &DecodeOptions) -> ClientError {
    match ErrorResponse::decode_with(body, options) {
        Ok(error) => ClientError::Service {
            http_status,
            error: error.into_owned(),
        },
        Err(error) => ClientError::Decode { http_status, error },
    }
}
