//! `UserName`: the validator against the documented pattern
//! (`iam_login_profile::user_name::matches_documented_pattern`), and AWS's
//! `ValidationError` messages verbatim.

use iam_login_profile::fuzzing::{USER_NAME_PATTERN as PATTERN, matches_documented_pattern};
use iam_login_profile::user_name::{AWS_PATTERN, MAX_LEN};
use iam_login_profile::{GetLoginProfileRequest, UserName};

/// (input, valid?)
const TABLE: &[(&str, bool)] = &[
    ("Bob", true),
    ("a+b=c,d.e@f-g_h", true),
    ("A", true),
    ("0", true),
    ("_", true),
    ("+=,.@-", true),
    ("", false),
    ("a b", false),
    ("José", false),
    ("名前", false),
    ("٣", false),
    ("ａ", false),
    ("Bob\n", false),
    ("\nBob", false),
    ("Bob\r", false),
    ("Bob\0", false),
    ("a/b", false),
    ("a:b", false),
    ("a~b", false),
    ("a*b", false),
    ("a#b", false),
    ("a'b", false),
    ("a\"b", false),
    ("a<b", false),
    ("a&b", false),
    ("a\u{7F}", false),
    ("\u{200B}", false),
];

#[test]
fn table_against_the_documented_pattern() {
    assert_eq!(PATTERN, r"^(?-u:[\w+=,.@-]){1,64}$");
    assert_eq!(AWS_PATTERN, r"[\w+=,.@-]+");
    assert_eq!(MAX_LEN, 64);
    for (input, valid) in TABLE {
        assert_eq!(UserName::new(*input).is_ok(), *valid, "{input:?}");
        assert_eq!(matches_documented_pattern(input), *valid, "{input:?}");
    }
    for n in [1, 2, 63, 64, 65, 66, 128, 1000] {
        let s = "x".repeat(n);
        assert_eq!(UserName::new(s.as_str()).is_ok(), n <= 64, "{n}");
        assert_eq!(matches_documented_pattern(&s), n <= 64, "{n}");
    }
}

#[test]
fn every_byte_and_pairs_agree_with_the_pattern() {
    for c in (0u32..0x300).filter_map(char::from_u32) {
        for s in [
            c.to_string(),
            format!("a{c}"),
            format!("{c}z"),
            format!("{}{c}", "q".repeat(63)),
        ] {
            assert_eq!(
                UserName::new(s.as_str()).is_ok(),
                matches_documented_pattern(&s),
                "{s:?}"
            );
        }
    }
}

#[test]
fn display_says_what_and_where() {
    let cases: &[(&str, &str)] = &[
        ("", "invalid user name ``: expected 1 to 64 characters, found none"),
        (
            "bad name",
            "invalid user name `bad name`: character ' ' at offset 3 is not one of [A-Za-z0-9_+=,.@-]",
        ),
        (
            "José",
            "invalid user name `José`: character 'é' at offset 3 is not one of [A-Za-z0-9_+=,.@-]",
        ),
        (
            "Bob\n",
            "invalid user name `Bob\\n`: character '\\n' at offset 3 is not one of [A-Za-z0-9_+=,.@-]",
        ),
        (
            "名前",
            "invalid user name `名前`: character '名' at offset 0 is not one of [A-Za-z0-9_+=,.@-]",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(UserName::new(*input).unwrap_err().to_string(), *message, "{input:?}");
    }
    let long = "a".repeat(65);
    assert_eq!(
        UserName::new(long.as_str()).unwrap_err().to_string(),
        format!(
            "invalid user name `{}…`: expected at most 64 characters, found 65",
            &long[..64]
        )
    );
    let long_bad = format!("{}é", "a".repeat(64));
    assert_eq!(
        UserName::new(long_bad.as_str()).unwrap_err().to_string(),
        format!(
            "invalid user name `{}…`: expected at most 64 characters, found 65; and character 'é' at offset 64 is not one of [A-Za-z0-9_+=,.@-]",
            &long_bad[..64]
        )
    );
}

#[test]
fn error_accessors() {
    let e = UserName::new("ab cd").unwrap_err();
    assert_eq!(e.value(), "ab cd");
    assert_eq!(e.invalid_char(), Some((2, ' ')));
    assert_eq!(e.invalid_length(), None);
    // Length counts characters: 65 × `é` is 130 bytes, 65 characters.
    let e = UserName::new("é".repeat(65)).unwrap_err();
    assert_eq!(e.invalid_length(), Some(65));
    assert_eq!(e.invalid_char(), Some((0, 'é')));
}

fn aws(input: &str) -> String {
    UserName::new(input).unwrap_err().aws_message()
}

#[test]
fn aws_validation_messages_verbatim() {
    assert_eq!(
        aws("bad name"),
        r"1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
    );
    let long = "a".repeat(65);
    assert_eq!(
        aws(&long),
        format!(
            "1 validation error detected: Value '{long}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"
        )
    );
    assert_eq!(
        aws(""),
        r"2 validation errors detected: Value '' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+; Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    let long_bad = format!("{} ", "a".repeat(70));
    assert_eq!(
        aws(&long_bad),
        format!(
            "2 validation errors detected: Value '{long_bad}' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; Value '{long_bad}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"
        )
    );
}

#[test]
fn aws_message_is_what_a_server_sends() {
    let err = GetLoginProfileRequest::decode(b"Action=GetLoginProfile&Version=2010-05-08&UserName=").unwrap_err();
    assert_eq!(err.message(), aws(""));
    let body = format!("Action=GetLoginProfile&Version=2010-05-08&UserName={}", "a".repeat(65));
    let err = GetLoginProfileRequest::decode(body.as_bytes()).unwrap_err();
    assert_eq!(err.message(), aws(&"a".repeat(65)));
}

#[test]
fn constructors_and_traits() {
    let borrowed = UserName::new("Bob").unwrap();
    assert_eq!(borrowed.as_str(), "Bob");
    assert_eq!(borrowed.to_string(), "Bob");
    assert_eq!(format!("{borrowed:?}"), "UserName(\"Bob\")");
    assert_eq!(AsRef::<str>::as_ref(&borrowed), "Bob");
    assert_eq!("Bob".parse::<UserName<'static>>().unwrap(), borrowed);
    assert_eq!(UserName::try_from("Bob").unwrap(), borrowed);
    assert_eq!(UserName::try_from(String::from("Bob")).unwrap(), borrowed);
    assert!("a b".parse::<UserName<'static>>().is_err());
    assert!(UserName::try_from(String::new()).is_err());
    let owned: UserName<'static> = borrowed.clone().into_owned();
    assert_eq!(owned, borrowed);
    // Case is kept (IAM names are case-insensitive for uniqueness, not on the wire).
    assert_ne!(UserName::new("bob").unwrap(), borrowed);
}
