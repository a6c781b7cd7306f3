//! Structured: any valid request, response, error and timestamp (from `arbitrary`) encodes and decodes back equal.
//! The property is `iam_login_profile::fuzzing::roundtrip`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing::roundtrip(data));
