//! The error response: `ErrorResponse` XML, both directions, and the error codes.
//!
//! ```xml
//! <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
//!   <Error>
//!     <Type>Sender</Type>
//!     <Code>NoSuchEntity</Code>
//!     <Message>The user with name Bob cannot be found.</Message>
//!   </Error>
//!   <RequestId>4ba3b2a7-…</RequestId>
//! </ErrorResponse>
//! ```
//!
//! Decoding takes that awsQuery shape with `Error` children in any order and extras
//! skipped (moto's lower-case `<message>`, `<Detail/>`, nested structures; docs/protocol.md §4, §7.3),
//! and the EC2-style `<Response><Errors><Error>…</Error></Errors><RequestID>…</RequestID></Response>`
//! that botocore also accepts (docs/protocol.md §3.1). Encoding writes the first, as IAM does.

use std::borrow::Cow;
use std::fmt;

use crate::operation::ValueError;
use crate::response::{DecodeError, XML_NAMESPACE};
use crate::text::{ErrorMessage, RequestId};
use crate::xml::{self, Cursor, DecodeOptions, Document, Fail, Tokens, XmlError, required, set_once};

crate::text::xml_string!(
/// Who is at fault, the `Type` of an error: the caller (`Sender`) or AWS (`Receiver`).
///
/// An open set like [`ErrorCode`]: Smithy's awsQuery model says the `Type` "can be
/// ignored", so a value other than the two IAM sends is kept as given rather than
/// refused, and the error's code still reaches the caller.
///
/// ```
/// use iam_login_profile::{ErrorCode, Fault};
///
/// assert_eq!(ErrorCode::SERVICE_FAILURE.fault(), Fault::RECEIVER);
/// assert_eq!(Fault::SENDER, "Sender");
/// let other: Fault = "Fault".parse().unwrap();
/// assert!(!other.is_sender() && !other.is_receiver());
/// ```
    Fault,
    "fault",
    non_empty = false
);

impl Fault<'static> {
    /// `Sender`: the request was at fault (4xx).
    pub const SENDER: Fault<'static> = Fault::from_static("Sender");
    /// `Receiver`: the service was at fault (5xx).
    pub const RECEIVER: Fault<'static> = Fault::from_static("Receiver");
}

impl Fault<'_> {
    /// Is this `Sender`?
    pub fn is_sender(&self) -> bool {
        self.as_str() == "Sender"
    }

    /// Is this `Receiver`?
    pub fn is_receiver(&self) -> bool {
        self.as_str() == "Receiver"
    }
}

crate::text::xml_string!(
    /// An error `Code`: an open set. The codes IAM documents are named constants that
    /// know their HTTP status and fault; any other code is kept and round-trips unchanged.
    ///
    /// ```
    /// use iam_login_profile::{ErrorCode, Fault};
    ///
    /// assert_eq!(ErrorCode::NO_SUCH_ENTITY.http_status(), 404);
    /// assert_eq!(ErrorCode::SERVICE_FAILURE.fault(), Fault::RECEIVER);
    /// assert!(ErrorCode::THROTTLING.is_retryable());
    /// let other: ErrorCode = "SomethingNew".parse().unwrap();
    /// assert_eq!((other.as_str(), other.http_status(), other.is_known()), ("SomethingNew", 400, false));
    /// assert_eq!(ErrorCode::from_static("NoSuchEntity"), ErrorCode::NO_SUCH_ENTITY);
    /// ```
    ErrorCode,
    "error code",
    non_empty = true
);

/// The one list of known codes: each line gives the constant, the wire code, the HTTP
/// status IAM sends with it, the fault, whether the SDKs retry it, and its docs. The
/// constants, the lookup and their documentation are all written from it.
///
/// Statuses and faults from IAM's service model and its common errors (docs/protocol.md
/// §1.3, §5.2, §13); retryable as botocore and aws-smithy-runtime classify them.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $status:literal, $fault:ident, $retry:literal;)*) => {
        impl ErrorCode<'static> {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\n`", $code, "`: HTTP ", stringify!($status), ", ", stringify!($fault),
                    ", retryable: ", stringify!($retry), ".")]
                pub const $name: ErrorCode<'static> = ErrorCode::from_static($code);
            )*
        }

        /// (HTTP status, fault, retryable) of a known code.
        fn lookup(code: &str) -> Option<(u16, Fault<'static>, bool)> {
            match code {
                $($code => Some(($status, Fault::$fault, $retry)),)*
                _ => None,
            }
        }

    };
}

