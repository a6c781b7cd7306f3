//! Character data, references, CDATA sections, comments and processing instructions:
//! checked where they are passed over, built (borrowed where nothing needs rewriting)
//! where a decoder reads them.

use std::borrow::Cow;

use super::super::rules::{self, Reference};
use super::{CLASS, R, SPACE, Tokenizer, malformed};
use crate::bytes::{find, first_among, first_of};

/// Where the next byte of one kind lies (`&` or `]`; with `CR`, `\r`), at or after the
/// place it was last searched from: searched again only when the tokenizer has gone
/// past it, so each byte of the document is searched at most once whatever the number
/// of pieces of text.
///
/// CRs are the exception: only the texts the decoders read are asked about, and in a
/// document with CR line ends the next one is always near, so once the document is
/// known to hold one, each such text is searched alone: a leaf's text by the same
/// search that finds its end ([`Tokenizer::leaf_end_cr`], which leaves `at` at the
/// `<` when the text holds none), any other where `at` stays when it holds none.
///
/// Before its first search, `at` may also be only a place before which there is none
/// (where the whole-document check stopped, at a byte of the other kind, when the vector
/// searches are not available); the first question that reaches it looks at the byte
/// there.
#[derive(Clone, Copy)]
pub(super) struct Next<const CR: bool> {
    /// The offset of the byte, [`Next::NONE`] if there is none after the place last
    /// searched from.
    pub(super) at: usize,
}

impl<const CR: bool> Next<CR> {
    const NONE: usize = usize::MAX;

    /// Does `b[i..end]` hold the byte? A yes leaves [`Next::at`] at the first one.
    #[inline(always)]
    pub(super) fn within(&mut self, b: &[u8], i: usize, end: usize) -> bool {
        self.at < end && self.search(b, i, end)
    }

    /// [`Next::within`] where the last answer does not settle it.
    #[inline(never)]
    fn search(&mut self, b: &[u8], i: usize, end: usize) -> bool {
        let is = |c: u8| if CR { c == b'\r' } else { c == b'&' || c == b']' };
        if self.at >= i && is(b[self.at]) {
            return true;
        }
        let from = if self.at < i { i } else { self.at + 1 };
        if CR {
            return match memchr::memchr(b'\r', &b[from..end]).map(|n| from + n) {
                Some(at) => {
                    self.at = at;
                    true
                }
                None => false,
            };
        }
        self.at = memchr::memchr2(b'&', b']', &b[from..]).map_or(Self::NONE, |n| from + n);
        self.at < end
    }
}

/// The offset of the first `&` or `\r` in `b` at or after `i` (text that needs work),
/// refusing a `]]>` before it, which XML 1.0 §2.4 forbids in character data: one pass
/// for both.
#[inline(always)]
fn next_work(b: &[u8], mut i: usize) -> R<Option<usize>> {
    loop {
        let Some(hit) = first_among(b, i, [b'&', b'\r', b']']) else {
            return Ok(None);
        };
        if b[hit] != b']' {
            return Ok(Some(hit));
        }
        if b[hit + 1..].starts_with(b"]>") {
            return malformed();
        }
        i = hit + 1;
    }
}

impl<'a> Tokenizer<'a> {
    /// The end of the character data starting at `i` (the next `<`).
    #[inline(always)]
    pub(super) fn data_end(&self, i: usize) -> R<usize> {
        let b = self.b();
        // Between tags there are usually a few bytes of indentation: look at the first
        // 32 eight at a time ([`first_of`]), then memchr.
        let lt = |w: &[u8; 8]| first_of(u64::from_le_bytes(*w), b'<');
        let mut j = i;
        if let Some(window) = b.get(i..).and_then(|rest| rest.first_chunk::<32>()) {
            // One bounds check for the four words.
            let (words, _) = window.as_chunks::<8>();
            for w in words {
                let zero = lt(w);
                if zero != 0 {
                    return Ok(j + (zero.trailing_zeros() / 8) as usize);
                }
                j += 8;
            }
        } else {
            while let Some(w) = b.get(j..).and_then(|rest| rest.first_chunk::<8>()) {
                let zero = lt(w);
                if zero != 0 {
                    return Ok(j + (zero.trailing_zeros() / 8) as usize);
                }
                j += 8;
            }
        }
        match memchr::memchr(b'<', &b[j..]) {
            Some(n) => Ok(j + n),
            None => malformed(),
        }
    }

