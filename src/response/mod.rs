//! The success responses, both directions: what every response shares (the root
//! `<{Action}Response>`, the optional `<{Action}Result>` with its one member,
//! `ResponseMetadata`), and the result members ([`LoginProfile`], and the
//! [`PasswordPolicy`](crate::PasswordPolicy) `GetAccountPasswordPolicy` returns). Each
//! operation's response type (`GetLoginProfileResponse`, …) is written by the table of
//! operations ([`crate::operation`]) from its entry, which names the result's member.
//!
//! ```xml
//! <GetLoginProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
//!   <GetLoginProfileResult>
//!     <LoginProfile>
//!       <UserName>Bob</UserName>
//!       <CreateDate>2011-09-19T23:00:56Z</CreateDate>
//!       <PasswordResetRequired>false</PasswordResetRequired>
//!     </LoginProfile>
//!   </GetLoginProfileResult>
//!   <ResponseMetadata>
//!     <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
//!   </ResponseMetadata>
//! </GetLoginProfileResponse>
//! ```
//!
//! Decoding is tolerant of what real peers send (docs/protocol.md §10 items 9–16): any namespace
//! or prefix (elements match by local name), a declaration, a BOM, indentation, any
//! element order, unknown elements skipped with their subtrees, entities, character
//! references, CDATA and comments. It is strict where the SDKs are sloppy: a missing
//! `UserName` or `CreateDate` is an error (aws-sdk-iam fills `""` and 1970), so are a
//! duplicate member, an element inside a text member, a boolean other than
//! `true`/`false`, a `UserName` that is not a valid [`UserName`], and any document
//! that is not well-formed to its end.

mod password_policy;

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::operation::ValueError;
use crate::xml::{self, Cursor, DecodeOptions, Document, Fail, Tokens, XmlError, required, set_once};
use crate::{RequestId, Timestamp, UserName};

/// The IAM XML namespace, written on the root element of every response.
pub const XML_NAMESPACE: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

/// [`XML_NAMESPACE`] for the decoders, which recognise its usual declarations by
/// comparing bytes.
pub(crate) const NAMESPACE: xml::Namespace = xml::namespace!(XML_NAMESPACE);

/// A user's login profile (`LoginProfile`): the password's user and creation date.
///
/// ```
/// use iam_login_profile::{GetLoginProfileResponse, LoginProfile, RequestId, UserName};
///
/// let profile = LoginProfile::new(UserName::new("Bob").unwrap(), "2011-09-19T23:00:56Z".parse().unwrap())
///     .with_password_reset_required(true);
/// let xml = GetLoginProfileResponse::new(profile.clone(), Some(RequestId::from_static("req-1"))).to_xml();
/// assert!(xml.contains("<LoginProfile>\n      <UserName>Bob</UserName>\n      <CreateDate>2011-09-19T23:00:56Z</CreateDate>\n      <PasswordResetRequired>true</PasswordResetRequired>\n    </LoginProfile>"));
/// assert_eq!(GetLoginProfileResponse::decode(xml.as_bytes()).unwrap().login_profile, profile);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "PascalCase"))]
#[non_exhaustive]
pub struct LoginProfile<'a> {
    /// The user the password belongs to.
    pub user_name: UserName<'a>,
    /// When the password was created (moto: when the user was created).
    pub create_date: Timestamp,
    /// Must the user set a new password at next sign-in? `None` when IAM omits it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub password_reset_required: Option<bool>,
}

impl<'a> LoginProfile<'a> {
    /// A login profile without `PasswordResetRequired`.
    pub fn new(user_name: UserName<'a>, create_date: Timestamp) -> Self {
        LoginProfile {
            user_name,
            create_date,
            password_reset_required: None,
        }
    }

    /// Sets `PasswordResetRequired`.
    pub fn with_password_reset_required(mut self, required: bool) -> Self {
        self.password_reset_required = Some(required);
        self
    }

