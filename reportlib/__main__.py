"""``python -m reportlib`` is the ``reportlib`` command."""

from .cli import main

raise SystemExit(main())
