"""``resilience-kg review DIR`` in Chromium, against the real command on loopback with every
other request blocked: accept, reject, edit and undo change the CSVs as they say; the token is
required; a page of another site cannot post; two tabs and an ``extract`` re-run lose nothing;
a folder broken by hand opens with its faulty rows marked; a ten-actor report is reviewed from
the keyboard alone (the keystrokes are counted and printed)."""

from __future__ import annotations

import contextlib
import csv
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import extra
from helpers.browser import PageLog, served_context, wait_until, watch
from helpers.servers import LOOPBACK, Recorder, free_port, kg_command, spawn

from resilience_kg.extract import extract_reports

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

httpx = extra("httpx", extra="client")

pytestmark = [pytest.mark.browser, pytest.mark.server]

# Ten bodies, an event, three issues under pillars drafted from their cues.
REPORT = """Rapat Koordinasi Penanganan Genangan Jakarta Utara

Jakarta, Rabu, 4 Maret 2020. Badan Penanggulangan Bencana Daerah (BPBD) Provinsi DKI Jakarta menyelenggarakan \
Rapat Koordinasi Penanganan Genangan di Balai Kota. Rapat dihadiri oleh perwakilan Dinas Sumber Daya Air (DSDA), \
Dinas Sosial, Dinas Kesehatan, Dinas Perhubungan, Palang Merah Indonesia (PMI) Provinsi DKI Jakarta, Universitas \
Indonesia, PT PLN (Persero), Yayasan Air Bersih Nusantara dan Institute for Transportation and Development Policy \
(ITDP).

Beberapa permasalahan yang mengemuka antara lain: (i) genangan di jalan utama; (ii) sampah yang menyumbat \
saluran; dan (iii) kemacetan lalu lintas saat banjir.
"""
SECOND = """Kunjungan Kerja ke Pintu Air Manggarai

Jakarta, Kamis, 5 Maret 2020. Dinas Lingkungan Hidup (DLH) menyelenggarakan kunjungan kerja ke Pintu Air \
Manggarai. Kunjungan dihadiri oleh PD PAM Jaya.
"""
START_TIMEOUT = 30.0


@dataclass
class Review:
    folder: Path
    base: str
    url: str
    token: str


def make_drafts(folder: Path) -> Path:
    report = folder / "rapat.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = folder / "drafts"
    extract_reports([report], out=out)
    return out


@contextlib.contextmanager
def review(folder: Path, log_dir: Path) -> Iterator[Review]:
    port = free_port()
    process = spawn(kg_command("review", str(folder), "--port", str(port)), log_dir=log_dir, name=f"review-{port}")
    try:
        deadline = time.monotonic() + START_TIMEOUT
        found = None
        while found is None:
            found = re.search(r"open (http://127\.0\.0\.1:\d+/\?token=(\S+))", process.stdout())
            if time.monotonic() > deadline or not process.alive():
                pytest.fail(f"resilience-kg review did not start\n{process.output()}")
            time.sleep(0.1)
        yield Review(folder, f"http://{LOOPBACK}:{port}", found.group(1), found.group(2))
    finally:
        process.stop()


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    return make_drafts(tmp_path)


@pytest.fixture
def running(drafts: Path, tmp_path: Path) -> Iterator[Review]:
    with review(drafts, tmp_path / "logs") as r:
        yield r


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def status_of(folder: Path, table: str, **match: str) -> list[str]:
    return [r["status"] for r in rows(folder / f"{table}.csv") if all(r[k] == v for k, v in match.items())]


def open_review(page: Page, r: Review) -> Page:
    page.goto(r.url)
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
    return page


def row_node(page: Page, table: str, line: int) -> str:
    return f'.row[data-key="{table}:{line}"]'


def line_of(folder: Path, table: str, **match: str) -> int:
    """The CSV line a row starts on (no field of these tables holds a line break)."""
    for n, row in enumerate(rows(folder / f"{table}.csv"), start=2):
        if all(row[k] == v for k, v in match.items()):
            return n
    raise AssertionError(match)


def redrawn_after(page: Page, action: Callable[[], object]) -> None:
    before = page.evaluate("document.body.dataset.drawn")
    action()
    wait_until(page, f"document.body.dataset.drawn !== {before!r}")


