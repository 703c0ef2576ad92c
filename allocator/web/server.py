"""Start the web page: check host and token, run uvicorn, open the browser, remove every session's files at stop."""

from __future__ import annotations

import logging
import threading
import webbrowser

from allocator.web.security import is_loopback, server_token

log = logging.getLogger(__name__)

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def serve(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    token: str | None = None,
    token_file: str | None = None,
    open_browser: bool = True,
) -> None:
    """Serve until stopped (Ctrl+C). Raises ``TokenError`` for a non-loopback host without a token."""
    import uvicorn

    from allocator.web.app import Config, create_app

    secret = server_token(host, token, token_file)
    app = create_app(Config(token=secret, loopback=is_loopback(host)))
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{port}/"
    log.info("web: serving on %s%s", url, " (every request must carry the token)" if secret else "")
    if open_browser:
        # The token goes in the first address only; the page moves it to a cookie at once.
        first = url + (f"?token={secret}" if secret else "")
        threading.Timer(1.0, webbrowser.open, args=(first,)).start()
    # uvicorn's access log would write every address, household ids in them included: counts only.
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
