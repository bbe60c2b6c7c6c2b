"""Courtyards drawn from their coordinates as server-side SVG: no map tiles, nothing fetched, works offline.

Same convention as `charts.py`: the geometry is computed here and drawn by `reports/partials/place_map.html`
(each place a linked circle with its number and a <title>, the legend, a caption, a data table and the places
without coordinates below it), so colour is never the only cue and a screen reader gets the whole table.

A map is `place_map(places, metric=..., caption=...)`: `places` are `Place(code, name, latitude, longitude,
value, url)` and `metric` says how a value is coloured and named. To map another figure of a courtyard
(e.g. days since the last patrol), compute `{courtyard id: value}` in one query in the app that owns the
figure, turn the courtyards into places with `places_of(courtyards, values=..., url=...)` and pass a metric:
`DAYS_SINCE_PATROL` below is ready for that one (a courtyard never patrolled has the value None). Nothing
in this module changes for a new metric.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

WIDTH = 480
MIN_HEIGHT, MAX_HEIGHT = 240, 480
# 34 units across: still 24 CSS px (the smallest tap target) when the 480-unit map is shown 340 px wide
# (a 390 px phone's column is 358 px, less inside a card).
RADIUS = 17
PAD = RADIUS + 8
FONT = 17  # units: every text of the map is still 12 CSS px when the map is shown 340 px wide
LABEL_GAP = 4
SPREAD_ROUNDS = 30
LABELLED_AT_MOST = 150  # past this many places no name is drawn for good: each shows on hover and focus

# ColorBrewer's YlOrRd, which it marks colour-blind safe; `ink` is the text colour that reads on each.
NONE_YET, FEW, SEVERAL, MANY, UNKNOWN = "#ffffcc", "#fed976", "#fd8d3c", "#bd0026", "#d9d9d9"
DARK, LIGHT = "#1a1a1a", "#ffffff"


@dataclass(frozen=True)
class Band:
    """Values up to `upto` (inclusive; None: no upper bound) drawn in `colour`, named by `label` in the legend."""

    upto: int | None
    colour: str
    ink: str
    label: str


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # what the number in each circle counts, e.g. 未办结诉求
    bands: tuple[Band, ...]
    missing: Band | None = None  # for a value of None (e.g. never patrolled); None: such places draw as 0

    def band_for(self, value: int | None) -> Band:
        if value is None and self.missing is not None:
            return self.missing
        return next(band for band in self.bands if band.upto is None or (value or 0) <= band.upto)

    @property
    def legend(self) -> tuple[Band, ...]:
        return self.bands + ((self.missing,) if self.missing else ())


def _request_bands() -> tuple[Band, ...]:
    return (
        Band(0, NONE_YET, DARK, _("none")),
        Band(2, FEW, DARK, _("1 to 2")),
        Band(5, SEVERAL, DARK, _("3 to 5")),
        Band(None, MANY, LIGHT, _("6 or more")),
    )


OPEN_REQUESTS = Metric("open", _("Open requests"), _request_bands())
OVERDUE_REQUESTS = Metric("overdue", _("Overdue requests"), _request_bands())
DAYS_SINCE_PATROL = Metric(
    "patrol",
    _("Days since the last patrol"),
    (
        Band(7, NONE_YET, DARK, _("within a week")),
        Band(14, FEW, DARK, _("8 to 14 days")),
        Band(30, SEVERAL, DARK, _("15 to 30 days")),
        Band(None, MANY, LIGHT, _("more than 30 days")),
    ),
    missing=Band(None, UNKNOWN, DARK, _("never patrolled")),
)


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    latitude: Decimal | float | None
    longitude: Decimal | float | None
    value: int | None
    url: str

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class Marker:
    place: Place
    band: Band
    x: float
    y: float
    text: str  # the value as drawn inside the circle
    label_x: float = 0.0
    label_anchor: str = "start"
    labelled: bool = False  # False: the name shows on hover and focus only

    @property
    def text_y(self) -> float:
        """The baseline that centres a line of text on the circle's centre."""
        return round(self.y + FONT / 3, 1)


@dataclass
class PlaceMap:
    metric: Metric
    caption: str
    markers: list[Marker]
    unlocated: list[tuple[Place, Band]]
    width: int = WIDTH
    height: int = MIN_HEIGHT
    radius: int = RADIUS
    font: int = FONT
    rows: list[tuple[Place, Band]] = field(default_factory=list)  # every place, for the data table


def places_of(courtyards: Iterable, *, values: Mapping[int, int | None], url: Callable[[object], str]) -> list[Place]:
    """Places for courtyards (anything with pk, code, name, latitude, longitude); a courtyard absent from `values` has None."""
    return [Place(c.code, c.name, c.latitude, c.longitude, values.get(c.pk), url(c)) for c in courtyards]


def place_map(places: Sequence[Place], *, metric: Metric, caption: str) -> PlaceMap:
    located = [place for place in places if place.located]
    points, height = _fit(_project(located))
    points = _spread(points, height)
    markers = [Marker(p, metric.band_for(p.value), x, y, _value_text(p.value)) for p, (x, y) in zip(located, points, strict=True)]
    _place_labels(markers, height)
    markers.sort(key=lambda m: (m.place.value is not None, m.place.value or 0))  # the highest drawn last, on top
    unlocated = [(place, metric.band_for(place.value)) for place in places if not place.located]
    rows = [(place, metric.band_for(place.value)) for place in places]
    return PlaceMap(metric, caption, markers, unlocated, height=height, rows=rows)


