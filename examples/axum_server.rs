//! `cargo run --example axum_server --features http,sigv4 -- [--port N] [--credentials AKID:SECRET]...`
//!
//! The login-profile family (`CreateLoginProfile`, `GetLoginProfile`,
//! `UpdateLoginProfile`, `DeleteLoginProfile`) from an in-memory map, served by axum under
//! `/iam` on 127.0.0.1, every request verified (SigV4, service `iam`, any region). It
//! prints the port it listens on (`--port 0`: any free one) on the first line of stdout.
//! An SDK's endpoint is then `http://127.0.0.1:PORT/iam`.
//!
//! What a user writes is the glue: the crate decodes (`server::decode_http_request`),
//! verifies (`sigv4::Verifier`, in steps, with a signing key kept per access key) and
//! answers (`Reply` into an `http::Response`, which axum sends as it is).
//!
//! Behind a router that strips a prefix (`nest_service`), the nested handler's URI is
//! `/`, while the client signed `/iam`: verification must read [`OriginalUri`], the URI
//! the client sent, or every signature mismatches.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, OriginalUri, State};
use axum::http::{HeaderMap, Method};
use axum::routing::any;
use iam_login_profile::server::{self, Reply};
use iam_login_profile::sigv4::{AuthError, SecretKey, SigningKey, Verifier};
use iam_login_profile::{
    CreateLoginProfileResponse, DeleteLoginProfileResponse, ErrorCode, ErrorMessage, ErrorResponse,
    GetLoginProfileResponse, LoginProfile, Request, RequestId, Timestamp, UpdateLoginProfileResponse,
};

const MAX_BODY: usize = 64 * 1024;

struct App {
    verifier: Verifier,
    secrets: HashMap<String, SecretKey>,
    /// The signing key last derived for each access key id (for one day, region and service).
    keys: Mutex<HashMap<String, SigningKey>>,
    /// Login profiles by lower-case user name (IAM's names are case-insensitive).
    profiles: Mutex<HashMap<String, LoginProfile<'static>>>,
    requests: AtomicU64,
}

async fn iam(
    State(app): State<Arc<App>>,
    OriginalUri(uri): OriginalUri,
    method: Method,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> http::Response<String> {
    let n = app.requests.fetch_add(1, Ordering::Relaxed) + 1;
    let id = RequestId::new_escaped(&format!("00000000-0000-4000-8000-{n:012x}"));
    let Ok(body) = body else {
        let message = ErrorMessage::new_escaped("Request body too large");
        let error = ErrorResponse::new(ErrorCode::REQUEST_ENTITY_TOO_LARGE_EXCEPTION, Some(message), Some(id));
        return Reply::error(&error).into();
    };
    // The request as the client sent and signed it: the original URI, not the nested one.
    let mut request = http::Request::new(body);
    (*request.method_mut(), *request.uri_mut(), *request.headers_mut()) = (method, uri, headers);
    let reply = match app.authenticate(&request) {
        Ok(()) => match server::decode_http_request(&request) {
            Ok(decoded) => app.answer(&decoded, id),
            Err(error) => Reply::from_error(&error, Some(id)),
        },
        Err(error) => Reply::from_error(&error, Some(id)),
    };
    reply.into()
}

impl App {
    /// Reads the signature, finds the secret, verifies with the key kept for its scope.
    fn authenticate(&self, request: &http::Request<Bytes>) -> Result<(), AuthError> {
        let signed = self.verifier.read_http(request, SystemTime::now())?;
        let Some(secret) = self.secrets.get(signed.access_key_id()) else {
            return Err(signed.unknown_key());
        };
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        let key = keys
            .entry(signed.access_key_id().to_owned())
            .and_modify(|key| {
                if !signed.key_matches(key) {
                    *key = signed.derive_key(secret);
                }
            })
            .or_insert_with(|| signed.derive_key(secret));
        signed.verify_with_key(key).map(drop)
    }

    fn answer(&self, request: &Request<'_>, id: RequestId<'static>) -> Reply {
        let Some(user) = request.user_name() else {
            let message = ErrorMessage::new_escaped("This server needs a UserName.");
            return Reply::error(&ErrorResponse::new(
                ErrorCode::VALIDATION_ERROR,
                Some(message),
                Some(id),
            ));
        };
        let mut profiles = self.profiles.lock().unwrap_or_else(|e| e.into_inner());
        let key = user.as_str().to_ascii_lowercase();
        let missing = || Reply::error(&ErrorResponse::no_such_login_profile(user, Some(id.clone())));
        match request {
            Request::CreateLoginProfile(_) if profiles.contains_key(&key) => {
                Reply::error(&ErrorResponse::login_profile_already_exists(user, Some(id)))
            }
            Request::CreateLoginProfile(create) => {
                let Ok(now) = Timestamp::try_from(SystemTime::now()) else {
                    return Reply::error(&ErrorResponse::new(ErrorCode::SERVICE_FAILURE, None, Some(id)));
                };
                let profile = LoginProfile::new(user.clone().into_owned(), now)
                    .with_password_reset_required(create.password_reset_required.unwrap_or(false));
                profiles.insert(key, profile.clone());
                Reply::success(&CreateLoginProfileResponse::new(profile, Some(id)))
            }
            Request::GetLoginProfile(_) => match profiles.get(&key) {
                Some(profile) => Reply::success(&GetLoginProfileResponse::new(profile.clone(), Some(id))),
                None => missing(),
            },
            Request::UpdateLoginProfile(update) => match profiles.get_mut(&key) {
                Some(profile) => {
                    if let Some(reset) = update.password_reset_required {
                        profile.password_reset_required = Some(reset);
                    }
                    Reply::success(&UpdateLoginProfileResponse::new(Some(id)))
                }
                None => missing(),
            },
            Request::DeleteLoginProfile(_) => match profiles.remove(&key) {
                Some(_) => Reply::success(&DeleteLoginProfileResponse::new(Some(id))),
                None => missing(),
            },
            other => Reply::not_implemented(other, Some(id)),
        }
    }
}

fn parse_args() -> Result<(u16, HashMap<String, SecretKey>), String> {
    let (mut port, mut secrets) = (0, HashMap::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--port" => port = value.parse().map_err(|_| format!("invalid --port `{value}`"))?,
            "--credentials" => {
                let (akid, secret) = value.split_once(':').ok_or("--credentials takes AKID:SECRET")?;
                secrets.insert(akid.to_owned(), SecretKey::new(secret));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok((port, secrets))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let (port, secrets) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\nusage: axum_server [--port N] [--credentials AKID:SECRET]...");
            return std::process::ExitCode::from(2);
        }
    };
    let app = Arc::new(App {
        verifier: Verifier::new().any_region(),
        secrets,
        keys: Mutex::default(),
        profiles: Mutex::default(),
        requests: AtomicU64::new(0),
    });
    let family = Router::new()
        .route("/", any(iam))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(app);
    let router = Router::new().nest_service("/iam", family);

    let listener = match tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("{}", listener.local_addr().map_or(port, |a| a.port()));
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("error: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
