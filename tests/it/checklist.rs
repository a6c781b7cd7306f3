//! Spec §10, the checklist of hard cases: one test per item (1–29), named after it,
//! each with the decision taken and an exact expected value or error.

use iam_login_profile::{
    ClientError, DecodeError, DecodeOptions, ErrorCode, ErrorResponse, Fault, GetLoginProfileRequest,
    GetLoginProfileResponse, RequestError, Timestamp, UserName, ValueError, XmlError, client, is_form_content_type,
};

use crate::{BOB, NS, error_doc, success_doc};

fn ok(doc: &str) -> GetLoginProfileResponse<'static> {
    GetLoginProfileResponse::decode(doc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {doc}"))
        .into_owned()
}

fn err(doc: &str) -> DecodeError {
    GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err()
}

fn req(name: &str) -> GetLoginProfileRequest<'_> {
    GetLoginProfileRequest::new(Some(UserName::new(name).unwrap()))
}

// ---- Request encoding -------------------------------------------------------------------

/// §10.1: UserName absent ⇒ exactly the 41 bytes `Action=GetLoginProfile&Version=2010-05-08`;
/// optional in the current model, so a request without it decodes too.
#[test]
fn item_01_username_absent() {
    let r = GetLoginProfileRequest::new(None);
    assert_eq!(r.to_query_string(), "Action=GetLoginProfile&Version=2010-05-08");
    assert_eq!(r.to_query_string().len(), 41);
    assert_eq!(
        GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08").unwrap(),
        r
    );
    assert_eq!(GetLoginProfileRequest::default(), r);
}

/// §10.2: empty UserName — decision: rejected (botocore's min-length rule), both when
/// building one and when a server receives `UserName=` (as aws-sdk-rust sends).
#[test]
fn item_02_empty_username_rejected() {
    let e = UserName::new("").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid user name ``: expected 1 to 64 characters, found none"
    );
    assert_eq!(e.invalid_length(), Some(0));
    let err = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=").unwrap_err();
    assert_eq!(crate::user_name_error(&err), &e);
    assert_eq!(err.code(), ErrorCode::VALIDATION_ERROR);
    assert_eq!(err.http_status(), 400);
    // A key with no `=` at all is the same empty value.
    let err2 = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName").unwrap_err();
    assert_eq!(err2, err);
}

/// §10.3: `+ = , @` → `%2B %3D %2C %40`; `. - _ ~`... (`~` is not a UserName character)
/// and alphanumerics kept; uppercase hex.
#[test]
fn item_03_percent_encoding() {
    assert_eq!(
        req("a+b=c,d.e@f-g_h").to_query_string(),
        "Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
    );
    assert_eq!(
        req("AZaz09._-").to_query_string(),
        "Action=GetLoginProfile&Version=2010-05-08&UserName=AZaz09._-"
    );
    // `~` is kept by the encoder (as botocore); the reference encoder agrees.
    assert_eq!(
        iam_login_profile::fuzzing_family::serde_urlencoded_body(&iam_login_profile::Request::from(req(
            "a+b=c,d.e@f-g_h"
        ))),
        "Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
    );
}

/// §10.4: a space — decision: a valid UserName never holds one, so the encoder never
/// has to choose between `+` and `%20`; the decoder reads both as a space (then refuses it).
#[test]
fn item_04_space() {
    let e = UserName::new("a b").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid user name `a b`: character ' ' at offset 1 is not one of [A-Za-z0-9_+=,.@-]"
    );
    for body in [
        &b"Action=GetLoginProfile&Version=2010-05-08&UserName=a+b"[..],
        b"Action=GetLoginProfile&Version=2010-05-08&UserName=a%20b",
    ] {
        assert_eq!(
            crate::user_name_error(&GetLoginProfileRequest::decode(body).unwrap_err()),
            &e
        );
    }
}

/// §10.5: non-ASCII — decision: refused by the ASCII `\w` class (IAM is Java); decoding
/// reads the UTF-8 percent-escapes and reports the first bad character.
#[test]
fn item_05_non_ascii() {
    let e = UserName::new("José").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid user name `José`: character 'é' at offset 3 is not one of [A-Za-z0-9_+=,.@-]"
    );
    let err =
        GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=Jos%C3%A9").unwrap_err();
    assert_eq!(crate::user_name_error(&err), &e);
}

