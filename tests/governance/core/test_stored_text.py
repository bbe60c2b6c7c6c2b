"""A stored text keeps a msgid and raw values, and reads in the language of whoever reads it."""

import importlib
from datetime import date

from django.utils import translation
from django.utils.translation import gettext_lazy

from governance.core import stored_text
from governance.requests.choices import Status

OLD_ROWS = importlib.import_module("governance.requests.migrations.0016_notification_params_as_codes")


def both_ways(value) -> tuple[str, str]:
    with translation.override("en"):
        english = stored_text.render(value)
    with translation.override("zh-hans"):
        return english, stored_text.render(value)


def test_a_sentence_with_a_status_a_name_in_both_languages_and_a_date_reads_in_each_language():
    stored_text.register_choices("requests.status", Status)
    merged = stored_text.message(gettext_lazy("Merged into %(number)s."), number="CH-2026-000001")
    assert merged == {"text": "Merged into %(number)s.", "params": {"number": "CH-2026-000001"}}  # the msgid, not a rendering
    assert both_ways([merged, "已更换灯泡"]) == ("Merged into CH-2026-000001. 已更换灯泡", "已合并到 CH-2026-000001 已更换灯泡")
    assert both_ways(stored_text.choice("requests.status", "resolved")) == ("Resolved", "已办结")
    assert both_ways(stored_text.both(zh="绿化", en="Greening")) == ("Greening", "绿化")
    assert both_ways(stored_text.both(zh="绿化", en="")) == ("绿化", "绿化")  # no English written: the Chinese
    english, chinese = both_ways(stored_text.day(date(2026, 12, 5)))
    assert "2026" in english and "年" not in english and chinese == "2026年12月5日"


def test_what_was_stored_before_reads_as_written_and_an_unknown_code_as_itself():
    assert both_ways("已办结") == ("已办结", "已办结")
    assert both_ways(stored_text.choice("requests.nothing", "resolved")) == ("resolved", "resolved")
    assert both_ways(stored_text.message("%(missing)s and more")) == ("%(missing)s and more", "%(missing)s and more")


def test_old_notifications_get_their_status_and_decision_back_as_codes():
    assert OLD_ROWS._recoded({"number": "CH-1", "status": "已办结", "note": "好"})["status"] == stored_text.choice(
        "requests.status", "resolved"
    )
    assert OLD_ROWS._recoded({"decision": "未获批准"})["decision"] == stored_text.msgid("refused")
    assert OLD_ROWS._recoded({"status": {"choice": "requests.status", "value": "resolved"}}) is None
