//! The XML layer: one way through a document, shared by the response and error
//! decoders, plus escaping for the encoders. It knows no service: each document's
//! description ([`Document`]) names the elements it reads and the namespace it expects.
//!
//! - [`survey`]: one pass over the whole document before it is tokenized (forbidden
//!   characters; where the first bytes that need work in text lie).
//! - [`tokenizer`]: the tokenizer every document goes through. It reads any well-formed
//!   document the decoders accept and never names an error.
//! - [`general`]: `quick-xml` with the well-formedness checks it leaves to its callers.
//!   It runs only when the tokenizer (or the document's structure) refused the input, to
//!   give the canonical [`XmlError`]; tests and the `differential` fuzz target hold the
//!   two equal.
//! - The byte tricks both fast passes use are in `crate::bytes`, each written once.
//!
//! Both produce the same [`Token`]s, and each document's structure is written once, as
//! [`Document::read`] over a [`Cursor`]. A decoder names the children it reads
//! ([`Cursor::next_member`], [`Cursor::root`]) and gets back their index in its list, so
//! the tokenizer can recognise the usual tags of those names by comparing bytes; the
//! general path finds the same index by looking the name up. [`rules`] holds the checks
//! both paths share (names, namespaces, the declaration, processing instructions,
//! references).

use std::borrow::Cow;
use std::fmt;

use crate::text::Escaped;

pub(crate) mod general;
pub(crate) mod rules;
pub(crate) mod survey;
pub(crate) mod tokenizer;

/// How deep elements may nest before a decoder refuses the document.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// Options for the XML decoders: how deep elements may nest.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    pub(crate) max_depth: usize,
}

