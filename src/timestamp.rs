//! `Timestamp`: the `CreateDate` of a login profile, an RFC 3339 `date-time`.
//!
//! IAM's `dateType` has no `timestampFormat`, so awsQuery uses the Smithy `date-time`
//! format (spec §8): `2011-09-19T23:00:56Z`. What is accepted is what `time`'s
//! RFC 3339 parser accepts *and* aws-sdk-iam accepts (`Format::DateTimeWithOffset`):
//!
//! * `YYYY-MM-DD`, `T` or `t`, `HH:MM:SS`, an optional fraction of any length
//!   (digits past nanoseconds are ignored, as `time` does), then `Z`, `z` or `±HH:MM`;
//! * offsets are normalised to UTC (the value keeps no offset);
//! * a leap second `23:59:60` is accepted only where one may occur, the last minute of
//!   a month in UTC, and is read as `23:59:59.999999999` (what `time` and aws-sdk-iam do;
//!   botocore refuses it);
//! * refused: no zone, a space or other separator (which `time` alone takes), no seconds,
//!   the basic format, `+0530`, hour 24, 30 February, surrounding whitespace, and
//!   instants whose UTC year is outside `0000..=9999` (they cannot be written back).
//!
//! Encoding writes what IAM writes: `2011-09-19T23:00:56Z`, with the fraction only when
//! it is not zero, trailing zeros trimmed, at nanosecond precision.

use std::fmt;

use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

/// An instant in UTC with nanosecond precision, as IAM's `CreateDate`.
///
/// ```
/// use iam_login_profile::Timestamp;
///
/// let t: Timestamp = "2019-12-17T00:48:18+01:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2019-12-16T23:48:18Z");
/// assert_eq!(t.unix_timestamp(), 1576540098);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    // UTC calendar fields, most significant first so that the derived order is
    // chronological. Valid by construction: a real date, 0000–9999, `23:59:59.999999999` at most.
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
}

