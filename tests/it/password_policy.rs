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
