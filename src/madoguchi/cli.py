"""The ``madoguchi`` console script: Django's management commands under one name.

``madoguchi registry import FILE…`` runs the ``registry`` management command, ``madoguchi migrate``
runs ``migrate`` and so on.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["madoguchi", *(sys.argv[1:] if argv is None else argv)])
