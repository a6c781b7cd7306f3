//! The document variants of issue 8 (`tests/data/variants/`, written by its
//! `generate.py`): each one XML feature a real server may use, alone. Every one decodes
//! on the tokenizer's path to what the quick-xml path gives, and to the expected values.

use iam_login_profile::{DecodeOptions, ErrorCode, ErrorResponse, GetLoginProfileResponse};

use crate::data;

const SUCCESS: [&str; 20] = [
    "iam",
    "moto",
    "compact",
    "declaration",
    "bom",
    "crlf",
    "entities",
    "char-refs",
    "cdata",
    "comment",
    "pi",
    "prefixes",
    "metadata-first",
    "unknown-element",
    "tabs",
    "reordered",
    "no-namespace",
    "attributes",
    "offset-date",
    "large",
];

const ERROR: [&str; 6] = ["iam", "moto", "ec2", "declaration-crlf", "entities", "prefixes"];

const ID: &str = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE";

#[test]
fn every_success_variant_decodes_on_both_paths_to_the_expected_values() {
    for name in SUCCESS {
        let doc = data(&format!("variants/success-{name}.xml"));
        let r = GetLoginProfileResponse::decode(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            iam_login_profile::internal::decode_response_reference(&doc, &DecodeOptions::new()).as_ref(),
            Ok(&r),
            "{name}"
        );
        let p = &r.login_profile;
        assert_eq!(p.user_name.as_str(), "Bob", "{name}");
        let (date, reset, id) = match name {
            "moto" => (
                "2026-11-23T17:57:57.90714Z",
                Some(false),
                "vCbKkpWmLl8ExvA99ogsP9lbfb9k4a0HIyONLzdKAfzmvT4ccfXo",
            ),
            "entities" => ("2011-09-19T23:00:56Z", None, "7a62c49f-347e-4fc4-9331-6e8e&EXAMPLE<>"),
            "reordered" => ("2011-09-19T23:00:56Z", Some(true), ID),
            "offset-date" => ("2011-09-19T23:00:56.25Z", None, ID),
            _ => ("2011-09-19T23:00:56Z", None, ID),
        };
        assert_eq!(p.create_date.to_string(), date, "{name}");
        assert_eq!(p.password_reset_required, reset, "{name}");
        assert_eq!(r.request_id.as_ref().map(|i| i.as_str()), Some(id), "{name}");
    }
}

#[test]
fn every_error_variant_decodes_on_both_paths_to_the_expected_values() {
    for name in ERROR {
        let doc = data(&format!("variants/error-{name}.xml"));
        let e = ErrorResponse::decode(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            iam_login_profile::internal::decode_error_reference(&doc, &DecodeOptions::new()).as_ref(),
            Ok(&e),
            "{name}"
        );
        let (code, message) = match name {
            "moto" => (ErrorCode::NO_SUCH_ENTITY, "The user with name Nobody cannot be found."),
            "ec2" => (ErrorCode::NO_SUCH_ENTITY, "The user with name Bob cannot be found."),
            "entities" => (
                ErrorCode::ACCESS_DENIED,
                "User: arn:aws:iam::579766882180:user/Suganthi.Mani is \"not\" authorized & cannot proceed to perform: iam:GetUser on resource: user Suganthi.Mani",
            ),
            _ => (
                ErrorCode::ACCESS_DENIED,
                "User: arn:aws:iam::579766882180:user/Suganthi.Mani is not authorized to perform: iam:GetUser on resource: user Suganthi.Mani",
            ),
        };
        assert_eq!(e.error.code, code, "{name}");
        assert_eq!(e.error.message.as_ref().map(|m| m.as_str()), Some(message), "{name}");
    }
}

/// Values borrow from the input unless they had to be rewritten.
#[test]
fn values_borrow_unless_rewritten() {
    for name in SUCCESS {
        let doc = data(&format!("variants/success-{name}.xml"));
        let r = GetLoginProfileResponse::decode(&doc).unwrap();
        let range = doc.as_ptr_range();
        let borrowed = |s: &str| range.contains(&s.as_ptr());
        assert!(borrowed(r.login_profile.user_name.as_str()), "{name}");
        let id = r.request_id.as_ref().unwrap().as_str();
        assert_eq!(borrowed(id), !matches!(name, "entities" | "char-refs"), "{name}");
    }
}
