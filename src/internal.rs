//! Hooks for this crate's own tests, benchmarks and fuzz targets. Not part of the API:
//! compiled only under `cfg(fuzzing)` (cargo-fuzz) or the `__internal` feature, which the
//! crate's own dev-dependency on itself turns on. Nothing here is covered by semver.

use crate::DecodeError;
use crate::xml::{self, DecodeOptions};
use crate::{
    CreateLoginProfileResponse, DeleteLoginProfileResponse, ErrorResponse, GetLoginProfileResponse, MalformedKind,
    UpdateLoginProfileResponse,
};

/// `GetLoginProfileResponse` decoded on the reference (`quick-xml`) path only.
pub fn decode_response_reference<'a>(
    input: &'a [u8],
    options: &DecodeOptions,
) -> Result<GetLoginProfileResponse<'a>, DecodeError> {
    let (profile, request_id) = xml::decode_general(input, options, &GetLoginProfileResponse::DOCUMENT)?;
    Ok(GetLoginProfileResponse::new(profile.check()?, request_id))
}

/// `CreateLoginProfileResponse` decoded on the reference (`quick-xml`) path only.
pub fn decode_create_reference<'a>(
    input: &'a [u8],
    options: &DecodeOptions,
) -> Result<CreateLoginProfileResponse<'a>, DecodeError> {
    let (profile, request_id) = xml::decode_general(input, options, &CreateLoginProfileResponse::DOCUMENT)?;
    Ok(CreateLoginProfileResponse::new(profile.check()?, request_id))
}

/// `UpdateLoginProfileResponse` decoded on the reference (`quick-xml`) path only.
pub fn decode_update_reference<'a>(
    input: &'a [u8],
    options: &DecodeOptions,
) -> Result<UpdateLoginProfileResponse<'a>, DecodeError> {
    Ok(UpdateLoginProfileResponse::new(xml::decode_general(
        input,
        options,
        &UpdateLoginProfileResponse::DOCUMENT,
    )?))
}

/// `DeleteLoginProfileResponse` decoded on the reference (`quick-xml`) path only.
pub fn decode_delete_reference<'a>(
    input: &'a [u8],
    options: &DecodeOptions,
) -> Result<DeleteLoginProfileResponse<'a>, DecodeError> {
    Ok(DeleteLoginProfileResponse::new(xml::decode_general(
        input,
        options,
        &DeleteLoginProfileResponse::DOCUMENT,
    )?))
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
