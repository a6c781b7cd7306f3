//! Structured: an arbitrary password checked against an arbitrary policy (or AWS's default),
//! account name, e-mail and history gives the rules of a plain reference, a message that
//! states each, and an error that reads back.
//! The property is `iam_login_profile::fuzzing_policy::password_policy`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing_policy::password_policy(data));
