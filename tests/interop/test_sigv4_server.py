"""SigV4 verification over loopback (issue 20): `examples/server.rs` against requests botocore
signs as a user would, the same requests changed on the way, and hostile ones.

- botocore given a `Date` header (it signs `date` and sends no `X-Amz-Date`) gets its answer;
- botocore signing a `GET` whose query holds `%2B` gets the user `a+b`; the same request with
  `+` in place of `%2B` (a space to the decoder) is `SignatureDoesNotMatch`;
- botocore signing a query that holds `+` (it signs the query as sent) is authenticated, and
  the decoder reads a space;
- `host` named 40,000 times over a `Host` of 190,000 characters is `IncompleteSignature` at
  once, and the server answers the next request with flat memory.

Each request goes over its own connection with a timeout; the server is killed at the end.
"""

import datetime
import re
import socket
import time
from pathlib import Path

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from test_server import start_server

AKID = "AKIDINTEROP20"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
FORM = "application/x-www-form-urlencoded; charset=utf-8"


@pytest.fixture(scope="module")
def server():
    proc, port = start_server(
        "--credentials", f"{AKID}:{SECRET}",
        "--profile", "Bob", "2011-09-19T23:00:56Z", "-",
        "--profile", "a+b", "2020-02-29T12:00:00Z", "false",
    )
    try:
        yield proc, port
    finally:
        proc.kill()


def signed(port: int, method: str, target: str, body: str = "", headers: dict = None) -> AWSRequest:
    """botocore's `SigV4Auth` over a request as a user would build it, at the current time."""
    request = AWSRequest(
        method=method, url=f"http://127.0.0.1:{port}{target}", data=body.encode(), headers=dict(headers or {})
    )
    SigV4Auth(Credentials(AKID, SECRET), "iam", "us-east-1").add_auth(request)
    return request


def send(port: int, method: str, target: str, headers: list, body: bytes = b"") -> tuple:
    """One request on its own connection, sent as given; (status, body, seconds)."""
    head = f"{method} {target} HTTP/1.1\r\n".encode()
    for name, value in headers + [("Content-Length", str(len(body))), ("Connection", "close")]:
        head += f"{name}: {value}\r\n".encode("latin-1")
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head + b"\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    elapsed = time.monotonic() - started
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1].decode(), elapsed


def send_signed(port: int, request: AWSRequest, target: str = None) -> tuple:
    headers = [(n, v) for n, v in request.headers.items()] + [("Host", f"127.0.0.1:{port}")]
    return send(port, request.method, target or request.url.split(str(port), 1)[1], headers, request.body or b"")


def code(body: str) -> str:
    return re.search(r"<Code>([^<]*)</Code>", body).group(1)


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def test_botocore_with_a_date_header_gets_its_answer(server):
    _, port = server
    request = signed(
        port, "POST", "/", "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
        {"Content-Type": FORM, "Date": "Thu, 01 Jan 1970 00:00:00 GMT"},
    )
    assert "X-Amz-Date" not in request.headers and request.headers["Date"].endswith("-0000")
    status, body, _ = send_signed(port, request)
    assert status == 200, body
    assert "<UserName>Bob</UserName>" in body


def test_an_escaped_plus_is_a_plus_and_cannot_be_sent_as_a_space(server):
    _, port = server
    target = "/?Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb"
    request = signed(port, "GET", target)
    status, body, _ = send_signed(port, request)
    assert status == 200, body
    assert "<UserName>a+b</UserName>" in body
    # The same signature with `+` (a space to the decoder): refused, and quickly.
    status, body, elapsed = send_signed(port, request, target.replace("%2B", "+"))
    assert (status, code(body)) == (403, "SignatureDoesNotMatch"), body
    assert elapsed < 2
    # `%2b` is the same plus: the same request, accepted.
    status, body, _ = send_signed(port, request, target.replace("%2B", "%2b"))
    assert status == 200, body


def test_a_query_botocore_signed_as_sent_with_a_plus_is_authenticated(server):
    _, port = server
    request = signed(port, "GET", "/?Action=GetLoginProfile&Version=2010-05-08&UserName=a+b")
    status, body, _ = send_signed(port, request)
    # Past the signature, the decoder reads `a b`, which is no user name.
    assert (status, code(body)) == (400, "ValidationError"), body
    assert "a b" in body
    # The same signature over `%2B`: refused.
    target = "/?Action=GetLoginProfile&Version=2010-05-08&UserName=a%2Bb"
    status, body, _ = send_signed(port, request, target)
    assert (status, code(body)) == (403, "SignatureDoesNotMatch"), body


def test_hostile_signed_headers_are_refused_at_once_with_flat_memory(server):
    proc, port = server
    host = "h" * 190_000
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    scope = f"AWS4-HMAC-SHA256 Credential={AKID}/{date[:8]}/us-east-1/iam/aws4_request"
    hostile = [
        ("Host", host),
        ("X-Amz-Date", date),
        ("Authorization", f"{scope}, SignedHeaders={';'.join(['host'] * 40_000)};x-amz-date, Signature={'0' * 64}"),
    ]
    within = hostile[:2] + [("Authorization", f"{scope}, SignedHeaders=host;host;x-amz-date, Signature={'0' * 64}")]
    body = b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob"
    before = rss_kib(proc.pid)
    for _ in range(10):
        for headers in (hostile, within):
            status, answer, elapsed = send(port, "POST", "/", headers, body)
            assert (status, code(answer)) == (400, "IncompleteSignature"), answer
            assert elapsed < 2, elapsed
    after = rss_kib(proc.pid)
    assert after - before < 32 * 1024, (before, after)
    # Still up, and still right.
    request = signed(port, "POST", "/", body.decode(), {"Content-Type": FORM})
    status, answer, _ = send_signed(port, request)
    assert status == 200, answer
