//! Step 1 of verifying, with no secret: the signature's claims read from the
//! `Authorization` header or the presigned query, in the shape every signer writes, and
//! which headers they sign. Linear in the request: the `Authorization` is bounded, and
//! `SignedHeaders` is sorted, each name once, at most 64.

use std::borrow::Cow;
use std::ops::Range;

use super::canonical::{for_each_signed_name, is_name};
use super::error::shown;
use super::{ALGORITHM, AuthError, Component, MAX_EXPIRES};
use crate::query::{Malformed, for_each_pair, is_header_whitespace};
use crate::timestamp::Timestamp;

/// The longest `Authorization` value read: a signer's is about 200 bytes, and 64 signed
/// names of 50 bytes stay under it.
pub const MAX_AUTHORIZATION: usize = 4096;

/// A request's headers as the verifier reads them: (name, value) pairs in the order
/// received, a name as often as it came. Implemented for slices, arrays and vectors of
/// pairs of byte strings (`&str`, `String`, `&[u8]`, …) and, with the `http` feature, for
/// `http::HeaderMap`.
pub trait Headers {
    /// Every (name, value), in order.
    fn header_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])>;
}

impl<N: AsRef<[u8]>, V: AsRef<[u8]>> Headers for [(N, V)] {
    fn header_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.iter().map(|(n, v)| (n.as_ref(), v.as_ref()))
    }
}

impl<N: AsRef<[u8]>, V: AsRef<[u8]>, const K: usize> Headers for [(N, V); K] {
    fn header_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.as_slice().header_pairs()
    }
}

impl<N: AsRef<[u8]>, V: AsRef<[u8]>> Headers for Vec<(N, V)> {
    fn header_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.as_slice().header_pairs()
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Headers for http::HeaderMap {
    fn header_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.iter().map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes()))
    }
}

/// The signature's pieces, from the `Authorization` header or the presigned query.
pub(super) struct Claims<'r> {
    pub(super) credential: Cow<'r, [u8]>,
    pub(super) signed_headers: Cow<'r, [u8]>,
    pub(super) signature: Cow<'r, [u8]>,
    pub(super) time: Timestamp,
    /// The time as `X-Amz-Date` writes it.
    pub(super) amz_date: [u8; 16],
    /// Which header carried the time (`None`: the query).
    pub(super) date_header: Option<&'static str>,
    pub(super) expires: Option<u64>,
    pub(super) token: Option<Cow<'r, [u8]>>,
    /// Did the request carry a `Content-Type`?
    pub(super) content_type_sent: bool,
    /// What `SignedHeaders` covers, read with the list.
    pub(super) coverage: Coverage,
}

/// Which of the headers that must be signed `SignedHeaders` lists, and the first name
/// it lists that the request does not carry (shown as in the error).
#[derive(Default)]
pub(super) struct Coverage {
    host: bool,
    x_amz_date: bool,
    date: bool,
    token: bool,
    content_type: bool,
    missing: Option<String>,
}

fn bytes(s: Cow<'_, str>) -> Cow<'_, [u8]> {
    match s {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

pub(super) fn trim(value: &[u8]) -> &[u8] {
    let start = value
        .iter()
        .position(|&b| !is_header_whitespace(b))
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|&b| !is_header_whitespace(b))
        .map_or(start, |i| i + 1);
    &value[start..end]
}

/// The value of a header the verifier reads itself, and whether it came twice.
#[derive(Default, Clone, Copy)]
struct Slot<'h> {
    value: Option<&'h [u8]>,
    twice: bool,
}

impl<'h> Slot<'h> {
    fn set(&mut self, value: &'h [u8]) {
        if self.value.is_some() {
            self.twice = true;
        } else {
            self.value = Some(value);
        }
    }

    /// The value of a header that must come once at most.
    fn once(self, name: &'static str) -> Result<Option<&'h [u8]>, AuthError> {
        if self.twice {
            Err(AuthError::DuplicateHeader { header: name })
        } else {
            Ok(self.value)
        }
    }
}

/// The headers the verifier reads itself, found in one pass (names compared by length
/// first, then without case).
#[derive(Default)]
struct Special<'h> {
    authorization: Slot<'h>,
    x_amz_date: Slot<'h>,
    date: Slot<'h>,
    token: Slot<'h>,
    content_type: Slot<'h>,
}

fn special<H: Headers + ?Sized>(headers: &H) -> Special<'_> {
    let mut found = Special::default();
    for (name, value) in headers.header_pairs() {
        let slot = match name.len() {
            13 if is_name(name, b"authorization") => &mut found.authorization,
            10 if is_name(name, b"x-amz-date") => &mut found.x_amz_date,
            4 if is_name(name, b"date") => &mut found.date,
            20 if is_name(name, b"x-amz-security-token") => &mut found.token,
            12 if is_name(name, b"content-type") => &mut found.content_type,
            _ => continue,
        };
        slot.set(value);
    }
    found
}

