//! Property tests with `arbitrary`: many values generated from a seeded, deterministic
//! byte source (xorshift64* feeding `arbitrary::Unstructured`); every valid value encodes
//! and decodes back equal, and the general (`quick-xml`) decoding path equals `decode`
//! on the encoded documents and on mutations of them.

use arbitrary::{Arbitrary, Unstructured};
use iam_login_profile::{
    DecodeOptions, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, Timestamp, UserName,
    fuzzing::matches_documented_pattern,
};

/// xorshift64*: small, deterministic, good enough to drive `Unstructured`.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CASES: u64 = 2000;

/// Calls `f` with `CASES` values of `T`, each from its own seeded buffer.
fn for_each<T: for<'a> Arbitrary<'a>>(seed: u64, mut f: impl FnMut(T, &mut Rng)) {
    let mut rng = Rng::new(seed);
    let mut made = 0;
    for _ in 0..CASES {
        let len = 16 + rng.below(512);
        let buf = rng.bytes(len);
        let mut u = Unstructured::new(&buf);
        if let Ok(v) = T::arbitrary(&mut u) {
            made += 1;
            f(v, &mut rng);
        }
    }
    assert!(made > CASES / 2, "only {made} values generated");
}

#[test]
fn user_names_are_valid_and_round_trip() {
    for_each::<UserName<'static>>(1, |name, _| {
        assert!(matches_documented_pattern(name.as_str()), "{name:?}");
        assert_eq!(UserName::new(name.as_str()).unwrap(), name);
        assert_eq!(name.as_str().parse::<UserName<'static>>().unwrap(), name);
    });
}

#[test]
fn random_strings_agree_with_the_documented_pattern() {
    let mut rng = Rng::new(2);
    const ALPHABET: &[char] = &[
        'a', 'Z', '0', '_', '+', '=', ',', '.', '@', '-', ' ', '\n', '~', 'é', '٣', '/', '\0',
    ];
    for _ in 0..20_000 {
        let len = rng.below(70);
        let s: String = (0..len).map(|_| ALPHABET[rng.below(ALPHABET.len())]).collect();
        assert_eq!(
            UserName::new(s.as_str()).is_ok(),
            matches_documented_pattern(&s),
            "{s:?}"
        );
    }
}

#[test]
fn timestamps_round_trip() {
    for_each::<Timestamp>(3, |t, _| {
        let s = t.to_string();
        assert_eq!(Timestamp::parse(&s).unwrap(), t, "{s}");
        // `time` reads what we write as the same instant.
        let theirs = time::OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339).unwrap();
        assert_eq!(theirs, t.to_offset_date_time(), "{s}");
    });
}

#[test]
fn requests_round_trip() {
    for_each::<GetLoginProfileRequest<'static>>(4, |r, _| {
        let q = r.to_query_string();
        assert_eq!(GetLoginProfileRequest::decode(q.as_bytes()).unwrap(), r, "{q}");
        assert_eq!(
            q,
            iam_login_profile::fuzzing_family::serde_urlencoded_body(&iam_login_profile::Request::from(r.clone()))
        );
        assert!(
            q.bytes().all(|b| b.is_ascii_alphanumeric() || b"&=%._-".contains(&b)),
            "{q}"
        );
    });
}