/// §10.6: 64 characters accepted, 65 refused, counted in characters.
#[test]
fn item_06_length_64_and_65() {
    let n64 = "a".repeat(64);
    assert_eq!(UserName::new(n64.as_str()).unwrap().as_str(), n64);
    let e = UserName::new("a".repeat(65)).unwrap_err();
    assert_eq!(e.invalid_length(), Some(65));
    assert_eq!(
        e.to_string(),
        format!(
            "invalid user name `{}…`: expected at most 64 characters, found 65",
            "a".repeat(64)
        )
    );
    // 33 two-byte characters are 66 bytes but 33 characters: refused for the character,
    // not for the length.
    let e = UserName::new("é".repeat(33)).unwrap_err();
    assert_eq!(e.invalid_length(), None);
    assert_eq!(e.invalid_char(), Some((0, 'é')));
}

/// §10.7: Content-Type with or without parameters, any case; we send botocore's.
#[test]
fn item_07_content_type() {
    assert_eq!(
        GetLoginProfileRequest::CONTENT_TYPE,
        "application/x-www-form-urlencoded; charset=utf-8"
    );
    for ok in [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-8",
        "Application/X-WWW-Form-URLEncoded;charset=UTF-8",
        " application/x-www-form-urlencoded ; charset=utf-8",
    ] {
        assert!(is_form_content_type(ok), "{ok}");
    }
    for bad in [
        "application/json",
        "text/xml",
        "",
        "application/x-www-form-urlencodedx",
        "multipart/form-data",
    ] {
        assert!(!is_form_content_type(bad), "{bad}");
    }
}

/// §10.8: server-side decoding: any order, common params passed over, Action/Version
/// checked, `+` is a space, `%xx` in both cases, duplicate UserName refused, empty refused.
#[test]
fn item_08_request_decoding() {
    let bob = req("Bob");
    assert_eq!(
        GetLoginProfileRequest::decode(b"UserName=Bob&Version=2010-05-08&Action=GetLoginProfile").unwrap(),
        bob
    );
    assert_eq!(
        GetLoginProfileRequest::decode(
            b"Action=GetLoginProfile&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20261123T175709Z&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&X-Amz-Security-Token=tok&UserName=Bob&Version=2010-05-08"
        )
        .unwrap(),
        bob
    );
    assert_eq!(
        GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=a%2bb%3d%2C").unwrap(),
        req("a+b=,")
    );
    let err = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob&UserName=Eve")
        .unwrap_err();
    assert_eq!(
        err,
        RequestError::DuplicateParameter {
            name: "UserName".into()
        }
    );
    assert_eq!(err.code(), ErrorCode::INVALID_QUERY_PARAMETER);
    let err = GetLoginProfileRequest::decode(b"Action=ListUsers&Version=2010-05-08").unwrap_err();
    assert_eq!(
        err,
        RequestError::InvalidAction {
            action: "ListUsers".into()
        }
    );
    let err = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2011-01-01").unwrap_err();
    assert_eq!(
        err,
        RequestError::InvalidVersion {
            action: iam_login_profile::Action::GetLoginProfile,
            version: "2011-01-01".into()
        }
    );
}

// ---- Success XML decoding ----------------------------------------------------------------

/// §10.9: root with or without the IAM namespace, or with a prefix: matched by local name.
#[test]
fn item_09_namespace_and_prefix() {
    let plain = ok(&success_doc(BOB)).into_owned();
    let with_ns = success_doc(BOB).replacen(
        "<GetLoginProfileResponse>",
        &format!("<GetLoginProfileResponse xmlns=\"{NS}\">"),
        1,
    );
    assert_eq!(ok(&with_ns), plain);
    let prefixed = format!(
        "<iam:GetLoginProfileResponse xmlns:iam=\"{NS}\"><iam:GetLoginProfileResult><iam:LoginProfile>\
         <iam:UserName>Bob</iam:UserName><iam:CreateDate>2011-09-19T23:00:56Z</iam:CreateDate></iam:LoginProfile>\
         </iam:GetLoginProfileResult><iam:ResponseMetadata><iam:RequestId>r-1</iam:RequestId></iam:ResponseMetadata>\
         </iam:GetLoginProfileResponse>"
    );
    assert_eq!(ok(&prefixed), plain);
    // A foreign namespace is not checked either (botocore and smithy-rs ignore it).
    let other = success_doc(BOB).replacen(
        "<GetLoginProfileResponse>",
        "<GetLoginProfileResponse xmlns=\"https://example.com/\">",
        1,
    );
    assert_eq!(ok(&other), plain);
}

