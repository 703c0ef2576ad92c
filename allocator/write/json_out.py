"""The JSON result: English keys and reasons, ids exactly as in the input, stable bytes for the same input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from allocator.result import Result
from allocator.write.atomic import atomic_path


def write_json(
    path: str | Path,
    result: Result,
    audit: dict[str, Any],
    *,
    schedule: dict[str, Any] | None = None,
    move_dates: dict[str, dict[str, str]] | None = None,
) -> None:
    """``schedule`` (the moving schedule's block) and ``move_dates`` (household id -> move type -> ISO date)
    only where a schedule was made, so that an unscheduled run keeps its bytes."""
    document = result.as_dict(audit)
    if move_dates is not None:
        for entry in document["assignments"]:
            entry["moves"] = move_dates.get(entry["household_id"], {})
    if schedule is not None:
        document["schedule"] = schedule
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
