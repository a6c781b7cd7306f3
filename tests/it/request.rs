//! The request: encoding to botocore's bytes, and decoding what a server receives, with
//! every error's AWS code, HTTP status and message pinned verbatim.

use iam_login_profile::VERSION;
const ACTION: &str = "GetLoginProfile";
const REQUEST_CONTENT_TYPE: &str = GetLoginProfileRequest::CONTENT_TYPE;
use iam_login_profile::{ErrorCode, Fault, GetLoginProfileRequest, MalformedKind, RequestError, RequestId, UserName};

fn decode(body: &str) -> Result<GetLoginProfileRequest<'_>, RequestError> {
    GetLoginProfileRequest::decode(body.as_bytes())
}

fn bob() -> GetLoginProfileRequest<'static> {
    GetLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()))
}

/// (error, Display, AWS code, HTTP status, AWS message)
fn check(body: &[u8], display: &str, code: ErrorCode<'static>, status: u16, message: &str) -> RequestError {
    let err = GetLoginProfileRequest::decode(body).unwrap_err();
    assert_eq!(err.to_string(), display, "{body:?}");
    assert_eq!(err.code(), code, "{body:?}");
    assert_eq!(err.http_status(), status, "{body:?}");
    assert_eq!(err.message(), message, "{body:?}");
    let response = err.to_error_response(Some(RequestId::new("req-1").unwrap()));
    assert_eq!(response.error.code, code);
    assert_eq!(response.error.fault, Some(Fault::SENDER));
    assert_eq!(response.error.message.as_ref().unwrap().as_str(), message);
    assert_eq!(response.http_status(), status);
    err
}