/// The SigV4 parameters of a presigned query, as the request decoder reads the query
/// (the first of a repeated name; the pairs before a malformation, if there is one).
#[derive(Default)]
struct QueryAuth<'q> {
    algorithm: Option<Cow<'q, str>>,
    credential: Option<Cow<'q, str>>,
    signature: Option<Cow<'q, str>>,
    signed_headers: Option<Cow<'q, str>>,
    date: Option<Cow<'q, str>>,
    expires: Option<Cow<'q, str>>,
    token: Option<Cow<'q, str>>,
}

fn read_query_auth<'q>(query: &'q [u8], auth: &mut QueryAuth<'q>) {
    let _ = for_each_pair(query, 0, |key, value| {
        let slot = match &*key {
            "X-Amz-Algorithm" => &mut auth.algorithm,
            "X-Amz-Credential" => &mut auth.credential,
            "X-Amz-Signature" => &mut auth.signature,
            "X-Amz-SignedHeaders" => &mut auth.signed_headers,
            "X-Amz-Date" => &mut auth.date,
            "X-Amz-Expires" => &mut auth.expires,
            "X-Amz-Security-Token" => &mut auth.token,
            _ => return Ok(()),
        };
        if slot.is_none() {
            *slot = Some(value);
        }
        Ok::<(), Malformed>(())
    });
}

/// The request's time in ISO 8601 basic format (`20150830T123600Z`), or with `http_form`
/// also in RFC 1123 form, and as `X-Amz-Date` writes it: the text itself when it is in
/// that form (which reads only those 16 bytes, digit for digit), else written.
fn read_time(date: &[u8], http_form: bool) -> Option<(Timestamp, [u8; 16])> {
    if let Some(time) = Timestamp::parse_basic(date) {
        return Some((time, date.try_into().ok()?));
    }
    if !http_form {
        return None;
    }
    let time = Timestamp::parse_http_date(date)?;
    let mut amz_date = [0; 16];
    time.write_basic(&mut amz_date);
    Some((time, amz_date))
}

fn parse_decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 10 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
}

