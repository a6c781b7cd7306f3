//! The server's half, in steps a server can interleave with its own I/O:
//!
//! 1. [`Verifier::read`]: the signature's claims (access key id, credential scope,
//!    session token), checked for shape, clock and scope, in time and memory linear in
//!    the request and without any secret;
//! 2. the caller looks the access key id up however it does (a map, a database, an
//!    `async` key service), or finds a [`SigningKey`] it kept;
//! 3. [`SignedRequest::verify`] with the secret, or [`SignedRequest::verify_with_key`]
//!    with a kept key (derives nothing, allocates nothing), or
//!    [`SignedRequest::unknown_key`] when there is none.
//!
//! [`Verifier::verify`] does the three in one call with a synchronous lookup.

use std::borrow::Cow;
use std::ops::Range;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::canonical::{
    MAX_SIGNED_HEADERS, Sink, decoded_pairs, is_encoded_query, is_valid_signed_headers, put_decoded_query, put_method,
    put_path, put_raw_query, put_trimmed, raw_pairs, sha256_hex,
};
use super::error::shown;
use super::{
    ALGORITHM, AuthError, Component, DEFAULT_CLOCK_SKEW, DEFAULT_REGION, DEFAULT_SERVICE, MAX_EXPIRES, Mismatch,
    ScopeMismatch, SecretKey, SigningKey, hex, signature, string_to_sign,
};
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
impl Headers for http::HeaderMap {
    fn header_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.iter().map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes()))
    }
}

/// Checks signatures for a server: the service and region requests must be scoped to
/// (`iam`, `us-east-1` unless told otherwise) and the clock-skew window (15 minutes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    service: String,
    region: Option<String>,
    clock_skew: Duration,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::new()
    }
}

/// Who signed a request that verified. It borrows from the request where it can.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Principal<'r> {
    access_key_id: Cow<'r, str>,
    session_token: Option<Cow<'r, str>>,
}

impl<'r> Principal<'r> {
    /// The access key id the request was signed with.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The `X-Amz-Security-Token` it carried (signed; trimmed, as signed), for temporary
    /// credentials; the caller checks it against the token it issued with that key.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// The principal, owning its text.
    pub fn into_owned(self) -> Principal<'static> {
        Principal {
            access_key_id: Cow::Owned(self.access_key_id.into_owned()),
            session_token: self.session_token.map(|t| Cow::Owned(t.into_owned())),
        }
    }
}

/// A request whose signature has been read and whose shape, clock and credential scope
/// have been checked: what remains is the secret ([`SignedRequest::verify`]) or a kept
/// key ([`SignedRequest::verify_with_key`]). It borrows the request.
pub struct SignedRequest<'r, H: ?Sized> {
    method: &'r [u8],
    path: &'r [u8],
    query: &'r [u8],
    headers: &'r H,
    body: &'r [u8],
    presigned: bool,
    credential: Cow<'r, [u8]>,
    /// Access key id, date, region, service in `credential`.
    parts: [Range<usize>; 4],
    signed_headers: Cow<'r, [u8]>,
    signature: Cow<'r, [u8]>,
    amz_date: [u8; 16],
    token: Option<Cow<'r, [u8]>>,
}

impl<H: Headers + ?Sized> std::fmt::Debug for SignedRequest<'_, H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedRequest")
            .field("access_key_id", &self.access_key_id())
            .field("date", &self.date())
            .field("region", &self.region())
            .field("service", &self.service())
            .field("presigned", &self.presigned)
            .finish_non_exhaustive()
    }
}

/// The signature's pieces, from the `Authorization` header or the presigned query.
struct Claims<'r> {
    credential: Cow<'r, [u8]>,
    signed_headers: Cow<'r, [u8]>,
    signature: Cow<'r, [u8]>,
    time: Timestamp,
    /// Which header carried the time (`None`: the query).
    date_header: Option<&'static str>,
    expires: Option<u64>,
    token: Option<Cow<'r, [u8]>>,
}

