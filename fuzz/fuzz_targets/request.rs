//! Raw bytes as a form body: decode is total; decode → encode → decode is exact and encode a fixed point; a refused request's AWS error response round-trips.
//! The property is `iam_login_profile::fuzzing::request`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing::request(data));
