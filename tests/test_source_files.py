"""A sources table reads only texts inside its own folder (issue 9 item 3), and checks each text
against its checksum: a data folder cannot pull ``/etc/passwd`` or ``../private.txt`` into the
graph, the report page or an export."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from helpers import write

from resilience_kg.errors import DataError
from resilience_kg.graph.dataset import load_graph

TEXT = "Lokakarya Surabaya dihadiri oleh Dinas Kebersihan Surabaya.\n"
SECRET = "kata sandi rahasia: hunter2\n"


def folder_with_source(root: Path, file: str, *, checksum: str = "") -> Path:
    """A data folder whose sources.csv names ``file``, plus one report row quoting it."""
    folder = root / "data"
    write(
        folder / "sources.csv",
        "id,title_id,title_en,file,checksum\n" f"sby,Laporan,Report,{file},{checksum}\n",
    )
    write(
        folder / "elements.csv",
        "id,type,label_id,label_en,basis,source,quote\n"
        "sby-dk,GovernmentAgency,Dinas Kebersihan Surabaya,Sanitation Agency,report,sby,Dinas Kebersihan Surabaya\n",
    )
    return folder


def error(folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_graph([folder], bundled=False)
    return info.value


def test_source_inside_the_folder_loads(tmp_path: Path) -> None:
    folder = folder_with_source(tmp_path, "texts/sby.txt")
    write(folder / "texts" / "sby.txt", TEXT)
    kg = load_graph([folder], bundled=False)
    assert TEXT in kg.source_texts.values()


def test_absolute_path_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", SECRET)
    folder = folder_with_source(tmp_path, str(secret))
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "absolute path" in str(exc)
    assert "hunter2" not in str(exc)


def test_etc_passwd_is_refused(tmp_path: Path) -> None:
    exc = error(folder_with_source(tmp_path, "/etc/passwd"))
    assert "absolute path" in str(exc)


@pytest.mark.parametrize("name", ["../secret.txt", "texts/../../secret.txt", "..\\secret.txt"])
def test_dot_dot_escape_is_refused(tmp_path: Path, name: str) -> None:
    write(tmp_path / "secret.txt", SECRET)
    folder = folder_with_source(tmp_path, name)
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "'..'" in str(exc)


def test_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", SECRET)
    folder = folder_with_source(tmp_path, "texts/sby.txt")
    (folder / "texts").mkdir()
    os.symlink(secret, folder / "texts" / "sby.txt")
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "symlink" in str(exc)


def test_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "sby.txt", TEXT)
    folder = folder_with_source(tmp_path, "texts/sby.txt")
    os.symlink(tmp_path / "elsewhere", folder / "texts")
    assert "symlink" in str(error(folder))


def test_symlink_inside_the_folder_is_allowed(tmp_path: Path) -> None:
    folder = folder_with_source(tmp_path, "texts/sby.txt")
    write(folder / "originals" / "sby.txt", TEXT)
    (folder / "texts").mkdir()
    os.symlink(folder / "originals" / "sby.txt", folder / "texts" / "sby.txt")
    assert TEXT in load_graph([folder], bundled=False).source_texts.values()


def test_hard_link_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    # A hard link is the outside file itself under a name inside: resolve() cannot see it (issue 18).
    secret = write(tmp_path / "secret.txt", SECRET)
    folder = folder_with_source(tmp_path, "texts/sby.txt")
    (folder / "texts").mkdir()
    os.link(secret, folder / "texts" / "sby.txt")
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "hard link" in str(exc) and "hunter2" not in str(exc)


def test_symlink_inside_to_a_hard_link_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", SECRET)
    folder = folder_with_source(tmp_path, "texts/sby.txt")
    os.link(secret, folder / "hidden.txt")
    (folder / "texts").mkdir()
    os.symlink(folder / "hidden.txt", folder / "texts" / "sby.txt")
    assert "hard link" in str(error(folder))


def test_missing_source_text_names_the_row(tmp_path: Path) -> None:
    folder = folder_with_source(tmp_path, "texts/none.txt")
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "cannot read the source text 'texts/none.txt'" in str(exc)


def test_matching_checksum_loads(tmp_path: Path) -> None:
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    folder = folder_with_source(tmp_path, "sby.txt", checksum=f"sha256:{digest}")
    write(folder / "sby.txt", TEXT)
    assert load_graph([folder], bundled=False).source_texts


def test_checksum_mismatch_names_the_file(tmp_path: Path) -> None:
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    folder = folder_with_source(tmp_path, "sby.txt", checksum=f"sha256:{digest}")
    write(folder / "sby.txt", TEXT.replace("Surabaya.", "Surabaya!"))
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "'sby.txt' does not match its checksum" in str(exc)


def test_malformed_checksum_is_refused(tmp_path: Path) -> None:
    folder = folder_with_source(tmp_path, "sby.txt", checksum="md5:abc")
    write(folder / "sby.txt", TEXT)
    assert "must be sha256:" in str(error(folder))


def test_bundled_sources_carry_a_checksum_that_matches() -> None:
    from resilience_kg.data import data_dir

    table = data_dir().joinpath("sources.csv").read_text(encoding="utf-8")
    assert "sha256:" in table
    load_graph()  # would raise on a mismatch
