//! The error XML and the error codes: decoding both shapes, encoding IAM's, the open
//! code type with its statuses, faults and retry classes.

use iam_login_profile::{DecodeError, ErrorCode, ErrorMessage, ErrorResponse, Fault, RequestId, XmlError};

use crate::{NS, error_doc};

fn decode(doc: &str) -> ErrorResponse<'static> {
    ErrorResponse::decode(doc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {doc}"))
        .into_owned()
}

fn msg(s: &str) -> Option<ErrorMessage<'static>> {
    Some(ErrorMessage::new(s.to_owned()).unwrap())
}

fn rid(s: &str) -> Option<RequestId<'static>> {
    Some(RequestId::new(s.to_owned()).unwrap())
}

#[test]
fn encodes_what_iam_sends() {
    let e = ErrorResponse::new(
        ErrorCode::NO_SUCH_ENTITY,
        msg("Login Profile for user Bob cannot be found."),
        rid("4ba3b2a7-0000-4000-8000-000000000000"),
    );
    assert_eq!(
        e.to_xml(),
        format!(
            "<ErrorResponse xmlns=\"{NS}\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>NoSuchEntity</Code>\n    <Message>Login Profile for user Bob cannot be found.</Message>\n  </Error>\n  <RequestId>4ba3b2a7-0000-4000-8000-000000000000</RequestId>\n</ErrorResponse>\n"
        )
    );
    assert_eq!(ErrorResponse::CONTENT_TYPE, "text/xml");
    assert_eq!(e.http_status(), 404);
    assert_eq!(
        e.to_string(),
        "NoSuchEntity: Login Profile for user Bob cannot be found. (request id 4ba3b2a7-0000-4000-8000-000000000000)"
    );
    let e = ErrorResponse::new(ErrorCode::SERVICE_FAILURE, None, None);
    assert_eq!(
        e.to_xml(),
        format!(
            "<ErrorResponse xmlns=\"{NS}\">\n  <Error>\n    <Type>Receiver</Type>\n    <Code>ServiceFailure</Code>\n  </Error>\n</ErrorResponse>\n"
        )
    );
    assert_eq!(e.to_string(), "ServiceFailure");
    assert_eq!(ErrorResponse::decode(e.to_xml().as_bytes()).unwrap(), e);
}

#[test]
fn type_omitted_when_none() {
    let mut e = ErrorResponse::new(ErrorCode::new("X").unwrap(), None, None);
    e.error.fault = None;
    assert!(!e.to_xml().contains("<Type>"));
    assert_eq!(ErrorResponse::decode(e.to_xml().as_bytes()).unwrap(), e);
}

#[test]
fn message_with_markup_is_escaped_and_round_trips() {
    for m in [
        "<b>bold</b>",
        "a & b",
        "]]>",
        "x\ry",
        "x\r\ny",
        "&lt;",
        "<!--c-->",
        "<![CDATA[z]]>",
        "  ",
        "",
    ] {
        let e = ErrorResponse::new(ErrorCode::new("Code<&>").unwrap(), msg(m), rid(m));
        let xml = e.to_xml();
        assert_eq!(xml.matches('<').count(), 12, "{xml}");
        assert!(!xml.contains("]]>") && !xml.contains('\r'), "{xml}");
        assert_eq!(ErrorResponse::decode(xml.as_bytes()).unwrap(), e, "{m:?}");
    }
}

#[test]
fn text_types_refuse_characters_xml_cannot_carry() {
    let e = ErrorMessage::new("a\u{0}b").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid error message: character '\\0' at offset 1 is not allowed in XML"
    );
    let e = RequestId::new("\u{FFFF}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid request id: character '\\u{ffff}' at offset 0 is not allowed in XML"
    );
    let e = ErrorCode::new("").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid error code: expected a value, found an empty string"
    );
    let e = ErrorCode::new("A\u{1B}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid error code: character '\\u{1b}' at offset 1 is not allowed in XML"
    );
    assert_eq!(ErrorMessage::new_escaped("a\u{1}b").as_str(), "a\\u{1}b");
    // Tab, LF, CR are fine.
    assert!(ErrorMessage::new("\t\n\r").is_ok());
}

