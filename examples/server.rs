//! `cargo run --example server --features http,sigv4 -- [--port N] [--credentials AKID:SECRET[:USER]]... [--no-auth] [--log-mismatches]
//! [--caller USER] [--profile USER CREATE_DATE true|false|-]... [--account-id ID] [--account-name NAME] [--account-email EMAIL]`
//!
//! An IAM console-password server on 127.0.0.1 (hyper), serving the eight operations of
//! the crate from memory with IAM's behaviour where moto deviates:
//!
//! - the login profiles (`CreateLoginProfile`, `GetLoginProfile`, `UpdateLoginProfile`,
//!   `DeleteLoginProfile`): Create honours `PasswordResetRequired`, Update leaves omitted
//!   members unchanged, Create twice is `409 EntityAlreadyExists`, Get/Update/Delete of a
//!   missing profile is `404 NoSuchEntity` with IAM's message;
//! - the account's password policy (`GetAccountPasswordPolicy`, `UpdateAccountPasswordPolicy`,
//!   `DeleteAccountPasswordPolicy`; one per account, `--account-id`, 123456789012 by default),
//!   with IAM's texts when there is none;
//! - every new password (Create, Update with a `Password`, `ChangePassword`) checked against
//!   the policy, or AWS's default one when none is set (`--account-name`/`--account-email`
//!   are what that default refuses as a password), reuse prevention included: each user's
//!   recent passwords are kept as salted SHA-256 digests, never in plaintext;
//! - `ChangePassword` for the user the access key belongs to (or `--caller`), the old
//!   password compared in constant time; a wrong one is `403 AccessDenied`. (This example
//!   has no permission policies: every user may change their own password.)
//!
//! Every request must be signed (SigV4, service `iam`, any region) with one of the
//! `--credentials`, unless `--no-auth`; an omitted `UserName` is the user the access key
//! belongs to (`AKID:SECRET:USER`), or `--caller`. It prints the port it listens on (`--port
//! 0`: any free one) on the first line of stdout.
//!
//! The protocol work is the crate's: `server::decode_http_request`, `sigv4::Verifier`,
//! `Reply` into `http::Response`. What is left here is the socket and the store.
//!
//! Verification goes in the crate's steps: read the signature (no secret), find the
//! access key, verify with the signing key kept for that key's day, region and service
//! (derived once a day, not on every request). `--log-mismatches` prints, on stderr, the
//! canonical request and string to sign of every `SignatureDoesNotMatch` (they hold the
//! query and the signed headers: a `GET`'s password, a session token).

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request as HttpRequest, Response};
use hyper_util::rt::TokioIo;
use iam_login_profile::password_policy::{PasswordCheck, PasswordPolicy};
use iam_login_profile::server::{self, Reply};
use iam_login_profile::sigv4::{AuthError, Headers, SecretKey, SignedRequest, SigningKey, Verifier};
use iam_login_profile::{
    ChangePasswordResponse, CreateLoginProfileResponse, DeleteAccountPasswordPolicyResponse,
    DeleteLoginProfileResponse, ErrorCode, ErrorMessage, ErrorResponse, GetAccountPasswordPolicyResponse,
    GetLoginProfileResponse, LoginProfile, Password, Request, RequestId, Timestamp,
    UpdateAccountPasswordPolicyResponse, UpdateLoginProfileResponse, UserName,
};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;

const MAX_BODY: usize = 64 * 1024;

struct Credential {
    secret: SecretKey,
    user: Option<UserName<'static>>,
}

/// A password as this server keeps it: a random salt and SHA-256(salt ‖ password).
struct Digested {
    salt: [u8; 16],
    digest: [u8; 32],
}