impl DecodeOptions {
    /// The defaults: depth limit [`DEFAULT_MAX_DEPTH`].
    pub const fn new() -> Self {
        DecodeOptions {
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }

    /// Elements may nest `limit` deep (the root is depth 1).
    pub const fn with_max_depth(mut self, limit: usize) -> Self {
        self.max_depth = limit;
        self
    }

    /// How deep elements may nest. Default [`DEFAULT_MAX_DEPTH`].
    pub const fn max_depth(&self) -> usize {
        self.max_depth
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Why an XML document (success or error response) could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XmlError {
    /// The document is empty or holds only whitespace, comments and declarations.
    #[error("empty document: expected root element `{expected}`")]
    Empty {
        /// The root element the decoder wanted.
        expected: &'static str,
    },
    /// The bytes are not UTF-8.
    #[error("document is not UTF-8: invalid byte at offset {offset}")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A character that XML 1.0 does not allow (a control character, U+FFFE, U+FFFF),
    /// raw or as a character reference.
    #[error("character {ch:?} at offset {offset} is not allowed in XML")]
    IllegalChar {
        /// Byte offset of the character or reference.
        offset: usize,
        /// The character.
        ch: char,
    },
    /// The document is not well-formed XML (details in [`source()`](std::error::Error::source)).
    #[error("malformed XML at offset {offset}")]
    Syntax {
        /// Byte offset where the problem was found.
        offset: usize,
        /// What the XML parser said.
        #[source]
        source: SyntaxError,
    },
    /// A reference to an entity XML does not predefine, such as `&nbsp;`.
    #[error("undefined entity `&{};` at offset {offset}", Escaped(.name))]
    UndefinedEntity {
        /// Byte offset of the `&`.
        offset: usize,
        /// The entity name.
        name: String,
    },
    /// A document type declaration: refused, so that no entity can be declared.
    #[error("DOCTYPE at offset {offset} is not allowed")]
    Doctype {
        /// Byte offset of the `<!DOCTYPE`.
        offset: usize,
    },
    /// An XML declaration that is not at the very start of the document.
    #[error("XML declaration at offset {offset} is not at the start of the document")]
    MisplacedDeclaration {
        /// Byte offset of the `<?xml`.
        offset: usize,
    },
    /// Text, a reference or CDATA before or after the root element.
    #[error("text outside the root element at offset {offset}")]
    TextOutsideRoot {
        /// Byte offset of the text.
        offset: usize,
    },
    /// A second root element.
    #[error("second root element `{}` at offset {offset}", Escaped(.name))]
    SecondRoot {
        /// Byte offset of its start tag.
        offset: usize,
        /// Its name.
        name: String,
    },
    /// The document ends while elements are still open.
    #[error("document ends with {open} element(s) still open")]
    Truncated {
        /// How many elements are open at the end.
        open: usize,
    },
    /// Elements nest deeper than [`DecodeOptions::max_depth`].
    #[error("elements nest deeper than the limit of {limit} at offset {offset}")]
    TooDeep {
        /// The limit that was passed.
        limit: usize,
        /// Byte offset of the start tag that passed it.
        offset: usize,
    },
    /// The root element is not the one this decoder reads.
    #[error("expected root element `{expected}`, found `{}`", Escaped(.found))]
    UnexpectedRoot {
        /// The root element the decoder wanted.
        expected: &'static str,
        /// The local name found.
        found: String,
    },
    /// A required element is absent.
    #[error("missing element `{element}` in `{parent}`")]
    Missing {
        /// The missing element.
        element: &'static str,
        /// Its parent.
        parent: &'static str,
    },
    /// A member appears twice.
    #[error("duplicate element `{element}` in `{parent}` at offset {offset}")]
    Duplicate {
        /// The repeated element.
        element: &'static str,
        /// Its parent.
        parent: &'static str,
        /// Byte offset of the second start tag.
        offset: usize,
    },
    /// An element inside one that holds only text.
    #[error("element `{}` at offset {offset} inside `{element}`, which holds only text", Escaped(.found))]
    ElementInText {
        /// The text-only element.
        element: &'static str,
        /// The local name of the child found.
        found: String,
        /// Byte offset of the child's start tag.
        offset: usize,
    },
}

/// What the XML parser reported about a malformed document (an opaque wrapper
/// around the `quick-xml` error, which is not part of this crate's API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError(String);

impl SyntaxError {
    pub(crate) fn new(message: impl fmt::Display) -> Self {
        SyntaxError(message.to_string())
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The parser's message may quote names from the document.
        crate::text::escape_into(f, &self.0, 256)
    }
}

impl std::error::Error for SyntaxError {}

/// A decoder's failure: the error, or (from the tokenizer) "not well-formed", which
/// the general path then names.
#[derive(Debug)]
pub(crate) enum Fail {
    Xml(XmlError),
    Malformed,
}

impl<E: Into<XmlError>> From<E> for Fail {
    fn from(e: E) -> Self {
        Fail::Xml(e.into())
    }
}

/// One step through the document. Start and end tags of an empty element
/// (`<a/>`) come as `Start` then `End`. Text runs are merged, unescaped,
/// EOL-normalised and include CDATA sections; comments and processing
/// instructions are dropped. Nothing outside the root element is reported
/// (the tokenizer checks it is only whitespace, comments and PIs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// A start tag: the local name (prefix removed) and the byte offset of `<`.
    Start { name: &'a str, offset: usize },
    /// The end of the innermost open element.
    End,
    /// Character data.
    Text(Cow<'a, str>),
    /// The end of the document, after the root element closed.
    Eof,
}

/// A source of [`Token`]s.
pub(crate) trait Tokens<'a> {
    fn next_token(&mut self) -> Result<Token<'a>, Fail>;

    /// The next token that is not text (text is checked, not built).
    fn next_tag(&mut self) -> Result<Token<'a>, Fail> {
        loop {
            match self.next_token()? {
                Token::Text(_) => {}
                other => return Ok(other),
            }
        }
    }

    /// The root element as the index of its local name in `names` (`names.len()` for
    /// any other name) and the name, or `None` for a document without one (see
    /// [`Cursor::root`]). A tokenizer may override it with a shortcut that gives the same
    /// result.
    fn root(&mut self, names: &[&'static str]) -> Result<Option<(usize, &'a str)>, Fail> {
        match self.next_token()? {
            Token::Start { name, .. } => Ok(Some((member_index(names, name), name))),
            _ => Ok(None),
        }
    }

    /// The next child element as the index of its local name in `names` (`names.len()`
    /// for any other name) and its offset, or `None` at the end of the current element
    /// (see [`Cursor::next_member`]). A tokenizer may override it with a shortcut that
    /// gives the same result.
    fn next_member(&mut self, names: &[&'static str]) -> Result<Option<(usize, usize)>, Fail> {
        Ok(next_child(self)?.map(|(name, offset)| (member_index(names, name), offset)))
    }

    /// Consumes the rest of the element just entered, children included (see
    /// [`Cursor::skip`]). A tokenizer may override it with a shortcut that gives the same
    /// result.
    fn skip(&mut self) -> Result<(), Fail> {
        skip(self)
    }

    /// The text of the element just entered, which must hold no element, and its end
    /// (see [`Cursor::text`]). A tokenizer may override it with a shortcut that gives
    /// the same result.
    fn leaf_text(&mut self, element: &'static str) -> Result<Cow<'a, str>, Fail> {
        leaf_text(self, element)
    }
}

/// The next child element's local name and offset, or `None` at the end of the current
/// element, from the tokens.
#[inline]
pub(crate) fn next_child<'a, T: Tokens<'a> + ?Sized>(tokens: &mut T) -> Result<Option<(&'a str, usize)>, Fail> {
    match tokens.next_tag()? {
        Token::Start { name, offset } => Ok(Some((name, offset))),
        _ => Ok(None),
    }
}

/// [`Tokens::skip`] from the tokens: counts starts and ends until the element closes.
pub(crate) fn skip<'a, T: Tokens<'a> + ?Sized>(tokens: &mut T) -> Result<(), Fail> {
    let mut depth = 1usize;
    while depth > 0 {
        match tokens.next_tag()? {
            Token::Start { .. } => depth += 1,
            Token::End | Token::Eof => depth -= 1,
            Token::Text(_) => {}
        }
    }
    Ok(())
}

/// The index of `name` in `names`, `names.len()` when it is none of them.
#[inline(always)]
pub(crate) fn member_index(names: &[&'static str], name: &str) -> usize {
    names.iter().position(|n| *n == name).unwrap_or(names.len())
}

/// [`Tokens::leaf_text`] from the tokens: the text, then the end.
pub(crate) fn leaf_text<'a, T: Tokens<'a> + ?Sized>(
    tokens: &mut T,
    element: &'static str,
) -> Result<Cow<'a, str>, Fail> {
    let text = match tokens.next_token()? {
        Token::Text(t) => t,
        Token::End | Token::Eof => return Ok(Cow::Borrowed("")),
        Token::Start { name, offset } => return Err(in_text(element, name, offset)),
    };
    match tokens.next_tag()? {
        Token::Start { name, offset } => Err(in_text(element, name, offset)),
        _ => Ok(text),
    }
}

/// Walks the token stream of one document with the operations the decoders need.
pub(crate) struct Cursor<T> {
    tokens: T,
}

impl<'a, T: Tokens<'a>> Cursor<T> {
    pub(crate) fn new(tokens: T) -> Self {
        Cursor { tokens }
    }

    /// The root element: the index of its local name in `names` (`names.len()` for any
    /// other name) and the name; `names[0]` is the one named in errors.
    pub(crate) fn root(&mut self, names: &[&'static str]) -> Result<(usize, &'a str), Fail> {
        match self.tokens.root(names)? {
            Some(found) => Ok(found),
            None => Err(XmlError::Empty {
                expected: names.first().copied().unwrap_or_default(),
            }
            .into()),
        }
    }

    /// The next child element of the current element as the index of its local name in
    /// `names` (`names.len()` for any other name) and its offset, or `None` at its end.
    /// Text between children is passed over.
    #[inline(always)]
    pub(crate) fn next_member(&mut self, names: &[&'static str]) -> Result<Option<(usize, usize)>, Fail> {
        self.tokens.next_member(names)
    }

    /// Consumes the rest of the element just entered, children included.
    #[inline]
    pub(crate) fn skip(&mut self) -> Result<(), Fail> {
        self.tokens.skip()
    }

    /// The text of the element just entered, which must hold no element.
    #[inline]
    pub(crate) fn text(&mut self, element: &'static str) -> Result<Cow<'a, str>, Fail> {
        self.tokens.leaf_text(element)
    }

    /// After the root element closed: the tokenizer's final checks.
    pub(crate) fn finish(&mut self) -> Result<(), Fail> {
        match self.tokens.next_token()? {
            Token::Eof => Ok(()),
            // Unreachable with either tokenizer: nothing follows the root's End but Eof.
            other => Err(XmlError::Syntax {
                offset: 0,
                source: SyntaxError::new(format!("unexpected {other:?}")),
            }
            .into()),
        }
    }
}

fn in_text(element: &'static str, found: &str, offset: usize) -> Fail {
    Fail::Xml(XmlError::ElementInText {
        element,
        found: found.to_owned(),
        offset,
    })
}

/// Stores `value` in `slot`, refusing a second one.
pub(crate) fn set_once<V>(
    slot: &mut Option<V>,
    value: V,
    element: &'static str,
    parent: &'static str,
    offset: usize,
) -> Result<(), Fail> {
    if slot.is_some() {
        return Err(XmlError::Duplicate {
            element,
            parent,
            offset,
        }
        .into());
    }
    *slot = Some(value);
    Ok(())
}

/// The value of a required element, or [`XmlError::Missing`] (built only when it is
/// missing, not made and dropped on every success).
#[inline]
pub(crate) fn required<V>(slot: Option<V>, element: &'static str, parent: &'static str) -> Result<V, Fail> {
    match slot {
        Some(value) => Ok(value),
        None => Err(XmlError::Missing { element, parent }.into()),
    }
}

/// The description of a document the decoders read: its structure, written once over
/// any tokenizer, and the namespace its elements usually declare. The description names
/// every element; this module names none.
pub(crate) trait Document<'a> {
    /// What [`Document::read`] gives.
    type Output;

    /// The namespace the document's root usually declares (see [`Namespace`]).
    fn namespace(&self) -> Namespace;

    /// Reads the document from its first token to its end.
    fn read<T: Tokens<'a>>(&self, cursor: &mut Cursor<T>) -> Result<Self::Output, Fail>;
}

/// The namespace a document description hands to the tokenizer, so that it recognises
/// a root written `<name xmlns="…">` or `<p:name xmlns:p="…">` and a first attribute
/// `xmlns="…"` with it by comparing bytes. Only speed depends on it: any other
/// namespace, or none, reads the same by the general steps.
///
/// It holds the one form ` xmlns="{uri}">`, built at compile time by [`namespace!`]
/// from the URI, which is checked there to need none of the checks the tokenizer skips
/// for it (not empty, nothing to normalise, no quote or `<`, not of the length of a
/// reserved namespace).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Namespace {
    declaration: &'static [u8],
}

impl Namespace {
    /// ` xmlns="`, before the URI in [`Namespace::declaration`].
    const HEAD: &'static [u8] = b" xmlns=\"";
    /// How many bytes the declaration adds to the URI: [`Namespace::HEAD`] and `">`.
    pub(crate) const FRAME: usize = Self::HEAD.len() + 2;

    /// ` xmlns="{uri}">` as an array of `N` bytes (`N` is `uri.len() + FRAME`). Panics
    /// (at compile time, in a constant) for a URI the tokenizer could not take as known.
    pub(crate) const fn declaration<const N: usize>(uri: &str) -> [u8; N] {
        let u = uri.as_bytes();
        assert!(N == u.len() + Self::FRAME, "the array is not the declaration's length");
        assert!(!u.is_empty(), "an empty namespace");
        assert!(
            u.len() != rules::XML_NS.len() && u.len() != rules::XMLNS_NS.len(),
            "of a reserved namespace's length"
        );
        let mut out = [0u8; N];
        let mut i = 0;
        while i < Self::HEAD.len() {
            out[i] = Self::HEAD[i];
            i += 1;
        }
        let mut j = 0;
        while j < u.len() {
            let c = u[j];
            assert!(
                !matches!(c, b'"' | b'<' | b'&' | b'\t' | b'\n' | b'\r'),
                "a byte the tokenizer would have to check"
            );
            out[i + j] = c;
            j += 1;
        }
        out[N - 2] = b'"';
        out[N - 1] = b'>';
        out
    }

    /// The namespace whose declaration (from [`Namespace::declaration`]) is `declaration`.
    pub(crate) const fn new(declaration: &'static [u8]) -> Self {
        Namespace { declaration }
    }

    /// The URI.
    #[inline(always)]
    pub(crate) fn uri(&self) -> &'static [u8] {
        &self.declaration[Self::HEAD.len()..self.declaration.len() - 2]
    }

    /// ` xmlns="{uri}">`: the rest of a root start tag after its name.
    #[inline(always)]
    pub(crate) fn root_rest(&self) -> &'static [u8] {
        self.declaration
    }

    /// ` xmlns="{uri}"`: the first attribute of a start tag, space included.
    #[inline(always)]
    pub(crate) fn default_attribute(&self) -> &'static [u8] {
        &self.declaration[..self.declaration.len() - 1]
    }

    /// `="{uri}">`: the rest of a start tag after ` xmlns:prefix`.
    #[inline(always)]
    pub(crate) fn prefix_rest(&self) -> &'static [u8] {
        &self.declaration[Self::HEAD.len() - 2..]
    }
}

/// The [`Namespace`] of a URI given as a constant expression.
macro_rules! namespace {
    ($uri:expr) => {{
        const DECLARATION: [u8; $uri.len() + $crate::xml::Namespace::FRAME] = $crate::xml::Namespace::declaration($uri);
        $crate::xml::Namespace::new(&DECLARATION)
    }};
}
pub(crate) use namespace;

/// Reads a whole document with the tokenizer; when it fails (the document is malformed
/// or breaks the document's structure), the general path names the error.
#[inline]
pub(crate) fn decode<'a, D: Document<'a>>(
    input: &'a [u8],
    options: &DecodeOptions,
    doc: &D,
) -> Result<D::Output, XmlError> {
    match decode_fast(input, options, doc) {
        Ok(v) => Ok(v),
        Err(()) => decode_general_cold(input, options, doc),
    }
}

#[cold]
#[inline(never)]
fn decode_general_cold<'a, D: Document<'a>>(
    input: &'a [u8],
    options: &DecodeOptions,
    doc: &D,
) -> Result<D::Output, XmlError> {
    let general = decode_general(input, options, doc);
    // The two paths agree on every input (the `differential` fuzz target checks it):
    // the general path only names the error.
    debug_assert!(
        general.is_err(),
        "the tokenizer refused a document the general path reads"
    );
    general
}

/// The tokenizer alone: the value, or `Err(())` for any failure.
#[inline]
pub(crate) fn decode_fast<'a, D: Document<'a>>(
    input: &'a [u8],
    options: &DecodeOptions,
    doc: &D,
) -> Result<D::Output, ()> {
    let checked = tokenizer::Tokenizer::check(input).map_err(|_| ())?;
    let tokens = tokenizer::Tokenizer::new(checked, options, doc.namespace());
    doc.read(&mut Cursor::new(tokens)).map_err(|_| ())
}

/// Reads a whole document on the general (`quick-xml`) path only.
pub(crate) fn decode_general<'a, D: Document<'a>>(
    input: &'a [u8],
    options: &DecodeOptions,
    doc: &D,
) -> Result<D::Output, XmlError> {
    let tokens = general::Tokenizer::new(input, options)?;
    match doc.read(&mut Cursor::new(tokens)) {
        Ok(v) => Ok(v),
        Err(Fail::Xml(e)) => Err(e),
        // The general tokenizer always names its errors; report it as the bug it would be.
        Err(Fail::Malformed) => Err(XmlError::Syntax {
            offset: 0,
            source: SyntaxError::new("internal: unnamed error on the general path"),
        }),
    }
}

impl<'a, T: Tokens<'a> + ?Sized> Tokens<'a> for &mut T {
    fn next_token(&mut self) -> Result<Token<'a>, Fail> {
        (**self).next_token()
    }

