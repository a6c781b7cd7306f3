//! The success XML: encoding (IAM's bytes, escaping) and the XML well-formedness rules
//! of the decoder (shared with the error decoder).

use iam_login_profile::{
    DecodeError, DecodeOptions, ErrorResponse, GetLoginProfileResponse, LoginProfile, RequestId, Timestamp, UserName,
    XmlError,
};

use crate::{BOB, success_doc};

fn err(doc: &[u8]) -> DecodeError {
    let e = GetLoginProfileResponse::decode(doc).unwrap_err();
    // The general path alone says the same.
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(doc, &DecodeOptions::new()).unwrap_err(),
        e
    );
    e
}

fn sample() -> GetLoginProfileResponse<'static> {
    GetLoginProfileResponse::new(
        LoginProfile::new(UserName::new("Bob").unwrap(), "2011-09-19T23:00:56Z".parse().unwrap()),
        Some(RequestId::new("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE").unwrap()),
    )
}

#[test]
fn encodes_what_iam_sends() {
    assert_eq!(
        sample().to_xml(),
        "<GetLoginProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <GetLoginProfileResult>\n    <LoginProfile>\n      <UserName>Bob</UserName>\n      <CreateDate>2011-09-19T23:00:56Z</CreateDate>\n    </LoginProfile>\n  </GetLoginProfileResult>\n  <ResponseMetadata>\n    <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>\n  </ResponseMetadata>\n</GetLoginProfileResponse>\n"
    );
    let mut r = sample();
    r.login_profile = r.login_profile.with_password_reset_required(true);
    r.request_id = None;
    assert_eq!(
        r.to_xml(),
        "<GetLoginProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <GetLoginProfileResult>\n    <LoginProfile>\n      <UserName>Bob</UserName>\n      <CreateDate>2011-09-19T23:00:56Z</CreateDate>\n      <PasswordResetRequired>true</PasswordResetRequired>\n    </LoginProfile>\n  </GetLoginProfileResult>\n</GetLoginProfileResponse>\n"
    );
    let mut out = String::from("x");
    sample().encode(&mut out);
    assert_eq!(out, format!("x{}", sample().to_xml()));
}

#[test]
fn the_sample_round_trips_and_equals_the_flat_doc_sample() {
    let xml = sample().to_xml();
    assert_eq!(GetLoginProfileResponse::decode(xml.as_bytes()).unwrap(), sample());
    let flat = crate::data("aws-docs-get-login-profile-sample-response.xml");
    assert_eq!(GetLoginProfileResponse::decode(&flat).unwrap(), sample());
}

#[test]
fn decode_borrows_when_nothing_is_escaped() {
    let xml = sample().to_xml();
    let r = GetLoginProfileResponse::decode(xml.as_bytes()).unwrap();
    let range = xml.as_bytes().as_ptr_range();
    assert!(range.contains(&r.login_profile.user_name.as_str().as_ptr()));
    assert!(range.contains(&r.request_id.as_ref().unwrap().as_str().as_ptr()));
}

#[test]
fn request_id_with_markup_is_escaped_and_round_trips() {
    for id in [
        "<b>x</b>",
        "a & b",
        "]]>",
        "a\rb",
        "a\r\nb",
        "&amp;",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "\"'",
        " ",
        "",
    ] {
        let mut r = sample();
        r.request_id = Some(RequestId::new(id).unwrap());
        let xml = r.to_xml();
        // No injected element: exactly the elements IAM sends.
        assert_eq!(xml.matches('<').count(), 14, "{xml}");
        assert!(!xml.contains("]]>"), "{xml}");
        assert!(!xml.contains('\r'), "{xml}");
        assert_eq!(GetLoginProfileResponse::decode(xml.as_bytes()).unwrap(), r, "{id:?}");
    }
    let mut r = sample();
    r.request_id = Some(RequestId::new("<a>&]]>\r").unwrap());
    assert!(r.to_xml().contains("<RequestId>&lt;a&gt;&amp;]]&gt;&#13;</RequestId>"));
}

#[test]
fn crlf_in_text_is_normalized_but_an_escaped_cr_is_kept() {
    let doc = success_doc(BOB).replace("r-1", "a\r\nb\rc\nd&#13;e&#xD;&#10;");
    let r = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap();
    assert_eq!(r.request_id.unwrap().as_str(), "a\nb\nc\nd\re\r\n");
    let doc = success_doc(BOB).replace("r-1", "<![CDATA[x\r\ny]]>");
    assert_eq!(
        GetLoginProfileResponse::decode(doc.as_bytes())
            .unwrap()
            .request_id
            .unwrap()
            .as_str(),
        "x\ny"
    );
}

