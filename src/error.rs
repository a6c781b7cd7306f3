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
//! skipped (moto's lower-case `<message>`, `<Detail/>`, nested structures; spec §4, §7.3),
//! and the EC2-style `<Response><Errors><Error>…</Error></Errors><RequestID>…</RequestID></Response>`
//! that botocore also accepts (spec §3.1). Encoding writes the first, as IAM does.

use std::borrow::Cow;
use std::fmt;

use crate::response::{RESPONSE_CONTENT_TYPE, RequestId, XML_NAMESPACE};
use crate::xml::{self, Cursor, DecodeOptions, Document, Fail, Tokens, XmlError, set_once};

xml::xml_string!(
    /// The human-readable `Message` of an error.
    ErrorMessage,
    "error message"
);

/// Who is at fault, the `Type` of an error: the caller (`Sender`) or AWS (`Receiver`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ErrorType {
    /// The request was at fault (4xx).
    Sender,
    /// The service was at fault (5xx).
    Receiver,
}

impl ErrorType {
    /// The wire form, `Sender` or `Receiver`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Sender => "Sender",
            ErrorType::Receiver => "Receiver",
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error `Code`: an open set. The codes IAM documents are named constants that
/// know their HTTP status and fault; any other code is kept and round-trips unchanged.
///
/// ```
/// use iam_login_profile::{ErrorCode, ErrorType};
///
/// assert_eq!(ErrorCode::NO_SUCH_ENTITY.http_status(), 404);
/// assert_eq!(ErrorCode::SERVICE_FAILURE.fault(), ErrorType::Receiver);
/// assert!(ErrorCode::THROTTLING.is_retryable());
/// let other = ErrorCode::new("SomethingNew").unwrap();
/// assert_eq!((other.as_str(), other.http_status(), other.is_known()), ("SomethingNew", 400, false));
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ErrorCode<'a>(Cow<'a, str>);

/// The known codes: (code, HTTP status, fault, retryable).
///
/// Statuses from the model (spec §1.3) and IAM's common errors (spec §5.2);
/// retryable as botocore and aws-smithy-runtime classify them (throttling codes,
/// and transient server-side codes).
const KNOWN: &[(&str, u16, ErrorType, bool)] = &[
    ("NoSuchEntity", 404, ErrorType::Sender, false),
    ("ServiceFailure", 500, ErrorType::Receiver, true),
    ("AccessDenied", 403, ErrorType::Sender, false),
    ("AccessDeniedException", 403, ErrorType::Sender, false),
    ("ExpiredToken", 403, ErrorType::Sender, false),
    ("ExpiredTokenException", 403, ErrorType::Sender, false),
    ("IncompleteSignature", 400, ErrorType::Sender, false),
    ("InternalFailure", 500, ErrorType::Receiver, true),
    ("InvalidAction", 400, ErrorType::Sender, false),
    ("InvalidClientTokenId", 403, ErrorType::Sender, false),
    ("InvalidParameterCombination", 400, ErrorType::Sender, false),
    ("InvalidParameterValue", 400, ErrorType::Sender, false),
    ("InvalidQueryParameter", 400, ErrorType::Sender, false),
    ("MalformedQueryString", 404, ErrorType::Sender, false),
    ("MissingAction", 400, ErrorType::Sender, false),
    ("MissingAuthenticationToken", 403, ErrorType::Sender, false),
    ("MissingParameter", 400, ErrorType::Sender, false),
    ("NotAuthorized", 400, ErrorType::Sender, false),
    ("OptInRequired", 403, ErrorType::Sender, false),
    ("RequestAbortedException", 400, ErrorType::Sender, false),
    ("RequestEntityTooLargeException", 413, ErrorType::Sender, false),
    ("RequestExpired", 400, ErrorType::Sender, false),
    ("RequestTimeoutException", 408, ErrorType::Sender, true),
    ("ServiceUnavailable", 503, ErrorType::Receiver, true),
    ("SignatureDoesNotMatch", 403, ErrorType::Sender, false),
    ("Throttling", 400, ErrorType::Sender, true),
    ("ThrottlingException", 400, ErrorType::Sender, true),
    ("UnrecognizedClientException", 403, ErrorType::Sender, false),
    ("UnknownOperationException", 404, ErrorType::Sender, false),
    ("ValidationError", 400, ErrorType::Sender, false),
];

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $code:literal;)*) => {
        impl ErrorCode<'static> {
            $($(#[$doc])* pub const $name: ErrorCode<'static> = ErrorCode(Cow::Borrowed($code));)*
        }
    };
}

