//! `Timestamp` (CreateDate): docs/protocol.md §8, row by row, then agreement with the `time` crate's
//! RFC 3339 parser on every input both accept.

use iam_login_profile::Timestamp;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Spec §8's table, one row per line: (input, our result). Our column is aws-sdk-iam's
/// `DateTimeWithOffset` column (the SDK that errs on the strict side). Year 0000 is refused
/// as botocore refuses it (`year 0 is out of range`), so that we never send it.
const SPEC_8: &[(&str, Result<&str, &str>)] = &[
    ("2011-09-19T23:00:56Z", Ok("2011-09-19T23:00:56Z")),
    ("2011-09-19T23:00:56.000Z", Ok("2011-09-19T23:00:56Z")),
    ("2011-09-19T23:00:56.1Z", Ok("2011-09-19T23:00:56.1Z")),
    ("2011-09-19T23:00:56.123456789Z", Ok("2011-09-19T23:00:56.123456789Z")),
    // Digits past nanoseconds are dropped (truncated, not rounded), as `time` does.
    ("2011-09-19T23:00:56.1234567891Z", Ok("2011-09-19T23:00:56.123456789Z")),
    ("2011-09-19T23:00:56.9999999999Z", Ok("2011-09-19T23:00:56.999999999Z")),
    ("2011-09-19T23:00:56+00:00", Ok("2011-09-19T23:00:56Z")),
    ("2011-09-19T23:00:56-00:00", Ok("2011-09-19T23:00:56Z")),
    ("2011-09-19T23:00:56+05:30", Ok("2011-09-19T17:30:56Z")),
    (
        "2011-09-19T23:00:56+0530",
        Err("invalid timestamp `2011-09-19T23:00:56+0530`: expected `:` at offset 22, found '3'"),
    ),
    (
        "2011-09-19T23:00:56",
        Err("invalid timestamp `2011-09-19T23:00:56`: expected `Z` or an offset `±HH:MM` at offset 19, found the end"),
    ),
    ("2011-09-19t23:00:56z", Ok("2011-09-19T23:00:56Z")),
    ("2011-09-19t23:00:56Z", Ok("2011-09-19T23:00:56Z")),
    ("2011-09-19T23:00:56z", Ok("2011-09-19T23:00:56Z")),
    (
        "2011-09-19 23:00:56Z",
        Err("invalid timestamp `2011-09-19 23:00:56Z`: expected `T` at offset 10, found ' '"),
    ),
    (
        "2011-09-19",
        Err("invalid timestamp `2011-09-19`: expected `T` at offset 10, found the end"),
    ),
    (
        "20110919T230056Z",
        Err("invalid timestamp `20110919T230056Z`: expected `-` at offset 4, found '0'"),
    ),
    (
        "2011-09-19T23:00Z",
        Err("invalid timestamp `2011-09-19T23:00Z`: expected `:` at offset 16, found 'Z'"),
    ),
    (
        "2011-09-19T23:00:56.Z",
        Err("invalid timestamp `2011-09-19T23:00:56.Z`: expected a digit at offset 20, found 'Z'"),
    ),
    (
        "2011-09-19T23:00:60Z",
        Err("invalid timestamp `2011-09-19T23:00:60Z`: second out of range"),
    ),
    // Decision (README): a leap second only at the end of a UTC month, read as …59.999999999.
    ("2016-12-31T23:59:60Z", Ok("2016-12-31T23:59:59.999999999Z")),
    ("2016-12-31T23:59:60.5Z", Ok("2016-12-31T23:59:59.999999999Z")),
    (
        "0000-01-01T00:00:00Z",
        Err("invalid timestamp `0000-01-01T00:00:00Z`: the instant in UTC is outside the years 0001 to 9999"),
    ),
    ("0001-01-01T00:00:00Z", Ok("0001-01-01T00:00:00Z")),
    // An offset that brings year 0 into year 1, and one that takes year 1 into year 0.
    ("0000-12-31T23:30:00-00:31", Ok("0001-01-01T00:01:00Z")),
    (
        "0001-01-01T00:00:00+00:01",
        Err("invalid timestamp `0001-01-01T00:00:00+00:01`: the instant in UTC is outside the years 0001 to 9999"),
    ),
    ("0001-01-01T00:00:00Z", Ok("0001-01-01T00:00:00Z")),
    ("9999-12-31T23:59:59.999999999Z", Ok("9999-12-31T23:59:59.999999999Z")),
    (
        "2011-02-30T00:00:00Z",
        Err("invalid timestamp `2011-02-30T00:00:00Z`: day out of range"),
    ),
    (
        "2011-09-19T24:00:00Z",
        Err("invalid timestamp `2011-09-19T24:00:00Z`: hour out of range"),
    ),
    (
        " 2011-09-19T23:00:56Z",
        Err("invalid timestamp ` 2011-09-19T23:00:56Z`: expected a digit at offset 0, found ' '"),
    ),
    (
        "2011-09-19T23:00:56Z ",
        Err("invalid timestamp `2011-09-19T23:00:56Z `: expected the end at offset 20, found ' '"),
    ),
    (
        "+2011-09-19T23:00:56Z",
        Err("invalid timestamp `+2011-09-19T23:00:56Z`: expected a digit at offset 0, found '+'"),
    ),
    (
        "1316473256",
        Err("invalid timestamp `1316473256`: expected `-` at offset 4, found '4'"),
    ),
    (
        "Mon, 19 Sep 2011 23:00:56 GMT",
        Err("invalid timestamp `Mon, 19 Sep 2011 23:00:56 GMT`: expected a digit at offset 0, found 'M'"),
    ),
    (
        "",
        Err("invalid timestamp ``: expected an RFC 3339 date-time, found nothing"),
    ),
];

