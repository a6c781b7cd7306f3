//! The fast scanner: a borrowed, `memchr`-driven tokenizer for the documents IAM and
//! moto actually send.
//!
//! It takes a strict subset of XML: ASCII names with at most one prefix, at most one
//! attribute per start tag (the `xmlns`), no reference, `\r` or `]` anywhere (so no
//! unescaping, no EOL normalisation and no `]]>` to look for), no
//! comments, CDATA, processing instructions, declarations or DOCTYPE, and nesting up to
//! [`STACK`] deep. On anything else — including every error — it returns
//! [`Fail::Fallback`] and the decoder starts again on the general (`quick-xml`) path,
//! which then gives the result or the canonical error. So this scanner never decides an
//! error on its own; it only has to produce exactly the tokens the general path would,
//! which the `differential` fuzz target and the tests check.

use std::borrow::Cow;

use super::{DecodeOptions, Fail, Token, Tokens};

/// How deep the scanner follows elements itself (IAM's documents are 4 deep).
pub(crate) const STACK: usize = 16;

/// Byte classes for the scanner.
const NAME_START: u8 = 1;
const NAME: u8 = 2;
const SPACE: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' {
            t[b] |= NAME_START | NAME;
        }
        if c.is_ascii_digit() || c == b'-' || c == b'.' {
            t[b] |= NAME;
        }
        if c == b' ' || c == b'\t' || c == b'\n' {
            t[b] |= SPACE;
        }
        b += 1;
    }
    t
};

/// Does `bytes` hold a byte that sends the document to the general path? Control
/// characters other than tab and LF, `\r` (EOL normalisation), `&` (unescaping), `]`
/// (so that no `]]>` can hide in text) and 0xEF (the lead byte of U+FFFE and U+FFFF;
/// a leading BOM is stripped first). `memchr3` (vector code) finds the three bytes;
/// the control characters are found eight bytes at a time with word arithmetic (an
/// exact "some byte is below 0x20" test), looking byte by byte only at a word that has
/// one (a tab or a newline, usually).
#[inline]
pub(crate) fn has_suspicious(bytes: &[u8]) -> bool {
    #[inline(always)]
    fn control(b: u8) -> bool {
        b < 0x20 && b != b'\t' && b != b'\n'
    }
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    if memchr::memchr3(b'&', b']', 0xEF, bytes).is_some() {
        return true;
    }
    let (words, rest) = bytes.as_chunks::<8>();
    for word in words {
        let v = u64::from_le_bytes(*word);
        if v.wrapping_sub(ONES * 0x20) & !v & HIGHS != 0 && word.iter().any(|&b| control(b)) {
            return true;
        }
    }
    rest.iter().any(|&b| control(b))
}

