import pytest
from builders import hh, vac
from rule_harness import allows

from allocator.domain import Kind, Use
from allocator.rules import dwelling_use as rule


@pytest.mark.parametrize(
    "kind, use, expected",
    [
        (Kind.PERMANENT, Use.ANY, True),
        (Kind.PERMANENT, Use.PERMANENT, True),
        (Kind.PERMANENT, Use.TEMPORARY, False),
        (Kind.TEMPORARY, Use.ANY, True),
        (Kind.TEMPORARY, Use.TEMPORARY, True),
        (Kind.TEMPORARY, Use.PERMANENT, False),
    ],
)
def test_use_matches_kind(kind, use, expected):
    assert allows(rule, hh(kind=kind), vac(use=use)) is expected
