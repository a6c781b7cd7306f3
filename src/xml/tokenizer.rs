//! The tokenizer: one borrowed pass over any well-formed document the decoders accept,
//! and the only path such a document takes. It never names an error: on anything that
//! is not well-formed it returns [`Fail::Malformed`], and the decoder runs the
//! `quick-xml` path ([`super::general`]), which gives the canonical
//! [`XmlError`](super::XmlError).
//!
//! # States
//!
//! ```text
//!   Prolog ──root start tag──▶ Content ◀──────────────┐
//!     │                         │ │                    │
//!     │ (no root)               │ └─`<a/>`─▶ PendingEnd ─(End)─┘
//!     ▼                         ▼ root's end tag
//!    Eof ◀───────────────── Epilog
//! ```
//!
//! - **Prolog** (`depth == 0`, `!seen_root`): whitespace, comments, processing
//!   instructions (the XML declaration only at offset 0), then the root's start tag.
//!   No text, no DOCTYPE, no CDATA.
//! - **Content** (`depth >= 1`, `pos` at the start of text or at a `<`): text (checked,
//!   and built only when asked), CDATA, comments, PIs, start and end tags.
//! - **PendingEnd** (`pending_end`): an empty element `<a/>` was entered; its `End` is
//!   the next token, and nothing is read for it.
//! - **Epilog** (`depth == 0`, `seen_root`): whitespace, comments and PIs up to
//!   the end ([`Token::Eof`]); a second element is malformed.
//!
//! # Invariants
//!
//! - The document passed [`Tokenizer::check`]: UTF-8, no character XML forbids, any BOM
//!   stripped, at most `u32::MAX` bytes (offsets of open names are kept as `u32`).
//! - `pos` is always at a boundary between constructs; every construct before it was
//!   checked as the general path checks it.
//! - `open` holds the qualified name of each open element (`depth` of them), so an end
//!   tag is compared, not parsed; `namespaces` holds the declarations of the open
//!   elements, and every prefix of an open element or attribute was bound when read.
//! - `mark` and `cr` ([`Next`](text::Next)): no `&`/`]` (no `\r`) lies between the
//!   place last searched from and `at`, so text before `at` needs no unescaping, and
//!   each byte of the document is searched at most once.
//! - Same tokens as the general path where the document is well-formed, a failure
//!   where it is not (the `differential` fuzz target and the tests hold them equal).
//!   Text is borrowed unless it must be rewritten (a reference, a CR, pieces joined
//!   across CDATA or a comment).
//!
//! # Shortcuts
//!
//! Each gives exactly what the general steps would (the same tests and fuzz targets
//! cover them), and each stays because the benchmarks show it earns its place
//! (`benches/README.md`, "What each shortcut earns"): a leaf's `text</name>` in one step
//! ([`Tokens::leaf_text`]); the step to the next child without a [`Token`], a child
//! written `<name>` or `<p:name>` for a name the decoder reads recognised by comparing
//! bytes ([`Tokens::next_member`]); an unknown element passed over without building
//! anything ([`Tokens::skip`]); the root `<name>`, `<name xmlns="NS">` or
//! `<p:name xmlns:p="NS">` likewise, `NS` being the namespace the document's description
//! expects ([`Namespace`]), which is also taken as known when declared first among a
//! tag's attributes; the usual XML declarations compared as they stand; the usual
//! attributes (unprefixed, `xml:…`, plain declarations) checked without the general
//! namespace rules.
//!
//! The code is in three files: this one (the states and the token loop), [`text`]
//! (character data, references, CDATA, comments, PIs) and [`tags`] (names, start and
//! end tags, attributes, the namespace shortcuts).

use std::borrow::Cow;

use super::rules::{self, Namespaces};
use super::survey;
use super::{DecodeOptions, Fail, Namespace, Token, Tokens};
use crate::bytes::same;

mod tags;
mod text;

use tags::Open;
use text::Next;