#[test]
fn known_codes_statuses_faults_and_retry() {
    const SENDER: Fault<'static> = Fault::SENDER;
    const RECEIVER: Fault<'static> = Fault::RECEIVER;
    let table: &[(ErrorCode<'static>, &str, u16, Fault<'static>, bool)] = &[
        (ErrorCode::NO_SUCH_ENTITY, "NoSuchEntity", 404, SENDER, false),
        (ErrorCode::SERVICE_FAILURE, "ServiceFailure", 500, RECEIVER, true),
        (ErrorCode::ACCESS_DENIED, "AccessDenied", 403, SENDER, false),
        (
            ErrorCode::ACCESS_DENIED_EXCEPTION,
            "AccessDeniedException",
            403,
            SENDER,
            false,
        ),
        (ErrorCode::EXPIRED_TOKEN, "ExpiredToken", 403, SENDER, false),
        (
            ErrorCode::EXPIRED_TOKEN_EXCEPTION,
            "ExpiredTokenException",
            403,
            SENDER,
            false,
        ),
        (
            ErrorCode::INCOMPLETE_SIGNATURE,
            "IncompleteSignature",
            400,
            SENDER,
            false,
        ),
        (ErrorCode::INTERNAL_FAILURE, "InternalFailure", 500, RECEIVER, true),
        (ErrorCode::INVALID_ACTION, "InvalidAction", 400, SENDER, false),
        (
            ErrorCode::INVALID_CLIENT_TOKEN_ID,
            "InvalidClientTokenId",
            403,
            SENDER,
            false,
        ),
        (
            ErrorCode::INVALID_PARAMETER_COMBINATION,
            "InvalidParameterCombination",
            400,
            SENDER,
            false,
        ),
        (
            ErrorCode::INVALID_PARAMETER_VALUE,
            "InvalidParameterValue",
            400,
            SENDER,
            false,
        ),
        (
            ErrorCode::INVALID_QUERY_PARAMETER,
            "InvalidQueryParameter",
            400,
            SENDER,
            false,
        ),
        (
            ErrorCode::MALFORMED_QUERY_STRING,
            "MalformedQueryString",
            404,
            SENDER,
            false,
        ),
        (ErrorCode::MISSING_ACTION, "MissingAction", 400, SENDER, false),
        (
            ErrorCode::MISSING_AUTHENTICATION_TOKEN,
            "MissingAuthenticationToken",
            403,
            SENDER,
            false,
        ),
        (ErrorCode::MISSING_PARAMETER, "MissingParameter", 400, SENDER, false),
        (ErrorCode::NOT_AUTHORIZED, "NotAuthorized", 400, SENDER, false),
        (ErrorCode::OPT_IN_REQUIRED, "OptInRequired", 403, SENDER, false),
        (
            ErrorCode::REQUEST_ABORTED_EXCEPTION,
            "RequestAbortedException",
            400,
            SENDER,
            false,
        ),
        (
            ErrorCode::REQUEST_ENTITY_TOO_LARGE_EXCEPTION,
            "RequestEntityTooLargeException",
            413,
            SENDER,
            false,
        ),
        (ErrorCode::REQUEST_EXPIRED, "RequestExpired", 400, SENDER, false),
        (
            ErrorCode::REQUEST_TIMEOUT_EXCEPTION,
            "RequestTimeoutException",
            408,
            SENDER,
            true,
        ),
        (
            ErrorCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            503,
            RECEIVER,
            true,
        ),
        (
            ErrorCode::SIGNATURE_DOES_NOT_MATCH,
            "SignatureDoesNotMatch",
            403,
            SENDER,
            false,
        ),
        (ErrorCode::THROTTLING, "Throttling", 400, SENDER, true),
        (
            ErrorCode::THROTTLING_EXCEPTION,
            "ThrottlingException",
            400,
            SENDER,
            true,
        ),
        (
            ErrorCode::UNRECOGNIZED_CLIENT_EXCEPTION,
            "UnrecognizedClientException",
            403,
            SENDER,
            false,
        ),
        (
            ErrorCode::UNKNOWN_OPERATION_EXCEPTION,
            "UnknownOperationException",
            404,
            SENDER,
            false,
        ),
        (ErrorCode::VALIDATION_ERROR, "ValidationError", 400, SENDER, false),
    ];
    for (code, wire, status, fault, retry) in table {
        assert_eq!(code.as_str(), *wire);
        assert_eq!(code.to_string(), *wire);
        assert_eq!(format!("{code:?}"), format!("ErrorCode({wire:?})"));
        assert!(code.is_known(), "{wire}");
        assert_eq!(code.http_status(), *status, "{wire}");
        assert_eq!(code.fault(), *fault, "{wire}");
        assert_eq!(code.is_retryable(), *retry, "{wire}");
        // A decoded code equals the constant.
        let decoded = decode(&error_doc(&format!("<Code>{wire}</Code>")));
        assert_eq!(&decoded.error.code, code);
        // `new` builds the fault as `Type`.
        assert_eq!(
            ErrorResponse::new(code.clone(), None, None).error.fault,
            Some(fault.clone())
        );
    }
}

#[test]
fn unknown_codes_round_trip_unchanged() {
    for wire in ["SomethingNew", "Customized", " NoSuchEntity ", "noSuchEntity", "a<b&c"] {
        let code = ErrorCode::new(wire).unwrap();
        assert!(!code.is_known());
        assert_eq!(
            (code.http_status(), code.fault(), code.is_retryable()),
            (400, Fault::SENDER, false)
        );
        let e = ErrorResponse::new(code.clone(), None, None);
        let xml = e.to_xml();
        let back = ErrorResponse::decode(xml.as_bytes()).unwrap();
        assert_eq!(back.error.code.as_str(), wire);
    }
}

