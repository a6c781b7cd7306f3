"""What the real Python tools do, reduced to bytes in and values out."""

from datetime import datetime, timezone

from botocore.parsers import QueryParser

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class _Captured(Exception):
    def __init__(self, request):
        super().__init__("captured")
        self.request = request


def botocore_request(client, **params):
    """The request botocore would put on the wire for `get_login_profile(**params)`.

    A `before-send` hook receives the prepared request (signed, body final) and stops
    the call there: nothing leaves the process.
    """

    def stop(request, **_):
        raise _Captured(request)

    client.meta.events.register("before-send.iam.GetLoginProfile", stop)
    try:
        client.get_login_profile(**params)
    except _Captured as captured:
        return captured.request
    finally:
        client.meta.events.unregister("before-send.iam.GetLoginProfile", stop)
    raise AssertionError("botocore sent nothing")


def botocore_request_body(client, **params) -> bytes:
    body = botocore_request(client, **params).body
    # botocore hands http.client a str for form bodies; it goes out as latin-1, which for
    # a percent-encoded (pure ASCII) body is the same bytes.
    return body.encode("ascii") if isinstance(body, str) else body


def botocore_parse(operation_model, body: bytes, status: int) -> dict:
    """botocore's `QueryParser` with the IAM model, as a client parses a response."""
    return QueryParser().parse(
        {"body": body, "headers": {}, "status_code": status}, operation_model.output_shape
    )


def micros(dt: datetime) -> int:
    """An aware datetime as integer microseconds since the epoch (exact, no float)."""
    assert dt.tzinfo is not None, f"naive datetime {dt!r}"
    delta = dt - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def rfc3339_micros(text: str) -> int:
    """Our `CreateDate` string (RFC 3339, `Z`, fraction of 0..9 digits) as epoch microseconds,
    truncating below the microsecond as botocore does."""
    head, _, frac = text.rstrip("Z").partition(".")
    whole = datetime.fromisoformat(head + "+00:00")
    return micros(whole) + int((frac + "000000")[:6] or 0)
