//! `Timestamp`: the `CreateDate` of a login profile, an RFC 3339 `date-time`.
//!
//! IAM's `dateType` has no `timestampFormat`, so awsQuery uses the Smithy `date-time`
//! format (docs/protocol.md §8): `2011-09-19T23:00:56Z`. What is accepted is what `time`'s
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
//!   instants whose UTC year is outside `0001..=9999`: RFC 3339 cannot write other
//!   years, and botocore cannot read year 0 (`year 0 is out of range`). So year 0 is
//!   refused where a `Timestamp` is made (parsing, [`Timestamp::from_offset_date_time`]),
//!   and the encoder, which only writes valid values, never sends it.
//!
//! Encoding writes what IAM writes: `2011-09-19T23:00:56Z`, with the fraction only when
//! it is not zero, trailing zeros trimmed, at nanosecond precision.

use std::fmt;

use time::{Date, Month, OffsetDateTime, UtcOffset};

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
    // The UTC calendar fields packed into one word, most significant first (year in bits
    // 40–55, then month, day, hour, minute, second a byte each), so that the derived order
    // is chronological and a parse hands its result back in one store (byte-sized fields
    // written one by one and read back as a word stall the caller on a failed store
    // forward). Valid by construction: a real date, 0001–9999, `23:59:59.999999999` at most.
    fields: u64,
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
    /// The last instant a `Timestamp` holds: `9999-12-31T23:59:59.999999999Z`.
    pub const MAX: Timestamp = Timestamp::from_fields(9999, 12, 31, 23, 59, 59, 999_999_999);

    /// Packs valid UTC calendar fields.
    #[inline]
    const fn from_fields(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8, nanosecond: u32) -> Self {
        Timestamp {
            fields: (year as u64) << 40
                | (month as u64) << 32
                | (day as u64) << 24
                | (hour as u64) << 16
                | (minute as u64) << 8
                | second as u64,
            nanosecond,
        }
    }

    /// Parses an RFC 3339 `date-time` (see the [module docs](self) for what is accepted).
    ///
    /// # Errors
    ///
    /// [`TimestampError`], quoting `s` and saying what is wrong: a malformed field, an
    /// instant that does not exist, or a year outside `0001..=9999`.
    #[inline]
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        parse(s.as_bytes()).map_err(|kind| TimestampError::new(s.to_owned(), kind))
    }

    /// Wraps an `OffsetDateTime`, converting it to UTC.
    ///
    /// # Errors
    ///
    /// [`TimestampError`] when the UTC year is outside `0001..=9999`: RFC 3339 cannot
    /// write other years, and botocore cannot read year 0.
    pub fn from_offset_date_time(t: OffsetDateTime) -> Result<Self, TimestampError> {
        t.checked_to_offset(UtcOffset::UTC)
            .and_then(Self::from_utc)
            .ok_or_else(|| TimestampError::new(t.to_string(), ErrorKind::OutOfRange))
    }

    /// The fields of a UTC instant, when its year is in `0001..=9999`.
    fn from_utc(t: OffsetDateTime) -> Option<Self> {
        let year = u16::try_from(t.year()).ok().filter(|y| (1..=9999).contains(y))?;
        Some(Timestamp::from_fields(
            year,
            t.month() as u8,
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.nanosecond(),
        ))
    }

    /// The instant as a `time::OffsetDateTime` in UTC.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        let date = Month::try_from(self.month())
            .and_then(|m| Date::from_calendar_date(i32::from(self.year()), m, self.day()))
            .and_then(|d| d.with_hms_nano(self.hour(), self.minute(), self.second(), self.nanosecond));
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
        put4(&mut buf[0..4], u32::from(self.year()));
        put2(&mut buf[5..7], u32::from(self.month()));
        put2(&mut buf[8..10], u32::from(self.day()));
        put2(&mut buf[11..13], u32::from(self.hour()));
        put2(&mut buf[14..16], u32::from(self.minute()));
        put2(&mut buf[17..19], u32::from(self.second()));
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
    #[inline]
    pub fn year(self) -> u16 {
        (self.fields >> 40) as u16
    }

    /// The month, `1..=12`, in UTC.
    #[inline]
    pub fn month(self) -> u8 {
        (self.fields >> 32) as u8
    }

    /// The day of the month, `1..=31`, in UTC.
    #[inline]
    pub fn day(self) -> u8 {
        (self.fields >> 24) as u8
    }

    /// The hour, `0..=23`, in UTC.
    #[inline]
    pub fn hour(self) -> u8 {
        (self.fields >> 16) as u8
    }

    /// The minute, `0..=59`.
    #[inline]
    pub fn minute(self) -> u8 {
        (self.fields >> 8) as u8
    }

    /// The second, `0..=59` (a leap second reads as `59.999999999`).
    #[inline]
    pub fn second(self) -> u8 {
        self.fields as u8
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

/// SigV4's two ways of writing a request's time (feature `sigv4`): ISO 8601 basic format
/// (`X-Amz-Date`, the string to sign) and the HTTP `Date` header's RFC 1123 form. Both
/// read through the same checked fields as [`Timestamp::parse`], whole seconds in UTC.
#[cfg(feature = "sigv4")]
impl Timestamp {
    /// The fields, when they are a real instant of the years 0001 to 9999.
    fn from_checked_fields(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<Self> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour <= 23
            && minute <= 59
            && second <= 59;
        // Every field is in range, so each fits its byte (and the year its 16 bits).
        ok.then(|| {
            Timestamp::from_fields(
                year as u16,
                month as u8,
                day as u8,
                hour as u8,
                minute as u8,
                second as u8,
                0,
            )
        })
    }

    /// Reads ISO 8601 basic format, `YYYYMMDDTHHMMSSZ` (SigV4's `X-Amz-Date`), nothing
    /// around it.
    pub(crate) fn parse_basic(b: &[u8]) -> Option<Self> {
        let b: &[u8; 16] = b.try_into().ok()?;
        if b[8] != b'T' || b[15] != b'Z' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| decimal(&b[r]);
        Timestamp::from_checked_fields(
            num(0..4)?,
            num(4..6)?,
            num(6..8)?,
            num(9..11)?,
            num(11..13)?,
            num(13..15)?,
        )
    }

    /// Reads an HTTP `Date` in RFC 1123 form, `Sun, 30 Aug 2015 12:36:00 GMT`, with the
    /// weekday that date has. The zone is `GMT` (RFC 9110's IMF-fixdate), `UTC`, or
    /// `+0000` / `-0000`: Python's `email.utils.formatdate` writes `-0000`, and that is
    /// the `Date` botocore signs.
    pub(crate) fn parse_http_date(b: &[u8]) -> Option<Self> {
        const DAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
        const MONTHS: [&[u8; 3]; 12] = [
            b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
        ];
        let (head, zone) = b.split_first_chunk::<26>()?;
        if !matches!(zone, b"GMT" | b"UTC" | b"+0000" | b"-0000") {
            return None;
        }
        // `Sun, 30 Aug 2015 12:36:00 `
        let punctuation = [
            (3, b','),
            (4, b' '),
            (7, b' '),
            (11, b' '),
            (16, b' '),
            (19, b':'),
            (22, b':'),
            (25, b' '),
        ];
        if punctuation.iter().any(|&(i, c)| head[i] != c) {
            return None;
        }
        let weekday = DAYS.iter().position(|d| d[..] == head[0..3])?;
        let month = MONTHS.iter().position(|m| m[..] == head[8..11])? as u32 + 1;
        let t = Timestamp::from_checked_fields(
            decimal(&head[12..16])?,
            month,
            decimal(&head[5..7])?,
            decimal(&head[17..19])?,
            decimal(&head[20..22])?,
            decimal(&head[23..25])?,
        )?;
        (t.to_offset_date_time().weekday().number_days_from_monday() as usize == weekday).then_some(t)
    }

    /// Writes ISO 8601 basic format, `YYYYMMDDTHHMMSSZ`.
    pub(crate) fn write_basic(self, out: &mut [u8; 16]) {
        out.copy_from_slice(b"00000000T000000Z");
        put4(&mut out[0..4], u32::from(self.year()));
        put2(&mut out[4..6], u32::from(self.month()));
        put2(&mut out[6..8], u32::from(self.day()));
        put2(&mut out[9..11], u32::from(self.hour()));
        put2(&mut out[11..13], u32::from(self.minute()));
        put2(&mut out[13..15], u32::from(self.second()));
    }
}

/// The value of a run of ASCII digits (at most four here), or `None` if one is not a digit.
#[cfg(feature = "sigv4")]
fn decimal(digits: &[u8]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
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

/// The character starting at `i` (for messages), or the byte as Latin-1 when `b` is cut mid-character.
fn char_at(b: &[u8], i: usize) -> Option<char> {
    let c = *b.get(i)?;
    let n = match c {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    };
    Some(
        b.get(i..i + n)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.chars().next())
            .unwrap_or(c as char),
    )
}

/// Eight ASCII bytes as a word of digit values, or `None` unless every byte is `0`–`9`.
/// Bytes where `separators` has 0xFF are read as `0` (little-endian: byte k of the word is
/// bits 8k..8k+8).
#[inline(always)]
fn digits8(w: [u8; 8], separators: u64) -> Option<u64> {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const HIGH_NIBBLES: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    let x = (u64::from_le_bytes(w) & !separators) | (separators & ZEROS);
    // Each byte is 0x30..=0x39: high nibble 3, and still 3 after adding 6.
    let ok = x & HIGH_NIBBLES == ZEROS && x.wrapping_add(0x0606_0606_0606_0606) & HIGH_NIBBLES == ZEROS;
    ok.then(|| x - ZEROS)
}

/// The one parser, for every shape: `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z`
/// or `±HH:MM`. The fields are read with word arithmetic; a syntax error is located by
/// [`syntax_error`], which only runs on refused input.
#[inline]
fn parse(b: &[u8]) -> Result<Timestamp, ErrorKind> {
    let Some((head, rest)) = b.split_first_chunk::<19>() else {
        return Err(syntax_error(b));
    };
    if head[4] != b'-' || head[7] != b'-' || (head[10] | 0x20) != b't' || head[13] != b':' || head[16] != b':' {
        return Err(syntax_error(b));
    }
    let window = |at: usize| -> [u8; 8] {
        let mut w = [0u8; 8];
        w.copy_from_slice(&head[at..at + 8]);
        w
    };
    // Windows 0..8 `YYYY-MM-`, 8..16 `DDTHH:MM` and 11..19 `HH:MM:SS`.
    let (Some(v0), Some(v8), Some(v11)) = (
        digits8(window(0), 0xFF00_00FF_0000_0000),
        digits8(window(8), 0x0000_FF00_00FF_0000),
        digits8(window(11), 0x0000_FF00_00FF_0000),
    ) else {
        return Err(syntax_error(b));
    };
    // Byte k of `pairs(v)` is digit k * 10 + digit k+1 (at most 99: no carry).
    let pairs = |v: u64| v * 10 + (v >> 8);
    let byte = |v: u64, k: u32| ((v >> (8 * k)) & 0xFF) as u32;
    let (p0, p8, p11) = (pairs(v0), pairs(v8), pairs(v11));
    let year = byte(p0, 0) * 100 + byte(p0, 2);
    let month = byte(p0, 5);
    let day = byte(p8, 0);
    let mut hour = byte(p8, 3);
    let mut minute = byte(p8, 6);
    let mut second = byte(p11, 6);

    let mut i = 19;
    let mut nanos = 0;
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(syntax_error(b));
        }
        // The first nine digits are the nanoseconds; later ones are ignored, as `time`
        // does. The first eight, padded on the right with `0`s (which scales them), go
        // through one word: fixed-size loads only (with fewer than eight digits, the eight
        // bytes that end with them, shifted down, `0`s above).
        let end = 20 + n;
        let w = match b[20..].first_chunk::<8>() {
            Some(first) if n >= 8 => u64::from_le_bytes(*first),
            _ => {
                let last = b[..end].last_chunk::<8>().copied().unwrap_or_default();
                (u64::from_le_bytes(last) >> (8 * (8 - n))) | (0x3030_3030_3030_3030 << (8 * n))
            }
        };
        let v = w - 0x3030_3030_3030_3030;
        let v = v * 10 + (v >> 8); // bytes 0, 2, 4, 6: two digits each
        let v = ((v & 0x00FF_00FF_00FF_00FF).wrapping_mul(1 + (100 << 16))) >> 16; // 16-bit lanes 0, 2: four
        let v = ((v & 0x0000_FFFF_0000_FFFF).wrapping_mul(1 + (10_000 << 32))) >> 32; // eight
        nanos = v as u32 * 10;
        if n >= 9 {
            nanos += u32::from(b[28] - b'0');
        }
        i = end;
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let Some(&[h1, h2, b':', m1, m2]) = b.get(i + 1..i + 6) else {
                return Err(syntax_error(b));
            };
            let d = |c: u8| u32::from(c.wrapping_sub(b'0'));
            let (oh, om) = (d(h1) * 10 + d(h2), d(m1) * 10 + d(m2));
            if [h1, h2, m1, m2].iter().any(|c| !c.is_ascii_digit()) || oh > 23 || om > 59 {
                return Err(syntax_error(b));
            }
            i += 6;
            let minutes = (oh * 60 + om) as i32;
            if sign == b'-' { -minutes } else { minutes }
        }
        _ => return Err(syntax_error(b)),
    };
    if i != b.len() {
        return Err(syntax_error(b));
    }

    // The fields, in the order `time` checks them.
    let leap = second == 60;
    if leap {
        second = 59;
        nanos = 999_999_999;
    }
    if !(1..=12).contains(&month) {
        return Err(ErrorKind::Range("month"));
    }
    if day == 0 || (day > 28 && day > days_in_month(year, month)) {
        return Err(ErrorKind::Range("day"));
    }
    if hour > 23 {
        return Err(ErrorKind::Range("hour"));
    }
    if minute > 59 {
        return Err(ErrorKind::Range("minute"));
    }
    if second > 59 {
        return Err(ErrorKind::Range("second"));
    }
    let (mut year, mut month, mut day) = (year as i32, month, day);
    if offset_minutes != 0 {
        // To UTC: at most one day either way.
        let mut of_day = (hour * 60 + minute) as i32 - offset_minutes;
        if of_day < 0 {
            of_day += 1440;
            if day > 1 {
                day -= 1;
            } else if month > 1 {
                month -= 1;
                day = days_in_month(year as u32, month);
            } else {
                (year, month, day) = (year - 1, 12, 31);
            }
        } else if of_day >= 1440 {
            of_day -= 1440;
            if day < days_in_month(year as u32, month) {
                day += 1;
            } else if month < 12 {
                (month, day) = (month + 1, 1);
            } else {
                (year, month, day) = (year + 1, 1, 1);
            }
        }
        (hour, minute) = (of_day as u32 / 60, of_day as u32 % 60);
    }
    if !(1..=9999).contains(&year) {
        return Err(ErrorKind::OutOfRange);
    }
    if leap && !(hour == 23 && minute == 59 && day == days_in_month(year as u32, month)) {
        return Err(ErrorKind::Range("second"));
    }
    Ok(Timestamp::from_fields(
        year as u16,
        month as u8,
        day as u8,
        hour as u8,
        minute as u8,
        second as u8,
        nanos,
    ))
}

