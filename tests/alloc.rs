//! Heap allocations of the hot paths, counted by a global allocator (issue 4).
//!
//! Its own test binary, so that the counting allocator stays out of `it`. The count is
//! per thread, so tests running in parallel do not see each other's allocations.
//! `ALLOC_BACKTRACE=1 cargo test --test alloc` prints a backtrace for every allocation
//! counted, to find where one comes from.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use iam_login_profile::{ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, Timestamp, UserName};

struct Counting;

thread_local! {
    /// Allocations made by this thread while counting.
    static COUNT: Cell<usize> = const { Cell::new(0) };
    /// Is this thread counting?
    static ON: Cell<bool> = const { Cell::new(false) };
    /// Inside the allocator's own backtrace printing (which allocates).
    static REENTERED: Cell<bool> = const { Cell::new(false) };
    /// Bytes this thread holds that it allocated while counting, and their peak.
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// Follows the bytes held while counting (a free of memory allocated before counting
/// lowers the count below zero, which only makes the peak smaller than the truth by
/// what was freed; the tests free nothing from before).
fn note_bytes(grown: isize) {
    if !ON.try_with(Cell::get).unwrap_or(false) {
        return;
    }
    let held = HELD.with(|h| {
        h.set(h.get() + grown);
        h.get()
    });
    PEAK.with(|p| p.set(p.get().max(held)));
}

fn note_allocation() {
    let counting = ON.try_with(Cell::get).unwrap_or(false);
    if !counting || REENTERED.try_with(Cell::get).unwrap_or(true) {
        return;
    }
    COUNT.with(|c| c.set(c.get() + 1));
    // Reading the variable and printing allocate too: not counted.
    REENTERED.with(|r| r.set(true));
    if std::env::var_os("ALLOC_BACKTRACE").is_some() {
        eprintln!("allocation:\n{}", std::backtrace::Backtrace::force_capture());
    }
    REENTERED.with(|r| r.set(false));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counting
// touches only const-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        note_bytes(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        note_bytes(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // Counted as the new block allocated before the old one is freed: a reallocation
        // that moves holds both for a moment.
        note_bytes(new_size as isize);
        note_bytes(-(layout.size() as isize));
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_bytes(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations (including reallocations) `f` makes on this thread; its result
/// is dropped outside the count only if it is returned, so return what must not be timed.
///
/// The first decode in a process builds the decoders' vector searchers once (a few
/// allocations, shared by every thread after): done here before counting.
fn allocations<R>(f: impl FnOnce() -> R) -> (usize, R) {
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| assert!(GetLoginProfileResponse::decode(IAM_STYLE).is_ok()));
    COUNT.with(|c| c.set(0));
    ON.with(|on| on.set(true));
    let r = std::hint::black_box(f());
    ON.with(|on| on.set(false));
    (COUNT.with(Cell::get), r)
}

/// The most bytes `f` held at once on this thread (its result dropped outside the count).
fn peak_bytes<R>(f: impl FnOnce() -> R) -> (usize, R) {
    HELD.with(|h| h.set(0));
    PEAK.with(|p| p.set(0));
    ON.with(|on| on.set(true));
    let r = std::hint::black_box(f());
    ON.with(|on| on.set(false));
    (PEAK.with(Cell::get).max(0) as usize, r)
}

const IAM_STYLE: &[u8] = include_bytes!("data/iam-style-success.xml");
const COMPACT: &[u8] = include_bytes!("data/aws-docs-get-login-profile-sample-response.xml");
const MOTO: &[u8] = include_bytes!("data/moto-get-login-profile-success.xml");
const ACCESS_DENIED: &[u8] = include_bytes!("data/real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml");
const BOTOCORE_REQUEST: &[u8] = include_bytes!("data/botocore-request-with-username.txt");

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| vec![1u8; 16]);
    assert_eq!((n, v.len()), (1, 16));
    let (n, ()) = allocations(|| ());
    assert_eq!(n, 0);
}

#[test]
fn a_decode_that_must_unescape_is_counted() {
    // The counter sees the decoders' allocations: a reference in the user name cannot
    // be borrowed, so this decode allocates (and the zero counts below mean something).
    let input = String::from_utf8(COMPACT.to_vec())
        .unwrap()
        .replace(">Bob<", ">B&#111;b<");
    let (n, r) = allocations(|| GetLoginProfileResponse::decode(input.as_bytes()).map(|r| r.into_owned()));
    assert_eq!(r.unwrap().login_profile.user_name.as_str(), "Bob");
    assert!(n > 0, "an unescaping decode counted no allocation");
}

fn assert_success_decode_allocates_nothing(name: &str, input: &[u8]) {
    let (n, r) = allocations(|| GetLoginProfileResponse::decode(input));
    let r = r.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(r.login_profile.user_name.as_str(), "Bob", "{name}");
    assert_eq!(n, 0, "{name}: the borrowed decode allocated {n} times");
}

