//! The fuzz properties, one function per `cargo fuzz` target (`fuzz/fuzz_targets/<name>.rs`);
//! those of the operations (requests, responses, round trips) are in
//! [`fuzzing_family`](crate::fuzzing_family), looping over the table.
//!
//! They live in the crate, behind the `arbitrary` feature, so that the libFuzzer targets
//! and the stable replay test (`tests/it/fuzz_replay.rs`, which runs every file of
//! `fuzz/corpus/<name>/` through the same function) check exactly the same thing. Each
//! function takes any bytes and panics, with a message naming the property and the
//! input, when a property fails; it returns normally otherwise.
//!
//! | target | property |
//! |---|---|
//! | [`response`], [`error`] | the same for the two XML documents, on both decode paths |
//! | [`user_name`] | [`UserName::new`] gives the verdict of the documented regular expression |
//! | [`create_date`] | parse → format → parse is stable and agrees with `time`'s RFC 3339 parser |
//! | [`differential`] | the XML tokenizer and the quick-xml path give the same value, or both an error (the same one through `decode`); the hand-written query splitter agrees with `serde_urlencoded` |

use std::fmt::Debug;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::internal::{decode_error_reference, decode_response_reference, query_pairs};
use crate::{DecodeOptions, ErrorResponse, GetLoginProfileResponse, MalformedKind, Timestamp, UserName, user_name};

/// The documented `UserName` constraint as a `regex` pattern, anchored, with an ASCII `\w`.
pub const USER_NAME_PATTERN: &str = r"^(?-u:[\w+=,.@-]){1,64}$";

/// Does `s` satisfy the documented `UserName` pattern? The reference, with `regex`.
pub fn matches_documented_pattern(s: &str) -> bool {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(USER_NAME_PATTERN).expect("a valid regex"))
        .is_match(s)
}

/// All `key=value` pairs of a query string, decoded by `serde_urlencoded`. (It is
/// lenient: bad escapes pass through and invalid UTF-8 is replaced, which is why the
/// crate checks both itself.)
pub fn serde_urlencoded_pairs(input: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(input).unwrap_or_default()
}

/// The longest input the properties are meant for (`-max_len=65536`).
pub const MAX_LEN: usize = 64 * 1024;

/// The input, for a panic message: lossy UTF-8, cut at 512 bytes.
pub(crate) fn show(data: &[u8]) -> String {
    const CUT: usize = 512;
    let s = String::from_utf8_lossy(&data[..data.len().min(CUT)]);
    if data.len() > CUT {
        format!("{s:?}… ({} bytes)", data.len())
    } else {
        format!("{s:?}")
    }
}

/// Decodes `encoded` (our own output for `value`) and checks it is `value` again, then that
/// encoding that is byte-for-byte `encoded`: encode is a fixed point.
pub(crate) fn assert_reencodes<'a, T, E>(
    what: &str,
    input: &[u8],
    value: &T,
    encoded: &'a str,
    decode: impl Fn(&'a [u8]) -> Result<T, E>,
    encode: impl Fn(&T) -> String,
) where
    T: PartialEq + Debug,
    E: Debug,
{
    let again = match decode(encoded.as_bytes()) {
        Ok(v) => v,
        Err(e) => panic!(
            "{what}: our own encoding does not decode\n  input: {}\n  value: {value:?}\n  encoded: {encoded:?}\n  error: {e:?}",
            show(input)
        ),
    };
    assert!(
        &again == value,
        "{what}: decode(encode(x)) != x\n  input: {}\n  x: {value:?}\n  encoded: {encoded:?}\n  decoded: {again:?}",
        show(input)
    );
    let twice = encode(&again);
    assert!(
        twice == encoded,
        "{what}: encode is not a fixed point\n  input: {}\n  first: {encoded:?}\n  second: {twice:?}",
        show(input)
    );
}