    /// [`Tokenizer::data_end`] for a text the decoders read, in a document with a CR
    /// not yet placed relative to it: one search for `<` or `\r` settles both, and
    /// [`Next::at`] is left at the CR, or at the `<` when the text holds none (no CR
    /// before it, which is all a later question about this text needs).
    #[inline]
    pub(super) fn leaf_end_cr(&mut self, i: usize) -> R<usize> {
        let b = self.b();
        match first_among(b, i, [b'<', b'\r']) {
            Some(at) if b[at] == b'<' => {
                self.cr.at = at;
                Ok(at)
            }
            Some(at) => {
                self.cr.at = at;
                self.data_end(at + 1)
            }
            None => malformed(),
        }
    }

    /// Inside an element: passes the character data at `pos` (checked, not built) and
    /// moves to the next `<`, whose offset it returns.
    #[inline(always)]
    pub(super) fn pass_data(&mut self) -> R<usize> {
        let i = self.pos;
        if self.b().get(i) == Some(&b'<') {
            // No text between the tags (compact documents).
            return Ok(i);
        }
        let lt = self.data_end(i)?;
        self.check_data(i, lt)?;
        self.pos = lt;
        Ok(lt)
    }

    /// Checks the references of `raw` (text or an attribute value) without resolving them.
    pub(super) fn check_references(raw: &str) -> R<()> {
        let b = raw.as_bytes();
        let mut i = 0;
        while let Some(n) = memchr::memchr(b'&', &b[i..]) {
            let amp = i + n;
            let (_, end) = Self::reference(raw, amp)?;
            i = end;
        }
        Ok(())
    }

    /// The reference at `amp`: its character and the offset after its `;`.
    #[inline]
    pub(super) fn reference(raw: &str, amp: usize) -> R<(char, usize)> {
        let rest = &raw.as_bytes()[amp + 1..];
        let named = |n: &[u8], c| rest.starts_with(n).then_some((c, amp + 1 + n.len()));
        let hit = match rest.first() {
            Some(b'#') => match rules::char_reference(&rest[1..]) {
                (Reference::Char(c), n) if rest.get(1 + n) == Some(&b';') => Some((c, amp + 3 + n)),
                _ => None,
            },
            Some(b'a') => named(b"amp;", '&').or_else(|| named(b"apos;", '\'')),
            Some(b'l') => named(b"lt;", '<'),
            Some(b'g') => named(b"gt;", '>'),
            Some(b'q') => named(b"quot;", '"'),
            _ => None,
        };
        match hit {
            Some(hit) => Ok(hit),
            None => malformed(),
        }
    }

    /// Text with references resolved and line ends normalised, `]]>` refused; its first
    /// `&` or `\r` is at `first`, with no `]` before it.
    pub(super) fn unescape(raw: &str, first: usize) -> R<String> {
        let b = raw.as_bytes();
        let mut out = String::with_capacity(raw.len());
        let mut start = 0;
        let mut next = Some(first);
        while let Some(at) = next {
            out.push_str(&raw[start..at]);
            start = if b[at] == b'&' {
                let (c, end) = Self::reference(raw, at)?;
                out.push(c);
                end
            } else {
                out.push('\n');
                at + 1 + usize::from(b.get(at + 1) == Some(&b'\n'))
            };
            next = next_work(b, start)?;
        }
        out.push_str(&raw[start..]);
        Ok(out)
    }

