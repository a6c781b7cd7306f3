//! `Password`: the validated console password (`passwordType`) of `CreateLoginProfile`
//! and `UpdateLoginProfile`.
//!
//! The service model says `min: 1`, `max: 128`, `pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`
//! and `sensitive: true`: tab, line feed, carriage return and every character from U+0020 to
//! U+00FF (Latin-1, so `é` and `ÿ` are allowed, `€` is not; DEL and the C1 controls U+0080 to
//! U+009F are inside the range and allowed too). Smithy's `length` counts a string in Unicode
//! scalar values, which is what a Rust `char` is: `"é".repeat(128)` is 256 bytes and valid.
//!
//! A password is a secret, and this module treats it as one:
//!
//! - [`Password`] owns its bytes and overwrites them with zeros when it is dropped
//!   (the [`zeroize`] crate), including a value that failed validation;
//! - it is compared in constant time (the [`subtle`] crate);
//! - its `Debug` is `Password(***)` and its `Display` is `***`;
//! - [`Password::expose_secret`] is the only way to read it, so every read is easy to find;
//! - [`PasswordError`] never holds the value, and its messages show neither the password nor
//!   any of its characters: only lengths and positions.
//!
//! - serde writes [`REDACTED`] in its place, unless the caller asks for the value
//!   explicitly by serialising through [`Revealed`]; reading [`REDACTED`] back is an
//!   error, so a logged request never turns into a request with a different password.
//!
//! The wire carries the real value, since it must.
//!
//! ```
//! use iam_login_profile::password::{Password, Revealed, REDACTED};
//! use iam_login_profile::{CreateLoginProfileRequest, UserName};
//!
//! let request = CreateLoginProfileRequest::new(UserName::new("Bob")?, Password::new("hunter2!")?);
//! let logged = serde_json::to_string(&request)?;
//! assert_eq!(logged, format!(r#"{{"UserName":"Bob","Password":"{REDACTED}"}}"#));
//! assert!(serde_json::from_str::<CreateLoginProfileRequest>(&logged).is_err());
//!
//! let sent = serde_json::to_string(&Revealed(&request))?;
//! assert_eq!(sent, r#"{"UserName":"Bob","Password":"hunter2!"}"#);
//! assert_eq!(serde_json::from_str::<CreateLoginProfileRequest>(&sent)?, request);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The pattern exactly as IAM prints it (one macro, so the constant and the message agree).
macro_rules! aws_pattern {
    () => {
        r"[\u0009\u000A\u000D\u0020-\u00FF]+"
    };
}

/// A clause of IAM's `ValidationError` for the `password` member: no value, since it is sensitive.
macro_rules! clause {
    ($constraint:expr) => {
        concat!(
            "Value at 'password' failed to satisfy constraint: Member must ",
            $constraint
        )
    };
}

/// The pattern exactly as IAM prints it in `ValidationError` messages.
pub const AWS_PATTERN: &str = aws_pattern!();

/// The longest password IAM accepts, in characters (Unicode scalar values).
pub const MAX_LEN: usize = 128;

/// The clause of a pattern violation (AWS omits the value of a sensitive member).
const PATTERN_CLAUSE: &str = clause!(concat!("satisfy regular expression pattern: ", aws_pattern!()));
/// The clause of an empty password's length violation.
const MIN_LEN_CLAUSE: &str = clause!("have length greater than or equal to 1");
/// The clause of a too long password's length violation.
const MAX_LEN_CLAUSE: &str = clause!("have length less than or equal to 128");

/// What a byte of valid UTF-8 is, for a password.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Starts a character outside `[\t\n\r\u{20}-\u{FF}]`.
    Refused,
    /// Starts an allowed character: tab, LF, CR, U+0020 to U+007F, or the lead byte
    /// `0xC2`/`0xC3` of U+0080 to U+00FF.
    Starts,
    /// A continuation byte (`0x80` to `0xBF`). In valid UTF-8 whose lead bytes are all
    /// allowed, it belongs to an allowed two-byte character.
    Continues,
}

/// Byte classes of UTF-8 for the allowed characters.
static CLASSES: [Class; 256] = {
    let mut table = [Class::Refused; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | b'\r' | 0x20..=0x7F | 0xC2 | 0xC3 => Class::Starts,
            0x80..=0xBF => Class::Continues,
            _ => Class::Refused,
        };
        b += 1;
    }
    table
};

/// Is `c` one of the characters a password may hold?
#[inline]
fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}')
}

