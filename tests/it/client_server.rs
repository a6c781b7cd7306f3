//! The protocol step without I/O: the client's `decode::<Q>(status, body)` dispatch, typed by
//! the request, and the server's replies, from every error that becomes an AWS error.

use iam_login_profile::client::{self, ClientError, is_retryable_status};
use iam_login_profile::server::Reply;
use iam_login_profile::{
    DecodeError, DecodeOptions, ErrorCode, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse,
    LoginProfile, RequestId, UserName, XmlError,
};

use crate::{BOB, data, error_doc, success_doc};

#[test]
fn status_200_with_success_body() {
    let body = data("moto-get-login-profile-success.xml");
    let r = client::decode::<GetLoginProfileRequest>(200, &body).unwrap();
    assert_eq!(r, GetLoginProfileResponse::decode(&body).unwrap());
    // Any 2xx is a success status.
    assert_eq!(client::decode::<GetLoginProfileRequest>(204, &body).unwrap(), r);
}

#[test]
fn status_404_with_error_body() {
    let body = data("moto-get-login-profile-no-profile.xml");
    let err = client::decode::<GetLoginProfileRequest>(404, &body).unwrap_err();
    let ClientError::Service { http_status, error } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*http_status, 404);
    assert_eq!(error.error.code, ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(err.http_status(), 404);
    assert_eq!(err.code(), Some(&ErrorCode::NO_SUCH_ENTITY));
    assert!(!err.is_retryable());
    assert_eq!(
        err.to_string(),
        "HTTP 404: NoSuchEntity: Login profile for Bob not found (request id VNOfhwDC5Yg9nOlVsbAjr9f3PnzY7lbtM1OQMpKfqVicvw0m4oO3)"
    );
}

#[test]
fn status_200_with_error_response_body() {
    // botocore raises KeyError and smithy-rs "invalid root" here; we surface the error.
    for body in [
        data("moto-get-login-profile-no-user.xml"),
        b"<Response><Errors><Error><Code>Throttling</Code></Error></Errors></Response>".to_vec(),
    ] {
        let err = client::decode::<GetLoginProfileRequest>(200, &body).unwrap_err();
        assert!(matches!(err, ClientError::Service { http_status: 200, .. }), "{err:?}");
        assert_eq!(err.http_status(), 200);
    }
    // A 200 whose error body is itself broken is a decode error of the error shape.
    let err = client::decode::<GetLoginProfileRequest>(200, b"<ErrorResponse><Error/></ErrorResponse>").unwrap_err();
    assert_eq!(
        err,
        ClientError::Decode {
            http_status: 200,
            error: DecodeError::Xml(XmlError::Missing {
                element: "Code",
                parent: "Error"
            })
        }
    );
}

