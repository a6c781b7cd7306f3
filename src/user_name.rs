//! `UserName`: the validated IAM user name (`userNameType`).
//!
//! The service model says `min: 1`, `max: 64`, `pattern: [\w+=,.@-]+` (docs/protocol.md §1.3).
//! IAM is a Java service, so its `\w` is ASCII (`[A-Za-z0-9_]`): `José` is refused
//! (docs/protocol.md §9). The check below is a byte-class table lookup, tested and
//! fuzzed against the documented regular expression `^(?-u:[\w+=,.@-]){1,64}$`.

use std::borrow::Cow;
use std::fmt;

/// The pattern exactly as IAM prints it in `ValidationError` messages.
pub const AWS_PATTERN: &str = r"[\w+=,.@-]+";

/// The longest user name IAM accepts for `GetLoginProfile`, in characters.
pub const MAX_LEN: usize = 64;

/// Byte classes: `true` for the bytes `[A-Za-z0-9_+=,.@-]`.
static ALLOWED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'=' | b',' | b'.' | b'@' | b'-');
        b += 1;
    }
    table
};

/// Is `b` one of the bytes a user name may hold?
#[inline]
pub(crate) fn is_allowed_byte(b: u8) -> bool {
    ALLOWED[b as usize]
}

/// A valid IAM user name: 1 to 64 characters of `[A-Za-z0-9_+=,.@-]`.
///
/// Borrowed from the input when decoded; [`UserName::into_owned`] detaches it.
///
/// ```
/// use iam_login_profile::UserName;
///
/// let name = UserName::new("a+b=c,d.e@f-g_h").unwrap();
/// assert_eq!(name.as_str(), "a+b=c,d.e@f-g_h");
///
/// let err = UserName::new("bad name").unwrap_err();
/// assert_eq!(err.to_string(), "invalid user name `bad name`: character ' ' at offset 3 is not one of [A-Za-z0-9_+=,.@-]");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserName<'a>(Cow<'a, str>);

impl<'a> UserName<'a> {
    /// Validates `name` and wraps it, borrowing when given a `&str`.
    ///
    /// # Errors
    ///
    /// [`UserNameError`] for a name that is empty, longer than 64 characters, or has a
    /// character outside `[A-Za-z0-9_+=,.@-]`.
    pub fn new(name: impl Into<Cow<'a, str>>) -> Result<Self, UserNameError> {
        let name = name.into();
        match check(&name) {
            Ok(()) => Ok(UserName(name)),
            Err(problem) => Err(UserNameError::new(&name, problem)),
        }
    }

    /// The name as it is on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Detaches the name from the input it was decoded from.
    pub fn into_owned(self) -> UserName<'static> {
        UserName(Cow::Owned(self.0.into_owned()))
    }

    /// Wraps a string already known to be valid (checked with `debug_assert!`).
    #[cfg(feature = "arbitrary")]
    pub(crate) fn new_unchecked(name: Cow<'a, str>) -> Self {
        debug_assert!(check(&name).is_ok());
        UserName(name)
    }
}

/// What is wrong with a string as a user name (both may hold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Problem {
    /// Number of characters, when not in `1..=64`.
    bad_len: Option<usize>,
    /// First character outside the allowed set, with its byte offset.
    bad_char: Option<(usize, char)>,
}

#[inline]
fn check(s: &str) -> Result<(), Problem> {
    let bytes = s.as_bytes();
    if !bytes.is_empty() && bytes.len() <= MAX_LEN && bytes.iter().all(|&b| is_allowed_byte(b)) {
        return Ok(());
    }
    Err(diagnose(s))
}

#[cold]
fn diagnose(s: &str) -> Problem {
    let chars = s.chars().count();
    let bad_len = (chars == 0 || chars > MAX_LEN).then_some(chars);
    let bad_char = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii() && is_allowed_byte(c as u8)));
    Problem { bad_len, bad_char }
}

impl fmt::Display for UserName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for UserName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserName({:?})", &*self.0)
    }
}

impl AsRef<str> for UserName<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for UserName<'static> {
    type Err = UserNameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UserName::new(s.to_owned())
    }
}

impl<'a> TryFrom<&'a str> for UserName<'a> {
    type Error = UserNameError;
    fn try_from(s: &'a str) -> Result<Self, Self::Error> {
        UserName::new(s)
    }
}

