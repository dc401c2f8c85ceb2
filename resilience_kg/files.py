"""Write files atomically, so that a failure never leaves a half-written output behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    The rename is atomic on POSIX and Windows, so readers see the old file or the new one,
    never a mixture; on any error the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        # A device or a pipe (-o /dev/null, -o /dev/stdout): write into it; renaming over it
        # would replace the device with a plain file.
        if target.is_dir():
            raise IsADirectoryError(21, "is a folder", str(target))
        with open(target, "wb") as fh:
            fh.write(data)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode an ordinary new file gets, or
        # keep the mode of the file it replaces.
        if target.exists():
            mode = target.stat().st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
