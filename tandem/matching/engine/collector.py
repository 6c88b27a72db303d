"""Python's garbage collector, paused while the engine builds many small objects.

Loading a problem and solving it create hundreds of thousands of small objects (profiles,
explanations, factor tables) next to millions already alive: every full collection would walk
all of them again, over and over, which costs more than the work itself. The engine makes no
reference cycles of its own, so the collector can wait until the work is done.
"""

import contextlib
import gc


@contextlib.contextmanager
def paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
