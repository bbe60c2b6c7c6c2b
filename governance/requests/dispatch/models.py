"""Departments 职能部门 of a street or of the district (城管, 住建, 派出所, 市场监管 ...) that own
requests as the tree's bodies do, and the people who handle their requests."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    URBAN_MANAGEMENT = "urban_management", _("Urban management")
    HOUSING = "housing", _("Housing and construction")
    POLICE = "police", _("Police station")
    MARKET = "market", _("Market regulation")
    ENVIRONMENT = "environment", _("Ecology and environment")
    WATER = "water", _("Water affairs")
    OTHER = "other", _("Other department")


class DispatchState(models.TextChoices):
    """Where a request stands between units: the queue shows returned and transferred ones."""

    NONE = "", _("As routed or dispatched")
    RETURNED = "returned", _("Returned to the dispatcher")
    TRANSFERRED = "transferred", _("Transferred")


class Department(models.Model):
    """A department of a street (street set) or of the whole district (street empty)."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, choices=DepartmentKind.choices)
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("street"))
    active = models.BooleanField(_("active"), default=True)

    tree_paths = {"district": "district_id", "street": "street_id"}

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["district", "street", "kind", "name"]
        indexes = [models.Index(fields=["kind", "street", "district"], name="department_lookup")]
        constraints = [models.UniqueConstraint(fields=["district", "street", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.street_id and self.district_id and self.street.district_id != self.district_id:
            raise ValidationError({"street": _("The street must lie in the department's district.")})


class DepartmentHandler(models.Model):
    """A person who handles the requests their department owns; inactive rows are kept as history."""

    department = models.ForeignKey(Department, models.CASCADE, related_name="handlers", verbose_name=_("department"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="department_handlers", verbose_name=_("handler"))
    active = models.BooleanField(_("active"), default=True)

    tree_paths = {"district": "department__district_id", "street": "department__street_id"}

    class Meta:
        verbose_name = _("department handler")
        verbose_name_plural = _("department handlers")
        constraints = [
            models.UniqueConstraint(fields=["department", "user"], condition=Q(active=True), name="department_handler_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.department}"


class RequestCoHandler(models.Model):
    """协办: a committee or department that helps the owner with a request; its people see it and add notes.
    Ending the co-handling keeps the row (ended_at) as history."""

    request = models.ForeignKey("requests.Request", models.CASCADE, related_name="cohandlers", verbose_name=_("request"))
    committee = models.ForeignKey(
        "committees.Committee", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("committee")
    )
    department = models.ForeignKey(Department, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("department"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-handling unit")
        verbose_name_plural = _("co-handling units")
        ordering = ["added_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committee__isnull=True, department__isnull=False) | Q(committee__isnull=False, department__isnull=True),
                name="cohandler_one_unit",
            ),
            models.UniqueConstraint(fields=["request", "committee"], condition=Q(ended_at__isnull=True), name="cohandler_committee_once"),
            models.UniqueConstraint(fields=["request", "department"], condition=Q(ended_at__isnull=True), name="cohandler_department_once"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.unit}"

    @property
    def unit(self):
        return self.department if self.department_id else self.committee
