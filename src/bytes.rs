//! Byte tricks the fast paths share, each written once: the word-at-a-time (SWAR) masks
//! over eight bytes in a `u64`, the searches built on them, and short-slice equality.
//!
//! The masks work on the little-endian word of eight consecutive bytes; a mask has the
//! high bit of a byte set where that byte matches. They are exact per byte where said;
//! [`first_of`] and [`below`] are exact for the lowest byte only (a borrow may flag
//! bytes above a true match), so callers read only the lowest set bit, or whether any
//! is set.

/// One in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte of a word.
pub(crate) const HIGH_BITS: u64 = ONES << 7;

/// The high bit set in each byte of `x` that is an ASCII letter, and clear in every
/// other byte. Exact per byte: no step carries or borrows from one byte into the next
/// (each works on the low seven bits, and the sums stay below 256).
#[inline(always)]
pub(crate) fn letters(x: u64) -> u64 {
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
pub(crate) fn first_of(w: u64, c: u8) -> u64 {
    let x = w ^ (ONES * u64::from(c));
    x.wrapping_sub(ONES) & !x & HIGH_BITS
}

/// The offset of the first byte of `set` (two or three bytes) at or after `i`: the
/// first sixteen bytes eight at a time ([`first_of`]; most attribute values and texts
/// are short, and a call to `memchr2`/`memchr3` costs more than they take), then
/// `memchr2`/`memchr3`.
#[inline(always)]
pub(crate) fn first_among<const N: usize>(b: &[u8], i: usize, set: [u8; N]) -> Option<usize> {
    let mut j = i;
    for _ in 0..2 {
        let Some(w) = word(b, j) else {
            break;
        };
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

/// The offset of `needle` (two or three bytes) in `hay`: `memchr` for its first byte,
/// then a comparison (a `memmem` searcher costs more to set up than these short
/// searches take).
#[inline]
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
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

/// The high bit set in each byte of `w` below `n` (`n` at most 0x80), exactly for the
/// lowest one (as [`first_of`]).
#[inline(always)]
pub(crate) fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH_BITS
}

/// The little-endian word of the eight bytes at `i`, if there are eight.
#[inline(always)]
pub(crate) fn word(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..)
        .and_then(|rest| rest.first_chunk::<8>())
        .map(|w| u64::from_le_bytes(*w))
}

/// `a == b` for two names, without a call or a byte loop for the usual short ones (up
/// to 32 bytes).
#[inline(always)]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 2 {
        return a.first() == b.first();
    }
    if a.len() < 4 {
        return ends_equal::<2>(a, b);
    }
    if a.len() < 8 {
        return ends_equal::<4>(a, b);
    }
    if a.len() <= 16 {
        return ends_equal::<8>(a, b);
    }
    if a.len() <= 32 {
        return ends_equal::<16>(a, b);
    }
    a == b
}

/// For `a` and `b` of one length from `N` to `2 * N`: are their first and last `N` bytes
/// (which cover them) equal?
#[inline(always)]
fn ends_equal<const N: usize>(a: &[u8], b: &[u8]) -> bool {
    a.first_chunk::<N>() == b.first_chunk::<N>() && a.last_chunk::<N>() == b.last_chunk::<N>()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// `same` equals `==` for names of every length to 70 differing in any one byte,
    /// and for different lengths.
    #[test]
    fn same_equals_slice_equality() {
        for len in 0..70usize {
            let a: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same(&a, &a.clone()), "{len}");
            if len > 0 {
                assert!(!same(&a, &a[..len - 1]), "{len}");
            }
            for at in 0..len {
                let mut b = a.clone();
                b[at] = b'Z';
                assert!(!same(&a, &b), "{len} {at}");
            }
        }
    }

    /// `first_of` and `below` flag the lowest matching byte exactly, at every position,
    /// whatever the bytes around it.
    #[test]
    fn masks_flag_the_lowest_match() {
        for at in 0..8 {
            for fill in [0u8, 1, b'&', 0x1F, 0x20, b'a', 0x7F, 0x80, 0xFF] {
                for byte in 0..=255u8 {
                    let mut w = [fill; 8];
                    w[at] = byte;
                    let x = u64::from_le_bytes(w);
                    let lowest = |m: u64| (m != 0).then(|| (m.trailing_zeros() / 8) as usize);
                    let eq = w.iter().position(|&c| c == b'&');
                    assert_eq!(lowest(first_of(x, b'&')), eq, "{w:?}");
                    let lt = w.iter().position(|&c| c < 0x20);
                    assert_eq!(lowest(below(x, 0x20)), lt, "{w:?}");
                }
            }
        }
    }
}