pub(crate) struct Scanner<'a> {
    /// The document after a BOM, or `None` when it must go to the general path.
    text: Option<&'a str>,
    /// Offset of `text` in the caller's bytes (3 after a BOM).
    base: usize,
    pos: usize,
    stack: [&'a str; STACK],
    depth: usize,
    max_depth: usize,
    seen_root: bool,
    pending_end: bool,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(input: &'a [u8], options: &DecodeOptions) -> Self {
        let (body, base) = match input.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (input, 0),
        };
        let text = if has_suspicious(body) {
            None
        } else {
            std::str::from_utf8(body).ok()
        };
        Scanner {
            text,
            base,
            pos: 0,
            stack: [""; STACK],
            depth: 0,
            max_depth: options.max_depth.min(STACK),
            seen_root: false,
            pending_end: false,
        }
    }

    #[inline]
    fn skip_space(b: &[u8], mut i: usize) -> usize {
        while i < b.len() && CLASS[b[i] as usize] & SPACE != 0 {
            i += 1;
        }
        i
    }

    /// A name at `i`: `[A-Za-z_][A-Za-z0-9_.-]*`, optionally `prefix:local`.
    /// Returns (end, start of the local part).
    #[inline]
    fn name(b: &[u8], i: usize) -> Option<(usize, usize)> {
        let part = |mut j: usize| -> Option<usize> {
            if j >= b.len() || CLASS[b[j] as usize] & NAME_START == 0 {
                return None;
            }
            j += 1;
            Some(
                j + b[j..]
                    .iter()
                    .position(|&c| CLASS[c as usize] & NAME == 0)
                    .unwrap_or(b.len() - j),
            )
        };
        let end = part(i)?;
        if b.get(end) == Some(&b':') {
            Some((part(end + 1)?, end + 1))
        } else {
            Some((end, i))
        }
    }

    fn start_tag(&mut self, s: &'a str, lt: usize) -> Option<Token<'a>> {
        let b = s.as_bytes();
        let (end, local) = Self::name(b, lt + 1)?;
        let mut i = end;
        let mut attributes = 0;
        loop {
            let after_space = Self::skip_space(b, i);
            match b.get(after_space)? {
                b'>' => {
                    i = after_space + 1;
                    break;
                }
                b'/' if b.get(after_space + 1) == Some(&b'>') => {
                    i = after_space + 2;
                    self.pending_end = true;
                    break;
                }
                _ if after_space > i && attributes == 0 => {
                    // One attribute: name, `=`, a quoted value without `<` (and, by the
                    // document check, without `&`).
                    let (name_end, _) = Self::name(b, after_space)?;
                    let eq = Self::skip_space(b, name_end);
                    if b.get(eq) != Some(&b'=') {
                        return None;
                    }
                    let open = Self::skip_space(b, eq + 1);
                    let quote = *b.get(open)?;
                    if quote != b'"' && quote != b'\'' {
                        return None;
                    }
                    let close = open + 1 + memchr::memchr(quote, &b[open + 1..])?;
                    if memchr::memchr(b'<', &b[open + 1..close]).is_some() {
                        return None;
                    }
                    i = close + 1;
                    attributes = 1;
                }
                _ => return None,
            }
        }
        if self.depth >= self.max_depth {
            return None;
        }
        self.stack[self.depth] = &s[lt + 1..end];
        self.depth += 1;
        self.seen_root = true;
        self.pos = i;
        Some(Token::Start {
            name: &s[local..end],
            offset: self.base + lt,
        })
    }

    fn end_tag(&mut self, s: &'a str, lt: usize) -> Option<Token<'a>> {
        let b = s.as_bytes();
        let open = *self.stack.get(self.depth.checked_sub(1)?)?;
        let end = lt + 2 + open.len();
        if b.get(lt + 2..end)? != open.as_bytes() {
            return None;
        }
        // The name must end here: `>` or spaces then `>`.
        let gt = Self::skip_space(b, end);
        if b.get(gt) != Some(&b'>') {
            return None;
        }
        self.depth -= 1;
        self.pos = gt + 1;
        Some(Token::End)
    }

    fn next(&mut self) -> Option<Token<'a>> {
        let s = self.text?;
        if self.pending_end {
            self.pending_end = false;
            self.depth -= 1;
            return Some(Token::End);
        }
        let b = s.as_bytes();
        if self.depth == 0 {
            let i = Self::skip_space(b, self.pos);
            if i == b.len() {
                // After the root: the end. Before it: an empty document, which the
                // general path reports.
                return self.seen_root.then_some(Token::Eof);
            }
            if self.seen_root || b[i] != b'<' || matches!(b.get(i + 1), Some(b'?' | b'!' | b'/')) {
                return None;
            }
            return self.start_tag(s, i);
        }
        let i = self.pos;
        match b.get(i)? {
            b'<' => match b.get(i + 1)? {
                b'/' => self.end_tag(s, i),
                b'!' | b'?' => None,
                _ => self.start_tag(s, i),
            },
            _ => {
                let lt = i + memchr::memchr(b'<', &b[i..])?;
                self.pos = lt;
                Some(Token::Text(Cow::Borrowed(&s[i..lt])))
            }
        }
    }
}

impl<'a> Tokens<'a> for Scanner<'a> {
    #[inline]
    fn next_token(&mut self) -> Result<Token<'a>, Fail> {
        self.next().ok_or(Fail::Fallback)
    }
}