codes! {
    /// `NoSuchEntity` (404, Sender): the user does not exist or has no password.
    NO_SUCH_ENTITY = "NoSuchEntity";
    /// `ServiceFailure` (500, Receiver): IAM failed.
    SERVICE_FAILURE = "ServiceFailure";
    /// `AccessDenied` (403): what IAM really sends for an authorization failure (spec §5.1).
    ACCESS_DENIED = "AccessDenied";
    /// `AccessDeniedException` (403), the documented common-error name.
    ACCESS_DENIED_EXCEPTION = "AccessDeniedException";
    /// `ExpiredToken` (403).
    EXPIRED_TOKEN = "ExpiredToken";
    /// `ExpiredTokenException` (403).
    EXPIRED_TOKEN_EXCEPTION = "ExpiredTokenException";
    /// `IncompleteSignature` (400).
    INCOMPLETE_SIGNATURE = "IncompleteSignature";
    /// `InternalFailure` (500).
    INTERNAL_FAILURE = "InternalFailure";
    /// `InvalidAction` (400): the action or version is not one the service has.
    INVALID_ACTION = "InvalidAction";
    /// `InvalidClientTokenId` (403).
    INVALID_CLIENT_TOKEN_ID = "InvalidClientTokenId";
    /// `InvalidParameterCombination` (400).
    INVALID_PARAMETER_COMBINATION = "InvalidParameterCombination";
    /// `InvalidParameterValue` (400).
    INVALID_PARAMETER_VALUE = "InvalidParameterValue";
    /// `InvalidQueryParameter` (400).
    INVALID_QUERY_PARAMETER = "InvalidQueryParameter";
    /// `MalformedQueryString` (404, as IAM documents it).
    MALFORMED_QUERY_STRING = "MalformedQueryString";
    /// `MissingAction` (400).
    MISSING_ACTION = "MissingAction";
    /// `MissingAuthenticationToken` (403).
    MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";
    /// `MissingParameter` (400).
    MISSING_PARAMETER = "MissingParameter";
    /// `NotAuthorized` (400).
    NOT_AUTHORIZED = "NotAuthorized";
    /// `OptInRequired` (403).
    OPT_IN_REQUIRED = "OptInRequired";
    /// `RequestAbortedException` (400).
    REQUEST_ABORTED_EXCEPTION = "RequestAbortedException";
    /// `RequestEntityTooLargeException` (413).
    REQUEST_ENTITY_TOO_LARGE_EXCEPTION = "RequestEntityTooLargeException";
    /// `RequestExpired` (400).
    REQUEST_EXPIRED = "RequestExpired";
    /// `RequestTimeoutException` (408).
    REQUEST_TIMEOUT_EXCEPTION = "RequestTimeoutException";
    /// `ServiceUnavailable` (503).
    SERVICE_UNAVAILABLE = "ServiceUnavailable";
    /// `SignatureDoesNotMatch` (403).
    SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";
    /// `Throttling` (400): what IAM sends when rate-limited.
    THROTTLING = "Throttling";
    /// `ThrottlingException` (400), the documented common-error name.
    THROTTLING_EXCEPTION = "ThrottlingException";
    /// `UnrecognizedClientException` (403).
    UNRECOGNIZED_CLIENT_EXCEPTION = "UnrecognizedClientException";
    /// `UnknownOperationException` (404).
    UNKNOWN_OPERATION_EXCEPTION = "UnknownOperationException";
    /// `ValidationError` (400): a parameter breaks its constraints.
    VALIDATION_ERROR = "ValidationError";
}

impl<'a> ErrorCode<'a> {
    /// Wraps a code: any non-empty text XML can carry.
    pub fn new(code: impl Into<Cow<'a, str>>) -> Result<Self, crate::TextError> {
        let code = code.into();
        if code.is_empty() {
            return Err(crate::TextError {
                what: "error code",
                illegal: None,
            });
        }
        xml::check_text(&code).map_err(|found| crate::TextError {
            what: "error code",
            illegal: Some(found),
        })?;
        Ok(ErrorCode(code))
    }