def test_the_token_is_required(running: Review) -> None:
    with httpx.Client(timeout=10) as client:
        assert client.get(running.base + "/").status_code == 403
        assert client.get(running.base + "/?token=wrong").status_code == 403
        refused = client.get(running.base + "/api/state")
        assert refused.status_code == 403 and "token" in refused.text
        posted = client.post(running.base + "/api/change", json={"action": "bulk", "threshold": 0, "rows": []})
        assert posted.status_code == 403
        assert client.get(running.base + "/api/state", headers={"X-Review-Token": running.token}).status_code == 200
        page = client.get(running.url)
        assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]


def test_accept_reject_edit_and_undo_in_the_page_change_the_csv(chromium: Browser, running: Review,
                                                                log: PageLog) -> None:
    folder = running.folder
    context = served_context(chromium, log, running.base)
    try:
        page = open_review(watch(context.new_page(), log), running)
        # The rows show their real CSV lines.
        sosial = line_of(folder, "elements", id="dinas-sosial")
        node = row_node(page, "elements", sosial)
        assert page.inner_text(node + " .where") == f"elements.csv:{sosial}"
        redrawn_after(page, lambda: page.click(node + " >> text=Accept"))
        assert status_of(folder, "elements", id="dinas-sosial") == ["accepted"]
        kes = line_of(folder, "connections", **{"from": "dinas-kesehatan", "type": "participatedIn"})
        redrawn_after(page, lambda: page.click(row_node(page, "connections", kes) + " >> text=Reject"))
        assert status_of(folder, "connections", **{"from": "dinas-kesehatan"}) == ["rejected"]
        # Edit: the sector, and same_as from a search of the graph.
        yayasan = line_of(folder, "elements", id="yayasan-air-bersih-nusantara")
        page.click(row_node(page, "elements", yayasan) + " >> text=Edit")
        page.select_option(".editor select >> nth=0", "PrivateCompany")
        page.fill(".editor input[type=search] >> nth=0", "PAM Jaya")
        page.click(".editor .results button >> text=PD PAM Jaya")
        redrawn_after(page, lambda: page.click(".editor >> text=Save (Enter)"))
        wait_until(page, "!document.querySelector('.editor')")
        edited = next(r for r in rows(folder / "elements.csv") if r["id"] == "yayasan-air-bersih-nusantara")
        assert (edited["type"], edited["same_as"]) == ("PrivateCompany", "pam-jaya")
        # Undo the edit from its row, then the reject from the log.
        redrawn_after(page, lambda: page.click(row_node(page, "elements", yayasan) + " >> text=Undo"))
        edited = next(r for r in rows(folder / "elements.csv") if r["id"] == "yayasan-air-bersih-nusantara")
        assert (edited["type"], edited["same_as"]) == ("CivilSocietyOrganization", "")
        redrawn_after(page, lambda: page.click(row_node(page, "connections", kes) + " >> text=Undo"))
        assert status_of(folder, "connections", **{"from": "dinas-kesehatan"}) == ["draft"]
        assert "undo" in page.inner_text("#log")
        assert log.problems() == []
    finally:
        context.close()


ATTACK = """<!DOCTYPE html><html><head><title>another site</title></head><body>
<form id="f" method="post" action="{base}/api/change" enctype="text/plain">
<input name='{{"action":"bulk","threshold":0,"rows":[],"x":"' value='"}}'></form>
<script>
fetch("{base}/api/change", {{method: "POST",
  headers: {{"Content-Type": "application/json", "X-Review-Token": "{token}"}},
  body: JSON.stringify({{action: "bulk", threshold: 0}})}}).then(r => document.title = "fetched " + r.status,
  e => document.title = "fetch refused");
setTimeout(() => document.getElementById("f").submit(), 300);
</script></body></html>"""


