//! The password policy check against the plain reference of `fuzzing_policy` (a character
//! at a time, the symbols as a list of `char`s, the rules as the documentation states
//! them), over random passwords, policies, account names and histories chosen to sit near
//! every rule's edge; and the messages and the error pinned.

use arbitrary::{Arbitrary, Unstructured};
use iam_login_profile::password_policy::{
    MaxPasswordAge, MinimumPasswordLength, PasswordCheck, PasswordPolicy, PasswordReusePrevention, PolicyInForce, Rule,
};
use iam_login_profile::{ErrorCode, Password, RequestId};

use iam_login_profile::fuzzing_policy::reference_rules;

use crate::properties::Rng;

/// The twenty symbols as the IAM documentation lists them.
const DOC_SYMBOLS: [char; 20] = [
    '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '-', '=', '[', ']', '{', '}', '|', '\'',
];

/// A password from pieces that sit near every rule's edge: each type or none of it, other
/// punctuation, Latin-1 letters, lengths around 6, 8 and the policy's minimum.
fn random_password(rng: &mut Rng) -> String {
    const POOLS: [&str; 7] = [
        "ABCXYZ",
        "abcxyz",
        "0189",
        "!@#$%^&*()_+-=[]{}|'",
        " ~`\".,/;:<>?\\",
        "ÀÉßéÿ×",
        "\t\n\r",
    ];
    let max = if rng.below(4) == 0 { 128 } else { 14 };
    let len = 1 + rng.below(max);
    let pools: Vec<&str> = POOLS.iter().filter(|_| rng.below(2) == 0).copied().collect();
    let pools = if pools.is_empty() { vec![POOLS[1]] } else { pools };
    (0..len)
        .map(|_| {
            let pool: Vec<char> = pools[rng.below(pools.len())].chars().collect();
            pool[rng.below(pool.len())]
        })
        .collect()
}

#[test]
fn the_check_agrees_with_the_reference() {
    let mut rng = Rng::new(0x9A55);
    let mut failures_seen = std::collections::BTreeSet::new();
    for case in 0..20_000 {
        let text = random_password(&mut rng);
        let password = Password::new(text.clone()).unwrap();
        let bytes = rng.bytes(64);
        let policy = if rng.below(3) == 0 {
            None
        } else {
            Some(PasswordPolicy::arbitrary(&mut Unstructured::new(&bytes)).unwrap())
        };
        // The account name or e-mail is sometimes the password itself.
        let account = match rng.below(3) {
            0 => Some(text.clone()),
            1 => Some("Corp-Acct1".to_owned()),
            _ => None,
        };
        let email = (rng.below(4) == 0).then(|| text.clone());
        let history_len = rng.below(30);
        let reuse_at = rng.below(40);
        let history: Vec<String> = (0..history_len)
            .map(|i| {
                if i == reuse_at {
                    text.clone()
                } else {
                    format!("old-{i}")
                }
            })
            .collect();
        let history_refs: Vec<&str> = history.iter().map(String::as_str).collect();

        let was_used = |candidate: &Password, n: u8| {
            history
                .iter()
                .take(usize::from(n))
                .any(|old| old.as_str() == candidate.expose_secret())
        };
        let mut check = PasswordCheck::new(PolicyInForce::from(policy.as_ref())).previous_passwords(&was_used);
        if let Some(a) = &account {
            check = check.account_name(a);
        }
        if let Some(e) = &email {
            check = check.email(e);
        }
        let ours: Vec<Rule> = match check.check(&password) {
            Ok(()) => Vec::new(),
            Err(v) => v.rules().collect(),
        };
        let expected = reference_rules(
            &text,
            policy.as_ref(),
            account.as_deref(),
            email.as_deref(),
            &history_refs,
        );
        assert_eq!(ours, expected, "case {case}: {text:?} under {policy:?}");
        for rule in &ours {
            failures_seen.insert(format!("{:?}", std::mem::discriminant(rule)));
        }
    }
    // Every kind of rule failed somewhere: the generator reaches them all.
    assert_eq!(failures_seen.len(), 9, "{failures_seen:?}");
}

