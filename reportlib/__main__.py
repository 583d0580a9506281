"""``python -m reportlib`` is the ``reportlib`` command."""

from reportlib.cli import main

raise SystemExit(main())