/// §10.10: declaration (also with spaces around `=`), leading whitespace, BOM,
/// indentation, CRLF: all the same value.
#[test]
fn item_10_declaration_bom_whitespace() {
    let plain = ok(&success_doc(BOB)).into_owned();
    let pretty = "<GetLoginProfileResponse>\n  <GetLoginProfileResult>\n    <LoginProfile>\n      <UserName>Bob</UserName>\n      <CreateDate>2011-09-19T23:00:56Z</CreateDate>\n    </LoginProfile>\n  </GetLoginProfileResult>\n  <ResponseMetadata>\n    <RequestId>r-1</RequestId>\n  </ResponseMetadata>\n</GetLoginProfileResponse>\n";
    for doc in [
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}", success_doc(BOB)),
        format!("<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n{}", success_doc(BOB)),
        format!(" \n\t{}\n\n", success_doc(BOB)),
        format!("\u{FEFF}{}", success_doc(BOB)),
        format!("\u{FEFF}<?xml version=\"1.0\"?>\r\n{}", success_doc(BOB)),
        pretty.to_owned(),
        pretty.replace('\n', "\r\n"),
    ] {
        assert_eq!(ok(&doc), plain, "{doc:?}");
    }
    // A declaration that is not first is not well-formed (expat refuses it too).
    let late = format!(" <?xml version=\"1.0\"?>{}", success_doc(BOB));
    assert_eq!(
        err(&late),
        DecodeError::Xml(XmlError::MisplacedDeclaration { offset: 1 })
    );
    assert_eq!(
        err(&late).to_string(),
        "XML declaration at offset 1 is not at the start of the document"
    );
}

/// §10.11: `ResponseMetadata` missing (QueryGreetingWithErrors) or before the result
/// (smithy-rs fails; botocore and we accept).
#[test]
fn item_11_response_metadata_missing_or_first() {
    let no_meta = format!(
        "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>"
    );
    let r = ok(&no_meta);
    assert_eq!(r.request_id, None);
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    let first = format!(
        "<GetLoginProfileResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>"
    );
    assert_eq!(ok(&first), ok(&success_doc(BOB)));
    // An empty ResponseMetadata is no request id, not an error.
    let empty_meta = no_meta.replace(
        "</GetLoginProfileResult>",
        "</GetLoginProfileResult><ResponseMetadata/>",
    );
    assert_eq!(ok(&empty_meta).request_id, None);
}

/// §10.12: unknown elements at every level skipped with their subtrees.
#[test]
fn item_12_unknown_elements_at_any_depth() {
    let doc = "<GetLoginProfileResponse><Foo><UserName>Eve</UserName><Bar/></Foo>\
        <GetLoginProfileResult><Extra a=\"1\">x<LoginProfile/></Extra><LoginProfile><Future><Deep><Deeper>t</Deeper></Deep></Future>\
        <UserName>Bob</UserName><NewMember/><CreateDate>2011-09-19T23:00:56Z</CreateDate><UserName2>x</UserName2></LoginProfile>\
        <Other/></GetLoginProfileResult><ResponseMetadata><Extra>e</Extra><RequestId>r-1</RequestId><RequestId2/></ResponseMetadata>\
        <Trailer><RequestId>no</RequestId></Trailer></GetLoginProfileResponse>";
    assert_eq!(ok(doc), ok(&success_doc(BOB)));
}

/// §10.13: `PasswordResetRequired` optional; exactly `true`/`false` — decision: anything
/// else is an error (as aws-sdk-iam; botocore silently reads false).
#[test]
fn item_13_password_reset_required() {
    assert_eq!(ok(&success_doc(BOB)).login_profile.password_reset_required, None);
    let t = success_doc(&format!("{BOB}<PasswordResetRequired>true</PasswordResetRequired>"));
    assert_eq!(ok(&t).login_profile.password_reset_required, Some(true));
    let f = success_doc(&format!("{BOB}<PasswordResetRequired>false</PasswordResetRequired>"));
    assert_eq!(ok(&f).login_profile.password_reset_required, Some(false));
    for (inner, found) in [
        ("<PasswordResetRequired>TRUE</PasswordResetRequired>", "TRUE"),
        ("<PasswordResetRequired>1</PasswordResetRequired>", "1"),
        ("<PasswordResetRequired/>", ""),
        ("<PasswordResetRequired> true</PasswordResetRequired>", " true"),
    ] {
        let e = err(&success_doc(&format!("{BOB}{inner}")));
        assert_eq!(
            e,
            DecodeError::InvalidMember {
                member: "PasswordResetRequired",
                parent: "LoginProfile",
                cause: ValueError::Boolean { found: found.into() }
            }
        );
        assert_eq!(
            e.to_string(),
            format!("invalid `PasswordResetRequired` in `LoginProfile`: expected `true` or `false`, found `{found}`")
        );
    }
}

