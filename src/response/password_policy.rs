//! The [`PasswordPolicy`] as `GetAccountPasswordPolicy`'s result holds it (the table of
//! operations writes the response around it).
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

use super::{DecodeError, ResultMember, parse_bool};
use crate::operation::ValueError;
use crate::password_policy::{MaxPasswordAge, MinimumPasswordLength, PasswordPolicy, PasswordReusePrevention};
use crate::xml::{Cursor, Fail, Tokens, set_once};

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

impl<'a> ResultMember<'a> for PasswordPolicy {
    type Text = PolicyText<'a>;
    type Owned = PasswordPolicy;

    fn read<T: Tokens<'a>>(c: &mut Cursor<T>, policy: &'static str) -> Result<PolicyText<'a>, Fail> {
        let mut members: [Option<Cow<'a, str>>; 10] = Default::default();
        while let Some((index, offset)) = c.next_member(&MEMBERS)? {
            match members.get_mut(index) {
                Some(slot) => {
                    let text = c.text(MEMBERS[index])?;
                    set_once(slot, text, MEMBERS[index], policy, offset)?;
                }
                None => c.skip()?,
            }
        }
        Ok(PolicyText(members))
    }

    fn check(text: PolicyText<'a>, policy: &'static str) -> Result<Self, DecodeError> {
        text.check(policy)
    }

    /// The members in the model's order, unset ones left out, `ExpirePasswords` derived.
    fn encode_children(&self, out: &mut String) {
        let mut member = |name: &str, value: &dyn std::fmt::Display| {
            use std::fmt::Write;
            let _ = writeln!(out, "      <{name}>{value}</{name}>");
        };
        member(MEMBERS[0], &self.minimum_password_length);
        member(MEMBERS[1], &self.require_symbols);
        member(MEMBERS[2], &self.require_numbers);
        member(MEMBERS[3], &self.require_uppercase_characters);
        member(MEMBERS[4], &self.require_lowercase_characters);
        member(MEMBERS[5], &self.allow_users_to_change_password);
        member(MEMBERS[6], &self.expire_passwords());
        if let Some(age) = self.max_password_age {
            member(MEMBERS[7], &age);
        }
        if let Some(n) = self.password_reuse_prevention {
            member(MEMBERS[8], &n);
        }
        if let Some(hard) = self.hard_expiry {
            member(MEMBERS[9], &hard);
        }
    }

    fn into_owned(self) -> PasswordPolicy {
        self
    }
}

/// The members of a `PasswordPolicy` as read, in [`MEMBERS`]' order, before their values
/// are checked ([`PolicyText::check`], once the whole document has been read).
pub(crate) struct PolicyText<'a>([Option<Cow<'a, str>>; 10]);

impl PolicyText<'_> {
    /// The policy, or the first member (in the model's order) whose value is not valid.
    fn check(self, policy: &'static str) -> Result<PasswordPolicy, DecodeError> {
        let [min, symbols, numbers, upper, lower, allow, expire, age, reuse, hard] = self.0;
        let invalid = |member: usize| move |cause: ValueError| DecodeError::invalid(MEMBERS[member], policy, cause);
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
