//! `cargo run --example server -- [--port N] [--caller USER] [--profile USER CREATE_DATE RESET]...`
//!
//! A small IAM `GetLoginProfile` server on `127.0.0.1`, backed by an in-memory map of
//! login profiles. The protocol is entirely this crate's public API: the request is decoded
//! from the GET query string or, for a POST whose `Content-Type` passes
//! [`is_form_content_type`], from the form body; the answer is a [`Reply`]. The socket
//! work is hyper's. Point any IAM client at it with an endpoint URL, for example
//! `aws iam get-login-profile --user-name Bob --endpoint-url http://127.0.0.1:PORT`.
//!
//! * `--port N`: the port to listen on; `0` (the default) for an ephemeral one. The bound
//!   port is printed alone on the first line of stdout once the server accepts connections.
//! * `--profile USER CREATE_DATE RESET`: a login profile to serve (`RESET` is `true`,
//!   `false` or `-` for no `PasswordResetRequired`); repeatable. Without any, the server
//!   holds the AWS documentation's sample: `Bob`, `2011-09-19T23:00:56Z`.
//! * `--caller USER`: who the caller is. IAM answers a request without `UserName` with the
//!   login profile of the calling identity; this server checks no signature, so the caller
//!   is configured here. Without `--caller`, a request without `UserName` gets
//!   `NoSuchEntity` ("The caller has no login profile: …").
//!
//! User names are matched case-insensitively and returned as stored, as IAM does. Every
//! response carries a request id, in the body and in the `x-amzn-RequestId` header (where
//! aws-sdk-rust reads it). Bodies over 64 KiB are refused. The server runs until killed.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use iam_login_profile::server::Reply;
use iam_login_profile::{
    ErrorCode, ErrorMessage, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, LoginProfile, RequestId,
    Timestamp, UserName, is_form_content_type,
};
use tokio::net::TcpListener;

/// The largest request body read.
const MAX_BODY: usize = 64 * 1024;

/// What the server knows.
struct Store {
    /// Login profiles by lower-case user name.
    profiles: HashMap<String, LoginProfile<'static>>,
    /// The identity a request without `UserName` stands for.
    caller: Option<UserName<'static>>,
    /// Request ids are numbered.
    requests: AtomicU64,
}

impl Store {
    fn next_request_id(&self) -> String {
        let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        format!("00000000-0000-4000-8000-{n:012x}")
    }

    /// The reply to a decoded request.
    fn answer(&self, request: &GetLoginProfileRequest<'_>, request_id: RequestId<'_>) -> Reply {
        let user = match (&request.user_name, &self.caller) {
            (Some(user), _) | (None, Some(user)) => user,
            (None, None) => {
                return no_such_entity(
                    "The caller has no login profile: this server checks no credentials and was started without --caller.",
                    request_id,
                );
            }
        };
        match self.profiles.get(&user.as_str().to_ascii_lowercase()) {
            Some(profile) => Reply::success(&GetLoginProfileResponse::new(profile.clone(), Some(request_id))),
            None => no_such_entity(&format!("Login Profile for user {user} cannot be found."), request_id),
        }
    }

    /// The reply to an HTTP request.
    async fn serve(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let request_id = self.next_request_id();
        let id = RequestId::new(request_id.as_str()).expect("a numbered request id is valid XML text");
        let (parts, body) = request.into_parts();
        let form = parts.method == Method::POST
            && parts
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(is_form_content_type);
        let reply = if form {
            match Limited::new(body, MAX_BODY).collect().await {
                Ok(collected) => self.decode_and_answer(&collected.to_bytes(), id),
                Err(_) => Reply::error(&ErrorResponse::new(
                    ErrorCode::new("RequestEntityTooLargeException").expect("a non-empty code"),
                    Some(ErrorMessage::new_escaped("Request body too large")),
                    Some(id),
                )),
            }
        } else {
            self.decode_and_answer(parts.uri.query().unwrap_or("").as_bytes(), id)
        };
        let mut response = Response::new(Full::new(Bytes::from(reply.body().to_owned())));
        *response.status_mut() = reply
            .http_status()
            .try_into()
            .expect("AWS errors have valid HTTP statuses");
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(Reply::CONTENT_TYPE));
        headers.insert(
            "x-amzn-RequestId",
            HeaderValue::from_str(&request_id).expect("a numbered request id is a valid header"),
        );
        response
    }

    fn decode_and_answer(&self, params: &[u8], request_id: RequestId<'_>) -> Reply {
        match GetLoginProfileRequest::decode(params) {
            Ok(request) => self.answer(&request, request_id),
            Err(error) => Reply::request_error(&error, Some(request_id)),
        }
    }
}

fn no_such_entity(message: &str, request_id: RequestId<'_>) -> Reply {
    Reply::error(&ErrorResponse::new(
        ErrorCode::NO_SUCH_ENTITY,
        Some(ErrorMessage::new_escaped(message)),
        Some(request_id),
    ))
}

struct Options {
    port: u16,
    store: Store,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut port = 0;
    let mut caller = None;
    let mut profiles = HashMap::new();
    let next = |what: &str, args: &mut dyn Iterator<Item = String>| args.next().ok_or(format!("missing {what}"));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = next("--port value", &mut args)?;
                port = value.parse().map_err(|e| format!("invalid port `{value}`: {e}"))?;
            }
            "--caller" => {
                let value = next("--caller value", &mut args)?;
                caller = Some(UserName::new(value).map_err(|e| e.to_string())?);
            }
            "--profile" => {
                let user = UserName::new(next("--profile USER", &mut args)?).map_err(|e| e.to_string())?;
                let date: Timestamp = next("--profile CREATE_DATE", &mut args)?
                    .parse()
                    .map_err(|e: iam_login_profile::TimestampError| e.to_string())?;
                let mut profile = LoginProfile::new(user, date);
                match next("--profile RESET", &mut args)?.as_str() {
                    "true" => profile = profile.with_password_reset_required(true),
                    "false" => profile = profile.with_password_reset_required(false),
                    "-" => {}
                    other => return Err(format!("invalid RESET `{other}`: expected true, false or -")),
                }
                profiles.insert(profile.user_name.as_str().to_ascii_lowercase(), profile);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if profiles.is_empty() {
        let bob = LoginProfile::new(
            UserName::new("Bob").expect("valid"),
            "2011-09-19T23:00:56Z".parse().expect("valid"),
        );
        profiles.insert("bob".to_owned(), bob);
    }
    Ok(Options {
        port,
        store: Store {
            profiles,
            caller,
            requests: AtomicU64::new(0),
        },
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("usage: server [--port N] [--caller USER] [--profile USER CREATE_DATE true|false|-]...");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, options.port))).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {e}", options.port);
            return std::process::ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(options.port);
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{port}").and_then(|()| stdout.flush()).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    drop(stdout);
    let store = Arc::new(options.store);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                eprintln!("accept: {e}");
                continue;
            }
        };
        let store = Arc::clone(&store);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let store = Arc::clone(&store);
                async move { Ok::<_, Infallible>(store.serve(request).await) }
            });
            if let Err(e) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection: {e}");
            }
        });
    }
}
