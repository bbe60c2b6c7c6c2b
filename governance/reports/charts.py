"""Bar charts of a 12-month trend as server-side SVG: no JavaScript, nothing from a CDN.

The geometry is computed here and drawn by `reports/partials/chart.html`, which adds
<title>/<desc> and a data table, so a screen reader and a text browser get the numbers.
"""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 360, 170
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 28, 24, 20
# units: the labels are still 12 CSS px when the chart is drawn 310 px wide (a phone's column inside a card)
FONT = 14


@dataclass
class Bar:
    month: date
    value: int | float
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    bars: list[Bar]
    maximum: int | float  # the highest value, shown on the axis
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - PAD_BOTTOM
    left: int = PAD_LEFT
    font: int = FONT


def bar_chart(trend: list[tuple[date, int | float]]) -> Chart:
    highest = max((value for _, value in trend), default=0)
    maximum = highest or 1  # scale; an all-zero trend draws flat bars
    plot_height = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = (WIDTH - PAD_LEFT) / max(len(trend), 1)
    bars = []
    for index, (month, value) in enumerate(trend):
        height = round(plot_height * value / maximum, 1)
        x = round(PAD_LEFT + index * slot + slot * 0.15, 1)
        bars.append(Bar(month, value, x, round(HEIGHT - PAD_BOTTOM - height, 1), round(slot * 0.7, 1), height))
    return Chart(bars=bars, maximum=highest)
