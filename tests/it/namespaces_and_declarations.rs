//! Issue 8's correctness items: malformed XML declarations (XML 1.0 §2.8), malformed
//! processing instructions (§2.6) and the namespace constraints (Namespaces in XML §3,
//! §6.3, §7) are refused, as expat (under botocore) refuses them, with the same error on
//! the tokenizer's path (`decode`) and the quick-xml path (`decode_general`).

use iam_login_profile::{DecodeError, DecodeOptions, ErrorResponse, GetLoginProfileResponse, ValueError, XmlError};

use crate::{BOB, error_doc, success_doc};

/// Both paths refuse `doc` with `Syntax { offset, source }`; returns them.
fn syntax(doc: &str) -> (usize, String) {
    let e = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new()).unwrap_err(),
        e,
        "{doc}"
    );
    match e {
        DecodeError::Xml(XmlError::Syntax { offset, source }) => (offset, source.to_string()),
        other => panic!("{doc}: {other:?}"),
    }
}

fn ok(doc: &str) {
    let fast = GetLoginProfileResponse::decode(doc.as_bytes());
    assert!(fast.is_ok(), "{doc}: {fast:?}");
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new()),
        fast,
        "{doc}"
    );
}

/// Both paths read `doc` alike, and its user is Bob.
fn read_as_bob(doc: &str) {
    ok(doc);
    let r = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap();
    assert_eq!(r.login_profile.user_name.as_str(), "Bob", "{doc}");
}

#[test]
fn malformed_xml_declarations() {
    for (decl, at, message) in [
        ("<?xml?>", 5, "expected `version` in the XML declaration"),
        (
            "<?xml foo?>",
            6,
            "expected `version` in the XML declaration, found `foo`",
        ),
        (
            "<?xml encoding=\"UTF-8\"?>",
            6,
            "expected `version` in the XML declaration, found `encoding`",
        ),
        (
            "<?xml version=\"1.0\" foo=\"bar\"?>",
            20,
            "unexpected `foo` in the XML declaration",
        ),
        (
            "<?xml VERSION=\"1.0\"?>",
            6,
            "expected `version` in the XML declaration, found `VERSION`",
        ),
        (
            "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
            37,
            "`encoding` out of order in the XML declaration",
        ),
        (
            "<?xml version=\"1.0\" version=\"1.0\"?>",
            20,
            "duplicate `version` in the XML declaration",
        ),
        (
            "<?xml version=\"1.0\"encoding=\"UTF-8\"?>",
            19,
            "expected whitespace before `encoding` in the XML declaration",
        ),
        (
            "<?xml version=\"1.0\" standalone=\"maybe\"?>",
            32,
            "invalid `standalone` in the XML declaration: expected `yes` or `no`, found `maybe`",
        ),
        (
            "<?xml version=\"1.0\" encoding=\"8UTF\"?>",
            30,
            "invalid `encoding` in the XML declaration: expected a letter, then letters, digits, `.`, `_` or `-`, found `8UTF`",
        ),
        (
            "<?xml version=\"2.0\"?>",
            15,
            "invalid `version` in the XML declaration: expected `1.` and digits, found `2.0`",
        ),
        (
            "<?xml version=1.0?>",
            14,
            "expected a quoted value for `version` in the XML declaration",
        ),
        (
            "<?xml version \"1.0\"?>",
            14,
            "expected `=` after `version` in the XML declaration",
        ),
    ] {
        let doc = format!("{decl}{}", success_doc(BOB));
        assert_eq!(syntax(&doc), (at, message.to_owned()), "{decl}");
    }
    // Well-formed ones, with both quotes, spaces around `=` and at the end.
    for decl in [
        "<?xml version=\"1.0\"?>",
        "<?xml version='1.1' encoding='utf-8' standalone='no' ?>",
        "<?xml version = \"1.0\"\r\n encoding=\"US-ASCII\"\tstandalone=\"yes\"?>",
    ] {
        ok(&format!("{decl}{}", success_doc(BOB)));
    }
    // Anywhere but at the start, even after whitespace: misplaced.
    let doc = format!("\n<?xml version=\"1.0\"?>{}", success_doc(BOB));
    assert_eq!(
        GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err(),
        DecodeError::Xml(XmlError::MisplacedDeclaration { offset: 1 })
    );
}

