"""The JSON result: English keys and reasons, ids exactly as in the input, stable bytes for the same input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from allocator.result import Result
from allocator.write.atomic import atomic_path


def write_json(path: str | Path, result: Result, audit: dict[str, Any]) -> None:
    document = result.as_dict(audit)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
