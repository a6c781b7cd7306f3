//! The requests of the login-profile family, both directions: `CreateLoginProfile`,
//! `GetLoginProfile`, `UpdateLoginProfile` and `DeleteLoginProfile`.
//!
//! Each operation is described once ([`Action`]: its name and its members in wire
//! order, with which are required); one encoder and one decoder serve all four.
//!
//! Encoding gives the exact bytes botocore sends (docs/protocol.md §2, §13): `Action`,
//! `Version`, then the members present in the model's order (`UserName`, `Password`,
//! `PasswordResetRequired`), `quote_plus`-encoded, booleans as `true`/`false`.
//! Decoding reads what a server receives: any order, either escaping, the signing and
//! common parameters passed over, and every bad request refused with a typed
//! [`RequestError`] that also knows the AWS error to send back.

use std::borrow::Cow;
use std::fmt;

use crate::error_response::{ErrorCode, ErrorResponse};
use crate::password::{Password, PasswordError};
use crate::query::{self, Malformed, MalformedKind};
use crate::text::{ErrorMessage, Escaped, RequestId};
use crate::user_name::{UserName, UserNameError};

/// The API version, `2010-05-08`.
pub const VERSION: &str = "2010-05-08";

/// The `Content-Type` botocore sends with the form body.
pub(crate) const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// A member of the family's requests, in the model's (and the wire's) order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Member {
    UserName,
    Password,
    PasswordResetRequired,
}

impl Member {
    const ALL: [Member; 3] = [Member::UserName, Member::Password, Member::PasswordResetRequired];

    /// The member's bit in a [`MemberSets`] set.
    const fn bit(self) -> u8 {
        1 << self as u8
    }

    fn wire_name(self) -> &'static str {
        match self {
            Member::UserName => "UserName",
            Member::Password => "Password",
            Member::PasswordResetRequired => "PasswordResetRequired",
        }
    }

    /// The name in `ValidationError` messages (`userName`).
    fn message_name(self) -> &'static str {
        match self {
            Member::UserName => "userName",
            Member::Password => "password",
            Member::PasswordResetRequired => "passwordResetRequired",
        }
    }
}

macro_rules! actions {
    ($($(#[$doc:meta])* $name:ident { $($member:ident $(($required:ident))?),* };)*) => {
        /// An operation of the login-profile family: its `Action` name and its members.
        ///
        /// ```
        /// use iam_login_profile::Action;
        ///
        /// assert_eq!(Action::UpdateLoginProfile.as_str(), "UpdateLoginProfile");
        /// assert_eq!("DeleteLoginProfile".parse::<Action>(), Ok(Action::DeleteLoginProfile));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[non_exhaustive]
        pub enum Action {
            $($(#[$doc])* $name,)*
        }

        impl Action {
            /// Every action of the family.
            pub const ALL: &'static [Action] = &[$(Action::$name),*];

            /// The `Action` parameter's value.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Action::$name => stringify!($name),)*
                }
            }

            /// The action named `name` (case-sensitive, as IAM).
            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $(stringify!($name) => Some(Action::$name),)*
                    _ => None,
                }
            }

            /// The members this action takes and those it requires, as [`Member::bit`]
            /// sets (a table rather than a `match`: one load, no jump on the action).
            fn member_sets(self) -> MemberSets {
                const SETS: &[MemberSets] = &[$(MemberSets {
                    takes: 0 $(| Member::$member.bit())*,
                    requires: 0 $(| actions!(@required $member $($required)?))*,
                }),*];
                SETS[self as usize]
            }
        }
    };
    (@required $member:ident required) => { Member::$member.bit() };
    (@required $member:ident) => { 0 };
}

/// What [`Action::member_sets`] gives.
#[derive(Clone, Copy)]
struct MemberSets {
    takes: u8,
    requires: u8,
}

actions! {
    /// `CreateLoginProfile`: give a user a console password.
    CreateLoginProfile { UserName, Password, PasswordResetRequired };
    /// `GetLoginProfile`: read a user's login profile.
    GetLoginProfile { UserName };
    /// `UpdateLoginProfile`: change a user's password or its reset flag.
    UpdateLoginProfile { UserName(required), Password, PasswordResetRequired };
    /// `DeleteLoginProfile`: take a user's console password away.
    DeleteLoginProfile { UserName };
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Action {
    type Err = RequestError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Action::from_name(s).ok_or_else(|| RequestError::InvalidAction { action: s.to_owned() })
    }
}

