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
use std::time::Duration;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::canonical::{
    Buffered, Count, Sink, decoded_pairs, has_empty_parameter, is_encoded_query, is_folded, is_name, put_decoded_query,
    put_method, put_path, put_raw_query, put_trimmed, raw_pairs, sha256_hex, split_path_query,
};
use super::claims::{Claims, check_signed_headers, credential_parts, read_claims};
pub use super::claims::{Headers, MAX_AUTHORIZATION};
use super::error::shown;
use super::{
    AuthError, DEFAULT_CLOCK_SKEW, DEFAULT_REGION, DEFAULT_SERVICE, Mismatch, ScopeMismatch, SecretKey, SigningKey,
    SigningTime, hex, signature, string_to_sign,
};

/// Checks signatures for a server: the service and region requests must be scoped to
/// (`iam`, `us-east-1` unless told otherwise) and the clock-skew window (15 minutes).
///
/// A server keeps one and reads each request in steps ([the module docs](super) show the
/// whole exchange); a key it derived once serves the day:
///
/// ```
/// use std::collections::HashMap;
/// use std::time::Duration;
/// use iam_login_profile::Timestamp;
/// use iam_login_profile::sigv4::{Credentials, SecretKey, Signer, SigningKey, Verifier};
///
/// let verifier = Verifier::new().region("us-east-1").clock_skew(Duration::from_secs(300));
/// let mut kept: HashMap<(String, String), SigningKey> = HashMap::new();
///
/// let time: Timestamp = "2015-08-30T12:36:00Z".parse().unwrap();
/// let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
/// let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
/// let mut headers = vec![("Host", "iam.amazonaws.com")];
/// let auth = Signer::new(&credentials).sign("POST", "/", &headers, body, time).unwrap();
/// headers.extend(auth.headers());
///
/// for _ in 0..2 {
///     let signed = verifier.read("POST", "/", &headers, body, time).unwrap();
///     let slot = (signed.access_key_id().to_owned(), signed.date().to_owned());
///     let key = kept.entry(slot).or_insert_with(|| {
///         signed.derive_key(&SecretKey::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
///     });
///     assert_eq!(signed.verify_with_key(key).unwrap().access_key_id(), "AKIDEXAMPLE");
/// }
/// assert_eq!(kept.len(), 1);
/// ```
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
    /// Part 0 of `credential`, checked to be UTF-8.
    access_key_id: Cow<'r, str>,
    credential: Cow<'r, [u8]>,
    /// Access key id, date, region, service in `credential`.
    parts: [Range<usize>; 4],
    signed_headers: Cow<'r, [u8]>,
    /// The claimed signature as written: it matches only the 64 lower-case hex digits of
    /// the computed one (as every signer writes a signature).
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
    /// clock-skew window around `now` (a `SystemTime`, a [`Timestamp`](crate::Timestamp)
    /// or a [`SigningTime`]), the credential scope and which headers are
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
        now: impl Into<SigningTime>,
    ) -> Result<SignedRequest<'r, H>, AuthError> {
        let (path, query) = split_path_query(path_and_query.as_bytes());
        let claims = read_claims(headers, query)?;
        self.check_time(&claims, now.into())?;
        let (parts, amz_date) = self.check_scope(&claims)?;
        check_signed_headers(&claims)?;
        if has_empty_parameter(query) {
            return Err(AuthError::EmptyParameter);
        }
        let access_key_id = match &claims.credential {
            Cow::Borrowed(credential) => key_id(credential, &parts).map(Cow::Borrowed),
            Cow::Owned(credential) => key_id(credential, &parts).map(|id| Cow::Owned(id.to_owned())),
        };
        let Some(access_key_id) = access_key_id else {
            return Err(AuthError::InvalidClientTokenId {
                access_key_id: shown(&claims.credential[parts[0].clone()]),
            });
        };
        Ok(SignedRequest {
            method: method.as_bytes(),
            path,
            query,
            headers,
            body,
            presigned: claims.date_header.is_none(),
            access_key_id,
            credential: claims.credential,
            parts,
            signed_headers: claims.signed_headers,
            signature: claims.signature,
            amz_date,
            token: claims.token,
        })
    }

    /// The clock-skew window, and a presigned request's expiry.
    fn check_time(&self, claims: &Claims<'_>, now: SigningTime) -> Result<(), AuthError> {
        let signed = claims.time.unix_timestamp();
        let now = now.unix_timestamp();
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
        let amz_date = claims.amz_date;
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
        now: impl Into<SigningTime>,
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
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn read_http<'r, B: AsRef<[u8]>>(
        &self,
        request: &'r http::Request<B>,
        now: impl Into<SigningTime>,
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
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn verify_http<'r, B: AsRef<[u8]>, S: AsRef<SecretKey>>(
        &self,
        request: &'r http::Request<B>,
        now: impl Into<SigningTime>,
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

/// The canonical query of one form.
#[derive(Clone)]
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
        &self.access_key_id
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
        // The diagnostics: the decoded form when there is one, in a buffer of its size.
        let raw;
        let query = match &decoded {
            Some(pairs) => Query::Decoded(pairs),
            None => {
                raw = raw_pairs(self.query, skip.map(str::as_bytes));
                Query::Raw(&raw)
            }
        };
        let mut size = Count::default();
        self.write_canonical(&mut size, query.clone(), &payload);
        let mut canonical_request = Vec::with_capacity(size.0);
        self.write_canonical(&mut canonical_request, query, &payload);
        let hash = hex(&Sha256::digest(&canonical_request).into());
        let mut to_sign = Vec::new();
        for piece in string_to_sign(&self.amz_date, self.part(2), self.part(3), &hash) {
            to_sign.extend_from_slice(piece);
        }
        let text = |bytes: Vec<u8>| {
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        };
        Err(AuthError::SignatureDoesNotMatch(Box::new(Mismatch {
            canonical_request: text(canonical_request),
            string_to_sign: text(to_sign),
            other_scope_key: !self.key_matches(key),
        })))
    }

    fn signature_matches(&self, key: &SigningKey, query: Query<'_, '_>, payload: &[u8; 64]) -> bool {
        let mut hasher = Sha256::new();
        let mut buffered = Buffered::new(&mut hasher);
        self.write_canonical(&mut buffered, query, payload);
        buffered.flush();
        let expected = signature(key, &self.amz_date, &hex(&hasher.finalize().into()));
        hex_matches(&expected, &self.signature)
    }

    /// The canonical request, from the signed headers only, with the payload hash of
    /// the body received (an `X-Amz-Content-SHA256` header is signed like any other,
    /// never trusted in place of the body).
    fn write_canonical(&self, out: &mut impl Sink, query: Query<'_, '_>, payload: &[u8; 64]) {
        put_method(out, self.method);
        out.put_byte(b'\n');
        put_path(out, self.path);
        out.put_byte(b'\n');
        match query {
            Query::Decoded(pairs) => put_decoded_query(out, pairs),
            Query::Raw(pairs) => put_raw_query(out, pairs),
        }
        out.put_byte(b'\n');
        for name in self.signed_headers.split(|&b| b == b';') {
            out.put(name);
            out.put_byte(b':');
            let mut first = true;
            for (n, v) in self.headers.header_pairs() {
                if is_name(n, name) {
                    if !first {
                        out.put_byte(b',');
                    }
                    first = false;
                    put_trimmed(out, v);
                }
            }
            out.put_byte(b'\n');
        }
        out.put_byte(b'\n');
        out.put(&self.signed_headers);
        out.put_byte(b'\n');
        out.put(payload);
    }

    fn principal(&self) -> Principal<'r> {
        Principal {
            access_key_id: self.access_key_id.clone(),
            session_token: self.token.as_ref().map(|t| signed_token(t)),
        }
    }
}