def place_map_html(places: Sequence[Place], *, metric: Metric, caption: str) -> str:
    """The map as HTML (figure with the inline SVG, legend, table, the places not located): for a page that has no include."""
    return render_to_string("reports/partials/place_map.html", {"map": place_map(places, metric=metric, caption=caption)})


def _value_text(value: int | None) -> str:
    if value is None:
        return "–"
    return "99+" if value > 99 else str(value)


def _project(located: Sequence[Place]) -> list[tuple[float, float]]:
    """Equirectangular around the places' mean latitude: a degree of longitude is cos(latitude) of one of latitude.

    y grows southwards, as SVG's does, so north is up."""
    if not located:
        return []
    mean = sum(float(p.latitude) for p in located) / len(located)
    shrink = math.cos(math.radians(mean))
    return [(float(p.longitude) * shrink, -float(p.latitude)) for p in located]


def _fit(points: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], int]:
    """Scale the bounding box into the width less the padding, keeping its aspect; the height follows, within bounds."""
    if not points:
        return [], MIN_HEIGHT
    xs, ys = [point[0] for point in points], [point[1] for point in points]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    scale, height = _scale(span_x, span_y)
    left, top = (WIDTH - span_x * scale) / 2, (height - span_y * scale) / 2
    return [(round(left + (x - min(xs)) * scale, 1), round(top + (y - min(ys)) * scale, 1)) for x, y in points], height


def _scale(span_x: float, span_y: float) -> tuple[float, int]:
    if not span_x:  # one place, or all on one meridian: as tall as needed, centred
        return ((MAX_HEIGHT - 2 * PAD) / span_y, MAX_HEIGHT) if span_y else (0.0, MIN_HEIGHT)
    scale = (WIDTH - 2 * PAD) / span_x
    height = round(min(max(span_y * scale + 2 * PAD, MIN_HEIGHT), MAX_HEIGHT))
    return (min(scale, (height - 2 * PAD) / span_y) if span_y else scale), height


def _spread(points: list[tuple[float, float]], height: int) -> list[tuple[float, float]]:
    """Push overlapping circles apart along the line between them (their order east-west and north-south holds)."""
    moved = [list(point) for point in points]
    gap = 2 * RADIUS + 2
    for _round in range(SPREAD_ROUNDS):
        pairs = _close_pairs(moved, gap)
        if not pairs:
            break
        for i, j in pairs:
            _push_apart(moved[i], moved[j], gap, tie=j - i)
        for point in moved:
            point[0] = min(max(point[0], RADIUS), WIDTH - RADIUS)
            point[1] = min(max(point[1], RADIUS), height - RADIUS)
    return [(round(x, 1), round(y, 1)) for x, y in moved]


def _close_pairs(points: list[list[float]], gap: float) -> list[tuple[int, int]]:
    """Pairs closer than `gap`, found through a grid of gap-sized cells (each point meets its 8 neighbouring cells only)."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, (x, y) in enumerate(points):
        cells[(int(x // gap), int(y // gap))].append(index)
    pairs = []
    for (cx, cy), members in cells.items():
        near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
        pairs += [(i, j) for i in members for j in near if i < j and math.dist(points[i], points[j]) < gap]
    return pairs


def _push_apart(a: list[float], b: list[float], gap: float, *, tie: int) -> None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    distance = math.hypot(dx, dy)
    if distance == 0:  # the same spot: side by side, east-west
        dx, dy, distance = float(tie), 0.0, float(abs(tie))
    shift = (gap - distance) / 2 / distance
    a[0], a[1], b[0], b[1] = a[0] - dx * shift, a[1] - dy * shift, b[0] + dx * shift, b[1] + dy * shift


def _text_width(text: str) -> float:
    """A CJK character is about one em wide, a Latin one about half."""
    return sum(FONT if ord(ch) > 0x2E80 else FONT * 0.6 for ch in text)


def _place_labels(markers: list[Marker], height: int) -> None:
    """Name a place beside its circle where the name clears every circle and every name drawn so far (east, else west)."""
    taken = [(m.x - RADIUS, m.y - RADIUS, m.x + RADIUS, m.y + RADIUS) for m in markers]
    order = sorted(range(len(markers)), key=lambda i: -(markers[i].place.value or 0))  # the busiest are named first
    for index in order:
        marker = markers[index]
        width = _text_width(marker.place.name)
        sides = [(marker.x + RADIUS + LABEL_GAP, "start"), (marker.x - RADIUS - LABEL_GAP, "end")]
        marker.label_x, marker.label_anchor = sides[0] if sides[0][0] + width <= WIDTH else sides[1]
        if len(markers) > LABELLED_AT_MOST:
            continue
        for x, anchor in sides:
            left = x if anchor == "start" else x - width
            rect = (left, marker.y - FONT, left + width, marker.y + FONT / 2)
            inside = left >= 0 and left + width <= WIDTH and rect[1] >= 0 and rect[3] <= height
            if inside and not any(_overlap(rect, box) for k, box in enumerate(taken) if k != index):
                marker.label_x, marker.label_anchor, marker.labelled = x, anchor, True
                taken.append(rect)
                break


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
