//! The tokenizer: one borrowed, `memchr`-driven pass over any well-formed document the
//! decoders accept, and the only path such a document takes.
//!
//! It reads the XML declaration, a BOM, CR and CR LF (normalised in text as XML 1.0
//! §2.11 says), the five entities and character references, CDATA, comments,
//! processing instructions, attributes, prefixes (checked against their declarations)
//! and elements at any depth. Text is borrowed from the input unless it must be
//! rewritten (a reference, a CR, or pieces joined across CDATA or a comment); only then
//! is it an owned `Cow`.
//!
//! It never names an error: on anything that is not well-formed it returns
//! [`Fail::Malformed`], and the decoder runs the `quick-xml` path
//! ([`super::general`]), which gives the canonical [`XmlError`](super::XmlError). The
//! two agree on every document (the `differential` fuzz target and the tests hold them
//! equal): same tokens where well-formed, both an error where not.
//!
//! Before tokenizing, the document's UTF-8 is checked, and one pass of vector searches
//! ([`scan`]) finds both any character XML forbids and the first bytes that need work
//! in text (`&` or `]`, and `\r`). Text is everything up to the next `<`; whether it
//! holds a byte that needs work is known from where the next such byte lies, found once
//! and searched again only after the tokenizer has passed it ([`Next`]). So a document with
//! one reference searches for it once, not in every piece of text.
//!
//! Shortcuts for what real documents hold, each giving exactly what the general steps
//! would (the same tests and fuzz targets cover them): a leaf's `text</name>` in one step
//! ([`Tokens::leaf_text`]), the step to the next child without a [`Token`]
//! ([`Tokens::next_member`]), an unknown element passed over in one loop that builds
//! nothing ([`Tokens::skip`]), a child whose tag is `<name>` or `<p:name>` for a name the
//! decoder reads recognised by comparing bytes, the root `<name>`, `<name xmlns="NS">` or
//! `<p:name xmlns:p="NS">` likewise (`NS` the namespace the document's description
//! expects, see [`Namespace`]), that namespace declared before other attributes
//! taken as known, the usual XML declarations compared as they stand, and the usual
//! attributes (unprefixed, `xml:…`, plain declarations) checked without the general
//! namespace rules.

use std::borrow::Cow;

use super::rules::{self, Namespaces, Reference, same};
use super::{DecodeOptions, Fail, Namespace, Token, Tokens};

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

/// One in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
const HIGH_BITS: u64 = ONES << 7;

/// The high bit set in each byte of `x` that is an ASCII letter, and clear in every
/// other byte. Exact per byte: no step carries or borrows from one byte into the next
/// (each works on the low seven bits, and the sums stay below 256).
#[inline(always)]
fn letters(x: u64) -> u64 {
    // Lower case (`A`-`Z` become `a`-`z`; no other byte becomes a letter), then the
    // bytes strictly between 0x60 (`` ` ``) and 0x7B (`{`) whose high bit is clear.
    let y = x | (ONES * 0x20);
    let low = y & (ONES * 0x7F);
    let below_brace = (ONES * (127 + 0x7B)) - low;
    let above_backtick = low + ONES * (127 - 0x60);
    below_brace & above_backtick & !y & HIGH_BITS
}

/// The high bit set in each byte of `w` equal to `c`, exactly for the lowest one (a byte
/// of `w ^ [c; 8]` is zero where `c` is; bytes above a zero one may be flagged too, by
/// the borrow): `trailing_zeros() / 8` of a nonzero result is where the first `c` lies.
#[inline(always)]
fn first_of(w: u64, c: u8) -> u64 {
    let x = w ^ (ONES * u64::from(c));
    x.wrapping_sub(ONES) & !x & HIGH_BITS
}

#[cold]
#[inline(never)]
fn malformed<T>() -> R<T> {
    Err(Fail::Malformed)
}