/// The members of any request of the family, as decoded (validated) or to encode.
#[derive(Default)]
struct Members<'a> {
    user_name: Option<UserName<'a>>,
    password: Option<Password>,
    password_reset_required: Option<bool>,
}

/// The members of a request to encode, borrowed.
struct Encode<'r> {
    user_name: Option<&'r UserName<'r>>,
    password: Option<&'r Password>,
    password_reset_required: Option<bool>,
}

/// Writes `Action`, `Version`, then the members present, in order.
fn encode(out: &mut String, action: Action, m: Encode<'_>) {
    out.push_str("Action=");
    out.push_str(action.as_str());
    out.push_str("&Version=");
    out.push_str(VERSION);
    if let Some(name) = m.user_name {
        out.push_str("&UserName=");
        query::encode_component(out, name.as_str());
    }
    if let Some(password) = m.password {
        out.push_str("&Password=");
        query::encode_component(out, password.expose_secret());
    }
    if let Some(reset) = m.password_reset_required {
        out.push_str(if reset {
            "&PasswordResetRequired=true"
        } else {
            "&PasswordResetRequired=false"
        });
    }
}

/// The raw (undecoded-as-members) values of `UserName`, `Password` and
/// `PasswordResetRequired`, in [`Member::ALL`]'s order.
type RawMembers<'a> = [Option<Cow<'a, str>>; 3];

/// The raw parameters of one request, split once.
#[derive(Default)]
struct Raw<'a> {
    action: Option<Cow<'a, str>>,
    version: Option<Cow<'a, str>>,
    members: RawMembers<'a>,
    /// The first parameter that no action of the family takes.
    unknown: Option<String>,
}

impl<'a> Raw<'a> {
    fn add(&mut self, input: &'a [u8], base: usize) -> Result<(), RequestError> {
        query::for_each_pair(input, base, |key, value| {
            let slot = match &*key {
                "Action" => &mut self.action,
                "Version" => &mut self.version,
                "UserName" => &mut self.members[0],
                "Password" => &mut self.members[1],
                "PasswordResetRequired" => &mut self.members[2],
                k if query::is_common_parameter(k) => return Ok(()),
                _ => {
                    if self.unknown.is_none() {
                        self.unknown = Some(key.into_owned());
                    }
                    return Ok(());
                }
            };
            if slot.is_some() {
                return Err(RequestError::DuplicateParameter { name: key.into_owned() });
            }
            *slot = Some(value);
            Ok(())
        })
    }

    /// The action `Action` names, if `Version` is [`VERSION`].
    fn check_action_and_version(&self) -> Result<Action, RequestError> {
        let action = match self.action.as_deref() {
            None => return Err(RequestError::MissingAction),
            Some(name) => Action::from_name(name).ok_or_else(|| RequestError::InvalidAction {
                action: name.to_owned(),
            })?,
        };
        match self.version.as_deref() {
            None => Err(RequestError::MissingVersion),
            Some(VERSION) => Ok(action),
            Some(other) => Err(RequestError::InvalidVersion {
                action,
                version: other.to_owned(),
            }),
        }
    }

    /// Checks `Action` and `Version` and the parameters against the action, then
    /// validates every member ([`validate`]).
    fn finish(self) -> Result<Request<'a>, RequestError> {
        let action = self.check_action_and_version()?;
        if let Some(name) = self.unknown {
            return Err(RequestError::UnknownParameter { action, name });
        }
        validate(action, self.members)
    }
}

