"""Shared fixtures for the interop suite: the `wire` example as a subprocess, botocore's IAM model.

The binaries are built by `.ci/run` (`cargo build --example wire --example server`); set
`WIRE_BIN` / `SERVER_BIN` to point elsewhere. When a binary is missing it is built here once.
"""

import json
import os
import subprocess
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]
PINNED = {"botocore": "1.43.11", "boto3": "1.43.11", "moto": "5.2.1"}


def _target_dir() -> Path:
    if os.environ.get("CARGO_TARGET_DIR"):
        return Path(os.environ["CARGO_TARGET_DIR"])
    return ROOT / "target"


def example_binary(name: str, env_var: str) -> Path:
    """The path of `cargo build --example NAME`, from `env_var` or the target dir, built if missing."""
    if os.environ.get(env_var):
        path = Path(os.environ[env_var])
        assert path.is_file(), f"{env_var}={path} does not exist"
        return path
    path = _target_dir() / "debug" / "examples" / name
    if not path.is_file():
        subprocess.run(["cargo", "build", "--example", name], cwd=ROOT, check=True, timeout=900)
    assert path.is_file(), f"cargo built no {path}"
    return path


class Wire:
    """`wire <command>`: stdin in, stdout out."""

    def __init__(self, path: Path):
        self.path = path

    def run(self, command: str, data: bytes) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.path), command], input=data, capture_output=True, timeout=30)

    def ok(self, command: str, data: bytes) -> bytes:
        proc = self.run(command, data)
        assert proc.returncode == 0, f"wire {command} failed on {data!r}: {proc.stderr.decode()}"
        return proc.stdout

    def json(self, command: str, data: bytes):
        return json.loads(self.ok(command, data))

    def encode(self, command: str, value) -> bytes:
        return self.ok(command, json.dumps(value).encode())


@pytest.fixture(scope="session")
def wire() -> Wire:
    return Wire(example_binary("wire", "WIRE_BIN"))


@pytest.fixture(scope="session")
def iam_client():
    """A botocore IAM client that never reaches a network (fake credentials, no retries)."""
    return boto3.client(
        "iam",
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=5),
    )


@pytest.fixture(scope="session")
def operation_model(iam_client):
    return iam_client.meta.service_model.operation_model("GetLoginProfile")


def pytest_report_header(config):
    import botocore
    import moto

    return f"interop against boto3 {boto3.__version__}, botocore {botocore.__version__}, moto {moto.__version__}"
