"""Who may use the server, and that a form was sent by our own page.

- On this machine only (loopback), the browser session is the guard; anyone else who can reach the port could
  read households' personal data, so another host needs an access token, carried by every request.
- Every form carries the session's CSRF token, so another web page open in the same browser cannot make this
  one run or upload anything.

Tokens are compared in constant time (``hmac.compare_digest``), so their length of common prefix does not show
in the response time.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from pathlib import Path

TOKEN_COOKIE = "genhus_token"
TOKEN_QUERY = "token"
TOKEN_HEADER = "authorization"
CSRF_FIELD = "csrf_token"
MIN_TOKEN_LENGTH = 16


class TokenError(ValueError):
    """The server cannot start with the token (or host) it was given."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine: ``localhost`` or an address in 127.0.0.0/8 or ::1."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_token(host: str, token: str | None, token_file: str | Path | None) -> str | None:
    """The token every request must carry, or ``None`` on loopback without one.

    Raises
    ------
    TokenError
        On a host other than loopback without a token, with both a token and a token file, or with a token
        too short to guess-proof.
    """
    if token and token_file:
        raise TokenError("give --token or --token-file, not both")
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise TokenError(f"cannot read the token file: {exc.strerror or exc}") from None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise TokenError(f"the token must be at least {MIN_TOKEN_LENGTH} characters")
    if not token and not is_loopback(host):
        raise TokenError(
            f"--host {host} lets other machines reach the page and the households' personal data: "
            "start it with --token TOKEN or --token-file FILE (every request must then carry the token), "
            "or leave --host at 127.0.0.1"
        )
    return token or None


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison of two secrets; an absent one never matches."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def new_secret() -> str:
    return secrets.token_urlsafe(32)