#[test]
fn malformed_processing_instructions() {
    for (pi, at, message) in [
        ("<? foo?>", 2, "expected a processing instruction target after `<?`"),
        ("<??>", 2, "expected a processing instruction target after `<?`"),
        ("<?1foo?>", 2, "invalid processing instruction target `1foo`"),
        (
            "<?p??>",
            3,
            "expected whitespace or `?>` after the processing instruction target `p`",
        ),
        (
            "<?XML version=\"1.0\"?>",
            2,
            "processing instruction target `XML` is reserved",
        ),
        ("<?Xml x?>", 2, "processing instruction target `Xml` is reserved"),
        ("<?xMl?>", 2, "processing instruction target `xMl` is reserved"),
        ("<?a:b?>", 2, "processing instruction target `a:b` contains a colon"),
        ("<?a:b x?>", 2, "processing instruction target `a:b` contains a colon"),
        (
            "<?xml-?x?>",
            6,
            "expected whitespace or `?>` after the processing instruction target `xml-`",
        ),
    ] {
        // Before the root, and inside an element.
        let doc = format!("{pi}{}", success_doc(BOB));
        assert_eq!(syntax(&doc), (at, message.to_owned()), "{pi}");
        let doc = success_doc(&format!("{pi}{BOB}"));
        let start = doc.find(pi).unwrap();
        assert_eq!(syntax(&doc), (start + at, message.to_owned()), "{pi} inside");
    }
    // `xml-stylesheet` and other targets that only start with `xml` are fine.
    for pi in [
        "<?xml-stylesheet href=\"a.xsl\"?>",
        "<?xmlfoo?>",
        "<?pi?>",
        "<?pi\tdata ? > ?>",
        "<?\u{e9}t\u{e9} x?>",
        "<?_p-1.x\n?>",
        "<?XMLfoo bar?>",
    ] {
        ok(&format!("{pi}{}", success_doc(&format!("{pi}{BOB}"))));
    }
}

