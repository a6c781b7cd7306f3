//! Names, start and end tags, attributes, and the namespace shortcuts: a start tag is read
//! and entered (its namespace rules checked, its name pushed on [`Open`]); an end tag is
//! compared with the name of the innermost open element.

use super::super::rules;
use super::{CLASS, HIGH, NAME, R, SPACE, START, Token, Tokenizer, malformed};
use crate::bytes::{HIGH_BITS, first_among, letters, same};

/// The names of the open elements, as `(offset, length)` in the document (which is at
/// most `u32::MAX` bytes on this path): sixteen inline, the rest on the heap. Small, so
/// that the tokenizer is cheap to set up and move.
pub(super) struct Open {
    inline: [(u32, u32); 16],
    more: Vec<(u32, u32)>,
}

impl Open {
    pub(super) fn new() -> Self {
        Open {
            inline: [(0, 0); 16],
            more: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, depth: usize, name: (u32, u32)) {
        match self.inline.get_mut(depth) {
            Some(slot) => *slot = name,
            None => self.more.push(name),
        }
    }

    /// The name of the element open at `depth` (0-based); pops it when on the heap.
    #[inline]
    fn pop(&mut self, depth: usize) -> (u32, u32) {
        match self.inline.get(depth) {
            Some(&name) => name,
            None => self.more.pop().unwrap_or_default(),
        }
    }
}

impl<'a> Tokenizer<'a> {
    /// A qualified name at `i`: returns its end and the offset of its colon (0 for
    /// none). ASCII names are checked by the byte table (at most one colon, each part an
    /// `NCName`); a name with other characters by the rules of [`rules::split_qname`].
    #[inline(always)]
    pub(super) fn name(&self, i: usize) -> R<(usize, usize)> {
        let b = self.b();
        let Some(&first) = b.get(i) else {
            return malformed();
        };
        if CLASS[first as usize] & START == 0 {
            return self.name_slow(i);
        }
        let mut j = i + 1;
        let mut colon = 0;
        loop {
            let Some(&c) = b.get(j) else {
                return Ok((j, colon));
            };
            let class = CLASS[c as usize];
            if class & NAME != 0 {
                j += 1;
            } else if c == b':' && colon == 0 {
                colon = j;
                match b.get(j + 1) {
                    Some(&n) if CLASS[n as usize] & START != 0 => j += 2,
                    _ => return self.name_slow(i),
                }
            } else if class & HIGH != 0 || c == b':' {
                return self.name_slow(i);
            } else {
                return Ok((j, colon));
            }
        }
    }

    #[cold]
    pub(super) fn name_slow(&self, i: usize) -> R<(usize, usize)> {
        let rest = &self.s[i..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c == ':' || rules::is_name_char(c)))
            .map_or(rest.len(), |(n, _)| n);
        match rules::split_qname(&rest[..len], "") {
            Ok((Some(prefix), _)) => Ok((i + len, i + prefix.len())),
            Ok((None, _)) => Ok((i + len, 0)),
            Err(_) => malformed(),
        }
    }

    /// A start tag at `lt`: its local name and offset.
    #[inline]
    pub(super) fn start_tag(&mut self, lt: usize) -> R<(&'a str, usize)> {
        let (name_end, colon) = self.open_tag(lt)?;
        let local = if colon == 0 {
            &self.s[lt + 1..name_end]
        } else {
            &self.s[colon + 1..name_end]
        };
        Ok((local, self.base + lt))
    }

    /// A start tag at `lt`, read and entered: returns the end of its name and the offset
    /// of its colon (0 for none).
    #[inline]
    pub(super) fn open_tag(&mut self, lt: usize) -> R<(usize, usize)> {
        let b = self.b();
        let (name_end, colon) = self.name(lt + 1)?;
        let prefix = (colon != 0).then(|| &b[lt + 1..colon]);
        let (i, empty) = if b.get(name_end) == Some(&b'>') {
            // No attributes (most tags): only the element's own prefix to check.
            if prefix.is_some_and(|prefix| !self.namespaces.bound_bytes(prefix)) {
                return malformed();
            }
            (name_end + 1, false)
        } else {
            self.tag_rest(lt, prefix, name_end)?
        };
        if self.depth >= self.max_depth {
            return malformed();
        }
        // Both fit: the document is at most `u32::MAX` bytes (`new`).
        self.open
            .push(self.depth, ((lt + 1) as u32, (name_end - lt - 1) as u32));
        self.depth += 1;
        self.seen_root = true;
        self.pending_end = empty;
        self.pos = i;
        Ok((name_end, colon))
    }

