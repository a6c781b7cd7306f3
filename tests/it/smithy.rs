//! The Smithy awsQuery protocol tests quoted in docs/protocol.md §7 (smithy-lang/smithy @ 0f73231,
//! `smithy-aws-protocol-tests/model/awsQuery/`, plus the restXml XML-decoding tests of
//! §7.4), adapted to GetLoginProfile's element names where the shape differs. Each test
//! names the test ids it covers.

use iam_login_profile::{
    DecodeError, ErrorCode, ErrorResponse, Fault, GetLoginProfileRequest, GetLoginProfileResponse, RequestError,
    UserName, ValueError, XmlError, client, is_form_content_type,
};

fn ok(doc: &str) -> GetLoginProfileResponse<'static> {
    GetLoginProfileResponse::decode(doc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {doc}"))
        .into_owned()
}

/// A pretty-printed response in the Smithy tests' layout, `members` inside `LoginProfile`.
fn smithy_doc(members: &str) -> String {
    format!(
        "<GetLoginProfileResponse xmlns=\"https://example.com/\">\n    <GetLoginProfileResult>\n        <LoginProfile>\n{members}\n        </LoginProfile>\n    </GetLoginProfileResult>\n</GetLoginProfileResponse>\n"
    )
}

const BOB: &str = "            <UserName>Bob</UserName>\n            <CreateDate>2014-04-29T18:30:38Z</CreateDate>";

/// QuerySimpleInputParamsStrings, QueryNoInputAndNoOutput, QueryEmptyInputAndEmptyOutput:
/// POST `/`, `Content-Type: application/x-www-form-urlencoded` (no charset), body
/// `Action=…&Version=…` then members; no member ⇒ no parameter.
#[test]
fn query_simple_input_params_and_no_input() {
    assert!(is_form_content_type("application/x-www-form-urlencoded"));
    assert_eq!(
        GetLoginProfileRequest::new(None).to_query_string(),
        "Action=GetLoginProfile&Version=2010-05-08"
    );
    let r = GetLoginProfileRequest::new(Some(UserName::new("val1").unwrap()));
    assert_eq!(
        r.to_query_string(),
        "Action=GetLoginProfile&Version=2010-05-08&UserName=val1"
    );
    // The tests compare bodies as form data: any order decodes the same.
    assert_eq!(
        GetLoginProfileRequest::decode(b"UserName=val1&Version=2010-05-08&Action=GetLoginProfile").unwrap(),
        r
    );
    // "Empty strings are serialized as `&Foo=`": such a request is decoded and refused
    // (min length 1), as IAM does.
    assert!(crate::is_user_name_error(
        &GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=").unwrap_err()
    ));
}

/// QueryTimestampsInput: `%3A` in a value decodes to `:` (adapted: in the `Action` value).
#[test]
fn query_timestamps_input_percent_3a() {
    assert_eq!(
        GetLoginProfileRequest::decode(b"Action=Get%3ALoginProfile&Version=2010-05-08").unwrap_err(),
        RequestError::InvalidAction {
            action: "Get:LoginProfile".into()
        }
    );
    // And the common `Timestamp` parameter with `%3A` is passed over.
    assert!(
        GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&Timestamp=2015-01-25T08%3A00%3A00Z")
            .is_ok()
    );
}

/// QueryNoInputAndNoOutputWithResponseMetadata: pretty-printed `ResponseMetadata/RequestId`.
#[test]
fn query_no_input_and_no_output_with_response_metadata() {
    let doc = format!(
        "<GetLoginProfileResponse>\n    <GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult>\n    <ResponseMetadata>\n        <RequestId>abc-123</RequestId>\n    </ResponseMetadata>\n</GetLoginProfileResponse>\n"
    );
    assert_eq!(ok(&doc).request_id.unwrap().as_str(), "abc-123");
    // Without the result it is not a GetLoginProfile response (LoginProfile is required).
    let doc = "<GetLoginProfileResponse>\n    <ResponseMetadata>\n        <RequestId>abc-123</RequestId>\n    </ResponseMetadata>\n</GetLoginProfileResponse>\n";
    assert_eq!(
        GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Missing {
            element: "GetLoginProfileResult",
            parent: "GetLoginProfileResponse"
        })
    );
}

/// QueryGreetingWithErrors (success half): no `ResponseMetadata` at all.
#[test]
fn query_greeting_with_errors_success() {
    let r = ok(&smithy_doc(BOB));
    assert_eq!(r.request_id, None);
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
}

