//! Conversions to and from the [`http`] crate's types (feature `http`): the same protocol
//! step as [`server`](crate::server) and [`client`](crate::client), on `http::Request` and
//! `http::Response`.
//!
//! ```
//! use iam_login_profile::{client, server, GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, Request, RequestId, UserName};
//! use iam_login_profile::server::Reply;
//!
//! // Client: the request as an `http::Request`.
//! let request = GetLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()));
//! let http_request = request.to_http_request("https://iam.amazonaws.com/".parse().unwrap());
//!
//! // Server: decode it, answer with an `http::Response`.
//! let reply = match server::decode_http_request(&http_request) {
//!     Ok(Request::GetLoginProfile(get)) => {
//!         let profile = LoginProfile::new(get.user_name.unwrap(), "2011-09-19T23:00:56Z".parse().unwrap());
//!         Reply::success(&GetLoginProfileResponse::new(profile, Some(RequestId::from_static("req-1"))))
//!     }
//!     Ok(other) => Reply::not_implemented(&other, None),
//!     Err(e) => Reply::from_error(&e, None),
//! };
//! let http_response = http::Response::from(reply);
//! assert_eq!(http_response.headers()["x-amzn-RequestId"], "req-1");
//!
//! // Client: decode the answer.
//! let response = client::decode_http::<GetLoginProfileRequest, _>(&http_response).unwrap();
//! assert_eq!(response.login_profile.user_name.as_str(), "Bob");
//! ```

use ::http::header::{CONTENT_TYPE, HeaderValue};

use crate::client::{self, ClientError};
use crate::operation::Operation;
use crate::operation::{FORM_CONTENT_TYPE, Request, RequestError};
use crate::server::Reply;

/// Builds `POST uri` with the form body and botocore's `Content-Type`.
pub(crate) fn form_request(uri: http::Uri, body: String) -> http::Request<String> {
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = uri;
    request
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(FORM_CONTENT_TYPE));
    request
}

/// [`server::decode_request`](crate::server::decode_request) on an `http::Request`: its
/// method, `Content-Type`, query string and body.
///
/// # Errors
///
/// [`RequestError`], which knows the AWS error response to send.
pub fn decode_http_request<B: AsRef<[u8]>>(request: &http::Request<B>) -> Result<Request<'_>, RequestError> {
    // Read as SigV4 signs it: the bytes of every `Content-Type` header, joined by `,`
    // when there are several (which is then no form); bytes that are not UTF-8 are no form.
    let mut values = request.headers().get_all(CONTENT_TYPE).iter();
    let first = values.next().map(|v| std::str::from_utf8(v.as_bytes()).unwrap_or(""));
    let joined;
    let content_type = match (first, values.next()) {
        (Some(_), Some(_)) => {
            joined = request
                .headers()
                .get_all(CONTENT_TYPE)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()))
                .collect::<Vec<_>>()
                .join(",");
            Some(joined.as_str())
        }
        (first, None) => first,
        (None, Some(_)) => None,
    };
    crate::server::decode_request(
        request.method().as_str(),
        content_type,
        request.uri().query().unwrap_or(""),
        request.body().as_ref(),
    )
}

impl From<Reply> for http::Response<String> {
    /// The status, `Content-Type: text/xml` and, when the reply carries a request id that
    /// is a valid header value, `x-amzn-RequestId`, as IAM sends them.
    fn from(reply: Reply) -> Self {
        let status = http::StatusCode::from_u16(reply.http_status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let request_id = reply.request_id().and_then(|id| HeaderValue::from_str(id).ok());
        let mut response = http::Response::new(reply.into_body());
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(Reply::CONTENT_TYPE));
        if let Some(id) = request_id {
            headers.insert("x-amzn-RequestId", id);
        }
        response
    }
}

/// [`client::decode`] on an `http::Response`: its status and body.
///
/// # Errors
///
/// As [`client::decode`].
pub fn decode_http<Q: Operation, B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Q::Response<'_>, ClientError> {
    client::decode::<Q>(response.status().as_u16(), response.body().as_ref())
}
