//! The form decoder, for every operation of the table: the parameters split once
//! (or, for botocore's exact body, read in one pass without the splitter), `Action` and
//! `Version` checked, each member's value handed to its operation's request type.

use std::borrow::Cow;

use super::{Action, MAX_MEMBERS, Request, RequestError, VERSION, WIRE_NAMES};
use crate::query;

/// The raw (decoded as text, not yet as values) members of one action, in the order of
/// [`Action::members`].
pub(crate) type RawMembers<'a> = [Option<Cow<'a, str>>; MAX_MEMBERS];

/// The raw parameters of one request, split once.
#[derive(Default)]
struct Raw<'a> {
    action: Option<Cow<'a, str>>,
    version: Option<Cow<'a, str>>,
    /// The value of each parameter some operation takes, at the first index of its name
    /// in [`WIRE_NAMES`].
    members: [Option<Cow<'a, str>>; WIRE_NAMES.len()],
    /// The first parameter that no operation takes.
    unknown: Option<String>,
}

impl<'a> Raw<'a> {
    fn add(&mut self, input: &'a [u8], base: usize) -> Result<(), RequestError> {
        query::for_each_pair(input, base, |key, value| {
            let slot = match &*key {
                "Action" => &mut self.action,
                "Version" => &mut self.version,
                k => match WIRE_NAMES.iter().position(|name| *name == k) {
                    Some(index) => &mut self.members[index],
                    None if query::is_common_parameter(k) => return Ok(()),
                    None => {
                        if self.unknown.is_none() {
                            self.unknown = Some(key.into_owned());
                        }
                        return Ok(());
                    }
                },
            };
            if slot.is_some() {
                return Err(RequestError::DuplicateParameter { name: key.into_owned() });
            }
            *slot = Some(value);
            Ok(())
        })
    }

    /// The action `Action` names, if `Version` is [`VERSION`].
    fn check_action_and_version(&self) -> Result<Action, RequestError> {
        let action = match self.action.as_deref() {
            None => return Err(RequestError::MissingAction),
            Some(name) => Action::from_name(name).ok_or_else(|| RequestError::InvalidAction {
                action: name.to_owned(),
            })?,
        };
        match self.version.as_deref() {
            None => Err(RequestError::MissingVersion),
            Some(VERSION) => Ok(action),
            Some(other) => Err(RequestError::InvalidVersion {
                action,
                version: other.to_owned(),
            }),
        }
    }

    /// Checks `Action` and `Version` and the parameters against the action, then
    /// hands the action's members, in its order, to its request type.
    fn finish(mut self) -> Result<Request<'a>, RequestError> {
        let action = self.check_action_and_version()?;
        if let Some(name) = self.unknown {
            return Err(RequestError::UnknownParameter { action, name });
        }
        let mut members = RawMembers::default();
        for (slot, member) in members.iter_mut().zip(action.members()) {
            if let Some(index) = WIRE_NAMES.iter().position(|name| *name == member.wire_name()) {
                *slot = self.members[index].take();
            }
        }
        // What is left is a member of another operation.
        if let Some(index) = self.members.iter().position(Option::is_some) {
            return Err(RequestError::UnknownParameter {
                action,
                name: WIRE_NAMES[index].to_owned(),
            });
        }
        Request::from_raw(action, members)
    }
}

/// `input` from `at` starts with `literal` (a constant at every call, written from the
/// table, so the compare is a few loads rather than a `memcmp` call).
#[inline(always)]
pub(crate) fn has_at(input: &[u8], at: usize, literal: &[u8]) -> bool {
    input.get(at..at + literal.len()) == Some(literal)
}

/// The value of `key` (`&Name=`) at `at` in `input`, if the parameter there is `key`:
/// the value, percent-decoded if it holds an escape, and where it ends. `Some(None)` if
/// another parameter is at `at`; `None` for a malformed escape or a value that is not
/// UTF-8 (the general path then reports it).
#[inline(always)]
pub(crate) fn botocore_value<'a>(input: &'a [u8], at: usize, key: &[u8]) -> Option<Option<(Cow<'a, str>, usize)>> {
    if !has_at(input, at, key) {
        return Some(None);
    }
    let start = at + key.len();
    let (end, escaped) = scan_value(input, start);
    let value = &input[start..end];
    let value = if escaped {
        // A malformed escape sends the input to the general path, which reports it at
        // its offset; the offset given here is never shown.
        query::decode_escapes(value, start).ok()?
    } else {
        // Each value is checked on its own (a whole-body check costs more); the flag's two
        // values need no check at all.
        Cow::Borrowed(match value {
            b"true" => "true",
            b"false" => "false",
            _ => std::str::from_utf8(value).ok()?,
        })
    };
    Some(Some((value, end)))
}

/// Where the value starting at `start` in `bytes` ends (at the next `&`, or the end of
/// `bytes`), and whether it holds a `%` or `+`: eight bytes at a time (values are 3 to
/// ~40 bytes, too short for `memchr`'s vector setup to pay for).
#[inline(always)]
fn scan_value(bytes: &[u8], start: usize) -> (usize, bool) {
    // Exact up to the lowest match (a bit above a true match may be set wrongly: only
    // ever read the lowest, or whether any is set).
    use crate::bytes::first_of as matches;
    let len = bytes.len();
    let mut at = start;
    let mut escapes = 0;
    while at < len {
        let x = if let Some(chunk) = bytes.get(at..at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        } else if let Some(last) = len.checked_sub(8).and_then(|from| bytes.get(from..)) {
            // Fewer than eight bytes left: the last eight, shifted so that the byte at
            // `at` comes first and zeros (no match) fill the top.
            let mut word = [0; 8];
            word.copy_from_slice(last);
            u64::from_le_bytes(word) >> (8 * (at + 8 - len))
        } else {
            // An input shorter than eight bytes (never botocore's).
            let mut word = [0; 8];
            word[..len - at].copy_from_slice(&bytes[at..]);
            u64::from_le_bytes(word)
        };
        let amps = matches(x, b'&');
        let escs = matches(x, b'%') | matches(x, b'+');
        if amps != 0 {
            // Only the escapes before the first `&` count (a wrongly set bit is always
            // above a true match, so any bit below the first `&` is a true escape).
            let before = (amps & amps.wrapping_neg()) - 1;
            let end = at + (amps.trailing_zeros() / 8) as usize;
            return (end, escapes | (escs & before) != 0);
        }
        escapes |= escs;
        at += 8;
    }
    (len, escapes != 0)
}

/// Splits and checks the parameters of one request: the query string and, for a form
/// POST, the body (`parts` in that order, with each part's offset in what the caller sees).
///
/// A request whose parameters are all in one part, in botocore's exact shape, is read by
/// `Request::botocore` (written for each operation from the table); any other by the general splitter ([`decode_parts_general`]).
pub(crate) fn decode_parts<'a>(parts: &[(&'a [u8], usize)]) -> Result<Request<'a>, RequestError> {
    let mut filled = parts.iter().filter(|(input, _)| !input.is_empty());
    if let (Some(&(input, _)), None) = (filled.next(), filled.next())
        && let Some(request) = Request::botocore(input)
    {
        return request;
    }
    decode_parts_general(parts)
}

/// [`decode_parts`] without the shortcut for botocore's shape: every part through the
/// general splitter.
pub(crate) fn decode_parts_general<'a>(parts: &[(&'a [u8], usize)]) -> Result<Request<'a>, RequestError> {
    let mut raw = Raw::default();
    for &(input, base) in parts {
        raw.add(input, base)?;
    }
    raw.finish()
}