#[test]
fn constants() {
    assert_eq!(ACTION, "GetLoginProfile");
    assert_eq!(VERSION, "2010-05-08");
    assert_eq!(REQUEST_CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8");
}

#[test]
fn encode_appends_to_the_callers_buffer() {
    let mut out = String::from("prefix:");
    bob().encode(&mut out);
    assert_eq!(out, "prefix:Action=GetLoginProfile&Version=2010-05-08&UserName=Bob");
}

#[test]
fn encode_equals_the_serde_urlencoded_reference() {
    for name in ["Bob", "a+b=c,d.e@f-g_h", "@", "=", ",", "+", "_.-", &"Z".repeat(64)] {
        let r = GetLoginProfileRequest::new(Some(UserName::new(name).unwrap()));
        assert_eq!(
            r.to_query_string(),
            iam_login_profile::fuzzing_family::serde_urlencoded_body(&iam_login_profile::Request::from(r.clone())),
            "{name}"
        );
        assert_eq!(
            GetLoginProfileRequest::decode(r.to_query_string().as_bytes()).unwrap(),
            r
        );
    }
    let none = GetLoginProfileRequest::new(None);
    assert_eq!(
        none.to_query_string(),
        iam_login_profile::fuzzing_family::serde_urlencoded_body(&iam_login_profile::Request::from(none.clone()))
    );
}

#[test]
fn decodes_in_any_order_and_as_a_get_query() {
    for body in [
        "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
        "UserName=Bob&Action=GetLoginProfile&Version=2010-05-08",
        "Version=2010-05-08&UserName=Bob&Action=GetLoginProfile",
        // Empty segments are skipped, as in form decoding.
        "&Action=GetLoginProfile&&Version=2010-05-08&UserName=Bob&",
    ] {
        assert_eq!(decode(body).unwrap(), bob(), "{body}");
    }
}

#[test]
fn decode_borrows_when_nothing_is_escaped() {
    let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob".to_vec();
    let r = GetLoginProfileRequest::decode(&body).unwrap();
    let name = r.user_name.as_ref().unwrap().as_str();
    let range = body.as_ptr_range();
    assert!(range.contains(&name.as_ptr()), "UserName was copied");
    let owned: GetLoginProfileRequest<'static> = r.clone().into_owned();
    drop(body);
    assert_eq!(owned, bob());
}

#[test]
fn plus_is_a_space_and_hex_is_either_case() {
    assert_eq!(
        decode("Action=GetLoginProfile&Version=2010-05-08&UserName=a%2bb%2Bc%3d%3D%2c%40%40").unwrap(),
        GetLoginProfileRequest::new(Some(UserName::new("a+b+c==,@@").unwrap()))
    );
    let err = decode("Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name").unwrap_err();
    let e = crate::user_name_error(&err);
    assert_eq!(e.value(), "bad name");
    // `+` and `%xx` are decoded in keys too.
    assert_eq!(
        decode("Act%69on=GetLoginProfile&Version=2010-05-08&User%4Eame=Bob").unwrap(),
        bob()
    );
}

#[test]
fn common_parameters_are_passed_over() {
    for param in [
        "X-Amz-Algorithm=AWS4-HMAC-SHA256",
        "X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fiam%2Faws4_request",
        "X-Amz-Date=20261123T175709Z",
        "X-Amz-Security-Token=FQoG%2Bxyz%3D",
        "X-Amz-Signature=248b3073",
        "X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-date",
        "AWSAccessKeyId=AKIDEXAMPLE",
        "Signature=abc%3D",
        "SignatureMethod=HmacSHA256",
        "SignatureVersion=2",
        "Timestamp=2026-11-23T17%3A57%3A09Z",
        "Expires=2026-11-23T18%3A57%3A09Z",
        "SecurityToken=tok",
    ] {
        let body = format!("Action=GetLoginProfile&{param}&Version=2010-05-08&UserName=Bob");
        assert_eq!(decode(&body).unwrap(), bob(), "{param}");
    }
}

#[test]
fn missing_action() {
    for body in [&b"Version=2010-05-08&UserName=Bob"[..], b"", b"&&"] {
        let err = check(
            body,
            "missing parameter `Action`",
            ErrorCode::MISSING_ACTION,
            400,
            "The request must contain the parameter Action.",
        );
        assert_eq!(err, RequestError::MissingAction);
    }
}

#[test]
fn invalid_action() {
    let err = check(
        b"Action=ListUsers&Version=2010-05-08",
        "unsupported action `ListUsers`",
        ErrorCode::INVALID_ACTION,
        400,
        "Could not find operation ListUsers for version 2010-05-08",
    );
    assert_eq!(
        err,
        RequestError::InvalidAction {
            action: "ListUsers".into()
        }
    );
    // Case-sensitive, untrimmed.
    check(
        b"Action=getloginprofile&Version=2010-05-08",
        "unsupported action `getloginprofile`",
        ErrorCode::INVALID_ACTION,
        400,
        "Could not find operation getloginprofile for version 2010-05-08",
    );
    check(
        b"Action=GetLoginProfile+&Version=2010-05-08",
        "unsupported action `GetLoginProfile `",
        ErrorCode::INVALID_ACTION,
        400,
        "Could not find operation GetLoginProfile  for version 2010-05-08",
    );
}

#[test]
fn missing_version() {
    let err = check(
        b"Action=GetLoginProfile&UserName=Bob",
        "missing parameter `Version`",
        ErrorCode::MISSING_PARAMETER,
        400,
        "The request must contain the parameter Version.",
    );
    assert_eq!(err, RequestError::MissingVersion);
    // The action is checked first.
    assert_eq!(
        decode("Action=Foo").unwrap_err(),
        RequestError::InvalidAction { action: "Foo".into() }
    );
}

#[test]
fn invalid_version() {
    let err = check(
        b"Action=GetLoginProfile&Version=2011-06-15",
        "unsupported version `2011-06-15`: expected `2010-05-08`",
        ErrorCode::INVALID_ACTION,
        400,
        "Could not find operation GetLoginProfile for version 2011-06-15",
    );
    assert_eq!(
        err,
        RequestError::InvalidVersion {
            action: iam_login_profile::Action::GetLoginProfile,
            version: "2011-06-15".into()
        }
    );
}

#[test]
fn malformed_percent() {
    // `%` at offset 51 with no hex digits after it.
    let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=%zzBob";
    let err = check(
        body,
        "malformed query string at offset 51: expected two hex digits after `%`",
        ErrorCode::MALFORMED_QUERY_STRING,
        404,
        "The query string is malformed at offset 51: expected two hex digits after `%`.",
    );
    assert_eq!(
        err,
        RequestError::Malformed {
            offset: 51,
            problem: MalformedKind::BadEscape
        }
    );
    for (body, offset) in [
        (&b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob%"[..], 54),
        (b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob%4", 54),
        (b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob%4g", 54),
        (b"Act%on=GetLoginProfile", 3),
    ] {
        assert_eq!(
            GetLoginProfileRequest::decode(body).unwrap_err(),
            RequestError::Malformed {
                offset,
                problem: MalformedKind::BadEscape
            },
            "{body:?}"
        );
    }
}

#[test]
fn not_utf8() {
    // A raw byte that is not UTF-8: its own offset.
    let err = check(
        b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bo\xFFb",
        "malformed query string at offset 53: the decoded bytes are not UTF-8",
        ErrorCode::MALFORMED_QUERY_STRING,
        404,
        "The query string is malformed at offset 53: the decoded bytes are not UTF-8.",
    );
    assert_eq!(
        err,
        RequestError::Malformed {
            offset: 53,
            problem: MalformedKind::NotUtf8
        }
    );
    // Percent-escaped bytes that are not UTF-8: the offset of the value.
    assert_eq!(
        decode("Action=GetLoginProfile&Version=2010-05-08&UserName=Bo%FFb").unwrap_err(),
        RequestError::Malformed {
            offset: 51,
            problem: MalformedKind::NotUtf8
        }
    );
    // A lone surrogate written as CESU bytes.
    assert_eq!(
        decode("Action=GetLoginProfile&Version=2010-05-08&UserName=%ED%A0%80").unwrap_err(),
        RequestError::Malformed {
            offset: 51,
            problem: MalformedKind::NotUtf8
        }
    );
}

#[test]
fn duplicate_parameters() {
    let err = check(
        b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob&UserName=Bob",
        "parameter `UserName` is given more than once",
        ErrorCode::INVALID_QUERY_PARAMETER,
        400,
        "The parameter UserName must not be given more than once.",
    );
    assert_eq!(
        err,
        RequestError::DuplicateParameter {
            name: "UserName".into()
        }
    );
    assert_eq!(
        decode("Action=GetLoginProfile&Action=GetLoginProfile&Version=2010-05-08").unwrap_err(),
        RequestError::DuplicateParameter { name: "Action".into() }
    );
    assert_eq!(
        decode("Action=GetLoginProfile&Version=2010-05-08&Version=2010-05-08").unwrap_err(),
        RequestError::DuplicateParameter { name: "Version".into() }
    );
    // The same key spelled with an escape is the same key.
    assert_eq!(
        decode("Action=GetLoginProfile&Version=2010-05-08&UserName=Bob&User%4Eame=Eve").unwrap_err(),
        RequestError::DuplicateParameter {
            name: "UserName".into()
        }
    );
}

#[test]
fn unknown_parameter() {
    let err = check(
        b"Action=GetLoginProfile&Version=2010-05-08&Marker=abc",
        "unknown parameter `Marker` for `GetLoginProfile`",
        ErrorCode::INVALID_QUERY_PARAMETER,
        400,
        "The parameter Marker is not recognized by GetLoginProfile.",
    );
    assert_eq!(
        err,
        RequestError::UnknownParameter {
            action: iam_login_profile::Action::GetLoginProfile,
            name: "Marker".into()
        }
    );
    // Parameter names are case-sensitive.
    assert_eq!(
        decode("Action=GetLoginProfile&Version=2010-05-08&userName=Bob").unwrap_err(),
        RequestError::UnknownParameter {
            action: iam_login_profile::Action::GetLoginProfile,
            name: "userName".into()
        }
    );
}

#[test]
fn invalid_user_name() {
    let err = check(
        b"Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name",
        "member `userName`: invalid user name `bad name`: character ' ' at offset 3 is not one of [A-Za-z0-9_+=,.@-]",
        ErrorCode::VALIDATION_ERROR,
        400,
        r"1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+",
    );
    assert!(crate::is_user_name_error(&err));
}

#[test]
fn error_response_xml_of_a_request_error() {
    let err = decode("Version=2010-05-08").unwrap_err();
    let xml = err.to_error_response(Some(RequestId::new("req-1").unwrap())).to_xml();
    assert_eq!(
        xml,
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>MissingAction</Code>\n    <Message>The request must contain the parameter Action.</Message>\n  </Error>\n  <RequestId>req-1</RequestId>\n</ErrorResponse>\n"
    );
}

#[test]
fn request_error_messages_with_markup_or_control_characters_stay_well_formed() {
    // The message quotes decoded input: `<`, `&` are escaped, and a control character
    // (which XML cannot carry) is written as a `\u{..}` escape.
    let err = decode("Action=%3Cb%3E%26%01&Version=2010-05-08").unwrap_err();
    assert_eq!(
        err,
        RequestError::InvalidAction {
            action: "<b>&\u{1}".into()
        }
    );
    let response = err.to_error_response(None);
    assert_eq!(
        response.error.message.as_ref().unwrap().as_str(),
        "Could not find operation <b>&\\u{1} for version 2010-05-08"
    );
    let xml = response.to_xml();
    assert!(xml.contains("<Message>Could not find operation &lt;b&gt;&amp;\\u{1} for version 2010-05-08</Message>"));
    assert_eq!(
        iam_login_profile::ErrorResponse::decode(xml.as_bytes()).unwrap(),
        response
    );
}

#[test]
fn reference_pairs_agree_with_the_fast_path_on_valid_input() {
    for body in [
        &b"Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"[..],
        b"a=b+c&d=%7e&e",
        b"x=%C3%A9",
    ] {
        assert_eq!(
            iam_login_profile::internal::query_pairs(body).unwrap(),
            iam_login_profile::fuzzing::serde_urlencoded_pairs(body),
            "{body:?}"
        );
    }
}
