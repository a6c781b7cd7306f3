//! The SDK against `examples/server.rs` over a real loopback socket.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use aws_sdk_iam::config::Credentials;
use aws_sdk_iam::config::timeout::TimeoutConfig;
use aws_sdk_iam::error::ProvideErrorMetadata;
use aws_sdk_iam::error::SdkError;
use aws_sdk_iam::operation::create_login_profile::CreateLoginProfileError;
use aws_sdk_iam::operation::delete_login_profile::DeleteLoginProfileError;
use aws_sdk_iam::operation::get_login_profile::{GetLoginProfileError, GetLoginProfileOutput};
use aws_sdk_iam::operation::update_login_profile::UpdateLoginProfileError;

use crate::{AKID, SECRET, config};

/// Each call's bound, on top of the SDK's own connect/operation timeouts.
const CALL_TIMEOUT: Duration = Duration::from_secs(20);

/// The server example's binary: `SERVER_BIN`, else `target/debug/examples/server`
/// (`CARGO_TARGET_DIR` honoured), built with cargo if missing.
fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("SERVER_BIN") {
        return PathBuf::from(path);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let path = target.join("debug").join("examples").join("server");
    if !path.is_file() {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--example", "server"])
            .current_dir(&root)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo build --example server failed");
    }
    path
}

/// A running server, killed on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Without the SigV4 check (`--no-auth`): the codec over HTTP.
    fn start(args: &[&str]) -> Server {
        Server::start_with(&["--no-auth"], args)
    }

    /// Checking SigV4 against the credentials of `config()`, whose user is `Caller`.
    fn start_signed(args: &[&str]) -> Server {
        Server::start_with(&["--credentials", &format!("{AKID}:{SECRET}:Caller")], args)
    }

    fn start_with(auth: &[&str], args: &[&str]) -> Server {
        let mut child = Command::new(server_binary())
            .args(["--port", "0"])
            .args(auth)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server example starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let mut server = Server { child, port: 0 };
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server prints its port within 30 s");
        server.port = line.trim().parse().unwrap_or_else(|_| panic!("not a port: {line:?}"));
        server
    }

    fn client(&self) -> aws_sdk_iam::Client {
        self.client_with(config())
    }

    fn client_with(&self, config: aws_sdk_iam::config::Builder) -> aws_sdk_iam::Client {
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(5))
            .read_timeout(Duration::from_secs(5))
            .operation_timeout(Duration::from_secs(10))
            .build();
        let conf = config
            .endpoint_url(format!("http://127.0.0.1:{}", self.port))
            .http_client(aws_smithy_http_client::Builder::new().build_http())
            .timeout_config(timeouts)
            .build();
        aws_sdk_iam::Client::from_conf(conf)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get(
    client: &aws_sdk_iam::Client,
    user: Option<&str>,
) -> Result<GetLoginProfileOutput, SdkError<GetLoginProfileError>> {
    let call = client.get_login_profile().set_user_name(user.map(str::to_owned)).send();
    tokio::time::timeout(CALL_TIMEOUT, call)
        .await
        .expect("the call ends within its timeout")
}

const PROFILES: &[&str] = &[
    "--profile",
    "Bob",
    "2011-09-19T23:00:56Z",
    "-",
    "--profile",
    "a+b=c,d.e@f-g_h",
    "2026-11-23T17:57:57.90714Z",
    "true",
    "--profile",
    "Caller",
    "2020-02-29T12:00:00Z",
    "false",
];

