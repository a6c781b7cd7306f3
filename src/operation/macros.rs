//! The table's reader: `operations!` writes everything an operation has from its one
//! entry in the table (`operations! { … }` in `mod.rs`); `field!` says what a member's kind
//! (`required` or `optional`) means at each place.

/// Whether a member is `required` (its field is the value) or `optional` (an `Option`).
macro_rules! field {
    (@ty required $ty:ty) => { $ty };
    (@ty optional $ty:ty) => { Option<$ty> };
    (@get required $e:expr) => { Some(&$e) };
    (@get optional $e:expr) => { $e.as_ref() };
    (@set required $e:expr) => { $e };
    (@set optional $e:expr) => { Some($e) };
    (@owned required $e:expr) => { Value::into_static($e) };
    (@owned optional $e:expr) => { $e.map(Value::into_static) };
    (@order) => { 0 };
    (@order $order:literal) => { $order };
    (@required required) => { true };
    (@required optional) => { false };
    (@build required $members:expr, $wire:literal, $e:expr) => {
        match $e {
            Some(value) => value,
            None => return Err(missing($members, $wire)),
        }
    };
    (@build optional $members:expr, $wire:literal, $e:expr) => { $e };
    (@serde required $wire:literal, $e:expr) => {
        match $e {
            Some(value) => value,
            None => return Err(serde::de::Error::missing_field($wire)),
        }
    };
    (@serde optional $wire:literal, $e:expr) => { $e };
}

