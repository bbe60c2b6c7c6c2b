"""The words people use (docs/glossary.md): every Chinese string says 筛选, 住址, 派单, 办结 as a street office does,
and each msgid reads, wherever it shows, the one translation its catalogue gives it."""

import re

import polib
import pytest
from django.utils import translation

from tests.test_i18n import CATALOGUES, ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"


def glossary_rows() -> list[dict]:
    """The glossary's table rows: 中文, English, msgid, 含义, 不说."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 5 and cells[0] != "中文" and not set(cells[0]) <= {"-", " "}:
            rows.append(dict(zip(("zh", "en", "msgid", "meaning", "avoid"), cells, strict=True)))
    return rows


def forbidden_words() -> set[str]:
    """The words never to use: those of the 不说 column without a （sense） after them."""
    words = {word.strip() for row in glossary_rows() for word in row["avoid"].split("、")}
    return {word for word in words if word and "（" not in word}


def key_msgids() -> list[tuple[str | None, str, str]]:
    """(context, msgid, term) for each row naming a msgid: `Home` (context `address`)."""
    keys = []
    for row in glossary_rows():
        if found := re.fullmatch(r"`([^`]+)`(?: \(context `([^`]+)`\))?", row["msgid"]):
            keys.append((found.group(2), found.group(1), row["zh"]))
    return keys


def chinese_entries():
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)):
            if not entry.obsolete and entry.msgstr:
                yield po_path.relative_to(ROOT), entry


def zh(context: str | None, msgid: str) -> str:
    with translation.override("zh-hans"):
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def test_the_glossary_names_the_street_offices_words_with_what_to_avoid():
    terms = {row["zh"] for row in glossary_rows()}
    for term in [
        "诉求",
        "派单",
        "受理",
        "转办",
        "退单",
        "办结",
        "回访",
        "督办",
        "院落",
        "楼栋",
        "单元",
        "住址",
        "筛选",
        "议事会",
        "居民公约",
        "社工",
    ]:
        assert any(term in listed for listed in terms), term
    assert {"过滤器", "工单", "门户", "分派"} <= forbidden_words()
    assert all(row["meaning"] for row in glossary_rows()), "each term says what it means"


def test_no_chinese_string_uses_a_word_the_glossary_forbids():
    words = forbidden_words()
    found = [(str(path), entry.msgid, word) for path, entry in chinese_entries() for word in words if word in entry.msgstr]
    assert found == []


def test_an_address_is_never_called_the_home_page():
    home_page = {"Home", "Back to the home page"}
    found = [
        (str(path), entry.msgid)
        for path, entry in chinese_entries()
        if "首页" in entry.msgstr and (entry.msgctxt == "address" or entry.msgid not in home_page)
    ]
    assert found == []
    assert zh("address", "Home") == "住址" and zh(None, "Home") == "首页"


@pytest.mark.parametrize(("context", "msgid", "term"), key_msgids(), ids=lambda value: str(value))
def test_a_key_msgid_reads_the_glossarys_term(context, msgid, term):
    alternatives = [part for part in re.split(r" / |：|、", term) if part]
    assert any(part in zh(context, msgid) for part in alternatives), (msgid, zh(context, msgid), term)


def test_the_glossary_names_enough_key_msgids_to_hold_the_catalogues_to_it():
    assert len(key_msgids()) >= 30
    assert ("address", "Home", "住址") in key_msgids() and (None, "Filter", "筛选") in key_msgids()


def test_each_msgid_reads_its_own_catalogues_translation_wherever_it_shows():
    """gettext keeps one catalogue per language: a msgid two apps translate differently reads one of them in both,
    and Django's own catalogues (the admin's 过滤器) win over an app's unless locale/ names the word."""
    shadowed = [
        (str(path), entry.msgctxt, entry.msgid, entry.msgstr, zh(entry.msgctxt, entry.msgid))
        for path, entry in chinese_entries()
        if not entry.msgid_plural and zh(entry.msgctxt, entry.msgid) != entry.msgstr
    ]
    assert shadowed == []


def test_the_queue_filter_button_says_筛选_not_django_admins_过滤器():
    assert zh(None, "Filter") == "筛选" and zh(None, "Action") == "操作"