#[tokio::test]
async fn sdk_against_the_server_example() {
    let mut args = PROFILES.to_vec();
    args.extend(["--caller", "Caller"]);
    let server = Server::start(&args);
    let client = server.client();

    // Success.
    let out = get(&client, Some("Bob")).await.expect("Bob has a login profile");
    let profile = out.login_profile().unwrap();
    assert_eq!(profile.user_name(), "Bob");
    assert_eq!(profile.create_date().secs(), 1_316_473_256);
    assert!(!profile.password_reset_required());
    assert!(aws_sdk_iam::operation::RequestId::request_id(&out).is_some_and(|id| id.starts_with("00000000-")));

    let out = get(&client, Some("a+b=c,d.e@f-g_h")).await.unwrap();
    let profile = out.login_profile().unwrap();
    assert_eq!(profile.user_name(), "a+b=c,d.e@f-g_h");
    assert_eq!(profile.create_date().subsec_nanos(), 907_140_000);
    assert!(profile.password_reset_required());

    // Omitted UserName: the configured caller.
    let out = get(&client, None).await.unwrap();
    assert_eq!(out.login_profile().unwrap().user_name(), "Caller");

    // NoSuchEntity, typed.
    let err = get(&client, Some("Alice")).await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    match err.into_service_error() {
        GetLoginProfileError::NoSuchEntityException(e) => {
            assert_eq!(e.message(), Some("Login Profile for User Alice cannot be found."));
        }
        other => panic!("expected NoSuchEntityException, got {other:?}"),
    }

    // An invalid UserName: the SDK sends it (it validates nothing), the server answers ValidationError.
    for (user, constraint) in [
        (
            "bad name",
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
        ),
        ("José", "Member must satisfy regular expression pattern: [\\w+=,.@-]+"),
        (&*"a".repeat(65), "Member must have length less than or equal to 64"),
    ] {
        let err = get(&client, Some(user)).await.unwrap_err();
        assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
        let service = err.into_service_error();
        assert_eq!(service.code(), Some("ValidationError"));
        let expected = format!(
            "1 validation error detected: Value '{user}' at 'userName' failed to satisfy constraint: {constraint}"
        );
        assert_eq!(service.message(), Some(expected.as_str()));
    }

    // An empty UserName (botocore refuses it, the SDK sends `UserName=`): both constraints fail.
    let err = get(&client, Some("")).await.unwrap_err();
    let service = err.into_service_error();
    assert_eq!(service.code(), Some("ValidationError"));
    assert!(
        service.message().unwrap().starts_with("2 validation errors detected: "),
        "{service:?}"
    );
}

#[tokio::test]
async fn omitted_user_name_without_a_caller_is_no_such_entity() {
    let server = Server::start(PROFILES);
    let err = get(&server.client(), None).await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    match err.into_service_error() {
        GetLoginProfileError::NoSuchEntityException(e) => {
            assert_eq!(
                e.message(),
                Some("The caller is not a user: no UserName and no user for this access key.")
            );
        }
        other => panic!("expected NoSuchEntityException, got {other:?}"),
    }
}

/// Bounds any call with `CALL_TIMEOUT`.
async fn bounded<F: std::future::Future>(call: F) -> F::Output {
    tokio::time::timeout(CALL_TIMEOUT, call)
        .await
        .expect("the call ends within its timeout")
}

fn is_request_id(id: Option<&str>) -> bool {
    id.is_some_and(|id| id.len() == 36 && id.chars().filter(|&c| c == '-').count() == 4)
}

