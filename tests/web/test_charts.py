"""The SVG bar chart: one bar per value, heights in proportion, text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from allocator.web.charts import HEIGHT, Series, _nice, bar_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def test_one_bar_per_value_in_proportion():
    svg = bar_chart(
        "Ønsker",
        ["1. ønske", "2. ønske"],
        [Series("Permanente", "1F4E79", (10, 5)), Series("Midlertidige", "9DC3E6", (0, 20))],
    )
    root = ET.fromstring(svg)
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.find("s:title", NS) is not None]
    assert len(bars) == 4
    heights = {r.find("s:title", NS).text: float(r.get("height")) for r in bars}
    assert heights["1. ønske, Permanente: 10"] == 2 * heights["2. ønske, Permanente: 5"]
    assert heights["1. ønske, Midlertidige: 0"] == 0
    assert max(heights.values()) < HEIGHT
    assert root.get("role") == "img" and root.get("aria-label") == "Ønsker"


def test_text_is_escaped():
    svg = bar_chart("<script>", ["a&b"], [Series("<x>", "000000", (1,))])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a&amp;b" in svg
    ET.fromstring(svg)


def test_scale_is_a_round_number_at_least_the_top():
    assert [_nice(v) for v in (0, 7, 10, 11, 231, 4000)] == [1, 10, 10, 20, 250, 5000]
    assert re.search(r">250<", bar_chart("t", ["a"], [Series("s", "000000", (231,))]))


def test_long_labels_are_wrapped_not_overlapping():
    svg = bar_chart("t", ["3. ønske eller senere", "anden afdeling"] * 3, [Series("s", "000000", (1,) * 6)])
    assert ">3. ønske eller</tspan>" in svg and ">senere</tspan>" in svg and ">anden afdeling</tspan>" in svg
    ET.fromstring(svg)


def test_numbers_in_danish_and_english():
    from allocator.web.views import number

    assert number(4024669.4, "da") == "4.024.669" and number(4024669.4, "en") == "4,024,669"
    assert number(-205.64, "da", 1) == "-205,6" and number(None, "da") == ""
