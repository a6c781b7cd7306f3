//! Signature Version 4 (feature `sigv4`): our signing and verifying beside `aws-sigv4`'s
//! signing, on IAM requests as botocore sends them. Verifying is measured with the secret
//! (the four HMACs of the signing key derived each time) and with a kept signing key (and
//! its two steps, `Verifier::read` and `verify_with_key`, each alone), and beside the
//! floor: the SHA-256 and HMAC work no verification can avoid (the body's hash, the
//! canonical request's hash, the HMAC of the string to sign with a kept key).
//!
//! `cargo bench --features sigv4 --bench sigv4` (criterion), or untimed for callgrind:
//! `SIGV4_COUNT=<group>/<function>/<input> SIGV4_ITERS=n target/release/deps/sigv4-*`
//! runs one benchmark n times (`SIGV4_COUNT=list` prints the ids); the instruction count
//! per operation is the difference between n = 1100 and n = 100, divided by 1000
//! (`docs/sigv4.md` has the commands and the numbers). Each iteration checks its result.

mod harness;

use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{Criterion, Throughput};
use harness::Bench;
use hmac::{KeyInit, Mac};
use iam_login_profile::sigv4::{Credentials, SecretKey, Signer, SigningKey, Verifier};
use sha2::{Digest, Sha256};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// 2015-08-30T12:36:00Z.
const TIME: u64 = 1_440_938_160;

struct Input {
    name: &'static str,
    body: Vec<u8>,
    token: Option<&'static str>,
}

fn inputs() -> Vec<Input> {
    vec![
        Input {
            name: "get",
            body: b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob".to_vec(),
            token: None,
        },
        Input {
            name: "create-token",
            body: b"Action=CreateLoginProfile&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h\
                    &Password=W%C3%A5Y1j%2B%27z%C2%AE%C3%A7IRlNQb0%C2%A5prF%C3%A5mbh7%C2%BF_w%C3%B1%3D\
                    &PasswordResetRequired=true"
                .to_vec(),
            token: Some(
                "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample/token/of/a/typical/length/\
                 for/temporary/credentials/issued/by/sts/AssumeRole/and/GetSessionToken/calls/xyz==",
            ),
        },
    ]
}

fn headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Host", "iam.amazonaws.com"),
        ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        (
            "User-Agent",
            "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6 lang/python#3.11.7 cfg/retry-mode#legacy",
        ),
    ]
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn ours_sign(signer: &Signer, input: &Input, headers: &[(&str, &str)]) -> usize {
    let auth = signer
        .sign("POST", "/", headers, black_box(&input.body), at(TIME))
        .unwrap();
    assert_eq!(auth.signature().len(), 64);
    auth.authorization().len()
}

fn aws_sigv4_sign(identity: &aws_smithy_runtime_api::client::identity::Identity, input: &Input) -> usize {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(identity)
        .region("us-east-1")
        .name("iam")
        .time(at(TIME))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = headers();
    let request = SignableRequest::new(
        "POST",
        "https://iam.amazonaws.com/",
        headers.iter().copied(),
        SignableBody::Bytes(black_box(&input.body)),
    )
    .unwrap();
    let (instructions, signature) = sign(request, &params).unwrap().into_parts();
    assert_eq!(signature.len(), 64);
    instructions.headers().count()
}

/// One benchmark, `group/function/input`, under criterion or in count mode.
fn run(
    bench: &mut Bench,
    group: &'static str,
    function: &str,
    input: &Input,
    bytes: u64,
    mut f: impl FnMut() -> usize,
) {
    let mut g = bench.group(group);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function((function, input.name), |b| b.iter(&mut f));
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

fn main() {
    let mut bench = Bench::from_env("SIGV4", config);
    let headers = headers();
    let secret = SecretKey::new(SECRET);
    for input in inputs() {
        let bytes = input.body.len() as u64;
        let credentials = Credentials::new("AKIDEXAMPLE", SECRET, input.token.map(str::to_owned));
        // What a client keeps: the signer is built once, outside the timed loop.
        let signer = Signer::new(&credentials);
        let identity = aws_credential_types::Credentials::new(
            "AKIDEXAMPLE",
            SECRET,
            input.token.map(str::to_owned),
            None,
            "bench",
        )
        .into();
        run(&mut bench, "sigv4-sign", "ours", &input, bytes, || {
            ours_sign(&signer, &input, &headers)
        });
        run(&mut bench, "sigv4-sign", "aws-sigv4", &input, bytes, || {
            aws_sigv4_sign(&identity, &input)
        });

        // The request as received: the headers and the three the signature adds.
        let auth = signer.sign("POST", "/", &headers, &input.body, at(TIME)).unwrap();
        let mut received: Vec<(&str, &str)> = headers.clone();
        received.extend(auth.headers());
        let verifier = Verifier::new();
        let now = at(TIME + 60);
        run(&mut bench, "sigv4-verify", "ours", &input, bytes, || {
            let (principal, _) = verifier
                .verify("POST", "/", &received, black_box(&input.body), now, |id: &str| {
                    (id == "AKIDEXAMPLE").then_some(&secret)
                })
                .unwrap();
            principal.access_key_id().len()
        });
        let key = SigningKey::derive(&secret, "20150830", "us-east-1", "iam").unwrap();
        run(&mut bench, "sigv4-verify", "ours-kept-key", &input, bytes, || {
            let signed = verifier
                .read("POST", "/", &received, black_box(&input.body), now)
                .unwrap();
            let principal = signed.verify_with_key(&key).unwrap();
            principal.access_key_id().len()
        });

        // The two steps alone: reading the claims (no key), then verifying one read request.
        run(&mut bench, "sigv4-verify", "read-only", &input, bytes, || {
            let signed = verifier
                .read("POST", "/", &received, black_box(&input.body), now)
                .unwrap();
            signed.access_key_id().len()
        });
        let signed_once = verifier.read("POST", "/", &received, &input.body, now).unwrap();
        run(&mut bench, "sigv4-verify", "verify-only", &input, bytes, || {
            let principal = black_box(&signed_once).verify_with_key(&key).unwrap();
            principal.access_key_id().len()
        });
        // The floor: the canonical request and string to sign of this request (taken
        // from the diagnostics of a key that does not match), hashed and MACed as a
        // verification with a kept key must.
        let wrong = SigningKey::derive(&SecretKey::new("not-the-secret"), "20150830", "us-east-1", "iam").unwrap();
        let err = verifier
            .read("POST", "/", &received, &input.body, now)
            .unwrap()
            .verify_with_key(&wrong)
            .unwrap_err();
        let mismatch = err.mismatch().unwrap();
        let canonical_request = mismatch.canonical_request().as_bytes().to_vec();
        let string_to_sign = mismatch.string_to_sign().as_bytes().to_vec();
        let keyed = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&[7; 32]).unwrap();
        run(&mut bench, "sigv4-verify", "floor-sha256-hmac", &input, bytes, || {
            let body = Sha256::digest(black_box(&input.body));
            let request = Sha256::digest(black_box(&canonical_request));
            let mut mac = keyed.clone();
            mac.update(black_box(&string_to_sign));
            let signature = mac.finalize().into_bytes();
            usize::from(body[0] ^ request[0] ^ signature[0]) + 1
        });
    }
    bench.finish();
}