#[test]
fn namespace_constraints() {
    let cases = [
        (
            "<q:UserName>Bob</q:UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>",
            "unbound prefix `q` in element name `q:UserName`",
        ),
        ("<a:b:c/>", "element name `a:b:c` is not a qualified name"),
        ("<:x/>", "element name `:x` is not a qualified name"),
        ("<x: />", "element name `x:` is not a qualified name"),
        ("<xmlns:x/>", "element name `xmlns:x` has the prefix `xmlns`"),
        (
            "<x xmlns:a=\"\"/>",
            "the prefix `a` cannot be bound to an empty namespace",
        ),
        ("<x xmlns:xmlns=\"urn:x\"/>", "the prefix `xmlns` cannot be declared"),
        (
            "<x xmlns:xml=\"urn:x\"/>",
            "the prefix `xml` cannot be bound to `urn:x`",
        ),
        (
            "<x xmlns:p=\"http://www.w3.org/XML/1998/namespace\"/>",
            "the prefix `p` cannot be bound to `http://www.w3.org/XML/1998/namespace`",
        ),
        (
            "<x xmlns=\"http://www.w3.org/2000/xmlns/\"/>",
            "the default namespace cannot be `http://www.w3.org/2000/xmlns/`",
        ),
        (
            "<x xmlns:a:b=\"urn:x\"/>",
            "attribute name `xmlns:a:b` is not a qualified name",
        ),
        ("<x q:a=\"1\"/>", "unbound prefix `q` in attribute name `q:a`"),
        ("<x a:b:c=\"1\"/>", "attribute name `a:b:c` is not a qualified name"),
        (
            "<x xmlns:p=\"urn:a\" xmlns:q=\"urn:a\" p:a=\"1\" q:a=\"2\"/>",
            "attributes `p:a` and `q:a` have the same expanded name",
        ),
        // The same namespace written differently is still the same.
        (
            "<x xmlns:p=\"urn:&#97;\" xmlns:q=\"urn:a\" p:a=\"1\" q:a=\"2\"/>",
            "attributes `p:a` and `q:a` have the same expanded name",
        ),
        // A prefix is bound only inside the element that declares it.
        (
            "<p:x xmlns:p=\"urn:a\"><p:y/></p:x><p:z/>",
            "unbound prefix `p` in element name `p:z`",
        ),
        (
            "<x a=\"1\" a=\"2\"/>",
            "position 8: duplicated attribute, previous declaration at position 2",
        ),
    ];
    for (inside, message) in cases {
        let inside = if inside.contains("UserName") {
            inside.to_owned()
        } else {
            format!("{inside}{BOB}")
        };
        let doc = success_doc(&inside);
        // The offset is the start tag's: the first one inside `LoginProfile`, or `<p:z/>`.
        let tag = if inside.contains("<p:z/>") {
            "<p:z/>"
        } else {
            &inside[..1]
        };
        let at = doc.find("<LoginProfile>").unwrap() + "<LoginProfile>".len();
        let at = at + inside.find(tag).unwrap();
        assert_eq!(syntax(&doc), (at, message.to_owned()), "{inside}");
    }
    // With many attributes (checked by sorting), the same rules.
    let many: String = (0..20).map(|i| format!(" a{i}=\"{i}\"")).collect();
    for (extra, message) in [
        (" a3=\"x\"", "duplicate attribute `a3`"),
        (" q:a=\"1\"", "unbound prefix `q` in attribute name `q:a`"),
        (
            " xmlns:p=\"urn:a\" xmlns:q=\"urn:a\" p:a=\"1\" q:a=\"2\"",
            "attributes `p:a` and `q:a` have the same expanded name",
        ),
    ] {
        let doc = success_doc(&format!("<x{many}{extra}/>{BOB}"));
        let e = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
        let general =
            iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new()).unwrap_err();
        assert_eq!(e, general);
        if extra == " a3=\"x\"" {
            // quick-xml names a plain duplicate first.
            assert!(matches!(e, DecodeError::Xml(XmlError::Syntax { .. })), "{e:?}");
            continue;
        }
        let DecodeError::Xml(XmlError::Syntax { source, .. }) = e else {
            panic!("{e:?}")
        };
        assert_eq!(source.to_string(), message, "{extra}");
    }
    // What is allowed: the `xml` prefix, its own namespace, two prefixes for one namespace
    // on different local names, other namespaces on the same local name, prefixed roots.
    for inside in [
        "<x xml:lang=\"en\"/>",
        "<x xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" xml:space=\"preserve\"/>",
        "<x xmlns:p=\"urn:a\" xmlns:q=\"urn:a\" p:a=\"1\" q:b=\"2\"/>",
        "<x xmlns:p=\"urn:a\" xmlns:q=\"urn:b\" p:a=\"1\" q:a=\"2\" a=\"3\"/>",
        "<x xmlns=\"\"/>",
        "<p:x xmlns:p=\"urn:a\"><p:y xmlns:p=\"urn:b\"/><p:z/></p:x>",
    ] {
        ok(&success_doc(&format!("{inside}{BOB}")));
    }
    ok(&success_doc(BOB).replace(
        "<UserName>Bob</UserName>",
        "<q:UserName xmlns:q=\"urn:q\">Bob</q:UserName>",
    ));
}

#[test]
fn error_documents_follow_the_same_rules() {
    let doc = error_doc("<Code>X</Code><q:Message>m</q:Message>");
    let e = ErrorResponse::decode(doc.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        iam_login_profile::internal::decode_error_reference(doc.as_bytes(), &DecodeOptions::new()).unwrap_err()
    );
    let DecodeError::Xml(XmlError::Syntax { offset, source }) = e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (offset, source.to_string().as_str()),
        (
            doc.find("<q:").unwrap(),
            "unbound prefix `q` in element name `q:Message`"
        )
    );
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"maybe\"?>{}",
        error_doc("<Code>X</Code>")
    );
    let e = ErrorResponse::decode(doc.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        iam_login_profile::internal::decode_error_reference(doc.as_bytes(), &DecodeOptions::new()).unwrap_err()
    );
    let DecodeError::Xml(XmlError::Syntax { offset, source }) = e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (offset, source.to_string().as_str()),
        (
            49,
            "invalid `standalone` in the XML declaration: expected `yes` or `no`, found `maybe`"
        )
    );
}

