//! `cargo run --example reqwest_client --features http,sigv4 -- --endpoint http://127.0.0.1:PORT/iam --user NAME`
//!
//! A client as a user writes one with reqwest: one generic, signed call typed by the
//! request (`Operation`), then the login-profile family in turn against the endpoint:
//! create, get, update, get, delete, get. Credentials come from `AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY` and (optionally) `AWS_SESSION_TOKEN`. Prints one line per call
//! and exits 0 when the last get is the `NoSuchEntity` expected, else 1 (2 for bad usage).
//!
//! Plain `http://` only: reqwest is built without TLS here.

use std::error::Error;
use std::process::ExitCode;
use std::time::SystemTime;

use iam_login_profile::sigv4::{Credentials, Signer};
use iam_login_profile::{
    ClientError, CreateLoginProfileRequest, DeleteLoginProfileRequest, ErrorCode, GetLoginProfileRequest, Operation,
    Password, UpdateLoginProfileRequest, UserName, client,
};

/// What a long-lived client holds: the connection pool, the endpoint, the signer.
struct Iam {
    http: reqwest::Client,
    endpoint: http::Uri,
    signer: Signer,
}

impl Iam {
    /// Encodes, signs, sends and decodes one call; the response type follows from `Q`.
    async fn call<Q: Operation>(&self, request: &Q) -> Result<Q::Response<'static>, Box<dyn Error>> {
        let mut signed = http::Request::post(self.endpoint.clone())
            .header(http::header::CONTENT_TYPE, GetLoginProfileRequest::CONTENT_TYPE)
            .body(request.to_query_string())?;
        self.signer.sign_http(&mut signed, SystemTime::now())?;
        let response = self.http.execute(reqwest::Request::try_from(signed)?).await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?;
        Ok(client::decode_owned::<Q>(status, &body)?)
    }
}

async fn run(iam: &Iam, user: UserName<'static>, password: Password) -> Result<(), Box<dyn Error>> {
    let created = iam
        .call(&CreateLoginProfileRequest::new(user.clone(), password))
        .await?;
    let profile = created.login_profile;
    println!(
        "CreateLoginProfile: {} reset={:?}",
        profile.user_name, profile.password_reset_required
    );
    let got = iam.call(&GetLoginProfileRequest::new(Some(user.clone()))).await?;
    println!(
        "GetLoginProfile: {} reset={:?} same CreateDate: {}",
        got.login_profile.user_name,
        got.login_profile.password_reset_required,
        got.login_profile.create_date == profile.create_date
    );
    let update = UpdateLoginProfileRequest::new(user.clone()).with_password_reset_required(true);
    iam.call(&update).await?;
    println!("UpdateLoginProfile: ok");
    let got = iam.call(&GetLoginProfileRequest::new(Some(user.clone()))).await?;
    println!(
        "GetLoginProfile: {} reset={:?}",
        got.login_profile.user_name, got.login_profile.password_reset_required
    );
    iam.call(&DeleteLoginProfileRequest::new(Some(user.clone()))).await?;
    println!("DeleteLoginProfile: ok");
    let gone = iam.call(&GetLoginProfileRequest::new(Some(user))).await.unwrap_err();
    match gone.downcast_ref::<ClientError>() {
        Some(err) if err.code() == Some(&ErrorCode::NO_SUCH_ENTITY) => {
            println!(
                "GetLoginProfile: {} {}: {}",
                err.http_status(),
                ErrorCode::NO_SUCH_ENTITY,
                err.message().unwrap_or_default()
            );
            Ok(())
        }
        _ => Err(gone),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut endpoint, mut user) = (None, None);
    while let (Some(name), Some(value)) = (args.next(), args.next()) {
        match name.as_str() {
            "--endpoint" => endpoint = value.parse::<http::Uri>().ok(),
            "--user" => user = UserName::new(value).ok(),
            _ => endpoint = None,
        }
    }
    let (Some(endpoint), Some(user)) = (endpoint, user) else {
        eprintln!("usage: reqwest_client --endpoint http://HOST:PORT[/PATH] --user NAME");
        return ExitCode::from(2);
    };
    let (Ok(akid), Ok(secret)) = (
        std::env::var("AWS_ACCESS_KEY_ID"),
        std::env::var("AWS_SECRET_ACCESS_KEY"),
    ) else {
        eprintln!("error: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        return ExitCode::from(2);
    };
    let credentials = Credentials::new(akid, secret, std::env::var("AWS_SESSION_TOKEN").ok());
    let iam = Iam {
        http: reqwest::Client::new(),
        endpoint,
        signer: Signer::new(credentials),
    };
    let password = Password::new("Correct-Horse-7").expect("a valid password");
    match run(&iam, user, password).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