/// Is `claimed` the 64 lower-case hex digits of `expected`? Compared in constant time:
/// the differences of the eight-byte words ORed together (no jump on the data), then
/// the result's test for zero through `subtle`; only the claim's length shows. This is
/// `subtle`'s slice `ct_eq` (what `Password` uses) a word at a time: the byte-wise one
/// costs a kept-key verify about 85 ns (840 instructions), which takes GetLoginProfile
/// under the 5× over aws-sigv4's signing (docs/sigv4.md); the test below holds the two
/// equal.
fn hex_matches(expected: &[u8; 32], claimed: &[u8]) -> bool {
    let Ok(claimed) = <&[u8; 64]>::try_from(claimed) else {
        return false;
    };
    let expected = hex(expected);
    let difference = expected
        .as_chunks::<8>()
        .0
        .iter()
        .zip(claimed.as_chunks::<8>().0)
        .fold(0u64, |difference, (a, b)| {
            difference | (u64::from_ne_bytes(*a) ^ u64::from_ne_bytes(*b))
        });
    bool::from(difference.ct_eq(&0))
}

/// The access key id of a credential, if it is UTF-8.
fn key_id<'c>(credential: &'c [u8], parts: &[Range<usize>; 4]) -> Option<&'c str> {
    std::str::from_utf8(&credential[parts[0].clone()]).ok()
}

/// The session token as signed: trimmed, whitespace folded; borrowed when that changes
/// nothing.
fn signed_token<'r>(token: &Cow<'r, [u8]>) -> Cow<'r, str> {
    if let Cow::Borrowed(t) = token
        && is_folded(t)
        && let Ok(s) = std::str::from_utf8(t)
    {
        return Cow::Borrowed(s);
    }
    let mut canonical = Vec::with_capacity(token.len());
    put_trimmed(&mut canonical, token);
    Cow::Owned(String::from_utf8_lossy(&canonical).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_matches_is_subtles_comparison_of_the_hex() {
        let expected: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0xA5);
        let digits = hex(&expected);
        let same = |claimed: &[u8]| bool::from(digits[..].ct_eq(claimed));
        let mut claims: Vec<Vec<u8>> = vec![digits.to_vec(), Vec::new(), digits[..63].to_vec()];
        claims.push([&digits[..], b"0"].concat());
        claims.push(digits.to_ascii_uppercase());
        for i in 0..64 {
            for bit in [1u8, 0x20, 0x80] {
                let mut claim = digits.to_vec();
                claim[i] ^= bit;
                claims.push(claim);
            }
        }
        let mut matches = 0;
        for claim in &claims {
            assert_eq!(hex_matches(&expected, claim), same(claim), "{claim:?}");
            matches += usize::from(same(claim));
        }
        assert_eq!(matches, 1);
    }
}
