// The property of the `sigv4` fuzz target, shared (by `include!`) with the stable replay
// in `tests/fuzz_replay.rs`. Uses only the public `iam_login_profile::sigv4` API, the
// splitter the request decoder reads with (`internal::query_pairs`), `aws_sigv4` (with
// `aws_credential_types`, `aws_smithy_runtime_api`), and `hmac`/`sha2` for botocore's
// way of signing a query as sent.
//
// The input drives one of three requests:
// - a request our signer signed (random method, path, headers, body, token, region,
//   service, time), then changed by up to four fuzz-chosen edits (a byte of the body, of
//   a header's value or name, of the `Authorization`; a header added, removed or
//   repeated; the path; whitespace around a value) and verified at a fuzz-chosen time;
// - raw headers, body and path, with an `Authorization` built from fuzz-chosen pieces;
// - a GET whose query is built from the spellings that matter (`+`, `%2B`, `%2b`, `%20`,
//   `=`, `&`, empty segments, bad escapes, bytes that are not UTF-8), signed in the
//   decoded canonical form (our signer, aws-sigv4's reading) and as sent (botocore's),
//   then received with another query.
//
// Properties: the verifier never panics; an unedited request signed within the window
// verifies (with the principal it was signed by); whatever it accepts, the reference
// signers sign identically from what was received (our `Signer` over the signed headers,
// and `aws-sigv4` whenever the signed values are ones it canonicalises as botocore does);
// a query accepted under another query's signature is read by the decoder as the same
// pairs (decoded differently => canonical requests differ); and (under cargo-fuzz, where
// a counting allocator is installed) no verification holds more than a linear bound of
// memory: 64 bytes per byte of the request plus 64 KiB (the canonical request is at most
// three times the request; the sorted pairs of a query take up to 48 bytes a pair).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use iam_login_profile::sigv4::{AuthError, Credentials, SecretKey, Signer, Verifier};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const KEY_ID: &str = "AKIDEXAMPLE";
/// 2015-08-30T12:36:00Z.
const BASE: u64 = 1_440_938_160;

/// A byte reader that never fails: past the end it gives zeros and empty slices.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    fn bytes(&mut self, max: usize) -> &'a [u8] {
        let n = (usize::from(self.byte()) % (max + 1)).min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[usize::from(self.byte()) % items.len()]
    }
}

const METHODS: &[&str] = &["POST", "GET", "post", "PUT", "DELETE"];
const PATHS: &[&str] = &["/", "", "/a/./b/../c", "//x//", "/%2F%zz", "/?Action=GetLoginProfile&a=%2f&b", "/p?b=2&a=1&a=0"];
const NAMES: &[&str] = &[
    "Content-Type",
    "content-type",
    "X-Amz-Meta-Note",
    "User-Agent",
    "amz-sdk-invocation-id",
    "X-Amz-Content-SHA256",
    "Host",
    "Expect",
    "x-amzn-trace-id",
    "X-Custom",
];
const VALUES: &[&[u8]] = &[
    b"application/x-www-form-urlencoded; charset=utf-8",
    b"  two  spaces  ",
    b"tab\there",
    b"a \t\r b",
    b"",
    b"caf\xc3\xa9",
    b"\xff\xfe",
    b"v1,v2",
];
const REGIONS: &[&str] = &["us-east-1", "eu-west-3", "us-gov-west-1"];
const SERVICES: &[&str] = &["iam", "sts"];

type Headers = Vec<(Vec<u8>, Vec<u8>)>;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn name_of(b: &mut Bytes<'_>) -> Vec<u8> {
    if b.byte() % 4 == 0 {
        // A fuzzed name: token characters only, so that `SignedHeaders` can list it.
        let raw = b.bytes(12);
        let name: Vec<u8> = raw
            .iter()
            .map(|c| b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"[usize::from(*c) % 63])
            .collect();
        if name.is_empty() { b"x".to_vec() } else { name }
    } else {
        b.pick(NAMES).as_bytes().to_vec()
    }
}

fn value_of(b: &mut Bytes<'_>) -> Vec<u8> {
    if b.byte() % 3 == 0 { b.bytes(40).to_vec() } else { b.pick(VALUES).to_vec() }
}

fn find<'h>(headers: &'h Headers, name: &str) -> Option<&'h [u8]> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(_, v)| v.as_slice())
}

