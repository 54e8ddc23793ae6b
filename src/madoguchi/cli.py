"""The ``madoguchi`` console script: Django's management commands under one name.

``madoguchi registry import FILE…`` runs the ``registry`` management command, ``madoguchi migrate``
runs ``migrate`` and so on. Settings that refuse to load (production without its required settings)
end the command with their message and exit status 2, without a traceback.
"""

import os
import sys


def load_settings_or_exit() -> None:
    """Load the settings now, so that a refusal is a clean message rather than a traceback."""
    from django.conf import settings

    from madoguchi.config.env import SettingsRefused

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loading the settings is the point
    except SettingsRefused as refusal:
        sys.stderr.write(f"{refusal}\n")
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.config.settings")
    load_settings_or_exit()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["madoguchi", *(sys.argv[1:] if argv is None else argv)])