/// Target `response`: raw bytes as a `GetLoginProfileResponse` document.
///
/// Where decoding succeeds, the value re-encodes to XML that decodes to it again (on the
/// default and on the general path) and encodes to the same XML.
pub fn response(data: &[u8]) {
    let Ok(response) = GetLoginProfileResponse::decode(data).map_err(|e| e.to_string()) else {
        return;
    };
    let xml = response.to_xml();
    assert_reencodes(
        "response",
        data,
        &response,
        &xml,
        GetLoginProfileResponse::decode,
        GetLoginProfileResponse::to_xml,
    );
    assert_reencodes(
        "response (general path)",
        data,
        &response,
        &xml,
        |b| decode_response_reference(b, &DecodeOptions::new()),
        GetLoginProfileResponse::to_xml,
    );
    assert_eq!(
        response.clone().into_owned(),
        response,
        "response: into_owned changed the value\n  input: {}",
        show(data)
    );
}

/// `error` encodes to XML that decodes to it again, on the default and on the general
/// path, and encodes to the same XML.
pub(crate) fn assert_error_reencodes(what: &str, input: &[u8], error: &ErrorResponse<'_>) {
    let xml = error.to_xml();
    assert_reencodes(what, input, error, &xml, ErrorResponse::decode, ErrorResponse::to_xml);
    assert_reencodes(
        &format!("{what} (general path)"),
        input,
        error,
        &xml,
        |b| decode_error_reference(b, &DecodeOptions::new()),
        ErrorResponse::to_xml,
    );
}

/// Target `error`: raw bytes as an `ErrorResponse` (or EC2-style `Response`) document.
///
/// Where decoding succeeds, the value re-encodes to XML that decodes to it again (on the
/// default and on the general path) and encodes to the same XML.
pub fn error(data: &[u8]) {
    let Ok(error) = ErrorResponse::decode(data).map_err(|e| e.to_string()) else {
        return;
    };
    let _ = (error.to_string(), error.http_status(), error.error.code.is_retryable());
    assert_error_reencodes("error", data, &error);
    assert_eq!(
        error.clone().into_owned(),
        error,
        "error: into_owned changed the value\n  input: {}",
        show(data)
    );
}

/// Target `user_name`: [`UserName::new`] against [`matches_documented_pattern`]
/// (`^(?-u:[\w+=,.@-]){1,64}$`), on every input (bytes that are not UTF-8 are read lossily).
/// A refusal also names the right problem: the length when it is outside `1..=64`, and the
/// first character outside the set.
pub fn user_name(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let ours = UserName::new(&*s);
    let documented = matches_documented_pattern(&s);
    assert_eq!(
        ours.is_ok(),
        documented,
        "user_name: UserName::new says {ours:?}, the documented pattern says {documented}\n  input: {s:?}"
    );
    match ours {
        Ok(name) => assert_eq!(name.as_str(), &*s, "user_name: the name is not the input"),
        Err(e) => {
            let chars = s.chars().count();
            let bad_len = (chars == 0 || chars > user_name::MAX_LEN).then_some(chars);
            assert_eq!(
                e.invalid_length(),
                bad_len,
                "user_name: wrong length problem\n  input: {s:?}"
            );
            let bad_char = s
                .char_indices()
                .find(|&(_, c)| !matches_documented_pattern(c.encode_utf8(&mut [0; 4])));
            assert_eq!(
                e.invalid_char(),
                bad_char,
                "user_name: wrong character problem\n  input: {s:?}"
            );
            assert_eq!(e.value(), &*s, "user_name: the error does not keep the value");
            let _ = (e.to_string(), e.aws_message());
        }
    }
}

/// Target `create_date`: [`Timestamp::parse`] → format → parse is stable, the format is
/// accepted by `time`'s RFC 3339 parser as the same instant, and on every input both
/// parsers accept they read the same instant.
pub fn create_date(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let ours = Timestamp::parse(s);
    let theirs = OffsetDateTime::parse(s, &Rfc3339);
    let t = match ours {
        Ok(t) => t,
        Err(e) => {
            assert_eq!(e.value(), s, "create_date: the error does not keep the value");
            let _ = e.to_string();
            return;
        }
    };
    let text = t.to_string();
    let again = Timestamp::parse(&text);
    assert_eq!(
        again,
        Ok(t),
        "create_date: parse(format(t)) != t\n  input: {s:?}\n  formatted: {text:?}"
    );
    assert_eq!(
        again.map(|t| t.to_string()).as_deref(),
        Ok(text.as_str()),
        "create_date: format is not a fixed point\n  input: {s:?}"
    );
    assert_eq!(
        OffsetDateTime::parse(&text, &Rfc3339).ok(),
        Some(t.to_offset_date_time()),
        "create_date: time reads our output {text:?} as another instant\n  input: {s:?}"
    );
    if let Ok(theirs) = theirs {
        assert_eq!(
            t.to_offset_date_time(),
            theirs,
            "create_date: we and time read different instants\n  input: {s:?}\n  ours: {t:?}\n  time: {theirs}"
        );
    }
}

