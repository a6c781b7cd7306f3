//! The SDK over an in-memory HTTP client: our server side answers, the SDK decodes.

use std::sync::{Arc, Mutex};

use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_iam::operation::RequestId as _;
use aws_sdk_iam::operation::get_login_profile::{GetLoginProfileError, GetLoginProfileOutput};
use aws_smithy_http_client::test_util::infallible_client_fn;
use iam_login_profile::server::Reply;
use iam_login_profile::{
    ErrorCode, ErrorMessage, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, RequestId,
    Timestamp, UserName, is_form_content_type,
};

use crate::{Rng, config};

/// What the fake service saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    content_type: String,
    body: Vec<u8>,
}

/// Sends `user_name` with the SDK to a fake service that answers `reply` (with
/// `x-amzn-RequestId: request_id`), and returns the SDK's result and the request it sent.
async fn call(
    user_name: Option<&str>,
    reply: Reply,
    request_id: &str,
) -> (Result<GetLoginProfileOutput, SdkError<GetLoginProfileError>>, Seen) {
    let seen = Arc::new(Mutex::new(None));
    let http_client = {
        let seen = Arc::clone(&seen);
        let request_id = request_id.to_owned();
        infallible_client_fn(move |request| {
            *seen.lock().unwrap() = Some(Seen {
                method: request.method().to_string(),
                content_type: request
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned(),
                body: request.body().bytes().expect("an in-memory body").to_vec(),
            });
            http::Response::builder()
                .status(reply.http_status())
                .header("content-type", Reply::CONTENT_TYPE)
                .header("x-amzn-RequestId", request_id.as_str())
                .body(reply.body().to_owned())
                .unwrap()
        })
    };
    let client = aws_sdk_iam::Client::from_conf(config().http_client(http_client).build());
    let result = client
        .get_login_profile()
        .set_user_name(user_name.map(str::to_owned))
        .send()
        .await;
    let seen = seen.lock().unwrap().clone().expect("the SDK sent a request");
    (result, seen)
}

/// The request the SDK sent is one our server side decodes to the user name given, and its
/// bytes are the ones our client side encodes.
fn check_request(seen: &Seen, user_name: Option<&str>) {
    assert_eq!(seen.method, "POST");
    // aws-sdk-iam sends no charset (spec §6.1), botocore does: both are form content.
    assert_eq!(seen.content_type, "application/x-www-form-urlencoded");
    assert!(is_form_content_type(&seen.content_type));
    let decoded = GetLoginProfileRequest::decode(&seen.body).expect("our server decodes the SDK's body");
    assert_eq!(decoded.user_name.as_ref().map(UserName::as_str), user_name);
    assert_eq!(
        std::str::from_utf8(&seen.body).unwrap(),
        decoded.to_query_string(),
        "the SDK's bytes are our encoder's"
    );
}

fn profile(user: &str, date: &str, reset: Option<bool>) -> LoginProfile<'static> {
    let mut profile = LoginProfile::new(
        UserName::new(user.to_owned()).unwrap(),
        date.parse::<Timestamp>().unwrap(),
    );
    if let Some(reset) = reset {
        profile = profile.with_password_reset_required(reset);
    }
    profile
}

async fn check_success(profile: LoginProfile<'static>, request_id: &str) {
    let user = profile.user_name.as_str().to_owned();
    let response = GetLoginProfileResponse::new(profile.clone(), Some(RequestId::new(request_id.to_owned()).unwrap()));
    let (result, seen) = call(Some(&user), Reply::success(&response), request_id).await;
    check_request(&seen, Some(&user));
    let output = result.unwrap_or_else(|e| {
        panic!(
            "SDK error for {profile:?}: {}",
            aws_sdk_iam::error::DisplayErrorContext(e)
        )
    });
    let got = output.login_profile().expect("a login profile");
    assert_eq!(got.user_name(), user);
    assert_eq!(
        got.create_date().secs(),
        profile.create_date.unix_timestamp(),
        "{profile:?}"
    );
    assert_eq!(
        got.create_date().subsec_nanos(),
        profile.create_date.nanosecond(),
        "{profile:?}"
    );
    // The SDK's `bool` cannot tell an absent PasswordResetRequired from `false`; we can.
    assert_eq!(
        got.password_reset_required(),
        profile.password_reset_required.unwrap_or(false)
    );
    // aws-sdk-iam takes the request id from the header only (spec §6.2 item 7).
    assert_eq!(output.request_id(), Some(request_id));
}

#[tokio::test]
async fn success_cases() {
    for (user, date, reset) in [
        ("Bob", "2011-09-19T23:00:56Z", None),
        ("Bob", "2011-09-19T23:00:56Z", Some(true)),
        ("a+b=c,d.e@f-g_h", "2026-11-23T17:57:57.90714Z", Some(false)),
        (&*"x".repeat(64), "0001-01-01T00:00:00Z", None),
        ("@", "9999-12-31T23:59:59.999999999Z", Some(true)),
        ("_", "2011-09-19T23:00:56.123456789+05:30", None),
        ("=", "2016-12-31T23:59:60Z", None),
    ] {
        check_success(profile(user, date, reset), "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE").await;
    }
}

#[tokio::test]
async fn omitted_user_name() {
    let response = GetLoginProfileResponse::new(profile("Caller", "2020-02-29T12:00:00Z", None), None);
    let (result, seen) = call(None, Reply::success(&response), "req").await;
    check_request(&seen, None);
    assert_eq!(result.unwrap().login_profile().unwrap().user_name(), "Caller");
}

