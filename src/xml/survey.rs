//! The document survey: one pass over the whole document before it is tokenized, which
//! finds whether it may hold a character XML forbids (a control character other than
//! tab, LF and CR, or U+FFFE/U+FFFF; the exact check runs only then) and where the
//! first bytes that need work in text lie (`&` or `]`, and `\r`), so that the
//! tokenizer knows a piece of text needs no unescaping without looking at it
//! (see `Next` in the tokenizer).
//!
//! It runs `aho-corasick`'s vector searches (Teddy, the CPU's vector unit chosen at
//! run time) where the CPU has them, and a branch-free pass ([`survey`]) and `memchr3`
//! where it does not; the two give the same decode of every document (the tests below and
//! `the_survey_path_reads_as_the_vector_path` in `response.rs`).

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
pub(super) struct Findings {
    /// A byte that may start a character XML forbids (checked exactly after).
    pub(super) suspect: bool,
    /// No `&` or `]` lies before this offset (`usize::MAX`: none at all); the first
    /// one is there, or is not looked for yet.
    pub(super) mark: usize,
    /// The same for `\r`.
    pub(super) cr: usize,
}

/// The searches of [`scan`], built once: every byte [`Findings`] looks for; after an
/// `&` or `]`, the suspect bytes and CR; after a CR, the suspect bytes, `&` and `]`;
/// after both, the suspect bytes alone.
///
/// They are Teddy searchers (`aho-corasick`'s packed module: the CPU's vector unit,
/// chosen at run time; the one-byte patterns below are matched exactly). What they find
/// does not depend on the order the patterns are added in; their speed does: the orders
/// below are the ones under which no byte of an ordinary document (printable ASCII, tab,
/// LF, CR where it is not a pattern, any byte above 0x7F but 0xEF) is a candidate Teddy
/// must look at closer (`teddy_layout_flags_only_the_patterns` holds this; why, and what
/// it earns, in `benches/README.md`, "The survey's pattern order").
struct Searchers {
    all: aho_corasick::packed::Searcher,
    with_cr: aho_corasick::packed::Searcher,
    with_marks: aho_corasick::packed::Searcher,
    forbidden: aho_corasick::packed::Searcher,
}

/// U+FFFE and U+FFFF, the two characters XML forbids that start with 0xEF.
const NONCHARACTERS: [&[u8]; 2] = [b"\xEF\xBF\xBE", b"\xEF\xBF\xBF"];

/// The patterns of [`Searchers::all`] (each control character but tab, LF and CR; CR,
/// `&`, `]`; then [`NONCHARACTERS`]), in their order. Without its last two (`]` and
/// `&`), the patterns of [`Searchers::with_cr`]; with `]` in CR's place and `&` last,
/// those of [`Searchers::with_marks`] ([`WITH_MARKS_ORDER`]).
const ALL_ORDER: [u8; 32] = [
    0x19, b'\r', 0x06, 0x0F, 0x00, 0x01, 0x02, 0x03, 0x1A, 0x1D, 0x16, 0x1F, 0x04, 0x05, 0x07, 0x08, 0x10, 0x11, 0x12,
    0x13, 0x0B, 0x0C, 0x0E, 0x14, 0x15, 0x17, 0x18, 0x1B, 0x1C, 0x1E, b']', b'&',
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

/// The patterns of [`Searchers::forbidden`] (the control characters alone, CR, `&`
/// and `]` left out), in their order.
const FORBIDDEN_ORDER: [u8; 29] = [
    0x19, 0x0F, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x1A, 0x1F, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1D, 0x10, 0x11,
    0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x1B, 0x1C, 0x1E,
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
pub(super) fn scan(b: &[u8]) -> Findings {
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

#[cfg(test)]
mod tests {
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

    /// The pattern orders of the Teddy searchers ([`super::Searchers`]), with buckets
    /// assigned as `aho-corasick` 1.x assigns them (a pattern with a new low nybble takes
    /// bucket `7 - id % 8`, `id` its order of adding; a byte is a candidate when its high
    /// and low nybbles share a bucket): no byte of an ordinary document but the patterns
    /// is a candidate.
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
}
