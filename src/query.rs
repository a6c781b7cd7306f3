//! The form format of awsQuery: `key=value` pairs joined by `&`, both directions. It
//! knows nothing of IAM's operations (those are in [`crate::request`]).
//!
//! Encoding is `urllib.parse.quote_plus`, what botocore sends (docs/protocol.md §2):
//! `A-Za-z0-9 _ . - ~` kept, a space as `+`, every other byte of the UTF-8 as `%XX` with
//! uppercase hex. Decoding reads what a server receives, the GET query string or the POST
//! form body: `+` as a space, `%xx` in either case, empty segments (`a&&b`) skipped, a
//! segment without `=` as an empty value (as `application/x-www-form-urlencoded` parsing
//! does), and values borrowed from the input where nothing is escaped.

use std::borrow::Cow;
use std::fmt;

/// Bytes kept as they are by `quote_plus`: `A-Za-z0-9_.-~`.
static UNRESERVED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'~');
        b += 1;
    }
    t
};

/// Uppercase hex digits, for `%XX` escapes.
pub(crate) const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes `s` as `urllib.parse.quote_plus` does (what botocore sends).
pub(crate) fn encode_component(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !UNRESERVED[b as usize] {
            // A run of unreserved (ASCII) bytes; empty, and perhaps inside a character,
            // between two escaped bytes.
            if start < i {
                out.push_str(&s[start..i]);
            }
            if b == b' ' {
                out.push('+');
            } else {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
}

/// What is malformed about a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MalformedKind {
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// Bytes, raw or percent-decoded, that are not UTF-8.
    NotUtf8,
}

impl fmt::Display for MalformedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MalformedKind::BadEscape => "expected two hex digits after `%`",
            MalformedKind::NotUtf8 => "the decoded bytes are not UTF-8",
        })
    }
}

/// A malformed query string: where, and what is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed {
    pub(crate) offset: usize,
    pub(crate) problem: MalformedKind,
}

/// What the splitter looks for in a byte: `&` ends a pair, `=` ends its key, `%` and `+`
/// mean the component needs decoding.
const AMP: u8 = 1;
const EQ: u8 = 2;
const ESCAPE: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    t[b'&' as usize] = AMP;
    t[b'=' as usize] = EQ;
    t[b'%' as usize] = ESCAPE;
    t[b'+' as usize] = ESCAPE;
    t
};

/// Splits `input` into `key=value` pairs and percent-decodes each, borrowing where
/// nothing is escaped. `base` is added to every offset reported (the position of
/// `input` in what the caller sees).
///
/// An input that is UTF-8 as a whole (every request a peer sends) is validated once and
/// split in one pass over its bytes; only a component with `%` or `+` is decoded and
/// checked again. Any other input takes the component-by-component path, which finds the
/// first malformation in the same order.
pub(crate) fn for_each_pair<'a, E: From<Malformed>>(
    input: &'a [u8],
    base: usize,
    f: impl FnMut(Cow<'a, str>, Cow<'a, str>) -> Result<(), E>,
) -> Result<(), E> {
    match std::str::from_utf8(input) {
        Ok(text) => for_each_pair_str(text, base, f),
        Err(_) => for_each_pair_bytes(input, base, f),
    }
}

