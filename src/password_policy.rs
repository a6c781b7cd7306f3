//! The account password policy and the rules IAM checks every console password against:
//! the value types of `UpdateAccountPasswordPolicy` and `GetAccountPasswordPolicy`, AWS's
//! default policy for an account that has set none, the check itself and password expiry,
//! all pure functions.
//!
//! IAM checks a password whenever one is set: `CreateLoginProfile`, `UpdateLoginProfile`
//! with a `Password`, and `ChangePassword`. The rules (from the IAM API reference of
//! `UpdateAccountPasswordPolicy`, and docs/protocol.md in the repository):
//!
//! - **length** at least `MinimumPasswordLength` characters (6 to 128; a password is at most
//!   128 characters in any case), counted in characters as `passwordType`'s length is;
//! - **uppercase** / **lowercase**: a letter of the ISO basic Latin alphabet, `A`–`Z` /
//!   `a`–`z` only (`À` is a character a password may hold, but not an uppercase letter here);
//! - **numbers**: `0`–`9`;
//! - **symbols**: exactly the twenty characters of [`SYMBOLS`],
//!   `` ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' ``; other punctuation (a space, `~`, `.`,
//!   `?` …) counts toward the length but is not a symbol;
//! - **reuse**: not one of the user's previous `PasswordReusePrevention` passwords. The
//!   crate stores nothing: the caller answers "was this one of the last N?" through a
//!   predicate ([`PasswordCheck::previous_passwords`]), over whatever it keeps (salted
//!   digests, say).
//!
//! With no policy set, AWS applies its own default ([`AwsDefaultPolicy`]): 8 characters,
//! three of the four character types, and not the account name or e-mail address (which
//! only the caller knows, so it passes them in when it has them).
//!
//! ```
//! use iam_login_profile::Password;
//! use iam_login_profile::password_policy::{PasswordCheck, PasswordPolicy, PolicyInForce, Rule};
//!
//! // No policy set: AWS's default applies.
//! let weak = Password::new("abc")?;
//! let violation = PasswordCheck::new(PolicyInForce::AwsDefault).check(&weak).unwrap_err();
//! assert_eq!(
//!     violation.rules().collect::<Vec<_>>(),
//!     [Rule::MinimumLength(8), Rule::CharacterTypes { needed: 2, missing: Rule::UPPERCASE | Rule::NUMBERS | Rule::SYMBOLS }]
//! );
//! assert_eq!(
//!     violation.to_string(),
//!     "Password should have at least 8 characters. Password should meet 2 more of the following requirements: \
//!      Password should have at least one uppercase letter, Password should have at least one number, \
//!      Password should have at least one symbol."
//! );
//! let error = violation.to_error_response(None); // 400 PasswordPolicyViolation
//! assert_eq!(error.http_status(), 400);
//!
//! // A policy of the account's own.
//! let mut policy = PasswordPolicy::default();
//! policy.minimum_password_length = 12.try_into()?;
//! policy.require_symbols = true;
//! let check = PasswordCheck::new(PolicyInForce::Account(&policy));
//! assert!(check.check(&Password::new("correct horse battery staple!")?).is_ok());
//! let violation = check.check(&Password::new("correct horse battery staple")?).unwrap_err();
//! assert_eq!(violation.rules().collect::<Vec<_>>(), [Rule::Symbols]);
//! // IAM names no rule of an account's own policy; `details()` does, for a log.
//! assert_eq!(violation.to_string(), "Password does not conform to the account password policy.");
//! assert_eq!(violation.details().to_string(), "Password should have at least one symbol.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use time::Duration;

use crate::error_response::{ErrorCode, ErrorResponse};
use crate::password::Password;
use crate::text::RequestId;
use crate::timestamp::Timestamp;

/// The twenty characters IAM counts as symbols, exactly as its documentation lists them.
pub const SYMBOLS: &str = "!@#$%^&*()_+-=[]{}|'";

/// Why a number is not a value of one of the policy's integer members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeError {
    /// The smallest value allowed.
    pub min: u16,
    /// The largest value allowed.
    pub max: u16,
    /// The value refused.
    pub found: i64,
}

