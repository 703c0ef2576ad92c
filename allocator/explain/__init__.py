"""Explanations: why a household was not housed, why it did not get a better wish, and board-review cases."""

from allocator.explain.board_review import BoardCase, board_cases, board_rule
from allocator.explain.unhoused import unhoused_reasons
from allocator.explain.wishes import WishExplanation, WishFacts, explain_wishes, first_wish_explanations

__all__ = [
    "BoardCase",
    "WishExplanation",
    "WishFacts",
    "board_cases",
    "board_rule",
    "explain_wishes",
    "first_wish_explanations",
    "unhoused_reasons",
]
