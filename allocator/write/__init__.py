"""Writers: every output is written to a temporary file beside the target and moved into place."""

from allocator.write.atomic import atomic_path
from allocator.write.json_out import write_json

__all__ = ["atomic_path", "write_json"]