    /// Detaches the profile from the input it was decoded from.
    pub fn into_owned(self) -> LoginProfile<'static> {
        LoginProfile {
            user_name: self.user_name.into_owned(),
            create_date: self.create_date,
            password_reset_required: self.password_reset_required,
        }
    }
}

/// A success response a server can send: [`Reply::success`](crate::server::Reply::success)
/// takes any of them.
pub trait EncodeResponse {
    /// Appends the XML IAM sends to `out`.
    fn encode(&self, out: &mut String);
    /// The request id it carries, for the `x-amzn-RequestId` header.
    fn request_id(&self) -> Option<&RequestId<'_>>;
}

/// A success response a client can decode: [`client::decode`](crate::client::decode)
/// takes any of them.
pub trait DecodeResponse<'a>: Sized {
    /// Decodes the body of a `200 OK`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`]: what is malformed or missing, where, or which member's value is
    /// not valid.
    fn decode_with(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError>;

    /// Decodes on the reference (`quick-xml`) path only: what the fuzz properties hold
    /// the default path equal to. Not part of the API.
    #[cfg(any(fuzzing, feature = "__internal"))]
    #[doc(hidden)]
    fn decode_reference(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError>;
}

/// Writes `ResponseMetadata` with the request id, indented as IAM does.
pub(crate) fn encode_metadata(out: &mut String, request_id: Option<&RequestId<'_>>) {
    if let Some(id) = request_id {
        out.push_str("  <ResponseMetadata>\n");
        xml::element(out, "    ", "RequestId", id.as_str());
        out.push_str("  </ResponseMetadata>\n");
    }
}

/// Serde for `request_id` as `{"RequestId": …}`, the `ResponseMetadata` of boto3.
#[cfg(feature = "serde")]
pub(crate) mod metadata {
    use super::RequestId;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct ResponseMetadata<'a> {
        #[serde(rename = "RequestId", default)]
        request_id: Option<RequestId<'a>>,
    }

    pub(crate) fn serialize<S: Serializer>(id: &Option<RequestId<'_>>, s: S) -> Result<S::Ok, S::Error> {
        ResponseMetadata { request_id: id.clone() }.serialize(s)
    }

    pub(crate) fn deserialize<'de, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<RequestId<'a>>, D::Error> {
        Ok(Option::<ResponseMetadata<'a>>::deserialize(d)?.and_then(|m| m.request_id))
    }
}

const METADATA: &str = "ResponseMetadata";

/// The one member of an operation's `<{Action}Result>` (each result of the table holds one
/// structure: `LoginProfile`, `PasswordPolicy`): how its children are read, checked and
/// written. The table names the member's element and writes the response around it.
pub(crate) trait ResultMember<'a>: Sized {
    /// The children as read, before their values are checked.
    type Text;
    /// The member with nothing borrowed from the input.
    type Owned;

    /// Reads the children of the member's element `element` (the cursor is inside it).
    fn read<T: Tokens<'a>>(c: &mut Cursor<T>, element: &'static str) -> Result<Self::Text, Fail>;

    /// The member, or the first child (in the model's order) whose value is not valid.
    /// Called once the whole document has been read, so a malformed document is named
    /// before a bad value.
    fn check(text: Self::Text, element: &'static str) -> Result<Self, DecodeError>;

    /// Writes the children as IAM does, one per line at the depth of a result's member's
    /// children (six spaces).
    fn encode_children(&self, out: &mut String);

    /// Detaches the member from the input it was decoded from.
    fn into_owned(self) -> Self::Owned;
}