/// [`for_each_pair`] on an input known to be UTF-8: one pass, no `memchr` (the
/// components are a few bytes long, shorter than its vector setup pays for).
fn for_each_pair_str<'a, E: From<Malformed>>(
    text: &'a str,
    base: usize,
    mut f: impl FnMut(Cow<'a, str>, Cow<'a, str>) -> Result<(), E>,
) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Within the current segment: the first `=`, and whether the key / value hold an escape.
    let mut eq: Option<usize> = None;
    let mut key_escaped = false;
    let mut value_escaped = false;
    let mut i = 0;
    loop {
        let class = match bytes.get(i) {
            Some(&b) => CLASS[b as usize],
            None => AMP,
        };
        if class != 0 {
            if class == AMP {
                if start < i {
                    // Every boundary is an ASCII byte, so every slice is on a char boundary.
                    let (key, value, value_at) = match eq {
                        Some(eq) => (&text[start..eq], &text[eq + 1..i], eq + 1),
                        None => (&text[start..i], "", i),
                    };
                    let key = if key_escaped {
                        decode_escapes(key.as_bytes(), base + start)?
                    } else {
                        Cow::Borrowed(key)
                    };
                    let value = if value_escaped {
                        decode_escapes(value.as_bytes(), base + value_at)?
                    } else {
                        Cow::Borrowed(value)
                    };
                    f(key, value)?;
                }
                if i >= bytes.len() {
                    return Ok(());
                }
                start = i + 1;
                eq = None;
                key_escaped = false;
                value_escaped = false;
            } else if eq.is_some() {
                value_escaped |= class == ESCAPE;
            } else if class == EQ {
                eq = Some(i);
            } else {
                key_escaped = true;
            }
        }
        i += 1;
    }
}

/// [`for_each_pair`] on any bytes: each component validated on its own, so the first
/// malformation (in input order) is the one reported.
fn for_each_pair_bytes<'a, E: From<Malformed>>(
    input: &'a [u8],
    base: usize,
    mut f: impl FnMut(Cow<'a, str>, Cow<'a, str>) -> Result<(), E>,
) -> Result<(), E> {
    let mut start = 0;
    while start <= input.len() {
        let end = memchr::memchr(b'&', &input[start..]).map_or(input.len(), |i| start + i);
        let segment = &input[start..end];
        if !segment.is_empty() {
            let (key, value, value_at) = match memchr::memchr(b'=', segment) {
                Some(eq) => (&segment[..eq], &segment[eq + 1..], start + eq + 1),
                None => (segment, &segment[segment.len()..], end),
            };
            f(
                percent_decode(key, base + start)?,
                percent_decode(value, base + value_at)?,
            )?;
        }
        start = end + 1;
    }
    Ok(())
}

/// The value of a hex digit, either case.
#[inline]
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    let value = HEX_VALUE[usize::from(b)];
    (value < 16).then_some(value)
}

/// Each byte's value as a hex digit, 16 for a byte that is none.
static HEX_VALUE: [u8; 256] = {
    let mut table = [16; 256];
    let mut i = 0;
    while i < 16 {
        table[HEX[i] as usize] = i as u8;
        table[HEX[i].to_ascii_lowercase() as usize] = i as u8;
        i += 1;
    }
    table
};

/// Decodes `+` and `%xx` in `raw` (found at `at` in the input).
fn percent_decode(raw: &[u8], at: usize) -> Result<Cow<'_, str>, Malformed> {
    if memchr::memchr2(b'%', b'+', raw).is_none() {
        return std::str::from_utf8(raw).map(Cow::Borrowed).map_err(|e| Malformed {
            offset: at + e.valid_up_to(),
            problem: MalformedKind::NotUtf8,
        });
    }
    decode_escapes(raw, at)
}

/// Decodes `+` and `%xx` in `raw` (found at `at` in the input), which holds at least one.
///
/// A value that stays ASCII (every request botocore sends but a non-ASCII password) is
/// built as a `String` directly, one `char` a byte; the first byte above `0x7F`, raw or
/// decoded, starts again on [`decode_escapes_bytes`], which checks the UTF-8 at the end.
/// Both report the first malformed escape at the same offset.
pub(crate) fn decode_escapes(raw: &[u8], at: usize) -> Result<Cow<'_, str>, Malformed> {
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let byte = match b {
            b'+' => b' ',
            b'%' => {
                let byte = escaped_byte(raw, i, at)?;
                i += 2;
                byte
            }
            b => b,
        };
        if !byte.is_ascii() {
            return decode_escapes_bytes(raw, at);
        }
        // The mask tells the compiler what the check above established: one byte a char.
        out.push(char::from(byte & 0x7F));
        i += 1;
    }
    Ok(Cow::Owned(out))
}

