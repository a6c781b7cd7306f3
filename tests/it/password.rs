//! `Password`: the validator against the documented pattern, every boundary in characters,
//! the exact error texts (ours and IAM's), and that no `Debug`, `Display` or error text ever
//! shows the password.

use iam_login_profile::password::{AWS_PATTERN, MAX_LEN, REDACTED, Revealed};

/// The documented constraint as a `regex` pattern, anchored, with the length bound.
const PATTERN: &str = r"^[\t\n\r\x{20}-\x{FF}]{1,128}$";
use iam_login_profile::{Password, PasswordError};
use subtle::ConstantTimeEq;

use crate::data;

/// The documented pattern, as a `regex`.
fn documented(s: &str) -> bool {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(PATTERN).unwrap()).is_match(s)
}

/// The set the messages name, as they print it.
const SET: &str = r"[\t\n\r\u{20}-\u{FF}]";

/// Passwords chosen to be found if they leak: valid and invalid, with characters that
/// appear in our own messages, format syntax, escapes, markup and secrets' usual shapes.
const HOSTILE: &[&str] = &[
    "hunter2",
    "correct horse battery staple",
    "p@ss w0rd&=+",
    "café ÿ\tline\nbreak",
    "***",
    "Password(***)",
    "{}",
    "{password}",
    "%s%n%x",
    "`backtick`",
    "'quoted'",
    "\"double\"",
    "<Password>x</Password>",
    "]]>&amp;",
    "\\u{20}",
    "\u{7F}\u{85}\u{9F}\u{A0}",
    "x\r\n\tx",
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    // refused ones
    "price: 5€",
    "emoji 🔑 key",
    "nul\0byte",
    "bell\u{7}",
    "esc\u{1B}[31m",
    "invalid password: character at position 0",
    "zero\u{200B}width",
    "ĀāĂ",
    "\u{FEFF}bom",
    "\u{100}",
    "\u{B}vertical tab",
    "\u{C}form feed",
];

/// What an error says: (the length when it is out of range, the position of the first bad character).
type Facts = (Option<usize>, Option<usize>);

/// The facts of `e`. Its variants are `#[non_exhaustive]`, so a test matches rather than
/// builds them.
fn facts(e: &PasswordError) -> Facts {
    match *e {
        PasswordError::Empty => (Some(0), None),
        PasswordError::TooLong {
            length,
            invalid_character_at,
            ..
        } => (Some(length), invalid_character_at),
        PasswordError::InvalidCharacter { position, .. } => (None, Some(position)),
        _ => unreachable!("a new variant: {e:?}"),
    }
}

/// `Password::new(s)`, reduced to `facts` of the error.
fn check(s: &str) -> Result<(), Facts> {
    Password::new(s).map(drop).map_err(|e| facts(&e))
}

#[test]
fn constants() {
    assert_eq!(PATTERN, r"^[\t\n\r\x{20}-\x{FF}]{1,128}$");
    assert_eq!(AWS_PATTERN, r"[\u0009\u000A\u000D\u0020-\u00FF]+");
    assert_eq!(MAX_LEN, 128);
}

#[test]
fn lengths_are_counted_in_characters() {
    // (password, the facts of the expected error or None when valid)
    let too_long = |length: usize| (Some(length), None);
    let cases: Vec<(String, Option<Facts>)> = vec![
        (String::new(), Some((Some(0), None))),
        ("a".into(), None),
        ("é".into(), None),
        ("ÿ".into(), None),
        ("a".repeat(127), None),
        ("a".repeat(128), None),
        ("a".repeat(129), Some(too_long(129))),
        ("a".repeat(1000), Some(too_long(1000))),
        ("é".repeat(64), None),
        ("é".repeat(65), None),
        ("é".repeat(128), None),
        ("é".repeat(129), Some(too_long(129))),
        ("ÿ".repeat(128), None),
        (format!("{}ÿ", "a".repeat(127)), None),
        (format!("{}ÿ", "a".repeat(128)), Some(too_long(129))),
        ("\t".repeat(128), None),
        ("\u{80}".repeat(128), None),
    ];
    for (input, expected) in cases {
        let got = Password::new(input.as_str());
        assert_eq!(
            got.as_ref().err().map(facts),
            expected,
            "{} chars, {} bytes",
            input.chars().count(),
            input.len()
        );
        assert_eq!(documented(&input), expected.is_none(), "{input:?}");
        if let Ok(p) = got {
            assert_eq!(p.expose_secret(), input);
        }
    }
    // 128 two-byte characters: 256 bytes, and valid.
    let p = Password::new("é".repeat(128)).unwrap();
    assert_eq!(p.expose_secret().len(), 256);
    assert_eq!(p.expose_secret().chars().count(), 128);
}