impl TryFrom<String> for UserName<'static> {
    type Error = UserNameError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        UserName::new(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for UserName<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de, 'a> serde::Deserialize<'de> for UserName<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        UserName::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for UserName<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-";
        let len = u.int_in_range(1..=MAX_LEN)?;
        let mut s = String::with_capacity(len);
        for _ in 0..len {
            s.push(*u.choose(CHARS)? as char);
        }
        Ok(UserName::new_unchecked(Cow::Owned(s)))
    }
}

/// Why a string is not a valid [`UserName`].
///
/// [`Display`](fmt::Display) says what and where for people;
/// [`UserNameError::aws_message`] is the text IAM puts in its `ValidationError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserNameError {
    value: String,
    problem: Problem,
}

impl UserNameError {
    fn new(value: &str, problem: Problem) -> Self {
        UserNameError {
            value: value.to_owned(),
            problem,
        }
    }

    /// The refused value, unchanged.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The length in characters, when it is outside `1..=64`.
    pub fn invalid_length(&self) -> Option<usize> {
        self.problem.bad_len
    }

    /// The first character outside `[A-Za-z0-9_+=,.@-]` and its byte offset.
    pub fn invalid_char(&self) -> Option<(usize, char)> {
        self.problem.bad_char
    }

    /// The message IAM sends in its `ValidationError` for this value, e.g.
    /// `1 validation error detected: Value 'bad name' at 'userName' failed to satisfy
    /// constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`.
    ///
    /// An empty name breaks both the pattern (`+` needs one character) and the
    /// minimum length, so it gets `2 validation errors detected: …; …`, the pattern first.
    pub fn aws_message(&self) -> String {
        let failures = self.constraint_violations("userName");
        let count = failures.len();
        let noun = if count == 1 { "error" } else { "errors" };
        format!("{count} validation {noun} detected: {}", failures.join("; "))
    }

    /// One clause per broken constraint (`Value '…' at '{member}' failed to satisfy
    /// constraint: …`), in IAM's order; `member` is the name IAM's messages use.
    pub(crate) fn constraint_violations(&self, member: &str) -> Vec<String> {
        let mut failures: Vec<String> = Vec::with_capacity(2);
        let prefix = format!("Value '{}' at '{member}' failed to satisfy constraint: ", self.value);
        if self.problem.bad_char.is_some() || self.value.is_empty() {
            failures.push(format!(
                "{prefix}Member must satisfy regular expression pattern: {AWS_PATTERN}"
            ));
        }
        match self.problem.bad_len {
            Some(0) => failures.push(format!("{prefix}Member must have length greater than or equal to 1")),
            Some(_) => failures.push(format!(
                "{prefix}Member must have length less than or equal to {MAX_LEN}"
            )),
            None => {}
        }
        failures
    }
}

impl fmt::Display for UserNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid user name `{}`: ", crate::text::Escaped(&self.value))?;
        match (self.problem.bad_len, self.problem.bad_char) {
            (Some(0), _) => f.write_str("expected 1 to 64 characters, found none"),
            (Some(n), Some((at, c))) => write!(
                f,
                "expected at most 64 characters, found {n}; and character {c:?} at offset {at} is not one of [A-Za-z0-9_+=,.@-]"
            ),
            (Some(n), None) => write!(f, "expected at most 64 characters, found {n}"),
            (None, Some((at, c))) => {
                write!(f, "character {c:?} at offset {at} is not one of [A-Za-z0-9_+=,.@-]")
            }
            (None, None) => f.write_str("does not satisfy [A-Za-z0-9_+=,.@-]{1,64}"),
        }
    }
}

impl std::error::Error for UserNameError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert!(UserName::new("a".repeat(64)).is_ok());
        let e = UserName::new("a".repeat(65)).unwrap_err();
        assert_eq!(e.invalid_length(), Some(65));
        assert_eq!(e.invalid_char(), None);
        let e = UserName::new("").unwrap_err();
        assert_eq!(e.invalid_length(), Some(0));
    }

    #[test]
    fn unicode_word_characters_are_refused() {
        let e = UserName::new("José").unwrap_err();
        assert_eq!(e.invalid_char(), Some((3, 'é')));
    }
}
