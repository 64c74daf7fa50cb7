"""``python -m regions.build``: rebuild the boundary files and the computed geography (see :mod:`.boundaries`),
then the districts fitted to them (:mod:`.districts`)."""

import sys

from regions.build.districts import main

if __name__ == "__main__":
    sys.exit(main())