/// Runs the property on one input; panics when it fails.
pub fn check(data: &[u8]) {
    let mut b = Bytes(data);
    let secret = SecretKey::new(SECRET);
    let verifier = Verifier::new().any_region();
    let branch = b.byte() % 8;
    if branch == 1 {
        check_queries(&mut b, &verifier, &secret);
        return;
    }
    if branch == 0 {
        // Raw headers and an Authorization of fuzzed pieces.
        let method = b.pick(METHODS);
        let path = String::from_utf8_lossy(b.bytes(30)).into_owned();
        let mut headers: Headers = Vec::new();
        for _ in 0..b.byte() % 6 {
            headers.push((name_of(&mut b), value_of(&mut b)));
        }
        let mut authorization = b"AWS4-HMAC-SHA256 ".to_vec();
        for _ in 0..b.byte() % 5 {
            let piece: &[u8] = b.pick(&[
                b"Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request".as_slice(),
                b", ",
                b"SignedHeaders=host;x-amz-date",
                b"Signature=",
                b"=",
                b",",
                b" ",
            ]);
            authorization.extend_from_slice(piece);
            authorization.extend_from_slice(b.bytes(20));
        }
        if b.byte() % 2 == 0 {
            headers.push((b"Authorization".to_vec(), authorization));
        }
        if b.byte() % 2 == 0 {
            headers.push((b"X-Amz-Date".to_vec(), b"20150830T123600Z".to_vec()));
        }
        let body = b.0.to_vec();
        let now = BASE + u64::from(b.u16());
        let _ = verify_and_check(&verifier, &secret, method, &path, &headers, &body, now);
        return;
    }

    // A signed request.
    let method = b.pick(METHODS);
    let path = b.pick(PATHS).to_owned();
    let region = b.pick(REGIONS);
    let service = b.pick(SERVICES);
    let token = (b.byte() % 3 == 0).then(|| format!("token-{}", b.byte()));
    let mut headers: Headers = vec![(b"Host".to_vec(), b"iam.amazonaws.com".to_vec())];
    for _ in 0..b.byte() % 4 {
        headers.push((name_of(&mut b), value_of(&mut b)));
    }
    let body_len = usize::from(b.byte());
    let body = b.bytes(body_len).to_vec();
    let time = BASE + u64::from(b.u16()) * 97;
    let credentials = Credentials::new(KEY_ID, SECRET, token.clone());
    let Ok(auth) = Signer::new(&credentials)
        .region(region)
        .service(service)
        .sign(method, &path, &headers, &body, at(time))
    else {
        return;
    };
    let mut received: Headers = headers
        .iter()
        .filter(|(n, _)| {
            !n.eq_ignore_ascii_case(b"authorization")
                && !n.eq_ignore_ascii_case(b"x-amz-date")
                && !(token.is_some() && n.eq_ignore_ascii_case(b"x-amz-security-token"))
        })
        .cloned()
        .collect();
    received.extend(auth.headers().map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec())));
    let (mut path, mut body) = (path, body);
    let edits = b.byte() % 5;
    for _ in 0..edits {
        match b.byte() % 8 {
            0 if !body.is_empty() => {
                let i = usize::from(b.u16()) % body.len();
                body[i] ^= b.byte() | 1;
            }
            1 => {
                let k = usize::from(b.byte()) % received.len();
                let v = &mut received[k].1;
                if v.is_empty() {
                    v.push(b.byte());
                } else {
                    let i = usize::from(b.u16()) % v.len();
                    v[i] ^= b.byte() | 1;
                }
            }
            2 => {
                let k = usize::from(b.byte()) % received.len();
                let n = &mut received[k].0;
                let i = usize::from(b.byte()) % n.len().max(1);
                if let Some(c) = n.get_mut(i) {
                    *c ^= 0x20; // case, or a different byte for a non-letter
                }
            }
            3 => received.push((name_of(&mut b), value_of(&mut b))),
            4 => {
                let k = usize::from(b.byte()) % received.len();
                received.remove(k);
                if received.is_empty() {
                    break;
                }
            }
            5 => {
                let k = usize::from(b.byte()) % received.len();
                let repeated = received[k].clone();
                received.push(repeated);
            }
            6 => path = b.pick(PATHS).to_owned(),
            _ => {
                let k = usize::from(b.byte()) % received.len();
                let v = &mut received[k].1;
                v.insert(0, b' ');
                v.push(b'\t');
            }
        }
    }
    let now = time.saturating_add_signed(i64::from(b.u16() as i16) / 8);
    let result = verify_and_check(&verifier, &secret, method, &path, &received, &body, now);
    if edits == 0 && now.abs_diff(time) <= 900 {
        let content_sha = find(&headers, "x-amz-content-sha256");
        let hash_ok = content_sha.is_none_or(|h| h == sha256_hex(&body).as_bytes());
        let service_ok = service == "iam";
        if hash_ok && service_ok {
            let principal = result.unwrap_or_else(|e| panic!("an unedited signed request was refused: {e:?}"));
            assert_eq!(principal.0, KEY_ID);
            let sent_token =
                find(&received, "x-amz-security-token").map(|t| String::from_utf8_lossy(t.trim_ascii()).into_owned());
            assert_eq!(principal.1, sent_token);
        }
    }
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

