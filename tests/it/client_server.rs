//! The protocol step without I/O: the client's `decode_response(status, body)` dispatch,
//! and the server's replies.

use iam_login_profile::client::{self, ClientError, decode_response_with, is_retryable_status};
use iam_login_profile::server::Reply;
use iam_login_profile::{
    DecodeError, DecodeOptions, ErrorCode, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse,
    LoginProfile, RequestId, UserName, XmlError,
};

use crate::{BOB, data, error_doc, success_doc};

#[test]
fn status_200_with_success_body() {
    let body = data("moto-get-login-profile-success.xml");
    let r = client::decode_response(200, &body).unwrap();
    assert_eq!(r, GetLoginProfileResponse::decode(&body).unwrap());
    // Any 2xx is a success status.
    assert_eq!(client::decode_response(204, &body).unwrap(), r);
}

#[test]
fn status_404_with_error_body() {
    let body = data("moto-get-login-profile-no-profile.xml");
    let err = client::decode_response(404, &body).unwrap_err();
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
        let err = client::decode_response(200, &body).unwrap_err();
        assert!(matches!(err, ClientError::Service { http_status: 200, .. }), "{err:?}");
        assert_eq!(err.http_status(), 200);
    }
    // A 200 whose error body is itself broken is a decode error of the error shape.
    let err = client::decode_response(200, b"<ErrorResponse><Error/></ErrorResponse>").unwrap_err();
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
    let err = client::decode_response(503, body).unwrap_err();
    assert_eq!(err.http_status(), 503);
    assert_eq!(err.code(), None);
    assert!(err.is_retryable());
    assert!(matches!(
        &err,
        ClientError::Decode { http_status: 503, error: DecodeError::Xml(XmlError::UnexpectedRoot { expected: "ErrorResponse", found }) } if found == "html"
    ));
    assert!(std::error::Error::source(&err).is_some());
    // Real HTML, not well-formed XML, still keeps its status.
    let err = client::decode_response(
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
        let err = client::decode_response(status, body).unwrap_err();
        assert_eq!(err, ClientError::EmptyBody { http_status: status }, "{body:?}");
        assert_eq!(err.http_status(), status);
        assert_eq!(err.code(), None);
        assert_eq!(err.is_retryable(), status == 500 || status == 503);
    }
}

#[test]
fn success_body_under_an_error_status_is_a_decode_error() {
    let body = success_doc(BOB);
    let err = client::decode_response(404, body.as_bytes()).unwrap_err();
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
    assert_eq!(err.to_string(), "HTTP 404: cannot decode the body");
}

#[test]
fn malformed_success_body_keeps_the_status() {
    let body = success_doc(BOB).replace("</LoginProfile>", "");
    let err = client::decode_response(200, body.as_bytes()).unwrap_err();
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
    let err = client::decode_response(402, body.as_bytes()).unwrap_err();
    let ClientError::Service { http_status, error } = &err else {
        panic!()
    };
    assert_eq!((*http_status, error.http_status()), (402, 400));
}

#[test]
fn retry_classification() {
    let retry = |status: u16, code: &str| {
        client::decode_response(status, error_doc(&format!("<Code>{code}</Code>")).as_bytes())
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
    let err = decode_response_with(200, body.as_bytes(), &opts).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Decode {
            http_status: 200,
            error: DecodeError::Xml(XmlError::TooDeep { limit: 3, .. })
        }
    ));
    let body = data("moto-get-login-profile-no-user.xml");
    let err = decode_response_with(404, &body, &DecodeOptions::new().with_max_depth(2)).unwrap_err();
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
    let err: ClientError = client::decode_response(404, &body).unwrap_err();
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
        client::decode_response(reply.http_status(), reply.body().as_bytes()).unwrap(),
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
    let err = client::decode_response(reply.http_status(), reply.body().as_bytes()).unwrap_err();
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
        let reply = Reply::request_error(&request_error, Some(RequestId::new("req-9").unwrap()));
        assert_eq!(reply.http_status(), status, "{body:?}");
        let err = client::decode_response(reply.http_status(), reply.body().as_bytes()).unwrap_err();
        let ClientError::Service { http_status: s, error } = err else {
            panic!()
        };
        assert_eq!(s, status);
        assert_eq!(error.error.code.as_str(), code);
        assert_eq!(error.error.message.unwrap().as_str(), request_error.aws_message());
        assert_eq!(error.request_id.unwrap().as_str(), "req-9");
    }
}
