//! The password-policy check on 128-character passwords, beside the plain reference it is
//! held equal to (`fuzzing_policy::reference_rules`, a character at a time) and a check a
//! server might write with `regex` (one search per character class); and the
//! `GetAccountPasswordPolicy` result decode beside the quick-xml loop.
//!
//! Every benchmark checks its verdict inside the timed loop.
//!
//! ```sh
//! cargo bench -p iam-login-profile-benches --bench policy            # everything
//! cargo bench -p iam-login-profile-benches --bench policy -- --test  # each once (CI)
//! POLICY_COUNT='policy check/ours/strong x128' POLICY_ITERS=1100 \
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/deps/policy-*
//! ```

mod harness;

use std::hint::black_box;

use criterion::Throughput;
use harness::Bench;
use iam_login_profile::fuzzing_policy::reference_rules;
use iam_login_profile::password_policy::{PasswordCheck, PasswordPolicy, Rule};
use iam_login_profile::{GetAccountPasswordPolicyResponse, Password, RequestId};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use regex::Regex;

/// (label, password, policy is the strict account one (else AWS's default), failed rules)
fn cases(strict: &PasswordPolicy) -> Vec<(&'static str, String, Option<PasswordPolicy>)> {
    let strong: String = "Aa1!".repeat(32);
    let lower = "a".repeat(128);
    let latin1 = "éÀß×".repeat(32);
    let late_symbol = format!("{}!", "Ab1".repeat(42).chars().take(127).collect::<String>());
    vec![
        ("strong x128 default", strong.clone(), None),
        ("strong x128 strict", strong, Some(strict.clone())),
        ("lowercase x128 default", lower.clone(), None),
        ("lowercase x128 strict", lower, Some(strict.clone())),
        ("latin-1 x128 default", latin1, None),
        ("symbol last x128 strict", late_symbol, Some(strict.clone())),
    ]
}

fn strict_policy() -> PasswordPolicy {
    let mut p = PasswordPolicy::default();
    p.minimum_password_length = 14.try_into().unwrap();
    p.require_symbols = true;
    p.require_numbers = true;
    p.require_uppercase_characters = true;
    p.require_lowercase_characters = true;
    p
}

fn check(c: &mut Bench) {
    let strict = strict_policy();
    let classes = [
        Regex::new("[A-Z]").unwrap(),
        Regex::new("[a-z]").unwrap(),
        Regex::new("[0-9]").unwrap(),
        Regex::new(r"[!@#$%^&*()_+\-=\[\]{}|']").unwrap(),
    ];
    let mut g = c.group("policy check");
    for (label, text, policy) in cases(&strict) {
        let password = Password::new(text.clone()).unwrap();
        let want = reference_rules(&text, policy.as_ref(), None, None, &[]);
        let got: Vec<Rule> = match PasswordCheck::new(policy.as_ref()).check(&password) {
            Ok(()) => Vec::new(),
            Err(v) => v.rules().collect(),
        };
        assert_eq!(got, want, "{label}");
        let failed = !want.is_empty();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(("ours", label), |b| {
            let check = PasswordCheck::new(policy.as_ref());
            b.iter(|| {
                let verdict = check.check(black_box(&password));
                assert_eq!(verdict.is_err(), failed);
                verdict.is_err()
            })
        });
        g.bench_function(("reference", label), |b| {
            b.iter(|| {
                let rules = reference_rules(black_box(&text), policy.as_ref(), None, None, &[]);
                assert_eq!(rules.len(), want.len());
                rules.len()
            })
        });
        g.bench_function(("regex", label), |b| {
            b.iter(|| {
                let text = black_box(text.as_str());
                let held = classes.iter().filter(|r| r.is_match(text)).count();
                let length = text.chars().count();
                let ok = match &policy {
                    None => length >= 8 && held >= 3,
                    Some(p) => length >= usize::from(p.minimum_password_length.get()) && held == 4,
                };
                assert_eq!(!ok, failed);
                ok
            })
        });
    }
    g.finish();
}

/// The policy's members in the model's order, as the quick-xml loop looks for them.
const MEMBERS: [&str; 10] = [
    "MinimumPasswordLength",
    "RequireSymbols",
    "RequireNumbers",
    "RequireUppercaseCharacters",
    "RequireLowercaseCharacters",
    "AllowUsersToChangePassword",
    "ExpirePasswords",
    "MaxPasswordAge",
    "PasswordReusePrevention",
    "HardExpiry",
];

/// What both decoders must produce: the ten members as numbers (booleans 0/1, absent -1,
/// moto's `MaxPasswordAge` 0 as absent) and the request id.
type Want = ([i64; 10], Option<String>);