/// §10.14: required `UserName` / `CreateDate` missing — decision: an error (aws-sdk-iam
/// fills `""` and 1970, botocore omits them).
#[test]
fn item_14_required_members_missing() {
    let e = err(&success_doc("<CreateDate>2011-09-19T23:00:56Z</CreateDate>"));
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "UserName",
            parent: "LoginProfile"
        })
    );
    assert_eq!(e.to_string(), "missing element `UserName` in `LoginProfile`");
    let e = err(&success_doc("<UserName>Bob</UserName>"));
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "CreateDate",
            parent: "LoginProfile"
        })
    );
    assert_eq!(e.to_string(), "missing element `CreateDate` in `LoginProfile`");
    let e = err("<GetLoginProfileResponse><GetLoginProfileResult/></GetLoginProfileResponse>");
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "LoginProfile",
            parent: "GetLoginProfileResult"
        })
    );
    let e = err("<GetLoginProfileResponse><ResponseMetadata/></GetLoginProfileResponse>");
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "GetLoginProfileResult",
            parent: "GetLoginProfileResponse"
        })
    );
    assert_eq!(
        e.to_string(),
        "missing element `GetLoginProfileResult` in `GetLoginProfileResponse`"
    );
}

/// §10.15: text is not trimmed; the five entities and character references; single-pass
/// unescape; `&nbsp;` is an error; CDATA kept; comments dropped and the text around joined.
#[test]
fn item_15_text_content() {
    let id = |inner: &str| -> String {
        let doc = format!(
            "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult><ResponseMetadata><RequestId>{inner}</RequestId></ResponseMetadata></GetLoginProfileResponse>"
        );
        ok(&doc).request_id.unwrap().as_str().to_owned()
    };
    assert_eq!(id(" r 1 "), " r 1 ");
    assert_eq!(id("a&amp;b&lt;&gt;&quot;&apos;&#65;&#x42;"), "a&b<>\"'AB");
    assert_eq!(id("&amp;lt;"), "&lt;");
    assert_eq!(id("<![CDATA[Bob]]>"), "Bob");
    assert_eq!(id("<![CDATA[<b>&amp;</b>]]>"), "<b>&amp;</b>");
    assert_eq!(id("B<!-- c -->ob"), "Bob");
    assert_eq!(id("x<?pi y?>z"), "xz");
    // In the UserName the same rules apply before validation.
    let r = ok(&success_doc(
        "<UserName><![CDATA[B]]>o<!-- c -->&#98;</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>",
    ));
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    // Not trimmed: a UserName with spaces is refused, not repaired.
    let e = err(&success_doc(
        "<UserName> Bob </UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>",
    ));
    assert_eq!(
        e.to_string(),
        "invalid `UserName` in `LoginProfile`: invalid user name ` Bob `: character ' ' at offset 0 is not one of [A-Za-z0-9_+=,.@-]"
    );
    let doc = success_doc(BOB).replace("r-1", "a&nbsp;b");
    let at = doc.find("&nbsp;").unwrap();
    let e = err(&doc);
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::UndefinedEntity {
            offset: at,
            name: "nbsp".into()
        })
    );
    assert_eq!(e.to_string(), format!("undefined entity `&nbsp;` at offset {at}"));
}

/// §10.16: `<UserName/>` and `<UserName></UserName>` are `""`, which then fails
/// `UserName`'s minimum length; `<RequestId/>` is `Some("")`.
#[test]
fn item_16_empty_elements() {
    for empty in ["<UserName/>", "<UserName></UserName>"] {
        let e = err(&success_doc(&format!(
            "{empty}<CreateDate>2011-09-19T23:00:56Z</CreateDate>"
        )));
        assert_eq!(
            e.to_string(),
            "invalid `UserName` in `LoginProfile`: invalid user name ``: expected 1 to 64 characters, found none"
        );
        assert!(matches!(
            e,
            DecodeError::InvalidMember { member: "UserName", parent: "LoginProfile", cause: ValueError::UserName(ref u) }
                if u.invalid_length() == Some(0)
        ));
    }
    let doc = success_doc(BOB).replace("<RequestId>r-1</RequestId>", "<RequestId/>");
    assert_eq!(ok(&doc).request_id.unwrap().as_str(), "");
}

