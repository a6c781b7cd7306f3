//! The canonical request, written into a [`Sink`]: a SHA-256 when verifying or signing
//! (nothing kept, nothing allocated for a request in the usual shape), a buffer when the
//! caller wants to see it (diagnostics).
//!
//! The query has two canonical forms, both functions of one reading of its bytes:
//!
//! - **decoded** (the SigV4 specification, `aws-sigv4`, the Go and Java SDKs, botocore's
//!   own parameters): the pairs as the request decoder reads them ([`for_each_pair`]:
//!   `+` a space, `%xx` in either case, empty segments skipped), each key and value
//!   encoded again with the unreserved set, sorted by the encoded key, then value;
//! - **as sent** (botocore's `SigV4Auth` given a URL with a query): the raw non-empty
//!   segments split at their first `=`, sorted by key, then value.
//!
//! Two queries the decoder reads differently never share a canonical form: the decoded
//! form is a function of what the decoder reads; the as-sent form determines the raw
//! pairs, and so what they decode to; and an as-sent form equal to a decoded one has raw
//! pairs that are already encoded, which decode to the same pairs.

use std::borrow::Cow;
use std::cmp::Ordering;

use sha2::digest::Update;
use sha2::{Digest, Sha256};

use crate::query::{HEX, Malformed, for_each_pair, is_header_whitespace};

/// Where canonical bytes go.
pub(super) trait Sink {
    fn put(&mut self, bytes: &[u8]);

    /// One byte (a separator).
    #[inline]
    fn put_byte(&mut self, byte: u8) {
        self.put(&[byte]);
    }
}

impl Sink for Sha256 {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        Digest::update(self, bytes);
    }
}

/// The size of [`Buffered`]'s buffer: four SHA-256 blocks.
const BUFFER: usize = 256;

/// A SHA-256 or its HMAC fed through a buffer on the stack, so that the many short
/// pieces of a canonical request or a string to sign reach it in whole blocks, in a few
/// calls for the usual request (the hash then copies nothing into its own buffer). It
/// borrows the hash, which is never moved.
pub(super) struct Buffered<'u, U> {
    inner: &'u mut U,
    buf: [u8; BUFFER],
    len: usize,
}

impl<'u, U: Update> Buffered<'u, U> {
    #[inline]
    pub(super) fn new(inner: &'u mut U) -> Self {
        Buffered {
            inner,
            buf: [0; BUFFER],
            len: 0,
        }
    }

    /// `bytes` that do not fit: the buffer filled and handed on, as often as it takes.
    #[inline(never)]
    fn spill(&mut self, mut bytes: &[u8]) {
        loop {
            let room = &mut self.buf[self.len..];
            if bytes.len() <= room.len() {
                room[..bytes.len()].copy_from_slice(bytes);
                self.len += bytes.len();
                return;
            }
            let (head, rest) = bytes.split_at(room.len());
            room.copy_from_slice(head);
            self.inner.update(&self.buf);
            self.len = 0;
            bytes = rest;
        }
    }

    /// Hands what is buffered on: the hash has had everything put.
    #[inline]
    pub(super) fn flush(&mut self) {
        self.inner.update(&self.buf[..self.len]);
        self.len = 0;
    }
}

impl<U: Update> Sink for Buffered<'_, U> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        match self.buf.get_mut(self.len..self.len + bytes.len()) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            None => self.spill(bytes),
        }
    }

    #[inline]
    fn put_byte(&mut self, byte: u8) {
        if self.len == BUFFER {
            self.flush();
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Counts the bytes put, to size a buffer before writing into it.
#[derive(Default)]
pub(super) struct Count(pub(super) usize);

impl Sink for Count {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

/// The most names `SignedHeaders` may list. Real signers sign a handful (botocore every
/// header it sends, about six for IAM; `aws-sigv4`, the Go and Java SDKs fewer).
pub(super) const MAX_SIGNED_HEADERS: usize = 64;

/// Is `list` `SignedHeaders` as every signer writes it (botocore `sorted(set(lower))`,
/// `aws-sigv4` and the Go and Java SDKs sort the lower-cased names of a map): lower-case
/// header names, strictly ascending (so each once), at most [`MAX_SIGNED_HEADERS`]?
/// Each received header then goes into the canonical request at most once, which keeps
/// it no larger than the request plus a few bytes a name. `each` gets the names in
/// order, up to a fault if there is one (one reading of the list for every check).
pub(super) fn for_each_signed_name<'l>(list: &'l [u8], mut each: impl FnMut(&'l [u8])) -> bool {
    let mut count = 0;
    let mut previous: &[u8] = &[];
    let mut start = 0;
    // One pass over the bytes: each is a name's or the `;` that ends it.
    for end in 0..=list.len() {
        match list.get(end) {
            Some(&b) if LOWER_TOKEN[usize::from(b)] => continue,
            Some(b';') | None => {}
            Some(_) => return false,
        }
        let name = &list[start..end];
        count += 1;
        if count > MAX_SIGNED_HEADERS || name.is_empty() || (count > 1 && previous >= name) {
            return false;
        }
        each(name);
        previous = name;
        start = end + 1;
    }
    true
}

/// The bytes of a lower-case header name: RFC 9110's `tchar` without upper-case letters.
static LOWER_TOKEN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        b += 1;
    }
    t
};

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// `bytes` with every byte outside the unreserved set (and `/` when `keep_slash`) as `%XX`.
pub(super) fn put_encoded(out: &mut impl Sink, bytes: &[u8], keep_slash: bool) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !(is_unreserved(b) || (keep_slash && b == b'/')) {
            if start < i {
                out.put(&bytes[start..i]);
            }
            out.put(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.put(&bytes[start..]);
    }
}

/// A request target split at its first `?` into the path and the query.
pub(super) fn split_path_query(bytes: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(b'?', bytes) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, b""),
    }
}