#[test]
fn characters() {
    for ok in [
        "\t", "\n", "\r", " ", "~", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "é", "ÿ",
    ] {
        assert!(Password::new(ok).is_ok(), "{ok:?}");
        assert!(Password::new(format!("a{ok}b")).is_ok(), "{ok:?}");
    }
    for c in (0u32..0x20).filter_map(char::from_u32) {
        let expected = matches!(c, '\t' | '\n' | '\r');
        assert_eq!(Password::new(c.to_string()).is_ok(), expected, "{c:?}");
    }
    for bad in [
        '\u{100}',
        '€',
        '\u{2014}',
        '\u{200B}',
        '\u{FEFF}',
        '\u{FFFD}',
        '🔑',
        '\u{10FFFF}',
    ] {
        assert_eq!(check(&format!("ab{bad}cd")), Err((None, Some(2))), "{bad:?}");
    }
}

#[test]
fn every_code_point_up_to_0x400_and_some_beyond_agree_with_the_pattern() {
    let beyond = [0x7FF, 0x800, 0x20AC, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x1F511, 0x10FFFF];
    let chars = (0u32..0x400).chain(beyond).filter_map(char::from_u32);
    for c in chars {
        for s in [
            c.to_string(),
            format!("a{c}"),
            format!("{c}z"),
            format!("{}{c}", "q".repeat(127)),
            format!("{}{c}", "é".repeat(127)),
            format!("{}{c}", "q".repeat(128)),
        ] {
            assert_eq!(Password::new(s.as_str()).is_ok(), documented(&s), "{s:?}");
        }
    }
}

#[test]
fn display_of_every_error() {
    let cases: &[(&str, String)] = &[
        ("", "invalid password: expected 1 to 128 characters, found none".into()),
        (
            "price: 5€",
            r"invalid password: character at position 8 is outside [\t\n\r\u{20}-\u{FF}]".into(),
        ),
        (
            "\0",
            r"invalid password: character at position 0 is outside [\t\n\r\u{20}-\u{FF}]".into(),
        ),
        (
            // positions are in characters: `é` is one, not two
            "ééé\u{1B}",
            r"invalid password: character at position 3 is outside [\t\n\r\u{20}-\u{FF}]".into(),
        ),
        (
            &"x".repeat(129),
            "invalid password: expected at most 128 characters, found 129".into(),
        ),
        (
            &"é".repeat(200),
            "invalid password: expected at most 128 characters, found 200".into(),
        ),
        (
            &format!("{}€", "x".repeat(130)),
            r"invalid password: expected at most 128 characters, found 131; and character at position 130 is outside [\t\n\r\u{20}-\u{FF}]".into(),
        ),
        (
            &"€".repeat(129),
            r"invalid password: expected at most 128 characters, found 129; and character at position 0 is outside [\t\n\r\u{20}-\u{FF}]".into(),
        ),
    ];
    for (input, expected) in cases {
        let err = Password::new(*input).unwrap_err();
        assert_eq!(&err.to_string(), expected, "{input:?}");
    }
    // 128 refused characters: the length is fine, the pattern is not.
    assert_eq!(check(&"€".repeat(128)), Err((None, Some(0))));
    assert_eq!(check(&"€".repeat(129)), Err((Some(129), Some(0))));
    assert_eq!(check(&format!("{}€", "x".repeat(130))), Err((Some(131), Some(130))));
    assert_eq!(check(""), Err((Some(0), None)));
}

#[test]
fn aws_messages_omit_the_value() {
    let pattern = r"Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+";
    let min = "Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1";
    let max = "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128";
    let cases: Vec<(String, String)> = vec![
        (String::new(), format!("2 validation errors detected: {pattern}; {min}")),
        ("price: 5€".into(), format!("1 validation error detected: {pattern}")),
        ("x".repeat(129), format!("1 validation error detected: {max}")),
        ("é".repeat(129), format!("1 validation error detected: {max}")),
        (
            "€".repeat(129),
            format!("2 validation errors detected: {pattern}; {max}"),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            Password::new(input.as_str()).unwrap_err().aws_message(),
            expected,
            "{input:?}"
        );
    }
}