    /// A start tag `<name>` at `lt` whose qualified name (`n` bytes) is known to be
    /// well-formed with its prefix (if any) bound: what [`Tokenizer::start_tag`] does for
    /// it. Returns the tag's offset.
    #[inline(always)]
    pub(super) fn plain_start(&mut self, lt: usize, n: usize) -> R<usize> {
        self.enter(lt, n, lt + 2 + n)
    }

    /// Enters the element whose start tag is at `lt`, with a qualified name of `n` bytes
    /// (well-formed, its prefix bound), ending before `end`.
    #[inline(always)]
    pub(super) fn enter(&mut self, lt: usize, n: usize, end: usize) -> R<usize> {
        if self.depth >= self.max_depth {
            return malformed();
        }
        self.open.push(self.depth, ((lt + 1) as u32, n as u32));
        self.depth += 1;
        self.seen_root = true;
        self.pending_end = false;
        self.pos = end;
        Ok(self.base + lt)
    }

    /// A start tag `<p:name>` at `lt`, with one of `names` and the prefix of a
    /// declaration in scope (so bound: nothing else to check), the innermost tried first
    /// (where a document uses a prefix it is usually the one its root declared last):
    /// the element entered. Returns the index of its name; `None` for any other tag
    /// (nothing done).
    #[inline(always)]
    pub(super) fn prefixed_member(&mut self, lt: usize, names: &[&'static str]) -> R<Option<usize>> {
        let b = self.b();
        let declared = self.namespaces.inline_in_scope();
        let Some(innermost) = declared.last() else {
            return Ok(None);
        };
        let p = innermost.0.len();
        let p = match b.get(lt + 1..lt + 2 + p) {
            Some(head) if head[p] == b':' && same(&head[..p], innermost.0.as_bytes()) => p,
            _ => match Self::outer_prefix(&b[lt + 1..], declared) {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        let rest = &b[lt + 2 + p..];
        for (k, name) in names.iter().enumerate() {
            let n = name.len();
            if rest.get(n) == Some(&b'>') && same(&rest[..n], name.as_bytes()) {
                self.plain_start(lt, p + 1 + n)?;
                return Ok(Some(k));
            }
        }
        Ok(None)
    }

    /// [`Tokenizer::prefixed_member`] past the innermost declaration: the length of the
    /// prefix of another declaration in `declared` that `name` begins with, then `:`.
    #[cold]
    #[inline(never)]
    pub(super) fn outer_prefix(name: &[u8], declared: &[(&str, &str, usize)]) -> Option<usize> {
        declared.iter().rev().skip(1).find_map(|d| {
            let p = d.0.len();
            (name.get(p) == Some(&b':') && name.starts_with(d.0.as_bytes())).then_some(p)
        })
    }

    /// The root start tag `<p:name xmlns:p="…">` at `lt`, with the expected namespace, a
    /// prefix of at most seven letters (not `xml` or `xmlns`) and one of `names`: the
    /// prefix declared and the element entered as [`Tokenizer::start_tag`] would. Returns
    /// the index of its name; `None` for any other tag (nothing done).
    #[inline]
    pub(super) fn prefixed_root(&mut self, lt: usize, names: &[&'static str]) -> R<Option<usize>> {
        const HEAD: &[u8] = XMLNS_HEAD;
        let b = self.b();
        let Some(w) = b.get(lt + 1..).and_then(|rest| rest.first_chunk::<8>()) else {
            return Ok(None);
        };
        let other = !letters(u64::from_le_bytes(*w)) & HIGH_BITS;
        let colon = (other.trailing_zeros() / 8) as usize;
        let prefix = &w[..colon];
        if colon == 0 || colon == 8 || w[colon] != b':' || prefix == b"xml" || prefix == b"xmlns" {
            return Ok(None);
        }
        let rest = &b[lt + 2 + colon..];
        for (k, name) in names.iter().enumerate() {
            let n = name.len();
            let Some(after) = rest.get(n..) else {
                continue;
            };
            if !same(&rest[..n], name.as_bytes()) {
                continue;
            }
            let fits = after.starts_with(HEAD)
                && after.get(HEAD.len()..HEAD.len() + colon) == Some(prefix)
                && after[HEAD.len() + colon..].starts_with(self.expected.prefix_rest());
            if !fits {
                return Ok(None);
            }
            // `lt` `<`, the prefix, `:`, the name, ` xmlns:`, the prefix, `="`.
            let value = lt + 1 + colon + 1 + n + HEAD.len() + colon + 2;
            let uri = self.expected.uri().len();
            let s = self.s;
            self.namespaces
                .declare(&s[lt + 1..lt + 1 + colon], &s[value..value + uri], self.depth + 1);
            let end = value + uri + 2;
            self.enter(lt, colon + 1 + n, end)?;
            return Ok(Some(k));
        }
        Ok(None)
    }

    /// The rest of the start tag at `lt` after its name (at `name_end`): spaces,
    /// attributes, `>` or `/>`, with the namespace rules. Returns the offset after the tag
    /// and whether it is an empty element.
    pub(super) fn tag_rest(&mut self, lt: usize, prefix: Option<&[u8]>, name_end: usize) -> R<(usize, bool)> {
        let b = self.b();
        let mut i = name_end;
        // Attributes: how many, and the first few as parsed, for the namespace rules; a
        // tag with more is read again by [`Attributes`].
        let mut attributes = 0;
        let mut parsed = [Attribute::default(); FEW];
        // While every attribute so far is a usual one (see [`Tokenizer::usual`]) and none
        // repeats a name: the lengths of their names (a bit each, modulo 64), so that a name
        // is compared only with the earlier ones of its length, and whether one declares a
        // prefix.
        let mut simple = true;
        let mut lengths = 0u64;
        let mut declares = false;
        let known = self.expected.default_attribute();
        if b[i..].starts_with(known) {
            // The expected namespace as the default one, before other attributes: known
            // to be a well-formed attribute whose value needs no check ([`Namespace`]).
            let start = i + 1;
            let close = i + known.len() - 1;
            let open = close - self.expected.uri().len();
            // All fit: the document is at most `u32::MAX` bytes (`new`).
            parsed[0] = Attribute {
                start: start as u32,
                end: (start + 5) as u32,
                colon: 0,
                open: open as u32,
                close: close as u32,
                plain: true,
            };
            attributes = 1;
            lengths = 1 << b"xmlns".len();
            i = close + 1;
        }
        let empty = loop {
            let j = Self::skip_space(b, i);
            match b.get(j) {
                Some(b'>') => {
                    i = j + 1;
                    break false;
                }
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    i = j + 2;
                    break true;
                }
                Some(_) if j > i => {
                    let attribute = self.attribute(j)?;
                    if simple {
                        let len = attribute.end - attribute.start;
                        let bit = 1u64 << (len % 64);
                        let key = &b[attribute.start as usize..attribute.end as usize];
                        simple = match parsed.get(..attributes) {
                            Some(earlier) if attributes < FEW => {
                                (lengths & bit == 0
                                    || !earlier.iter().any(|other| {
                                        other.end - other.start == len
                                            && same(&b[other.start as usize..other.end as usize], key)
                                    }))
                                    && self.usual(&attribute, &mut declares)
                            }
                            _ => false,
                        };
                        lengths |= bit;
                    }
                    if let Some(slot) = parsed.get_mut(attributes) {
                        *slot = attribute;
                    }
                    attributes += 1;
                    i = attribute.close as usize + 1;
                }
                _ => return malformed(),
            }
        };
        if simple && declares {
            // The rules of [`Namespaces::start_tag`] reduce to recording the declared
            // prefixes (see [`Tokenizer::usual`]).
            let s = self.s;
            for a in &parsed[..attributes] {
                let colon = a.colon as usize;
                if colon != 0 && &b[a.start as usize..colon] == b"xmlns" {
                    self.namespaces
                        .declare(&s[colon + 1..a.end as usize], a.value(s), self.depth + 1);
                }
            }
        }
        if !simple {
            let qname = &self.s[lt + 1..name_end];
            let s = self.s;
            let checked = match parsed.get(..attributes) {
                Some(few) => self.namespaces.start_tag(
                    self.depth + 1,
                    qname,
                    few.iter().map(|a| (&s[a.start as usize..a.end as usize], a.value(s))),
                ),
                None => self.namespaces.start_tag(
                    self.depth + 1,
                    qname,
                    Attributes {
                        s: &s[name_end..i],
                        i: 0,
                    },
                ),
            };
            if checked.is_err() {
                return malformed();
            }
        } else if prefix.is_some_and(|prefix| !self.namespaces.bound_bytes(prefix)) {
            return malformed();
        }
        Ok((i, empty))
    }

    /// Is this attribute (its name already checked as a qualified name) a usual one:
    /// unprefixed, `xml:…`, or a declaration (`xmlns`, or `xmlns:p` other than `xml` and
    /// `xmlns`: then `declares` is set) whose value needs no normalisation, is not empty
    /// and cannot be a reserved namespace (not of its length)? For a tag whose attributes
    /// are all usual, at most [`FEW`], with no name twice, the rules of
    /// [`Namespaces::start_tag`] reduce to recording the declared prefixes (no prefixed
    /// attribute can share an expanded name with another: `xml` is the only prefix bound
    /// to its namespace); anything else takes the general rules. The element's own prefix
    /// is checked by the caller.
    #[inline(always)]
    pub(super) fn usual(&self, a: &Attribute, declares: &mut bool) -> bool {
        let (s, b) = (self.s, self.b());
        let plain = |a: &Attribute| {
            let value = a.value(s);
            a.plain
                || !value.is_empty()
                    && value.len() != rules::XML_NS.len()
                    && value.len() != rules::XMLNS_NS.len()
                    && !rules::needs_normalizing(value)
        };
        match a.colon as usize {
            0 => &b[a.start as usize..a.end as usize] != b"xmlns" || plain(a),
            colon => match &b[a.start as usize..colon] {
                b"xml" => true,
                b"xmlns" => {
                    let declared = &b[colon + 1..a.end as usize];
                    *declares = true;
                    declared != b"xml" && declared != b"xmlns" && plain(a)
                }
                _ => false,
            },
        }
    }

    /// An attribute at `i`: name, `=`, a quoted value without `<` and with valid
    /// references.
    #[inline]
    pub(super) fn attribute(&mut self, i: usize) -> R<Attribute> {
        let b = self.b();
        let (end, colon) = self.name(i)?;
        let mut j = end;
        if b.get(j) != Some(&b'=') {
            j = Self::skip_space(b, j);
            if b.get(j) != Some(&b'=') {
                return malformed();
            }
        }
        j += 1;
        let quote = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                j = Self::skip_space(b, j);
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => q,
                    _ => return malformed(),
                }
            }
        };
        let Some(close) = first_among(b, j + 1, [quote, b'<']) else {
            return malformed();
        };
        if b[close] != quote {
            return malformed();
        }
        if self.mark.within(b, j + 1, close) {
            Self::check_references(&self.s[j + 1..close])?;
        }
        // All fit: the document is at most `u32::MAX` bytes (`new`).
        Ok(Attribute {
            start: i as u32,
            end: end as u32,
            colon: colon as u32,
            open: (j + 1) as u32,
            close: close as u32,
            plain: false,
        })
    }

