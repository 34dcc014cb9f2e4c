"""`python -m pipeline` is the same as the `brief` console script."""

import sys

from pipeline.cli import main

sys.exit(main())
