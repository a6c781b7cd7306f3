//! aws-sdk-iam, the official Rust SDK, as the client of this crate's server side.
//!
//! * `in_memory`: an in-memory HTTP client (`infallible_client_fn`, no network): the body the
//!   SDK sends decodes with `GetLoginProfileRequest::decode`, and what our server side encodes
//!   comes out of `get_login_profile().send()` as the same values or typed errors.
//! * `loopback`: `examples/server.rs` on an ephemeral port, the SDK pointed at it with
//!   `endpoint_url`, every call under a timeout, the server killed on drop.

mod family;
mod in_memory;
mod loopback;
mod policy;

use aws_sdk_iam::config::retry::RetryConfig;
use aws_sdk_iam::config::{BehaviorVersion, Credentials, Region};

/// The test credentials; the signed loopback server is started with the same pair.
pub const AKID: &str = "AKIDEXAMPLE";
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG";

/// A config with test credentials, us-east-1, the latest behavior version and no retries.
pub fn config() -> aws_sdk_iam::config::Builder {
    aws_sdk_iam::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(AKID, SECRET, None, None, "test"))
        .retry_config(RetryConfig::disabled())
}

/// A small seeded generator (xorshift64*), so that the generated cases are reproducible
/// without another dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// In `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}
