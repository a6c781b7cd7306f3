//! A sans-I/O codec for IAM's console-password operations — the login profile
//! (`CreateLoginProfile`, `GetLoginProfile`, `UpdateLoginProfile`, `DeleteLoginProfile`),
//! `ChangePassword` and the account password policy (`GetAccountPasswordPolicy`,
//! `UpdateAccountPasswordPolicy`, `DeleteAccountPasswordPolicy`) (awsQuery protocol, API
//! version `2010-05-08`) — for servers that speak IAM and for clients with their own HTTP
//! stack, with the rules IAM checks every console password against ([`password_policy`]).
//!
//! Bring your own transport: this crate turns bytes into typed values and typed values
//! into bytes, and never opens a socket, reads a file, reads the clock or spawns a
//! thread. What it sends and accepts is what real IAM, botocore, moto and aws-sdk-iam
//! send and accept.
//!
//! **A server** decodes the request (GET query string or POST form body) and answers
//! with the success XML, or with the AWS-shaped error and its HTTP status:
//!
//! ```
//! use iam_login_profile::server::{self, Reply};
//! use iam_login_profile::{GetLoginProfileResponse, LoginProfile, Request, RequestId, Timestamp};
//!
//! let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
//! let id = RequestId::from_static("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
//! let reply = match server::decode_request("POST", Some("application/x-www-form-urlencoded"), "", body) {
//!     Ok(Request::GetLoginProfile(get)) => {
//!         let user = get.user_name.expect("this example names a user");
//!         let created: Timestamp = "2011-09-19T23:00:56Z".parse().unwrap();
//!         Reply::success(&GetLoginProfileResponse::new(LoginProfile::new(user, created), Some(id)))
//!     }
//!     Ok(other) => Reply::not_implemented(&other, Some(id)), // 400 InvalidAction, as IAM
//!     Err(error) => Reply::from_error(&error, Some(id)), // e.g. 400 ValidationError
//! };
//! assert_eq!(reply.http_status(), 200);
//! assert!(reply.body().contains("<UserName>Bob</UserName>"));
//! ```
//!
//! **A client** encodes the request and decodes whatever comes back into the result or
//! a typed error it can pass up with `?`:
//!
//! ```
//! use iam_login_profile::{client, ErrorCode, GetLoginProfileRequest, UserName};
//!
//! let request = GetLoginProfileRequest::new(Some(UserName::new("Bob")?));
//! assert_eq!(request.to_query_string(), "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob");
//!
//! // … POST it with `Content-Type: GetLoginProfileRequest::CONTENT_TYPE`, receive (status, body) …
//! let body = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
//!   <Error><Type>Sender</Type><Code>NoSuchEntity</Code>
//!     <Message>The user with name Bob cannot be found.</Message></Error>
//!   <RequestId>4ba3b2a7-1f3c-4e4e-9d57-0d8c27c7a3a1</RequestId>
//! </ErrorResponse>"#;
//! let err = client::decode::<GetLoginProfileRequest>(404, body).unwrap_err();
//! assert_eq!(err.code(), Some(&ErrorCode::NO_SUCH_ENTITY));
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```
//!
//! # The pieces
//!
//! | concept | types | module |
//! |---|---|---|
//! | the operations, one table: requests (form body / query string) and the link to their responses | [`Operation`], [`Request`], [`Action`], [`GetLoginProfileRequest`] …, [`RequestError`] | [`operation`] |
//! | the success XML | [`GetLoginProfileResponse`], [`LoginProfile`] | [`response`] |
//! | the error XML | [`ErrorResponse`], [`ErrorCode`], [`Fault`] | [`error_response`] |
//! | values | [`UserName`], [`Password`], [`Timestamp`], [`RequestId`], [`ErrorMessage`] | [`user_name`], [`password`], [`timestamp`], [`text`] |
//! | the password policy and the check | [`PasswordPolicy`], [`password_policy::PasswordCheck`], [`password_policy::expiry`] | [`password_policy`] |
//! | response decoding errors and limits | [`DecodeError`] (the XML: [`XmlError`]; a member's value: [`ValueError`]), [`DecodeOptions`] | [`response`] |
//! | the protocol step, both halves | [`server::decode_request`], [`server::Reply`], [`client::decode`], [`ClientError`] | [`server`], [`client`] |
//! | errors that become AWS errors | [`AwsError`] ([`RequestError`], [`ErrorResponse`], the SigV4 verifier's) | [`error_response`] |
//!
//! Decoders take the bytes as they arrive and borrow from them (`Cow<'a, str>` inside,
//! `into_owned()` to detach); a document that needs no unescaping decodes without
//! allocating (the first decode in a process builds, once, the vector searchers every
//! later one shares). Encoders append to a caller-owned `String` (`encode`), with `to_xml()` /
//! `to_query_string()` conveniences, and cannot fail: every value is valid by construction.
//!
//! # Features
//!
//! * `serde` (default): `Serialize`/`Deserialize` with the AWS member names, so the JSON
//!   is boto3's.
//! * `http`: conversions to and from the `http` crate's types:
//!   `server::decode_http_request`, `http::Response::from(reply)`,
//!   `to_http_request` on every request, `client::decode_http`.
//! * `sigv4`: Signature Version 4 signing (as botocore signs) and verification (with AWS's
//!   errors), as pure functions of the request and a time the caller passes.
//! * `arbitrary`: `Arbitrary` for every public value type, for your own fuzzing.
//!
//! The protocol facts the code relies on (what each peer sends, which errors IAM answers,
//! which cases are refused and why) are in `docs/protocol.md` in the repository.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod bytes;
pub mod client;
pub mod error_response;
#[cfg(any(fuzzing, feature = "__internal"))]
#[doc(hidden)]
pub mod fuzzing;
#[cfg(any(fuzzing, feature = "__internal"))]
#[doc(hidden)]
pub mod fuzzing_family;
#[cfg(any(fuzzing, feature = "__internal"))]
#[doc(hidden)]
pub mod fuzzing_policy;
#[cfg(feature = "http")]
mod http_glue;
#[cfg(any(fuzzing, feature = "__internal"))]
#[doc(hidden)]
pub mod internal;
pub mod operation;
pub mod password;
pub mod password_policy;
mod query;
pub mod response;
pub mod server;
#[cfg(feature = "sigv4")]
#[cfg_attr(docsrs, doc(cfg(feature = "sigv4")))]
pub mod sigv4;
pub mod text;
pub mod timestamp;
pub mod user_name;
mod xml;

pub use client::ClientError;
pub use error_response::{AwsError, ErrorCode, ErrorDetail, ErrorResponse, Fault};
pub use operation::types::*;
pub use operation::{
    Action, Member, MemberError, Operation, Request, RequestError, VERSION, ValidationError, ValueError, ValueRef,
};
pub use password::{Password, PasswordError};
pub use password_policy::PasswordPolicy;
pub use query::{MalformedKind, is_form_content_type};
pub use response::{DecodeError, DecodeResponse, EncodeResponse, LoginProfile};
pub use text::{ErrorMessage, RequestId, TextError};
pub use timestamp::{Timestamp, TimestampError};
pub use user_name::{UserName, UserNameError};
pub use xml::{DEFAULT_MAX_DEPTH, DecodeOptions, SyntaxError, XmlError};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