/// The method, upper case.
pub(super) fn put_method(out: &mut impl Sink, method: &[u8]) {
    if method.iter().any(u8::is_ascii_lowercase) {
        out.put(&method.to_ascii_uppercase());
    } else {
        out.put(method);
    }
}

/// The path as botocore signs it: dot segments and empty segments removed
/// (`remove_dot_segments`), then percent-encoded with `/` kept (`quote(path, safe='/~')`).
pub(super) fn put_path(out: &mut impl Sink, path: &[u8]) {
    if path.is_empty() {
        out.put_byte(b'/');
        return;
    }
    // Nothing to remove (the usual `/`): encoded as it is.
    let last = path.iter().filter(|&&b| b == b'/').count();
    let normal = path
        .split(|&b| b == b'/')
        .enumerate()
        .all(|(i, segment)| match segment {
            b"" => i == 0 || i == last,
            b"." | b".." => false,
            _ => true,
        });
    if normal {
        put_encoded(out, path, true);
        return;
    }
    let mut segments: Vec<&[u8]> = Vec::new();
    for segment in path.split(|&b| b == b'/') {
        match segment {
            b"" | b"." => {}
            b".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut normalized = Vec::with_capacity(path.len());
    if path[0] == b'/' {
        normalized.push(b'/');
    }
    normalized.extend_from_slice(&segments.join(&b'/'));
    if path[path.len() - 1] == b'/' && !segments.is_empty() {
        normalized.push(b'/');
    }
    put_encoded(out, &normalized, true);
}

/// The query's pairs as the request decoder reads them, `skip` (the presigned
/// signature) left out, sorted as the decoded canonical form sorts them; `None` when the
/// decoder refuses the query (a bad escape, bytes that are not UTF-8).
pub(super) fn decoded_pairs<'q>(query: &'q [u8], skip: Option<&str>) -> Option<Vec<(Cow<'q, str>, Cow<'q, str>)>> {
    let mut pairs = Vec::new();
    let read = for_each_pair(query, 0, |key, value| {
        if skip != Some(&*key) {
            pairs.push((key, value));
        }
        Ok::<(), Malformed>(())
    });
    read.ok()?;
    pairs.sort_by(|a, b| {
        cmp_encoded(a.0.as_bytes(), b.0.as_bytes()).then_with(|| cmp_encoded(a.1.as_bytes(), b.1.as_bytes()))
    });
    Some(pairs)
}

/// The order of two byte strings once encoded, without encoding them: a byte written as
/// `%XX` sorts before every unreserved byte (`%` is below them all), and among
/// themselves by value (upper-case hex digits sort as their values); unreserved bytes
/// by value.
fn cmp_encoded(a: &[u8], b: &[u8]) -> Ordering {
    let rank = |b: u8| (is_unreserved(b), b);
    for (&x, &y) in a.iter().zip(b) {
        if x != y {
            return rank(x).cmp(&rank(y));
        }
    }
    a.len().cmp(&b.len())
}

/// The decoded canonical query.
pub(super) fn put_decoded_query(out: &mut impl Sink, pairs: &[(Cow<'_, str>, Cow<'_, str>)]) {
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.put_byte(b'&');
        }
        put_encoded(out, key.as_bytes(), false);
        out.put_byte(b'=');
        put_encoded(out, value.as_bytes(), false);
    }
}