/// Checks the members present against `action`, then validates every member,
/// collecting each broken constraint as IAM does.
fn validate(action: Action, raw: RawMembers<'_>) -> Result<Request<'_>, RequestError> {
    let sets = action.member_sets();
    let present = Member::ALL.iter().zip(&raw).fold(
        0,
        |set, (member, value)| if value.is_some() { set | member.bit() } else { set },
    );
    if present & !sets.takes != 0 {
        let member = Member::ALL[(present & !sets.takes).trailing_zeros() as usize];
        return Err(RequestError::UnknownParameter {
            action,
            name: member.wire_name().to_owned(),
        });
    }
    let [user_name, password, reset] = raw;
    let mut errors = Vec::new();
    let mut members = Members::default();
    if sets.requires & !present != 0 {
        for member in Member::ALL {
            if sets.requires & !present & member.bit() != 0 {
                errors.push(MemberError::Missing {
                    member: member.message_name(),
                });
            }
        }
    }
    if let Some(name) = user_name {
        match UserName::new(name) {
            Ok(name) => members.user_name = Some(name),
            Err(e) => errors.push(MemberError::UserName(e)),
        }
    }
    if let Some(password) = password {
        match Password::new(password.into_owned()) {
            Ok(p) => members.password = Some(p),
            Err(e) => errors.push(MemberError::Password(e)),
        }
    }
    if let Some(reset) = reset {
        match &*reset {
            "true" => members.password_reset_required = Some(true),
            "false" => members.password_reset_required = Some(false),
            other => errors.push(MemberError::Boolean {
                member: Member::PasswordResetRequired.message_name(),
                found: other.to_owned(),
            }),
        }
    }
    if errors.is_empty() {
        Request::from_action_members(action, members)
    } else {
        errors.sort_by_key(MemberError::order);
        Err(RequestError::Validation(ValidationError { errors }))
    }
}

/// `input` from `at` starts with `literal` (a constant at every call, so the compare is
/// a few loads rather than a `memcmp` call).
#[inline(always)]
fn has_at(input: &[u8], at: usize, literal: &[u8]) -> bool {
    input.get(at..at + literal.len()) == Some(literal)
}

/// The value of `key` (`&Name=`) at `at` in `input`, if the parameter there is `key`:
/// the value, percent-decoded if it holds an escape, and where it ends. `Some(None)` if
/// another parameter is at `at`; `None` for a malformed escape or a value that is not
/// UTF-8 (the general path then reports it).
#[inline(always)]
fn botocore_value<'a>(input: &'a [u8], at: usize, key: &[u8]) -> Option<Option<(Cow<'a, str>, usize)>> {
    if !has_at(input, at, key) {
        return Some(None);
    }
    let start = at + key.len();
    let (end, escaped) = scan_value(input, start);
    let value = &input[start..end];
    let value = if escaped {
        // A malformed escape sends the input to the general path, which reports it at
        // its offset; the offset given here is never shown.
        query::decode_escapes(value, start).ok()?
    } else {
        // Each value is checked on its own (a whole-body check costs more); the flag's two
        // values need no check at all.
        Cow::Borrowed(match value {
            b"true" => "true",
            b"false" => "false",
            _ => std::str::from_utf8(value).ok()?,
        })
    };
    Some(Some((value, end)))
}

/// Where the value starting at `start` in `bytes` ends (at the next `&`, or the end of
/// `bytes`), and whether it holds a `%` or `+`: eight bytes at a time (values are 3 to
/// ~40 bytes, too short for `memchr`'s vector setup to pay for).
#[inline(always)]
fn scan_value(bytes: &[u8], start: usize) -> (usize, bool) {
    // Exact up to the lowest match (a bit above a true match may be set wrongly: only
    // ever read the lowest, or whether any is set).
    use crate::bytes::first_of as matches;
    let len = bytes.len();
    let mut at = start;
    let mut escapes = 0;
    while at < len {
        let x = if let Some(chunk) = bytes.get(at..at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        } else if let Some(last) = len.checked_sub(8).and_then(|from| bytes.get(from..)) {
            // Fewer than eight bytes left: the last eight, shifted so that the byte at
            // `at` comes first and zeros (no match) fill the top.
            let mut word = [0; 8];
            word.copy_from_slice(last);
            u64::from_le_bytes(word) >> (8 * (at + 8 - len))
        } else {
            // An input shorter than eight bytes (never botocore's).
            let mut word = [0; 8];
            word[..len - at].copy_from_slice(&bytes[at..]);
            u64::from_le_bytes(word)
        };
        let amps = matches(x, b'&');
        let escs = matches(x, b'%') | matches(x, b'+');
        if amps != 0 {
            // Only the escapes before the first `&` count (a wrongly set bit is always
            // above a true match, so any bit below the first `&` is a true escape).
            let before = (amps & amps.wrapping_neg()) - 1;
            let end = at + (amps.trailing_zeros() / 8) as usize;
            return (end, escapes | (escs & before) != 0);
        }
        escapes |= escs;
        at += 8;
    }
    (len, escapes != 0)
}

