//! The server's half of the protocol step, without I/O: the HTTP request's method,
//! content type, query string and body in, a decoded [`Request`] or the AWS error out;
//! a result or an error in, the [`Reply`] to send (status, content type, body) out.
//!
//! ```
//! use iam_login_profile::{server, DeleteLoginProfileResponse, Request, RequestId};
//! use iam_login_profile::server::Reply;
//!
//! let body = b"Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob";
//! let id = RequestId::from_static("4ba3b2a7-1f3c-4e4e-9d57-0d8c27c7a3a1");
//! let reply = match server::decode_request("POST", Some("application/x-www-form-urlencoded"), "", body) {
//!     Ok(Request::DeleteLoginProfile(_)) => Reply::success(&DeleteLoginProfileResponse::new(Some(id))),
//!     Ok(_) => unreachable!("this example sends a Delete"),
//!     Err(error) => Reply::from_error(&error, Some(id)),
//! };
//! assert_eq!(reply.http_status(), 200);
//! assert!(reply.body().starts_with("<DeleteLoginProfileResponse"));
//! ```

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use crate::http_glue::decode_http_request;

use crate::error_response::{AwsError, ErrorResponse};
use crate::operation::{Request, RequestError};
use crate::response::EncodeResponse;
use crate::text::RequestId;

/// Decodes the parameters of an HTTP request, as IAM reads them.
///
/// * `GET`: the query string (the body has no meaning and is not read);
/// * `POST`: the query string and, when `content_type` is a form
///   ([`is_form_content_type`](crate::is_form_content_type)), the body; a parameter in
///   both is a duplicate. A body of any other type carries no parameters (so a JSON body
///   with no `Action` in the query string is `MissingAction`, as from IAM);
/// * any other method: [`RequestError::UnsupportedMethod`] (405).
///
/// `content_type` is the value of the `Content-Type` header as received, whitespace and
/// all (the values of several joined by `,`), so that it is read as SigV4 signs it.
/// `query` is the URI's query string without the `?`. Offsets in errors count from the
/// start of `query`, then from the start of `body`.
///
/// # Errors
///
/// [`RequestError`], which knows the AWS error response to send
/// ([`Reply::from_error`]).
pub fn decode_request<'a>(
    method: &str,
    content_type: Option<&str>,
    query: &'a str,
    body: &'a [u8],
) -> Result<Request<'a>, RequestError> {
    let query = query.strip_prefix('?').unwrap_or(query).as_bytes();
    if method.eq_ignore_ascii_case("GET") {
        Request::decode_parts(&[(query, 0)])
    } else if method.eq_ignore_ascii_case("POST") {
        if content_type.is_some_and(crate::is_form_content_type) {
            Request::decode_parts(&[(query, 0), (body, 0)])
        } else {
            Request::decode_parts(&[(query, 0)])
        }
    } else {
        Err(RequestError::UnsupportedMethod {
            method: method.to_owned(),
        })
    }
}

/// An HTTP response ready to send: status, `Content-Type` and XML body. With the `http`
/// feature, `http::Response::from(reply)` also sets `x-amzn-RequestId`.
///
/// ```
/// use iam_login_profile::server::{self, Reply};
/// use iam_login_profile::{
///     ErrorResponse, GetLoginProfileResponse, LoginProfile, Request, RequestId, UserName,
/// };
///
/// let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
/// let form = Some("application/x-www-form-urlencoded; charset=utf-8");
/// let reply = match server::decode_request("POST", form, "", body) {
///     Ok(Request::GetLoginProfile(get)) => {
///         let user = get.user_name.unwrap().into_owned();
///         let profile = LoginProfile::new(user, "2011-09-19T23:00:56Z".parse().unwrap());
///         Reply::success(&GetLoginProfileResponse::new(profile, Some(RequestId::from_static("req-1"))))
///     }
///     Ok(other) => Reply::not_implemented(&other, Some(RequestId::from_static("req-1"))),
///     Err(error) => Reply::from_error(&error, Some(RequestId::from_static("req-1"))),
/// };
/// assert_eq!((reply.http_status(), reply.request_id()), (200, Some("req-1")));
/// assert!(reply.body().starts_with("<GetLoginProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"));
/// assert_eq!(Reply::CONTENT_TYPE, ErrorResponse::CONTENT_TYPE);
///
/// // With the `http` feature, the response an axum or hyper handler returns.
/// let response = http::Response::from(reply);
/// assert_eq!(response.headers()["content-type"], "text/xml");
/// assert_eq!(response.headers()["x-amzn-requestid"], "req-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    http_status: u16,
    body: String,
    request_id: Option<String>,
}

impl Reply {
    /// `200 OK` with a success response's XML.
    pub fn success<R: EncodeResponse>(response: &R) -> Reply {
        let mut body = String::with_capacity(512);
        response.encode(&mut body);
        Reply {
            http_status: 200,
            body,
            request_id: response.request_id().map(|id| id.as_str().to_owned()),
        }
    }

    /// The error's own status with the error XML.
    pub fn error(error: &ErrorResponse<'_>) -> Reply {
        Reply {
            http_status: error.http_status(),
            body: error.to_xml(),
            request_id: error.request_id.as_ref().map(|id| id.as_str().to_owned()),
        }
    }

    /// The AWS error response for any error that becomes one ([`AwsError`]): a request
    /// that could not be decoded ([`RequestError`]), a refused signature, with its own
    /// status and `request_id`.
    ///
    /// ```
    /// use iam_login_profile::{GetLoginProfileRequest, server::Reply};
    ///
    /// let err = GetLoginProfileRequest::decode(b"Version=2010-05-08").unwrap_err();
    /// let reply = Reply::from_error(&err, None);
    /// assert_eq!(reply.http_status(), 400);
    /// assert!(reply.body().contains("<Code>MissingAction</Code>"));
    /// ```
    pub fn from_error<E: AwsError + ?Sized>(error: &E, request_id: Option<RequestId<'_>>) -> Reply {
        Reply::error(&error.to_error_response(request_id))
    }

    /// The answer for a decoded request whose operation this server does not serve: what
    /// IAM answers for an action it does not have, `400 InvalidAction` ("Could not find
    /// operation … for version 2010-05-08"), so the client sees a service without it.
    ///
    /// ```
    /// use iam_login_profile::{server::{self, Reply}, Request, RequestId};
    ///
    /// let body = b"Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob";
    /// let id = RequestId::from_static("req-1");
    /// let reply = match server::decode_request("POST", Some("application/x-www-form-urlencoded"), "", body) {
    ///     Ok(Request::GetLoginProfile(_)) => unreachable!("not this request"),
    ///     Ok(other) => Reply::not_implemented(&other, Some(id)),
    ///     Err(error) => Reply::from_error(&error, Some(id)),
    /// };
    /// assert_eq!(reply.http_status(), 400);
    /// assert!(reply.body().contains("<Message>Could not find operation DeleteLoginProfile for version 2010-05-08</Message>"));
    /// ```
    pub fn not_implemented(request: &Request<'_>, request_id: Option<RequestId<'_>>) -> Reply {
        Reply::error(&ErrorResponse::invalid_action(
            request.action(),
            request_id.map(RequestId::into_owned),
        ))
    }

    /// The HTTP status.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The `Content-Type` of every reply: `text/xml`, as IAM sends.
    pub const CONTENT_TYPE: &'static str = "text/xml";

    /// The request id, for the `x-amzn-RequestId` header, when there is one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The XML body.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The XML body, taken.
    pub fn into_body(self) -> String {
        self.body
    }
}
