//! Why a request could not be decoded, and the AWS error a server answers with.

use std::borrow::Cow;
use std::fmt;

use super::value::ValueError;
use super::{Action, Member, VERSION};
use crate::error_response::{AwsError, ErrorCode, ErrorResponse};
use crate::query::{Malformed, MalformedKind};
use crate::text::{Escaped, RequestId};

/// One member that breaks its constraints: which member (from the table of operations),
/// and what is wrong with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemberError {
    /// A required member is absent (`UserName` of `UpdateLoginProfile`).
    Missing {
        /// The member.
        member: Member,
    },
    /// The member's value is not valid for its type.
    Invalid {
        /// The member.
        member: Member,
        /// What is wrong with the value.
        error: ValueError,
    },
}

impl MemberError {
    /// The member.
    pub fn member(&self) -> Member {
        match self {
            MemberError::Missing { member } | MemberError::Invalid { member, .. } => *member,
        }
    }

    /// One clause per broken constraint, as IAM writes them.
    fn clauses(&self, out: &mut Vec<String>) {
        match self {
            MemberError::Invalid { member, error } => error.clauses(member.message_name(), out),
            MemberError::Missing { member } => out.push(format!(
                "Value null at '{}' failed to satisfy constraint: Member must not be null",
                member.message_name()
            )),
        }
    }
}

impl fmt::Display for MemberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberError::Invalid { member, error } => write!(f, "member `{}`: {error}", member.message_name()),
            MemberError::Missing { member } => write!(f, "missing required member `{}`", member.message_name()),
        }
    }
}

/// Every member of a request that breaks its constraints: IAM's `ValidationError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub(crate) errors: Vec<MemberError>,
}

impl ValidationError {
    /// The members' errors, in the model's member order.
    pub fn errors(&self) -> &[MemberError] {
        &self.errors
    }

    /// The message IAM sends: `1 validation error detected: Value 'bad name' at
    /// 'userName' failed to satisfy constraint: …`, or `N validation errors detected: …; …`.
    pub fn message(&self) -> String {
        let mut clauses = Vec::with_capacity(2);
        for e in &self.errors {
            e.clauses(&mut clauses);
        }
        let count = clauses.len();
        let noun = if count == 1 { "error" } else { "errors" };
        format!("{count} validation {noun} detected: {}", clauses.join("; "))
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            e.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Why a request could not be decoded, and what a server should answer
/// ([`RequestError::to_error_response`]).
///
/// Its `Display` is for logs: what it shows of the input is escaped and cut short. The
/// full values are in the fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// No `Action` parameter.
    #[error("missing parameter `Action`")]
    MissingAction,
    /// An `Action` that is not one of the family's (or not the one a typed decoder reads).
    #[error("unsupported action `{}`", Escaped(.action))]
    InvalidAction {
        /// The action asked for.
        action: String,
    },
    /// No `Version` parameter.
    #[error("missing parameter `Version`")]
    MissingVersion,
    /// A `Version` other than `2010-05-08`.
    #[error("unsupported version `{}`: expected `2010-05-08`", Escaped(.version))]
    InvalidVersion {
        /// The action asked for.
        action: Action,
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
    #[error("parameter `{}` is given more than once", Escaped(.name))]
    DuplicateParameter {
        /// The parameter.
        name: String,
    },
    /// A parameter the action does not take.
    #[error("unknown parameter `{}` for `{action}`", Escaped(.name))]
    UnknownParameter {
        /// The action.
        action: Action,
        /// The parameter, decoded.
        name: String,
    },
    /// Members that break their constraints.
    #[error(transparent)]
    Validation(ValidationError),
    /// An HTTP method other than `GET` and `POST`.
    #[error("unsupported HTTP method `{}`: expected `GET` or `POST`", Escaped(.method))]
    UnsupportedMethod {
        /// The method.
        method: String,
    },
}

impl From<Malformed> for RequestError {
    fn from(m: Malformed) -> Self {
        RequestError::Malformed {
            offset: m.offset,
            problem: m.problem,
        }
    }
}

impl RequestError {
    /// The AWS error code a server answers with.
    pub fn code(&self) -> ErrorCode<'static> {
        match self {
            RequestError::MissingAction => ErrorCode::MISSING_ACTION,
            RequestError::InvalidAction { .. } | RequestError::InvalidVersion { .. } => ErrorCode::INVALID_ACTION,
            RequestError::MissingVersion => ErrorCode::MISSING_PARAMETER,
            RequestError::Malformed { .. } => ErrorCode::MALFORMED_QUERY_STRING,
            RequestError::DuplicateParameter { .. } | RequestError::UnknownParameter { .. } => {
                ErrorCode::INVALID_QUERY_PARAMETER
            }
            RequestError::Validation(_) => ErrorCode::VALIDATION_ERROR,
            RequestError::UnsupportedMethod { .. } => ErrorCode::METHOD_NOT_ALLOWED,
        }
    }

    /// The AWS error message a server answers with.
    pub fn message(&self) -> String {
        match self {
            RequestError::MissingAction => "The request must contain the parameter Action.".to_owned(),
            RequestError::InvalidAction { action } => {
                format!("Could not find operation {action} for version {VERSION}")
            }
            RequestError::InvalidVersion { action, version } => {
                format!("Could not find operation {action} for version {version}")
            }
            RequestError::MissingVersion => "The request must contain the parameter Version.".to_owned(),
            RequestError::Malformed { offset, problem } => {
                format!("The query string is malformed at offset {offset}: {problem}.")
            }
            RequestError::DuplicateParameter { name } => {
                format!("The parameter {name} must not be given more than once.")
            }
            RequestError::UnknownParameter { action, name } => {
                format!("The parameter {name} is not recognized by {action}.")
            }
            RequestError::Validation(e) => e.message(),
            RequestError::UnsupportedMethod { method } => {
                format!("The method {method} is not allowed: use GET or POST.")
            }
        }
    }

    /// The HTTP status a server answers with.
    pub fn http_status(&self) -> u16 {
        self.code().http_status()
    }

    /// The whole error response a server sends back, `Type` and status included.
    ///
    /// ```
    /// use iam_login_profile::{GetLoginProfileRequest, RequestId};
    ///
    /// let err = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name").unwrap_err();
    /// let response = err.to_error_response(Some(RequestId::from_static("req-1")));
    /// assert_eq!(response.http_status(), 400);
    /// assert_eq!(response.error.code, "ValidationError");
    /// assert_eq!(
    ///     response.error.message.unwrap().as_str(),
    ///     r"1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
    /// );
    /// ```
    pub fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        // The message quotes decoded input, which is UTF-8 but may hold characters XML
        // cannot carry; those are written as `\u{..}` escapes rather than dropped.
        AwsError::to_error_response(self, request_id)
    }
}

impl AwsError for RequestError {
    fn code(&self) -> ErrorCode<'_> {
        RequestError::code(self)
    }

    fn message(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(RequestError::message(self)))
    }
}
