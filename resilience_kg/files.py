"""Write outputs atomically, so that a failure never leaves a half-written output behind.

One file: :func:`atomic_write` writes a temporary file beside the target and renames it into
place. A set of outputs (``build --out DIR --store S`` writes four files and a store folder):
:class:`OutputSet` writes every member beside its target first, and only once all are complete
writes a journal (the commit point) and renames them in. Killed before the journal, the old set
stands untouched; killed while renaming, the next run finishes the renames from the journal.

Every temporary name carries the writer's process id (``.NAME.tmp-PID-RANDOM.tmp`` for a file,
``.NAME.new-PID-RANDOM`` and ``.NAME.old-PID-RANDOM`` for a folder), so the next run can tell the
leftovers of a writer that died from the work of one still running, and remove only the former.

A journal found on disk is input, not state: it may have come with a cloned repository, a zip or
a shared folder. It is replayed only when every entry names one of the outputs this writer was
asked for and, beside it, a temporary name of the kind this module writes; anything else is
refused (:class:`~resilience_kg.errors.DataError` naming the journal) before anything is touched.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from resilience_kg.errors import DataError

JOURNAL_PREFIX = ".resilience-kg.commit-"
#: A journal lists a handful of outputs; anything larger is not one of ours.
JOURNAL_MAX = 1 << 20
#: Temporary names without a process id (written by versions before it was added): removed once
#: they are this old, since nothing tells whether their writer still runs.
LEGACY_AGE = 24 * 3600.0


def _tag() -> str:
    return f"{os.getpid()}-{secrets.token_hex(6)}"


def _temp_name(target: Path, kind: str) -> Path:
    """A temporary name beside ``target``: ``kind`` is tmp (a file), new or old (a folder)."""
    return target.with_name(f".{target.name}.{kind}-{_tag()}" + (".tmp" if kind == "tmp" else ""))


def _alive(pid: int) -> bool:
    if pid <= 0:  # 0 would ask about our own process group
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # a number no process can have: a planted name
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _leftover_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    n = re.escape(name)
    ours = re.compile(rf"\.{n}\.(?:tmp-(\d+)-[0-9a-f]{{12}}\.tmp|(?:new|old)-(\d+)-[0-9a-f]{{12}})")
    legacy = re.compile(rf"\.{n}\.(?:[a-z0-9_]{{8}}\.tmp|new-[a-z0-9_]{{8}}|old-\d+)")
    return ours, legacy


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def clean_leftovers(target: str | Path) -> list[Path]:
    """Remove the temporary files and folders that writers of ``target`` left beside it when they
    died (killed, or the machine stopped) and return them. A live writer's are left alone."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        return []
    ours, legacy = _leftover_patterns(target.name)
    removed = []
    for entry in folder.iterdir():
        match = ours.fullmatch(entry.name)
        if match is not None:
            if _alive(int(match.group(1) or match.group(2))):
                continue
        elif legacy.fullmatch(entry.name):
            old_pid = re.fullmatch(r".*\.old-(\d+)", entry.name)
            if old_pid is not None:
                if _alive(int(old_pid.group(1))):
                    continue
            elif time.time() - entry.lstat().st_mtime < LEGACY_AGE:
                continue
        else:
            continue
        _remove(entry)
        removed.append(entry)
    return removed


def _ordinary_mode(target: Path, *, folder: bool = False) -> int:
    # Temporary entries are made private (0600, 0700); an output gets the mode an ordinary new
    # one gets, or keeps the mode of the file it replaces.
    if not folder and target.is_file():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask


def _stage_file(target: Path, data: bytes) -> Path:
    """``data`` written and flushed to disk in a temporary file beside ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target, "tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, _ordinary_mode(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened and synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    The rename is atomic on POSIX and Windows, so readers see the old file or the new one,
    never a mixture; on any error the temporary file is removed and ``path`` is untouched. The
    temporary files of earlier writers of ``path`` that were killed are removed first.
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
    clean_leftovers(target)
    tmp = _stage_file(target, data)
    try:
        _swap_in(tmp, target, folder=False)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the system
    or the file system cannot."""
    if sys.platform != "linux":
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_in(staged: Path, target: Path, *, folder: bool) -> None:
    """Put ``staged`` in the place of ``target`` (which may be missing), and remove the old one.

    A file is renamed over its target. A folder is exchanged with its target where the system
    allows it, so the target never goes missing; elsewhere the old folder is moved aside first.
    """
    if not folder or not target.exists():
        os.replace(staged, target)
    elif _exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # now the old folder
    else:
        old = _temp_name(target, "old")
        os.replace(target, old)
        os.replace(staged, target)
        shutil.rmtree(old, ignore_errors=True)
    _fsync_folder(target.parent)