/// §10.17: duplicate members — decision: an error (botocore makes a list, smithy-rs
/// keeps the last), with the offset of the second start tag.
#[test]
fn item_17_duplicates() {
    let doc = success_doc(&format!("{BOB}<UserName>Eve</UserName>"));
    let at = doc.find("<UserName>Eve").unwrap();
    let e = err(&doc);
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Duplicate {
            element: "UserName",
            parent: "LoginProfile",
            offset: at
        })
    );
    assert_eq!(
        e.to_string(),
        format!("duplicate element `UserName` in `LoginProfile` at offset {at}")
    );
    for (extra, element, parent) in [
        (
            "<CreateDate>2011-09-19T23:00:56Z</CreateDate>",
            "CreateDate",
            "LoginProfile",
        ),
        (
            "<PasswordResetRequired>true</PasswordResetRequired><PasswordResetRequired>true</PasswordResetRequired>",
            "PasswordResetRequired",
            "LoginProfile",
        ),
    ] {
        let e = err(&success_doc(&format!("{BOB}{extra}")));
        assert!(
            matches!(e, DecodeError::Xml(XmlError::Duplicate { element: el, parent: p, .. }) if el == element && p == parent),
            "{e}"
        );
    }
    let two_profiles = format!(
        "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>"
    );
    assert!(matches!(
        err(&two_profiles),
        DecodeError::Xml(XmlError::Duplicate {
            element: "LoginProfile",
            parent: "GetLoginProfileResult",
            ..
        })
    ));
    let two_ids = success_doc(BOB).replace(
        "<RequestId>r-1</RequestId>",
        "<RequestId>a</RequestId><RequestId>b</RequestId>",
    );
    assert!(matches!(
        err(&two_ids),
        DecodeError::Xml(XmlError::Duplicate {
            element: "RequestId",
            parent: "ResponseMetadata",
            ..
        })
    ));
    let two_results = format!(
        "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult><GetLoginProfileResult/></GetLoginProfileResponse>"
    );
    assert!(matches!(
        err(&two_results),
        DecodeError::Xml(XmlError::Duplicate {
            element: "GetLoginProfileResult",
            parent: "GetLoginProfileResponse",
            ..
        })
    ));
}

/// §10.18: an element inside a scalar is an error, wherever it sits in the text.
#[test]
fn item_18_element_inside_scalar() {
    for inner in ["<b>Bob</b>", "Bob<b/>", "B<b>o</b>b"] {
        let doc = success_doc(&format!(
            "<UserName>{inner}</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"
        ));
        let at = doc.find("<b").unwrap();
        let e = err(&doc);
        assert_eq!(
            e,
            DecodeError::Xml(XmlError::ElementInText {
                element: "UserName",
                found: "b".into(),
                offset: at
            })
        );
        assert_eq!(
            e.to_string(),
            format!("element `b` at offset {at} inside `UserName`, which holds only text")
        );
    }
}

/// §10.19: truncated documents and mismatched end tags are errors, even after every
/// member has been read (smithy-rs accepts them).
#[test]
fn item_19_truncated_and_mismatched() {
    let full = success_doc(BOB);
    // Cut after a complete start tag: elements still open.
    let cut = &full[..full.find("</GetLoginProfileResponse>").unwrap()];
    assert_eq!(err(cut), DecodeError::Xml(XmlError::Truncated { open: 1 }));
    assert_eq!(err(cut).to_string(), "document ends with 1 element(s) still open");
    let cut = &full[..full.find("<ResponseMetadata>").unwrap()];
    assert_eq!(err(cut), DecodeError::Xml(XmlError::Truncated { open: 1 }));
    // Cut inside a tag: a syntax error, every cut position is an error.
    for n in 0..full.len() {
        assert!(
            GetLoginProfileResponse::decode(&full.as_bytes()[..n]).is_err(),
            "prefix of {n} bytes accepted"
        );
    }
    let bad = full.replace("</LoginProfile>", "</LoginProfileX>");
    assert!(
        matches!(err(&bad), DecodeError::Xml(XmlError::Syntax { .. })),
        "{:?}",
        err(&bad)
    );
    let bad = full.replace("</GetLoginProfileResponse>", "</Foo>");
    assert!(matches!(err(&bad), DecodeError::Xml(XmlError::Syntax { .. })));
    // The source is the parser's message; Display does not repeat it.
    let e = err(&full.replace("</LoginProfile>", "</LoginProfileX>"));
    let at = full.find("</LoginProfile>").unwrap();
    assert_eq!(e.to_string(), format!("malformed XML at offset {at}"));
    assert!(std::error::Error::source(&e).is_some());
}

