"""``python -m mediacite``: the command line."""

from mediacite.cli import main

raise SystemExit(main())
