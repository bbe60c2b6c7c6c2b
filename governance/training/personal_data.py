"""A person's training record, for their data download.

Nothing is erased with the account: attendance and certificates point at the anonymised account
and keep the district's training figures true.
"""

from . import selectors


def export(user) -> dict:
    attendance = [
        {"course": row.session.course.title, "session": row.session.starts_at, "hours": row.hours, "passed": row.passed}
        for row in selectors.attendance_of(person=user)
    ]
    certificates = [
        {"kind": row.kind, "number": row.number, "issued_on": row.issued_on, "issuer": row.issuer}
        for row in selectors.certificates_of(person=user)
    ]
    return {"attendance": attendance, "certificates": certificates}