/// The awsQuery response around an operation's result: the root `<{root}>`, holding the
/// `<{result}>` element (required when given; each of its children goes to `member`
/// with its index in `members`, `members.len()` for any other, and the member reads or
/// skips it) and `ResponseMetadata/RequestId`, in any order, anything else skipped.
/// Returns the request id.
fn read_query_response<'a, T: Tokens<'a>>(
    c: &mut Cursor<T>,
    root: &'static str,
    result: Option<&'static str>,
    members: &[&'static str],
    mut member: impl FnMut(&mut Cursor<T>, usize, usize) -> Result<(), Fail>,
) -> Result<Option<RequestId<'a>>, Fail> {
    let (index, found) = c.root(&[root])?;
    if index != 0 {
        return Err(XmlError::UnexpectedRoot {
            expected: root,
            found: found.to_owned(),
        }
        .into());
    }
    let mut request_id = None;
    let mut seen_result = None;
    let mut metadata = None;
    // The children read: the metadata, and the result when there is one.
    let children = [METADATA, result.unwrap_or(METADATA)];
    let children = &children[..if result.is_some() { 2 } else { 1 }];
    while let Some((child, offset)) = c.next_member(children)? {
        if child == 1 {
            let result = result.unwrap_or_default();
            set_once(&mut seen_result, (), result, root, offset)?;
            while let Some((index, offset)) = c.next_member(members)? {
                member(c, index, offset)?;
            }
        } else if child == 0 {
            set_once(&mut metadata, (), METADATA, root, offset)?;
            while let Some((child, offset)) = c.next_member(&["RequestId"])? {
                if child == 0 {
                    let id = RequestId(c.text("RequestId")?);
                    set_once(&mut request_id, id, "RequestId", METADATA, offset)?;
                } else {
                    c.skip()?;
                }
            }
        } else {
            c.skip()?;
        }
    }
    c.finish()?;
    if let Some(result) = result {
        required(seen_result, result, root)?;
    }
    Ok(request_id)
}

/// The document of a response with a result: `<{root}><{result}><{member}>…` (the
/// member's children read by `R`) and the request id.
pub(crate) struct ResultDocument<R> {
    root: &'static str,
    result: &'static str,
    member: &'static str,
    read: PhantomData<fn() -> R>,
}

impl<R> ResultDocument<R> {
    pub(crate) const fn new(root: &'static str, result: &'static str, member: &'static str) -> Self {
        ResultDocument {
            root,
            result,
            member,
            read: PhantomData,
        }
    }
}

impl<'a, R: ResultMember<'a>> Document<'a> for ResultDocument<R> {
    type Output = (R::Text, Option<RequestId<'a>>);

    fn namespace(&self) -> xml::Namespace {
        NAMESPACE
    }

    fn read<T: Tokens<'a>>(&self, c: &mut Cursor<T>) -> Result<Self::Output, Fail> {
        let (result, element) = (self.result, self.member);
        let mut text = None;
        let request_id = read_query_response(
            c,
            self.root,
            Some(result),
            &[element],
            |c, member, offset| match member {
                0 => {
                    let read = R::read(c, element)?;
                    set_once(&mut text, read, element, result, offset)
                }
                _ => c.skip(),
            },
        )?;
        Ok((required(text, element, result)?, request_id))
    }
}

/// The document of a response with no result: `<{root}>` holding only the request id.
pub(crate) struct MetadataDocument {
    root: &'static str,
}

impl MetadataDocument {
    pub(crate) const fn new(root: &'static str) -> Self {
        MetadataDocument { root }
    }
}

impl<'a> Document<'a> for MetadataDocument {
    type Output = Option<RequestId<'a>>;

    fn namespace(&self) -> xml::Namespace {
        NAMESPACE
    }

    fn read<T: Tokens<'a>>(&self, c: &mut Cursor<T>) -> Result<Self::Output, Fail> {
        read_query_response(c, self.root, None, &[], |c, _, _| c.skip())
    }
}

/// Writes `<{Action}Response xmlns="…">` and its line end.
pub(crate) fn open_response(out: &mut String, action: crate::Action) {
    out.push('<');
    out.push_str(action.as_str());
    out.push_str("Response xmlns=\"");
    out.push_str(XML_NAMESPACE);
    out.push_str("\">\n");
}