/// The parameters of a body in botocore's exact shape, read without the general
/// splitter: UTF-8, `Action=<one of the family>&Version=2010-05-08`, then any of
/// `UserName`, `Password`, `PasswordResetRequired` in that order, each once, every
/// escape well formed. `None` for anything else (the general path then reads it).
/// What it returns is what [`Raw::add`] collects from the same bytes, so [`validate`]
/// gives the same result either way (the `family_request` fuzz target holds the two
/// equal).
fn botocore(input: &[u8]) -> Option<(Action, RawMembers<'_>)> {
    // Each arm compares its own literal, so that every compare has a constant length.
    let (action, mut at) = match input.get(7) {
        Some(b'C') if has_at(input, 0, b"Action=CreateLoginProfile&Version=2010-05-08") => {
            (Action::CreateLoginProfile, 44)
        }
        Some(b'G') if has_at(input, 0, b"Action=GetLoginProfile&Version=2010-05-08") => (Action::GetLoginProfile, 41),
        Some(b'U') if has_at(input, 0, b"Action=UpdateLoginProfile&Version=2010-05-08") => {
            (Action::UpdateLoginProfile, 44)
        }
        Some(b'D') if has_at(input, 0, b"Action=DeleteLoginProfile&Version=2010-05-08") => {
            (Action::DeleteLoginProfile, 44)
        }
        _ => return None,
    };
    let mut members = RawMembers::default();
    if let Some((value, end)) = botocore_value(input, at, b"&UserName=")? {
        members[0] = Some(value);
        at = end;
    }
    if let Some((value, end)) = botocore_value(input, at, b"&Password=")? {
        members[1] = Some(value);
        at = end;
    }
    if let Some((value, end)) = botocore_value(input, at, b"&PasswordResetRequired=")? {
        members[2] = Some(value);
        at = end;
    }
    (at == input.len()).then_some((action, members))
}

/// Splits and checks the parameters of one request: the query string and, for a form
/// POST, the body (`parts` in that order, with each part's offset in what the caller sees).
///
/// A request whose parameters are all in one part, in botocore's exact shape, is read by
/// [`botocore`]; any other by the general splitter ([`decode_parts_general`]).
fn decode_parts<'a>(parts: &[(&'a [u8], usize)]) -> Result<Request<'a>, RequestError> {
    let mut filled = parts.iter().filter(|(input, _)| !input.is_empty());
    if let (Some(&(input, _)), None) = (filled.next(), filled.next())
        && let Some((action, members)) = botocore(input)
    {
        return validate(action, members);
    }
    decode_parts_general(parts)
}

/// [`decode_parts`] without the shortcut for botocore's shape: every part through the
/// general splitter.
fn decode_parts_general<'a>(parts: &[(&'a [u8], usize)]) -> Result<Request<'a>, RequestError> {
    let mut raw = Raw::default();
    for &(input, base) in parts {
        raw.add(input, base)?;
    }
    raw.finish()
}

