from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    SOCIAL_WORK = "social_work", _("Social-work qualification")
    GRID_BUSINESS = "grid_business", _("Grid business")
    SAFETY = "safety", _("Safety")
    LAW = "law", _("Law and policy")
    OTHER = "other", _("Other")


class CertificateKind(models.TextChoices):
    ASSISTANT_SOCIAL_WORKER = "assistant_social_worker", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker (intermediate)")
    SENIOR_SOCIAL_WORKER = "senior_social_worker", _("Senior social worker")
    GRID_WORKER = "grid_worker", _("Grid worker's certificate")
    SAFETY = "safety", _("Safety certificate")
    OTHER = "other", _("Other certificate")


# The national social-work qualifications (社会工作者职业资格): what "holds a social-work qualification" counts.
SOCIAL_WORK_QUALIFICATIONS = frozenset(
    {CertificateKind.ASSISTANT_SOCIAL_WORKER, CertificateKind.SOCIAL_WORKER, CertificateKind.SENIOR_SOCIAL_WORKER}
)
