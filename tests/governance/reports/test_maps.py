"""The courtyard map's geometry and drawing: east is right, north is up, nothing tiny, nothing lost."""

import math
import random
import re

from django.utils import translation

from governance.reports import maps
from governance.reports.maps import DAYS_SINCE_PATROL, OPEN_REQUESTS, Place, place_map, place_map_html


def _place(code, latitude, longitude, value=0, name=None):
    return Place(code, name or code, latitude, longitude, value, f"/list/{code}/")


def _by_code(drawn):
    return {marker.place.code: marker for marker in drawn.markers}


def test_a_courtyard_east_of_another_is_drawn_to_its_right_and_one_north_of_it_above():
    drawn = _by_code(
        place_map(
            [_place("home", "30.655", "104.100"), _place("east", "30.655", "104.110"), _place("north", "30.665", "104.100")],
            metric=OPEN_REQUESTS,
            caption="",
        )
    )
    assert drawn["east"].x > drawn["home"].x
    assert drawn["north"].y < drawn["home"].y
    assert drawn["east"].y == drawn["home"].y and drawn["north"].x == drawn["home"].x


def test_a_degree_of_longitude_is_drawn_cos_latitude_as_long_as_one_of_latitude():
    # At 60° N a degree of longitude is half a degree of latitude on the ground.
    drawn = _by_code(
        place_map(
            [_place("a", 60.0, 10.0), _place("b", 60.0, 10.02), _place("c", 60.02, 10.0)],
            metric=OPEN_REQUESTS,
            caption="",
        )
    )
    across, up = drawn["b"].x - drawn["a"].x, drawn["a"].y - drawn["c"].y
    assert math.isclose(across / up, math.cos(math.radians(60.0)), rel_tol=0.01)


def test_the_places_fill_the_box_within_its_padding_and_the_map_keeps_its_aspect():
    places = [_place(f"p{i}", 30.60 + i * 0.01, 104.0 + (i % 3) * 0.02) for i in range(6)]
    drawn = place_map(places, metric=OPEN_REQUESTS, caption="")
    xs, ys = [m.x for m in drawn.markers], [m.y for m in drawn.markers]
    assert maps.MIN_HEIGHT <= drawn.height <= maps.MAX_HEIGHT
    assert min(xs) >= maps.RADIUS and max(xs) <= drawn.width - maps.RADIUS
    assert min(ys) >= maps.RADIUS and max(ys) <= drawn.height - maps.RADIUS
    assert math.isclose(min(ys), maps.PAD, abs_tol=0.2) and math.isclose(max(ys), drawn.height - maps.PAD, abs_tol=0.2)


def test_one_place_alone_sits_in_the_middle():
    (marker,) = place_map([_place("only", 30.6, 104.1)], metric=OPEN_REQUESTS, caption="").markers
    assert (marker.x, marker.y) == (maps.WIDTH / 2, maps.MIN_HEIGHT / 2)


def test_courtyards_at_the_same_spot_are_pushed_apart_to_be_tapped_one_by_one():
    places = [_place(f"p{i}", 30.6, 104.1) for i in range(4)] + [_place("far", 30.7, 104.3)]
    drawn = place_map(places, metric=OPEN_REQUESTS, caption="")
    for a in drawn.markers:
        for b in drawn.markers:
            if a is not b:
                assert math.dist((a.x, a.y), (b.x, b.y)) >= 2 * maps.RADIUS


def test_names_are_drawn_only_where_they_clear_each_other_and_the_circles():
    rng = random.Random(3)
    crowded = [_place(f"p{i}", 30.6 + rng.random() * 0.01, 104.1 + rng.random() * 0.01, name=f"{i}号院落") for i in range(30)]
    drawn = place_map(crowded, metric=OPEN_REQUESTS, caption="")
    named = [m for m in drawn.markers if m.labelled]
    assert 0 < len(named) < len(drawn.markers)  # the rest show their name on hover and focus
    boxes = [_label_box(m) for m in named]
    circles = [(m.x - maps.RADIUS, m.y - maps.RADIUS, m.x + maps.RADIUS, m.y + maps.RADIUS) for m in drawn.markers]
    for i, box in enumerate(boxes):
        assert not any(maps._overlap(box, other) for j, other in enumerate(boxes) if j != i)
        assert not any(maps._overlap(box, circle) for circle in circles)


def _label_box(marker):
    width = maps._text_width(marker.place.name)
    left = marker.label_x if marker.label_anchor == "start" else marker.label_x - width
    return (left, marker.y - maps.FONT, left + width, marker.y + maps.FONT / 2)


def test_a_courtyard_without_coordinates_is_listed_as_not_located_and_not_drawn():
    drawn = place_map([_place("here", 30.6, 104.1), _place("nowhere", None, None, value=3)], metric=OPEN_REQUESTS, caption="")
    assert [m.place.code for m in drawn.markers] == ["here"]
    assert [place.code for place, _ in drawn.unlocated] == ["nowhere"]
    with translation.override("zh-hans"):
        html = place_map_html([_place("nowhere", None, None, value=3, name="无坐标院落")], metric=OPEN_REQUESTS, caption="图")
    assert "未定位" in html and 'href="/list/nowhere/"' in html


def test_each_value_falls_in_its_band_and_a_never_patrolled_courtyard_in_its_own():
    assert [OPEN_REQUESTS.band_for(v).upto for v in (0, 1, 2, 3, 5, 6, 40)] == [0, 2, 2, 5, 5, None, None]
    assert DAYS_SINCE_PATROL.band_for(None) is DAYS_SINCE_PATROL.missing
    assert DAYS_SINCE_PATROL.band_for(7).upto == 7 and DAYS_SINCE_PATROL.band_for(31).upto is None
    assert len(DAYS_SINCE_PATROL.legend) == 5


def test_the_drawing_links_each_courtyard_names_it_and_keeps_text_and_targets_large_enough():
    places = [_place("a", 30.6, 104.1, value=7, name="甲院"), _place("b", 30.61, 104.12, value=0, name="乙院")]
    with translation.override("zh-hans"):
        html = place_map_html(places, metric=OPEN_REQUESTS, caption="新鸿社区各院落的未办结诉求")
    assert 'href="/list/a/"' in html and 'href="/list/b/"' in html
    assert "<title>甲院: 未办结诉求 7 (6件及以上)</title>" in html
    assert "<figcaption>新鸿社区各院落的未办结诉求</figcaption>" in html and "<details>" in html
    sizes = {int(size) for size in re.findall(r'font-size="(\d+)"', html)}
    assert sizes == {maps.FONT} and maps.FONT * 340 / maps.WIDTH >= 12  # 12 px when drawn 340 px wide (a phone, inside a card)
    assert {int(r) for r in re.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="(\d+)"', html.split("map-legend")[0])} == {maps.RADIUS}
    assert maps.RADIUS * 2 * 340 / maps.WIDTH >= 24  # a 24 px target when drawn 340 px wide
