//! The operations, described once: one table (`operations!` at the end of this file, in the manner of
//! `http`'s `status_codes!`) gives each operation's `Action` name, its request members in
//! wire order (field, value type, wire name, the name IAM's messages use, required or
//! not) and its response type. From it come [`Action`], the request types with their
//! builders, [`Request`], the form encoder and the decoder's member dispatch, serde,
//! `Arbitrary`, the typed link to the response ([`Operation`]), and the list the fuzz
//! properties loop over.
//!
//! Encoding gives the exact bytes botocore sends (docs/protocol.md §2, §13): `Action`,
//! `Version`, then the members present in the model's order, `quote_plus`-encoded,
//! booleans as `true`/`false`. Decoding reads what a server receives: any order, either
//! escaping, the signing and common parameters passed over, and every bad request refused
//! with a typed [`RequestError`] that also knows the AWS error to send back. A value type
//! says what is wrong with a value ([`ValueError`]); the request layer says which member
//! ([`MemberError`]), with the name the table gives it.

#[macro_use]
mod macros;
mod decode;
mod error;
mod value;

use std::fmt;

pub use error::{MemberError, RequestError, ValidationError};
pub use value::{Value, ValueError, ValueRef};

pub(crate) use decode::RawMembers;

use crate::RequestId;
use crate::password::Password;
use crate::password_policy::{MaxPasswordAge, MinimumPasswordLength, PasswordPolicy, PasswordReusePrevention};
use crate::response::{DecodeError, DecodeResponse, EncodeResponse, LoginProfile};
use crate::user_name::UserName;
use crate::xml::DecodeOptions;

/// The API version, `2010-05-08`.
pub const VERSION: &str = "2010-05-08";

/// The `Content-Type` botocore sends with the form body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// A request member, as the table of operations describes it.
///
/// ```
/// use iam_login_profile::Action;
///
/// let members = Action::UpdateLoginProfile.members();
/// assert_eq!(members[0].wire_name(), "UserName");
/// assert_eq!(members[0].message_name(), "userName");
/// assert!(members[0].is_required());
/// assert_eq!(members[2].wire_name(), "PasswordResetRequired");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Member {
    wire_name: &'static str,
    message_name: &'static str,
    required: bool,
    /// Where IAM lists the member's errors in a `ValidationError`: by this key, then in
    /// wire order (0 for most; `UpdateAccountPasswordPolicy` lists `maxPasswordAge` after
    /// `passwordReusePrevention`).
    order: u8,
}

impl Member {
    /// The parameter's name on the wire (`UserName`).
    pub const fn wire_name(self) -> &'static str {
        self.wire_name
    }

    /// The name IAM's `ValidationError` messages use (`userName`).
    pub const fn message_name(self) -> &'static str {
        self.message_name
    }

    /// Must a request carry it?
    pub const fn is_required(self) -> bool {
        self.required
    }
}

/// The typed link from a request to its response: each request type names the response
/// its operation answers with, so a client's generic call is typed end to end.
///
/// ```
/// use iam_login_profile::{client, ClientError, GetLoginProfileRequest, Operation, UserName};
///
/// /// A client's one generic call: the response type follows from the request's, and it is
/// /// owned, so it can be returned across an `.await`.
/// async fn call<Q: Operation>(request: &Q) -> Result<Q::Response<'static>, ClientError> {
///     let body = request.to_query_string();
///     // … POST `body` with your HTTP stack; here, the answer IAM gives to a Get …
///     # let _ = body;
///     let (status, answer) = (200, std::fs::read("tests/data/aws-docs-get-login-profile-sample-response.xml").unwrap());
///     client::decode_owned::<Q>(status, &answer)
/// }
///
/// # futures_lite(async {
/// let request = GetLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()));
/// let response = call(&request).await.unwrap();
/// assert_eq!(response.login_profile.user_name.as_str(), "Bob");
/// # });
/// # fn futures_lite(f: impl std::future::Future<Output = ()>) {
/// #     let waker = std::task::Waker::noop();
/// #     let mut cx = std::task::Context::from_waker(&waker);
/// #     let mut f = std::pin::pin!(f);
/// #     while f.as_mut().poll(&mut cx).is_pending() {}
/// # }
/// ```
///
/// A request paired with another operation's response does not compile:
///
/// ```compile_fail
/// use iam_login_profile::{client, GetLoginProfileRequest, Operation, UpdateLoginProfileResponse};
///
/// fn get(status: u16, body: &[u8]) -> UpdateLoginProfileResponse<'static> {
///     client::decode_owned::<GetLoginProfileRequest>(status, body).unwrap()
/// }
/// ```
pub trait Operation: Sized + Clone + fmt::Debug + PartialEq {
    /// The operation.
    const ACTION: Action;

