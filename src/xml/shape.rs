//! The shape matcher: the first and fastest path, for documents laid out exactly as
//! IAM and moto write them.
//!
//! A decoder describes its document as literal tags (`<GetLoginProfileResult>`) and
//! values; this cursor checks the literals with slice comparisons, takes the values
//! up to the next `<`, and allows only `[ \t\n]` between tags. The literals are ASCII
//! and every value is checked ([`Shape::text`]), so nothing else of the document needs a
//! look. Any difference from the expected shape gives `None`, and the decoder moves on
//! to the token paths; the matcher never decides an error.

use std::borrow::Cow;

/// A position in a document being matched against a shape.
pub(crate) struct Shape<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Shape<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Shape { b: input, pos: 0 }
    }

    /// Skips `[ \t\n]*` (a `\r` would need EOL normalisation in text; not here).
    #[inline]
    pub(crate) fn ws(&mut self) -> &mut Self {
        while let Some(b' ' | b'\t' | b'\n') = self.b.get(self.pos) {
            self.pos += 1;
        }
        self
    }

    /// Consumes `lit` if the document continues with it.
    #[inline]
    pub(crate) fn eat(&mut self, lit: &[u8]) -> bool {
        if self.b[self.pos..].starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Consumes `lit`, or fails the match.
    #[inline]
    pub(crate) fn lit(&mut self, lit: &[u8]) -> Option<&mut Self> {
        self.eat(lit).then_some(self)
    }

    /// The raw bytes up to the next `<`, consumed.
    #[inline]
    pub(crate) fn raw(&mut self) -> Option<&'a [u8]> {
        let start = self.pos;
        let len = memchr::memchr(b'<', &self.b[start..])?;
        self.pos = start + len;
        Some(&self.b[start..start + len])
    }

    /// Text up to the next `<` that the general path would return unchanged: UTF-8,
    /// only characters XML allows, no reference, no `\r`, no `]` (so no `]]>`).
    #[inline]
    pub(crate) fn text(&mut self) -> Option<Cow<'a, str>> {
        let raw = self.raw()?;
        if super::fast::has_suspicious(raw) {
            return None;
        }
        std::str::from_utf8(raw).ok().map(Cow::Borrowed)
    }

    /// ASCII text up to the next `<`, for values whose own check only passes ASCII
    /// that needs no unescaping (user names, timestamps, booleans).
    #[inline]
    pub(crate) fn ascii(&mut self) -> Option<&'a str> {
        let raw = self.raw()?;
        std::str::from_utf8(raw).ok().filter(|s| s.is_ascii())
    }

    /// After the root's end tag: only whitespace to the end.
    #[inline]
    pub(crate) fn end(&mut self) -> Option<()> {
        self.ws();
        (self.pos == self.b.len()).then_some(())
    }
}
