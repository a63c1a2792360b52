"""``python -m communique``: the ``communique`` command (see :mod:`communique.cli`)."""

from __future__ import annotations

import sys

from .cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
