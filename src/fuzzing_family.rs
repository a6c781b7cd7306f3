//! The fuzz properties of the rest of the family (`CreateLoginProfile`,
//! `UpdateLoginProfile`, `DeleteLoginProfile` beside `GetLoginProfile`), one function per
//! `cargo fuzz` target (`fuzz/fuzz_targets/<name>.rs`), replayed on stable by
//! `tests/fuzz_replay.rs` over `fuzz/corpus/<name>/`.
//!
//! | target | property |
//! |---|---|
//! | [`family_response`] | the bytes as each of the three responses: the default path and the `quick-xml` reference give the same value or the same error; a decoded value re-encodes to XML that decodes to it again (both paths), and encode is a fixed point |
//! | [`family_roundtrip`] | any valid request of each action and any valid Create/Update/Delete response (built by `arbitrary`) encodes and decodes back equal (both paths for the responses); the request body is `serde_urlencoded`'s |
//! | [`family_request`] | `Request::decode` (the dispatch, with its shortcut for botocore's exact body) agrees with the general splitter alone, with each typed decoder and with `server::decode_request`; a decoded request re-encodes exactly; a refused one's AWS error response round-trips |

use crate::fuzzing::serde_urlencoded_body;
use crate::internal::{
    decode_create_reference, decode_delete_reference, decode_request_general, decode_update_reference,
};
use crate::{
    Action, CreateLoginProfileRequest, CreateLoginProfileResponse, DecodeOptions, DeleteLoginProfileRequest,
    DeleteLoginProfileResponse, ErrorResponse, GetLoginProfileRequest, Request, RequestError, RequestId,
    UpdateLoginProfileRequest, UpdateLoginProfileResponse, server,
};

use crate::fuzzing::{assert_reencodes, show};

/// The checks of one response type, written once for the three: `$check(data)` holds the
/// two decode paths equal on `data` and re-encodes what they decode; `$reencode(what,
/// input, value)` checks that `value` encodes to XML that decodes back to it on both paths
/// and that encode is a fixed point.
macro_rules! response_checks {
    ($check:ident, $reencode:ident, $ty:ident, $reference:path) => {
        fn $reencode(what: &str, input: &[u8], value: &$ty<'_>) {
            let xml = value.to_xml();
            assert_reencodes(
                &format!("{what} {}", stringify!($ty)),
                input,
                value,
                &xml,
                $ty::decode,
                $ty::to_xml,
            );
            assert_reencodes(
                &format!("{what} {} (reference path)", stringify!($ty)),
                input,
                value,
                &xml,
                |b| $reference(b, &DecodeOptions::new()),
                $ty::to_xml,
            );
        }

        fn $check(data: &[u8]) {
            for options in [DecodeOptions::new(), DecodeOptions::new().with_max_depth(4)] {
                let fast = $ty::decode_with(data, &options);
                let reference = $reference(data, &options);
                assert!(
                    fast == reference,
                    "family_response {}: the paths disagree ({options:?})\n  input: {}\n  decode: {fast:?}\n  reference: {reference:?}",
                    stringify!($ty),
                    show(data)
                );
            }
            let Ok(value) = $ty::decode(data) else {
                return;
            };
            $reencode("family_response", data, &value);
            assert_eq!(
                value.clone().into_owned(),
                value,
                "family_response {}: into_owned changed the value\n  input: {}",
                stringify!($ty),
                show(data)
            );
        }
    };
}

response_checks!(
    check_create,
    reencode_create,
    CreateLoginProfileResponse,
    decode_create_reference
);
response_checks!(
    check_update,
    reencode_update,
    UpdateLoginProfileResponse,
    decode_update_reference
);
response_checks!(
    check_delete,
    reencode_delete,
    DeleteLoginProfileResponse,
    decode_delete_reference
);

/// Target `family_response`: raw bytes as each of `CreateLoginProfileResponse`,
/// `UpdateLoginProfileResponse` and `DeleteLoginProfileResponse`.
///
/// The default path (`decode_with`: the fast scanner, falling back) and the reference
/// (`quick-xml` only) give the same value or the same error, with the default depth limit
/// and with 4; where decoding succeeds, the value re-encodes to XML that decodes to it
/// again on both paths, encode is a fixed point, and `into_owned` keeps the value.
pub fn family_response(data: &[u8]) {
    check_create(data);
    check_update(data);
    check_delete(data);
}