/// The four ranges of `KEY/DATE/REGION/SERVICE/aws4_request` and whether the fifth part
/// is the terminator, or `None` unless there are exactly five parts.
pub(super) fn credential_parts(credential: &[u8]) -> Option<([Range<usize>; 4], Range<usize>)> {
    let mut ranges: [Range<usize>; 5] = Default::default();
    let mut start = 0;
    let mut n = 0;
    for (i, &b) in credential.iter().enumerate() {
        if b == b'/' {
            *ranges.get_mut(n)? = start..i;
            n += 1;
            start = i + 1;
        }
    }
    *ranges.get_mut(n)? = start..credential.len();
    if n != 4 {
        return None;
    }
    let [a, b, c, d, e] = ranges;
    Some(([a, b, c, d], e))
}
/// The signature's pieces, from the `Authorization` header or the presigned query, in
/// the shape every signer writes.
pub(super) fn read_claims<'r, H: Headers + ?Sized>(headers: &'r H, query: &'r [u8]) -> Result<Claims<'r>, AuthError> {
    let special = special(headers);
    let authorization = special.authorization.once("Authorization")?;
    let mut query_auth = QueryAuth::default();
    if !query.is_empty() {
        read_query_auth(query, &mut query_auth);
    }
    let mut claims = match (authorization, query_auth.algorithm.is_some()) {
        (Some(_), true) => return Err(AuthError::BothForms),
        (None, false) => return Err(AuthError::MissingAuthenticationToken),
        (Some(value), false) => header_claims(value, &special)?,
        (None, true) => query_claims(query_auth)?,
    };
    claims.content_type_sent = special.content_type.value.is_some();
    let coverage = &mut claims.coverage;
    let valid = for_each_signed_name(&claims.signed_headers, |name| {
        match name {
            b"host" => coverage.host = true,
            b"x-amz-date" => coverage.x_amz_date = true,
            b"date" => coverage.date = true,
            b"x-amz-security-token" => coverage.token = true,
            b"content-type" => coverage.content_type = true,
            _ => {}
        }
        if coverage.missing.is_none() && !headers.header_pairs().any(|(n, _)| is_name(n, name)) {
            coverage.missing = Some(shown(name));
        }
    });
    if !valid {
        return Err(AuthError::MalformedSignedHeaders {
            signed_headers: shown(&claims.signed_headers),
        });
    }
    Ok(claims)
}

