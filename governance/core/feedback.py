"""Telling a person, in one line, why what they asked for was refused."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    """A ValidationError of any shape (message, list or per field) as one translated line."""
    return " ".join(error.messages)


def flash_error(request, error: ValidationError) -> None:
    messages.error(request, error_text(error))