    /// The code as on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn known(&self) -> Option<&'static (&'static str, u16, ErrorType, bool)> {
        KNOWN.iter().find(|k| k.0 == self.0)
    }

    /// Is this one of the codes named by a constant?
    pub fn is_known(&self) -> bool {
        self.known().is_some()
    }

    /// The HTTP status IAM sends with this code; 400 for an unknown code.
    pub fn http_status(&self) -> u16 {
        self.known().map_or(400, |k| k.1)
    }

    /// Who is at fault; `Sender` for an unknown code.
    pub fn fault(&self) -> ErrorType {
        self.known().map_or(ErrorType::Sender, |k| k.2)
    }

    /// Should a client retry? Throttling and transient server-side codes, as the SDKs
    /// classify them. For an unknown code this only knows the code: see
    /// [`crate::client::is_retryable_status`] for the status-based rule.
    pub fn is_retryable(&self) -> bool {
        self.known().is_some_and(|k| k.3)
    }

    /// Detaches the code from the input it was decoded from.
    pub fn into_owned(self) -> ErrorCode<'static> {
        ErrorCode(Cow::Owned(self.0.into_owned()))
    }
}

impl fmt::Display for ErrorCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ErrorCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorCode({:?})", &*self.0)
    }
}

impl serde::Serialize for ErrorCode<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de, 'a> serde::Deserialize<'de> for ErrorCode<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ErrorCode::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for ErrorCode<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        if u.arbitrary()? {
            return Ok(ErrorCode(Cow::Borrowed(u.choose(KNOWN)?.0)));
        }
        let s: String = u.arbitrary()?;
        let mut s: String = s.chars().filter(|&c| xml::is_xml_char(c)).collect();
        if s.is_empty() {
            s.push('X');
        }
        Ok(ErrorCode(Cow::Owned(s)))
    }
}

/// The `Error` element: type, code and message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ErrorDetail<'a> {
    /// `Sender` or `Receiver`; `None` when the peer omits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<ErrorType>,
    /// The error code.
    pub code: ErrorCode<'a>,
    /// The message; `None` when the peer omits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<ErrorMessage<'a>>,
}

/// An error response: what a server sends instead of the result, and what a client
/// gets back. Serde gives boto3's shape: `{"Error": {"Type", "Code", "Message"}, "RequestId"}`.
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorResponse<'a> {
    /// The error.
    #[serde(rename = "Error")]
    pub error: ErrorDetail<'a>,
    /// The request id; `None` when the peer omits it.
    #[serde(rename = "RequestId", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestId<'a>>,
}

impl<'a> ErrorResponse<'a> {
    /// An error with the code's own fault as `Type`.
    pub fn new(code: ErrorCode<'a>, message: Option<ErrorMessage<'a>>, request_id: Option<RequestId<'a>>) -> Self {
        let fault = code.fault();
        ErrorResponse {
            error: ErrorDetail {
                r#type: Some(fault),
                code,
                message,
            },
            request_id,
        }
    }

    /// The HTTP status to send (or that IAM sends) with this error.
    pub fn http_status(&self) -> u16 {
        self.error.code.http_status()
    }

    /// The `Content-Type` to send with the body.
    pub fn content_type(&self) -> &'static str {
        RESPONSE_CONTENT_TYPE
    }

    /// Decodes an error body with the default [`DecodeOptions`].
    pub fn decode(input: &'a [u8]) -> Result<Self, XmlError> {
        Self::decode_with(input, &DecodeOptions::new())
    }

    /// Decodes an error body (`ErrorResponse` or the EC2-style `Response`).
    pub fn decode_with(input: &'a [u8], options: &DecodeOptions) -> Result<Self, XmlError> {
        xml::decode(input, options)
    }

    /// Decodes on the general (`quick-xml`) path only; see
    /// [`GetLoginProfileResponse::decode_general`](crate::GetLoginProfileResponse::decode_general).
    #[doc(hidden)]
    pub fn decode_general(input: &'a [u8], options: &DecodeOptions) -> Result<Self, XmlError> {
        xml::decode_general(input, options)
    }

    /// Appends the XML IAM sends (namespace, 2-space indentation, final newline).
    pub fn encode(&self, out: &mut String) {
        out.push_str("<ErrorResponse xmlns=\"");
        out.push_str(XML_NAMESPACE);
        out.push_str("\">\n  <Error>\n");
        if let Some(t) = self.error.r#type {
            out.push_str(match t {
                ErrorType::Sender => "    <Type>Sender</Type>\n",
                ErrorType::Receiver => "    <Type>Receiver</Type>\n",
            });
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
                r#type: self.error.r#type,
                code: self.error.code.into_owned(),
                message: self.error.message.map(ErrorMessage::into_owned),
            },
            request_id: self.request_id.map(RequestId::into_owned),
        }
    }
}

