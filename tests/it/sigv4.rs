//! Signature Version 4 (feature `sigv4`): the test-suite vectors `aws-sigv4` ships, the
//! botocore differential fixture, and every refusal with its exact error.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use iam_login_profile::ErrorCode;
use iam_login_profile::sigv4::{
    AuthError, Component, Credentials, ScopeMismatch, SecretKey, SignError, Signer, Verifier,
};

/// 2015-08-30T12:36:00Z, the time of every test-suite vector.
const VECTOR_TIME: u64 = 1_440_938_160;
const VECTORS: &[&str] = &[
    "get-vanilla-with-session-token",
    "post-header-key-sort",
    "post-vanilla",
    "post-x-www-form-urlencoded",
    "post-x-www-form-urlencoded-parameters",
];
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn text(name: &str) -> String {
    String::from_utf8(super::data(&format!("sigv4/{name}"))).unwrap()
}

/// A request as the test suite writes it: `METHOD TARGET HTTP/1.1`, `Name:value` lines,
/// an empty line, the body.
struct Http {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn parse_http(raw: &str) -> Http {
    let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    let mut lines = head.lines();
    let mut start = lines.next().unwrap().split(' ');
    let method = start.next().unwrap().to_owned();
    let target = start.next().unwrap().to_owned();
    let headers = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.to_owned(), v.to_owned())
        })
        .collect();
    Http {
        method,
        target,
        headers,
        body: body.trim_end_matches('\n').as_bytes().to_vec(),
    }
}

struct Context {
    credentials: Credentials,
    region: String,
    service: String,
}