/// QuerySimpleScalarProperties: self-closing unknown members, booleans `true`/`false`.
#[test]
fn query_simple_scalar_properties() {
    let doc = smithy_doc(&format!(
        "{BOB}\n            <stringValue>string</stringValue>\n            <emptyStringValue/>\n            <PasswordResetRequired>true</PasswordResetRequired>\n            <byteValue>1</byteValue>\n            <DoubleDribble>6.5</DoubleDribble>"
    ));
    assert_eq!(ok(&doc).login_profile.password_reset_required, Some(true));
    let doc = doc.replace(">true<", ">false<");
    assert_eq!(ok(&doc).login_profile.password_reset_required, Some(false));
}

/// QueryXmlTimestamps: `2014-04-29T18:30:38Z` is 1398796238.
#[test]
fn query_xml_timestamps() {
    let r = ok(&smithy_doc(BOB));
    assert_eq!(r.login_profile.create_date.unix_timestamp(), 1_398_796_238);
}

/// AwsQueryDateTimeWithFractionalSeconds: `2000-01-02T20:34:56.123Z` is 946845296.123.
#[test]
fn aws_query_date_time_with_fractional_seconds() {
    let doc = smithy_doc(&BOB.replace("2014-04-29T18:30:38Z", "2000-01-02T20:34:56.123Z"));
    let t = ok(&doc).login_profile.create_date;
    assert_eq!((t.unix_timestamp(), t.nanosecond()), (946_845_296, 123_000_000));
}

/// AwsQueryDateTimeWithNegativeOffset, AwsQueryDateTimeWithPositiveOffset: both 1576540098.
#[test]
fn aws_query_date_time_with_offsets() {
    for s in ["2019-12-16T22:48:18-01:00", "2019-12-17T00:48:18+01:00"] {
        let doc = smithy_doc(&BOB.replace("2014-04-29T18:30:38Z", s));
        let t = ok(&doc).login_profile.create_date;
        assert_eq!((t.unix_timestamp(), t.nanosecond()), (1_576_540_098, 0), "{s}");
    }
}

/// QueryXmlNamespaces: namespace declarations on nested elements are ignored.
#[test]
fn query_xml_namespaces() {
    let doc = smithy_doc(
        "            <UserName xmlns:baz=\"http://baz.com\">Bob</UserName>\n            <values xmlns=\"http://qux.com\">\n                <member xmlns=\"http://bux.com\">Bar</member>\n            </values>\n            <CreateDate xmlns=\"http://bux.com\">2014-04-29T18:30:38Z</CreateDate>",
    );
    assert_eq!(ok(&doc), ok(&smithy_doc(BOB)));
}

/// QueryIgnoresWrappingXmlName: the wrappers are always `<Op>Response` and `<Op>Result`.
#[test]
fn query_ignores_wrapping_xml_name() {
    let wrong = smithy_doc(BOB).replace("GetLoginProfileResult", "LoginProfileResult");
    assert_eq!(
        GetLoginProfileResponse::decode(wrong.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Missing {
            element: "GetLoginProfileResult",
            parent: "GetLoginProfileResponse"
        })
    );
}

/// QueryXmlEmptyBlobs, QueryXmlEmptySelfClosedBlobs, XmlEmptyStrings, XmlEmptySelfClosedStrings:
/// `<x></x>` and `<x/>` are `""` (adapted: `RequestId`; an empty `UserName` is then refused).
#[test]
fn query_xml_empty_and_self_closed() {
    for empty in ["<RequestId></RequestId>", "<RequestId/>"] {
        let doc = format!(
            "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult><ResponseMetadata>{empty}</ResponseMetadata></GetLoginProfileResponse>"
        );
        assert_eq!(ok(&doc).request_id.unwrap().as_str(), "");
    }
    for empty in ["<UserName></UserName>", "<UserName/>"] {
        let doc = smithy_doc(&format!("{empty}<CreateDate>2014-04-29T18:30:38Z</CreateDate>"));
        assert!(matches!(
            GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err(),
            DecodeError::InvalidMember {
                cause: ValueError::UserName(_),
                ..
            }
        ));
    }
}

/// QueryXmlEmptyLists, QueryXmlEmptySelfClosedMaps: empty unknown containers are skipped.
#[test]
fn query_xml_empty_lists_and_maps() {
    let doc = smithy_doc(&format!("{BOB}\n<stringList/>\n<stringSet></stringSet>\n<myMap/>"));
    assert_eq!(ok(&doc), ok(&smithy_doc(BOB)));
}

