//! The codec against its peers, one criterion group per operation, every peer in the
//! same group as ours so that the README can quote ratios from one run.
//!
//! Every benchmark checks the value it produced inside the timed loop (user name,
//! timestamp, error code, output bytes…), so a broken parser or encoder cannot be timed.
//! Each peer is checked against the value this crate decodes from the same input, so
//! they all do the same work: the success decoders produce the user name, the parsed
//! `CreateDate` and `PasswordResetRequired`; the error decoders the code and message.
//!
//! ```sh
//! cargo bench --bench codec                      # everything (a few minutes)
//! cargo bench --bench codec -- 'decode success'  # one group
//! cargo bench --bench codec -- --test            # run each once, checks only (CI)
//! python3 benches/report.py                      # the README table from target/criterion
//! ```

mod harness;

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::Throughput;
use harness::{Bench, Group};
use iam_login_profile::{ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, Timestamp, UserName};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The inputs, from `tests/data/`.
const IAM_STYLE: &[u8] = include_bytes!("../tests/data/iam-style-success.xml");
const COMPACT: &[u8] = include_bytes!("../tests/data/aws-docs-get-login-profile-sample-response.xml");
const MOTO: &[u8] = include_bytes!("../tests/data/moto-get-login-profile-success.xml");
const ACCESS_DENIED: &[u8] = include_bytes!("../tests/data/real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml");
const BOTOCORE_REQUEST: &[u8] = include_bytes!("../tests/data/botocore-request-with-username.txt");

const SUCCESS_INPUTS: [(&str, &[u8]); 3] = [("iam-style", IAM_STYLE), ("compact", COMPACT), ("moto", MOTO)];

/// What every success decoder must produce: the user name, `CreateDate` parsed into the
/// decoder's own date type `D` (compared with the expected value of that type, so that
/// no decoder pays for a conversion the others skip), and the reset flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Profile<'s, D> {
    user_name: &'s str,
    create_date: D,
    reset: Option<bool>,
}

impl<'s> Profile<'s, Timestamp> {
    fn of(r: &'s GetLoginProfileResponse<'_>) -> Self {
        let p = &r.login_profile;
        Profile {
            user_name: p.user_name.as_str(),
            create_date: p.create_date,
            reset: p.password_reset_required,
        }
    }

    /// The same profile with the date as `time` and as aws-smithy-types hold it.
    fn with_date<D>(self, date: D) -> Profile<'s, D> {
        Profile {
            user_name: self.user_name,
            create_date: date,
            reset: self.reset,
        }
    }
}

fn time_parse(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).expect("RFC 3339 CreateDate")
}

fn parse_bool(s: &str) -> bool {
    s.parse().expect("true or false")
}

// ---------------------------------------------------------------------------------------
// Peer (1): `#[derive(Deserialize)]` with `quick_xml::de::from_str`.
// ---------------------------------------------------------------------------------------
mod serde_peer {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize)]
    pub struct GetLoginProfileResponse {
        #[serde(rename = "GetLoginProfileResult")]
        pub result: GetLoginProfileResult,
        #[serde(rename = "ResponseMetadata")]
        pub metadata: Option<ResponseMetadata>,
    }

    #[derive(Deserialize)]
    pub struct GetLoginProfileResult {
        #[serde(rename = "LoginProfile")]
        pub login_profile: LoginProfile,
    }

    #[derive(Deserialize)]
    pub struct LoginProfile {
        #[serde(rename = "UserName")]
        pub user_name: String,
        #[serde(rename = "CreateDate")]
        pub create_date: String,
        #[serde(rename = "PasswordResetRequired")]
        pub password_reset_required: Option<bool>,
    }

    #[derive(Deserialize)]
    pub struct ResponseMetadata {
        #[serde(rename = "RequestId")]
        pub request_id: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct ErrorResponse {
        #[serde(rename = "Error")]
        pub error: Error,
        #[serde(rename = "RequestId")]
        pub request_id: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Error {
        #[serde(rename = "Type")]
        pub r#type: Option<String>,
        #[serde(rename = "Code")]
        pub code: String,
        #[serde(rename = "Message")]
        pub message: Option<String>,
    }

    /// The request, as `serde_urlencoded` fills it.
    #[derive(Deserialize)]
    pub struct Request {
        #[serde(rename = "Action")]
        pub action: String,
        #[serde(rename = "Version")]
        pub version: String,
        #[serde(rename = "UserName")]
        pub user_name: Option<String>,
    }

    // Encoding: the same shapes, serialised from borrowed values.
    #[derive(Serialize)]
    #[serde(rename = "GetLoginProfileResponse")]
    pub struct OutResponse<'a> {
        #[serde(rename = "@xmlns")]
        pub xmlns: &'a str,
        #[serde(rename = "GetLoginProfileResult")]
        pub result: OutResult<'a>,
        #[serde(rename = "ResponseMetadata", skip_serializing_if = "Option::is_none")]
        pub metadata: Option<OutMetadata<'a>>,
    }

    #[derive(Serialize)]
    pub struct OutResult<'a> {
        #[serde(rename = "LoginProfile")]
        pub login_profile: OutProfile<'a>,
    }

    #[derive(Serialize)]
    pub struct OutProfile<'a> {
        #[serde(rename = "UserName")]
        pub user_name: &'a str,
        #[serde(rename = "CreateDate")]
        pub create_date: &'a iam_login_profile::Timestamp,
        #[serde(rename = "PasswordResetRequired", skip_serializing_if = "Option::is_none")]
        pub password_reset_required: Option<bool>,
    }

    #[derive(Serialize)]
    pub struct OutMetadata<'a> {
        #[serde(rename = "RequestId")]
        pub request_id: &'a str,
    }

    #[derive(Serialize)]
    #[serde(rename = "ErrorResponse")]
    pub struct OutErrorResponse<'a> {
        #[serde(rename = "@xmlns")]
        pub xmlns: &'a str,
        #[serde(rename = "Error")]
        pub error: OutError<'a>,
        #[serde(rename = "RequestId", skip_serializing_if = "Option::is_none")]
        pub request_id: Option<&'a str>,
    }

    #[derive(Serialize)]
    pub struct OutError<'a> {
        #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
        pub r#type: Option<&'a str>,
        #[serde(rename = "Code")]
        pub code: &'a str,
        #[serde(rename = "Message", skip_serializing_if = "Option::is_none")]
        pub message: Option<&'a str>,
    }
}