    /// Character data from `i` to `end`, as the decoders see it.
    #[inline]
    pub(super) fn data(&mut self, i: usize, end: usize) -> R<Cow<'a, str>> {
        let (s, b) = (self.s, self.b());
        let raw = &s[i..end];
        let marks = self.mark.within(b, i, end);
        if !marks && !self.cr.within(b, i, end) {
            return Ok(Cow::Borrowed(raw));
        }
        self.data_special(i, end, marks)
    }

    /// Text from `i` to `end` that holds an `&` or `]` (`marks`) or a `\r`.
    #[cold]
    pub(super) fn data_special(&mut self, i: usize, end: usize, marks: bool) -> R<Cow<'a, str>> {
        let (raw, b) = (&self.s[i..end], &self.b()[i..end]);
        // The first of the three (`within` answers exactly).
        let first = if !marks {
            self.cr.at
        } else if self.cr.within(self.b(), i, end) {
            self.mark.at.min(self.cr.at)
        } else {
            self.mark.at
        } - i;
        // There is no `]` before `first`. At an `&` or CR (found exactly by the check)
        // the unescaping starts there; at a `]`, one pass finds the first `&` or `\r`
        // and any `]]>` on the way, and the unescaping goes on so.
        let first = match b[first] {
            b'&' | b'\r' => first,
            _ => match next_work(b, first)? {
                Some(at) => at,
                None => return Ok(Cow::Borrowed(raw)),
            },
        };
        Self::unescape(raw, first).map(Cow::Owned)
    }

    /// Checks character data from `i` to `end` without building it.
    #[inline]
    pub(super) fn check_data(&mut self, i: usize, end: usize) -> R<()> {
        if !self.mark.within(self.b(), i, end) {
            return Ok(());
        }
        Self::check_data_marks(&self.s[i..end])
    }

    #[cold]
    pub(super) fn check_data_marks(raw: &str) -> R<()> {
        if find(raw.as_bytes(), b"]]>").is_some() {
            return malformed();
        }
        Self::check_references(raw)
    }

    /// A CDATA section at `i`: its content (line ends normalised); moves past it.
    pub(super) fn cdata(&mut self, i: usize) -> R<Cow<'a, str>> {
        let from = i + 9;
        let n = self.pass_cdata(i)? - from;
        let raw = &self.s[from..from + n];
        if self.cr.within(self.s.as_bytes(), from, from + n) {
            return Ok(Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n")));
        }
        Ok(Cow::Borrowed(raw))
    }

    /// A leaf written `<![CDATA[text]]></name>`, at `i`: the text, and the element
    /// ended. `None` for any other content after the section (nothing done), which the
    /// trait's general form reads.
    #[inline(never)]
    pub(super) fn cdata_leaf(&mut self, i: usize) -> R<Option<Cow<'a, str>>> {
        let text = self.cdata(i)?;
        let b = self.b();
        let lt = self.pos;
        if b.get(lt) == Some(&b'<') && b.get(lt + 1) == Some(&b'/') {
            self.end_tag(lt)?;
            return Ok(Some(text));
        }
        self.pos = i;
        Ok(None)
    }

    /// Moves past the CDATA section at `i`; returns the end of its content.
    #[inline]
    pub(super) fn pass_cdata(&mut self, i: usize) -> R<usize> {
        let from = i + 9;
        let Some(n) = find(&self.b()[from..], b"]]>") else {
            return malformed();
        };
        self.pos = from + n + 3;
        Ok(from + n)
    }

    /// A comment at `i` (`<!--`): no `--` inside, ends with `-->`.
    pub(super) fn comment(&mut self, i: usize) -> R<()> {
        let from = i + 4;
        let b = self.b();
        match find(&b[from..], b"--") {
            Some(n) if b.get(from + n + 2) == Some(&b'>') => {
                self.pos = from + n + 3;
                Ok(())
            }
            _ => malformed(),
        }
    }

    /// A processing instruction at `i` (`<?`), checked as [`rules::check_pi`] says.
    pub(super) fn pi(&mut self, i: usize) -> R<()> {
        let from = i + 2;
        let b = self.b();
        if i == 0 && b[from..].starts_with(b"xml ") {
            // The usual declarations, compared as they stand (no search for `?>`).
            let rest = &b[from..];
            for declaration in rules::COMMON_DECLARATIONS {
                let n = declaration.len();
                if rest.starts_with(declaration.as_bytes()) && rest[n..].starts_with(b"?>") {
                    self.pos = from + n + 2;
                    return Ok(());
                }
            }
        }
        // The usual PI: a target read by the name scan, without a colon and not any case
        // of `xml`, then a space or `?>`, which is all [`rules::check_pi`] asks of it (no
        // `?` in the target, so the `?>` found below ends the PI either way).
        let usual = matches!(self.name(from), Ok((end, 0))
            if (b.get(end).is_some_and(|&c| CLASS[c as usize] & SPACE != 0) || b[end..].starts_with(b"?>"))
                && !b[from..end].eq_ignore_ascii_case(b"xml"));
        let Some(n) = find(&b[from..], b"?>") else {
            return malformed();
        };
        if !usual && rules::check_pi(&self.s[from..from + n], i == 0).is_err() {
            return malformed();
        }
        self.pos = from + n + 2;
        Ok(())
    }
}