impl RangeError {
    /// The constraint IAM's `ValidationError` names for this value (without the value, as
    /// IAM writes it for the integer members): `Member must have value greater than or
    /// equal to 6`, or `… less than or equal to 128`.
    pub fn aws_constraint(&self) -> String {
        if self.found < i64::from(self.min) {
            format!("Member must have value greater than or equal to {}", self.min)
        } else {
            format!("Member must have value less than or equal to {}", self.max)
        }
    }
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a value from {} to {}, found {}",
            self.min, self.max, self.found
        )
    }
}

impl std::error::Error for RangeError {}

/// Writes an integer member type: a newtype over `$repr` that holds `$min..=$max` only.
macro_rules! bounded {
    ($(#[$doc:meta])* $name:ident, $repr:ty, $min:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "i64", into = "i64"))]
        pub struct $name($repr);

        impl $name {
            /// The smallest value IAM accepts.
            pub const MIN: $name = $name($min);
            /// The largest value IAM accepts.
            pub const MAX: $name = $name($max);

            /// The value, when it is in range.
            ///
            /// # Errors
            ///
            /// [`RangeError`] when `value` is outside the range.
            pub fn new(value: i64) -> Result<Self, RangeError> {
                if ($min..=$max).contains(&value) {
                    Ok($name(value as $repr))
                } else {
                    Err(RangeError { min: $min, max: $max, found: value })
                }
            }

            /// The value.
            pub const fn get(self) -> $repr {
                self.0
            }
        }

        impl TryFrom<i64> for $name {
            type Error = RangeError;
            fn try_from(value: i64) -> Result<Self, RangeError> {
                $name::new(value)
            }
        }

        impl From<$name> for i64 {
            fn from(value: $name) -> i64 {
                i64::from(value.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a> arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                Ok($name(u.int_in_range($min..=$max)?))
            }
        }
    };
}

bounded!(
    /// `MinimumPasswordLength`: 6 to 128 characters (`minimumPasswordLengthType`).
    MinimumPasswordLength, u8, 6, 128
);
bounded!(
    /// `MaxPasswordAge`: 1 to 1095 days (`maxPasswordAgeType`). A policy without it never
    /// expires passwords.
    MaxPasswordAge, u16, 1, 1095
);
bounded!(
    /// `PasswordReusePrevention`: 1 to 24 previous passwords (`passwordReusePreventionType`).
    PasswordReusePrevention, u8, 1, 24
);

/// An account's password policy: what `GetAccountPasswordPolicy` returns, and what an
/// `UpdateAccountPasswordPolicy` sets.
///
/// [`Default`] is what an update that names no member sets (the update replaces the whole
/// policy, and every member it omits reverts to this): length 6, no requirement, users not
/// allowed to change their password, no expiry, no reuse prevention, `HardExpiry` unset.
/// It is not what applies when no policy is set: that is [`AwsDefaultPolicy`].
///
/// Serde gives boto3's `PasswordPolicy` dict: the members IAM names, `ExpirePasswords`
/// (derived) included, unset ones left out. Reading, `"MaxPasswordAge": 0` is "not set" (what
/// moto writes), and an `ExpirePasswords` that contradicts `MaxPasswordAge` is an error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PasswordPolicyJson", into = "PasswordPolicyJson")
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[non_exhaustive]
pub struct PasswordPolicy {
    /// `MinimumPasswordLength`.
    pub minimum_password_length: MinimumPasswordLength,
    /// `RequireSymbols`: at least one of [`SYMBOLS`].
    pub require_symbols: bool,
    /// `RequireNumbers`: at least one of `0`–`9`.
    pub require_numbers: bool,
    /// `RequireUppercaseCharacters`: at least one of `A`–`Z`.
    pub require_uppercase_characters: bool,
    /// `RequireLowercaseCharacters`: at least one of `a`–`z`.
    pub require_lowercase_characters: bool,
    /// `AllowUsersToChangePassword`: every IAM user may call `ChangePassword` on their own
    /// password (and `GetAccountPasswordPolicy`) without a policy granting it.
    pub allow_users_to_change_password: bool,
    /// `MaxPasswordAge`: days a password is valid; `None`, never expires.
    pub max_password_age: Option<MaxPasswordAge>,
    /// `PasswordReusePrevention`: how many previous passwords may not be reused; `None`, no
    /// such rule.
    pub password_reuse_prevention: Option<PasswordReusePrevention>,
    /// `HardExpiry`: after expiry only an administrator can reset the password. `None` is
    /// "not set", which IAM omits from the policy it returns and treats as `false`.
    pub hard_expiry: Option<bool>,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            minimum_password_length: MinimumPasswordLength::MIN,
            require_symbols: false,
            require_numbers: false,
            require_uppercase_characters: false,
            require_lowercase_characters: false,
            allow_users_to_change_password: false,
            max_password_age: None,
            password_reuse_prevention: None,
            hard_expiry: None,
        }
    }
}