#[test]
fn status_503_with_html() {
    let body = b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>";
    let err = client::decode::<GetLoginProfileRequest>(503, body).unwrap_err();
    assert_eq!(err.http_status(), 503);
    assert_eq!(err.code(), None);
    assert!(err.is_retryable());
    assert!(matches!(
        &err,
        ClientError::Decode { http_status: 503, error: DecodeError::Xml(XmlError::UnexpectedRoot { expected: "ErrorResponse", found }) } if found == "html"
    ));
    assert!(std::error::Error::source(&err).is_some());
    // Real HTML, not well-formed XML, still keeps its status.
    let err = client::decode::<GetLoginProfileRequest>(
        502,
        b"<!DOCTYPE html>\n<html><head><title>502</title></head><body><hr></body></html>",
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Decode {
                http_status: 502,
                error: DecodeError::Xml(XmlError::Doctype { offset: 0 })
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
}

#[test]
fn empty_bodies_keep_the_status() {
    for (status, body) in [
        (500, &b""[..]),
        (404, b""),
        (200, b""),
        (503, b"  \r\n\t"),
        (500, b"\xEF\xBB\xBF"),
        (500, b"\xEF\xBB\xBF \n"),
    ] {
        let err = client::decode::<GetLoginProfileRequest>(status, body).unwrap_err();
        assert_eq!(err, ClientError::EmptyBody { http_status: status }, "{body:?}");
        assert_eq!(err.http_status(), status);
        assert_eq!(err.code(), None);
        assert_eq!(err.is_retryable(), status == 500 || status == 503);
    }
}

#[test]
fn success_body_under_an_error_status_is_a_decode_error() {
    let body = success_doc(BOB);
    let err = client::decode::<GetLoginProfileRequest>(404, body.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        ClientError::Decode {
            http_status: 404,
            error: DecodeError::Xml(XmlError::UnexpectedRoot {
                expected: "ErrorResponse",
                found: "GetLoginProfileResponse".into()
            })
        }
    );
    assert_eq!(
        err.to_string(),
        "HTTP 404: cannot decode the body: expected root element `ErrorResponse`, found `GetLoginProfileResponse`"
    );
}

#[test]
fn malformed_success_body_keeps_the_status() {
    let body = success_doc(BOB).replace("</LoginProfile>", "");
    let err = client::decode::<GetLoginProfileRequest>(200, body.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Decode {
                http_status: 200,
                error: DecodeError::Xml(XmlError::Syntax { .. })
            }
        ),
        "{err:?}"
    );
}

#[test]
fn the_status_is_kept_as_sent() {
    // QueryCustomizedError: code `Customized` sent with 402; the code's own status is 400.
    let body = error_doc("<Type>Sender</Type><Code>Customized</Code>");
    let err = client::decode::<GetLoginProfileRequest>(402, body.as_bytes()).unwrap_err();
    let ClientError::Service { http_status, error } = &err else {
        panic!()
    };
    assert_eq!((*http_status, error.http_status()), (402, 400));
}

#[test]
fn retry_classification() {
    let retry = |status: u16, code: &str| {
        client::decode::<GetLoginProfileRequest>(status, error_doc(&format!("<Code>{code}</Code>")).as_bytes())
            .unwrap_err()
            .is_retryable()
    };
    assert!(retry(400, "Throttling"));
    assert!(retry(400, "ThrottlingException"));
    assert!(retry(500, "ServiceFailure"));
    assert!(retry(500, "SomethingUnknown"));
    assert!(retry(503, "ServiceUnavailable"));
    assert!(!retry(404, "NoSuchEntity"));
    assert!(!retry(403, "AccessDenied"));
    assert!(!retry(400, "SomethingUnknown"));
    for s in [500, 502, 503, 504] {
        assert!(is_retryable_status(s));
    }
    for s in [200, 400, 404, 429, 501, 505] {
        assert!(!is_retryable_status(s), "{s}");
    }
}

#[test]
fn decode_options_are_passed_through() {
    let opts = DecodeOptions::new().with_max_depth(3);
    let body = success_doc(BOB);
    let err = client::decode_with::<GetLoginProfileRequest>(200, body.as_bytes(), &opts).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Decode {
            http_status: 200,
            error: DecodeError::Xml(XmlError::TooDeep { limit: 3, .. })
        }
    ));
    let body = data("moto-get-login-profile-no-user.xml");
    let err =
        client::decode_with::<GetLoginProfileRequest>(404, &body, &DecodeOptions::new().with_max_depth(2)).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Decode {
            http_status: 404,
            error: DecodeError::Xml(XmlError::TooDeep { limit: 2, .. })
        }
    ));
}

#[test]
fn into_owned_detaches_client_errors() {
    let body = data("moto-get-login-profile-no-user.xml");
    let err: ClientError = client::decode::<GetLoginProfileRequest>(404, &body).unwrap_err();
    drop(body);
    assert_eq!(err.code(), Some(&ErrorCode::NO_SUCH_ENTITY));
}

#[test]
fn server_success_reply() {
    let profile = LoginProfile::new(UserName::new("Bob").unwrap(), "2011-09-19T23:00:56Z".parse().unwrap());
    let response = GetLoginProfileResponse::new(profile, Some(RequestId::new("req-1").unwrap()));
    let reply = Reply::success(&response);
    assert_eq!(
        (reply.http_status(), iam_login_profile::server::Reply::CONTENT_TYPE),
        (200, "text/xml")
    );
    assert_eq!(reply.body(), response.to_xml());
    // The client reads back what the server sent.
    assert_eq!(
        client::decode::<GetLoginProfileRequest>(reply.http_status(), reply.body().as_bytes()).unwrap(),
        response
    );
}

#[test]
fn server_error_replies_round_trip_through_the_client() {
    let e = ErrorResponse::new(
        ErrorCode::NO_SUCH_ENTITY,
        Some("Login Profile for user Bob cannot be found.".try_into().unwrap()),
        None,
    );
    let reply = Reply::error(&e);
    assert_eq!(
        (reply.http_status(), iam_login_profile::server::Reply::CONTENT_TYPE),
        (404, "text/xml")
    );
    let err = client::decode::<GetLoginProfileRequest>(reply.http_status(), reply.body().as_bytes()).unwrap_err();
    assert_eq!(
        err,
        ClientError::Service {
            http_status: 404,
            error: e
        }
    );

    for (body, code, status) in [
        (&b"Version=2010-05-08"[..], "MissingAction", 400),
        (b"Action=X&Version=2010-05-08", "InvalidAction", 400),
        (b"Action=GetLoginProfile", "MissingParameter", 400),
        (
            b"Action=GetLoginProfile&Version=2010-05-08&UserName=%",
            "MalformedQueryString",
            404,
        ),
        (
            b"Action=GetLoginProfile&Version=2010-05-08&Foo=1",
            "InvalidQueryParameter",
            400,
        ),
        (
            b"Action=GetLoginProfile&Version=2010-05-08&UserName=a+b",
            "ValidationError",
            400,
        ),
    ] {
        let request_error = GetLoginProfileRequest::decode(body).unwrap_err();
        let reply = Reply::from_error(&request_error, Some(RequestId::new("req-9").unwrap()));
        assert_eq!(reply.http_status(), status, "{body:?}");
        let err = client::decode::<GetLoginProfileRequest>(reply.http_status(), reply.body().as_bytes()).unwrap_err();
        let ClientError::Service { http_status: s, error } = err else {
            panic!()
        };
        assert_eq!(s, status);
        assert_eq!(error.error.code.as_str(), code);
        assert_eq!(error.error.message.unwrap().as_str(), request_error.message());
        assert_eq!(error.request_id.unwrap().as_str(), "req-9");
    }
}