/// A leaf whose text is one CDATA section right before its end tag is read in one step;
/// every other content around such a section as the general path reads it.
#[test]
fn a_cdata_leaf_reads_as_the_general_path() {
    let date = "<CreateDate>2011-09-19T23:00:56Z</CreateDate>";
    let both = |doc: &str| {
        let fast = GetLoginProfileResponse::decode(doc.as_bytes()).map(|r| r.into_owned());
        let general = iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new())
            .map(|r| r.into_owned());
        assert_eq!(fast, general, "{doc}");
        fast
    };
    for (user, read) in [
        ("<![CDATA[Bob]]>", "Bob"),
        ("<![CDATA[Bob]]></UserName >", "Bob"),
        ("<![CDATA[B]]><![CDATA[ob]]>", "Bob"),
        ("<![CDATA[B]]>ob", "Bob"),
        ("<![CDATA[B]]>&#111;b", "Bob"),
        ("<![CDATA[Bob]]><!-- c -->", "Bob"),
        ("<![CDATA[Bob]]><?pi x?>", "Bob"),
        ("<![CDATA[Bob]]>\n", "Bob\n"),
        ("<![CDATA[B&amp;b]]>", "B&amp;b"),
        ("<![CDATA[]]>Bob", "Bob"),
    ] {
        let doc = success_doc(&format!("<UserName>{user}</UserName>{date}"))
            .replace("</UserName ></UserName>", "</UserName >");
        match both(&doc) {
            Ok(r) => assert_eq!(r.login_profile.user_name.as_str(), read, "{doc}"),
            Err(e) => assert!(
                matches!(
                    e,
                    DecodeError::InvalidMember {
                        cause: ValueError::UserName(_),
                        ..
                    }
                ),
                "{doc}: {e:?}"
            ),
        }
    }
    // A CR in the section is read as LF (the request id takes any text).
    let doc = success_doc(&format!("<UserName>Bob</UserName>{date}")).replace("r-1", "<![CDATA[r\r\n1\r2]]>");
    assert_eq!(both(&doc).unwrap().request_id.unwrap().as_str(), "r\n1\n2");
    // Refused, at the fault, as the general path refuses them.
    // (The offset of the fault is that of `at`, plus `plus`.)
    for (user, at, plus) in [
        ("<![CDATA[Bob]]></Other>", "</Other>", 0),
        ("<![CDATA[Bob]]><x/>", "<x/>", 0),
        ("<![CDATA[Bob]]>a]]>", "a]]>", 1),
        ("<![CDATA[Bob]]", "<![CDATA[", 0),
    ] {
        let doc = success_doc(&format!("<UserName>{user}</UserName>{date}"));
        let e = both(&doc).unwrap_err();
        let offset = match &e {
            DecodeError::Xml(XmlError::Syntax { offset, .. })
            | DecodeError::Xml(XmlError::ElementInText { offset, .. }) => *offset,
            other => panic!("{doc}: {other:?}"),
        };
        assert_eq!(offset, doc.find(at).unwrap() + plus, "{doc}: {e:?}");
    }
}

