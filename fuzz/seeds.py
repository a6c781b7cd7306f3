#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target into fuzz/seeds/<target>/.

The seeds are the files of tests/data/ plus hand-made cases for what real peers send and
what the decoders must survive (CDATA, comments, entities, prefixes, a BOM, EC2-style
errors, offsets in timestamps, ...). The committed corpora (fuzz/corpus/<target>/) were
grown from these by fuzzing and minimized with `cargo fuzz cmin`; rerun this script and
merge (`cargo +nightly fuzz cmin <target> fuzz/seeds/<target>`) to start again from them.
"""

import hashlib
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent
DATA = ROOT.parent / "tests" / "data"
OUT = ROOT / "seeds"

NS = 'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"'


def success(profile, root_attr=f" {NS}", meta="<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"):
    return (
        f"<GetLoginProfileResponse{root_attr}><GetLoginProfileResult><LoginProfile>{profile}"
        f"</LoginProfile></GetLoginProfileResult>{meta}</GetLoginProfileResponse>"
    )


BOB = "<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"


def error(inner, request_id="<RequestId>r-1</RequestId>"):
    return f"<ErrorResponse {NS}><Error>{inner}</Error>{request_id}</ErrorResponse>"


RESPONSES = [
    success(BOB),
    success(BOB + "<PasswordResetRequired>true</PasswordResetRequired>"),
    success("<UserName><![CDATA[Bob]]></UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    success("<UserName>B<!-- c -->ob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    success("<UserName>&#66;o&#x62;</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    success("<UserName>a&amp;b</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    success("<UserName>a+b=c,d.e@f-g_h</UserName><CreateDate>2019-12-17T00:48:18+01:00</CreateDate>"),
    success("<UserName>Bob</UserName><CreateDate>2016-12-31T23:59:60Z</CreateDate>"),
    success("<UserName>Bob</UserName><CreateDate>2011-09-19t23:00:56.123456789z</CreateDate>"),
    success("<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56-08:30</CreateDate>"),
    "\ufeff" + success(BOB),
    '<?xml version="1.0" encoding="UTF-8"?>\n' + success(BOB),
    (
        f'<iam:GetLoginProfileResponse xmlns:iam="https://iam.amazonaws.com/doc/2010-05-08/">'
        f"<iam:GetLoginProfileResult><iam:LoginProfile><iam:UserName>Bob</iam:UserName>"
        f"<iam:CreateDate>2011-09-19T23:00:56Z</iam:CreateDate></iam:LoginProfile>"
        f"</iam:GetLoginProfileResult></iam:GetLoginProfileResponse>"
    ),
    success(BOB, meta="").replace("<GetLoginProfileResult>", "<ResponseMetadata><RequestId>x</RequestId></ResponseMetadata><GetLoginProfileResult>"),
    success("<Unknown a='1' b=\"2\"><x><y/></x>text</Unknown>" + BOB + "<Tags/>"),
    success(BOB).replace("><", ">\r\n  <"),
    success(BOB).replace("Bob", "Bob</UserName><UserName>Al"),
    success("<UserName>Bob</UserName>"),
    success(BOB + "<PasswordResetRequired>TRUE</PasswordResetRequired>"),
    success(BOB).replace("</GetLoginProfileResponse>", ""),
    "<!DOCTYPE x [<!ENTITY e 'Bob'>]>" + success(BOB),
    success(BOB) + "<!-- trailing -->\n<?pi x?>",
    success(BOB).replace("r-1", "<![CDATA[a]]>]]&gt;b&#13;&#x9;&lt;"),
    "",
    "<a/>",
]

ERRORS = [
    error("<Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name Bob cannot be found.</Message>"),
    error("<Type>Receiver</Type><Code>ServiceFailure</Code>"),
    error("<Code>Throttling</Code><Message>Rate exceeded</Message><message>Rate exceeded</message>"),
    error("<Code>X</Code><Detail/><Nested><a><b>c</b></a></Nested>", request_id=""),
    error("<Message><![CDATA[a <b> & c]]></Message><Code>AccessDenied</Code><Type>Sender</Type>"),
    error("<Code>A&amp;B</Code><Message>x &lt; y &#x1F600; <!-- no --> z</Message>"),
    error("<Code></Code>"),
    error("<Type>sender</Type><Code>X</Code>"),
    (
        "<Response><Errors><Error><Code>InvalidAction</Code><Message>Nope</Message></Error></Errors>"
        "<RequestID>ec2-1</RequestID></Response>"
    ),
    "<Response><Errors><Error><Code>A</Code></Error><Error><Code>B</Code></Error></Errors></Response>",
    '\ufeff<?xml version="1.0"?>\r\n' + error("<Code>X</Code>"),
    '<e:ErrorResponse xmlns:e="urn:x"><e:Error><e:Code>X</e:Code></e:Error></e:ErrorResponse>',
]

REQUESTS = [
    "Action=GetLoginProfile&Version=2010-05-08",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
    "UserName=a%2bb%3Dc%2Cd.e%40f-g_h&Version=2010-05-08&Action=GetLoginProfile",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=bad+name",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob&UserName=Al",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=%ZZ",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=%C3%28",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=\xff",
    "Action=GetUser&Version=2010-05-08",
    "Action=GetLoginProfile&Version=2011-01-01",
    "Version=2010-05-08",
    "Action=GetLoginProfile",
    "&&Action=GetLoginProfile&&Version=2010-05-08&&",
    "Action=GetLoginProfile&Version=2010-05-08&X-Amz-Date=20261123T000000Z&X-Amz-Signature=abc"
    "&AWSAccessKeyId=AKID&SignatureVersion=4&Timestamp=x&Expires=y&SecurityToken=z",
    "Action=GetLoginProfile&Version=2010-05-08&Foo=bar",
    "Action=GetLoginProfile&Version=2010-05-08&UserName",
    "Action=GetLoginProfile&Version=2010-05-08&UserName=" + "a" * 65,
    "Action=GetLoginProfile&Version=2010-05-08&UserName=a=b",
    "",
]

USER_NAMES = [
    "Bob", "a+b=c,d.e@f-g_h", "José", "bad name", "", "a" * 64, "a" * 65, "é" * 64, "_", "a\nb",
    "Ω", "a\u0000b", "@@", "x" * 63 + "é",
]

CREATE_DATES = [
    "2011-09-19T23:00:56Z", "2011-09-19t23:00:56z", "2026-11-23T17:57:57.907140Z",
    "2019-12-17T00:48:18+01:00", "2019-12-17T00:48:18-23:59", "2016-12-31T23:59:60Z",
    "2016-12-31T23:59:60.5Z", "2016-06-30T23:59:60Z", "2016-12-31T22:59:60-01:00",
    "2016-12-30T23:59:60Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
    "0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01", "2000-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z", "2011-09-19T23:00:56.1234567891234Z", "2011-09-19T24:00:00Z",
    "2011-09-19 23:00:56Z", "2011-09-19T23:00:56", "2011-09-19T23:00Z", "20110919T230056Z",
    "2011-09-19T23:00:56+0530", "2011-09-19T23:00:56.Z", " 2011-09-19T23:00:56Z", "",
    "2011-09-19T23:00:56+24:00", "2011-13-01T00:00:00Z", "2011-09-31T00:00:00Z",
]


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / name).write_bytes(data)


def numbered(target, items, prefix):
    for i, item in enumerate(items):
        data = item.encode("latin-1") if "\xff" in item else item.encode()
        write(target, f"{prefix}-{i:02}", data)


def main():
    for f in sorted(DATA.iterdir()):
        data = f.read_bytes()
        if f.suffix == ".txt":
            write("request", f.name, data)
            write("differential", f.name, data)
        else:
            for t in ("response", "error", "differential"):
                write(t, f.name, data)
    numbered("response", RESPONSES, "hand-response")
    numbered("error", ERRORS, "hand-error")
    numbered("request", REQUESTS, "hand-request")
    numbered("differential", RESPONSES + ERRORS + REQUESTS, "hand")
    numbered("user_name", USER_NAMES, "hand")
    numbered("create_date", CREATE_DATES, "hand")
    # `roundtrip` reads its input through `arbitrary`: any bytes will do, a few lengths.
    rng = random.Random(3)
    for n in (16, 64, 256, 1024, 4096):
        data = bytes(rng.randrange(256) for _ in range(n))
        write("roundtrip", f"random-{n}-{hashlib.sha1(data).hexdigest()[:8]}", data)


if __name__ == "__main__":
    main()