/// The byte `%xx` at `i` in `raw` stands for.
#[inline(always)]
fn escaped_byte(raw: &[u8], i: usize, at: usize) -> Result<u8, Malformed> {
    let hi = raw.get(i + 1).copied().and_then(hex_value);
    let lo = raw.get(i + 2).copied().and_then(hex_value);
    match (hi, lo) {
        (Some(hi), Some(lo)) => Ok(hi << 4 | lo),
        _ => Err(Malformed {
            offset: at + i,
            problem: MalformedKind::BadEscape,
        }),
    }
}

/// [`decode_escapes`] for a value with a byte above `0x7F`: decoded into bytes, then
/// checked as UTF-8.
#[cold]
fn decode_escapes_bytes(raw: &[u8], at: usize) -> Result<Cow<'_, str>, Malformed> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                out.push(escaped_byte(raw, i, at)?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Ok(Cow::Owned(s)),
        // The offset is of the value's start: decoded bytes do not map one to one back.
        Err(_) => Err(Malformed {
            offset: at,
            problem: MalformedKind::NotUtf8,
        }),
    }
}

/// Parameters every AWS query API accepts for signing and auth (docs/protocol.md §5.3),
/// passed over by the request decoders.
pub(crate) fn is_common_parameter(key: &str) -> bool {
    key.starts_with("X-Amz-")
        || key.starts_with("Signature")
        || matches!(key, "AWSAccessKeyId" | "Timestamp" | "Expires" | "SecurityToken")
}

/// The whitespace a header value is trimmed of, and whose runs SigV4 folds to one space
/// when it signs the value: Python's ASCII set (`str.split()`, what botocore folds),
/// space, `\t`, `\n`, `\v`, `\f`, `\r` and `\x1c`–`\x1f`. One set for both readers of a
/// header, so that two values SigV4 signs alike are read alike.
pub(crate) fn is_header_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f)
}

/// Does this `Content-Type` announce a form body? `application/x-www-form-urlencoded`,
/// with or without parameters such as `; charset=utf-8`, in any case, with the
/// whitespace SigV4 trims from a signed value (Python's ASCII set: space, `\t`, `\n`,
/// `\v`, `\f`, `\r`, `\x1c`–`\x1f`) around the media type. So the answer depends only on what SigV4 signs of the
/// value: a `\x0B` before the media type changes neither the signature nor the reading.
/// A request with several `Content-Type` headers is read with their values joined by
/// `,` (as SigV4 signs them), which is no form.
///
/// ```
/// use iam_login_profile::is_form_content_type;
///
/// assert!(is_form_content_type("application/x-www-form-urlencoded"));
/// assert!(is_form_content_type("Application/X-WWW-Form-URLEncoded; charset=UTF-8"));
/// assert!(is_form_content_type("\x0b application/x-www-form-urlencoded\x1f;charset=utf-8"));
/// assert!(!is_form_content_type("application/json"));
/// assert!(!is_form_content_type("application/x-www-form-urlencoded,text/plain"));
/// ```
pub fn is_form_content_type(value: &str) -> bool {
    let media_type = value.split(';').next().unwrap_or_default();
    media_type
        .trim_matches(|c: char| u8::try_from(c).is_ok_and(is_header_whitespace))
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// The pairs as this module decodes them, for the differential tests and fuzz target
/// that hold it equal to `serde_urlencoded`.
#[cfg(any(fuzzing, feature = "__internal"))]
pub(crate) fn pairs(input: &[u8]) -> Result<Vec<(String, String)>, (usize, MalformedKind)> {
    let mut pairs = Vec::new();
    for_each_pair(input, 0, |k, v| {
        pairs.push((k.into_owned(), v.into_owned()));
        Ok::<(), Malformed>(())
    })
    .map_err(|m| (m.offset, m.problem))?;
    Ok(pairs)
}
