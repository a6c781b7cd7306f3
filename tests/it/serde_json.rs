//! Serde: the JSON of the public types is boto3's response dicts
//! (`{"LoginProfile": {…}, "ResponseMetadata": {"RequestId"}}`, `{"Error": {…}, "RequestId"}`).

use ::serde_json::{Value, from_str, from_value, json, to_value};
use iam_login_profile::{ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, Timestamp, UserName};

use crate::data;

#[test]
fn success_response_is_boto3s_dict() {
    let body = data("moto-get-login-profile-success.xml");
    let r = GetLoginProfileResponse::decode(&body).unwrap();
    assert_eq!(
        to_value(&r).unwrap(),
        json!({
            "LoginProfile": {
                "UserName": "Bob",
                "CreateDate": "2026-11-23T17:57:57.90714Z",
                "PasswordResetRequired": false
            },
            "ResponseMetadata": {"RequestId": "vCbKkpWmLl8ExvA99ogsP9lbfb9k4a0HIyONLzdKAfzmvT4ccfXo"}
        })
    );
    let body = data("aws-docs-get-login-profile-sample-response.xml");
    let sample = GetLoginProfileResponse::decode(&body).unwrap();
    assert_eq!(
        ::serde_json::to_string(&sample).unwrap(),
        r#"{"LoginProfile":{"UserName":"Bob","CreateDate":"2011-09-19T23:00:56Z"},"ResponseMetadata":{"RequestId":"7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"}}"#
    );
}