error_codes! {
    /// The user does not exist or has no password.
    NO_SUCH_ENTITY = "NoSuchEntity", 404, SENDER, false;
    /// IAM failed.
    SERVICE_FAILURE = "ServiceFailure", 500, RECEIVER, true;
    /// The entity exists already (Create twice).
    ENTITY_ALREADY_EXISTS = "EntityAlreadyExists", 409, SENDER, false;
    /// The password breaks the account's password policy.
    PASSWORD_POLICY_VIOLATION = "PasswordPolicyViolation", 400, SENDER, false;
    /// Too many attempts to change the entity.
    LIMIT_EXCEEDED = "LimitExceeded", 409, SENDER, false;
    /// The entity is being changed and cannot be changed now (retry later).
    ENTITY_TEMPORARILY_UNMODIFIABLE = "EntityTemporarilyUnmodifiable", 409, SENDER, false;
    /// The entity cannot be deleted while something depends on it (a user with a login profile).
    DELETE_CONFLICT = "DeleteConflict", 409, SENDER, false;
    /// The caller is not of the type the operation needs (`ChangePassword` by the root user).
    INVALID_USER_TYPE = "InvalidUserType", 400, SENDER, false;
    /// A policy document that is not valid (declared by `UpdateAccountPasswordPolicy`).
    MALFORMED_POLICY_DOCUMENT = "MalformedPolicyDocument", 400, SENDER, false;
    /// What IAM really sends for an authorization failure (docs/protocol.md §5.1).
    ACCESS_DENIED = "AccessDenied", 403, SENDER, false;
    /// The documented common-error name for an authorization failure.
    ACCESS_DENIED_EXCEPTION = "AccessDeniedException", 403, SENDER, false;
    /// The security token has expired.
    EXPIRED_TOKEN = "ExpiredToken", 403, SENDER, false;
    /// The security token has expired (the documented common-error name).
    EXPIRED_TOKEN_EXCEPTION = "ExpiredTokenException", 403, SENDER, false;
    /// The `Authorization` header is malformed or incomplete.
    INCOMPLETE_SIGNATURE = "IncompleteSignature", 400, SENDER, false;
    /// An unknown internal failure.
    INTERNAL_FAILURE = "InternalFailure", 500, RECEIVER, true;
    /// The action or version is not one the service has.
    INVALID_ACTION = "InvalidAction", 400, SENDER, false;
    /// The access key id is not known.
    INVALID_CLIENT_TOKEN_ID = "InvalidClientTokenId", 403, SENDER, false;
    /// Parameters that cannot be used together.
    INVALID_PARAMETER_COMBINATION = "InvalidParameterCombination", 400, SENDER, false;
    /// A parameter value that is not valid.
    INVALID_PARAMETER_VALUE = "InvalidParameterValue", 400, SENDER, false;
    /// A query parameter that is not valid (unknown or repeated, in this crate).
    INVALID_QUERY_PARAMETER = "InvalidQueryParameter", 400, SENDER, false;
    /// The query string is malformed (404, as IAM documents it).
    MALFORMED_QUERY_STRING = "MalformedQueryString", 404, SENDER, false;
    /// No `Action` parameter.
    MISSING_ACTION = "MissingAction", 400, SENDER, false;
    /// The request is not signed.
    MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken", 403, SENDER, false;
    /// A required parameter is missing.
    MISSING_PARAMETER = "MissingParameter", 400, SENDER, false;
    /// Not authorized.
    NOT_AUTHORIZED = "NotAuthorized", 400, SENDER, false;
    /// The account is not subscribed to the service.
    OPT_IN_REQUIRED = "OptInRequired", 403, SENDER, false;
    /// The request was aborted.
    REQUEST_ABORTED_EXCEPTION = "RequestAbortedException", 400, SENDER, false;
    /// The request body is too large.
    REQUEST_ENTITY_TOO_LARGE_EXCEPTION = "RequestEntityTooLargeException", 413, SENDER, false;
    /// The request reached the service too long after it was signed.
    REQUEST_EXPIRED = "RequestExpired", 400, SENDER, false;
    /// The request timed out.
    REQUEST_TIMEOUT_EXCEPTION = "RequestTimeoutException", 408, SENDER, true;
    /// The service is unavailable.
    SERVICE_UNAVAILABLE = "ServiceUnavailable", 503, RECEIVER, true;
    /// The signature does not match (or has expired).
    SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch", 403, SENDER, false;
    /// What IAM sends when rate-limited.
    THROTTLING = "Throttling", 400, SENDER, true;
    /// The documented common-error name for rate limiting.
    THROTTLING_EXCEPTION = "ThrottlingException", 400, SENDER, true;
    /// The access key id is not recognised.
    UNRECOGNIZED_CLIENT_EXCEPTION = "UnrecognizedClientException", 403, SENDER, false;
    /// The operation is not known.
    UNKNOWN_OPERATION_EXCEPTION = "UnknownOperationException", 404, SENDER, false;
    /// A parameter breaks its constraints.
    VALIDATION_ERROR = "ValidationError", 400, SENDER, false;
    /// Not an IAM code: what this crate answers for an HTTP method other than `GET` and
    /// `POST` (the status AWS's front ends send for one).
    METHOD_NOT_ALLOWED = "MethodNotAllowed", 405, SENDER, false;
}