fn bytes(s: Cow<'_, str>) -> Cow<'_, [u8]> {
    match s {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

fn trim(value: &[u8]) -> &[u8] {
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

fn seconds_since_epoch(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

fn split_path_query(bytes: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(b'?', bytes) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, b""),
    }
}

/// The value of the one header named `name` (lower case); two of them are refused.
fn single_header<'h, H: Headers + ?Sized>(
    headers: &'h H,
    name: &'static [u8],
    shown_name: &'static str,
) -> Result<Option<&'h [u8]>, AuthError> {
    let mut found = None;
    for (n, v) in headers.header_pairs() {
        if n.eq_ignore_ascii_case(name) {
            if found.is_some() {
                return Err(AuthError::DuplicateHeader { header: shown_name });
            }
            found = Some(v);
        }
    }
    Ok(found)
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

fn query_auth(query: &[u8]) -> QueryAuth<'_> {
    let mut auth = QueryAuth::default();
    if query.is_empty() {
        return auth;
    }
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
    auth
}

fn parse_decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 10 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
}

/// The four ranges of `KEY/DATE/REGION/SERVICE/aws4_request` and whether the fifth part
/// is the terminator, or `None` unless there are exactly five parts.
fn credential_parts(credential: &[u8]) -> Option<([Range<usize>; 4], Range<usize>)> {
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

impl Verifier {
    /// A verifier for IAM: service `iam`, region `us-east-1`, 15 minutes of clock skew.
    pub fn new() -> Self {
        Verifier {
            service: DEFAULT_SERVICE.to_owned(),
            region: Some(DEFAULT_REGION.to_owned()),
            clock_skew: DEFAULT_CLOCK_SKEW,
        }
    }

    /// Requires another region in the credential scope.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Accepts any region in the credential scope (the signature still covers it).
    pub fn any_region(mut self) -> Self {
        self.region = None;
        self
    }

    /// Requires another service in the credential scope.
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = service.into();
        self
    }

    /// Sets how far the request's time may be from `now`, either way.
    pub fn clock_skew(mut self, window: Duration) -> Self {
        self.clock_skew = window;
        self
    }

    /// Step 1: reads a received request's signature (its method, path with the query
    /// string as received, headers, body) and checks, in AWS's order, its shape, the
    /// clock-skew window around `now`, the credential scope and which headers are
    /// signed. No secret is needed, and the work is linear in the request.
    ///
    /// The request's time is the `X-Amz-Date` header, else the `Date` header, in ISO
    /// 8601 basic format (`20150830T123600Z`) or RFC 1123 (`Sun, 30 Aug 2015 12:36:00
    /// GMT`, what botocore signs when given a `Date`); the presigned form's is the
    /// `X-Amz-Date` parameter.
    ///
    /// Pass the path and query as the client sent them: a router that strips a prefix
    /// (axum's `nest_service`) hands on a URI the client did not sign; take the original
    /// (axum's `OriginalUri`) instead.
    ///
    /// # Errors
    ///
    /// The [`AuthError`] to answer with (see `docs/sigv4.md` for the order of the checks).
    pub fn read<'r, H: Headers + ?Sized>(
        &self,
        method: &'r str,
        path_and_query: &'r str,
        headers: &'r H,
        body: &'r [u8],
        now: SystemTime,
    ) -> Result<SignedRequest<'r, H>, AuthError> {
        let (path, query) = split_path_query(path_and_query.as_bytes());
        let claims = read_claims(headers, query)?;
        self.check_time(&claims, now)?;
        let (parts, amz_date) = self.check_scope(&claims)?;
        check_signed_headers(headers, &claims)?;
        if std::str::from_utf8(&claims.credential[parts[0].clone()]).is_err() {
            return Err(AuthError::InvalidClientTokenId {
                access_key_id: shown(&claims.credential[parts[0].clone()]),
            });
        }
        Ok(SignedRequest {
            method: method.as_bytes(),
            path,
            query,
            headers,
            body,
            presigned: claims.date_header.is_none(),
            credential: claims.credential,
            parts,
            signed_headers: claims.signed_headers,
            signature: claims.signature,
            amz_date,
            token: claims.token,
        })
    }

    /// The clock-skew window, and a presigned request's expiry.
    fn check_time(&self, claims: &Claims<'_>, now: SystemTime) -> Result<(), AuthError> {
        let signed = claims.time.unix_timestamp();
        let now = seconds_since_epoch(now);
        let skew = i64::try_from(self.clock_skew.as_secs()).unwrap_or(i64::MAX);
        if signed < now.saturating_sub(skew) {
            return Err(AuthError::SignatureExpired {
                signed,
                now,
                skew_minutes: skew / 60,
            });
        }
        if signed > now.saturating_add(skew) {
            return Err(AuthError::SignatureNotYetCurrent {
                signed,
                now,
                skew_minutes: skew / 60,
            });
        }
        if let Some(expires) = claims.expires
            && now > signed.saturating_add(expires as i64)
        {
            return Err(AuthError::RequestExpired { signed, expires, now });
        }
        Ok(())
    }

    /// The credential scope: five parts, for this region, service and the request's day.
    fn check_scope(&self, claims: &Claims<'_>) -> Result<([Range<usize>; 4], [u8; 16]), AuthError> {
        let credential = &*claims.credential;
        let Some((parts, terminator)) = credential_parts(credential) else {
            return Err(AuthError::MalformedCredential {
                credential: shown(credential),
            });
        };
        let [_, date, region, service] = parts.clone().map(|r| &credential[r]);
        let mut amz_date = [0; 16];
        claims.time.write_basic(&mut amz_date);
        let mut mismatches = Vec::new();
        if let Some(expected) = &self.region
            && region != expected.as_bytes()
        {
            mismatches.push(ScopeMismatch::Region { found: shown(region) });
        }
        if service != self.service.as_bytes() {
            mismatches.push(ScopeMismatch::Service {
                expected: shown(self.service.as_bytes()),
            });
        }
        if &credential[terminator.clone()] != b"aws4_request" {
            mismatches.push(ScopeMismatch::Terminator {
                found: shown(&credential[terminator]),
            });
        }
        if date != &amz_date[..8] {
            mismatches.push(ScopeMismatch::Date {
                found: shown(date),
                date: shown(&amz_date),
            });
        }
        if mismatches.is_empty() {
            Ok((parts, amz_date))
        } else {
            Err(AuthError::WrongScope(mismatches))
        }
    }

    /// Steps 1 to 3 in one call: `lookup` gives the secret of an access key id (`None`
    /// for a key it does not know), or anything that holds one (`S: AsRef<SecretKey>`),
    /// which comes back with the [`Principal`] so that the caller need not look it up
    /// again.
    ///
    /// # Errors
    ///
    /// As [`Verifier::read`], then [`AuthError::InvalidClientTokenId`] for an unknown
    /// key and [`AuthError::SignatureDoesNotMatch`].
    pub fn verify<'r, H: Headers + ?Sized, S: AsRef<SecretKey>>(
        &self,
        method: &'r str,
        path_and_query: &'r str,
        headers: &'r H,
        body: &'r [u8],
        now: SystemTime,
        lookup: impl FnOnce(&str) -> Option<S>,
    ) -> Result<(Principal<'r>, S), AuthError> {
        let signed = self.read(method, path_and_query, headers, body, now)?;
        let Some(found) = lookup(signed.access_key_id()) else {
            return Err(signed.unknown_key());
        };
        let principal = signed.verify(found.as_ref())?;
        Ok((principal, found))
    }

    /// [`Verifier::read`] of an `http::Request` (features `sigv4` and `http`): its
    /// method, URI, headers and body.
    ///
    /// # Errors
    ///
    /// As [`Verifier::read`].
    #[cfg(feature = "http")]
    pub fn read_http<'r, B: AsRef<[u8]>>(
        &self,
        request: &'r http::Request<B>,
        now: SystemTime,
    ) -> Result<SignedRequest<'r, http::HeaderMap>, AuthError> {
        let path_and_query = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
        self.read(
            request.method().as_str(),
            path_and_query,
            request.headers(),
            request.body().as_ref(),
            now,
        )
    }

    /// [`Verifier::verify`] of an `http::Request` (features `sigv4` and `http`).
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    #[cfg(feature = "http")]
    pub fn verify_http<'r, B: AsRef<[u8]>, S: AsRef<SecretKey>>(
        &self,
        request: &'r http::Request<B>,
        now: SystemTime,
        lookup: impl FnOnce(&str) -> Option<S>,
    ) -> Result<(Principal<'r>, S), AuthError> {
        let signed = self.read_http(request, now)?;
        let Some(found) = lookup(signed.access_key_id()) else {
            return Err(signed.unknown_key());
        };
        let principal = signed.verify(found.as_ref())?;
        Ok((principal, found))
    }
}

