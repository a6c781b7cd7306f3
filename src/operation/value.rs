//! The value types a request member can have, as the form codec sees them: how a value
//! is read from its decoded parameter and written back. Each type says what is wrong with
//! a value ([`ValueError`]); the request layer names the member.

use std::borrow::Cow;
use std::fmt;

use crate::password::{Password, PasswordError};
use crate::password_policy::{MaxPasswordAge, MinimumPasswordLength, PasswordReusePrevention, RangeError};
use crate::query;
use crate::text::Escaped;
use crate::timestamp::TimestampError;
use crate::user_name::{UserName, UserNameError};

/// A type a request member can have: read from the parameter's decoded value, written back
/// as botocore writes it.
pub trait Value<'a>: Sized {
    /// The same value detached from its input.
    type Static: Value<'static>;

    /// The value of a decoded parameter.
    ///
    /// # Errors
    ///
    /// [`ValueError`]: what is wrong with the value (the caller knows the member).
    fn from_param(raw: Cow<'a, str>) -> Result<Self, ValueError>;

    /// Appends the value, `quote_plus`-encoded as botocore does, to `out`.
    fn write_param(&self, out: &mut String);

    /// Detaches the value from the input it was decoded from.
    fn into_static(self) -> Self::Static;

    /// The value, as one of the types a member can have.
    fn as_value_ref(&self) -> ValueRef<'_>;
}

/// A member's value, borrowed, whatever its type: what [`Request::for_each_member`]
/// gives.
///
/// [`Request::for_each_member`]: crate::Request::for_each_member
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueRef<'r> {
    /// A user name.
    UserName(&'r UserName<'r>),
    /// A password (its `Debug` shows no character of it).
    Password(&'r Password),
    /// A boolean.
    Boolean(bool),
    /// An integer.
    Integer(i64),
}

impl<'a> Value<'a> for UserName<'a> {
    type Static = UserName<'static>;

    fn from_param(raw: Cow<'a, str>) -> Result<Self, ValueError> {
        UserName::new(raw).map_err(ValueError::UserName)
    }

    fn write_param(&self, out: &mut String) {
        query::encode_component(out, self.as_str());
    }

    fn into_static(self) -> UserName<'static> {
        self.into_owned()
    }

    fn as_value_ref(&self) -> ValueRef<'_> {
        ValueRef::UserName(self)
    }
}

impl Value<'_> for Password {
    type Static = Password;

    fn from_param(raw: Cow<'_, str>) -> Result<Self, ValueError> {
        Password::new(raw.into_owned()).map_err(ValueError::Password)
    }

    fn write_param(&self, out: &mut String) {
        query::encode_component(out, self.expose_secret());
    }

    fn into_static(self) -> Password {
        self
    }

    fn as_value_ref(&self) -> ValueRef<'_> {
        ValueRef::Password(self)
    }
}

/// A boolean member: `true` or `false`, exactly.
impl Value<'_> for bool {
    type Static = bool;

    fn from_param(raw: Cow<'_, str>) -> Result<Self, ValueError> {
        match &*raw {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(ValueError::Boolean {
                found: raw.into_owned(),
            }),
        }
    }

    fn write_param(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }

    fn into_static(self) -> bool {
        self
    }

    fn as_value_ref(&self) -> ValueRef<'_> {
        ValueRef::Boolean(*self)
    }
}

/// Writes `Value` for an integer member type of the password policy: decimal, an optional
/// sign, then the type's range.
macro_rules! integer_value {
    ($($ty:ty),*) => {$(
        impl Value<'_> for $ty {
            type Static = $ty;

            fn from_param(raw: Cow<'_, str>) -> Result<Self, ValueError> {
                <$ty>::new(parse_integer(&raw)?).map_err(ValueError::Range)
            }

            fn write_param(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{}", self.get());
            }

            fn into_static(self) -> $ty {
                self
            }

            fn as_value_ref(&self) -> ValueRef<'_> {
                ValueRef::Integer(self.get().into())
            }
        }
    )*};
}
integer_value!(MinimumPasswordLength, MaxPasswordAge, PasswordReusePrevention);