/// More ranges and edges beyond the table.
const MORE: &[(&str, Result<&str, &str>)] = &[
    // Offsets across a day, a month, February of leap and common years, and a year.
    ("2012-03-01T00:30:00+01:00", Ok("2012-02-29T23:30:00Z")),
    ("2011-03-01T00:30:00+01:00", Ok("2011-02-28T23:30:00Z")),
    ("2012-02-28T23:30:00-01:00", Ok("2012-02-29T00:30:00Z")),
    ("2011-04-30T23:30:00-01:00", Ok("2011-05-01T00:30:00Z")),
    ("2011-12-31T23:30:00-01:00", Ok("2012-01-01T00:30:00Z")),
    ("2012-01-01T00:29:59.5+23:59", Ok("2011-12-31T00:30:59.5Z")),
    ("2011-09-19T23:00:56.123456-07:00", Ok("2011-09-20T06:00:56.123456Z")),
    // A leap second that an offset moves off the end of the month.
    (
        "2016-12-31T23:59:60+01:00",
        Err("invalid timestamp `2016-12-31T23:59:60+01:00`: second out of range"),
    ),
    // Non-ASCII input: the real character and its byte offset.
    (
        "\u{FF12}011-09-19T23:00:56Z",
        Err("invalid timestamp `\u{FF12}011-09-19T23:00:56Z`: expected a digit at offset 0, found '\u{FF12}'"),
    ),
    (
        "2011-09-19T23:00:56.\u{0665}Z",
        Err("invalid timestamp `2011-09-19T23:00:56.\u{0665}Z`: expected a digit at offset 20, found '\u{0665}'"),
    ),
    (
        "2011-09-19T23:00:56+0\u{e9}:00",
        Err("invalid timestamp `2011-09-19T23:00:56+0\u{e9}:00`: expected a digit at offset 21, found '\u{e9}'"),
    ),
    (
        "2011-13-01T00:00:00Z",
        Err("invalid timestamp `2011-13-01T00:00:00Z`: month out of range"),
    ),
    (
        "2011-00-01T00:00:00Z",
        Err("invalid timestamp `2011-00-01T00:00:00Z`: month out of range"),
    ),
    (
        "2011-01-00T00:00:00Z",
        Err("invalid timestamp `2011-01-00T00:00:00Z`: day out of range"),
    ),
    (
        "2011-01-01T00:60:00Z",
        Err("invalid timestamp `2011-01-01T00:60:00Z`: minute out of range"),
    ),
    (
        "2011-01-01T00:00:00+24:00",
        Err("invalid timestamp `2011-01-01T00:00:00+24:00`: offset hour out of range"),
    ),
    (
        "2011-01-01T00:00:00+23:60",
        Err("invalid timestamp `2011-01-01T00:00:00+23:60`: offset minute out of range"),
    ),
    ("2011-01-01T00:00:00+23:59", Ok("2010-12-31T00:01:00Z")),
    (
        "0000-01-01T00:00:00+00:01",
        Err("invalid timestamp `0000-01-01T00:00:00+00:01`: the instant in UTC is outside the years 0001 to 9999"),
    ),
    (
        "9999-12-31T23:59:59-00:01",
        Err("invalid timestamp `9999-12-31T23:59:59-00:01`: the instant in UTC is outside the years 0001 to 9999"),
    ),
    // A leap second written in another offset: still the end of a UTC month.
    ("2017-01-01T00:59:60+01:00", Ok("2016-12-31T23:59:59.999999999Z")),
    ("2016-06-30T23:59:60Z", Ok("2016-06-30T23:59:59.999999999Z")),
    (
        "2016-06-29T23:59:60Z",
        Err("invalid timestamp `2016-06-29T23:59:60Z`: second out of range"),
    ),
    (
        "2016-12-31T23:58:60Z",
        Err("invalid timestamp `2016-12-31T23:58:60Z`: second out of range"),
    ),
    ("2012-02-29T00:00:00Z", Ok("2012-02-29T00:00:00Z")),
    (
        "2011-02-29T00:00:00Z",
        Err("invalid timestamp `2011-02-29T00:00:00Z`: day out of range"),
    ),
    ("2000-02-29T00:00:00Z", Ok("2000-02-29T00:00:00Z")),
    (
        "1900-02-29T00:00:00Z",
        Err("invalid timestamp `1900-02-29T00:00:00Z`: day out of range"),
    ),
    (
        "2011-09-19T23:00:56é",
        Err("invalid timestamp `2011-09-19T23:00:56é`: expected `Z` or an offset `±HH:MM` at offset 19, found 'é'"),
    ),
    (
        "2011-09-19T23:00:56+01",
        Err("invalid timestamp `2011-09-19T23:00:56+01`: expected `:` at offset 22, found the end"),
    ),
    (
        "2011-09-19X23:00:56Z",
        Err("invalid timestamp `2011-09-19X23:00:56Z`: expected `T` at offset 10, found 'X'"),
    ),
    (
        "2011-09-19T23:00:56Zx",
        Err("invalid timestamp `2011-09-19T23:00:56Zx`: expected the end at offset 20, found 'x'"),
    ),
    ("2011-09-19T23:00:56.5+01:00", Ok("2011-09-19T22:00:56.5Z")),
    ("2011-09-19T23:00:56.000000001Z", Ok("2011-09-19T23:00:56.000000001Z")),
    ("2011-09-19T23:00:56.100Z", Ok("2011-09-19T23:00:56.1Z")),
    (
        "2011-9-19T23:00:56Z",
        Err("invalid timestamp `2011-9-19T23:00:56Z`: expected a digit at offset 6, found '-'"),
    ),
];

