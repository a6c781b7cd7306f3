//! The time a request is signed at, or verified against: a value the caller passes in,
//! never the clock.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::timestamp::Timestamp;

/// An instant to the second, as SigV4 reads time: what [`Signer::sign`](super::Signer::sign)
/// signs at and what [`Verifier::read`](super::Verifier::read) takes as "now".
///
/// Every function of the SigV4 API takes `impl Into<SigningTime>`: a [`SystemTime`], the
/// crate's [`Timestamp`], or Unix seconds through [`SigningTime::from_unix`], which is
/// what a platform without `SystemTime::now()` (`wasm32-unknown-unknown`) has from its
/// host. A fraction of a second is dropped toward the past (`20150830T123600Z` for
/// `12:36:00.9`), as `X-Amz-Date` writes it.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use iam_login_profile::Timestamp;
/// use iam_login_profile::sigv4::SigningTime;
///
/// let from_clock = SigningTime::from(SystemTime::UNIX_EPOCH + Duration::from_millis(1_440_938_160_900));
/// let from_text = SigningTime::from("2015-08-30T12:36:00Z".parse::<Timestamp>().unwrap());
/// assert_eq!(from_clock, from_text);
/// assert_eq!(from_text, SigningTime::from_unix(1_440_938_160));
/// assert_eq!(from_text.unix_timestamp(), 1_440_938_160);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct SigningTime {
    unix: i64,
}

impl SigningTime {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z (before it, when negative).
    /// A signature needs a time `X-Amz-Date` can write (the years 0001 to 9999): signing
    /// at another is [`SignError::TimeOutOfRange`](super::SignError::TimeOutOfRange).
    pub const fn from_unix(secs: i64) -> Self {
        SigningTime { unix: secs }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub const fn unix_timestamp(self) -> i64 {
        self.unix
    }
}

impl From<SystemTime> for SigningTime {
    /// The second a `SystemTime` falls in; one beyond `i64` seconds is clamped to it
    /// (and is out of any signature's range).
    fn from(t: SystemTime) -> Self {
        let unix = match t.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(before) => {
                let d = before.duration();
                let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
                i64::try_from(secs).map_or(i64::MIN, |s| -s)
            }
        };
        SigningTime { unix }
    }
}

impl From<Timestamp> for SigningTime {
    /// The second a `Timestamp` falls in.
    fn from(t: Timestamp) -> Self {
        SigningTime {
            unix: t.unix_timestamp(),
        }
    }
}
