//! Structured: a valid request of each action and a valid Create/Update/Delete response (from `arbitrary`) encode and decode back equal; the request body is serde_urlencoded's.
//! The property is `iam_login_profile::fuzzing_family::family_roundtrip`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing_family::family_roundtrip(data));