/// Any request of the family, as a server receives it: decode once, then match on the
/// operation.
///
/// ```
/// use iam_login_profile::{Action, Request};
///
/// let body = b"Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&PasswordResetRequired=true";
/// match Request::decode(body).unwrap() {
///     Request::UpdateLoginProfile(update) => {
///         assert_eq!(update.user_name.as_str(), "Bob");
///         assert_eq!(update.password_reset_required, Some(true));
///         assert!(update.password.is_none());
///     }
///     other => panic!("unexpected {:?}", other.action()),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Request<'a> {
    /// `CreateLoginProfile`.
    CreateLoginProfile(CreateLoginProfileRequest<'a>),
    /// `GetLoginProfile`.
    GetLoginProfile(GetLoginProfileRequest<'a>),
    /// `UpdateLoginProfile`.
    UpdateLoginProfile(UpdateLoginProfileRequest<'a>),
    /// `DeleteLoginProfile`.
    DeleteLoginProfile(DeleteLoginProfileRequest<'a>),
}

impl<'a> Request<'a> {
    /// Decodes a query string or form body (without the leading `?`) of any action of
    /// the family.
    ///
    /// # Errors
    ///
    /// [`RequestError`], with the AWS error to answer: an action outside the family is
    /// `InvalidAction`.
    pub fn decode(input: &'a [u8]) -> Result<Self, RequestError> {
        Self::decode_parts(&[(input, 0)])
    }

    pub(crate) fn decode_parts(parts: &[(&'a [u8], usize)]) -> Result<Self, RequestError> {
        decode_parts(parts)
    }

    #[inline(always)]
    fn from_action_members(action: Action, m: Members<'a>) -> Result<Self, RequestError> {
        Ok(match action {
            Action::CreateLoginProfile => Request::CreateLoginProfile(CreateLoginProfileRequest::from_members(m)?),
            Action::GetLoginProfile => Request::GetLoginProfile(GetLoginProfileRequest::from_members(m)?),
            Action::UpdateLoginProfile => Request::UpdateLoginProfile(UpdateLoginProfileRequest::from_members(m)?),
            Action::DeleteLoginProfile => Request::DeleteLoginProfile(DeleteLoginProfileRequest::from_members(m)?),
        })
    }

    /// [`Request::decode`] on the general splitter only (no shortcut for botocore's
    /// shape): the reference the `family_request` fuzz target holds the shortcut to.
    #[cfg(any(fuzzing, feature = "__internal"))]
    pub(crate) fn decode_general(input: &'a [u8]) -> Result<Self, RequestError> {
        decode_parts_general(&[(input, 0)])
    }

    /// The operation.
    pub fn action(&self) -> Action {
        match self {
            Request::CreateLoginProfile(_) => Action::CreateLoginProfile,
            Request::GetLoginProfile(_) => Action::GetLoginProfile,
            Request::UpdateLoginProfile(_) => Action::UpdateLoginProfile,
            Request::DeleteLoginProfile(_) => Action::DeleteLoginProfile,
        }
    }

    /// The user the request names; `None` means the caller (not possible for Update).
    pub fn user_name(&self) -> Option<&UserName<'a>> {
        match self {
            Request::CreateLoginProfile(r) => r.user_name.as_ref(),
            Request::GetLoginProfile(r) => r.user_name.as_ref(),
            Request::UpdateLoginProfile(r) => Some(&r.user_name),
            Request::DeleteLoginProfile(r) => r.user_name.as_ref(),
        }
    }

    /// Appends the form body botocore sends to `out`.
    pub fn encode(&self, out: &mut String) {
        match self {
            Request::CreateLoginProfile(r) => r.encode(out),
            Request::GetLoginProfile(r) => r.encode(out),
            Request::UpdateLoginProfile(r) => r.encode(out),
            Request::DeleteLoginProfile(r) => r.encode(out),
        }
    }

    /// The form body as a new `String`.
    pub fn to_query_string(&self) -> String {
        let mut out = String::with_capacity(96);
        self.encode(&mut out);
        out
    }

    /// `POST uri` with the form body and botocore's `Content-Type` (feature `http`).
    #[cfg(feature = "http")]
    pub fn to_http_request(&self, uri: ::http::Uri) -> ::http::Request<String> {
        crate::http_glue::form_request(uri, self.to_query_string())
    }

    /// Detaches the request from the input it was decoded from.
    pub fn into_owned(self) -> Request<'static> {
        match self {
            Request::CreateLoginProfile(r) => Request::CreateLoginProfile(r.into_owned()),
            Request::GetLoginProfile(r) => Request::GetLoginProfile(r.into_owned()),
            Request::UpdateLoginProfile(r) => Request::UpdateLoginProfile(r.into_owned()),
            Request::DeleteLoginProfile(r) => Request::DeleteLoginProfile(r.into_owned()),
        }
    }
}

/// What every request type has, written once from its [`Action`] and its members.
macro_rules! request_type {
    ($ty:ident, $action:ident) => {
        impl<'a> $ty<'a> {
            /// The `Action` parameter.
            pub const ACTION: Action = Action::$action;

            /// The `Content-Type` to send with the form body (what botocore sends).
            pub const CONTENT_TYPE: &'static str = FORM_CONTENT_TYPE;

            /// Decodes a query string or form body (without the leading `?`).
            ///
            /// # Errors
            ///
            /// [`RequestError`], with the AWS error to answer; another action of the
            /// family or any other is `InvalidAction`.
            pub fn decode(input: &'a [u8]) -> Result<Self, RequestError> {
                match decode_parts(&[(input, 0)])? {
                    Request::$action(request) => Ok(request),
                    other => Err(RequestError::InvalidAction {
                        action: other.action().as_str().to_owned(),
                    }),
                }
            }

            /// Appends the form body (or query string) botocore sends to `out`.
            pub fn encode(&self, out: &mut String) {
                encode(out, Action::$action, self.members())
            }

            /// The form body as a new `String`.
            pub fn to_query_string(&self) -> String {
                let mut out = String::with_capacity(96);
                self.encode(&mut out);
                out
            }

            /// `POST uri` with the form body and botocore's `Content-Type` (feature `http`).
            #[cfg(feature = "http")]
            pub fn to_http_request(&self, uri: ::http::Uri) -> ::http::Request<String> {
                crate::http_glue::form_request(uri, self.to_query_string())
            }
        }

        impl<'a> From<$ty<'a>> for Request<'a> {
            fn from(r: $ty<'a>) -> Self {
                Request::$action(r)
            }
        }
    };
}

/// What a request with only an optional `UserName` has (Get's and Delete's), written once.
macro_rules! user_only_request {
    ($ty:ident) => {
        impl<'a> $ty<'a> {
            /// A request for `user_name`, or for the caller when `None`.
            pub fn new(user_name: Option<UserName<'a>>) -> Self {
                $ty { user_name }
            }

            fn from_members(m: Members<'a>) -> Result<Self, RequestError> {
                Ok($ty {
                    user_name: m.user_name,
                })
            }

            fn members(&self) -> Encode<'_> {
                Encode {
                    user_name: self.user_name.as_ref(),
                    password: None,
                    password_reset_required: None,
                }
            }

            /// Detaches the request from the input it was decoded from.
            pub fn into_owned(self) -> $ty<'static> {
                $ty {
                    user_name: self.user_name.map(UserName::into_owned),
                }
            }
        }
    };
}

