"""botocore's `SigV4Auth` over 200 generated IAM login-profile requests, at fixed times.

Writes `tests/data/sigv4/botocore-signed.json`, which `tests/it/sigv4.rs` reads: our signer
must produce the same three headers byte for byte, and our verifier must accept every
request (and refuse it with any single byte changed). `test_sigv4.py` regenerates the
fixture and asserts it equals the committed file, so the fixture is botocore's output and
nothing else.

    python3 tests/interop/sigv4_fixtures.py            # rewrite the fixture
    python3 tests/interop/sigv4_fixtures.py --check    # exit 1 when it differs

Deterministic: a seeded `random.Random`, botocore's clock patched to each entry's time.
Pinned to botocore 1.43.11 (the interop suite's pin).
"""

import datetime
import json
import random
import sys
from pathlib import Path
from unittest import mock

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.credentials import Credentials
from botocore.serialize import create_serializer

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "sigv4" / "botocore-signed.json"
# botocore's `SigV4Auth` given a URL with a query (which it signs as sent) or a `Date`
# header (which it rewrites and signs in place of `X-Amz-Date`): the cases of issue 20.
CASES = FIXTURE.parent / "botocore-cases.json"
CASE_KEY = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
FORM = "application/x-www-form-urlencoded; charset=utf-8"
COUNT = 200
SEED = 11
ACTIONS = ["CreateLoginProfile", "GetLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile"]
NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-"
# Passwords: ASCII that needs encoding, Latin-1 letters, and a few beyond.
PASSWORD_CHARS = NAME_CHARS + " &=+%/?#~!\"'<>" + "éèàçñßøåÿÉÀÖÜ£¥©®±µ¿¡" + "€ł中🙂"
ENDPOINTS = [
    ("https://iam.amazonaws.com/", "us-east-1", "iam"),
    ("https://iam.amazonaws.com/", "us-east-1", "iam"),
    ("https://iam.amazonaws.com/", "us-east-1", "iam"),
    ("http://127.0.0.1:5000/", "us-east-1", "iam"),
    ("https://iam.us-gov.amazonaws.com/", "us-gov-west-1", "iam"),
    ("http://localhost:8080/", "eu-west-3", "iam"),
]
# 2015-08-30T12:36:00Z, the test suite's time; entries step 47 minutes 13 seconds apart
# so that they cross hours, days and months.
BASE = datetime.datetime(2015, 8, 30, 12, 36, 0)
STEP = datetime.timedelta(minutes=47, seconds=13)