/// A decimal integer as the query protocol reads one: an optional sign, then digits.
fn parse_integer(raw: &str) -> Result<i64, ValueError> {
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::Integer { found: raw.to_owned() });
    }
    raw.parse().map_err(|_| ValueError::Integer { found: raw.to_owned() })
}

/// What is wrong with a member's value, whatever the member: of a request (where the
/// request layer names the member, [`MemberError`](crate::MemberError)) or of a response
/// (where the response layer does, [`DecodeError`](crate::DecodeError)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueError {
    /// Not a valid [`UserName`].
    UserName(UserNameError),
    /// Not a valid [`Password`].
    Password(PasswordError),
    /// A boolean other than `true` or `false`.
    Boolean {
        /// The value found.
        found: String,
    },
    /// Not a valid [`Timestamp`](crate::Timestamp).
    Timestamp(TimestampError),
    /// An empty text where the value may not be empty (an error's `Code`).
    Empty,
    /// Not a decimal integer (an integer member of the password policy).
    Integer {
        /// The value found.
        found: String,
    },
    /// An integer outside its member's range.
    Range(RangeError),
    /// A value that contradicts another member's (a response's `ExpirePasswords` and its
    /// `MaxPasswordAge`).
    Contradicts {
        /// The other member.
        other: &'static str,
    },
}

impl From<UserNameError> for ValueError {
    fn from(e: UserNameError) -> Self {
        ValueError::UserName(e)
    }
}

impl From<TimestampError> for ValueError {
    fn from(e: TimestampError) -> Self {
        ValueError::Timestamp(e)
    }
}

impl ValueError {
    /// One clause per broken constraint, as IAM writes them for the member its messages
    /// call `member`.
    pub(crate) fn clauses(&self, member: &str, out: &mut Vec<String>) {
        match self {
            ValueError::UserName(e) => out.extend(e.constraint_violations(member)),
            ValueError::Password(e) => out.extend(e.constraint_violations_at(member)),
            ValueError::Boolean { found } => out.push(format!(
                "Value '{found}' at '{member}' failed to satisfy constraint: Member must be true or false"
            )),
            // No request member has these types; the clause says what is wrong all the same.
            ValueError::Timestamp(e) => out.push(format!(
                "Value '{}' at '{member}' failed to satisfy constraint: Member must be a date-time",
                e.value()
            )),
            ValueError::Empty => out.push(format!(
                "Value at '{member}' failed to satisfy constraint: Member must have length greater than or equal to 1"
            )),
            ValueError::Integer { found } => out.push(format!(
                "Value '{found}' at '{member}' failed to satisfy constraint: Member must be an integer"
            )),
            // IAM quotes no value for its integer ranges (docs/protocol.md §15.1).
            ValueError::Range(e) => out.push(format!(
                "Value at '{member}' failed to satisfy constraint: {}",
                e.aws_constraint()
            )),
            ValueError::Contradicts { other } => out.push(format!(
                "Value at '{member}' failed to satisfy constraint: Member must agree with '{other}'"
            )),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::UserName(e) => e.fmt(f),
            ValueError::Password(e) => e.fmt(f),
            ValueError::Boolean { found } => {
                write!(f, "expected `true` or `false`, found `{}`", Escaped(found))
            }
            ValueError::Timestamp(e) => e.fmt(f),
            ValueError::Empty => f.write_str("expected a value, found an empty text"),
            ValueError::Integer { found } => write!(f, "expected an integer, found `{}`", Escaped(found)),
            ValueError::Range(e) => e.fmt(f),
            ValueError::Contradicts { other } => write!(f, "contradicts `{other}`"),
        }
    }
}

impl std::error::Error for ValueError {}
