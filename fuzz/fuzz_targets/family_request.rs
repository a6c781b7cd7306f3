//! Raw bytes as a form body: Request::decode agrees with each typed decoder and with server::decode_request; decoded requests re-encode exactly, refusals' error responses round-trip.
//! The property is `iam_login_profile::fuzzing_family::family_request`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing_family::family_request(data));
