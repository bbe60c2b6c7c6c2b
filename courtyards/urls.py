from django.urls import path

from . import views
from .households import views as household_views

app_name = "courtyards"
urlpatterns = [
    path("streets/<slug:code>/", views.street_detail, name="street"),
    path("communities/<slug:code>/", views.community_detail, name="community"),
    path("places/options/", views.place_options, name="place_options"),
    path("me/home/", views.home_claim, name="claim"),
    path("manage/", views.manage_home, name="manage"),
    path("manage/communities/<slug:code>/", views.manage_community, name="manage_community"),
    path("manage/units/", views.unit_list, name="unit_list"),
    path("manage/grids/", views.grid_list, name="grid_list"),
    path("manage/communities/<slug:code>/households/", household_views.household_list, name="household_list"),
    path("manage/households/import/", household_views.household_import, name="household_import"),
    path("manage/claims/", views.claim_queue, name="claim_queue"),
    path("manage/claims/<uuid:code>/verify/", views.claim_verify, name="claim_verify"),
    path("manage/claims/<uuid:code>/decline/", views.claim_decline, name="claim_decline"),
    path("covenants/<slug:code>/", views.covenant_detail, name="covenant"),
    path("covenants/<slug:code>/endorse/", views.covenant_endorse, name="covenant_endorse"),
    path("manage/covenants/new/", views.covenant_create, name="covenant_create"),
    path("manage/covenants/<slug:code>/", views.covenant_manage, name="covenant_manage"),
    path("manage/covenants/<slug:code>/versions/", views.covenant_version_add, name="covenant_version_add"),
    path("manage/covenants/<slug:code>/units/", views.covenant_unit_options, name="covenant_unit_options"),
    path("manage/covenants/<slug:code>/endorsements/", views.covenant_endorse_record, name="covenant_endorse_record"),
]
