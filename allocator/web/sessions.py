"""One browser session's private state: its folder of uploads and outputs, its settings, its runs.

A session is known by a random id in an HttpOnly, SameSite=Strict cookie; nothing else identifies it, so two
browsers never see each other's files. Its folder is created with mode 0700 under the server's own temporary
folder and removed when the user ends the session, when it has been idle for ``IDLE_SECONDS``, and, with the
server's folder, when the server stops.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.web.security import new_secret
from allocator.web.uploads import Stored
from allocator.web.worker import Worker

log = logging.getLogger(__name__)

SESSION_COOKIE = "genhus_session"
IDLE_SECONDS = 8 * 3600
MAX_SESSIONS = 50


class SessionsFull(RuntimeError):
    """Every session holds files; no new one is started until one ends."""


@dataclass
class Session:
    """What one browser has uploaded, chosen and run. ``lock`` guards every field but the id and folder."""

    session_id: str
    folder: Path
    csrf: str
    lang: str = "da"
    files: dict[str, Stored] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    checked: Any = None
    results: dict[str, Any] = field(default_factory=dict)
    worker: Worker = field(default_factory=Worker)
    last_seen: float = field(default_factory=time.monotonic)
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def uploads(self) -> Path:
        return self.folder / "uploads"

    def outputs(self, run: str) -> Path:
        """The folder of one run's outputs (``run`` is our own name, never the user's)."""
        path = self.folder / "out" / run
        path.mkdir(parents=True, exist_ok=True)
        return path


class SessionStore:
    """The sessions of one server, in memory, with their folders under one private temporary folder."""

    def __init__(self, *, root: Path | None = None, idle_seconds: float = IDLE_SECONDS) -> None:
        self._parent = root
        self._root: Path | None = None
        self.idle_seconds = idle_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        """The server's private folder, made with the first session (so an app never started leaves nothing)."""
        if self._root is None or not self._root.exists():
            self._root = Path(tempfile.mkdtemp(prefix="genhus-web-", dir=self._parent))
        return self._root

    def get(self, session_id: str | None) -> Session | None:
        self.sweep()
        with self._lock:
            session = self._sessions.get(session_id or "")
            if session is not None:
                session.last_seen = time.monotonic()
            return session

    def create(self) -> Session:
        self.sweep()
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                # Only a session with nothing in it makes room: requests from another site (which carry no
                # cookie) must never be able to push out a coordinator's files.
                empty = [x for x in self._sessions.values() if not x.files and not x.results]
                if not empty:
                    raise SessionsFull()
                self._drop(min(empty, key=lambda x: x.last_seen).session_id)
            session_id = new_secret()
            folder = Path(tempfile.mkdtemp(prefix="s-", dir=self.root))
            (folder / "uploads").mkdir()
            session = Session(session_id=session_id, folder=folder, csrf=new_secret())
            self._sessions[session_id] = session
            log.info("web: session started (%d open)", len(self._sessions))
            return session

    def end(self, session_id: str) -> None:
        with self._lock:
            self._drop(session_id)
            log.info("web: session ended (%d open)", len(self._sessions))

    def sweep(self) -> None:
        """End the sessions idle for longer than ``idle_seconds``."""
        now = time.monotonic()
        with self._lock:
            for sid in [
                s.session_id for s in self._sessions.values() if now - s.last_seen > self.idle_seconds
            ]:
                self._drop(sid)

    def close(self) -> None:
        """End every session and remove the server's folder (at server stop)."""
        with self._lock:
            for sid in list(self._sessions):
                self._drop(sid)
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
                self._root = None

    def __len__(self) -> int:
        return len(self._sessions)

    def _drop(self, session_id: str) -> None:
        session = self._sessions.pop(session_id, None)
        if session is not None:
            shutil.rmtree(session.folder, ignore_errors=True)
