//! Raw bytes as Create/Update/DeleteLoginProfileResponse: the default and reference paths agree; decode → encode → decode is exact (both paths) and encode a fixed point.
//! The property is `iam_login_profile::fuzzing_family::family_response`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing_family::family_response(data));
