"""The portal's main pages at a phone's width, for the public and for each demo role: axe's WCAG 2.2 AA rule set
finds nothing, every aria id and label `for` resolves, no id is used twice, and chart text is at least 12 px.

One test walks them all and reports every page's problems at once, so a regression names all the pages it touches.
"""

import pytest

from tests.governance.activities.test_browser import sign_in
from tests.test_browser import wcag_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/",
    "/streets/shuangqiaozi/",
    "/communities/xinhong/",
    "/communities/xinhong/requests/",
    "/communities/xinhong/requests/stats/",
    "/open-data/community/xinhong/",
    "/track/",
    "/accounts/login/",
    "/accounts/register/",
]
ROLES = {
    "demo_resident": [
        "/",
        "/me/home/",
        "/requests/new/",
        "/requests/mine/",
        "/notifications/",
        "/accounts/me/",
        "/me/volunteering/",
        "/me/bodies/",
    ],
    "demo_community": [
        "/manage/",
        "/manage/requests/",
        "/manage/claims/",
        "/manage/units/",
        "/manage/communities/xinhong/",
        "/manage/covenants/new/",
        "/manage/callbacks/",
        "/manage/committees/",
        "/manage/needs/",
        "/manage/reports/",
        "/manage/reports/community/xinhong/",
        "/work/activities/",
        "/work/volunteer-hours/",
    ],
    "demo_worker": ["/work/activities/log/", "/work/families/", "/work/projects/"],
    "demo_grid": ["/work/grid/", "/work/grid/patrols/log/", "/work/grid/visits/log/", "/work/grid/events/new/"],
    "demo_street": ["/manage/reports/street/shuangqiaozi/", "/manage/reports/street/shuangqiaozi/map/", "/work/training/"],
    "demo_operator": ["/manage/hotline/", "/manage/hotline/new/"],
    "demo_chair": ["/manage/requests/"],
}

# What axe does not check: references by id that lead nowhere, ids used twice, chart labels too small to read.
DOM_PROBLEMS = """() => {
  const problems = [];
  const counts = {};
  for (const el of document.querySelectorAll("[id]")) counts[el.id] = (counts[el.id] || 0) + 1;
  for (const [id, n] of Object.entries(counts)) if (n > 1) problems.push(`id ${id} used ${n} times`);
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage", "aria-owns"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${attr}="${id}" on ${el.tagName.toLowerCase()}[name=${el.getAttribute("name")}] leads nowhere`);
      }
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    if (!document.getElementById(label.htmlFor)) problems.push(`label for="${label.htmlFor}" (${label.textContent.trim()}) leads nowhere`);
  }
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    const drawn = text.getBoundingClientRect().height > 0;  // a label shown only on focus is not drawn until then
    const size = parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a || 1);
    if (drawn && size < 11.95) small.push(`"${text.textContent.trim().slice(0, 12)}" ${size.toFixed(1)} px`);
  }
  if (small.length) problems.push(`${small.length} chart texts under 12 px, e.g. ${small[0]}`);
  return problems;
}"""


def page_problems(page, url: str) -> list[str]:
    answer = page.goto(url)
    if answer.status != 200:
        return [f"answered {answer.status}"]
    return wcag_violations(page) + page.evaluate(DOM_PROBLEMS)


def test_the_main_pages_of_every_role_pass_axe_and_their_ids_resolve(page, live_server, demo_tx):
    problems = {}
    for url in PUBLIC:
        problems[f"public {url}"] = page_problems(page, live_server.url + url)
    for account, urls in ROLES.items():
        page.context.clear_cookies()
        sign_in(page, live_server.url, account)
        for url in urls:
            problems[f"{account} {url}"] = page_problems(page, live_server.url + url)
    found = {where: found for where, found in problems.items() if found}
    assert found == {}, "\n".join(f"{where}: {problem}" for where, page_found in found.items() for problem in page_found)