/// Writes `<{Action}Result>` holding the result's member `element`, indented as IAM does.
pub(crate) fn encode_result<'a, R: ResultMember<'a>>(
    out: &mut String,
    action: crate::Action,
    element: &str,
    member: &R,
) {
    out.push_str("  <");
    out.push_str(action.as_str());
    out.push_str("Result>\n    <");
    out.push_str(element);
    out.push_str(">\n");
    member.encode_children(out);
    out.push_str("    </");
    out.push_str(element);
    out.push_str(">\n  </");
    out.push_str(action.as_str());
    out.push_str("Result>\n");
}

/// Writes the request id's `ResponseMetadata` (nothing without one) and closes the root.
pub(crate) fn close_response(out: &mut String, action: crate::Action, request_id: Option<&RequestId<'_>>) {
    encode_metadata(out, request_id);
    out.push_str("</");
    out.push_str(action.as_str());
    out.push_str("Response>\n");
}

/// The children of a `LoginProfile` as read, before their values are checked.
pub(crate) struct ProfileText<'a> {
    user_name: Cow<'a, str>,
    create_date: Cow<'a, str>,
    password_reset_required: Option<Cow<'a, str>>,
}

const USER_NAME: &str = "UserName";
const CREATE_DATE: &str = "CreateDate";
const PASSWORD_RESET_REQUIRED: &str = "PasswordResetRequired";

impl<'a> ResultMember<'a> for LoginProfile<'a> {
    type Text = ProfileText<'a>;
    type Owned = LoginProfile<'static>;

    fn read<T: Tokens<'a>>(c: &mut Cursor<T>, profile: &'static str) -> Result<ProfileText<'a>, Fail> {
        let mut user_name: Option<Cow<'a, str>> = None;
        let mut create_date: Option<Cow<'a, str>> = None;
        let mut reset = None;
        while let Some((member, offset)) = c.next_member(&[USER_NAME, CREATE_DATE, PASSWORD_RESET_REQUIRED])? {
            match member {
                0 => set_once(&mut user_name, c.text(USER_NAME)?, USER_NAME, profile, offset)?,
                1 => set_once(&mut create_date, c.text(CREATE_DATE)?, CREATE_DATE, profile, offset)?,
                2 => {
                    let text = c.text(PASSWORD_RESET_REQUIRED)?;
                    set_once(&mut reset, text, PASSWORD_RESET_REQUIRED, profile, offset)?;
                }
                _ => c.skip()?,
            }
        }
        Ok(ProfileText {
            user_name: required(user_name, USER_NAME, profile)?,
            create_date: required(create_date, CREATE_DATE, profile)?,
            password_reset_required: reset,
        })
    }

    #[inline]
    fn check(text: ProfileText<'a>, profile: &'static str) -> Result<Self, DecodeError> {
        let invalid = |member, cause| DecodeError::invalid(member, profile, cause);
        let user_name = UserName::new(text.user_name).map_err(|e| invalid(USER_NAME, e.into()))?;
        let create_date = Timestamp::parse(&text.create_date).map_err(|e| invalid(CREATE_DATE, e.into()))?;
        let password_reset_required = match text.password_reset_required {
            Some(text) => Some(parse_bool(&text).map_err(|e| invalid(PASSWORD_RESET_REQUIRED, e))?),
            None => None,
        };
        Ok(LoginProfile {
            user_name,
            create_date,
            password_reset_required,
        })
    }

    fn encode_children(&self, out: &mut String) {
        xml::element(out, "      ", USER_NAME, self.user_name.as_str());
        out.push_str("      <CreateDate>");
        self.create_date.encode(out);
        out.push_str("</CreateDate>\n");
        if let Some(reset) = self.password_reset_required {
            out.push_str(if reset {
                "      <PasswordResetRequired>true</PasswordResetRequired>\n"
            } else {
                "      <PasswordResetRequired>false</PasswordResetRequired>\n"
            });
        }
    }

    fn into_owned(self) -> LoginProfile<'static> {
        LoginProfile::into_owned(self)
    }
}

