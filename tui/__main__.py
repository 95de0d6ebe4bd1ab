import sys

from hollywood_ai.tui.cli.main import main

sys.exit(main())