impl fmt::Display for ErrorResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error.code)?;
        if let Some(m) = &self.error.message {
            write!(f, ": {m}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ErrorResponse<'_> {}

const ROOT: &str = "ErrorResponse";
const EC2_ROOT: &str = "Response";
const ERROR: &str = "Error";
const ERRORS: &str = "Errors";

impl<'a> Document<'a> for ErrorResponse<'a> {
    fn read<T: Tokens<'a>>(c: &mut Cursor<T>) -> Result<Self, Fail> {
        let root = c.root(ROOT)?;
        let (parent, id_name) = match root {
            ROOT => (ROOT, "RequestId"),
            EC2_ROOT => (EC2_ROOT, "RequestID"),
            other => {
                return Err(XmlError::UnexpectedRoot {
                    expected: ROOT,
                    found: other.to_owned(),
                }
                .into());
            }
        };
        let mut error = None;
        let mut request_id = None;
        while let Some((name, offset)) = c.next_child()? {
            if name == ERROR && parent == ROOT {
                let e = read_error(c)?;
                set_once(&mut error, e, ERROR, parent, offset)?;
            } else if name == ERRORS && parent == EC2_ROOT {
                while let Some((name, offset)) = c.next_child()? {
                    if name == ERROR {
                        let e = read_error(c)?;
                        set_once(&mut error, e, ERROR, ERRORS, offset)?;
                    } else {
                        c.skip()?;
                    }
                }
            } else if name == id_name || (parent == EC2_ROOT && name == "RequestId") {
                // botocore reads `RequestId` as the id in the EC2 shape too (spec §3.3).
                let element = id_name_static(name);
                let id = RequestId(c.text(element)?);
                set_once(&mut request_id, id, element, parent, offset)?;
            } else {
                c.skip()?;
            }
        }
        c.finish()?;
        let error = error.ok_or(XmlError::Missing {
            element: ERROR,
            parent: if parent == ROOT { ROOT } else { ERRORS },
        })?;
        Ok(ErrorResponse { error, request_id })
    }
}

fn id_name_static(name: &str) -> &'static str {
    if name == "RequestId" { "RequestId" } else { "RequestID" }
}

fn read_error<'a, T: Tokens<'a>>(c: &mut Cursor<T>) -> Result<ErrorDetail<'a>, Fail> {
    let mut r#type = None;
    let mut code: Option<Cow<'a, str>> = None;
    let mut message = None;
    while let Some((name, offset)) = c.next_child()? {
        match name {
            "Type" => {
                let text = c.text("Type")?;
                let t = match &*text {
                    "Sender" => ErrorType::Sender,
                    "Receiver" => ErrorType::Receiver,
                    other => {
                        return Err(XmlError::InvalidErrorType {
                            found: other.to_owned(),
                        }
                        .into());
                    }
                };
                set_once(&mut r#type, t, "Type", ERROR, offset)?;
            }
            "Code" => set_once(&mut code, c.text("Code")?, "Code", ERROR, offset)?,
            "Message" => set_once(&mut message, ErrorMessage(c.text("Message")?), "Message", ERROR, offset)?,
            _ => c.skip()?,
        }
    }
    let code = code.ok_or(XmlError::Missing {
        element: "Code",
        parent: ERROR,
    })?;
    if code.is_empty() {
        return Err(XmlError::EmptyCode.into());
    }
    Ok(ErrorDetail {
        r#type,
        code: ErrorCode(code),
        message,
    })
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for ErrorDetail<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(ErrorDetail {
            r#type: u.arbitrary()?,
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
