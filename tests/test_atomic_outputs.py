"""Output sets are all old or all new, even when the writer is killed: ``build --out DIR --store S``
killed at any point leaves the previous set whole (or, killed while swapping, one the next run
completes), and the next run removes every temporary file or folder the killed one left. The
kills are real (SIGKILL, in a subprocess), at chosen points of the library or at a moment seen
from outside."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write
from helpers.servers import kg_command, spawn, wait_until

from resilience_kg.cli import main
from resilience_kg.files import JOURNAL_PREFIX, OutputSet, atomic_write, clean_leftovers, recover

FILES = ["graph.trig", "graph.ttl", "summary.json", "summary.md"]
EXTRA_ACTOR = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/resilience-kg/id/extra-test-actor> skos:prefLabel "Extra test actor"@en .
"""
EXTRA_ASK = 'ASK { ?a skos:prefLabel "Extra test actor"@en }'
# Runs the CLI with one function of resilience_kg.files replaced by one that kills the process
# (SIGKILL: no cleanup handler runs) on its N-th call.
KILLER = """
import os, signal, sys
import resilience_kg.files as files
point, n = sys.argv[1], int(sys.argv[2])
real = getattr(files, point)
calls = [0]
def dying(*args, **kwargs):
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(files, point, dying)
from resilience_kg.cli import main
main(sys.argv[3:], prog_name="resilience-kg")
"""


def build_args(tmp: Path, *data: Path) -> list[str]:
    args = ["build", "--out", str(tmp / "out"), "--store", str(tmp / "db"), "--no-validate"]
    for path in data:
        args += ["--data", str(path)]
    return args


def build(runner: CliRunner, tmp: Path, *data: Path) -> None:
    result = runner.invoke(main, build_args(tmp, *data))
    assert result.exit_code == 0, result.output


def killed(tmp: Path, point: str, n: int, args: list[str]) -> None:
    """Run ``resilience-kg ARGS`` in a subprocess killed at the ``n``-th call of ``files.POINT``."""
    done = subprocess.run([sys.executable, "-c", KILLER, point, str(n), *args], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, cwd=tmp)
    assert done.returncode == -signal.SIGKILL, f"not killed at {point} #{n}: {done.returncode}\n{done.stderr}"


def files_of(tmp: Path) -> dict[str, bytes]:
    return {name: (tmp / "out" / name).read_bytes() for name in FILES}


def store_has_extra(runner: CliRunner, tmp: Path) -> bool:
    result = runner.invoke(main, ["query", EXTRA_ASK, "--store", str(tmp / "db")])
    assert result.exit_code == 0, result.output
    return result.stdout == "yes\n"


def leftovers(tmp: Path) -> list[str]:
    """Temporary entries of ours: beside the store, and in the output folder."""
    names = [p.name for p in tmp.iterdir() if p.name.startswith(".db.")]
    names += [p.name for p in (tmp / "out").iterdir() if p.name.startswith(".")]
    return sorted(names)