#[test]
fn messages_and_the_error() {
    let mut policy = PasswordPolicy::default();
    policy.minimum_password_length = MinimumPasswordLength::new(14).unwrap();
    policy.require_uppercase_characters = true;
    policy.require_lowercase_characters = true;
    policy.require_numbers = true;
    policy.require_symbols = true;
    policy.max_password_age = Some(MaxPasswordAge::new(90).unwrap());
    policy.password_reuse_prevention = Some(PasswordReusePrevention::new(5).unwrap());
    // An account's own policy: IAM's one sentence; every rule in the details.
    let violation = PasswordCheck::new(&policy)
        .check(&Password::new("abc def").unwrap())
        .unwrap_err();
    assert_eq!(
        violation.to_string(),
        "Password does not conform to the account password policy."
    );
    assert_eq!(
        violation.details().to_string(),
        "Password should have at least 14 characters. Password should have at least one uppercase letter. \
         Password should have at least one number. Password should have at least one symbol."
    );
    let id = RequestId::new("c0ffee00-0000-4000-8000-000000000022").unwrap();
    let error = violation.to_error_response(Some(id.clone()));
    assert_eq!(error.error.code, ErrorCode::PASSWORD_POLICY_VIOLATION);
    assert_eq!(
        (error.http_status(), error.error.code.fault().as_str()),
        (400, "Sender")
    );
    assert_eq!(
        error.to_xml(),
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n    <Type>Sender</Type>\n    \
         <Code>PasswordPolicyViolation</Code>\n    <Message>Password does not conform to the account password policy.</Message>\n  \
         </Error>\n  <RequestId>c0ffee00-0000-4000-8000-000000000022</RequestId>\n</ErrorResponse>\n"
    );
    // AWS's default policy: the rules are the message.
    let violation = PasswordCheck::new(None)
        .check(&Password::new("abcdefg").unwrap())
        .unwrap_err();
    let message = "Password should have at least 8 characters. Password should meet 2 more of the following \
                   requirements: Password should have at least one uppercase letter, Password should have at least one \
                   number, Password should have at least one symbol.";
    assert_eq!(violation.to_string(), message);
    assert_eq!(violation.details().to_string(), message);
    assert_eq!(
        violation.to_error_response(Some(id)).error.message.unwrap().as_str(),
        message
    );
    // Every one of the twenty symbols satisfies RequireSymbols alone; other punctuation does not.
    let mut symbols_only = PasswordPolicy::default();
    symbols_only.require_symbols = true;
    let check = PasswordCheck::new(&symbols_only);
    for c in DOC_SYMBOLS {
        assert!(check.check(&Password::new(format!("aaaaa{c}")).unwrap()).is_ok(), "{c}");
    }
    for c in [
        ' ', '~', '`', '"', ',', '.', '/', ';', ':', '<', '>', '?', '\\', '§', '¿',
    ] {
        assert_eq!(
            check
                .check(&Password::new(format!("aaaaa{c}")).unwrap())
                .unwrap_err()
                .rules()
                .collect::<Vec<_>>(),
            [Rule::Symbols],
            "{c:?}"
        );
    }
    // Length is in characters: six two-byte characters meet a minimum of six.
    assert!(
        PasswordCheck::new(&PasswordPolicy::default())
            .check(&Password::new("éééééé").unwrap())
            .is_ok()
    );
}

