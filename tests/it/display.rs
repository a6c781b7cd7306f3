//! Errors that can be logged: no `Display` shows a control character from the input, and
//! what it shows of the input is cut short. Errors are `'static` and pass up with `?`.

use iam_login_profile::{
    ClientError, ErrorResponse, GetLoginProfileRequest, GetLoginProfileResponse, Request, RequestError, Timestamp,
    UserName, client,
};

/// Inputs an attacker would send to forge log lines or drive a terminal.
const HOSTILE: &[&str] = &[
    "Get\nFAKE\u{1b}[31m",
    "a\rb",
    "\u{0}\u{7}\u{8}",
    "x\u{2028}y\u{2029}z\u{85}",
    "\u{9b}31m",
    "\t\u{7f}",
];

fn assert_clean(what: &str, shown: &str) {
    assert!(
        !shown
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')),
        "{what}: control character in {shown:?}"
    );
    assert!(
        shown.chars().count() < 800,
        "{what}: {} characters",
        shown.chars().count()
    );
}

fn percent(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn no_display_shows_a_control_character() {
    for hostile in HOSTILE {
        let long = format!("{hostile}{}", "A".repeat(500));
        for h in [hostile.to_string(), long] {
            let p = percent(&h);
            let bodies = [
                format!("Action={p}&Version=2010-05-08"),
                format!("Action=GetLoginProfile&Version={p}"),
                format!("Action=GetLoginProfile&Version=2010-05-08&{p}=1"),
                format!("Action=GetLoginProfile&Version=2010-05-08&UserName={p}"),
                format!("Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&PasswordResetRequired={p}"),
                format!("Action=CreateLoginProfile&Version=2010-05-08&UserName=Bob&Password={p}"),
                format!("{p}=1&{p}=2"),
            ];
            for body in &bodies {
                // Some are valid passwords (U+0080..U+009F are in `passwordType`'s range).
                match Request::decode(body.as_bytes()) {
                    Err(err) => assert_clean(body, &err.to_string()),
                    Ok(request) => assert_eq!(request.action(), iam_login_profile::Action::CreateLoginProfile),
                }
            }
            let err = iam_login_profile::server::decode_request(&h, None, "", b"").unwrap_err();
            assert_clean("method", &err.to_string());
            assert_clean("user name", &UserName::new(h.as_str()).unwrap_err().to_string());
            assert_clean("timestamp", &Timestamp::parse(&h).unwrap_err().to_string());
            if let Err(e) = iam_login_profile::RequestId::new(h.as_str()) {
                assert_clean("text", &e.to_string());
            }
            // XML that echoes names and values: a root, an entity, a boolean.
            let name: String = h.chars().filter(|c| c.is_alphanumeric()).collect();
            let name = if name.is_empty() {
                "x".to_owned()
            } else {
                format!("x{name}")
            };
            for doc in [
                format!("<{name}/>"),
                format!("<GetLoginProfileResponse>&{name};</GetLoginProfileResponse>"),
                format!(
                    "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile><UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate><PasswordResetRequired>{}</PasswordResetRequired></LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>",
                    h.replace(['<', '&'], "")
                ),
                format!("<GetLoginProfileResponse><a></{name}></GetLoginProfileResponse>"),
            ] {
                if let Err(e) = GetLoginProfileResponse::decode(doc.as_bytes()) {
                    assert_clean(&doc, &e.to_string());
                    let err = client::decode::<GetLoginProfileRequest>(200, doc.as_bytes()).unwrap_err();
                    assert_clean(&doc, &err.to_string());
                }
            }
            // A peer's error whose message and code carry line breaks and escapes.
            let xml = format!(
                "<ErrorResponse><Error><Code>Bad{}</Code><Message>{}</Message></Error><RequestId>{}</RequestId></ErrorResponse>",
                h.replace(['<', '&'], "")
                    .replace(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'), ""),
                h.replace(['<', '&'], "")
                    .replace(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'), ""),
                "r\u{2028}1"
            );
            let err = client::decode::<GetLoginProfileRequest>(400, xml.as_bytes()).unwrap_err();
            assert_clean(&xml, &err.to_string());
            let ErrorResponse { .. } = *err.error_response().unwrap();
        }
    }
}

#[test]
fn errors_pass_up_with_question_mark() {
    fn get(status: u16, body: Vec<u8>) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let response = client::decode::<GetLoginProfileRequest>(status, &body)?;
        Ok(response.login_profile.user_name.as_str().to_owned())
    }
    fn decode(body: &[u8]) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Request::decode(body)?.action().to_string())
    }
    let body =
        b"<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>gone</Message></Error></ErrorResponse>".to_vec();
    let err = get(404, body).unwrap_err();
    assert_eq!(err.to_string(), "HTTP 404: NoSuchEntity: gone");
    let client_err = err.downcast::<ClientError>().unwrap();
    assert_eq!(client_err.http_status(), 404);
    let err = decode(b"Version=2010-05-08").unwrap_err();
    assert_eq!(*err.downcast::<RequestError>().unwrap(), RequestError::MissingAction);
}
