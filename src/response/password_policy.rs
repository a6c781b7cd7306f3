//! The responses of `ChangePassword` and the account password-policy operations: three
//! carry only the request id; `GetAccountPasswordPolicy` carries the [`PasswordPolicy`].
//!
//! ```xml
//! <GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
//!   <GetAccountPasswordPolicyResult>
//!     <PasswordPolicy>
//!       <MinimumPasswordLength>12</MinimumPasswordLength>
//!       <RequireSymbols>true</RequireSymbols>
//!       …
//!       <ExpirePasswords>true</ExpirePasswords>
//!       <MaxPasswordAge>90</MaxPasswordAge>
//!     </PasswordPolicy>
//!   </GetAccountPasswordPolicyResult>
//!   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
//! </GetAccountPasswordPolicyResponse>
//! ```
//!
//! Written as IAM writes it: the members in the model's order, unset ones left out,
//! `ExpirePasswords` derived. Read as IAM and moto write it: moto's `MaxPasswordAge` 0 is
//! "not set"; an absent member has the value an empty update gives it; an
//! `ExpirePasswords` that contradicts `MaxPasswordAge`, a number out of its range and a
//! boolean other than `true`/`false` are errors naming the member.

use std::borrow::Cow;

use super::{DecodeError, EncodeResponse, NAMESPACE, XML_NAMESPACE, encode_metadata, parse_bool, read_query_response};
use crate::RequestId;
use crate::operation::ValueError;
use crate::password_policy::{MaxPasswordAge, MinimumPasswordLength, PasswordPolicy, PasswordReusePrevention};
use crate::xml::{self, Cursor, DecodeOptions, Document, Fail, Tokens, required, set_once};

const POLICY: &str = "PasswordPolicy";
const ROOT: &str = "GetAccountPasswordPolicyResponse";
const RESULT: &str = "GetAccountPasswordPolicyResult";

/// The members of `PasswordPolicy`, in the model's order.
const MEMBERS: [&str; 10] = [
    "MinimumPasswordLength",
    "RequireSymbols",
    "RequireNumbers",
    "RequireUppercaseCharacters",
    "RequireLowercaseCharacters",
    "AllowUsersToChangePassword",
    "ExpirePasswords",
    "MaxPasswordAge",
    "PasswordReusePrevention",
    "HardExpiry",
];

/// The `GetAccountPasswordPolicy` success response: the account's policy and the request
/// id. (With no policy set, IAM answers `NoSuchEntity`:
/// [`ErrorResponse::no_password_policy`](crate::ErrorResponse::no_password_policy).)
///
/// Serde gives boto3's shape: `{"PasswordPolicy": {…}, "ResponseMetadata": {"RequestId": …}}`.
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
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GetAccountPasswordPolicyResponse<'a> {
    /// The account's policy.
    #[cfg_attr(feature = "serde", serde(rename = "PasswordPolicy"))]
    pub password_policy: PasswordPolicy,
    /// `ResponseMetadata/RequestId`, when the response carries one.
    #[cfg_attr(
        feature = "serde",
        serde(
            rename = "ResponseMetadata",
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::metadata"
        )
    )]
    pub request_id: Option<RequestId<'a>>,
}

impl<'a> GetAccountPasswordPolicyResponse<'a> {
    /// The document's description.
    pub(crate) const DOCUMENT: PolicyDocument = PolicyDocument;

    /// A response with the given policy and request id.
    pub fn new(password_policy: PasswordPolicy, request_id: Option<RequestId<'a>>) -> Self {
        GetAccountPasswordPolicyResponse {
            password_policy,
            request_id,
        }
    }

    /// Decodes the body of a `200 OK` with the default [`DecodeOptions`].
    ///
    /// # Errors
    ///
    /// [`DecodeError`]: what is malformed or missing, where, or which member's value is
    /// not valid.
    pub fn decode(input: &'a [u8]) -> Result<Self, DecodeError> {
        Self::decode_with(input, &DecodeOptions::new())
    }

    /// Decodes the body of a `200 OK`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`]: what is malformed or missing, where, or which member's value is
    /// not valid.
    pub fn decode_with(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
        Self::from_document(xml::decode(input, options, &Self::DOCUMENT)?)
    }

    /// The response from what its document holds, each value checked.
    pub(crate) fn from_document(
        (policy, request_id): (PolicyText<'a>, Option<RequestId<'a>>),
    ) -> Result<Self, DecodeError> {
        Ok(GetAccountPasswordPolicyResponse {
            password_policy: policy.check()?,
            request_id,
        })
    }

    /// Appends the XML IAM sends (namespace, 2-space indentation, final newline) to `out`.
    pub fn encode(&self, out: &mut String) {
        let p = &self.password_policy;
        out.push_str("<GetAccountPasswordPolicyResponse xmlns=\"");
        out.push_str(XML_NAMESPACE);
        out.push_str("\">\n  <GetAccountPasswordPolicyResult>\n    <PasswordPolicy>\n");
        let mut member = |name: &str, value: &dyn std::fmt::Display| {
            use std::fmt::Write;
            let _ = writeln!(out, "      <{name}>{value}</{name}>");
        };
        member(MEMBERS[0], &p.minimum_password_length);
        member(MEMBERS[1], &p.require_symbols);
        member(MEMBERS[2], &p.require_numbers);
        member(MEMBERS[3], &p.require_uppercase_characters);
        member(MEMBERS[4], &p.require_lowercase_characters);
        member(MEMBERS[5], &p.allow_users_to_change_password);
        member(MEMBERS[6], &p.expire_passwords());
        if let Some(age) = p.max_password_age {
            member(MEMBERS[7], &age);
        }
        if let Some(n) = p.password_reuse_prevention {
            member(MEMBERS[8], &n);
        }
        if let Some(hard) = p.hard_expiry {
            member(MEMBERS[9], &hard);
        }
        out.push_str("    </PasswordPolicy>\n  </GetAccountPasswordPolicyResult>\n");
        encode_metadata(out, self.request_id.as_ref());
        out.push_str("</GetAccountPasswordPolicyResponse>\n");
    }