/// §10.20: nesting deeper than the limit (default 64, configurable) is an error, never
/// a stack overflow.
#[test]
fn item_20_depth_limit() {
    // `n` unknown elements nested inside LoginProfile (depth 3): the deepest is at depth 3 + n.
    let nest = |n: usize| success_doc(&format!("{BOB}{}{}", "<x>".repeat(n), "</x>".repeat(n)));
    assert_eq!(iam_login_profile::DEFAULT_MAX_DEPTH, 64);
    assert!(GetLoginProfileResponse::decode(nest(61).as_bytes()).is_ok());
    let doc = nest(62);
    let at = doc.match_indices("<x>").nth(61).unwrap().0;
    assert_eq!(err(&doc), DecodeError::Xml(XmlError::TooDeep { limit: 64, offset: at }));
    assert_eq!(
        err(&doc).to_string(),
        format!("elements nest deeper than the limit of 64 at offset {at}")
    );
    let deep = nest(100_000);
    assert!(matches!(
        err(&deep),
        DecodeError::Xml(XmlError::TooDeep { limit: 64, .. })
    ));
    // Configurable.
    let opts = DecodeOptions::new().with_max_depth(4);
    assert!(GetLoginProfileResponse::decode_with(success_doc(BOB).as_bytes(), &opts).is_ok());
    assert!(matches!(
        GetLoginProfileResponse::decode_with(nest(2).as_bytes(), &opts),
        Err(DecodeError::Xml(XmlError::TooDeep { limit: 4, .. }))
    ));
    let opts = DecodeOptions::new().with_max_depth(1000);
    assert!(GetLoginProfileResponse::decode_with(nest(900).as_bytes(), &opts).is_ok());
}

// ---- Timestamps --------------------------------------------------------------------------

fn ts(s: &str) -> String {
    Timestamp::parse(s).unwrap_or_else(|e| panic!("{e}")).to_string()
}

fn ts_err(s: &str) -> String {
    Timestamp::parse(s).unwrap_err().to_string()
}

/// §10.21: accepted forms and refused ones (full table in `timestamp.rs`). Decision on
/// the leap second: accepted only at the end of a UTC month, read as `…59.999999999`.
#[test]
fn item_21_timestamp_forms() {
    assert_eq!(ts("2011-09-19T23:00:56Z"), "2011-09-19T23:00:56Z");
    assert_eq!(ts("2026-11-23T17:57:57.907140Z"), "2026-11-23T17:57:57.90714Z");
    assert_eq!(ts("2000-01-02T20:34:56.123Z"), "2000-01-02T20:34:56.123Z");
    assert_eq!(ts("2019-12-16T22:48:18-01:00"), "2019-12-16T23:48:18Z");
    assert_eq!(ts("2011-09-19T23:00:56-00:00"), "2011-09-19T23:00:56Z");
    assert_eq!(ts("2011-09-19t23:00:56z"), "2011-09-19T23:00:56Z");
    assert_eq!(ts("2016-12-31T23:59:60Z"), "2016-12-31T23:59:59.999999999Z");
    assert_eq!(
        ts_err("2011-09-19T23:59:60Z"),
        "invalid timestamp `2011-09-19T23:59:60Z`: second out of range"
    );
    assert_eq!(
        ts_err("2011-09-19T23:00:56"),
        "invalid timestamp `2011-09-19T23:00:56`: expected `Z` or an offset `±HH:MM` at offset 19, found the end"
    );
    assert_eq!(
        ts_err("2011-09-19 23:00:56Z"),
        "invalid timestamp `2011-09-19 23:00:56Z`: expected `T` at offset 10, found ' '"
    );
    assert_eq!(
        ts_err("2011-09-19T23:00:56+0530"),
        "invalid timestamp `2011-09-19T23:00:56+0530`: expected `:` at offset 22, found '3'"
    );
    // In a response it surfaces as the CreateDate error.
    let e = err(&success_doc(
        "<UserName>Bob</UserName><CreateDate>2011-09-19T24:00:00Z</CreateDate>",
    ));
    assert_eq!(
        e.to_string(),
        "invalid `CreateDate` in `LoginProfile`: invalid timestamp `2011-09-19T24:00:00Z`: hour out of range"
    );
    assert!(matches!(
        e,
        DecodeError::InvalidMember {
            member: "CreateDate",
            parent: "LoginProfile",
            cause: ValueError::Timestamp(_)
        }
    ));
}

