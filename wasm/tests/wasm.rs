//! The library on wasm32, through its public API only: encode and decode a request, a
//! response and an error, sign a request and verify it. CI builds this file for
//! `wasm32-wasip1` and runs it under node's WASI (`run.mjs`); it runs natively too.
//! Every time is a value passed in: nothing reads a clock.

use iam_login_profile::server::{self, Reply};
use iam_login_profile::sigv4::{AuthError, Credentials, SecretKey, Signer, SigningTime, Verifier};
use iam_login_profile::{
    ErrorCode, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, Request, RequestId,
    Timestamp, UserName,
};

const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";

#[test]
fn request_encodes_and_decodes() {
    let request = GetLoginProfileRequest::new(Some(UserName::new("Bob@example.com").unwrap()));
    let body = request.to_query_string();
    assert_eq!(
        body,
        "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob%40example.com"
    );
    match server::decode_request("POST", Some(FORM), "", body.as_bytes()).unwrap() {
        Request::GetLoginProfile(get) => assert_eq!(get, request),
        other => panic!("decoded as {}", other.action()),
    }
    let err = server::decode_request(
        "POST",
        Some(FORM),
        "",
        b"Action=GetLoginProfile&Version=2010-05-08&UserName=a%20b",
    )
    .unwrap_err();
    let reply = Reply::from_error(&err, None);
    assert_eq!(reply.http_status(), 400);
    assert!(
        reply.body().contains("<Code>ValidationError</Code>"),
        "{}",
        reply.body()
    );
}

#[test]
fn response_and_error_encode_and_decode() {
    let created: Timestamp = "2011-09-19T23:00:56.5Z".parse().unwrap();
    let profile = LoginProfile::new(UserName::new("Bob").unwrap(), created);
    let id = RequestId::from_static("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
    let xml = GetLoginProfileResponse::new(profile.clone(), Some(id)).to_xml();
    let decoded = GetLoginProfileResponse::decode(xml.as_bytes()).unwrap();
    assert_eq!(decoded.login_profile, profile);
    assert_eq!(decoded.login_profile.create_date.to_string(), "2011-09-19T23:00:56.5Z");

    let error = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name Bob cannot be found.</Message></Error><RequestId>4ba3</RequestId></ErrorResponse>"#;
    let decoded = ErrorResponse::decode(error).unwrap();
    assert_eq!(decoded.error.code, ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(ErrorResponse::decode(decoded.to_xml().as_bytes()).unwrap(), decoded);
}

#[test]
fn a_signed_request_verifies_and_a_changed_one_does_not() {
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
    // The time a host gives (`SystemTime::now()` panics on wasm32-unknown-unknown).
    let time: Timestamp = "2015-08-30T12:36:00Z".parse().unwrap();
    let body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";
    let mut headers = vec![
        ("Host".to_owned(), "iam.amazonaws.com".to_owned()),
        ("Content-Type".to_owned(), FORM.to_owned()),
    ];
    let auth = Signer::new(&credentials)
        .sign("POST", "/", &headers, body, time)
        .unwrap();
    assert_eq!(auth.x_amz_date(), "20150830T123600Z");
    headers.extend(auth.headers().map(|(n, v)| (n.to_owned(), v.to_owned())));

    let secret = SecretKey::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let lookup = |id: &str| (id == "AKIDEXAMPLE").then_some(&secret);
    let verifier = Verifier::new();
    let now = SigningTime::from_unix(time.unix_timestamp() + 60);
    let (principal, _) = verifier.verify("POST", "/", &headers, body, now, lookup).unwrap();
    assert_eq!(principal.access_key_id(), "AKIDEXAMPLE");
    let changed = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bab";
    let signed = verifier.read("POST", "/", &headers, changed, now).unwrap();
    let err = signed.verify_with_key(&signed.derive_key(&secret)).unwrap_err();
    assert!(matches!(err, AuthError::SignatureDoesNotMatch(_)), "{err:?}");
    assert_eq!(err.http_status(), 403);
}
