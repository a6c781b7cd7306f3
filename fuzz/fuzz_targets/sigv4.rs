//! Signature Version 4: the verifier never panics on arbitrary headers and bodies, verifies
//! every unedited request our signer signed within the window, and never accepts a request
//! that the reference signers (ours over the signed headers; aws-sigv4 where it
//! canonicalises as botocore does) do not sign identically. The property is
//! `fuzz/sigv4_property.rs`, shared with the stable replay in `tests/it/sigv4.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../sigv4_property.rs");

fuzz_target!(|data: &[u8]| check(data));
