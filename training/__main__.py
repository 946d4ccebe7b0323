"""`python -m training ...`: the training command line (training/cli.py)."""

import sys

from training.cli import main

sys.exit(main())
