"""Settings of the test suite: the project's settings in test mode (DEBUG off, development key, local
hosts and testserver). pytest and mypy load this module; subprocesses started by tests inherit the mode."""

import os

os.environ["MADOGUCHI_MODE"] = "test"

from madoguchi.config.settings import *  # noqa: F403
