//! Every file of `tests/data/` (vectors collected from real peers, docs/protocol.md §11), decoded to
//! exact values; request vectors encoded back to botocore's exact bytes.

use iam_login_profile::{
    DecodeError, ErrorCode, ErrorResponse, Fault, GetLoginProfileRequest, GetLoginProfileResponse, UserName, XmlError,
    client,
};

use crate::data;

fn request(name: Option<&str>) -> GetLoginProfileRequest<'static> {
    GetLoginProfileRequest::new(name.map(|n| UserName::new(n.to_owned()).unwrap()))
}

#[test]
fn botocore_request_with_username_is_our_encoding() {
    let bytes = data("botocore-request-with-username.txt");
    assert_eq!(request(Some("Bob")).to_query_string().as_bytes(), &bytes[..]);
    assert_eq!(bytes.len(), 54);
    assert_eq!(GetLoginProfileRequest::decode(&bytes).unwrap(), request(Some("Bob")));
}

#[test]
fn botocore_request_no_username_is_our_encoding() {
    let bytes = data("botocore-request-no-username.txt");
    assert_eq!(request(None).to_query_string().as_bytes(), &bytes[..]);
    assert_eq!(bytes.len(), 41);
    assert_eq!(GetLoginProfileRequest::decode(&bytes).unwrap(), request(None));
}

#[test]
fn botocore_request_special_chars_is_our_encoding() {
    let bytes = data("botocore-request-special-chars.txt");
    let r = request(Some("a+b=c,d.e@f-g_h"));
    assert_eq!(r.to_query_string().as_bytes(), &bytes[..]);
    assert_eq!(bytes.len(), 74);
    assert_eq!(GetLoginProfileRequest::decode(&bytes).unwrap(), r);
}

#[test]
fn botocore_request_non_ascii_decodes_to_validation_error() {
    // botocore sends `José~ ü` (it checks only length); IAM's ASCII `\w` refuses it.
    let bytes = data("botocore-request-non-ascii.txt");
    assert_eq!(bytes.len(), 68);
    let err = GetLoginProfileRequest::decode(&bytes).unwrap_err();
    let e = crate::user_name_error(&err);
    assert_eq!(e.value(), "José~ ü");
    assert_eq!(e.invalid_char(), Some((3, 'é')));
    assert_eq!(err.code(), ErrorCode::VALIDATION_ERROR);
    assert_eq!(err.http_status(), 400);
    assert_eq!(
        err.message(),
        r"1 validation error detected: Value 'José~ ü' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
    );
    // The name cannot be built, so it can never be encoded.
    assert!(UserName::new("José~ ü").is_err());
}

#[test]
fn aws_sdk_rust_request_bodies_decode() {
    assert_eq!(
        GetLoginProfileRequest::decode(&data("aws-sdk-rust-request-with-username.txt")).unwrap(),
        request(Some("Bob"))
    );
    assert_eq!(
        GetLoginProfileRequest::decode(&data("aws-sdk-rust-request-no-username.txt")).unwrap(),
        request(None)
    );
    assert_eq!(
        GetLoginProfileRequest::decode(&data("aws-sdk-rust-request-special-chars.txt")).unwrap(),
        request(Some("a+b=c,d.e@f-g_h"))
    );
    // The Rust SDK's encoding equals botocore's (and ours) where both are valid.
    for (rust, boto) in [
        (
            "aws-sdk-rust-request-with-username.txt",
            "botocore-request-with-username.txt",
        ),
        (
            "aws-sdk-rust-request-no-username.txt",
            "botocore-request-no-username.txt",
        ),
        (
            "aws-sdk-rust-request-special-chars.txt",
            "botocore-request-special-chars.txt",
        ),
    ] {
        assert_eq!(data(rust), data(boto), "{rust}");
    }
}

