"""The frozen program's entry point: the same ``kiosk`` command line as ``kiosk.cli.main:main``.

``kiosk run`` (the touchscreen in ``ui/``) is found through the ``kiosk.commands`` entry point
group; the spec copies the project's metadata into the build so that lookup, and
``kiosk --version``, work frozen exactly as installed.
"""

import multiprocessing

from kiosk.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the handout maker's process (kiosk/handouts/maker.py)
    main()