impl PasswordPolicy {
    /// `ExpirePasswords`, which IAM derives: does the policy set a `MaxPasswordAge`?
    pub fn expire_passwords(&self) -> bool {
        self.max_password_age.is_some()
    }
}

/// [`PasswordPolicy`] as boto3's dict, in the model's member order.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct PasswordPolicyJson {
    #[serde(default = "six")]
    minimum_password_length: i64,
    #[serde(default)]
    require_symbols: bool,
    #[serde(default)]
    require_numbers: bool,
    #[serde(default)]
    require_uppercase_characters: bool,
    #[serde(default)]
    require_lowercase_characters: bool,
    #[serde(default)]
    allow_users_to_change_password: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expire_passwords: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_password_age: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    password_reuse_prevention: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hard_expiry: Option<bool>,
}

#[cfg(feature = "serde")]
fn six() -> i64 {
    MinimumPasswordLength::MIN.get().into()
}

#[cfg(feature = "serde")]
impl From<PasswordPolicy> for PasswordPolicyJson {
    fn from(p: PasswordPolicy) -> Self {
        PasswordPolicyJson {
            minimum_password_length: p.minimum_password_length.into(),
            require_symbols: p.require_symbols,
            require_numbers: p.require_numbers,
            require_uppercase_characters: p.require_uppercase_characters,
            require_lowercase_characters: p.require_lowercase_characters,
            allow_users_to_change_password: p.allow_users_to_change_password,
            expire_passwords: Some(p.expire_passwords()),
            max_password_age: p.max_password_age.map(Into::into),
            password_reuse_prevention: p.password_reuse_prevention.map(Into::into),
            hard_expiry: p.hard_expiry,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<PasswordPolicyJson> for PasswordPolicy {
    type Error = String;

    fn try_from(j: PasswordPolicyJson) -> Result<Self, String> {
        fn member(name: &'static str) -> impl Fn(RangeError) -> String {
            move |e| format!("invalid `{name}`: {e}")
        }
        let max_password_age = match j.max_password_age {
            None | Some(0) => None,
            Some(days) => Some(MaxPasswordAge::new(days).map_err(member("MaxPasswordAge"))?),
        };
        let policy = PasswordPolicy {
            minimum_password_length: MinimumPasswordLength::new(j.minimum_password_length)
                .map_err(member("MinimumPasswordLength"))?,
            require_symbols: j.require_symbols,
            require_numbers: j.require_numbers,
            require_uppercase_characters: j.require_uppercase_characters,
            require_lowercase_characters: j.require_lowercase_characters,
            allow_users_to_change_password: j.allow_users_to_change_password,
            max_password_age,
            password_reuse_prevention: j
                .password_reuse_prevention
                .map(PasswordReusePrevention::new)
                .transpose()
                .map_err(member("PasswordReusePrevention"))?,
            hard_expiry: j.hard_expiry,
        };
        match j.expire_passwords {
            Some(expire) if expire != policy.expire_passwords() => Err(format!(
                "`ExpirePasswords` is {expire}, but `MaxPasswordAge` {} set",
                if policy.expire_passwords() { "is" } else { "is not" }
            )),
            _ => Ok(policy),
        }
    }
}

/// The policy AWS applies to an account that has set none (`GetAccountPasswordPolicy`
/// then answers `NoSuchEntity`: no policy does not mean no rules): at least
/// [`MIN_LENGTH`](Self::MIN_LENGTH) characters, at least
/// [`REQUIRED_TYPES`](Self::REQUIRED_TYPES) of the four character types (uppercase,
/// lowercase, numbers, symbols), and not identical to the account name or e-mail address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwsDefaultPolicy;

impl AwsDefaultPolicy {
    /// The shortest password the default policy accepts.
    pub const MIN_LENGTH: u8 = 8;
    /// How many of the four character types a password must hold.
    pub const REQUIRED_TYPES: u8 = 3;
}

/// The policy a password is checked against: the account's own, or AWS's default when the
/// account has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyInForce<'a> {
    /// The account's policy.
    Account(&'a PasswordPolicy),
    /// No policy set: [`AwsDefaultPolicy`].
    AwsDefault,
}

impl<'a> From<&'a PasswordPolicy> for PolicyInForce<'a> {
    fn from(policy: &'a PasswordPolicy) -> Self {
        PolicyInForce::Account(policy)
    }
}

impl<'a> From<Option<&'a PasswordPolicy>> for PolicyInForce<'a> {
    fn from(policy: Option<&'a PasswordPolicy>) -> Self {
        policy.map_or(PolicyInForce::AwsDefault, PolicyInForce::Account)
    }
}

/// A rule a password failed, in the order [`PolicyViolation::rules`] gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// Fewer characters than this.
    MinimumLength(u8),
    /// No uppercase letter (`A`–`Z`), which the account's policy requires.
    Uppercase,
    /// No lowercase letter (`a`–`z`), which the account's policy requires.
    Lowercase,
    /// No number (`0`–`9`), which the account's policy requires.
    Numbers,
    /// None of [`SYMBOLS`], which the account's policy requires.
    Symbols,
    /// AWS's default policy: `needed` more of the character types are required, out of the
    /// `missing` ones (a set of [`Rule::UPPERCASE`], [`Rule::LOWERCASE`], [`Rule::NUMBERS`],
    /// [`Rule::SYMBOLS`]).
    CharacterTypes {
        /// How many more types the password must hold.
        needed: u8,
        /// The types it does not hold.
        missing: u8,
    },
    /// Identical to the account name (AWS's default policy).
    AccountName,
    /// Identical to the account's e-mail address (AWS's default policy).
    Email,
    /// One of the user's previous passwords, within the policy's reuse window.
    Reused(u8),
}

