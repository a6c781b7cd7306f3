//! Every input the fuzzers found to crash, hang or break a property, as a named test
//! with the exact expected result. (The inputs are also in the committed corpora, so
//! the replay test runs the whole property on them too.)

use iam_login_profile::{DecodeOptions, ErrorResponse, GetLoginProfileResponse, XmlError};

use crate::{BOB, success_doc};

/// Both decode paths of both documents give `expected` on `input`.
fn assert_both_paths(input: &[u8], expected: &XmlError) {
    let options = DecodeOptions::new();
    assert_eq!(GetLoginProfileResponse::decode(input).as_ref(), Err(expected));
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(input, &options).as_ref(),
        Err(expected)
    );
    assert_eq!(ErrorResponse::decode(input).as_ref(), Err(expected));
    assert_eq!(
        iam_login_profile::internal::decode_error_reference(input, &options).as_ref(),
        Err(expected)
    );
}

/// `error` target, crash-f37b29150dc27f1f088a1bb6e52182f7a2edb65c: two BOMs, then a start
/// tag. `quick-xml` skipped the second U+FEFF as a BOM of its own, so the offsets it
/// reported were 3 bytes short and the tag's name was read from the wrong place (a
/// `debug_assert` fired; a release build read the name as empty). The second U+FEFF is
/// a character before the root element, which XML does not allow.
#[test]
fn second_bom_is_text_before_the_root() {
    let crash = b"\xEF\xBB\xBF\xEF\xBB\xBF<Hx-->\xEF\xBB\xBF<?x-->v<?xml<\"v<?xml<\"1es>";
    assert_both_paths(crash, &XmlError::TextOutsideRoot { offset: 3 });

    let doc = format!("\u{FEFF}\u{FEFF}{}", success_doc(BOB));
    assert_both_paths(doc.as_bytes(), &XmlError::TextOutsideRoot { offset: 3 });

    // One BOM is the signature, and is skipped.
    let doc = format!("\u{FEFF}{}", success_doc(BOB));
    assert_eq!(
        GetLoginProfileResponse::decode(doc.as_bytes())
            .unwrap()
            .login_profile
            .user_name
            .as_str(),
        "Bob"
    );
}
