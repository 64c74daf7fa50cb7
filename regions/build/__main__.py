"""``python -m regions.build``: rebuild the boundary files and the computed geography (see :mod:`.boundaries`)."""

import sys

from regions.build.boundaries import main

if __name__ == "__main__":
    sys.exit(main())