/// A valid IAM console password: 1 to 128 characters of `[\t\n\r\u{20}-\u{FF}]`.
///
/// It owns its value, wipes it on drop, compares in constant time and never prints it:
///
/// ```
/// use iam_login_profile::Password;
///
/// let password = Password::new("café ÿ\tline\nbreak").unwrap();
/// assert_eq!(password.expose_secret(), "café ÿ\tline\nbreak");
/// assert_eq!(format!("{password:?}"), "Password(***)");
/// assert_eq!(password.to_string(), "***");
/// assert_eq!(password, "café ÿ\tline\nbreak".parse().unwrap());
///
/// let err = Password::new("price: 5€").unwrap_err();
/// assert_eq!(err.to_string(), r"invalid password: character at position 8 is outside [\t\n\r\u{20}-\u{FF}]");
/// ```
///
/// # Wiping
///
/// When a `Password` is dropped, its whole buffer (length and spare capacity) is
/// overwritten with zeros by [`zeroize`], which uses volatile writes and a compiler fence
/// so the writes are not optimized away. This covers every `Password` the crate makes,
/// and a string given to [`Password::new`] that turns out to be invalid. It cannot cover
/// copies made outside it: a `&str` given to [`Password::new`], [`str::parse`] or
/// `TryFrom<&str>` is copied and the original stays the caller's to wipe; a `String` that
/// was reallocated before it was handed over may have left its earlier buffers behind; a
/// deserializer or a query-string decoder may keep the text in buffers of its own; and
/// [`Password::expose_secret`] hands out a borrow that the caller may copy. The guarantee
/// is tested by reading the crate, not by a test: observing freed memory needs `unsafe`,
/// which this crate forbids.
///
/// # Equality
///
/// `==` is [`ConstantTimeEq`]: the time it takes does not depend on the characters, only
/// on whether the two lengths (in bytes) are equal. `Password` implements neither `Hash`
/// nor `Ord`, which would compare in variable time.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Validates `password` and takes it.
    ///
    /// # Errors
    ///
    /// [`PasswordError`] when it is empty, longer than 128 characters, or holds a character
    /// outside `[\t\n\r\u{20}-\u{FF}]`. The refused value is wiped before this returns.
    pub fn new(password: impl Into<String>) -> Result<Self, PasswordError> {
        // Wrapped first, so that it is wiped on drop whichever way this returns.
        let password = Password(password.into());
        check(&password.0)?;
        Ok(password)
    }

    /// The password itself: what goes on the wire.
    ///
    /// The name says what a call does, as in the `secrecy` crate's `ExposeSecret`:
    /// `Password` has no `AsRef<str>`, `Deref` or `as_str`, so each place that reads the
    /// secret says so, and a reviewer finds them all with one search. Do not log the result.
    #[inline]
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

/// Checks `s`: one pass over the bytes, the diagnosis only on failure.
#[inline]
fn check(s: &str) -> Result<(), PasswordError> {
    let mut chars = 0usize;
    for &b in s.as_bytes() {
        match CLASSES[b as usize] {
            Class::Starts => chars += 1,
            Class::Continues => {}
            Class::Refused => return Err(diagnose(s)),
        }
    }
    if chars == 0 || chars > MAX_LEN {
        return Err(diagnose(s));
    }
    Ok(())
}

/// Names everything wrong with `s`, in characters.
#[cold]
fn diagnose(s: &str) -> PasswordError {
    let length = s.chars().count();
    let invalid_character_at = s.chars().position(|c| !is_allowed(c));
    match (length, invalid_character_at) {
        (0, _) => PasswordError::Empty,
        (length, invalid_character_at) if length > MAX_LEN => PasswordError::TooLong {
            length,
            invalid_character_at,
        },
        (_, Some(position)) => PasswordError::InvalidCharacter { position },
        // Unreachable: a refused byte of valid UTF-8 starts a refused character, and an
        // allowed character has exactly one starting byte, so `check` counted characters.
        // Tested on every code point below U+0800 here, and against the documented pattern in
        // `tests/it/password.rs`. Should it happen, refuse rather than panic.
        (length, None) => {
            debug_assert!(false, "check refused a valid password of {length} characters");
            PasswordError::InvalidCharacter { position: length }
        }
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl ZeroizeOnDrop for Password {}

impl ConstantTimeEq for Password {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.as_bytes().ct_eq(other.0.as_bytes())
    }
}

impl PartialEq for Password {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for Password {}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl fmt::Display for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("***")
    }
}