impl ErrorCode<'_> {
    /// Is this one of the codes named by a constant?
    pub fn is_known(&self) -> bool {
        lookup(self.as_str()).is_some()
    }

    /// The HTTP status IAM sends with this code; 400 for an unknown code.
    pub fn http_status(&self) -> u16 {
        lookup(self.as_str()).map_or(400, |k| k.0)
    }

    /// Who is at fault; `Sender` for an unknown code.
    pub fn fault(&self) -> Fault<'static> {
        lookup(self.as_str()).map_or(Fault::SENDER, |k| k.1)
    }

    /// Should a client retry? Throttling and transient server-side codes, as the SDKs
    /// classify them. For an unknown code this only knows the code: see
    /// [`crate::client::is_retryable_status`] for the status-based rule.
    pub fn is_retryable(&self) -> bool {
        lookup(self.as_str()).is_some_and(|k| k.2)
    }
}

/// The `Error` element: type, code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "PascalCase"))]
#[non_exhaustive]
pub struct ErrorDetail<'a> {
    /// `Type`: `Sender` or `Receiver` (kept as given when it is something else);
    /// `None` when the peer omits it.
    #[cfg_attr(
        feature = "serde",
        serde(rename = "Type", default, skip_serializing_if = "Option::is_none")
    )]
    pub fault: Option<Fault<'a>>,
    /// The error code.
    pub code: ErrorCode<'a>,
    /// The message; `None` when the peer omits it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub message: Option<ErrorMessage<'a>>,
}

/// An error response: what a server sends instead of the result, and what a client
/// gets back. Serde gives boto3's shape, that of `ClientError.response`:
/// `{"Error": {"Type", "Code", "Message"}, "ResponseMetadata": {"RequestId"}}` (the other
/// members boto3 puts in `ResponseMetadata`, `HTTPStatusCode` and the like, are read and
/// left aside). The request id at the top level, `{"Error": …, "RequestId"}`, is read too.
///
/// ```
/// use iam_login_profile::{ErrorCode, ErrorResponse};
///
/// let xml = std::fs::read("tests/data/moto-get-login-profile-no-user.xml").unwrap();
/// let error = ErrorResponse::decode(&xml).unwrap();
/// assert_eq!(error.error.code, ErrorCode::NO_SUCH_ENTITY);
/// assert_eq!(error.http_status(), 404);
/// assert_eq!(error.error.message.unwrap().as_str(), "The user with name Nobody cannot be found.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ErrorResponseJson<'a>"))]
#[non_exhaustive]
pub struct ErrorResponse<'a> {
    /// The error.
    #[cfg_attr(feature = "serde", serde(rename = "Error"))]
    pub error: ErrorDetail<'a>,
    /// The request id; `None` when the peer omits it.
    #[cfg_attr(
        feature = "serde",
        serde(
            rename = "ResponseMetadata",
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::response::metadata"
        )
    )]
    pub request_id: Option<RequestId<'a>>,
}

