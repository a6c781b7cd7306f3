//! Timestamp: parse → format → parse is stable and agrees with `time`'s RFC 3339 parser.
//! The property is `iam_login_profile::fuzzing::create_date`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing::create_date(data));
