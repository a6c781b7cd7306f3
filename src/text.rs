//! Text values that travel in the XML: [`RequestId`], [`ErrorMessage`], and the rule
//! they share ([`TextError`]), plus the escaping every error message uses to show input.
//!
//! A value of these types is text any XML 1.0 document can carry: no control character
//! other than tab, LF and CR, no U+FFFE or U+FFFF. Construct with `new` (checked),
//! `new_escaped` (writes what XML cannot carry as `\u{..}` instead of refusing it),
//! `from_static` (a `const fn` for literals: an invalid literal fails to compile in a
//! `const` and panics otherwise), `FromStr` or `TryFrom`.

use std::fmt;

/// Shows untrusted input inside an error message: control characters (and the Unicode
/// line and paragraph separators) escaped as Rust does (`\n`, `\u{1b}`), and cut after
/// [`Escaped::LIMIT`] characters with `…`, so that a logged error can neither forge log
/// lines nor send terminal escapes, and stays short. The full value stays available
/// from the error's accessor.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl Escaped<'_> {
    /// How many characters of the input are shown.
    pub(crate) const LIMIT: usize = 64;
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape_into(f, self.0, Self::LIMIT)
    }
}

/// Writes `s` escaped as [`Escaped`] does, cut after `limit` characters.
pub(crate) fn escape_into(f: &mut fmt::Formatter<'_>, s: &str, limit: usize) -> fmt::Result {
    for (n, c) in s.chars().enumerate() {
        if n == limit {
            return f.write_str("…");
        }
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
            write!(f, "{}", c.escape_debug())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

/// Can `s` be carried by every XML 1.0 document? For `const` construction.
pub(crate) const fn is_xml_text(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x20 && c != b'\t' && c != b'\n' && c != b'\r' {
            return false;
        }
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        if c == 0xEF && i + 2 < b.len() && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF) {
            return false;
        }
        i += 1;
    }
    true
}

/// Defines a validated string newtype that any XML document can carry.
macro_rules! xml_string {
    ($(#[$meta:meta])* $name:ident, $what:literal, non_empty = $non_empty:literal) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name<'a>(pub(crate) std::borrow::Cow<'a, str>);

        impl<'a> $name<'a> {
            /// Wraps `value`, refusing characters XML 1.0 cannot carry (control
            /// characters other than tab, LF and CR; U+FFFE; U+FFFF), and an empty
            /// value where one is required (an error code).
            ///
            /// # Errors
            ///
            /// [`TextError`](crate::TextError) names the first character refused and its offset.
            pub fn new(value: impl Into<std::borrow::Cow<'a, str>>) -> Result<Self, $crate::TextError> {
                let value = value.into();
                if $non_empty && value.is_empty() {
                    return Err($crate::TextError { what: $what, illegal: None });
                }
                match $crate::xml::check_text(&value) {
                    Ok(()) => Ok($name(value)),
                    Err(found) => Err($crate::TextError { what: $what, illegal: Some(found) }),
                }
            }

            /// Wraps `value`, writing each character XML cannot carry as a `\u{..}`
            /// escape instead of refusing it, so that nothing is dropped.
            pub fn new_escaped(value: &str) -> $name<'static> {
                let mut escaped = $crate::xml::escape_illegal(value);
                if $non_empty && escaped.is_empty() {
                    escaped.push_str("\\u{0}");
                }
                $name(std::borrow::Cow::Owned(escaped))
            }

            /// The text.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Detaches the value from the input it was decoded from.
            pub fn into_owned(self) -> $name<'static> {
                $name(std::borrow::Cow::Owned(self.0.into_owned()))
            }
        }

        impl $name<'static> {
            /// Wraps a literal, checked at compile time when used in a `const`.
            ///
            /// # Panics
            ///
            /// When `value` holds a character XML cannot carry, or is empty where a
            /// value is required (an error code).
            pub const fn from_static(value: &'static str) -> $name<'static> {
                if ($non_empty && value.is_empty()) || !$crate::text::is_xml_text(value) {
                    panic!(concat!("invalid ", $what, " literal"));
                }
                $name(std::borrow::Cow::Borrowed(value))
            }
        }

        impl std::fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl AsRef<str> for $name<'_> {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name<'_> {
            fn eq(&self, other: &str) -> bool {
                *self.0 == *other
            }
        }

        impl PartialEq<&str> for $name<'_> {
            fn eq(&self, other: &&str) -> bool {
                *self.0 == **other
            }
        }

        impl std::str::FromStr for $name<'static> {
            type Err = $crate::TextError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s.to_owned())
            }
        }

        impl<'a> TryFrom<&'a str> for $name<'a> {
            type Error = $crate::TextError;
            fn try_from(s: &'a str) -> Result<Self, Self::Error> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name<'static> {
            type Error = $crate::TextError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::new(s)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de, 'a> serde::Deserialize<'de> for $name<'a> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $name::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a, 'b> arbitrary::Arbitrary<'a> for $name<'b> {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                let s: String = u.arbitrary()?;
                let mut s: String = s.chars().filter(|&c| $crate::xml::is_xml_char(c)).collect();
                if $non_empty && s.is_empty() {
                    s.push('X');
                }
                Ok($name(std::borrow::Cow::Owned(s)))
            }
        }
    };
}
pub(crate) use xml_string;