def _text(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def _params(rng: random.Random, action: str) -> dict:
    params = {}
    if action != "GetLoginProfile" or rng.random() < 0.8:
        params["UserName"] = _text(rng, NAME_CHARS, 1, 64)
    elif rng.random() < 0.5:
        params["UserName"] = "Bob"
    if action in ("CreateLoginProfile", "UpdateLoginProfile") and (action == "CreateLoginProfile" or rng.random() < 0.7):
        params["Password"] = _text(rng, PASSWORD_CHARS, 1, 40)
    if action in ("CreateLoginProfile", "UpdateLoginProfile") and rng.random() < 0.5:
        params["PasswordResetRequired"] = rng.random() < 0.5
    if action == "DeleteLoginProfile" and "UserName" not in params:
        params["UserName"] = "Alice"
    return params


def _extra_headers(rng: random.Random, i: int) -> dict:
    headers = {"User-Agent": f"Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6 lang/python#3.11.7 cfg/retry-mode#legacy n/{i}"}
    if rng.random() < 0.5:
        headers["amz-sdk-invocation-id"] = f"{rng.getrandbits(128):032x}"
        headers["amz-sdk-request"] = f"attempt={rng.randint(1, 3)}; max={rng.randint(3, 5)}"
    if rng.random() < 0.2:
        # botocore folds whitespace with Python's str.split (aws-sigv4 folds spaces only).
        headers["X-Amz-Meta-Note"] = rng.choice(["  two  spaces  ", "tab\there", "a \t\r b", "plain"])
    if rng.random() < 0.1:
        headers["X-Amzn-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793"  # never signed
    return headers


def generate() -> list:
    rng = random.Random(SEED)
    model = botocore.session.get_session().get_service_model("iam")
    serializer = create_serializer("query")
    entries = []
    for i in range(COUNT):
        action = ACTIONS[i % len(ACTIONS)]
        operation = model.operation_model(action)
        params = _params(rng, action)
        endpoint, region, service = rng.choice(ENDPOINTS)
        access_key_id = "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
        secret = _text(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+", 40, 40)
        token = _text(rng, NAME_CHARS + "/", 60, 300) if rng.random() < 0.35 else None
        when = BASE + i * STEP

        request_dict = serializer.serialize_to_request(params, operation)
        request_dict["headers"].update(_extra_headers(rng, i))
        prepare_request_dict(request_dict, endpoint_url=endpoint)
        request = create_request_object(request_dict)
        body = request.body
        sent_headers = [[name, value] for name, value in request.headers.items()]

        auth = botocore.auth.SigV4Auth(Credentials(access_key_id, secret, token), service, region)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=when):
            auth.add_auth(request)
        host = botocore.auth._host_from_url(request.url)
        entries.append(
            {
                "action": action,
                "method": request.method,
                "url": request.url,
                "path": "/",
                # What our signer gets: the headers botocore had, plus the Host its HTTP
                # client sends (botocore signs that value without setting the header).
                "headers": [["Host", host]] + sent_headers,
                "body": body.decode("ascii"),
                "region": region,
                "service": service,
                "time": int((when - datetime.datetime(1970, 1, 1)).total_seconds()),
                "access_key_id": access_key_id,
                "secret_access_key": secret,
                "session_token": token,
                "signed": {
                    "Authorization": request.headers["Authorization"],
                    "X-Amz-Date": request.headers["X-Amz-Date"],
                    "X-Amz-Security-Token": request.headers.get("X-Amz-Security-Token"),
                },
            }
        )
    return entries


def _case(name: str, method: str, target: str, body: str = "", headers: dict = None) -> dict:
    from botocore.awsrequest import AWSRequest

    url = "https://iam.amazonaws.com" + target
    request = AWSRequest(method=method, url=url, data=body.encode(), headers=dict(headers or {}))
    auth = botocore.auth.SigV4Auth(Credentials(*CASE_KEY), "iam", "us-east-1")
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=BASE):
        auth.add_auth(request)
    return {
        "name": name,
        "method": method,
        "target": target,
        "headers": [["Host", botocore.auth._host_from_url(url)]] + [[n, v] for n, v in request.headers.items()],
        "body": body,
    }


def generate_cases() -> list:
    get = "/?Action=GetLoginProfile&Version=2010-05-08&UserName="
    update = "/?Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob&Password="
    return [
        _case("get-escaped-plus", "GET", get + "a%2Bb"),
        _case("get-raw-plus", "GET", get + "a+b"),
        _case("get-lower-hex", "GET", get + "a%2bb"),
        _case("get-password-plus", "GET", update + "New+Password+1"),
        _case("get-password-escaped-plus", "GET", update + "New%2BPassword%2B1"),
        # An empty segment, which botocore signs as the pair `=` (an empty name and value).
        _case("get-empty-segment", "GET", get + "Bob&"),
        _case(
            "post-query-password",
            "POST",
            "/?Password=a%2Bb",
            "Action=UpdateLoginProfile&Version=2010-05-08&UserName=Bob",
            {"Content-Type": FORM},
        ),
        _case(
            "post-date-header",
            "POST",
            "/",
            "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
            {"Content-Type": FORM, "Date": "Thu, 01 Jan 1970 00:00:00 GMT"},
        ),
    ]


def render_cases(cases: list) -> str:
    head = json.dumps({"generator": "tests/interop/sigv4_fixtures.py", "botocore": botocore.__version__, "time": 1440938160})
    lines = ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases)
    return head[:-1] + ', "cases": [\n' + lines + "\n]}\n"


def render(entries: list) -> str:
    """One entry a line, so that a diff shows which requests changed."""
    head = json.dumps({"generator": "tests/interop/sigv4_fixtures.py", "botocore": botocore.__version__, "count": len(entries)})
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    return head[:-1] + ', "entries": [\n' + lines + "\n]}\n"


def main(argv: list) -> int:
    status = 0
    for path, text in ((FIXTURE, render(generate())), (CASES, render_cases(generate_cases()))):
        if "--check" in argv:
            same = path.read_text(encoding="utf-8") == text
            print(f"{path.name} up to date" if same else f"{path} differs from botocore's output")
            status |= 0 if same else 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} (botocore {botocore.__version__})")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
