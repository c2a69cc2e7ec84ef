"""What every test of `make sources` shares: no address but this machine's resolves, and a
local server that stands for the publishers' (see tests/origin.py)."""

from __future__ import annotations

import pytest

from tests.origin import Origin, keep_offline


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    keep_offline(monkeypatch)


@pytest.fixture
def origin():
    server = Origin()
    yield server
    server.close()