/// The `CreateLoginProfile` request: give a user a console password.
///
/// ```
/// use iam_login_profile::{CreateLoginProfileRequest, Password, UserName};
///
/// let request = CreateLoginProfileRequest::new(UserName::new("Bob").unwrap(), Password::new("p@ss w0rd&=+").unwrap())
///     .with_password_reset_required(true);
/// assert_eq!(
///     request.to_query_string(),
///     "Action=CreateLoginProfile&Version=2010-05-08&UserName=Bob&Password=p%40ss+w0rd%26%3D%2B&PasswordResetRequired=true"
/// );
/// assert_eq!(format!("{:?}", request.password), "Some(Password(***))");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "PascalCase", deny_unknown_fields))]
#[non_exhaustive]
pub struct CreateLoginProfileRequest<'a> {
    /// The user; `None` means the caller (only possible from an `sts:AssumeRoot` session).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub user_name: Option<UserName<'a>>,
    /// The new password. Optional in the model (it must be omitted in an `AssumeRoot`
    /// session); IAM requires it otherwise.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub password: Option<Password>,
    /// Must the user set a new password at next sign-in? Not sent when `None` (IAM's
    /// default is `false`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub password_reset_required: Option<bool>,
}

impl<'a> CreateLoginProfileRequest<'a> {
    /// A request giving `user_name` the password `password`.
    pub fn new(user_name: UserName<'a>, password: Password) -> Self {
        CreateLoginProfileRequest {
            user_name: Some(user_name),
            password: Some(password),
            password_reset_required: None,
        }
    }

    /// Sets `PasswordResetRequired`.
    pub fn with_password_reset_required(mut self, required: bool) -> Self {
        self.password_reset_required = Some(required);
        self
    }

    fn from_members(m: Members<'a>) -> Result<Self, RequestError> {
        Ok(CreateLoginProfileRequest {
            user_name: m.user_name,
            password: m.password,
            password_reset_required: m.password_reset_required,
        })
    }

    fn members(&self) -> Encode<'_> {
        Encode {
            user_name: self.user_name.as_ref(),
            password: self.password.as_ref(),
            password_reset_required: self.password_reset_required,
        }
    }

    /// Detaches the request from the input it was decoded from.
    pub fn into_owned(self) -> CreateLoginProfileRequest<'static> {
        CreateLoginProfileRequest {
            user_name: self.user_name.map(UserName::into_owned),
            password: self.password,
            password_reset_required: self.password_reset_required,
        }
    }
}
request_type!(CreateLoginProfileRequest, CreateLoginProfile);