@pytest.fixture(scope="module")
def new_set(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files a build of the bundled data writes (what every test below builds anew)."""
    tmp = tmp_path_factory.mktemp("new")
    build(CliRunner(), tmp)
    return files_of(tmp)


@pytest.fixture
def old(tmp_path: Path, runner: CliRunner) -> dict[str, bytes]:
    """A finished build with one extra actor: the set that a killed build must leave alone."""
    extra = write(tmp_path / "data" / "extra.ttl", EXTRA_ACTOR)
    build(runner, tmp_path, extra)
    assert store_has_extra(runner, tmp_path) and leftovers(tmp_path) == []
    return files_of(tmp_path)


def test_the_two_sets_differ(old: dict[str, bytes], new_set: dict[str, bytes]) -> None:
    # Otherwise the tests below could not tell the old set from the new one.
    assert all(old[name] != new_set[name] for name in FILES)


@pytest.mark.parametrize(("point", "n"), [("_stage_file", 3), ("_write_journal", 1)],
                         ids=["while-writing", "all-written"])
def test_a_build_killed_before_its_commit_leaves_the_old_set(runner: CliRunner, tmp_path: Path,
                                                             old: dict[str, bytes], new_set: dict[str, bytes],
                                                             point: str, n: int) -> None:
    killed(tmp_path, point, n, build_args(tmp_path))
    assert files_of(tmp_path) == old
    assert store_has_extra(runner, tmp_path)
    assert leftovers(tmp_path), "the build was killed before it staged anything: the test proves nothing"
    # The next run removes what the killed one left, and writes its own set whole.
    build(runner, tmp_path)
    assert leftovers(tmp_path) == []
    assert files_of(tmp_path) == new_set and not store_has_extra(runner, tmp_path)


def test_a_build_killed_while_swapping_is_finished_by_the_next_run(runner: CliRunner, tmp_path: Path,
                                                                   old: dict[str, bytes],
                                                                   new_set: dict[str, bytes]) -> None:
    # Killed after two of its five swaps: each file is whole (old or new), the store too.
    killed(tmp_path, "_swap_in", 3, build_args(tmp_path))
    now = files_of(tmp_path)
    assert [now[name] == new_set[name] for name in FILES] == [True, True, False, False]
    assert all(now[name] == old[name] for name in FILES[2:])
    assert store_has_extra(runner, tmp_path)  # still the old store, whole
    assert any(name.startswith(JOURNAL_PREFIX) for name in leftovers(tmp_path))
    # The journal says the set was complete: recovering finishes the swaps.
    done = recover(tmp_path / "out", files=[tmp_path / "out" / n for n in FILES], folders=[tmp_path / "db"])
    assert sorted(p.name for p in done) == ["db", "summary.json", "summary.md"]
    assert files_of(tmp_path) == new_set and not store_has_extra(runner, tmp_path)
    assert leftovers(tmp_path) == []


def test_a_build_killed_from_outside_leaves_whole_outputs(runner: CliRunner, tmp_path: Path,
                                                          old: dict[str, bytes], new_set: dict[str, bytes]) -> None:
    # SIGKILL as soon as the new store shows beside the old one: wherever the build then is,
    # every file is whole, old or new, and the next run leaves no temporary entry behind.
    process = spawn(kg_command(*build_args(tmp_path)), log_dir=tmp_path / "logs", name="build")
    try:
        wait_until(lambda: any(p.name.startswith(".db.new-") for p in tmp_path.iterdir()) or not process.alive(),
                   timeout=120, interval=0.005, what="the build to stage its store")
    finally:
        process.stop(signal.SIGKILL)
    now = files_of(tmp_path)
    assert all(now[name] in (old[name], new_set[name]) for name in FILES)
    store_has_extra(runner, tmp_path)  # opens: a whole store
    build(runner, tmp_path)
    assert leftovers(tmp_path) == []
    assert files_of(tmp_path) == new_set


def test_an_export_killed_before_its_rename_leaves_the_old_file_and_a_tmp_the_next_removes(
        runner: CliRunner, tmp_path: Path) -> None:
    target = write(tmp_path / "graph.nt", "old\n")
    killed(tmp_path, "_swap_in", 1, ["export", "--format", "nt", "-o", str(target)])
    assert target.read_text() == "old\n"
    [tmp] = [p for p in tmp_path.iterdir() if p.name.startswith(".graph.nt.")]
    assert tmp.name.endswith(".tmp") and tmp.stat().st_size > 1000
    result = runner.invoke(main, ["export", "--format", "nt", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt"]
    assert target.stat().st_size > 1000


def dead_pid() -> int:
    """The id of a process that has exited."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_only_the_leftovers_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead, live = dead_pid(), os.getpid()
    entries = {
        f".a.txt.tmp-{dead}-0123456789ab.tmp": True,    # a killed writer's file
        f".store.new-{dead}-0123456789ab": True,        # a killed writer's staged folder
        f".store.old-{dead}-0123456789ab": True,        # and an old one it moved aside
        f".a.txt.tmp-{live}-0123456789ab.tmp": False,   # a writer still running
        f".store.new-{live}-0123456789ab": False,
        ".a.txt.backup": False,                         # the user's own files
        "a.txt.tmp": False,
        ".a.txt.tmp-notes.tmp": False,
        f".b.txt.tmp-{dead}-0123456789ab.tmp": False,   # another target's: its own writer cleans it
    }
    for name in entries:
        if ".store." in name:
            (tmp_path / name).mkdir()
            (tmp_path / name / "inside").write_text("x")
        else:
            (tmp_path / name).write_text("x")
    removed = clean_leftovers(tmp_path / "a.txt") + clean_leftovers(tmp_path / "store")
    assert sorted(p.name for p in removed) == sorted(name for name, gone in entries.items() if gone)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, gone in entries.items() if not gone)