/// The query's raw pairs as botocore signs them (non-empty segments split at the first
/// `=`), `skip` left out, sorted.
pub(super) fn raw_pairs<'q>(query: &'q [u8], skip: Option<&[u8]>) -> Vec<(&'q [u8], &'q [u8])> {
    let mut pairs: Vec<(&[u8], &[u8])> = query
        .split(|&b| b == b'&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| match memchr::memchr(b'=', segment) {
            Some(eq) => (&segment[..eq], &segment[eq + 1..]),
            None => (segment, &segment[segment.len()..]),
        })
        .filter(|(key, _)| skip != Some(*key))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Does the query hold a parameter with an empty name and an empty value (a segment `=`,
/// the one spelling of that pair)? botocore signs an empty segment, which the decoder
/// skips, as that very pair, so a signature cannot tell the two apart.
pub(super) fn has_empty_parameter(query: &[u8]) -> bool {
    query.split(|&b| b == b'&').any(|segment| segment == b"=")
}

/// The as-sent canonical query.
pub(super) fn put_raw_query(out: &mut impl Sink, pairs: &[(&[u8], &[u8])]) {
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.put_byte(b'&');
        }
        out.put(key);
        out.put_byte(b'=');
        out.put(value);
    }
}

/// Is the query written as its decoded canonical form writes each pair (unreserved bytes,
/// `%XX` in upper case for the others, one `=` a segment, no empty segment)? Then both
/// canonical forms are the same bytes, and one is enough.
pub(super) fn is_encoded_query(query: &[u8]) -> bool {
    if query.is_empty() {
        return true;
    }
    query.split(|&b| b == b'&').all(|segment| {
        let mut equals = 0;
        let mut i = 0;
        while let Some(&b) = segment.get(i) {
            match b {
                b'=' => equals += 1,
                b'%' => {
                    let digit = |j: usize| {
                        segment
                            .get(j)
                            .filter(|d| d.is_ascii_digit() || (b'A'..=b'F').contains(d))
                    };
                    let (Some(&hi), Some(&lo)) = (digit(i + 1), digit(i + 2)) else {
                        return false;
                    };
                    let value = |d: u8| if d.is_ascii_digit() { d - b'0' } else { d - b'A' + 10 };
                    if is_unreserved(value(hi) << 4 | value(lo)) {
                        return false;
                    }
                    i += 2;
                }
                b if is_unreserved(b) => {}
                _ => return false,
            }
            i += 1;
        }
        !segment.is_empty() && equals <= 1
    })
}

/// Is a received header name this lower-case name, in any case? (The bytes' differences
/// ORed, without a jump out of the loop: names are short, and a jump on each byte costs
/// more than it saves.)
#[inline]
pub(super) fn is_name(received: &[u8], lower: &[u8]) -> bool {
    received.len() == lower.len()
        && received
            .iter()
            .zip(lower)
            .fold(0, |difference, (a, b)| difference | (a.to_ascii_lowercase() ^ b))
            == 0
}

/// A header value as SigV4 signs it: trimmed, its runs of whitespace folded to one space
/// (the whitespace [`is_header_whitespace`], the one set the request decoder trims too).
pub(super) fn put_trimmed(out: &mut impl Sink, value: &[u8]) {
    if is_folded(value) {
        out.put(value);
        return;
    }
    let mut first = true;
    for word in value.split(|&b| is_header_whitespace(b)).filter(|w| !w.is_empty()) {
        if !first {
            out.put_byte(b' ');
        }
        first = false;
        out.put(word);
    }
}

/// Is `value` already as SigV4 signs it: no whitespace but single spaces between words?
/// (Every whitespace byte is at most `0x20`, so one comparison a byte finds the values
/// with none but spaces, which are most.)
pub(super) fn is_folded(value: &[u8]) -> bool {
    // The smallest byte, by a fold without a jump out of the loop (a vector at a time).
    let least = value.iter().fold(u8::MAX, |least, &b| least.min(b));
    if least != b' ' {
        // No space; a control byte may be whitespace (`\t`, `\x0b`, `\x1c`…).
        return least > b' ';
    }
    // Spaces only: none first or last, none after another.
    let next = value.get(1..).unwrap_or_default();
    let double_space = value
        .iter()
        .zip(next)
        .fold(false, |seen, (&a, &b)| seen | ((a == b' ') & (b == b' ')));
    !double_space && value.first() != Some(&b' ') && value.last() != Some(&b' ')
}

/// Lower-case hex of a digest, four bytes at a time in a word: each byte's nibbles
/// spread to two bytes (high nibble first), each nibble `n` then `'0' + n`, plus 39 (to
/// `'a'`) when `n + 6` carries into bit 4, that is when `n` is at least 10.
pub(super) fn hex(bytes: &[u8; 32]) -> [u8; 64] {
    const LOW: u64 = 0x000F_000F_000F_000F;
    const EACH: u64 = 0x0101_0101_0101_0101;
    let mut out = [0; 64];
    for (digits, four) in out.as_chunks_mut::<8>().0.iter_mut().zip(bytes.as_chunks::<4>().0) {
        let word = u64::from(u32::from_le_bytes(*four));
        let word = (word | (word << 16)) & 0x0000_FFFF_0000_FFFF;
        let word = (word | (word << 8)) & 0x00FF_00FF_00FF_00FF;
        let nibbles = ((word >> 4) & LOW) | ((word & LOW) << 8);
        let letters = ((nibbles + 6 * EACH) >> 4) & EACH;
        *digits = (nibbles + u64::from(b'0') * EACH + letters * 39).to_le_bytes();
    }
    out
}

