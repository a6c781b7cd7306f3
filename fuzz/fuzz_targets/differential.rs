//! The XML tokenizer against the quick-xml path, and the query splitter against serde_urlencoded.
//! The property is `iam_login_profile::fuzzing::differential`, shared with the stable replay test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_login_profile::fuzzing::differential(data));
