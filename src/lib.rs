//! A sans-I/O codec for IAM `GetLoginProfile` (awsQuery protocol, API version `2010-05-08`).
//!
//! Bring your own transport: this crate turns bytes into typed values and typed values
//! into bytes, and never opens a socket, reads a file or spawns a thread. What it sends
//! and accepts is what real IAM, botocore, moto and aws-sdk-iam send and accept.
//!
//! **A server** decodes the request (GET query string or POST form body), answers
//! with the success XML, or with the AWS-shaped error and its HTTP status:
//!
//! ```
//! use iam_login_profile::{GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, RequestId, server::Reply};
//!
//! let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
//! let reply = match GetLoginProfileRequest::decode(body) {
//!     Ok(request) => {
//!         let user = request.user_name.expect("this example names a user");
//!         let profile = LoginProfile::new(user, "2011-09-19T23:00:56Z".parse().unwrap());
//!         Reply::success(&GetLoginProfileResponse::new(profile, Some(RequestId::new("req-1").unwrap())))
//!     }
//!     Err(error) => Reply::request_error(&error, Some(RequestId::new("req-1").unwrap())),
//! };
//! assert_eq!(reply.status, 200);
//! assert!(reply.body.contains("<UserName>Bob</UserName>"));
//! ```
//!
//! **A client** encodes the request and decodes whatever comes back into the result or
//! a typed error:
//!
//! ```
//! use iam_login_profile::{client, ClientError, ErrorCode, GetLoginProfileRequest, UserName};
//!
//! let request = GetLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()));
//! assert_eq!(request.to_query_string(), "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob");
//!
//! // … send it with `request.content_type()`, receive (status, body) …
//! let body = std::fs::read("tests/data/aws-docs-get-login-profile-sample-response.xml").unwrap();
//! let response = client::decode_response(200, &body).unwrap();
//! assert_eq!(response.login_profile.create_date.to_string(), "2011-09-19T23:00:56Z");
//!
//! let body = std::fs::read("tests/data/moto-get-login-profile-no-user.xml").unwrap();
//! let err = client::decode_response(404, &body).unwrap_err();
//! assert_eq!(err.code(), Some(&ErrorCode::NO_SUCH_ENTITY));
//! ```
//!
//! # The pieces
//!
//! | concept | type | module |
//! |---|---|---|
//! | the request (form body / query string) | [`GetLoginProfileRequest`], [`RequestError`] | [`request`] |
//! | the success XML | [`GetLoginProfileResponse`], [`LoginProfile`], [`RequestId`] | [`response`] |
//! | the error XML | [`ErrorResponse`], [`ErrorCode`], [`ErrorType`], [`ErrorMessage`] | [`error`] |
//! | `UserName` | [`UserName`], [`UserNameError`] | [`user_name`] |
//! | `CreateDate` | [`Timestamp`], [`TimestampError`] | [`timestamp`] |
//! | XML decoding errors and limits | [`XmlError`], [`DecodeOptions`] | |
//! | the protocol step | [`client::decode_response`], [`server::Reply`] | [`client`], [`server`] |
//!
//! Decoders take the bytes as they arrive and borrow from them (`Cow<'a, str>` inside,
//! `into_owned()` to detach); a document that needs no unescaping decodes without
//! allocating. Encoders append to a caller-owned `String` (`encode`), with `to_xml()` /
//! `to_query_string()` conveniences, and cannot fail: every value is valid by construction.
//! Public types implement serde with the AWS member names, so their JSON is boto3's.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod error;
#[cfg(feature = "arbitrary")]
#[doc(hidden)]
pub mod fuzzing;
pub mod request;
pub mod response;
pub mod server;
#[cfg(feature = "sigv4")]
pub mod sigv4;
pub mod timestamp;
pub mod user_name;
mod xml;

pub use client::ClientError;
pub use error::{ErrorCode, ErrorDetail, ErrorMessage, ErrorResponse, ErrorType};
pub use request::{GetLoginProfileRequest, MalformedKind, RequestError, is_form_content_type};
pub use response::{GetLoginProfileResponse, LoginProfile, RequestId};
pub use timestamp::{Timestamp, TimestampError};
pub use user_name::{UserName, UserNameError};
pub use xml::{DEFAULT_MAX_DEPTH, DecodeOptions, SyntaxError, TextError, XmlError};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