#[test]
fn text_values_not_unescaped_allocate_only_when_needed() {
    let doc = success_doc(BOB).replace("r-1", "a&amp;b");
    let r = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap();
    assert_eq!(r.request_id.unwrap().as_str(), "a&b");
}

#[test]
fn bom() {
    let doc = format!("\u{FEFF}{}", success_doc(BOB));
    let r = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap();
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    // Offsets count the BOM's three bytes.
    let doc = format!("\u{FEFF}{}", success_doc(&format!("{BOB}<UserName>Eve</UserName>")));
    let at = doc.find("<UserName>Eve").unwrap();
    assert!(matches!(err(doc.as_bytes()), DecodeError::Xml(XmlError::Duplicate { offset, .. }) if offset == at));
    // A BOM anywhere else is text outside the root (U+FEFF is not whitespace).
    let doc = format!(" \u{FEFF}{}", success_doc(BOB));
    assert_eq!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::TextOutsideRoot { offset: 0 })
    );
}

#[test]
fn doctype_is_refused() {
    let doc = format!(
        "<!DOCTYPE GetLoginProfileResponse [<!ENTITY e \"Bob\">]>{}",
        success_doc(BOB)
    );
    assert_eq!(err(doc.as_bytes()), DecodeError::Xml(XmlError::Doctype { offset: 0 }));
    assert_eq!(err(doc.as_bytes()).to_string(), "DOCTYPE at offset 0 is not allowed");
    let doc = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE x>{}", success_doc(BOB));
    assert_eq!(err(doc.as_bytes()), DecodeError::Xml(XmlError::Doctype { offset: 22 }));
}

#[test]
fn undefined_entities() {
    for (entity, name) in [("&nbsp;", "nbsp"), ("&e;", "e"), ("&AMP;", "AMP")] {
        let doc = success_doc(BOB).replace("r-1", entity);
        let at = doc.find(entity).unwrap();
        assert_eq!(
            err(doc.as_bytes()),
            DecodeError::Xml(XmlError::UndefinedEntity {
                offset: at,
                name: name.into()
            })
        );
    }
}

#[test]
fn illegal_characters_raw_and_as_references() {
    let doc = success_doc(BOB).replace("r-1", "a\u{1}b");
    let at = doc.find('\u{1}').unwrap();
    let e = err(doc.as_bytes());
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::IllegalChar {
            offset: at,
            ch: '\u{1}'
        })
    );
    assert_eq!(
        e.to_string(),
        format!("character '\\u{{1}}' at offset {at} is not allowed in XML")
    );
    for (reference, ch) in [
        ("&#1;", '\u{1}'),
        ("&#x0;", '\0'),
        ("&#xFFFE;", '\u{FFFE}'),
        ("&#65535;", '\u{FFFF}'),
    ] {
        let doc = success_doc(BOB).replace("r-1", reference);
        let at = doc.find(reference).unwrap();
        assert_eq!(
            err(doc.as_bytes()),
            DecodeError::Xml(XmlError::IllegalChar { offset: at, ch }),
            "{reference}"
        );
    }
    // A surrogate or an out-of-range code point is not a character at all.
    for reference in ["&#xD800;", "&#x110000;", "&#;", "&#x;", "&#12a;"] {
        let doc = success_doc(BOB).replace("r-1", reference);
        assert!(
            matches!(err(doc.as_bytes()), DecodeError::Xml(XmlError::Syntax { .. })),
            "{reference}"
        );
    }
    // Outside any text too.
    let doc = format!("\u{7}{}", success_doc(BOB));
    assert_eq!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::IllegalChar { offset: 0, ch: '\u{7}' })
    );
    // Tab, LF and CR are allowed.
    let doc = success_doc(BOB).replace("r-1", "&#9;&#10;&#13;");
    assert_eq!(
        GetLoginProfileResponse::decode(doc.as_bytes())
            .unwrap()
            .request_id
            .unwrap()
            .as_str(),
        "\t\n\r"
    );
}

