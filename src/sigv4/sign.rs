//! The client's half: [`Signer`] writes the `Authorization` header (or the presigned
//! query) botocore's `SigV4Auth` writes for the same request.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::canonical::{
    Sink, decoded_pairs, put_decoded_query, put_encoded, put_method, put_path, put_raw_query, put_trimmed, raw_pairs,
    sha256_hex, split_path_query,
};
use super::{
    ALGORITHM, Credentials, DEFAULT_REGION, DEFAULT_SERVICE, MAX_EXPIRES, SignError, SigningKey, SigningTime, hex,
};
use crate::timestamp::Timestamp;

/// Headers botocore's `SigV4Auth` never signs (`SIGNED_HEADERS_BLACKLIST`).
const UNSIGNED: &[&str] = &[
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// Signs requests with one set of credentials for one region and service
/// (`us-east-1` and `iam` unless told otherwise).
///
/// It owns what it signs with, so a long-lived client holds it beside its connection
/// pool: the credentials sit behind an [`Arc`] (cloning a `Signer` copies a pointer), and
/// [`Signer::new`] takes a `&Credentials` (copied once), `Credentials` or an
/// `Arc<Credentials>` (shared).
///
/// ```
/// use std::sync::Arc;
/// use iam_login_profile::Timestamp;
/// use iam_login_profile::sigv4::{Credentials, Signer};
///
/// struct Client {
///     signer: Signer,
/// }
///
/// let credentials = Arc::new(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None));
/// let client = Client { signer: Signer::new(credentials).region(String::from("us-east-1")) };
///
/// let headers = [("Host", "iam.amazonaws.com")];
/// let time: Timestamp = "2015-08-30T12:36:00Z".parse().unwrap();
/// let auth = client.signer.sign("POST", "/", &headers, b"Action=GetUser&Version=2010-05-08", time).unwrap();
/// assert_eq!(auth.x_amz_date(), "20150830T123600Z");
/// assert_eq!(auth.signature().len(), 64);
/// ```
#[derive(Clone, Debug)]
pub struct Signer {
    credentials: Arc<Credentials>,
    region: Cow<'static, str>,
    service: Cow<'static, str>,
}

/// The headers a signature adds to a request: `Authorization`, `X-Amz-Date` and, with a
/// session token, `X-Amz-Security-Token`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuthHeaders {
    authorization: String,
    x_amz_date: String,
    security_token: Option<String>,
    signature: String,
}

impl AuthHeaders {
    /// The `Authorization` header's value.
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    /// The `X-Amz-Date` header's value, `YYYYMMDDTHHMMSSZ`.
    pub fn x_amz_date(&self) -> &str {
        &self.x_amz_date
    }

    /// The `X-Amz-Security-Token` header's value, with temporary credentials.
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }

    /// The signature alone, 64 lower-case hex digits.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The headers to add, as (name, value) pairs, in the order botocore adds them.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("X-Amz-Date", Some(self.x_amz_date.as_str())),
            ("X-Amz-Security-Token", self.security_token.as_deref()),
            ("Authorization", Some(self.authorization.as_str())),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)))
    }
}

/// A signature and the `SignedHeaders` it covers.
struct Signed {
    signed_headers: Vec<u8>,
    signature: String,
}

/// `YYYYMMDDTHHMMSSZ` of a signing time.
fn amz_date_of(time: SigningTime) -> Result<[u8; 16], SignError> {
    let t = Timestamp::from_unix_timestamp(time.unix_timestamp(), 0).map_err(|_| SignError::TimeOutOfRange)?;
    let mut out = [0; 16];
    t.write_basic(&mut out);
    Ok(out)
}

/// The canonical query a signer signs: the decoded form (what the verifier tries
/// first), or, for a query the request decoder refuses, the as-sent form.
pub(super) fn put_query(out: &mut impl Sink, query: &[u8]) {
    match decoded_pairs(query, None) {
        Some(pairs) => put_decoded_query(out, &pairs),
        None => put_raw_query(out, &raw_pairs(query, None)),
    }
}

impl Signer {
    /// A signer for IAM: region `us-east-1`, service `iam`. `credentials` is a
    /// `&Credentials` (cloned once), a `Credentials` or an `Arc<Credentials>` (shared).
    pub fn new(credentials: impl Into<Arc<Credentials>>) -> Self {
        Signer {
            credentials: credentials.into(),
            region: Cow::Borrowed(DEFAULT_REGION),
            service: Cow::Borrowed(DEFAULT_SERVICE),
        }
    }