def test_atomic_write_cleans_a_dead_writers_tmp_first(tmp_path: Path) -> None:
    stale = tmp_path / f".a.txt.tmp-{dead_pid()}-0123456789ab.tmp"
    stale.write_bytes(b"half")
    atomic_write(tmp_path / "a.txt", b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_failed_member_discards_the_whole_set(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "b.txt").write_bytes(b"old b")

    def fail(folder: Path) -> None:
        (folder / "half").write_bytes(b"x")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"), OutputSet(
            tmp_path, files=[tmp_path / "a.txt", tmp_path / "b.txt"], folders=[tmp_path / "store"]) as outputs:
        outputs.write(tmp_path / "a.txt", b"new a")
        outputs.folder(tmp_path / "store", fail)
        outputs.write(tmp_path / "b.txt", b"new b")
    assert (tmp_path / "a.txt").read_bytes() == b"old a" and (tmp_path / "b.txt").read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_store_swap_never_leaves_the_path_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the system can exchange two paths (Linux), the store folder is never missing, not even
    # between two renames: a reader opening it always finds a whole store.
    import resilience_kg.files as files

    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "old").write_text("x")
    renames: list[tuple[str, str]] = []
    real = os.replace

    def spy(a: str, b: str) -> None:
        renames.append((str(a), str(b)))
        real(a, b)

    monkeypatch.setattr(files.os, "replace", spy)
    with OutputSet(tmp_path, folders=[tmp_path / "db"]) as outputs:
        outputs.folder(tmp_path / "db", lambda folder: (folder / "new").write_text("y"))
    assert sorted(p.name for p in (tmp_path / "db").iterdir()) == ["new"]
    if sys.platform == "linux":
        # Only the journal was renamed into place: the folder was exchanged, in one step.
        assert [Path(b).name for _, b in renames if not Path(b).name.startswith(JOURNAL_PREFIX)] == []
    assert [p.name for p in tmp_path.iterdir()] == ["db"]


# A journal found in --out is input, not state: it may come with a cloned repository, a zip or a
# shared folder. Each planted journal below names a folder or file the build must never touch.

def plant(out: Path, entries: object, *, pid: int | None = None) -> Path:
    """A journal in ``out`` as a killed writer would have left it (its process id is dead)."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    journal = out / f"{JOURNAL_PREFIX}{pid if pid is not None else dead_pid()}-0123456789ab.json"
    journal.write_text(json.dumps(entries) if not isinstance(entries, str) else entries)
    return journal


def victim(where: Path) -> Path:
    """A folder of the user's, with a file in it, that nothing may delete."""
    where.mkdir(parents=True)
    (where / "thesis.txt").write_text("years of work")
    return where


def untouched(folder: Path) -> bool:
    return (folder / "thesis.txt").read_text() == "years of work"


def refused(runner: CliRunner, journal: Path, args: list[str]) -> str:
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert str(journal) in result.output and "refusing" in result.output and "Traceback" not in result.output
    assert journal.exists(), "a refused journal is left for the user to look at"
    return result.output


