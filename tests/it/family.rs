//! The family's requests: every bad member gets IAM's exact error.

use iam_login_profile::{
    Action, CreateLoginProfileRequest, DeleteLoginProfileRequest, ErrorCode, GetLoginProfileRequest, Request,
    RequestError, UpdateLoginProfileRequest,
};

const PATTERN: &str = r"Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+";

fn refused(body: &str) -> RequestError {
    Request::decode(body.as_bytes()).unwrap_err()
}

/// (body, AWS code, HTTP status, AWS message)
fn assert_refused(body: &str, code: ErrorCode<'static>, status: u16, message: &str) {
    let err = refused(body);
    assert_eq!(
        (err.code(), err.http_status(), err.message().as_str()),
        (code, status, message),
        "{body}"
    );
    // The server's reply carries the same.
    let response = err.to_error_response(None);
    assert_eq!(response.error.message.unwrap().as_str(), message);
}

#[test]
fn password_constraints() {
    let create = "Action=CreateLoginProfile&Version=2010-05-08&UserName=Bob";
    assert_refused(
        &format!("{create}&Password="),
        ErrorCode::VALIDATION_ERROR,
        400,
        &format!(
            "2 validation errors detected: {PATTERN}; Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1"
        ),
    );
    assert_refused(
        &format!("{create}&Password={}", "x".repeat(129)),
        ErrorCode::VALIDATION_ERROR,
        400,
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    // `€` (U+20AC) is outside Latin-1.
    assert_refused(
        &format!("{create}&Password=%E2%82%AC"),
        ErrorCode::VALIDATION_ERROR,
        400,
        &format!("1 validation error detected: {PATTERN}"),
    );
    // 128 characters of `é` (256 bytes) and the edges of the range are accepted.
    let body = format!("{create}&Password={}", "%C3%A9".repeat(128));
    let ok = Request::decode(body.as_bytes()).unwrap();
    assert_eq!(ok.action(), Action::CreateLoginProfile);
    let body = format!("{create}&Password=%09%0A%0D+%C3%BF");
    let ok = CreateLoginProfileRequest::decode(body.as_bytes()).unwrap();
    assert_eq!(ok.password.unwrap().expose_secret(), "\t\n\r \u{ff}");
    // A control character other than tab, LF and CR.
    assert_refused(
        &format!("{create}&Password=a%01"),
        ErrorCode::VALIDATION_ERROR,
        400,
        &format!("1 validation error detected: {PATTERN}"),
    );
}

#[test]
fn the_password_never_shows_in_an_error() {
    let err = refused("Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&Password=s3cr%01t");
    let shown = format!("{err} {err:?} {}", err.message());
    assert!(!shown.contains("s3cr"), "{shown}");
}

#[test]
fn booleans_are_true_or_false() {
    for bad in ["TRUE", "1", "", "yes"] {
        assert_refused(
            &format!("Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&PasswordResetRequired={bad}"),
            ErrorCode::VALIDATION_ERROR,
            400,
            &format!(
                "1 validation error detected: Value '{bad}' at 'passwordResetRequired' failed to satisfy constraint: Member must be true or false"
            ),
        );
    }
}

#[test]
fn update_requires_a_user_name() {
    assert_refused(
        "Action=UpdateLoginProfile&Version=2010-05-08&PasswordResetRequired=true",
        ErrorCode::VALIDATION_ERROR,
        400,
        "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
    // Create, Get and Delete may omit it (the caller).
    for action in ["CreateLoginProfile", "GetLoginProfile", "DeleteLoginProfile"] {
        let body = format!("Action={action}&Version=2010-05-08");
        let r = Request::decode(body.as_bytes()).unwrap();
        assert_eq!(r.user_name(), None, "{action}");
    }
}

#[test]
fn every_broken_member_is_listed_in_model_order() {
    assert_refused(
        "PasswordResetRequired=maybe&Password=&UserName=bad+name&Action=CreateLoginProfile&Version=2010-05-08",
        ErrorCode::VALIDATION_ERROR,
        400,
        &format!(
            "4 validation errors detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; {PATTERN}; Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'maybe' at 'passwordResetRequired' failed to satisfy constraint: Member must be true or false"
        ),
    );
}

#[test]
fn a_member_the_action_does_not_take_is_an_unknown_parameter() {
    assert_refused(
        "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob&Password=x",
        ErrorCode::INVALID_QUERY_PARAMETER,
        400,
        "The parameter Password is not recognized by GetLoginProfile.",
    );
    assert_refused(
        "Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob&PasswordResetRequired=true",
        ErrorCode::INVALID_QUERY_PARAMETER,
        400,
        "The parameter PasswordResetRequired is not recognized by DeleteLoginProfile.",
    );
    assert_refused(
        "Action=CreateLoginProfile&Version=2010-05-08&Password=a&Password=b",
        ErrorCode::INVALID_QUERY_PARAMETER,
        400,
        "The parameter Password must not be given more than once.",
    );
}

#[test]
fn actions_outside_the_family_and_typed_decoders() {
    assert_refused(
        "Action=DeleteUser&Version=2010-05-08&UserName=Bob",
        ErrorCode::INVALID_ACTION,
        400,
        "Could not find operation DeleteUser for version 2010-05-08",
    );
    assert_refused(
        "Action=UpdateLoginProfile&Version=2009-01-01&UserName=Bob",
        ErrorCode::INVALID_ACTION,
        400,
        "Could not find operation UpdateLoginProfile for version 2009-01-01",
    );
    // A typed decoder refuses another action of the family.
    let body = b"Action=DeleteLoginProfile&Version=2010-05-08&UserName=Bob";
    assert_eq!(
        GetLoginProfileRequest::decode(body).unwrap_err(),
        RequestError::InvalidAction {
            action: "DeleteLoginProfile".into()
        }
    );
    assert!(DeleteLoginProfileRequest::decode(body).is_ok());
    assert!(UpdateLoginProfileRequest::decode(body).is_err());
}

#[test]
fn botocore_vectors_decode_and_reencode() {
    for name in [
        "botocore-request-create.txt",
        "botocore-request-create-duplicate.txt",
        "botocore-request-create-no-user.txt",
        "botocore-request-create-password-latin1.txt",
        "botocore-request-update.txt",
        "botocore-request-update-reset-only.txt",
        "botocore-request-update-no-user.txt",
        "botocore-request-delete.txt",
        "botocore-request-delete-again.txt",
    ] {
        let body = crate::data(name);
        let request = Request::decode(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(request.to_query_string().as_bytes(), &body[..], "{name}");
    }
}

#[test]
fn each_member_is_named_as_the_table_names_it() {
    // Two bad members: both clauses, in wire order, each naming its own member.
    let err = refused("Action=UpdateLoginProfile&Version=2010-05-08&UserName=a%20b&PasswordResetRequired=yes");
    assert_eq!(
        err.message(),
        r"2 validation errors detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+; Value 'yes' at 'passwordResetRequired' failed to satisfy constraint: Member must be true or false"
    );
    let RequestError::Validation(v) = &err else {
        panic!("{err:?}")
    };
    let members: Vec<&str> = v.errors().iter().map(|e| e.member().wire_name()).collect();
    assert_eq!(members, ["UserName", "PasswordResetRequired"]);
    assert_eq!(
        err.to_string(),
        "member `userName`: invalid user name `a b`: character ' ' at offset 1 is not one of [A-Za-z0-9_+=,.@-]; \
         member `passwordResetRequired`: expected `true` or `false`, found `yes`"
    );
    // The table's description of the members.
    let members: Vec<(&str, &str, bool)> = Action::UpdateLoginProfile
        .members()
        .iter()
        .map(|m| (m.wire_name(), m.message_name(), m.is_required()))
        .collect();
    assert_eq!(
        members,
        [
            ("UserName", "userName", true),
            ("Password", "password", false),
            ("PasswordResetRequired", "passwordResetRequired", false)
        ]
    );
    assert_eq!(Action::GetLoginProfile.members(), GetLoginProfileRequest::MEMBERS);
}
