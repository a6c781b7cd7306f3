//! Raw bytes as a GetLoginProfileResponse: decode is total; decode → encode → decode is exact (both paths) and encode a fixed point.
//! The property is `iam_login_profile::fuzzing::response`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing::response(data));