    fn next_tag(&mut self) -> Result<Token<'a>, Fail> {
        (**self).next_tag()
    }

    fn leaf_text(&mut self, element: &'static str) -> Result<Cow<'a, str>, Fail> {
        (**self).leaf_text(element)
    }

    fn next_member(&mut self, names: &[&'static str]) -> Result<Option<(usize, usize)>, Fail> {
        (**self).next_member(names)
    }

    fn root(&mut self, names: &[&'static str]) -> Result<Option<(usize, &'a str)>, Fail> {
        (**self).root(names)
    }
}

/// Is `c` a character XML 1.0 allows (`Char` production)?
#[inline]
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `s` that XML 1.0 does not allow, with its byte offset.
#[inline]
pub(crate) fn first_illegal_char(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    // Fast check: no control byte and no 0xEF (the lead byte of U+FFFE / U+FFFF).
    let suspicious = |b: &u8| (*b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r')) || *b == 0xEF;
    if !bytes.iter().any(suspicious) {
        return None;
    }
    s.char_indices().find(|&(_, c)| !is_xml_char(c))
}

/// `s` with every character XML cannot carry written as a `\u{..}` escape.
pub(crate) fn escape_illegal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.extend(c.escape_unicode());
        }
    }
    out
}

/// Is `s` text every XML 1.0 document can carry? Used by the validated string types.
pub(crate) fn check_text(s: &str) -> Result<(), (usize, char)> {
    match first_illegal_char(s) {
        None => Ok(()),
        Some(found) => Err(found),
    }
}