/// Target `differential`: the same bytes through the two XML decode paths and the two
/// query-string splitters.
///
/// For the response and the error, the tokenizer alone and the reference (`quick-xml`
/// only) give the same value, or both refuse the document; `decode_with` (the tokenizer,
/// then quick-xml to name an error) gives exactly `decode_general`'s result. Both with
/// the default depth limit and with a limit of 4 (the depth of IAM's own documents). For the
/// request, the hand-written pair splitter gives `serde_urlencoded`'s pairs whenever it
/// accepts the input, and when it refuses, it points at a real problem.
pub fn differential(data: &[u8]) {
    for options in [DecodeOptions::new(), DecodeOptions::new().with_max_depth(4)] {
        let tokenizer = crate::xml::decode_fast(data, &options, &GetLoginProfileResponse::DOCUMENT)
            .and_then(|document| GetLoginProfileResponse::from_document(document).map_err(drop));
        let general = decode_response_reference(data, &options);
        assert!(
            tokenizer.as_ref().ok() == general.as_ref().ok(),
            "differential response: the paths disagree ({options:?})\n  input: {}\n  tokenizer: {tokenizer:?}\n  decode_general: {general:?}",
            show(data)
        );
        let decoded = GetLoginProfileResponse::decode_with(data, &options);
        assert!(
            decoded == general,
            "differential response: decode is not decode_general ({options:?})\n  input: {}\n  decode: {decoded:?}\n  decode_general: {general:?}",
            show(data)
        );
        let tokenizer = crate::xml::decode_fast(data, &options, &crate::error_response::ErrorDocument)
            .and_then(|e| e.check().map_err(drop));
        let general = decode_error_reference(data, &options);
        assert!(
            tokenizer.as_ref().ok() == general.as_ref().ok(),
            "differential error: the paths disagree ({options:?})\n  input: {}\n  tokenizer: {tokenizer:?}\n  decode_general: {general:?}",
            show(data)
        );
        let decoded = ErrorResponse::decode_with(data, &options);
        assert!(
            decoded == general,
            "differential error: decode is not decode_general ({options:?})\n  input: {}\n  decode: {decoded:?}\n  decode_general: {general:?}",
            show(data)
        );
    }

    match query_pairs(data) {
        Ok(pairs) => {
            let serde = serde_urlencoded_pairs(data);
            assert!(
                pairs == serde,
                "differential request: the pair splitter disagrees with serde_urlencoded\n  input: {}\n  ours: {pairs:?}\n  serde_urlencoded: {serde:?}",
                show(data)
            );
        }
        Err((offset, problem)) => match problem {
            MalformedKind::BadEscape => assert_eq!(
                data.get(offset),
                Some(&b'%'),
                "differential request: a bad escape reported at {offset}, which is not a `%`\n  input: {}",
                show(data)
            ),
            _ => {
                assert!(
                    offset <= data.len(),
                    "differential request: offset {offset} is past the end\n  input: {}",
                    show(data)
                );
                // serde_urlencoded replaces what is not UTF-8: it must have seen something to replace.
                let serde = serde_urlencoded_pairs(data);
                assert!(
                    serde
                        .iter()
                        .any(|(k, v)| k.contains('\u{FFFD}') || v.contains('\u{FFFD}')),
                    "differential request: refused as not UTF-8, but serde_urlencoded decodes it cleanly\n  input: {}\n  serde_urlencoded: {serde:?}",
                    show(data)
                );
            }
        },
    }
}