    /// Signs for another region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Cow::Owned(region.into());
        self
    }

    /// Signs for another service.
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = Cow::Owned(service.into());
        self
    }

    /// The credentials it signs with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Signs a request: its method, path with the query string (`/` or `/?a=b`), headers
    /// (which must include `Host`), body and the time to sign at (a `SystemTime`, a
    /// [`Timestamp`] or a [`SigningTime`]). Returns the headers to add.
    ///
    /// # Errors
    ///
    /// [`SignError::MissingHost`] without a `Host` header, [`SignError::TimeOutOfRange`]
    /// for a time `X-Amz-Date` cannot write.
    pub fn sign<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(N, V)],
        body: &[u8],
        time: impl Into<SigningTime>,
    ) -> Result<AuthHeaders, SignError> {
        let amz_date = amz_date_of(time.into())?;
        let token = self.credentials.session_token();
        let mut extra: Vec<(&[u8], &[u8])> = vec![(b"x-amz-date", &amz_date)];
        if let Some(token) = token {
            extra.push((b"x-amz-security-token", token.as_bytes()));
        }
        let (path, query) = split_path_query(path_and_query.as_bytes());
        let signed = self.sign_canonical(method, path, query, headers, &extra, body, &amz_date, token.is_some())?;

        let mut authorization = Vec::with_capacity(200);
        authorization.extend_from_slice(ALGORITHM.as_bytes());
        authorization.extend_from_slice(b" Credential=");
        authorization.extend_from_slice(self.credentials.access_key_id().as_bytes());
        authorization.push(b'/');
        self.write_scope(&mut authorization, &amz_date);
        authorization.extend_from_slice(b", SignedHeaders=");
        authorization.extend_from_slice(&signed.signed_headers);
        authorization.extend_from_slice(b", Signature=");
        authorization.extend_from_slice(signed.signature.as_bytes());
        Ok(AuthHeaders {
            // Only a header name that is not UTF-8 (no HTTP token is) would be replaced.
            authorization: String::from_utf8_lossy(&authorization).into_owned(),
            x_amz_date: String::from_utf8_lossy(&amz_date).into_owned(),
            security_token: token.map(str::to_owned),
            signature: signed.signature,
        })
    }

    /// Presigns a request (the query-string form): returns `path_and_query` with
    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Expires`, `X-Amz-Security-Token` (with a session token) and
    /// `X-Amz-Signature` appended, as the SigV4 test suite writes them. The headers and
    /// the body are signed as by [`Signer::sign`] (the body's hash, not `UNSIGNED-PAYLOAD`).
    ///
    /// # Errors
    ///
    /// As [`Signer::sign`], and [`SignError::ExpiresTooLong`] past 7 days.
    pub fn presign<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(N, V)],
        body: &[u8],
        time: impl Into<SigningTime>,
        expires: Duration,
    ) -> Result<String, SignError> {
        if expires.as_secs() > MAX_EXPIRES {
            return Err(SignError::ExpiresTooLong);
        }
        let amz_date = amz_date_of(time.into())?;
        let token = self.credentials.session_token();
        let mut credential = Vec::with_capacity(64);
        credential.extend_from_slice(self.credentials.access_key_id().as_bytes());
        credential.push(b'/');
        self.write_scope(&mut credential, &amz_date);
        let signed_headers = Self::signed_header_names(headers);
        let expires = expires.as_secs().to_string();
        let mut params: Vec<(&str, &[u8])> = vec![
            ("X-Amz-Algorithm", ALGORITHM.as_bytes()),
            ("X-Amz-Credential", &credential),
            ("X-Amz-Date", &amz_date),
            ("X-Amz-SignedHeaders", &signed_headers),
            ("X-Amz-Expires", expires.as_bytes()),
        ];
        if let Some(token) = token {
            params.push(("X-Amz-Security-Token", token.as_bytes()));
        }
        let mut target = Vec::with_capacity(path_and_query.len() + 256);
        target.extend_from_slice(path_and_query.as_bytes());
        target.push(if path_and_query.contains('?') { b'&' } else { b'?' });
        for (i, (name, value)) in params.iter().enumerate() {
            if i > 0 {
                target.push(b'&');
            }
            target.extend_from_slice(name.as_bytes());
            target.push(b'=');
            put_encoded(&mut target, value, false);
        }
        let (path, query) = split_path_query(&target);
        let signed = self.sign_canonical(method, path, query, headers, &[], body, &amz_date, false)?;
        target.extend_from_slice(b"&X-Amz-Signature=");
        target.extend_from_slice(signed.signature.as_bytes());
        Ok(String::from_utf8_lossy(&target).into_owned())
    }

    fn write_scope(&self, out: &mut Vec<u8>, amz_date: &[u8; 16]) {
        out.extend_from_slice(&amz_date[..8]);
        out.push(b'/');
        out.extend_from_slice(self.region.as_bytes());
        out.push(b'/');
        out.extend_from_slice(self.service.as_bytes());
        out.extend_from_slice(b"/aws4_request");
    }

    /// Is this header one botocore signs? Not the unsigned ones, not those the
    /// signature replaces.
    fn signs(name: &[u8], token: bool) -> bool {
        !(name == b"authorization"
            || name == b"x-amz-date"
            || (token && name == b"x-amz-security-token")
            || UNSIGNED.iter().any(|u| u.as_bytes() == name))
    }

    fn signed_header_names<N: AsRef<[u8]>, V: AsRef<[u8]>>(headers: &[(N, V)]) -> Vec<u8> {
        let mut names: Vec<Vec<u8>> = headers
            .iter()
            .map(|(n, _)| n.as_ref().to_ascii_lowercase())
            .filter(|n| Self::signs(n, false))
            .collect();
        names.sort();
        names.dedup();
        names.join(&b';')
    }

    /// The canonical request of the caller's headers (as botocore selects them) plus
    /// `extra`, and its signature.
    #[allow(clippy::too_many_arguments)]
    fn sign_canonical<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        &self,
        method: &str,
        path: &[u8],
        query: &[u8],
        headers: &[(N, V)],
        extra: &[(&[u8], &[u8])],
        body: &[u8],
        amz_date: &[u8; 16],
        token: bool,
    ) -> Result<Signed, SignError> {
        let mut signed: Vec<(Vec<u8>, &[u8])> = Vec::with_capacity(headers.len() + extra.len());
        let mut payload_hash: Option<&[u8]> = None;
        let mut has_host = false;
        for (name, value) in headers {
            let lower = name.as_ref().to_ascii_lowercase();
            if !Self::signs(&lower, token) {
                continue;
            }
            has_host |= lower == b"host";
            if lower == b"x-amz-content-sha256" && payload_hash.is_none() {
                payload_hash = Some(value.as_ref());
            }
            signed.push((lower, value.as_ref()));
        }
        if !has_host {
            return Err(SignError::MissingHost);
        }
        signed.extend(extra.iter().map(|&(n, v)| (n.to_vec(), v)));
        // Sorted by name; a stable sort keeps a repeated name's values in order.
        signed.sort_by(|a, b| a.0.cmp(&b.0));

        let mut hasher = Sha256::new();
        put_method(&mut hasher, method.as_bytes());
        hasher.put(b"\n");
        put_path(&mut hasher, path);
        hasher.put(b"\n");
        put_query(&mut hasher, query);
        hasher.put(b"\n");
        let mut names: Vec<&[u8]> = Vec::with_capacity(signed.len());
        let mut i = 0;
        while i < signed.len() {
            let name = &signed[i].0;
            hasher.put(name);
            hasher.put(b":");
            let mut first = true;
            while i < signed.len() && &signed[i].0 == name {
                if !first {
                    hasher.put(b",");
                }
                first = false;
                put_trimmed(&mut hasher, signed[i].1);
                i += 1;
            }
            hasher.put(b"\n");
            names.push(name.as_slice());
        }
        let signed_headers = names.join(&b';');
        hasher.put(b"\n");
        hasher.put(&signed_headers);
        hasher.put(b"\n");
        match payload_hash {
            Some(h) => hasher.put(h),
            None => hasher.put(&sha256_hex(body)),
        }
        let canonical_hash = hex(&hasher.finalize().into());
        let mut date = [0; 8];
        date.copy_from_slice(&amz_date[..8]);
        let key = SigningKey::derive_bytes(
            &self.credentials.secret,
            date,
            self.region.as_bytes(),
            self.service.as_bytes(),
        );
        let signature = hex(&super::signature(&key, amz_date, &canonical_hash));
        Ok(Signed {
            signed_headers,
            signature: String::from_utf8_lossy(&signature).into_owned(),
        })
    }

    /// Signs an `http::Request` in place (features `sigv4` and `http`): adds
    /// `X-Amz-Date`, `Authorization` and, with a session token, `X-Amz-Security-Token`,
    /// replacing any already there. Without a `Host` header one is added from the URI's
    /// authority, lower-cased and without a default port, as botocore derives it.
    ///
    /// # Errors
    ///
    /// [`SignError::MissingHost`] when there is neither a `Host` header nor an authority,
    /// [`SignError::TimeOutOfRange`] as [`Signer::sign`].
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn sign_http<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        time: impl Into<SigningTime>,
    ) -> Result<(), SignError> {
        if !request.headers().contains_key(http::header::HOST) {
            let uri = request.uri();
            let authority = uri.authority().ok_or(SignError::MissingHost)?;
            let mut host = authority.host().to_ascii_lowercase();
            let default_port = match uri.scheme_str() {
                Some("http") => Some(80),
                Some("https") => Some(443),
                _ => None,
            };
            if let Some(port) = authority.port_u16().filter(|&p| Some(p) != default_port) {
                host.push(':');
                host.push_str(&port.to_string());
            }
            let value = http::HeaderValue::from_str(&host).map_err(|_| SignError::MissingHost)?;
            request.headers_mut().insert(http::header::HOST, value);
        }
        let headers: Vec<(&[u8], &[u8])> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes()))
            .collect();
        let path_and_query = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
        let auth = self.sign(
            request.method().as_str(),
            path_and_query,
            &headers,
            request.body().as_ref(),
            time,
        )?;
        let map = request.headers_mut();
        for (name, value) in auth.headers() {
            // Our own output: ASCII without control characters, except a session token
            // the caller gave; a token no header can carry is left out (and the request
            // fails to verify) rather than panicking.
            if let Ok(value) = http::HeaderValue::from_str(value) {
                map.insert(name, value);
            }
        }
        Ok(())
    }
}
