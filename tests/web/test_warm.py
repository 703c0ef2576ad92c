"""The warm-up at server start: it runs the library once in the background and ends, whatever happens."""

from __future__ import annotations

import logging

from conftest import make_client

from allocator.web import warm


def test_the_server_warms_the_library_up_at_start(tmp_path):
    with make_client(tmp_path) as client:
        assert client.app.state.warmed.wait(120)
        assert client.get("/filer").status_code == 200


def test_a_server_can_start_without_the_warm_up(tmp_path):
    with make_client(tmp_path, warm=False) as client:
        assert not hasattr(client.app.state, "warmed")


def test_a_failing_warm_up_only_logs_its_kind(monkeypatch, caplog):
    import allocator.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("H0001 Karen")

    monkeypatch.setattr(allocator.pipeline, "run", broken)
    with caplog.at_level(logging.WARNING, logger="allocator.web.warm"):
        warm._run()
    assert "warm-up failed (RuntimeError)" in caplog.text and "Karen" not in caplog.text