/// Appends `s` to `out` as element text, escaped so that no value can inject markup:
/// `&`, `<`, `>` (for `]]>`) and `\r` (which a parser would otherwise read as `\n`).
///
/// `memchr3` finds the next `&`, `<` or `>` and `memchr` the next `\r` (each searched
/// again only once passed, so the whole is linear), and the text in between is copied
/// in one piece.
#[inline]
pub(crate) fn escape_text(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut next_markup = memchr::memchr3(b'&', b'<', b'>', bytes);
    let mut next_cr = memchr::memchr(b'\r', bytes);
    loop {
        let i = match (next_markup, next_cr) {
            (Some(m), Some(r)) => m.min(r),
            (Some(i), None) | (None, Some(i)) => i,
            (None, None) => break,
        };
        out.push_str(&s[start..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&#13;",
        });
        start = i + 1;
        if next_markup == Some(i) {
            next_markup = memchr::memchr3(b'&', b'<', b'>', &bytes[start..]).map(|j| start + j);
        } else {
            next_cr = memchr::memchr(b'\r', &bytes[start..]).map(|j| start + j);
        }
    }
    out.push_str(&s[start..]);
}

/// Appends `<name>text</name>` with `text` escaped.
#[inline]
pub(crate) fn element(out: &mut String, indent: &str, name: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

#[cfg(test)]
mod tests {
    /// The forms of a namespace the tokenizer compares are the one declaration's parts.
    #[test]
    fn namespace_forms() {
        const NS: super::Namespace = super::namespace!("urn:example:ns");
        assert_eq!(NS.uri(), b"urn:example:ns");
        assert_eq!(NS.root_rest(), b" xmlns=\"urn:example:ns\">");
        assert_eq!(NS.default_attribute(), b" xmlns=\"urn:example:ns\"");
        assert_eq!(NS.prefix_rest(), b"=\"urn:example:ns\">");
    }
}
