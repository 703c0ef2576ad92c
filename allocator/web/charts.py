"""Grouped bar charts as inline SVG, drawn on the server: no chart library, no JavaScript, works offline.

One chart type is all the pages need (the wish profile, per kind or per scenario), and a few dozen lines of SVG
are easier to keep byte-stable and accessible (``role="img"``, a title, every bar's value in its own
``<title>``) than a bundled library.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 280
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 12, 28, 64


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str  # RRGGBB
    values: tuple[float, ...]


def bar_chart(title: str, categories: list[str], series: list[Series], *, y_label: str = "") -> str:
    """An SVG of ``categories`` along the x axis with one bar per series in each, and a legend below."""
    top_value = max((v for s in series for v in s.values), default=0)
    scale_max = _nice(top_value)
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    group_w = plot_w / max(1, len(categories))
    bar_w = group_w * 0.8 / max(1, len(series))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2:.0f}" y="16" text-anchor="middle" class="chart-title">{escape(title)}</text>',
    ]
    for k in range(5):
        value = scale_max * k / 4
        y = _TOP + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{WIDTH - _RIGHT}" y2="{y:.1f}" class="grid"/>')
        parts.append(
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_number(value)}</text>'
        )
    if y_label:
        parts.append(
            f'<text x="12" y="{_TOP + plot_h / 2:.0f}" transform="rotate(-90 12 {_TOP + plot_h / 2:.0f})" '
            f'text-anchor="middle" class="tick">{escape(y_label)}</text>'
        )
    for c, label in enumerate(categories):
        x0 = _LEFT + c * group_w + group_w * 0.1
        for s_index, s in enumerate(series):
            value = s.values[c]
            h = plot_h * value / scale_max if scale_max else 0
            x, y = x0 + s_index * bar_w, _TOP + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#{s.colour}">'
                f"<title>{escape(label)}, {escape(s.name)}: {_number(value)}</title></rect>"
            )
        x = _LEFT + (c + 0.5) * group_w
        lines = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if k == 0 else 13}">{escape(part)}</tspan>'
            for k, part in enumerate(_wrapped(label, group_w))
        )
        parts.append(
            f'<text x="{x:.1f}" y="{_TOP + plot_h + 16:.1f}" text-anchor="middle" class="tick">{lines}</text>'
        )
    legend_x = _LEFT
    for s in series:
        y = HEIGHT - 18
        parts.append(f'<rect x="{legend_x}" y="{y - 10}" width="12" height="12" fill="#{s.colour}"/>')
        parts.append(f'<text x="{legend_x + 16}" y="{y}" class="tick">{escape(s.name)}</text>')
        legend_x += 24 + 8 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)


def _wrapped(label: str, width: float) -> list[str]:
    """The label in lines that fit ``width`` pixels (about 6.5 pixels a character at the chart's size)."""
    room = max(4, int(width / 6.5))
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _nice(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value`` (4 gridlines divide it)."""
    if value <= 0:
        return 1
    power = 10 ** len(str(int(value))) / 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