/// Verifies; on acceptance, checks that the reference signers give the same signature.
fn verify_and_check(
    verifier: &Verifier,
    secret: &SecretKey,
    method: &str,
    path: &str,
    headers: &Headers,
    body: &[u8],
    now: u64,
) -> Result<(String, Option<String>), AuthError> {
    let size = method.len() + path.len() + body.len() + headers.iter().map(|(n, v)| n.len() + v.len()).sum::<usize>();
    let (peak, principal) =
        peak_bytes(|| verifier.verify(method, path, headers, body, at(now), |id: &str| (id == KEY_ID).then_some(secret)));
    assert_linear(peak, size);
    let principal = principal?;
    let authorization = String::from_utf8(find(headers, "authorization").expect("accepted without Authorization").to_vec())
        .expect("an accepted Authorization is UTF-8");
    let field = |name: &str| -> String {
        authorization
            .split(|c: char| c == ',' || c.is_ascii_whitespace())
            .filter_map(|p| p.strip_prefix(name))
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    let (credential, signed, signature) = (field("Credential="), field("SignedHeaders="), field("Signature="));
    let scope: Vec<&str> = credential.split('/').collect();
    // The time is the X-Amz-Date (our signer always sends one, and it wins over a Date).
    // Trimmed as SigV4 trims a header value (Python's ASCII whitespace: VT, FF and
    // 0x1C-0x1F too), which is how the verifier read it.
    let date = String::from_utf8(find(headers, "x-amz-date").expect("accepted without X-Amz-Date").to_vec())
        .unwrap()
        .trim_matches(|c: char| c.is_ascii_whitespace() || matches!(c, '\x0b' | '\x1c'..='\x1f'))
        .to_owned();
    let time = parse_date(&date);
    assert!(now.abs_diff(time) <= 900, "accepted outside the window");
    assert_eq!(scope[1], &date[..8]);
    let token = principal.0.session_token().map(str::to_owned);

    // Our signer over the signed headers only.
    let names: Vec<&str> = signed.split(';').collect();
    let projected: Headers = headers
        .iter()
        .filter(|(n, _)| {
            let lower = String::from_utf8_lossy(n).to_ascii_lowercase();
            names.contains(&lower.as_str()) && lower != "x-amz-date" && lower != "x-amz-security-token"
        })
        .cloned()
        .collect();
    let credentials = Credentials::new(KEY_ID, SECRET, token.clone());
    let ours = Signer::new(&credentials)
        .region(scope[2])
        .service(scope[3])
        .sign(method, path, &projected, body, at(time))
        .expect("the reference signs what was accepted");
    assert_eq!(ours.signature(), signature, "accepted a signature our signer does not give");
    assert!(ours.authorization().contains(&format!("SignedHeaders={signed},")));

    // aws-sigv4, where it canonicalises as botocore does.
    let simple = |v: &[u8]| {
        v.iter().all(|&c| c.is_ascii_graphic() || c == b' ')
            && !v.windows(2).any(|w| w == b"  ")
            && v.first() != Some(&b' ')
            && v.last() != Some(&b' ')
    };
    let eligible = projected.iter().all(|(n, v)| {
        simple(v)
            && std::str::from_utf8(n).is_ok()
            && !n.eq_ignore_ascii_case(b"x-amz-content-sha256")
            && !n.eq_ignore_ascii_case(b"user-agent")
    }) && token.as_deref().is_none_or(|t| simple(t.as_bytes()))
        && (path == "/" || path.is_empty())
        && method.bytes().all(|c| c.is_ascii_uppercase());
    if eligible {
        let theirs = aws_sigv4_signature(method, &projected, body, &scope, token.clone(), time);
        assert_eq!(theirs.as_deref(), Some(signature.as_str()), "aws-sigv4 signs it otherwise: {time} {token:?} {method} {path:?} {:?} {:?} {body:?}", projected.iter().map(|(n, v)| (String::from_utf8_lossy(n).into_owned(), String::from_utf8_lossy(v).into_owned())).collect::<Vec<_>>(), scope);
    }
    Ok((principal.0.access_key_id().to_owned(), token))
}

fn parse_date(d: &str) -> u64 {
    let n = |r: std::ops::Range<usize>| d[r].parse::<i64>().unwrap_or_else(|e| panic!("X-Amz-Date {d:?}: {e}"));
    let (y, m, day) = (n(0..4), n(4..6), n(6..8));
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    (days * 86_400 + n(9..11) * 3600 + n(11..13) * 60 + n(13..15)) as u64
}

fn aws_sigv4_signature(
    method: &str,
    headers: &Headers,
    body: &[u8],
    scope: &[&str],
    token: Option<String>,
    time: u64,
) -> Option<String> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let identity: aws_smithy_runtime_api::client::identity::Identity =
        aws_credential_types::Credentials::new(KEY_ID, SECRET, token, None, "fuzz").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(scope[2])
        .name(scope[3])
        .time(at(time))
        .settings(SigningSettings::default())
        .build()
        .ok()?
        .into();
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (std::str::from_utf8(n).unwrap(), std::str::from_utf8(v).unwrap()))
        .collect();
    let host = pairs.iter().find(|(n, _)| n.eq_ignore_ascii_case("host"))?.1;
    let request = SignableRequest::new(
        method,
        format!("http://{}/", host),
        pairs.iter().copied(),
        SignableBody::Bytes(body),
    )
    .ok()?;
    let (_, signature) = sign(request, &params).ok()?.into_parts();
    Some(signature)
}

