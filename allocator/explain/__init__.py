"""Explanations: why a household was not housed, why it did not get its first wish, and board-review cases."""

from allocator.explain.unhoused import unhoused_reasons

__all__ = ["unhoused_reasons"]