/// `true` or `false`, exactly (as aws-sdk-iam; botocore reads anything else as false).
pub(crate) fn parse_bool(text: &str) -> Result<bool, ValueError> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ValueError::Boolean { found: text.to_owned() }),
    }
}

/// Why a response body (a success or an error response) could not be decoded: the
/// document, or the value of one of its members.
///
/// ```
/// use iam_login_profile::{DecodeError, GetLoginProfileResponse, ValueError};
///
/// let xml = br#"<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile>
///   <UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>
///   <PasswordResetRequired>yes</PasswordResetRequired>
/// </LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>"#;
/// let err = GetLoginProfileResponse::decode(xml).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid `PasswordResetRequired` in `LoginProfile`: expected `true` or `false`, found `yes`"
/// );
/// assert!(matches!(err, DecodeError::InvalidMember { cause: ValueError::Boolean { .. }, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The document is not well-formed, or not the document expected (a member missing
    /// or repeated, another root element…).
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// A member whose text is not a valid value of its type.
    #[error("invalid `{member}` in `{parent}`: {cause}")]
    InvalidMember {
        /// The member's element.
        member: &'static str,
        /// Its parent element.
        parent: &'static str,
        /// What is wrong with its value (also in this error's message).
        cause: ValueError,
    },
}

impl DecodeError {
    #[cold]
    pub(crate) fn invalid(member: &'static str, parent: &'static str, cause: ValueError) -> Self {
        DecodeError::InvalidMember { member, parent, cause }
    }

    /// The XML error, when the document is at fault rather than a member's value.
    pub fn as_xml(&self) -> Option<&XmlError> {
        match self {
            DecodeError::Xml(e) => Some(e),
            DecodeError::InvalidMember { .. } => None,
        }
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, 'b> arbitrary::Arbitrary<'a> for LoginProfile<'b> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(LoginProfile {
            user_name: u.arbitrary()?,
            create_date: u.arbitrary()?,
            password_reset_required: u.arbitrary()?,
        })
    }
}

#[cfg(test)]
mod tests {
    /// Every variant document of `tests/data/variants/`, with CRs put in or taken out
    /// and a reference or a forbidden character added, decodes to the same value or
    /// error whether the tokenizer's document check runs the vector searches or the
    /// survey.
    #[test]
    fn the_survey_path_reads_as_the_vector_path() {
        use crate::{ErrorResponse, GetLoginProfileResponse};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/variants");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        paths.sort();
        assert_eq!(paths.len(), 26);
        let mut checked = 0;
        for path in paths {
            let doc = std::fs::read_to_string(&path).unwrap();
            let variants = [
                doc.clone(),
                doc.replace('\n', "\r\n"),
                doc.replace("\r\n", "\n").replace('\n', "\r"),
                doc.replace("-", "&#45;"),
                doc.replacen('\n', "\r\n", 1).replacen("Bob", "B&amp;b", 1),
                doc.replacen("Bob", "B]o\rb", 1),
                doc.replacen("</UserName>", "\u{1}</UserName>", 1),
                doc.replacen("EXAMPLE", "EX\u{FFFF}", 1),
            ];
            for variant in variants {
                let read = || {
                    (
                        GetLoginProfileResponse::decode(variant.as_bytes()),
                        ErrorResponse::decode(variant.as_bytes()),
                    )
                };
                let (vector, survey) = (read(), crate::xml::survey::without_vector_searches(read));
                assert_eq!(vector, survey, "{variant}");
                checked += usize::from(vector.0.is_ok() || vector.1.is_ok());
            }
        }
        assert!(checked > 50, "{checked}");
    }
}