impl Digested {
    fn new(password: &Password) -> Self {
        // Sixteen random bytes from std's per-process random hash keys (no RNG crate here).
        let mut salt = [0u8; 16];
        for chunk in salt.chunks_mut(8) {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(
                SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos() as u64),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
        Digested {
            salt,
            digest: Self::hash(&salt, password),
        }
    }

    fn hash(salt: &[u8; 16], password: &Password) -> [u8; 32] {
        Sha256::new()
            .chain_update(salt)
            .chain_update(password.expose_secret())
            .finalize()
            .into()
    }

    /// Is `password` the one digested? In constant time.
    fn matches(&self, password: &Password) -> bool {
        Self::hash(&self.salt, password).ct_eq(&self.digest).into()
    }
}

/// The most passwords IAM's reuse prevention looks back over.
const HISTORY: usize = 24;

struct Store {
    /// Login profiles by lower-case user name (IAM's names are case-insensitive).
    profiles: Mutex<HashMap<String, LoginProfile<'static>>>,
    /// Each user's passwords, newest (the current one) first, at most [`HISTORY`]; kept
    /// when the profile is deleted, as the reuse rule looks back over them.
    passwords: Mutex<HashMap<String, Vec<Digested>>>,
    /// The account's password policy; `None`: AWS's default applies.
    policy: Mutex<Option<PasswordPolicy>>,
    account_id: String,
    account_name: Option<String>,
    account_email: Option<String>,
    caller: Option<UserName<'static>>,
    credentials: HashMap<String, Credential>,
    /// The signing key last derived for each access key id (one scope each: a request of
    /// another day, region or service derives and replaces it).
    keys: Mutex<HashMap<String, SigningKey>>,
    log_mismatches: bool,
    auth: bool,
    requests: AtomicU64,
}

impl Store {
    fn next_request_id(&self) -> RequestId<'static> {
        let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        RequestId::new_escaped(&format!("00000000-0000-4000-8000-{n:012x}"))
    }