#[tokio::test]
async fn lifecycle_signed() {
    use aws_sdk_iam::operation::RequestId;

    let server = Server::start_signed(&[]);
    let client = server.client();
    let user = "Life.cycle+1@x";

    // Create.
    let out = bounded(
        client
            .create_login_profile()
            .user_name(user)
            .password("Initial-paßw0rd!")
            .password_reset_required(true)
            .send(),
    )
    .await
    .expect("create succeeds");
    assert!(is_request_id(out.request_id()), "{:?}", out.request_id());
    let profile = out.login_profile().expect("Create returns the profile");
    assert_eq!(profile.user_name(), user);
    assert!(profile.password_reset_required());
    let created = *profile.create_date();

    // Get.
    let out = get(&client, Some(user)).await.expect("the profile exists");
    let profile = out.login_profile().unwrap();
    assert_eq!(profile.user_name(), user);
    assert_eq!(*profile.create_date(), created);
    assert!(profile.password_reset_required());

    // Create again: EntityAlreadyExists, 409.
    let err = bounded(client.create_login_profile().user_name(user).password("another").send())
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 409);
    match err.into_service_error() {
        CreateLoginProfileError::EntityAlreadyExistsException(e) => {
            let expected = format!("Login Profile for user {user} already exists.");
            assert_eq!(e.message(), Some(expected.as_str()));
        }
        other => panic!("expected EntityAlreadyExistsException, got {other:?}"),
    }

    // Update the password only: the flag is kept.
    let out = bounded(
        client
            .update_login_profile()
            .user_name(user)
            .password("Changed\tpassw0rd\u{ff}")
            .send(),
    )
    .await
    .expect("update succeeds");
    assert!(is_request_id(out.request_id()));
    let profile = get(&client, Some(user)).await.unwrap().login_profile().unwrap().clone();
    assert!(profile.password_reset_required());
    assert_eq!(*profile.create_date(), created);

    // Update the reset flag only.
    bounded(
        client
            .update_login_profile()
            .user_name(user)
            .password_reset_required(false)
            .send(),
    )
    .await
    .expect("update succeeds");
    let profile = get(&client, Some(user)).await.unwrap().login_profile().unwrap().clone();
    assert!(!profile.password_reset_required());
    assert_eq!(profile.user_name(), user);
    assert_eq!(*profile.create_date(), created);

    // Delete.
    let out = bounded(client.delete_login_profile().user_name(user).send())
        .await
        .expect("delete succeeds");
    assert!(is_request_id(out.request_id()));

    // Get after delete: NoSuchEntity, 404.
    let err = get(&client, Some(user)).await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    match err.into_service_error() {
        GetLoginProfileError::NoSuchEntityException(e) => {
            let expected = format!("Login Profile for User {user} cannot be found.");
            assert_eq!(e.message(), Some(expected.as_str()));
        }
        other => panic!("expected NoSuchEntityException, got {other:?}"),
    }

    // Delete again: NoSuchEntity, 404.
    let err = bounded(client.delete_login_profile().user_name(user).send())
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    assert!(
        matches!(
            err.into_service_error(),
            DeleteLoginProfileError::NoSuchEntityException(_)
        ),
        "expected NoSuchEntityException"
    );

    // Update of a missing profile: NoSuchEntity, 404.
    let err = bounded(
        client
            .update_login_profile()
            .user_name(user)
            .password_reset_required(true)
            .send(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 404);
    assert!(
        matches!(
            err.into_service_error(),
            UpdateLoginProfileError::NoSuchEntityException(_)
        ),
        "expected NoSuchEntityException"
    );
}

#[tokio::test]
async fn wrong_secret_is_signature_does_not_match() {
    let server = Server::start_signed(&["--profile", "Bob", "2011-09-19T23:00:56Z", "-"]);
    // The right key signs: the profile comes back.
    let out = get(&server.client(), Some("Bob"))
        .await
        .expect("signed with the right secret");
    assert_eq!(out.login_profile().unwrap().user_name(), "Bob");

    let wrong = config().credentials_provider(Credentials::new(AKID, "not-the-secret", None, None, "test"));
    let err = get(&server.client_with(wrong), Some("Bob")).await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    let service = err.into_service_error();
    assert_eq!(service.code(), Some("SignatureDoesNotMatch"), "{service:?}");
}

#[tokio::test]
async fn unknown_key_is_invalid_client_token_id() {
    let server = Server::start_signed(&["--profile", "Bob", "2011-09-19T23:00:56Z", "-"]);
    let unknown = config().credentials_provider(Credentials::new("AKIDUNKNOWN", SECRET, None, None, "test"));
    let err = get(&server.client_with(unknown), Some("Bob")).await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    let service = err.into_service_error();
    assert_eq!(service.code(), Some("InvalidClientTokenId"), "{service:?}");
}

/// A request on its own connection (`Connection: close`), as given; the status and body.
fn send_raw(port: u16, method: &str, target: &str, headers: &[(String, String)]) -> (u16, String) {
    use std::io::{Read, Write};
    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("Content-Length: 0\r\nConnection: close\r\n\r\n");
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response.split_once("\r\n\r\n").unwrap().1.to_owned())
}

