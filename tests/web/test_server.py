"""``genhus serve`` starts uvicorn on loopback by default, without access log, and opens the browser."""

from __future__ import annotations

import sys
import types

import pytest
from click.testing import CliRunner

from allocator.cli import main
from allocator.web import server


@pytest.fixture
def started(monkeypatch):
    calls = {}
    fake = types.SimpleNamespace(run=lambda app, **kw: calls.update(app=app, **kw))
    monkeypatch.setitem(sys.modules, "uvicorn", fake)
    opened = []

    class Timer:
        def __init__(self, delay, fn, args):
            self.fn, self.args = fn, args

        def start(self):
            opened.append(self.args[0])

    monkeypatch.setattr(server.threading, "Timer", Timer)
    return calls, opened


def test_serve_defaults_to_loopback_and_opens_the_browser(started):
    calls, opened = started
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8765 and calls["access_log"] is False
    assert opened == ["http://127.0.0.1:8765/"]
    assert calls["app"].state.config.token is None and calls["app"].state.config.loopback


def test_serve_on_another_host_with_a_token(started):
    calls, opened = started
    token = "a-token-of-enough-length"
    result = CliRunner().invoke(
        main, ["serve", "--host", "0.0.0.0", "--port", "9000", "--token", token, "--no-browser"]
    )
    assert result.exit_code == 0, result.output
    assert calls["host"] == "0.0.0.0" and calls["port"] == 9000 and opened == []
    config = calls["app"].state.config
    assert config.token == token and not config.loopback
