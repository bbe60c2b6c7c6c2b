"""Minutes as a PDF in Chinese (reportlab with Debian's WenQuanYi Micro Hei) and vote results as CSV."""

import csv
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.core.cells import safe_row
from governance.core.pdf import cjk_font


def minutes_pdf(*, meeting, record: dict) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=16, leading=22, spaceAfter=6)
    sub = ParagraphStyle("sub", parent=body, fontSize=13, leading=19, spaceBefore=8)
    when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    story = [
        Paragraph(_esc(f"{meeting.committee.name} · {meeting.title}"), heading),
        Paragraph(_esc(f"{_('Time')}: {when}　{_('Place')}: {meeting.place}"), body),
        Paragraph(_esc(_("Agenda")), sub),
        *[Paragraph(_esc(f"{item.position}. {item.title}"), body) for item in record["agenda"]],
        Paragraph(_esc(_("Attendance")), sub),
        Paragraph(_esc("、".join(str(a.membership.user) for a in record["attendances"] if a.present) or "—"), body),
        Paragraph(_esc(_("Minutes")), sub),
        *[Paragraph(_esc(line), body) for line in (meeting.minutes or "—").splitlines() if line.strip()],
        Paragraph(_esc(_("Decisions")), sub),
        *[Paragraph(_esc(_decision_line(d)), body) for d in record["decisions"]],
        Paragraph(_esc(_("Follow-up actions")), sub),
        *[Paragraph(_esc(f"{a.title} · {a.owner.user} · {formats.date_format(a.due_on, 'DATE_FORMAT')}"), body) for a in record["actions"]],
        Spacer(1, 12),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, title=meeting.title, author=meeting.committee.name).build(story)
    return buffer.getvalue()


def _decision_line(decision) -> str:
    line = _("%(motion)s: for %(for)s, against %(against)s, abstaining %(abstain)s; %(outcome)s") % {
        "motion": decision.motion,
        "for": decision.votes_for,
        "against": decision.votes_against,
        "abstain": decision.votes_abstaining,
        "outcome": decision.get_outcome_display(),
    }
    if decision.members_present is None:
        return line
    room = {"present": decision.members_present, "members": decision.members_total, "rule": decision.get_rule_display()}
    return f"{line}（{_('%(present)s of %(members)s members present; %(rule)s') % room}）"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def votes_csv(*, meeting, decisions) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header = [_("Meeting"), _("Motion"), _("Votes for"), _("Votes against"), _("Abstentions"), _("Outcome")]
    writer.writerow([*header, _("Members present"), _("Members"), _("Quorum"), _("Decision rule")])
    for d in decisions:
        counts = [d.votes_for, d.votes_against, d.votes_abstaining, d.get_outcome_display()]
        room = [d.members_present, d.members_total, d.quorum, d.get_rule_display()]
        writer.writerow(safe_row([meeting.title, d.motion, *counts, *("" if v is None else v for v in room)]))
    return "\ufeff" + out.getvalue()  # the BOM lets Excel open the Chinese text as UTF-8
