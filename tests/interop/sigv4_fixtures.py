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


def render(entries: list) -> str:
    """One entry a line, so that a diff shows which requests changed."""
    head = json.dumps({"generator": "tests/interop/sigv4_fixtures.py", "botocore": botocore.__version__, "count": len(entries)})
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    return head[:-1] + ', "entries": [\n' + lines + "\n]}\n"


def main(argv: list) -> int:
    text = render(generate())
    if "--check" in argv:
        same = FIXTURE.read_text(encoding="utf-8") == text
        print("fixture up to date" if same else f"{FIXTURE} differs from botocore's output")
        return 0 if same else 1
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"wrote {FIXTURE} ({COUNT} requests, botocore {botocore.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