/// The tokenizer recognises a child the decoder reads (`<UserName>`, `<p:UserName>`) by
/// comparing bytes. Every tag near that shortcut is read as the general path reads it:
/// prefixes bound, unbound, `xml`, long or with digits; names that extend a known one;
/// attributes; empty elements; the depth limit.
#[test]
fn the_member_shortcut_reads_as_the_general_path() {
    let declared = |inner: &str| {
        format!(
            "<p:GetLoginProfileResponse xmlns:p=\"https://iam.amazonaws.com/doc/2010-05-08/\" xmlns:prefix9=\"u\">\
             <p:GetLoginProfileResult><p:LoginProfile>{inner}</p:LoginProfile></p:GetLoginProfileResult>\
             </p:GetLoginProfileResponse>"
        )
    };
    let date = "<CreateDate>2011-09-19T23:00:56Z</CreateDate>";
    let user = |doc: String, expected: &str| {
        ok(&doc);
        let r = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap();
        assert_eq!(r.login_profile.user_name.as_str(), expected, "{doc}");
    };
    // Bound prefixes, short and long (past the shortcut's eight bytes), with digits, and `xml`.
    user(declared(&format!("<p:UserName>Ann</p:UserName>{date}")), "Ann");
    user(
        declared(&format!("<prefix9:UserName>Ann</prefix9:UserName>{date}")),
        "Ann",
    );
    user(declared(&format!("<xml:UserName>Ann</xml:UserName>{date}")), "Ann");
    user(success_doc(&format!("<xml:UserName>Ann</xml:UserName>{date}")), "Ann");
    // Names that begin with a known one are other elements, skipped.
    user(
        success_doc(&format!(
            "<UserNameX>Eve</UserNameX><UserName>Ann</UserName><UserName2/>{date}"
        )),
        "Ann",
    );
    user(
        declared(&format!(
            "<p:UserNames>Eve</p:UserNames><p:UserName>Ann</p:UserName>{date}"
        )),
        "Ann",
    );
    // Spaces or attributes in the tag: the general step reads it.
    user(success_doc(&format!("<UserName >Ann</UserName >{date}")), "Ann");
    user(success_doc(&format!("<UserName a='1'>Ann</UserName>{date}")), "Ann");
    user(declared(&format!("<p:UserName\n>Ann</p:UserName>{date}")), "Ann");

    // An unbound prefix, where another one is declared and where none is.
    for doc in [
        declared(&format!("<q:UserName>Ann</q:UserName>{date}")),
        success_doc(&format!("<q:UserName>Ann</q:UserName>{date}")),
    ] {
        let at = doc.find("<q:").unwrap();
        let (offset, message) = syntax(&doc);
        assert_eq!(
            (offset, message.as_str()),
            (at, "unbound prefix `q` in element name `q:UserName`"),
            "{doc}"
        );
    }
    // `xmlns` is never an element's prefix.
    let doc = declared(&format!("<xmlns:UserName>Ann</xmlns:UserName>{date}"));
    let (offset, _) = syntax(&doc);
    assert_eq!(offset, doc.find("<xmlns:").unwrap());
    // The end tag must match the start tag the shortcut entered.
    let doc = declared(&format!("<p:UserName>Ann</UserName>{date}"));
    let (offset, _) = syntax(&doc);
    assert_eq!(offset, doc.find("</UserName>").unwrap());

    // An empty element read as a known member: empty text, which the user name refuses.
    let doc = success_doc(&format!("<UserName/>{date}"));
    let e = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
    assert!(
        matches!(
            e,
            DecodeError::InvalidMember {
                cause: ValueError::UserName(_),
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &DecodeOptions::new()).unwrap_err(),
        e
    );

    // The root: the same shortcut, before and after whitespace, comments and PIs, with the
    // IAM namespace, other attributes, a longer name, or nothing at all.
    let body = "<GetLoginProfileResult><LoginProfile><UserName>Ann</UserName>\
                <CreateDate>2011-09-19T23:00:56Z</CreateDate></LoginProfile></GetLoginProfileResult>";
    let ns = "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";
    for head in [
        format!("<GetLoginProfileResponse {ns}>"),
        format!(" \n<!-- c --><?pi x?>\t<GetLoginProfileResponse {ns}>"),
        format!("<GetLoginProfileResponse {ns} a='1'>"),
        format!("<GetLoginProfileResponse a='1' {ns}>"),
        "<GetLoginProfileResponse>".to_owned(),
        "<GetLoginProfileResponse\n>".to_owned(),
    ] {
        user(format!("{head}{body}</GetLoginProfileResponse>"), "Ann");
    }
    let doc = format!("<GetLoginProfileResponseX {ns}>{body}</GetLoginProfileResponseX>");
    let e = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected root element `GetLoginProfileResponse`, found `GetLoginProfileResponseX`"
    );
    let doc = format!("<GetLoginProfileResponse {ns}/>");
    let e = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "missing element `GetLoginProfileResult` in `GetLoginProfileResponse`"
    );
    for doc in ["", " \n<!-- only a comment -->"] {
        let e = GetLoginProfileResponse::decode(doc.as_bytes()).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Xml(XmlError::Empty {
                expected: "GetLoginProfileResponse"
            }),
            "{doc:?}"
        );
    }

    let options = DecodeOptions::new().with_max_depth(0);
    let doc = success_doc(BOB);
    let e = GetLoginProfileResponse::decode_with(doc.as_bytes(), &options).unwrap_err();
    assert_eq!(e, DecodeError::Xml(XmlError::TooDeep { limit: 0, offset: 0 }));

    // The depth limit holds on the shortcut: `UserName` is at depth 4.
    let doc = success_doc(BOB);
    let options = DecodeOptions::new().with_max_depth(3);
    let e = GetLoginProfileResponse::decode_with(doc.as_bytes(), &options).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Xml(XmlError::TooDeep {
            limit: 3,
            offset: doc.find("<UserName>").unwrap()
        })
    );
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(doc.as_bytes(), &options).unwrap_err(),
        e
    );
}