fn header_claims<'r>(value: &'r [u8], special: &Special<'r>) -> Result<Claims<'r>, AuthError> {
    if value.len() > MAX_AUTHORIZATION {
        return Err(AuthError::AuthorizationTooLong { length: value.len() });
    }
    let value = value.trim_ascii();
    // The algorithm is what comes before the first space.
    let rest = match value.strip_prefix(ALGORITHM.as_bytes()) {
        Some([]) => &[][..],
        Some([b' ', rest @ ..]) => rest,
        _ => {
            let algorithm = value.split(|&b| b == b' ').next().unwrap_or_default();
            return Err(AuthError::UnsupportedAlgorithm {
                algorithm: shown(algorithm),
            });
        }
    };
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    // AWS splits at commas and at whitespace: `Credential=KEY /20150830/…` (a space in
    // the key) is refused for its `/20150830/…` part.
    let is_separator = |b: u8| b == b',' || b.is_ascii_whitespace();
    // The usual header has no control bytes (every whitespace but the space is one): its
    // separators are found two bytes at a time (`memchr2`); otherwise byte by byte. (A
    // fold without a jump out of the loop runs a vector at a time.)
    let control = rest.iter().fold(false, |seen, &b| seen | (b < b' '));
    let next_separator = |from: usize| {
        if control {
            rest[from..]
                .iter()
                .position(|&b| is_separator(b))
                .map_or(rest.len(), |j| from + j)
        } else {
            memchr::memchr2(b',', b' ', &rest[from..]).map_or(rest.len(), |j| from + j)
        }
    };
    let mut i = 0;
    while i < rest.len() {
        if is_separator(rest[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i = next_separator(i);
        let pair = &rest[start..i];
        let Some(eq) = pair.iter().position(|&b| b == b'=') else {
            return Err(AuthError::MalformedAuthorization {
                pair: shown(pair),
                authorization: shown(value),
            });
        };
        let (key, val) = (&pair[..eq], &pair[eq + 1..]);
        // The last of a repeated key wins, as AWS does.
        match key {
            b"Credential" => credential = Some(val),
            b"SignedHeaders" => signed_headers = Some(val),
            b"Signature" => signature = Some(val),
            _ => {}
        }
    }
    // `X-Amz-Date` wins over `Date`.
    let date = match special.x_amz_date.once("X-Amz-Date")? {
        Some(value) => Some((value, "X-Amz-Date")),
        None => special.date.once("Date")?.map(|value| (value, "Date")),
    };
    let mut missing = Vec::new();
    if credential.is_none() {
        missing.push(Component::Credential);
    }
    if signature.is_none() {
        missing.push(Component::Signature);
    }
    if signed_headers.is_none() {
        missing.push(Component::SignedHeaders);
    }
    if date.is_none() {
        missing.push(Component::Date);
    }
    let (Some(credential), Some(signed_headers), Some(signature), Some((date, date_header))) =
        (credential, signed_headers, signature, date)
    else {
        return Err(AuthError::MissingComponents { missing });
    };
    let date = trim(date);
    let (time, amz_date) =
        read_time(date, date_header == "Date").ok_or_else(|| AuthError::MalformedDate { date: shown(date) })?;
    Ok(Claims {
        credential: Cow::Borrowed(credential),
        signed_headers: Cow::Borrowed(signed_headers),
        signature: Cow::Borrowed(signature),
        time,
        amz_date,
        date_header: Some(date_header),
        expires: None,
        token: special.token.once("X-Amz-Security-Token")?.map(Cow::Borrowed),
        content_type_sent: false,
        coverage: Coverage::default(),
    })
}

fn query_claims(auth: QueryAuth<'_>) -> Result<Claims<'_>, AuthError> {
    let algorithm = auth.algorithm.unwrap_or_default();
    if algorithm != ALGORITHM {
        return Err(AuthError::UnsupportedAlgorithm {
            algorithm: shown(algorithm.as_bytes()),
        });
    }
    let mut missing = Vec::new();
    if auth.credential.is_none() {
        missing.push(Component::QueryCredential);
    }
    if auth.signature.is_none() {
        missing.push(Component::QuerySignature);
    }
    if auth.signed_headers.is_none() {
        missing.push(Component::QuerySignedHeaders);
    }
    if auth.date.is_none() {
        missing.push(Component::QueryDate);
    }
    let (Some(credential), Some(signature), Some(signed_headers), Some(date)) =
        (auth.credential, auth.signature, auth.signed_headers, auth.date)
    else {
        return Err(AuthError::MissingComponents { missing });
    };
    let (time, amz_date) = read_time(date.as_bytes(), false).ok_or_else(|| AuthError::MalformedDate {
        date: shown(date.as_bytes()),
    })?;
    let expires = match auth.expires {
        None => None,
        Some(raw) => {
            let n = parse_decimal(raw.as_bytes()).filter(|&n| n <= MAX_EXPIRES);
            Some(n.ok_or_else(|| AuthError::MalformedExpires {
                expires: shown(raw.as_bytes()),
            })?)
        }
    };
    Ok(Claims {
        credential: bytes(credential),
        signed_headers: bytes(signed_headers),
        signature: bytes(signature),
        time,
        amz_date,
        date_header: None,
        expires,
        token: auth.token.map(bytes),
        content_type_sent: false,
        coverage: Coverage::default(),
    })
}

/// `Host` must be signed, and so must the header that gave the time, a sent
/// `X-Amz-Security-Token` (the presigned form's is in the signed query) and a sent
/// `Content-Type` (it decides whether the body is read); every name listed must be in
/// the request.
pub(super) fn check_signed_headers(claims: &Claims<'_>) -> Result<(), AuthError> {
    let Coverage {
        host,
        x_amz_date,
        date,
        token,
        content_type,
        ref missing,
    } = claims.coverage;
    if let Some(header) = missing {
        return Err(AuthError::SignedHeaderMissing { header: header.clone() });
    }
    if !host {
        return Err(AuthError::HeaderNotSigned { header: "Host" });
    }
    match claims.date_header {
        Some("X-Amz-Date") if !x_amz_date => return Err(AuthError::HeaderNotSigned { header: "X-Amz-Date" }),
        Some("Date") if !date => return Err(AuthError::HeaderNotSigned { header: "Date" }),
        _ => {}
    }
    if claims.date_header.is_some() && claims.token.is_some() && !token {
        return Err(AuthError::HeaderNotSigned {
            header: "X-Amz-Security-Token",
        });
    }
    if claims.content_type_sent && !content_type {
        return Err(AuthError::HeaderNotSigned { header: "Content-Type" });
    }
    Ok(())
}
