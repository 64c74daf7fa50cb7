import sys

from regions.cli import main

sys.exit(main())