@dataclass
class _Member:
    target: Path
    staged: Path
    folder: bool


class OutputSet:
    """Outputs written together: each member is staged beside its target, and :meth:`commit`
    swaps them all in (or, if anything failed before, :meth:`discard` removes the staged ones).

    ``journal_dir`` holds the commit journal (for ``build``, its ``--out`` folder); ``files`` and
    ``folders`` are every output the set may write. The leftovers of a writer of these outputs
    killed there are dealt with when the set is made: a committed set is completed, an
    uncommitted one removed; a journal that names anything else is refused (:func:`recover`).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with OutputSet(out, files=[out / "a.txt", out / "b.txt"]) as outputs:
    ...     outputs.write(out / "a.txt", b"one")
    ...     outputs.write(out / "b.txt", b"two")
    >>> sorted(p.name for p in out.iterdir())
    ['a.txt', 'b.txt']
    >>> shutil.rmtree(out)
    """

    def __init__(self, journal_dir: str | Path, *, files: Iterable[str | Path] = (),
                 folders: Iterable[str | Path] = ()) -> None:
        self.journal_dir = Path(journal_dir)
        self.files = [Path(f) for f in files]
        self.folders = [Path(f) for f in folders]
        self.members: list[_Member] = []
        recover(self.journal_dir, files=self.files, folders=self.folders)

    def _declared(self, target: Path, kinds: list[Path], what: str) -> None:
        # Only declared outputs are recovered from a journal, so only they may be written.
        if _key(target) not in {_key(k) for k in kinds}:
            raise ValueError(f"{target} is not one of the {what} this output set was declared with")

    def write(self, target: str | Path, data: bytes) -> None:
        """Stage ``data`` for the file ``target`` (one of ``files``)."""
        target = Path(target)
        self._declared(target, self.files, "files")
        if target.is_dir():
            raise IsADirectoryError(21, "is a folder", str(target))
        clean_leftovers(target)
        self.members.append(_Member(target, _stage_file(target, data), folder=False))

    def folder(self, target: str | Path, fill: Callable[[Path], None]) -> None:
        """Stage the folder ``target`` (one of ``folders``): ``fill`` writes its contents into a new,
        empty folder."""
        target = Path(target)
        self._declared(target, self.folders, "folders")
        clean_leftovers(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = _temp_name(target, "new")
        staged.mkdir(0o700)
        self.members.append(_Member(target, staged, folder=True))
        staged.chmod(_ordinary_mode(target, folder=True))
        fill(staged)
        _fsync_folder(staged)

    def commit(self) -> list[Path]:
        """Swap every staged member in and return the targets."""
        journal = _write_journal(self.journal_dir, self.members)
        for member in self.members:
            _swap_in(member.staged, member.target, folder=member.folder)
        journal.unlink()
        _fsync_folder(journal.parent)
        targets = [m.target for m in self.members]
        self.members = []
        return targets

    def discard(self) -> None:
        """Remove whatever was staged; the targets stay as they were."""
        for member in self.members:
            _remove(member.staged)
        self.members = []

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _write_journal(folder: Path, members: list[_Member]) -> Path:
    """Record the renames to come (the commit point): once this file exists, the set is new."""
    entries = [
        {"target": str(m.target.absolute()), "staged": str(m.staged.absolute()), "folder": m.folder,
         "inode": m.staged.stat().st_ino}
        for m in members
    ]
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / f"{JOURNAL_PREFIX}{_tag()}.json"
    tmp = _stage_file(journal, json.dumps(entries, indent=1).encode())
    os.replace(tmp, journal)
    _fsync_folder(folder)
    return journal


def _key(path: Path) -> tuple[str, str]:
    """Where ``path`` is, whatever way it is spelt: its folder's real path, and its name."""
    return os.path.realpath(path.absolute().parent), path.name


def _staged_pattern(name: str, *, folder: bool) -> re.Pattern[str]:
    """The temporary names this module stages ``name`` under (see :func:`_temp_name`)."""
    kind = r"new-\d+-[0-9a-f]{12}" if folder else r"tmp-\d+-[0-9a-f]{12}\.tmp"
    return re.compile(rf"\.{re.escape(name)}\.{kind}")


def _show(value: object) -> str:
    # A planted journal's strings go to a terminal: quoted, with control characters escaped.
    return json.dumps(value, ensure_ascii=False)


def _refuse(journal: Path, why: str) -> DataError:
    return DataError(
        f"refusing to replay this commit journal: {why}. A journal of an interrupted run names only the "
        "outputs of the same command and temporary files beside them; if you did not interrupt such a run "
        "here, this file came from elsewhere: look at it, and delete it", location=str(journal))


def _read_journal(journal: Path) -> object:
    """The parsed journal; refused unless it is a small regular file (not a link, a pipe, a folder)."""
    try:
        fd = os.open(journal, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise _refuse(journal, f"it cannot be opened as a plain file ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > JOURNAL_MAX:
            raise _refuse(journal, "it is not a small plain file")
        raw = fh.read(JOURNAL_MAX + 1)
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        # resilience-kg renames its journals into place whole: one that does not parse is not ours
        raise _refuse(journal, f"it is not JSON ({exc})") from exc


def _journal_entries(journal: Path, files: list[Path], folders: list[Path]) -> list[tuple[Path, Path, bool, int]]:
    """The entries of ``journal`` as (target, staged, folder, inode), each checked: the target is
    one of the outputs given, of the same kind (file or folder), and the staged path is a
    temporary name of that output beside it. The paths acted on are the caller's, never the
    journal's: the journal only contributes the staged entry's name, checked against the pattern.
    Any other entry refuses the whole journal."""
    expected = {**{_key(f): (f, False) for f in files}, **{_key(f): (f, True) for f in folders}}
    entries = _read_journal(journal)
    if not isinstance(entries, list):
        raise _refuse(journal, "it does not hold a list of entries")
    checked = []
    for n, entry in enumerate(entries, 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("target"), str)
                and isinstance(entry.get("staged"), str) and isinstance(entry.get("folder"), bool)
                and isinstance(entry.get("inode"), int) and not isinstance(entry.get("inode"), bool)):
            raise _refuse(journal, f"entry {n} is not a target, staged path, folder flag and inode")
        target, staged = Path(entry["target"]), Path(entry["staged"])
        if not target.is_absolute() or not staged.is_absolute() or ".." in target.parts + staged.parts:
            raise _refuse(journal, f"entry {n} names {_show(entry['target'])} and {_show(entry['staged'])}, "
                          "not absolute paths of outputs")
        known = expected.get(_key(target))
        if known is None or known[1] != entry["folder"]:
            what = "folder" if entry["folder"] else "file"
            raise _refuse(journal, f"entry {n} names the {what} {_show(entry['target'])}, which is not an output "
                          "of this run (if a run with other outputs was interrupted, rerun it the same way)")
        if staged.parent != target.parent or not _staged_pattern(target.name, folder=known[1]).fullmatch(staged.name):
            raise _refuse(journal, f"entry {n} would put {_show(entry['staged'])} in place of "
                          f"{_show(entry['target'])}: not a temporary name that resilience-kg writes beside it")
        ours = known[0].absolute()
        checked.append((ours, ours.with_name(staged.name), known[1], entry["inode"]))
    return checked


def _inode(path: Path, *, folder: bool) -> int | None:
    """The inode of ``path`` if it is a plain file (or a folder) itself, not a link to one."""
    try:
        info = path.lstat()
    except OSError:
        return None
    kind = stat.S_ISDIR if folder else stat.S_ISREG
    return info.st_ino if kind(info.st_mode) else None


def recover(folder: str | Path, *, files: Iterable[str | Path] = (), folders: Iterable[str | Path] = ()) -> list[Path]:
    """Finish the commits that writers killed while committing left journals of in ``folder``,
    and return the targets completed.

    ``files`` and ``folders`` are the outputs the caller writes; a journal that names anything
    else (another path, a path that is not a temporary name beside its target, a link, a file
    that is no journal of ours) raises :class:`~resilience_kg.errors.DataError` naming it, and
    nothing is touched.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    file_list, folder_list = [Path(f) for f in files], [Path(f) for f in folders]
    pattern = re.compile(rf"{re.escape(JOURNAL_PREFIX)}(\d+)-[0-9a-f]+\.json")
    done: list[Path] = []
    for journal in sorted(folder.iterdir()):
        match = pattern.fullmatch(journal.name)
        if match is None or _alive(int(match.group(1))):
            continue
        for target, staged, is_folder, inode in _journal_entries(journal, file_list, folder_list):
            if _inode(target, folder=is_folder) == inode:
                if is_folder and _inode(staged, folder=True) is not None:
                    _remove(staged)  # the exchange was made; this is the old folder
            elif _inode(staged, folder=is_folder) == inode:
                _swap_in(staged, target, folder=is_folder)
                done.append(target)
        journal.unlink(missing_ok=True)
    return done