/// The signature's pieces, from the `Authorization` header or the presigned query, in
/// the shape every signer writes.
fn read_claims<'r, H: Headers + ?Sized>(headers: &'r H, query: &'r [u8]) -> Result<Claims<'r>, AuthError> {
    let authorization = single_header(headers, b"authorization", "Authorization")?;
    let query_auth = query_auth(query);
    let claims = match (authorization, query_auth.algorithm.is_some()) {
        (Some(_), true) => return Err(AuthError::BothForms),
        (None, false) => return Err(AuthError::MissingAuthenticationToken),
        (Some(value), false) => header_claims(value, headers)?,
        (None, true) => query_claims(query_auth)?,
    };
    if !is_valid_signed_headers(&claims.signed_headers) {
        return Err(AuthError::MalformedSignedHeaders {
            signed_headers: shown(&claims.signed_headers),
        });
    }
    Ok(claims)
}

fn header_claims<'r, H: Headers + ?Sized>(value: &'r [u8], headers: &'r H) -> Result<Claims<'r>, AuthError> {
    if value.len() > MAX_AUTHORIZATION {
        return Err(AuthError::AuthorizationTooLong { length: value.len() });
    }
    let value = value.trim_ascii();
    let (algorithm, rest) = match value.iter().position(|&b| b == b' ') {
        Some(i) => (&value[..i], &value[i + 1..]),
        None => (value, &b""[..]),
    };
    if algorithm != ALGORITHM.as_bytes() {
        return Err(AuthError::UnsupportedAlgorithm {
            algorithm: shown(algorithm),
        });
    }
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    // AWS splits at commas and at whitespace: `Credential=KEY /20150830/…` (a space in
    // the key) is refused for its `/20150830/…` part.
    for pair in rest.split(|&b| b == b',' || b.is_ascii_whitespace()) {
        if pair.is_empty() {
            continue;
        }
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
    let date = match single_header(headers, b"x-amz-date", "X-Amz-Date")? {
        Some(value) => Some((value, "X-Amz-Date")),
        None => single_header(headers, b"date", "Date")?.map(|value| (value, "Date")),
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
    let time = match date_header {
        "Date" => Timestamp::parse_basic(date).or_else(|| Timestamp::parse_http_date(date)),
        _ => Timestamp::parse_basic(date),
    };
    let time = time.ok_or_else(|| AuthError::MalformedDate { date: shown(date) })?;
    Ok(Claims {
        credential: Cow::Borrowed(credential),
        signed_headers: Cow::Borrowed(signed_headers),
        signature: Cow::Borrowed(signature),
        time,
        date_header: Some(date_header),
        expires: None,
        token: single_header(headers, b"x-amz-security-token", "X-Amz-Security-Token")?.map(Cow::Borrowed),
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
    let time = Timestamp::parse_basic(date.as_bytes()).ok_or_else(|| AuthError::MalformedDate {
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
        date_header: None,
        expires,
        token: auth.token.map(bytes),
    })
}

/// `Host` must be signed, and so must the header that gave the time, a sent
/// `X-Amz-Security-Token` (the presigned form's is in the signed query) and a sent
/// `Content-Type` (it decides whether the body is read); every name listed must be in
/// the request.
fn check_signed_headers<H: Headers + ?Sized>(headers: &H, claims: &Claims<'_>) -> Result<(), AuthError> {
    let is_signed = |name: &[u8]| claims.signed_headers.split(|&b| b == b';').any(|n| n == name);
    let is_sent = |name: &[u8]| headers.header_pairs().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if !is_signed(b"host") {
        return Err(AuthError::HeaderNotSigned { header: "Host" });
    }
    match claims.date_header {
        Some("X-Amz-Date") if !is_signed(b"x-amz-date") => {
            return Err(AuthError::HeaderNotSigned { header: "X-Amz-Date" });
        }
        Some("Date") if !is_signed(b"date") => return Err(AuthError::HeaderNotSigned { header: "Date" }),
        _ => {}
    }
    if claims.date_header.is_some() && claims.token.is_some() && !is_signed(b"x-amz-security-token") {
        return Err(AuthError::HeaderNotSigned {
            header: "X-Amz-Security-Token",
        });
    }
    if is_sent(b"content-type") && !is_signed(b"content-type") {
        return Err(AuthError::HeaderNotSigned { header: "Content-Type" });
    }
    debug_assert!(claims.signed_headers.split(|&b| b == b';').count() <= MAX_SIGNED_HEADERS);
    for name in claims.signed_headers.split(|&b| b == b';') {
        if !is_sent(name) {
            return Err(AuthError::SignedHeaderMissing { header: shown(name) });
        }
    }
    Ok(())
}

/// The canonical query of one form.
enum Query<'a, 'q> {
    Decoded(&'a [(Cow<'q, str>, Cow<'q, str>)]),
    Raw(&'a [(&'q [u8], &'q [u8])]),
}

impl<'r, H: Headers + ?Sized> SignedRequest<'r, H> {
    fn part(&self, i: usize) -> &[u8] {
        &self.credential[self.parts[i].clone()]
    }

    /// The access key id the request claims.
    pub fn access_key_id(&self) -> &str {
        // Checked to be UTF-8 when read.
        std::str::from_utf8(self.part(0)).unwrap_or_default()
    }

    /// The day of its credential scope, `YYYYMMDD` (the request's time's).
    pub fn date(&self) -> &str {
        std::str::from_utf8(&self.amz_date[..8]).unwrap_or_default()
    }

    /// The region of its credential scope.
    pub fn region(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(self.part(2))
    }

    /// The service of its credential scope.
    pub fn service(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(self.part(3))
    }

    /// The request's time, `YYYYMMDDTHHMMSSZ`.
    pub fn amz_date(&self) -> &str {
        std::str::from_utf8(&self.amz_date).unwrap_or_default()
    }

    /// Is the signature in the query string (a presigned request)?
    pub fn is_presigned(&self) -> bool {
        self.presigned
    }

    /// Is `key` the signing key of this request's scope (day, region, service)? A
    /// server that keeps keys per access key id derives a new one when this is false.
    pub fn key_matches(&self, key: &SigningKey) -> bool {
        key.matches(&self.amz_date[..8], self.part(2), self.part(3))
    }

    /// The signing key of `secret` for this request's scope, for the caller to keep.
    pub fn derive_key(&self, secret: &SecretKey) -> SigningKey {
        let mut date = [0; 8];
        date.copy_from_slice(&self.amz_date[..8]);
        SigningKey::derive_bytes(secret, date, self.part(2), self.part(3))
    }

    /// The refusal for an access key id the caller does not know:
    /// [`AuthError::InvalidClientTokenId`].
    pub fn unknown_key(&self) -> AuthError {
        AuthError::InvalidClientTokenId {
            access_key_id: shown(self.part(0)),
        }
    }

    /// Step 3 with the secret: derives the signing key (four HMACs), then as
    /// [`SignedRequest::verify_with_key`].
    ///
    /// # Errors
    ///
    /// [`AuthError::SignatureDoesNotMatch`], with what was computed.
    pub fn verify(&self, secret: &SecretKey) -> Result<Principal<'r>, AuthError> {
        self.verify_with_key(&self.derive_key(secret))
    }

    /// Step 3 with a kept signing key: the canonical request streamed into SHA-256, the
    /// string to sign into the key's HMAC, the signatures compared in constant time.
    /// For a request with a query the decoder reads without unescaping (a `POST` form,
    /// its query empty), nothing is allocated.
    ///
    /// The query is tried in its decoded canonical form, then, only when the bytes sent
    /// differ from it, as sent (botocore's form for a URL it was given); see
    /// `docs/sigv4.md`.
    ///
    /// # Errors
    ///
    /// [`AuthError::SignatureDoesNotMatch`], with what was computed (and whether the key
    /// was of another scope).
    pub fn verify_with_key(&self, key: &SigningKey) -> Result<Principal<'r>, AuthError> {
        let payload = sha256_hex(self.body);
        let skip = self.presigned.then_some("X-Amz-Signature");
        let decoded = if self.query.is_empty() {
            Some(Vec::new())
        } else {
            decoded_pairs(self.query, skip)
        };
        if let Some(pairs) = &decoded
            && self.signature_matches(key, Query::Decoded(pairs), &payload)
        {
            return Ok(self.principal());
        }
        if decoded.is_none() || !is_encoded_query(self.query) {
            let raw = raw_pairs(self.query, skip.map(str::as_bytes));
            if self.signature_matches(key, Query::Raw(&raw), &payload) {
                return Ok(self.principal());
            }
        }
        let mut canonical_request = Vec::new();
        match &decoded {
            Some(pairs) => self.write_canonical(&mut canonical_request, Query::Decoded(pairs), &payload),
            None => self.write_canonical(
                &mut canonical_request,
                Query::Raw(&raw_pairs(self.query, skip.map(str::as_bytes))),
                &payload,
            ),
        }
        let hash = hex(&Sha256::digest(&canonical_request).into());
        let mut to_sign = Vec::new();
        for piece in string_to_sign(&self.amz_date, self.part(2), self.part(3), &hash) {
            to_sign.extend_from_slice(piece);
        }
        Err(AuthError::SignatureDoesNotMatch(Box::new(Mismatch {
            canonical_request: String::from_utf8_lossy(&canonical_request).into_owned(),
            string_to_sign: String::from_utf8_lossy(&to_sign).into_owned(),
            other_scope_key: !self.key_matches(key),
        })))
    }

    fn signature_matches(&self, key: &SigningKey, query: Query<'_, '_>, payload: &[u8; 64]) -> bool {
        let mut hasher = Sha256::new();
        self.write_canonical(&mut hasher, query, payload);
        let hash = hex(&hasher.finalize().into());
        let expected = hex(&signature(key, &self.amz_date, &hash));
        bool::from(expected.ct_eq(&self.signature))
    }

    /// The canonical request, from the signed headers only, with the payload hash of
    /// the body received (an `X-Amz-Content-SHA256` header is signed like any other,
    /// never trusted in place of the body).
    fn write_canonical(&self, out: &mut impl Sink, query: Query<'_, '_>, payload: &[u8; 64]) {
        put_method(out, self.method);
        out.put(b"\n");
        put_path(out, self.path);
        out.put(b"\n");
        match query {
            Query::Decoded(pairs) => put_decoded_query(out, pairs),
            Query::Raw(pairs) => put_raw_query(out, pairs),
        }
        out.put(b"\n");
        for name in self.signed_headers.split(|&b| b == b';') {
            out.put(name);
            out.put(b":");
            let mut first = true;
            for (n, v) in self.headers.header_pairs() {
                if n.eq_ignore_ascii_case(name) {
                    if !first {
                        out.put(b",");
                    }
                    first = false;
                    put_trimmed(out, v);
                }
            }
            out.put(b"\n");
        }
        out.put(b"\n");
        out.put(&self.signed_headers);
        out.put(b"\n");
        out.put(payload);
    }

    fn principal(&self) -> Principal<'r> {
        let access_key_id = match &self.credential {
            Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(&b[self.parts[0].clone()]).unwrap_or_default()),
            Cow::Owned(_) => Cow::Owned(self.access_key_id().to_owned()),
        };
        Principal {
            access_key_id,
            session_token: self.token.as_ref().map(|t| signed_token(t)),
        }
    }
}

/// The session token as signed: trimmed, whitespace folded; borrowed when that changes
/// nothing inside.
fn signed_token<'r>(token: &Cow<'r, [u8]>) -> Cow<'r, str> {
    let folded_as_is = |t: &[u8]| {
        !t.windows(2).any(|w| w[0] == b' ' && w[1] == b' ') && !t.iter().any(|&b| b != b' ' && is_header_whitespace(b))
    };
    if let Cow::Borrowed(t) = token {
        let t = trim(t);
        if folded_as_is(t)
            && let Ok(s) = std::str::from_utf8(t)
        {
            return Cow::Borrowed(s);
        }
    }
    let mut canonical = Vec::with_capacity(token.len());
    put_trimmed(&mut canonical, token);
    Cow::Owned(String::from_utf8_lossy(&canonical).into_owned())
}