def test_a_planted_journal_naming_proc_deletes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    # The reported case: /proc always has inode 1, so the journal says "the swap was made, remove
    # the old folder", and the build removed /any/folder and exited 0.
    folder = victim(tmp_path / "any" / "folder")
    journal = plant(tmp_path / "out", [{"target": "/proc", "staged": str(folder), "folder": True, "inode": 1}])
    output = refused(runner, journal, ["build", "--out", str(tmp_path / "out"), "--no-validate"])
    assert '"/proc"' in output
    assert untouched(folder)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def hostile_entries(tmp: Path, out: Path, folder: Path) -> dict[str, list[dict[str, object]]]:
    """Journals that name something other than this build's outputs and their temporary names."""
    ino = folder.stat().st_ino
    user_file = out / "notes.csv"
    user_file.write_text("the user's own file\n")
    staged_file = out / f".notes.csv.tmp-{dead_pid()}-0123456789ab.tmp"
    staged_file.write_text("planted\n")
    db_temp = f".db.new-{dead_pid()}-0123456789ab"
    return {
        # the victim as the staged path of a real output: it would be renamed over the store
        "victim-staged-for-the-store": [{"target": str(tmp / "db"), "staged": str(folder), "folder": True,
                                         "inode": ino}],
        # an output's target, with the victim as "the old folder" to remove
        "victim-as-old-folder": [{"target": str(out / "graph.ttl"), "staged": str(folder), "folder": True,
                                  "inode": (out / "graph.ttl").stat().st_ino}],
        # a temporary name, but beside another folder (the victim's)
        "temp-name-elsewhere": [{"target": str(folder.parent / "db"), "staged": str(folder.parent / db_temp),
                                 "folder": True, "inode": ino}],
        # a user's file in --out, replaced by a planted one with our temporary name
        "not-an-output": [{"target": str(user_file), "staged": str(staged_file), "folder": False,
                           "inode": staged_file.stat().st_ino}],
        # the right target spelt through ".." to reach beside the victim
        "dot-dot": [{"target": str(out / ".." / "any" / "graph.ttl"), "staged": str(folder), "folder": True,
                     "inode": ino}],
        # an output file declared a folder
        "wrong-kind": [{"target": str(out / "graph.ttl"), "staged": str(out / f".graph.ttl.new-{dead_pid()}-"
                                                                          "0123456789ab"), "folder": True,
                        "inode": ino}],
        "relative-paths": [{"target": "graph.ttl", "staged": "../any/folder", "folder": True, "inode": ino}],
        "missing-fields": [{"target": str(out / "graph.ttl")}],
        "inode-not-a-number": [{"target": str(tmp / "db"), "staged": str(tmp / db_temp), "folder": True,
                                "inode": "1"}],
    }


HOSTILE = ["victim-staged-for-the-store", "victim-as-old-folder", "temp-name-elsewhere", "not-an-output",
           "dot-dot", "wrong-kind", "relative-paths", "missing-fields", "inode-not-a-number"]


@pytest.mark.parametrize("case", HOSTILE)
def test_a_journal_naming_anything_but_this_builds_outputs_is_refused(runner: CliRunner, tmp_path: Path,
                                                                      case: str) -> None:
    build(runner, tmp_path)  # a finished build, which a planted journal must not disturb either
    before = files_of(tmp_path)
    out = tmp_path / "out"
    folder = victim(tmp_path / "any" / "folder")
    entries = hostile_entries(tmp_path, out, folder)[case]
    # a first, valid entry does not make the journal trusted: nothing is done before all are checked
    journal = plant(out, [{"target": str(out / "graph.trig"), "staged": str(out / ".graph.trig.tmp-1-"
                                                                              "0123456789ab.tmp"),
                           "folder": False, "inode": 1}, *entries])
    refused(runner, journal, build_args(tmp_path))
    assert untouched(folder)
    assert files_of(tmp_path) == before
    assert (out / "notes.csv").read_text() == "the user's own file\n"
    assert (tmp_path / "db" / "resilience-kg.json").is_file()


@pytest.mark.parametrize("content", ["", "{not json", '{"target": "/proc"}', "[1, 2]", "\"/proc\"", "x" * 2_000_000],
                         ids=["empty", "not-json", "an-object", "not-entries", "a-string", "huge"])