/// Every text `err` can produce, checked against the fixed shapes they may take: the
/// shapes hold only digits from the input, so no character of it can be there.
fn assert_error_texts_hold_no_input(err: &PasswordError) {
    let set = regex::escape(SET);
    let display = regex::Regex::new(&format!(
        r"^invalid password: (expected 1 to 128 characters, found none|expected at most 128 characters, found \d+(; and character at position \d+ is outside {set})?|character at position \d+ is outside {set})$"
    ))
    .unwrap();
    assert!(display.is_match(&err.to_string()), "{err}");
    let debug = regex::Regex::new(
        r"^(Empty|TooLong \{ length: \d+, invalid_character_at: (None|Some\(\d+\)) \}|InvalidCharacter \{ position: \d+ \})$",
    )
    .unwrap();
    assert!(debug.is_match(&format!("{err:?}")), "{err:?}");
    let clause = r"Value at 'password' failed to satisfy constraint: Member must (satisfy regular expression pattern: \[\\u0009\\u000A\\u000D\\u0020-\\u00FF\]\+|have length greater than or equal to 1|have length less than or equal to 128)";
    let aws = regex::Regex::new(&format!(r"^[12] validation errors? detected: {clause}(; {clause})?$")).unwrap();
    assert!(aws.is_match(&err.aws_message()), "{}", err.aws_message());
}

#[test]
fn debug_display_and_errors_never_show_the_password() {
    let long_bad = format!("{}€", "s3cr3t".repeat(30));
    let long_good = "s3cr3t".repeat(30);
    let hostile = HOSTILE
        .iter()
        .copied()
        .chain([long_bad.as_str(), long_good.as_str(), ""]);
    let mut valid = 0;
    let mut invalid = 0;
    for input in hostile {
        match Password::new(input) {
            Ok(p) => {
                valid += 1;
                assert_eq!(format!("{p:?}"), "Password(***)");
                assert_eq!(format!("{p:#?}"), "Password(***)");
                assert_eq!(format!("{p}"), "***");
                assert_eq!(format!("{p:>6}|{p:<5}|{p:^7}"), "   ***|***  |  ***  ");
                assert_eq!(format!("{:?}", Some(&p)), "Some(Password(***))");
                assert_eq!(
                    format!("{:?}", (&p, vec![p.clone()])),
                    "(Password(***), [Password(***)])"
                );
                assert_eq!(p.expose_secret(), input);
            }
            Err(e) => {
                invalid += 1;
                assert_error_texts_hold_no_input(&e);
                for text in [e.to_string(), format!("{e:?}"), e.aws_message()] {
                    assert!(input.is_empty() || !text.contains(input), "{text}");
                }
                // Through serde too.
                let json = ::serde_json::to_string(input).unwrap();
                let de = ::serde_json::from_str::<Password>(&json).unwrap_err().to_string();
                assert!(input.is_empty() || !de.contains(input), "{de}");
                assert!(de.starts_with(&e.to_string()), "{de}");
            }
        }
    }
    assert_eq!((valid, invalid), (20, 14));
}

#[test]
fn equality_is_string_equality() {
    let values = [
        "a", "b", "ab", "abc", "abd", "abcd", "é", "e", "e\u{B4}", "\t", " ", "hunter2", "hunter3", "Hunter2",
        "hunter2 ",
    ];
    for a in values {
        for b in values {
            let (pa, pb) = (Password::new(a).unwrap(), Password::new(b).unwrap());
            assert_eq!(pa == pb, a == b, "{a:?} {b:?}");
            assert_eq!(bool::from(pa.ct_eq(&pb)), a == b, "{a:?} {b:?}");
            assert_eq!(pa != pb, a != b, "{a:?} {b:?}");
        }
    }
    let p = Password::new("x".repeat(128)).unwrap();
    assert_eq!(p.clone(), p);
}

#[test]
fn constructors_agree() {
    for input in ["hunter2", "café ÿ", "", "5€"] {
        let expected = Password::new(input);
        assert_eq!(Password::new(input.to_owned()), expected);
        assert_eq!(input.parse::<Password>(), expected);
        assert_eq!(Password::try_from(input), expected);
        assert_eq!(Password::try_from(input.to_owned()), expected);
    }
}

