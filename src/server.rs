//! The server's half of the protocol step: a decoded request or a decode error in,
//! the HTTP status, content type and body to send out. No I/O.

use crate::error::ErrorResponse;
use crate::request::RequestError;
use crate::response::{GetLoginProfileResponse, RESPONSE_CONTENT_TYPE, RequestId};

/// An HTTP response ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, `text/xml` as IAM sends.
    pub content_type: &'static str,
    /// The XML body.
    pub body: String,
}

impl Reply {
    /// `200 OK` with the response XML.
    pub fn success(response: &GetLoginProfileResponse<'_>) -> Reply {
        Reply {
            status: 200,
            content_type: RESPONSE_CONTENT_TYPE,
            body: response.to_xml(),
        }
    }

    /// The error's own status with the error XML.
    pub fn error(error: &ErrorResponse<'_>) -> Reply {
        Reply {
            status: error.http_status(),
            content_type: RESPONSE_CONTENT_TYPE,
            body: error.to_xml(),
        }
    }

    /// The AWS error for a request that could not be decoded.
    ///
    /// ```
    /// use iam_login_profile::{GetLoginProfileRequest, server::Reply};
    ///
    /// let err = GetLoginProfileRequest::decode(b"Version=2010-05-08").unwrap_err();
    /// let reply = Reply::request_error(&err, None);
    /// assert_eq!(reply.status, 400);
    /// assert!(reply.body.contains("<Code>MissingAction</Code>"));
    /// ```
    pub fn request_error(error: &RequestError, request_id: Option<RequestId<'_>>) -> Reply {
        Reply::error(&error.to_error_response(request_id))
    }
}
