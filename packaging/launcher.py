"""Entry point of the frozen app: the same `hostdesk` command as the pip-installed one."""

import sys

from hostdesk.cli import main

sys.exit(main())