    /// The success response of the operation.
    type Response<'a>: DecodeResponse<'a> + EncodeResponse + Clone + fmt::Debug + PartialEq;

    /// Appends the form body (or query string) botocore sends to `out`.
    fn encode(&self, out: &mut String);

    /// The form body as a new `String`.
    fn to_query_string(&self) -> String {
        let mut out = String::with_capacity(96);
        self.encode(&mut out);
        out
    }

    /// Detaches a response from the input it was decoded from.
    fn response_into_owned(response: Self::Response<'_>) -> Self::Response<'static>;

    /// Decodes `input` as this operation's request, wrapped in [`Request`] (what the typed
    /// decoder gives, for code generic over operations).
    ///
    /// # Errors
    ///
    /// As the typed decoder.
    #[doc(hidden)]
    fn decode_as_request(input: &[u8]) -> Result<Request<'_>, RequestError>;
}

/// Serde on a request type, where the feature is on (a bound the visitor can always name).
#[cfg(all(any(fuzzing, feature = "__internal"), feature = "serde"))]
pub(crate) trait MaybeSerde: serde::Serialize + serde::de::DeserializeOwned {}
#[cfg(all(any(fuzzing, feature = "__internal"), feature = "serde"))]
impl<T: serde::Serialize + serde::de::DeserializeOwned> MaybeSerde for T {}
#[cfg(all(any(fuzzing, feature = "__internal"), not(feature = "serde")))]
pub(crate) trait MaybeSerde {}
#[cfg(all(any(fuzzing, feature = "__internal"), not(feature = "serde")))]
impl<T> MaybeSerde for T {}

/// What [`each_operation`] calls for every operation of the table.
#[cfg(any(fuzzing, feature = "__internal"))]
pub(crate) trait OperationVisitor {
    /// Called with `Q`, an operation's request type.
    fn visit<Q>(&mut self)
    where
        Q: Operation + Into<Request<'static>> + MaybeSerde + for<'u> arbitrary::Arbitrary<'u> + 'static,
        Q::Response<'static>: for<'u> arbitrary::Arbitrary<'u>;
}

/// The error for a required member that is absent (which [`member_value`] has reported
/// already: this is never reached).
#[cold]
fn missing(members: &[Member], wire_name: &str) -> RequestError {
    let errors = members
        .iter()
        .filter(|m| m.wire_name == wire_name)
        .map(|&member| MemberError::Missing { member })
        .collect();
    RequestError::Validation(ValidationError { errors })
}

/// A member's value from its raw parameter, through its type; an absent required member
/// or a bad value goes to `errors` (naming the member) and gives `None`.
#[inline(always)]
fn member_value<'a, T: Value<'a>>(
    member: Option<&Member>,
    raw: Option<std::borrow::Cow<'a, str>>,
    errors: &mut Vec<MemberError>,
) -> Option<T> {
    let member = *member?;
    match raw {
        Some(raw) => match T::from_param(raw) {
            Ok(value) => Some(value),
            Err(error) => {
                errors.push(MemberError::Invalid { member, error });
                None
            }
        },
        None => {
            if member.required {
                errors.push(MemberError::Missing { member });
            }
            None
        }
    }
}

operations! {
    /// `CreateLoginProfile`: give a user a console password.
    CreateLoginProfile => CreateLoginProfileRequest {
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
        #[derive(Default)]
        new(user_name: UserName<'a>, password: Password);
        /// The user; `None` means the caller (only possible from an `sts:AssumeRoot` session).
        user_name: optional UserName<'a> = "UserName" as "userName", new Some(user_name), with_user_name;
        /// The new password. Optional in the model (it must be omitted in an `AssumeRoot`
        /// session); IAM requires it otherwise.
        password: optional Password = "Password" as "password", new Some(password), with_password;
        /// Must the user set a new password at next sign-in? Not sent when `None` (IAM's
        /// default is `false`).
        password_reset_required: optional bool = "PasswordResetRequired" as "passwordResetRequired",
            new None, with_password_reset_required;
    } -> CreateLoginProfileResponse {
        ///
        /// ```
        /// use iam_login_profile::CreateLoginProfileResponse;
        ///
        /// let xml = br#"<CreateLoginProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
        ///   <CreateLoginProfileResult>
        ///     <LoginProfile>
        ///       <UserName>Bob</UserName>
        ///       <CreateDate>2026-11-24T10:00:00.123456Z</CreateDate>
        ///       <PasswordResetRequired>true</PasswordResetRequired>
        ///     </LoginProfile>
        ///   </CreateLoginProfileResult>
        ///   <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
        /// </CreateLoginProfileResponse>"#;
        /// let response = CreateLoginProfileResponse::decode(xml).unwrap();
        /// assert_eq!(response.login_profile.password_reset_required, Some(true));
        /// assert_eq!(CreateLoginProfileResponse::decode(response.to_xml().as_bytes()).unwrap(), response);
        /// ```
        login_profile: LoginProfile<'a> = "LoginProfile";
    }

    /// `GetLoginProfile`: read a user's login profile.
    GetLoginProfile => GetLoginProfileRequest {
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
        #[derive(Default)]
        new(user_name: Option<UserName<'a>>);
        /// The user; `None` means the caller's own identity.
        user_name: optional UserName<'a> = "UserName" as "userName", new user_name, with_user_name;
    } -> GetLoginProfileResponse {
        ///
        /// ```
        /// use iam_login_profile::GetLoginProfileResponse;
        ///
        /// let xml = std::fs::read("tests/data/aws-docs-get-login-profile-sample-response.xml").unwrap();
        /// let response = GetLoginProfileResponse::decode(&xml).unwrap();
        /// assert_eq!(response.login_profile.user_name.as_str(), "Bob");
        /// assert_eq!(response.login_profile.create_date.to_string(), "2011-09-19T23:00:56Z");
        /// assert_eq!(response.request_id.unwrap().as_str(), "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
        /// ```
        login_profile: LoginProfile<'a> = "LoginProfile";
    }

    /// `UpdateLoginProfile`: change a user's password or its reset flag.
    UpdateLoginProfile => UpdateLoginProfileRequest {
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
        new(user_name: UserName<'a>);
        /// The user (required: Update cannot name the caller implicitly).
        user_name: required UserName<'a> = "UserName" as "userName", new user_name, with_user_name;
        /// The new password, when it changes.
        password: optional Password = "Password" as "password", new None, with_password;
        /// The new reset flag, when it changes (absent is not `false`).
        password_reset_required: optional bool = "PasswordResetRequired" as "passwordResetRequired",
            new None, with_password_reset_required;
    } -> UpdateLoginProfileResponse {
        ///
        /// ```
        /// use iam_login_profile::UpdateLoginProfileResponse;
        ///
        /// let xml = br#"<UpdateLoginProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
        ///   <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
        /// </UpdateLoginProfileResponse>"#;
        /// assert_eq!(UpdateLoginProfileResponse::decode(xml).unwrap().request_id.unwrap(), "req-1");
        /// ```
    }

    /// `DeleteLoginProfile`: take a user's console password away.
    DeleteLoginProfile => DeleteLoginProfileRequest {
        /// The `DeleteLoginProfile` request: whose console password to take away.
        ///
        /// ```
        /// use iam_login_profile::{DeleteLoginProfileRequest, UserName};
        ///
        /// let request = DeleteLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()));
        /// assert_eq!(request.to_query_string(), "Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob");
        /// ```
        #[derive(Default)]
        new(user_name: Option<UserName<'a>>);
        /// The user; `None` means the caller (only possible from an `sts:AssumeRoot` session).
        user_name: optional UserName<'a> = "UserName" as "userName", new user_name, with_user_name;
    } -> DeleteLoginProfileResponse {
        ///
        /// ```
        /// use iam_login_profile::{DeleteLoginProfileResponse, RequestId};
        ///
        /// let response = DeleteLoginProfileResponse::new(Some(RequestId::from_static("req-1")));
        /// assert_eq!(
        ///     response.to_xml(),
        ///     "<DeleteLoginProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  \
        ///      <ResponseMetadata>\n    <RequestId>req-1</RequestId>\n  </ResponseMetadata>\n\
        ///      </DeleteLoginProfileResponse>\n"
        /// );
        /// ```
    }

    /// `ChangePassword`: the caller changes their own console password.
    ChangePassword => ChangePasswordRequest {
        /// The `ChangePassword` request: the caller's current password and the new one
        /// (which the account's password policy must accept).
        ///
        /// ```
        /// use iam_login_profile::{ChangePasswordRequest, Password};
        ///
        /// let request = ChangePasswordRequest::new(Password::new("old")?, Password::new("café-ÿ\t\n")?);
        /// assert_eq!(
        ///     request.to_query_string(),
        ///     "Action=ChangePassword&Version=2010-05-08&OldPassword=old&NewPassword=caf%C3%A9-%C3%BF%09%0A"
        /// );
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        new(old_password: Password, new_password: Password);
        /// The caller's current password.
        old_password: required Password = "OldPassword" as "oldPassword", new old_password, with_old_password;
        /// The new password.
        new_password: required Password = "NewPassword" as "newPassword", new new_password, with_new_password;
    } -> ChangePasswordResponse {
        ///
        /// ```
        /// use iam_login_profile::ChangePasswordResponse;
        ///
        /// let xml = b"<ChangePasswordResponse><ResponseMetadata/></ChangePasswordResponse>";
        /// assert_eq!(ChangePasswordResponse::decode(xml).unwrap(), ChangePasswordResponse::new(None));
        /// ```
    }

    /// `GetAccountPasswordPolicy`: read the account's password policy.
    GetAccountPasswordPolicy => GetAccountPasswordPolicyRequest {
        /// The `GetAccountPasswordPolicy` request (no members).
        ///
        /// ```
        /// use iam_login_profile::GetAccountPasswordPolicyRequest;
        ///
        /// assert_eq!(
        ///     GetAccountPasswordPolicyRequest::new().to_query_string(),
        ///     "Action=GetAccountPasswordPolicy&Version=2010-05-08"
        /// );
        /// ```
        #[derive(Default)]
        new();
    } -> GetAccountPasswordPolicyResponse {
        /// With no policy set, IAM answers `NoSuchEntity` instead:
        /// [`ErrorResponse::no_password_policy`](crate::ErrorResponse::no_password_policy).
        ///
        /// ```
        /// use iam_login_profile::GetAccountPasswordPolicyResponse;
        ///
        /// let xml = std::fs::read("tests/data/moto-response-get-account-password-policy-defaults-200.xml").unwrap();
        /// let response = GetAccountPasswordPolicyResponse::decode(&xml).unwrap();
        /// let policy = &response.password_policy;
        /// assert_eq!(policy.minimum_password_length.get(), 6);
        /// assert_eq!(policy.max_password_age, None); // moto's `<MaxPasswordAge>0</MaxPasswordAge>`
        /// assert!(!policy.expire_passwords());
        /// assert!(response.to_xml().contains("<ExpirePasswords>false</ExpirePasswords>"));
        /// ```
        password_policy: PasswordPolicy = "PasswordPolicy";
    }

    /// `UpdateAccountPasswordPolicy`: set the account's password policy (all of it: a
    /// member left out reverts to its default).
    UpdateAccountPasswordPolicy => UpdateAccountPasswordPolicyRequest {
        /// The `UpdateAccountPasswordPolicy` request: the nine members of the policy, each
        /// optional ([`PasswordPolicy::from`](crate::password_policy::PasswordPolicy) gives
        /// the policy it sets).
        ///
        /// ```
        /// use iam_login_profile::UpdateAccountPasswordPolicyRequest;
        ///
        /// let request = UpdateAccountPasswordPolicyRequest::new()
        ///     .with_minimum_password_length(14.try_into()?)
        ///     .with_require_symbols(true)
        ///     .with_max_password_age(90.try_into()?);
        /// assert_eq!(
        ///     request.to_query_string(),
        ///     "Action=UpdateAccountPasswordPolicy&Version=2010-05-08&MinimumPasswordLength=14&RequireSymbols=true&MaxPasswordAge=90"
        /// );
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Default)]
        new();
        /// `MinimumPasswordLength`, 6 to 128 (default 6).
        minimum_password_length: optional MinimumPasswordLength = "MinimumPasswordLength" as "minimumPasswordLength",
            new None, with_minimum_password_length;
        /// `RequireSymbols` (default false).
        require_symbols: optional bool = "RequireSymbols" as "requireSymbols", new None, with_require_symbols;
        /// `RequireNumbers` (default false).
        require_numbers: optional bool = "RequireNumbers" as "requireNumbers", new None, with_require_numbers;
        /// `RequireUppercaseCharacters` (default false).
        require_uppercase_characters: optional bool = "RequireUppercaseCharacters" as "requireUppercaseCharacters",
            new None, with_require_uppercase_characters;
        /// `RequireLowercaseCharacters` (default false).
        require_lowercase_characters: optional bool = "RequireLowercaseCharacters" as "requireLowercaseCharacters",
            new None, with_require_lowercase_characters;
        /// `AllowUsersToChangePassword` (default false).
        allow_users_to_change_password: optional bool = "AllowUsersToChangePassword" as "allowUsersToChangePassword",
            new None, with_allow_users_to_change_password;
        /// `MaxPasswordAge`, 1 to 1095 days (default: passwords never expire). IAM lists its
        /// error after `passwordReusePrevention`'s.
        max_password_age: optional MaxPasswordAge = "MaxPasswordAge" as "maxPasswordAge" order 1,
            new None, with_max_password_age;
        /// `PasswordReusePrevention`, 1 to 24 (default: no reuse rule).
        password_reuse_prevention: optional PasswordReusePrevention = "PasswordReusePrevention" as "passwordReusePrevention",
            new None, with_password_reuse_prevention;
        /// `HardExpiry` (absent is not `false`: absent leaves it unset).
        hard_expiry: optional bool = "HardExpiry" as "hardExpiry", new None, with_hard_expiry;
    } -> UpdateAccountPasswordPolicyResponse {
        ///
        /// ```
        /// use iam_login_profile::UpdateAccountPasswordPolicyResponse;
        ///
        /// let xml = std::fs::read("tests/data/moto-response-update-account-password-policy-empty-200.xml").unwrap();
        /// let response = UpdateAccountPasswordPolicyResponse::decode(&xml).unwrap();
        /// assert_eq!(response.request_id.unwrap(), "zMUCdYJIOWROo7iGddOmUpZKz8r1vITvd5V32KTkwB7GtgHiYYh5");
        /// ```
    }

    /// `DeleteAccountPasswordPolicy`: remove the account's password policy (AWS's default
    /// applies again).
    DeleteAccountPasswordPolicy => DeleteAccountPasswordPolicyRequest {
        /// The `DeleteAccountPasswordPolicy` request (no members).
        #[derive(Default)]
        new();
    } -> DeleteAccountPasswordPolicyResponse {
        ///
        /// ```
        /// use iam_login_profile::{DeleteAccountPasswordPolicyResponse, RequestId};
        ///
        /// let response = DeleteAccountPasswordPolicyResponse::new(Some(RequestId::from_static("req-1")));
        /// assert_eq!(DeleteAccountPasswordPolicyResponse::decode(response.to_xml().as_bytes()).unwrap(), response);
        /// ```
    }
}

impl From<&UpdateAccountPasswordPolicyRequest<'_>> for PasswordPolicy {
    /// The policy an update sets: every member it leaves out at its default.
    fn from(r: &UpdateAccountPasswordPolicyRequest<'_>) -> Self {
        let mut policy = PasswordPolicy::default();
        if let Some(n) = r.minimum_password_length {
            policy.minimum_password_length = n;
        }
        policy.require_symbols = r.require_symbols.unwrap_or(false);
        policy.require_numbers = r.require_numbers.unwrap_or(false);
        policy.require_uppercase_characters = r.require_uppercase_characters.unwrap_or(false);
        policy.require_lowercase_characters = r.require_lowercase_characters.unwrap_or(false);
        policy.allow_users_to_change_password = r.allow_users_to_change_password.unwrap_or(false);
        policy.max_password_age = r.max_password_age;
        policy.password_reuse_prevention = r.password_reuse_prevention;
        policy.hard_expiry = r.hard_expiry;
        policy
    }
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

impl<'a> Request<'a> {
    /// Decodes a query string or form body (without the leading `?`) of any action of
    /// the table.
    ///
    /// # Errors
    ///
    /// [`RequestError`], with the AWS error to answer: an action outside the table is
    /// `InvalidAction`.
    pub fn decode(input: &'a [u8]) -> Result<Self, RequestError> {
        decode::decode_parts(&[(input, 0)])
    }

    pub(crate) fn decode_parts(parts: &[(&'a [u8], usize)]) -> Result<Self, RequestError> {
        decode::decode_parts(parts)
    }

    /// [`Request::decode`] on the general splitter only (no shortcut for botocore's
    /// shape): the reference the `family_request` fuzz target holds the shortcut to.
    #[cfg(any(fuzzing, feature = "__internal"))]
    pub(crate) fn decode_general(input: &'a [u8]) -> Result<Self, RequestError> {
        decode::decode_parts_general(&[(input, 0)])
    }

    /// The user the request names, when its operation has a `UserName` member and it is
    /// present (`None` also means the caller).
    pub fn user_name(&self) -> Option<&UserName<'_>> {
        let mut found = None;
        self.for_each_member(|member, value| {
            if let ("UserName", ValueRef::UserName(name)) = (member.wire_name(), value) {
                found = Some(name);
            }
        });
        found
    }

    /// The form body as a new `String`.
    pub fn to_query_string(&self) -> String {
        let mut out = String::with_capacity(96);
        self.encode(&mut out);
        out
    }

    /// `POST uri` with the form body and botocore's `Content-Type` (feature `http`).
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn to_http_request(&self, uri: ::http::Uri) -> ::http::Request<String> {
        crate::http_glue::form_request(uri, self.to_query_string())
    }
}

/// Every piece the table derives follows each of its operations, whichever they are: these
/// tests name no operation, so a new table entry is checked by them without an edit.
#[cfg(all(test, feature = "__internal", feature = "serde"))]
mod tests {
    use super::*;
    use crate::{DecodeOptions, ErrorCode};

    /// Bytes for `arbitrary`, varied by `seed`.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    /// What the tests below check of one operation `Q`, from the table alone.
    struct Follows {
        visited: Vec<Action>,
    }

    impl OperationVisitor for Follows {
        fn visit<Q>(&mut self)
        where
            Q: Operation + Into<Request<'static>> + MaybeSerde + for<'u> arbitrary::Arbitrary<'u> + 'static,
            Q::Response<'static>: for<'u> arbitrary::Arbitrary<'u>,
        {
            let action = Q::ACTION;
            self.visited.push(action);
            for seed in 0..200 {
                let data = noise(seed, 4096);
                let mut u = arbitrary::Unstructured::new(&data);
                let (typed, response) = u.arbitrary::<(Q, Q::Response<'static>)>().unwrap();
                let request: Request<'static> = typed.clone().into();
                assert_eq!(request.action(), action);
                // The encoder writes `Action`, `Version`, then every member present, in
                // the table's order.
                let body = typed.to_query_string();
                let mut expected = vec!["Action", "Version"];
                request.for_each_member(|member, _| expected.push(member.wire_name()));
                let keys: Vec<&str> = body.split('&').map(|pair| pair.split('=').next().unwrap()).collect();
                assert_eq!(keys, expected, "{body}");
                assert!(body.starts_with(&format!("Action={action}&Version={VERSION}")));
                // The decoder reads it back, on both paths, typed and dispatched.
                assert_eq!(Request::decode(body.as_bytes()).as_ref(), Ok(&request));
                assert_eq!(Request::decode_general(body.as_bytes()).as_ref(), Ok(&request));
                assert_eq!(Q::decode_as_request(body.as_bytes()).as_ref(), Ok(&request));
                // Any order reads the same.
                let mut pairs: Vec<&str> = body.split('&').collect();
                pairs.reverse();
                assert_eq!(Request::decode(pairs.join("&").as_bytes()).as_ref(), Ok(&request));
                // Serde: the wire names, and back (the passwords written out as asked).
                let json = serde_json::to_value(crate::password::Revealed(&typed)).unwrap();
                let object = json.as_object().unwrap();
                assert!(
                    object
                        .keys()
                        .all(|k| action.members().iter().any(|m| m.wire_name() == k))
                );
                let again: Q = serde_json::from_value(json.clone()).unwrap();
                assert_eq!(again, typed);
                // The response follows the request's type, both ways.
                let mut xml = String::new();
                response.encode(&mut xml);
                assert!(xml.starts_with(&format!("<{action}Response ")), "{xml}");
                let decoded = Q::Response::decode_with(xml.as_bytes(), &DecodeOptions::new()).unwrap();
                assert_eq!(Q::response_into_owned(decoded), response);
            }
            // Every member's errors name it as the table does; a required one is missing.
            for member in action.members() {
                let bad = format!("Action={action}&Version={VERSION}&{}=%00", member.wire_name());
                let err = Request::decode(bad.as_bytes()).unwrap_err();
                assert_eq!(err.code(), ErrorCode::VALIDATION_ERROR, "{bad}");
                let RequestError::Validation(v) = &err else {
                    panic!("{err:?}")
                };
                assert!(v.errors().iter().any(|e| e.member() == *member), "{err:?}");
                assert!(
                    err.message().contains(&format!("at '{}'", member.message_name())),
                    "{}",
                    err.message()
                );
                if member.is_required() {
                    let err = Request::decode(format!("Action={action}&Version={VERSION}").as_bytes()).unwrap_err();
                    assert!(
                        err.message()
                            .contains(&format!("Value null at '{}' failed", member.message_name())),
                        "{}",
                        err.message()
                    );
                }
            }
            // A member of no operation is refused.
            let unknown = format!("Action={action}&Version={VERSION}&NoSuchMember=1");
            assert_eq!(
                Request::decode(unknown.as_bytes()),
                Err(RequestError::UnknownParameter {
                    action,
                    name: "NoSuchMember".to_owned()
                })
            );
        }
    }

    #[test]
    fn every_derived_piece_follows_every_operation() {
        let mut follows = Follows { visited: Vec::new() };
        each_operation(&mut follows);
        assert_eq!(follows.visited, Action::ALL);
    }

    #[test]
    fn arbitrary_requests_reach_every_operation() {
        let mut seen = Vec::new();
        for seed in 0..400 {
            let data = noise(seed, 64);
            let request: Request<'_> = arbitrary::Unstructured::new(&data).arbitrary().unwrap();
            if !seen.contains(&request.action()) {
                seen.push(request.action());
            }
        }
        seen.sort_by_key(|a| Action::ALL.iter().position(|b| b == a));
        assert_eq!(seen, Action::ALL);
    }

    #[test]
    fn wire_names_and_member_bounds_come_from_the_table() {
        let most = Action::ALL.iter().map(|a| a.members().len()).max().unwrap();
        assert_eq!(MAX_MEMBERS, most);
        let all: usize = Action::ALL.iter().map(|a| a.members().len()).sum();
        assert_eq!(WIRE_NAMES.len(), all);
        for action in Action::ALL {
            for member in action.members() {
                assert!(WIRE_NAMES.contains(&member.wire_name()));
            }
        }
    }
}