impl std::str::FromStr for Password {
    type Err = PasswordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Password::new(s)
    }
}

impl TryFrom<&str> for Password {
    type Error = PasswordError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Password::new(s)
    }
}

impl TryFrom<String> for Password {
    type Error = PasswordError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Password::new(s)
    }
}

/// What serde writes in place of a password that was not asked for (the text the AWS SDK
/// for Rust shows for a sensitive member).
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

#[cfg(feature = "serde")]
std::thread_local! {
    /// Whether a [`Revealed`] serialisation is under way on this thread.
    static REVEAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Serialises the value it holds with its passwords written out, where serde otherwise
/// writes [`REDACTED`]: the one explicit way to put a password into JSON (see the
/// [module docs](self)).
#[cfg(feature = "serde")]
#[derive(Debug, Clone, Copy)]
pub struct Revealed<'a, T: ?Sized>(pub &'a T);

#[cfg(feature = "serde")]
impl<T: serde::Serialize + ?Sized> serde::Serialize for Revealed<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// Puts the flag back as it was, also when the serialiser panics.
        struct Restore(bool);
        impl Drop for Restore {
            fn drop(&mut self) {
                REVEAL.with(|r| r.set(self.0));
            }
        }
        let _restore = Restore(REVEAL.with(|r| r.replace(true)));
        self.0.serialize(s)
    }
}

/// [`REDACTED`], or the real value inside [`Revealed`].
#[cfg(feature = "serde")]
impl serde::Serialize for Password {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if REVEAL.with(std::cell::Cell::get) {
            s.serialize_str(self.expose_secret())
        } else {
            s.serialize_str(REDACTED)
        }
    }
}

/// Validated; the error names no character of the refused value. [`REDACTED`] is refused:
/// it stands for a password that was left out.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Password {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == REDACTED {
            return Err(serde::de::Error::custom(
                "a redacted password cannot be read back: serialise the request through `Revealed` to keep it",
            ));
        }
        Password::new(s).map_err(serde::de::Error::custom)
    }
}

/// Only valid passwords: 1 to 128 characters, each of the 227 allowed ones equally likely.
#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Password {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let len = u.int_in_range(1..=MAX_LEN)?;
        // Room for two bytes per character: the string never reallocates, so no unwiped
        // copy is left behind.
        let mut s = String::with_capacity(2 * len);
        for _ in 0..len {
            s.push(match u.int_in_range(0u8..=226)? {
                0 => '\t',
                1 => '\n',
                2 => '\r',
                n => char::from(n - 3 + 0x20),
            });
        }
        debug_assert!(check(&s).is_ok());
        Ok(Password(s))
    }
}

/// Why a string is not a valid [`Password`].
///
/// It holds no part of the refused value, and its messages show neither the password nor
/// any of its characters: only its length and the position of the first bad character,
/// counted in characters from 0. [`PasswordError::aws_message`] is the text IAM puts in
/// its `ValidationError`, which omits the value too.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PasswordError {
    /// No characters at all.
    #[error("invalid password: expected 1 to 128 characters, found none")]
    Empty,
    /// More than 128 characters.
    #[error("invalid password: expected at most 128 characters, found {length}{}", AndInvalidAt(*.invalid_character_at))]
    #[non_exhaustive]
    TooLong {
        /// The length in characters.
        length: usize,
        /// The position of the first character outside `[\t\n\r\u{20}-\u{FF}]`, if any,
        /// counted in characters from 0.
        invalid_character_at: Option<usize>,
    },
    /// A character outside `[\t\n\r\u{20}-\u{FF}]`, in a password of a valid length.
    #[error(r"invalid password: character at position {position} is outside [\t\n\r\u{{20}}-\u{{FF}}]")]
    #[non_exhaustive]
    InvalidCharacter {
        /// The position of the first such character, counted in characters from 0.
        position: usize,
    },
}

/// The tail of a too long password's message when it holds a bad character too.
struct AndInvalidAt(Option<usize>);

impl fmt::Display for AndInvalidAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(position) => write!(
                f,
                r"; and character at position {position} is outside [\t\n\r\u{{20}}-\u{{FF}}]"
            ),
            None => Ok(()),
        }
    }
}