def test_a_page_of_another_site_cannot_post(chromium: Browser, running: Review) -> None:
    before = (running.folder / "elements.csv").read_bytes(), (running.folder / "connections.csv").read_bytes()
    body = ATTACK.format(base=running.base, token=running.token).encode()
    with Recorder(200, body, {"Content-Type": "text/html; charset=utf-8"}) as evil:
        evil_base = f"http://localhost:{evil.port}"  # another site than 127.0.0.1 for the browser
        log = PageLog()
        context = served_context(chromium, log, running.base, evil_base)
        try:
            page = watch(context.new_page(), log)
            with page.expect_navigation(url=running.base + "/api/change", wait_until="load") as navigation:
                page.goto(evil_base + "/")
            response = navigation.value
            assert response is not None and response.status == 403
            assert "requests from the web page at" in page.inner_text("body")
        finally:
            context.close()
    # Even the script that knew the token got nothing written.
    assert ((running.folder / "elements.csv").read_bytes(), (running.folder / "connections.csv").read_bytes()) == before
    assert not (running.folder / "review-log.jsonl").exists()


FOCUSED = """(() => {
  const f = document.querySelector('.row.focus');
  const t = f && f.querySelector('.title');
  return f ? {status: f.dataset.status, element: f.classList.contains('element'), title: t ? t.textContent : ''} : null;
})()"""


