import sys

from hollywood_ai.tui.cli import main

sys.exit(main())