// ---------------------------------------------------------------------------------------
// Peer (2): aws-smithy-xml, written as smithy-rs generates it for aws-sdk-iam 1.133
// (`de_get_login_profile`, `de_login_profile`, `parse_error_metadata`; spec §6.2, §6.3).
// ---------------------------------------------------------------------------------------
mod smithy_peer {
    use aws_smithy_types::DateTime;
    use aws_smithy_types::date_time::Format;
    use aws_smithy_types::error::metadata::{Builder as ErrorMetadataBuilder, ErrorMetadata};
    use aws_smithy_types::primitive::Parse;
    use aws_smithy_xml::decode::{Document, ScopedDecoder, XmlDecodeError, try_data};

    /// `crate::types::LoginProfile` after `login_profile_correct_errors`.
    pub struct LoginProfile {
        pub user_name: String,
        pub create_date: DateTime,
        pub password_reset_required: Option<bool>,
    }

    #[derive(Default)]
    struct LoginProfileBuilder {
        user_name: Option<String>,
        create_date: Option<DateTime>,
        password_reset_required: Option<bool>,
    }

    /// `de_get_login_profile` (the output builder reduced to its one member).
    pub fn de_get_login_profile(inp: &[u8]) -> Result<Option<LoginProfile>, XmlDecodeError> {
        let mut login_profile = None;
        let mut doc = Document::try_from(inp)?;
        let mut decoder = doc.root_element()?;
        let start_el = decoder.start_el();
        let depth = 0u32;
        if !(start_el.matches("GetLoginProfileResponse")) {
            return Err(XmlDecodeError::custom(format!(
                "invalid root, expected GetLoginProfileResponse got {start_el:?}"
            )));
        }
        if let Some(mut result_tag) = decoder.next_tag() {
            let start_el = result_tag.start_el();
            if !(start_el.matches("GetLoginProfileResult")) {
                return Err(XmlDecodeError::custom(format!(
                    "invalid result, expected GetLoginProfileResult got {start_el:?}"
                )));
            }
            while let Some(mut tag) = result_tag.next_tag() {
                match tag.start_el() {
                    s if s.matches("LoginProfile") => {
                        login_profile = Some(de_login_profile(&mut tag, depth + 1)?);
                    }
                    _ => {}
                }
            }
        } else {
            return Err(XmlDecodeError::custom("expected GetLoginProfileResult tag"));
        };
        Ok(login_profile)
    }

    /// `de_login_profile`.
    fn de_login_profile(decoder: &mut ScopedDecoder, depth: u32) -> Result<LoginProfile, XmlDecodeError> {
        if depth >= 128u32 {
            return Err(XmlDecodeError::custom("maximum nesting depth exceeded"));
        }
        let mut builder = LoginProfileBuilder::default();
        while let Some(mut tag) = decoder.next_tag() {
            match tag.start_el() {
                s if s.matches("UserName") => {
                    let var_1 = Some(Result::<String, XmlDecodeError>::Ok(
                        try_data(&mut tag)?.as_ref().into(),
                    )?);
                    builder.user_name = var_1;
                }
                s if s.matches("CreateDate") => {
                    let var_2 = Some(
                        DateTime::from_str(try_data(&mut tag)?.as_ref(), Format::DateTimeWithOffset).map_err(|_| {
                            XmlDecodeError::custom("expected (timestamp: `com.amazonaws.iam#dateType`)")
                        })?,
                    );
                    builder.create_date = var_2;
                }
                s if s.matches("PasswordResetRequired") => {
                    let var_3 = Some(
                        <bool as Parse>::parse_smithy_primitive(try_data(&mut tag)?.as_ref()).map_err(|_| {
                            XmlDecodeError::custom("expected (boolean: `com.amazonaws.iam#booleanType`)")
                        })?,
                    );
                    builder.password_reset_required = var_3;
                }
                _ => {}
            }
        }
        // `login_profile_correct_errors`: missing members are default-filled.
        Ok(LoginProfile {
            user_name: builder.user_name.unwrap_or_default(),
            create_date: builder
                .create_date
                .unwrap_or_else(|| DateTime::from_fractional_secs(0, 0.0)),
            password_reset_required: builder.password_reset_required,
        })
    }

