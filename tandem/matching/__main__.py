import sys

from tandem.matching.cli import main

sys.exit(main())