    /// Who the request is about: the named user, else the access key's user, else `--caller`.
    fn user<'r>(
        &'r self,
        named: Option<&'r UserName<'r>>,
        key_user: Option<&'r UserName<'static>>,
    ) -> Option<&'r UserName<'r>> {
        named.or(key_user).or(self.caller.as_ref())
    }

    /// Checks `password` for `key` (a lower-case user name) against the policy in force,
    /// its reuse rule over the user's kept digests included.
    fn check_password(&self, key: &str, password: &Password, id: &RequestId<'static>) -> Result<(), Reply> {
        let policy = self.policy.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let passwords = self.passwords.lock().unwrap_or_else(|e| e.into_inner());
        let history = passwords.get(key).map_or(&[][..], Vec::as_slice);
        let was_used = |candidate: &Password, n: u8| history.iter().take(usize::from(n)).any(|d| d.matches(candidate));
        let mut check = PasswordCheck::new(policy.as_ref()).previous_passwords(&was_used);
        if let Some(name) = &self.account_name {
            check = check.account_name(name);
        }
        if let Some(email) = &self.account_email {
            check = check.email(email);
        }
        check
            .check(password)
            .map_err(|violation| Reply::error(&violation.to_error_response(Some(id.clone()))))
    }

    /// Makes `password` the current one of `key`, the others moving down its history.
    fn set_password(&self, key: &str, password: &Password) {
        let mut passwords = self.passwords.lock().unwrap_or_else(|e| e.into_inner());
        let history = passwords.entry(key.to_owned()).or_default();
        history.insert(0, Digested::new(password));
        history.truncate(HISTORY);
    }

    /// The operations on the account's password policy.
    fn answer_policy(&self, request: &Request<'_>, id: RequestId<'static>) -> Option<Reply> {
        let mut policy = self.policy.lock().unwrap_or_else(|e| e.into_inner());
        Some(match request {
            Request::GetAccountPasswordPolicy(_) => match policy.as_ref() {
                Some(p) => Reply::success(&GetAccountPasswordPolicyResponse::new(p.clone(), Some(id))),
                None => Reply::error(&ErrorResponse::no_password_policy(&self.account_id, Some(id))),
            },
            Request::UpdateAccountPasswordPolicy(update) => {
                *policy = Some(PasswordPolicy::from(update));
                Reply::success(&UpdateAccountPasswordPolicyResponse::new(Some(id)))
            }
            Request::DeleteAccountPasswordPolicy(_) => match policy.take() {
                Some(_) => Reply::success(&DeleteAccountPasswordPolicyResponse::new(Some(id))),
                None => Reply::error(&ErrorResponse::no_password_policy_to_delete(Some(id))),
            },
            _ => return None,
        })
    }

    /// `ChangePassword` for the caller: the old password, then the new one's check.
    fn change_password(&self, caller: Option<&UserName<'_>>, request: &Request<'_>, id: RequestId<'static>) -> Reply {
        let Request::ChangePassword(change) = request else {
            return Reply::not_implemented(request, Some(id));
        };
        let Some(user) = caller else {
            return Reply::error(&ErrorResponse::new(
                ErrorCode::INVALID_USER_TYPE,
                Some(ErrorMessage::new_escaped(
                    "Only an IAM user can change their own password.",
                )),
                Some(id),
            ));
        };
        let key = user.as_str().to_ascii_lowercase();
        if !self
            .profiles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(&key)
        {
            return Reply::error(&ErrorResponse::no_such_login_profile(user, Some(id)));
        }
        let current_matches = {
            let passwords = self.passwords.lock().unwrap_or_else(|e| e.into_inner());
            passwords
                .get(&key)
                .and_then(|h| h.first())
                .is_some_and(|d| d.matches(&change.old_password))
        };
        if !current_matches {
            return Reply::error(&ErrorResponse::new(
                ErrorCode::ACCESS_DENIED,
                Some(ErrorMessage::new_escaped("The old password is not correct.")),
                Some(id),
            ));
        }
        if let Err(reply) = self.check_password(&key, &change.new_password, &id) {
            return reply;
        }
        self.set_password(&key, &change.new_password);
        // A password the user chose answers a reset the profile asked for.
        if let Some(profile) = self.profiles.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&key)
            && profile.password_reset_required == Some(true)
        {
            profile.password_reset_required = Some(false);
        }
        Reply::success(&ChangePasswordResponse::new(Some(id)))
    }

    fn answer(&self, request: &Request<'_>, key_user: Option<&UserName<'static>>, id: RequestId<'static>) -> Reply {
        if let Some(reply) = self.answer_policy(request, id.clone()) {
            return reply;
        }
        if let Request::ChangePassword(_) = request {
            return self.change_password(key_user.or(self.caller.as_ref()), request, id);
        }
        let Some(user) = self.user(request.user_name(), key_user) else {
            return Reply::error(&ErrorResponse::new(
                ErrorCode::NO_SUCH_ENTITY,
                Some(ErrorMessage::new_escaped(
                    "The caller is not a user: no UserName and no user for this access key.",
                )),
                Some(id),
            ));
        };
        let key = user.as_str().to_ascii_lowercase();
        let mut profiles = self.profiles.lock().unwrap_or_else(|e| e.into_inner());
        match request {
            Request::CreateLoginProfile(create) => {
                if profiles.contains_key(&key) {
                    return Reply::error(&ErrorResponse::login_profile_already_exists(user, Some(id)));
                }
                if create.password.is_none() {
                    return Reply::error(&ErrorResponse::new(
                        ErrorCode::INVALID_PARAMETER_COMBINATION,
                        Some(ErrorMessage::new_escaped(
                            "A password is required outside an AssumeRoot session.",
                        )),
                        Some(id),
                    ));
                }
                if let Some(password) = &create.password {
                    if let Err(reply) = self.check_password(&key, password, &id) {
                        return reply;
                    }
                    self.set_password(&key, password);
                }
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
                None => Reply::error(&ErrorResponse::no_such_login_profile(user, Some(id))),
            },
            Request::UpdateLoginProfile(update) => match profiles.get_mut(&key) {
                Some(profile) => {
                    if let Some(password) = &update.password {
                        if let Err(reply) = self.check_password(&key, password, &id) {
                            return reply;
                        }
                        self.set_password(&key, password);
                    }
                    // The reset flag changes only when sent.
                    if let Some(reset) = update.password_reset_required {
                        profile.password_reset_required = Some(reset);
                    }
                    Reply::success(&UpdateLoginProfileResponse::new(Some(id)))
                }
                None => Reply::error(&ErrorResponse::no_such_login_profile(user, Some(id))),
            },
            Request::DeleteLoginProfile(_) => match profiles.remove(&key) {
                Some(_) => Reply::success(&DeleteLoginProfileResponse::new(Some(id))),
                None => Reply::error(&ErrorResponse::no_such_login_profile(user, Some(id))),
            },
            other => Reply::not_implemented(other, Some(id)),
        }
    }

    async fn serve(&self, request: HttpRequest<Incoming>) -> Response<Full<Bytes>> {
        let id = self.next_request_id();
        let (parts, body) = request.into_parts();
        let reply = match Limited::new(body, MAX_BODY).collect().await {
            Ok(collected) => self.handle(HttpRequest::from_parts(parts, collected.to_bytes()), id),
            Err(_) => Reply::error(&ErrorResponse::new(
                ErrorCode::REQUEST_ENTITY_TOO_LARGE_EXCEPTION,
                Some(ErrorMessage::new_escaped("Request body too large")),
                Some(id),
            )),
        };
        http::Response::from(reply).map(|body| Full::new(Bytes::from(body)))
    }

    /// Steps 2 and 3 of verifying: the access key's credential, then its kept signing key.
    fn authenticate<H: Headers + ?Sized>(&self, signed: &SignedRequest<'_, H>) -> Result<&Credential, AuthError> {
        let Some(credential) = self.credentials.get(signed.access_key_id()) else {
            return Err(signed.unknown_key());
        };
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        let key = match keys.get(signed.access_key_id()) {
            Some(key) if signed.key_matches(key) => key,
            _ => {
                let key = signed.derive_key(&credential.secret);
                keys.insert(signed.access_key_id().to_owned(), key);
                &keys[signed.access_key_id()]
            }
        };
        signed.verify_with_key(key)?;
        Ok(credential)
    }

    fn handle(&self, request: HttpRequest<Bytes>, id: RequestId<'static>) -> Reply {
        let mut key_user = None;
        if self.auth {
            let verified = Verifier::new()
                .any_region()
                .read_http(&request, SystemTime::now())
                .and_then(|signed| self.authenticate(&signed));
            match verified {
                Ok(credential) => key_user = credential.user.clone(),
                Err(e) => {
                    if let (true, Some(mismatch)) = (self.log_mismatches, e.mismatch()) {
                        eprintln!(
                            "SignatureDoesNotMatch: canonical request:\n{}\nstring to sign:\n{}",
                            mismatch.canonical_request(),
                            mismatch.string_to_sign()
                        );
                    }
                    return Reply::from_error(&e, Some(id));
                }
            }
        }
        match server::decode_http_request(&request) {
            Ok(decoded) => self.answer(&decoded, key_user.as_ref(), id),
            Err(error) => Reply::from_error(&error, Some(id)),
        }
    }
}

