#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
    if not os.environ.get("DATABASE_URL"):
        # No database named: the embedded default (SQLite under var/), a development checkout, where the
        # commands (check, makemigrations, runserver) run as `make run` runs them. A deployment names its
        # database, and there DEBUG stays off unless set, so the embedded SECRET_KEY is still refused.
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