impl Rule {
    /// The uppercase type, in [`Rule::CharacterTypes`]'s set.
    pub const UPPERCASE: u8 = 1;
    /// The lowercase type.
    pub const LOWERCASE: u8 = 2;
    /// The numbers type.
    pub const NUMBERS: u8 = 4;
    /// The symbols type.
    pub const SYMBOLS: u8 = 8;

    /// The four types in the order messages list them, with the rule of each alone.
    const TYPES: [(u8, Rule); 4] = [
        (Rule::UPPERCASE, Rule::Uppercase),
        (Rule::LOWERCASE, Rule::Lowercase),
        (Rule::NUMBERS, Rule::Numbers),
        (Rule::SYMBOLS, Rule::Symbols),
    ];
}

impl fmt::Display for Rule {
    /// The requirement as the `PasswordPolicyViolation` message states it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Rule::MinimumLength(n) => write!(f, "Password should have at least {n} characters"),
            Rule::Uppercase => f.write_str("Password should have at least one uppercase letter"),
            Rule::Lowercase => f.write_str("Password should have at least one lowercase letter"),
            Rule::Numbers => f.write_str("Password should have at least one number"),
            Rule::Symbols => f.write_str("Password should have at least one symbol"),
            Rule::CharacterTypes { needed, missing } => {
                write!(f, "Password should meet {needed} more of the following requirements: ")?;
                let mut first = true;
                for (bit, rule) in Rule::TYPES {
                    if missing & bit != 0 {
                        if !first {
                            f.write_str(", ")?;
                        }
                        first = false;
                        fmt::Display::fmt(&rule, f)?;
                    }
                }
                Ok(())
            }
            Rule::AccountName => f.write_str("Password should not be identical to the account name"),
            Rule::Email => f.write_str("Password should not be identical to the account email address"),
            Rule::Reused(n) => write!(f, "Password should not be one of your previous {n} passwords"),
        }
    }
}

