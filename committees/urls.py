from django.urls import path

from . import views

app_name = "committees"
urlpatterns = [
    path("committees/<slug:code>/", views.committee_detail, name="detail"),
    path("communities/<slug:code>/needs/new/", views.need_raise, name="need_raise"),
    path("needs/<uuid:code>/", views.need_detail, name="need"),
    path("needs/<uuid:code>/support/", views.need_support, name="need_support"),
    path("manage/committees/", views.manage_list, name="manage_list"),
    path("manage/committees/new/", views.committee_create, name="create"),
    path("manage/committees/<slug:code>/", views.committee_manage, name="manage"),
    path("manage/committees/<slug:code>/edit/", views.committee_edit, name="edit"),
    path("manage/committees/<slug:code>/appoint/", views.membership_appoint, name="appoint"),
    path("manage/committees/<slug:code>/meetings/new/", views.meeting_schedule, name="meeting_schedule"),
    path("manage/memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("manage/memberships/<int:pk>/link/", views.membership_link, name="membership_link"),
    path("manage/meetings/<uuid:code>/", views.meeting_manage, name="meeting"),
    path("manage/meetings/<uuid:code>/agenda/", views.agenda_add, name="agenda_add"),
    path("manage/meetings/<uuid:code>/attendance/", views.attendance_record, name="attendance"),
    path("manage/meetings/<uuid:code>/minutes/", views.minutes_record, name="minutes"),
    path("manage/meetings/<uuid:code>/decisions/", views.decision_record, name="decision"),
    path("manage/meetings/<uuid:code>/actions/", views.action_add, name="action_add"),
    path("manage/meetings/<uuid:code>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("manage/meetings/<uuid:code>/votes.csv", views.votes_csv, name="votes_csv"),
    path("manage/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("manage/needs/", views.need_queue, name="need_queue"),
    path("manage/needs/<uuid:code>/status/", views.need_status, name="need_status"),
]
