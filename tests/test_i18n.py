"""Chinese first: every catalogue is complete and compiled; English is one click away."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_is_a_chinese_catalogue_for_the_project_and_each_app():
    owners = {p.parent.parent.parent.parent.relative_to(ROOT).as_posix() for p in CATALOGUES}
    assert {".", "courtyards", "governance/accounts", "governance/notifications"} <= owners


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {e.msgid: (e.msgstr or e.msgstr_plural.get(0)) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get(entry.msgid) == (entry.msgstr or entry.msgstr_plural.get(0)), f"recompile {po_path}: {entry.msgid!r}"


@pytest.mark.django_db
def test_the_home_page_speaks_chinese_by_default_and_names_the_four_streets(client, demo):
    page = client.get("/").text
    assert '<html lang="zh-Hans">' in page
    for street in ["双桥子街道", "圣灯街道", "龙潭街道", "建设路街道"]:
        assert street in page
    assert "街道与社区" in page and "登录" in page


@pytest.mark.django_db
def test_english_is_one_click_away(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "Streets and communities" in response.text
    assert '<html lang="en">' in response.text


@pytest.mark.django_db
def test_dates_display_the_chinese_way(client, demo):
    from django.utils import timezone

    claim = demo.pending_claim()
    client.force_login(demo.community)
    page = client.get("/manage/claims/").text
    local = timezone.localtime(claim.created_at)
    assert f"{local.year}年{local.month}月{local.day}日" in page


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_chinese_until_english_is_chosen(client, demo):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").text
    assert "街道与社区" in page