/// Does the document hold a byte that may start a character XML forbids (a control
/// character other than tab, LF and CR; 0xEF, the lead byte of U+FFFE and U+FFFF)?
/// Thirty-two bytes at a time into a byte of flags, without branches, so that the
/// compiler vectorises it.
fn survey(b: &[u8]) -> bool {
    /// All ones for a suspect byte (whole-byte masks: the vector compares' own form, so
    /// no conversion to 0/1 per byte).
    #[inline(always)]
    fn suspect(v: u8) -> u8 {
        // Below 0x20 and not tab (9), LF (10) or CR (13); or 0xEF.
        let control = (v < 0x20) & (v != b'\t') & (v != b'\n') & (v != b'\r');
        (if control { 0xFF } else { 0 }) | (if v == 0xEF { 0xFF } else { 0 })
    }
    let (chunks, rest) = b.as_chunks::<32>();
    let mut acc = [0u8; 32];
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a |= suspect(v);
        }
    }
    if !rest.is_empty() {
        // The last 32 bytes again (they overlap the chunks above, which is harmless for a
        // yes/no), or a short document padded with spaces: the same vector code as the
        // chunks rather than a byte loop.
        let mut padded = [b' '; 32];
        let last = match b.last_chunk::<32>() {
            Some(last) => last,
            None => {
                padded[..rest.len()].copy_from_slice(rest);
                &padded
            }
        };
        for (a, &v) in acc.iter_mut().zip(last) {
            *a |= suspect(v);
        }
    }
    acc.iter().fold(0, |a, &f| a | f) != 0
}

/// What the pass over the document before tokenizing finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Findings {
    /// A byte that may start a character XML forbids (checked exactly after).
    suspect: bool,
    /// No `&` or `]` lies before this offset (`usize::MAX`: none at all); the first
    /// one is there, or is not looked for yet.
    mark: usize,
    /// The same for `\r`.
    cr: usize,
}

/// The searches of [`scan`], built once: every byte [`Findings`] looks for; after an
/// `&` or `]`, the suspect bytes and CR; after a CR, the suspect bytes, `&` and `]`;
/// after both, the suspect bytes alone.
///
/// They are Teddy searchers (`aho-corasick`'s packed module: the CPU's vector unit,
/// chosen at run time; the one-byte patterns below are matched exactly). Teddy groups
/// patterns into eight buckets by their low nybble, a new low nybble taking bucket
/// `7 - id % 8` (`id` the order of adding), and looks closer at each byte whose high
/// and low nybbles share a bucket. The orders below put the low nybbles of tab, LF and
/// (where it is not a pattern) CR in a bucket with no `0x0_` pattern, and those of `&`, `]` and
/// 0xEF in buckets of their own, so that no byte of an ordinary document is looked at
/// closer (`teddy_layout_flags_only_the_patterns` holds this). Only speed depends on
/// it: a byte looked at closer and not a pattern is passed over.
struct Searchers {
    all: aho_corasick::packed::Searcher,
    with_cr: aho_corasick::packed::Searcher,
    with_marks: aho_corasick::packed::Searcher,
    forbidden: aho_corasick::packed::Searcher,
}

/// U+FFFE and U+FFFF, the two characters XML forbids that start with 0xEF.
const NONCHARACTERS: [&[u8]; 2] = [b"\xEF\xBF\xBE", b"\xEF\xBF\xBF"];

/// The patterns of [`Searchers::all`] in the order that lays their buckets out (each
/// control character but tab, LF and CR; CR, `&`, `]`; then [`NONCHARACTERS`]):
/// buckets 9 A | D | 6 | F | 0 4 B | 1 5 C | 2 7 E | 3 8. Without its last two (`]`
/// and `&`, which bring no new low nybble), the patterns of [`Searchers::with_cr`];
/// with `]` in CR's place and `&` last, those of [`Searchers::with_marks`]
/// ([`WITH_MARKS_ORDER`]: the same buckets, and no `0x0_` pattern in D's).
const ALL_ORDER: [u8; 32] = [
    0x19, b'\r', 0x06, 0x0F, 0x00, 0x01, 0x02, 0x03, // a new nybble in each bucket
    0x1A, 0x1D, 0x16, 0x1F, 0x04, 0x05, 0x07, 0x08, // A to 9's; 4 5 7 8 to 0 1 2 3's
    0x10, 0x11, 0x12, 0x13, 0x0B, 0x0C, 0x0E, 0x14, // B C E to 0 1 2's
    0x15, 0x17, 0x18, 0x1B, 0x1C, 0x1E, b']', b'&',
];

/// See [`ALL_ORDER`].
const WITH_MARKS_ORDER: [u8; 31] = {
    let mut order = [0u8; 31];
    let mut i = 0;
    while i < 30 {
        order[i] = ALL_ORDER[i];
        i += 1;
    }
    order[1] = b']';
    order[30] = b'&';
    order
};

