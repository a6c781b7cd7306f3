//! ChangePassword and the account password policy through aws-sdk-iam over an in-memory
//! HTTP client: the SDK's bodies decode with `Request::decode` to the values given (and are
//! our encoder's bytes but for the SDK's `%20` for a space), and what our server side encodes
//! comes out of the SDK as the same values. 200 seeded cases per operation.

use aws_sdk_iam::operation::RequestId as _;
use iam_login_profile::password_policy::{
    MaxPasswordAge, MinimumPasswordLength, PasswordPolicy, PasswordReusePrevention,
};
use iam_login_profile::server::Reply;
use iam_login_profile::{
    ChangePasswordResponse, DeleteAccountPasswordPolicyResponse, ErrorResponse, GetAccountPasswordPolicyResponse,
    Request, RequestId, UpdateAccountPasswordPolicyResponse,
};

use crate::Rng;
use crate::family::{client, password, sent};

fn id(s: &str) -> Option<RequestId<'static>> {
    Some(RequestId::new(s.to_owned()).unwrap())
}

fn random_policy(rng: &mut Rng) -> PasswordPolicy {
    let mut p = PasswordPolicy::default();
    p.minimum_password_length = MinimumPasswordLength::new(rng.range(6, 128) as i64).unwrap();
    p.require_symbols = rng.range(0, 1) == 1;
    p.require_numbers = rng.range(0, 1) == 1;
    p.require_uppercase_characters = rng.range(0, 1) == 1;
    p.require_lowercase_characters = rng.range(0, 1) == 1;
    p.allow_users_to_change_password = rng.range(0, 1) == 1;
    p.max_password_age = (rng.range(0, 1) == 1).then(|| MaxPasswordAge::new(rng.range(1, 1095) as i64).unwrap());
    p.password_reuse_prevention =
        (rng.range(0, 1) == 1).then(|| PasswordReusePrevention::new(rng.range(1, 24) as i64).unwrap());
    p.hard_expiry = *rng.pick(&[None, Some(true), Some(false)]);
    p
}

#[tokio::test]
async fn change_password_generated() {
    let mut rng = Rng::new(20261205);
    for case in 0..200 {
        let (old, new) = (password(&mut rng), password(&mut rng));
        let rid = format!("change-{case}");
        let (sdk, seen) = client(Reply::success(&ChangePasswordResponse::new(id(&rid))), &rid);
        let output = sdk
            .change_password()
            .old_password(&old)
            .new_password(&new)
            .send()
            .await
            .unwrap();
        assert_eq!(output.request_id(), Some(rid.as_str()));
        let body = sent(&seen);
        let Request::ChangePassword(decoded) = Request::decode(&body).unwrap() else {
            panic!("case {case}")
        };
        assert_eq!(
            (
                decoded.old_password.expose_secret(),
                decoded.new_password.expose_secret()
            ),
            (&*old, &*new)
        );
    }
}

#[tokio::test]
async fn update_and_get_policy_generated() {
    let mut rng = Rng::new(20261206);
    for case in 0..200 {
        let policy = random_policy(&mut rng);
        let rid = format!("policy-{case}");

        // Update: every member sent decodes to the policy given.
        let (sdk, seen) = client(
            Reply::success(&UpdateAccountPasswordPolicyResponse::new(id(&rid))),
            &rid,
        );
        let output = sdk
            .update_account_password_policy()
            .minimum_password_length(i32::from(policy.minimum_password_length.get()))
            .require_symbols(policy.require_symbols)
            .require_numbers(policy.require_numbers)
            .require_uppercase_characters(policy.require_uppercase_characters)
            .require_lowercase_characters(policy.require_lowercase_characters)
            .allow_users_to_change_password(policy.allow_users_to_change_password)
            .set_max_password_age(policy.max_password_age.map(|a| i32::from(a.get())))
            .set_password_reuse_prevention(policy.password_reuse_prevention.map(|n| i32::from(n.get())))
            .set_hard_expiry(policy.hard_expiry)
            .send()
            .await
            .unwrap();
        assert_eq!(output.request_id(), Some(rid.as_str()));
        let body = sent(&seen);
        let Request::UpdateAccountPasswordPolicy(update) = Request::decode(&body).unwrap() else {
            panic!()
        };
        assert_eq!(PasswordPolicy::from(&update), policy, "case {case}");
        assert_eq!(
            update.to_query_string().as_bytes(),
            &body[..],
            "the SDK's bytes are our encoder's"
        );

        // Get: our response comes out of the SDK as the same policy.
        let response = GetAccountPasswordPolicyResponse::new(policy.clone(), id(&rid));
        let (sdk, seen) = client(Reply::success(&response), &rid);
        let got = sdk.get_account_password_policy().send().await.unwrap();
        assert_eq!(sent(&seen), b"Action=GetAccountPasswordPolicy&Version=2010-05-08");
        let p = got.password_policy().unwrap();
        assert_eq!(
            p.minimum_password_length(),
            Some(i32::from(policy.minimum_password_length.get()))
        );
        assert_eq!(
            (
                p.require_symbols(),
                p.require_numbers(),
                p.require_uppercase_characters(),
                p.require_lowercase_characters()
            ),
            (
                policy.require_symbols,
                policy.require_numbers,
                policy.require_uppercase_characters,
                policy.require_lowercase_characters
            )
        );
        assert_eq!(
            p.allow_users_to_change_password(),
            policy.allow_users_to_change_password
        );
        assert_eq!(p.expire_passwords(), policy.expire_passwords());
        assert_eq!(
            p.max_password_age(),
            policy.max_password_age.map(|a| i32::from(a.get()))
        );
        assert_eq!(
            p.password_reuse_prevention(),
            policy.password_reuse_prevention.map(|n| i32::from(n.get()))
        );
        assert_eq!(p.hard_expiry(), policy.hard_expiry);
    }
}

#[tokio::test]
async fn delete_and_the_missing_policy() {
    let (sdk, seen) = client(
        Reply::success(&DeleteAccountPasswordPolicyResponse::new(id("d-1"))),
        "d-1",
    );
    sdk.delete_account_password_policy().send().await.unwrap();
    assert_eq!(sent(&seen), b"Action=DeleteAccountPasswordPolicy&Version=2010-05-08");
    let (sdk, _) = client(
        Reply::error(&ErrorResponse::no_password_policy("123456789012", id("g-1"))),
        "g-1",
    );
    let err = sdk
        .get_account_password_policy()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_no_such_entity_exception());
    assert_eq!(
        aws_sdk_iam::error::ProvideErrorMetadata::message(&err),
        Some("The Password Policy with domain name 123456789012 cannot be found.")
    );
}