/// What [`ErrorResponse`] reads from JSON: boto3's `ResponseMetadata.RequestId`, or the
/// top-level `RequestId` of this crate's earlier JSON.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ErrorResponseJson<'a> {
    #[serde(rename = "Error")]
    error: ErrorDetail<'a>,
    #[serde(rename = "ResponseMetadata", default, with = "crate::response::metadata")]
    metadata: Option<RequestId<'a>>,
    #[serde(rename = "RequestId", default)]
    request_id: Option<RequestId<'a>>,
}

#[cfg(feature = "serde")]
impl<'a> TryFrom<ErrorResponseJson<'a>> for ErrorResponse<'a> {
    type Error = &'static str;

    fn try_from(json: ErrorResponseJson<'a>) -> Result<Self, Self::Error> {
        let request_id = match (json.metadata, json.request_id) {
            (Some(a), Some(b)) if a != b => {
                return Err("two different request ids: `ResponseMetadata.RequestId` and `RequestId`");
            }
            (a, b) => a.or(b),
        };
        Ok(ErrorResponse {
            error: json.error,
            request_id,
        })
    }
}

impl<'a> ErrorResponse<'a> {
    /// An error with the code's own fault as `Type`.
    pub fn new(code: ErrorCode<'a>, message: Option<ErrorMessage<'a>>, request_id: Option<RequestId<'a>>) -> Self {
        let fault = code.fault();
        ErrorResponse {
            error: ErrorDetail {
                fault: Some(fault),
                code,
                message,
            },
            request_id,
        }
    }