#[test]
fn not_utf8() {
    let mut doc = success_doc(BOB).into_bytes();
    let at = doc.windows(3).position(|w| w == b"r-1").unwrap();
    doc[at] = 0xFF;
    let e = err(&doc);
    assert_eq!(e, DecodeError::Xml(XmlError::NotUtf8 { offset: at }));
    assert_eq!(
        e.to_string(),
        format!("document is not UTF-8: invalid byte at offset {at}")
    );
}

#[test]
fn text_outside_the_root() {
    let doc = format!("x{}", success_doc(BOB));
    assert_eq!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::TextOutsideRoot { offset: 0 })
    );
    let doc = format!("{}x", success_doc(BOB));
    let e = err(doc.as_bytes());
    assert_eq!(e, DecodeError::Xml(XmlError::TextOutsideRoot { offset: doc.len() - 1 }));
    assert_eq!(
        e.to_string(),
        format!("text outside the root element at offset {}", doc.len() - 1)
    );
    let doc = format!("{}&amp;", success_doc(BOB));
    assert_eq!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::TextOutsideRoot { offset: doc.len() - 5 })
    );
    let doc = format!("<![CDATA[x]]>{}", success_doc(BOB));
    assert_eq!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::TextOutsideRoot { offset: 0 })
    );
    // Comments, PIs and whitespace are fine there.
    let doc = format!("<!-- a -->\n<?pi x?>{}\n<!-- b -->\n", success_doc(BOB));
    assert!(GetLoginProfileResponse::decode(doc.as_bytes()).is_ok());
}

#[test]
fn two_roots() {
    let doc = format!("{}<Other/>", success_doc(BOB));
    let at = doc.len() - "<Other/>".len();
    let e = err(doc.as_bytes());
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::SecondRoot {
            offset: at,
            name: "Other".into()
        })
    );
    assert_eq!(e.to_string(), format!("second root element `Other` at offset {at}"));
    let doc = format!("{0}{0}", success_doc(BOB));
    assert!(matches!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::SecondRoot { .. })
    ));
}

#[test]
fn empty_documents() {
    for doc in [
        &b""[..],
        b"   \n",
        b"<?xml version=\"1.0\"?>",
        b"<!-- nothing -->",
        b"\xEF\xBB\xBF",
    ] {
        let e = err(doc);
        assert_eq!(
            e,
            DecodeError::Xml(XmlError::Empty {
                expected: "GetLoginProfileResponse"
            }),
            "{doc:?}"
        );
        assert_eq!(
            e.to_string(),
            "empty document: expected root element `GetLoginProfileResponse`"
        );
    }
    assert_eq!(
        ErrorResponse::decode(b"").unwrap_err(),
        DecodeError::Xml(XmlError::Empty {
            expected: "ErrorResponse"
        })
    );
}

#[test]
fn wrong_root() {
    let e = err(b"<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>");
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::UnexpectedRoot {
            expected: "GetLoginProfileResponse",
            found: "ErrorResponse".into()
        })
    );
    // The prefix is not part of the name reported.
    let e = err(b"<iam:Foo xmlns:iam=\"x\"/>");
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::UnexpectedRoot {
            expected: "GetLoginProfileResponse",
            found: "Foo".into()
        })
    );
}

#[test]
fn mismatched_end_tags() {
    for (from, to) in [
        ("</UserName>", "</Username>"),
        ("</LoginProfile>", "</iam:LoginProfile>"),
        ("</GetLoginProfileResult>", ""),
        ("<ResponseMetadata>", "<ResponseMetadata></x>"),
    ] {
        let doc = success_doc(BOB).replacen(from, to, 1);
        let e = err(doc.as_bytes());
        assert!(
            matches!(e, DecodeError::Xml(XmlError::Syntax { .. })),
            "{from} -> {to}: {e:?}"
        );
    }
    // An end tag with nothing open.
    let doc = format!("</x>{}", success_doc(BOB));
    assert!(matches!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::Syntax { offset: 0, .. })
    ));
}

#[test]
fn truncated_documents() {
    let xml = sample().to_xml();
    for n in 0..xml.len() - 1 {
        // Everything but the final newline is needed.
        assert!(
            GetLoginProfileResponse::decode(&xml.as_bytes()[..n]).is_err(),
            "prefix of {n} bytes accepted"
        );
    }
    assert!(GetLoginProfileResponse::decode(&xml.as_bytes()[..xml.len() - 1]).is_ok());
    let doc = "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile><UserName>Bob</UserName>";
    assert_eq!(err(doc.as_bytes()), DecodeError::Xml(XmlError::Truncated { open: 3 }));
}

