//! `cargo run --example client --features sigv4 -- --endpoint http://127.0.0.1:PORT [--action NAME] [--user NAME]
//! [--password P] [--reset true|false] [--json MEMBERS] [--region R]`
//!
//! A signed request of any of the crate's operations (GetLoginProfile by default) over
//! HTTP/1.1 (hyper on tokio). The login-profile members come from `--user`, `--password`
//! and `--reset`; `--json` gives the members of any operation as boto3 names them
//! (`--action ChangePassword --json '{"OldPassword": "…", "NewPassword": "…"}'`,
//! `--action UpdateAccountPasswordPolicy --json '{"MinimumPasswordLength": 12}'`). The codec encodes the request,
//! `sigv4::Signer` signs it with the credentials of `AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY` and (optionally) `AWS_SESSION_TOKEN` at the current time, and
//! the codec decodes the answer. Prints the result as JSON (as `wire decode-response`
//! does) and exits 0, or prints the error on stderr and exits 1 (2 for bad usage).
//!
//! Plain `http://` only: this example brings no TLS.

use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::{Request, Uri};
use hyper_util::rt::TokioIo;
use iam_login_profile::sigv4::{Credentials, Signer};
use iam_login_profile::{
    Action, ChangePasswordRequest, CreateLoginProfileRequest, DeleteAccountPasswordPolicyRequest,
    DeleteLoginProfileRequest, GetAccountPasswordPolicyRequest, GetLoginProfileRequest, Password,
    Request as IamRequest, UpdateAccountPasswordPolicyRequest, UpdateLoginProfileRequest, UserName, client,
};
use tokio::net::TcpStream;

const USAGE: &str = "usage: client --endpoint http://HOST:PORT[/PATH] [--action NAME] [--user NAME] [--password P] [--reset true|false] [--json MEMBERS] [--region REGION]";