xml_string!(
    /// The request id IAM returns (`ResponseMetadata/RequestId`, or `RequestId` in an
    /// error, and the `x-amzn-RequestId` header): any text XML can carry, usually a UUID.
    ///
    /// ```
    /// use iam_login_profile::RequestId;
    ///
    /// const ID: RequestId<'static> = RequestId::from_static("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
    /// assert_eq!(ID, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
    /// let id: RequestId = "req-1".parse().unwrap();
    /// assert_eq!(id.as_str(), "req-1");
    /// assert!(RequestId::new("bell\u{7}").is_err());
    /// ```
    RequestId,
    "request id",
    non_empty = false
);

xml_string!(
    /// The human-readable `Message` of an error.
    ErrorMessage,
    "error message",
    non_empty = false
);

/// A string cannot be used as an XML text value: it holds a character XML cannot
/// carry, or it is empty where a value is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub(crate) what: &'static str,
    /// The offending character and its byte offset; `None` for an empty value.
    pub(crate) illegal: Option<(usize, char)>,
}

impl TextError {
    /// The first character refused and its byte offset; `None` when the value was empty.
    pub fn illegal_char(&self) -> Option<(usize, char)> {
        self.illegal
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.illegal {
            Some((offset, ch)) => write!(
                f,
                "invalid {}: character {ch:?} at offset {offset} is not allowed in XML",
                self.what
            ),
            None => write!(f, "invalid {}: expected a value, found an empty string", self.what),
        }
    }
}

impl std::error::Error for TextError {}

#[cfg(test)]
mod tests {
    use super::*;

    struct Show<'a>(&'a str, usize);
    impl fmt::Display for Show<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            escape_into(f, self.0, self.1)
        }
    }

    #[test]
    fn escaped_input_is_one_short_line() {
        assert_eq!(Show("Get\nFAKE\u{1b}[31m", 64).to_string(), r"Get\nFAKE\u{1b}[31m");
        assert_eq!(Show("a\u{2028}b\u{85}", 64).to_string(), r"a\u{2028}b\u{85}");
        assert_eq!(Show("abcdef", 3).to_string(), "abc…");
        assert_eq!(Show("abc", 3).to_string(), "abc");
        assert_eq!(Show("José", 64).to_string(), "José");
    }

    #[test]
    fn const_check_matches_the_runtime_check() {
        for s in [
            "", "a", "\t\n\r", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "x\u{7f}", "é",
        ] {
            assert_eq!(is_xml_text(s), crate::xml::check_text(s).is_ok(), "{s:?}");
        }
    }
}