#[test]
fn unknown_elements_with_attributes_comments_and_pis_are_skipped() {
    let doc = success_doc(&format!(
        "<!-- c --><?pi x?><Unknown a='1' b=\"&amp;\"><x><![CDATA[<y>]]></x></Unknown>{BOB}<Tail/>"
    ));
    assert_eq!(
        GetLoginProfileResponse::decode(doc.as_bytes())
            .unwrap()
            .login_profile
            .user_name
            .as_str(),
        "Bob"
    );
}

#[test]
fn malformed_attributes_are_errors() {
    for root in [
        "<GetLoginProfileResponse a=\"1\" a=\"2\">",
        "<GetLoginProfileResponse a=\"&nbsp;\">",
        "<GetLoginProfileResponse a=1>",
    ] {
        let doc = success_doc(BOB).replacen("<GetLoginProfileResponse>", root, 1);
        assert!(GetLoginProfileResponse::decode(doc.as_bytes()).is_err(), "{root}");
    }
}

#[test]
fn timestamps_are_written_back_as_iam_does() {
    for (input, written) in [
        ("2011-09-19T23:00:56Z", "2011-09-19T23:00:56Z"),
        ("2011-09-19T23:00:56.000Z", "2011-09-19T23:00:56Z"),
        ("2026-11-23T17:57:57.907140Z", "2026-11-23T17:57:57.90714Z"),
        ("2019-12-17T00:48:18+01:00", "2019-12-16T23:48:18Z"),
    ] {
        let mut r = sample();
        r.login_profile.create_date = Timestamp::parse(input).unwrap();
        let xml = r.to_xml();
        assert!(xml.contains(&format!("<CreateDate>{written}</CreateDate>")), "{xml}");
        assert_eq!(GetLoginProfileResponse::decode(xml.as_bytes()).unwrap(), r);
    }
}

#[test]
fn into_owned_detaches() {
    let xml = sample().to_xml();
    let owned: GetLoginProfileResponse<'static> = GetLoginProfileResponse::decode(xml.as_bytes()).unwrap().into_owned();
    drop(xml);
    assert_eq!(owned, sample());
}

/// Well-formedness of start tags (XML 1.0 §2.3 `Name`, §3.1 `STag`, "Legal Character"),
/// which `quick-xml` leaves to its callers: each of these is an error with the offset
/// of the tag. (expat, under botocore, refuses all of them too.)
#[test]
fn malformed_start_tags_are_errors() {
    for (tag, message) in [
        ("<1x/>", "invalid element name `1x`"),
        ("<-x/>", "invalid element name `-x`"),
        ("<x\u{B7}y\u{300}/>", ""),
        ("<\u{B7}x/>", "invalid element name `\u{B7}x`"),
        ("<x a=\"1\"b=\"2\"/>", "no whitespace between attributes"),
        ("<x a='1'b='2'/>", "no whitespace between attributes"),
        ("<x 1a=\"1\"/>", "invalid attribute name `1a`"),
    ] {
        let doc = success_doc(&format!("{tag}{BOB}"));
        let at = doc.find(tag).unwrap();
        if message.is_empty() {
            assert!(GetLoginProfileResponse::decode(doc.as_bytes()).is_ok(), "{tag}");
            continue;
        }
        let e = err(doc.as_bytes());
        let DecodeError::Xml(XmlError::Syntax { offset, source }) = &e else {
            panic!("{tag}: {e:?}")
        };
        assert_eq!((*offset, source.to_string().as_str()), (at, message), "{tag}");
    }
    // A character reference to a character XML does not allow, in an attribute value.
    let doc = success_doc(&format!("<x y=\"a&#1;\"/>{BOB}"));
    let at = doc.find("<x").unwrap();
    assert_eq!(
        err(doc.as_bytes()),
        DecodeError::Xml(XmlError::IllegalChar {
            offset: at,
            ch: '\u{1}'
        })
    );
    // Whitespace of any kind between attributes, and after the last one, is fine.
    let doc = success_doc(&format!("<x\ta=\"1\"\r\nb='2' \n/>{BOB}"));
    assert!(GetLoginProfileResponse::decode(doc.as_bytes()).is_ok());
}
