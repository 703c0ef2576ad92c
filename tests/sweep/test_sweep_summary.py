"""The summary's figures: quartiles by linear interpolation, failed runs apart, the share with everyone housed."""

from __future__ import annotations

from allocator.sweep import summary


def row(point, housed, *, ok=True, value="a"):
    figures = {key: 0 for key in summary.HEADLINE}
    if ok:
        figures.update(housed=housed, unhoused=10 - housed)
    base = {"point": point, "ok": ok, "all_housed": housed == 10 if ok else None, "p": value}
    return {**base, **(figures if ok else dict.fromkeys(figures))}


def test_quartiles_interpolate_between_the_sorted_values():
    found = summary.spread([4, 1, 3, 2])
    assert found.values() == (1, 1.75, 2.5, 3.25, 4)
    assert summary.spread([7]).values() == (7, 7, 7, 7, 7)
    assert summary.spread([]) is None


def test_a_group_counts_failed_runs_apart_and_the_share_everyone_housed():
    group = summary.group(("a",), [row(1, 10), row(1, 8), row(1, 10), row(1, None, ok=False)])
    assert (group.runs, group.failed) == (4, 1)
    assert group.all_housed == 2 / 3
    assert group.spreads["housed"].values() == (8, 9, 10, 10, 10)
    assert summary.group((), [row(1, None, ok=False)]).all_housed is None


def test_points_in_order_and_values_across_the_other_parameters():
    rows = [row(2, 9, value="b"), row(1, 10, value="a"), row(1, 6, value="a"), row(3, 10, value="a")]
    points = summary.by_point(["p"], rows)
    assert [(g.values, g.runs) for g in points] == [(("a",), 2), (("b",), 1), (("a",), 1)]
    values = summary.by_value("p", ["a", "b"], rows)
    assert [(g.values, g.runs, g.all_housed) for g in values] == [(("a",), 3, 2 / 3), (("b",), 1, 0.0)]