#[test]
fn serde_is_boto3s_dict() {
    use ::serde_json::{from_value, json, to_value};
    // boto3's `get_account_password_policy()["PasswordPolicy"]` for moto's "all" vector.
    let boto3 = json!({
        "MinimumPasswordLength": 14, "RequireSymbols": true, "RequireNumbers": true,
        "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": false,
        "AllowUsersToChangePassword": true, "ExpirePasswords": true, "MaxPasswordAge": 90,
        "PasswordReusePrevention": 24, "HardExpiry": false
    });
    let policy: PasswordPolicy = from_value(boto3.clone()).unwrap();
    assert_eq!(policy.minimum_password_length.get(), 14);
    assert_eq!(policy.max_password_age.map(MaxPasswordAge::get), Some(90));
    assert_eq!(policy.hard_expiry, Some(false));
    assert_eq!(to_value(&policy).unwrap(), boto3);
    // The defaults as IAM answers them (unset members left out), and as moto writes them.
    let iam = json!({
        "MinimumPasswordLength": 6, "RequireSymbols": false, "RequireNumbers": false,
        "RequireUppercaseCharacters": false, "RequireLowercaseCharacters": false,
        "AllowUsersToChangePassword": false, "ExpirePasswords": false
    });
    assert_eq!(to_value(PasswordPolicy::default()).unwrap(), iam);
    assert_eq!(from_value::<PasswordPolicy>(iam).unwrap(), PasswordPolicy::default());
    let moto = json!({"MinimumPasswordLength": 6, "ExpirePasswords": false, "MaxPasswordAge": 0});
    assert_eq!(from_value::<PasswordPolicy>(moto).unwrap(), PasswordPolicy::default());
    // Out of range, contradictory or unknown: refused, with the member named.
    for (json, message) in [
        (
            json!({"MinimumPasswordLength": 5}),
            "invalid `MinimumPasswordLength`: expected a value from 6 to 128, found 5",
        ),
        (
            json!({"MaxPasswordAge": 1096}),
            "invalid `MaxPasswordAge`: expected a value from 1 to 1095, found 1096",
        ),
        (
            json!({"PasswordReusePrevention": 0}),
            "invalid `PasswordReusePrevention`: expected a value from 1 to 24, found 0",
        ),
        (
            json!({"ExpirePasswords": true}),
            "`ExpirePasswords` is true, but `MaxPasswordAge` is not set",
        ),
        (
            json!({"MaxPasswordAge": 30, "ExpirePasswords": false}),
            "`ExpirePasswords` is false, but `MaxPasswordAge` is set",
        ),
    ] {
        assert_eq!(from_value::<PasswordPolicy>(json).unwrap_err().to_string(), message);
    }
    assert!(
        from_value::<PasswordPolicy>(json!({"MinPasswordLength": 8}))
            .unwrap_err()
            .to_string()
            .starts_with("unknown field `MinPasswordLength`")
    );
}

// ---------------------------------------------------------------------------------------
// The four operations on the wire: botocore's bytes both ways, moto's bodies, IAM's errors
// ---------------------------------------------------------------------------------------

mod operations {
    use iam_login_profile::password_policy::{MaxPasswordAge, PasswordPolicy, PasswordReusePrevention};
    use iam_login_profile::{
        ChangePasswordRequest, DecodeError, DeleteAccountPasswordPolicyRequest, DeleteAccountPasswordPolicyResponse,
        ErrorCode, ErrorResponse, GetAccountPasswordPolicyRequest, GetAccountPasswordPolicyResponse, Password, Request,
        UpdateAccountPasswordPolicyRequest, UpdateAccountPasswordPolicyResponse, ValueError,
    };

    use crate::data;

