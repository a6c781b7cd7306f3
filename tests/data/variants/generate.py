#!/usr/bin/env python3
"""Writes the document variants of issue 8 next to this script: each one feature of XML a
real server may use, alone, on IAM's success or error document. The benches
(`benches/codec.rs`, groups "decode variants" and "decode error variants") and the
allocation test (`tests/alloc.rs`) read them; `tests/it/variants.rs` checks each decodes
to the value the quick-xml path gives.

    python3 tests/data/variants/generate.py
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


IAM = read("iam-style-success.xml")
MOTO = read("moto-get-login-profile-success.xml")
COMPACT = read("aws-docs-get-login-profile-sample-response.xml")
NS = ' xmlns="https://iam.amazonaws.com/doc/2010-05-08/"'
ID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"

PROFILE = """    <LoginProfile>
      <UserName>Bob</UserName>
      <CreateDate>2011-09-19T23:00:56Z</CreateDate>
    </LoginProfile>
"""
RESULT = "  <GetLoginProfileResult>\n" + PROFILE + "  </GetLoginProfileResult>\n"
METADATA = "  <ResponseMetadata>\n    <RequestId>" + ID + "</RequestId>\n  </ResponseMetadata>\n"
assert IAM == "<GetLoginProfileResponse" + NS + ">\n" + RESULT + METADATA + "</GetLoginProfileResponse>\n"


def prefixed(doc):
    out = doc.replace("<GetLoginProfileResponse" + NS, '<iam:GetLoginProfileResponse xmlns:iam="https://iam.amazonaws.com/doc/2010-05-08/"')
    out = out.replace("</", "</iam:")
    for name in ["GetLoginProfileResult", "LoginProfile", "UserName", "CreateDate", "ResponseMetadata", "RequestId"]:
        out = out.replace("<" + name + ">", "<iam:" + name + ">")
    return out


def large_subtree():
    """About 64 KiB of an element the decoder does not know, before the result: a list
    of members with attributes, text and nesting, as a paginated IAM listing has."""
    items = []
    n = 0
    size = 0
    while size < 64 * 1024:
        item = (
            '    <member index="%d">\n'
            "      <PolicyName>policy-%05d</PolicyName>\n"
            "      <PolicyArn>arn:aws:iam::123456789012:policy/team/policy-%05d</PolicyArn>\n"
            "      <Tags><Tag><Key>team</Key><Value>storage</Value></Tag></Tags>\n"
            "    </member>\n" % (n, n, n)
        )
        items.append(item)
        size += len(item)
        n += 1
    return "  <AttachedPolicies>\n" + "".join(items) + "  </AttachedPolicies>\n"


SUCCESS = {
    "iam": IAM,
    "moto": MOTO,
    "compact": COMPACT,
    "declaration": '<?xml version="1.0" encoding="UTF-8"?>\n' + IAM,
    "bom": "\ufeff" + IAM,
    "crlf": IAM.replace("\n", "\r\n"),
    "entities": IAM.replace(ID, "7a62c49f-347e-4fc4-9331-6e8e&amp;EXAMPLE&lt;&gt;"),
    "char-refs": IAM.replace(ID, "7a62c49f&#45;347e&#x2D;4fc4-9331-6e8eEXAMPLE"),
    "cdata": IAM.replace("<UserName>Bob</UserName>", "<UserName><![CDATA[Bob]]></UserName>"),
    "comment": IAM.replace("    <LoginProfile>\n", "    <!-- the caller's profile -->\n    <LoginProfile>\n"),
    "pi": IAM.replace("<GetLoginProfileResponse", '<?xml-stylesheet type="text/xsl" href="iam.xsl"?>\n<GetLoginProfileResponse'),
    "prefixes": prefixed(IAM),
    "metadata-first": "<GetLoginProfileResponse" + NS + ">\n" + METADATA + RESULT + "</GetLoginProfileResponse>\n",
    "unknown-element": IAM.replace(
        "      <CreateDate>",
        '      <PasswordLastUsed region="us-east-1"><Date>2011-09-20T10:00:00Z</Date></PasswordLastUsed>\n      <CreateDate>',
    ),
    "tabs": IAM.replace("      ", "\t\t\t").replace("    ", "\t\t").replace("  ", "\t"),
    "reordered": IAM.replace(
        "      <UserName>Bob</UserName>\n      <CreateDate>2011-09-19T23:00:56Z</CreateDate>\n",
        "      <PasswordResetRequired>true</PasswordResetRequired>\n      <CreateDate>2011-09-19T23:00:56Z</CreateDate>\n      <UserName>Bob</UserName>\n",
    ),
    "no-namespace": IAM.replace(NS, ""),
    "attributes": IAM.replace("<GetLoginProfileResponse" + NS, "<GetLoginProfileResponse" + NS + ' xml:lang="en" version=\'2010-05-08\''),
    "offset-date": IAM.replace("2011-09-19T23:00:56Z", "2011-09-20T04:30:56.25+05:30"),
    "large": "<GetLoginProfileResponse" + NS + ">\n" + large_subtree() + RESULT + METADATA + "</GetLoginProfileResponse>\n",
}

ACCESS_DENIED = read("real-iam-error-accessdenied-403-from-sdk-go-debug-log.xml")
ERROR = {
    "iam": ACCESS_DENIED,
    "moto": read("moto-get-login-profile-no-user.xml"),
    "ec2": "<Response><Errors><Error><Code>NoSuchEntity</Code><Message>The user with name Bob cannot be found.</Message></Error></Errors><RequestID>98ca53c1-cacf-4e90-af82-76e914cba248</RequestID></Response>\n",
    "declaration-crlf": ('<?xml version="1.0" encoding="UTF-8"?>\n' + ACCESS_DENIED).replace("\n", "\r\n"),
    "entities": ACCESS_DENIED.replace("is not authorized", "is &quot;not&quot; authorized &amp; cannot&#x20;proceed"),
    "prefixes": ACCESS_DENIED.replace('<ErrorResponse xmlns="', '<e:ErrorResponse xmlns:e="').replace("</", "</e:").replace("<Error>", "<e:Error>").replace("<Type>", "<e:Type>").replace("<Code>", "<e:Code>").replace("<Message>", "<e:Message>").replace("<RequestId>", "<e:RequestId>"),
}

for kind, docs in [("success", SUCCESS), ("error", ERROR)]:
    for name, doc in docs.items():
        with open(os.path.join(HERE, "%s-%s.xml" % (kind, name)), "w", encoding="utf-8", newline="") as f:
            f.write(doc)
