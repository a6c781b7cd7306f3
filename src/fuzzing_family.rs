//! The fuzz properties of the operations, one function per `cargo fuzz` target
//! (`fuzz/fuzz_targets/<name>.rs`), replayed on stable by `tests/fuzz_replay.rs` over
//! `fuzz/corpus/<name>/`. Each loops over every operation of the table
//! ([`each_operation`](crate::operation)), so a new operation is fuzzed without an edit here.
//!
//! | target | property |
//! |---|---|
//! | [`family_request`] | `Request::decode` (with its shortcut for botocore's exact body) agrees with the general splitter alone, with each operation's typed decoder and with `server::decode_request`; a decoded request re-encodes to bytes that decode to it again, encode is a fixed point, the encoding is `serde_urlencoded`'s and `into_owned` keeps the value; a refused one's AWS error response round-trips |
//! | [`family_response`] | the bytes as each operation's response: the default path and the `quick-xml` reference give the same value or the same error; a decoded value re-encodes to XML that decodes to it again (both paths), encode is a fixed point, and `into_owned` keeps the value |
//! | [`family_roundtrip`] | any valid request and response of each operation, any error response and any timestamp (built by `arbitrary`) encode and decode back equal (both XML paths); a request's body is `serde_urlencoded`'s |

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::fuzzing::{assert_error_reencodes, assert_reencodes, show};
use crate::internal::decode_request_general;
use crate::operation::{MaybeSerde, OperationVisitor, each_operation};
use crate::{
    Action, DecodeOptions, DecodeResponse, EncodeResponse, ErrorResponse, Operation, Request, RequestError, RequestId,
    Timestamp, ValueRef, server,
};

/// The body of `request` encoded by `serde_urlencoded` from the same members in the
/// same order: what our encoder must produce byte for byte.
pub fn serde_urlencoded_body(request: &Request<'_>) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("Action", request.action().as_str().to_owned()),
        ("Version", crate::VERSION.to_owned()),
    ];
    request.for_each_member(|member, value| {
        let text = match value {
            ValueRef::UserName(name) => name.as_str().to_owned(),
            ValueRef::Password(password) => password.expose_secret().to_owned(),
            ValueRef::Boolean(b) => b.to_string(),
            ValueRef::Integer(n) => n.to_string(),
        };
        pairs.push((member.wire_name(), text));
    });
    // `form_urlencoded` keeps `*` and escapes `~`; Python's `quote_plus` (botocore) does
    // the opposite. Neither can appear escaped otherwise, so map the two back.
    serde_urlencoded::to_string(pairs)
        .unwrap_or_default()
        .replace('*', "%2A")
        .replace("%7E", "~")
}

/// A response's XML.
fn to_xml<R: EncodeResponse>(response: &R) -> String {
    let mut out = String::with_capacity(512);
    response.encode(&mut out);
    out
}

/// `value` (of operation `Q`) encodes to XML that decodes back to it on both paths, and
/// encode is a fixed point. Compared detached from their inputs.
fn reencode_response<Q: Operation>(what: &str, input: &[u8], value: Q::Response<'static>) {
    let xml = to_xml(&value);
    let action = Q::ACTION;
    assert_reencodes(
        &format!("{what} {action}Response"),
        input,
        &value,
        &xml,
        |b| Q::Response::decode_with(b, &DecodeOptions::new()).map(Q::response_into_owned),
        to_xml,
    );
    assert_reencodes(
        &format!("{what} {action}Response (reference path)"),
        input,
        &value,
        &xml,
        |b| Q::Response::decode_reference(b, &DecodeOptions::new()).map(Q::response_into_owned),
        to_xml,
    );
}

/// The bytes as `Q`'s response: both paths agree, and a decoded value re-encodes.
fn check_response<Q: Operation>(data: &[u8]) {
    for options in [DecodeOptions::new(), DecodeOptions::new().with_max_depth(4)] {
        let fast = Q::Response::decode_with(data, &options);
        let reference = Q::Response::decode_reference(data, &options);
        assert!(
            fast == reference,
            "family_response {}Response: the paths disagree ({options:?})\n  input: {}\n  decode: {fast:?}\n  reference: {reference:?}",
            Q::ACTION,
            show(data)
        );
    }
    let Ok(value) = Q::Response::decode_with(data, &DecodeOptions::new()) else {
        return;
    };
    let xml = to_xml(&value);
    let owned = Q::response_into_owned(value);
    assert_eq!(
        to_xml(&owned),
        xml,
        "family_response {}Response: into_owned changed the value\n  input: {}",
        Q::ACTION,
        show(data)
    );
    reencode_response::<Q>("family_response", data, owned);
}

