//! UserName::new against the documented pattern `^(?-u:[\w+=,.@-]){1,64}$` (regex crate): same verdict.
//! The property is `iam_login_profile::fuzzing::user_name`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing::user_name(data));