    /// An end tag at `lt`: the name of the innermost open element, spaces, `>`.
    #[inline(always)]
    pub(super) fn end_tag(&mut self, lt: usize) -> R<Token<'a>> {
        let b = self.b();
        let (start, len) = self.open.pop(self.depth - 1);
        let (start, len) = (start as usize, len as usize);
        let open = &b[start..start + len];
        let end = lt + 2 + len;
        if !b.get(lt + 2..end).is_some_and(|name| same(name, open)) {
            return malformed();
        }
        let gt = match b.get(end) {
            Some(b'>') => end,
            _ => Self::skip_space(b, end),
        };
        if b.get(gt) != Some(&b'>') {
            return malformed();
        }
        self.pos = gt + 1;
        self.close();
        Ok(Token::End)
    }

    #[inline]
    pub(super) fn close(&mut self) {
        self.namespaces.end(self.depth);
        self.depth -= 1;
    }
}

/// A namespace declaration for a prefix, as an attribute after a tag's name.
const XMLNS_HEAD: &[u8] = b" xmlns:";

/// An attribute of a start tag as offsets in the document: its name (`start..end`, the
/// colon at `colon`, 0 for none) and its raw value (`open..close`, inside the quotes).
#[derive(Clone, Copy, Default)]
pub(super) struct Attribute {
    start: u32,
    end: u32,
    colon: u32,
    open: u32,
    close: u32,
    /// A declaration's value known not to need the checks of
    /// [`Tokenizer::usual`] (the expected namespace, see [`Namespace`]).
    plain: bool,
}

impl Attribute {
    #[inline(always)]
    fn value<'a>(&self, s: &'a str) -> &'a str {
        &s[self.open as usize..self.close as usize]
    }
}

/// How many attributes of a start tag [`Tokenizer::start_tag`] keeps as it parses them.
const FEW: usize = 4;

/// The attributes of a start tag already checked: `(name, raw value)` (for a tag with
/// more than [`FEW`]).
#[derive(Clone)]
struct Attributes<'a> {
    /// From after the element name to the end of the tag.
    s: &'a str,
    i: usize,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.s.as_bytes();
        let start = self.i + b[self.i..].iter().position(|&c| CLASS[c as usize] & SPACE == 0)?;
        if matches!(b[start], b'>' | b'/') {
            return None;
        }
        let eq = start + memchr::memchr(b'=', &b[start..])?;
        let name = self.s[start..eq].trim_end_matches([' ', '\t', '\r', '\n']);
        let open = eq + 1 + b[eq + 1..].iter().position(|&c| c == b'"' || c == b'\'')?;
        let close = open + 1 + memchr::memchr(b[open], &b[open + 1..])?;
        self.i = close + 1;
        Some((name, &self.s[open + 1..close]))
    }
}
