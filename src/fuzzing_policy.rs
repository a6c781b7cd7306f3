//! The password-policy check's fuzz property and the plain reference it is held equal to.
//! Not part of the API: compiled only under `cfg(fuzzing)` or the `__internal` feature.
//!
//! The reference is written apart from [`crate::password_policy`]: a character at a time,
//! the symbols as the documentation's list of `char`s, each rule as the documentation
//! states it, allocating as it likes.

use arbitrary::{Arbitrary, Unstructured};

use crate::ErrorResponse;
use crate::password::Password;
use crate::password_policy::{PasswordCheck, PasswordPolicy, Rule};

/// The twenty symbols as the IAM documentation lists them.
const DOC_SYMBOLS: [char; 20] = [
    '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '-', '=', '[', ']', '{', '}', '|', '\'',
];

/// The rules `password` fails under `policy` (`None`: AWS's default), as the reference
/// reads the documentation; `history` is the user's previous passwords, newest first.
pub fn reference_rules(
    password: &str,
    policy: Option<&PasswordPolicy>,
    account: Option<&str>,
    email: Option<&str>,
    history: &[&str],
) -> Vec<Rule> {
    let mut length = 0;
    let mut has = [false; 4]; // uppercase, lowercase, number, symbol
    for c in password.chars() {
        length += 1;
        has[0] |= c.is_ascii_uppercase();
        has[1] |= c.is_ascii_lowercase();
        has[2] |= c.is_ascii_digit();
        has[3] |= DOC_SYMBOLS.contains(&c);
    }
    let mut failed = Vec::new();
    match policy {
        Some(p) => {
            if length < usize::from(p.minimum_password_length.get()) {
                failed.push(Rule::MinimumLength(p.minimum_password_length.get()));
            }
            let required = [
                (p.require_uppercase_characters, has[0], Rule::Uppercase),
                (p.require_lowercase_characters, has[1], Rule::Lowercase),
                (p.require_numbers, has[2], Rule::Numbers),
                (p.require_symbols, has[3], Rule::Symbols),
            ];
            for (required, held, rule) in required {
                if required && !held {
                    failed.push(rule);
                }
            }
            if let (true, Some(n)) = (failed.is_empty(), p.password_reuse_prevention)
                && history.iter().take(usize::from(n.get())).any(|old| *old == password)
            {
                failed.push(Rule::Reused(n.get()));
            }
        }
        None => {
            if length < 8 {
                failed.push(Rule::MinimumLength(8));
            }
            let held = has.iter().filter(|h| **h).count();
            if held < 3 {
                let bits = [Rule::UPPERCASE, Rule::LOWERCASE, Rule::NUMBERS, Rule::SYMBOLS];
                let missing = (0..4).filter(|&i| !has[i]).map(|i| bits[i]).sum();
                failed.push(Rule::CharacterTypes {
                    needed: (3 - held) as u8,
                    missing,
                });
            }
            if account == Some(password) {
                failed.push(Rule::AccountName);
            }
            if email == Some(password) {
                failed.push(Rule::Email);
            }
        }
    }
    failed
}

/// Fuzz property: for an arbitrary password, policy (or none), account name, e-mail and
/// history (each of which may be the password itself), the check gives the reference's
/// rules, its details state each of them, its message is IAM's for the kind of policy, and
/// the error it makes reads back unchanged.
pub fn password_policy(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok((password, policy)) = <(Password, Option<PasswordPolicy>)>::arbitrary(&mut u) else {
        return;
    };
    let text = password.expose_secret();
    let pick = |u: &mut Unstructured<'_>| -> Option<String> {
        match u.int_in_range(0..=2u8).unwrap_or(0) {
            0 => None,
            1 => Some(text.to_owned()),
            _ => String::arbitrary(u).ok(),
        }
    };
    let account = pick(&mut u);
    let email = pick(&mut u);
    let history: Vec<String> = (0..u.int_in_range(0..=30u8).unwrap_or(0))
        .map(|_| pick(&mut u).unwrap_or_default())
        .collect();
    let history: Vec<&str> = history.iter().map(String::as_str).collect();

    let was_used = |candidate: &Password, n: u8| {
        history
            .iter()
            .take(usize::from(n))
            .any(|old| *old == candidate.expose_secret())
    };
    let mut check = PasswordCheck::new(policy.as_ref()).previous_passwords(&was_used);
    if let Some(a) = &account {
        check = check.account_name(a);
    }
    if let Some(e) = &email {
        check = check.email(e);
    }
    let expected = reference_rules(text, policy.as_ref(), account.as_deref(), email.as_deref(), &history);
    match check.check(&password) {
        Ok(()) => assert!(expected.is_empty(), "accepted, but the reference fails {expected:?}"),
        Err(violation) => {
            assert_eq!(violation.rules().collect::<Vec<_>>(), expected);
            let details = violation.details().to_string();
            for rule in violation.rules() {
                assert!(details.contains(&rule.to_string()), "{details} lacks {rule}");
            }
            let message = violation.to_string();
            match policy {
                Some(_) => assert_eq!(message, crate::password_policy::ACCOUNT_POLICY_MESSAGE),
                None => assert_eq!(message, details),
            }
            let xml = violation.to_error_response(None).to_xml();
            let back = ErrorResponse::decode(xml.as_bytes()).expect("our own error reads back");
            assert_eq!(back.error.message.map(|m| m.as_str().to_owned()), Some(message));
        }
    }
}