/// The tokenizer passes over an unknown element in one loop of its own (`Tokens::skip`):
/// whatever the subtree holds, the result is the general path's, value or error.
#[test]
fn a_skipped_subtree_reads_as_the_general_path() {
    let doc = |unknown: &str| success_doc(&format!("{unknown}{BOB}"));
    let both = |doc: &str, options: &DecodeOptions| {
        let fast = GetLoginProfileResponse::decode_with(doc.as_bytes(), options).map(|r| r.into_owned());
        let general =
            iam_login_profile::internal::decode_response_reference(doc.as_bytes(), options).map(|r| r.into_owned());
        assert_eq!(fast, general, "{doc}");
        fast
    };
    let fine = [
        "<Unknown/>",
        "<Unknown></Unknown>",
        "<Unknown>text &amp; &#x41; more</Unknown>",
        "<Unknown a='1' b=\"&lt;\"><b/><c><d>x</d><d/></c></Unknown>",
        "<Unknown><![CDATA[ <not> a ]] tag \r\n ]]></Unknown>",
        "<Unknown><!-- a <comment> --><?pi data?>\r\n</Unknown>",
        "<Unknown xmlns:q='urn:q'><q:a q:b='1'><q:c/></q:a></Unknown>",
        "<Unknown><Unknown><Unknown/></Unknown></Unknown >",
        "<Unknown xmlns='urn:x'><UserName>Eve</UserName></Unknown>",
    ];
    for unknown in fine {
        let r = both(&doc(unknown), &DecodeOptions::new()).unwrap();
        assert_eq!(r.login_profile.user_name.as_str(), "Bob", "{unknown}");
    }
    // Each refused at the fault (the offset of the text after it in the document, plus
    // the number after that), with the general path's error.
    let syntax = |message: &str| format!("Syntax {{ offset: {{}}, source: SyntaxError({message:?}) }}");
    for (unknown, at, plus, expected) in [
        (
            "<Unknown>a ]]> b</Unknown>",
            "]]>",
            0,
            syntax("`]]>` is not allowed in text"),
        ),
        (
            "<Unknown>&bogus;</Unknown>",
            "&bogus;",
            0,
            "UndefinedEntity { offset: {}, name: \"bogus\" }".into(),
        ),
        (
            "<Unknown><a></b></Unknown>",
            "</b>",
            0,
            syntax("ill-formed document: expected `</a>`, but `</b>` was found"),
        ),
        (
            "<Unknown><q:a/></Unknown>",
            "<q:a/>",
            0,
            syntax("unbound prefix `q` in element name `q:a`"),
        ),
        (
            "<Unknown xmlns:q='urn:q'/><q:a/>",
            "<q:a/>",
            0,
            syntax("unbound prefix `q` in element name `q:a`"),
        ),
        (
            "<Unknown><a b='1' b='2'/></Unknown>",
            "<a b=",
            0,
            syntax("position 8: duplicated attribute, previous declaration at position 2"),
        ),
        (
            "<Unknown><!DOCTYPE x></Unknown>",
            "<!DOCTYPE",
            0,
            "Doctype { offset: {} }".into(),
        ),
        (
            "<Unknown><![CDATA[ open </Unknown>",
            "<![CDATA[",
            0,
            syntax("syntax error: CDATA not closed: `]]>` not found before end of input"),
        ),
        (
            "<Unknown><!-- a -- b --></Unknown>",
            "<!--",
            7,
            syntax("ill-formed document: forbidden string `--` was found in a comment"),
        ),
        (
            "<Unknown><?xml version='1.0'?></Unknown>",
            "<?xml",
            0,
            "MisplacedDeclaration { offset: {} }".into(),
        ),
    ] {
        let doc = doc(unknown);
        let e = both(&doc, &DecodeOptions::new()).unwrap_err();
        let offset = doc.find(at).unwrap() + plus;
        let expected = format!("Xml({})", expected.replace("{}", &offset.to_string()));
        assert_eq!(format!("{e:?}"), expected, "{doc}");
    }
    // The depth limit holds inside the skipped subtree: `<c>` is at depth 6.
    let deep = doc("<Unknown><b><c/></b></Unknown>");
    for limit in [5, 6] {
        let r = both(&deep, &DecodeOptions::new().with_max_depth(limit));
        if limit == 5 {
            assert_eq!(
                r.unwrap_err(),
                DecodeError::Xml(XmlError::TooDeep {
                    limit: 5,
                    offset: deep.find("<c/>").unwrap()
                })
            );
        } else {
            assert_eq!(r.unwrap().login_profile.user_name.as_str(), "Bob");
        }
    }
    // A subtree left open: the document ends inside it.
    let open = "<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile><Unknown><a>";
    assert_eq!(
        both(open, &DecodeOptions::new()).unwrap_err(),
        DecodeError::Xml(XmlError::Truncated { open: 5 })
    );
}