fn request_id_of(text: &str) -> String {
    let doc = format!(
        "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{BOB}</LoginProfile></GetLoginProfileResult><ResponseMetadata><RequestId>{text}</RequestId></ResponseMetadata></GetLoginProfileResponse>"
    );
    ok(&doc).request_id.unwrap().as_str().to_owned()
}

/// SimpleScalarPropertiesComplexEscapes (restXml): single-pass unescape, `&#xD;&#10;` kept.
#[test]
fn simple_scalar_properties_complex_escapes() {
    assert_eq!(
        request_id_of("escaped data: &amp;lt;&#xD;&#10;"),
        "escaped data: &lt;\r\n"
    );
}

/// SimpleScalarPropertiesWithEscapedCharacter (restXml).
#[test]
fn simple_scalar_properties_with_escaped_character() {
    assert_eq!(request_id_of("&lt;string&gt;"), "<string>");
}

/// SimpleScalarPropertiesWithXMLPreamble (restXml): declaration with spaces around `=`,
/// CDATA and comments between members.
#[test]
fn simple_scalar_properties_with_xml_preamble() {
    let doc = format!(
        "<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<GetLoginProfileResponse>\n    <![CDATA[characters representing CDATA]]>\n    <GetLoginProfileResult><LoginProfile>\n    <![CDATA[characters representing CDATA]]>\n{BOB}\n    <!--xml comment-->\n    </LoginProfile></GetLoginProfileResult>\n    <!--xml comment-->\n</GetLoginProfileResponse>"
    );
    assert_eq!(ok(&doc), ok(&smithy_doc(BOB)));
}

/// SimpleScalarPropertiesWithWhiteSpace, SimpleScalarPropertiesPureWhiteSpace (restXml):
/// not trimmed.
#[test]
fn simple_scalar_properties_white_space() {
    assert_eq!(
        request_id_of(" string with white    space "),
        " string with white    space "
    );
    assert_eq!(request_id_of("  "), "  ");
}

fn error_body(code: &str, extra: &str) -> String {
    format!(
        "<ErrorResponse>\n   <Error>\n      <Type>Sender</Type>\n      <Code>{code}</Code>\n{extra}   </Error>\n   <RequestId>foo-id</RequestId>\n</ErrorResponse>\n"
    )
}

/// QueryInvalidGreetingError: 400, `Type`, `Code`, `Message`, `RequestId`, no xmlns.
#[test]
fn query_invalid_greeting_error() {
    let body = error_body("InvalidGreeting", "      <Message>Hi</Message>\n");
    let err = client::decode::<GetLoginProfileRequest>(400, body.as_bytes()).unwrap_err();
    let client::ClientError::Service {
        http_status: 400,
        error,
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(error.error.fault, Some(Fault::SENDER));
    assert_eq!(error.error.code.as_str(), "InvalidGreeting");
    assert_eq!(error.error.message.unwrap().as_str(), "Hi");
    assert_eq!(error.request_id.unwrap().as_str(), "foo-id");
}

/// QueryComplexError: extra members, nested structures, no `Message`.
#[test]
fn query_complex_error() {
    let body = error_body(
        "ComplexError",
        "      <TopLevel>Top level</TopLevel>\n      <Nested>\n          <Foo>bar</Foo>\n      </Nested>\n",
    );
    let e = ErrorResponse::decode(body.as_bytes()).unwrap();
    assert_eq!(e.error.code.as_str(), "ComplexError");
    assert_eq!(e.error.message, None);
    assert_eq!(e.request_id.unwrap().as_str(), "foo-id");
}

/// QueryCustomizedError: code `Customized` with status 402, kept by the client.
#[test]
fn query_customized_error() {
    let body = error_body("Customized", "      <Message>Hi</Message>\n");
    let err = client::decode::<GetLoginProfileRequest>(402, body.as_bytes()).unwrap_err();
    assert_eq!(err.http_status(), 402);
    assert_eq!(err.code().unwrap().as_str(), "Customized");
    assert!(!err.code().unwrap().is_known());
}

/// Ec2InvalidGreetingError (ec2Query, for contrast): accepted, `RequestID` read.
#[test]
fn ec2_invalid_greeting_error() {
    let body = "<Response>\n    <Errors>\n        <Error>\n            <Code>InvalidGreeting</Code>\n            <Message>Hi</Message>\n        </Error>\n    </Errors>\n    <RequestID>foo-id</RequestID>\n</Response>\n";
    let e = ErrorResponse::decode(body.as_bytes()).unwrap();
    assert_eq!(e.error.code, ErrorCode::new("InvalidGreeting").unwrap());
    assert_eq!(e.request_id.unwrap().as_str(), "foo-id");
}
