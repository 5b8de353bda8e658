"""The bundled app's entry point: the same ``linkadviser`` command as the installed one."""

import multiprocessing
import sys

from linkadviser.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