    /// `404 NoSuchEntity`: "Login Profile for User {name} cannot be found." — IAM's text
    /// when Get, Update or Delete finds no login profile (docs/protocol.md §13.4).
    ///
    /// ```
    /// use iam_login_profile::{ErrorResponse, UserName};
    ///
    /// let e = ErrorResponse::no_such_login_profile(&UserName::new("Bob").unwrap(), None);
    /// assert_eq!((e.http_status(), e.error.code.as_str()), (404, "NoSuchEntity"));
    /// assert_eq!(e.error.message.unwrap(), "Login Profile for User Bob cannot be found.");
    /// ```
    pub fn no_such_login_profile(user: &crate::UserName<'_>, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::NO_SUCH_ENTITY,
            format!("Login Profile for User {user} cannot be found."),
            request_id,
        )
    }

    /// `404 NoSuchEntity`: "The user with name {name} cannot be found." — IAM's text for a
    /// user that does not exist.
    pub fn no_such_user(user: &crate::UserName<'_>, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::NO_SUCH_ENTITY,
            format!("The user with name {user} cannot be found."),
            request_id,
        )
    }

    /// `409 EntityAlreadyExists`: "Login Profile for user {name} already exists." — IAM's
    /// text for a second `CreateLoginProfile`.
    pub fn login_profile_already_exists(user: &crate::UserName<'_>, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::ENTITY_ALREADY_EXISTS,
            format!("Login Profile for user {user} already exists."),
            request_id,
        )
    }

    /// `409 DeleteConflict`: "Cannot delete entity, must delete login profile first." —
    /// IAM's text for `DeleteUser` while the user has a login profile.
    pub fn delete_conflict_login_profile(request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::DELETE_CONFLICT,
            "Cannot delete entity, must delete login profile first.".to_owned(),
            request_id,
        )
    }

    /// `404 NoSuchEntity` for `GetAccountPasswordPolicy` when the account has no policy:
    /// "The Password Policy with domain name {account id} cannot be found." (IAM's text).
    ///
    /// ```
    /// use iam_login_profile::ErrorResponse;
    ///
    /// let e = ErrorResponse::no_password_policy("123456789012", None);
    /// assert_eq!(e.http_status(), 404);
    /// assert_eq!(e.error.message.unwrap(), "The Password Policy with domain name 123456789012 cannot be found.");
    /// ```
    pub fn no_password_policy(account_id: &str, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::NO_SUCH_ENTITY,
            format!(
                "The Password Policy with domain name {} cannot be found.",
                crate::text::Escaped(account_id)
            ),
            request_id,
        )
    }

    /// `404 NoSuchEntity` for `DeleteAccountPasswordPolicy` when the account has no policy:
    /// "The account policy with name PasswordPolicy cannot be found." (IAM's text).
    pub fn no_password_policy_to_delete(request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::NO_SUCH_ENTITY,
            "The account policy with name PasswordPolicy cannot be found.".to_owned(),
            request_id,
        )
    }

    /// `400 PasswordPolicyViolation` with the policy's explanation (IAM writes, e.g.,
    /// "Password should meet 1 more of the following requirements: …").
    pub fn password_policy_violation(message: &str, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(ErrorCode::PASSWORD_POLICY_VIOLATION, message.to_owned(), request_id)
    }

    /// `409 EntityTemporarilyUnmodifiable`: the entity is being changed; retry later.
    pub fn entity_temporarily_unmodifiable(message: &str, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::ENTITY_TEMPORARILY_UNMODIFIABLE,
            message.to_owned(),
            request_id,
        )
    }

    /// `409 LimitExceeded`: too many attempts to change the entity.
    pub fn limit_exceeded(message: &str, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(ErrorCode::LIMIT_EXCEEDED, message.to_owned(), request_id)
    }

    fn with_message(code: ErrorCode<'static>, message: String, request_id: Option<RequestId<'a>>) -> Self {
        ErrorResponse::new(code, Some(ErrorMessage::new_escaped(&message)), request_id)
    }

    /// `400 InvalidAction`: "Could not find operation {action} for version 2010-05-08." —
    /// what IAM answers for an action it does not have, and so what a server answers for
    /// an operation of the table it does not serve: to the client it is a service without
    /// that operation.
    ///
    /// ```
    /// use iam_login_profile::{Action, ErrorResponse};
    ///
    /// let e = ErrorResponse::invalid_action(Action::DeleteLoginProfile, None);
    /// assert_eq!((e.http_status(), e.code().as_str()), (400, "InvalidAction"));
    /// assert_eq!(e.message(), Some("Could not find operation DeleteLoginProfile for version 2010-05-08"));
    /// ```
    pub fn invalid_action(action: crate::Action, request_id: Option<RequestId<'a>>) -> Self {
        Self::with_message(
            ErrorCode::INVALID_ACTION,
            format!("Could not find operation {action} for version {}", crate::VERSION),
            request_id,
        )
    }

    /// The error code.
    pub fn code(&self) -> &ErrorCode<'a> {
        &self.error.code
    }

    /// The message, when there is one.
    pub fn message(&self) -> Option<&str> {
        self.error.message.as_ref().map(|m| m.as_str())
    }

    /// The HTTP status to send (or that IAM sends) with this error.
    pub fn http_status(&self) -> u16 {
        self.error.code.http_status()
    }

    /// The `Content-Type` to send with the body, `text/xml` as IAM sends.
    pub const CONTENT_TYPE: &'static str = "text/xml";

    /// Decodes an error body with the default [`DecodeOptions`].
    ///
    /// # Errors
    ///
    /// As [`ErrorResponse::decode_with`].
    pub fn decode(input: &'a [u8]) -> Result<Self, DecodeError> {
        Self::decode_with(input, &DecodeOptions::new())
    }

    /// Decodes an error body (`ErrorResponse` or the EC2-style `Response`).
    ///
    /// # Errors
    ///
    /// [`DecodeError::Xml`] for a body that is not well-formed XML, has another root, is
    /// deeper than `options` allow, or misses or repeats a member;
    /// [`DecodeError::InvalidMember`] for a member whose text is not a valid value.
    ///
    /// ```
    /// use iam_login_profile::{DecodeError, DecodeOptions, ErrorResponse, XmlError};
    ///
    /// let options = DecodeOptions::new().with_max_depth(2);
    /// assert_eq!(options.max_depth(), 2);
    /// let err = ErrorResponse::decode_with(b"<ErrorResponse><a><b/></a></ErrorResponse>", &options).unwrap_err();
    /// assert!(matches!(err, DecodeError::Xml(XmlError::TooDeep { limit: 2, .. })));
    /// ```
    pub fn decode_with(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
        xml::decode(input, options, &ErrorDocument)?.check()
    }

    /// Appends the XML IAM sends (namespace, 2-space indentation, final newline).
    pub fn encode(&self, out: &mut String) {
        out.push_str("<ErrorResponse xmlns=\"");
        out.push_str(XML_NAMESPACE);
        out.push_str("\">\n  <Error>\n");
        if let Some(fault) = &self.error.fault {
            xml::element(out, "    ", "Type", fault.as_str());
        }
        xml::element(out, "    ", "Code", self.error.code.as_str());
        if let Some(m) = &self.error.message {
            xml::element(out, "    ", "Message", m.as_str());
        }
        out.push_str("  </Error>\n");
        if let Some(id) = &self.request_id {
            xml::element(out, "  ", "RequestId", id.as_str());
        }
        out.push_str("</ErrorResponse>\n");
    }

    /// The XML, as a new `String`.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(512);
        self.encode(&mut out);
        out
    }

    /// Detaches the error from the input it was decoded from.
    pub fn into_owned(self) -> ErrorResponse<'static> {
        ErrorResponse {
            error: ErrorDetail {
                fault: self.error.fault.map(Fault::into_owned),
                code: self.error.code.into_owned(),
                message: self.error.message.map(ErrorMessage::into_owned),
            },
            request_id: self.request_id.map(RequestId::into_owned),
        }
    }
}