/// The IAM namespace declared as the default one before other attributes is read as a
/// known attribute (no parse); the rules still see it: a second `xmlns`, a missing space
/// after it, and what follows it are judged as the general path judges them.
#[test]
fn the_iam_default_namespace_before_other_attributes() {
    const NS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";
    let doc = |attributes: &str| {
        format!(
            "<GetLoginProfileResponse xmlns=\"{NS}\"{attributes}><GetLoginProfileResult><LoginProfile>{BOB}\
             </LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>"
        )
    };
    for attributes in [
        " xml:lang=\"en\"",
        " version='1'\t",
        " xmlns:p=\"urn:p\" p:a='1'",
        " a='&amp;' b=\"x\" c='' d='&#60;'",
    ] {
        read_as_bob(&doc(attributes));
    }
    for (attributes, message) in [
        (
            " xmlns=\"urn:x\"",
            "position 74: duplicated attribute, previous declaration at position 24",
        ),
        ("xml:lang=\"en\"", "no whitespace between attributes"),
        (" p:a='1'", "unbound prefix `p` in attribute name `p:a`"),
        (" a='<'", "`<` in an attribute value"),
    ] {
        let d = doc(attributes);
        assert_eq!(syntax(&d), (0, message.to_owned()), "{d}");
    }
}

/// A root recognised by its name and followed by attributes other than the IAM namespace
/// alone is read by the start tag's general step from after the name: the same values and
/// the same errors as the quick-xml path, with the namespace rules and an empty root.
#[test]
fn a_root_with_attributes_reads_as_the_general_path() {
    const NS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";
    let doc = |attributes: &str| {
        format!(
            "<GetLoginProfileResponse{attributes}><GetLoginProfileResult><LoginProfile>{BOB}\
             </LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>"
        )
    };
    for attributes in [
        " a=\"1\"".to_string(),
        format!(" a='1' xmlns=\"{NS}\""),
        format!("\txmlns=\"{NS}\"\r\n"),
        format!(" xmlns=\"{NS}\" "),
        " xmlns:p=\"urn:p\" p:a='1' xml:lang='en'".to_string(),
        " a = '1' b\t=\t\"2\"".to_string(),
    ] {
        read_as_bob(&doc(&attributes));
    }
    for (attributes, message) in [
        (
            " a='1' a='2'",
            "position 30: duplicated attribute, previous declaration at position 24",
        ),
        (" p:a='1'", "unbound prefix `p` in attribute name `p:a`"),
        (" a='1'b='2'", "no whitespace between attributes"),
        (" a='<'", "`<` in an attribute value"),
        (" a='&bogus;'", "at 1..6: unrecognized entity `bogus`"),
        (" xmlns:xml='urn:x'", "the prefix `xml` cannot be bound to `urn:x`"),
    ] {
        let d = doc(attributes);
        assert_eq!(syntax(&d), (0, message.to_owned()), "{d}");
    }
    // An empty root: the document ends before its result, on both paths alike.
    let empty = format!("<GetLoginProfileResponse xmlns=\"{NS}\" a='1'/>");
    let fast = GetLoginProfileResponse::decode(empty.as_bytes()).unwrap_err();
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(empty.as_bytes(), &DecodeOptions::new()).unwrap_err(),
        fast
    );
    assert_eq!(
        fast,
        DecodeError::Xml(XmlError::Missing {
            element: "GetLoginProfileResult",
            parent: "GetLoginProfileResponse"
        })
    );
}

