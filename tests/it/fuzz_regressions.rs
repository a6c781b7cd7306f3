//! Every input the fuzzers found to crash, hang or break a property, as a named test
//! with the exact expected result. (The inputs are also in the committed corpora, so
//! the replay test runs the whole property on them too.)

use iam_login_profile::{DecodeError, DecodeOptions, ErrorResponse, GetLoginProfileResponse, XmlError};

use crate::{BOB, success_doc};

/// Both decode paths of both documents give `expected` on `input`.
fn assert_both_paths(input: &[u8], expected: &XmlError) {
    let options = DecodeOptions::new();
    let expected = &DecodeError::Xml(expected.clone());
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

/// The tokenizer remembers where the next `&`/`]` and the next `\r` lie and searches again
/// only once it has passed them. A mark found inside a tag (an attribute value), in
/// skipped text, or in a CDATA section must not hide a later one: each document below is
/// read (or refused) exactly as the quick-xml path reads it.
#[test]
fn a_remembered_search_position_hides_no_later_reference_or_cdata_end() {
    let attr = "<Unknown a=\"x&amp;y]\" b='\r'/>";
    let ok = |doc: String, id: &str| {
        let r = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
        assert_eq!(r.request_id.as_ref().map(|r| r.as_str()), Some(id), "{doc:?}");
        assert_eq!(r.login_profile.user_name.as_str(), "Bob");
        let reference = iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new());
        assert_eq!(reference.as_ref(), Ok(&r), "{doc:?}");
    };
    // A reference and a CR in attributes, then a reference and `]` in the request id.
    ok(success_doc(&format!("{attr}{BOB}")), "r-1");
    ok(success_doc(&format!("{attr}{BOB}")).replace("r-1", "r&amp;1]"), "r&1]");
    // A CR in a CDATA section, then CRs in the request id (each read as LF).
    ok(
        success_doc(&format!("<Unknown><![CDATA[a\r\nb]]></Unknown>{BOB}")).replace("r-1", "r\r\n1\r2"),
        "r\n1\n2",
    );
    // Many marks, each found once, in order.
    ok(
        success_doc(&format!("{}{BOB}", "<U>&amp;]</U>\r\n".repeat(20))).replace("r-1", "&lt;]&gt;"),
        "<]>",
    );

    let refused = |doc: String, offset: usize| {
        let err = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
        assert!(
            matches!(err, DecodeError::Xml(XmlError::Syntax { offset: o, .. }) if o == offset),
            "{doc:?}: {err:?}"
        );
        assert_eq!(err.to_string(), format!("malformed XML at offset {offset}"));
        let reference = iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new());
        assert_eq!(reference, Err(err), "{doc:?}");
    };
    // `]` in skipped text, then `]]>` in a later value.
    let doc = success_doc(&format!("<Unknown>]</Unknown>{BOB}")).replace("r-1", "r]]>1");
    let at = doc.find("]]>").unwrap();
    refused(doc, at);
    // A reference in text before the first child, then `]]>` in skipped text.
    let doc = success_doc(&format!("&amp;<Unknown>]]></Unknown>{BOB}"));
    let at = doc.find("]]>").unwrap();
    refused(doc, at);

    // In a value that needs work, `]]>` is looked for in the same pass as the next
    // reference or CR: before the first, between two, after the last, at the very end,
    // after a lone `]`, short or past the first sixteen bytes.
    let long = "x".repeat(40);
    for id in [
        "]]>&amp;",
        "&amp;]]>",
        "&amp;x]]>y&lt;",
        "\r]]>",
        "a\r\nb]]>",
        "]a]]>&amp;",
        "] ]]&amp;]]>",
        &format!("&amp;{long}]]>"),
        &format!("{long}]{long}&amp;{long}]]>{long}"),
    ] {
        let doc = success_doc(BOB).replace("r-1", id);
        let at = doc.find("]]>").unwrap();
        refused(doc, at);
    }
    // `]` and `]]` not followed by `>`, around references, CRs and past sixteen bytes.
    for (id, read) in [
        ("]]&amp;]", "]]&]"),
        ("a]\r\n]]b&lt;]]", "a]\n]]b<]]"),
        ("&#93;&#93;&gt;", "]]>"),
        ("]]]]]]]]]]]]]]]]]]]]&amp;]]", "]]]]]]]]]]]]]]]]]]]]&]]"),
    ] {
        ok(success_doc(BOB).replace("r-1", id), read);
    }
}