/// The bound on the memory a verification holds: 64 bytes per byte of the request, plus
/// 64 KiB.
fn assert_linear(peak: Option<usize>, size: usize) {
    if let Some(peak) = peak {
        assert!(peak <= 64 * size + 65_536, "{peak} bytes held verifying a {size}-byte request");
    }
}

/// Pieces of a query whose spellings read alike or not.
const QUERY_PIECES: &[&str] = &[
    "UserName", "a", "b", "+", "%2B", "%2b", "%20", " ", "=", "%3D", "%3d", "&", "&&", "%26", "~", "%7e", "%7E",
    "%41", "A", "%", "%zz", "%ff", "%C3%A9", "\u{e9}", "*", "%2A", "X-Amz-Signature", "Password",
];

fn query_of(b: &mut Bytes<'_>) -> String {
    let n = b.byte() % 8;
    (0..n).map(|_| b.pick(QUERY_PIECES)).collect()
}

/// The pairs the request decoder reads, sorted (the decoder's meaning does not depend on
/// their order), or `None` when it refuses the query.
fn reading(query: &str) -> Option<Vec<(String, String)>> {
    let mut pairs = iam_login_profile::internal::query_pairs(query.as_bytes()).ok()?;
    pairs.sort();
    Some(pairs)
}

/// A GET whose query is signed in both canonical forms, received with another query:
/// accepted only when the decoder reads both queries alike.
fn check_queries(b: &mut Bytes<'_>, verifier: &Verifier, secret: &SecretKey) {
    let signed_query = query_of(b);
    let received_query = match b.byte() % 3 {
        0 => signed_query.clone(),
        1 => query_of(b),
        _ => {
            // One piece replaced by another spelling.
            let pieces: Vec<&str> = QUERY_PIECES.to_vec();
            let from = b.pick(&pieces);
            let to = b.pick(&pieces);
            signed_query.replacen(from, to, 1)
        }
    };
    let time = BASE + u64::from(b.u16());
    let credentials = Credentials::new(KEY_ID, SECRET, None);
    let host = [("Host", "iam.amazonaws.com")];
    let decoded_form = Signer::new(&credentials)
        .sign("GET", &format!("/?{signed_query}"), &host, b"", at(time))
        .expect("a GET with a Host signs");
    let date = decoded_form.x_amz_date().to_owned();
    let as_sent = botocore_signature(&signed_query, &date);
    // botocore keeps empty segments (`a&&b` signs an `=` pair), which the decoder and the
    // verifier skip: such a query signed as sent is refused, whatever it means.
    let no_empty_segment = !signed_query.is_empty() && !signed_query.split('&').any(str::is_empty);
    // A parameter with an empty name and value (`=`) is what botocore writes for an empty
    // segment: no signature tells the two apart, and such a query is refused.
    let empty_parameter = |query: &str| query.split('&').any(|segment| segment == "=");
    let plain = !empty_parameter(&signed_query);
    for (signature, honest) in [
        (decoded_form.signature().to_owned(), plain),
        (as_sent, no_empty_segment && plain),
    ] {
        let headers: Headers = vec![
            (b"Host".to_vec(), b"iam.amazonaws.com".to_vec()),
            (b"X-Amz-Date".to_vec(), date.as_bytes().to_vec()),
            (
                b"Authorization".to_vec(),
                format!(
                    "AWS4-HMAC-SHA256 Credential={KEY_ID}/{}/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}",
                    &date[..8]
                )
                .into_bytes(),
            ),
        ];
        let target = format!("/?{received_query}");
        let size = target.len() + headers.iter().map(|(n, v)| n.len() + v.len()).sum::<usize>();
        let (peak, result) = peak_bytes(|| {
            verifier
                .verify("GET", &target, &headers, b"", at(time), |id: &str| (id == KEY_ID).then_some(secret))
                .map(|(p, _)| p.access_key_id().to_owned())
        });
        assert_linear(peak, size);
        if empty_parameter(&received_query) {
            // Refused as such, unless the query also carries a presigned form's
            // `X-Amz-Algorithm`, which is refused first.
            assert!(
                matches!(result, Err(AuthError::EmptyParameter | AuthError::BothForms)),
                "{received_query:?}: {result:?}"
            );
        }
        if result.is_ok() && let Some(received) = reading(&received_query) {
            assert_eq!(
                reading(&signed_query).as_ref(),
                Some(&received),
                "signed {signed_query:?}, accepted {received_query:?}, which the decoder reads otherwise"
            );
        }
        if received_query == signed_query && honest {
            assert!(result.is_ok() || reading(&signed_query).is_none(), "{signed_query:?}: {result:?}");
        }
    }
}

