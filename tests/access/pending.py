"""Writes still without a valid request in WRITES: each is sent by the status matrix only.

Shrink this list; test_every_write_declares_a_valid_request fails when a write is neither here nor in WRITES.
"""

PENDING = [
    "activities:family_grant",
    "activities:hours_decide",
    "activities:hours_report",
    "activities:photo_upload",
    "activities:signup_cancel",
    "api:report-job-retry",
    "api:request-assign",
    "api:request-merge",
    "api:request-supervise",
    "associations:leader",
    "associations:leave",
    "associations:pledge_match",
    "committees:action_add",
    "committees:action_done",
    "committees:appoint",
    "committees:attendance",
    "committees:decision",
    "committees:edit",
    "committees:membership_end",
    "committees:need_status",
    "courtyards:covenant_endorse",
    "courtyards:covenant_endorse_record",
    "courtyards:covenant_version_add",
    "open311:requests",
    "public_requests:support",
    "public_requests:unfollow",
    "reports:job_retry",
    "reports:subscription",
    "requests:bulk_assign",
    "requests:cite_covenant",
    "requests:link_action",
    "requests:to_need",
]
