"""Words of the glossary (docs/glossary.md) that Django's own catalogues would otherwise say differently.

gettext keeps one catalogue per language: for a msgid in two catalogues, the first installed app's wins
(django.contrib.admin comes first, and says 过滤器 for "Filter" and 动作 for "Action"), and the project's
locale/ wins over every app. These msgids are marked here so that locale/ holds them with the portal's words.
"""

from django.utils.translation import gettext_noop

DJANGO_OVERRIDES = (
    gettext_noop("Filter"),  # 筛选, never 过滤器
    gettext_noop("Action"),  # 操作, never 动作
    gettext_noop("Password reset"),
    gettext_noop("Change my password"),
    gettext_noop("Invalid token."),
    gettext_noop("Key"),
    gettext_noop("object id"),
)