#[test]
fn aws_sdk_rust_request_non_ascii_decodes_to_the_same_value_as_botocore() {
    // `%20` (smithy-rs) and `+` (botocore) both decode to a space.
    let err = GetLoginProfileRequest::decode(&data("aws-sdk-rust-request-non-ascii.txt")).unwrap_err();
    let boto = GetLoginProfileRequest::decode(&data("botocore-request-non-ascii.txt")).unwrap_err();
    assert_eq!(err, boto);
    let e = crate::user_name_error(&err);
    assert_eq!(e.value(), "José~ ü");
}

#[test]
fn aws_sdk_rust_request_empty_username_is_two_validation_errors() {
    let err = GetLoginProfileRequest::decode(&data("aws-sdk-rust-request-empty-username.txt")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::VALIDATION_ERROR);
    assert_eq!(err.http_status(), 400);
    assert_eq!(
        err.message(),
        r"2 validation errors detected: Value '' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+; Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    assert_eq!(
        err.to_string(),
        "member `userName`: invalid user name ``: expected 1 to 64 characters, found none"
    );
}

fn success(name: &str) -> GetLoginProfileResponse<'static> {
    GetLoginProfileResponse::decode(&data(name)).unwrap().into_owned()
}

#[test]
fn aws_docs_sample_response() {
    let r = success("aws-docs-get-login-profile-sample-response.xml");
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    assert_eq!(r.login_profile.create_date.to_string(), "2011-09-19T23:00:56Z");
    assert_eq!(r.login_profile.create_date.unix_timestamp(), 1_316_473_256);
    assert_eq!(r.login_profile.password_reset_required, None);
    assert_eq!(r.request_id.unwrap().as_str(), "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
}

#[test]
fn moto_success() {
    let r = success("moto-get-login-profile-success.xml");
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    assert_eq!(r.login_profile.create_date.to_string(), "2026-11-23T17:57:57.90714Z");
    assert_eq!(r.login_profile.create_date.nanosecond(), 907_140_000);
    assert_eq!(r.login_profile.password_reset_required, Some(false));
    assert_eq!(
        r.request_id.unwrap().as_str(),
        "vCbKkpWmLl8ExvA99ogsP9lbfb9k4a0HIyONLzdKAfzmvT4ccfXo"
    );
}

#[test]
fn moto_success_reset_true() {
    let r = success("moto-get-login-profile-success-reset-true.xml");
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    assert_eq!(r.login_profile.create_date.to_string(), "2026-11-23T17:58:05.300206Z");
    assert_eq!(r.login_profile.password_reset_required, Some(true));
    assert_eq!(
        r.request_id.unwrap().as_str(),
        "3K6jfJ4eQ0MGdEB49xraPuQtZZUAIMBAmb2plAxQLX8NFdkGLNZH"
    );
}

#[test]
fn moto_success_special_chars() {
    let r = success("moto-get-login-profile-special-chars.xml");
    assert_eq!(r.login_profile.user_name.as_str(), "a+b=c,d.e@f-g_h");
    assert_eq!(r.login_profile.create_date.to_string(), "2026-11-23T17:57:58.031725Z");
    assert_eq!(r.login_profile.password_reset_required, Some(false));
    assert_eq!(
        r.request_id.unwrap().as_str(),
        "WiEssWbA2aX7sTiZhZcgMERlpVLvHsDCQzoM635Tj7ZmT1rhgo10"
    );
}

#[test]
fn moto_create_login_profile_is_not_a_get_login_profile_response() {
    let err = GetLoginProfileResponse::decode(&data("moto-create-login-profile.xml")).unwrap_err();
    assert_eq!(
        err,
        DecodeError::Xml(XmlError::UnexpectedRoot {
            expected: "GetLoginProfileResponse",
            found: "CreateLoginProfileResponse".into()
        })
    );
    assert_eq!(
        err.to_string(),
        "expected root element `GetLoginProfileResponse`, found `CreateLoginProfileResponse`"
    );
}

fn moto_error(name: &str, message: &str, request_id: &str) {
    let body = data(name);
    let e = ErrorResponse::decode(&body).unwrap();
    assert_eq!(e.error.fault, Some(Fault::SENDER));
    assert_eq!(e.error.code, ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(e.error.message.as_ref().unwrap().as_str(), message);
    assert_eq!(e.request_id.as_ref().unwrap().as_str(), request_id);
    assert_eq!(e.http_status(), 404);
    // The client sees the same error, with the status kept.
    let err = client::decode::<GetLoginProfileRequest>(404, &body).unwrap_err();
    assert_eq!(
        err,
        client::ClientError::Service {
            http_status: 404,
            error: e.into_owned()
        }
    );
    assert!(!err.is_retryable());
}

#[test]
fn moto_no_profile() {
    moto_error(
        "moto-get-login-profile-no-profile.xml",
        "Login profile for Bob not found",
        "VNOfhwDC5Yg9nOlVsbAjr9f3PnzY7lbtM1OQMpKfqVicvw0m4oO3",
    );
}

#[test]
fn moto_no_user() {
    moto_error(
        "moto-get-login-profile-no-user.xml",
        "The user with name Nobody cannot be found.",
        "6EBDYFVtQaOU1Z1tANQSOAPdSBR15dOCwyJiFRNLibaVW5beovu6",
    );
}

#[test]
fn moto_omitted_username() {
    moto_error(
        "moto-get-login-profile-omitted-username.xml",
        "The user with name None cannot be found.",
        "JmIQcpBftOuZ39axDjAnW5e6UNECW9UrE10hv75L1btfFJSfRjrf",
    );
}

#[test]
fn real_iam_access_denied_decodes_and_reencodes_byte_for_byte() {
    let body = data("real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml");
    assert_eq!(body.len(), 368);
    let e = ErrorResponse::decode(&body).unwrap();
    assert_eq!(e.error.fault, Some(Fault::SENDER));
    assert_eq!(e.error.code, ErrorCode::ACCESS_DENIED);
    assert_eq!(
        e.error.message.as_ref().unwrap().as_str(),
        "User: arn:aws:iam::579766882180:user/Suganthi.Mani is not authorized to perform: iam:GetUser on resource: user Suganthi.Mani"
    );
    assert_eq!(
        e.request_id.as_ref().unwrap().as_str(),
        "98ca53c1-cacf-4e90-af82-76e914cba248"
    );
    assert_eq!(e.http_status(), 403);
    assert_eq!(e.to_xml().as_bytes(), &body[..]);
    // Built from its parts rather than decoded, it is the same bytes too.
    let built = ErrorResponse::new(ErrorCode::ACCESS_DENIED, e.error.message.clone(), e.request_id.clone());
    assert_eq!(built.to_xml().as_bytes(), &body[..]);
}

/// The vector files of docs/protocol.md §11 (`tests/data/` may hold other files too).
const SPEC_VECTORS: [&str; 18] = [
    "aws-docs-get-login-profile-sample-response.xml",
    "aws-sdk-rust-request-empty-username.txt",
    "aws-sdk-rust-request-no-username.txt",
    "aws-sdk-rust-request-non-ascii.txt",
    "aws-sdk-rust-request-special-chars.txt",
    "aws-sdk-rust-request-with-username.txt",
    "botocore-request-no-username.txt",
    "botocore-request-non-ascii.txt",
    "botocore-request-special-chars.txt",
    "botocore-request-with-username.txt",
    "moto-create-login-profile.xml",
    "moto-get-login-profile-no-profile.xml",
    "moto-get-login-profile-no-user.xml",
    "moto-get-login-profile-omitted-username.xml",
    "moto-get-login-profile-special-chars.xml",
    "moto-get-login-profile-success-reset-true.xml",
    "moto-get-login-profile-success.xml",
    "real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml",
];

#[test]
fn every_vector_file_is_covered() {
    let this = include_str!("vectors.rs");
    for name in SPEC_VECTORS {
        assert!(!data(name).is_empty(), "{name} is empty");
        // Read by a test other than this list (the name appears at least twice).
        assert!(
            this.matches(&format!("\"{name}\"")).count() >= 2,
            "no test reads {name}"
        );
    }
}
