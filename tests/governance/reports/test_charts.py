"""Charts are drawn to scale, and an empty trend still draws (flat)."""

from datetime import date

from governance.reports.charts import HEIGHT, PAD_BOTTOM, bar_chart


def test_bars_are_proportional_to_their_values_and_stand_on_the_baseline():
    chart = bar_chart([(date(2026, 1, 1), 10), (date(2026, 2, 1), 5), (date(2026, 3, 1), 0)])
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 2 * heights[1] and heights[2] == 0
    assert all(bar.y + bar.height == HEIGHT - PAD_BOTTOM for bar in chart.bars)
    assert chart.maximum == 10


def test_an_all_zero_trend_draws_flat_bars():
    chart = bar_chart([(date(2026, 1, 1), 0)] * 12)
    assert chart.maximum == 0 and {bar.height for bar in chart.bars} == {0}
