//! Hooks for this crate's own tests, benchmarks and fuzz targets. Not part of the API:
//! compiled only under `cfg(fuzzing)` (cargo-fuzz) or the `__internal` feature, which the
//! crate's own dev-dependency on itself turns on. Nothing here is covered by semver.

use crate::DecodeError;
use crate::xml::{self, DecodeOptions};
use crate::{DecodeResponse, ErrorResponse, GetLoginProfileResponse, MalformedKind};

/// `GetLoginProfileResponse` decoded on the reference (`quick-xml`) path only (what
/// [`DecodeResponse::decode_reference`] gives every response type).
pub fn decode_response_reference<'a>(
    input: &'a [u8],
    options: &DecodeOptions,
) -> Result<GetLoginProfileResponse<'a>, DecodeError> {
    GetLoginProfileResponse::decode_reference(input, options)
}

/// `ErrorResponse` decoded on the reference (`quick-xml`) path only.
pub fn decode_error_reference<'a>(input: &'a [u8], options: &DecodeOptions) -> Result<ErrorResponse<'a>, DecodeError> {
    xml::decode_general(input, options, &crate::error_response::ErrorDocument)?.check()
}

/// The `key=value` pairs of a form body as the crate's splitter decodes them, or the
/// offset and kind of the first malformation.
pub fn query_pairs(input: &[u8]) -> Result<Vec<(String, String)>, (usize, MalformedKind)> {
    crate::query::pairs(input)
}

/// [`Request::decode`](crate::Request::decode) on the general splitter only, without the
/// shortcut for botocore's exact body.
pub fn decode_request_general(input: &[u8]) -> Result<crate::Request<'_>, crate::RequestError> {
    crate::Request::decode_general(input)
}
