from django.urls import path

from . import views
from .clock import views as clock_views
from .links import views as link_views
from .oversight import views as oversight_views

app_name = "requests"
urlpatterns = [
    path("requests/new/", views.request_new, name="new"),
    path("requests/new/places/", views.places_near, name="places_near"),
    path("requests/mine/", views.request_mine, name="mine"),
    path("requests/photos/<uuid:code>/", views.photo, name="photo"),
    path("requests/<str:number>/", views.request_detail, name="detail"),
    path("requests/<str:number>/filed/", views.request_filed, name="filed"),
    path("requests/<str:number>/confirm/", views.request_confirm, name="confirm"),
    path("requests/<str:number>/reopen/", views.request_reopen, name="reopen"),
    path("manage/requests/", views.queue, name="queue"),
    path("manage/requests/bulk-assign/", views.bulk_assign, name="bulk_assign"),
    path("manage/requests/<str:number>/", views.staff_detail, name="staff_detail"),
    path("manage/requests/<str:number>/act/", views.staff_act, name="staff_act"),
    path("manage/requests/<str:number>/need/", link_views.to_need, name="to_need"),
    path("manage/requests/<str:number>/covenant/", link_views.cite_covenant, name="cite_covenant"),
    path("manage/requests/<str:number>/follow-up/", link_views.link_action, name="link_action"),
    path("manage/requests/<str:number>/supervise/", oversight_views.supervise, name="supervise"),
    path("manage/requests/<str:number>/extension/", clock_views.extension_ask, name="extension_ask"),
    path("manage/extensions/", clock_views.extension_list, name="extension_list"),
    path("manage/extensions/<int:pk>/decide/", clock_views.extension_decide, name="extension_decide"),
    path("manage/supervisions/", oversight_views.supervision_list, name="supervision_list"),
    path("manage/supervisions/<int:pk>/reply/", oversight_views.supervision_reply, name="supervision_reply"),
    path("manage/callbacks/", oversight_views.callback_queue, name="callbacks"),
    path("manage/callbacks/<int:pk>/done/", oversight_views.callback_done, name="callback_done"),
]