    /// A test file's bytes for the whole test (responses borrow from their input).
    pub(super) fn leak(name: &str) -> &'static [u8] {
        data(name).leak()
    }

    /// Every botocore body decodes to the request below and encodes back byte for byte.
    #[test]
    fn botocore_bodies_both_ways() {
        let pw = |s: &str| Password::new(s).unwrap();
        let all = UpdateAccountPasswordPolicyRequest::new()
            .with_minimum_password_length(14.try_into().unwrap())
            .with_require_symbols(true)
            .with_require_numbers(true)
            .with_require_uppercase_characters(true)
            .with_require_lowercase_characters(false)
            .with_allow_users_to_change_password(true)
            .with_max_password_age(90.try_into().unwrap())
            .with_password_reuse_prevention(24.try_into().unwrap())
            .with_hard_expiry(false);
        let cases: [(&str, Request<'static>); 7] = [
            (
                "botocore-request-change-password.txt",
                ChangePasswordRequest::new(pw("Old-Passw0rd!"), pw("N3w Passw0rd & more+")).into(),
            ),
            (
                "botocore-request-change-password-latin1.txt",
                ChangePasswordRequest::new(pw("old"), pw("café-ÿ\t\n")).into(),
            ),
            (
                "botocore-request-get-account-password-policy.txt",
                GetAccountPasswordPolicyRequest::new().into(),
            ),
            (
                "botocore-request-delete-account-password-policy.txt",
                DeleteAccountPasswordPolicyRequest::new().into(),
            ),
            ("botocore-request-update-account-password-policy-all.txt", all.into()),
            (
                "botocore-request-update-account-password-policy-empty.txt",
                UpdateAccountPasswordPolicyRequest::new().into(),
            ),
            (
                "botocore-request-update-account-password-policy-min-only.txt",
                UpdateAccountPasswordPolicyRequest::new()
                    .with_minimum_password_length(6.try_into().unwrap())
                    .into(),
            ),
        ];
        for (name, expected) in cases {
            let body = data(name);
            assert_eq!(Request::decode(&body).unwrap(), expected, "{name}");
            assert_eq!(expected.to_query_string().as_bytes(), &body[..], "{name}");
        }
    }

    #[test]
    fn an_update_sets_the_whole_policy() {
        let body = data("botocore-request-update-account-password-policy-all.txt");
        let Request::UpdateAccountPasswordPolicy(update) = Request::decode(&body).unwrap() else {
            panic!()
        };
        let policy = PasswordPolicy::from(&update);
        assert_eq!(policy.minimum_password_length.get(), 14);
        assert_eq!(policy.max_password_age, Some(MaxPasswordAge::new(90).unwrap()));
        assert_eq!(
            policy.password_reuse_prevention,
            Some(PasswordReusePrevention::new(24).unwrap())
        );
        assert_eq!(
            (policy.require_lowercase_characters, policy.hard_expiry),
            (false, Some(false))
        );
        assert!(policy.expire_passwords());
        assert_eq!(
            PasswordPolicy::from(&UpdateAccountPasswordPolicyRequest::new()),
            PasswordPolicy::default()
        );
    }

    /// IAM's `ValidationError`: the integers' ranges without the value, in IAM's order
    /// (`maxPasswordAge` after `passwordReusePrevention`), other members as usual.
    #[test]
    fn out_of_range_members_are_iams_validation_error() {
        let err = |body: &str| {
            let e = Request::decode(body.as_bytes()).unwrap_err();
            (e.code().as_str().to_owned(), e.http_status(), e.message())
        };
        assert_eq!(
            err(
                "Action=UpdateAccountPasswordPolicy&Version=2010-05-08&MinimumPasswordLength=129&MaxPasswordAge=1096&PasswordReusePrevention=25"
            ),
            (
                "ValidationError".to_owned(),
                400,
                "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member \
                 must have value less than or equal to 128; Value at 'passwordReusePrevention' failed to satisfy \
                 constraint: Member must have value less than or equal to 24; Value at 'maxPasswordAge' failed to \
                 satisfy constraint: Member must have value less than or equal to 1095"
                    .to_owned()
            )
        );
        assert_eq!(
            err("Action=UpdateAccountPasswordPolicy&Version=2010-05-08&MinimumPasswordLength=5&MaxPasswordAge=0").2,
            "2 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must \
             have value greater than or equal to 6; Value at 'maxPasswordAge' failed to satisfy constraint: Member \
             must have value greater than or equal to 1"
        );
        assert_eq!(
            err("Action=UpdateAccountPasswordPolicy&Version=2010-05-08&PasswordReusePrevention=ten&HardExpiry=1").2,
            "2 validation errors detected: Value 'ten' at 'passwordReusePrevention' failed to satisfy constraint: \
             Member must be an integer; Value '1' at 'hardExpiry' failed to satisfy constraint: Member must be true \
             or false"
        );
        // ChangePassword: both passwords required, each named (no value: they are sensitive).
        assert_eq!(
            err("Action=ChangePassword&Version=2010-05-08&OldPassword=x").2,
            "1 validation error detected: Value null at 'newPassword' failed to satisfy constraint: Member must not \
             be null"
        );
        assert_eq!(
            err("Action=ChangePassword&Version=2010-05-08&OldPassword=&NewPassword=%E2%82%AC").2,
            "3 validation errors detected: Value at 'oldPassword' failed to satisfy constraint: Member must satisfy \
             regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+; Value at 'oldPassword' failed to \
             satisfy constraint: Member must have length greater than or equal to 1; Value at 'newPassword' failed \
             to satisfy constraint: Member must satisfy regular expression pattern: \
             [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
        );
        // A member of another operation is unknown here.
        assert_eq!(
            err("Action=GetAccountPasswordPolicy&Version=2010-05-08&UserName=Bob").0,
            "InvalidQueryParameter"
        );
    }

    #[test]
    fn moto_bodies_decode() {
        let all = GetAccountPasswordPolicyResponse::decode(crate::password_policy::operations::leak(
            "moto-response-get-account-password-policy-all-200.xml",
        ))
        .unwrap();
        let mut expected = PasswordPolicy::default();
        expected.minimum_password_length = 14.try_into().unwrap();
        expected.require_symbols = true;
        expected.require_numbers = true;
        expected.require_uppercase_characters = true;
        expected.allow_users_to_change_password = true;
        expected.max_password_age = Some(90.try_into().unwrap());
        expected.password_reuse_prevention = Some(24.try_into().unwrap());
        expected.hard_expiry = Some(false);
        assert_eq!(all.password_policy, expected);
        assert_eq!(
            all.request_id.as_ref().unwrap(),
            "P0C6UY2vcCdusWoZQSMha4E7SGI8OPQ7CyQeCAXwTENAIzIUvpn3"
        );
        // Written back as IAM writes it, it reads back the same.
        assert_eq!(
            GetAccountPasswordPolicyResponse::decode(all.to_xml().as_bytes()).unwrap(),
            all
        );

        let defaults = GetAccountPasswordPolicyResponse::decode(crate::password_policy::operations::leak(
            "moto-response-get-account-password-policy-defaults-200.xml",
        ))
        .unwrap();
        let mut moto_defaults = PasswordPolicy::default();
        moto_defaults.hard_expiry = Some(false);
        assert_eq!(defaults.password_policy, moto_defaults);
        for (name, ok) in [
            ("moto-response-update-account-password-policy-all-200.xml", true),
            ("moto-response-update-account-password-policy-empty-200.xml", true),
        ] {
            assert_eq!(
                UpdateAccountPasswordPolicyResponse::decode(crate::password_policy::operations::leak(name)).is_ok(),
                ok,
                "{name}"
            );
        }
        assert!(
            DeleteAccountPasswordPolicyResponse::decode(crate::password_policy::operations::leak(
                "moto-response-delete-account-password-policy-200.xml"
            ))
            .unwrap()
            .request_id
            .is_some()
        );
        for (name, message) in [
            (
                "moto-response-get-account-password-policy-none-404.xml",
                "The Password Policy with domain name 123456789012 cannot be found.",
            ),
            (
                "moto-response-delete-account-password-policy-none-404.xml",
                "The account policy with name PasswordPolicy cannot be found.",
            ),
        ] {
            let e = ErrorResponse::decode(crate::password_policy::operations::leak(name)).unwrap();
            assert_eq!(
                (e.error.code, e.error.message.unwrap().as_str()),
                (ErrorCode::NO_SUCH_ENTITY, message)
            );
        }
        assert_eq!(
            ErrorResponse::no_password_policy("123456789012", None)
                .error
                .message
                .unwrap(),
            "The Password Policy with domain name 123456789012 cannot be found."
        );
        assert_eq!(
            ErrorResponse::no_password_policy_to_delete(None).error.message.unwrap(),
            "The account policy with name PasswordPolicy cannot be found."
        );
        let e = ErrorResponse::decode(crate::password_policy::operations::leak(
            "moto-response-update-account-password-policy-out-of-range-400.xml",
        ))
        .unwrap();
        assert_eq!(e.error.code, ErrorCode::VALIDATION_ERROR);
    }

    #[test]
    fn iams_layout_and_what_is_refused() {
        let response = GetAccountPasswordPolicyResponse::new(PasswordPolicy::default(), None);
        assert_eq!(
            response.to_xml(),
            "<GetAccountPasswordPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  \
             <GetAccountPasswordPolicyResult>\n    <PasswordPolicy>\n      \
             <MinimumPasswordLength>6</MinimumPasswordLength>\n      <RequireSymbols>false</RequireSymbols>\n      \
             <RequireNumbers>false</RequireNumbers>\n      \
             <RequireUppercaseCharacters>false</RequireUppercaseCharacters>\n      \
             <RequireLowercaseCharacters>false</RequireLowercaseCharacters>\n      \
             <AllowUsersToChangePassword>false</AllowUsersToChangePassword>\n      \
             <ExpirePasswords>false</ExpirePasswords>\n    </PasswordPolicy>\n  \
             </GetAccountPasswordPolicyResult>\n</GetAccountPasswordPolicyResponse>\n"
        );
        let doc = |members: &str| {
            format!(
                "<GetAccountPasswordPolicyResponse><GetAccountPasswordPolicyResult><PasswordPolicy>{members}\
                 </PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>"
            )
        };
        let err = |members: &str| {
            GetAccountPasswordPolicyResponse::decode(doc(members).as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("<MinimumPasswordLength>200</MinimumPasswordLength>"),
            "invalid `MinimumPasswordLength` in `PasswordPolicy`: expected a value from 6 to 128, found 200"
        );
        assert_eq!(
            err("<MaxPasswordAge>x</MaxPasswordAge>"),
            "invalid `MaxPasswordAge` in `PasswordPolicy`: expected an integer, found `x`"
        );
        assert_eq!(
            err("<ExpirePasswords>true</ExpirePasswords>"),
            "invalid `ExpirePasswords` in `PasswordPolicy`: contradicts `MaxPasswordAge`"
        );
        assert_eq!(
            err("<HardExpiry>1</HardExpiry>"),
            "invalid `HardExpiry` in `PasswordPolicy`: expected `true` or `false`, found `1`"
        );
        assert!(matches!(
            GetAccountPasswordPolicyResponse::decode(doc("<RequireSymbols>yes</RequireSymbols>").as_bytes()),
            Err(DecodeError::InvalidMember {
                cause: ValueError::Boolean { .. },
                ..
            })
        ));
        // Twice the same member, or no PasswordPolicy at all: the document is wrong.
        assert!(
            err("<RequireSymbols>true</RequireSymbols><RequireSymbols>true</RequireSymbols>")
                .contains("RequireSymbols")
        );
        assert!(
            GetAccountPasswordPolicyResponse::decode(
                b"<GetAccountPasswordPolicyResponse><GetAccountPasswordPolicyResult/></GetAccountPasswordPolicyResponse>"
            )
            .unwrap_err()
            .to_string()
            .contains("PasswordPolicy")
        );
    }
}