fn is_leap_year(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    /// Parses an RFC 3339 `date-time` (see the [module docs](self) for what is accepted).
    #[inline]
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        match parse_utc(s.as_bytes()) {
            Some(t) => Ok(t),
            None => Self::parse_slow(s),
        }
    }

    #[cold]
    fn parse_slow(s: &str) -> Result<Self, TimestampError> {
        parse_general(s.as_bytes()).map_err(|kind| TimestampError::new(s.to_owned(), kind))
    }

    /// Wraps an `OffsetDateTime`, converting it to UTC.
    ///
    /// Fails when the UTC year is outside `0000..=9999`, which RFC 3339 cannot write.
    pub fn from_offset_date_time(t: OffsetDateTime) -> Result<Self, TimestampError> {
        t.checked_to_offset(UtcOffset::UTC)
            .and_then(Self::from_utc)
            .ok_or_else(|| TimestampError::new(t.to_string(), ErrorKind::OutOfRange))
    }

    /// The fields of a UTC instant, when its year is in `0000..=9999`.
    fn from_utc(t: OffsetDateTime) -> Option<Self> {
        let year = u16::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
        Some(Timestamp {
            year,
            month: t.month() as u8,
            day: t.day(),
            hour: t.hour(),
            minute: t.minute(),
            second: t.second(),
            nanosecond: t.nanosecond(),
        })
    }

    /// The instant as a `time::OffsetDateTime` in UTC.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        let date = Month::try_from(self.month)
            .and_then(|m| Date::from_calendar_date(i32::from(self.year), m, self.day))
            .and_then(|d| d.with_hms_nano(self.hour, self.minute, self.second, self.nanosecond));
        // The fields are valid by construction, so this is always `Ok`.
        debug_assert!(date.is_ok());
        date.map_or(OffsetDateTime::UNIX_EPOCH, |d| d.assume_utc())
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_timestamp(self) -> i64 {
        self.to_offset_date_time().unix_timestamp()
    }

    /// The nanoseconds within the second.
    #[inline]
    pub fn nanosecond(self) -> u32 {
        self.nanosecond
    }

    /// Appends the wire form (`2011-09-19T23:00:56Z`, `…56.90714Z`) to `out`.
    pub fn encode(self, out: &mut String) {
        let mut buf = [0u8; 30];
        let n = self.write_ascii(&mut buf);
        // Every byte written is ASCII.
        out.push_str(std::str::from_utf8(&buf[..n]).unwrap_or_default());
    }

    /// Writes the wire form into `buf` (30 bytes hold the longest) and returns its length.
    fn write_ascii(self, buf: &mut [u8; 30]) -> usize {
        buf[..19].copy_from_slice(b"0000-00-00T00:00:00");
        put4(&mut buf[0..4], u32::from(self.year));
        put2(&mut buf[5..7], u32::from(self.month));
        put2(&mut buf[8..10], u32::from(self.day));
        put2(&mut buf[11..13], u32::from(self.hour));
        put2(&mut buf[14..16], u32::from(self.minute));
        put2(&mut buf[17..19], u32::from(self.second));
        let mut end = 19;
        let mut nanos = self.nanosecond;
        if nanos != 0 {
            buf[19] = b'.';
            for slot in buf[20..29].iter_mut().rev() {
                *slot = b'0' + (nanos % 10) as u8;
                nanos /= 10;
            }
            end = 29;
            while buf[end - 1] == b'0' {
                end -= 1;
            }
        }
        buf[end] = b'Z';
        end + 1
    }

    /// The year, `0..=9999`, in UTC.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, `1..=12`, in UTC.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, `1..=31`, in UTC.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The hour, `0..=23`, in UTC.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, `0..=59`.
    pub fn minute(self) -> u8 {
        self.minute
    }

    /// The second, `0..=59` (a leap second reads as `59.999999999`).
    pub fn second(self) -> u8 {
        self.second
    }

    /// The instant `secs` seconds and `nanos` nanoseconds after 1970-01-01T00:00:00Z.
    ///
    /// # Errors
    ///
    /// When `nanos` is a billion or more, or the instant's UTC year is outside
    /// `0000..=9999`.
    ///
    /// ```
    /// use iam_login_profile::Timestamp;
    ///
    /// let t = Timestamp::from_unix_timestamp(1_316_473_256, 0).unwrap();
    /// assert_eq!(t.to_string(), "2011-09-19T23:00:56Z");
    /// assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second()), (2011, 9, 19, 23, 0, 56));
    /// assert_eq!(t.unix_timestamp(), 1_316_473_256);
    /// ```
    pub fn from_unix_timestamp(secs: i64, nanos: u32) -> Result<Self, TimestampError> {
        OffsetDateTime::from_unix_timestamp(secs)
            .ok()
            .and_then(|t| t.replace_nanosecond(nanos).ok())
            .and_then(Timestamp::from_utc)
            .ok_or_else(|| TimestampError::new(format!("{secs}.{nanos:09}"), ErrorKind::OutOfRange))
    }
}

impl TryFrom<std::time::SystemTime> for Timestamp {
    type Error = TimestampError;
    /// The instant of a `SystemTime` (a server stamping `CreateDate` with its clock).
    fn try_from(t: std::time::SystemTime) -> Result<Self, Self::Error> {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => {
                Timestamp::from_unix_timestamp(i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos())
            }
            Err(before) => {
                let d = before.duration();
                let (secs, nanos) = match d.subsec_nanos() {
                    0 => (d.as_secs(), 0),
                    n => (d.as_secs() + 1, 1_000_000_000 - n),
                };
                Timestamp::from_unix_timestamp(i64::try_from(secs).map_or(i64::MIN, |s| -s), nanos)
            }
        }
    }
}

impl From<Timestamp> for std::time::SystemTime {
    fn from(t: Timestamp) -> Self {
        let secs = t.unix_timestamp();
        let base = if secs >= 0 {
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs.unsigned_abs())
        } else {
            std::time::UNIX_EPOCH - std::time::Duration::from_secs(secs.unsigned_abs())
        };
        base + std::time::Duration::from_nanos(u64::from(t.nanosecond))
    }
}

fn put2(out: &mut [u8], v: u32) {
    out[0] = b'0' + (v / 10) as u8;
    out[1] = b'0' + (v % 10) as u8;
}