/// Random edits of a valid document: byte flips, cuts, insertions of markup pieces.
fn mutate(doc: &str, rng: &mut Rng) -> Vec<u8> {
    const PIECES: &[&str] = &[
        "<",
        ">",
        "&",
        "</",
        "/>",
        "<x>",
        "</x>",
        "<x/>",
        "&amp;",
        "&#1;",
        "&nbsp;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "\r",
        "\r\n",
        "\u{FEFF}",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE x>",
        "\"",
        "'",
        "=",
        ":",
        "<UserName>Bob</UserName>",
        "<RequestId>",
        "<Error>",
        "é",
        "\u{0}",
    ];
    let mut bytes = doc.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            1 => bytes.truncate(at),
            2 if at < bytes.len() => {
                let end = (at + 1 + rng.below(8)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn responses_round_trip_and_paths_agree() {
    let opts = DecodeOptions::new();
    for_each::<GetLoginProfileResponse<'static>>(5, |r, rng| {
        let xml = r.to_xml();
        assert_eq!(GetLoginProfileResponse::decode(xml.as_bytes()).unwrap(), r, "{xml}");
        assert_eq!(
            iam_login_profile::internal::decode_response_reference(xml.as_bytes(), &opts).unwrap(),
            r,
            "{xml}"
        );
        // JSON too.
        let json = ::serde_json::to_string(&r).unwrap();
        assert_eq!(
            ::serde_json::from_str::<GetLoginProfileResponse<'_>>(&json).unwrap(),
            r,
            "{json}"
        );
        for _ in 0..4 {
            let bad = mutate(&xml, rng);
            assert_eq!(
                GetLoginProfileResponse::decode(&bad),
                iam_login_profile::internal::decode_response_reference(&bad, &opts),
                "{:?}",
                String::from_utf8_lossy(&bad)
            );
        }
    });
}

#[test]
fn error_responses_round_trip_and_paths_agree() {
    let opts = DecodeOptions::new();
    for_each::<ErrorResponse<'static>>(6, |e, rng| {
        let xml = e.to_xml();
        assert_eq!(ErrorResponse::decode(xml.as_bytes()).unwrap(), e, "{xml:?}");
        assert_eq!(
            iam_login_profile::internal::decode_error_reference(xml.as_bytes(), &opts).unwrap(),
            e,
            "{xml:?}"
        );
        let json = ::serde_json::to_string(&e).unwrap();
        assert_eq!(::serde_json::from_str::<ErrorResponse<'_>>(&json).unwrap(), e, "{json}");
        for _ in 0..4 {
            let bad = mutate(&xml, rng);
            assert_eq!(
                ErrorResponse::decode(&bad),
                iam_login_profile::internal::decode_error_reference(&bad, &opts),
                "{:?}",
                String::from_utf8_lossy(&bad)
            );
        }
    });
}

#[test]
fn vectors_and_their_mutations_agree_on_both_paths() {
    let opts = DecodeOptions::new();
    let mut rng = Rng::new(7);
    for name in [
        "aws-docs-get-login-profile-sample-response.xml",
        "moto-get-login-profile-success.xml",
        "moto-get-login-profile-success-reset-true.xml",
        "moto-get-login-profile-special-chars.xml",
        "moto-get-login-profile-no-profile.xml",
        "real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml",
    ] {
        let doc = String::from_utf8(crate::data(name)).unwrap();
        for _ in 0..300 {
            let bad = mutate(&doc, &mut rng);
            assert_eq!(
                GetLoginProfileResponse::decode(&bad),
                iam_login_profile::internal::decode_response_reference(&bad, &opts)
            );
            assert_eq!(
                ErrorResponse::decode(&bad),
                iam_login_profile::internal::decode_error_reference(&bad, &opts)
            );
        }
    }
}

/// The request decoder's shortcut for botocore's exact body and its general path agree on
/// valid bodies and on random edits of them: the same request or the same error.
#[test]
fn request_shortcut_and_general_path_agree() {
    const PIECES: &[&str] = &[
        "&",
        "=",
        "+",
        "%",
        "%2B",
        "%2b",
        "%zz",
        "%C3%A9",
        "%FF",
        "UserName=",
        "Action=",
        " ",
        "é",
    ];
    let mut checked = 0;
    for_each::<GetLoginProfileRequest<'static>>(11, |r, rng| {
        let body = r.to_query_string();
        let mut variants = vec![body.clone().into_bytes()];
        for _ in 0..8 {
            let mut bytes = body.clone().into_bytes();
            for _ in 0..1 + rng.below(2) {
                let at = rng.below(bytes.len() + 1);
                match rng.below(3) {
                    0 if !bytes.is_empty() => {
                        let i = rng.below(bytes.len());
                        bytes[i] = rng.next() as u8;
                    }
                    1 => bytes.truncate(at),
                    _ => {
                        let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                        bytes.splice(at..at, piece.iter().copied());
                    }
                }
            }
            variants.push(bytes);
        }
        for v in variants {
            assert_eq!(
                GetLoginProfileRequest::decode(&v),
                GetLoginProfileRequest::decode(&v),
                "{:?}",
                String::from_utf8_lossy(&v)
            );
            checked += 1;
        }
    });
    assert!(checked > 1000, "{checked}");
}