async fn error_call(code: ErrorCode<'static>, message: Option<&str>) -> SdkError<GetLoginProfileError> {
    let error = ErrorResponse::new(
        code,
        message.map(|m| ErrorMessage::new(m.to_owned()).unwrap()),
        Some(RequestId::new("err-req").unwrap()),
    );
    let (result, seen) = call(Some("Bob"), Reply::error(&error), "err-req").await;
    check_request(&seen, Some("Bob"));
    result.expect_err("an error response")
}

#[tokio::test]
async fn no_such_entity_is_typed() {
    let message = "Login Profile for user Bob cannot be found.";
    let err = error_call(ErrorCode::NO_SUCH_ENTITY, Some(message)).await;
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    let service = err.into_service_error();
    assert_eq!(service.code(), Some("NoSuchEntity"));
    assert_eq!(service.message(), Some(message));
    assert_eq!(service.request_id(), Some("err-req"));
    match service {
        GetLoginProfileError::NoSuchEntityException(e) => assert_eq!(e.message(), Some(message)),
        other => panic!("expected NoSuchEntityException, got {other:?}"),
    }
}

#[tokio::test]
async fn service_failure_is_typed() {
    let err = error_call(ErrorCode::SERVICE_FAILURE, Some("boom & <crash>")).await;
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);
    match err.into_service_error() {
        GetLoginProfileError::ServiceFailureException(e) => assert_eq!(e.message(), Some("boom & <crash>")),
        other => panic!("expected ServiceFailureException, got {other:?}"),
    }
}

#[tokio::test]
async fn other_codes_keep_code_and_message() {
    for (code, status, message) in [
        (
            "ValidationError",
            400,
            Some(
                "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
            ),
        ),
        ("Throttling", 400, Some("Rate exceeded")),
        (
            "AccessDenied",
            403,
            Some("User: arn:aws:iam::123456789012:user/x is not authorized"),
        ),
        ("SomeFutureCode", 400, None),
    ] {
        let err = error_call(ErrorCode::new(code).unwrap(), message).await;
        assert_eq!(err.raw_response().unwrap().status().as_u16(), status, "{code}");
        let service = err.into_service_error();
        assert_eq!(service.code(), Some(code));
        assert_eq!(service.message(), message);
        assert!(matches!(service.meta().code(), Some(c) if c == code));
    }
}

#[tokio::test]
async fn a_bad_request_gets_the_error_our_server_sends() {
    // The SDK validates nothing (spec §6.1): it sends an empty UserName, which our server refuses.
    let (result, seen) = call(
        Some(""),
        Reply::success(&GetLoginProfileResponse::new(
            profile("Bob", "2011-09-19T23:00:56Z", None),
            None,
        )),
        "r",
    )
    .await;
    assert!(result.is_ok(), "the fake service answered success whatever it got");
    assert_eq!(seen.body, b"Action=GetLoginProfile&Version=2010-05-08&UserName=");
    let refused = GetLoginProfileRequest::decode(&seen.body).unwrap_err();
    let error = refused.to_error_response(None);
    assert_eq!(error.error.code, ErrorCode::new("ValidationError").unwrap());
    assert_eq!(refused.http_status(), 400);
    let reply = Reply::from_error(&refused, Some(RequestId::new("r").unwrap()));
    let (result, _) = call(Some(""), reply, "r").await;
    let service = result.unwrap_err().into_service_error();
    assert_eq!(service.code(), Some("ValidationError"));
    assert_eq!(service.message(), Some(refused.message().as_str()));
}

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-";
const TEXT: &[char] = &[
    'a', 'Z', '0', ' ', '<', '>', '&', '\'', '"', '\t', '\n', '\r', '/', ':', 'é', '名', '٣', '😀', ']', '\\',
];

fn random_name(rng: &mut Rng) -> String {
    let any = rng.range(1, 64);
    let len = *rng.pick(&[1, 64, any]);
    (0..len).map(|_| *rng.pick(ALPHABET) as char).collect()
}

fn random_text(rng: &mut Rng) -> String {
    let len = rng.range(1, 60);
    (0..len).map(|_| *rng.pick(TEXT)).collect()
}

/// A few hundred seeded random values through the SDK: profiles and errors.
#[tokio::test]
async fn generated() {
    let seed = std::env::var("INTEROP_SEED").map_or(20261123, |s| s.parse().expect("INTEROP_SEED is a number"));
    let mut rng = Rng::new(seed);
    // 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z
    let (first, last) = (-62_135_596_800_i64, 253_402_300_799_i64);
    for case in 0..200 {
        let user = random_name(&mut rng);
        let secs = first + rng.range(0, (last - first) as u64) as i64;
        let (any, millis) = (rng.range(0, 999_999_999) as u32, rng.range(0, 999) as u32 * 1_000_000);
        let nanos = *rng.pick(&[0, any, millis]);
        let date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
                .unwrap();
        let date = Timestamp::from_offset_date_time(date).unwrap();
        let mut profile = LoginProfile::new(UserName::new(user.clone()).unwrap(), date);
        if let Some(reset) = *rng.pick(&[None, Some(true), Some(false)]) {
            profile = profile.with_password_reset_required(reset);
        }
        check_success(profile, &format!("gen-{case}")).await;

        let code = rng
            .pick(&[
                ErrorCode::NO_SUCH_ENTITY,
                ErrorCode::SERVICE_FAILURE,
                ErrorCode::new("Throttling").unwrap(),
            ])
            .clone();
        let message = random_text(&mut rng);
        let err = error_call(code.clone(), Some(&message)).await;
        assert_eq!(err.raw_response().unwrap().status().as_u16(), code.http_status());
        let service = err.into_service_error();
        assert_eq!(service.code(), Some(code.as_str()), "case {case}");
        assert_eq!(service.message(), Some(message.as_str()), "case {case}");
    }
}