fn check(rows: &[(&str, Result<&str, &str>)]) {
    for (input, expected) in rows {
        let got = Timestamp::parse(input)
            .map(|t| t.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(got.as_deref().map_err(|e| e.as_str()), *expected, "{input:?}");
        if let Ok(t) = Timestamp::parse(input) {
            // What we write, we read back to the same instant.
            assert_eq!(Timestamp::parse(&t.to_string()).unwrap(), t);
        } else {
            assert_eq!(Timestamp::parse(input).unwrap_err().value(), *input);
        }
    }
}

#[test]
fn spec_8_table_row_by_row() {
    check(SPEC_8);
}

#[test]
fn more_ranges_and_edges() {
    check(MORE);
}

/// On every input both accept, `time`'s RFC 3339 parser gives the same instant. Where
/// `time` alone accepts (a space or other separator), we refuse on purpose (aws-sdk-iam
/// checks the `T` before calling `time`).
#[test]
fn agrees_with_time_rfc3339_where_both_accept() {
    let mut both = 0;
    for (input, _) in SPEC_8.iter().chain(MORE) {
        let ours = Timestamp::parse(input);
        let theirs = OffsetDateTime::parse(input, &Rfc3339);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => {
                both += 1;
                assert_eq!(a.to_offset_date_time(), b, "{input}");
                assert_eq!(a.unix_timestamp(), b.unix_timestamp(), "{input}");
                assert_eq!(a.nanosecond(), b.nanosecond(), "{input}");
            }
            (Ok(a), Err(e)) => panic!("{input}: we accept {a}, time refuses: {e}"),
            (Err(_), Ok(b)) => {
                let utc_year = b.checked_to_offset(time::UtcOffset::UTC).map(|t| t.year());
                assert!(
                    matches!(input.as_bytes()[10], b' ' | b'X') || !matches!(utc_year, Some(1..=9999)),
                    "{input}: time accepts {b}, we refuse"
                );
            }
            (Err(_), Err(_)) => {}
        }
    }
    assert!(both >= 25, "only {both} inputs compared");
}