/// What a password holds, counted in one pass: its length in characters and which of the
/// four character types it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Survey {
    characters: usize,
    types: u8,
}

/// Each byte's character type bit (0 for none), and whether it starts a character.
static BYTE_TYPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            Rule::UPPERCASE
        } else if c.is_ascii_lowercase() {
            Rule::LOWERCASE
        } else if c.is_ascii_digit() {
            Rule::NUMBERS
        } else {
            0
        };
        b += 1;
    }
    let symbols = SYMBOLS.as_bytes();
    let mut i = 0;
    while i < symbols.len() {
        table[symbols[i] as usize] = Rule::SYMBOLS;
        i += 1;
    }
    table
};

fn survey(password: &str) -> Survey {
    let mut types = 0;
    let mut continuations = 0;
    for &b in password.as_bytes() {
        types |= BYTE_TYPE[usize::from(b)];
        // A UTF-8 continuation byte (`10xxxxxx`) starts no character.
        continuations += usize::from(b & 0xC0 == 0x80);
    }
    Survey {
        characters: password.len() - continuations,
        types,
    }
}

/// The message IAM sends when a password fails an account's own policy, whatever the rule.
pub const ACCOUNT_POLICY_MESSAGE: &str = "Password does not conform to the account password policy.";

/// The rules a password failed: at least one. `Display` is the message IAM sends
/// ([`message`](Self::message)); [`to_error_response`](Self::to_error_response) is the error
/// to send; [`details`](Self::details) states every failed rule, for a log or a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyViolation {
    /// In [`Rule`]'s order; at most one of each kind, so never more than nine.
    rules: [Option<Rule>; 9],
    /// Failed against AWS's default policy (not an account's own).
    default_policy: bool,
}

impl PolicyViolation {
    /// Adds `rule` after the others. There is room for one of each kind.
    fn push(&mut self, rule: Rule) {
        if let Some(slot) = self.rules.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(rule);
        }
    }

    fn is_empty(&self) -> bool {
        self.rules[0].is_none()
    }

    /// Every rule the password failed, in the order the message states them.
    pub fn rules(&self) -> impl Iterator<Item = Rule> + '_ {
        self.rules.iter().flatten().copied()
    }

    /// The `PasswordPolicyViolation` (400, `Sender`) a server sends for it.
    pub fn to_error_response(&self, request_id: Option<RequestId<'_>>) -> ErrorResponse<'static> {
        ErrorResponse::password_policy_violation(&self.message(), request_id.map(RequestId::into_owned))
    }

    /// The error code: `PasswordPolicyViolation`.
    pub fn code(&self) -> ErrorCode<'static> {
        ErrorCode::PASSWORD_POLICY_VIOLATION
    }
}

/// Every failed rule as a sentence, in [`Rule`]'s order: what [`PolicyViolation::details`]
/// shows.
#[derive(Clone, Copy, Debug)]
pub struct Details<'v>(&'v PolicyViolation);

impl fmt::Display for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, rule) in self.0.rules().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{rule}.")?;
        }
        Ok(())
    }
}

impl PolicyViolation {
    /// The `PasswordPolicyViolation` message IAM sends: under AWS's default policy, each
    /// failed rule as a sentence (`Password should meet 2 more of the following
    /// requirements: …`); under an account's own policy, [`ACCOUNT_POLICY_MESSAGE`], which
    /// names no rule (docs/protocol.md §15.3 in the repository).
    pub fn message(&self) -> String {
        if self.default_policy {
            self.details().to_string()
        } else {
            ACCOUNT_POLICY_MESSAGE.to_owned()
        }
    }

    /// Every failed rule as a sentence, whichever the policy: for a log, or for a user the
    /// server chooses to tell more than IAM does.
    pub fn details(&self) -> Details<'_> {
        Details(self)
    }
}