/// Target `family_response`: raw bytes as each operation's response.
///
/// The default path (`decode_with`: the fast scanner, falling back) and the reference
/// (`quick-xml` only) give the same value or the same error, with the default depth limit
/// and with 4; where decoding succeeds, the value re-encodes to XML that decodes to it
/// again on both paths, encode is a fixed point, and `into_owned` keeps the value.
pub fn family_response(data: &[u8]) {
    struct Check<'d>(&'d [u8]);
    impl OperationVisitor for Check<'_> {
        fn visit<Q>(&mut self)
        where
            Q: Operation + Into<Request<'static>> + MaybeSerde + for<'u> arbitrary::Arbitrary<'u> + 'static,
            Q::Response<'static>: for<'u> arbitrary::Arbitrary<'u>,
        {
            check_response::<Q>(self.0);
        }
    }
    each_operation(&mut Check(data));
}

/// A valid request: its encoding is `serde_urlencoded`'s, and both `Request::decode` and
/// the typed decoder read it back equal, encode a fixed point.
fn roundtrip_request<Q: Operation>(data: &[u8], typed: Request<'static>) {
    let query = typed.to_query_string();
    let action = typed.action();
    assert_reencodes(
        &format!("family_roundtrip {action}"),
        data,
        &typed,
        &query,
        Request::decode,
        Request::to_query_string,
    );
    assert_reencodes(
        &format!("family_roundtrip {action} (typed decoder)"),
        data,
        &typed,
        &query,
        Q::decode_as_request,
        Request::to_query_string,
    );
    assert_eq!(
        serde_urlencoded_body(&typed),
        query,
        "family_roundtrip {action}: our encoding is not serde_urlencoded's\n  value: {typed:?}"
    );
}

/// Target `family_roundtrip`: `data` drives `arbitrary` to build one valid request and one
/// valid response of each operation, then an error response and a timestamp.
///
/// Each request encodes to `serde_urlencoded`'s body (botocore's `quote_plus`), which
/// `Request::decode` and the operation's typed decoder read back equal, and encode is a
/// fixed point; each response and the error encode to XML that decodes back equal on both
/// paths; the timestamp formats and parses back equal, and `time` reads it as the same
/// instant.
pub fn family_roundtrip(data: &[u8]) {
    struct Roundtrip<'d> {
        data: &'d [u8],
        u: arbitrary::Unstructured<'d>,
        done: bool,
    }
    impl OperationVisitor for Roundtrip<'_> {
        fn visit<Q>(&mut self)
        where
            Q: Operation + Into<Request<'static>> + MaybeSerde + for<'u> arbitrary::Arbitrary<'u> + 'static,
            Q::Response<'static>: for<'u> arbitrary::Arbitrary<'u>,
        {
            if self.done {
                return;
            }
            let Ok((request, response)) = self.u.arbitrary::<(Q, Q::Response<'static>)>() else {
                self.done = true;
                return;
            };
            roundtrip_request::<Q>(self.data, request.into());
            reencode_response::<Q>("family_roundtrip", self.data, response);
        }
    }
    let mut roundtrip = Roundtrip {
        data,
        u: arbitrary::Unstructured::new(data),
        done: false,
    };
    each_operation(&mut roundtrip);
    let Ok((request, error, timestamp)) = roundtrip.u.arbitrary::<(Request<'_>, ErrorResponse<'_>, Timestamp)>() else {
        return;
    };
    let query = request.to_query_string();
    assert_reencodes(
        "family_roundtrip request",
        data,
        &request,
        &query,
        Request::decode,
        Request::to_query_string,
    );

    assert_error_reencodes("family_roundtrip error", data, &error);

    let text = timestamp.to_string();
    assert_eq!(
        Timestamp::parse(&text),
        Ok(timestamp),
        "family_roundtrip timestamp: parse(format(t)) != t\n  text: {text:?}"
    );
    assert_eq!(
        OffsetDateTime::parse(&text, &Rfc3339).ok(),
        Some(timestamp.to_offset_date_time()),
        "family_roundtrip timestamp: time reads our output as another instant\n  text: {text:?}"
    );
}

