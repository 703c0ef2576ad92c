"""Loopback by default, a token off it on every request, the CSRF token on every form, the Host header."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import csrf_of, make_client, start

from allocator.cli import main
from allocator.web import security

TOKEN = "s3cret-token-for-the-tests"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host):
    assert security.is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "genhus.intern", ""])
def test_other_hosts_are_not_loopback(host):
    assert not security.is_loopback(host)


def test_a_non_loopback_host_refuses_to_start_without_a_token():
    with pytest.raises(security.TokenError, match="--token"):
        security.server_token("0.0.0.0", None, None)
    assert security.server_token("127.0.0.1", None, None) is None
    assert security.server_token("0.0.0.0", TOKEN, None) == TOKEN


def test_token_file_and_short_tokens(tmp_path):
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    assert security.server_token("0.0.0.0", None, path) == TOKEN
    with pytest.raises(security.TokenError, match="at least 16"):
        security.server_token("0.0.0.0", "short", None)
    with pytest.raises(security.TokenError, match="not both"):
        security.server_token("0.0.0.0", TOKEN, path)
    with pytest.raises(security.TokenError, match="cannot read"):
        security.server_token("0.0.0.0", None, tmp_path / "missing")


def test_serve_says_why_it_refuses_and_exits_2():
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "--token" in result.output and "Traceback" not in result.output


def test_same_secret_is_constant_time_and_never_matches_nothing(monkeypatch):
    calls = []
    real = security.hmac.compare_digest
    monkeypatch.setattr(security.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    assert security.same_secret(TOKEN, TOKEN)
    assert not security.same_secret(TOKEN[:-1] + "x", TOKEN)
    assert calls == [1, 1]
    assert not security.same_secret(None, TOKEN) and not security.same_secret("", TOKEN)


def test_every_request_needs_the_token(tmp_path):
    with make_client(tmp_path, token=TOKEN, loopback=False) as c:
        for path in ("/filer", "/resultat", "/static/style.css", "/hent/tilbud.xlsx"):
            r = c.get(path)
            assert r.status_code == 401, path
            assert "adgangsnøgle" in r.text
        assert c.get("/filer", headers={"Authorization": "Bearer wrong-token-of-16-chars"}).status_code == 401
        assert c.get("/filer", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_the_token_in_the_link_moves_to_a_cookie(tmp_path):
    with make_client(tmp_path, token=TOKEN, loopback=False) as c:
        r = c.get(f"/filer?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert c.get("/filer").status_code == 200  # the cookie carries it now


def test_a_forged_csrf_token_is_refused_and_changes_nothing(client, tiny):
    csrf = start(client)
    parts = {"households": ("h.csv", tiny["households"].read_bytes(), "text/csv")}
    r = client.post("/filer", data={"csrf_token": "forged" + csrf[6:]}, files=parts)
    assert r.status_code == 403 and "Formularen" in r.text
    assert "Lagt op" not in client.get("/filer").text
    for path in ("/kontroller", "/fordel", "/indstillinger", "/breve", "/runde", "/scenarier", "/afslut"):
        assert client.post(path, data={}).status_code == 403, path
    # the real token works
    assert client.post("/filer", data={"csrf_token": csrf}, files=parts).status_code == 200


def test_a_post_without_a_session_is_refused(tmp_path):
    with make_client(tmp_path) as c:
        r = c.post("/fordel", data={"csrf_token": "x"})
        assert r.status_code == 400 and "session" in r.text


def test_on_loopback_a_foreign_host_name_is_refused(client):
    assert client.get("/filer", headers={"host": "evil.example:8765"}).status_code == 400
    assert client.get("/filer", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/filer", headers={"host": "[::1]:8765"}).status_code == 200


def test_pages_forbid_inline_scripts_and_framing(client):
    r = client.get("/filer")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert csrf_of(r.text)