/// botocore's `SigV4Auth` signature of `GET /?{query}` with only `host` and `x-amz-date`:
/// its `_canonical_query_string_url`, the query as sent (split at `&`, each at its first
/// `=`, sorted), and the rest of SigV4.
fn botocore_signature(query: &str, amz_date: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut pairs: Vec<(&str, &str)> = if query.is_empty() {
        Vec::new()
    } else {
        query.split('&').map(|p| p.split_once('=').unwrap_or((p, ""))).collect()
    };
    pairs.sort();
    let canonical_query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let canonical_request = format!(
        "GET\n/\n{}\nhost:iam.amazonaws.com\nx-amz-date:{amz_date}\n\nhost;x-amz-date\n{}",
        canonical_query.join("&"),
        sha256_hex(b"")
    );
    let scope = format!("{}/us-east-1/iam/aws4_request", &amz_date[..8]);
    let string_to_sign = format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", sha256_hex(canonical_request.as_bytes()));
    let hmac = |key: &[u8], data: &[u8]| -> Vec<u8> {
        let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    };
    let mut key = hmac(format!("AWS4{SECRET}").as_bytes(), amz_date[..8].as_bytes());
    for part in ["us-east-1", "iam", "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    hmac(&key, string_to_sign.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The most bytes `f` held at once, under cargo-fuzz (a counting allocator); `None` in
/// the stable replay, which has none.
#[cfg(fuzzing)]
fn peak_bytes<R>(f: impl FnOnce() -> R) -> (Option<usize>, R) {
    use std::sync::atomic::Ordering::Relaxed;
    counting::HELD.store(0, Relaxed);
    counting::PEAK.store(0, Relaxed);
    counting::ON.store(true, Relaxed);
    let r = f();
    counting::ON.store(false, Relaxed);
    (Some(counting::PEAK.load(Relaxed).max(0) as usize), r)
}

#[cfg(not(fuzzing))]
fn peak_bytes<R>(f: impl FnOnce() -> R) -> (Option<usize>, R) {
    (None, f())
}

/// A global allocator that follows the bytes held while `ON` (libFuzzer runs the target
/// on one thread).
#[cfg(fuzzing)]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};

    pub static ON: AtomicBool = AtomicBool::new(false);
    pub static HELD: AtomicIsize = AtomicIsize::new(0);
    pub static PEAK: AtomicIsize = AtomicIsize::new(0);

    fn note(grown: isize) {
        if ON.load(Relaxed) {
            let held = HELD.fetch_add(grown, Relaxed) + grown;
            PEAK.fetch_max(held, Relaxed);
        }
    }

    struct Counting;

    // SAFETY: every call is forwarded unchanged to the system allocator; the counting
    // touches only atomics.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            note(layout.size() as isize);
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            note(-(layout.size() as isize));
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            note(layout.size() as isize);
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            note(new_size as isize);
            note(-(layout.size() as isize));
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;
}