impl fmt::Display for ErrorResponse<'_> {
    /// `Code: Message (request id …)`, with control characters escaped and each part cut
    /// short: the text came from the peer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::text::escape_into(f, self.error.code.as_str(), 128)?;
        if let Some(m) = &self.error.message {
            f.write_str(": ")?;
            crate::text::escape_into(f, m.as_str(), 512)?;
        }
        if let Some(id) = &self.request_id {
            f.write_str(" (request id ")?;
            crate::text::escape_into(f, id.as_str(), 128)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for ErrorResponse<'_> {}

impl AwsError for ErrorResponse<'_> {
    fn code(&self) -> ErrorCode<'_> {
        self.error.code.clone()
    }

    fn message(&self) -> Option<Cow<'_, str>> {
        ErrorResponse::message(self).map(Cow::Borrowed)
    }

    fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        let mut response = self.clone().into_owned();
        if let Some(id) = request_id {
            response.request_id = Some(id.into_owned());
        }
        response
    }
}

/// An error that becomes an AWS error response: its code, message and HTTP status, and
/// the response a server sends for it. Every error of the crate that a server answers
/// with implements it ([`RequestError`](crate::RequestError), [`ErrorResponse`], and the
/// SigV4 verifier's error), so [`Reply::error`](crate::server::Reply::error) takes any.
pub trait AwsError: std::error::Error {
    /// The AWS error code.
    fn code(&self) -> ErrorCode<'_>;

    /// The AWS error message, when there is one.
    fn message(&self) -> Option<Cow<'_, str>>;

    /// The HTTP status: the code's.
    fn http_status(&self) -> u16 {
        self.code().http_status()
    }