/// Byte classes.
const START: u8 = 1;
const NAME: u8 = 2;
const SPACE: u8 = 4;
const HIGH: u8 = 8;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' {
            t[b] |= START | NAME;
        }
        if c.is_ascii_digit() || c == b'-' || c == b'.' {
            t[b] |= NAME;
        }
        if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' {
            t[b] |= SPACE;
        }
        if c >= 0x80 {
            t[b] |= HIGH;
        }
        b += 1;
    }
    t
};

type R<T> = Result<T, Fail>;

#[cold]
#[inline(never)]
fn malformed<T>() -> R<T> {
    Err(Fail::Malformed)
}

pub(crate) struct Tokenizer<'a> {
    /// The document after any BOM.
    s: &'a str,
    /// Offset of `s` in the caller's bytes (3 after a BOM).
    base: usize,
    pos: usize,
    /// The next `&` or `]` (a reference, or maybe `]]>`).
    mark: Next<false>,
    /// The next `\r` (a line end to normalise).
    cr: Next<true>,
    depth: usize,
    max_depth: usize,
    seen_root: bool,
    /// The `End` of an empty element `<a/>`, to hand out next.
    pending_end: bool,
    open: Open,
    namespaces: Namespaces<'a>,
    /// The namespace the document's description expects, recognised by comparing bytes.
    expected: Namespace,
}

/// What [`Tokenizer::check`] hands to [`Tokenizer::new`]: the document after any BOM,
/// the BOM's length, and where the bytes that need work in text lie.
pub(crate) struct Checked<'a>(&'a str, usize, (Next<false>, Next<true>));

impl<'a> Tokenizer<'a> {
    /// The tokenizer for a document that passed [`Tokenizer::check`]. Infallible and
    /// inlined: the decoder builds it (some 400 bytes) in place, in its own frame.
    #[inline(always)]
    pub(crate) fn new(checked: Checked<'a>, options: &DecodeOptions, expected: Namespace) -> Self {
        let Checked(s, base, (mark, cr)) = checked;
        Tokenizer {
            s,
            base,
            pos: 0,
            mark,
            cr,
            depth: 0,
            max_depth: options.max_depth,
            seen_root: false,
            pending_end: false,
            open: Open::new(),
            namespaces: Namespaces::new(),
            expected,
        }
    }

