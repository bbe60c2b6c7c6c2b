"""How alike a typed text is to the requests already filed: one place for the resident's suggestions and the staff's merge list.

Two measures, added into one `rank`:
- shared terms (substring, portable: SQLite and PostgreSQL): the words of Latin text and the character pairs
  of Chinese runs, 2 points in the title, 1 in the description. Chinese has no spaces, so a long sentence that
  holds a short title (我家楼道的灯坏了 ~ 楼道灯坏了) shares its pairs while their trigram similarity is only 0.15.
- on PostgreSQL, pg_trgm: the similarity of the whole title (楼道灯不亮 ~ 楼道灯坏了: 0.33), which ranks close
  titles first and finds Latin text with a typo; a title passing its `%` operator is similar even with no term
  shared. The title's GIN trigram index (migration 0015) serves `%` and the staff's substring searches of 3
  characters or more. pg_trgm gives 0 for 1-2 character input, which is then matched by substring alone.
"""

import re

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

_WORD = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff]+")
MAX_TERMS = 8
TRIGRAM_MIN_CHARS = 3  # below this pg_trgm's similarity is 0 and its index cannot serve the pattern
TRIGRAM_WEIGHT = 10  # an identical title (similarity 1) weighs as much as five shared title terms


def search_terms(text: str) -> list[str]:
    """Words of Latin text, and character pairs of Chinese runs (楼道灯坏了 -> 楼道, 道灯, 灯坏, 坏了)."""
    terms: list[str] = []
    for run in _WORD.findall(text or ""):
        if run.isascii():
            if len(run) > 2:
                terms.append(run.lower())
        elif len(run) == 1:
            terms.append(run)
        else:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def trigrams_usable(text: str) -> bool:
    """pg_trgm is installed by the migrations on PostgreSQL; short input is left to substring matching."""
    return connection.vendor == "postgresql" and len("".join((text or "").split())) >= TRIGRAM_MIN_CHARS


def _terms_score(terms: list[str]):
    points = (Case(When(title__contains=t, then=Value(2)), When(text__contains=t, then=Value(1)), default=Value(0)) for t in terms)
    return ExpressionWrapper(sum(points, Value(0)), output_field=IntegerField())


def _likeness(title: str):
    if not trigrams_usable(title):
        return Value(0.0, output_field=FloatField())
    return Cast(TrigramSimilarity("title", title), FloatField())


def _terms(text: str, title: str) -> list[str]:
    return search_terms(text if title == text else f"{title} {text}")  # the title's terms first: MAX_TERMS keeps them


def ranked(queryset: QuerySet, *, text: str, title: str = "") -> QuerySet:
    """`queryset` with `rank` (higher is more alike) for `text`, whose own title is `title` if given."""
    title = title or text
    terms = _terms(text, title)
    score = _terms_score(terms) if terms else Value(0, output_field=IntegerField())
    rank = ExpressionWrapper(F("terms_score") + _likeness(title) * TRIGRAM_WEIGHT, output_field=FloatField())
    return queryset.alias(terms_score=score).annotate(rank=Cast(rank, FloatField()))


def alike(queryset: QuerySet, *, text: str, title: str = "") -> QuerySet:
    """The rows of `ranked` sharing a term with the text, or whose title pg_trgm's `%` finds similar to `title`."""
    title = title or text
    found = ranked(queryset, text=text, title=title)
    by_trigrams = trigrams_usable(title)
    if not by_trigrams and not _terms(text, title):
        return found.none()  # still ranked: callers order by `rank`
    return found.filter(Q(terms_score__gt=0) | Q(TrigramSimilar(F("title"), title)) if by_trigrams else Q(terms_score__gt=0))