fn put4(out: &mut [u8], v: u32) {
    put2(&mut out[0..2], v / 100);
    put2(&mut out[2..4], v % 100);
}

#[inline]
fn digit(b: &[u8], i: usize) -> Result<u32, ErrorKind> {
    match b.get(i) {
        Some(&c @ b'0'..=b'9') => Ok(u32::from(c - b'0')),
        Some(&c) => Err(ErrorKind::Unexpected {
            offset: i,
            found: Some(c as char),
            expected: "a digit",
        }),
        None => Err(ErrorKind::Unexpected {
            offset: i,
            found: None,
            expected: "a digit",
        }),
    }
}

#[inline]
fn two(b: &[u8], i: usize) -> Result<u32, ErrorKind> {
    Ok(digit(b, i)? * 10 + digit(b, i + 1)?)
}

#[inline]
fn literal(b: &[u8], i: usize, lit: u8, expected: &'static str) -> Result<(), ErrorKind> {
    match b.get(i) {
        Some(&c) if c == lit || (lit == b'T' && c == b't') => Ok(()),
        found => Err(ErrorKind::Unexpected {
            offset: i,
            found: found.map(|&c| char_at(b, i, c)),
            expected,
        }),
    }
}

/// The character starting at `i` (for messages), or the byte as Latin-1 when `b` is cut mid-character.
fn char_at(b: &[u8], i: usize, c: u8) -> char {
    std::str::from_utf8(&b[i..])
        .ok()
        .and_then(|s| s.chars().next())
        .or_else(|| (1..=4).find_map(|n| std::str::from_utf8(b.get(i..i + n)?).ok()?.chars().next()))
        .unwrap_or(c as char)
}

