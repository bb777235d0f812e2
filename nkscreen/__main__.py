"""Allows ``python -m nkscreen`` as well as the ``nkscreen`` console script."""

import sys

from nkscreen.cli import main

sys.exit(main())