/// The `GetLoginProfile` request: whose login profile to get.
///
/// ```
/// use iam_login_profile::{GetLoginProfileRequest, UserName};
///
/// let request = GetLoginProfileRequest::new(Some(UserName::new("a+b=c,d.e@f-g_h").unwrap()));
/// assert_eq!(
///     request.to_query_string(),
///     "Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
/// );
/// let decoded = GetLoginProfileRequest::decode(b"UserName=a%2bb%3Dc%2Cd.e%40f-g_h&Version=2010-05-08&Action=GetLoginProfile").unwrap();
/// assert_eq!(decoded, request);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "PascalCase", deny_unknown_fields))]
#[non_exhaustive]
pub struct GetLoginProfileRequest<'a> {
    /// The user; `None` means the caller's own identity.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub user_name: Option<UserName<'a>>,
}

user_only_request!(GetLoginProfileRequest);
request_type!(GetLoginProfileRequest, GetLoginProfile);

/// The `UpdateLoginProfile` request: change a user's password, its reset flag, or both.
/// A member left `None` is not sent and stays as it is.
///
/// ```
/// use iam_login_profile::{UpdateLoginProfileRequest, UserName};
///
/// let request = UpdateLoginProfileRequest::new(UserName::new("Bob").unwrap()).with_password_reset_required(true);
/// assert_eq!(
///     request.to_query_string(),
///     "Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&PasswordResetRequired=true"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "PascalCase", deny_unknown_fields))]
#[non_exhaustive]
pub struct UpdateLoginProfileRequest<'a> {
    /// The user (required: Update cannot name the caller implicitly).
    pub user_name: UserName<'a>,
    /// The new password, when it changes.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub password: Option<Password>,
    /// The new reset flag, when it changes (absent is not `false`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub password_reset_required: Option<bool>,
}

impl<'a> UpdateLoginProfileRequest<'a> {
    /// A request for `user_name` that changes nothing yet.
    pub fn new(user_name: UserName<'a>) -> Self {
        UpdateLoginProfileRequest {
            user_name,
            password: None,
            password_reset_required: None,
        }
    }

    /// Sets the new password.
    pub fn with_password(mut self, password: Password) -> Self {
        self.password = Some(password);
        self
    }

    /// Sets `PasswordResetRequired`.
    pub fn with_password_reset_required(mut self, required: bool) -> Self {
        self.password_reset_required = Some(required);
        self
    }

    fn from_members(m: Members<'a>) -> Result<Self, RequestError> {
        // `Raw::finish` has refused an Update without `UserName` already.
        let user_name = m.user_name.ok_or_else(|| {
            RequestError::Validation(ValidationError {
                errors: vec![MemberError::Missing {
                    member: Member::UserName.message_name(),
                }],
            })
        })?;
        Ok(UpdateLoginProfileRequest {
            user_name,
            password: m.password,
            password_reset_required: m.password_reset_required,
        })
    }

    fn members(&self) -> Encode<'_> {
        Encode {
            user_name: Some(&self.user_name),
            password: self.password.as_ref(),
            password_reset_required: self.password_reset_required,
        }
    }

    /// Detaches the request from the input it was decoded from.
    pub fn into_owned(self) -> UpdateLoginProfileRequest<'static> {
        UpdateLoginProfileRequest {
            user_name: self.user_name.into_owned(),
            password: self.password,
            password_reset_required: self.password_reset_required,
        }
    }
}
request_type!(UpdateLoginProfileRequest, UpdateLoginProfile);

/// The `DeleteLoginProfile` request: whose console password to take away.
///
/// ```
/// use iam_login_profile::{DeleteLoginProfileRequest, UserName};
///
/// let request = DeleteLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()));
/// assert_eq!(request.to_query_string(), "Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "PascalCase", deny_unknown_fields))]
#[non_exhaustive]
pub struct DeleteLoginProfileRequest<'a> {
    /// The user; `None` means the caller (only possible from an `sts:AssumeRoot` session).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub user_name: Option<UserName<'a>>,
}

