//! A minimal GetLoginProfile with aws-sdk-iam (plain http, the SDK's hyper client): the
//! client whose cold release build and size `../run.sh` measures.

use aws_sdk_iam::config::{Credentials, Region};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args()
        .nth(1)
        .ok_or("usage: client-size-aws-sdk-iam ENDPOINT")?;
    let credentials = Credentials::new(
        std::env::var("AWS_ACCESS_KEY_ID")?,
        std::env::var("AWS_SECRET_ACCESS_KEY")?,
        None,
        None,
        "env",
    );
    let config = aws_sdk_iam::Config::builder()
        .credentials_provider(credentials)
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .build();
    let output = aws_sdk_iam::Client::from_conf(config)
        .get_login_profile()
        .user_name("Bob")
        .send()
        .await?;
    let profile = output.login_profile().ok_or("no LoginProfile")?;
    println!("{} {}", profile.user_name(), profile.create_date());
    Ok(())
}