/// The table's reader: writes everything an operation has from its one entry.
macro_rules! operations {
    ($(
        $(#[$action_doc:meta])*
        $action:ident => $request:ident {
            $(#[$request_attr:meta])*
            new($($arg:ident: $arg_ty:ty),*);
            $(
                $(#[$member_doc:meta])*
                $field:ident: $kind:ident $ty:ty = $wire:literal as $message:literal $(order $order:literal)?,
                    new $init:expr, $with:ident;
            )*
        } -> $response:ident {
            $(#[$response_doc:meta])*
            $($result:ident: $result_ty:ty = $result_wire:literal;)?
        }
    )*) => {
        /// An operation of the table: its `Action` name and its members.
        ///
        /// ```
        /// use iam_login_profile::Action;
        ///
        /// assert_eq!(Action::UpdateLoginProfile.as_str(), "UpdateLoginProfile");
        /// assert_eq!("DeleteLoginProfile".parse::<Action>(), Ok(Action::DeleteLoginProfile));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[non_exhaustive]
        pub enum Action {
            $($(#[$action_doc])* $action,)*
        }

        impl Action {
            /// Every action of the table, in its order.
            pub const ALL: &'static [Action] = &[$(Action::$action),*];

            /// The `Action` parameter's value.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Action::$action => stringify!($action),)*
                }
            }

            /// The action named `name` (case-sensitive, as IAM).
            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $(stringify!($action) => Some(Action::$action),)*
                    _ => None,
                }
            }

            /// The request members, in wire order.
            pub const fn members(self) -> &'static [Member] {
                match self {
                    $(Action::$action => $request::MEMBERS,)*
                }
            }
        }

        /// Every member's wire name, operation by operation (a name taken by several
        /// operations is there several times; the first stands for it).
        pub(crate) const WIRE_NAMES: [&str; 0 $($(+ { let _ = $wire; 1 })*)*] = [$($($wire,)*)*];

        /// The most members an operation has.
        pub(crate) const MAX_MEMBERS: usize = {
            let counts = [0 $(, 0 $(+ { let _ = $wire; 1 })*)*];
            let mut max = 0;
            let mut i = 0;
            while i < counts.len() {
                if counts[i] > max {
                    max = counts[i];
                }
                i += 1;
            }
            max
        };

        /// Any request of the table, as a server receives it: decode once, then match on
        /// the operation.
        ///
        /// ```
        /// use iam_login_profile::{Action, Request};
        ///
        /// let body = b"Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&PasswordResetRequired=true";
        /// match Request::decode(body).unwrap() {
        ///     Request::UpdateLoginProfile(update) => {
        ///         assert_eq!(update.user_name.as_str(), "Bob");
        ///         assert_eq!(update.password_reset_required, Some(true));
        ///         assert!(update.password.is_none());
        ///     }
        ///     other => panic!("unexpected {:?}", other.action()),
        /// }
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Request<'a> {
            $(
                #[doc = concat!("`", stringify!($action), "`.")]
                $action($request<'a>),
            )*
        }

        impl<'a> Request<'a> {
            /// The request type of `action` from its raw members, in its order.
            #[inline(always)]
            pub(crate) fn from_raw(action: Action, members: RawMembers<'a>) -> Result<Self, RequestError> {
                match action {
                    $(Action::$action => $request::from_raw(members).map(Request::$action),)*
                }
            }

            /// A body in botocore's exact shape, read without the general splitter:
            /// UTF-8, `Action=<an action of the table>&Version=2010-05-08`, then any of the
            /// action's members in its order, each once, every escape well formed. `None`
            /// for anything else (the general path then reads it). Its raw members are what
            /// the general splitter collects from the same bytes, so the request type gives
            /// the same result either way (the `family_request` fuzz target holds the two
            /// equal). Each comparison is with a constant written from the table.
            #[inline(always)]
            pub(crate) fn botocore(input: &'a [u8]) -> Option<Result<Self, RequestError>> {
                $(
                    let head = concat!("Action=", stringify!($action), "&Version=2010-05-08");
                    if input.get(7) == Some(&stringify!($action).as_bytes()[0])
                        && decode::has_at(input, 0, head.as_bytes())
                    {
                        let raw = $request::botocore(input, head.len())?;
                        return Some($request::from_raw(raw).map(Request::$action));
                    }
                )*
                None
            }

            /// The operation.
            pub fn action(&self) -> Action {
                match self {
                    $(Request::$action(_) => Action::$action,)*
                }
            }

            /// Calls `f` with each member present, in wire order.
            pub fn for_each_member<'s>(&'s self, f: impl FnMut(Member, ValueRef<'s>)) {
                match self {
                    $(Request::$action(r) => r.for_each_member(f),)*
                }
            }

            /// Appends the form body botocore sends to `out`.
            pub fn encode(&self, out: &mut String) {
                match self {
                    $(Request::$action(r) => r.encode(out),)*
                }
            }

            /// Detaches the request from the input it was decoded from.
            pub fn into_owned(self) -> Request<'static> {
                match self {
                    $(Request::$action(r) => Request::$action(r.into_owned()),)*
                }
            }
        }

        /// Any request, each operation equally likely.
        #[cfg(feature = "arbitrary")]
        impl<'a, 'b> arbitrary::Arbitrary<'a> for Request<'b> {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                Ok(match Action::ALL[u.choose_index(Action::ALL.len())?] {
                    $(Action::$action => Request::$action(u.arbitrary()?),)*
                })
            }
        }

        /// The request and response type of every operation, which the crate root
        /// re-exports.
        pub(crate) mod types {
            pub use super::{$($request, $response),*};
        }

        /// Calls `visitor` with every operation of the table: what the fuzz properties
        /// loop over, so that a new operation is fuzzed without an edit.
        #[cfg(any(fuzzing, feature = "__internal"))]
        pub(crate) fn each_operation(visitor: &mut impl OperationVisitor) {
            $(visitor.visit::<$request<'static>>();)*
        }

        $(
            response! {
                $(#[$response_doc])*
                $action -> $response { $($result: $result_ty = $result_wire)? }
            }

            $(#[$request_attr])*
            #[derive(Clone, Debug, PartialEq, Eq)]
            #[non_exhaustive]
            pub struct $request<'a> {
                $(
                    $(#[$member_doc])*
                    pub $field: field!(@ty $kind $ty),
                )*
                /// What the request may borrow from its input (an operation may have no
                /// member that does).
                _input: std::marker::PhantomData<&'a str>,
            }

            impl<'a> $request<'a> {
                /// The `Action` parameter.
                pub const ACTION: Action = Action::$action;

                /// The `Content-Type` to send with the form body (what botocore sends).
                pub const CONTENT_TYPE: &'static str = FORM_CONTENT_TYPE;

                /// The members, in wire order.
                pub const MEMBERS: &'static [Member] = &[$(Member {
                    wire_name: $wire,
                    message_name: $message,
                    required: field!(@required $kind),
                    order: field!(@order $($order)?),
                }),*];

                /// A new request.
                #[allow(clippy::new_without_default)]
                pub fn new($($arg: $arg_ty),*) -> Self {
                    $request { $($field: $init,)* _input: std::marker::PhantomData }
                }

                $(
                    #[doc = concat!("Sets `", $wire, "`.")]
                    pub fn $with(mut self, value: $ty) -> Self {
                        self.$field = field!(@set $kind value);
                        self
                    }
                )*

                /// Decodes a query string or form body (without the leading `?`).
                ///
                /// # Errors
                ///
                /// [`RequestError`], with the AWS error to answer; another action of the
                /// table or any other is `InvalidAction`.
                pub fn decode(input: &'a [u8]) -> Result<Self, RequestError> {
                    match decode::decode_parts(&[(input, 0)])? {
                        Request::$action(request) => Ok(request),
                        other => Err(RequestError::InvalidAction {
                            action: other.action().as_str().to_owned(),
                        }),
                    }
                }

                /// The request from its raw members in wire order: each value through its
                /// type, every broken constraint collected in member order.
                #[allow(unused_mut, unused_variables)] // an operation without members reads none
                #[inline(always)]
                fn from_raw(raw: RawMembers<'a>) -> Result<Self, RequestError> {
                    let mut errors = Vec::new();
                    let mut raw = raw.into_iter();
                    let mut members = Self::MEMBERS.iter();
                    $(
                        let $field: Option<$ty> = member_value(members.next(), raw.next().flatten(), &mut errors);
                    )*
                    if !errors.is_empty() {
                        // IAM's order: the members' `order` keys, then wire order.
                        errors.sort_by_key(|e: &MemberError| e.member().order);
                        return Err(RequestError::Validation(ValidationError { errors }));
                    }
                    $(let $field = field!(@build $kind Self::MEMBERS, $wire, $field);)*
                    Ok($request { $($field,)* _input: std::marker::PhantomData })
                }

                /// The members of botocore's exact body from `at` (after `Version`): each
                /// of the operation's, in its order, at most once, to the end of `input`.
                #[allow(unused_mut, unused_variables)] // an operation without members reads none
                #[inline(always)]
                fn botocore(input: &'a [u8], mut at: usize) -> Option<RawMembers<'a>> {
                    let mut raw = RawMembers::default();
                    let mut slots = raw.iter_mut();
                    $(
                        let slot = slots.next()?;
                        if let Some((value, end)) =
                            decode::botocore_value(input, at, concat!("&", $wire, "=").as_bytes())?
                        {
                            *slot = Some(value);
                            at = end;
                        }
                    )*
                    (at == input.len()).then_some(raw)
                }

                /// Calls `f` with each member present, in wire order.
                #[allow(unused_mut, unused_variables)] // an operation without members reads none
                pub fn for_each_member<'s>(&'s self, mut f: impl FnMut(Member, ValueRef<'s>)) {
                    let mut members = Self::MEMBERS.iter().copied();
                    $(
                        let member = members.next();
                        if let (Some(member), Some(value)) = (member, field!(@get $kind self.$field)) {
                            f(member, value.as_value_ref());
                        }
                    )*
                }

                /// Appends the form body (or query string) botocore sends to `out`.
                pub fn encode(&self, out: &mut String) {
                    out.push_str(concat!("Action=", stringify!($action), "&Version=2010-05-08"));
                    $(
                        if let Some(value) = field!(@get $kind self.$field) {
                            out.push_str(concat!("&", $wire, "="));
                            value.write_param(out);
                        }
                    )*
                }

                /// The form body as a new `String`.
                pub fn to_query_string(&self) -> String {
                    let mut out = String::with_capacity(96);
                    self.encode(&mut out);
                    out
                }

                /// `POST uri` with the form body and botocore's `Content-Type` (feature `http`).
                #[cfg(feature = "http")]
                #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
                pub fn to_http_request(&self, uri: ::http::Uri) -> ::http::Request<String> {
                    crate::http_glue::form_request(uri, self.to_query_string())
                }

                /// Detaches the request from the input it was decoded from.
                pub fn into_owned(self) -> $request<'static> {
                    $request { $($field: field!(@owned $kind self.$field),)* _input: std::marker::PhantomData }
                }
            }

            impl<'r> Operation for $request<'r> {
                const ACTION: Action = Action::$action;
                type Response<'a> = $response<'a>;

                fn encode(&self, out: &mut String) {
                    $request::encode(self, out)
                }

                fn response_into_owned(response: $response<'_>) -> $response<'static> {
                    response.into_owned()
                }

                fn decode_as_request(input: &[u8]) -> Result<Request<'_>, RequestError> {
                    $request::decode(input).map(Request::$action)
                }
            }

            impl<'a> From<$request<'a>> for Request<'a> {
                fn from(r: $request<'a>) -> Self {
                    Request::$action(r)
                }
            }

            /// Serde with the wire names (boto3's shape): members absent or `None` are
            /// left out, unknown ones refused.
            #[cfg(feature = "serde")]
            impl serde::Serialize for $request<'_> {
                #[allow(unused_mut, unused_variables)] // an operation without members reads none
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeMap;
                    let mut map = s.serialize_map(None)?;
                    $(
                        if let Some(value) = field!(@get $kind self.$field) {
                            map.serialize_entry($wire, value)?;
                        }
                    )*
                    map.end()
                }
            }

            #[cfg(feature = "serde")]
            impl<'de, 'a> serde::Deserialize<'de> for $request<'a> {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    struct Visitor<'a>(std::marker::PhantomData<$request<'a>>);
                    impl<'de, 'a> serde::de::Visitor<'de> for Visitor<'a> {
                        type Value = $request<'a>;

                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str(concat!("a ", stringify!($request)))
                        }

                        fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                            $(let mut $field: Option<$ty> = None;)*
                            const FIELDS: &[&str] = &[$($wire),*];
                            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                                match &*key {
                                    $(
                                        $wire => {
                                            if $field.is_some() {
                                                return Err(serde::de::Error::duplicate_field($wire));
                                            }
                                            $field = map.next_value::<Option<$ty>>()?;
                                        }
                                    )*
                                    other => return Err(serde::de::Error::unknown_field(other, FIELDS)),
                                }
                            }
                            $(
                                let $field = field!(@serde $kind $wire, $field);
                            )*
                            Ok($request { $($field,)* _input: std::marker::PhantomData })
                        }
                    }
                    d.deserialize_map(Visitor(std::marker::PhantomData))
                }
            }

            #[cfg(feature = "arbitrary")]
            impl<'a, 'b> arbitrary::Arbitrary<'a> for $request<'b> {
                #[allow(unused_mut, unused_variables)] // an operation without members reads none
                fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                    Ok($request { $($field: u.arbitrary()?,)* _input: std::marker::PhantomData })
                }
            }
        )*
    };
}