/// The hex SHA-256 of `data`.
pub(super) fn sha256_hex(data: &[u8]) -> [u8; 64] {
    hex(&Sha256::digest(data).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        put_path(&mut out, p);
        out
    }

    fn decoded(q: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        put_decoded_query(&mut out, &decoded_pairs(q, None)?);
        Some(out)
    }

    fn raw(q: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        put_raw_query(&mut out, &raw_pairs(q, None));
        out
    }

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        for first in (0..=255u8).step_by(32) {
            let bytes: [u8; 32] = std::array::from_fn(|i| first + i as u8);
            let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex(&bytes), expected.as_bytes());
        }
    }

    #[test]
    fn whitespace_folds_like_python_split() {
        let mut out = Vec::new();
        put_trimmed(&mut out, b"  a \t\x0b b\x1c\x1fc  ");
        assert_eq!(out, b"a b c");
    }

    #[test]
    fn paths_normalise_like_botocore() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"", b"/"),
            (b"/", b"/"),
            (b"/a/", b"/a/"),
            (b"a/b", b"a/b"),
            (b"/a/./b/../c/", b"/a/c/"),
            (b"//a//b", b"/a/b"),
            (b"//", b"/"),
            (b"/../..", b"/"),
            (b"/a b/%2F", b"/a%20b/%252F"),
        ];
        for (p, expected) in cases {
            assert_eq!(path(p), *expected, "{}", String::from_utf8_lossy(p));
        }
    }

    #[test]
    fn the_decoded_form_reads_as_the_decoder_reads() {
        assert_eq!(decoded(b"b=2&a=1&a=0&c").unwrap(), b"a=0&a=1&b=2&c=");
        // `+` is a space, `%2b` and `%2B` a plus, `%7E` a tilde, `=` in a value kept.
        assert_eq!(
            decoded(b"k=%2f%7E+x&&z=%2b%2B&e=a=b").unwrap(),
            b"e=a%3Db&k=%2F~%20x&z=%2B%2B"
        );
        // Sorted by the encoded key: `a%7B` before `aa`, though `{` is above `a`.
        assert_eq!(decoded(b"aa=1&a{=2").unwrap(), b"a%7B=2&aa=1");
        // What the decoder refuses has no decoded form.
        assert_eq!(decoded(b"k=%zz"), None);
        assert_eq!(decoded(b"k=%ff"), None);
    }

    #[test]
    fn the_as_sent_form_is_botocores() {
        assert_eq!(raw(b"b=a+b&a=%2b&&c"), b"a=%2b&b=a+b&c=");
        assert_eq!(raw(b"k=a=b"), b"k=a=b");
    }

    #[test]
    fn an_encoded_query_has_one_form() {
        for q in [
            &b""[..],
            b"a=1&b=%2B%20",
            b"Action=GetLoginProfile&UserName=a%2Bb",
            b"k",
        ] {
            assert!(is_encoded_query(q), "{q:?}");
            assert_eq!(decoded(q).unwrap(), raw(q), "{q:?}");
        }
        for q in [&b"a=b+c"[..], b"a=%2b", b"a=%41", b"a=b=c", b"a&&b", b"a=*", b"a=%2"] {
            assert!(!is_encoded_query(q), "{q:?}");
        }
    }

    fn is_valid_signed_headers(list: &[u8]) -> bool {
        for_each_signed_name(list, |_| {})
    }

    #[test]
    fn signed_headers_are_lower_case_sorted_unique_and_few() {
        assert!(is_valid_signed_headers(b"content-type;host;x-amz-date"));
        for bad in [
            &b""[..],
            b"host;host",
            b"x-amz-date;host",
            b"Host",
            b"host;",
            b"ho st",
            b"a;;b",
        ] {
            assert!(!is_valid_signed_headers(bad), "{bad:?}");
        }
        let names: Vec<String> = (0..64).map(|i| format!("x-{i:03}")).collect();
        assert!(is_valid_signed_headers(names.join(";").as_bytes()));
        let names: Vec<String> = (0..65).map(|i| format!("x-{i:03}")).collect();
        assert!(!is_valid_signed_headers(names.join(";").as_bytes()));
    }
}