fn ours(response: &GetAccountPasswordPolicyResponse<'_>) -> Want {
    let p = &response.password_policy;
    let b = |v: bool| i64::from(v);
    (
        [
            p.minimum_password_length.get().into(),
            b(p.require_symbols),
            b(p.require_numbers),
            b(p.require_uppercase_characters),
            b(p.require_lowercase_characters),
            b(p.allow_users_to_change_password),
            b(p.expire_passwords()),
            p.max_password_age.map_or(-1, |a| a.get().into()),
            p.password_reuse_prevention.map_or(-1, |n| n.get().into()),
            p.hard_expiry.map_or(-1, b),
        ],
        response.request_id.as_ref().map(|id| id.as_str().to_owned()),
    )
}

/// A plain `quick_xml::Reader` loop: the text of each member of
/// `…Result/PasswordPolicy/*` and of `ResponseMetadata/RequestId`, by local name and depth,
/// then each value parsed as the model types it.
fn quick_xml_loop(input: &[u8]) -> Want {
    // Names on the wanted paths: 0..10 the members, then these.
    const POLICY: u8 = 10;
    const METADATA: u8 = 11;
    const REQUEST_ID: u8 = 12;
    const OTHER: u8 = u8::MAX;
    let text = std::str::from_utf8(input).expect("UTF-8");
    let mut reader = Reader::from_str(text);
    let mut path = [OTHER; 5];
    let mut depth = 0usize;
    let mut values = [-1i64; 10];
    let mut request_id = None;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(e) => {
                let local = e.local_name();
                let local: &str = local.as_ref();
                let id = match local {
                    "PasswordPolicy" => POLICY,
                    "ResponseMetadata" => METADATA,
                    "RequestId" => REQUEST_ID,
                    name => MEMBERS.iter().position(|m| *m == name).map_or(OTHER, |i| i as u8),
                };
                assert!(depth < path.len(), "too deep");
                path[depth] = id;
                depth += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                let value = t.xml10_content();
                match &path[..depth] {
                    [_, _, POLICY, member] if usize::from(*member) < MEMBERS.len() => {
                        values[usize::from(*member)] = match &*value {
                            "true" => 1,
                            "false" => 0,
                            n => n.parse().expect("an integer"),
                        };
                    }
                    [_, METADATA, REQUEST_ID] => request_id = Some(value.into_owned()),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "truncated");
    if values[7] == 0 {
        values[7] = -1;
    }
    (values, request_id)
}

fn decode(c: &mut Bench) {
    let mut strict = strict_policy();
    strict.max_password_age = Some(90.try_into().unwrap());
    strict.password_reuse_prevention = Some(24.try_into().unwrap());
    strict.hard_expiry = Some(true);
    let iam_strict = GetAccountPasswordPolicyResponse::new(
        strict,
        Some(RequestId::from_static("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")),
    )
    .to_xml();
    let iam_defaults = GetAccountPasswordPolicyResponse::new(
        PasswordPolicy::default(),
        Some(RequestId::from_static("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")),
    )
    .to_xml();
    let inputs: [(&str, &[u8]); 4] = [
        ("iam strict", iam_strict.as_bytes()),
        ("iam defaults", iam_defaults.as_bytes()),
        (
            "moto all",
            include_bytes!("../tests/data/moto-response-get-account-password-policy-all-200.xml"),
        ),
        (
            "moto defaults",
            include_bytes!("../tests/data/moto-response-get-account-password-policy-defaults-200.xml"),
        ),
    ];
    let mut g = c.group("decode password policy");
    for (label, input) in inputs {
        let want = ours(&GetAccountPasswordPolicyResponse::decode(input).expect("ours decodes the input"));
        assert_eq!(quick_xml_loop(input), want, "{label}");
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(("ours", label), |b| {
            b.iter(|| {
                let r = GetAccountPasswordPolicyResponse::decode(black_box(input)).unwrap();
                assert_eq!(r.password_policy.minimum_password_length.get() as i64, want.0[0]);
                assert_eq!(r.request_id.as_ref().map(|id| id.as_str()), want.1.as_deref());
                r.password_policy.max_password_age.map_or(0, |a| a.get())
            })
        });
        g.bench_function(("quick-xml Reader", label), |b| {
            b.iter(|| {
                let got = quick_xml_loop(black_box(input));
                assert_eq!(got.0[0], want.0[0]);
                assert_eq!(got.1.as_deref(), want.1.as_deref());
                got.0[7]
            })
        });
    }
    g.finish();
}

fn main() {
    let mut bench = Bench::from_env("POLICY", harness::config);
    check(&mut bench);
    decode(&mut bench);
    bench.finish();
}