#[test]
fn decode_success_iam_style_allocates_nothing() {
    assert_success_decode_allocates_nothing("iam-style", IAM_STYLE);
}

#[test]
fn decode_success_compact_sample_allocates_nothing() {
    assert_success_decode_allocates_nothing("compact sample", COMPACT);
}

#[test]
fn decode_success_moto_allocates_nothing() {
    assert_success_decode_allocates_nothing("moto", MOTO);
}

/// Issue 8: every document variant whose values need no unescaping decodes without
/// allocating, whatever XML features it uses (declaration, BOM, CR LF, CDATA, comments,
/// PIs, prefixes, any order, unknown elements, a 64 KiB unknown subtree…).
#[test]
fn every_variant_without_unescaping_allocates_nothing() {
    let read = |name: &str| {
        let path = format!("{}/tests/data/variants/{name}.xml", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    for name in [
        "iam",
        "moto",
        "compact",
        "declaration",
        "bom",
        "crlf",
        "cdata",
        "comment",
        "pi",
        "prefixes",
        "metadata-first",
        "unknown-element",
        "tabs",
        "reordered",
        "no-namespace",
        "attributes",
        "offset-date",
        "large",
    ] {
        let doc = read(&format!("success-{name}"));
        assert_success_decode_allocates_nothing(name, &doc);
    }
    for name in ["iam", "moto", "ec2", "declaration-crlf", "prefixes"] {
        let doc = read(&format!("error-{name}"));
        let (n, e) = allocations(|| ErrorResponse::decode(&doc));
        e.unwrap_or_else(|e| panic!("error-{name}: {e}"));
        assert_eq!(n, 0, "error-{name}: the borrowed decode allocated {n} times");
    }
    // The variants that must unescape a value allocate (for that value only).
    for name in ["success-entities", "success-char-refs", "error-entities"] {
        let doc = read(name);
        let (n, r) = allocations(|| {
            (
                GetLoginProfileResponse::decode(&doc).is_ok(),
                ErrorResponse::decode(&doc).is_ok(),
            )
        });
        assert!(r.0 || r.1, "{name}");
        assert!(n > 0, "{name}");
    }
}

#[test]
fn decode_error_access_denied_allocates_nothing() {
    let (n, e) = allocations(|| ErrorResponse::decode(ACCESS_DENIED));
    let e = e.unwrap();
    assert_eq!(e.error.code.as_str(), "AccessDenied");
    assert_eq!(
        n, 0,
        "the borrowed decode of the AccessDenied error allocated {n} times"
    );
}

#[test]
fn decode_request_allocates_nothing_without_escapes() {
    let (n, r) = allocations(|| GetLoginProfileRequest::decode(BOTOCORE_REQUEST));
    assert_eq!(r.unwrap().user_name.unwrap().as_str(), "Bob");
    assert_eq!(n, 0, "the request decode allocated {n} times");
    // Without a user name too.
    let input = b"Action=GetLoginProfile&Version=2010-05-08";
    let (n, r) = allocations(|| GetLoginProfileRequest::decode(input));
    assert_eq!(r.unwrap().user_name, None);
    assert_eq!(n, 0, "the request decode (no UserName) allocated {n} times");
}

#[test]
fn encode_into_a_grown_buffer_allocates_nothing() {
    let response = GetLoginProfileResponse::decode(MOTO).unwrap();
    let error = ErrorResponse::decode(ACCESS_DENIED).unwrap();
    let request = GetLoginProfileRequest::decode(BOTOCORE_REQUEST).unwrap();
    let mut out = String::new();
    // Grow the buffer once for each, then reuse it.
    response.encode(&mut out);
    out.clear();
    error.encode(&mut out);
    out.clear();
    for _ in 0..2 {
        let (n, ()) = allocations(|| response.encode(&mut out));
        assert_eq!(n, 0, "encoding the success response allocated {n} times");
        assert!(out.contains("<UserName>Bob</UserName>"));
        out.clear();
        let (n, ()) = allocations(|| error.encode(&mut out));
        assert_eq!(n, 0, "encoding the error allocated {n} times");
        assert!(out.contains("<Code>AccessDenied</Code>"));
        out.clear();
        let (n, ()) = allocations(|| request.encode(&mut out));
        assert_eq!(n, 0, "encoding the request allocated {n} times");
        assert_eq!(out.as_bytes(), BOTOCORE_REQUEST);
        out.clear();
    }
}

#[test]
fn timestamp_parse_allocates_nothing() {
    for s in [
        "2011-09-19T23:00:56Z",
        "2026-11-23T17:57:57.907140Z",
        "2011-09-20T04:30:56+05:30",
    ] {
        let (n, t) = allocations(|| Timestamp::parse(s));
        t.unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(n, 0, "Timestamp::parse({s:?}) allocated {n} times");
    }
}

#[test]
fn user_name_new_allocates_nothing() {
    for s in ["Bob", "a+b=c,d.e@f-g_h", &"x".repeat(64)] {
        let (n, u) = allocations(|| UserName::new(s));
        assert_eq!(u.unwrap().as_str(), s);
        assert_eq!(n, 0, "UserName::new({s:?}) allocated {n} times");
    }
}

// ---------------------------------------------------------------------------------------
// SigV4 (issue 20): nothing allocated verifying with a kept key; memory linear in the
// request on hostile input
// ---------------------------------------------------------------------------------------

mod sigv4 {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use iam_login_profile::sigv4::{AuthError, Credentials, SecretKey, Signer, Verifier};

    use super::{allocations, peak_bytes};

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const BODY: &[u8] = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob";

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// A POST as botocore sends it, signed at 2015-08-30T12:36:00Z.
    fn signed(token: Option<&str>) -> Vec<(String, String)> {
        let credentials = Credentials::new("AKIDEXAMPLE", SECRET, token.map(str::to_owned));
        let mut headers = vec![
            ("Host".to_owned(), "iam.amazonaws.com".to_owned()),
            (
                "Content-Type".to_owned(),
                "application/x-www-form-urlencoded; charset=utf-8".to_owned(),
            ),
            (
                "User-Agent".to_owned(),
                "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6 lang/python#3.11.7".to_owned(),
            ),
        ];
        let auth = Signer::new(&credentials)
            .sign("POST", "/", &headers, BODY, at(1_440_938_160))
            .unwrap();
        headers.extend(auth.headers().map(|(n, v)| (n.to_owned(), v.to_owned())));
        headers
    }

    #[test]
    fn verify_with_a_kept_key_allocates_nothing() {
        let verifier = Verifier::new();
        for token in [None, Some("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD")] {
            let headers = signed(token);
            let now = at(1_440_938_160 + 60);
            let key = verifier
                .read("POST", "/", &headers, BODY, now)
                .unwrap()
                .derive_key(&SecretKey::new(SECRET));
            let (count, ok) = allocations(|| {
                let signed = verifier.read("POST", "/", &headers, BODY, now).unwrap();
                signed.verify_with_key(&key).map(|p| p.session_token() == token)
            });
            assert_eq!(ok, Ok(true));
            assert_eq!(count, 0, "token {token:?}");
        }
    }

    /// The attack of issue 20: a `Host` of 190,000 characters named 40,000 times in
    /// `SignedHeaders` (a ~390 kB request; it took gigabytes), once twice, and once under
    /// a wrong signature (the canonical request is then built for the diagnostics). The
    /// peak stays within the request's size: 19, 51 and 190,339 bytes for requests of
    /// 390,286, 190,296 and 190,291 bytes.
    #[test]
    fn a_hostile_request_takes_memory_linear_in_its_size() {
        let verifier = Verifier::new();
        let secret = SecretKey::new(SECRET);
        let now = at(1_440_938_160);
        let host = "h".repeat(190_000);
        let scope = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request";
        let zeros = "0".repeat(64);
        let cases = [
            (vec!["host"; 40_000].join(";") + ";x-amz-date", "IncompleteSignature"),
            ("host;host;x-amz-date".to_owned(), "IncompleteSignature"),
            ("host;x-amz-date".to_owned(), "SignatureDoesNotMatch"),
        ];
        for (list, code) in cases {
            let headers = vec![
                ("Host".to_owned(), host.clone()),
                ("X-Amz-Date".to_owned(), "20150830T123600Z".to_owned()),
                (
                    "Authorization".to_owned(),
                    format!("{scope}, SignedHeaders={list}, Signature={zeros}"),
                ),
            ];
            let size: usize = headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum::<usize>() + BODY.len();
            let (peak, result) = peak_bytes(|| {
                verifier
                    .verify("POST", "/", &headers, BODY, now, |_: &str| Some(&secret))
                    .map(|_| ())
                    .map_err(|e| e.code().as_str().to_owned())
            });
            assert_eq!(result, Err(code.to_owned()), "{}", &list[..20]);
            // Before any secret: an error of a few bytes. After: the diagnostics, one
            // canonical request (about the request's size) in a buffer of its size.
            let bound = if code == "IncompleteSignature" {
                4096
            } else {
                size + 4096
            };
            assert!(peak <= bound, "{code}: peak {peak} bytes for a {size}-byte request");
        }
        // Without a signature: refused before anything is read.
        let err = verifier
            .read("POST", "/", &[("Host", host.as_str())], BODY, now)
            .unwrap_err();
        assert_eq!(err, AuthError::MissingAuthenticationToken);
    }
}
