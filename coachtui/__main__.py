"""`python -m coachtui` runs the same front door as the `coachtui` command."""

from coachtui.cli import main

raise SystemExit(main())