/// A valid request of one action (its typed value): its encoding is `serde_urlencoded`'s,
/// and both `Request::decode` and the typed decoder read it back equal, encode a fixed
/// point.
macro_rules! roundtrip_request {
    ($data:expr, $typed:expr, $ty:ident) => {{
        let typed: &$ty<'_> = $typed;
        let request = Request::from(typed.clone());
        let query = request.to_query_string();
        let action = request.action();
        assert_reencodes(
            &format!("family_roundtrip {action}"),
            $data,
            &request,
            &query,
            Request::decode,
            Request::to_query_string,
        );
        assert_reencodes(
            &format!("family_roundtrip {action} (typed decoder)"),
            $data,
            typed,
            &query,
            $ty::decode,
            $ty::to_query_string,
        );
        assert_eq!(
            serde_urlencoded_body(&request),
            query,
            "family_roundtrip {action}: our encoding is not serde_urlencoded's\n  value: {request:?}"
        );
    }};
}

/// Target `family_roundtrip`: `data` drives `arbitrary` to build one valid request of
/// each of the four actions and one valid response of each of Create, Update and Delete.
///
/// Each request encodes to `serde_urlencoded`'s body (botocore's `quote_plus`), which
/// `Request::decode` and the action's typed decoder read back equal, and encode is a
/// fixed point; each response encodes to XML that decodes back equal on both paths.
pub fn family_roundtrip(data: &[u8]) {
    let mut u = arbitrary::Unstructured::new(data);
    #[allow(clippy::type_complexity)]
    let Ok((create, get, update, delete, created, updated, deleted)) = u.arbitrary::<(
        CreateLoginProfileRequest<'_>,
        GetLoginProfileRequest<'_>,
        UpdateLoginProfileRequest<'_>,
        DeleteLoginProfileRequest<'_>,
        CreateLoginProfileResponse<'_>,
        UpdateLoginProfileResponse<'_>,
        DeleteLoginProfileResponse<'_>,
    )>() else {
        return;
    };

    roundtrip_request!(data, &create, CreateLoginProfileRequest);
    roundtrip_request!(data, &get, GetLoginProfileRequest);
    roundtrip_request!(data, &update, UpdateLoginProfileRequest);
    roundtrip_request!(data, &delete, DeleteLoginProfileRequest);

    reencode_create("family_roundtrip", data, &created);
    reencode_update("family_roundtrip", data, &updated);
    reencode_delete("family_roundtrip", data, &deleted);
}

/// Target `family_request`: raw bytes as a form body, through the dispatching decoder and
/// the four typed ones.
///
/// `Request::decode` (which reads botocore's exact shape without the general splitter) and
/// the general splitter alone give the same request or the same error. For every action `X`, `XRequest::decode` gives the request exactly when
/// `Request::decode` gives an `X` (the same value); otherwise it gives `Request::decode`'s
/// error, or `InvalidAction` naming the action the body asks for. `server::decode_request`
/// (a form `POST` with the bytes as its body; a `GET` with them as its query string, when
/// they are UTF-8) gives what `Request::decode` gives. A decoded request re-encodes to
/// bytes that decode to it again and encode is a fixed point; a refused request's AWS
/// error response round-trips through `ErrorResponse::decode`.
pub fn family_request(data: &[u8]) {
    let dispatched = Request::decode(data);
    let general = decode_request_general(data);
    assert!(
        general == dispatched,
        "family_request: the shortcut for botocore's shape and the general splitter disagree\n  input: {}\n  decode: {dispatched:?}\n  general: {general:?}",
        show(data)
    );

    check_typed(data, &dispatched, Action::CreateLoginProfile, |d| {
        CreateLoginProfileRequest::decode(d).map(Request::from)
    });
    check_typed(data, &dispatched, Action::GetLoginProfile, |d| {
        GetLoginProfileRequest::decode(d).map(Request::from)
    });
    check_typed(data, &dispatched, Action::UpdateLoginProfile, |d| {
        UpdateLoginProfileRequest::decode(d).map(Request::from)
    });
    check_typed(data, &dispatched, Action::DeleteLoginProfile, |d| {
        DeleteLoginProfileRequest::decode(d).map(Request::from)
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

/// `typed` (the decoder of `action`, its result wrapped in `Request`) against the dispatch.
fn check_typed<'a>(
    data: &'a [u8],
    dispatched: &Result<Request<'a>, RequestError>,
    action: Action,
    typed: impl Fn(&'a [u8]) -> Result<Request<'a>, RequestError>,
) {
    let ours = typed(data);
    let agrees = match (dispatched, &ours) {
        // The dispatch read this action: the typed decoder reads the same request.
        (Ok(r), _) if r.action() == action => ours.as_ref() == Ok(r),
        // Another action of the family: the typed decoder refuses it by name.
        (Ok(r), Err(RequestError::InvalidAction { action: asked })) => asked == r.action().as_str(),
        (Ok(_), _) => false,
        // Refused: for the same reason, or (when the body asks for another action of the
        // family, whose members are wrong) as that other action.
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