/// The root `<p:Name xmlns:p="IAM">` is recognised by comparing bytes; every near miss
/// is read by the general step, and both paths agree.
#[test]
fn the_prefixed_root_shortcut_reads_as_the_general_path() {
    const NS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";
    let doc = |open: &str, p: &str| {
        format!(
            "{open}<{p}GetLoginProfileResult><{p}LoginProfile><{p}UserName>Bob</{p}UserName>\
             <{p}CreateDate>2011-09-19T23:00:56Z</{p}CreateDate></{p}LoginProfile></{p}GetLoginProfileResult>\
             </{}GetLoginProfileResponse>",
            open.split_once('G').map_or("", |(head, _)| &head[1..])
        )
    };
    for (open, p) in [
        (format!("<p:GetLoginProfileResponse xmlns:p=\"{NS}\">"), "p:"),
        (
            format!("<abcdefg:GetLoginProfileResponse xmlns:abcdefg=\"{NS}\">"),
            "abcdefg:",
        ),
        (
            format!("<abcdefgh:GetLoginProfileResponse xmlns:abcdefgh=\"{NS}\">"),
            "abcdefgh:",
        ),
        (format!("<p:GetLoginProfileResponse xmlns:p=\"{NS}\" >"), "p:"),
        (format!("<p:GetLoginProfileResponse xmlns:p='{NS}'>"), "p:"),
        (
            format!("<p:GetLoginProfileResponse xmlns:p=\"{NS}\" xmlns=\"{NS}\">"),
            "",
        ),
    ] {
        read_as_bob(&doc(&open, p));
    }
    for (open, p, at, message) in [
        (
            format!("<xml:GetLoginProfileResponse xmlns:xml=\"{NS}\">"),
            "xml:",
            0,
            "the prefix `xml` cannot be bound to `https://iam.amazonaws.com/doc/2010-05-08/`",
        ),
        (
            format!("<xmlns:GetLoginProfileResponse xmlns:xmlns=\"{NS}\">"),
            "xmlns:",
            0,
            "the prefix `xmlns` cannot be declared",
        ),
        (
            format!("<p:GetLoginProfileResponse xmlns:q=\"{NS}\">"),
            "p:",
            0,
            "unbound prefix `p` in element name `p:GetLoginProfileResponse`",
        ),
        (
            format!("<p:GetLoginProfileResponse xmlns:pq=\"{NS}\">"),
            "p:",
            0,
            "unbound prefix `p` in element name `p:GetLoginProfileResponse`",
        ),
    ] {
        let d = doc(&open, p);
        assert_eq!(syntax(&d), (at, message.to_owned()), "{d}");
    }
    // The depth limit holds on the shortcut.
    let d = doc(&format!("<p:GetLoginProfileResponse xmlns:p=\"{NS}\">"), "p:");
    let options = DecodeOptions::new().with_max_depth(0);
    let e = GetLoginProfileResponse::decode_with(d.as_bytes(), &options).unwrap_err();
    assert_eq!(e, DecodeError::Xml(XmlError::TooDeep { limit: 0, offset: 0 }));
    assert_eq!(
        iam_login_profile::internal::decode_response_reference(d.as_bytes(), &options).unwrap_err(),
        e
    );
    // An error document's roots, both shapes.
    for (d, code) in [
        (
            format!("<e:ErrorResponse xmlns:e=\"{NS}\"><e:Error><e:Code>X</e:Code></e:Error></e:ErrorResponse>"),
            "X",
        ),
        (
            format!(
                "<e:Response xmlns:e=\"{NS}\"><e:Errors><e:Error><e:Code>Y</e:Code></e:Error></e:Errors></e:Response>"
            ),
            "Y",
        ),
    ] {
        let e = ErrorResponse::decode(d.as_bytes()).unwrap();
        assert_eq!(e.error.code.as_str(), code);
        let general = iam_login_profile::internal::decode_error_reference(d.as_bytes(), &DecodeOptions::new()).unwrap();
        assert_eq!(general, e);
    }
}
