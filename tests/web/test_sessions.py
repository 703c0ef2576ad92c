"""Sessions are isolated, and their files are deleted at their end, when idle, and when the server stops."""

from __future__ import annotations

import threading

from conftest import BASE, HOUSEHOLDS, VACANCIES, allocated, make_client, start, upload
from starlette.testclient import TestClient

from allocator.web.sessions import SessionStore


def test_two_concurrent_sessions_never_see_each_others_data(tmp_path, tiny):
    app = make_client(tmp_path).app
    with TestClient(app, base_url=BASE) as a, TestClient(app, base_url=BASE) as b:
        csrf_a, csrf_b = start(a), start(b)
        assert csrf_a != csrf_b
        pages = {}

        def run(name, client, csrf, h, v):
            pages[name] = allocated(client, csrf, h, v)

        threads = [
            threading.Thread(target=run, args=("a", a, csrf_a, HOUSEHOLDS, VACANCIES)),
            threading.Thread(target=run, args=("b", b, csrf_b, tiny["households"], tiny["vacancies"])),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert "231 af 250 husstande genhuset" in pages["a"].text
        assert "2 af 3 husstande genhuset" in pages["b"].text
        assert "H0001" not in b.get("/resultat").text
        assert "tiny_h.csv" not in a.get("/filer").text and "households.csv" not in b.get("/filer").text
        # b's CSRF token is no good in a's session
        assert a.post("/fordel", data={"csrf_token": csrf_b}).status_code == 403
        assert len(app.state.store) == 2


def test_ending_the_session_deletes_its_files(tmp_path):
    with make_client(tmp_path) as c:
        csrf = start(c)
        upload(c, csrf, households=HOUSEHOLDS, vacancies=VACANCIES)
        store = c.app.state.store
        assert len(list(store.root.rglob("households.csv"))) == 1
        r = c.post("/afslut", data={"csrf_token": csrf})
        assert r.status_code == 200 and "Dine filer er slettet" in r.text
        assert list(store.root.rglob("*")) == [] and len(store) == 0
        assert "Lagt op" not in c.get("/filer").text  # a new, empty session


def test_the_server_stop_removes_every_session_folder(tmp_path):
    with make_client(tmp_path) as c:
        csrf = start(c)
        upload(c, csrf, households=HOUSEHOLDS)
        root = c.app.state.store.root
        assert root.exists()
    assert not root.exists()
    assert list(tmp_path.iterdir()) == []


def test_idle_sessions_are_ended(tmp_path):
    store = SessionStore(root=tmp_path, idle_seconds=-1)
    session = store.create()
    folder = session.folder
    assert folder.exists() and (folder.stat().st_mode & 0o777) == 0o700
    assert store.get(session.session_id) is None
    assert not folder.exists()
    store.close()


def test_session_folders_are_private_and_named_by_us(tmp_path):
    store = SessionStore(root=tmp_path)
    session = store.create()
    assert (store.root.stat().st_mode & 0o777) == 0o700
    assert session.outputs("allocate-1") == session.folder / "out" / "allocate-1"
    store.close()


def test_an_app_never_started_leaves_no_folder(tmp_path):
    from allocator.web.app import Config, create_app

    create_app(Config(temp_root=tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_requests_without_a_cookie_never_push_out_a_session_with_files(tmp_path, monkeypatch):
    from allocator.web import sessions

    monkeypatch.setattr(sessions, "MAX_SESSIONS", 2)
    store = SessionStore(root=tmp_path)
    kept = store.create()
    kept.files["households"] = object()
    empty = store.create()
    third = store.create()  # makes room by ending the empty one
    assert store.get(empty.session_id) is None and store.get(kept.session_id) is kept
    third.results["allocation"] = object()
    try:
        store.create()
    except sessions.SessionsFull:
        pass
    else:
        raise AssertionError("a full store must refuse a new session")
    assert store.get(kept.session_id) is kept and store.get(third.session_id) is third
    store.close()


def test_a_full_server_says_so_in_danish(tmp_path, monkeypatch):
    from allocator.web import sessions

    monkeypatch.setattr(sessions, "MAX_SESSIONS", 1)
    with make_client(tmp_path) as c:
        csrf = start(c)
        upload(c, csrf, households=HOUSEHOLDS)
        c.cookies.clear()
        r = c.get("/filer")
        assert r.status_code == 503 and "for mange åbne sessioner" in r.text
