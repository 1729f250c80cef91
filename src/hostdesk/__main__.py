"""`python -m hostdesk` runs the same entry point as the `hostdesk` launcher."""

import sys

from hostdesk.cli import main

sys.exit(main())
