//! `cargo run --example wire -- <command> [--action NAME]`: the codec on stdin/stdout.
//!
//! Commands (JSON uses the AWS member names, as boto3 does):
//!
//! * `decode-request`: form body / query string in, `{"Action": …, "UserName": …}` out
//!   (no `"Action"` for `GetLoginProfile`, the default)
//! * `encode-request`: `{"Action": "CreateLoginProfile", "UserName": …, "Password": …,
//!   "PasswordResetRequired": …}` in (no `"Action"`: `GetLoginProfile`), form body out
//! * `decode-response`: success XML in, `{"LoginProfile": {…}, "ResponseMetadata": {"RequestId": …}}`
//!   (`{"PasswordPolicy": {…}, …}` for `GetAccountPasswordPolicy`, `{"ResponseMetadata": …}`
//!   for the operations without a result) out
//! * `encode-response`: that JSON in, XML out
//! * `decode-error`: error XML in, `{"Error": {"Type", "Code", "Message"}, "ResponseMetadata": {"RequestId": …}}` out (boto3's `ClientError.response`)
//! * `encode-error`: that JSON in, XML out
//! * `demo`: no input; plays a server and a client end to end on the sample request and responses
//!
//! `--action NAME` (default `GetLoginProfile`) names the operation of `decode-response` and
//! `encode-response`; for `encode-request` it is the action when the JSON has no `"Action"`,
//! and for `decode-request` the action the body must have. JSON input with a member the
//! command does not know is refused, naming the member.
//!
//! Exit status 0 on success; 1 with a one-line error on stderr for bad input.

use std::io::{Read, Write};
use std::process::ExitCode;

use iam_login_profile::password::Revealed;
use iam_login_profile::{
    Action, ChangePasswordRequest, ChangePasswordResponse, CreateLoginProfileRequest, CreateLoginProfileResponse,
    DeleteAccountPasswordPolicyRequest, DeleteAccountPasswordPolicyResponse, DeleteLoginProfileRequest,
    DeleteLoginProfileResponse, ErrorResponse, GetAccountPasswordPolicyRequest, GetAccountPasswordPolicyResponse,
    GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, Request, RequestId,
    UpdateAccountPasswordPolicyRequest, UpdateAccountPasswordPolicyResponse, UpdateLoginProfileRequest,
    UpdateLoginProfileResponse, UserName, client, server::Reply,
};
use serde_json::Value;

