"""Signature Version 4 against botocore (feature `sigv4`).

- The committed fixtures `tests/data/sigv4/botocore-signed.json` and `botocore-cases.json` is botocore's `SigV4Auth`
  output, regenerated here; `tests/it/sigv4.rs` holds our signer byte-identical to it and
  our verifier accepting it (and refusing any single byte changed).
- Each kind of refusal our verifier gives, encoded by our `ErrorResponse`
  (`tests/data/sigv4/refusals.json`, pinned by `tests/it/sigv4.rs`), is parsed by
  botocore's `QueryParser` into the right code, message and request id.
"""

import json

import pytest
from botocore.parsers import QueryParser

from sigv4_fixtures import CASES, FIXTURE, generate, generate_cases, render, render_cases

REFUSALS = json.loads((FIXTURE.parent / "refusals.json").read_text(encoding="utf-8"))


def test_fixture_is_botocores_output():
    assert render(generate()) == FIXTURE.read_text(encoding="utf-8")


def test_cases_fixture_is_botocores_output():
    """botocore given a URL with `+` or `%2B` in its query, or a `Date` header (issue 20)."""
    assert render_cases(generate_cases()) == CASES.read_text(encoding="utf-8")
    dated = next(c for c in json.loads(CASES.read_text(encoding="utf-8"))["cases"] if c["name"] == "post-date-header")
    names = [n for n, _ in dated["headers"]]
    assert "Date" in names and "X-Amz-Date" not in names


def test_fixture_covers_every_action_and_session_tokens():
    entries = json.loads(FIXTURE.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 200
    assert {e["action"] for e in entries} == {
        "CreateLoginProfile",
        "GetLoginProfile",
        "UpdateLoginProfile",
        "DeleteLoginProfile",
    }
    assert sum(e["session_token"] is not None for e in entries) == 65
    assert any("%C3%A9" in e["body"] for e in entries)  # Latin-1 passwords, UTF-8 encoded


def test_every_code_is_refused():
    assert {r["code"] for r in REFUSALS} == {
        "MissingAuthenticationToken",
        "IncompleteSignature",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
    }


@pytest.mark.parametrize("refusal", REFUSALS, ids=[r["kind"] for r in REFUSALS])
def test_botocore_parses_each_refusal(operation_model, refusal):
    parsed = QueryParser().parse(
        {"body": refusal["xml"].encode(), "headers": {}, "status_code": refusal["status"]},
        operation_model.output_shape,
    )
    assert parsed["Error"] == {"Type": "Sender", "Code": refusal["code"], "Message": refusal["message"]}
    assert parsed["ResponseMetadata"]["RequestId"] == "c0ffee00-0000-4000-8000-000000000011"
    assert refusal["status"] == (400 if refusal["code"] == "IncompleteSignature" else 403)
