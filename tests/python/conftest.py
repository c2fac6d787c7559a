"""Shared fixtures of the Python cross-checks: where the release CLI is, and a
summary section that pytest prints at the end of the run (no `-s` needed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# tests/python/conftest.py -> the repository root is two levels up.
REPO_ROOT = Path(__file__).resolve().parents[2]

_SUMMARY = pytest.StashKey[list]()


def _default_bin() -> Path:
    target = os.environ.get("CARGO_TARGET_DIR")
    base = Path(target) if target else Path("target")
    return base / "release" / "lianjian"


def resolve_bin() -> Path:
    """`LIANJIAN_BIN` if set, else `target/release/lianjian`; relative paths
    are taken from the repository root."""
    raw = os.environ.get("LIANJIAN_BIN")
    path = Path(raw) if raw else _default_bin()
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.exists() and path.with_suffix(".exe").exists():
        path = path.with_suffix(".exe")
    return path


@pytest.fixture(scope="session")
def lianjian_bin() -> Path:
    path = resolve_bin()
    if not path.is_file():
        pytest.fail(
            f"the lianjian CLI is not at {path}: build it with "
            "`cargo build --release -p lianjian-cli` or set LIANJIAN_BIN",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def summary(request):
    """Append lines here; they are printed in the terminal summary."""
    return request.config.stash.setdefault(_SUMMARY, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(_SUMMARY, [])
    if lines:
        terminalreporter.section("lianjian differential summaries")
        for line in lines:
            terminalreporter.write_line(line)