/// Target `family_request`: raw bytes as a form body, through the dispatching decoder and
/// every operation's typed one.
///
/// `Request::decode` (which reads botocore's exact shape without the general splitter) and
/// the general splitter alone give the same request or the same error. For every action
/// `X`, `XRequest::decode` gives the request exactly when `Request::decode` gives an `X`
/// (the same value); otherwise it gives `Request::decode`'s error, or `InvalidAction`
/// naming the action the body asks for. `server::decode_request` (a form `POST` with the
/// bytes as its body; a `GET` with them as its query string, when they are UTF-8) gives
/// what `Request::decode` gives. A decoded request re-encodes to bytes that decode to it
/// again, encode is a fixed point, the encoding is `serde_urlencoded`'s and `into_owned`
/// keeps the value; a refused request's AWS error response round-trips through
/// `ErrorResponse::decode`.
pub fn family_request(data: &[u8]) {
    let dispatched = Request::decode(data);
    let general = decode_request_general(data);
    assert!(
        general == dispatched,
        "family_request: the shortcut for botocore's shape and the general splitter disagree\n  input: {}\n  decode: {dispatched:?}\n  general: {general:?}",
        show(data)
    );

    struct Typed<'d> {
        data: &'d [u8],
        dispatched: &'d Result<Request<'d>, RequestError>,
    }
    impl OperationVisitor for Typed<'_> {
        fn visit<Q>(&mut self)
        where
            Q: Operation + Into<Request<'static>> + MaybeSerde + for<'u> arbitrary::Arbitrary<'u> + 'static,
            Q::Response<'static>: for<'u> arbitrary::Arbitrary<'u>,
        {
            check_typed(self.data, self.dispatched, Q::ACTION, Q::decode_as_request(self.data));
        }
    }
    each_operation(&mut Typed {
        data,
        dispatched: &dispatched,
    });

    let post = server::decode_request("POST", Some("application/x-www-form-urlencoded"), "", data);
    assert!(
        post == dispatched,
        "family_request: server::decode_request (POST) disagrees with Request::decode\n  input: {}\n  server: {post:?}\n  Request::decode: {dispatched:?}",
        show(data)
    );
    if let Ok(query) = std::str::from_utf8(data)
        && !query.starts_with('?')
    {
        let get = server::decode_request("GET", None, query, b"ignored=1");
        assert!(
            get == dispatched,
            "family_request: server::decode_request (GET) disagrees with Request::decode\n  input: {}\n  server: {get:?}\n  Request::decode: {dispatched:?}",
            show(data)
        );
    }

    match &dispatched {
        Ok(request) => {
            let encoded = request.to_query_string();
            assert_reencodes(
                "family_request",
                data,
                request,
                &encoded,
                Request::decode,
                Request::to_query_string,
            );
            assert_eq!(
                serde_urlencoded_body(request),
                encoded,
                "family_request: our encoding is not serde_urlencoded's\n  input: {}",
                show(data)
            );
            assert_eq!(
                &request.clone().into_owned(),
                request,
                "family_request: into_owned changed the value\n  input: {}",
                show(data)
            );
        }
        Err(err) => {
            let _ = err.to_string();
            let response = err.to_error_response(RequestId::new("fuzz").ok());
            assert_eq!(
                response.http_status(),
                err.http_status(),
                "family_request: the error response's status is not the error's\n  input: {}",
                show(data)
            );
            let xml = response.to_xml();
            assert_reencodes(
                "family_request error response",
                data,
                &response,
                &xml,
                ErrorResponse::decode,
                ErrorResponse::to_xml,
            );
        }
    }
}

/// The typed decoder of `action` (its result wrapped in `Request`) against the dispatch.
fn check_typed(
    data: &[u8],
    dispatched: &Result<Request<'_>, RequestError>,
    action: Action,
    ours: Result<Request<'_>, RequestError>,
) {
    let agrees = match (dispatched, &ours) {
        // The dispatch read this action: the typed decoder reads the same request.
        (Ok(r), _) if r.action() == action => ours.as_ref() == Ok(r),
        // Another action of the table: the typed decoder refuses it by name.
        (Ok(r), Err(RequestError::InvalidAction { action: asked })) => asked == r.action().as_str(),
        (Ok(_), _) => false,
        // Refused: for the same reason, or (when the body asks for another action of the
        // table, whose members are wrong) as that other action.
        (Err(e), Err(o)) => {
            e == o
                || matches!(o, RequestError::InvalidAction { action: asked }
                    if Action::from_name(asked).is_some_and(|other| other != action))
        }
        (Err(_), Ok(_)) => false,
    };
    assert!(
        agrees,
        "family_request: {action}Request::decode disagrees with Request::decode\n  input: {}\n  typed: {ours:?}\n  Request::decode: {dispatched:?}",
        show(data)
    );
}