/// §10.22: no whitespace trimming around the timestamp — decision: refused (as smithy-rs).
#[test]
fn item_22_timestamp_whitespace() {
    assert_eq!(
        ts_err(" 2011-09-19T23:00:56Z"),
        "invalid timestamp ` 2011-09-19T23:00:56Z`: expected a digit at offset 0, found ' '"
    );
    assert_eq!(
        ts_err("2011-09-19T23:00:56Z "),
        "invalid timestamp `2011-09-19T23:00:56Z `: expected the end at offset 20, found ' '"
    );
    let e = err(&success_doc(
        "<UserName>Bob</UserName><CreateDate>\n  2011-09-19T23:00:56Z\n</CreateDate>",
    ));
    assert_eq!(
        e.to_string(),
        "invalid `CreateDate` in `LoginProfile`: invalid timestamp `\\n  2011-09-19T23:00:56Z\\n`: expected a digit at offset 0, found '\\n'"
    );
}

// ---- Errors ------------------------------------------------------------------------------

fn error(doc: &str) -> ErrorResponse<'static> {
    ErrorResponse::decode(doc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {doc}"))
        .into_owned()
}

/// §10.23: the awsQuery shape, children in any order, extras ignored, RequestId first.
#[test]
fn item_23_error_shape_a() {
    let doc = format!(
        "<ErrorResponse xmlns=\"{NS}\"><RequestId>r-1</RequestId><Error><Detail/><Message>m</Message>\
         <Nested><Foo>bar</Foo></Nested><message>lower</message><Code>NoSuchEntity</Code><Type>Sender</Type></Error>\
         <Extra>x</Extra></ErrorResponse>"
    );
    let e = error(&doc);
    assert_eq!(e.error.fault, Some(Fault::SENDER));
    assert_eq!(e.error.code, ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(e.error.message.as_ref().unwrap().as_str(), "m");
    assert_eq!(e.request_id.as_ref().unwrap().as_str(), "r-1");
    assert_eq!(
        e,
        ErrorResponse::new(
            ErrorCode::NO_SUCH_ENTITY,
            Some("m".try_into().unwrap()),
            Some("r-1".try_into().unwrap())
        )
    );
}

/// §10.24: the EC2 shape — decision: accepted (as botocore), `RequestID` read as the id.
#[test]
fn item_24_error_shape_b_ec2() {
    let doc = "<Response><Errors><Error><Code>NoSuchEntity</Code><Message>nope</Message></Error></Errors><RequestID>abc</RequestID></Response>";
    let e = error(doc);
    assert_eq!(e.error.fault, None);
    assert_eq!(e.error.code, ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(e.error.message.as_ref().unwrap().as_str(), "nope");
    assert_eq!(e.request_id.as_ref().unwrap().as_str(), "abc");
    // It is encoded back in the awsQuery shape, as IAM sends.
    assert!(e.to_xml().starts_with("<ErrorResponse xmlns="));
    // `<Response><Errors>` without an Error.
    let e = ErrorResponse::decode(b"<Response><Errors/><RequestID>abc</RequestID></Response>").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "Error",
            parent: "Errors"
        })
    );
}

/// §10.25: `<Type>` missing ⇒ `None`; `Sender`/`Receiver` read; anything else — decision:
/// an error (the value is an enumeration).
#[test]
fn item_25_type() {
    assert_eq!(error(&error_doc("<Code>NoSuchEntity</Code>")).error.fault, None);
    assert_eq!(
        error(&error_doc("<Type>Receiver</Type><Code>ServiceFailure</Code>"))
            .error
            .fault,
        Some(Fault::RECEIVER)
    );
    // Any other `Type` is kept as given (Smithy: "can be ignored"), so the code survives.
    let doc = error_doc("<Type>sender</Type><Code>X</Code>");
    let e = ErrorResponse::decode(doc.as_bytes()).unwrap();
    assert_eq!(e.error.fault, Some(Fault::new("sender").unwrap()));
    assert_eq!(e.error.code, "X");
}

