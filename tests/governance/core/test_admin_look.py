"""The admin a district admin opens is the portal's: its Chinese name, its colours, and the way back to 工作台."""

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[3] / "static" / "css"


def root_variables(css: str) -> dict[str, str]:
    block = re.search(r":root\s*{([^}]*)}", css).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))


def test_the_admin_names_the_portal_in_chinese_and_leads_back_to_the_workbench(client, demo):
    client.force_login(demo.admin)
    page = client.get("/admin/").content.decode()
    assert '<div id="site-name"><a href="/admin/">成华社区治理</a></div>' in page
    assert '<a href="/manage/">返回工作台</a>' in page
    assert 'href="/static/css/admin.css"' in page and 'href="/static/favicon.svg"' in page
    assert "dark_mode.css" not in page, "one palette, the portal's"


def test_the_admin_colours_are_the_portals_own():
    portal = root_variables((STATIC / "portal.css").read_text())
    admin = root_variables((STATIC / "admin.css").read_text())
    assert {name: admin.get(name) for name in portal} == portal
    assert admin["--header-bg"] == "var(--brand)" and admin["--button-bg"] == "var(--brand)"
