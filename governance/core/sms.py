"""Pluggable SMS backends. Settings name the class in SMS_BACKEND."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("governance.sms")


class BaseSMSBackend:
    def send(self, *, phone: str, text: str, key: str = "") -> None:
        """Send one message. `key` identifies it, so a gateway can drop a resend."""
        raise NotImplementedError


class ConsoleSMSBackend(BaseSMSBackend):
    """Development backend: prints the message where the developer can read it."""

    def send(self, *, phone: str, text: str, key: str = "") -> None:
        print(f"[SMS to {phone}] {text}", flush=True)
        logger.debug("SMS to %s: %s", phone, text)


class OutboxSMSBackend(BaseSMSBackend):
    """Keeps messages in memory, for tests that read the code a resident received."""

    outbox: list[dict] = []

    def send(self, *, phone: str, text: str, key: str = "") -> None:
        self.outbox.append({"phone": phone, "text": text, "key": key})


def sms_send(*, phone: str, text: str, key: str = "") -> None:
    import_string(settings.SMS_BACKEND)().send(phone=phone, text=text, key=key)
