"""Python's cycle collector, held off while the reader draws its first screen.

Until then the process only gains objects that stay alive (modules, classes,
style rules, widgets): every pass of the collector over them finds almost
nothing, and its passes before the first frame took a tenth of the reader's
CPU on the seeds (one full pass, 40-50 ms, among them; the minimal Textual
app has none). :func:`pause` stops it as the reader starts; :func:`resume`, once the
first frame is on screen, leaves what is alive then (the reader itself) out of
its later full passes (``gc.freeze``) and lets it run as usual. Only a pause
made here is resumed: a test building the app is left as it was.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop the collector until :func:`resume` (nothing when it is off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Start the collector again after :func:`pause`, the objects alive now
    frozen out of its full passes; nothing when it was not paused here."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