user_only_request!(DeleteLoginProfileRequest);
request_type!(DeleteLoginProfileRequest, DeleteLoginProfile);

/// One member that breaks its constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemberError {
    /// `UserName` is not a valid [`UserName`].
    UserName(UserNameError),
    /// `Password` is not a valid [`Password`].
    Password(PasswordError),
    /// A boolean member other than `true` or `false`.
    Boolean {
        /// The member, as IAM names it in messages (`passwordResetRequired`).
        member: &'static str,
        /// The value found.
        found: String,
    },
    /// A required member is absent (`UserName` of `UpdateLoginProfile`).
    Missing {
        /// The member, as IAM names it in messages (`userName`).
        member: &'static str,
    },
}

impl MemberError {
    /// Members in the model's order, as IAM lists them.
    fn order(&self) -> u8 {
        match self {
            MemberError::UserName(_) | MemberError::Missing { .. } => 0,
            MemberError::Password(_) => 1,
            MemberError::Boolean { .. } => 2,
        }
    }

    /// One clause per broken constraint, as IAM writes them.
    fn clauses(&self, out: &mut Vec<String>) {
        match self {
            MemberError::UserName(e) => out.extend(e.constraint_violations()),
            MemberError::Password(e) => out.extend(e.constraint_violations().map(str::to_owned)),
            MemberError::Boolean { member, found } => out.push(format!(
                "Value '{found}' at '{member}' failed to satisfy constraint: Member must be true or false"
            )),
            MemberError::Missing { member } => out.push(format!(
                "Value null at '{member}' failed to satisfy constraint: Member must not be null"
            )),
        }
    }
}

impl fmt::Display for MemberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberError::UserName(e) => e.fmt(f),
            MemberError::Password(e) => e.fmt(f),
            MemberError::Boolean { member, found } => {
                write!(
                    f,
                    "invalid `{member}`: expected `true` or `false`, found `{}`",
                    Escaped(found)
                )
            }
            MemberError::Missing { member } => write!(f, "missing required member `{member}`"),
        }
    }
}

/// Every member of a request that breaks its constraints: IAM's `ValidationError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    errors: Vec<MemberError>,
}

impl ValidationError {
    /// The members' errors, in the model's member order.
    pub fn errors(&self) -> &[MemberError] {
        &self.errors
    }

    /// The message IAM sends: `1 validation error detected: Value 'bad name' at
    /// 'userName' failed to satisfy constraint: …`, or `N validation errors detected: …; …`.
    pub fn aws_message(&self) -> String {
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
    pub fn aws_code(&self) -> ErrorCode<'static> {
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
    pub fn aws_message(&self) -> String {
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
            RequestError::Validation(e) => e.aws_message(),
            RequestError::UnsupportedMethod { method } => {
                format!("The method {method} is not allowed: use GET or POST.")
            }
        }
    }

    /// The HTTP status a server answers with.
    pub fn http_status(&self) -> u16 {
        self.aws_code().http_status()
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
        let message = ErrorMessage::new_escaped(&self.aws_message());
        ErrorResponse::new(self.aws_code(), Some(message), request_id.map(RequestId::into_owned))
    }
}

impl From<UserNameError> for RequestError {
    fn from(e: UserNameError) -> Self {
        RequestError::Validation(ValidationError {
            errors: vec![MemberError::UserName(e)],
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for GetLoginProfileRequest<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(GetLoginProfileRequest {
            user_name: u.arbitrary()?,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for DeleteLoginProfileRequest<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(DeleteLoginProfileRequest {
            user_name: u.arbitrary()?,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for CreateLoginProfileRequest<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(CreateLoginProfileRequest {
            user_name: u.arbitrary()?,
            password: u.arbitrary()?,
            password_reset_required: u.arbitrary()?,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for UpdateLoginProfileRequest<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(UpdateLoginProfileRequest {
            user_name: u.arbitrary()?,
            password: u.arbitrary()?,
            password_reset_required: u.arbitrary()?,
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for Request<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(match u.int_in_range(0u8..=3)? {
            0 => Request::CreateLoginProfile(u.arbitrary()?),
            1 => Request::GetLoginProfile(u.arbitrary()?),
            2 => Request::UpdateLoginProfile(u.arbitrary()?),
            _ => Request::DeleteLoginProfile(u.arbitrary()?),
        })
    }
}
