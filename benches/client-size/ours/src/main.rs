//! A minimal signed GetLoginProfile with this crate and reqwest (plain http): the client
//! whose cold release build and size `../run.sh` measures.

use std::time::SystemTime;

use iam_login_profile::sigv4::{Credentials, Signer};
use iam_login_profile::{GetLoginProfileRequest, UserName, client};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint: http::Uri = std::env::args()
        .nth(1)
        .ok_or("usage: client-size-ours ENDPOINT")?
        .parse()?;
    let credentials = Credentials::new(
        std::env::var("AWS_ACCESS_KEY_ID")?,
        std::env::var("AWS_SECRET_ACCESS_KEY")?,
        None,
    );
    let signer = Signer::new(credentials);
    let request = GetLoginProfileRequest::new(Some(UserName::new("Bob")?));
    let mut signed = request.to_http_request(endpoint);
    signer.sign_http(&mut signed, SystemTime::now())?;
    let response = reqwest::Client::new()
        .execute(reqwest::Request::try_from(signed)?)
        .await?;
    let status = response.status().as_u16();
    let body = response.bytes().await?;
    let profile = client::decode::<GetLoginProfileRequest>(status, &body)?.login_profile;
    println!("{} {}", profile.user_name, profile.create_date);
    Ok(())
}
