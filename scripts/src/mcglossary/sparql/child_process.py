"""Child processes that never outlive the `mcg` process that started them (the endpoint's query workers).

A normal return or an exception runs the caller's `finally`, which stops them; a death that runs no Python at all
(SIGKILL, a crash) is covered on Linux by asking the kernel to send the child SIGTERM when its parent dies (prctl
PR_SET_PDEATHSIG), set in the child before it runs.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def tied_to_parent() -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess that ties the child's life to this process, or None where the system cannot."""
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()

    def die_with_parent() -> None:  # runs in the child, between fork and exec
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request was made: nobody will send the signal
            os._exit(1)

    return die_with_parent