/// The patterns of [`Searchers::forbidden`] likewise (CR, `&`, `]` left out):
/// buckets 9 A D | F | 0 6 | 1 7 | 2 8 | 3 B | 4 C | 5 E.
const FORBIDDEN_ORDER: [u8; 29] = [
    0x19, 0x0F, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, // a new nybble in each bucket
    0x1A, 0x1F, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, // A to 9's; 6 7 8 B C E to 0 .. 5's
    0x1D, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, // D to 9's
    0x17, 0x18, 0x1B, 0x1C, 0x1E,
];

impl Searchers {
    fn build() -> Option<Self> {
        let searcher = |bytes: &[u8]| {
            let mut config = aho_corasick::packed::Config::new();
            // More one-byte patterns than Teddy takes by default, in eight buckets.
            config.heuristic_pattern_limits(false).only_teddy_fat(Some(false));
            let mut builder = config.builder();
            for &b in bytes {
                builder.add([b]);
            }
            builder.extend(NONCHARACTERS);
            builder.build()
        };
        Some(Searchers {
            all: searcher(&ALL_ORDER)?,
            with_cr: searcher(&ALL_ORDER[..ALL_ORDER.len() - 2])?,
            with_marks: searcher(&WITH_MARKS_ORDER)?,
            forbidden: searcher(&FORBIDDEN_ORDER)?,
        })
    }
}

/// `None` where the CPU has no vector unit Teddy can use: then [`survey`] and `memchr3`.
static SEARCHERS: std::sync::LazyLock<Option<Searchers>> = std::sync::LazyLock::new(Searchers::build);

/// One pass over the document, in up to three vector searches each taking up where the
/// last stopped (the survey and `memchr3` where the vector searches are not available).
fn scan(b: &[u8]) -> Findings {
    #[cfg(test)]
    if WITHOUT_SEARCHERS.with(std::cell::Cell::get) {
        return scan_with(None, b);
    }
    scan_with(SEARCHERS.as_ref(), b)
}

