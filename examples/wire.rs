//! `cargo run --example wire -- <command>`: the codec on stdin/stdout.
//!
//! Commands (JSON uses the AWS member names, as boto3 does):
//!
//! * `decode-request`: form body / query string in, `{"UserName": …}` out
//! * `encode-request`: `{"UserName": …}` (or `{}`) in, form body out
//! * `decode-response`: success XML in, `{"LoginProfile": {…}, "ResponseMetadata": {"RequestId": …}}` out
//! * `encode-response`: that JSON in, XML out
//! * `decode-error`: error XML in, `{"Error": {"Type", "Code", "Message"}, "RequestId": …}` out
//! * `encode-error`: that JSON in, XML out
//! * `demo`: no input; plays a server and a client end to end on the sample request and responses
//!
//! Exit status 0 on success; 1 with a one-line error on stderr for bad input.

use std::io::{Read, Write};
use std::process::ExitCode;

use iam_login_profile::{
    ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, RequestId, UserName, client,
    server::Reply,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command] = args.as_slice() else {
        eprintln!(
            "usage: wire <decode-request|encode-request|decode-response|encode-response|decode-error|encode-error|demo>"
        );
        return ExitCode::FAILURE;
    };
    match run(command) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

fn stdin() -> Result<Vec<u8>, String> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(input)
}

fn json_out<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

fn json_in<'a, T: serde::Deserialize<'a>>(input: &'a [u8]) -> Result<T, String> {
    serde_json::from_slice(input).map_err(|e| format!("invalid JSON: {e}"))
}

fn run(command: &str) -> Result<String, String> {
    match command {
        "decode-request" => {
            let input = stdin()?;
            let request = GetLoginProfileRequest::decode(&input).map_err(|e| chain(&e))?;
            json_out(&request)
        }
        "encode-request" => {
            let input = stdin()?;
            let request: GetLoginProfileRequest = json_in(&input)?;
            Ok(request.to_query_string())
        }
        "decode-response" => {
            let input = stdin()?;
            let response = GetLoginProfileResponse::decode(&input).map_err(|e| chain(&e))?;
            json_out(&response)
        }
        "encode-response" => {
            let input = stdin()?;
            let response: GetLoginProfileResponse = json_in(&input)?;
            Ok(response.to_xml())
        }
        "decode-error" => {
            let input = stdin()?;
            let error = ErrorResponse::decode(&input).map_err(|e| chain(&e))?;
            json_out(&error)
        }
        "encode-error" => {
            let input = stdin()?;
            let error: ErrorResponse = json_in(&input)?;
            Ok(error.to_xml())
        }
        "demo" => demo(),
        other => Err(format!("unknown command `{other}`")),
    }
}

const SAMPLE_REQUEST: &[u8] = include_bytes!("../tests/data/botocore-request-with-username.txt");
const SAMPLE_RESPONSE: &[u8] = include_bytes!("../tests/data/aws-docs-get-login-profile-sample-response.xml");

/// A server and a client, end to end, on the sample request and responses.
fn demo() -> Result<String, String> {
    use std::fmt::Write as _;
    let mut log = String::new();
    let w = |log: &mut String, s: String| {
        let _ = writeln!(log, "{s}");
    };

    // The server's store, filled from the AWS documentation's sample response.
    let sample = GetLoginProfileResponse::decode(SAMPLE_RESPONSE).map_err(|e| chain(&e))?;
    let stored = sample.login_profile.clone();
    let serve = |body: &[u8]| -> Reply {
        let request_id = RequestId::new("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE").ok();
        match GetLoginProfileRequest::decode(body) {
            Ok(request) => match request.user_name {
                Some(name) if name == stored.user_name => {
                    Reply::success(&GetLoginProfileResponse::new(stored.clone(), request_id))
                }
                other => {
                    let who = other.as_ref().map_or("None", UserName::as_str);
                    let message = iam_login_profile::ErrorMessage::new_escaped(&format!(
                        "Login Profile for user {who} cannot be found."
                    ));
                    Reply::error(&ErrorResponse::new(
                        iam_login_profile::ErrorCode::NO_SUCH_ENTITY,
                        Some(message),
                        request_id,
                    ))
                }
            },
            Err(e) => Reply::request_error(&e, request_id),
        }
    };

    w(
        &mut log,
        "== 1. client encodes the request (botocore's bytes) ==".into(),
    );
    let request = GetLoginProfileRequest::new(Some(UserName::new("Bob").map_err(|e| e.to_string())?));
    let body = request.to_query_string();
    w(
        &mut log,
        format!(
            "POST / HTTP/1.1\nContent-Type: {}\n\n{body}",
            GetLoginProfileRequest::CONTENT_TYPE
        ),
    );
    if body.as_bytes() != SAMPLE_REQUEST {
        return Err("encoded request differs from botocore's".into());
    }

    w(&mut log, "\n== 2. server decodes it and answers ==".into());
    let reply = serve(body.as_bytes());
    w(
        &mut log,
        format!(
            "HTTP {} ({})\n{}",
            reply.http_status(),
            Reply::CONTENT_TYPE,
            reply.body().trim_end()
        ),
    );

    w(&mut log, "\n== 3. client decodes the answer ==".into());
    let response = client::decode_response(reply.http_status(), reply.body().as_bytes()).map_err(|e| chain(&e))?;
    w(&mut log, json_out(&response)?.trim_end().to_owned());
    if response.login_profile != LoginProfile::clone(&sample.login_profile) {
        return Err("client got a different login profile".into());
    }

    w(
        &mut log,
        "\n== 4. a user without a login profile: NoSuchEntity ==".into(),
    );
    let missing = GetLoginProfileRequest::new(Some(UserName::new("Alice").map_err(|e| e.to_string())?));
    let reply = serve(missing.to_query_string().as_bytes());
    w(
        &mut log,
        format!("HTTP {}\n{}", reply.http_status(), reply.body().trim_end()),
    );
    match client::decode_response(reply.http_status(), reply.body().as_bytes()) {
        Err(e) => w(&mut log, format!("client: {e} (retryable: {})", e.is_retryable())),
        Ok(_) => return Err("expected NoSuchEntity".into()),
    }

    w(&mut log, "\n== 5. an invalid user name: ValidationError ==".into());
    let reply = serve(b"Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name");
    w(
        &mut log,
        format!("HTTP {}\n{}", reply.http_status(), reply.body().trim_end()),
    );
    match client::decode_response(reply.http_status(), reply.body().as_bytes()) {
        Err(e) => w(&mut log, format!("client: {e}")),
        Ok(_) => return Err("expected ValidationError".into()),
    }
    Ok(log)
}