fn context(vector: &str) -> Context {
    let json: serde_json::Value = serde_json::from_str(&text(&format!("{vector}/context.json"))).unwrap();
    let c = &json["credentials"];
    assert_eq!(json["timestamp"], "2015-08-30T12:36:00Z");
    Context {
        credentials: Credentials::new(
            c["access_key_id"].as_str().unwrap(),
            c["secret_access_key"].as_str().unwrap(),
            c["token"].as_str().map(str::to_owned),
        ),
        region: json["region"].as_str().unwrap().to_owned(),
        service: json["service"].as_str().unwrap().to_owned(),
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn every_vector_signs_to_the_published_header_signature() {
    for vector in VECTORS {
        let ctx = context(vector);
        let signed = parse_http(&text(&format!("{vector}/header-signed-request.txt")));
        // The signer's input: the signed request less what the signature adds.
        let input: Vec<(String, String)> = signed
            .headers
            .iter()
            .filter(|(n, _)| {
                !["authorization", "x-amz-date", "x-amz-security-token"].contains(&n.to_ascii_lowercase().as_str())
            })
            .cloned()
            .collect();
        let auth = Signer::new(&ctx.credentials)
            .region(&ctx.region)
            .service(&ctx.service)
            .sign(&signed.method, &signed.target, &input, &signed.body, at(VECTOR_TIME))
            .unwrap();
        let published = text(&format!("{vector}/header-signature.txt"));
        assert_eq!(auth.signature(), published.trim(), "{vector}");
        assert_eq!(
            Some(auth.authorization()),
            header(&signed.headers, "authorization"),
            "{vector}"
        );
        assert_eq!(
            Some(auth.x_amz_date()),
            header(&signed.headers, "x-amz-date"),
            "{vector}"
        );
        assert_eq!(
            auth.security_token(),
            header(&signed.headers, "x-amz-security-token"),
            "{vector}"
        );
    }
}

#[test]
fn every_vector_presigns_to_the_published_query_signature() {
    for vector in VECTORS {
        let ctx = context(vector);
        let unsigned = parse_http(&text(&format!("{vector}/request.txt")));
        let target = Signer::new(&ctx.credentials)
            .region(&ctx.region)
            .service(&ctx.service)
            .presign(
                &unsigned.method,
                &unsigned.target,
                &unsigned.headers,
                &unsigned.body,
                at(VECTOR_TIME),
                Duration::from_secs(3600),
            )
            .unwrap();
        let published = parse_http(&text(&format!("{vector}/query-signed-request.txt")));
        assert_eq!(target, published.target, "{vector}");
        let signature = text(&format!("{vector}/query-signature.txt"));
        assert!(
            target.ends_with(&format!("&X-Amz-Signature={}", signature.trim())),
            "{vector}"
        );
    }
}

fn vector_verifier(ctx: &Context) -> Verifier {
    Verifier::new().region(&ctx.region).service(&ctx.service)
}

#[test]
fn every_vector_verifies_in_both_forms() {
    let secret = SecretKey::new(SECRET);
    for vector in VECTORS {
        let ctx = context(vector);
        for form in ["header", "query"] {
            let signed = parse_http(&text(&format!("{vector}/{form}-signed-request.txt")));
            let principal = vector_verifier(&ctx)
                .verify(
                    &signed.method,
                    &signed.target,
                    &signed.headers,
                    &signed.body,
                    at(VECTOR_TIME + 60),
                    |id: &str| (id == "AKIDEXAMPLE").then_some(&secret),
                )
                .unwrap_or_else(|e| panic!("{vector} {form}: {e}"));
            assert_eq!(principal.access_key_id(), "AKIDEXAMPLE");
            assert_eq!(
                principal.session_token(),
                ctx.credentials.session_token(),
                "{vector} {form}"
            );
        }
    }
}

#[test]
fn every_vector_refuses_a_changed_body_or_signed_header() {
    let secret = SecretKey::new(SECRET);
    for vector in VECTORS {
        let ctx = context(vector);
        for form in ["header", "query"] {
            let signed = parse_http(&text(&format!("{vector}/{form}-signed-request.txt")));
            let verify = |headers: &[(String, String)], body: &[u8]| {
                vector_verifier(&ctx).verify(
                    &signed.method,
                    &signed.target,
                    headers,
                    body,
                    at(VECTOR_TIME),
                    |_: &str| Some(&secret),
                )
            };
            let mut body = signed.body.clone();
            body.push(b'x');
            assert_eq!(
                verify(&signed.headers, &body),
                Err(AuthError::SignatureDoesNotMatch),
                "{vector} {form}"
            );
            let mut headers = signed.headers.clone();
            let host = headers.iter_mut().find(|(n, _)| n == "Host").unwrap();
            host.1.push('x');
            assert_eq!(
                verify(&headers, &signed.body),
                Err(AuthError::SignatureDoesNotMatch),
                "{vector} {form}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Refusals: each with its exact error, code, status and message
// ---------------------------------------------------------------------------------------

const BODY: &[u8] = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";

fn bob_credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, None)
}

/// A GetLoginProfile signed at the vector time, as (headers, body).
fn signed_request(credentials: &Credentials) -> Vec<(String, String)> {
    let mut headers = vec![
        ("Host".to_owned(), "iam.amazonaws.com".to_owned()),
        (
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded; charset=utf-8".to_owned(),
        ),
    ];
    let auth = Signer::new(credentials)
        .sign("POST", "/", &headers, BODY, at(VECTOR_TIME))
        .unwrap();
    headers.extend(auth.headers().map(|(n, v)| (n.to_owned(), v.to_owned())));
    headers
}

fn verify_at(headers: &[(String, String)], now: u64) -> Result<String, AuthError> {
    let secret = SecretKey::new(SECRET);
    Verifier::new()
        .verify("POST", "/", headers, BODY, at(now), |id: &str| {
            (id == "AKIDEXAMPLE").then_some(&secret)
        })
        .map(|p| p.access_key_id().to_owned())
}

fn set(headers: &mut Vec<(String, String)>, name: &str, value: Option<&str>) {
    headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    if let Some(v) = value {
        headers.push((name.to_owned(), v.to_owned()));
    }
}

fn authorization(headers: &[(String, String)]) -> String {
    header(headers, "authorization").unwrap().to_owned()
}

/// (error, code, status, message, display)
fn check(err: &AuthError, code: ErrorCode<'static>, status: u16, message: &str, display: &str) {
    assert_eq!(err.code(), code, "{err:?}");
    assert_eq!(err.http_status(), status, "{err:?}");
    assert_eq!(err.aws_message(), message, "{err:?}");
    assert_eq!(err.to_string(), display, "{err:?}");
    let response = err.to_error_response(None);
    assert_eq!(response.error.code, code);
    assert_eq!(response.error.message.as_ref().unwrap().as_str(), message);
    assert_eq!(response.http_status(), status);
}

#[test]
fn a_signed_request_verifies_within_the_window_only() {
    let headers = signed_request(&bob_credentials());
    assert_eq!(verify_at(&headers, VECTOR_TIME), Ok("AKIDEXAMPLE".to_owned()));
    assert_eq!(verify_at(&headers, VECTOR_TIME + 900), Ok("AKIDEXAMPLE".to_owned()));
    assert_eq!(verify_at(&headers, VECTOR_TIME - 900), Ok("AKIDEXAMPLE".to_owned()));

    // IAM answers a stale signature with SignatureDoesNotMatch and this message, not with
    // RequestExpired (an EC2 code): "An error occurred (SignatureDoesNotMatch) when calling
    // the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier
    // than 20220127T014428Z (20220127T015928Z - 15 min.)" (aws/aws-cli#6676, an STS
    // query-protocol call like IAM's; the same for AssumeRole in devsecops/bootcamp#101).
    let err = verify_at(&headers, VECTOR_TIME + 901).unwrap_err();
    assert_eq!(
        err,
        AuthError::SignatureExpired {
            signed: VECTOR_TIME as i64,
            now: VECTOR_TIME as i64 + 901,
            skew_minutes: 15
        }
    );
    check(
        &err,
        ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        403,
        "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)",
        "signature expired: signed at 20150830T123600Z, more than 15 minutes before 20150830T125101Z",
    );

    let err = verify_at(&headers, VECTOR_TIME - 901).unwrap_err();
    check(
        &err,
        ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        403,
        "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T122059Z + 15 min.)",
        "signature not yet current: signed at 20150830T123600Z, more than 15 minutes after 20150830T122059Z",
    );
}

#[test]
fn a_custom_window_is_honoured() {
    let headers = signed_request(&bob_credentials());
    let secret = SecretKey::new(SECRET);
    let verifier = Verifier::new().clock_skew(Duration::from_secs(300));
    let verify = |now| verifier.verify("POST", "/", &headers, BODY, at(now), |_: &str| Some(&secret));
    assert!(verify(VECTOR_TIME + 300).is_ok());
    assert_eq!(
        verify(VECTOR_TIME + 301).unwrap_err().aws_message(),
        "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)"
    );
}

#[test]
fn no_authorization_is_missing_authentication_token() {
    let mut headers = signed_request(&bob_credentials());
    set(&mut headers, "Authorization", None);
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(err, AuthError::MissingAuthenticationToken);
    check(
        &err,
        ErrorCode::MISSING_AUTHENTICATION_TOKEN,
        403,
        "Request is missing Authentication Token",
        "the request is not signed: no `Authorization` header and no `X-Amz-Algorithm` parameter",
    );
}

#[test]
fn a_malformed_authorization_is_incomplete_signature() {
    let mut headers = signed_request(&bob_credentials());
    let good = authorization(&headers);

    set(&mut headers, "Authorization", Some("Bearer abc"));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(
        err,
        AuthError::UnsupportedAlgorithm {
            algorithm: "Bearer".into()
        }
    );
    check(
        &err,
        ErrorCode::INCOMPLETE_SIGNATURE,
        400,
        "Unsupported AWS 'algorithm': 'Bearer'.",
        "unsupported signing algorithm: expected `AWS4-HMAC-SHA256`, found `Bearer`",
    );

    set(
        &mut headers,
        "Authorization",
        Some("AWS4-HMAC-SHA256 Credential=ABCDEF"),
    );
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(
        err,
        AuthError::MissingComponents {
            missing: vec![Component::Signature, Component::SignedHeaders]
        }
    );
    // The wording of SES's answer in brendanhay/amazonka#316.
    check(
        &err,
        ErrorCode::INCOMPLETE_SIGNATURE,
        400,
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
        "incomplete signature: missing `Signature`, `SignedHeaders`",
    );

    // A space after the key id: STS's answer in jenkinsci/aws-credentials-plugin#72.
    let spaced = good.replacen("AKIDEXAMPLE/", "AKIDEXAMPLE /", 1);
    set(&mut headers, "Authorization", Some(&spaced));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(err.code(), ErrorCode::INCOMPLETE_SIGNATURE);
    // The header is 196 characters: the message quotes its first 128.
    assert_eq!(spaced.len(), 196);
    assert_eq!(
        err.aws_message(),
        format!(
            "'/20150830/us-east-1/iam/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '{}…'.",
            &spaced[..128]
        )
    );
    assert_eq!(
        err.to_string(),
        "malformed `Authorization` header: `/20150830/us-east-1/iam/aws4_request` is not a key=value pair"
    );

    set(&mut headers, "Authorization", Some(&good));
    set(&mut headers, "X-Amz-Date", None);
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(
        err,
        AuthError::MissingComponents {
            missing: vec![Component::Date]
        }
    );
    assert_eq!(err.http_status(), 400);

    set(&mut headers, "X-Amz-Date", Some("2015-08-30T12:36:00Z"));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    check(
        &err,
        ErrorCode::INCOMPLETE_SIGNATURE,
        400,
        "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
        "malformed `X-Amz-Date`: expected `YYYYMMDDTHHMMSSZ`, found `2015-08-30T12:36:00Z`",
    );

    set(&mut headers, "X-Amz-Date", Some("20150830T123600Z"));
    set(
        &mut headers,
        "Authorization",
        Some(&good.replacen("/us-east-1/iam/aws4_request", "/us-east-1/iam", 1)),
    );
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    check(
        &err,
        ErrorCode::INCOMPLETE_SIGNATURE,
        400,
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/iam'",
        "malformed credential: expected `KEY/YYYYMMDD/REGION/SERVICE/aws4_request`, found `AKIDEXAMPLE/20150830/us-east-1/iam`",
    );

    let mut twice = signed_request(&bob_credentials());
    twice.push(("authorization".to_owned(), good.clone()));
    let err = verify_at(&twice, VECTOR_TIME).unwrap_err();
    check(
        &err,
        ErrorCode::INCOMPLETE_SIGNATURE,
        400,
        "Found more than one 'Authorization' header.",
        "more than one `Authorization` header",
    );
}

#[test]
fn error_texts_escape_control_characters_and_stay_short() {
    let mut headers = signed_request(&bob_credentials());
    let algorithm = format!("Bad\u{1b}[31m\r\n{}", "A".repeat(500));
    set(&mut headers, "Authorization", Some(&format!("{algorithm} x")));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    let expected = format!("Bad\\u{{1b}}[31m\\u{{d}}\\u{{a}}{}…", "A".repeat(118));
    assert_eq!(
        err,
        AuthError::UnsupportedAlgorithm {
            algorithm: expected.clone()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("unsupported signing algorithm: expected `AWS4-HMAC-SHA256`, found `{expected}`")
    );
    assert!(!err.to_error_response(None).to_xml().contains('\u{1b}'));
}

#[test]
fn an_unknown_key_is_invalid_client_token_id() {
    let headers = signed_request(&Credentials::new("AKIDUNKNOWN", SECRET, None));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(
        err,
        AuthError::InvalidClientTokenId {
            access_key_id: "AKIDUNKNOWN".into()
        }
    );
    check(
        &err,
        ErrorCode::INVALID_CLIENT_TOKEN_ID,
        403,
        "The security token included in the request is invalid.",
        "unknown access key id `AKIDUNKNOWN`",
    );
}

#[test]
fn a_wrong_secret_is_signature_does_not_match() {
    let headers = signed_request(&Credentials::new("AKIDEXAMPLE", "not-the-secret", None));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(err, AuthError::SignatureDoesNotMatch);
    check(
        &err,
        ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        403,
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        "the signature does not match",
    );
}

#[test]
fn another_region_or_service_is_the_wrong_scope() {
    let credentials = bob_credentials();
    let mut headers = vec![("Host".to_owned(), "iam.amazonaws.com".to_owned())];
    let auth = Signer::new(&credentials)
        .region("us-east-2")
        .service("sts")
        .sign("POST", "/", &headers, BODY, at(VECTOR_TIME))
        .unwrap();
    headers.extend(auth.headers().map(|(n, v)| (n.to_owned(), v.to_owned())));
    let err = verify_at(&headers, VECTOR_TIME).unwrap_err();
    assert_eq!(
        err,
        AuthError::WrongScope(vec![
            ScopeMismatch::Region {
                found: "us-east-2".into()
            },
            ScopeMismatch::Service { expected: "iam".into() },
        ])
    );
    // IAM's words in JuliaCloud/AWS.jl#565 and aws/aws-sdk-go#156 (region), and in
    // cllunsford/aws-signing-proxy#25 (service).
    check(
        &err,
        ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        403,
        "Credential should be scoped to a valid region, not 'us-east-2'. Credential should be scoped to correct service: 'iam'.",
        "wrong credential scope: region `us-east-2`, service is not `iam`",
    );

    // A verifier that takes any region still checks the signature over it.
    let secret = SecretKey::new(SECRET);
    let verifier = Verifier::new().any_region().service("sts");
    assert_eq!(
        verifier
            .verify("POST", "/", &headers, BODY, at(VECTOR_TIME), |_: &str| Some(&secret))
            .unwrap()
            .access_key_id(),
        "AKIDEXAMPLE"
    );
}

#[test]
fn host_date_and_token_must_be_signed() {
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some("token-1".into()));
    let headers = signed_request(&credentials);
    let good = authorization(&headers);
    let secret = SecretKey::new(SECRET);
    let verify = |headers: &[(String, String)]| {
        Verifier::new().verify("POST", "/", headers, BODY, at(VECTOR_TIME), |_: &str| Some(&secret))
    };
    let principal = verify(&headers).unwrap();
    assert_eq!(principal.session_token(), Some("token-1"));
    assert!(good.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"));

    let mut changed = headers.clone();
    for (from, header, message) in [
        (
            "content-type;host;x-amz-date;x-amz-security-token",
            "Host",
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        ),
        (
            "content-type;host;x-amz-date;x-amz-security-token",
            "X-Amz-Date",
            "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
        ),
        (
            "content-type;host;x-amz-date;x-amz-security-token",
            "X-Amz-Security-Token",
            "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.",
        ),
    ] {
        let without = from
            .replace(&format!("{};", header.to_ascii_lowercase()), "")
            .replace(&format!(";{}", header.to_ascii_lowercase()), "");
        set(&mut changed, "Authorization", Some(&good.replace(from, &without)));
        let err = verify(&changed).unwrap_err();
        assert_eq!(
            err,
            AuthError::HeaderNotSigned {
                header: match header {
                    "Host" => "Host",
                    "X-Amz-Date" => "X-Amz-Date",
                    _ => "X-Amz-Security-Token",
                }
            }
        );
        check(
            &err,
            ErrorCode::SIGNATURE_DOES_NOT_MATCH,
            403,
            message,
            &format!("`{header}` is not among the signed headers"),
        );
    }

    // An unsigned header may be added or changed freely.
    let mut extra = headers.clone();
    extra.push(("User-Agent".to_owned(), "curl/8".to_owned()));
    extra.push(("X-Forwarded-For".to_owned(), "10.0.0.1".to_owned()));
    assert_eq!(verify(&extra).unwrap().access_key_id(), "AKIDEXAMPLE");
    // The token's value is signed.
    set(&mut extra, "X-Amz-Security-Token", Some("token-2"));
    assert_eq!(verify(&extra), Err(AuthError::SignatureDoesNotMatch));
}

#[test]
fn both_forms_at_once_are_refused() {
    let headers = signed_request(&bob_credentials());
    let secret = SecretKey::new(SECRET);
    let err = Verifier::new()
        .verify(
            "POST",
            "/?X-Amz-Algorithm=AWS4-HMAC-SHA256",
            &headers,
            BODY,
            at(VECTOR_TIME),
            |_: &str| Some(&secret),
        )
        .unwrap_err();
    assert_eq!(err, AuthError::BothForms);
    assert_eq!(err.code(), ErrorCode::SIGNATURE_DOES_NOT_MATCH);
}

#[test]
fn presigned_requests_expire_and_name_what_is_missing() {
    let credentials = bob_credentials();
    let headers = [("Host", "iam.amazonaws.com")];
    let target = Signer::new(&credentials)
        .presign(
            "GET",
            "/?Action=GetLoginProfile",
            &headers,
            b"",
            at(VECTOR_TIME),
            Duration::from_secs(60),
        )
        .unwrap();
    let secret = SecretKey::new(SECRET);
    let verify =
        |target: &str, now| Verifier::new().verify("GET", target, &headers, b"", at(now), |_: &str| Some(&secret));
    assert_eq!(
        verify(&target, VECTOR_TIME + 60).unwrap().access_key_id(),
        "AKIDEXAMPLE"
    );
    let err = verify(&target, VECTOR_TIME + 61).unwrap_err();
    assert_eq!(
        err,
        AuthError::RequestExpired {
            signed: VECTOR_TIME as i64,
            expires: 60,
            now: VECTOR_TIME as i64 + 61
        }
    );
    check(
        &err,
        ErrorCode::SIGNATURE_DOES_NOT_MATCH,
        403,
        "Request has expired: signed at 20150830T123600Z for 60 seconds, and it is now 20150830T123701Z.",
        "presigned request expired: signed at 20150830T123600Z for 60 s, now 20150830T123701Z",
    );
    assert_eq!(
        verify(
            &target.replace("Action=GetLoginProfile", "Action=DeleteLoginProfile"),
            VECTOR_TIME
        ),
        Err(AuthError::SignatureDoesNotMatch)
    );
    let err = verify(
        "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20150830T123600Z",
        VECTOR_TIME,
    )
    .unwrap_err();
    check(
        &err,
        ErrorCode::INCOMPLETE_SIGNATURE,
        400,
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
        "incomplete signature: missing `X-Amz-Credential`, `X-Amz-Signature`, `X-Amz-SignedHeaders`",
    );
    assert_eq!(
        Signer::new(&credentials).presign("GET", "/", &headers, b"", at(VECTOR_TIME), Duration::from_secs(604_801)),
        Err(SignError::ExpiresTooLong)
    );
}

#[test]
fn signing_needs_a_host_and_a_writable_time() {
    let credentials = bob_credentials();
    let signer = Signer::new(&credentials);
    let no_host: [(&str, &str); 0] = [];
    assert_eq!(
        signer.sign("POST", "/", &no_host, BODY, at(VECTOR_TIME)),
        Err(SignError::MissingHost)
    );
    let host = [("host", "iam.amazonaws.com")];
    assert_eq!(
        signer.sign("POST", "/", &host, BODY, UNIX_EPOCH - Duration::from_secs(1)),
        Err(SignError::TimeOutOfRange)
    );
    assert_eq!(
        signer.sign("POST", "/", &host, BODY, at(253_402_300_800)),
        Err(SignError::TimeOutOfRange)
    );
    assert_eq!(SignError::MissingHost.to_string(), "the request has no `Host` header");
}

#[test]
fn secrets_do_not_show_in_debug() {
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some("token".into()));
    assert_eq!(
        format!("{credentials:?}"),
        "Credentials { access_key_id: \"AKIDEXAMPLE\", secret: SecretKey(..), session_token: Some(\"..\") }"
    );
}

#[cfg(feature = "http")]
#[test]
fn an_http_request_signs_in_place_and_verifies() {
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some("token-1".into()));
    let mut request = http::Request::post("http://127.0.0.1:8080/")
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("user-agent", "test")
        .body(BODY.to_vec())
        .unwrap();
    Signer::new(&credentials)
        .sign_http(&mut request, at(VECTOR_TIME))
        .unwrap();
    assert_eq!(request.headers()["host"], "127.0.0.1:8080");
    assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
    assert_eq!(request.headers()["x-amz-security-token"], "token-1");
    let plain: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter(|(n, _)| *n != "authorization" && *n != "x-amz-date" && *n != "x-amz-security-token")
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    let auth = Signer::new(&credentials)
        .sign("POST", "/", &plain, BODY, at(VECTOR_TIME))
        .unwrap();
    assert_eq!(request.headers()["authorization"], auth.authorization());

    let secret = SecretKey::new(SECRET);
    let principal = Verifier::new()
        .verify_http(&request, at(VECTOR_TIME), |_: &str| Some(&secret))
        .unwrap();
    assert_eq!(principal.session_token(), Some("token-1"));

    // A default port is left out of the Host, as botocore does.
    let mut request = http::Request::get("https://IAM.amazonaws.com:443/")
        .body(Vec::new())
        .unwrap();
    Signer::new(&credentials)
        .sign_http(&mut request, at(VECTOR_TIME))
        .unwrap();
    assert_eq!(request.headers()["host"], "iam.amazonaws.com");
}
