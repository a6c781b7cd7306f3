//! The integration tests: one binary, one module per concern.

mod checklist;
mod client_server;
mod display;
mod errors;
mod family;
mod fuzz_regressions;
mod linear_time;
mod namespaces_and_declarations;
mod password;
#[cfg(feature = "arbitrary")]
mod password_policy;
#[cfg(feature = "arbitrary")]
mod properties;
mod request;
mod response;
mod serde_json;
#[cfg(feature = "sigv4")]
mod sigv4;
mod smithy;
mod table;
mod timestamp;
mod user_name;
mod variants;
mod vectors;

/// The bytes of a file of `tests/data/` (copies of the vectors collected from real IAM, botocore, moto and aws-sdk-rust).
pub fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The IAM namespace as it appears on a root element.
pub const NS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

/// A success document around `profile` (the inside of `<LoginProfile>`).
pub fn success_doc(profile: &str) -> String {
    format!(
        "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>{profile}</LoginProfile>\
         </GetLoginProfileResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\
         </GetLoginProfileResponse>"
    )
}

/// The usual good profile members.
pub const BOB: &str = "<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>";

/// An error document around the inside of `<Error>`.
pub fn error_doc(error: &str) -> String {
    format!("<ErrorResponse><Error>{error}</Error><RequestId>r-1</RequestId></ErrorResponse>")
}

/// The `UserName` error inside a request's `ValidationError` (the tests' shorthand).
pub fn user_name_error(err: &iam_login_profile::RequestError) -> &iam_login_profile::UserNameError {
    match err {
        iam_login_profile::RequestError::Validation(v) => match v.errors() {
            [
                iam_login_profile::MemberError::Invalid {
                    error: iam_login_profile::ValueError::UserName(e),
                    ..
                },
            ] => e,
            other => panic!("expected one UserName error, found {other:?}"),
        },
        other => panic!("expected a ValidationError, found {other:?}"),
    }
}

/// Is `err` a `ValidationError` about `UserName` alone?
pub fn is_user_name_error(err: &iam_login_profile::RequestError) -> bool {
    matches!(err, iam_login_profile::RequestError::Validation(v) if matches!(v.errors(), [iam_login_profile::MemberError::Invalid { error: iam_login_profile::ValueError::UserName(_), .. }]))
}