#[test]
fn ec2_shape() {
    let e = decode(
        "<Response>\n    <Errors>\n        <Error>\n            <Code>InvalidGreeting</Code>\n            <Message>Hi</Message>\n        </Error>\n    </Errors>\n    <RequestID>foo-id</RequestID>\n</Response>",
    );
    assert_eq!(e.error.code.as_str(), "InvalidGreeting");
    assert_eq!(e.error.message, msg("Hi"));
    assert_eq!(e.request_id, rid("foo-id"));
    assert_eq!(e.error.fault, None);
    // Two errors: refused as a duplicate.
    let two = "<Response><Errors><Error><Code>A</Code></Error><Error><Code>B</Code></Error></Errors></Response>";
    assert!(matches!(
        ErrorResponse::decode(two.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Duplicate {
            element: "Error",
            parent: "Errors",
            ..
        })
    ));
    // `Error` directly under `Response` is not the EC2 shape.
    let bare = "<Response><Error><Code>A</Code></Error></Response>";
    assert_eq!(
        ErrorResponse::decode(bare.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Missing {
            element: "Error",
            parent: "Errors"
        })
    );
}

#[test]
fn structural_errors() {
    let e = ErrorResponse::decode(b"<ErrorResponse><RequestId>x</RequestId></ErrorResponse>").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::Missing {
            element: "Error",
            parent: "ErrorResponse"
        })
    );
    assert_eq!(e.to_string(), "missing element `Error` in `ErrorResponse`");
    let e = ErrorResponse::decode(b"<Foo><Error><Code>NoSuchEntity</Code></Error></Foo>").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::UnexpectedRoot {
            expected: "ErrorResponse",
            found: "Foo".into()
        })
    );
    let e = ErrorResponse::decode(b"<GetLoginProfileResponse/>").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::UnexpectedRoot {
            expected: "ErrorResponse",
            found: "GetLoginProfileResponse".into()
        })
    );
    let doc = "<ErrorResponse><Error><Code>A</Code></Error><Error><Code>B</Code></Error></ErrorResponse>";
    let at = doc.rfind("<Error>").unwrap();
    assert_eq!(
        ErrorResponse::decode(doc.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Duplicate {
            element: "Error",
            parent: "ErrorResponse",
            offset: at
        })
    );
    for (inner, element) in [
        ("<Code>A</Code><Code>B</Code>", "Code"),
        ("<Code>A</Code><Message>1</Message><Message>2</Message>", "Message"),
        ("<Type>Sender</Type><Type>Sender</Type><Code>A</Code>", "Type"),
    ] {
        assert!(
            matches!(ErrorResponse::decode(error_doc(inner).as_bytes()).unwrap_err(), DecodeError::Xml(XmlError::Duplicate { element: el, parent: "Error", .. }) if el == element),
            "{inner}"
        );
    }
    let doc =
        "<ErrorResponse><Error><Code>A</Code></Error><RequestId>1</RequestId><RequestId>2</RequestId></ErrorResponse>";
    assert!(matches!(
        ErrorResponse::decode(doc.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Duplicate {
            element: "RequestId",
            parent: "ErrorResponse",
            ..
        })
    ));
    let e = ErrorResponse::decode(error_doc("<Code>A<b/></Code>").as_bytes()).unwrap_err();
    assert!(matches!(
        e,
        DecodeError::Xml(XmlError::ElementInText { element: "Code", .. })
    ));
    let e = ErrorResponse::decode(error_doc("<Code>A</Code><Message><p>x</p></Message>").as_bytes()).unwrap_err();
    assert!(matches!(
        e,
        DecodeError::Xml(XmlError::ElementInText { element: "Message", .. })
    ));
}

#[test]
fn error_text_is_not_trimmed_and_is_unescaped() {
    let e = decode(&error_doc(
        "<Code>A</Code><Message> a &lt;b&gt; &amp;amp; <![CDATA[<c>]]> </Message>",
    ));
    assert_eq!(e.error.message, msg(" a <b> &amp; <c> "));
}

#[test]
fn decode_borrows_when_nothing_is_escaped() {
    let body = crate::data("moto-get-login-profile-no-user.xml");
    let e = ErrorResponse::decode(&body).unwrap();
    let range = body.as_ptr_range();
    assert!(range.contains(&e.error.code.as_str().as_ptr()));
    assert!(range.contains(&e.error.message.as_ref().unwrap().as_str().as_ptr()));
    assert!(range.contains(&e.request_id.as_ref().unwrap().as_str().as_ptr()));
}

/// EC2 shape with `<RequestId>` (lower-case d): botocore moves it into
/// `ResponseMetadata.RequestId` (docs/protocol.md §3.3, "same with <RequestId>"), so it is the id.
/// Both spellings at once are one id given twice: refused as a duplicate.
#[test]
fn ec2_shape_request_id_either_spelling() {
    let e = decode(
        "<Response><Errors><Error><Code>NoSuchEntity</Code><Message>nope</Message></Error></Errors><RequestId>abc</RequestId></Response>",
    );
    assert_eq!(e.request_id, rid("abc"));
    let both = "<Response><Errors><Error><Code>X</Code></Error></Errors><RequestID>a</RequestID><RequestId>b</RequestId></Response>";
    let at = both.find("<RequestId>").unwrap();
    assert_eq!(
        ErrorResponse::decode(both.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::Duplicate {
            element: "RequestId",
            parent: "Response",
            offset: at
        })
    );
}