/// The common case, `YYYY-MM-DDTHH:MM:SS[.f…]Z` in UTC with no leap second, without
/// building errors; `None` sends everything else to [`parse_general`].
#[inline]
fn parse_utc(b: &[u8]) -> Option<Timestamp> {
    let (head, rest) = b.split_first_chunk::<19>()?;
    let (&last, frac) = rest.split_last()?;
    if head[4] != b'-' || head[7] != b'-' || (head[10] | 0x20) != b't' || head[13] != b':' || head[16] != b':' {
        return None;
    }
    if last | 0x20 != b'z' {
        return None;
    }
    // The fourteen digits eight bytes at a time (little-endian: byte k of a word is
    // bits 8k..8k+8). In each window put `0` over the separators (0xFF in the mask),
    // check every byte is 0x30..=0x39 (high nibble 3, and still 3 after +6), and subtract
    // `0`: each byte is then one digit's value.
    let digits = |at: usize, separators: u64| -> Option<u64> {
        let mut w = [0u8; 8];
        w.copy_from_slice(&head[at..at + 8]);
        let x = (u64::from_le_bytes(w) & !separators) | (separators & 0x3030_3030_3030_3030);
        let ok = x & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
            && x.wrapping_add(0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030;
        ok.then(|| x - 0x3030_3030_3030_3030)
    };
    // Windows 0..8 `YYYY-MM-`, 8..16 `DDTHH:MM` and 11..19 `HH:MM:SS`.
    let v0 = digits(0, 0xFF00_00FF_0000_0000)?;
    let v8 = digits(8, 0x0000_FF00_00FF_0000)?;
    let v11 = digits(11, 0x0000_FF00_00FF_0000)?;
    // Byte k of `pairs(v)` is digit k * 10 + digit k+1 (at most 99: no carry).
    let pairs = |v: u64| v * 10 + (v >> 8);
    let byte = |v: u64, k: u32| ((v >> (8 * k)) & 0xFF) as u32;
    let (p0, p8, p11) = (pairs(v0), pairs(v8), pairs(v11));
    let year = byte(p0, 0) * 100 + byte(p0, 2);
    let month = byte(p0, 5);
    let day = byte(p8, 0);
    let hour = byte(p8, 3);
    let minute = byte(p8, 6);
    let second = byte(p11, 6);
    let mut nanos = 0;
    if let Some((&dot, digits)) = frac.split_first() {
        if dot != b'.' || digits.is_empty() {
            return None;
        }
        // The first nine digits are the nanoseconds; later ones are ignored, as `time` does.
        // The first eight, padded on the right with `0`s (which scales them), go through
        // one word: check, then combine pairs, fours and eights of digits. With fewer than
        // eight, the word is the eight bytes just before the `Z` (the digits are the last
        // of them; the head is 19 bytes, so they are always there), shifted down, with
        // `0`s above: fixed-size loads only, no copy of a variable length.
        let n = digits.len();
        let later = digits.get(8..).unwrap_or_default();
        let x = if let Some(first) = digits.first_chunk::<8>() {
            u64::from_le_bytes(*first)
        } else {
            let (_, before_z) = b.split_last()?;
            let window = before_z.last_chunk::<8>()?;
            (u64::from_le_bytes(*window) >> (8 * (8 - n))) | (0x3030_3030_3030_3030 << (8 * n))
        };
        if x & 0xF0F0_F0F0_F0F0_F0F0 != 0x3030_3030_3030_3030
            || x.wrapping_add(0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 != 0x3030_3030_3030_3030
        {
            return None;
        }
        let v = x - 0x3030_3030_3030_3030;
        let v = v * 10 + (v >> 8); // bytes 0, 2, 4, 6: two digits each
        let v = ((v & 0x00FF_00FF_00FF_00FF).wrapping_mul(1 + (100 << 16))) >> 16; // 16-bit lanes 0, 2: four
        let v = ((v & 0x0000_FFFF_0000_FFFF).wrapping_mul(1 + (10_000 << 32))) >> 32; // eight
        nanos = v as u32 * 10;
        if let Some((&ninth, _)) = later.split_first() {
            nanos += u32::from(ninth.wrapping_sub(b'0'));
        }
        if !later.iter().all(u8::is_ascii_digit) {
            return None;
        }
    }
    if !(1..=12).contains(&month)
        || day == 0
        || (day > 28 && day > days_in_month(year, month))
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    Some(Timestamp {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        nanosecond: nanos,
    })
}

/// Every form, with the error that says what is wrong.
fn parse_general(b: &[u8]) -> Result<Timestamp, ErrorKind> {
    if b.is_empty() {
        return Err(ErrorKind::Empty);
    }
    let year = digit(b, 0)? * 1000 + digit(b, 1)? * 100 + digit(b, 2)? * 10 + digit(b, 3)?;
    literal(b, 4, b'-', "`-`")?;
    let month = two(b, 5)?;
    literal(b, 7, b'-', "`-`")?;
    let day = two(b, 8)?;
    literal(b, 10, b'T', "`T`")?;
    let hour = two(b, 11)?;
    literal(b, 13, b':', "`:`")?;
    let minute = two(b, 14)?;
    literal(b, 16, b':', "`:`")?;
    let mut second = two(b, 17)?;
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        let mut scale = 100_000_000;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            nanos += u32::from(c - b'0') * scale;
            scale /= 10;
            i += 1;
        }
        if i == start {
            return Err(ErrorKind::Unexpected {
                offset: i,
                found: b.get(i).map(|&c| char_at(b, i, c)),
                expected: "a digit",
            });
        }
    }
    let offset_secs: i32 = match b.get(i) {
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let oh = two(b, i + 1)?;
            literal(b, i + 3, b':', "`:`")?;
            let om = two(b, i + 4)?;
            if oh > 23 {
                return Err(ErrorKind::Range("offset hour"));
            }
            if om > 59 {
                return Err(ErrorKind::Range("offset minute"));
            }
            i += 6;
            let secs = (oh * 3600 + om * 60) as i32;
            if sign == b'-' { -secs } else { secs }
        }
        found => {
            return Err(ErrorKind::Unexpected {
                offset: i,
                found: found.map(|&c| char_at(b, i, c)),
                expected: "`Z` or an offset `±HH:MM`",
            });
        }
    };
    if i != b.len() {
        return Err(ErrorKind::Unexpected {
            offset: i,
            found: Some(char_at(b, i, b[i])),
            expected: "the end",
        });
    }
    let leap = second == 60;
    if leap {
        second = 59;
        nanos = 999_999_999;
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or(ErrorKind::Range("month"))?;
    let date = Date::from_calendar_date(year as i32, month, day as u8).map_err(|_| ErrorKind::Range("day"))?;
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos).map_err(|e| {
        ErrorKind::Range(match e.name() {
            "hour" => "hour",
            "minute" => "minute",
            _ => "second",
        })
    })?;
    let utc = if offset_secs == 0 {
        date.with_time(time).assume_utc()
    } else {
        let offset = UtcOffset::from_whole_seconds(offset_secs).map_err(|_| ErrorKind::Range("offset"))?;
        date.with_time(time)
            .assume_offset(offset)
            .checked_to_offset(UtcOffset::UTC)
            .filter(|t| (0..=9999).contains(&t.year()))
            .ok_or(ErrorKind::OutOfRange)?
    };
    if leap && !is_end_of_month_minute(utc) {
        return Err(ErrorKind::Range("second"));
    }
    Timestamp::from_utc(utc).ok_or(ErrorKind::OutOfRange)
}