struct Args {
    endpoint: Uri,
    user: Option<String>,
    region: String,
    action: Action,
    password: Option<String>,
    reset: Option<bool>,
    json: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut endpoint = None;
    let mut user = None;
    let mut region = "us-east-1".to_owned();
    let mut action = Action::GetLoginProfile;
    let mut password = None;
    let mut reset = None;
    let mut json = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--endpoint" => endpoint = Some(value("--endpoint")?),
            "--user" => user = Some(value("--user")?),
            "--region" => region = value("--region")?,
            "--action" => {
                let name = value("--action")?;
                action = name.parse().map_err(|_| format!("unknown action `{name}`"))?;
            }
            "--password" => password = Some(value("--password")?),
            "--json" => json = Some(value("--json")?),
            "--reset" => {
                reset = Some(match value("--reset")?.as_str() {
                    "true" => true,
                    "false" => false,
                    other => return Err(format!("--reset takes true or false, not `{other}`")),
                })
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let endpoint: Uri = endpoint
        .ok_or("--endpoint is required")?
        .parse()
        .map_err(|e| format!("bad --endpoint: {e}"))?;
    if endpoint.scheme_str() != Some("http") || endpoint.authority().is_none() {
        return Err("--endpoint must be http://HOST:PORT (no TLS here)".to_owned());
    }
    Ok(Args {
        endpoint,
        user,
        region,
        action,
        password,
        reset,
        json,
    })
}

fn credentials() -> Result<Credentials, String> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    Ok(Credentials::new(
        var("AWS_ACCESS_KEY_ID")?,
        var("AWS_SECRET_ACCESS_KEY")?,
        std::env::var("AWS_SESSION_TOKEN").ok().filter(|t| !t.is_empty()),
    ))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<String, String> {
    let credentials = credentials()?;
    let user = match &args.user {
        Some(name) => Some(UserName::new(name.as_str()).map_err(|e| e.to_string())?),
        None => None,
    };
    let password = match &args.password {
        Some(p) => Some(Password::new(p.as_str()).map_err(|e| e.to_string())?),
        None => None,
    };
    let from_json = |json: &str| -> Result<IamRequest<'static>, String> {
        fn typed<Q>(json: &str) -> Result<IamRequest<'static>, String>
        where
            Q: serde::de::DeserializeOwned + Into<IamRequest<'static>>,
        {
            serde_json::from_str::<Q>(json)
                .map(Into::into)
                .map_err(|e| format!("--json: {e}"))
        }
        match args.action {
            Action::CreateLoginProfile => typed::<CreateLoginProfileRequest<'static>>(json),
            Action::GetLoginProfile => typed::<GetLoginProfileRequest<'static>>(json),
            Action::UpdateLoginProfile => typed::<UpdateLoginProfileRequest<'static>>(json),
            Action::DeleteLoginProfile => typed::<DeleteLoginProfileRequest<'static>>(json),
            Action::ChangePassword => typed::<ChangePasswordRequest<'static>>(json),
            Action::GetAccountPasswordPolicy => typed::<GetAccountPasswordPolicyRequest<'static>>(json),
            Action::UpdateAccountPasswordPolicy => typed::<UpdateAccountPasswordPolicyRequest<'static>>(json),
            Action::DeleteAccountPasswordPolicy => typed::<DeleteAccountPasswordPolicyRequest<'static>>(json),
            other => Err(format!("`{other}` is not an operation this example knows")),
        }
    };
    let request: IamRequest<'_> = match args.action {
        _ if args.json.is_some() => from_json(args.json.as_deref().unwrap_or("{}"))?,
        Action::ChangePassword | Action::UpdateAccountPasswordPolicy => {
            return Err(format!("{} takes its members with --json", args.action));
        }
        Action::GetAccountPasswordPolicy => GetAccountPasswordPolicyRequest::new().into(),
        Action::DeleteAccountPasswordPolicy => DeleteAccountPasswordPolicyRequest::new().into(),
        Action::CreateLoginProfile => {
            let mut r = CreateLoginProfileRequest::default();
            r.user_name = user;
            r.password = password;
            r.password_reset_required = args.reset;
            r.into()
        }
        Action::UpdateLoginProfile => {
            let mut r = UpdateLoginProfileRequest::new(user.ok_or("UpdateLoginProfile needs --user")?);
            r.password = password;
            r.password_reset_required = args.reset;
            r.into()
        }
        Action::DeleteLoginProfile => DeleteLoginProfileRequest::new(user).into(),
        _ => GetLoginProfileRequest::new(user).into(),
    };
    let body = request.to_query_string();

    // What the signature covers: Host (as the connection will send it), Content-Type, body.
    let authority = args.endpoint.authority().ok_or("no authority")?.clone();
    let host = match authority.port_u16() {
        Some(80) | None => authority.host().to_ascii_lowercase(),
        Some(port) => format!("{}:{port}", authority.host().to_ascii_lowercase()),
    };
    let path = args.endpoint.path_and_query().map_or("/", |pq| pq.as_str()).to_owned();
    let headers = [
        ("Host", host.as_str()),
        ("Content-Type", GetLoginProfileRequest::CONTENT_TYPE),
    ];
    let auth = Signer::new(&credentials)
        .region(&args.region)
        .sign("POST", &path, &headers, body.as_bytes(), SystemTime::now())
        .map_err(|e| e.to_string())?;

    let mut builder = Request::post(path.as_str());
    for (name, value) in headers.into_iter().chain(auth.headers()) {
        builder = builder.header(name, value);
    }
    let http_request = builder
        .body(Full::new(Bytes::from(body.into_bytes())))
        .map_err(|e| e.to_string())?;

    let port = authority.port_u16().unwrap_or(80);
    let exchange = async {
        let stream = TcpStream::connect((authority.host(), port))
            .await
            .map_err(|e| format!("cannot connect to {authority}: {e}"))?;
        let (mut sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        let response = sender.send_request(http_request).await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok::<_, String>((status, bytes))
    };
    let (status, bytes) = tokio::time::timeout(Duration::from_secs(30), exchange)
        .await
        .map_err(|_| "no answer within 30 s".to_owned())??;

    match args.action {
        Action::CreateLoginProfile => answer::<CreateLoginProfileRequest>(status, &bytes),
        Action::UpdateLoginProfile => answer::<UpdateLoginProfileRequest>(status, &bytes),
        Action::DeleteLoginProfile => answer::<DeleteLoginProfileRequest>(status, &bytes),
        Action::ChangePassword => answer::<ChangePasswordRequest>(status, &bytes),
        Action::GetAccountPasswordPolicy => answer::<GetAccountPasswordPolicyRequest>(status, &bytes),
        Action::UpdateAccountPasswordPolicy => answer::<UpdateAccountPasswordPolicyRequest>(status, &bytes),
        Action::DeleteAccountPasswordPolicy => answer::<DeleteAccountPasswordPolicyRequest>(status, &bytes),
        _ => answer::<GetLoginProfileRequest>(status, &bytes),
    }
}

/// The result as the `wire` example's JSON, or the error's one line.
fn answer<Q>(status: u16, body: &[u8]) -> Result<String, String>
where
    Q: iam_login_profile::Operation,
    for<'a> Q::Response<'a>: serde::Serialize,
{
    let response = client::decode::<Q>(status, body).map_err(|e| e.to_string())?;
    serde_json::to_string(&response).map_err(|e| e.to_string())
}
