//! What signs: a secret access key, the credentials a client holds, and the signing key
//! derived from a secret for one day, region and service, which a server may keep.

use std::fmt;
use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use super::canonical::{Buffered, Sink};

/// A secret access key. Its memory is zeroed when it is dropped (`zeroize`), and `Debug`
/// does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wraps a secret access key.
    pub fn new(secret: impl Into<String>) -> Self {
        SecretKey(secret.into())
    }
}

impl AsRef<SecretKey> for SecretKey {
    fn as_ref(&self) -> &SecretKey {
        self
    }
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// What a client signs with: an access key id, its secret and, for temporary
/// credentials, a session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    pub(super) secret: SecretKey,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their three parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret: SecretKey::new(secret_access_key),
            session_token,
        }
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

/// `Signer::new(&credentials)`: the signer keeps a copy.
impl From<&Credentials> for Arc<Credentials> {
    fn from(credentials: &Credentials) -> Self {
        Arc::new(credentials.clone())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &self.secret)
            .field("session_token", &self.session_token.as_ref().map(|_| ".."))
            .finish()
    }
}

/// The key SigV4 signs with, derived from a secret for one day (`YYYYMMDD`, UTC), region
/// and service: `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
/// service), "aws4_request")`. AWS keeps it per access key, day, region and service, and
/// so may a server: verifying with a kept key derives nothing (four HMACs fewer) and
/// allocates nothing ([`SignedRequest::verify_with_key`](super::SignedRequest::verify_with_key)).
///
/// It holds the HMAC state keyed with `kSigning` (its inner and outer pads already
/// hashed), which `hmac` zeroes on drop; `Debug` shows the scope only.
#[derive(Clone)]
pub struct SigningKey {
    mac: Hmac<Sha256>,
    date: [u8; 8],
    region: String,
    service: String,
}

impl SigningKey {
    /// Derives the key of `secret` for `date` (`YYYYMMDD`), `region` and `service`.
    ///
    /// ```
    /// use iam_login_profile::sigv4::{SecretKey, SigningKey};
    ///
    /// let secret = SecretKey::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    /// let key = SigningKey::derive(&secret, "20150830", "us-east-1", "iam").unwrap();
    /// assert_eq!((key.date(), key.region(), key.service()), ("20150830", "us-east-1", "iam"));
    /// assert!(SigningKey::derive(&secret, "2015-08-30", "us-east-1", "iam").is_none());
    /// ```
    ///
    /// `None` when `date` is not eight ASCII digits.
    pub fn derive(secret: &SecretKey, date: &str, region: &str, service: &str) -> Option<SigningKey> {
        let date: [u8; 8] = date.as_bytes().try_into().ok()?;
        if !date.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(SigningKey::derive_bytes(
            secret,
            date,
            region.as_bytes(),
            service.as_bytes(),
        ))
    }

    pub(super) fn derive_bytes(secret: &SecretKey, date: [u8; 8], region: &[u8], service: &[u8]) -> SigningKey {
        let mut key = Zeroizing::new(Vec::with_capacity(4 + secret.0.len()));
        key.extend_from_slice(b"AWS4");
        key.extend_from_slice(secret.0.as_bytes());
        let k_date = Zeroizing::new(hmac(&key, &date));
        let k_region = Zeroizing::new(hmac(&*k_date, region));
        let k_service = Zeroizing::new(hmac(&*k_region, service));
        let k_signing = Zeroizing::new(hmac(&*k_service, b"aws4_request"));
        SigningKey {
            mac: keyed(&*k_signing),
            date,
            // Region and service come from a credential scope or the caller: the lossy
            // form only replaces bytes that are not UTF-8, which no scope this key can
            // match has (`matches` compares bytes).
            region: String::from_utf8_lossy(region).into_owned(),
            service: String::from_utf8_lossy(service).into_owned(),
        }
    }

    /// The day it signs for, `YYYYMMDD`.
    pub fn date(&self) -> &str {
        // Eight ASCII digits, checked when derived.
        std::str::from_utf8(&self.date).unwrap_or_default()
    }

    /// The region it signs for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The service it signs for.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Is this the key of that scope?
    pub(super) fn matches(&self, date: &[u8], region: &[u8], service: &[u8]) -> bool {
        self.date == date && self.region.as_bytes() == region && self.service.as_bytes() == service
    }

    /// The signature of `string_to_sign` (its pieces, in order).
    pub(super) fn sign(&self, string_to_sign: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        let mut buffered = Buffered::new(&mut mac);
        for piece in string_to_sign {
            buffered.put(piece);
        }
        buffered.flush();
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("date", &self.date())
            .field("region", &self.region)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

fn keyed(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length: `new_from_slice` cannot fail.
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = keyed(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}
