//! The family (Create/Update/DeleteLoginProfile) through aws-sdk-iam over an in-memory HTTP
//! client: what the SDK sends (it writes a space as `%20`, botocore as `+`) decodes with
//! `Request::decode` to the values given, and what our server side encodes comes out of the
//! SDK as the same values. 200 seeded cases per operation.

use std::sync::{Arc, Mutex};

use aws_sdk_iam::operation::RequestId as _;
use aws_smithy_http_client::test_util::infallible_client_fn;
use iam_login_profile::server::Reply;
use iam_login_profile::{
    CreateLoginProfileResponse, DeleteLoginProfileResponse, LoginProfile, Request, RequestId, Timestamp,
    UpdateLoginProfileResponse, UserName,
};

use crate::{Rng, config};

const NAME: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-";

/// A client whose every call is answered with `reply`; the body it sent lands in the slot.
pub(crate) fn client(reply: Reply, request_id: &str) -> (aws_sdk_iam::Client, Arc<Mutex<Option<Vec<u8>>>>) {
    let seen = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&seen);
    let request_id = request_id.to_owned();
    let http_client = infallible_client_fn(move |request| {
        *slot.lock().unwrap() = Some(request.body().bytes().expect("an in-memory body").to_vec());
        http::Response::builder()
            .status(reply.http_status())
            .header("content-type", Reply::CONTENT_TYPE)
            .header("x-amzn-RequestId", request_id.as_str())
            .body(reply.body().to_owned())
            .unwrap()
    });
    (
        aws_sdk_iam::Client::from_conf(config().http_client(http_client).build()),
        seen,
    )
}

fn name(rng: &mut Rng) -> String {
    let any = rng.range(1, 64);
    let len = *rng.pick(&[1, 64, any]);
    (0..len).map(|_| *rng.pick(NAME) as char).collect()
}

/// A password over the whole `passwordType` range: tab, LF, CR, U+0020..=U+00FF.
pub(crate) fn password(rng: &mut Rng) -> String {
    let any = rng.range(1, 128);
    let len = *rng.pick(&[1, 128, any]);
    (0..len)
        .map(|_| match rng.range(0, 20) {
            0 => *rng.pick(&['\t', '\n', '\r']),
            _ => char::from_u32(rng.range(0x20, 0xFF) as u32).unwrap(),
        })
        .collect()
}

pub(crate) fn sent(seen: &Arc<Mutex<Option<Vec<u8>>>>) -> Vec<u8> {
    seen.lock().unwrap().clone().expect("the SDK sent a request")
}

#[tokio::test]
async fn create_update_delete_generated() {
    let mut rng = Rng::new(20261124);
    for case in 0..200 {
        let user = name(&mut rng);
        let pass = password(&mut rng);
        let reset = *rng.pick(&[None, Some(true), Some(false)]);
        let id = format!("family-{case}");
        let created: Timestamp = Timestamp::from_unix_timestamp(rng.range(0, 4_000_000_000) as i64, 0).unwrap();

        // Create: the SDK's body decodes to the members given; our response reads back.
        let mut profile = LoginProfile::new(UserName::new(user.clone()).unwrap(), created);
        profile = profile.with_password_reset_required(reset.unwrap_or(false));
        let response = CreateLoginProfileResponse::new(profile, Some(RequestId::new(id.clone()).unwrap()));
        let (sdk, seen) = client(Reply::success(&response), &id);
        let output = sdk
            .create_login_profile()
            .user_name(&user)
            .password(&pass)
            .set_password_reset_required(reset)
            .send()
            .await
            .unwrap_or_else(|e| panic!("case {case}: {}", aws_sdk_iam::error::DisplayErrorContext(e)));
        let body = sent(&seen);
        match Request::decode(&body).unwrap_or_else(|e| panic!("case {case}: {e}")) {
            Request::CreateLoginProfile(r) => {
                assert_eq!(
                    r.user_name.as_ref().map(UserName::as_str),
                    Some(user.as_str()),
                    "case {case}"
                );
                assert_eq!(
                    r.password.as_ref().map(|p| p.expose_secret()),
                    Some(pass.as_str()),
                    "case {case}"
                );
                assert_eq!(r.password_reset_required, reset, "case {case}");
            }
            other => panic!("case {case}: {:?}", other.action()),
        }
        let got = output.login_profile().expect("a login profile");
        assert_eq!(got.user_name(), user);
        assert_eq!(got.create_date().secs(), created.unix_timestamp());
        assert_eq!(got.password_reset_required(), reset.unwrap_or(false));
        assert_eq!(output.request_id(), Some(id.as_str()));

        // Update: only what is given is sent.
        let new_password = rng.pick(&[None, Some(pass.clone())]).clone();
        let new_reset = *rng.pick(&[None, Some(true), Some(false)]);
        let reply = Reply::success(&UpdateLoginProfileResponse::new(Some(
            RequestId::new(id.clone()).unwrap(),
        )));
        let (sdk, seen) = client(reply, &id);
        let output = sdk
            .update_login_profile()
            .user_name(&user)
            .set_password(new_password.clone())
            .set_password_reset_required(new_reset)
            .send()
            .await
            .unwrap_or_else(|e| panic!("case {case}: {}", aws_sdk_iam::error::DisplayErrorContext(e)));
        match Request::decode(&sent(&seen)).unwrap_or_else(|e| panic!("case {case}: {e}")) {
            Request::UpdateLoginProfile(r) => {
                assert_eq!(r.user_name.as_str(), user, "case {case}");
                assert_eq!(r.password.as_ref().map(|p| p.expose_secret().to_owned()), new_password);
                assert_eq!(r.password_reset_required, new_reset, "case {case}");
            }
            other => panic!("case {case}: {:?}", other.action()),
        }
        assert_eq!(output.request_id(), Some(id.as_str()));

        // Delete.
        let reply = Reply::success(&DeleteLoginProfileResponse::new(Some(
            RequestId::new(id.clone()).unwrap(),
        )));
        let (sdk, seen) = client(reply, &id);
        let output = sdk.delete_login_profile().user_name(&user).send().await.unwrap();
        match Request::decode(&sent(&seen)).unwrap() {
            Request::DeleteLoginProfile(r) => {
                assert_eq!(r.user_name.as_ref().map(UserName::as_str), Some(user.as_str()))
            }
            other => panic!("case {case}: {:?}", other.action()),
        }
        assert_eq!(output.request_id(), Some(id.as_str()));
    }
}

#[tokio::test]
async fn a_space_is_percent_20_from_the_sdk_and_decodes_the_same() {
    let response = UpdateLoginProfileResponse::new(None);
    let (sdk, seen) = client(Reply::success(&response), "r");
    sdk.update_login_profile()
        .user_name("Bob")
        .password("a b")
        .send()
        .await
        .unwrap();
    let body = sent(&seen);
    assert!(
        std::str::from_utf8(&body).unwrap().contains("Password=a%20b"),
        "{body:?}"
    );
    let Request::UpdateLoginProfile(r) = Request::decode(&body).unwrap() else {
        panic!()
    };
    assert_eq!(r.password.unwrap().expose_secret(), "a b");
}