def test_a_ten_actor_report_is_reviewed_from_the_keyboard(chromium: Browser, running: Review, log: PageLog,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from resilience_kg.extract.gazetteer import SECTORS

    folder = running.folder
    actors = [r for r in rows(folder / "elements.csv") if r["type"] in SECTORS]
    assert 9 <= len(actors) <= 11
    issue = next(r["id"] for r in rows(folder / "elements.csv") if r["id"].startswith("issue-kemacetan"))
    drafted = [r["to"] for r in rows(folder / "connections.csv") if r["from"] == issue and r["type"] == "underPillar"]
    # The reviewer moves this issue to another pillar: the pillar after the drafted one in the
    # editor's list (no pillar, SEHAT, SIAP, TERHUBUNG), or the one before it if it is the last.
    options = ["", "jakarta-sehat", "jakarta-siap", "jakarta-terhubung"]
    at = options.index(drafted[0]) if drafted else 0
    move, target = ("ArrowDown", options[at + 1]) if at + 1 < len(options) else ("ArrowUp", options[at - 1])
    context = served_context(chromium, log, running.base)
    presses: list[str] = []

    def press(key: str) -> None:
        presses.append(key)
        before = page.evaluate("document.body.dataset.drawn")
        page.keyboard.press(key)
        if key in ("A", "a", "r", "Enter", "e"):
            wait_until(page, f"document.body.dataset.drawn !== {before!r}")

    try:
        page = open_review(watch(context.new_page(), log), running)
        keys = page.inner_text("#keys")
        assert "accept" in keys and "reject" in keys and "next" in keys and "previous" in keys
        cards = page.evaluate("document.querySelectorAll('.card').length")
        edited = False
        for _ in range(4 * cards + 20):
            if page.evaluate("document.querySelectorAll('.row[data-status=draft]').length") == 0:
                break
            focused = page.evaluate(FOCUSED)
            if focused["status"] != "draft":
                press("n")  # the next draft row
                continue
            if focused["element"] and "kemacetan" in focused["title"].lower() and not edited:
                press("e")  # the editor opens on the type; Tab to the pillar, pick the other one, save
                wait_until(page, "document.activeElement.tagName === 'SELECT'")
                press("Tab")
                press(move)
                press("Enter")
                wait_until(page, "!document.querySelector('.editor')")
                edited = True
            # An element row: accept it and the links under it (the focus moves to the next card).
            press("A" if focused["element"] else "a")
        assert log.problems() == []
    finally:
        context.close()
    table = rows(folder / "elements.csv") + rows(folder / "connections.csv")
    assert [r for r in table if r["status"] == "draft"] == []
    placed = [(r["to"], r["status"]) for r in rows(folder / "connections.csv")
              if r["from"] == issue and r["type"] == "underPillar"]
    assert placed == [*((d, "rejected") for d in drafted), (target, "accepted")]
    with capsys.disabled():
        print(f"\nkeyboard review of {len(actors)} actors, {cards} cards, {len(table)} rows: "
              f"{len(presses)} key presses ({' '.join(presses)})")
    assert len(presses) <= cards + 4


def test_two_tabs_and_an_extract_re_run_lose_no_change(chromium: Browser, running: Review, log: PageLog,
                                                       tmp_path: Path) -> None:
    folder = running.folder
    context = served_context(chromium, log, running.base)
    try:
        first = open_review(watch(context.new_page(), log), running)
        second = open_review(watch(context.new_page(), log), running)
        sosial = row_node(first, "elements", line_of(folder, "elements", id="dinas-sosial"))
        redrawn_after(first, lambda: first.click(sosial + " >> text=Accept"))
        # The second tab still shows the row as a draft and rejects it: refused, reloaded, said.
        second.click(sosial + " >> text=Reject")
        wait_until(second, "document.getElementById('message').textContent.includes('changed since you loaded')")
        assert status_of(folder, "elements", id="dinas-sosial") == ["accepted"]
        wait_until(second, f"document.querySelector('{sosial}').dataset.status === 'accepted'")
        # An extract run adds another report's rows while the page is open: nothing is lost.
        other = tmp_path / "kunjungan.txt"
        other.write_text(SECOND, encoding="utf-8")
        result = extract_reports([other], out=folder)
        assert result.added_elements > 0
        # The page notices within its poll (3 s) and shows the new report as a second source.
        wait_until(first, "document.getElementById('f-source').options.length === 2")
        assert "changed on disk" in first.inner_text("#message")
        kes = row_node(first, "elements", line_of(folder, "elements", id="dinas-kesehatan"))
        first.click(kes + " >> text=Accept")
        wait_until(first, f"document.querySelector('{kes}').dataset.status === 'accepted'")
        assert status_of(folder, "elements", id="dinas-sosial") == ["accepted"]
        assert status_of(folder, "elements", id="dinas-kesehatan") == ["accepted"]
        # The refused change is the browser's one complaint (a 409 answer is logged as a failed load).
        assert [p for p in log.problems() if "409 (Conflict)" not in p] == []
    finally:
        context.close()


def test_a_folder_broken_by_hand_opens_with_its_faulty_rows_marked(chromium: Browser, drafts: Path, log: PageLog,
                                                                   tmp_path: Path) -> None:
    table = list(csv.reader((drafts / "elements.csv").read_text(encoding="utf-8").splitlines()))
    status = table[0].index("status")
    table[3][status] = "acepted"  # line 4
    table[5].append("a stray field")  # line 6
    with open(drafts / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(table)
    with review(drafts, tmp_path / "logs") as running:
        context = served_context(chromium, log, running.base)
        try:
            page = open_review(watch(context.new_page(), log), running)
            problems = page.inner_text("#problems")
            assert "elements.csv line 4: status 'acepted'" in problems
            assert re.search(r"elements.csv line 6: \d+ fields where the header has \d+", problems)
            assert "cannot be changed here until" in problems
            assert page.locator(".row.faulty").count() >= 2
            assert "status 'acepted'" in page.inner_text(row_node(page, "elements", 4))
            # The other table is still reviewed as usual.
            first = row_node(page, "connections", 2)
            redrawn_after(page, lambda: page.click(first + " >> text=Accept"))
            assert rows(drafts / "connections.csv")[0]["status"] == "accepted"
            assert log.problems() == []
        finally:
            context.close()


def test_the_panel_shows_what_the_accepted_rows_add(chromium: Browser, running: Review, log: PageLog) -> None:
    context = served_context(chromium, log, running.base)
    try:
        page = open_review(watch(context.new_page(), log), running)
        wait_until(page, "document.getElementById('impact').textContent.includes('New actors (0)')")
        page.fill("#bulk-threshold", "0.4")
        redrawn_after(page, lambda: page.click("#bulk-accept"))
        wait_until(page, "document.getElementById('impact').textContent.includes('Yayasan Air Bersih Nusantara')")
        impact = page.inner_text("#impact")
        new = int(re.search(r"New actors \((\d+)\)", impact).group(1))
        # Every accepted actor the bundled graph does not hold is new (BPBD, DSDA, UI, PLN, ITDP and
        # Dishub resolve to known actors; PMI's Jakarta branch is an actor of its own), each with a
        # strength for every pillar.
        assert 1 <= new <= 5
        row = page.locator("#impact tr", has_text="Yayasan Air Bersih Nusantara").inner_text()
        assert len(re.findall(r"\d\.\d\d", row)) == 3
        assert "Known actors whose strengths change" in impact
        assert log.problems() == []
    finally:
        context.close()