def test_a_journal_that_is_not_one_of_ours_is_refused(runner: CliRunner, tmp_path: Path, content: str) -> None:
    journal = plant(tmp_path / "out", content)
    refused(runner, journal, ["build", "--out", str(tmp_path / "out"), "--no-validate"])


def test_a_journal_that_is_a_link_or_a_pipe_is_refused_without_reading_it(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    folder = victim(tmp_path / "any" / "folder")
    real = tmp_path / "elsewhere.json"
    real.write_text(f'[{{"target": "/proc", "staged": "{folder}", "folder": true, "inode": 1}}]')
    link = out / f"{JOURNAL_PREFIX}{dead_pid()}-0123456789ab.json"
    link.symlink_to(real)
    refused(runner, link, ["build", "--out", str(out), "--no-validate"])
    assert untouched(folder) and real.exists()
    link.unlink()
    pipe = out / f"{JOURNAL_PREFIX}{dead_pid()}-0123456789ab.json"
    os.mkfifo(pipe)  # reading a pipe nobody writes to would wait for ever
    refused(runner, pipe, ["build", "--out", str(out), "--no-validate"])


def test_a_staged_name_that_is_a_link_is_never_followed(runner: CliRunner, tmp_path: Path) -> None:
    # Our temporary name, beside the store, but a symbolic link to the victim: its inode (seen
    # through the link) is what the journal gives. Swapping it in would make the store a link to
    # the victim, and the next build's swap would remove the victim's contents.
    build(runner, tmp_path)
    folder = victim(tmp_path / "any" / "folder")
    staged = tmp_path / f".db.new-{dead_pid()}-0123456789ab"
    staged.symlink_to(folder)
    old_link = tmp_path / "out" / f".graph.ttl.tmp-{dead_pid()}-0123456789ab.tmp"
    old_link.symlink_to(folder / "thesis.txt")
    plant(tmp_path / "out", [
        {"target": str(tmp_path / "db"), "staged": str(staged), "folder": True, "inode": folder.stat().st_ino},
        {"target": str(tmp_path / "out" / "graph.ttl"), "staged": str(old_link), "folder": False,
         "inode": (folder / "thesis.txt").stat().st_ino}])
    build(runner, tmp_path)
    build(runner, tmp_path)
    assert untouched(folder)
    assert not (tmp_path / "db").is_symlink() and (tmp_path / "db" / "resilience-kg.json").is_file()
    assert not (tmp_path / "out" / "graph.ttl").is_symlink()
    assert leftovers(tmp_path) == []


def test_planted_names_with_impossible_process_ids_do_not_crash(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.ttl.tmp-99999999999999999999999-0123456789ab.tmp").write_text("x")
    (out / ".graph.ttl.tmp-0-0123456789ab.tmp").write_text("x")
    plant(out, [], pid=99999999999999999999999)
    result = runner.invoke(main, ["build", "--out", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)


def test_a_journal_from_a_run_with_other_outputs_is_refused_not_half_replayed(
        runner: CliRunner, tmp_path: Path, old: dict[str, bytes]) -> None:
    # Killed while swapping, with --store db; rerun without --store: the journal names the store,
    # which this run does not write. It says so (rerun the same way) and touches nothing.
    killed(tmp_path, "_swap_in", 3, build_args(tmp_path))
    now = files_of(tmp_path)
    [journal] = [p for p in (tmp_path / "out").iterdir() if p.name.startswith(JOURNAL_PREFIX)]
    output = refused(runner, journal, ["build", "--out", str(tmp_path / "out"), "--no-validate"])
    assert "rerun it the same way" in output
    assert files_of(tmp_path) == now and store_has_extra(runner, tmp_path)
    # Rerun the same way, through another spelling of the same folders: the journal is replayed.
    (tmp_path / "again").symlink_to(tmp_path)
    result = runner.invoke(main, build_args(tmp_path / "again"))
    assert result.exit_code == 0, result.output
    assert leftovers(tmp_path) == []