/// The response type of a table entry: `<{Action}Response>` with the request id and, when
/// the entry names one, the one member of `<{Action}Result>` (its field, type and
/// element). The member's type says how its children are read, checked and written
/// ([`ResultMember`](crate::response::ResultMember)); everything around it is written here.
macro_rules! response {
    (@document_type) => { crate::response::MetadataDocument };
    (@document_type $ty:ty) => { crate::response::ResultDocument<$ty> };
    (@document $action:ident) => {
        crate::response::MetadataDocument::new(concat!(stringify!($action), "Response"))
    };
    (@document $action:ident, $wire:literal) => {
        crate::response::ResultDocument::new(
            concat!(stringify!($action), "Response"),
            concat!(stringify!($action), "Result"),
            $wire,
        )
    };
    (@from_document $document:ident, $response:ident) => {
        Ok($response { request_id: $document })
    };
    (@from_document $document:ident, $response:ident, $field:ident: $ty:ty = $wire:literal) => {{
        let (text, request_id) = $document;
        Ok($response {
            $field: <$ty as crate::response::ResultMember<'a>>::check(text, $wire)?,
            request_id,
        })
    }};
    (@default $response:ident) => {
        impl Default for $response<'_> {
            fn default() -> Self {
                $response { request_id: None }
            }
        }
    };
    (@default $response:ident $field:ident) => {};
    (
        $(#[$doc:meta])*
        $action:ident -> $response:ident { $($field:ident: $ty:ty = $wire:literal)? }
    ) => {
        #[doc = concat!(
            "The `", stringify!($action), "` success response: ",
            $("its `", $wire, "` and ",)? "the request id.\n\n",
            "Serde gives boto3's shape: `{", $("\"", $wire, "\": {…}, ",)?
            "\"ResponseMetadata\": {\"RequestId\": …}}`.\n",
        )]
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub struct $response<'a> {
            $(
                #[doc = concat!("`", $wire, "`, the result.")]
                #[cfg_attr(feature = "serde", serde(rename = $wire))]
                pub $field: $ty,
            )?
            /// `ResponseMetadata/RequestId`, when the response carries one.
            #[cfg_attr(
                feature = "serde",
                serde(
                    rename = "ResponseMetadata",
                    default,
                    skip_serializing_if = "Option::is_none",
                    with = "crate::response::metadata"
                )
            )]
            pub request_id: Option<RequestId<'a>>,
        }

        response!(@default $response $($field)?);

        impl<'a> $response<'a> {
            /// The document's description.
            pub(crate) const DOCUMENT: response!(@document_type $($ty)?) = response!(@document $action $(, $wire)?);

            #[doc = concat!("A response with ", $("the given `", $wire, "` and ",)? "the given request id.")]
            pub fn new($($field: $ty,)? request_id: Option<RequestId<'a>>) -> Self {
                $response { $($field,)? request_id }
            }

            /// Decodes the body of a `200 OK` with the default [`DecodeOptions`].
            ///
            /// # Errors
            ///
            /// [`DecodeError`]: what is malformed or missing, where, or which member's
            /// value is not valid.
            pub fn decode(input: &'a [u8]) -> Result<Self, DecodeError> {
                Self::decode_with(input, &DecodeOptions::new())
            }

            /// Decodes the body of a `200 OK`.
            ///
            /// # Errors
            ///
            /// [`DecodeError`]: what is malformed or missing, where, or which member's
            /// value is not valid.
            pub fn decode_with(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
                Self::from_document(crate::xml::decode(input, options, &Self::DOCUMENT)?)
            }

            /// The response from what its document holds, each value checked.
            #[inline]
            pub(crate) fn from_document(
                document: <response!(@document_type $($ty)?) as crate::xml::Document<'a>>::Output,
            ) -> Result<Self, DecodeError> {
                response!(@from_document document, $response $(, $field: $ty = $wire)?)
            }

            /// Appends the XML IAM sends (namespace, 2-space indentation, final newline) to `out`.
            pub fn encode(&self, out: &mut String) {
                crate::response::open_response(out, Action::$action);
                $(crate::response::encode_result(out, Action::$action, $wire, &self.$field);)?
                crate::response::close_response(out, Action::$action, self.request_id.as_ref());
            }

            /// The XML IAM sends, as a new `String`.
            pub fn to_xml(&self) -> String {
                let mut out = String::with_capacity(512);
                self.encode(&mut out);
                out
            }

            /// Detaches the response from the input it was decoded from.
            pub fn into_owned(self) -> $response<'static> {
                $response {
                    $($field: <$ty as crate::response::ResultMember<'a>>::into_owned(self.$field),)?
                    request_id: self.request_id.map(RequestId::into_owned),
                }
            }
        }

        impl EncodeResponse for $response<'_> {
            fn encode(&self, out: &mut String) {
                $response::encode(self, out)
            }

            fn request_id(&self) -> Option<&RequestId<'_>> {
                self.request_id.as_ref()
            }
        }

        impl<'a> DecodeResponse<'a> for $response<'a> {
            fn decode_with(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
                $response::decode_with(input, options)
            }

            #[cfg(any(fuzzing, feature = "__internal"))]
            fn decode_reference(input: &'a [u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
                $response::from_document(crate::xml::decode_general(input, options, &$response::DOCUMENT)?)
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a, 'b> arbitrary::Arbitrary<'a> for $response<'b> {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                Ok($response { $($field: u.arbitrary()?,)? request_id: u.arbitrary()? })
            }
        }
    };
}