/// The first syntax error of input [`parse`] refused: one byte at a time through the
/// grammar, the offset's ranges included (where they come in the text).
#[cold]
#[inline(never)]
fn syntax_error(b: &[u8]) -> ErrorKind {
    let unexpected = |offset: usize, expected: &'static str| ErrorKind::Unexpected {
        offset,
        found: char_at(b, offset),
        expected,
    };
    let digits = |from: usize, n: usize| (from..from + n).find(|&i| !b.get(i).is_some_and(u8::is_ascii_digit));
    let two = |at: usize| u32::from(b[at] - b'0') * 10 + u32::from(b[at + 1] - b'0');
    if b.is_empty() {
        return ErrorKind::Empty;
    }
    // (offset, digits, then the literal expected after them)
    for (at, n, lit, expected) in [
        (0, 4, b'-', "`-`"),
        (5, 2, b'-', "`-`"),
        (8, 2, b'T', "`T`"),
        (11, 2, b':', "`:`"),
        (14, 2, b':', "`:`"),
    ] {
        if let Some(bad) = digits(at, n) {
            return unexpected(bad, "a digit");
        }
        let i = at + n;
        if !b.get(i).is_some_and(|&c| c == lit || (lit == b'T' && c == b't')) {
            return unexpected(i, expected);
        }
    }
    if let Some(bad) = digits(17, 2) {
        return unexpected(bad, "a digit");
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return unexpected(i, "a digit");
        }
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i += 1,
        Some(b'+' | b'-') => {
            if let Some(bad) = digits(i + 1, 2) {
                return unexpected(bad, "a digit");
            }
            if b.get(i + 3) != Some(&b':') {
                return unexpected(i + 3, "`:`");
            }
            if let Some(bad) = digits(i + 4, 2) {
                return unexpected(bad, "a digit");
            }
            if two(i + 1) > 23 {
                return ErrorKind::Range("offset hour");
            }
            if two(i + 4) > 59 {
                return ErrorKind::Range("offset minute");
            }
            i += 6;
        }
        _ => return unexpected(i, "`Z` or an offset `±HH:MM`"),
    }
    if i < b.len() {
        return unexpected(i, "the end");
    }
    // Unreachable: `parse` refuses only what one of the checks above refuses.
    debug_assert!(false, "no syntax error in {b:?}");
    ErrorKind::Empty
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
                // What Python writes for a boto3 datetime (`str(dt)`, `json.dumps(default=str)`)
                // has a space where RFC 3339 has `T` (its §5.6 note allows it): read as `T`.
                // Only here: the XML decoder keeps the `T` IAM writes.
                match s.as_bytes().get(10) {
                    Some(b' ') => {
                        let with_t = format!("{}T{}", &s[..10], &s[11..]);
                        // Same length, same offsets: the error shows the value as given.
                        Timestamp::parse(&with_t).map_err(|mut e| {
                            e.0.value = s.to_owned();
                            E::custom(e)
                        })
                    }
                    _ => Timestamp::parse(s).map_err(E::custom),
                }
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Timestamp {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        // 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999999999Z
        const MIN: i64 = -62_135_596_800;
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
            ErrorKind::OutOfRange => f.write_str("the instant in UTC is outside the years 0001 to 9999"),
        }
    }
}

impl std::error::Error for TimestampError {}