struct Options {
    port: u16,
    store: Store,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut port = 0;
    let mut caller = None;
    let mut auth = true;
    let mut log_mismatches = false;
    let mut credentials = HashMap::new();
    let mut profiles = HashMap::new();
    let mut account_id = "123456789012".to_owned();
    let mut account_name = None;
    let mut account_email = None;
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
            "--no-auth" => auth = false,
            "--account-id" => account_id = next("--account-id value", &mut args)?,
            "--account-name" => account_name = Some(next("--account-name value", &mut args)?),
            "--account-email" => account_email = Some(next("--account-email value", &mut args)?),
            "--log-mismatches" => log_mismatches = true,
            "--credentials" => {
                let value = next("--credentials AKID:SECRET[:USER]", &mut args)?;
                let mut fields = value.splitn(3, ':');
                let (Some(akid), Some(secret)) = (fields.next(), fields.next()) else {
                    return Err("invalid --credentials: expected AKID:SECRET[:USER]".into());
                };
                let user = fields
                    .next()
                    .map(|u| UserName::new(u.to_owned()).map_err(|e| e.to_string()))
                    .transpose()?;
                credentials.insert(
                    akid.to_owned(),
                    Credential {
                        secret: SecretKey::new(secret),
                        user,
                    },
                );
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
            UserName::new("Bob").map_err(|e| e.to_string())?,
            "2011-09-19T23:00:56Z"
                .parse()
                .map_err(|e: iam_login_profile::TimestampError| e.to_string())?,
        );
        profiles.insert("bob".to_owned(), bob);
    }
    Ok(Options {
        port,
        store: Store {
            profiles: Mutex::new(profiles),
            passwords: Mutex::new(HashMap::new()),
            policy: Mutex::new(None),
            account_id,
            account_name,
            account_email,
            caller,
            credentials,
            keys: Mutex::new(HashMap::new()),
            log_mismatches,
            auth,
            requests: AtomicU64::new(0),
        },
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    const USAGE: &str = "usage: server [--port N] [--credentials AKID:SECRET[:USER]]... [--no-auth] [--log-mismatches] [--caller USER] [--profile USER CREATE_DATE true|false|-]... [--account-id ID] [--account-name NAME] [--account-email EMAIL]";
    if matches!(std::env::args().nth(1).as_deref(), Some("--help" | "-h")) {
        println!("{USAGE}");
        return std::process::ExitCode::SUCCESS;
    }
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("{USAGE}");
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
