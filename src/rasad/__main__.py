"""`python -m rasad` is the `rasad` command."""

import sys

from rasad.cli import main

sys.exit(main())
