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


def test_the_warm_ups_progress_lines_are_not_shown_but_its_warnings_and_other_threads_are():
    def record(thread: str, level: int) -> logging.LogRecord:
        r = logging.LogRecord("allocator", level, __file__, 1, "writing o.xlsx", None, None)
        r.threadName = thread
        return r

    quiet = warm._OwnLinesOnly()
    assert not quiet.filter(record("genhus-warm-up", logging.INFO))
    assert quiet.filter(record("genhus-warm-up", logging.WARNING))
    assert quiet.filter(record("genhus-allocate-1", logging.INFO))