/// §10.26: `<Code>` missing — decision: a decode error (there is no code to dispatch on);
/// `<Message>` missing ⇒ `None`; moto's lower-case `<message>` ignored.
#[test]
fn item_26_code_and_message() {
    let e = ErrorResponse::decode(error_doc("<Type>Sender</Type><Message>m</Message>").as_bytes()).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "Code",
            parent: "Error"
        })
    );
    assert_eq!(e.to_string(), "missing element `Code` in `Error`");
    let e = ErrorResponse::decode(error_doc("<Code/>").as_bytes()).unwrap_err();
    assert_eq!(
        e,
        DecodeError::InvalidMember {
            member: "Code",
            parent: "Error",
            cause: ValueError::Empty
        }
    );
    assert_eq!(
        e.to_string(),
        "invalid `Code` in `Error`: expected a value, found an empty text"
    );
    let e = error(&error_doc("<Code>NoSuchEntity</Code>"));
    assert_eq!(e.error.message, None);
    let e = error(&error_doc("<Code>NoSuchEntity</Code><message>only lower</message>"));
    assert_eq!(e.error.message, None);
}

/// §10.27: mapping by the exact, case-sensitive, untrimmed code string, not by status.
#[test]
fn item_27_code_mapping() {
    let code = |c: &str| error(&error_doc(&format!("<Code>{c}</Code>"))).error.code.into_owned();
    assert_eq!(code("NoSuchEntity"), ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(
        (
            ErrorCode::NO_SUCH_ENTITY.http_status(),
            ErrorCode::NO_SUCH_ENTITY.fault()
        ),
        (404, Fault::SENDER)
    );
    assert_eq!(code("ServiceFailure"), ErrorCode::SERVICE_FAILURE);
    assert_eq!(
        (
            ErrorCode::SERVICE_FAILURE.http_status(),
            ErrorCode::SERVICE_FAILURE.fault()
        ),
        (500, Fault::RECEIVER)
    );
    assert_eq!(code("Throttling"), ErrorCode::THROTTLING);
    assert_eq!(ErrorCode::THROTTLING.http_status(), 400);
    assert_eq!(code("AccessDenied").http_status(), 403);
    for other in [" NoSuchEntity ", "nosuchentity", "NoSuchEntityException"] {
        let c = code(other);
        assert_eq!(c.as_str(), other);
        assert!(!c.is_known());
        assert_eq!(c.http_status(), 400);
    }
    // The status does not choose the code: a NoSuchEntity under 500 stays NoSuchEntity.
    let body = error_doc("<Code>NoSuchEntity</Code>");
    let err = client::decode::<GetLoginProfileRequest>(500, body.as_bytes()).unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::NO_SUCH_ENTITY));
    assert_eq!(err.http_status(), 500);
}

/// §10.28: non-XML bodies: HTML 5xx, empty bodies, `ErrorResponse` under 200.
#[test]
fn item_28_non_xml_bodies() {
    let html = b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>";
    let e = client::decode::<GetLoginProfileRequest>(503, html).unwrap_err();
    assert_eq!(
        e,
        ClientError::Decode {
            http_status: 503,
            error: DecodeError::Xml(XmlError::UnexpectedRoot {
                expected: "ErrorResponse",
                found: "html".into()
            })
        }
    );
    assert_eq!(
        e.to_string(),
        "HTTP 503: cannot decode the body: expected root element `ErrorResponse`, found `html`"
    );
    assert!(e.is_retryable());
    for status in [500, 404] {
        let e = client::decode::<GetLoginProfileRequest>(status, b"").unwrap_err();
        assert_eq!(e, ClientError::EmptyBody { http_status: status });
        assert_eq!(e.to_string(), format!("HTTP {status} with an empty body"));
    }
    let body = error_doc("<Code>NoSuchEntity</Code>");
    let e = client::decode::<GetLoginProfileRequest>(200, body.as_bytes()).unwrap_err();
    assert!(matches!(e, ClientError::Service { http_status: 200, .. }));
    assert_eq!(e.code(), Some(&ErrorCode::NO_SUCH_ENTITY));
}

/// §10.29: the request id — decision: the body's `<RequestId>` (botocore); headers are
/// the caller's business in a sans-I/O codec. `RequestID` is read in the EC2 shape.
#[test]
fn item_29_request_id_from_body() {
    assert_eq!(ok(&success_doc(BOB)).request_id.unwrap().as_str(), "r-1");
    assert_eq!(error(&error_doc("<Code>X</Code>")).request_id.unwrap().as_str(), "r-1");
    // Under ErrorResponse a `RequestID` (capital D) is not the id (botocore does not move it).
    let e = error("<ErrorResponse><Error><Code>X</Code></Error><RequestID>r-2</RequestID></ErrorResponse>");
    assert_eq!(e.request_id, None);
}