    /// The XML IAM sends, as a new `String`.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(768);
        self.encode(&mut out);
        out
    }

    /// Detaches the response from the input it was decoded from.
    pub fn into_owned(self) -> GetAccountPasswordPolicyResponse<'static> {
        GetAccountPasswordPolicyResponse {
            password_policy: self.password_policy,
            request_id: self.request_id.map(RequestId::into_owned),
        }
    }
}

impl EncodeResponse for GetAccountPasswordPolicyResponse<'_> {
    fn encode(&self, out: &mut String) {
        GetAccountPasswordPolicyResponse::encode(self, out)
    }
    fn request_id(&self) -> Option<&RequestId<'_>> {
        self.request_id.as_ref()
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for GetAccountPasswordPolicyResponse<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(GetAccountPasswordPolicyResponse {
            password_policy: u.arbitrary()?,
            request_id: u.arbitrary()?,
        })
    }
}

/// The members of a `PasswordPolicy` as read, in [`MEMBERS`]' order, before their values
/// are checked ([`PolicyText::check`], once the whole document has been read).
pub(crate) struct PolicyText<'a>([Option<Cow<'a, str>>; 10]);

impl PolicyText<'_> {
    /// The policy, or the first member (in the model's order) whose value is not valid.
    pub(crate) fn check(self) -> Result<PasswordPolicy, DecodeError> {
        let [min, symbols, numbers, upper, lower, allow, expire, age, reuse, hard] = self.0;
        let invalid = |member: usize| move |cause: ValueError| DecodeError::invalid(MEMBERS[member], POLICY, cause);
        let flag = |text: Option<Cow<'_, str>>, member: usize| {
            text.map(|t| parse_bool(&t).map_err(invalid(member))).transpose()
        };
        let integer = |text: &Option<Cow<'_, str>>, member: usize| -> Result<Option<i64>, DecodeError> {
            match text.as_deref() {
                None => Ok(None),
                Some(t) => t
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| invalid(member)(ValueError::Integer { found: t.to_owned() })),
            }
        };
        let mut policy = PasswordPolicy::default();
        if let Some(n) = integer(&min, 0)? {
            policy.minimum_password_length =
                MinimumPasswordLength::new(n).map_err(|e| invalid(0)(ValueError::Range(e)))?;
        }
        policy.require_symbols = flag(symbols, 1)?.unwrap_or(false);
        policy.require_numbers = flag(numbers, 2)?.unwrap_or(false);
        policy.require_uppercase_characters = flag(upper, 3)?.unwrap_or(false);
        policy.require_lowercase_characters = flag(lower, 4)?.unwrap_or(false);
        policy.allow_users_to_change_password = flag(allow, 5)?.unwrap_or(false);
        let expire = flag(expire, 6)?;
        policy.max_password_age = match integer(&age, 7)? {
            // What moto writes for "not set".
            None | Some(0) => None,
            Some(n) => Some(MaxPasswordAge::new(n).map_err(|e| invalid(7)(ValueError::Range(e)))?),
        };
        if expire.is_some_and(|expire| expire != policy.expire_passwords()) {
            return Err(invalid(6)(ValueError::Contradicts { other: MEMBERS[7] }));
        }
        policy.password_reuse_prevention = integer(&reuse, 8)?
            .map(|n| PasswordReusePrevention::new(n).map_err(|e| invalid(8)(ValueError::Range(e))))
            .transpose()?;
        policy.hard_expiry = flag(hard, 9)?;
        Ok(policy)
    }
}

/// The document of `GetAccountPasswordPolicy`'s response.
pub(crate) struct PolicyDocument;

impl<'a> Document<'a> for PolicyDocument {
    type Output = (PolicyText<'a>, Option<RequestId<'a>>);

    fn namespace(&self) -> xml::Namespace {
        NAMESPACE
    }

    fn read<T: Tokens<'a>>(&self, c: &mut Cursor<T>) -> Result<Self::Output, Fail> {
        let mut policy = None;
        let request_id = read_query_response(c, ROOT, Some(RESULT), &[POLICY], |c, member, offset| match member {
            0 => {
                let p = read_policy(c)?;
                set_once(&mut policy, p, POLICY, RESULT, offset)
            }
            _ => c.skip(),
        })?;
        Ok((required(policy, POLICY, RESULT)?, request_id))
    }
}

fn read_policy<'a, T: Tokens<'a>>(c: &mut Cursor<T>) -> Result<PolicyText<'a>, Fail> {
    let mut members: [Option<Cow<'a, str>>; 10] = Default::default();
    while let Some((index, offset)) = c.next_member(&MEMBERS)? {
        match members.get_mut(index) {
            Some(slot) => {
                let text = c.text(MEMBERS[index])?;
                set_once(slot, text, MEMBERS[index], POLICY, offset)?;
            }
            None => c.skip()?,
        }
    }
    Ok(PolicyText(members))
}
