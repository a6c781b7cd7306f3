//! The rest of the login-profile family against its peers: the request decoders of the
//! four actions on botocore's bytes, the decode dispatched over the four actions, the
//! `CreateLoginProfile` response on moto's body, and the request encoders. Ours and the
//! peers share one criterion group per operation, so the README quotes ratios from one run.
//!
//! Every benchmark checks what it produced inside the timed loop (the members, the parsed
//! `CreateDate`, the output bytes), so a broken decoder or encoder cannot be timed.
//!
//! ```sh
//! cargo bench -p iam-login-profile-benches --bench family                     # everything
//! cargo bench -p iam-login-profile-benches --bench family -- 'family dispatch'  # one group
//! cargo bench -p iam-login-profile-benches --bench family -- --test           # each once (CI)
//! FAMILY_COUNT=list target/release/deps/family-*                               # every id
//! FAMILY_COUNT='family dispatch/ours/botocore x4' FAMILY_ITERS=1100 \
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/deps/family-*
//! ```
//!
//! The last two are the count mode (as in `codec.rs`): the benchmark named, untimed,
//! `FAMILY_ITERS` times, for callgrind's instruction counts (`benches/README.md`, "Family").

mod harness;

use std::borrow::Cow;
use std::hint::black_box;

use criterion::Throughput;
use harness::Bench;
use iam_login_profile::{
    CreateLoginProfileRequest, CreateLoginProfileResponse, DeleteLoginProfileRequest, GetLoginProfileRequest, Request,
    Timestamp, UpdateLoginProfileRequest,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// botocore's request bodies (`tests/data/`), one per action.
const CREATE: &[u8] = include_bytes!("../tests/data/botocore-request-create.txt");
const GET: &[u8] = include_bytes!("../tests/data/botocore-request-with-username.txt");
const UPDATE: &[u8] = include_bytes!("../tests/data/botocore-request-update.txt");
const DELETE: &[u8] = include_bytes!("../tests/data/botocore-request-delete.txt");
/// moto's `CreateLoginProfile` success body.
const MOTO_CREATE: &[u8] = include_bytes!("../tests/data/moto-response-create-200.xml");

/// The members of a request, as each decoder must produce them: `(action, user name,
/// password, reset flag)`.
type Want = (&'static str, Option<&'static str>, Option<&'static str>, Option<bool>);

const REQUESTS: [(&str, &[u8], Want); 4] = [
    (
        "create",
        CREATE,
        ("CreateLoginProfile", Some("Bob"), Some("p@ss w0rd&=+"), Some(true)),
    ),
    ("get", GET, ("GetLoginProfile", Some("Bob"), None, None)),
    (
        "update",
        UPDATE,
        ("UpdateLoginProfile", Some("Bob"), Some("N3w-Passw0rd!"), Some(false)),
    ),
    ("delete", DELETE, ("DeleteLoginProfile", Some("Bob"), None, None)),
];

/// What our dispatched decode produced, in the shape of [`Want`].
fn members<'r>(r: &'r Request<'_>) -> (&'static str, Option<&'r str>, Option<&'r str>, Option<bool>) {
    let (password, reset) = match r {
        Request::CreateLoginProfile(c) => (c.password.as_ref(), c.password_reset_required),
        Request::UpdateLoginProfile(u) => (u.password.as_ref(), u.password_reset_required),
        _ => (None, None),
    };
    (
        r.action().as_str(),
        r.user_name().map(|u| u.as_str()),
        password.map(|p| p.expose_secret()),
        reset,
    )
}

// ---------------------------------------------------------------------------------------
// Peer: serde_urlencoded, into a derived struct of every member (the shape a server built
// on serde would declare) or into the pairs.
// ---------------------------------------------------------------------------------------
mod serde_peer {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Request {
        #[serde(rename = "Action")]
        pub action: String,
        #[serde(rename = "Version")]
        pub version: String,
        #[serde(rename = "UserName")]
        pub user_name: Option<String>,
        #[serde(rename = "Password")]
        pub password: Option<String>,
        #[serde(rename = "PasswordResetRequired")]
        pub password_reset_required: Option<bool>,
    }

    impl Request {
        pub fn members(&self) -> (&str, Option<&str>, Option<&str>, Option<bool>) {
            (
                &self.action,
                self.user_name.as_deref(),
                self.password.as_deref(),
                self.password_reset_required,
            )
        }
    }

    /// The pairs, searched for each member (the first of each, as a lenient server would).
    pub fn members(pairs: &[(String, String)]) -> (&str, Option<&str>, Option<&str>, Option<bool>) {
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        (
            get("Action").unwrap_or_default(),
            get("UserName"),
            get("Password"),
            get("PasswordResetRequired").map(|b| b.parse().expect("true or false")),
        )
    }
}

// ---------------------------------------------------------------------------------------
// Peer: aws-smithy-xml, as smithy-rs generates it for aws-sdk-iam
// (`de_create_login_profile`, `de_login_profile`; the same code as `codec.rs`'s Get).
// ---------------------------------------------------------------------------------------
mod smithy_peer {
    use aws_smithy_types::DateTime;
    use aws_smithy_types::date_time::Format;
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

    /// `de_create_login_profile` (the output builder reduced to its one member).
    pub fn de_create_login_profile(inp: &[u8]) -> Result<Option<LoginProfile>, XmlDecodeError> {
        let mut login_profile = None;
        let mut doc = Document::try_from(inp)?;
        let mut decoder = doc.root_element()?;
        let start_el = decoder.start_el();
        let depth = 0u32;
        if !(start_el.matches("CreateLoginProfileResponse")) {
            return Err(XmlDecodeError::custom(format!(
                "invalid root, expected CreateLoginProfileResponse got {start_el:?}"
            )));
        }
        if let Some(mut result_tag) = decoder.next_tag() {
            let start_el = result_tag.start_el();
            if !(start_el.matches("CreateLoginProfileResult")) {
                return Err(XmlDecodeError::custom(format!(
                    "invalid result, expected CreateLoginProfileResult got {start_el:?}"
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
            return Err(XmlDecodeError::custom("expected CreateLoginProfileResult tag"));
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
}

// ---------------------------------------------------------------------------------------
// Peer: a plain `quick_xml::Reader` event loop that tracks the path by local name and
// keeps the (borrowed) text of the members it wants (a copy of `codec.rs`'s).
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

    /// The (borrowed where possible) text of each wanted element.
    pub fn extract<'a>(input: &'a [u8], wanted: &Wanted) -> [Option<Cow<'a, str>>; 4] {
        const OTHER: u8 = u8::MAX;
        let text = std::str::from_utf8(input).expect("UTF-8");
        let mut reader = Reader::from_str(text);
        let mut stack = [OTHER; 8];
        let mut depth = 0usize;
        let mut values: [Option<Cow<'a, str>>; 4] = Default::default();
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
                        values[i] = Some(t.xml10_content());
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

/// (a) Each action's typed decoder on botocore's body.
fn decode_requests(c: &mut Bench) {
    let mut g = c.group("family decode request");
    for (label, input, want) in REQUESTS {
        g.throughput(Throughput::Bytes(input.len() as u64));
        match label {
            "create" => g.bench_with_input(("ours", label), input, |b, input| {
                b.iter(|| {
                    let r = CreateLoginProfileRequest::decode(black_box(input)).unwrap();
                    assert_eq!(r.user_name.as_ref().map(|u| u.as_str()), want.1);
                    assert_eq!(r.password.as_ref().map(|p| p.expose_secret()), want.2);
                    assert_eq!(r.password_reset_required, want.3);
                    r
                })
            }),
            "get" => g.bench_with_input(("ours", label), input, |b, input| {
                b.iter(|| {
                    let r = GetLoginProfileRequest::decode(black_box(input)).unwrap();
                    assert_eq!(r.user_name.as_ref().map(|u| u.as_str()), want.1);
                    r
                })
            }),
            "update" => g.bench_with_input(("ours", label), input, |b, input| {
                b.iter(|| {
                    let r = UpdateLoginProfileRequest::decode(black_box(input)).unwrap();
                    assert_eq!(Some(r.user_name.as_str()), want.1);
                    assert_eq!(r.password.as_ref().map(|p| p.expose_secret()), want.2);
                    assert_eq!(r.password_reset_required, want.3);
                    r
                })
            }),
            _ => g.bench_with_input(("ours", label), input, |b, input| {
                b.iter(|| {
                    let r = DeleteLoginProfileRequest::decode(black_box(input)).unwrap();
                    assert_eq!(r.user_name.as_ref().map(|u| u.as_str()), want.1);
                    r
                })
            }),
        }
        g.bench_with_input(("serde_urlencoded", label), input, |b, input| {
            b.iter(|| {
                let r: serde_peer::Request = serde_urlencoded::from_bytes(black_box(input)).unwrap();
                assert_eq!(r.members(), want);
                assert_eq!(r.version, "2010-05-08");
                r
            })
        });
        g.bench_with_input(("serde_urlencoded pairs", label), input, |b, input| {
            b.iter(|| {
                let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(black_box(input)).unwrap();
                assert_eq!(serde_peer::members(&pairs), want);
                pairs
            })
        });
    }
    g.finish();
}

/// (b) `Request::decode`, dispatching on `Action`, over one body of each action (one
/// operation is the four decodes).
fn dispatch(c: &mut Bench) {
    let mut g = c.group("family dispatch");
    let label = "botocore x4";
    let inputs: [&[u8]; 4] = REQUESTS.map(|(_, input, _)| input);
    let wants: [Want; 4] = REQUESTS.map(|(_, _, want)| want);
    g.throughput(Throughput::Bytes(inputs.iter().map(|i| i.len() as u64).sum()));
    g.bench_with_input(("ours", label), &inputs, |b, inputs| {
        b.iter(|| {
            for (input, want) in black_box(inputs).iter().zip(&wants) {
                let r = Request::decode(input).unwrap();
                assert_eq!(members(&r), *want);
                black_box(r);
            }
        })
    });
    g.bench_with_input(("serde_urlencoded", label), &inputs, |b, inputs| {
        b.iter(|| {
            for (input, want) in black_box(inputs).iter().zip(&wants) {
                let r: serde_peer::Request = serde_urlencoded::from_bytes(input).unwrap();
                assert_eq!(r.members(), *want);
                assert_eq!(r.version, "2010-05-08");
                black_box(r);
            }
        })
    });
    g.bench_with_input(("serde_urlencoded pairs", label), &inputs, |b, inputs| {
        b.iter(|| {
            for (input, want) in black_box(inputs).iter().zip(&wants) {
                let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(input).unwrap();
                assert_eq!(serde_peer::members(&pairs), *want);
                black_box(pairs);
            }
        })
    });
    g.finish();
}

/// (c) The `CreateLoginProfile` success response, moto's body.
fn decode_create_response(c: &mut Bench) {
    let mut g = c.group("family decode create response");
    let label = "moto";
    let input = MOTO_CREATE;
    let decoded = CreateLoginProfileResponse::decode(input).expect("ours decodes moto's body");
    let p = &decoded.login_profile;
    let want_name = p.user_name.as_str().to_owned();
    let want_name = want_name.as_str();
    let want_date: Timestamp = p.create_date;
    let want_time: OffsetDateTime = want_date.to_offset_date_time();
    let want_smithy =
        aws_smithy_types::DateTime::from_secs_and_nanos(want_time.unix_timestamp(), want_time.nanosecond());
    let want_reset = p.password_reset_required;
    let want_id = decoded.request_id.as_ref().map(|id| id.as_str().to_owned());
    let want_id = want_id.as_deref();
    assert_eq!((want_name, want_reset, want_id.is_some()), ("Bob", Some(false), true));
    g.throughput(Throughput::Bytes(input.len() as u64));

    g.bench_with_input(("ours", label), input, |b, input| {
        b.iter(|| {
            let r = CreateLoginProfileResponse::decode(black_box(input)).unwrap();
            let p = &r.login_profile;
            assert_eq!(
                (p.user_name.as_str(), p.create_date, p.password_reset_required),
                (want_name, want_date, want_reset)
            );
            assert_eq!(r.request_id.as_ref().map(|id| id.as_str()), want_id);
            r
        })
    });
    g.bench_with_input(("aws-smithy-xml", label), input, |b, input| {
        b.iter(|| {
            let p = smithy_peer::de_create_login_profile(black_box(input)).unwrap().unwrap();
            assert_eq!(
                (p.user_name.as_str(), p.create_date, p.password_reset_required),
                (want_name, want_smithy, want_reset)
            );
            // The SDK takes the request id from the HTTP headers, not from the body.
            p
        })
    });
    const WANTED: quick_xml_peer::Wanted = quick_xml_peer::Wanted {
        names: &[
            "CreateLoginProfileResponse",
            "CreateLoginProfileResult",
            "LoginProfile",
            "UserName",
            "CreateDate",
            "PasswordResetRequired",
            "ResponseMetadata",
            "RequestId",
        ],
        paths: [&[0, 1, 2, 3], &[0, 1, 2, 4], &[0, 1, 2, 5], &[0, 6, 7]],
    };
    g.bench_with_input(("quick-xml Reader", label), input, |b, input| {
        b.iter(|| {
            let [user, date, reset, id] = quick_xml_peer::extract(black_box(input), &WANTED);
            let date = OffsetDateTime::parse(date.as_deref().unwrap(), &Rfc3339).unwrap();
            let reset = reset.as_deref().map(|b| b.parse::<bool>().unwrap());
            assert_eq!(
                (user.as_deref().unwrap(), date, reset),
                (want_name, want_time, want_reset)
            );
            assert_eq!(id.as_deref(), want_id);
            id
        })
    });
    g.finish();
}

/// (d) Each action's request encoded into a reused `String`, against
/// `serde_urlencoded::to_string` of the same members in the same order.
fn encode_requests(c: &mut Bench) {
    let mut g = c.group("family encode request");
    for (label, input, (action, name, password, reset)) in REQUESTS {
        let want = std::str::from_utf8(input).unwrap();
        let value = Request::decode(input).unwrap();
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
        g.bench_function(("serde_urlencoded", label), |b| {
            b.iter(|| {
                let mut pairs: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(5);
                pairs.push(("Action", Cow::Borrowed(action)));
                pairs.push(("Version", Cow::Borrowed("2010-05-08")));
                if let Some(name) = black_box(name) {
                    pairs.push(("UserName", Cow::Borrowed(name)));
                }
                if let Some(password) = black_box(password) {
                    pairs.push(("Password", Cow::Borrowed(password)));
                }
                if let Some(reset) = black_box(reset) {
                    pairs.push((
                        "PasswordResetRequired",
                        Cow::Borrowed(if reset { "true" } else { "false" }),
                    ));
                }
                let out = serde_urlencoded::to_string(&pairs).unwrap();
                assert_eq!(out, want);
                out
            })
        });
    }
    g.finish();
}

/// Shortened settings so that the whole run takes a couple of minutes on 2 cores.
fn main() {
    let mut bench = Bench::from_env("FAMILY", harness::config);
    decode_requests(&mut bench);
    dispatch(&mut bench);
    decode_create_response(&mut bench);
    encode_requests(&mut bench);
    bench.finish();
}