#[cfg(test)]
thread_local! {
    /// Makes [`scan`] take the survey and `memchr3`, as on a CPU without the vector
    /// searches.
    static WITHOUT_SEARCHERS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the document check on the survey and `memchr3`, as on a CPU without the
/// vector searches (whose first offsets are only bounds, see [`Next`]).
#[cfg(test)]
pub(crate) fn without_vector_searches<R>(f: impl FnOnce() -> R) -> R {
    WITHOUT_SEARCHERS.with(|w| w.set(true));
    let r = f();
    WITHOUT_SEARCHERS.with(|w| w.set(false));
    r
}

fn scan_with(searchers: Option<&Searchers>, b: &[u8]) -> Findings {
    const NONE: usize = usize::MAX;
    let Some(searchers) = searchers else {
        let first = memchr::memchr3(b'&', b']', b'\r', b).unwrap_or(NONE);
        return Findings {
            suspect: survey(b),
            mark: first,
            cr: first,
        };
    };
    let from = |at: usize| aho_corasick::Span::from(at..b.len());
    // A forbidden character: the document is refused, whatever else it holds.
    let refused = Findings {
        suspect: true,
        mark: 0,
        cr: 0,
    };
    let Some(hit) = searchers.all.find(b) else {
        return Findings {
            suspect: false,
            mark: NONE,
            cr: NONE,
        };
    };
    let at = hit.start();
    // The first of one kind found: then the first of the other, then the suspect bytes.
    let cr_first = b[at] == b'\r';
    let (then, other): (_, fn(u8) -> bool) = match b[at] {
        b'&' | b']' => (&searchers.with_cr, |c| c == b'\r'),
        b'\r' => (&searchers.with_marks, |c| c == b'&' || c == b']'),
        _ => return refused,
    };
    let (suspect, second) = match then.find_in(b, from(at)) {
        None => (false, NONE),
        Some(hit) if other(b[hit.start()]) => {
            (searchers.forbidden.find_in(b, from(hit.start())).is_some(), hit.start())
        }
        Some(_) => return refused,
    };
    let (mark, cr) = if cr_first { (second, at) } else { (at, second) };
    Findings { suspect, mark, cr }
}

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
struct Next<const CR: bool> {
    /// The offset of the byte, [`Next::NONE`] if there is none after the place last
    /// searched from.
    at: usize,
}

impl<const CR: bool> Next<CR> {
    const NONE: usize = usize::MAX;

    /// Does `b[i..end]` hold the byte? A yes leaves [`Next::at`] at the first one.
    #[inline(always)]
    fn within(&mut self, b: &[u8], i: usize, end: usize) -> bool {
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
            return match find_byte(b, from, end, b'\r') {
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

/// The offset of the first `x` in `b[from..end]`: a short text eight bytes at a time
/// (reading past `end` within `b`, and taking only a hit before it), a long one by
/// `memchr`.
#[inline(always)]
fn find_byte(b: &[u8], from: usize, end: usize, x: u8) -> Option<usize> {
    if end - from > 32 {
        return memchr::memchr(x, &b[from..end]).map(|n| from + n);
    }
    let mut j = from;
    while j < end {
        let Some(w) = b.get(j..).and_then(|rest| rest.first_chunk::<8>()) else {
            return b[j..end].iter().position(|&c| c == x).map(|n| j + n);
        };
        let zero = first_of(u64::from_le_bytes(*w), x);
        if zero != 0 {
            let at = j + (zero.trailing_zeros() / 8) as usize;
            return (at < end).then_some(at);
        }
        j += 8;
    }
    None
}

/// The offset of the first byte of `set` (two or three bytes) at or after `i`: the
/// first sixteen bytes eight at a time ([`first_of`]; most attribute values and texts
/// are short, and a call to `memchr2`/`memchr3` costs more than they take), then
/// `memchr2`/`memchr3`.
#[inline(always)]
fn first_among<const N: usize>(b: &[u8], i: usize, set: [u8; N]) -> Option<usize> {
    let mut j = i;
    for _ in 0..2 {
        let Some(w) = b.get(j..).and_then(|rest| rest.first_chunk::<8>()) else {
            break;
        };
        let w = u64::from_le_bytes(*w);
        let zero = set.iter().fold(0, |zero, &c| zero | first_of(w, c));
        if zero != 0 {
            return Some(j + (zero.trailing_zeros() / 8) as usize);
        }
        j += 8;
    }
    let rest = b.get(j..)?;
    match *set.as_slice() {
        [x, y] => memchr::memchr2(x, y, rest),
        [x, y, z] => memchr::memchr3(x, y, z, rest),
        _ => rest.iter().position(|c| set.contains(c)),
    }
    .map(|n| j + n)
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

/// The offset of `needle` (two or three bytes) in `hay`: `memchr` for its first byte,
/// then a comparison (a `memmem` searcher costs more to set up than these short
/// searches take).
#[inline]
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut i = 0;
    while let Some(n) = memchr::memchr(first, &hay[i..]) {
        let at = i + n;
        if hay[at + 1..].starts_with(rest) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The names of the open elements, as `(offset, length)` in the document (which is at
/// most `u32::MAX` bytes on this path): sixteen inline, the rest on the heap. Small, so
/// that the tokenizer is cheap to set up and move.
struct Open {
    inline: [(u32, u32); 16],
    more: Vec<(u32, u32)>,
}

impl Open {
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
            open: Open {
                inline: [(0, 0); 16],
                more: Vec::new(),
            },
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
        let found = scan(s.as_bytes());
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

    /// A qualified name at `i`: returns its end and the offset of its colon (0 for
    /// none). ASCII names are checked by the byte table (at most one colon, each part an
    /// `NCName`); a name with other characters by the rules of [`rules::split_qname`].
    #[inline(always)]
    fn name(&self, i: usize) -> R<(usize, usize)> {
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
            // Letters eight at a time while eight bytes remain (most names are all
            // letters); a digit, `-`, `.` or `_` is stepped over by the table, and the
            // first other byte is looked at below.
            while let Some(w) = b.get(j..).and_then(|rest| rest.first_chunk::<8>()) {
                let other = !letters(u64::from_le_bytes(*w)) & HIGH_BITS;
                if other == 0 {
                    j += 8;
                    continue;
                }
                j += (other.trailing_zeros() / 8) as usize;
                if CLASS[b[j] as usize] & NAME == 0 {
                    break;
                }
                j += 1;
            }
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
    fn name_slow(&self, i: usize) -> R<(usize, usize)> {
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

    /// The end of the character data starting at `i` (the next `<`).
    #[inline(always)]
    fn data_end(&self, i: usize) -> R<usize> {
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
    fn leaf_end_cr(&mut self, i: usize) -> R<usize> {
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
    fn pass_data(&mut self) -> R<usize> {
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
    fn check_references(raw: &str) -> R<()> {
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
    fn reference(raw: &str, amp: usize) -> R<(char, usize)> {
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
    fn unescape(raw: &str, first: usize) -> R<String> {
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
    fn data(&mut self, i: usize, end: usize) -> R<Cow<'a, str>> {
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
    fn data_special(&mut self, i: usize, end: usize, marks: bool) -> R<Cow<'a, str>> {
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
    fn check_data(&mut self, i: usize, end: usize) -> R<()> {
        if !self.mark.within(self.b(), i, end) {
            return Ok(());
        }
        Self::check_data_marks(&self.s[i..end])
    }

    #[cold]
    fn check_data_marks(raw: &str) -> R<()> {
        if find(raw.as_bytes(), b"]]>").is_some() {
            return malformed();
        }
        Self::check_references(raw)
    }

    /// A CDATA section at `i`: its content (line ends normalised); moves past it.
    fn cdata(&mut self, i: usize) -> R<Cow<'a, str>> {
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
    fn cdata_leaf(&mut self, i: usize) -> R<Option<Cow<'a, str>>> {
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
    fn pass_cdata(&mut self, i: usize) -> R<usize> {
        let from = i + 9;
        let Some(n) = find(&self.b()[from..], b"]]>") else {
            return malformed();
        };
        self.pos = from + n + 3;
        Ok(from + n)
    }

    /// A comment at `i` (`<!--`): no `--` inside, ends with `-->`.
    fn comment(&mut self, i: usize) -> R<()> {
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
    fn pi(&mut self, i: usize) -> R<()> {
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

    /// A start tag at `lt`: its local name and offset.
    #[inline]
    fn start_tag(&mut self, lt: usize) -> R<(&'a str, usize)> {
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
    fn open_tag(&mut self, lt: usize) -> R<(usize, usize)> {
        let b = self.b();
        let (name_end, colon) = self.name(lt + 1)?;
        let prefix = (colon != 0).then(|| &b[lt + 1..colon]);
        let (i, empty) = if b.get(name_end) == Some(&b'>') {
            // No attributes (most tags): only the element's own prefix to check.
            if prefix.is_some_and(|prefix| !self.namespaces.bound_bytes(prefix)) {
                return malformed();
            }
            (name_end + 1, false)
        } else if prefix.is_none() && b[name_end..].starts_with(self.expected.root_rest()) {
            // The expected namespace as the default one: a declaration which binds no
            // prefix and which `tag_rest` would accept with nothing to record.
            (name_end + self.expected.root_rest().len(), false)
        } else if let Some(end) = self.expected_prefix_declaration(prefix, name_end)? {
            (end, false)
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
    fn plain_start(&mut self, lt: usize, n: usize) -> R<usize> {
        self.enter(lt, n, lt + 2 + n)
    }

    /// Enters the element whose start tag is at `lt`, with a qualified name of `n` bytes
    /// (well-formed, its prefix bound), ending before `end`.
    #[inline(always)]
    fn enter(&mut self, lt: usize, n: usize, end: usize) -> R<usize> {
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
    fn prefixed_member(&mut self, lt: usize, names: &[&'static str]) -> R<Option<usize>> {
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
    fn outer_prefix(name: &[u8], declared: &[(&str, &str, usize)]) -> Option<usize> {
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
    fn prefixed_root(&mut self, lt: usize, names: &[&'static str]) -> R<Option<usize>> {
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

    /// ` xmlns:p="…">` with the expected namespace after a start tag's name (at `name_end`):
    /// the prefix declared as [`Tokenizer::tag_rest`] would (its `plain_declaration`),
    /// then the element's own prefix checked. Returns the offset after the tag, or `None`
    /// for any other attributes.
    #[inline]
    fn expected_prefix_declaration(&mut self, prefix: Option<&[u8]>, name_end: usize) -> R<Option<usize>> {
        const HEAD: &[u8] = XMLNS_HEAD;
        let b = self.b();
        if !b[name_end..].starts_with(HEAD) {
            return Ok(None);
        }
        let start = name_end + HEAD.len();
        let (end, colon) = self.name(start)?;
        let declared = &self.s[start..end];
        let rest = self.expected.prefix_rest();
        if colon != 0 || declared == "xml" || declared == "xmlns" || !b[end..].starts_with(rest) {
            return Ok(None);
        }
        let value = end + 2;
        let value = &self.s[value..value + self.expected.uri().len()];
        self.namespaces.declare(declared, value, self.depth + 1);
        if prefix.is_some_and(|prefix| !self.namespaces.bound_bytes(prefix)) {
            return malformed();
        }
        Ok(Some(end + rest.len()))
    }

    /// The rest of the start tag at `lt` after its name (at `name_end`): spaces,
    /// attributes, `>` or `/>`, with the namespace rules. Returns the offset after the tag
    /// and whether it is an empty element.
    fn tag_rest(&mut self, lt: usize, prefix: Option<&[u8]>, name_end: usize) -> R<(usize, bool)> {
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
    fn usual(&self, a: &Attribute, declares: &mut bool) -> bool {
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
    fn attribute(&mut self, i: usize) -> R<Attribute> {
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
    fn end_tag(&mut self, lt: usize) -> R<Token<'a>> {
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
    fn close(&mut self) {
        self.namespaces.end(self.depth);
        self.depth -= 1;
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

/// A namespace declaration for a prefix, as an attribute after a tag's name.
const XMLNS_HEAD: &[u8] = b" xmlns:";

/// An attribute of a start tag as offsets in the document: its name (`start..end`, the
/// colon at `colon`, 0 for none) and its raw value (`open..close`, inside the quotes).
#[derive(Clone, Copy, Default)]
struct Attribute {
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

#[cfg(test)]
mod tests {
    use super::find;

    /// `find` equals `memmem` for the three needles the tokenizer searches, on every
    /// haystack of up to seven bytes over an alphabet of their bytes and one other.
    #[test]
    fn find_equals_memmem() {
        let alphabet = b"]>-?x";
        let mut checked = 0;
        for len in 0..=7u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let hay: Vec<u8> = (0..len)
                    .map(|_| {
                        let c = alphabet[n % alphabet.len()];
                        n /= alphabet.len();
                        c
                    })
                    .collect();
                for needle in [&b"]]>"[..], b"--", b"?>"] {
                    let expected = memchr::memmem::find(&hay, needle);
                    assert_eq!(find(&hay, needle), expected, "{hay:?} {needle:?}");
                    checked += usize::from(expected.is_some());
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// The survey flags exactly the documents with a suspect byte, wherever it lies (in a
    /// full 32-byte chunk, the overlapping last one, or a short document).
    #[test]
    fn survey_flags_every_suspect_byte_at_every_position() {
        for len in 0..100 {
            assert!(!super::survey(&vec![b'a'; len]), "{len}");
            assert!(!super::survey(&b"\t\n\r x".repeat(len)), "{len}");
            for at in 0..len {
                for byte in (0u8..0x20).chain([0xEF]) {
                    let mut doc = vec![b'a'; len];
                    doc[at] = byte;
                    let suspect = !matches!(byte, b'\t' | b'\n' | b'\r');
                    assert_eq!(super::survey(&doc), suspect, "{len} {at} {byte}");
                }
            }
        }
    }

    /// The vector searches find what the survey and `memchr3` find, on every ASCII
    /// byte and a few other characters at every position of documents long and short
    /// (Teddy's own length limit, 16 bytes on this machine, included), with a special
    /// byte before a suspect one (the second search); and they flag exactly the
    /// documents with a character XML forbids (the survey flags any 0xEF).
    #[test]
    fn the_scan_finds_what_the_survey_finds() {
        let Some(searchers) = super::SEARCHERS.as_ref() else {
            eprintln!("no vector searcher on this CPU: the survey is the only path");
            return;
        };
        let check = |doc: &[u8], what: &dyn std::fmt::Debug| {
            let found = super::scan_with(Some(searchers), doc);
            let fallback = super::scan_with(None, doc);
            let forbidden = std::str::from_utf8(doc).is_ok_and(|s| crate::xml::first_illegal_char(s).is_some());
            assert_eq!(found.suspect, forbidden, "{what:?}");
            assert!(fallback.suspect || !forbidden, "{what:?}");
            if !forbidden {
                let first = |set: &[u8]| doc.iter().position(|c| set.contains(c)).unwrap_or(usize::MAX);
                let (mark, cr) = (first(b"&]"), first(b"\r"));
                // The vector searches find the first of each kind; the fallback, the
                // first of the three for both.
                assert_eq!((found.mark, found.cr), (mark, cr), "{what:?}");
                assert_eq!((fallback.mark, fallback.cr), (mark.min(cr), mark.min(cr)), "{what:?}");
            }
            found.suspect
        };
        let others = [
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{FFFD}",
            "\u{EFFF}",
            "\u{F000}",
            "é",
            "\u{1F600}",
        ];
        let items: Vec<Vec<u8>> = (0..0x80u8)
            .map(|b| vec![b])
            .chain(others.iter().map(|o| o.as_bytes().to_vec()))
            .collect();
        let mut flagged = 0;
        for len in (1..70).chain([200, 1000]) {
            let plain = b"<a b='c'>d\te\nf</a> ".repeat(len / 19 + 1)[..len].to_vec();
            check(&plain, &len);
            for at in (0..len).filter(|at| len < 100 || at % 37 == 0) {
                for item in &items {
                    let mut doc = plain.clone();
                    doc.splice(at..at + 1, item.iter().copied());
                    flagged += usize::from(check(&doc, &(len, at, item)));
                    if at > 0 {
                        for special in [b'&', b']', b'\r'] {
                            doc[at - 1] = special;
                            flagged += usize::from(check(&doc, &(len, at, item, special)));
                        }
                    }
                }
            }
        }
        assert!(flagged > 10_000, "{flagged}");
    }

    /// The bucket layout of the Teddy searchers, as `aho-corasick` assigns buckets (see
    /// [`super::Searchers`]): no byte of an ordinary document but the patterns has its two
    /// nybbles in one bucket, so none is looked at closer.
    #[test]
    fn teddy_layout_flags_only_the_patterns() {
        let controls: Vec<u8> = (0..0x20u8).filter(|b| !matches!(b, b'\t' | b'\n' | b'\r')).collect();
        for (order, extra) in [
            (&super::ALL_ORDER[..], &b"\r&]"[..]),
            (&super::ALL_ORDER[..30], &b"\r"[..]),
            (&super::WITH_MARKS_ORDER[..], &b"&]"[..]),
            (&super::FORBIDDEN_ORDER[..], &b""[..]),
        ] {
            let mut patterns: Vec<u8> = order.to_vec();
            patterns.sort_unstable();
            let mut expected: Vec<u8> = controls.iter().chain(extra).copied().collect();
            expected.sort_unstable();
            assert_eq!(patterns, expected);
            // Then the noncharacters, whose first byte (0xEF) is the one looked at.
            let firsts: Vec<u8> = order.iter().copied().chain([0xEF, 0xEF]).collect();
            let mut bucket_of = [None; 16];
            let (mut high, mut low) = ([0u8; 16], [0u8; 16]);
            for (id, &b) in firsts.iter().enumerate() {
                let bucket = *bucket_of[usize::from(b & 15)].get_or_insert(7 - id % 8);
                high[usize::from(b >> 4)] |= 1 << bucket;
                low[usize::from(b & 15)] |= 1 << bucket;
            }
            let ordinary = (0x20..0x7F).chain([b'\t', b'\n', b'\r']).chain(0x80..=0xFF);
            for b in ordinary.filter(|b| !firsts.contains(b)) {
                assert_eq!(high[usize::from(b >> 4)] & low[usize::from(b & 15)], 0, "{b:#04x}");
            }
        }
    }

    /// `letters` flags exactly the ASCII letters, in every byte of a word, whatever the
    /// bytes beside them.
    #[test]
    fn letters_flags_exactly_the_ascii_letters() {
        for byte in 0..=255u8 {
            for fill in [0u8, b'a', b'Z', 0x7F, 0x80, 0xFF, b'@', b'{'] {
                for at in 0..8 {
                    let mut w = [fill; 8];
                    w[at] = byte;
                    let got = super::letters(u64::from_le_bytes(w)).to_le_bytes();
                    for (n, (&g, &c)) in got.iter().zip(&w).enumerate() {
                        let expected = if c.is_ascii_alphabetic() { 0x80 } else { 0 };
                        assert_eq!(g, expected, "{w:?} byte {n}");
                    }
                }
            }
        }
    }
}