impl fmt::Display for PolicyViolation {
    /// [`message`](Self::message).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.default_policy {
            self.details().fmt(f)
        } else {
            f.write_str(ACCOUNT_POLICY_MESSAGE)
        }
    }
}

impl std::error::Error for PolicyViolation {}

/// The caller's answer to "is this password one of the user's previous `n`?"
pub type WasUsed<'a> = &'a dyn Fn(&Password, u8) -> bool;

/// A check of a candidate password against the policy in force, with what only the caller
/// knows: the account name and e-mail (AWS's default policy refuses either as the
/// password) and the user's previous passwords (for `PasswordReusePrevention`).
///
/// The crate keeps nothing: [`check`](Self::check) is a pure function of what it is given.
pub struct PasswordCheck<'a> {
    policy: PolicyInForce<'a>,
    account_name: Option<&'a str>,
    email: Option<&'a str>,
    previous: Option<WasUsed<'a>>,
}

impl fmt::Debug for PasswordCheck<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordCheck")
            .field("policy", &self.policy)
            .field("account_name", &self.account_name)
            .field("email", &self.email)
            .field("previous", &self.previous.map(|_| ".."))
            .finish()
    }
}

impl<'a> PasswordCheck<'a> {
    /// A check against `policy` (`Option<&PasswordPolicy>` converts: `None` is AWS's
    /// default).
    pub fn new(policy: impl Into<PolicyInForce<'a>>) -> Self {
        PasswordCheck {
            policy: policy.into(),
            account_name: None,
            email: None,
            previous: None,
        }
    }

    /// The account name (its alias), which AWS's default policy refuses as a password.
    pub fn account_name(mut self, name: &'a str) -> Self {
        self.account_name = Some(name);
        self
    }

    /// The account's e-mail address, which AWS's default policy refuses as a password.
    pub fn email(mut self, email: &'a str) -> Self {
        self.email = Some(email);
        self
    }

    /// How to tell a reused password: `was_used(candidate, n)` answers whether `candidate`
    /// is one of the user's previous `n` passwords. It is asked only when the account's
    /// policy sets `PasswordReusePrevention` (`n` is that value) and the other rules hold,
    /// so a caller that compares against stored digests does that work only for a
    /// password that could otherwise be accepted. Without it, reuse is not checked.
    pub fn previous_passwords(mut self, was_used: WasUsed<'a>) -> Self {
        self.previous = Some(was_used);
        self
    }

    /// Accepts `password`, or gives every rule it fails.
    ///
    /// # Errors
    ///
    /// [`PolicyViolation`] listing the failed rules.
    pub fn check(&self, password: &Password) -> Result<(), PolicyViolation> {
        let text = password.expose_secret();
        let survey = survey(text);
        let mut failed = PolicyViolation {
            rules: [None; 9],
            default_policy: self.policy == PolicyInForce::AwsDefault,
        };
        let mut push = |rule| failed.push(rule);
        match self.policy {
            PolicyInForce::Account(policy) => {
                let min = policy.minimum_password_length.get();
                if survey.characters < usize::from(min) {
                    push(Rule::MinimumLength(min));
                }
                for (required, (bit, rule)) in [
                    policy.require_uppercase_characters,
                    policy.require_lowercase_characters,
                    policy.require_numbers,
                    policy.require_symbols,
                ]
                .into_iter()
                .zip(Rule::TYPES)
                {
                    if required && survey.types & bit == 0 {
                        push(rule);
                    }
                }
            }
            PolicyInForce::AwsDefault => {
                if survey.characters < usize::from(AwsDefaultPolicy::MIN_LENGTH) {
                    push(Rule::MinimumLength(AwsDefaultPolicy::MIN_LENGTH));
                }
                let held = survey.types.count_ones() as u8;
                if held < AwsDefaultPolicy::REQUIRED_TYPES {
                    push(Rule::CharacterTypes {
                        needed: AwsDefaultPolicy::REQUIRED_TYPES - held,
                        missing: !survey.types & 0xF,
                    });
                }
                if self.account_name.is_some_and(|name| name == text) {
                    push(Rule::AccountName);
                }
                if self.email.is_some_and(|email| email == text) {
                    push(Rule::Email);
                }
            }
        }
        let reuse = match self.policy {
            PolicyInForce::Account(policy) => policy.password_reuse_prevention,
            PolicyInForce::AwsDefault => None,
        };
        if let (Some(window), Some(was_used), true) = (reuse, self.previous, failed.is_empty())
            && was_used(password, window.get())
        {
            failed.push(Rule::Reused(window.get()));
        }
        if failed.is_empty() { Ok(()) } else { Err(failed) }
    }
}