/// A leap second may only be the last second of a month, UTC.
fn is_end_of_month_minute(t: OffsetDateTime) -> bool {
    t.hour() == 23 && t.minute() == 59 && t.second() == 59 && t.day() == t.month().length(t.year())
}

impl fmt::Display for Timestamp {
    /// The wire form, written into the formatter from a buffer on the stack.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 30];
        let n = self.write_ascii(&mut buf);
        // Every byte written is ASCII.
        f.write_str(std::str::from_utf8(&buf[..n]).unwrap_or_default())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(s)
    }
}

impl TryFrom<OffsetDateTime> for Timestamp {
    type Error = TimestampError;
    fn try_from(t: OffsetDateTime) -> Result<Self, Self::Error> {
        Timestamp::from_offset_date_time(t)
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(t: Timestamp) -> Self {
        t.to_offset_date_time()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time such as 2011-09-19T23:00:56Z")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Timestamp, E> {
                Timestamp::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Timestamp {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        // 0000-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999999Z
        const MIN: i64 = -62_167_219_200;
        const MAX: i64 = 253_402_300_799;
        let secs = u.int_in_range(MIN..=MAX)?;
        let nanos = match u.int_in_range(0u8..=3)? {
            0 => 0,
            1 => u.int_in_range(0..=999u32)? * 1_000_000,
            2 => u.int_in_range(0..=999_999u32)? * 1_000,
            _ => u.int_in_range(0..=999_999_999u32)?,
        };
        OffsetDateTime::from_unix_timestamp(secs)
            .ok()
            .and_then(|t| t.replace_nanosecond(nanos).ok())
            .and_then(Timestamp::from_utc)
            .ok_or(arbitrary::Error::IncorrectFormat)
    }
}

/// Why a string is not a valid [`Timestamp`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError(Box<ErrorInner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct ErrorInner {
    value: String,
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    Empty,
    Unexpected {
        offset: usize,
        found: Option<char>,
        expected: &'static str,
    },
    Range(&'static str),
    OutOfRange,
}

impl TimestampError {
    fn new(value: String, kind: ErrorKind) -> Self {
        TimestampError(Box::new(ErrorInner { value, kind }))
    }

    /// The refused value, unchanged.
    pub fn value(&self) -> &str {
        &self.0.value
    }
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid timestamp `{}`: ", crate::text::Escaped(&self.0.value))?;
        match &self.0.kind {
            ErrorKind::Empty => f.write_str("expected an RFC 3339 date-time, found nothing"),
            ErrorKind::Unexpected {
                offset,
                found: Some(c),
                expected,
            } => {
                write!(f, "expected {expected} at offset {offset}, found {c:?}")
            }
            ErrorKind::Unexpected {
                offset,
                found: None,
                expected,
            } => {
                write!(f, "expected {expected} at offset {offset}, found the end")
            }
            ErrorKind::Range(what) => write!(f, "{what} out of range"),
            ErrorKind::OutOfRange => f.write_str("the instant in UTC is outside the years 0000 to 9999"),
        }
    }
}

impl std::error::Error for TimestampError {}