    /// The whole error response a server sends back, `Type` and status included, with
    /// `request_id` (an error response that carries its own keeps it when `None`).
    fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        // The message may quote decoded input, which is UTF-8 but may hold characters XML
        // cannot carry; those are written as `\u{..}` escapes rather than dropped.
        let message = self.message().map(|m| ErrorMessage::new_escaped(&m));
        ErrorResponse::new(self.code().into_owned(), message, request_id.map(RequestId::into_owned))
    }
}

const ROOT: &str = "ErrorResponse";
const EC2_ROOT: &str = "Response";
const ERROR: &str = "Error";
const ERRORS: &str = "Errors";

impl<'a> ErrorResponse<'a> {
    /// The error as read, with its values checked: a `Code` may not be empty.
    pub(crate) fn check(self) -> Result<Self, DecodeError> {
        if self.error.code.as_str().is_empty() {
            return Err(DecodeError::invalid("Code", ERROR, ValueError::Empty));
        }
        Ok(self)
    }
}

/// The description of the error document, both shapes.
pub(crate) struct ErrorDocument;

impl<'a> Document<'a> for ErrorDocument {
    type Output = ErrorResponse<'a>;

    fn namespace(&self) -> xml::Namespace {
        crate::response::NAMESPACE
    }

    fn read<T: Tokens<'a>>(&self, c: &mut Cursor<T>) -> Result<Self::Output, Fail> {
        let (parent, id_name) = match c.root(&[ROOT, EC2_ROOT])? {
            (0, _) => (ROOT, "RequestId"),
            (1, _) => (EC2_ROOT, "RequestID"),
            (_, other) => {
                return Err(XmlError::UnexpectedRoot {
                    expected: ROOT,
                    found: other.to_owned(),
                }
                .into());
            }
        };
        let mut error = None;
        let mut request_id = None;
        const CHILDREN: [&str; 4] = [ERROR, ERRORS, "RequestId", "RequestID"];
        while let Some((child, offset)) = c.next_member(&CHILDREN)? {
            if child == 0 && parent == ROOT {
                let e = read_error(c)?;
                set_once(&mut error, e, ERROR, parent, offset)?;
            } else if child == 1 && parent == EC2_ROOT {
                while let Some((child, offset)) = c.next_member(&[ERROR])? {
                    if child == 0 {
                        let e = read_error(c)?;
                        set_once(&mut error, e, ERROR, ERRORS, offset)?;
                    } else {
                        c.skip()?;
                    }
                }
            } else if (child == 2 || child == 3) && (CHILDREN[child] == id_name || parent == EC2_ROOT) {
                // botocore reads `RequestId` as the id in the EC2 shape too (docs/protocol.md §3.3).
                let element = CHILDREN[child];
                let id = RequestId(c.text(element)?);
                set_once(&mut request_id, id, element, parent, offset)?;
            } else {
                c.skip()?;
            }
        }
        c.finish()?;
        let error = required(error, ERROR, if parent == ROOT { ROOT } else { ERRORS })?;
        Ok(ErrorResponse { error, request_id })
    }
}

fn read_error<'a, T: Tokens<'a>>(c: &mut Cursor<T>) -> Result<ErrorDetail<'a>, Fail> {
    let mut fault = None;
    let mut code: Option<Cow<'a, str>> = None;
    let mut message = None;
    while let Some((member, offset)) = c.next_member(&["Type", "Code", "Message"])? {
        match member {
            0 => set_once(&mut fault, Fault(c.text("Type")?), "Type", ERROR, offset)?,
            1 => set_once(&mut code, c.text("Code")?, "Code", ERROR, offset)?,
            2 => set_once(&mut message, ErrorMessage(c.text("Message")?), "Message", ERROR, offset)?,
            _ => c.skip()?,
        }
    }
    let code = required(code, "Code", ERROR)?;
    Ok(ErrorDetail {
        fault,
        code: ErrorCode(code),
        message,
    })
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for ErrorDetail<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(ErrorDetail {
            fault: u.arbitrary()?,
            code: u.arbitrary()?,
            message: u.arbitrary()?,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for ErrorResponse<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(ErrorResponse {
            error: u.arbitrary()?,
            request_id: u.arbitrary()?,
        })
    }
}