    /// The checks of the whole document before tokenizing: its size, UTF-8, the
    /// characters XML forbids. Returns the document after any BOM, the BOM's length, and
    /// where the bytes that need work in text lie (`&` or `]`, and `\r`) as far as the
    /// check found them ([`Findings`]).
    pub(crate) fn check(input: &'a [u8]) -> R<Checked<'a>> {
        // Offsets of open elements are kept as `u32`; a larger document (4 GiB of
        // XML) is read by the general path.
        if u32::try_from(input.len()).is_err() {
            return malformed();
        }
        // `simdutf8`: the same yes/no as `std::str::from_utf8`, with vector instructions.
        let Ok(s) = simdutf8::basic::from_utf8(input) else {
            return malformed();
        };
        let (s, base) = match s.strip_prefix('\u{FEFF}') {
            Some(rest) => (rest, 3),
            None => (s, 0),
        };
        // Most documents hold none of `&`, `]`, `\r`: one search says so for all three,
        // in the same pass as the check for forbidden characters.
        let found = survey::scan(s.as_bytes());
        if found.suspect && super::first_illegal_char(s).is_some() {
            return malformed();
        }
        let next = (Next { at: found.mark }, Next { at: found.cr });
        Ok(Checked(s, base, next))
    }

    #[inline(always)]
    fn b(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    #[inline(always)]
    fn skip_space(b: &[u8], mut i: usize) -> usize {
        while i < b.len() && CLASS[b[i] as usize] & SPACE != 0 {
            i += 1;
        }
        i
    }

    /// Outside the root element: whitespace, comments, PIs (the declaration first), then
    /// the root's start tag, or the end after it.
    fn outside(&mut self) -> R<Token<'a>> {
        match self.prolog()? {
            None => Ok(Token::Eof),
            Some(_) if self.seen_root => malformed(),
            Some(lt) => self.start_tag(lt).map(|(name, offset)| Token::Start { name, offset }),
        }
    }

    /// Outside the root element: passes whitespace, comments and PIs, and returns the
    /// offset of the next start tag's `<`, or `None` at the end of the document.
    #[inline]
    fn prolog(&mut self) -> R<Option<usize>> {
        let b = self.b();
        loop {
            let i = Self::skip_space(b, self.pos);
            self.pos = i;
            let Some(&c) = b.get(i) else {
                return Ok(None);
            };
            if c != b'<' {
                return malformed();
            }
            match b.get(i + 1) {
                Some(b'?') => self.pi(i)?,
                Some(b'!') if b[i..].starts_with(b"<!--") => self.comment(i)?,
                Some(b'!' | b'/') | None => return malformed(),
                Some(_) => return Ok(Some(i)),
            }
        }
    }

    /// Inside an element at `pos`: the next token. With `text == false`, character data,
    /// CDATA, comments and PIs are checked and passed over, and the next tag is returned.
    #[inline(always)]
    fn content(&mut self, text: bool) -> R<Token<'a>> {
        if self.pending_end {
            self.pending_end = false;
            self.close();
            return Ok(Token::End);
        }
        if self.depth == 0 {
            return self.outside();
        }
        let b = self.b();
        let mut run: Option<Cow<'a, str>> = None;
        loop {
            let i = self.pos;
            let piece = match b.get(i) {
                None => return malformed(),
                Some(b'<') => match b.get(i + 1) {
                    Some(b'/') if run.is_none() => return self.end_tag(i),
                    Some(b'!') => {
                        if b[i..].starts_with(b"<![CDATA[") {
                            let piece = self.cdata(i)?;
                            if !text {
                                continue;
                            }
                            piece
                        } else if b[i..].starts_with(b"<!--") {
                            self.comment(i)?;
                            continue;
                        } else {
                            return malformed();
                        }
                    }
                    Some(b'?') => {
                        self.pi(i)?;
                        continue;
                    }
                    Some(_) if run.is_none() => {
                        return self.start_tag(i).map(|(name, offset)| Token::Start { name, offset });
                    }
                    Some(_) => return Ok(Token::Text(run.unwrap_or_default())),
                    None => return malformed(),
                },
                Some(_) => {
                    let end = self.data_end(i)?;
                    self.pos = end;
                    if !text {
                        self.check_data(i, end)?;
                        continue;
                    }
                    self.data(i, end)?
                }
            };
            match &mut run {
                None => run = Some(piece),
                Some(r) => r.to_mut().push_str(&piece),
            }
        }
    }
}