#[test]
fn decode_owned_outlives_the_body() {
    let body = data("moto-get-login-profile-success.xml");
    let borrowed = client::decode::<GetLoginProfileRequest>(200, &body).unwrap();
    let owned: GetLoginProfileResponse<'static> = client::decode_owned::<GetLoginProfileRequest>(200, &body).unwrap();
    assert_eq!(owned, borrowed);
    let user = borrowed.login_profile.user_name.as_str().to_owned();
    drop(body);
    assert_eq!(owned.login_profile.user_name.as_str(), user);
    // Errors are owned too, and the same.
    let err = client::decode_owned::<iam_login_profile::DeleteLoginProfileRequest>(
        404,
        error_doc("<Code>NoSuchEntity</Code><Message>gone</Message>").as_bytes(),
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.message(), err.http_status()),
        (Some(&ErrorCode::NO_SUCH_ENTITY), Some("gone"), 404)
    );
}

#[test]
fn decode_http_reads_status_and_body() {
    let body = data("moto-get-login-profile-success.xml");
    let mut response = http::Response::new(body.clone());
    *response.status_mut() = http::StatusCode::OK;
    assert_eq!(
        client::decode_http::<GetLoginProfileRequest, _>(&response).unwrap(),
        client::decode::<GetLoginProfileRequest>(200, &body).unwrap()
    );
    *response.status_mut() = http::StatusCode::SERVICE_UNAVAILABLE;
    *response.body_mut() = b"<html/>".to_vec();
    let err = client::decode_http::<GetLoginProfileRequest, _>(&response).unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 503: cannot decode the body: expected root element `ErrorResponse`, found `html`"
    );
}

#[test]
fn a_decoded_operation_the_server_does_not_serve_gets_invalid_action() {
    let request =
        iam_login_profile::Request::decode(b"Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob").unwrap();
    let reply = Reply::not_implemented(&request, Some(RequestId::from_static("req-7")));
    assert_eq!((reply.http_status(), reply.request_id()), (400, Some("req-7")));
    let error = ErrorResponse::decode(reply.body().as_bytes()).unwrap();
    assert_eq!(error.code(), &ErrorCode::INVALID_ACTION);
    assert_eq!(
        error.message(),
        Some("Could not find operation DeleteLoginProfile for version 2010-05-08")
    );
    // What a request for an action outside the table gets, word for word.
    let unknown = iam_login_profile::Request::decode(b"Action=DeleteUser&Version=2010-05-08").unwrap_err();
    assert_eq!(
        (unknown.code(), unknown.message()),
        (
            ErrorCode::INVALID_ACTION,
            "Could not find operation DeleteUser for version 2010-05-08".to_owned()
        )
    );
}

#[test]
fn every_error_that_becomes_an_aws_error_says_so_one_way() {
    use iam_login_profile::AwsError;

    let request_error =
        GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=a%20b").unwrap_err();
    let built = ErrorResponse::no_such_login_profile(&UserName::new("Bob").unwrap(), None);
    let errors: [&dyn AwsError; 2] = [&request_error, &built];
    let expected = [
        (
            "ValidationError",
            400,
            r"1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+",
        ),
        ("NoSuchEntity", 404, "Login Profile for User Bob cannot be found."),
    ];
    for (error, (code, status, message)) in errors.into_iter().zip(expected) {
        assert_eq!(
            (error.code().as_str(), error.http_status(), error.message().as_deref()),
            (code, status, Some(message))
        );
        let id = Some(RequestId::from_static("req-2"));
        let reply = Reply::from_error(error, id.clone());
        assert_eq!(reply.http_status(), status);
        assert_eq!(reply.body(), error.to_error_response(id).to_xml());
        let decoded = ErrorResponse::decode(reply.body().as_bytes()).unwrap();
        assert_eq!((decoded.code().as_str(), decoded.message()), (code, Some(message)));
        assert_eq!(decoded.request_id.unwrap(), "req-2");
    }
    // An error response keeps its own request id when none is given.
    let own = ErrorResponse::no_such_login_profile(&UserName::new("Bob").unwrap(), Some(RequestId::from_static("own")));
    assert_eq!(Reply::from_error(&own, None).request_id(), Some("own"));
    // The inherent names agree with the trait's.
    assert_eq!(request_error.code(), AwsError::code(&request_error));
    assert_eq!(Some(request_error.message().into()), AwsError::message(&request_error));
}
