"""Explanations: why a household was not housed, why it did not get its first wish, and board-review cases."""

from allocator.explain.board_review import BoardCase, board_cases, board_rule
from allocator.explain.unhoused import unhoused_reasons
from allocator.explain.wishes import WishExplanation, first_wish_explanations

__all__ = [
    "BoardCase",
    "WishExplanation",
    "board_cases",
    "board_rule",
    "first_wish_explanations",
    "unhoused_reasons",
]