    /// `rest_xml_wrapped_errors::parse_error_metadata`, as the SDK runs it on every error body.
    pub fn parse_error_metadata(body: &[u8]) -> Result<ErrorMetadataBuilder, XmlDecodeError> {
        let mut doc = Document::try_from(body)?;
        let mut root = doc.root_element()?;
        let mut err_builder = ErrorMetadata::builder();
        while let Some(mut tag) = root.next_tag() {
            if tag.start_el().local() == "Error" {
                while let Some(mut error_field) = tag.next_tag() {
                    match error_field.start_el().local() {
                        "Code" => {
                            err_builder = err_builder.code(try_data(&mut error_field)?);
                        }
                        "Message" => {
                            err_builder = err_builder.message(try_data(&mut error_field)?);
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(err_builder)
    }
}

// ---------------------------------------------------------------------------------------
// Peer (3): roxmltree DOM, then extraction.
// ---------------------------------------------------------------------------------------
mod roxmltree_peer {
    pub struct Profile<'d> {
        pub user_name: &'d str,
        pub create_date: &'d str,
        pub reset: Option<&'d str>,
        pub request_id: Option<&'d str>,
    }

    fn child<'a, 'd>(node: roxmltree::Node<'a, 'd>, name: &str) -> Option<roxmltree::Node<'a, 'd>> {
        node.children().find(|n| n.is_element() && n.tag_name().name() == name)
    }

    pub fn with_profile<R>(input: &[u8], f: impl FnOnce(Profile<'_>) -> R) -> R {
        let text = std::str::from_utf8(input).expect("UTF-8");
        let doc = roxmltree::Document::parse(text).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "GetLoginProfileResponse");
        let result = child(root, "GetLoginProfileResult").expect("result");
        let profile = child(result, "LoginProfile").expect("profile");
        let text_of = |name| child(profile, name).map(|n| n.text().unwrap_or(""));
        let request_id = child(root, "ResponseMetadata")
            .and_then(|m| child(m, "RequestId"))
            .map(|n| n.text().unwrap_or(""));
        f(Profile {
            user_name: text_of("UserName").expect("UserName"),
            create_date: text_of("CreateDate").expect("CreateDate"),
            reset: text_of("PasswordResetRequired"),
            request_id,
        })
    }

    pub fn with_error<R>(input: &[u8], f: impl FnOnce(&str, Option<&str>) -> R) -> R {
        let text = std::str::from_utf8(input).expect("UTF-8");
        let doc = roxmltree::Document::parse(text).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "ErrorResponse");
        let error = child(root, "Error").expect("Error");
        let code = child(error, "Code").and_then(|n| n.text()).expect("Code");
        let message = child(error, "Message").map(|n| n.text().unwrap_or(""));
        f(code, message)
    }
}

// ---------------------------------------------------------------------------------------
// Peer (4): a plain `quick_xml::Reader` event loop that tracks the path and keeps the
// (borrowed) text of the members it wants.
// ---------------------------------------------------------------------------------------
mod quick_xml_peer {
    use std::borrow::Cow;

    use quick_xml::events::Event;
    use quick_xml::reader::Reader;

    /// The elements to extract: the names that occur on their paths, and each path as
    /// indices into `names`, from the root down.
    pub struct Wanted {
        pub names: &'static [&'static str],
        pub paths: [&'static [u8]; 4],
    }

    /// The text of each wanted element: borrowed where it is one piece that needs no
    /// unescaping, joined from text, CDATA and references otherwise (as a user of the
    /// event loop must do to read every document the variants hold).
    pub fn extract<'a>(input: &'a [u8], wanted: &Wanted) -> [Option<Cow<'a, str>>; 4] {
        const OTHER: u8 = u8::MAX;
        let text = std::str::from_utf8(input).expect("UTF-8");
        let mut reader = Reader::from_str(text);
        let mut stack = [OTHER; 8];
        let mut depth = 0usize;
        let mut values: [Option<Cow<'a, str>>; 4] = Default::default();
        let append = |slot: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>| match slot {
            None => *slot = Some(piece),
            Some(v) => v.to_mut().push_str(&piece),
        };
        loop {
            match reader.read_event().expect("well-formed") {
                Event::Start(e) => {
                    let local = e.local_name();
                    let local: &str = local.as_ref();
                    let id = wanted.names.iter().position(|n| *n == local);
                    assert!(depth < stack.len(), "too deep");
                    stack[depth] = id.map_or(OTHER, |i| i as u8);
                    depth += 1;
                }
                Event::End(_) => depth -= 1,
                Event::Text(t) => {
                    if let Some(i) = wanted.paths.iter().position(|p| *p == &stack[..depth]) {
                        append(&mut values[i], t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if let Some(i) = wanted.paths.iter().position(|p| *p == &stack[..depth]) {
                        append(&mut values[i], t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(i) = wanted.paths.iter().position(|p| *p == &stack[..depth]) {
                        let c = match r.resolve_char_ref().expect("a character reference") {
                            Some(c) => c.to_string(),
                            None => quick_xml::escape::resolve_predefined_entity(&r)
                                .expect("a predefined entity")
                                .to_owned(),
                        };
                        append(&mut values[i], Cow::Owned(c));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "truncated");
        values
    }
}

// ---------------------------------------------------------------------------------------
// The groups.
// ---------------------------------------------------------------------------------------

/// What the quick-xml event loop extracts from a success document.
const WANTED_SUCCESS: quick_xml_peer::Wanted = quick_xml_peer::Wanted {
    names: &[
        "GetLoginProfileResponse",
        "GetLoginProfileResult",
        "LoginProfile",
        "UserName",
        "CreateDate",
        "PasswordResetRequired",
        "ResponseMetadata",
        "RequestId",
    ],
    paths: [&[0, 1, 2, 3], &[0, 1, 2, 4], &[0, 1, 2, 5], &[0, 6, 7]],
};

fn decode_success(c: &mut Bench) {
    let mut g = c.group("decode success");
    for (label, input) in SUCCESS_INPUTS {
        let decoded = GetLoginProfileResponse::decode(input).expect("ours decodes the input");
        let want = Profile::of(&decoded);
        let want_time = want.with_date(decoded.login_profile.create_date.to_offset_date_time());
        let want_smithy = want.with_date(aws_smithy_types::DateTime::from_secs_and_nanos(
            want_time.create_date.unix_timestamp(),
            want_time.create_date.nanosecond(),
        ));
        let want_id = decoded.request_id.as_ref().map(|id| id.as_str().to_owned());
        let want_id = want_id.as_deref();
        let lt_count = memchr::memchr_iter(b'<', input).count();
        g.throughput(Throughput::Bytes(input.len() as u64));

        g.bench_with_input(("ours", label), input, |b, input| {
            b.iter(|| {
                let r = GetLoginProfileResponse::decode(black_box(input)).unwrap();
                assert_eq!(Profile::of(&r), want);
                assert_eq!(r.request_id.as_ref().map(|id| id.as_str()), want_id);
                r
            })
        });
        g.bench_with_input(("ours + into_owned", label), input, |b, input| {
            b.iter(|| {
                let r = GetLoginProfileResponse::decode(black_box(input)).unwrap().into_owned();
                assert_eq!(Profile::of(&r), want);
                assert_eq!(r.request_id.as_ref().map(|id| id.as_str()), want_id);
                r
            })
        });
        g.bench_with_input(("quick-xml serde", label), input, |b, input| {
            b.iter(|| {
                let text = std::str::from_utf8(black_box(input)).unwrap();
                let r: serde_peer::GetLoginProfileResponse = quick_xml::de::from_str(text).unwrap();
                let p = &r.result.login_profile;
                let got = Profile {
                    user_name: &p.user_name,
                    create_date: time_parse(&p.create_date),
                    reset: p.password_reset_required,
                };
                assert_eq!(got, want_time);
                assert_eq!(r.metadata.as_ref().and_then(|m| m.request_id.as_deref()), want_id);
            })
        });
        g.bench_with_input(("aws-smithy-xml", label), input, |b, input| {
            b.iter(|| {
                let p = smithy_peer::de_get_login_profile(black_box(input)).unwrap().unwrap();
                let got = Profile {
                    user_name: &p.user_name,
                    create_date: p.create_date,
                    reset: p.password_reset_required,
                };
                assert_eq!(got, want_smithy);
                // The SDK takes the request id from the HTTP headers, not from the body.
            })
        });
        g.bench_with_input(("roxmltree", label), input, |b, input| {
            b.iter(|| {
                roxmltree_peer::with_profile(black_box(input), |p| {
                    let got = Profile {
                        user_name: p.user_name,
                        create_date: time_parse(p.create_date),
                        reset: p.reset.map(parse_bool),
                    };
                    assert_eq!(got, want_time);
                    assert_eq!(p.request_id, want_id);
                })
            })
        });
        g.bench_with_input(("quick-xml Reader", label), input, |b, input| {
            b.iter(|| {
                let [user, date, reset, id] = &quick_xml_peer::extract(black_box(input), &WANTED_SUCCESS);
                let got = Profile {
                    user_name: user.as_deref().unwrap(),
                    create_date: time_parse(date.as_deref().unwrap()),
                    reset: reset.as_deref().map(parse_bool),
                };
                assert_eq!(got, want_time);
                assert_eq!(id.as_deref(), want_id);
            })
        });
        floors(&mut g, label, input, lt_count);
    }
    g.finish();
}

/// The success variants of issue 8 (`tests/data/variants/success-*.xml`): one XML
/// feature each, plus IAM's and moto's layouts and a 64 KiB unknown subtree.
const SUCCESS_VARIANTS: [(&str, &[u8]); 20] = [
    ("iam", include_bytes!("../tests/data/variants/success-iam.xml")),
    ("moto", include_bytes!("../tests/data/variants/success-moto.xml")),
    ("compact", include_bytes!("../tests/data/variants/success-compact.xml")),
    (
        "declaration",
        include_bytes!("../tests/data/variants/success-declaration.xml"),
    ),
    ("bom", include_bytes!("../tests/data/variants/success-bom.xml")),
    ("crlf", include_bytes!("../tests/data/variants/success-crlf.xml")),
    (
        "entities",
        include_bytes!("../tests/data/variants/success-entities.xml"),
    ),
    (
        "char-refs",
        include_bytes!("../tests/data/variants/success-char-refs.xml"),
    ),
    ("cdata", include_bytes!("../tests/data/variants/success-cdata.xml")),
    ("comment", include_bytes!("../tests/data/variants/success-comment.xml")),
    ("pi", include_bytes!("../tests/data/variants/success-pi.xml")),
    (
        "prefixes",
        include_bytes!("../tests/data/variants/success-prefixes.xml"),
    ),
    (
        "metadata-first",
        include_bytes!("../tests/data/variants/success-metadata-first.xml"),
    ),
    (
        "unknown-element",
        include_bytes!("../tests/data/variants/success-unknown-element.xml"),
    ),
    ("tabs", include_bytes!("../tests/data/variants/success-tabs.xml")),
    (
        "reordered",
        include_bytes!("../tests/data/variants/success-reordered.xml"),
    ),
    (
        "no-namespace",
        include_bytes!("../tests/data/variants/success-no-namespace.xml"),
    ),
    (
        "attributes",
        include_bytes!("../tests/data/variants/success-attributes.xml"),
    ),
    (
        "offset-date",
        include_bytes!("../tests/data/variants/success-offset-date.xml"),
    ),
    ("large", include_bytes!("../tests/data/variants/success-large.xml")),
];

const ERROR_VARIANTS: [(&str, &[u8]); 6] = [
    ("iam", include_bytes!("../tests/data/variants/error-iam.xml")),
    ("moto", include_bytes!("../tests/data/variants/error-moto.xml")),
    ("ec2", include_bytes!("../tests/data/variants/error-ec2.xml")),
    (
        "declaration-crlf",
        include_bytes!("../tests/data/variants/error-declaration-crlf.xml"),
    ),
    ("entities", include_bytes!("../tests/data/variants/error-entities.xml")),
    ("prefixes", include_bytes!("../tests/data/variants/error-prefixes.xml")),
];

/// Issue 8: ours, the quick-xml event loop and aws-smithy-xml on every success variant.
/// Each checks its values against what the quick-xml path of this crate decodes; a peer
/// that cannot read a variant (aws-smithy-xml wants the result first) is left out of it.
fn decode_variants(c: &mut Bench) {
    let mut g = c.group("decode variants");
    for (label, input) in SUCCESS_VARIANTS {
        let reference =
            iam_login_profile::internal::decode_response_reference(input, &iam_login_profile::DecodeOptions::new())
                .expect("the quick-xml path decodes the variant");
        let want = Profile::of(&reference);
        let want_time = want.with_date(reference.login_profile.create_date.to_offset_date_time());
        let want_smithy = want.with_date(aws_smithy_types::DateTime::from_secs_and_nanos(
            want_time.create_date.unix_timestamp(),
            want_time.create_date.nanosecond(),
        ));
        let want_id = reference.request_id.as_ref().map(|id| id.as_str().to_owned());
        let want_id = want_id.as_deref();
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(("ours", label), input, |b, input| {
            b.iter(|| {
                let r = GetLoginProfileResponse::decode(black_box(input)).unwrap();
                assert_eq!(Profile::of(&r), want);
                assert_eq!(r.request_id.as_ref().map(|id| id.as_str()), want_id);
                r
            })
        });
        g.bench_with_input(("quick-xml Reader", label), input, |b, input| {
            b.iter(|| {
                let [user, date, reset, id] = &quick_xml_peer::extract(black_box(input), &WANTED_SUCCESS);
                let got = Profile {
                    user_name: user.as_deref().unwrap(),
                    create_date: time_parse(date.as_deref().unwrap()),
                    reset: reset.as_deref().map(parse_bool),
                };
                assert_eq!(got, want_time);
                assert_eq!(id.as_deref(), want_id);
            })
        });
        let smithy_reads_it = smithy_peer::de_get_login_profile(input)
            .ok()
            .flatten()
            .is_some_and(|p| {
                (p.user_name.as_str(), p.create_date, p.password_reset_required)
                    == (want.user_name, want_smithy.create_date, want.reset)
            });
        if smithy_reads_it {
            g.bench_with_input(("aws-smithy-xml", label), input, |b, input| {
                b.iter(|| {
                    let p = smithy_peer::de_get_login_profile(black_box(input)).unwrap().unwrap();
                    let got = Profile {
                        user_name: &p.user_name,
                        create_date: p.create_date,
                        reset: p.password_reset_required,
                    };
                    assert_eq!(got, want_smithy);
                })
            });
        }
    }
    g.finish();
}

/// Issue 8: the error variants, ours beside the quick-xml loop and aws-smithy-xml's
/// `parse_error_metadata` (code and message).
fn decode_error_variants(c: &mut Bench) {
    let mut g = c.group("decode error variants");
    const WANTED: quick_xml_peer::Wanted = quick_xml_peer::Wanted {
        names: &[
            "ErrorResponse",
            "Error",
            "Code",
            "Message",
            "RequestId",
            "Response",
            "Errors",
            "RequestID",
        ],
        paths: [&[0, 1, 2], &[0, 1, 3], &[5, 6, 1, 2], &[5, 6, 1, 3]],
    };
    for (label, input) in ERROR_VARIANTS {
        let reference =
            iam_login_profile::internal::decode_error_reference(input, &iam_login_profile::DecodeOptions::new())
                .expect("the quick-xml path decodes the variant");
        let want_code = reference.error.code.as_str().to_owned();
        let want_code = want_code.as_str();
        let want_message = reference.error.message.as_ref().map(|m| m.as_str().to_owned());
        let want_message = want_message.as_deref();
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(("ours", label), input, |b, input| {
            b.iter(|| {
                let e = ErrorResponse::decode(black_box(input)).unwrap();
                assert_eq!(e.error.code.as_str(), want_code);
                assert_eq!(e.error.message.as_ref().map(|m| m.as_str()), want_message);
                e
            })
        });
        g.bench_with_input(("quick-xml Reader", label), input, |b, input| {
            b.iter(|| {
                let [code, message, ec2_code, ec2_message] = quick_xml_peer::extract(black_box(input), &WANTED);
                assert_eq!(code.or(ec2_code).as_deref(), Some(want_code));
                assert_eq!(message.or(ec2_message).as_deref(), want_message);
            })
        });
        let smithy_reads_it = smithy_peer::parse_error_metadata(input).is_ok_and(|m| {
            let m = m.build();
            (m.code(), m.message()) == (Some(want_code), want_message)
        });
        if smithy_reads_it {
            g.bench_with_input(("aws-smithy-xml", label), input, |b, input| {
                b.iter(|| {
                    let m = smithy_peer::parse_error_metadata(black_box(input)).unwrap().build();
                    assert_eq!((m.code(), m.message()), (Some(want_code), want_message));
                })
            });
        }
    }
    g.finish();
}

/// The floors: counting `<` with memchr, and UTF-8 validation.
fn floors(g: &mut Group<'_>, label: &str, input: &'static [u8], lt_count: usize) {
    g.bench_with_input(("floor memchr", label), input, |b, input| {
        b.iter(|| {
            let n = memchr::memchr_iter(b'<', black_box(input)).count();
            assert_eq!(n, lt_count);
        })
    });
    g.bench_with_input(("floor from_utf8", label), input, |b, input| {
        b.iter(|| {
            let s = std::str::from_utf8(black_box(input)).unwrap();
            assert_eq!(s.len(), input.len());
        })
    });
}

fn decode_error(c: &mut Bench) {
    let mut g = c.group("decode error");
    let label = "access-denied";
    let input = ACCESS_DENIED;
    let decoded = ErrorResponse::decode(input).expect("ours decodes the input");
    let want_code = decoded.error.code.as_str().to_owned();
    let want_code = want_code.as_str();
    let want_message = decoded.error.message.as_ref().map(|m| m.as_str().to_owned());
    let want_message = want_message.as_deref();
    assert_eq!(want_code, "AccessDenied");
    let want_id = decoded.request_id.as_ref().map(|id| id.as_str().to_owned());
    let want_id = want_id.as_deref();
    let lt_count = memchr::memchr_iter(b'<', input).count();
    g.throughput(Throughput::Bytes(input.len() as u64));

    g.bench_with_input(("ours", label), input, |b, input| {
        b.iter(|| {
            let e = ErrorResponse::decode(black_box(input)).unwrap();
            assert_eq!(e.error.code.as_str(), want_code);
            assert_eq!(e.error.message.as_ref().map(|m| m.as_str()), want_message);
            assert_eq!(e.request_id.as_ref().map(|id| id.as_str()), want_id);
            e
        })
    });
    g.bench_with_input(("ours + into_owned", label), input, |b, input| {
        b.iter(|| {
            let e = ErrorResponse::decode(black_box(input)).unwrap().into_owned();
            assert_eq!(e.error.code.as_str(), want_code);
            assert_eq!(e.error.message.as_ref().map(|m| m.as_str()), want_message);
            assert_eq!(e.request_id.as_ref().map(|id| id.as_str()), want_id);
            e
        })
    });
    g.bench_with_input(("quick-xml serde", label), input, |b, input| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(input)).unwrap();
            let e: serde_peer::ErrorResponse = quick_xml::de::from_str(text).unwrap();
            assert_eq!(e.error.code, want_code);
            assert_eq!(e.error.message.as_deref(), want_message);
            assert_eq!(e.error.r#type.as_deref(), Some("Sender"));
            assert_eq!(e.request_id.as_deref(), want_id);
        })
    });
    g.bench_with_input(("aws-smithy-xml", label), input, |b, input| {
        b.iter(|| {
            let meta = smithy_peer::parse_error_metadata(black_box(input)).unwrap().build();
            assert_eq!(meta.code(), Some(want_code));
            assert_eq!(meta.message(), want_message);
        })
    });
    g.bench_with_input(("roxmltree", label), input, |b, input| {
        b.iter(|| {
            roxmltree_peer::with_error(black_box(input), |code, message| {
                assert_eq!(code, want_code);
                assert_eq!(message, want_message);
            })
        })
    });
    const WANTED: quick_xml_peer::Wanted = quick_xml_peer::Wanted {
        names: &["ErrorResponse", "Error", "Type", "Code", "Message", "RequestId"],
        paths: [&[0, 1, 2], &[0, 1, 3], &[0, 1, 4], &[0, 5]],
    };
    g.bench_with_input(("quick-xml Reader", label), input, |b, input| {
        b.iter(|| {
            let [ty, code, message, id] = &quick_xml_peer::extract(black_box(input), &WANTED);
            assert_eq!(ty.as_deref(), Some("Sender"));
            assert_eq!(code.as_deref(), Some(want_code));
            assert_eq!(message.as_deref(), want_message);
            assert_eq!(id.as_deref(), want_id);
        })
    });
    floors(&mut g, label, input, lt_count);
    g.finish();
}

fn request(c: &mut Bench) {
    let label = "botocore";
    let input = BOTOCORE_REQUEST;

    let mut g = c.group("decode request");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.bench_with_input(("ours", label), input, |b, input| {
        b.iter(|| {
            let r = GetLoginProfileRequest::decode(black_box(input)).unwrap();
            assert_eq!(r.user_name.as_ref().map(|u| u.as_str()), Some("Bob"));
            r
        })
    });
    g.bench_with_input(("serde_urlencoded", label), input, |b, input| {
        b.iter(|| {
            let r: serde_peer::Request = serde_urlencoded::from_bytes(black_box(input)).unwrap();
            assert_eq!(
                (r.action.as_str(), r.version.as_str()),
                ("GetLoginProfile", "2010-05-08")
            );
            assert_eq!(r.user_name.as_deref(), Some("Bob"));
            r
        })
    });
    g.bench_with_input(("form_urlencoded", label), input, |b, input| {
        b.iter(|| {
            let (mut action, mut version, mut user_name) = (None, None, None);
            for (k, v) in form_urlencoded::parse(black_box(input)) {
                match &*k {
                    "Action" => action = Some(v),
                    "Version" => version = Some(v),
                    "UserName" => user_name = Some(v),
                    _ => {}
                }
            }
            assert_eq!(action.as_deref(), Some("GetLoginProfile"));
            assert_eq!(version.as_deref(), Some("2010-05-08"));
            assert_eq!(user_name.as_deref(), Some("Bob"));
        })
    });
    g.finish();

    let mut g = c.group("encode request");
    let value = GetLoginProfileRequest::decode(input).unwrap();
    let name = value.user_name.as_ref().unwrap().as_str();
    let want = std::str::from_utf8(input).unwrap();
    assert_eq!(value.to_query_string(), want);
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.bench_function(("ours", label), |b| {
        let mut out = String::new();
        b.iter(|| {
            out.clear();
            black_box(&value).encode(&mut out);
            assert_eq!(out, want);
        })
    });
    g.bench_function(("aws-smithy-query", label), |b| {
        let mut out = String::new();
        b.iter(|| {
            out.clear();
            // `ser_get_login_profile_input_input_input` (spec §6.1).
            let mut writer = aws_smithy_query::QueryWriter::new(&mut out, "GetLoginProfile", "2010-05-08");
            let scope_1 = writer.prefix("UserName");
            scope_1.string(black_box(name));
            writer.finish();
            assert_eq!(out, want);
        })
    });
    g.bench_function(("form_urlencoded", label), |b| {
        let mut out = String::new();
        b.iter(|| {
            out.clear();
            form_urlencoded::Serializer::new(&mut out)
                .append_pair("Action", "GetLoginProfile")
                .append_pair("Version", "2010-05-08")
                .append_pair("UserName", black_box(name))
                .finish();
            assert_eq!(out, want);
        })
    });
    g.bench_function(("serde_urlencoded", label), |b| {
        b.iter(|| {
            let out = serde_urlencoded::to_string([
                ("Action", "GetLoginProfile"),
                ("Version", "2010-05-08"),
                ("UserName", black_box(name)),
            ])
            .unwrap();
            assert_eq!(out, want);
        })
    });
    g.finish();
}

/// Checks an encoder's output once, outside the timed loop: it must decode (with this
/// crate) to `want`. Returns the bytes the timed loop then compares against.
fn reference_output<F: Fn(&[u8]) -> bool>(output: &[u8], ok: F) -> Vec<u8> {
    assert!(
        ok(output),
        "peer output does not decode back: {}",
        String::from_utf8_lossy(output)
    );
    output.to_vec()
}

fn encode_success(c: &mut Bench) {
    let mut g = c.group("encode success");
    let label = "iam-style";
    let value = GetLoginProfileResponse::decode(IAM_STYLE).unwrap();
    let want_ours = std::str::from_utf8(IAM_STYLE).unwrap();
    assert_eq!(
        value.to_xml(),
        want_ours,
        "tests/data/iam-style-success.xml is what to_xml() gives"
    );
    let decodes_back = |out: &[u8]| GetLoginProfileResponse::decode(out).as_ref() == Ok(&value);
    let p = &value.login_profile;
    let user = p.user_name.as_str();
    let request_id = value.request_id.as_ref().map(|id| id.as_str());
    g.throughput(Throughput::Bytes(IAM_STYLE.len() as u64));

    g.bench_function(("ours", label), |b| {
        let mut out = String::new();
        b.iter(|| {
            out.clear();
            black_box(&value).encode(&mut out);
            assert_eq!(out, want_ours);
        })
    });
    g.bench_function(("ours to_xml", label), |b| {
        b.iter(|| {
            let out = black_box(&value).to_xml();
            assert_eq!(out, want_ours);
            out
        })
    });
    let serde_value = || serde_peer::OutResponse {
        xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
        result: serde_peer::OutResult {
            login_profile: serde_peer::OutProfile {
                user_name: black_box(user),
                create_date: &p.create_date,
                password_reset_required: p.password_reset_required,
            },
        },
        metadata: request_id.map(|request_id| serde_peer::OutMetadata { request_id }),
    };
    let want = reference_output(
        quick_xml::se::to_string(&serde_value()).unwrap().as_bytes(),
        decodes_back,
    );
    g.bench_function(("quick-xml serde", label), |b| {
        b.iter(|| {
            let out = quick_xml::se::to_string(&serde_value()).unwrap();
            assert_eq!(out.as_bytes(), want);
            out
        })
    });
    let writer = |out: &mut Vec<u8>, date: &mut String| {
        use quick_xml::Writer;
        use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
        let mut w = Writer::new_with_indent(out, b' ', 2);
        let root = BytesStart::new("GetLoginProfileResponse")
            .with_attributes([("xmlns", "https://iam.amazonaws.com/doc/2010-05-08/")]);
        w.write_event(Event::Start(root)).unwrap();
        w.write_event(Event::Start(BytesStart::new("GetLoginProfileResult")))
            .unwrap();
        w.write_event(Event::Start(BytesStart::new("LoginProfile"))).unwrap();
        w.create_element("UserName")
            .write_text_content(BytesText::new(black_box(user)))
            .unwrap();
        date.clear();
        p.create_date.encode(date);
        w.create_element("CreateDate")
            .write_text_content(BytesText::new(date))
            .unwrap();
        if let Some(reset) = p.password_reset_required {
            let reset = if reset { "true" } else { "false" };
            w.create_element("PasswordResetRequired")
                .write_text_content(BytesText::new(reset))
                .unwrap();
        }
        w.write_event(Event::End(BytesEnd::new("LoginProfile"))).unwrap();
        w.write_event(Event::End(BytesEnd::new("GetLoginProfileResult")))
            .unwrap();
        if let Some(id) = request_id {
            w.write_event(Event::Start(BytesStart::new("ResponseMetadata")))
                .unwrap();
            w.create_element("RequestId")
                .write_text_content(BytesText::new(id))
                .unwrap();
            w.write_event(Event::End(BytesEnd::new("ResponseMetadata"))).unwrap();
        }
        w.write_event(Event::End(BytesEnd::new("GetLoginProfileResponse")))
            .unwrap();
    };
    let want = {
        let mut out = Vec::new();
        writer(&mut out, &mut String::new());
        reference_output(&out, decodes_back)
    };
    g.bench_function(("quick-xml Writer", label), |b| {
        let mut out = Vec::new();
        let mut date = String::new();
        b.iter(|| {
            out.clear();
            writer(&mut out, &mut date);
            assert_eq!(out, want);
        })
    });
    let write_fresh = || {
        let mut out = String::new();
        write!(
            out,
            "<GetLoginProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <GetLoginProfileResult>\n    <LoginProfile>\n      <UserName>{}</UserName>\n      <CreateDate>{}</CreateDate>\n",
            quick_xml::escape::escape(black_box(user)),
            p.create_date
        )
        .unwrap();
        if let Some(reset) = p.password_reset_required {
            writeln!(out, "      <PasswordResetRequired>{reset}</PasswordResetRequired>").unwrap();
        }
        out.push_str("    </LoginProfile>\n  </GetLoginProfileResult>\n");
        if let Some(id) = request_id {
            write!(
                out,
                "  <ResponseMetadata>\n    <RequestId>{}</RequestId>\n  </ResponseMetadata>\n",
                quick_xml::escape::escape(id)
            )
            .unwrap();
        }
        out.push_str("</GetLoginProfileResponse>\n");
        out
    };
    assert_eq!(write_fresh(), want_ours);
    g.bench_function(("write! fresh String", label), |b| {
        b.iter(|| {
            let out = write_fresh();
            assert_eq!(out, want_ours);
            out
        })
    });
    g.finish();
}

fn encode_error(c: &mut Bench) {
    let mut g = c.group("encode error");
    let label = "access-denied";
    let value = ErrorResponse::decode(ACCESS_DENIED).unwrap();
    let want_ours = value.to_xml();
    let decodes_back = |out: &[u8]| ErrorResponse::decode(out).as_ref() == Ok(&value);
    assert!(decodes_back(want_ours.as_bytes()));
    let ty = value.error.fault.as_ref().map(|t| t.as_str());
    let code = value.error.code.as_str();
    let message = value.error.message.as_ref().map(|m| m.as_str());
    let request_id = value.request_id.as_ref().map(|id| id.as_str());
    g.throughput(Throughput::Bytes(want_ours.len() as u64));

    g.bench_function(("ours", label), |b| {
        let mut out = String::new();
        b.iter(|| {
            out.clear();
            black_box(&value).encode(&mut out);
            assert_eq!(out, want_ours);
        })
    });
    g.bench_function(("ours to_xml", label), |b| {
        b.iter(|| {
            let out = black_box(&value).to_xml();
            assert_eq!(out, want_ours);
            out
        })
    });
    let serde_value = || serde_peer::OutErrorResponse {
        xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
        error: serde_peer::OutError {
            r#type: ty,
            code: black_box(code),
            message,
        },
        request_id,
    };
    let want = reference_output(
        quick_xml::se::to_string(&serde_value()).unwrap().as_bytes(),
        decodes_back,
    );
    g.bench_function(("quick-xml serde", label), |b| {
        b.iter(|| {
            let out = quick_xml::se::to_string(&serde_value()).unwrap();
            assert_eq!(out.as_bytes(), want);
            out
        })
    });
    let writer = |out: &mut Vec<u8>| {
        use quick_xml::Writer;
        use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
        let mut w = Writer::new_with_indent(out, b' ', 2);
        let root =
            BytesStart::new("ErrorResponse").with_attributes([("xmlns", "https://iam.amazonaws.com/doc/2010-05-08/")]);
        w.write_event(Event::Start(root)).unwrap();
        w.write_event(Event::Start(BytesStart::new("Error"))).unwrap();
        if let Some(ty) = ty {
            w.create_element("Type").write_text_content(BytesText::new(ty)).unwrap();
        }
        w.create_element("Code")
            .write_text_content(BytesText::new(black_box(code)))
            .unwrap();
        if let Some(message) = message {
            w.create_element("Message")
                .write_text_content(BytesText::new(message))
                .unwrap();
        }
        w.write_event(Event::End(BytesEnd::new("Error"))).unwrap();
        if let Some(id) = request_id {
            w.create_element("RequestId")
                .write_text_content(BytesText::new(id))
                .unwrap();
        }
        w.write_event(Event::End(BytesEnd::new("ErrorResponse"))).unwrap();
    };
    let want = {
        let mut out = Vec::new();
        writer(&mut out);
        reference_output(&out, decodes_back)
    };
    g.bench_function(("quick-xml Writer", label), |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            writer(&mut out);
            assert_eq!(out, want);
        })
    });
    let esc = |s| quick_xml::escape::escape(s);
    let write_fresh = || {
        let mut out = String::new();
        out.push_str("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n");
        if let Some(ty) = ty {
            writeln!(out, "    <Type>{ty}</Type>").unwrap();
        }
        writeln!(out, "    <Code>{}</Code>", esc(black_box(code))).unwrap();
        if let Some(message) = message {
            writeln!(out, "    <Message>{}</Message>", esc(message)).unwrap();
        }
        out.push_str("  </Error>\n");
        if let Some(id) = request_id {
            writeln!(out, "  <RequestId>{}</RequestId>", esc(id)).unwrap();
        }
        out.push_str("</ErrorResponse>\n");
        out
    };
    let want = reference_output(write_fresh().as_bytes(), decodes_back);
    g.bench_function(("write! fresh String", label), |b| {
        b.iter(|| {
            let out = write_fresh();
            assert_eq!(out.as_bytes(), want);
            out
        })
    });
    g.finish();
}

fn create_date(c: &mut Bench) {
    let mut g = c.group("parse CreateDate");
    for (label, s) in [
        ("iam", "2011-09-19T23:00:56Z"),
        ("moto", "2026-11-23T17:57:57.907140Z"),
        ("offset", "2011-09-20T04:30:56+05:30"),
        ("fraction offset", "2026-11-23T10:57:57.907140-07:00"),
    ] {
        // Each parser's result is compared with the expected value of its own type.
        let want = Timestamp::parse(s).unwrap();
        let want_time = time_parse(s);
        assert_eq!(want.to_offset_date_time(), want_time);
        let want_smithy =
            aws_smithy_types::DateTime::from_secs_and_nanos(want_time.unix_timestamp(), want_time.nanosecond());
        g.throughput(Throughput::Bytes(s.len() as u64));
        g.bench_with_input(("ours", label), s, |b, s| {
            b.iter(|| {
                let t = Timestamp::parse(black_box(s)).unwrap();
                assert_eq!(t, want);
                t
            })
        });
        g.bench_with_input(("time Rfc3339", label), s, |b, s| {
            b.iter(|| {
                let t = OffsetDateTime::parse(black_box(s), &Rfc3339).unwrap();
                assert_eq!(t, want_time);
                t
            })
        });
        g.bench_with_input(("aws-smithy-types", label), s, |b, s| {
            use aws_smithy_types::DateTime;
            use aws_smithy_types::date_time::Format;
            b.iter(|| {
                let t = DateTime::from_str(black_box(s), Format::DateTimeWithOffset).unwrap();
                assert_eq!(t, want_smithy);
                t
            })
        });
    }
    g.finish();
}

fn user_name(c: &mut Bench) {
    let mut g = c.group("validate UserName");
    let regex = regex::Regex::new(r"^(?-u:[\w+=,.@-]){1,64}$").unwrap();
    let long = "a+b=c,d.e@f-g_h".repeat(5)[..64].to_owned();
    for (label, s) in [("Bob", "Bob"), ("64 chars", long.as_str())] {
        g.throughput(Throughput::Bytes(s.len() as u64));
        g.bench_with_input(("ours", label), s, |b, s| {
            b.iter(|| {
                let u = UserName::new(black_box(s)).unwrap();
                assert_eq!(u.as_str().len(), s.len());
                u
            })
        });
        g.bench_with_input(("regex", label), s, |b, s| {
            b.iter(|| assert!(regex.is_match(black_box(s))))
        });
    }
    g.finish();
}

/// Shortened settings so that the whole run takes a few minutes on 2 cores.
fn main() {
    let mut bench = Bench::from_env("CODEC", harness::config);
    decode_success(&mut bench);
    decode_variants(&mut bench);
    decode_error(&mut bench);
    decode_error_variants(&mut bench);
    request(&mut bench);
    encode_success(&mut bench);
    encode_error(&mut bench);
    create_date(&mut bench);
    user_name(&mut bench);
    bench.finish();
}
