"""`python -m smdash`: the command line (smdash/cli.py)."""

import sys

from smdash.cli import main

sys.exit(main())