impl PasswordError {
    /// The message IAM sends in its `ValidationError` for this value, e.g.
    /// `1 validation error detected: Value at 'password' failed to satisfy constraint:
    /// Member must have length less than or equal to 128`.
    ///
    /// `password` is a sensitive member, so AWS writes `Value at 'password'` where it writes
    /// `Value 'bad name' at 'userName'` for a user name. An empty password breaks both the
    /// pattern (`+` needs one character) and the minimum length, so it gets
    /// `2 validation errors detected: …; …`, the pattern first, as for `userName`.
    ///
    /// ```
    /// use iam_login_profile::Password;
    ///
    /// let err = Password::new("x".repeat(129)).unwrap_err();
    /// assert_eq!(
    ///     err.aws_message(),
    ///     "1 validation error detected: Value at 'password' failed to satisfy constraint: \
    ///      Member must have length less than or equal to 128"
    /// );
    /// ```
    pub fn aws_message(&self) -> String {
        let clauses: Vec<&str> = self.constraint_violations().collect();
        let count = clauses.len();
        let noun = if count == 1 { "error" } else { "errors" };
        format!("{count} validation {noun} detected: {}", clauses.join("; "))
    }

    /// One clause per broken constraint (`Value at 'password' failed to satisfy
    /// constraint: …`), in IAM's order, for a message that joins the errors of several
    /// members with `; ` after `N validation errors detected: `.
    pub(crate) fn constraint_violations(&self) -> impl Iterator<Item = &'static str> {
        let (pattern, length) = match self {
            PasswordError::Empty => (true, Some(MIN_LEN_CLAUSE)),
            PasswordError::TooLong {
                invalid_character_at, ..
            } => (invalid_character_at.is_some(), Some(MAX_LEN_CLAUSE)),
            PasswordError::InvalidCharacter { .. } => (true, None),
        };
        pattern.then_some(PATTERN_CLAUSE).into_iter().chain(length)
    }

    /// [`constraint_violations`](Self::constraint_violations) for the member IAM's
    /// messages call `member` (`password`, or another member of the same type).
    pub(crate) fn constraint_violations_at(&self, member: &str) -> Vec<String> {
        const AT: &str = "Value at 'password'";
        self.constraint_violations()
            .map(|clause| format!("Value at '{member}'{}", &clause[AT.len()..]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_agree_with_the_characters_on_every_code_point_up_to_0x800() {
        for c in (0u32..0x800).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let by_table = bytes.iter().all(|&b| CLASSES[b as usize] != Class::Refused);
            assert_eq!(by_table, is_allowed(c), "{c:?}");
            if is_allowed(c) {
                let starts = bytes.iter().filter(|&&b| CLASSES[b as usize] == Class::Starts).count();
                assert_eq!(starts, 1, "{c:?}");
            }
        }
        // Every lead byte of a longer sequence is refused.
        assert!(CLASSES[0xC4..].iter().all(|&c| c == Class::Refused));
    }

    #[test]
    fn clauses() {
        assert_eq!(AWS_PATTERN, r"[\u0009\u000A\u000D\u0020-\u00FF]+");
        assert_eq!(
            PATTERN_CLAUSE,
            r"Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+"
        );
        assert_eq!(
            MIN_LEN_CLAUSE,
            "Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1"
        );
        assert_eq!(
            MAX_LEN_CLAUSE,
            "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128"
        );
        assert!(MAX_LEN_CLAUSE.ends_with(&MAX_LEN.to_string()));
    }

    #[test]
    fn constraint_violations_in_order() {
        let of = |e: PasswordError| e.constraint_violations().collect::<Vec<_>>();
        assert_eq!(of(PasswordError::Empty), [PATTERN_CLAUSE, MIN_LEN_CLAUSE]);
        assert_eq!(
            of(PasswordError::TooLong {
                length: 129,
                invalid_character_at: None
            }),
            [MAX_LEN_CLAUSE]
        );
        assert_eq!(
            of(PasswordError::TooLong {
                length: 129,
                invalid_character_at: Some(0)
            }),
            [PATTERN_CLAUSE, MAX_LEN_CLAUSE]
        );
        assert_eq!(of(PasswordError::InvalidCharacter { position: 0 }), [PATTERN_CLAUSE]);
    }

    #[test]
    fn constraint_violations_name_the_member() {
        assert_eq!(
            PasswordError::Empty.constraint_violations_at("oldPassword"),
            [
                r"Value at 'oldPassword' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+",
                "Value at 'oldPassword' failed to satisfy constraint: Member must have length greater than or equal to 1",
            ]
        );
    }
}