#[test]
fn success_response_from_boto3s_dict() {
    // boto3 adds HTTPStatusCode, HTTPHeaders, RetryAttempts: ignored.
    let v = json!({
        "LoginProfile": {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56+00:00", "PasswordResetRequired": true},
        "ResponseMetadata": {"RequestId": "abc", "HTTPStatusCode": 200, "HTTPHeaders": {}, "RetryAttempts": 0}
    });
    let r: GetLoginProfileResponse<'static> = from_value(v).unwrap();
    assert_eq!(r.login_profile.user_name.as_str(), "Bob");
    assert_eq!(r.login_profile.create_date.to_string(), "2011-09-19T23:00:56Z");
    assert_eq!(r.login_profile.password_reset_required, Some(true));
    assert_eq!(r.request_id.unwrap().as_str(), "abc");
    // Without ResponseMetadata, or without its RequestId: no request id.
    let r: GetLoginProfileResponse<'static> =
        from_value(json!({"LoginProfile": {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56Z"}})).unwrap();
    assert_eq!(r.request_id, None);
    assert_eq!(
        to_value(&r).unwrap(),
        json!({"LoginProfile": {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56Z"}})
    );
    let r: GetLoginProfileResponse<'static> = from_value(
        json!({"LoginProfile": {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56Z"}, "ResponseMetadata": {}}),
    )
    .unwrap();
    assert_eq!(r.request_id, None);
}

#[test]
fn json_is_validated_like_xml() {
    let bad_name = json!({"LoginProfile": {"UserName": "a b", "CreateDate": "2011-09-19T23:00:56Z"}});
    let e = from_value::<GetLoginProfileResponse<'static>>(bad_name).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid user name `a b`: character ' ' at offset 1 is not one of [A-Za-z0-9_+=,.@-]"
    );
    let bad_date = json!({"LoginProfile": {"UserName": "Bob", "CreateDate": "2011-09-19_23:00:56Z"}});
    let e = from_value::<GetLoginProfileResponse<'static>>(bad_date).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid timestamp `2011-09-19_23:00:56Z`: expected `T` at offset 10, found '_'"
    );
    let missing = json!({"LoginProfile": {"UserName": "Bob"}});
    assert!(from_value::<GetLoginProfileResponse<'static>>(missing).is_err());
    let e = from_str::<ErrorResponse<'static>>(r#"{"Error": {"Code": ""}}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("invalid error code: expected a value, found an empty string"),
        "{e}"
    );
    let e = from_str::<ErrorResponse<'static>>(r#"{"Error": {"Code": "X", "Message": "\u0001"}}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("invalid error message: character '\\u{1}' at offset 0"),
        "{e}"
    );
    // `Type` is open, as in the XML: an unknown fault is kept as given.
    let e = from_str::<ErrorResponse<'static>>(r#"{"Error": {"Code": "X", "Type": "Client"}}"#).unwrap();
    assert_eq!(e.error.fault, Some(iam_login_profile::Fault::from_static("Client")));
}

#[test]
fn error_response_is_boto3s_dict() {
    let body = data("real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml");
    let e = ErrorResponse::decode(&body).unwrap();
    let v = to_value(&e).unwrap();
    assert_eq!(
        v,
        json!({
            "Error": {
                "Type": "Sender",
                "Code": "AccessDenied",
                "Message": "User: arn:aws:iam::579766882180:user/Suganthi.Mani is not authorized to perform: iam:GetUser on resource: user Suganthi.Mani"
            },
            "ResponseMetadata": {"RequestId": "98ca53c1-cacf-4e90-af82-76e914cba248"}
        })
    );
    let back: ErrorResponse<'static> = from_value(v).unwrap();
    assert_eq!(back, e);
    assert_eq!(back.to_xml().as_bytes(), &body[..]);
    // Optional members are left out, not null.
    let e = ErrorResponse::decode(b"<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>").unwrap();
    assert_eq!(::serde_json::to_string(&e).unwrap(), r#"{"Error":{"Code":"X"}}"#);
    let back: ErrorResponse<'static> = from_str(r#"{"Error":{"Code":"X"}}"#).unwrap();
    assert_eq!(back, e);
}

#[test]
fn request_json() {
    let r = GetLoginProfileRequest::new(Some(UserName::new("Bob").unwrap()));
    assert_eq!(::serde_json::to_string(&r).unwrap(), r#"{"UserName":"Bob"}"#);
    assert_eq!(
        from_str::<GetLoginProfileRequest<'static>>(r#"{"UserName":"Bob"}"#).unwrap(),
        r
    );
    let none = GetLoginProfileRequest::new(None);
    assert_eq!(::serde_json::to_string(&none).unwrap(), "{}");
    assert_eq!(from_str::<GetLoginProfileRequest<'static>>("{}").unwrap(), none);
    assert!(from_str::<GetLoginProfileRequest<'static>>(r#"{"UserName":""}"#).is_err());
}

#[test]
fn scalars() {
    let t: Timestamp = from_str(r#""2019-12-17T00:48:18+01:00""#).unwrap();
    assert_eq!(to_value(t).unwrap(), Value::String("2019-12-16T23:48:18Z".into()));
    // An escaped JSON string (not borrowable) works too.
    let t: Timestamp = from_str(r#""2019-12-16T23:48:18\u005a""#).unwrap();
    assert_eq!(t.to_string(), "2019-12-16T23:48:18Z");
    assert!(from_str::<Timestamp>("1576540098").is_err());
    let n: UserName<'static> = from_str(r#""a+b""#).unwrap();
    assert_eq!(n.as_str(), "a+b");
}

#[test]
fn request_json_follows_the_table() {
    use iam_login_profile::{Password, UpdateLoginProfileRequest};

    let update = UpdateLoginProfileRequest::new(UserName::new("Bob").unwrap())
        .with_password(Password::new("p w").unwrap())
        .with_password_reset_required(false);
    // Wire names, in wire order; the password redacted unless asked for (`Revealed`).
    assert_eq!(
        ::serde_json::to_string(&update).unwrap(),
        r#"{"UserName":"Bob","Password":"*** Sensitive Data Redacted ***","PasswordResetRequired":false}"#
    );
    let revealed = ::serde_json::to_string(&iam_login_profile::password::Revealed(&update)).unwrap();
    assert_eq!(
        revealed,
        r#"{"UserName":"Bob","Password":"p w","PasswordResetRequired":false}"#
    );
    assert_eq!(
        from_str::<UpdateLoginProfileRequest<'static>>(&revealed).unwrap(),
        update
    );
    // A required member absent, an unknown one, one given twice: refused, named.
    let err = |json: &str| {
        from_str::<UpdateLoginProfileRequest<'static>>(json)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(r#"{"Password":"x"}"#),
        "missing field `UserName` at line 1 column 16"
    );
    assert_eq!(
        err(r#"{"UserName":"Bob","OldPassword":"x"}"#),
        "unknown field `OldPassword`, expected one of `UserName`, `Password`, `PasswordResetRequired` at line 1 column 31"
    );
    assert_eq!(
        err(r#"{"UserName":"Bob","UserName":"Al"}"#),
        "duplicate field `UserName` at line 1 column 28"
    );
    // `null` is an absent optional member.
    assert_eq!(
        from_str::<UpdateLoginProfileRequest<'static>>(r#"{"UserName":"Bob","Password":null}"#).unwrap(),
        UpdateLoginProfileRequest::new(UserName::new("Bob").unwrap())
    );
}
/// `json.dumps(e.response, default=str)` of boto3's `ClientError` for a `GetLoginProfile`
/// of an unknown user against `examples/server.rs`.
#[test]
fn boto3_client_error_json_reads_and_writes_back() {
    let captured: Value = ::serde_json::from_slice(&data("boto3-client-error-no-such-entity.json")).unwrap();
    let e: ErrorResponse<'static> = from_value(captured.clone()).unwrap();
    assert_eq!(e.error.code, iam_login_profile::ErrorCode::NO_SUCH_ENTITY);
    assert_eq!(
        e.error.message.as_ref().unwrap().as_str(),
        "Login Profile for User Nobody cannot be found."
    );
    assert_eq!(
        e.request_id.as_ref().unwrap().as_str(),
        "00000000-0000-4000-8000-000000000001"
    );
    // Written back: the same `Error` and `ResponseMetadata.RequestId`; the HTTP members boto3
    // adds to `ResponseMetadata` (status, headers, retries) are the transport's, not the error's.
    let mut expected = captured;
    let metadata = expected["ResponseMetadata"].as_object_mut().unwrap();
    metadata.retain(|k, _| k == "RequestId");
    assert_eq!(to_value(&e).unwrap(), expected);
}

#[test]
fn error_json_request_id_at_the_top_level_is_still_read() {
    let e: ErrorResponse<'static> = from_str(r#"{"Error": {"Code": "X"}, "RequestId": "r-1"}"#).unwrap();
    assert_eq!(e.request_id.as_ref().unwrap().as_str(), "r-1");
    assert_eq!(
        ::serde_json::to_string(&e).unwrap(),
        r#"{"Error":{"Code":"X"},"ResponseMetadata":{"RequestId":"r-1"}}"#
    );
    // Both forms naming the same id agree; two different ids are refused, not one dropped.
    let both = r#"{"Error": {"Code": "X"}, "RequestId": "r-1", "ResponseMetadata": {"RequestId": "r-1"}}"#;
    assert_eq!(from_str::<ErrorResponse<'static>>(both).unwrap(), e);
    let differ = r#"{"Error": {"Code": "X"}, "RequestId": "r-1", "ResponseMetadata": {"RequestId": "r-2"}}"#;
    assert_eq!(
        from_str::<ErrorResponse<'static>>(differ).unwrap_err().to_string(),
        "two different request ids: `ResponseMetadata.RequestId` and `RequestId`"
    );
}

#[test]
fn timestamp_reads_pythons_space_separated_form() {
    // `str(datetime)` / `json.dumps(default=str)` of a boto3 `CreateDate`.
    for (text, expected) in [
        ("2011-09-19 23:00:56+00:00", "2011-09-19T23:00:56Z"),
        ("2011-09-19 23:00:56.123456+00:00", "2011-09-19T23:00:56.123456Z"),
        ("2011-09-19 23:00:56+02:00", "2011-09-19T21:00:56Z"),
    ] {
        let t: Timestamp = from_value(json!(text)).unwrap();
        assert_eq!(t.to_string(), expected, "{text}");
    }
    // Only the separator is relaxed: the rest is RFC 3339 as before, and an error shows the
    // value as given.
    let err = from_value::<Timestamp>(json!("2011-09-19 23:00:56"))
        .unwrap_err()
        .to_string();
    let with_t = from_value::<Timestamp>(json!("2011-09-19T23:00:56"))
        .unwrap_err()
        .to_string();
    assert_eq!(err, with_t.replace("19T23", "19 23"));
    assert!(err.starts_with("invalid timestamp `2011-09-19 23:00:56`: "), "{err}");
    assert_eq!(
        from_value::<Timestamp>(json!("2011-09-19  23:00:56Z"))
            .unwrap_err()
            .to_string(),
        "invalid timestamp `2011-09-19  23:00:56Z`: expected a digit at offset 11, found ' '"
    );
    // The XML decoder keeps IAM's `T`.
    assert!("2011-09-19 23:00:56Z".parse::<Timestamp>().is_err());
}