#[test]
fn smithy_protocol_test_instants() {
    // QueryXmlTimestamps, AwsQueryDateTimeWithFractionalSeconds, …Negative/PositiveOffset.
    assert_eq!(
        Timestamp::parse("2014-04-29T18:30:38Z").unwrap().unix_timestamp(),
        1_398_796_238
    );
    let t = Timestamp::parse("2000-01-02T20:34:56.123Z").unwrap();
    assert_eq!((t.unix_timestamp(), t.nanosecond()), (946_845_296, 123_000_000));
    for s in ["2019-12-16T22:48:18-01:00", "2019-12-17T00:48:18+01:00"] {
        let t = Timestamp::parse(s).unwrap();
        assert_eq!((t.unix_timestamp(), t.nanosecond()), (1_576_540_098, 0), "{s}");
        assert_eq!(t.to_string(), "2019-12-16T23:48:18Z");
    }
}

#[test]
fn from_offset_date_time() {
    use time::macros::datetime;
    let t = Timestamp::from_offset_date_time(datetime!(2011-09-20 01:00:56 +02:00)).unwrap();
    assert_eq!(t.to_string(), "2011-09-19T23:00:56Z");
    assert_eq!(t.to_offset_date_time(), datetime!(2011-09-19 23:00:56 UTC));
    assert_eq!(OffsetDateTime::from(t).offset(), time::UtcOffset::UTC);
    assert_eq!(Timestamp::try_from(datetime!(2011-09-19 23:00:56 UTC)).unwrap(), t);
    let e = Timestamp::from_offset_date_time(datetime!(9999-12-31 23:59:59 -01:00)).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("the instant in UTC is outside the years 0001 to 9999"),
        "{e}"
    );
    assert!(Timestamp::from_offset_date_time(datetime!(-0001-12-31 23:59:59 UTC)).is_err());
    // Year 0, which botocore cannot read, cannot be made, so the encoder never writes it.
    let e = Timestamp::from_offset_date_time(datetime!(0000-12-31 23:59:59 UTC)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid timestamp `0000-12-31 23:59:59.0 +00:00:00`: the instant in UTC is outside the years 0001 to 9999"
    );
    let t = Timestamp::from_offset_date_time(datetime!(0000-12-31 23:00:00 -01:00)).unwrap();
    assert_eq!(t.to_string(), "0001-01-01T00:00:00Z");
}

#[test]
fn encode_and_display() {
    let t: Timestamp = "2026-11-23T17:57:57.907140Z".parse().unwrap();
    let mut out = String::from(">");
    t.encode(&mut out);
    assert_eq!(out, ">2026-11-23T17:57:57.90714Z");
    assert_eq!(format!("{t:?}"), "Timestamp(2026-11-23T17:57:57.90714Z)");
    // Order is the instants' order, whatever offset they were written in.
    let a: Timestamp = "2019-12-17T00:48:18+01:00".parse().unwrap();
    let b: Timestamp = "2019-12-16T23:48:18.000000001Z".parse().unwrap();
    assert!(a < b);
}

/// The value in a message: control characters escaped, at most 40 characters shown.
#[test]
fn messages_escape_and_bound_the_value() {
    let e = Timestamp::parse("2011-09-19T23:00:56Z\u{1}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid timestamp `2011-09-19T23:00:56Z\\u{1}`: expected the end at offset 20, found '\\u{1}'"
    );
    let long = format!("2011-09-19T23:00:56Z{}", "x".repeat(100));
    let e = Timestamp::parse(&long).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "invalid timestamp `2011-09-19T23:00:56Z{}…`: expected the end at offset 20, found 'x'",
            "x".repeat(44)
        )
    );
    // The error keeps the whole value.
    assert_eq!(e.value(), long);
}