#[test]
fn serde_carries_the_real_value_only_when_revealed() {
    let p = Password::new("café ÿ\tline\nbreak \"q\"").unwrap();
    // Asked for: the real value, and it reads back.
    let json = ::serde_json::to_string(&Revealed(&p)).unwrap();
    assert_eq!(json, r#""café ÿ\tline\nbreak \"q\"""#);
    let back: Password = ::serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    assert_eq!(back.expose_secret(), "café ÿ\tline\nbreak \"q\"");
    // Not asked for: the marker, which does not read back as a password.
    let json = ::serde_json::to_string(&p).unwrap();
    assert_eq!(json, format!("\"{REDACTED}\""));
    assert_eq!(
        ::serde_json::from_str::<Password>(&json).unwrap_err().to_string(),
        "a redacted password cannot be read back: serialise the request through `Revealed` to keep it"
    );
    // The flag is put back after a revealed serialisation, nested ones included.
    let nested = ::serde_json::to_string(&Revealed(&Revealed(&p))).unwrap();
    assert!(nested.contains("café"));
    assert_eq!(::serde_json::to_string(&p).unwrap(), format!("\"{REDACTED}\""));

    // Inside a request-like JSON object.
    let v = ::serde_json::to_value(Revealed(
        &::serde_json::json!({"UserName": "Bob", "Password": Revealed(&p)}),
    ))
    .unwrap();
    assert_eq!(v["Password"], "café ÿ\tline\nbreak \"q\"");
    let back: Password = ::serde_json::from_value(v["Password"].clone()).unwrap();
    assert_eq!(back, p);

    // Refused values are refused by serde too, with the same message.
    assert_eq!(
        ::serde_json::from_str::<Password>(r#""""#).unwrap_err().to_string(),
        "invalid password: expected 1 to 128 characters, found none"
    );
    assert_eq!(
        ::serde_json::from_str::<Password>(r#""a\u0000b""#)
            .unwrap_err()
            .to_string(),
        r"invalid password: character at position 1 is outside [\t\n\r\u{20}-\u{FF}]"
    );
    assert!(::serde_json::from_str::<Password>("12").is_err());
}

/// The query-string value of `Password` in a vector of `tests/data/`.
fn password_in(name: &str) -> String {
    let body = data(name);
    form_urlencoded::parse(&body)
        .find(|(k, _)| k == "Password")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("{name} has no Password"))
}

#[test]
fn botocores_passwords_are_valid() {
    let cases = [
        ("botocore-request-create.txt", "p@ss w0rd&=+"),
        ("botocore-request-create-password-latin1.txt", "café ÿ\tline\nbreak"),
    ];
    for (name, expected) in cases {
        let value = password_in(name);
        assert_eq!(value, expected, "{name}");
        let p = Password::new(value).unwrap();
        assert_eq!(p.expose_secret(), expected);
    }
}

#[cfg(feature = "arbitrary")]
#[test]
fn arbitrary_passwords_are_valid() {
    use arbitrary::{Arbitrary, Unstructured};
    let mut lengths = std::collections::BTreeSet::new();
    let mut chars = std::collections::BTreeSet::new();
    for seed in 0u32..2000 {
        // A cheap deterministic byte stream per seed.
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        let bytes: Vec<u8> = (0..600)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let p = Password::arbitrary(&mut Unstructured::new(&bytes)).unwrap();
        let s = p.expose_secret();
        assert!(documented(s), "{s:?}");
        assert_eq!(Password::new(s), Ok(p.clone()));
        lengths.insert(s.chars().count());
        chars.extend(s.chars());
    }
    // Empty input gives the shortest password.
    let p = Password::arbitrary(&mut Unstructured::new(&[])).unwrap();
    assert_eq!(p.expose_secret(), "\t");
    assert!(lengths.contains(&1) && lengths.contains(&MAX_LEN), "{lengths:?}");
    assert_eq!(chars.len(), 227);
}

/// Every request type that holds a password, serialised as a log line would: no password
/// (nor any long enough piece of it) in the JSON; through `Revealed`, the password and a
/// round trip.
#[test]
fn serialising_a_request_writes_no_password() {
    use iam_login_profile::{CreateLoginProfileRequest, UpdateLoginProfileRequest, UserName};
    let secret = "Zq7#kV9!xW2@mJ4";
    let create = CreateLoginProfileRequest::new(UserName::new("Bob").unwrap(), Password::new(secret).unwrap());
    let update =
        UpdateLoginProfileRequest::new(UserName::new("Bob").unwrap()).with_password(Password::new(secret).unwrap());
    let jsons = [
        (
            ::serde_json::to_string(&create).unwrap(),
            ::serde_json::to_string(&Revealed(&create)).unwrap(),
        ),
        (
            ::serde_json::to_string(&update).unwrap(),
            ::serde_json::to_string(&Revealed(&update)).unwrap(),
        ),
    ];
    for (logged, revealed) in &jsons {
        for piece in secret.as_bytes().windows(4) {
            let piece = std::str::from_utf8(piece).unwrap();
            assert!(!logged.contains(piece), "{logged} holds `{piece}`");
        }
        assert!(logged.contains(REDACTED), "{logged}");
        assert!(revealed.contains(secret), "{revealed}");
    }
    assert_eq!(
        ::serde_json::from_str::<CreateLoginProfileRequest>(&jsons[0].1).unwrap(),
        create
    );
    assert_eq!(
        ::serde_json::from_str::<UpdateLoginProfileRequest>(&jsons[1].1).unwrap(),
        update
    );
}