impl<'a> Tokens<'a> for Tokenizer<'a> {
    #[inline]
    fn next_token(&mut self) -> Result<Token<'a>, Fail> {
        self.content(true)
    }

    #[inline(always)]
    fn next_tag(&mut self) -> Result<Token<'a>, Fail> {
        self.content(false)
    }

    /// The root as [`Tokenizer::outside`] reads it; a start tag written `<name>` or with
    /// the expected namespace as the default one, for one of `names`, is recognised by
    /// comparing bytes.
    fn root(&mut self, names: &[&'static str]) -> Result<Option<(usize, &'a str)>, Fail> {
        if self.depth != 0 || self.seen_root || self.pending_end {
            return match self.next_token()? {
                Token::Start { name, .. } => Ok(Some((super::member_index(names, name), name))),
                _ => Ok(None),
            };
        }
        let Some(lt) = self.prolog()? else {
            return Ok(None);
        };
        let rest = &self.b()[lt + 1..];
        for (k, &name) in names.iter().enumerate() {
            let n = name.len();
            let Some(after) = rest.get(n..) else {
                continue;
            };
            if !same(&rest[..n], name.as_bytes()) {
                continue;
            }
            let (end, empty) = match after.first() {
                Some(b'>') => (lt + 2 + n, false),
                _ if after.starts_with(self.expected.root_rest()) => {
                    (lt + 1 + n + self.expected.root_rest().len(), false)
                }
                // Attributes: the name is read, the rest as any start tag's.
                Some(&c) if CLASS[c as usize] & SPACE != 0 => self.tag_rest(lt, None, lt + 1 + n)?,
                _ => break,
            };
            self.enter(lt, n, end)?;
            self.pending_end = empty;
            return Ok(Some((k, name)));
        }
        if let Some(k) = self.prefixed_root(lt, names)? {
            return Ok(Some((k, names[k])));
        }
        let (name, _) = self.start_tag(lt)?;
        Ok(Some((super::member_index(names, name), name)))
    }

    /// The usual step to the next child or to the parent's end: text (whitespace) up to
    /// a `<`, then a start or an end tag, without a [`Token`] in between; a child written
    /// `<name>` with one of `names` is recognised by comparing its bytes with each (no
    /// name scan, no lookup after). Anything else (a comment, a PI, CDATA, an empty
    /// element's end) as the trait's general form reads it.
    #[inline(always)]
    fn next_member(&mut self, names: &[&'static str]) -> Result<Option<(usize, usize)>, Fail> {
        if !self.pending_end && self.depth > 0 {
            let b = self.b();
            let lt = self.pass_data()?;
            match b.get(lt + 1) {
                Some(b'/') => {
                    self.end_tag(lt)?;
                    return Ok(None);
                }
                Some(b'!' | b'?') | None => {}
                Some(_) => {
                    debug_assert!(
                        names
                            .iter()
                            .all(|n| rules::split_qname(n, "").is_ok_and(|q| q.0.is_none()))
                    );
                    // A prefix can be bound only where one was declared (or be `xml`,
                    // which `start_tag` reads); where one was, the members are most
                    // likely written with it, so that form is tried first.
                    if self.namespaces.declared()
                        && let Some(k) = self.prefixed_member(lt, names)?
                    {
                        return Ok(Some((k, self.base + lt)));
                    }
                    let rest = &b[lt + 1..];
                    for (k, name) in names.iter().enumerate() {
                        let n = name.len();
                        if rest.get(n) == Some(&b'>') && same(&rest[..n], name.as_bytes()) {
                            return self.plain_start(lt, n).map(|offset| Some((k, offset)));
                        }
                    }
                    return self
                        .start_tag(lt)
                        .map(|(name, offset)| Some((super::member_index(names, name), offset)));
                }
            }
        }
        Ok(super::next_child(self)?.map(|(name, offset)| (super::member_index(names, name), offset)))
    }

    /// The rest of the element just entered, in one loop over its tags: the same checks
    /// as the tokens would make, without building a token, a name or a piece of text.
    fn skip(&mut self) -> Result<(), Fail> {
        if self.pending_end {
            self.pending_end = false;
            self.close();
            return Ok(());
        }
        let Some(outer) = self.depth.checked_sub(1) else {
            return super::skip(self);
        };
        let b = self.b();
        loop {
            let lt = self.pass_data()?;
            match b.get(lt + 1) {
                Some(b'/') => {
                    self.end_tag(lt)?;
                    if self.depth == outer {
                        return Ok(());
                    }
                }
                Some(b'!') => {
                    if b[lt..].starts_with(b"<![CDATA[") {
                        self.pass_cdata(lt)?;
                    } else if b[lt..].starts_with(b"<!--") {
                        self.comment(lt)?;
                    } else {
                        return malformed();
                    }
                }
                Some(b'?') => self.pi(lt)?,
                Some(_) => {
                    self.open_tag(lt)?;
                    if self.pending_end {
                        self.pending_end = false;
                        self.close();
                    }
                }
                None => return malformed(),
            }
        }
    }

    /// The usual leaf, `text</name>`, in one step; anything else (CDATA, a comment, a
    /// child, an empty element) as the trait's general form reads it.
    #[inline]
    fn leaf_text(&mut self, element: &'static str) -> Result<Cow<'a, str>, Fail> {
        if !self.pending_end {
            let (b, i) = (self.b(), self.pos);
            let end = if self.cr.at < i {
                self.leaf_end_cr(i)?
            } else {
                self.data_end(i)?
            };
            if b.get(end + 1) == Some(&b'/') {
                let text = self.data(i, end)?;
                self.end_tag(end)?;
                return Ok(text);
            }
            if end == i
                && b[i..].starts_with(b"<![CDATA[")
                && let Some(text) = self.cdata_leaf(i)?
            {
                return Ok(text);
            }
        }
        super::leaf_text(self, element)
    }
}