const USAGE: &str = "usage: wire <decode-request|encode-request|decode-response|encode-response|decode-error|encode-error|demo> [--action NAME]
  reads stdin, writes stdout; JSON uses the AWS member names (boto3's)
  --action NAME  the operation (default GetLoginProfile): CreateLoginProfile, GetLoginProfile, UpdateLoginProfile,
                 DeleteLoginProfile, ChangePassword, GetAccountPasswordPolicy, UpdateAccountPasswordPolicy,
                 DeleteAccountPasswordPolicy; encode-request also reads \"Action\" from its JSON";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (command, action) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match run(&command, action) {
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

/// The command and the `--action` (`None` when not given).
fn parse_args(args: &[String]) -> Result<(String, Option<Action>), String> {
    let mut command = None;
    let mut action = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--action" {
            let name = it.next().ok_or("--action needs a value")?;
            action = Some(name.parse::<Action>().map_err(|_| format!("unknown action `{name}`"))?);
        } else if let Some(name) = arg.strip_prefix("--action=") {
            action = Some(name.parse::<Action>().map_err(|_| format!("unknown action `{name}`"))?);
        } else if command.is_none() && !arg.starts_with('-') {
            command = Some(arg.clone());
        } else {
            return Err(format!("unexpected argument `{arg}`"));
        }
    }
    Ok((command.ok_or("missing command")?, action))
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

/// Reads JSON into `T`, refusing any member `T` does not carry: every key of the input
/// (at any depth) must come back when the value is written out again.
fn json_in<T: serde::de::DeserializeOwned + serde::Serialize>(input: Value) -> Result<T, String> {
    let value: T = serde_json::from_value(input.clone()).map_err(|e| format!("invalid JSON: {e}"))?;
    let back = serde_json::to_value(&value).map_err(|e| e.to_string())?;
    if let Some(path) = unknown_member(&input, &back, String::new()) {
        return Err(format!("invalid JSON: unknown member `{path}`"));
    }
    Ok(value)
}

/// What boto3 adds to `ResponseMetadata` about the HTTP exchange: read and left aside.
const BOTO3_TRANSPORT: &[&str] = &[
    "ResponseMetadata.HTTPStatusCode",
    "ResponseMetadata.HTTPHeaders",
    "ResponseMetadata.RetryAttempts",
    "ResponseMetadata.HostId",
];

/// The first key of `input` (a dotted path) that `known` does not have; a `null` member
/// is an absent one, and boto3's transport members are none.
fn unknown_member(input: &Value, known: &Value, path: String) -> Option<String> {
    let (Value::Object(input), Value::Object(known)) = (input, known) else {
        return None;
    };
    for (key, value) in input {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match known.get(key) {
            None if value.is_null() || BOTO3_TRANSPORT.contains(&here.as_str()) => {}
            None => return Some(here),
            Some(k) => {
                if let Some(found) = unknown_member(value, k, here) {
                    return Some(found);
                }
            }
        }
    }
    None
}

fn parse_json(input: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(input).map_err(|e| format!("invalid JSON: {e}"))
}

/// Calls `$body` with `$req` / `$resp` bound to the request and response types of
/// `$action`: the example's one list of the operations.
macro_rules! with_operation {
    ($action:expr, |$req:ident, $resp:ident| $body:expr) => {
        match $action {
            Action::CreateLoginProfile => {
                type $req<'a> = CreateLoginProfileRequest<'a>;
                type $resp<'a> = CreateLoginProfileResponse<'a>;
                $body
            }
            Action::GetLoginProfile => {
                type $req<'a> = GetLoginProfileRequest<'a>;
                type $resp<'a> = GetLoginProfileResponse<'a>;
                $body
            }
            Action::UpdateLoginProfile => {
                type $req<'a> = UpdateLoginProfileRequest<'a>;
                type $resp<'a> = UpdateLoginProfileResponse<'a>;
                $body
            }
            Action::DeleteLoginProfile => {
                type $req<'a> = DeleteLoginProfileRequest<'a>;
                type $resp<'a> = DeleteLoginProfileResponse<'a>;
                $body
            }
            Action::ChangePassword => {
                type $req<'a> = ChangePasswordRequest<'a>;
                type $resp<'a> = ChangePasswordResponse<'a>;
                $body
            }
            Action::GetAccountPasswordPolicy => {
                type $req<'a> = GetAccountPasswordPolicyRequest<'a>;
                type $resp<'a> = GetAccountPasswordPolicyResponse<'a>;
                $body
            }
            Action::UpdateAccountPasswordPolicy => {
                type $req<'a> = UpdateAccountPasswordPolicyRequest<'a>;
                type $resp<'a> = UpdateAccountPasswordPolicyResponse<'a>;
                $body
            }
            Action::DeleteAccountPasswordPolicy => {
                type $req<'a> = DeleteAccountPasswordPolicyRequest<'a>;
                type $resp<'a> = DeleteAccountPasswordPolicyResponse<'a>;
                $body
            }
            other => return Err(format!("`{other}` is not an operation this example knows")),
        }
    };
}

/// A request as JSON: `"Action"` and the members, its password written out (`Revealed`:
/// showing the request is this command's job). `GetLoginProfile`, the default, goes
/// without `"Action"`, as before the family (JSON without `"Action"` is a Get both ways).
fn request_json(request: &Request<'_>) -> Result<String, String> {
    // Each request type reads its own body back: the typed value, serialised.
    let body = request.to_query_string();
    let mut members = with_operation!(request.action(), |Q, _R| {
        serde_json::to_value(Revealed(&Q::decode(body.as_bytes()).map_err(|e| chain(&e))?))
    })
    .map_err(|e| e.to_string())?;
    let mut out = serde_json::Map::new();
    if request.action() != Action::GetLoginProfile {
        out.insert("Action".into(), Value::String(request.action().as_str().into()));
    }
    if let Value::Object(m) = &mut members {
        out.append(m);
    }
    json_out(&Value::Object(out))
}

fn encode_request(input: Value, default: Action) -> Result<String, String> {
    let mut input = input;
    let action = match input.as_object_mut().and_then(|m| m.remove("Action")) {
        None => default,
        Some(Value::String(name)) => name.parse::<Action>().map_err(|_| format!("unknown action `{name}`"))?,
        Some(other) => return Err(format!("invalid JSON: `Action` must be a string, found {other}")),
    };
    Ok(with_operation!(action, |Q, _R| json_in::<Q<'static>>(input)?.to_query_string()))
}

fn run(command: &str, action: Option<Action>) -> Result<String, String> {
    let op = action.unwrap_or(Action::GetLoginProfile);
    match command {
        "decode-request" => {
            let input = stdin()?;
            let request = Request::decode(&input).map_err(|e| chain(&e))?;
            if let Some(expected) = action.filter(|a| *a != request.action()) {
                return Err(format!("expected action `{expected}`, found `{}`", request.action()));
            }
            request_json(&request)
        }
        "encode-request" => encode_request(parse_json(&stdin()?)?, op),
        "decode-response" => {
            let input = stdin()?;
            let e = |e: iam_login_profile::DecodeError| chain(&e);
            with_operation!(op, |_Q, R| json_out(&R::decode(&input).map_err(e)?))
        }
        "encode-response" => {
            let input = parse_json(&stdin()?)?;
            Ok(with_operation!(op, |_Q, R| json_in::<R<'static>>(input)?.to_xml()))
        }
        "decode-error" => {
            let input = stdin()?;
            let error = ErrorResponse::decode(&input).map_err(|e| chain(&e))?;
            json_out(&error)
        }
        "encode-error" => {
            let error: ErrorResponse<'static> = json_in(parse_json(&stdin()?)?)?;
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
        match iam_login_profile::server::decode_request("POST", Some(GetLoginProfileRequest::CONTENT_TYPE), "", body) {
            Ok(Request::GetLoginProfile(request)) => match request.user_name {
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
            Ok(other) => Reply::not_implemented(&other, request_id),
            Err(e) => Reply::from_error(&e, request_id),
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
    let response = client::decode::<GetLoginProfileRequest>(reply.http_status(), reply.body().as_bytes())
        .map_err(|e| chain(&e))?;
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
    match client::decode::<GetLoginProfileRequest>(reply.http_status(), reply.body().as_bytes()) {
        Err(e) => w(&mut log, format!("client: {e} (retryable: {})", e.is_retryable())),
        Ok(_) => return Err("expected NoSuchEntity".into()),
    }

    w(&mut log, "\n== 5. an invalid user name: ValidationError ==".into());
    let reply = serve(b"Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name");
    w(
        &mut log,
        format!("HTTP {}\n{}", reply.http_status(), reply.body().trim_end()),
    );
    match client::decode::<GetLoginProfileRequest>(reply.http_status(), reply.body().as_bytes()) {
        Err(e) => w(&mut log, format!("client: {e}")),
        Ok(_) => return Err("expected ValidationError".into()),
    }
    Ok(log)
}