/// aws-sigv4 (what aws-sdk-iam signs with) reads `+` in a query as a space and signs
/// `New%20Password%201`: the server authenticates it and acts on `New Password 1`; the
/// same signature over `%2B` (a plus) is refused (issue 20).
#[tokio::test]
async fn aws_sigv4_get_with_a_plus_in_its_query_gets_its_answer() {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let server = Server::start_signed(&["--profile", "Bob", "2011-09-19T23:00:56Z", "-"]);
    let host = format!("127.0.0.1:{}", server.port);
    let target = "/?Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&Password=New+Password+1";
    let identity: aws_smithy_runtime_api::client::identity::Identity =
        aws_credential_types::Credentials::new(AKID, SECRET, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("iam")
        .time(std::time::SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let url = format!("http://{host}{target}");
    let signable = SignableRequest::new(
        "GET",
        &url,
        [("host", host.as_str())].into_iter(),
        SignableBody::Bytes(b""),
    );
    let (instructions, _) = sign(signable.unwrap(), &params).unwrap().into_parts();
    let mut headers = vec![("Host".to_owned(), host.clone())];
    headers.extend(instructions.headers().map(|(n, v)| (n.to_owned(), v.to_owned())));

    let (status, body) = send_raw(server.port, "GET", target, &headers);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<UpdateLoginProfileResponse"), "{body}");
    let (status, body) = send_raw(server.port, "GET", &target.replace('+', "%2B"), &headers);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("<Code>SignatureDoesNotMatch</Code>"), "{body}");
}

/// The policy's lifecycle over loopback, the SDK against `examples/server.rs`: AWS's default
/// policy before any is set, a policy set, read and enforced on Create, Update and
/// ChangePassword (reuse included), then deleted.
#[tokio::test]
async fn password_policy_lifecycle() {
    let server = Server::start_signed(&["--account-id", "210987654321"]);
    let client = server.client();
    let err = bounded(client.get_account_password_policy().send())
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_no_such_entity_exception());
    assert_eq!(
        err.message(),
        Some("The Password Policy with domain name 210987654321 cannot be found.")
    );
    // AWS's default policy: three of four types.
    let err = bounded(
        client
            .create_login_profile()
            .user_name("Weak")
            .password("abcdefgh")
            .send(),
    )
    .await
    .unwrap_err()
    .into_service_error();
    assert!(err.is_password_policy_violation_exception());
    bounded(
        client
            .update_account_password_policy()
            .minimum_password_length(10)
            .require_numbers(true)
            .password_reuse_prevention(2)
            .send(),
    )
    .await
    .unwrap();
    let policy = bounded(client.get_account_password_policy().send()).await.unwrap();
    let policy = policy.password_policy().unwrap();
    assert_eq!(
        (policy.minimum_password_length(), policy.require_numbers()),
        (Some(10), true)
    );
    assert_eq!(
        (policy.password_reuse_prevention(), policy.expire_passwords()),
        (Some(2), false)
    );
    let err = bounded(
        client
            .create_login_profile()
            .user_name("Caller")
            .password("no-numbers-here")
            .send(),
    )
    .await
    .unwrap_err()
    .into_service_error();
    assert_eq!(
        err.message(),
        Some("Password does not conform to the account password policy.")
    );
    bounded(
        client
            .create_login_profile()
            .user_name("Caller")
            .password("first pass 1")
            .send(),
    )
    .await
    .unwrap();
    bounded(
        client
            .change_password()
            .old_password("first pass 1")
            .new_password("second pass 2")
            .send(),
    )
    .await
    .unwrap();
    let err = bounded(
        client
            .change_password()
            .old_password("second pass 2")
            .new_password("first pass 1")
            .send(),
    )
    .await
    .unwrap_err()
    .into_service_error();
    assert!(err.is_password_policy_violation_exception());
    bounded(client.delete_account_password_policy().send()).await.unwrap();
    let err = bounded(client.delete_account_password_policy().send())
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some("The account policy with name PasswordPolicy cannot be found.")
    );
}