/// Where a password stands against the policy's `MaxPasswordAge`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// The policy sets no `MaxPasswordAge` (or there is no policy): passwords do not
    /// expire.
    Never,
    /// Valid until `expires_at` (exclusive). An instant past the last one a [`Timestamp`]
    /// holds (9999-12-31T23:59:59.999999999Z) is given as that last one.
    Valid {
        /// When it expires.
        expires_at: Timestamp,
    },
    /// Expired at `expired_at`. The user must set a new password at sign-in; with
    /// `HardExpiry`, only an administrator can reset it (`admin_reset_required`).
    Expired {
        /// When it expired.
        expired_at: Timestamp,
        /// `HardExpiry` is set: the user cannot choose a new password.
        admin_reset_required: bool,
    },
}

/// Has a password last changed at `last_changed` expired at `now` under `policy` (`None`:
/// no policy, AWS's default, which never expires passwords)? A password lives
/// `MaxPasswordAge` days of 86,400 seconds from its change.
pub fn expiry(policy: Option<&PasswordPolicy>, last_changed: Timestamp, now: Timestamp) -> Expiry {
    let Some(age) = policy.and_then(|p| p.max_password_age) else {
        return Expiry::Never;
    };
    let end = last_changed
        .to_offset_date_time()
        .checked_add(Duration::days(i64::from(age.get())))
        .and_then(|end| Timestamp::from_offset_date_time(end).ok());
    match end {
        // Past the last instant a `Timestamp` holds, which `now` cannot have reached.
        None => Expiry::Valid {
            expires_at: Timestamp::MAX,
        },
        Some(expires_at) if now < expires_at => Expiry::Valid { expires_at },
        Some(expired_at) => Expiry::Expired {
            expired_at,
            admin_reset_required: policy.and_then(|p| p.hard_expiry).unwrap_or(false),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(s: &str) -> Password {
        Password::new(s).unwrap()
    }

    #[test]
    fn survey_counts_characters_and_types() {
        assert_eq!(
            survey("aA1!"),
            Survey {
                characters: 4,
                types: 15
            }
        );
        assert_eq!(
            survey("ÀÉ~ ."),
            Survey {
                characters: 5,
                types: 0
            }
        );
        assert_eq!(survey("é".repeat(128).as_str()).characters, 128);
        for c in SYMBOLS.chars() {
            assert_eq!(survey(&c.to_string()).types, Rule::SYMBOLS, "{c}");
        }
        for c in " ~`\",./;:<>?\\\t".chars() {
            assert_eq!(survey(&c.to_string()).types, 0, "{c:?}");
        }
    }

    #[test]
    fn ranges_and_their_aws_constraints() {
        assert_eq!(MinimumPasswordLength::new(6).unwrap().get(), 6);
        assert_eq!(MinimumPasswordLength::new(128).unwrap().get(), 128);
        let low = MinimumPasswordLength::new(5).unwrap_err();
        assert_eq!(low.to_string(), "expected a value from 6 to 128, found 5");
        assert_eq!(
            low.aws_constraint(),
            "Member must have value greater than or equal to 6"
        );
        let high = MaxPasswordAge::new(1096).unwrap_err();
        assert_eq!(
            high.aws_constraint(),
            "Member must have value less than or equal to 1095"
        );
        assert_eq!(
            PasswordReusePrevention::new(-1).unwrap_err().aws_constraint(),
            "Member must have value greater than or equal to 1"
        );
        assert_eq!(PasswordReusePrevention::new(25).unwrap_err().max, 24);
    }

    #[test]
    fn the_default_policy_needs_three_types_and_eight_characters() {
        let check = PasswordCheck::new(PolicyInForce::AwsDefault);
        assert!(check.check(&pw("abcdEF12")).is_ok());
        assert!(check.check(&pw("abcdef1!")).is_ok());
        let v = check.check(&pw("abcdefgh")).unwrap_err();
        assert_eq!(
            v.rules().collect::<Vec<_>>(),
            [Rule::CharacterTypes {
                needed: 2,
                missing: Rule::UPPERCASE | Rule::NUMBERS | Rule::SYMBOLS
            }]
        );
        let v = check.check(&pw("aB1")).unwrap_err();
        assert_eq!(v.rules().collect::<Vec<_>>(), [Rule::MinimumLength(8)]);
        assert_eq!(v.to_string(), "Password should have at least 8 characters.");
    }

    #[test]
    fn the_default_policy_refuses_the_account_name_and_email() {
        let check = PasswordCheck::new(None)
            .account_name("Corp-Acct1")
            .email("ops@corp.example");
        assert_eq!(
            check.check(&pw("Corp-Acct1")).unwrap_err().rules().collect::<Vec<_>>(),
            [Rule::AccountName]
        );
        let v = check.check(&pw("ops@corp.example")).unwrap_err();
        assert_eq!(
            v.rules().collect::<Vec<_>>(),
            [
                Rule::CharacterTypes {
                    needed: 1,
                    missing: Rule::UPPERCASE | Rule::NUMBERS
                },
                Rule::Email
            ]
        );
        assert!(check.check(&pw("corp-Acct1")).is_ok());
    }

    #[test]
    fn reuse_is_asked_only_when_the_rest_holds() {
        let policy = PasswordPolicy {
            password_reuse_prevention: Some(PasswordReusePrevention::new(3).unwrap()),
            ..PasswordPolicy::default()
        };
        let asked = std::cell::Cell::new(0);
        let was_used = |p: &Password, n: u8| {
            asked.set(asked.get() + 1);
            assert_eq!(n, 3);
            p.expose_secret() == "old-password"
        };
        let check = PasswordCheck::new(&policy).previous_passwords(&was_used);
        let reused = check.check(&pw("old-password")).unwrap_err();
        assert_eq!(
            reused.to_string(),
            "Password does not conform to the account password policy."
        );
        assert_eq!(
            reused.details().to_string(),
            "Password should not be one of your previous 3 passwords."
        );
        assert!(check.check(&pw("new-password")).is_ok());
        assert_eq!(check.check(&pw("short")).unwrap_err().rules().count(), 1);
        assert_eq!(asked.get(), 2);
    }

    #[test]
    fn expiry_counts_days_from_the_change() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let mut policy = PasswordPolicy::default();
        assert_eq!(
            expiry(Some(&policy), t("2026-01-01T00:00:00Z"), t("2099-01-01T00:00:00Z")),
            Expiry::Never
        );
        assert_eq!(
            expiry(None, t("2026-01-01T00:00:00Z"), t("2099-01-01T00:00:00Z")),
            Expiry::Never
        );
        policy.max_password_age = Some(MaxPasswordAge::new(90).unwrap());
        let changed = t("2026-01-01T12:00:00Z");
        let end = t("2026-04-01T12:00:00Z");
        assert_eq!(
            expiry(Some(&policy), changed, t("2026-04-01T11:59:59.999Z")),
            Expiry::Valid { expires_at: end }
        );
        assert_eq!(
            expiry(Some(&policy), changed, end),
            Expiry::Expired {
                expired_at: end,
                admin_reset_required: false
            }
        );
        policy.hard_expiry = Some(true);
        assert_eq!(
            expiry(Some(&policy), changed, t("2027-01-01T00:00:00Z")),
            Expiry::Expired {
                expired_at: end,
                admin_reset_required: true
            }
        );
        // Past the last representable instant: valid, given as that instant.
        assert_eq!(
            expiry(Some(&policy), t("9999-12-01T00:00:00Z"), t("9999-12-31T00:00:00Z")),
            Expiry::Valid {
                expires_at: Timestamp::MAX
            }
        );
    }
}
